"""Helpers of the browser tests: a local server with a strict CSP, waiting for the checklist script."""

from __future__ import annotations

import functools
import http.server
import threading
import time
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
PROJECT = TESTS.parent
AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
CSP = "default-src 'self'"
# Fill localStorage to the last byte with junk keys, largest chunks first; and free it again.
FILL_STORAGE = """() => {
  let n = 0;
  for (let size = 1 << 20; size >= 1; size = Math.floor(size / 2)) {
    const chunk = "x".repeat(size);
    try { for (;;) localStorage.setItem("junk-" + n++, chunk); } catch (e) { /* full at this size */ }
  }
}"""
FREE_STORAGE = "() => Object.keys(localStorage).filter(k => k.startsWith('junk-')).forEach(k => localStorage.removeItem(k))"


class _Handler(http.server.SimpleHTTPRequestHandler):
    csp = True

    def end_headers(self) -> None:
        if self.csp:
            self.send_header("Content-Security-Policy", CSP)
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, *args) -> None:  # keep test output readable
        pass


class _NoCspHandler(_Handler):
    csp = False


class Site:
    """A directory served on 127.0.0.1, with the strict Content-Security-Policy header or (``csp=False``) without,
    as hosts such as GitHub Pages serve it: then only the policy in each page's <meta> element applies."""

    def __init__(self, directory: Path, csp: bool = True):
        self.directory = directory
        self.csp = csp
        handler = functools.partial(_Handler if csp else _NoCspHandler, directory=str(directory))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def ready(page, url: str):
    """Open a page and wait until the checklist script has enhanced it."""
    page.goto(url)
    page.wait_for_selector("html[data-checklists-ready=true]")
    return page


def show(page, selector: str) -> None:
    """Open what hides a toolbar control, as a reader would: the Tools button (phones), then its menu."""
    control = page.locator(selector).first
    toggle = control.locator("xpath=ancestor::div[contains(@class,'checklist-toolbar')]//button[contains(@class,'checklist-tools-toggle')]")
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false":
        toggle.click()
    panel = control.evaluate("c => (c.closest('.checklist-panel') || {}).id || ''")
    if panel and not control.is_visible():
        page.click(f"[aria-controls='{panel}']")


def tool(page, label: str, checklist: str = "tasks") -> None:
    """Press a button of a checklist's toolbar, opening the menu it is in first."""
    selector = f"#checklist-{checklist} .checklist-toolbar button:text-is('{label}')"
    show(page, selector)
    page.click(selector)


def wait_until(page, expression: str, timeout_ms: int = 20000) -> None:
    """Wait until ``expression`` is truthy in the page. It may be a promise, which page.wait_for_function
    would not wait for (a promise is truthy at once), so the page is asked again every 50 ms."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"timed out waiting for {expression}"
        page.wait_for_timeout(50)
