"""The rendered HTML: accessible tables, labelled inputs, anchors, data ids, backlinks, index and export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def built(make_app, rootdir, tmp_path_factory, warnings_of):
    app = make_app("html", srcdir=tmp_path_factory.mktemp("structure") / "src", copy_test_root=True, testroot="basic")
    app.build()
    assert warnings_of(app) == []
    return app


@pytest.fixture(scope="module")
def make_app(rootdir, tmp_path_factory):
    """A module-scoped variant of Sphinx's make_app, so one build serves every structure test."""
    import shutil

    from sphinx.testing.util import SphinxTestApp

    apps = []

    def make(buildername, srcdir, testroot, copy_test_root=True):
        shutil.copytree(rootdir / f"test-{testroot}", srcdir)
        app = SphinxTestApp(buildername, srcdir=srcdir)
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.cleanup()


def test_one_table_per_section_with_caption_and_scoped_headers(built, soup):
    page = soup(built, "index.html")
    root = page.select_one("div.checklist[data-checklist-id=demo]")
    assert root["data-checklist-version"] == "1.2"
    assert root["data-checklist-kind"] == "checklist"
    tables = root.select("table.checklist-table")
    assert [t["data-checklist-section"] for t in tables] == ["before", "after"]
    assert tables[0].caption.select_one(".checklist-section-title").get_text() == "Before"
    assert "Things to do first." in tables[0].caption.get_text()
    headers = tables[0].select("thead th")
    assert [h.get_text() for h in headers] == ["Done", "Not applicable", "Item", "Who", "Source"]
    assert all(h["scope"] == "col" for h in headers)
    # no section allows "not applicable" in the second table, so it has no such column
    assert [h.get_text() for h in tables[1].select("thead th")] == ["Done", "Item", "Who", "Source"]


def test_each_item_row_has_anchor_ids_and_a_labelled_checkbox(built, soup):
    page = soup(built, "index.html")
    row = page.select_one("#checklist-demo-draft-agenda")
    assert row.name == "tr"
    assert row["data-checklist-item-id"] == "draft-agenda"
    # the checklist, section and stage are said once, on the root and the table, not on every row
    assert not {"data-checklist-item", "data-checklist-section", "data-checklist-stage"} & set(row.attrs)
    assert row.find_parent("table")["data-checklist-section"] == "before"
    assert row["data-checklist-roles"] == "facilitator member"  # inherited from the audience
    assert row["data-checklist-allow-na"] == ""  # a flag: present means true
    box = row.select_one("input[type=checkbox][value=done]")
    label = page.select_one(f"label[for={box['id']}]")
    assert label.get_text() == "Draft the agenda with members."
    assert label.strong.get_text() == "members"  # inline MyST is rendered
    assert not box.has_attr("aria-labelledby")  # its <label for> names it
    # who acts and the source are read with the row, not repeated on each control; a tick box needs no name
    assert not {"aria-describedby", "name"} & set(box.attrs)
    na = row.select_one("input[type=checkbox][value=na]")
    assert [page.find(id=i).get_text() for i in na["aria-labelledby"].split()] == ["Not applicable", "Draft the agenda with members."]
    assert row.select_one("th[scope=row]").select_one(".checklist-guidance").get_text().strip() == "Share it a week ahead."
    assert row.select_one("td.checklist-col-roles").get_text() == "Facilitator, Member"


def test_sources_and_see_also_are_real_cross_references(built, soup):
    row = soup(built, "index.html").select_one("#checklist-demo-draft-agenda")
    links = row.select("td.checklist-col-source a")
    assert [(a["href"], a.get_text()) for a in links] == [("#guide-agenda", "The agenda"), ("#guide-prepare", "Preparing")]


def test_assessment_rows_have_one_radio_group_over_the_scale(built, soup):
    page = soup(built, "assessment.html")
    table = page.select_one("div.checklist[data-checklist-id=rating] table")
    assert [h.get_text() for h in table.select("thead th")] == [
        "Item",
        "1. Absent",
        "2. Emerging",
        "3. Established",
        "Don\u2019t know",
        "Who",
        "Source",
    ]
    row = table.select_one("tr#checklist-rating-leadership")
    radios = row.select("input[type=radio]")
    assert {r["name"] for r in radios} == {"rating.leadership"}
    assert [r["value"] for r in radios] == ["1", "2", "3", "unknown"]
    text_id, column_id = radios[1]["aria-labelledby"].split()
    assert page.find(id=text_id).get_text() == "Leaders back the partnership."
    assert page.find(id=column_id).get_text() == "2. Emerging"
    assert row["data-checklist-group"] == "strategic"
    assert json.loads(row["data-checklist-weights"]) == {"partner": 1, "builder": 0.5}
    assert "Brief the leadership team." in row.select_one(".checklist-low-guidance").get_text()
    legend = page.select_one("div.checklist[data-checklist-id=rating] .checklist-scale")
    assert "Fully in place." in legend.get_text()


