"""Make the built handbook readable offline: a service worker that keeps a copy of every page.

After the build, ``sw.js`` is written at the root of the site with the list of every file a reader
may need (pages, styles, scripts, search index, images) and a version derived from their content, so
a new build replaces the old copy. Pages are fetched from the network first, so readers online always
see the newest text, and from the copy when the network is gone. Every request of the worker goes past
the browser's HTTP cache (the copy would otherwise keep the previous build behind a max-age), and its
caches are named after the site's folder, so two builds on one origin (/prod/, /preview/) keep apart.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sphinx.application import Sphinx

__version__ = "0.1.0"

WORKER = "sw.js"
# Not needed to read the handbook offline: source maps, build metadata, the Sphinx inventory.
SKIP_SUFFIXES = {".map", ".inv", ".buildinfo", ".pickle"}
SKIP_DIRS = {"_sources", ".doctrees"}


def offline_files(outdir: Path) -> list[str]:
    """Every file of the built site a reader may need, relative to the root, in a stable order."""
    files = []
    for path in sorted(outdir.rglob("*")):
        relative = path.relative_to(outdir)
        if not path.is_file() or relative.name == WORKER or path.suffix in SKIP_SUFFIXES:
            continue
        if SKIP_DIRS & set(relative.parts) or relative.name.startswith("."):
            continue
        files.append(relative.as_posix())
    return files


def write_worker(app: Sphinx, exception) -> None:
    """``build-finished``: write sw.js from the template, with this build's file list and version."""
    if exception is not None or app.builder.name not in ("html", "dirhtml"):
        return
    outdir = Path(app.outdir)
    files = offline_files(outdir)
    digest = hashlib.sha256()
    for name in files:
        digest.update(name.encode("utf-8"))
        digest.update((outdir / name).read_bytes())
    template = (Path(__file__).parent / "worker.js").read_text(encoding="utf-8")
    worker = template.replace("__VERSION__", json.dumps(digest.hexdigest()[:16])).replace("__FILES__", json.dumps(files))
    (outdir / WORKER).write_text(worker, encoding="utf-8")


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", lambda app, config: config.html_static_path.append(str(Path(__file__).parent / "static")))
    app.add_js_file("offline.js", loading_method="defer")
    app.connect("build-finished", write_worker)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
