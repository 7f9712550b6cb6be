"""Time the handbook's strict build: from clean, and after editing one checklist file.

usage: python bench/build_times.py [--runs N] [--jobs auto|1]
Prints the median and range of each over N runs; nothing here is a pass/fail test.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import handbook_build

PROJECT = Path(__file__).resolve().parent.parent


def sphinx(out: Path, jobs: str) -> float:
    start = time.perf_counter()
    handbook_build.run(PROJECT / "docs", out / "html", confdir=PROJECT, doctrees=out / "doctrees", jobs=jobs, quiet=True, check=True)
    return time.perf_counter() - start


def touch_checklist(path: Path) -> None:
    """An edit that changes the file's content and time, then is undone by the caller."""
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", default="auto")
    parser.add_argument("--checklist", default="before-convening")
    args = parser.parse_args()
    target = PROJECT / "checklists" / f"{args.checklist}.yaml"
    original = target.read_text(encoding="utf-8")
    clean, rebuild = [], []
    try:
        for _ in range(args.runs):
            out = Path(tempfile.mkdtemp(prefix="handbook-bench-"))
            clean.append(sphinx(out, args.jobs))
            touch_checklist(target)
            rebuild.append(sphinx(out, args.jobs))
            target.write_text(original, encoding="utf-8")
            shutil.rmtree(out)
    finally:
        target.write_text(original, encoding="utf-8")
    for name, times in (("clean build", clean), (f"rebuild after editing {target.name}", rebuild)):
        print(
            f"{name}: median {statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f}, "
            f"{len(times)} runs, -j {args.jobs})"
        )


if __name__ == "__main__":
    main()
