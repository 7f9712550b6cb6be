"""What Sphinx's search page gets from the handbook build: searchindex.js entries for checklists and items that
lead to ids their pages have and titles without HTML entities, and checklist tables whose text keeps the cells apart.

searchtools.js (Sphinx 9) reads an object's anchor as written, or rebuilds it when the index abbreviates it: ""
stands for the object's display name, "-" for ``<type>-<display name>``. It writes titles with ``innerHTML`` after
escaping them itself, so a title that arrives escaped shows its entities. Snippets are the ``textContent`` of the
page's main part, in which two cells with nothing between them run together.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, NavigableString

ENTITY = re.compile(r"&(#\w+|[a-zA-Z]+);")


@pytest.fixture(scope="module")
def index(handbook_html: Path) -> dict:
    text = (handbook_html / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


def _objects(index: dict) -> list[tuple[str, str, str, str]]:
    """(type, title shown, page, anchor) of every object, as searchtools.js works them out."""
    found = []
    for prefix, entries in index["objects"].items():
        for doc, typ, _prio, short, name in entries:
            title = f"{prefix}.{name}" if prefix else name
            _domain, objtype, _label = index["objnames"][str(typ)]
            anchor = {"": title, "-": f"{objtype}-{title}"}.get(short, short)
            found.append((index["objtypes"][str(typ)], title, index["docnames"][doc] + ".html", anchor))
    return found


def test_every_checklist_and_item_result_leads_to_an_id_of_its_page(index, handbook_html):
    objects = [entry for entry in _objects(index) if entry[0].startswith("checklist:")]
    assert len(objects) > 300  # every checklist and every item
    ids: dict[str, set[str]] = {}
    missing = []
    for typ, title, page, anchor in objects:
        if page not in ids:
            soup = BeautifulSoup((handbook_html / page).read_text(encoding="utf-8"), "html.parser")
            ids[page] = {tag["id"] for tag in soup.select("[id]")}
        if anchor not in ids[page]:
            missing.append(f"{typ} {title!r}: {page}#{anchor}")
    assert missing == []


def test_a_checklist_result_leads_to_the_checklist_itself(index, handbook_html):
    [(_typ, _title, page, anchor)] = [entry for entry in _objects(index) if entry[1] == "Before a convening"]
    root = BeautifulSoup((handbook_html / page).read_text(encoding="utf-8"), "html.parser").find(id=anchor)
    assert root is not None and "checklist" in root["class"] and root["data-checklist-title"] == "Before a convening"


def test_result_titles_have_no_html_entities(index):
    titles = [title for typ, title, _page, _anchor in _objects(index) if typ.startswith("checklist:")]
    assert [title for title in titles if ENTITY.search(title)] == []
    # the apostrophe of the checklist file is there, as the page's typography writes it
    assert "Survey members’ needs before the session" in titles


@pytest.mark.parametrize("page", ["cop/participation.html", "lp/enablers.html"])
def test_cells_of_checklist_tables_have_whitespace_between_them(handbook_html, page):
    soup = BeautifulSoup((handbook_html / page).read_text(encoding="utf-8"), "html.parser")
    cells = soup.select("table.checklist-table tr > :is(th, td)")
    assert cells
    glued = [
        f"{cell.get_text()[-20:]!r} + {cell.find_next_sibling().get_text()[:20]!r}"
        for cell in cells
        if cell.find_next_sibling() is not None and not (isinstance(cell.next_sibling, NavigableString) and cell.next_sibling.isspace())
    ]
    assert glued == []


def test_page_text_keeps_the_cells_of_a_row_apart(handbook_html):
    """The text search snippets are cut from, for the row of the issue's example: item text, who, source."""
    soup = BeautifulSoup((handbook_html / "cop/participation.html").read_text(encoding="utf-8"), "html.parser")
    text = soup.select_one("[role=main]").get_text()
    assert re.search(r"ahead of the workshop\.\s+Learning partner, Facilitator\s+Let members shape the agenda", text)
    assert re.search(r"Done\s+Not applicable\s+Item\s+Who\s+Source", text)
