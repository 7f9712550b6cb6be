"""Offline reading of the built handbook: a service worker that keeps the pages a reader reads, or all of them on request.

After the build, ``sw.js`` is written at the root of the site with two lists derived from the built pages and
a version derived from the content of the first, so a new build replaces the old copy:

- the whole copy (``FILES``): every page, and every file a page loads (its ``<script>``, stylesheet, icon and
  image elements), what those stylesheets load (``url()``, ``@import``) and what those scripts name (a file name
  in a string, as doctools.js names minus.png), and the parts a script loads from beside itself by a computed
  name (``<name>-<part>.js`` next to a used ``<name>.js``: checklist-print.js beside checklist.js);
- files pages only link to (``LINKED``: the PDFs), kept once a reader opens one, never fetched ahead.

What neither list names is never kept: the public export ``checklists.json`` (for other tools; the Print or
pack dialog reads it online and, offline, lists the checklists of its own page), ``.buildinfo``, ``objects.inv``,
source maps, ``_sources`` and anything no page loads or links to (basic.css, LICENSE texts). The worker itself,
``sw.js``, is fetched by the browser and never by the worker.

What a reader's browser keeps, and when:

- Always, once the worker is active: what the reader fetches, from the network first (readers online always see
  the newest text), so pages already read open offline. The first page of the first visit is read before the
  worker is active, so it is kept from its next view. The first visit transfers nothing else.
- The whole copy, when the reader presses "Keep for offline reading" in the footer of any page. The choice is
  remembered (in localStorage, and by the worker in a small cache of its own), so each new build's worker fills
  its copy while it installs, before it takes over; "Stop keeping" forgets the choice and removes the copy.
- The whole copy in the background, without the choice, only when all of these hold: this browser opened a page
  of this handbook before (remembered in localStorage, so never on the first page view), the connection does not
  ask to save data (``navigator.connection.saveData`` is not true), and the browser is idle after the page has
  loaded (``requestIdleCallback``; two seconds after load where it is missing). A new build's worker refetches
  what the previous copy held, unless the connection asks to save data and the reader did not choose to keep.

Every request of the worker goes past the browser's HTTP cache (the copy would otherwise keep the previous build
behind a max-age), and its caches are named after the site's folder, so two builds on one origin (/prod/,
/preview/) keep apart.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.typing import ExtensionMetadata

__version__ = "0.2.0"

WORKER = "sw.js"
#: Never kept, even when a page names them, each for its reason.
NEVER = {
    ".buildinfo": "build metadata for Sphinx",
    "objects.inv": "the inventory for other Sphinx projects",
}
NEVER_DIRS = {"_sources": "page sources, which no page loads", ".doctrees": "build state"}
NEVER_SUFFIXES = {".map": "source maps, for developer tools", ".pickle": "build state"}
#: Elements whose attribute loads a file with the page (a link element does when its rel is one of LOADED_RELS).
LOADS = {
    ("script", "src"),
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("track", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("iframe", "src"),
    ("input", "src"),
}
LOADED_RELS = {"stylesheet", "icon", "apple-touch-icon", "preload", "modulepreload", "manifest", "mask-icon"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
JS_NAME = re.compile(r"""["'`]([\w./-]+\.[A-Za-z0-9]{2,5})["'`]""")


class _References(HTMLParser):
    """The files one page loads and the addresses it links to, as written in its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.loads: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "link":
            rels = set(values.get("rel", "").lower().split())
            (self.loads if rels & LOADED_RELS else self.links).append(values.get("href", ""))
            return
        if tag in ("a", "area"):
            self.links.append(values.get("href", ""))
        for name, value in values.items():
            if (tag, name) in LOADS:
                # srcset: "a.png 1x, b.png 2x"
                self.loads += [part.split()[0] for part in value.split(",") if part.strip()] if name == "srcset" else [value]


def _never(relative: str) -> bool:
    if relative in NEVER or relative == WORKER or posixpath.splitext(relative)[1] in NEVER_SUFFIXES:
        return True
    return bool(set(relative.split("/")) & set(NEVER_DIRS))


def _resolve(outdir: Path, base: str, address: str) -> str | None:
    """The site-relative path that ``address``, written in the file ``base``, points to; None off the site."""
    parts = urlsplit(address.strip())
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None  # another site, a data: URL, a fragment of this page; an absolute path is not the build's
    path = posixpath.normpath(posixpath.join(posixpath.dirname(base), unquote(parts.path)))
    if path.startswith("../") or path == "..":
        return None
    if parts.path.endswith("/") or (outdir / path).is_dir():
        path = posixpath.join(path, "index.html") if path != "." else "index.html"
    return path


def offline_lists(outdir: Path) -> tuple[list[str], list[str]]:
    """The whole copy (every page and what pages load) and the files pages only link to, each in a stable order."""
    pages = sorted(
        p.relative_to(outdir).as_posix() for p in outdir.rglob("*.html") if p.is_file() and not _never(p.relative_to(outdir).as_posix())
    )
    used, todo = set(pages), list(pages)
    links: set[str | None] = set()
    while todo:
        name = todo.pop()
        path = outdir / name
        found: list[str | None] = []
        if name.endswith(".html"):
            refs = _References()
            refs.feed(path.read_text(encoding="utf-8", errors="replace"))
            found = [_resolve(outdir, name, a) for a in refs.loads]
            links.update(_resolve(outdir, name, a) for a in refs.links)
        elif name.endswith(".css"):
            text = path.read_text(encoding="utf-8", errors="replace")
            found = [_resolve(outdir, name, m.group(2) or m.group(4)) for m in CSS_URL.finditer(text)]
        elif name.endswith(".js"):
            text = path.read_text(encoding="utf-8", errors="replace")
            # A name in a script may be meant beside the script or at the root (new URL(name, contentRoot)).
            for literal in JS_NAME.findall(text):
                found += [_resolve(outdir, name, literal), _resolve(outdir, "index.html", literal)]
            stem = posixpath.splitext(posixpath.basename(name))[0]
            found += [p.relative_to(outdir).as_posix() for p in path.parent.glob(f"{stem}-*.js")]
        for target in found:
            if target and target not in used and not _never(target) and (outdir / target).is_file():
                used.add(target)
                todo.append(target)
    # Links are kept as the reader follows them: a PDF may be written after the build (make pdf), so it need not exist.
    linked = {t for t in links if t and t not in used and not _never(t) and not t.endswith(".html")}
    return sorted(used), sorted(linked)


def write_worker(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: write sw.js from the template, with this build's lists, their size and version."""
    if exception is not None or app.builder.name not in ("html", "dirhtml"):
        return
    outdir = Path(app.outdir)
    files, linked = offline_lists(outdir)
    digest = hashlib.sha256()
    size = 0
    for name in files:
        data = (outdir / name).read_bytes()
        size += len(data)
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(data)
    template = (Path(__file__).parent / "worker.js").read_text(encoding="utf-8")
    values = {
        "__VERSION__": json.dumps(digest.hexdigest()[:16]),
        "__FILES__": json.dumps(files),
        "__LINKED__": json.dumps(linked),
        "__BYTES__": str(size),
    }
    worker = re.sub("|".join(values), lambda m: values[m.group(0)], template)
    (outdir / WORKER).write_text(worker, encoding="utf-8")


def add_static_path(app: Sphinx, config: Config) -> None:
    """``config-inited``: the footer button's script and stylesheet are copied."""
    config.html_static_path.append(str(Path(__file__).parent / "static"))


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("config-inited", add_static_path)
    app.add_js_file("offline.js", loading_method="defer")
    app.add_css_file("offline.css")
    app.connect("build-finished", write_worker)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
