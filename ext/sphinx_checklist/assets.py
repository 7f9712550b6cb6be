"""The browser assets, minified at build time so pages download less; the sources stay readable.

The pure logic (checklist-core.js, unit-tested with Node) and the page script (checklist.js) ship as
one file, which saves a request and compresses better than two.
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

STATIC_DIR = Path(__file__).parent / "static"
#: shipped file -> the source files it is made of, in order
BUNDLES = {
    "checklist.js": ("checklist-core.js", "checklist.js"),
    "checklist.css": ("checklist.css",),
}
ASSETS = tuple(BUNDLES)


def _minify(name: str, text: str) -> str:
    return rcssmin.cssmin(text) if name.endswith(".css") else rjsmin.jsmin(text)


def minified_static_dir(build_dir: Path) -> Path:
    """Write the minified bundles under ``build_dir`` (only when they changed) and return the folder."""
    target = build_dir / "sphinx_checklist_static"
    target.mkdir(parents=True, exist_ok=True)
    for shipped, sources in BUNDLES.items():
        text = "\n".join(_minify(shipped, (STATIC_DIR / source).read_text(encoding="utf-8")) for source in sources)
        out = target / shipped
        if not out.is_file() or out.read_text(encoding="utf-8") != text:
            out.write_text(text, encoding="utf-8")
    return target
