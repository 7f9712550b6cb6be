"""Offline reading: a first visit fetches only what its page loads; "Keep for offline reading" keeps every page."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from browser_support import Site, ready, wait_until
from handbook_build import build as strict_build
from handbook_offline import offline_lists
from playwright.sync_api import expect

KEEP = "Keep for offline reading"
STOP = "Stop keeping the offline copy"
STATUS = "#handbook-offline-status"
# Every cache of this origin, as {name: [site-relative paths]}.
CACHED = """async () => {
  const out = {};
  for (const name of await caches.keys()) {
    out[name] = (await (await caches.open(name)).keys()).map(r => new URL(r.url).pathname.slice(1));
  }
  return out;
}"""
# As a browser whose connection asks to save data (a data saver, or Chrome's Lite mode).
SAVE_DATA = "Object.defineProperty(navigator, 'connection', {value: {saveData: true}})"


class LoggedSite(Site):
    """A Site that records the path of every request it answers, and its status."""

    def __init__(self, directory: Path, csp: bool = True):
        super().__init__(directory, csp)
        self.requests: list[tuple[str, int]] = []
        served = self.server.RequestHandlerClass
        requests = self.requests

        class Recording(served.func):
            def log_request(self, code="-", size="-"):
                requests.append((self.path.split("?")[0].lstrip("/"), int(code)))

        self.server.RequestHandlerClass = functools.partial(Recording, *served.args, **served.keywords)

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]


def _whole_copy(directory: Path) -> list[str]:
    worker = (directory / "sw.js").read_text(encoding="utf-8")
    return json.loads(re.search(r"const FILES = (\[.*?\]);", worker).group(1))


def _cached(page) -> list[str]:
    return [path for paths in page.evaluate(CACHED).values() for path in paths]


def _control_ready(page) -> None:
    page.get_by_role("button", name=re.compile("offline")).wait_for()


def _keep(page) -> None:
    page.get_by_role("button", name=KEEP).click()
    expect(page.locator(STATUS)).to_contain_text(re.compile(r"Kept for offline reading: \d+ files, every page"), timeout=20000)


def test_a_first_visit_fetches_only_what_its_page_loads(page, demo_site):
    site = LoggedSite(demo_site.directory, csp=demo_site.csp)
    try:
        ready(page, site.url + "assessment.html")
        _control_ready(page)
        page.wait_for_timeout(1500)  # time for anything the worker might fetch in the background
        loaded = page.evaluate("""() => [location.href, ...performance.getEntriesByType('resource').map(e => e.name),
            ...[...document.querySelectorAll('link[rel~=icon]')].map(l => l.href)]""")
        own = {re.sub(r"^http://[^/]+/|\?.*$", "", url) for url in loaded} | {"sw.js"}
        fetched = site.paths()
        assert set(fetched) <= own, set(fetched) - own
        assert len(fetched) == len(set(fetched))  # nothing twice
        assert "index.html" not in fetched and "checklists.json" not in fetched and "searchindex.js" not in fetched
        # The worker keeps nothing yet: this page was read before it was active.
        assert _cached(page) == []
        expect(page.locator(STATUS)).to_contain_text("Pages you open from now on are kept as you read them")
        # The next page, on a connection that asks to save data, is read through the worker, which keeps what it
        # loads and fetches nothing more.
        page.add_init_script(SAVE_DATA)
        before = len(site.requests)
        ready(page, site.url + "index.html")
        _control_ready(page)
        page.wait_for_timeout(3000)
        kept = _cached(page)
        assert "index.html" in kept and "_static/checklist.js" in kept and "search.html" not in kept
        assert "search.html" not in site.paths()[before:]
        expect(page.locator(STATUS)).to_contain_text("The pages you have read are kept")
    finally:
        site.close()


def test_from_the_second_page_view_the_whole_copy_is_fetched_when_idle(page, demo_site):
    site = LoggedSite(demo_site.directory, csp=demo_site.csp)
    whole = _whole_copy(demo_site.directory)
    try:
        ready(page, site.url)
        _control_ready(page)
        ready(page, site.url + "assessment.html")
        wait_until(page, f"({CACHED})().then(c => Object.values(c).some(paths => paths.length === {len(whole)}))")
        assert sorted(_cached(page)) == sorted(whole)
        assert "checklists.json" in whole  # the print dialog's list of every checklist, fetched with the whole copy
    finally:
        site.close()


def test_keeping_the_whole_handbook_opens_pages_never_visited_offline_with_their_checklists(page, demo_site, axe_source):
    site = Site(demo_site.directory, csp=demo_site.csp)  # a server of its own, which the test can take away
    try:
        ready(page, site.url)
        button = page.get_by_role("button", name=KEEP)
        expect(button).to_be_visible()
        expect(page.locator(STATUS)).to_have_attribute("role", "status")
        button.focus()
        page.keyboard.press("Enter")  # operable from the keyboard
        expect(page.locator(STATUS)).to_contain_text(
            f"Kept for offline reading: {len(_whole_copy(demo_site.directory))} files", timeout=20000
        )
        expect(page.get_by_role("button", name=STOP)).to_be_focused()  # the same button, its words changed
        page.evaluate(axe_source)
        violations = page.evaluate("axe.run('.handbook-offline', {resultTypes: ['violations']})")["violations"]
        assert [v["id"] for v in violations] == []
        page.check("#checklist-tasks-survey-done")
        cached = _cached(page)
        assert "assessment.html" in cached and "checklists.json" in cached and not any(p.endswith(".map") for p in cached)
    finally:
        site.close()
    # The server is gone: the assessment page, never opened, comes from the kept copy and works.
    ready(page, site.url + "assessment.html?fit.role=funder")
    expect(page.locator("h1")).to_contain_text("Assessment page")
    page.check("#checklist-fit-leadership-level-3")
    expect(page.locator("#checklist-fit .checklist-progress")).to_have_text("1 of 3 rated")
    ready(page, site.url)
    expect(page.locator("#checklist-tasks-survey-done")).to_be_checked()


def test_the_choice_is_remembered_across_reloads_and_can_be_undone(page, demo_site):
    ready(page, demo_site.url)
    _keep(page)
    ready(page, demo_site.url + "assessment.html")
    expect(page.get_by_role("button", name=STOP)).to_be_visible()
    expect(page.locator(STATUS)).to_contain_text("every page of the handbook")
    page.reload()
    page.get_by_role("button", name=STOP).click()
    expect(page.locator(STATUS)).to_contain_text("The offline copy is removed")
    assert _cached(page) == []
    ready(page, demo_site.url)
    expect(page.get_by_role("button", name=KEEP)).to_be_visible()
    assert page.evaluate("JSON.parse(localStorage.getItem('clh:offline:/')).keep") is False


def test_a_new_build_refreshes_a_kept_copy_before_its_worker_takes_over(page, editable_site):
    site = Site(editable_site.directory)
    try:
        ready(page, site.url)
        _keep(page)
        index = editable_site.src / "index.md"
        index.write_text(index.read_text(encoding="utf-8") + "\nA sentence of the second build.\n", encoding="utf-8")
        page_md = editable_site.src / "assessment.md"
        page_md.write_text(page_md.read_text(encoding="utf-8") + "\nThe assessment, rebuilt.\n", encoding="utf-8")
        strict_build(editable_site.src, editable_site.out)
        ready(page, site.url)  # the new worker installs: the choice makes it fetch the whole copy first
        new = "handbook:/:" + re.search(r'const VERSION = "([0-9a-f]+)"', (site.directory / "sw.js").read_text()).group(1)
        wait_until(page, f"caches.keys().then(ks => ks.filter(k => /:[0-9a-f]{{16}}$/.test(k)).join() === {new!r})")
        assert len(_cached(page)) == len(_whole_copy(site.directory)) + 1  # and the choice
        expect(page.locator(STATUS)).to_contain_text("every page of the handbook")
    finally:
        site.close()
    ready(page, site.url + "assessment.html")  # offline, never opened since the build
    expect(page.get_by_role("main")).to_contain_text("The assessment, rebuilt.")


def test_the_worker_lists_every_page_and_what_pages_load_and_nothing_else(demo_site):
    worker = (demo_site.directory / "sw.js").read_text(encoding="utf-8")
    whole = _whole_copy(demo_site.directory)
    for name in (
        "index.html",
        "assessment.html",
        "search.html",
        "searchindex.js",
        "_static/checklist.js",
        "_static/checklist.css",
        "_static/furo-variables.css",
        "_static/checklist-print.js",
        "_static/checklist-export.js",
        "_static/offline.css",
    ):
        assert name in whole
    assert all((demo_site.directory / name).is_file() for name in whole)
    assert "checklists.json" in whole  # checklist-print.js reads it: the Print or pack dialog lists every checklist
    for never in ("objects.inv", ".buildinfo", "sw.js", "_static/basic.css"):
        assert never not in whole
    assert not [n for n in whole if n.endswith(".map") or n.startswith("_sources/")]
    assert "__VERSION__" not in worker and "__FILES__" not in worker and "__LINKED__" not in worker


def test_the_lists_follow_what_pages_load_and_link_to(tmp_path):
    site = tmp_path / "html"
    for name, text in {
        "index.html": '<link rel="stylesheet" href="_static/a.css?v=1"><script src="_static/app.js"></script>'
        '<img srcset="_static/x.png 1x, _static/y.png 2x"><a href="pdf/book.pdf">PDF</a>'
        '<a href="checklists.json">data</a><a href="sub/">sub</a><a href="https://example.org/z.css">z</a>',
        "sub/index.html": '<link rel="icon" href="../_static/icon.svg"><a href="../index.html">up</a>',
        "_static/a.css": '@import "b.css"; .i { background: url("img/i.svg"); }',
        "_static/b.css": "",
        "_static/img/i.svg": "<svg/>",
        "_static/app.js": 'fetch(new URL("data.txt", root)); const png = "x.png";',
        "_static/app-part.js": "",
        "_static/unused.css": "",
        "_static/x.png": "",
        "_static/y.png": "",
        "_static/icon.svg": "",
        "data.txt": "",
        "checklists.json": "{}",
        "objects.inv": "",
        "_sources/index.md.txt": "",
        "_static/app.js.map": "",
    }.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    files, linked = offline_lists(site)
    assert files == [
        "_static/a.css",
        "_static/app-part.js",
        "_static/app.js",
        "_static/b.css",
        "_static/icon.svg",
        "_static/img/i.svg",
        "_static/x.png",
        "_static/y.png",
        "data.txt",
        "index.html",
        "sub/index.html",
    ]
    assert linked == ["checklists.json", "pdf/book.pdf"]  # kept once opened, as a PDF is
