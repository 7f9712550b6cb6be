"""Compare, the partnership health check (issue 10, item 4): three partners fill the enabler assessment, each in a
browser of their own, and export their answers; a facilitator compares the three in a fourth. Then, on the test site's
small assessment, a comparison of an own copy, a share link and an export of an older version, with the ranking."""

from __future__ import annotations

import base64
import csv
import io
import json

import pytest
from browser_support import Site, ready, tool
from playwright.sync_api import expect

ID = "lp-enablers"
REGION = f"#checklist-{ID}-compare"
NAMES = ("Ama", "Ben", "Chi")
# Six statements in page order, the first four strategic, the last two operational, and how each partner rates
# them (None: left unanswered). Medians leave out "unknown" and unanswered; the first, second and fourth are rated
# two or more levels apart, the first three levels, so it is talked about first.
RATINGS = (
    ("1", "4", "2"),
    ("2", "2", "4"),
    ("3", "3", "3"),
    ("1", "3", "unknown"),
    ("2", "3", None),
    ("unknown", "unknown", "4"),
)


@pytest.fixture(scope="module")
def site(handbook_html):
    """The real handbook, served with the strict CSP header."""
    served = Site(handbook_html)
    yield served
    served.close()


@pytest.fixture(scope="module")
def enablers(handbook_html) -> dict:
    """The enabler assessment as the build exports it, and the six statements rated here."""
    export = json.loads((handbook_html / "checklists.json").read_text(encoding="utf-8"))
    checklist = next(c for c in export["checklists"] if c["id"] == ID)
    items = [item for section in checklist["sections"] for item in section["items"]]
    strategic = [item for item in items if item["group"] == "strategic"]
    operational = [item for item in items if item["group"] == "operational"]
    rated = strategic[:4] + operational[:2]
    assert [items.index(item) for item in rated] == sorted(items.index(item) for item in rated), "in page order"
    return {"checklist": checklist, "items": items, "rated": rated}


@pytest.fixture(scope="module")
def exports(browser, site, enablers, tmp_path_factory) -> list[str]:
    """Each partner, in a browser context of their own, names their copy, rates, and exports JSON."""
    folder = tmp_path_factory.mktemp("responses")
    paths = []
    for n, name in enumerate(NAMES):
        context = browser.new_context()
        page = context.new_page()
        ready(page, site.url + "lp/enablers.html")
        tool(page, "Rename", ID)
        page.fill(f"#checklist-{ID}-tool-name", name)
        page.press(f"#checklist-{ID}-tool-name", "Enter")
        for item, ratings in zip(enablers["rated"], RATINGS, strict=True):
            if ratings[n] is not None:
                level = "unknown" if ratings[n] == "unknown" else f"level-{ratings[n]}"
                page.check(f"#checklist-{ID}-{item['id']}-{level}")
        with page.expect_download() as download:
            tool(page, "Export JSON", ID)
        path = folder / f"{name}.json"
        download.value.save_as(path)
        assert json.loads(path.read_text(encoding="utf-8"))["run"]["name"] == name
        paths.append(str(path))
        context.close()
    return paths


def _open_compare(page, url: str, files: list[str]) -> None:
    ready(page, url)
    tool(page, "Compare…", ID)
    expect(page.locator(f"{REGION}-title")).to_be_focused()
    expect(page.locator(f"[aria-controls='{REGION.lstrip('#')}']")).to_have_attribute("aria-expanded", "true")
    page.set_input_files(f"{REGION}-files", files)
    expect(page.locator(f"{REGION} .checklist-compare-who li")).to_have_count(len(files))


def _rows(page, table: str) -> list[list[str]]:
    """The rows of a comparison table: the statement's link target, then each cell's text."""
    return page.eval_on_selector_all(
        f"{REGION} [aria-labelledby='checklist-{ID}-compare-{table}'] tbody tr",
        "rows => rows.map(r => [r.querySelector('th a').getAttribute('href').split('-').slice(3).join('-')]"
        ".concat(Array.from(r.querySelectorAll('td'), td => td.innerText.replace('not rated', '').trim())))",
    )


