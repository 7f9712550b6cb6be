"""The archetype page explains the ranking the script computes: its numbers are checked against checklist-stats.js
run on the checklist's own weights, so a change to either the formula or the weights that the page does not follow
fails here (issue 10: the page and the code once disagreed)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
STATS = ROOT / "ext" / "sphinx_checklist" / "static" / "checklist-stats.js"
PAGE = ROOT / "docs" / "lp" / "archetypes.md"
CHECKLIST = ROOT / "checklists" / "lp-archetype-fit.yaml"
#: the worked example's three answers, as the page describes them
EXAMPLE = {"partners-and-programme": "3", "for-partners": "2", "external-facilitator": "1"}


def _stats(expression: str, **values: object) -> object:
    """Evaluate ``expression`` in Node with ``stats`` (checklist-stats.js) and ``values`` in scope."""
    script = f"const stats = require({json.dumps(str(STATS))});\n"
    script += "".join(f"const {name} = {json.dumps(value)};\n" for name, value in values.items())
    script += f"process.stdout.write(JSON.stringify({expression}));"
    done = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def _table(heading: str) -> list[list[str]]:
    """The rows of the first Markdown table after the paragraph that starts with ``heading``."""
    text = PAGE.read_text(encoding="utf-8")
    after = text[text.index(heading) :]
    rows = re.findall(r"^\|(.+)\|$", after, flags=re.M)
    table = []
    for row in rows[2:]:
        table.append([cell.strip() for cell in row.split("|")])
        if not after.split(f"|{row}|", 1)[1].startswith("\n|"):
            break
    return table


def _checklist() -> tuple[dict[str, str], list[dict[str, object]], dict[str, object]]:
    data = yaml.safe_load(CHECKLIST.read_text(encoding="utf-8"))
    titles = {o["id"]: o["title"] for o in data["outcomes"]}
    items = [{"id": item["id"], "weights": item.get("weights") or {}} for section in data["sections"] for item in section["items"]]
    scale = {"levels": data["scale"]["levels"], "unknown": "?"}
    return titles, items, scale


def test_the_minimum_the_page_states_is_the_one_the_script_applies():
    titles, items, _ = _checklist()
    stated = {row[0]: (int(row[1]), int(row[2])) for row in _table("**No fit on too few answers.**")}
    computed = {}
    for outcome, title in titles.items():
        bearing = sum(1 for item in items if float(item["weights"].get(outcome, 0)) > 0)
        computed[title] = (bearing, _stats("stats.rankingMinimum(n)", n=bearing))
    assert stated == computed


def test_the_worked_example_is_what_the_script_computes():
    titles, items, scale = _checklist()
    example = [item for item in items if item["id"] in EXAMPLE]
    answers = {item_id: {"rating": rating} for item_id, rating in EXAMPLE.items()}
    outcomes = [{"id": outcome, "title": title} for outcome, title in titles.items()]
    # The example is the arithmetic with only its three statements on the page, so the minimum is met.
    ranked = _stats("stats.ranking(items, answers, scale, outcomes)", items=example, answers=answers, scale=scale, outcomes=outcomes)
    computed = {r["title"]: ("none" if r["percent"] is None else f"{r['percent']}%") for r in ranked}
    stated = {row[0]: row[3] for row in _table("**Worked example of the arithmetic.**")}
    assert stated == computed
    assert [r["title"] for r in ranked] == list(stated), "listed in the script's order"
