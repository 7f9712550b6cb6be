"""Chromium, driven by Playwright, printing pages of a built site served on 127.0.0.1 (make pdf, and the CLI export).

The same Chromium the browser tests use (Debian's ``chromium``, or the build named by the environment
variable ``CHROMIUM``), and the site's own print stylesheet: a PDF is what a reader gets from the
browser's print dialog. A Chromium that is missing, fails to start or stops mid-print is a PrintError
of one line, which the commands print as it is.
"""

from __future__ import annotations

import functools
import http.server
import os
import signal
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


class PrintError(RuntimeError):
    """Chromium could not print: missing, failing to start, or stopping mid-print; one line saying what to do."""


#: Long enough for a slow machine's first start; a Chromium that never answers is reported, not waited for.
LAUNCH_TIMEOUT_MS = 60_000


def _first_line(error: BaseException) -> str:
    """Playwright's message without its call log and browser output, which run to many lines."""
    return next((line.strip() for line in str(error).splitlines() if line.strip()), type(error).__name__)


_FIX = "run `make system-packages` (installs Debian's chromium), or set CHROMIUM to another Chromium build"


def require_chromium() -> None:
    """A PrintError when there is no Chromium to run: checked before a build, so the answer comes at once."""
    if not CHROMIUM.is_file():
        raise PrintError(f"Chromium is missing at {CHROMIUM}; {_FIX}")
    if not os.access(CHROMIUM, os.X_OK):
        raise PrintError(f"Chromium at {CHROMIUM} is not executable; {_FIX}")


@contextmanager
def chromium() -> Iterator[Browser]:
    """A headless Chromium browser; a PrintError saying what to do when it is missing, fails to start or stops."""
    from playwright.sync_api import Error, sync_playwright

    require_chromium()
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, timeout=LAUNCH_TIMEOUT_MS)
        except Error as error:
            raise PrintError(f"Chromium at {CHROMIUM} did not start ({_first_line(error)}); {_FIX}") from None
        try:
            yield browser
        except Error as error:
            raise PrintError(
                f"Chromium stopped while printing ({_first_line(error)}); run the command again, "
                f"and if it stops again, check that {CHROMIUM} runs"
            ) from None
        finally:
            try:
                browser.close()
            except Error:
                pass  # already gone: the error above says so


def _seconds(variable: str, default: float) -> float:
    value = os.environ.get(variable, "")
    try:
        return float(value) if float(value) > 0 else default
    except ValueError:
        return default


#: Far longer than a print takes (a checklist: 1 to 3 s; the whole handbook: under a minute); the environment
#: variable CHECKLIST_PRINT_TIMEOUT (seconds) changes the first, as the tests of a frozen Chromium do.
CHECKLIST_PRINT_SECONDS = _seconds("CHECKLIST_PRINT_TIMEOUT", 45.0)
DOCUMENT_PRINT_SECONDS = 300.0


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Stop Chromium when a print takes longer than ``seconds``, so Playwright raises instead of waiting for ever:
    opening a page has no timeout of its own, and a Chromium whose page process never starts never answers."""
    timer = threading.Timer(seconds, _stop_browsers)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


def _stop_browsers() -> None:
    """Kill the Chromium processes this process started through Playwright (they have its ``--remote-debugging-pipe``
    flag), and theirs; not Playwright's driver, which then reports the loss as an error instead of waiting."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
            pid, ppid = int(text.split(" ", 1)[0]), int(text.rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue  # gone meanwhile, or not Linux's /proc
        children.setdefault(ppid, []).append(pid)
    stack, browsers = list(children.get(os.getpid(), [])), []
    while stack:
        pid = stack.pop()
        stack += children.get(pid, [])
        try:
            if b"--remote-debugging-pipe" in Path(f"/proc/{pid}/cmdline").read_bytes():
                browsers.append(pid)
        except OSError:
            continue
    for pid in browsers:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


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
    with deadline(CHECKLIST_PRINT_SECONDS):
        _print_checklist(browser, url, checklist_id, title, paper, mode, out)


def _print_checklist(browser: Browser, url: str, checklist_id: str, title: str, paper: str, mode: str, out: Path) -> None:
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
    with deadline(DOCUMENT_PRINT_SECONDS):
        _print_document(browser, url, paper, out)


def _print_document(browser: Browser, url: str, paper: str, out: Path) -> None:
    page = browser.new_page()
    try:
        page.goto(url)
        page.wait_for_load_state("load")
        page.emulate_media(media="print")
        out.parent.mkdir(parents=True, exist_ok=True)
        page.pdf(path=str(out), format=PAPERS[paper], print_background=True, tagged=True, outline=True)
    finally:
        page.close()
