"""The published handbook in a real browser: strict CSP without errors, nothing fetched off the machine,
no accessibility violations found by axe-core, search working offline."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from browser_support import Site, ready, tool
from playwright.sync_api import expect

WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation',
    e => window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile + ':' + e.lineNumber));
"""


def _problems(page, url: str) -> list[str]:
    """Console errors, uncaught exceptions and CSP violations while loading ``url``."""
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(f"exception: {exc}"))
    page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    page.goto(url)
    page.wait_for_load_state("load")
    problems += [f"CSP: {v}" for v in page.evaluate("window.__cspViolations")]
    return problems


def _pages(site) -> list[str]:
    root = Path(site.directory)
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html"))


@pytest.mark.parametrize("path", ["index.html", "assessment.html", "search.html", "genindex.html"])
def test_demo_pages_run_under_strict_csp_without_errors(page, demo_site, path):
    page.add_init_script(WATCH_CSP)
    assert _problems(page, demo_site.url + path) == []


def test_every_handbook_page_runs_under_strict_csp_and_stays_on_the_machine(page, handbook_site):
    """Each page, served with `Content-Security-Policy: default-src 'self'`, loads with no console error,
    and every request it makes goes to 127.0.0.1."""
    page.add_init_script(WATCH_CSP)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    found = {}
    pages = _pages(handbook_site)
    assert len(pages) > 5
    for path in pages:
        problems = _problems(page, handbook_site.url + path)
        if problems:
            found[path] = problems
    assert found == {}
    outside = [u for u in requests if not u.startswith(handbook_site.url) and not u.startswith(("data:", "blob:"))]
    assert outside == []


def _checklist_pages(site) -> list[str]:
    """Every page that renders a checklist, found through the build's checklists.json."""
    export = json.loads((Path(site.directory) / "checklists.json").read_text(encoding="utf-8"))
    return sorted({checklist["url"].split("#")[0] for checklist in export["checklists"]})


def _axe_violations(page, axe_source) -> list[str]:
    # Open every note field, and rate a few items so assessment results show, so axe also checks what the
    # script adds; rating scrolls the page, which brings up furo's back-to-top button too.
    page.evaluate("document.querySelectorAll('.checklist-note-toggle').forEach(b => b.click())")
    for radio in page.locator("tr.checklist-item input[type=radio]").all()[:3]:
        radio.check()
    # The results and their charts load with their part once an assessment has a rating; a menu stays open.
    for assessment in page.locator(".checklist-kind-assessment").all():
        assessment.locator("tr.checklist-item input.checklist-radio").first.check()
        assessment.locator(".checklist-summary svg[role=img]").first.wait_for(state="attached")
    filters = page.locator(".checklist-menu-button[aria-controls$='-tool-filters']")
    if filters.count():
        filters.first.click()
    page.evaluate(axe_source)  # through DevTools, so the page's CSP does not apply to the test tool
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}" for v in result["violations"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_checklist_and_entry_pages(browser, handbook_site, axe_source, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    found = {}
    # every checklist page, and the pages readers start from
    for path in [
        *_checklist_pages(handbook_site),
        "index.html",
        "roles/funder.html",
        "glossary.html",
        "bibliography.html",
        "checklists.html",
    ]:
        page.goto(handbook_site.url + path)
        page.wait_for_load_state("load")
        violations = _axe_violations(page, axe_source)
        if violations:
            found[path] = violations
    context.close()
    assert found == {}


def test_axe_finds_no_violations_with_results_and_share_box_shown(page, demo_site, axe_source):
    ready(page, demo_site.url + "assessment.html")
    page.check("#checklist-fit-leadership-level-3")
    page.check("#checklist-fit-budget-level-1")
    tool(page, "Share link", "fit")
    page.wait_for_selector("#checklist-fit .checklist-share:not([hidden]) input")  # the export part loads on demand
    assert _axe_violations(page, axe_source) == []


def test_search_works_offline(page, handbook_site):
    """Once the reader keeps the handbook for offline reading, search finds pages with the server gone."""
    site = Site(handbook_site.directory, csp=handbook_site.csp)  # a server of its own, which the test can take away
    try:
        page.goto(site.url + "index.html")
        page.get_by_role("button", name="Keep for offline reading").click()
        expect(page.locator("#handbook-offline-status")).to_contain_text("every page of the handbook", timeout=60000)
    finally:
        site.close()
    page.goto(site.url + "search.html?q=convening")
    # the network is gone: a file the copy never keeps cannot be fetched
    assert page.evaluate("fetch('objects.inv').then(() => 'online', () => 'offline')") == "offline"
    results = page.locator("#search-results ul.search li")
    results.first.wait_for()
    assert results.count() >= 1
    expect(results.first.locator("a")).to_have_attribute("href", re.compile(r"\.html"))


def test_no_id_is_taken_twice_once_the_script_has_enhanced_each_checklist_page(page, handbook_site):
    """The script adds toolbars, notes and summaries: with them, every id of every checklist page is still unique."""
    pages = [p for p in _pages(handbook_site) if 'class="checklist ' in (Path(handbook_site.directory) / p).read_text(encoding="utf-8")]
    assert len(pages) >= 10
    repeated = {}
    for path in pages:
        ready(page, handbook_site.url + path)
        twice = page.evaluate("""() => {
            const seen = new Map();
            for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) || 0) + 1);
            return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
        }""")
        if twice:
            repeated[path] = twice
    assert repeated == {}