def test_three_partners_compared_disagreements_first_with_medians_chart_and_exports(page, site, enablers, exports):
    _open_compare(page, site.url + "lp/enablers.html", exports)
    ids = [item["id"] for item in enablers["rated"]]
    words = {str(level["value"]): level["label"] for level in enablers["checklist"]["scale"]["levels"]}
    unknown = enablers["checklist"]["scale"]["unknown"]["label"]

    # The names are the copies' names, editable; the statements rated two or more levels apart come first,
    # the widest apart first, then in page order, each flagged in words.
    expect(page.locator(f"{REGION} .checklist-compare-name")).to_have_count(3)
    assert [page.input_value(f"{REGION}-name-{i}") for i in range(3)] == list(NAMES)
    first = _rows(page, "first")
    assert [row[0] for row in first] == [ids[0], ids[1], ids[3]]
    flags = page.locator(
        f"{REGION} [aria-labelledby='checklist-{ID}-compare-first'] tbody tr.checklist-compare-flag .checklist-compare-apart"
    )
    assert flags.all_inner_texts() == ["⚑ 3 levels apart", "⚑ 2 levels apart", "⚑ 2 levels apart"]
    assert first[0][1:] == [words["1"], words["4"], words["2"], f"2 ({words['2']})", "1–4"]
    assert first[2][1:] == [words["1"], words["3"], unknown, f"2 ({words['2']})", "1–3"]  # don't know left out
    # Then every other statement in page order: the agreed one, one left unanswered, one rated by one partner only.
    rest = _rows(page, "rest")
    assert len(first) + len(rest) == len(enablers["items"])
    assert [row[0] for row in rest] == [item["id"] for item in enablers["items"] if item["id"] not in (ids[0], ids[1], ids[3])]
    rated = [row for row in rest if row[0] in ids]
    assert rated[0][4:] == [f"3 ({words['3']})", "3"]
    assert rated[1][3:] == ["–", f"2.5 ({words['2']} to {words['3']})", "2–3"]  # unanswered left out: an even count
    assert rated[2][4:] == [f"4 ({words['4']})", "4"]
    assert rest[-1][1:] == ["–", "–", "–", "–", "–"], "rated by no one"
    assert page.locator(f"{REGION} .checklist-compare-versions").count() == 0, "same version: no notice"

    # Per group, each partner a mark and the median the bar: strategic 1.75, 3, 3; operational 2, 3, 4; overall 1.8, 3, 3.25.
    chart = page.locator(f"#checklist-{ID}-compare-groups + figure")
    assert chart.locator("line.checklist-chart-mark title").all_text_contents() == [
        "Ama: 1.8",
        "Ben: 3",
        "Chi: 3",
        "Ama: 2",
        "Ben: 3",
        "Chi: 4",
        "Ama: 1.8",
        "Ben: 3",
        "Chi: 3.3",
    ]
    assert chart.locator("text.checklist-chart-value").all_text_contents() == ["median 3", "median 3", "median 3"]
    expect(chart.locator("svg[role=img] desc")).to_contain_text("Strategic enablers: median 3")

    # Anonymised, they are A, B and C everywhere the comparison shows them.
    page.check(f"{REGION}-anonymise")
    assert page.locator(f"{REGION} [aria-labelledby='checklist-{ID}-compare-first'] thead th").all_inner_texts()[1:4] == ["A", "B", "C"]
    assert chart.locator("line.checklist-chart-mark title").first.text_content() == "A: 1.8"
    page.uncheck(f"{REGION}-anonymise")
    page.fill(f"{REGION}-name-2", "Chidi")
    expect(page.locator(f"{REGION} [aria-labelledby='checklist-{ID}-compare-first'] thead th").nth(3)).to_have_text("Chidi")

    # The CSV opens in Excel (a byte-order mark), readable columns first, in the order of the page view.
    with page.expect_download() as download:
        page.click(f"{REGION} button:text-is('Download CSV')")
    raw = download.value.path().read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert lines[0] == ["Statement", "Ama", "Ben", "Chidi", "Median", "Range", "Levels apart", "Talk about first", "Section", "Item id"]
    by_id = {line[9]: line for line in lines[1 : len(enablers["items"]) + 1]}
    assert [line[9] for line in lines[1:7] if line[9] in ids] == [ids[0], ids[1], ids[3], ids[2]]
    assert [line[9] for line in lines[1:] if line and line[9:] and line[9] in ids] == [ids[0], ids[1], ids[3], ids[2], ids[4], ids[5]]
    assert by_id[ids[0]][:8] == [
        enablers["rated"][0]["summary"] or enablers["rated"][0]["text"],
        words["1"],
        words["4"],
        words["2"],
        f"2 ({words['2']})",
        "1–4",
        "3",
        "yes",
    ]
    assert by_id[ids[4]][3:8] == ["–", f"2.5 ({words['2']} to {words['3']})", "2–3", "1", ""]
    groups = {line[0]: line[1:] for line in lines if line and line[0] in ("Group", "Strategic enablers", "Overall")}
    assert groups["Group"] == ["Ama", "Ben", "Chidi", "Median"]
    assert groups["Strategic enablers"] == ["1.8", "3", "3", "3"]
    assert groups["Overall"] == ["1.8", "3", "3.3", "3"]

    with page.expect_download() as download:
        page.click(f"{REGION} button:text-is('Download Markdown')")
    markdown = download.value.path().read_text(encoding="utf-8")
    assert "### Talk about these first" in markdown and "| Statement | Ama | Ben | Chidi | Median | Range |" in markdown
    assert markdown.index("### Talk about these first") < markdown.index("### By group") < markdown.index("### Every other statement")

    # The workshop sheet prints only the comparison, disagreements first, and the page is as it was afterwards.
    page.evaluate("window.print = () => { window.__printed = true; }")
    page.click(f"{REGION} button:text-is('Print workshop sheet')")
    assert page.evaluate("window.__printed") is True
    page.emulate_media(media="print")
    sheet = page.locator(".checklist-compare-sheet")
    expect(sheet).to_be_visible()
    expect(page.locator(f"#checklist-{ID} .checklist-table").first).to_be_hidden()
    expect(page.locator(REGION)).to_be_hidden()
    text = sheet.inner_text()
    assert text.index("Talk about these first") < text.index("By group") < text.index("Every other statement")
    assert sheet.locator(".checklist-compare-flag").count() == 3
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    expect(sheet).to_have_count(0)
    assert page.evaluate("document.body.dataset.checklistPrint") is None
    page.emulate_media(media="screen")

    # Close hides the region and gives focus back to the button that opened it.
    page.click(f"{REGION} button:text-is('Close')")
    expect(page.locator(REGION)).to_be_hidden()
    opener = page.locator(f"#checklist-{ID} .checklist-toolbar button:text-is('Compare…')")
    expect(opener).to_be_focused()
    expect(opener).to_have_attribute("aria-expanded", "false")
    expect(opener).to_have_attribute("aria-controls", REGION.lstrip("#"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_in_the_comparison(browser, site, exports, axe_source, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    _open_compare(page, site.url + "lp/enablers.html", exports)
    page.check(f"{REGION}-anonymise")
    page.evaluate(axe_source)  # through DevTools, so the page's CSP does not apply to the test tool
    result = page.evaluate(f"axe.run('{REGION}', {{resultTypes: ['violations']}})")
    context.close()
    assert [f"{v['id']}: {v['help']} — {[n['target'] for n in v['nodes'][:3]]}" for v in result["violations"]] == []


def _share_link(checklist: str, name: str, items: dict) -> str:
    data = json.dumps({"n": name, "i": items}).encode("utf-8")
    return f"https://example.org/assessment.html#share={checklist}~" + base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def test_an_own_copy_a_share_link_and_an_older_export_compared_with_the_ranking(page, demo_site, tmp_path):
    """The test site's assessment (fit, version 2.0): weights towards two outcomes, so it ranks them."""
    region = "#checklist-fit-compare"
    ready(page, demo_site.url + "assessment.html")
    page.check("#checklist-fit-leadership-level-3")
    older = tmp_path / "older.json"
    older.write_text(
        json.dumps(
            {
                "format": 1,
                "type": "checklist-run",
                "checklist": "fit",
                "version": "1.0",
                "exported": "2025-05-01T10:00:00Z",
                "run": {"name": "Chi", "items": {"budget": {"rating": "1"}, "retired": {"rating": "2"}}},
                "items": [
                    {"id": "leadership", "text": "Leaders back the partnership."},
                    {"id": "budget", "text": "Money for learning."},
                    {"id": "retired", "text": "An old statement"},
                ],
            }
        ),
        encoding="utf-8",
    )
    other = tmp_path / "other.json"
    other.write_text(
        json.dumps({"format": 1, "type": "checklist-run", "checklist": "tasks", "run": {"name": "X", "items": {}}}), encoding="utf-8"
    )

    tool(page, "Compare…", "fit")
    page.check(f"{region}-own-run-1")
    link = _share_link("fit", "Ben", {"leadership": {"rating": "1"}, "budget": {"rating": "3"}, "time": {"rating": "unknown"}})
    page.fill(f"{region}-links", link + "\nnot a link\n" + link)
    page.click(f"{region} button:text-is('Add links')")
    expect(page.locator(f"{region} .checklist-compare-problems")).to_contain_text("Link 2: this is not a share link")
    expect(page.locator(f"{region} .checklist-compare-problems")).to_contain_text("Link 3: it holds the same answers")  # counted once
    assert page.input_value(f"{region}-links") == "not a link"
    page.set_input_files(f"{region}-files", [str(older), str(other)])
    expect(page.locator(f"{region} .checklist-compare-problems")).to_contain_text("other.json: it holds answers to the checklist “tasks”")
    expect(page.locator(f"{region} .checklist-compare-who li")).to_have_count(3)  # the link once, the other checklist's file not at all
    assert [page.input_value(f"{region}-name-{i}") for i in range(3)] == ["My copy", "Ben", "Chi"]

    # Matched by item id, with what changed since the older version named.
    notice = page.locator(f"{region} .checklist-compare-versions")
    expect(notice).to_have_text(
        "Chi answered version 1.0 (this page: 2.0); matched by item id. Items added (not in it): Staff have time to take part. "
        "Items removed (in it, not on this page): An old statement. Items reworded: There is a budget for learning."
    )

    # The ranking per respondent and together (the median ratings), with no fit until half the statements bearing on
    # an option are rated: "My copy" rated none of the two that bear on Network builder.
    cells = page.eval_on_selector_all(
        "#checklist-fit-compare-fit + figure table tr", "rows => rows.map(r => Array.from(r.cells, c => c.innerText.trim()))"
    )
    assert cells == [
        ["Option", "My copy", "Ben", "Chi", "Together"],
        ["Practice partner", "100%, rank 1", "25%, rank 2", "0%, rank 1", "50%, rank 1"],
        ["Network builder", "no fit yet (0 of 2 rated, 1 needed)", "100%, rank 1", "0%, rank 2", "50%, rank 2"],
    ]
    marks = page.locator("#checklist-fit-compare-fit + figure line.checklist-chart-mark title").all_text_contents()
    assert marks == ["My copy: 100%", "Ben: 25%", "Chi: 0%", "Ben: 100%", "Chi: 0%"]

    # A change to the own copy shows when Compare is opened again; unticking it takes it out.
    page.click(f"{region} button:text-is('Close')")
    page.check("#checklist-fit-budget-level-3")
    tool(page, "Compare…", "fit")
    flagged = page.locator(f"{region} [aria-labelledby='checklist-fit-compare-first'] tbody tr th a")
    expect(flagged).to_have_text(["Leaders back the partnership.", "There is a budget for learning."])
    budget = page.locator(f"{region} [aria-labelledby='checklist-fit-compare-first'] tbody tr").nth(1)
    assert budget.locator("td").all_inner_texts()[:3] == ["Established", "Established", "Absent"]
    page.uncheck(f"{region}-own-run-1")
    expect(page.locator(f"{region} .checklist-compare-who li")).to_have_count(2)
    assert page.input_value(f"{region}-name-0") == "Ben"
