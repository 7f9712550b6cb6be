"""Chromium, driven by Playwright, printing pages of a built site served on 127.0.0.1 (make pdf, and the CLI export).

The same Chromium the browser tests use (Debian's ``chromium``, or the build named by ``CHROMIUM``),
and the site's own print stylesheet: a PDF is what a reader gets from the browser's print dialog.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Browser

#: Paper sizes as Chromium names them, by the short name used in file names.
PAPERS = {"a4": "A4", "letter": "Letter"}
#: The same sizes as readers know them, for links to the blank PDFs.
PAPER_LABELS = {"a4": "A4", "letter": "US Letter"}


def pdf_name(checklist_id: str, paper: str) -> str:
    """File name of a checklist's blank PDF, in the folder ``checklist_pdf_dir``."""
    return f"{checklist_id}-{paper}.pdf"


CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
# Quiet, local Chromium: no traffic off the machine, no sandbox (containers run as root).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # Chromium drops connections it no longer needs; nothing to report


@contextmanager
def served(directory: Path) -> Iterator[str]:
    """``directory`` on an ephemeral 127.0.0.1 port; yields the base URL (ending in /)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium() -> Iterator[Browser]:
    """A headless Chromium browser; a clear error when it is missing."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.is_file():
        raise SystemExit(
            f"error: Chromium is missing at {CHROMIUM}; run `make system-packages` (installs Debian's "
            "chromium), or set CHROMIUM to another Chromium build"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


# Prepares one checklist the way the Print dialog does for a blank copy, so the PDF is that copy; the
# "Printed:" slot stays a line to write on, since a blank form is printed again and again.
# (Nothing is returned: Playwright would call a returned clean-up function at once.)
_PREPARE = """async ([id, mode, title]) => {
  document.title = title;
  document.body.dataset.printDate = "____________";
  const setup = window.checklistPrintSetup(id, {blank: true, mode: mode});
  if (setup && setup.ready) await setup.ready;
}"""


def print_checklist(browser: Browser, url: str, checklist_id: str, title: str, paper: str, mode: str, out: Path) -> None:
    """Print the blank copy of one checklist from its page at ``url`` into ``out``."""
    context = browser.new_context()  # empty storage: nothing saved, so the copy is blank
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_selector("html[data-checklists-ready=true]")
        page.evaluate(_PREPARE, [checklist_id, mode, title])
        page.emulate_media(media="print")
        out.parent.mkdir(parents=True, exist_ok=True)
        # Margins, footers ("id · version · page", "Page x of y") come from the site's print stylesheet.
        page.pdf(path=str(out), format=PAPERS[paper], print_background=True, tagged=True, outline=True)
    finally:
        context.close()


def print_document(browser: Browser, url: str, paper: str, out: Path) -> None:
    """Print a whole document (the handbook); its page numbers come from the site's print stylesheet."""
    page = browser.new_page()
    try:
        page.goto(url)
        page.wait_for_load_state("load")
        page.emulate_media(media="print")
        out.parent.mkdir(parents=True, exist_ok=True)
        page.pdf(path=str(out), format=PAPERS[paper], print_background=True, tagged=True, outline=True)
    finally:
        page.close()
