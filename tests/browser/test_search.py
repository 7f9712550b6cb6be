"""Sphinx's own search page on the built handbook: checklist and item results land on what they name, their titles
read as the page does, and snippets taken from checklist tables keep the cells apart."""

from __future__ import annotations

import functools
import itertools
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup
from playwright.sync_api import expect

RESULTS = "#search-results ul.search li"


def _search(page, site, query: str):
    """Run ``query`` on search.html and wait until every result and every snippet is there."""
    page.goto(site.url + "search.html?q=" + query)
    page.wait_for_selector("#search-results p.search-summary")
    # snippets are fetched page by page after the list is shown: wait until each result has its line under the
    # title, a description (objects, index entries) or a snippet (pages, headings)
    page.wait_for_function(
        "() => [...document.querySelectorAll('#search-results ul.search li')].every(li => li.querySelector('span, p.context'))"
    )
    return page.locator(RESULTS)


@functools.cache
def _ids(directory: Path, path: str) -> frozenset[str]:
    html = (directory / path).read_text(encoding="utf-8")
    return frozenset(tag["id"] for tag in BeautifulSoup(html, "html.parser").select("[id]"))


def _links(page, site) -> list[tuple[str, str]]:
    """(text, href relative to the site) of every result link."""
    hrefs = page.eval_on_selector_all(RESULTS + " > a", "links => links.map(a => [a.textContent, a.href])")
    return [(text, urljoin(page.url, href).removeprefix(site.url)) for text, href in hrefs]


def test_a_checklist_result_lands_on_the_checklist(page, handbook_site):
    results = _search(page, handbook_site, "before convening")
    link = results.locator("a", has_text=re.compile(r"^Before a convening$")).and_(page.locator("[href*='#checklist-']"))
    expect(link).to_have_count(1)
    link.click()
    page.wait_for_load_state("load")
    landed = page.evaluate("document.getElementById(decodeURIComponent(location.hash.slice(1)))?.dataset.checklistTitle ?? null")
    assert landed == "Before a convening", page.url


def test_every_checklist_item_and_heading_result_lands_on_an_element_of_its_page(page, handbook_site):
    """Each result of a few queries that find checklists, items and headings links to an id its page has."""
    missing: list[str] = []
    kinds: set[str] = set()
    for query in ("convening", "survey", "funder", "agenda"):
        _search(page, handbook_site, query)
        kinds |= set(page.eval_on_selector_all(RESULTS, "items => items.map(li => li.className)"))
        for text, href in _links(page, handbook_site):
            path, _, anchor = href.partition("#")
            if anchor and unquote(anchor) not in _ids(Path(handbook_site.directory), urlsplit(path).path):
                missing.append(f"{query!r}: {text!r} -> {href}")
    assert missing == []
    assert {"kind-object", "kind-title"} <= kinds  # checklists and items, and headings, were among them


def test_result_titles_show_apostrophes_not_entities(page, handbook_site):
    _search(page, handbook_site, "members needs")
    titles = [text for text, href in _links(page, handbook_site) if "#checklist-" in href]
    assert any(re.fullmatch(r"Survey members[’'] needs before the session", title) for title in titles), titles
    assert [title for title in titles if re.search(r"&(#\w+|[a-z]+);", title)] == []


def _neighbouring_cells(site, path: str) -> list[tuple[str, str]]:
    """(end of one cell's text, start of the next cell's text) for each pair of neighbouring cells in the
    checklist tables of ``path``."""
    soup = BeautifulSoup((Path(site.directory) / path).read_text(encoding="utf-8"), "html.parser")
    pairs = []
    for row in soup.select("table.checklist-table tr"):
        texts = [cell.get_text().strip() for cell in row.find_all(["th", "td"], recursive=False)]
        texts = [text for text in texts if text]
        pairs += [(a[-15:], b[:15]) for a, b in itertools.pairwise(texts)]
    return pairs


def test_snippets_from_checklist_tables_keep_spaces_between_cells(page, handbook_site):
    results = _search(page, handbook_site, "survey")
    snippets = []  # (page, snippet): a page can have several, one a heading of it found
    for li in results.all():
        context = li.locator("p.context")
        if context.count():
            snippets.append((urlsplit(li.locator("a").first.get_attribute("href")).path, context.text_content()))
    spanned, glued = [], []
    for path, snippet in snippets:
        for end, start in _neighbouring_cells(handbook_site, path):
            if end + start in snippet:
                glued.append(f"{path}: …{end}{start}…")
            elif re.search(re.escape(end) + r"\s+" + re.escape(start), snippet):
                spanned.append(path)
    assert glued == []
    assert spanned, f"no snippet ran across two cells of a checklist table; choose another query: {snippets}"