def test_options_select_sections_and_roles(built, soup):
    root = soup(built, "assessment.html").select_one("div.checklist[data-checklist-id=demo]")
    assert [r["data-checklist-item-id"] for r in root.select("tr.checklist-item")] == ["follow-up"]


def test_item_role_links_to_the_full_rendering(built, soup):
    links = soup(built, "assessment.html").select("a.reference.internal[href*='checklist-demo-']")
    assert [(a["href"], a.get_text()) for a in links[:2]] == [
        ("index.html#checklist-demo-draft-agenda", "Draft the agenda"),
        ("index.html#checklist-demo-survey", "the survey item"),
    ]


def test_cited_sections_list_the_items_that_draw_on_them(built, soup):
    page = soup(built, "index.html")
    prepare = page.select_one("section#guide-prepare > .checklist-backlinks")
    assert [a["href"] for a in prepare.select("a")] == ["#checklist-demo-survey", "#checklist-demo-follow-up", "#checklist-demo-venue"]
    # the backlinks sit in their own section, before its subsections
    agenda = page.select_one("section#guide-agenda > .checklist-backlinks")
    assert [a.get_text() for a in agenda.select("a")] == ["Draft the agenda"]
    rating = page.select_one("section#guide-rating > .checklist-backlinks")
    assert [a["href"] for a in rating.select("a")] == [
        "assessment.html#checklist-rating-leadership",
        "assessment.html#checklist-rating-budget",
    ]


def test_checklist_index_is_generated_one_table_per_stage_in_lifecycle_order(built, soup):
    page = soup(built, "all.html")
    tables = page.select("table.checklist-index:not([id*=funder])")
    assert [t.select_one("caption .caption-text").get_text() for t in tables] == ["Before a convening", "At any time"]
    rows = [[td.get_text(strip=True) for td in tr.select("td")] for t in tables for tr in t.select("tbody tr")]
    assert rows == [
        ["Demo checklist", "Checklist", "Facilitator, Member", "Before a convening, After a convening", "5"],
        ["Rating assessment", "Assessment", "Funder", "At any time", "2"],
    ]
    assert [a["href"] for t in tables for a in t.select("tbody a")] == ["index.html#checklist-demo", "assessment.html#checklist-rating"]


def test_checklist_index_filtered_by_audience(built, soup):
    table = soup(built, "all.html").select_one("table#checklist-index-funder-any")
    assert table.select_one("caption .caption-text").get_text() == "At any time (for funder)"
    assert [tr.select_one("td").get_text(strip=True) for tr in table.select("tbody tr")] == ["Rating assessment"]
    assert soup(built, "all.html").select("table[id^=checklist-index-funder]") == [table]


def test_the_lifecycle_lists_each_stage_in_order_with_its_checklists(built, soup):
    stages = soup(built, "all.html").select("ol.checklist-lifecycle > li")
    assert [(li.select_one("strong").get_text(), [a.get_text() for a in li.select("a")]) for li in stages] == [
        ("Before a convening", ["Demo checklist"]),
        ("After a convening", ["Demo checklist"]),
    ]
    assert stages[0].select_one("a")["href"] == "index.html#checklist-demo"


def test_choices_are_a_labelled_radio_group(built, soup):
    row = soup(built, "index.html").select_one("tr#checklist-demo-venue")
    group = row.select_one("fieldset.checklist-choices")
    assert group["aria-labelledby"] == "checklist-demo-venue-text"
    radios = group.select("input[type=radio]")
    assert [r["value"] for r in radios] == ["in-person", "online"]
    assert {r["name"] for r in radios} == {"demo.venue:choice"}
    labels = [group.select_one(f"label[for={r['id']}]").get_text() for r in radios]
    assert labels == ["In person", "Online"]
    assert "Deeper trust; travel costs." in group.get_text()


