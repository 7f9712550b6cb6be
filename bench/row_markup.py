"""How much HTML a checklist item costs: the bytes of each rendered row, and of its markup alone.

A row's markup is its HTML minus the text a reader sees in it (item text, guidance, roles, source
titles): what the extension adds around the words. Budget: 1 KB of markup per item on average, for
checklists and assessments separately. Reads a built site (default ``_build/html``; build it with
``make html`` if missing), so it measures exactly what readers download.

    .venv/bin/python bench/row_markup.py [--site _build/html]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

BUDGET = 1024
ROOT = Path(__file__).resolve().parent.parent


def rows_by_kind(site: Path) -> dict[str, list[tuple[int, int]]]:
    """kind -> (row bytes, visible text bytes) of every item row of every page."""
    found: dict[str, list[tuple[int, int]]] = {}
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        if "checklist-item" not in html:
            continue
        for root in BeautifulSoup(html, "html.parser").select("div.checklist"):
            for row in root.select("tr.checklist-item"):
                found.setdefault(root["data-checklist-kind"], []).append(
                    (len(str(row).encode("utf-8")), len(row.get_text().encode("utf-8")))
                )
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html")
    args = parser.parse_args()
    if not (args.site / "index.html").is_file():
        subprocess.run(["make", "html"], cwd=ROOT, check=True)
    found = rows_by_kind(args.site)
    if not found:
        print(f"no checklist rows in {args.site}; build the site first (make html)", file=sys.stderr)
        return 2
    print("| kind | items | row bytes (mean) | markup bytes (mean) | markup (max) | budget |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    over = False
    for kind, rows in sorted(found.items()):
        markup = [total - text for total, text in rows]
        mean = statistics.mean(markup)
        over |= mean > BUDGET
        print(
            f"| {kind} | {len(rows)} | {statistics.mean(t for t, _ in rows):.0f} | {mean:.0f} | {max(markup)} | "
            f"{'met' if mean <= BUDGET else 'missed'} (≤ {BUDGET}) |"
        )
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
