"""Adversarial cases of Compare and printing in a real Chromium: responses alike and duplicated, broken files and links,
oversized input, a thousand respondents, typing in Compare's fields, a pack whose page is missing, printing with a filter.

    .venv/bin/python scripts/adversarial_compare.py [--project DIR]

Builds the browser-test handbook (tests/roots/test-browser) of ``--project`` with that project's extension, serves it on
127.0.0.1 under the strict CSP and tries each case in a fresh browser context. Verdicts: "crashed" (an uncaught error in
the page), "silent" (nothing said, or bad input accepted wrongly), "lost" (a response that should be there is not),
"frozen" (a main-thread task over 200 ms, measured with a PerformanceObserver of 'longtask', or a hang), "clean"
otherwise. The case of 1,000 respondents reports its longest task and how long adding them took.
"""

from __future__ import annotations

import argparse
import base64
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
PYTHON = HERE / ".venv" / "bin" / "python"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"]
REGION = "#checklist-fit-compare"
LONG_TASK_MS = 200
# Every long task of the page, from its start (Chromium reports tasks over 50 ms).
OBSERVE = """window.__long = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__long.push(e.duration); })
  .observe({ type: "longtask", buffered: true });"""
STUB_PRINT = "window.print = () => { window.__printed = (window.__printed || 0) + 1; };"


class Frozen(Exception):
    """A case waited past its time for the page to answer."""


# ---------------------------------------------------------------- the site


def build_site(project: Path, out: Path) -> Path:
    """The test-browser handbook of ``project``, built with its own extension; raises with Sphinx's words on failure."""
    src = out / "src"
    shutil.copytree(project / "tests" / "roots" / "test-browser", src)
    html = out / "html"
    env = {**os.environ, "PYTHONPATH": str(project / "ext")}
    cmd = [str(PYTHON), "-m", "sphinx", "-q", "-b", "html", "-d", str(out / "doctrees"), str(src), str(html)]
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=240)
    if result.returncode:
        raise RuntimeError("the test site did not build: " + (result.stderr.strip().splitlines() or ["?"])[-1])
    return html


class Server:
    """``directory`` on 127.0.0.1 with the site's strict Content-Security-Policy."""

    def __init__(self, directory: Path):
        class Handler(http.server.SimpleHTTPRequestHandler):
            def end_headers(self) -> None:
                self.send_header("Content-Security-Policy", "default-src 'self'")
                self.send_header("Cache-Control", "no-store")
                super().end_headers()

            def log_message(self, *args) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(directory)))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# ---------------------------------------------------------------- responses


def export(name: str = "My copy", items: dict | None = None, **changes) -> dict:
    """A JSON export of the test site's assessment, as Export JSON writes it; ``changes`` replace its fields."""
    data = {
        "format": 1,
        "type": "checklist-run",
        "checklist": "fit",
        "version": "2.0",
        "exported": "2026-05-01T10:00:00.000Z",
        "run": {
            "name": name,
            "created": "2026-05-01T09:00:00.000Z",
            "updated": "2026-05-01T09:30:00.000Z",
            "items": {"leadership": {"rating": "1"}} if items is None else items,
        },
    }
    data.update(changes)
    return data


def share_link(items: dict, name: str = "Ben", checklist: str = "fit") -> str:
    raw = json.dumps({"n": name, "i": items}).encode("utf-8")
    return f"https://example.org/assessment.html#share={checklist}~" + base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def encoded_link(raw: bytes, checklist: str = "fit") -> str:
    return f"https://example.org/assessment.html#share={checklist}~" + base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


class Probe:
    """One browser context and page per case, recording the page's uncaught errors."""

    def __init__(self, browser, site: Server, folder: Path):
        self.browser, self.site, self.folder = browser, site, folder
        self.n = 0

    def page(self, url: str = "assessment.html", init: str = ""):
        context = self.browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True, service_workers="block")
        page = context.new_page()
        page.adv_errors = []  # type: ignore[attr-defined]
        page.on("pageerror", lambda e: page.adv_errors.append(str(e)))  # type: ignore[attr-defined]
        page.add_init_script(OBSERVE + STUB_PRINT + init)
        page.goto(self.site.url + url)
        page.wait_for_selector("html[data-checklists-ready=true]", timeout=20000)
        return page

    def file(self, name: str, content: str | bytes | dict) -> str:
        self.n += 1
        folder = self.folder / str(self.n)
        folder.mkdir()
        path = folder / name
        if isinstance(content, dict):
            content = json.dumps(content)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        return str(path)


