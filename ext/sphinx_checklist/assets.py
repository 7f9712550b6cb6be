"""The browser assets, minified at build time so pages download less; the sources stay readable.

The pure logic (checklist-core.js, unit-tested with Node) and the page script (checklist.js) ship as
one file, which saves a request and compresses better than two. What most visits never use ships apart
(LAZY_PARTS), and checklist.js loads it from beside itself when first wanted: the paper copies and the
Print or pack dialog (checklist-print.js: the dialog opened, or ``window.checklistPrintSetup`` called), the
exports, import and share links (checklist-export.js), and an assessment's results with their charts and
stylesheet (checklist-results.js, made of checklist-stats.js and checklist-results.js, and checklist-results.css:
once an assessment on the page has a rating), and Compare, the comparison of several responses to an assessment
(checklist-compare.js, loaded after checklist-results.js, whose charts and statistics it uses). The offline worker
keeps them like every other file.
"""

from __future__ import annotations

import zlib
from pathlib import Path

import rcssmin
import rjsmin

STATIC_DIR = Path(__file__).parent / "static"
#: shipped file -> the source files it is made of, in order
BUNDLES = {
    "checklist.js": ("checklist-core.js", "checklist.js"),
    "checklist.css": ("checklist.css",),
    "checklist-print.js": ("checklist-print.js",),
    "checklist-export.js": ("checklist-export.js",),
    "checklist-results.js": ("checklist-stats.js", "checklist-results.js"),
    "checklist-results.css": ("checklist-results.css",),
    "checklist-compare.js": ("checklist-compare.js",),
}
ASSETS = tuple(BUNDLES)
#: loaded by checklist.js when first wanted; every page with a checklist links to the other assets
LAZY_PARTS = (
    "checklist-print.js",
    "checklist-export.js",
    "checklist-results.js",
    "checklist-results.css",
    "checklist-compare.js",
)


def _minify(name: str, text: str) -> str:
    minified: str = rcssmin.cssmin(text) if name.endswith(".css") else rjsmin.jsmin(text)
    return minified


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


def parts_version(build_dir: Path) -> str:
    """A checksum of the parts checklist.js loads, for their URLs (``?v=``), so no cache keeps an older build's."""
    folder = build_dir / "sphinx_checklist_static"
    return f"{zlib.crc32(b''.join((folder / name).read_bytes() for name in LAZY_PARTS)):08x}"
