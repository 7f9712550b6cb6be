"""`make check`: every check a pull request must pass, with one summary at the end.

Steps: the checklist files against the schema and rules; a lint of the Python code (ruff check) and its
formatting (ruff format --check); the types of the extension packages (mypy, strict, as [tool.mypy] in
pyproject.toml says) and of the browser scripts (tsc, as tsconfig.json says); the strict build, which also
fails on Markdown links to headings that do not exist; and every test.
Run from the repository root: .venv/bin/python scripts/check.py [--skip-tests] [--root DIR]
(`make check` installs node_modules, where tsc comes from, first.)
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import handbook_build

BIN = Path(sys.executable).parent
#: What ruff lints and formats.
PYTHON_PATHS = ["ext", "tests", "bench", "scripts", "conf.py"]


def steps(root: Path, skip_tests: bool) -> list[tuple[str, list[str]]]:
    out = [
        (
            "checklist files (schema, ids, references inside each file)",
            [sys.executable, "-m", "sphinx_checklist", "check", "--dir", str(root / "checklists")],
        ),
        ("python lint (ruff)", [str(BIN / "ruff"), "check", *PYTHON_PATHS]),
        ("python format (ruff format --check; `ruff format` fixes it)", [str(BIN / "ruff"), "format", "--check", *PYTHON_PATHS]),
        ("python types (mypy, strict on ext/)", [str(BIN / "mypy")]),
        ("script types (tsc)", [str(root / "node_modules" / ".bin" / "tsc"), "--noEmit", "-p", "tsconfig.json"]),
        (
            f"strict build ({' '.join(handbook_build.STRICT)}: broken references, links and checklists)",
            handbook_build.command("docs", "_build/check/html", confdir=".", doctrees="_build/check/doctrees", quiet=True),
        ),
    ]
    if not skip_tests:
        out.append(("tests (make test)", ["make", "--no-print-directory", "test"]))
    return out


def run(command: list[str], root: Path) -> int:
    """The exit status of one step; a missing program fails the step, saying what installs it."""
    try:
        return subprocess.run(command, cwd=root, check=False).returncode
    except FileNotFoundError:
        print(f"error: {command[0]} is missing; `make check` installs what it needs (.venv, node_modules)", flush=True)
        return 127


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-tests", action="store_true", help="everything but the test suite (faster)")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the repository to check")
    args = parser.parse_args()
    results = []
    for title, command in steps(args.root, args.skip_tests):
        print(f"\n=== {title}", flush=True)
        results.append((title, run(command, args.root)))
    print("\n=== make check summary")
    for title, code in results:
        print(f"  {'PASS' if code == 0 else 'FAIL'}  {title}")
    failed = [title for title, code in results if code]
    print(f"{len(failed)} of {len(results)} checks failed" if failed else "all checks passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