def open_compare(page) -> None:
    page.click("#checklist-fit .checklist-toolbar button:text-is('Compare…')")
    page.wait_for_selector(f"{REGION}-title", state="visible")


def respondents(page) -> int:
    return page.locator(f"{REGION} .checklist-compare-who li").count()


def said(page) -> str:
    """What Compare says: its status line and anything listed under it."""
    selector = f"{REGION} .checklist-status, {REGION} .checklist-compare-problems"
    return page.evaluate(f"() => Array.from(document.querySelectorAll('{selector}'), e => e.innerText).join(' ')")


def settle(page, expression: str, seconds: float = 15) -> bool:
    """Wait until ``expression`` holds in the page; False when it never does."""
    try:
        page.wait_for_function(expression, timeout=seconds * 1000)
        return True
    except Exception:
        return False


def add_files(page, paths: list[str]) -> None:
    """Choose files, then wait until Compare has said something about them (or a few seconds pass)."""
    page.evaluate(f"() => {{ const s = document.querySelector('{REGION} .checklist-status'); if (s) s.textContent = ''; }}")
    page.set_input_files(f"{REGION}-files", paths)
    settle(page, f"() => (document.querySelector('{REGION} .checklist-status') || {{}}).textContent", 8)


def add_links(page, text: str) -> None:
    page.evaluate(f"() => {{ document.querySelector('{REGION} .checklist-status').textContent = ''; }}")
    page.evaluate(f"(t) => {{ const box = document.querySelector('{REGION}-links'); box.value = t; }}", text)
    page.click(f"{REGION} button:text-is('Add links')")
    settle(page, f"() => document.querySelector('{REGION} .checklist-status').textContent", 8)


def crashed(page) -> str:
    return "; ".join(page.adv_errors)[:200]  # type: ignore[attr-defined]


def refused(page, name: str, words: str) -> tuple[str, str]:
    """A response that must not be added: clean when none was and Compare names it and says what is wrong."""
    text = said(page)
    if crashed(page):
        return "crashed", crashed(page)
    if respondents(page):
        return "silent", f"added as a respondent; said: {text[:140]!r}"
    if name.lower() not in text.lower() or not re.search(words, text, re.I):
        return "silent", f"not named with what is wrong; said: {text[:160]!r}"
    return "clean", text[:160]


# ---------------------------------------------------------------- cases


def case_same_name_same_size(p: Probe):
    page = p.page()
    open_compare(page)
    a = p.file("response.json", export(items={"leadership": {"rating": "1"}}))
    b = p.file("response.json", export(items={"leadership": {"rating": "3"}}))
    add_files(page, [a])
    add_files(page, [b])
    n = respondents(page)
    return (
        ("clean", "two partners' files, both “My copy” and the same size: 2 respondents") if n == 2 else ("lost", f"{n} respondent(s) of 2")
    )


def case_duplicate_file(p: Probe):
    page = p.page()
    open_compare(page)
    a = p.file("ama.json", export("Ama"))
    add_files(page, [a])
    add_files(page, [a])
    n, text = respondents(page), said(page)
    if n != 1:
        return "silent", f"the same file twice: {n} respondents"
    return (
        ("clean", text[:140]) if re.search(r"once|already|same", text, re.I) else ("silent", f"counted once without a word: {text[:120]!r}")
    )


def case_same_content_renamed(p: Probe):
    page = p.page()
    open_compare(page)
    add_files(page, [p.file("ama.json", export("Ama")), p.file("ama (1).json", export("Ama"))])
    n, text = respondents(page), said(page)
    if n != 1:
        return "silent", f"one response under two file names: {n} respondents"
    return (
        ("clean", text[:140]) if re.search(r"once|already|same", text, re.I) else ("silent", f"counted once without a word: {text[:120]!r}")
    )


