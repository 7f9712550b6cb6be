"""Saved answers are never lost silently: tabs, full or unreadable storage, older offline copies,
two deployments on one origin, crafted keys and storage switched off, in a real browser on a real build."""

from __future__ import annotations

import base64
import http.server
import json
import re
import shutil
import threading
from pathlib import Path

import pytest
from browser_support import CSP, FILL_STORAGE, FREE_STORAGE, ready, show, tool
from handbook_build import build as strict_build
from playwright.sync_api import expect

KEY = "clh:checklist:tasks"  # the site is at the root of its origin: the key it always had
TICK = "#checklist-tasks-survey-done"
RUN = "#checklist-tasks-tool-run"
NOTICE = "#checklist-tasks .checklist-notice"

# A tab that never hears the others: what it writes must still merge.
DEAF = "window.addEventListener('storage', (event) => event.stopImmediatePropagation(), true)"


class Server:
    """A directory served on 127.0.0.1 with a strict CSP and the given Cache-Control; close() takes it away."""

    def __init__(self, directory: Path, cache_control: str = "no-store"):
        class Handler(http.server.SimpleHTTPRequestHandler):
            def end_headers(self) -> None:
                self.send_header("Content-Security-Policy", CSP)
                self.send_header("Cache-Control", cache_control)
                super().end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), lambda *a: Handler(*a, directory=str(directory)))
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def store(runs: dict, current: str | None = None, seen: str | None = "1.0") -> str:
    return json.dumps({"format": 2, "checklist": "tasks", "current": current or next(iter(runs)), "seen": seen, "runs": runs})


def saved(page, key: str = KEY) -> dict:
    return json.loads(page.evaluate("(k) => localStorage.getItem(k)", key))


def answers(data: dict, name: str) -> dict:
    return next(run["items"] for run in data["runs"].values() if run["name"] == name)


def new_copy(page, name: str) -> None:
    """Start a copy as a reader does: New copy, its name in the field under the buttons, Enter."""
    tool(page, "New copy")
    page.fill("#checklist-tasks-tool-name", name)
    page.press("#checklist-tasks-tool-name", "Enter")
    expect(page.locator(f"{RUN} option:checked")).to_have_text(name)


def worker_cache(directory: Path, folder: str) -> str:
    version = re.search(r'const VERSION = "([0-9a-f]+)"', (directory / "sw.js").read_text(encoding="utf-8")).group(1)
    return f"handbook:{folder}:{version}"


# wait_for_function does not wait for a promise: these wait in the page, up to 20 s. A worker's cache
# holds nothing until its install has fetched every file (addAll is all or nothing).
def _until(condition: str) -> str:
    return f"""async (arg) => {{
  for (const end = Date.now() + 20000; Date.now() < end; await new Promise((done) => setTimeout(done, 50))) {{
    if ({condition}) return true;
  }}
  return false;
}}"""


CACHE_FILLED = _until("await caches.has(arg[0]) && await (await caches.open(arg[0])).match(arg[1])")
CACHE_GONE = _until("!(await caches.has(arg))")


def keep_offline(page) -> None:
    """Ask for the whole handbook offline, as a reader does with the button: a first visit alone keeps nothing."""
    page.get_by_role("button", name="Keep for offline reading").click()
    expect(page.locator("#handbook-offline-status")).to_contain_text("every page of the handbook", timeout=20000)


def wait_for_cache(page, name: str, page_url: str) -> None:
    """Until the cache `name` holds every file, `page_url` among them."""
    assert page.evaluate(CACHE_FILLED, [name, page_url]), f"cache {name} was never filled"


def wait_for_no_cache(page, name: str) -> None:
    assert page.evaluate(CACHE_GONE, name), f"cache {name} was kept"


def cache_names(page) -> list[str]:
    return page.evaluate("caches.keys()")


@pytest.fixture
def errors(page):
    """Uncaught errors of the page's scripts."""
    found = []
    page.on("pageerror", lambda error: found.append(error))
    return found


# ---- tabs ----


