"""Shared fixtures and helpers: Sphinx's own test fixtures, the test roots, strict builds, warnings and pages.

Helpers are fixtures (``warnings_of``, ``soup``, ``edit``, ``strict_build``), so no test module imports another.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from handbook_build import build

pytest_plugins = "sphinx.testing.fixtures"

TESTS = Path(__file__).parent
PROJECT = TESTS.parent
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def pytest_addoption(parser) -> None:
    parser.addoption(
        "--regen-regression",
        action="store_true",
        default=False,
        help="rewrite the files under tests/regression/ from the current output instead of comparing",
    )


def _strict_build(srcdir: Path, outdir: Path, confdir: Path | None = None, options: tuple[str, ...] = ()) -> Path:
    """A strict parallel build in a subprocess, as `make html` runs it, into ``OUTDIR/html``; fails on any output.
    ``options`` are more sphinx-build arguments, such as ("-D", "checklist_pdf_dir=pdf") as `make site` passes."""
    return build(srcdir, outdir, confdir=confdir, extra=options)


def _warnings_of(app) -> list[str]:
    """The warning lines of a build, without colour codes."""
    text = _ANSI.sub("", app.warning.getvalue())
    return [line for line in text.splitlines() if "WARNING" in line or "ERROR" in line]


def _soup(app, page: str) -> BeautifulSoup:
    """A built page of ``app`` as BeautifulSoup."""
    return BeautifulSoup((Path(app.outdir) / page).read_text(encoding="utf-8"), "html.parser")


def _edit(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in the file by ``new``; ``old`` must be there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return TESTS / "roots"


@pytest.fixture(scope="session")
def strict_build():
    """``strict_build(srcdir, outdir, confdir=None, options=())``: a strict build in a subprocess; returns its html folder."""
    return _strict_build


@pytest.fixture(scope="session")
def warnings_of():
    """``warnings_of(app)``: the warning lines of a build, without colour codes."""
    return _warnings_of


@pytest.fixture(scope="session")
def soup():
    """``soup(app, page)``: a built page as BeautifulSoup."""
    return _soup


@pytest.fixture(scope="session")
def edit():
    """``edit(path, old, new)``: replace the first ``old`` in a file, which must contain it."""
    return _edit


@pytest.fixture
def project(tmp_path, rootdir) -> Path:
    """A private copy of tests/roots/test-basic that a test may edit."""
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-basic", src)
    return src


@pytest.fixture(scope="session")
def handbook_html(tmp_path_factory) -> Path:
    """One strict build of the real handbook for the whole session, shared by the build and browser tests."""
    return _strict_build(PROJECT / "docs", tmp_path_factory.mktemp("handbook"), confdir=PROJECT)


@pytest.fixture(scope="session")
def regen_regression(request) -> bool:
    """True when pytest runs with --regen-regression: regression files are rewritten, not compared."""
    return request.config.getoption("--regen-regression")