def case_own_copy_and_its_export(p: Probe):
    page = p.page()
    page.check("#checklist-fit-leadership-level-2")
    store = json.loads(page.evaluate("localStorage.getItem('clh:checklist:fit')"))
    copy = store["runs"][store["current"]]
    data = export(copy["name"], copy["items"])
    data["run"] = copy
    open_compare(page)
    page.check(f"{REGION}-own-{store['current']}")
    add_files(page, [p.file("mine.json", data)])
    n, text = respondents(page), said(page)
    if n != 1:
        return "silent", f"an own copy and its export: {n} respondents"
    return (
        ("clean", text[:140]) if re.search(r"once|already|same", text, re.I) else ("silent", f"counted once without a word: {text[:120]!r}")
    )


def case_off_scale(p: Probe):
    page = p.page()
    open_compare(page)
    add_files(page, [p.file("wild.json", export("Wild", {"leadership": {"rating": "7"}, "budget": {"rating": "2"}}))])
    text = said(page)
    if crashed(page):
        return "crashed", crashed(page)
    if "wild.json" not in text or not re.search(r"scale", text, re.I):
        return "silent", f"a rating of 7 on a 1–3 scale, not named: {text[:140]!r}"
    return "clean", text[:160]


def case_off_scale_only(p: Probe):
    page = p.page()
    open_compare(page)
    add_files(page, [p.file("nines.json", export("Nines", {"leadership": {"rating": 9}, "budget": {"rating": "0"}}))])
    return refused(page, "nines.json", r"scale")


def case_no_answers(p: Probe):
    page = p.page()
    open_compare(page)
    add_files(page, [p.file("blank.json", export("Blank", {}))])
    return refused(page, "blank.json", r"no answers|nothing|empty")


def case_notes_only(p: Probe):
    page = p.page()
    open_compare(page)
    add_files(page, [p.file("notes.json", export("Notes", {"leadership": {"note": "Ask again"}}))])
    return refused(page, "notes.json", r"rates none|no rating|only notes")


def case_future_format(p: Probe):
    page = p.page()
    open_compare(page)
    add_files(page, [p.file("future.json", export("Future", format=99))])
    return refused(page, "future.json", r"newer")


def case_impossible_format(p: Probe):
    page = p.page()
    open_compare(page)
    add_files(page, [p.file("minus.json", export("Minus", format=-1))])
    return refused(page, "minus.json", r"format")


def case_not_json(p: Probe):
    page = p.page()
    open_compare(page)
    add_files(page, [p.file("notes.json", "Ama: 1, 3, 2\n")])
    return refused(page, "notes.json", r"not JSON")


def case_binary(p: Probe):
    page = p.page()
    open_compare(page)
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    add_files(page, [p.file("photo.json", png)])
    return refused(page, "photo.json", r"not a text file|binary|not JSON")


def case_wrong_checklist(p: Probe):
    page = p.page()
    open_compare(page)
    add_files(page, [p.file("tasks.json", export("Tasks", {"survey": {"done": True}}, checklist="tasks"))])
    return refused(page, "tasks.json", r"tasks")


def case_link_bad_base64(p: Probe):
    page = p.page()
    open_compare(page)
    add_links(page, "https://example.org/assessment.html#share=fit~%%%not*base64")
    return refused(page, "1", r"damaged|cannot be read|broken")


def case_link_bad_utf8(p: Probe):
    page = p.page()
    open_compare(page)
    add_links(page, encoded_link(b'{"n": "\xff\xfe", "i": {"leadership": {"rating": "1"}}}'))
    return refused(page, "1", r"damaged|cannot be read|broken")


def case_link_cut_short(p: Probe):
    page = p.page()
    open_compare(page)
    link = share_link({"leadership": {"rating": "1"}, "budget": {"rating": "2"}})
    add_links(page, link[: len(link) - 12])
    return refused(page, "1", r"damaged|cannot be read|cut short|broken")