def test_two_tabs_merge_ticks_and_copies_and_a_third_sees_everything(context, demo_site):
    url = demo_site.url
    seed = context.new_page()
    ready(seed, url)
    seed.evaluate(
        "(t) => localStorage.setItem('clh:checklist:tasks', t)",
        store({"run-1": {"name": "My copy", "items": {}}, "run-2": {"name": "Doomed", "items": {"agenda": {"done": True}}}}),
    )
    seed.close()
    first, second = context.new_page(), context.new_page()
    for tab in (first, second):
        tab.add_init_script(DEAF)
        ready(tab, url)
    # Each tab acts on what it read at the start, hearing nothing of the other.
    first.check(TICK)
    second.check("#checklist-tasks-thank-done")
    new_copy(first, "Workshop")
    first.check("#checklist-tasks-agenda-done")
    new_copy(second, "Second workshop")  # both tabs counted three copies: once both were "run-3"
    show(second, RUN)
    second.select_option(RUN, label="Doomed")
    tool(second, "Delete copy")
    show(first, RUN)
    first.select_option(RUN, label="My copy")
    first.check("#checklist-tasks-report-done")  # the tab still listing "Doomed" writes after the deletion

    third = context.new_page()
    ready(third, url)
    names = third.eval_on_selector_all(f"{RUN} option", "options => options.map(o => o.textContent)")
    assert sorted(names) == ["My copy", "Second workshop", "Workshop"]
    show(third, RUN)
    third.select_option(RUN, label="My copy")
    for item in ("survey", "thank", "report"):
        expect(third.locator(f"#checklist-tasks-{item}-done")).to_be_checked()
    expect(third.locator("#checklist-tasks-agenda-done")).not_to_be_checked()
    show(third, RUN)
    third.select_option(RUN, label="Workshop")
    expect(third.locator("#checklist-tasks-agenda-done")).to_be_checked()
    data = saved(third)
    assert answers(data, "My copy") == {"survey": {"done": True}, "thank": {"done": True}, "report": {"done": True}}
    assert len(set(data["runs"])) == 3 and all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", run) for run in data["runs"])


def test_a_tab_shows_another_tabs_changes_keeping_its_copy_and_the_note_being_typed(context, demo_site):
    url = demo_site.url
    other = context.new_page()
    ready(other, url)
    new_copy(other, "Workshop")
    show(other, RUN)
    other.select_option(RUN, label="My copy")
    live = context.new_page()
    ready(live, url)
    show(live, RUN)
    live.select_option(RUN, label="Workshop")
    show(live, RUN)
    live.select_option(RUN, label="My copy")
    live.click("#checklist-tasks-agenda .checklist-note-toggle")
    live.keyboard.type("half a")
    other.check(TICK)  # arrives while the note is being typed
    expect(live.locator(TICK)).to_be_checked()
    note = live.locator("#checklist-tasks-agenda-note")
    expect(note).to_have_value("half a")
    expect(note).to_be_focused()
    live.keyboard.type(" thought")
    note.blur()
    expect(other.locator("#checklist-tasks-agenda-note")).to_have_value("half a thought")
    expect(other.locator(TICK)).to_be_checked()
    # The copy the live tab shows is deleted elsewhere: it switches and says so.
    show(live, RUN)
    live.select_option(RUN, label="Workshop")
    show(other, RUN)
    other.select_option(RUN, label="Workshop")
    tool(other, "Delete copy")
    expect(live.locator(NOTICE)).to_contain_text("“Workshop” was deleted in another tab")
    expect(live.locator(f"{RUN} option")).to_have_count(1)
    expect(live.locator(TICK)).to_be_checked()


# ---- full and unreadable storage ----


