"""Bad input to the command lines (python -m sphinx_checklist, python -m handbook_pdf) ends in one line and status 1 or 2."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
LONG = "a" * 300


@pytest.fixture
def folder(tmp_path, rootdir) -> Path:
    shutil.copytree(rootdir / "test-basic", tmp_path / "proj")
    return tmp_path / "proj"


def run(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(PROJECT / "ext"), **env}
    return subprocess.run([sys.executable, *args], cwd=cwd, env=environment, capture_output=True, text=True, timeout=120)


def one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> str:
    assert result.returncode in (1, 2), result
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


CLI = ("-m", "sphinx_checklist")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("check", "--dir", "nowhere"), ("--dir nowhere does not exist",)),
        (("check", "--dir", "conf.py"), ("is a file, not a folder",)),
        (("new", LONG, "--title", "T"), ("too long",)),
        (("new", "x", "--title", "T", "--dir", "/proc"), ("/proc/x.yaml",)),
        (("schema", "--output", "/proc/x"), ("no file can be created in /proc",)),
        (("schema", "--output", "checklists"), ("is a folder",)),
        (("schema", "--output", LONG), ("300 characters is too long",)),
        (("export", "demo", "--format", "csv", "--output", "nowhere/x.csv"), ("its folder nowhere does not exist",)),
        (("export", "demo", "--format", "html", "--output", "checklists"), ("is a folder",)),
        (("export", "demo", "--format", "pdf", "--output", "/proc/x.pdf"), ("/proc",)),
    ],
)
def test_bad_paths_get_one_line(folder, args, words):
    one_line_error(run(folder, *CLI, *args), *words)


def test_no_checklists_folder_here_says_where_to_run(tmp_path):
    one_line_error(run(tmp_path, *CLI, "check"), "no checklists/ folder", "--dir")


def test_a_bad_setting_in_conf_py_is_one_line(folder):
    with (folder / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('\nchecklist_roles = {"Bad Id": "x"}\n')
    one_line_error(run(folder, *CLI, "check"), "conf.py", "'Bad Id' is not a valid reader role id")


def test_check_names_the_links_and_folders_it_does_not_read(folder):
    (folder / "checklists" / "gone.yaml").symlink_to("missing.yaml")
    (folder / "checklists" / "drafts").mkdir()
    result = run(folder, *CLI, "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "gone.yaml: a link to missing.yaml, which does not exist" in result.stdout
    assert "drafts/ is a folder, not read" in result.stdout


def test_pdf_export_without_chromium_says_so_before_building(folder):
    one_line_error(
        run(folder, *CLI, "export", "demo", "--format", "pdf", CHROMIUM="/nonexistent/chromium"), "Chromium is missing at /nonexistent"
    )


def test_pdf_export_with_a_chromium_that_fails_to_start(folder, tmp_path):
    fake = tmp_path / "fake-chromium"
    fake.write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")
    fake.chmod(0o755)
    one_line_error(run(folder, *CLI, "export", "demo", "--format", "pdf", CHROMIUM=str(fake)), "did not start")


def test_argparse_errors_are_a_usage_line_and_an_error_line(folder):
    result = run(folder, *CLI, "export", "demo", "--paper", "a5")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines[0].startswith("usage: ") and ": error: argument --paper" in lines[-1], result.stderr


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda root: None, ("does not exist",)),
        (lambda root: (root / "site").write_text("x", encoding="utf-8"), ("is a file",)),
        (
            lambda root: (root / "site").mkdir() or (root / "site" / "checklists.json").write_text("{no", encoding="utf-8"),
            ("not the JSON",),
        ),
        (lambda root: (root / "site").mkdir() or (root / "site" / "checklists.json").write_text("[]", encoding="utf-8"), ("no list",)),
    ],
)
def test_handbook_pdf_bad_sites_get_one_line(tmp_path, make, words):
    make(tmp_path)
    one_line_error(run(tmp_path, "-m", "handbook_pdf", "site"), *words)
