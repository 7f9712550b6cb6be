"""Speed budget of Compare: ten respondents on the enabler assessment, rendered in at most 100 ms.

The built handbook (_build/html, built when missing) is served as make pdf serves it; headless Debian Chromium opens
lp/enablers.html in a fresh context each time, presses Compare…, and is given ten JSON exports at once (each rating
about nine in ten statements at random, seeded, a few "don't know"). The figure is the performance.measure
"checklist-compare-render" that checklist-compare.js records around one rendering of the comparison, from the
statistics to the laid-out page (the time to load the part and read the files is not in it). Median of N loads; the
first rendering after adding the files is the one timed (a name typed or Anonymise renders again, as fast).

Run: .venv/bin/python bench/compare_times.py --loads 7
Build first when the site is stale: .venv/bin/python -m handbook_build html docs _build/html -c . -d _build/doctrees -q
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
from pathlib import Path

import handbook_build
from sphinx_checklist.printing import chromium, served

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"
CHECKLIST = "lp-enablers"
TIME_BUDGET_MS = 100


def responses(site: Path, count: int, folder: Path) -> tuple[list[str], int]:
    """``count`` JSON exports of the enabler assessment, as Export JSON writes them; and its number of items."""
    export = json.loads((site / "checklists.json").read_text(encoding="utf-8"))
    checklist = next(c for c in export["checklists"] if c["id"] == CHECKLIST)
    items = [item["id"] for section in checklist["sections"] for item in section["items"]]
    levels = [str(level["value"]) for level in checklist["scale"]["levels"]]
    rng = random.Random(10)
    paths = []
    for n in range(count):
        answers = {item: {"rating": rng.choice([*levels, *levels, "unknown"])} for item in items if rng.random() < 0.9}
        data = {
            "format": 1,
            "type": "checklist-run",
            "checklist": CHECKLIST,
            "version": checklist["version"],
            "exported": "2026-01-01T00:00:00Z",
            "run": {"name": f"Partner {n + 1}", "items": answers},
        }
        path = folder / f"partner-{n + 1}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        paths.append(str(path))
    return paths, len(items)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=7)
    parser.add_argument("--respondents", type=int, default=10)
    args = parser.parse_args()

    if not (SITE / "lp" / "enablers.html").is_file():
        handbook_build.run(ROOT / "docs", SITE, confdir=ROOT, doctrees=ROOT / "_build" / "doctrees", quiet=True, check=True)
    with tempfile.TemporaryDirectory() as tmp:
        files, items = responses(SITE, args.respondents, Path(tmp))
        region = f"#checklist-{CHECKLIST}-compare"
        times = []
        with served(SITE) as url, chromium() as browser:
            for _ in range(args.loads):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                page.goto(url + "lp/enablers.html")
                page.wait_for_selector("html[data-checklists-ready=true]")
                page.click(f"#checklist-{CHECKLIST} .checklist-toolbar button:text-is('Compare…')")
                page.wait_for_selector(f"{region}-files")
                page.evaluate("performance.clearMeasures('checklist-compare-render')")
                page.set_input_files(f"{region}-files", files)
                page.wait_for_selector(f"{region} .checklist-compare-table")
                rows = page.locator(f"{region} .checklist-compare-table tbody tr").count()
                times.append(page.evaluate("performance.getEntriesByName('checklist-compare-render')[0].duration"))
                context.close()
    median = statistics.median(times)
    print(
        f"Compare, {args.respondents} respondents x {items} items ({rows} rows shown): rendered in median {median:.1f} ms "
        f"(min {min(times):.1f}, max {max(times):.1f}, {args.loads} loads; budget {TIME_BUDGET_MS} ms) "
        f"{'OK' if median <= TIME_BUDGET_MS else 'OVER'}"
    )


if __name__ == "__main__":
    main()
