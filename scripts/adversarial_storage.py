"""Adversarial cases of saved answers in a real Chromium: tabs, imports, removed items, full or disabled storage, packs, copies.

    .venv/bin/python scripts/adversarial_storage.py [--project DIR]

Builds the browser-test handbook (tests/roots/test-browser) of ``--project`` with that project's extension, serves it on
127.0.0.1 and tries each case in a fresh browser context. Verdicts: "lost" (answers gone from storage and screen),
"silent" (kept or refused without a word where the reader must be told), "crashed" (an uncaught error in the page),
"frozen" (a case that does not finish), "clean" otherwise. Cases work on pages with inline fields and on older pages
that ask through window.prompt and window.confirm.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
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
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"]
KEY = "clh:checklist:tasks"
FIT = "clh:checklist:fit"
NOTE = "#checklist-tasks-agenda-note"
NOTICES = "#checklist-tasks .checklist-toolbar"
CASE_SECONDS = 25
DEAF = "window.addEventListener('storage', (event) => event.stopImmediatePropagation(), true)"
QUOTA = """(() => {
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    if (window.__full) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    return setItem.call(this, key, value);
  };
})();"""
NO_STORAGE = """Object.defineProperty(window, "localStorage", { configurable: true, get() {
  const error = new Error("The operation is insecure."); error.name = "SecurityError"; throw error; } });"""

Verdict = tuple[str, str]


class Frozen(Exception):
    """A case ran past its time."""


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
    def __init__(self, directory: Path):
        class Handler(http.server.SimpleHTTPRequestHandler):
            def end_headers(self) -> None:
                self.send_header("Content-Security-Policy", "default-src 'self'")
                self.send_header("Cache-Control", "no-store")
                super().end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(directory)))
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


# ---------------------------------------------------------------- what a reader does, on new pages and old


class Tab:
    """One page: its uncaught errors, and browser dialogs answered as a reader would (``answer``), or refused."""

    def __init__(self, context, url: str, init: str | None = None, deaf: bool = False):
        self.page = context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.answer: str | None = ""  # the name typed into a prompt; None: dialogs are refused
        self.page.on("pageerror", lambda error: self.errors.append(str(error)[:120]))
        self.page.on("dialog", self._dialog)
        if init:
            self.page.add_init_script(init)
        if deaf:
            self.page.add_init_script(DEAF)
        self.url = url
        self.open()

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.type)
        if self.answer is None or dialog.type == "beforeunload":
            dialog.dismiss()
        elif dialog.type == "prompt":
            dialog.accept(self.answer)
        else:
            dialog.accept()

    def open(self, path: str = "") -> None:
        self.page.goto(self.url + path)
        self.page.wait_for_selector("html[data-checklists-ready=true]", timeout=15000)

    def tool(self, label: str, checklist: str = "tasks") -> None:
        selector = f"#checklist-{checklist} .checklist-toolbar button:text-is('{label}')"
        control = self.page.locator(selector).first
        if not control.is_visible():
            panel = control.evaluate("c => (c.closest('.checklist-panel') || {}).id || ''")
            if panel:
                self.page.click(f"[aria-controls='{panel}']")
        self.page.click(selector)

    def named(self, label: str, name: str, checklist: str = "tasks") -> None:
        """New copy or Rename: the inline field when the page has one, else the prompt."""
        self.answer = name
        self.tool(label, checklist)
        field = self.page.locator(f"#checklist-{checklist}-tool-name")
        if field.count():
            field.fill(name)
            field.press("Enter")

    def words(self) -> str:
        return self.page.locator("#checklist-tasks .checklist-toolbar").inner_text() + self.page.locator("#checklist-tasks").inner_text()

    def stored(self, key: str = KEY) -> dict:
        text = self.page.evaluate("(k) => { try { return localStorage.getItem(k); } catch (e) { return null; } }", key)
        return json.loads(text) if text else {}

    def note(self, text: str, item: str = "agenda") -> None:
        wrap = self.page.locator(f"#checklist-tasks-{item}-note-wrap")
        if wrap.is_hidden():
            self.page.click(f"#checklist-tasks-{item} .checklist-note-toggle")
        self.page.fill(f"#checklist-tasks-{item}-note", text)
        self.page.locator(f"#checklist-tasks-{item}-note").blur()


def all_answers(store: dict) -> dict:
    """Every answer of every copy, by copy name and item (an answer's fields flattened to text, conflicts included)."""
    out: dict[str, str] = {}
    for run in (store.get("runs") or {}).values():
        for item, answer in (run.get("items") or {}).items():
            out[f"{run.get('name')}/{item}"] = json.dumps(answer, sort_keys=True)
    return out


def holds(store: dict, text: str) -> bool:
    return text in json.dumps(store, ensure_ascii=False)


def seed(tab: Tab, runs: dict, seen: str | None = "1.0", fmt: int = 3, key: str = KEY, checklist: str = "tasks") -> None:
    text = json.dumps({"format": fmt, "checklist": checklist, "current": next(iter(runs)), "seen": seen, "runs": runs})
    tab.page.evaluate("([k, t]) => localStorage.setItem(k, t)", [key, text])


def closed_asking(tab: Tab, seconds: float = 2.0) -> bool:
    """Close the tab as a reader does (the page may ask first); whether it asked. Waiting through the page lets
    Playwright hear the dialog (a plain sleep would not)."""
    tab.page.close(run_before_unload=True)
    end = time.monotonic() + seconds
    while "beforeunload" not in tab.dialogs and not tab.page.is_closed() and time.monotonic() < end:
        try:
            tab.page.wait_for_timeout(50)
        except Exception:
            break  # closed meanwhile
    asked = "beforeunload" in tab.dialogs
    if not tab.page.is_closed():
        tab.page.close()
    return asked


def eventually(check: Callable[[], bool], seconds: float = 3.0) -> bool:
    end = time.monotonic() + seconds
    while True:
        if check():
            return True
        if time.monotonic() > end:
            return False
        time.sleep(0.05)


# ---------------------------------------------------------------- the cases


def two_tab_note(context, url: str, deaf_first: bool) -> Verdict:
    first, second = Tab(context, url, deaf=deaf_first), Tab(context, url, deaf=not deaf_first)
    first.note("Text of the first tab")
    second.note("Text of the second tab")
    last = first if deaf_first else second
    if deaf_first:  # the deaf first tab writes once more, after the second: its note from the base it read
        first.note("Text of the first tab, edited")
    mine = "Text of the first tab, edited" if deaf_first else "Text of the first tab"
    theirs = "Text of the second tab"
    store = last.stored()
    if not (holds(store, mine) and holds(store, theirs)):
        return "lost", "one tab's note replaced the other's in storage"
    other = second if deaf_first else first
    if not eventually(lambda: other.page.locator("#checklist-tasks-agenda-note-conflict").is_visible() or theirs in other.words()):
        return "silent", "both texts kept, but the other tab does not show the conflict at the note"
    return "clean", "both texts kept; the conflict is shown at the note"


def two_tab_ticks(context, url: str) -> Verdict:
    first, second = Tab(context, url, deaf=True), Tab(context, url, deaf=True)
    first.page.check("#checklist-tasks-survey-done")
    second.page.check("#checklist-tasks-thank-done")
    items = (second.stored().get("runs") or {}).get("run-1", {}).get("items", {})
    if set(items) != {"survey", "thank"}:
        return "lost", f"ticks from two tabs: {sorted(items)}"
    return "clean", "ticks of two tabs merge"


def import_newer(context, url: str, tmp: Path, export_again: bool) -> Verdict:
    tab = Tab(context, url)
    newer = {
        "format": 1,
        "type": "checklist-run",
        "checklist": "tasks",
        "version": "9.0",
        "run": {"name": "From a newer page", "items": {"survey": {"done": True}, "minutes": {"done": True, "note": "Sent Friday"}}},
    }
    path = tmp / "newer.json"
    path.write_text(json.dumps(newer), encoding="utf-8")
    tab.page.set_input_files("#checklist-tasks-tool-import", str(path))
    if not eventually(lambda: "Imported" in tab.words()):
        return "silent", "the import said nothing"
    tab.open()
    if not holds(tab.stored(), "Sent Friday"):
        return "lost", "the answer to an item this page does not know was dropped (the status said the import worked)"
    if export_again:
        with tab.page.expect_download() as info:
            tab.tool("Export JSON")
        if "Sent Friday" not in Path(info.value.path()).read_text(encoding="utf-8"):
            return "lost", "the JSON export dropped the answer to the unknown item"
        return "clean", "kept, and exported again"
    status = tab.page.locator("#checklist-tasks .checklist-status").inner_text() + tab.words()
    if "does not show" not in status and "does not have" not in status:
        return "silent", "kept, but the page does not say it holds answers to items it does not show"
    return "clean", "kept, and said"


def removed_items(context, url: str, copies: int) -> Verdict:
    tab = Tab(context, url)
    runs = {"run-1": {"name": "My copy", "items": {"survey": {"done": True}, "old-item": {"note": "Removed item's note"}}}}
    if copies > 1:
        runs["run-2"] = {"name": "March", "items": {"gone-too": {"done": True}}}
    seed(tab, runs)
    tab.open()
    tab.page.check("#checklist-tasks-thank-done")
    store = tab.stored()
    if not holds(store, "Removed item's note") or (copies > 1 and not holds(store, "gone-too")):
        return "lost", "answers to removed items were pruned on load"
    if "no longer has" not in tab.words() and "does not have" not in tab.words():
        return "silent", "kept without a word"
    return "clean", "kept aside, and said"


def discard_undo(context, url: str) -> Verdict:
    tab = Tab(context, url)
    seed(tab, {"run-1": {"name": "My copy", "items": {"old-item": {"note": "Removed item's note"}}}})
    tab.open()
    tab.page.check("#checklist-tasks-thank-done")
    if not holds(tab.stored(), "Removed item's note"):
        return "lost", "pruned before the reader could choose"
    aside = tab.page.locator("#checklist-tasks .checklist-aside")
    if not aside.count() or not aside.get_by_role("button", name="Discard them").count():
        return "silent", "no way to discard them"
    aside.get_by_role("button", name="Discard them").click()
    aside.get_by_role("button", name="Undo").click()
    return ("clean", "discarded, then undone") if holds(tab.stored(), "Removed item's note") else ("lost", "Undo did not restore them")


def share_unknown(context, url: str) -> Verdict:
    import base64

    payload = base64.urlsafe_b64encode(b'{"n": "Shared", "i": {"survey": {"done": true}, "future-item": {"note": "From later"}}}')
    tab = Tab(context, url + "#share=tasks~" + payload.decode().rstrip("="))
    offer = tab.page.locator("#checklist-tasks .checklist-share-offer").get_by_role("button", name="Add as a new copy")
    if not eventually(lambda: offer.count() > 0):
        return "silent", "the share link was not offered"
    offer.click()
    tab.page.check("#checklist-tasks-thank-done")
    return ("clean", "kept") if holds(tab.stored(), "From later") else ("lost", "the shared answer to an unknown item was pruned")


def older_page(context, url: str) -> Verdict:
    tab = Tab(context, url)
    seed(tab, {"run-1": {"name": "My copy", "items": {"future-item": {"done": True}}}}, seen="9.0")
    tab.open()
    tab.page.check("#checklist-tasks-survey-done")
    if not holds(tab.stored(), "future-item"):
        return "lost", "an older page pruned a newer version's answers"
    return ("clean", "kept, and said") if "older" in tab.words() else ("silent", "kept, but the page does not say it is older")


def close_with_pending(context, url: str, what: str) -> Verdict:
    tab = Tab(context, url, init=QUOTA if what != "disabled" else NO_STORAGE)
    page = tab.page
    if what != "disabled":
        page.evaluate("window.__full = true")
    if what == "note":
        tab.note("Typed while storage is full")
    else:
        page.check("#checklist-tasks-survey-done")
    warned = closed_asking(tab)
    return (
        ("clean", "the browser asked before closing") if warned else ("lost", "the tab closed without a word; the change was never saved")
    )


def saved_then_close(context, url: str) -> Verdict:
    tab = Tab(context, url)
    tab.page.check("#checklist-tasks-survey-done")
    return (
        ("silent", "asked before closing though everything was saved")
        if closed_asking(tab, 1.0)
        else ("clean", "closed without asking: all saved")
    )


def disabled_storage(context, url: str) -> Verdict:
    tab = Tab(context, url, init=NO_STORAGE)
    tab.page.check("#checklist-tasks-survey-done")
    ours = [e for e in tab.errors if "checklist" in e.lower()]
    if ours:
        return "crashed", ours[0]
    return (
        ("clean", "works and says nothing is saved")
        if "storage is disabled" in tab.words()
        else ("silent", "no word that nothing is saved")
    )


def store_format(context, url: str, fmt: int) -> Verdict:
    tab = Tab(context, url)
    if fmt > 50:
        text = json.dumps({"format": fmt, "checklist": "tasks", "copies": {"x": {"survey": "kept by a newer page"}}})
        tab.page.evaluate("([k, t]) => localStorage.setItem(k, t)", [KEY, text])
        tab.open()
        tab.page.check("#checklist-tasks-survey-done")
        kept = tab.page.evaluate("(k) => localStorage.getItem(k)", KEY) == text
        if not kept:
            return "lost", "a newer format was overwritten"
        return ("clean", "left alone, and said") if "newer version" in tab.words() else ("silent", "left alone without a word")
    seed(tab, {"run-1": {"name": "My copy", "items": {"agenda": {"note": "Old format note", "done": True}}}}, fmt=fmt)
    tab.open()
    tab.page.check("#checklist-tasks-survey-done")
    return ("clean", f"format {fmt} migrated") if holds(tab.stored(), "Old format note") else ("lost", f"format {fmt} lost answers")


def pack_same_name(context, url: str, route: str) -> Verdict:
    tab = Tab(context, url, init=None)
    tab.open("assessment.html")
    tab.named("New copy", "March convening", "fit")
    tab.page.check("#checklist-fit-leadership-level-3")
    tab.open()
    tab.named("New copy", "March convening")
    tab.page.check("#checklist-tasks-survey-done")
    if route == "dialog":
        tab.page.click("#checklist-tasks button:text-is('Print or pack…')")
        dialog = tab.page.locator("#checklist-tasks dialog")
        dialog.get_by_label("Fit assessment").check()
        dialog.get_by_role("button", name="Save the pack").click()
        tab.page.keyboard.press("Escape")
    else:
        if not tab.page.locator("#checklist-tasks button:text-is('New convening pack')").count():
            return "silent", "the Copy menu cannot start a pack"
        tab.tool("New convening pack")
        form = tab.page.locator("#checklist-tasks-tool-copy-form")
        form.get_by_label("Fit assessment").check()
        form.get_by_role("button", name="Save").click()
    current = tab.stored()["runs"][tab.stored()["current"]]
    pack = current.get("pack")
    tab.page.evaluate("(pack) => checklistPrintSetup(['tasks', 'fit'], {pack}).ready", pack)
    printed = tab.page.locator(
        ".checklist-print-doc .checklist[data-checklist-id='fit'] tr[data-checklist-item-id='leadership'] input[value='3']"
    )
    filled = printed.count() and printed.first.is_checked()
    tab.open("assessment.html")
    names = tab.page.eval_on_selector_all("#checklist-fit-tool-run option", "os => os.map(o => o.textContent)")
    if not filled or sum("March convening" in n for n in names) > 1:
        return "lost", f"the pack printed the filled checklist blank; its copies: {names}"
    return "clean", "the same-named copy was adopted and prints filled"


def dialogs_refused(context, url: str, action: str) -> Verdict:
    """Browsers that block dialogs (embedded views, a 'prevent more dialogs' tick) make prompt and confirm return at once."""
    tab = Tab(context, url)
    tab.page.check("#checklist-tasks-survey-done")
    tab.answer = None
    before = tab.stored()
    tab.tool(action)
    field = tab.page.locator("#checklist-tasks-tool-name")
    if action in ("New copy", "Rename") and field.count():
        field.fill("Named inline")
        field.press("Enter")
    after = tab.stored()
    if tab.dialogs:
        changed = after != before
        return "silent", f"{action} asks through window.{'prompt' if action in ('New copy', 'Rename') else 'confirm'}" + (
            "" if changed else ": refused, nothing happens and nothing is said"
        )
    return "clean", f"{action} works without browser dialogs"


def destructive_undo(context, url: str, action: str) -> Verdict:
    tab = Tab(context, url)
    tab.named("New copy", "Kigali")
    tab.page.check("#checklist-tasks-survey-done")
    tab.note("Kigali note")
    tab.tool(action)
    undo = tab.page.locator("#checklist-tasks .checklist-toolbar button:text-is('Undo')")
    if not undo.count():
        return "lost", f"{action} took the answers with no undo (a mis-click loses them)"
    undo.first.click()
    return ("clean", f"{action} undone exactly") if holds(tab.stored(), "Kigali note") else ("lost", "Undo did not bring them back")


def stale_status(context, url: str) -> Verdict:
    first = Tab(context, url)
    first.named("New copy", "Workshop")
    first.page.check("#checklist-tasks-survey-done")
    with first.page.expect_download():
        first.tool("Export JSON")
    second = Tab(context, url)
    second.tool("Delete copy")
    if not eventually(lambda: "deleted in another tab" in first.words()):
        return "silent", "the deletion in another tab was not reported"
    status = first.page.locator("#checklist-tasks .checklist-status").inner_text()
    if "Workshop" in status:
        return "silent", f"the status line still speaks of the deleted copy: {status!r}"
    return "clean", "the status line went with its copy"


def crafted_import(context, url: str, tmp: Path) -> Verdict:
    tab = Tab(context, url)
    path = tmp / "crafted.json"
    path.write_text(
        '{"format": 1, "type": "checklist-run", "checklist": "tasks", "run": {"name": "__proto__", "items": '
        '{"__proto__": {"done": true}, "constructor": {"done": true}, "survey": {"done": true}}}}',
        encoding="utf-8",
    )
    tab.page.set_input_files("#checklist-tasks-tool-import", str(path))
    eventually(lambda: "Imported" in tab.words())
    polluted = tab.page.evaluate("'done' in {}")
    return ("crashed", "Object.prototype polluted") if polluted else ("clean", "crafted keys harmless")


def cases(tmp: Path) -> list[tuple[str, Callable]]:
    return [
        ("same note in two tabs (second tab deaf)", lambda c, u: two_tab_note(c, u, False)),
        ("same note in two tabs (first tab deaf, writes last)", lambda c, u: two_tab_note(c, u, True)),
        ("ticks in two tabs", two_tab_ticks),
        ("import from a newer page: kept and said", lambda c, u: import_newer(c, u, tmp, False)),
        ("import from a newer page: exported again", lambda c, u: import_newer(c, u, tmp, True)),
        ("answers to a removed item, one copy", lambda c, u: removed_items(c, u, 1)),
        ("answers to removed items, two copies", lambda c, u: removed_items(c, u, 2)),
        ("discard answers kept aside, then undo", discard_undo),
        ("share link with an unknown item", share_unknown),
        ("older page, newer answers", older_page),
        ("storage full, a tick, tab closed", lambda c, u: close_with_pending(c, u, "tick")),
        ("storage full, a note, tab closed", lambda c, u: close_with_pending(c, u, "note")),
        ("storage disabled, a tick, tab closed", lambda c, u: close_with_pending(c, u, "disabled")),
        ("everything saved, tab closed", saved_then_close),
        ("storage disabled (localStorage throws)", disabled_storage),
        ("older store format 2", lambda c, u: store_format(c, u, 2)),
        ("store format 3", lambda c, u: store_format(c, u, 3)),
        ("newer store format 99", lambda c, u: store_format(c, u, 99)),
        ("pack over a same-named filled copy (Print dialog)", lambda c, u: pack_same_name(c, u, "dialog")),
        ("pack from the Copy menu over a same-named copy", lambda c, u: pack_same_name(c, u, "menu")),
        ("New copy with browser dialogs blocked", lambda c, u: dialogs_refused(c, u, "New copy")),
        ("Rename with browser dialogs blocked", lambda c, u: dialogs_refused(c, u, "Rename")),
        ("Reset with browser dialogs blocked", lambda c, u: dialogs_refused(c, u, "Reset")),
        ("Delete with browser dialogs blocked", lambda c, u: dialogs_refused(c, u, "Delete copy")),
        ("Reset, then undo", lambda c, u: destructive_undo(c, u, "Reset")),
        ("Delete, then undo", lambda c, u: destructive_undo(c, u, "Delete copy")),
        ("status line after its copy is deleted elsewhere", stale_status),
        ("crafted keys in an import", lambda c, u: crafted_import(c, u, tmp)),
    ]


def run_case(browser, url: str, fn: Callable) -> Verdict:
    """One case in a fresh context; an uncaught page error makes it "crashed", running past its time "frozen"."""
    context = browser.new_context(accept_downloads=True)
    context.set_default_timeout(CASE_SECONDS * 1000 // 3)
    errors: list[str] = []
    context.on("page", lambda p: p.on("pageerror", lambda e: errors.append(str(e)[:140])))
    try:
        verdict, detail = fn(context, url)
    except Exception as exc:  # a step that never became possible: the page hung or lacks what the case needs
        name = type(exc).__name__
        verdict, detail = ("frozen" if "Timeout" in name else "crashed"), f"{name}: {str(exc).splitlines()[0][:140]}"
    finally:
        try:
            context.close()
        except Exception:
            pass
    ours = [e for e in errors if "SecurityError" not in e and "insecure" not in e]
    if ours and verdict != "lost":
        return "crashed", "uncaught page error: " + ours[0]
    return verdict, detail


def run(project: Path) -> list[tuple[str, str, str]]:
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="adversarial-storage-"))
    try:
        site = Server(build_site(Path(project), tmp))
        results = []
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                for name, fn in cases(tmp):
                    verdict, detail = run_case(browser, site.url, fn)
                    results.append((name, verdict, detail))
                browser.close()
        finally:
            site.close()
        return results
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=HERE, help="the checkout to measure (default: this one)")
    args = parser.parse_args()
    if not (args.project / "tests" / "roots" / "test-browser").is_dir():
        print(f"{args.project}: not a checkout of the handbook (no tests/roots/test-browser); give --project DIR", file=sys.stderr)
        return 2
    started = time.monotonic()
    results = run(args.project)
    for name, verdict, detail in results:
        print(f"{verdict:8} {name}: {detail}")
    counts = Counter(verdict for _, verdict, _ in results)
    line = ", ".join(f"{v} {counts[v]}" for v in ("clean", "crashed", "silent", "lost", "frozen"))
    print(f"storage ({args.project}): tried {len(results)}: {line} ({time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