def case_link_twice(p: Probe):
    page = p.page()
    open_compare(page)
    link = share_link({"leadership": {"rating": "1"}})
    add_links(page, link + "\n" + link)
    n, text = respondents(page), said(page)
    if n != 1:
        return "silent", f"the same link twice: {n} respondents"
    return (
        ("clean", text[:140]) if re.search(r"once|already|same", text, re.I) else ("silent", f"counted once without a word: {text[:120]!r}")
    )


def case_oversized_file(p: Probe):
    page = p.page()
    open_compare(page)
    add_files(page, [p.file("huge.json", export("Huge", {"leadership": {"rating": "1", "note": "x" * 3_000_000}}))])
    text = said(page)
    if crashed(page):
        return "crashed", crashed(page)
    if respondents(page) or not re.search(r"MB|too large|too long|up to", text):
        return "silent", f"a 3 MB file accepted or refused without its size: {text[:140]!r}"
    return "clean", text[:160]


def case_oversized_link(p: Probe):
    page = p.page()
    open_compare(page)
    add_links(page, share_link({"leadership": {"rating": "1", "note": "y" * 150_000}}))
    return refused(page, "1", r"too long|up to")


def case_oversized_paste(p: Probe):
    page = p.page()
    open_compare(page)
    page.evaluate(f"() => {{ document.querySelector('{REGION}-links').value = 'z'.repeat(6000000); }}")
    page.click(f"{REGION} button:text-is('Add links')")
    settle(page, f"() => document.querySelector('{REGION} .checklist-status').textContent", 10)
    text = said(page)
    if crashed(page):
        return "crashed", crashed(page)
    return (
        ("clean", text[:140])
        if re.search(r"characters|too long|up to", text)
        else ("silent", f"6 million characters pasted: {text[:140]!r}")
    )


# 1,000 exports made in the page, a few at a time, then handed to Compare's file chooser in one change: what the page
# does with them is measured, not how a test hands a thousand files over (Chromium takes some 200 ms for that alone).
MAKE_FILES = """async (n) => {
  const levels = ["1", "2", "3", "unknown"];
  const dt = new DataTransfer();
  for (let i = 0; i < n; i++) {
    const items = { leadership: { rating: levels[i % 4] }, budget: { rating: levels[(i >> 2) % 4] },
      time: { rating: levels[(i >> 4) % 4] } };
    const updated = "2026-05-01T09:30:00." + String(i).padStart(3, "0") + "Z";
    const run = { name: "My copy", created: "2026-05-01T09:00:00.000Z", updated, items };
    const text = JSON.stringify({ format: 1, type: "checklist-run", checklist: "fit", version: "2.0", exported: run.updated, run });
    dt.items.add(new File([text], "partner-" + i + ".json", { type: "application/json" }));
    if (i % 100 === 99) await new Promise((r) => setTimeout(r, 0));
  }
  window.__files = dt.files;
}"""
HAND_OVER = """(selector) => {
  window.__long = [];
  const input = document.querySelector(selector);
  input.files = window.__files;
  input.dispatchEvent(new Event("change", { bubbles: true }));
}"""


def case_thousand_respondents(p: Probe):
    page = p.page()
    open_compare(page)
    page.evaluate(MAKE_FILES, 1000)  # every copy named "My copy", as partners leave the default name
    page.wait_for_timeout(300)  # the long tasks of making them are reported before the count starts again
    start = time.monotonic()
    page.evaluate(HAND_OVER, f"{REGION}-files")
    done = settle(page, f"() => document.querySelectorAll('{REGION} .checklist-compare-who li').length >= 1000", 90)
    took = time.monotonic() - start
    page.wait_for_timeout(300)  # the last tasks' entries reach the observer
    longest = max(page.evaluate("window.__long") or [0])
    n = respondents(page)
    detail = f"{n} respondents in {took:.1f} s; longest main-thread task {longest:.0f} ms"
    if crashed(page):
        return "crashed", crashed(page)
    if longest > LONG_TASK_MS or (not done and n < 1000):
        return ("frozen" if longest > LONG_TASK_MS else "lost"), detail
    return ("clean", detail) if n == 1000 else ("lost", detail)


