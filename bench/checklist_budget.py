"""Size and speed budget of the interactive checklists.

- Size: what every page with a checklist downloads, our script and stylesheet (checklist.js, which bundles
  checklist-core.js, and checklist.css) as the build ships them (minified), gzipped: budget 14 KB (raised from 12 KB
  when saves began merging per item across tabs, setting data aside verifiably and scoping storage to the site's
  folder: about 1.7 KB that keeps answers safe). Apart, each part checklist.js loads only when a reader wants it:
  checklist-print.js (paper copies, the Print or pack dialog), checklist-export.js (exports, import, share links),
  checklist-results.js/.css (an assessment's results, once it has a rating) and checklist-compare.js (Compare),
  budget 5 KB each.
- Speed: a generated 200-item checklist and a 200-item assessment, each built with the real extension
  and theme, opened in headless Debian Chromium; the time the script takes from its start to every
  control being live (a performance.measure in checklist.js): budget 50 ms. Median of N loads.

Run: make bench, or .venv/bin/python bench/checklist_budget.py --loads 7
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import statistics
import tempfile
from pathlib import Path

import yaml
from handbook_build import build
from sphinx_checklist.assets import ASSETS, LAZY_PARTS
from sphinx_checklist.printing import chromium, served

ROOT = Path(__file__).resolve().parent.parent

SIZE_BUDGET = 14 * 1024  # checklist.js + checklist.css, on every page with a checklist
PART_BUDGET = 5 * 1024  # each of LAZY_PARTS, loaded when first wanted
TIME_BUDGET_MS = 50


def gzipped_sizes(static_dir: Path) -> dict[str, int]:
    """What a browser downloads: the minified files the build ships, gzipped."""
    return {name: len(gzip.compress((static_dir / name).read_bytes(), compresslevel=9)) for name in ASSETS}


def big_checklist(kind: str, items: int) -> dict:
    sections = []
    # a checklist keeps to at most nine items per section (checklist.long_section); an assessment may rate more
    per_section = 20 if kind == "assessment" else 8
    for s in range(items // per_section):
        section = {"id": f"s{s}", "title": f"Section {s}", "items": []}
        for i in range(per_section):
            item = {
                "id": f"i{s}-{i}",
                "text": f"Item {s}.{i}: check that the *thing* number {i} is ready.",
                "roles": ["facilitator", "member"] if i % 2 else ["funder"],
                "source": "guide",
            }
            if kind == "assessment":
                item["group"] = "a" if i % 2 else "b"
                item["weights"] = {"x": i % 4, "y": 3 - i % 4} if i % 4 else {"x": 1}
                item["low_rating_guidance"] = "Do something about it."
            else:
                item["allow_na"] = i % 3 == 0
            section["items"].append(item)
        sections.append(section)
    data = {
        "id": f"big-{kind}",
        "title": f"Big {kind}",
        "description": "Generated for the benchmark.",
        "kind": kind,
        "version": "1.0",
        "audience": ["facilitator"],
        "sources": [{"report": "ipa-2025-report", "section": "Any"}],
        "sections": sections,
    }
    if kind == "checklist":
        data["mode"] = "read-do"
    if kind == "assessment":
        data["scale"] = {
            "levels": [{"value": v, "label": f"L{v}", "description": f"Level {v}."} for v in (1, 2, 3, 4)],
            "unknown": {"label": "Don't know"},
            "low_below": 2,
        }
        data["groups"] = [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}]
        data["outcomes"] = [{"id": "x", "title": "X"}, {"id": "y", "title": "Y"}]
    return data


def make_project(where: Path, items: int) -> Path:
    src = where / "src"
    shutil.copytree(ROOT / "tests" / "roots" / "test-browser", src)
    for kind in ("checklist", "assessment"):
        (src / "checklists" / f"big-{kind}.yaml").write_text(yaml.safe_dump(big_checklist(kind, items)), encoding="utf-8")
        (src / f"big-{kind}.md").write_text(
            f"# Big {kind}\n\n(guide)=\n## Guide\n\n```{{checklist}} big-{kind}\n```\n"
            if kind == "checklist"
            else f"# Big {kind}\n\n```{{checklist}} big-{kind}\n```\n",
            encoding="utf-8",
        )
    index = src / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace("assessment\n", "assessment\nbig-checklist\nbig-assessment\n"), encoding="utf-8"
    )
    return src


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=7)
    parser.add_argument("--items", type=int, default=200)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        src = make_project(Path(tmp), args.items)
        site = build(src, Path(tmp) / "out")
        sizes = gzipped_sizes(site / "_static")
        page = {k: v for k, v in sizes.items() if k not in LAZY_PARTS}
        total = sum(page.values())
        print(
            "gzipped, as shipped: "
            + ", ".join(f"{k} {v / 1024:.1f} KB" for k, v in page.items())
            + f"; with the page {total / 1024:.1f} KB (budget {SIZE_BUDGET / 1024:.0f} KB) {'OK' if total <= SIZE_BUDGET else 'OVER'}"
        )
        for name in LAZY_PARTS:
            print(
                f"  loaded when wanted: {name} {sizes[name] / 1024:.1f} KB (budget {PART_BUDGET / 1024:.0f} KB) "
                f"{'OK' if sizes[name] <= PART_BUDGET else 'OVER'}"
            )
        # The site as make pdf serves it to Chromium (no CSP header: each page's own <meta> policy applies).
        with served(site) as url, chromium() as browser:
            for kind in ("checklist", "assessment"):
                times = []
                for _ in range(args.loads):
                    context = browser.new_context()
                    page = context.new_page()
                    page.goto(url + f"big-{kind}.html")
                    page.wait_for_selector("html[data-checklists-ready=true]")
                    rows = page.locator("tr.checklist-item").count()
                    times.append(page.evaluate("performance.getEntriesByName('checklists-ready')[0].duration"))
                    context.close()
                median = statistics.median(times)
                print(
                    f"{rows}-item {kind}: script ready in median {median:.1f} ms (min {min(times):.1f}, "
                    f"max {max(times):.1f}, {args.loads} loads; budget {TIME_BUDGET_MS} ms) "
                    f"{'OK' if median <= TIME_BUDGET_MS else 'OVER'}"
                )


if __name__ == "__main__":
    main()
