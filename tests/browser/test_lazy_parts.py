"""What most visits never use loads only when wanted: checklist-print.js (paper, the Print or pack dialog) and
checklist-export.js (exports, import, share links) are not requested with the page, are requested the first time a
reader wants them, and work offline from the worker's copy. Also: notices add up rather than replace each other."""

from __future__ import annotations

import re

from browser_support import FILL_STORAGE, Site, ready, tool, wait_until
from playwright.sync_api import expect

PARTS = ("checklist-print.js", "checklist-export.js")
NOTICE = "#checklist-tasks .checklist-notice"
STUB_PRINT = "window.print = () => { document.documentElement.dataset.printed = 'yes'; }"


def _requested(page) -> list[str]:
    names: list[str] = []
    page.on("request", lambda request: names.append(request.url.split("?")[0].rsplit("/", 1)[-1]))
    return names


def test_parts_load_only_when_wanted_and_once(page, demo_site):
    requested = _requested(page)
    ready(page, demo_site.url)
    page.wait_for_load_state("networkidle")
    assert "checklist.js" in requested and not set(PARTS) & set(requested)
    assert page.evaluate("typeof window.checklistPrintSetup") == "function"  # the stub, from page load
    tool(page, "Print or pack…")
    expect(page.locator("#checklist-tasks dialog")).to_be_visible()
    assert requested.count("checklist-print.js") == 1 and "checklist-export.js" not in requested
    src = page.eval_on_selector("script[src*='checklist-print.js']", "s => s.src")
    assert re.search(r"/_static/checklist-print\.js\?v=[0-9a-f]{8}$", src)  # beside checklist.js, with its version
    # the dialog keeps its look (a stylesheet the print file builds, allowed by the policy)
    dialog = page.locator("#checklist-tasks dialog")
    assert dialog.evaluate("d => getComputedStyle(d).borderTopStyle") == "solid"
    assert dialog.locator("fieldset").first.evaluate("f => getComputedStyle(f).borderTopWidth") == "0px"
    page.keyboard.press("Escape")
    tool(page, "Print or pack…")
    expect(page.locator("#checklist-tasks dialog")).to_be_visible()
    page.keyboard.press("Escape")
    with page.expect_download() as info:
        tool(page, "Export CSV")
    assert info.value.suggested_filename.endswith(".csv")
    assert requested.count("checklist-print.js") == 1 and requested.count("checklist-export.js") == 1


def test_print_setup_loads_the_print_file_when_called(page, demo_site):
    requested = _requested(page)
    ready(page, demo_site.url)
    assert "checklist-print.js" not in requested
    state = page.evaluate("""async () => {
        const s = window.checklistPrintSetup('tasks', {blank: true, mode: 'compact'});
        if (s && s.ready) await s.ready;
        const state = [document.body.dataset.checklistPrint, document.querySelectorAll('.checklist-print-doc .checklist').length];
        s.cleanup();
        return state;
    }""")
    assert state == ["blank", 1]
    assert requested.count("checklist-print.js") == 1


def test_sw_lists_the_parts(demo_site):
    worker = (demo_site.directory / "sw.js").read_text(encoding="utf-8")
    for name in PARTS:
        assert f'"_static/{name}"' in worker


def test_printing_exporting_and_sharing_work_offline_from_the_workers_copy(page, demo_site, axe_source):
    site = Site(demo_site.directory)  # a server of its own, which the test can take away
    page.add_init_script(STUB_PRINT)
    try:
        ready(page, site.url)
        wait_until(page, "navigator.serviceWorker.ready.then(r => r.active && r.active.state === 'activated')")
        # the reader asks for the whole handbook: a first visit alone keeps nothing
        page.get_by_role("button", name="Keep for offline reading").click()
        expect(page.locator("#handbook-offline-status")).to_contain_text("every page of the handbook", timeout=20000)
        page.check("#checklist-tasks-survey-done")
    finally:
        site.close()
    requested = _requested(page)
    ready(page, site.url)  # offline: the page and, when wanted, its parts come from the worker's copy
    tool(page, "Print or pack…")
    dialog = page.locator("#checklist-tasks dialog")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_label("Fit assessment")).to_be_visible()  # checklists.json, from the copy too
    dialog.get_by_role("button", name="Print", exact=True).click()
    page.wait_for_selector("html[data-printed=yes]", state="attached")
    survey = ".checklist-print-doc .checklist[data-checklist-id='tasks'] tr[data-checklist-item-id='survey']"
    expect(page.locator(f"{survey} input[value=done]")).to_be_checked()
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    tool(page, "Share link")
    expect(page.locator("#checklist-tasks-share-url")).to_have_value(re.compile("#share=tasks~"))
    assert "checklist-print.js" in requested and "checklist-export.js" in requested
    page.evaluate(axe_source)  # the share box, shown, passes axe (as the dialog does in test_print.py)
    violations = page.evaluate("axe.run(document, {resultTypes: ['violations']})")["violations"]
    assert [v["id"] for v in violations] == []


def test_a_part_that_cannot_load_says_so_and_loads_when_asked_again(browser, demo_site):
    # Without the offline worker, which would answer from the copy it keeps as the reader goes and so
    # past the route that makes the network fail (Playwright routes do not see a worker's requests).
    page = browser.new_context(service_workers="block").new_page()
    ready(page, demo_site.url)
    page.route("**/checklist-export.js*", lambda route: route.abort())
    tool(page, "Share link")
    expect(page.locator("#checklist-tasks .checklist-status")).to_contain_text("could not load its tools")
    page.unroute("**/checklist-export.js*")
    tool(page, "Share link")
    expect(page.locator("#checklist-tasks-share-url")).to_have_value(re.compile("#share=tasks~"))


def test_notices_add_up_newest_last_and_once_each(page, demo_site):
    """A "set aside" notice must not be lost when storage then fills up; a notice ended by a later one goes."""
    ready(page, demo_site.url)
    page.evaluate("localStorage.setItem('clh:checklist:tasks', '{not json')")
    ready(page, demo_site.url)
    notice = page.locator(NOTICE)
    expect(notice).to_contain_text("They were set aside")
    page.evaluate(FILL_STORAGE)
    page.check("#checklist-tasks-survey-done")
    page.check("#checklist-tasks-report-done")  # a second failed save: still one notice of it
    messages = notice.locator("p")
    expect(messages).to_have_count(2)
    expect(messages.nth(0)).to_contain_text("They were set aside")
    expect(messages.nth(1)).to_contain_text("not saved yet: browser storage is full")
    page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('junk-')).forEach(k => localStorage.removeItem(k))")
    page.check("#checklist-tasks-agenda-done")
    expect(messages).to_have_count(2)
    expect(messages.nth(0)).to_contain_text("They were set aside")
    expect(messages.nth(1)).to_have_text("Storage has room again: every change on this page is now saved.")