def test_items_carry_the_outcomes_they_apply_to(built, soup):
    row = soup(built, "assessment.html").select_one("tr#checklist-rating-leadership")
    assert row["data-checklist-applies-to"] == "partner"
    assert row.select_one(".checklist-applies-to").get_text() == "Key for: Practice partner"
    assert not soup(built, "assessment.html").select_one("tr#checklist-rating-budget").has_attr("data-checklist-applies-to")


def test_stylesheet_only_on_pages_with_a_checklist(built, soup):
    def has_css(page):
        return any("checklist.css" in link.get("href", "") for link in soup(built, page).select("link[rel=stylesheet]"))

    assert has_css("index.html") and has_css("assessment.html")
    assert not has_css("all.html")
    assert (Path(built.outdir) / "_static" / "checklist.css").is_file()


def test_scripts_are_shipped_minified_and_only_where_needed(built, soup):
    static = Path(built.outdir) / "_static"
    source = Path(__file__).parent.parent / "ext" / "sphinx_checklist" / "static"
    bundle = (static / "checklist.js").read_text(encoding="utf-8")
    sources = [(source / name).read_text(encoding="utf-8") for name in ("checklist-core.js", "checklist.js")]
    assert "ChecklistCore" in bundle and "checklistsReady" in bundle  # the logic and the page script, together
    assert len(bundle) < sum(len(text) for text in sources)
    assert 0 < len((static / "checklist.css").read_text(encoding="utf-8")) < len((source / "checklist.css").read_text(encoding="utf-8"))

    def scripts(page):
        return [s.get("src", "").split("?")[0] for s in soup(built, page).select("script")]

    assert "_static/checklist.js" in scripts("index.html")
    assert "_static/checklist.js" not in scripts("all.html")


def test_no_inline_script_in_checklist_markup(built, soup):
    root = soup(built, "index.html").select_one("div.checklist")
    assert root.select("script") == []
    assert not any(attr.startswith("on") for tag in root.find_all(True) for attr in tag.attrs)


def test_handbook_advice_is_marked_on_its_items_only(built, soup):
    page = soup(built, "index.html")
    marked = page.select("div.checklist[data-checklist-id=demo] .checklist-basis")
    assert [m.find_parent("tr")["id"] for m in marked] == ["checklist-demo-thank"]
    marker = marked[0]
    assert marker.get_text() == "Handbook advice"
    assert not marker.has_attr("id")  # no new ids: every rendering of a checklist stays unique
    assert marker.find_parent("th")["scope"] == "row"  # read out with the item, beside its text, not inside its label
    assert marker.find_parent("label") is None
    row = marker.find_parent("tr")
    assert row["data-checklist-basis"] == "handbook"
    assert page.select_one(f"label[for={row.select_one('input')['id']}]").get_text() == "Thank the speakers."
    others = page.select("div.checklist[data-checklist-id=demo] tr.checklist-item:not(#checklist-demo-thank)")
    assert len(others) == 4
    assert all(r.select_one(".checklist-basis") is None and not r.has_attr("data-checklist-basis") for r in others)
    # what to do about a low rating is always the handbook's advice, and says so
    low = soup(built, "assessment.html").select_one("tr#checklist-rating-leadership .checklist-low-guidance")
    assert low.get_text().strip().startswith("If rated low (handbook advice):")


def test_checklists_json_exports_every_checklist(built):
    data = json.loads((Path(built.outdir) / "checklists.json").read_text(encoding="utf-8"))
    assert data["format_version"] == 2
    demo, rating = data["checklists"]
    assert (demo["id"], demo["path"], demo["url"]) == ("demo", "checklists/demo.yaml", "index.html#checklist-demo")
    item = demo["sections"][0]["items"][1]
    assert item["global_id"] == "demo.draft-agenda"
    assert item["url"] == "index.html#checklist-demo-draft-agenda"
    assert item["roles"] == ["facilitator", "member"]
    assert item["plain_text"] == "Draft the agenda"
    assert item["basis"] == "report"
    bases = {i["id"]: i["basis"] for section in demo["sections"] for i in section["items"]}
    assert bases == {"survey": "report", "draft-agenda": "report", "follow-up": "report", "thank": "handbook", "venue": "report"}
    assert rating["scale"]["levels"][0] == {"value": 1, "label": "Absent", "description": "Not in place."}
    assert rating["sections"][0]["items"][0]["weights"] == {"partner": 1, "builder": 0.5}
