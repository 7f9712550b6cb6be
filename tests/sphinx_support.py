"""Helpers of Sphinx test builds: a strict build as `make html` runs it, warnings without colour codes,
pages as BeautifulSoup."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

TESTS = Path(__file__).parent
PROJECT = TESTS.parent

def strict_build(srcdir: Path, outdir: Path, confdir: Path | None = None, options: tuple[str, ...] = ()) -> Path:
    """A strict parallel Sphinx build in a subprocess, as `make html` runs it; fails on any output.
    ``options`` are more sphinx-build arguments, such as ("-D", "checklist_pdf_dir=pdf") as `make site` passes."""
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-n", "-q", "-j", "auto", "-c", str(confdir or srcdir),
         "-d", str(outdir / "doctrees"), *options, "-b", "html", str(srcdir), str(outdir / "html")],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == ""
    return outdir / "html"


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def warnings_of(app) -> list[str]:
    """The warning lines of a build, without colour codes."""
    text = _ANSI.sub("", app.warning.getvalue())
    return [line for line in text.splitlines() if "WARNING" in line or "ERROR" in line]


def soup(app, page: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / page).read_text(encoding="utf-8"), "html.parser")
