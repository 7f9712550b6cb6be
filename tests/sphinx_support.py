"""Kept only for tests/browser, which still import from here: the rest of the suite takes these as fixtures
from tests/conftest.py (``strict_build``), and the strict build itself lives in ext/handbook_build.
Delete this file once tests/browser use the fixtures."""

from __future__ import annotations

from pathlib import Path

from handbook_build import build

TESTS = Path(__file__).parent
PROJECT = TESTS.parent


def strict_build(srcdir: Path, outdir: Path, confdir: Path | None = None, options: tuple[str, ...] = ()) -> Path:
    """A strict parallel build in a subprocess, as `make html` runs it, into ``OUTDIR/html``; fails on any output."""
    return build(srcdir, outdir, confdir=confdir, extra=options)