def test_full_storage_keeps_changes_on_screen_and_saves_them_once_there_is_room(page, demo_site):
    ready(page, demo_site.url)
    page.check(TICK)
    page.evaluate(FILL_STORAGE)
    page.check("#checklist-tasks-agenda-na")
    notice = page.locator(NOTICE)
    expect(notice).to_have_attribute("role", "alert")
    expect(notice).to_contain_text("not saved yet: browser storage is full")
    expect(page.locator("#checklist-tasks-agenda-na")).to_be_checked()
    page.click("#checklist-tasks-thank .checklist-note-toggle")
    page.fill("#checklist-tasks-thank-note", "Cards")
    page.locator("#checklist-tasks-thank-note").blur()
    expect(page.locator("#checklist-tasks .checklist-progress")).to_have_text("1 of 4 done")
    assert answers(saved(page), "My copy") == {"survey": {"done": True}}  # what was saved is intact
    page.evaluate(FREE_STORAGE)
    page.check("#checklist-tasks-report-done")
    expect(notice).to_contain_text("every change on this page is now saved")
    assert answers(saved(page), "My copy") == {
        "survey": {"done": True},
        "agenda": {"na": True},
        "thank": {"note": "Cards"},
        "report": {"done": True},
    }


def _set_aside_keys(page) -> list[str]:
    return page.evaluate("Object.keys(localStorage).filter(k => k.includes(':set-aside:'))")


def _downloaded(page) -> str:
    with page.expect_download() as info:
        tool(page, "Download the saved data")
    return info.value.path().read_text(encoding="utf-8")


def test_unreadable_data_without_room_to_set_it_aside_is_left_untouched_and_offered(page, demo_site):
    ready(page, demo_site.url)
    broken = '{"format": 2, "checklist": "tasks", "runs": ' + "é" * 100_000  # cut short
    page.evaluate("(t) => localStorage.setItem('clh:checklist:tasks', t)", broken)
    page.evaluate(FILL_STORAGE)
    ready(page, demo_site.url)
    notice = page.locator(NOTICE)
    expect(notice).to_contain_text("could not be read, and there is no room to set them aside")
    assert _downloaded(page) == broken
    page.check(TICK)  # works on screen; nothing is written
    expect(page.locator("#checklist-tasks .checklist-progress")).to_have_text("1 of 5 done")
    assert page.evaluate("localStorage.getItem('clh:checklist:tasks')") == broken
    assert _set_aside_keys(page) == []
    # With room, it is set aside, read back, and the notice names the key that holds it.
    page.evaluate(FREE_STORAGE)
    ready(page, demo_site.url)
    expect(notice).to_contain_text("They were set aside")
    aside = re.search(r"key “([^”]+)”", notice.text_content()).group(1)
    assert _set_aside_keys(page) == [aside]
    assert page.evaluate("(k) => localStorage.getItem(k)", aside) == broken
    page.check(TICK)
    assert answers(saved(page), "My copy") == {"survey": {"done": True}}


def test_data_of_a_newer_format_is_never_replaced(page, demo_site):
    newer = json.dumps({"format": 99, "checklist": "tasks", "copies": {"x": {"survey": "done"}}}, indent=1)
    ready(page, demo_site.url)
    page.evaluate("(t) => localStorage.setItem('clh:checklist:tasks', t)", newer)
    ready(page, demo_site.url)
    notice = page.locator(NOTICE)
    expect(notice).to_contain_text("made by a newer version of the handbook. Reload the page to get the latest version")
    page.check(TICK)
    tool(page, "Reset")
    assert _downloaded(page) == newer
    assert page.evaluate("localStorage.getItem('clh:checklist:tasks')") == newer
    assert _set_aside_keys(page) == []


def test_newer_data_written_by_another_tab_stops_this_one_writing(page, demo_site):
    ready(page, demo_site.url)
    page.check(TICK)
    newer = json.dumps({"format": 5, "checklist": "tasks"})  # the script writes format 4
    page.evaluate("(t) => localStorage.setItem('clh:checklist:tasks', t)", newer)  # no event in the writing tab
    page.check("#checklist-tasks-thank-done")
    expect(page.locator(NOTICE)).to_contain_text("newer version of the handbook")
    expect(page.locator("#checklist-tasks-thank-done")).to_be_checked()
    assert page.evaluate("localStorage.getItem('clh:checklist:tasks')") == newer


