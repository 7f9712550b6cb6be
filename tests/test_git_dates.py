"""handbook_git_dates: each page shows the date of the last commit that changed its source file; a page not yet
committed, a build outside a git repository and a machine without git show no date rather than a wrong one."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from handbook_git_dates import commit_dates

CONF = 'extensions = ["handbook_git_dates"]\nhtml_theme = "furo"\n'
INDEX = "Home\n====\n\n.. toctree::\n\n   changed\n   unchanged\n   fresh\n"
FIRST, SECOND = "2024-01-15T10:00:00+00:00", "2024-06-20T18:30:00+00:00"


def git(repo: Path, *args: str, date: str | None = None) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def page(path: Path, title: str, body: str) -> None:
    path.write_text(f"{title}\n{'=' * len(title)}\n\n{body}\n", encoding="utf-8")


@pytest.fixture(autouse=True)
def no_repository_above(tmp_path, monkeypatch):
    """Git must not find a repository above the test's folder (say, if the temporary folder sits in a checkout)."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))


@pytest.fixture
def project(tmp_path) -> Path:
    """Two commits: the first adds every page, the second changes only changed.rst; fresh.rst is never committed."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "index.rst").write_text(INDEX, encoding="utf-8")
    page(src / "changed.rst", "Changed", "First words.")
    page(src / "unchanged.rst", "Unchanged", "Never edited.")
    git(src, "init", "--quiet")
    git(src, "add", "conf.py", "index.rst", "changed.rst", "unchanged.rst")
    git(src, "commit", "--quiet", "-m", "first", date=FIRST)
    page(src / "changed.rst", "Changed", "Second words.")
    git(src, "commit", "--quiet", "-am", "second", date=SECOND)
    page(src / "fresh.rst", "Fresh", "Written, not yet committed.")
    return src


def last_updated(app, name: str) -> str | None:
    html = (Path(app.outdir) / f"{name}.html").read_text(encoding="utf-8")
    marker = "Last updated on "
    if marker not in html:
        return None
    return html.split(marker, 1)[1].split("<", 1)[0].strip().rstrip(".")


def test_each_page_shows_the_date_of_its_last_commit(make_app, project, warnings_of):
    app = make_app("html", srcdir=project)
    app.build()
    assert warnings_of(app) == []
    assert last_updated(app, "changed") == "2024-06-20"
    assert last_updated(app, "unchanged") == "2024-01-15"
    assert last_updated(app, "index") == "2024-01-15"
    assert last_updated(app, "fresh") is None  # not committed yet: no date rather than a wrong one


def test_outside_a_git_repository_no_page_shows_a_date(make_app, tmp_path, warnings_of):
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    page(src / "index.rst", "Home", "No repository here.")
    assert commit_dates(src) == {}
    app = make_app("html", srcdir=src)
    app.build()
    assert warnings_of(app) == []
    assert last_updated(app, "index") is None


def test_without_git_installed_there_are_no_dates(project, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert commit_dates(project) == {}