def _type_in(p: Probe, selector_of: Callable[[object], str]):
    page = p.page()
    open_compare(page)
    add_files(page, [p.file("ama.json", export("Ama"))])
    page.click(selector_of(page))
    page.keyboard.type("Partner", delay=5)
    page.wait_for_timeout(200)
    if crashed(page):
        return "crashed", crashed(page)
    return "clean", "no uncaught error while typing"


def case_type_in_name(p: Probe):
    return _type_in(p, lambda page: f"{REGION}-name-0")


def case_type_in_links(p: Probe):
    return _type_in(p, lambda page: f"{REGION}-links")


PACK = "pack-adv"


def _pack_page(p: Probe, route: Callable | None):
    """index.html with a convening pack of both checklists (tasks here, fit on assessment.html), saved as format 3."""
    page = p.page("index.html")
    now = "2026-05-01T09:00:00.000Z"
    for cid, items in (("tasks", {"survey": {"done": True}}), ("fit", {"leadership": {"rating": "2"}})):
        store = {
            "format": 3,
            "checklist": cid,
            "current": "run-p",
            "seen": "1.0" if cid == "tasks" else "2.0",
            "runs": {"run-p": {"name": "March", "created": now, "updated": now, "items": items, "pack": PACK}},
        }
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [f"clh:checklist:{cid}", json.dumps(store)])
    page.evaluate(
        "(v) => localStorage.setItem('clh:packs:/', v)",
        json.dumps({"format": 1, "packs": {PACK: {"name": "March", "checklists": ["tasks", "fit"]}}}),
    )
    if route:
        page.route("**/assessment.html*", route)
    page.reload()
    page.wait_for_selector("html[data-checklists-ready=true]")
    page.click("#checklist-tasks .checklist-toolbar button:text-is('Print or pack…')")
    dialog = page.locator("#checklist-tasks dialog")
    dialog.wait_for(state="visible")
    dialog.get_by_label(re.compile("^The convening pack")).check()
    dialog.get_by_role("button", name="Print", exact=True).click()
    return page


def _pack_verdict(page, started: float):
    # Within ten seconds: a message naming the missing checklist, on the page or on the paper.
    named = settle(
        page,
        "() => /Fit assessment/.test(Array.from(document.querySelectorAll("
        "'#checklist-tasks .checklist-notice, #checklist-tasks .checklist-status, .checklist-print-doc .checklist-pack-missing'),"
        " e => e.textContent).join(' '))",
        10.5,
    )
    took = time.monotonic() - started
    printed = page.evaluate("window.__printed || 0")
    if crashed(page):
        return "crashed", crashed(page)
    if named:
        return "clean", f"the missing checklist named after {took:.1f} s" + (" and the rest printed" if printed else "")
    if printed:
        return "silent", "printed without saying the pack's other checklist is missing"
    return "frozen", f"nothing printed and nothing said after {took:.0f} s"


def case_pack_page_never_answers(p: Probe):
    page = _pack_page(p, lambda route: None)  # the request is never answered
    return _pack_verdict(page, time.monotonic())


def case_pack_page_without_its_checklist(p: Probe):
    body = "<!doctype html><html lang='en'><head><title>Moved</title></head><body><p>This page has moved.</p></body></html>"
    page = _pack_page(p, lambda route: route.fulfill(status=200, content_type="text/html", body=body))
    return _pack_verdict(page, time.monotonic())


def _filtered(p: Probe):
    page = p.page("index.html")
    page.click("#checklist-tasks .checklist-toolbar button:text-is('Filter')")
    page.select_option("#checklist-tasks-tool-role", "funder")
    page.wait_for_function("document.querySelectorAll('#checklist-tasks tr.checklist-item[hidden]').length > 0")
    shown = page.locator("#checklist-tasks tr.checklist-item:not([hidden])").count()
    total = page.locator("#checklist-tasks tr.checklist-item").count()
    page.click("#checklist-tasks .checklist-toolbar button:text-is('Print or pack…')")
    dialog = page.locator("#checklist-tasks dialog")
    dialog.wait_for(state="visible")
    return page, dialog, shown, total