# ---- builds: older copies offline, the HTTP cache, two deployments on one origin ----


def _edit_tasks(site, *, version: str, add: str | None = None, remove: str | None = None) -> None:
    path = site.src / "checklists" / "tasks.yaml"
    text = path.read_text(encoding="utf-8").replace('version: "1.0"', f'version: "{version}"')
    if remove:
        start = text.index(f"      - id: {remove}\n")
        end = text.find("      - id: ", start + 1)
        text = text[:start] + (text[end:] if end > 0 else "")
    if add:
        item = f"      - id: {add}\n        text: Share the {add}.\n        roles: [member]\n        source: guide-follow-up\n"
        text = text.rstrip("\n") + "\n" + item
    path.write_text(text, encoding="utf-8")
    strict_build(site.src, site.out)


def test_an_older_copy_read_offline_keeps_answers_to_items_it_does_not_know(page, editable_site):
    html = editable_site.directory
    server = Server(html, cache_control="max-age=3600")  # an ordinary server: pages may be cached for an hour
    url = server.origin + "/"
    try:
        ready(page, url)
        old_cache = worker_cache(html, "/")
        keep_offline(page)
        wait_for_cache(page, old_cache, url + "index.html")
        page.check(TICK)
        page.check("#checklist-tasks-thank-done")
        shutil.copy(html / "index.html", html / "old.html")  # build 1.0 of the page, kept alongside
        _edit_tasks(editable_site, version="1.1", add="minutes", remove="thank")
        new_cache = worker_cache(html, "/")
        assert new_cache != old_cache
        ready(page, url)  # online: the newest page, past the hour-long HTTP cache
        expect(page.locator("#checklist-tasks-minutes-done")).to_be_visible()
        page.check("#checklist-tasks-minutes-done")
        data = saved(page)
        assert data["seen"] == "1.1"
        # thank is no longer in the checklist: its answer is kept aside, and the page says so
        assert answers(data, "My copy") == {"survey": {"done": True}, "thank": {"done": True}, "minutes": {"done": True}}
        expect(page.locator("#checklist-tasks .checklist-aside")).to_contain_text(
            "1 answer to items this checklist no longer has (or does not have yet) is kept aside"
        )
        # The new worker's copy is the new build, though the HTTP cache still holds the old one.
        wait_for_cache(page, new_cache, url + "index.html")
        wait_for_no_cache(page, old_cache)  # deleted once the new worker is active
        kept = page.evaluate(
            "([name, page]) => caches.open(name).then(c => c.match(page)).then(r => r.text())", [new_cache, url + "index.html"]
        )
        assert "Share the minutes." in kept and 'data-checklist-version="1.1"' in kept
    finally:
        server.close()
    # Offline, the older copy opens from the worker's cache: it undoes nothing it does not know.
    ready(page, url + "old.html")
    expect(page.locator("#checklist-tasks-minutes")).to_have_count(0)
    expect(page.locator(NOTICE)).to_contain_text("older copy of the checklist (version 1.0")
    expect(page.locator(TICK)).to_be_checked()
    page.check("#checklist-tasks-agenda-done")
    data = saved(page)
    assert data["seen"] == "1.1"
    assert answers(data, "My copy") == {
        "survey": {"done": True},
        "thank": {"done": True},
        "minutes": {"done": True},
        "agenda": {"done": True},
    }
    ready(page, url)
    expect(page.locator("#checklist-tasks-minutes-done")).to_be_checked()
    expect(page.locator("#checklist-tasks-agenda-done")).to_be_checked()
    expect(page.locator(NOTICE)).to_be_hidden()


