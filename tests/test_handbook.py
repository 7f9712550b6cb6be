"""The real handbook: every checklist file is valid, and the strict build is clean and links every item."""

from __future__ import annotations

import json
import posixpath
import re
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx_checklist.registry import checklist_files, load_checklist

PROJECT = Path(__file__).resolve().parent.parent
CHECKLIST_FILES = checklist_files(PROJECT / "checklists")


def test_there_are_checklists():
    assert CHECKLIST_FILES


@pytest.mark.parametrize("path", CHECKLIST_FILES, ids=lambda p: p.name)
def test_checklist_file_is_valid(path: Path):
    checklist, problems = load_checklist(path)
    assert problems == [], "\n".join(f"{path.name}:{p.line}: {p.message}" for p in problems)
    assert checklist.id == path.stem
    # handbook rule, stricter than the schema: every item says which section it comes from
    assert [item.id for item in checklist.items if not item.source] == []


def test_item_ids_are_unique_across_the_handbook():
    global_ids = Counter(item.global_id for path in CHECKLIST_FILES for item in load_checklist(path)[0].items)
    assert [gid for gid, count in global_ids.items() if count > 1] == []


def test_handbook_builds_without_warnings(handbook_html):
    assert (handbook_html / "index.html").is_file()  # strict_build already failed on any warning


def test_every_checklist_and_item_is_rendered_and_linked(handbook_html):
    export = json.loads((handbook_html / "checklists.json").read_text(encoding="utf-8"))
    assert sorted(c["id"] for c in export["checklists"]) == sorted(p.stem for p in CHECKLIST_FILES)
    pages: dict[str, BeautifulSoup] = {}

    def target(url: str):
        page, _, anchor = url.partition("#")
        if page not in pages:
            pages[page] = BeautifulSoup((handbook_html / page).read_text(encoding="utf-8"), "html.parser")
        return pages[page], anchor

    for checklist in export["checklists"]:
        for section in checklist["sections"]:
            for item in section["items"]:
                assert item["url"], item["global_id"]
                page, anchor = target(item["url"])
                row = page.find(id=anchor)
                assert row is not None and f"{checklist['id']}.{row['data-checklist-item-id']}" == item["global_id"]
                # the source link of the row leads to an element that exists
                for link in row.select("td.checklist-col-source a"):
                    href = link["href"]
                    item_page = item["url"].partition("#")[0]
                    # links are relative to the page that holds the row
                    resolved = (
                        item_page + href if href.startswith("#") else posixpath.normpath(posixpath.join(posixpath.dirname(item_page), href))
                    )
                    linked_page, linked_anchor = target(resolved)
                    assert linked_page.find(id=linked_anchor) is not None, href


def test_every_page_carries_its_own_content_security_policy(handbook_html):
    """Hosts such as GitHub Pages send no CSP header: each page's <meta> policy is what protects readers."""
    pages = sorted(handbook_html.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        meta = soup.head.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert meta is not None, page
        policy = {part.split()[0]: part.split()[1:] for part in meta["content"].split(";")}
        assert policy["default-src"] == ["'self'"] and policy["base-uri"] == ["'self'"], page
        assert policy["form-action"] == ["'self'"] and policy["object-src"] == ["'none'"], page
        # Before any script, so it governs all of them.
        first_script = soup.head.find("script")
        assert first_script is None or meta.sourceline < first_script.sourceline, page


def test_no_page_has_an_html_id_twice(handbook_html):
    repeated = {}
    for page in sorted(handbook_html.rglob("*.html")):
        ids = Counter(tag["id"] for tag in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find_all(id=True))
        twice = sorted(i for i, n in ids.items() if n > 1)
        if twice:
            repeated[page.relative_to(handbook_html).as_posix()] = twice
    assert repeated == {}


def test_the_json_export_carries_no_markup(handbook_html):
    text = (handbook_html / "checklists.json").read_text(encoding="utf-8")
    json.loads(text)  # valid JSON: no NaN or Infinity
    # MyST's own cross-reference form, {ref}`words <label>`, is not HTML; anything else tag-like would be.
    without_roles = re.sub(r"\{[\w:-]+\}`[^`]*`", "", text)
    assert not re.search(r"<\s*/?\s*[A-Za-z!?]", without_roles)