def case_print_filter_offered(p: Probe):
    page, dialog, shown, total = _filtered(p)
    text = dialog.inner_text()
    if crashed(page):
        return "crashed", crashed(page)
    offers = re.search(rf"\b{total}\b.*item", text) and re.search(rf"\b{shown}\b.*(shown|filter)", text, re.I)
    return (
        ("clean", f"the dialog offers all {total} or the {shown} shown")
        if offers
        else ("silent", f"a filter showing {shown} of {total}: the dialog does not say")
    )


def case_print_filter_header(p: Probe):
    page, dialog, shown, total = _filtered(p)
    dialog.get_by_role("button", name="Print", exact=True).click()
    settle(page, "() => window.__printed", 10)
    printed = page.locator(".checklist-print-doc tr.checklist-item").count()
    header = page.evaluate("() => (document.querySelector('.checklist-print-doc .checklist-print-header') || {}).textContent || ''")
    if crashed(page):
        return "crashed", crashed(page)
    if not re.search(rf"\b{printed}\b.*item", header):
        return "silent", f"{printed} of {total} items printed with a filter showing {shown}; the header does not say which"
    return "clean", f"{printed} printed; the header says so"


CASES: list[tuple[str, Callable]] = [
    ("two partners' files, same name and size", case_same_name_same_size),
    ("the same file added twice", case_duplicate_file),
    ("one response under two file names", case_same_content_renamed),
    ("an own copy and its export", case_own_copy_and_its_export),
    ("an off-scale rating among good ones", case_off_scale),
    ("only off-scale ratings", case_off_scale_only),
    ("a file with no answers", case_no_answers),
    ("a file with only notes", case_notes_only),
    ("a future format number", case_future_format),
    ("an impossible format number", case_impossible_format),
    ("a file that is not JSON", case_not_json),
    ("a binary file", case_binary),
    ("a file of another checklist", case_wrong_checklist),
    ("a share link with broken base64", case_link_bad_base64),
    ("a share link with broken UTF-8", case_link_bad_utf8),
    ("a share link cut short", case_link_cut_short),
    ("the same share link twice", case_link_twice),
    ("an oversized file (3 MB)", case_oversized_file),
    ("an oversized share link (150,000 characters)", case_oversized_link),
    ("6 million characters pasted as links", case_oversized_paste),
    ("1,000 respondents", case_thousand_respondents),
    ("typing in a respondent's name", case_type_in_name),
    ("typing in the links box", case_type_in_links),
    ("a pack whose other page never answers", case_pack_page_never_answers),
    ("a pack whose other page answers without its checklist", case_pack_page_without_its_checklist),
    ("printing with a filter: the choice", case_print_filter_offered),
    ("printing with a filter: the header", case_print_filter_header),
]


def run(project: Path) -> list[tuple[str, str, str]]:
    """Every case on ``project``'s extension: (case, verdict, detail)."""
    from playwright.sync_api import sync_playwright

    results: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="adversarial-compare-") as tmp:
        site = Server(build_site(project, Path(tmp) / "site"))
        files = Path(tmp) / "files"
        files.mkdir()
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                probe = Probe(browser, site, files)
                for name, case in CASES:
                    contexts = set(browser.contexts)
                    try:
                        verdict, detail = case(probe)
                    except Exception as exc:  # a case that cannot go on: the page did not answer as a page should
                        verdict, detail = (
                            "frozen" if "Timeout" in type(exc).__name__ else "crashed",
                            f"{type(exc).__name__}: {str(exc)[:160]}",
                        )
                    results.append((name, verdict, detail))
                    for context in set(browser.contexts) - contexts:
                        context.close()
                browser.close()
        finally:
            site.close()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--project", type=Path, default=HERE, help="the checkout whose extension is measured (default: this one)")
    args = parser.parse_args()
    results = run(args.project.resolve())
    for name, verdict, detail in results:
        print(f"{verdict:8} {name} -- {detail}")
    counts = Counter(verdict for _, verdict, _ in results)
    print(f"tried {len(results)}: " + ", ".join(f"{v} {counts[v]}" for v in ("clean", "crashed", "silent", "lost", "frozen")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