def test_two_deployments_on_one_origin_keep_their_answers_and_caches_apart(page, editable_site, tmp_path):
    tree = tmp_path / "origin"  # one origin serving the handbook twice, as /prod/ and /preview/
    for folder in ("prod", "preview"):
        shutil.copytree(editable_site.directory, tree / folder)
    server = Server(tree)
    prod, preview = server.origin + "/prod/", server.origin + "/preview/"
    prod_cache, preview_cache = worker_cache(tree / "prod", "/prod/"), worker_cache(tree / "preview", "/preview/")
    try:
        # Answers saved before keys named the folder are copied into each deployment, never moved.
        ready(page, prod)
        legacy = store({"run-1": {"name": "My copy", "items": {"agenda": {"done": True}}}})
        page.evaluate("(t) => localStorage.setItem('clh:checklist:tasks', t)", legacy)
        ready(page, prod)
        keep_offline(page)
        wait_for_cache(page, prod_cache, prod + "index.html")
        page.check(TICK)
        ready(page, preview)
        keep_offline(page)
        wait_for_cache(page, preview_cache, preview + "index.html")
        expect(page.locator("#checklist-tasks-agenda-done")).to_be_checked()
        expect(page.locator(TICK)).not_to_be_checked()
        page.check("#checklist-tasks-report-done")
        assert answers(saved(page, "clh:checklist:/prod/tasks"), "My copy") == {"agenda": {"done": True}, "survey": {"done": True}}
        assert answers(saved(page, "clh:checklist:/preview/tasks"), "My copy") == {"agenda": {"done": True}, "report": {"done": True}}
        assert page.evaluate("localStorage.getItem('clh:checklist:tasks')") == legacy
        ready(page, prod)
        expect(page.locator("#checklist-tasks-report-done")).not_to_be_checked()
        # A new build deployed to /preview/ only: its worker replaces its own cache, not /prod/'s.
        _edit_tasks(editable_site, version="1.1")
        shutil.rmtree(tree / "preview")
        shutil.copytree(editable_site.directory, tree / "preview")
        ready(page, preview)
        wait_for_cache(page, worker_cache(tree / "preview", "/preview/"), preview + "index.html")
        wait_for_no_cache(page, preview_cache)
        assert prod_cache in cache_names(page)
    finally:
        server.close()
    ready(page, prod)  # offline: /prod/ still reads from its own copy
    expect(page.locator(TICK)).to_be_checked()
    expect(page.locator("#checklist-tasks-report-done")).not_to_be_checked()


# ---- crafted keys ----

CRAFTED = (
    '{"format": 1, "checklist": "tasks", "current": "constructor", "runs": {'
    '"__proto__": {"name": "P", "items": {"survey": {"done": true}}},'
    '"hasOwnProperty": {"name": "H", "items": {}},'
    '"constructor": {"name": "C", "items": {"__proto__": {"done": true}, "constructor": {"done": true},'
    ' "hasOwnProperty": {"note": "x"}, "toString": {"done": true}, "survey": {"done": true}}}}}'
)
# The answers of the copy on screen are a plain map: no crafted "__proto__" became their prototype.
ANSWERS_UNTOUCHED = """(() => {
  const items = window.checklistControllers.find((c) => c.id === "tasks").copy().items;
  return [null, Object.prototype].includes(Object.getPrototypeOf(items)) && !("done" in items);
})()"""
POLLUTED = "['done', 'note', 'name', 'items'].some(k => k in {}) || typeof Object.prototype.constructor !== 'function'"


def test_crafted_keys_in_saved_data_neither_crash_nor_pollute(page, demo_site, errors):
    ready(page, demo_site.url)
    page.evaluate("(t) => localStorage.setItem('clh:checklist:tasks', t)", CRAFTED)
    ready(page, demo_site.url)
    expect(page.locator(f"{RUN} option:checked")).to_have_text("C")
    expect(page.locator(TICK)).to_be_checked()
    page.check("#checklist-tasks-agenda-done")
    data = saved(page)
    assert list(data["runs"]) == ["constructor"]
    # "constructor" was kept as an item id like any other, and stays kept aside: this page has no such item.
    assert data["runs"]["constructor"]["items"] == {"survey": {"done": True}, "agenda": {"done": True}, "constructor": {"done": True}}
    for current in ("__proto__", "hasOwnProperty", "toString"):
        text = CRAFTED.replace('"current": "constructor"', f'"current": "{current}"')
        page.evaluate("(t) => localStorage.setItem('clh:checklist:tasks', t)", text)
        ready(page, demo_site.url)
        expect(page.locator(f"{RUN} option:checked")).to_have_text("C")
    assert not page.evaluate(POLLUTED)
    assert errors == []


