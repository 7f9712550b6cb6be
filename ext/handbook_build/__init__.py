"""The handbook's strict Sphinx build in one place: its arguments for `make`, scripts/check.py, the tests and bench/.

Strict means every warning fails the build (``-W``), all of them are reported first (``--keep-going``)
and every cross-reference must resolve (``-n``); the build is parallel (``-j auto``) unless told otherwise.
``python -m handbook_build BUILDER SRCDIR OUTDIR [options] [-- more sphinx-build options]`` runs it.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterable, Mapping
from os import PathLike
from pathlib import Path
from typing import TypedDict, Unpack

__version__ = "0.1.0"

#: The options that make a build strict; nothing may weaken them.
STRICT = ("-W", "--keep-going", "-n")

StrPath = str | PathLike[str]


class PlaceOptions(TypedDict, total=False):
    """Options of :func:`arguments` that :func:`build` passes on as given."""

    confdir: StrPath | None
    doctrees: StrPath | None
    jobs: str | int | None
    define: Mapping[str, str] | Iterable[str]
    extra: Iterable[str]


class BuildOptions(PlaceOptions, total=False):
    """Every keyword option of :func:`arguments`."""

    builder: str
    quiet: bool


def arguments(
    srcdir: StrPath,
    outdir: StrPath,
    *,
    builder: str = "html",
    confdir: StrPath | None = None,
    doctrees: StrPath | None = None,
    jobs: str | int | None = "auto",
    define: Mapping[str, str] | Iterable[str] = (),
    quiet: bool = False,
    extra: Iterable[str] = (),
) -> list[str]:
    """The arguments of sphinx-build (without the program name) for a strict build.

    ``confdir`` and ``doctrees`` default to Sphinx's own (the source folder, ``OUTDIR/.doctrees``);
    ``jobs=None`` leaves out ``-j``; ``define`` sets configuration values (``-D name=value``), given as a
    mapping or as ``name=value`` strings; ``extra`` are more sphinx-build options, placed before the folders.
    """
    args = [*STRICT]
    if quiet:
        args.append("-q")
    if jobs is not None:
        args += ["-j", str(jobs)]
    if confdir is not None:
        args += ["-c", str(confdir)]
    if doctrees is not None:
        args += ["-d", str(doctrees)]
    pairs = [f"{name}={value}" for name, value in define.items()] if isinstance(define, Mapping) else list(define)
    for pair in pairs:
        args += ["-D", pair]
    args += [*extra, "-b", builder, str(srcdir), str(outdir)]
    return args


def command(srcdir: StrPath, outdir: StrPath, **options: Unpack[BuildOptions]) -> list[str]:
    """The whole command line of a strict build with this Python (its options are those of :func:`arguments`)."""
    return [sys.executable, "-m", "sphinx", *arguments(srcdir, outdir, **options)]


def run(
    srcdir: StrPath, outdir: StrPath, *, capture: bool = False, check: bool = False, **options: Unpack[BuildOptions]
) -> subprocess.CompletedProcess[str]:
    """Run a strict build in a subprocess; ``capture`` keeps its output as text on the result."""
    return subprocess.run(command(srcdir, outdir, **options), capture_output=capture, text=True, check=check)


class BuildFailed(RuntimeError):
    """A strict build that failed or wrote anything to stderr (its warnings are the message)."""


def build(srcdir: StrPath, outdir: StrPath, *, builder: str = "html", **options: Unpack[PlaceOptions]) -> Path:
    """A quiet strict build into ``OUTDIR/BUILDER`` (doctrees in ``OUTDIR/doctrees``), as `make html` runs it;
    returns that folder, or raises :class:`BuildFailed` on any warning. Other options are those of :func:`arguments`."""
    outdir = Path(outdir)
    options.setdefault("doctrees", outdir / "doctrees")
    result = run(srcdir, outdir / builder, builder=builder, quiet=True, capture=True, **options)
    if result.returncode != 0 or result.stderr.strip():
        raise BuildFailed(f"the strict build of {srcdir} failed (exit status {result.returncode}):\n{result.stderr}")
    return outdir / builder
