"""The handbook keeps working when the network goes: a service worker serves every page from its copy."""

from __future__ import annotations

from browser_support import Site, ready, wait_until
from playwright.sync_api import expect


def test_pages_never_visited_open_offline_with_their_checklists(page, demo_site):
    site = Site(demo_site.directory)  # a server of its own, which the test can take away
    try:
        ready(page, site.url)
        assert page.evaluate("navigator.serviceWorker.ready.then(r => r.active.state)") in ("activated", "activating")
        # The copy is whole once it holds a page (addAll stores every file or none).
        wait_until(page, "caches.keys().then(ks => Promise.all(ks.map(k => caches.open(k).then(c => "
                         "c.match(new URL('assessment.html', location.href).href))))).then(hits => hits.some(Boolean))")
        page.check("#checklist-tasks-survey-done")
    finally:
        site.close()
    # The server is gone: the assessment page, never opened, comes from the kept copy and works.
    ready(page, site.url + "assessment.html?fit.role=funder")
    expect(page.locator("h1")).to_contain_text("Assessment page")
    page.check("#checklist-fit-leadership-level-3")
    expect(page.locator("#checklist-fit .checklist-progress")).to_have_text("1 of 3 rated")
    ready(page, site.url)
    expect(page.locator("#checklist-tasks-survey-done")).to_be_checked()


def test_the_worker_lists_every_page_and_asset(demo_site):
    worker = (demo_site.directory / "sw.js").read_text(encoding="utf-8")
    for name in ("index.html", "assessment.html", "search.html", "searchindex.js", "_static/checklist.js",
                 "_static/checklist.css", "_static/furo-variables.css"):
        assert f'"{name}"' in worker
    assert '.map"' not in worker and "_sources" not in worker and "__VERSION__" not in worker