def test_crafted_keys_in_an_import_and_a_share_link_neither_crash_nor_pollute(page, demo_site, errors, tmp_path):
    ready(page, demo_site.url)
    crafted = tmp_path / "crafted.json"
    crafted.write_text(
        '{"format": 1, "type": "checklist-run", "checklist": "tasks", "run": {"name": "__proto__", "items": '
        '{"__proto__": {"done": true}, "constructor": {"done": true}, "hasOwnProperty": {"done": true},'
        ' "survey": {"done": true}}}}',
        encoding="utf-8",
    )
    page.set_input_files("#checklist-tasks-tool-import", str(crafted))
    expect(page.locator("#checklist-tasks .checklist-status")).to_contain_text("Imported")
    expect(page.locator(TICK)).to_be_checked()
    assert page.evaluate(ANSWERS_UNTOUCHED)
    payload = (
        base64.urlsafe_b64encode(
            b'{"n": "constructor", "i": {"__proto__": {"done": true}, "toString": {"done": true},'
            b' "constructor": {"note": "n"}, "thank": {"done": true}}}'
        )
        .decode()
        .rstrip("=")
    )
    for checklist in ("__proto__", "constructor", "tasks"):
        page.goto("about:blank")  # a new load, not a jump within the page
        ready(page, demo_site.url + f"#share={checklist}~{payload}")
        if checklist != "tasks":
            expect(page.locator("#checklist-tasks .checklist-notice")).to_contain_text(
                f"for the checklist “{checklist}”, which is not on this page"
            )
    page.locator("#checklist-tasks .checklist-share-offer").get_by_role("button", name="Add as a new copy").click()
    shared = page.locator(f"{RUN} option:checked").inner_text()
    assert re.fullmatch(r"constructor \(received \d{1,2} [A-Z][a-z]{2} \d{4}\)", shared)  # the link has no day: the day it was opened
    expect(page.locator("#checklist-tasks-thank-done")).to_be_checked()
    assert page.evaluate(ANSWERS_UNTOUCHED)
    runs = saved(page)["runs"]
    assert sorted(run["name"] for run in runs.values()) == ["My copy", "__proto__", shared]
    # the rest unsafe; "constructor" is kept aside (no such item here)
    assert answers(saved(page), shared) == {"thank": {"done": True}, "constructor": {"note": "n"}}
    assert not page.evaluate(POLLUTED)
    assert errors == []


# ---- storage switched off ----

# As a browser that blocks site data throws: a SecurityError (an Error here, so that its stack names the caller).
NO_STORAGE = """Object.defineProperty(window, "localStorage", { configurable: true, get() {
  const error = new Error("The operation is insecure."); error.name = "SecurityError"; throw error; } });"""
OURS = re.compile(r"/_static/(checklist|furo-theme-init|offline)\.js")


def test_with_storage_disabled_the_page_works_and_says_nothing_is_saved(page, demo_site, errors):
    page.add_init_script(NO_STORAGE)
    ready(page, demo_site.url)
    assert [e.stack for e in errors if OURS.search(e.stack or "")] == []  # the theme's own script too (issue 18)
    assert page.evaluate("document.body.dataset.theme") == "auto"
    expect(page.locator(NOTICE)).to_contain_text("storage is disabled")
    page.check(TICK)
    expect(page.locator("#checklist-tasks .checklist-progress")).to_have_text("1 of 5 done")
    with page.expect_download() as info:
        tool(page, "Export JSON")
    assert json.loads(info.value.path().read_text(encoding="utf-8"))["run"]["items"] == {"survey": {"done": True}}
    assert [e.stack for e in errors if OURS.search(e.stack or "")] == []
