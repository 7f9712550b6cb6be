"""Every bad setting in conf.py stops sphinx-build with one line naming it: never Sphinx's crash report."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
CSP = 'extensions.append("handbook_csp")\nhtml_theme = "furo"\n'


def build(tmp_path: Path, rootdir: Path, lines: str) -> subprocess.CompletedProcess[str]:
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-basic", src)
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write("\n" + lines + "\n")
    env = {**os.environ, "PYTHONPATH": str(PROJECT / "ext")}
    command = [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(src), str(tmp_path / "out")]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    ("lines", "words"),
    [
        ('checklist_roles = ["chair"]', "checklist_roles must be a mapping"),
        ('checklist_stages = {"Match Day": "x"}', "'Match Day' is not a valid stage id"),
        ('checklist_sources = {"rules": 3}', "checklist_sources['rules'] must be a one-line label"),
        ('checklist_dir = "nowhere"', "checklist_dir 'nowhere' does not exist"),
        ('checklist_dir = "conf.py"', "checklist_dir 'conf.py' is a file"),
        ("checklist_dir = 3", "checklist_dir must be the folder"),
        ('checklist_pdf_dir = "/tmp/pdf"', "checklist_pdf_dir must be a folder inside the site"),
        ('checklist_pdf_dir = "../pdf"', "checklist_pdf_dir must be a folder inside the site"),
        ('checklist_storage_prefix = "my prefix"', "checklist_storage_prefix must be"),
        ('checklist_advice_label = ""', "checklist_advice_label must be a one-line label"),
        (CSP + 'handbook_csp_policy = ""', "handbook_csp_policy is empty"),
        (CSP + "handbook_csp_policy = \"default-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'\"", "'unsafe-inline'"),
        (CSP + "handbook_csp_policy = \"default-src 'self' 'unsafe-eval'; object-src 'none'; base-uri 'self'\"", "'unsafe-eval'"),
        (CSP + "handbook_csp_policy = \"default-src *; object-src 'none'; base-uri 'self'\"", "the wildcard *"),
        (
            CSP + "handbook_csp_policy = \"default-src 'self'; script-src https://cdn.example.com; object-src 'none'; base-uri 'self'\"",
            "https://cdn",
        ),
        (CSP + "handbook_csp_policy = \"img-src 'self'\"", "neither script-src nor default-src"),
        (CSP + "handbook_csp_policy = \"default-src 'self'; base-uri 'self'\"", "object-src 'none'"),
        (CSP + "handbook_csp_policy = \"default-src 'self' 'unsafe-inlin\"", "cannot be read"),
    ],
)
def test_a_bad_setting_stops_the_build_in_one_line(tmp_path, rootdir, lines, words):
    result = build(tmp_path, rootdir, lines)
    assert result.returncode in (1, 2), result
    assert "Traceback" not in result.stderr and "Exception occurred" not in result.stderr and "open an issue" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and errors[0].startswith("error: ") and "conf.py" in errors[0], result.stderr
    assert words in errors[0], errors[0]


def test_a_weaker_policy_builds_when_its_reason_is_given(tmp_path, rootdir):
    policy = "handbook_csp_policy = \"default-src 'self' https://cdn.example.org; object-src 'none'; base-uri 'self'\""
    result = build(tmp_path, rootdir, CSP + policy + '\nhandbook_csp_allow_weaker = "our fonts come from our own CDN"')
    assert result.returncode == 0, result.stderr
    assert "https://cdn.example.org" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
