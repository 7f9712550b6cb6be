"""The browser assets, minified at build time so pages download less; the sources stay readable."""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

STATIC_DIR = Path(__file__).parent / "static"
ASSETS = ("checklist-core.js", "checklist.js", "checklist.css")


def minified_static_dir(build_dir: Path) -> Path:
    """Write minified copies of the assets under ``build_dir`` (only when they changed) and return the folder."""
    target = build_dir / "sphinx_checklist_static"
    target.mkdir(parents=True, exist_ok=True)
    for name in ASSETS:
        source = (STATIC_DIR / name).read_text(encoding="utf-8")
        text = rcssmin.cssmin(source) if name.endswith(".css") else rjsmin.jsmin(source)
        out = target / name
        if not out.is_file() or out.read_text(encoding="utf-8") != text:
            out.write_text(text, encoding="utf-8")
    return target
