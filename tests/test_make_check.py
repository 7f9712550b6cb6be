"""`make check` passes on the repository and fails, naming the step, on each kind of problem it claims to catch."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    """The repository's files (tracked and new, not ignored), copied once."""
    root = tmp_path_factory.mktemp("check") / "repo"
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"], cwd=PROJECT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    for name in listed:
        if (PROJECT / name).is_file():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(PROJECT / name, root / name)
    return root


@pytest.fixture
def repo(pristine, tmp_path):
    copy = tmp_path / "repo"
    shutil.copytree(pristine, copy)
    # tsc comes from the repository's node_modules (make check and make test install it), not copied.
    (copy / "node_modules").symlink_to(PROJECT / "node_modules", target_is_directory=True)
    return copy


def run_check(root):
    return subprocess.run(
        [sys.executable, "scripts/check.py", "--skip-tests", "--root", str(root)], cwd=root, capture_output=True, text=True, check=False
    )


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_passes_on_the_repository(repo):
    result = run_check(repo)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "all checks passed" in result.stdout


def test_fails_on_a_link_to_a_heading_that_does_not_exist(repo):
    page = repo / "docs" / "cop" / "participation.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [the missing part](#no-such-heading).\n", encoding="utf-8")
    result = run_check(repo)
    assert result.returncode == 1
    assert "FAIL  strict build" in result.stdout
    assert "participation.md" in result.stderr + result.stdout and "no-such-heading" in result.stderr + result.stdout


def test_fails_on_a_typo_key_in_a_checklist(repo):
    edit(repo / "checklists" / "before-convening.yaml", "\ntitle:", "\ntitel:")
    result = run_check(repo)
    assert result.returncode == 1
    assert "FAIL  checklist files" in result.stdout
    assert "before-convening.yaml:" in result.stdout and "'titel'" in result.stdout


def test_fails_on_a_python_lint_error(repo):
    edit(
        repo / "ext" / "sphinx_checklist" / "config.py",
        "from __future__ import annotations\n",
        "from __future__ import annotations\n\nimport os\n",
    )
    result = run_check(repo)
    assert result.returncode == 1
    assert "FAIL  python lint" in result.stdout and "F401" in result.stdout


def test_fails_on_a_python_formatting_difference(repo):
    edit(
        repo / "ext" / "sphinx_checklist" / "config.py",
        "from __future__ import annotations\n",
        "from __future__ import annotations\n\nSPACED = {  'a':1 }\n",
    )
    result = run_check(repo)
    assert result.returncode == 1
    assert "FAIL  python format" in result.stdout and "ext/sphinx_checklist/config.py" in result.stdout


def test_fails_on_a_python_type_error(repo):
    # Returns text where the function says it returns a Path: lint and format are clean, only mypy objects.
    edit(repo / "ext" / "handbook_build" / "__init__.py", "    return outdir / builder\n", "    return str(outdir / builder)\n")
    result = run_check(repo)
    assert result.returncode == 1
    assert "FAIL  python types" in result.stdout
    assert "handbook_build/__init__.py" in result.stdout and "[return-value]" in result.stdout
    assert "PASS  python lint" in result.stdout and "PASS  python format" in result.stdout


def test_fails_on_a_script_type_error(repo):
    script = repo / "ext" / "sphinx_checklist" / "static" / "checklist-core.js"
    script.write_text(script.read_text(encoding="utf-8") + '\n/** @type {number} */\nconst notANumber = "text";\n', encoding="utf-8")
    result = run_check(repo)
    assert result.returncode == 1
    assert "FAIL  script types" in result.stdout
    assert "checklist-core.js" in result.stdout and "TS2322" in result.stdout
