"""Time `make pdf`: every PDF from a clean state, and the re-print after editing one checklist.

usage: python bench/pdf_times.py
Builds the site as `make site` does (strict, with PDF links) in a temporary folder, prints every PDF,
then edits one checklist item in a copy of the project, rebuilds and prints again: only that
checklist's two PDFs and the handbook PDF should be printed. Prints times and counts; not a test.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

import handbook_build
from handbook_pdf.build import build

PROJECT = Path(__file__).resolve().parent.parent


def site_build(project: Path, out: Path) -> float:
    started = time.perf_counter()
    handbook_build.run(
        project / "docs",
        out / "site",
        confdir=project,
        doctrees=out / "doctrees",
        define={"checklist_pdf_dir": "pdf"},
        quiet=True,
        check=True,
    )
    return time.perf_counter() - started


def timed_print(site: Path) -> tuple[float, dict]:
    started = time.perf_counter()
    done = build(site, log=lambda message: None)
    return time.perf_counter() - started, done


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="pdf-bench-") as tmp:
        project = Path(tmp) / "project"
        project.mkdir()
        for name in ("conf.py", "docs", "checklists", "references"):
            source = PROJECT / name
            (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
        out = Path(tmp) / "out"
        html = site_build(project, out)
        clean, done = timed_print(out / "site")
        print(f"clean: site build {html:.1f} s, {len(done['printed'])} PDFs printed in {clean:.1f} s")
        path = project / "checklists" / "before-convening.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("Start from the next steps", "Begin from the next steps", 1), encoding="utf-8")
        html = site_build(project, out)
        again, done = timed_print(out / "site")
        print(
            f"after editing before-convening.yaml: site rebuild {html:.1f} s, printed {sorted(done['printed'])} "
            f"in {again:.1f} s, kept {len(done['kept'])}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
