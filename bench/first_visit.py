"""What a first visit to the built handbook transfers: requests and bytes, with and without "Keep for offline reading".

The handbook as `make html` builds it (_build/html; built when missing) is served on 127.0.0.1 as GitHub Pages
serves a site: the strict CSP header, `Cache-Control: max-age=600` and Last-Modified, so the worker's requests past
the HTTP cache are revalidated (304, no body) where the browser already holds a file. Headless Debian Chromium opens
the front page and a page with a checklist, each in a fresh profile, and waits until the page and its worker are
quiet; then presses "Keep for offline reading" and waits until every page is kept. Bytes are the bodies the server
sent (raw) and the same bodies gzipped at level 6, as a server that compresses would send them.

Run: .venv/bin/python bench/first_visit.py
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import subprocess
import threading
from pathlib import Path

from playwright.sync_api import expect, sync_playwright
from sphinx_checklist.printing import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
CSP = "default-src 'self'"  # the policy every page is held to, as the browser tests serve it
QUIET_MS = 3000  # after the page and its worker are ready, time for anything more to be fetched


class _Handler(http.server.SimpleHTTPRequestHandler):
    log: list[tuple[str, int]]

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def log_request(self, code="-", size="-") -> None:
        self.log.append((self.path.split("?")[0], int(code)))

    def log_message(self, *args) -> None:
        pass


class Server:
    """The built site on 127.0.0.1, recording every request it answers."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.log: list[tuple[str, int]] = []
        handler = type("Recording", (_Handler,), {"log": self.log})
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def totals(self, since: int = 0) -> tuple[int, int, int]:
        """Requests, raw bytes and gzipped bytes of the bodies sent since the ``since``-th request."""
        raw = zipped = 0
        entries = self.log[since:]
        for path, status in entries:
            if status != 200:
                continue  # a 304 sends no body
            file = self.directory / path.lstrip("/")
            if file.is_dir():
                file = file / "index.html"
            data = file.read_bytes()
            raw += len(data)
            zipped += len(gzip.compress(data, compresslevel=6))
        return len(entries), raw, zipped


def checklist_page(site: Path) -> str:
    """The first page, in path order, with a checklist on it."""
    for path in sorted(site.rglob("*.html")):
        if 'class="checklist ' in path.read_text(encoding="utf-8"):
            return path.relative_to(site).as_posix()
    raise SystemExit("no page of the build has a checklist")


def visit(browser, server: Server, path: str) -> list[tuple[str, int, int, int]]:
    rows = []
    context = browser.new_context()
    page = context.new_page()
    page.goto(server.url + path)
    page.wait_for_load_state("load")
    keep = page.get_by_role("button", name="Keep for offline reading")
    keep.wait_for(timeout=20000)  # the worker is active and has answered
    page.wait_for_timeout(QUIET_MS)
    rows.append((f"{path}, first visit", *server.totals()))
    keep.click()
    expect(page.locator("#handbook-offline-status")).to_contain_text("every page of the handbook", timeout=120000)
    rows.append((f"{path}, then Keep for offline reading", *server.totals()))
    context.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html", help="a built site (default: _build/html)")
    args = parser.parse_args()
    if not (args.site / "index.html").is_file():
        subprocess.run(["make", "html"], cwd=ROOT, check=True)
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for path in ("index.html", checklist_page(args.site)):
            server = Server(args.site)  # a new port: a new origin, nothing kept from the last visit
            try:
                rows += visit(browser, server, path)
            finally:
                server.close()
        browser.close()
    width = max(len(r[0]) for r in rows)
    print(f"{'visit':<{width}}  requests  raw KB  gzip KB")
    for name, requests, raw, zipped in rows:
        print(f"{name:<{width}}  {requests:>8}  {raw / 1024:>6.1f}  {zipped / 1024:>7.1f}")


if __name__ == "__main__":
    main()
