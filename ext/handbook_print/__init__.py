"""Paper from the handbook: a print stylesheet for every page, and a footer on every printed page of a checklist.

``handbook-print.css`` (print media only) takes furo's navigation, skip link, back-to-top button, theme toggles
and every control off the paper, keeps headings with what follows them, repeats table headers on each page,
keeps rows whole and numbers the pages ("Page 2 of 5").

``checklist-pages.css`` gives each rendered checklist a named page while it prints as a paper copy
(``body[data-checklist-print]``), whose footer names the checklist, its version and the page it comes from.
CSS cannot read an element's attributes into a page margin, so the rules are written from the checklist domain
once every page is read, one per checklist and page: the footer follows a checklist's version, and works without
the page script (a PDF printed from the built markup gets it too).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import ExtensionError
from sphinx.util.typing import ExtensionMetadata

__version__ = "0.1.0"

HERE = Path(__file__).parent
FOOTERS_CSS = "checklist-pages.css"


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def page_name(checklist_id: str, uri: str) -> str:
    """A CSS page name per checklist and page; checklist ids are slugs, the page's address is hashed."""
    return f"checklist-{checklist_id}-{hashlib.sha256(uri.encode('utf-8')).hexdigest()[:8]}"


class Rendering(NamedTuple):
    """A checklist shown on a page: what its printed footer names."""

    checklist_id: str
    #: the checklist's version
    version: str
    #: the address of the page that shows it
    uri: str


def footers_css(renderings: Iterable[tuple[str, str, str]]) -> str:
    """The named page of every (checklist id, version, page address), with its footer."""
    rules, pages = [], []
    for checklist_id, version, uri in sorted(set(renderings)):
        name = page_name(checklist_id, uri)
        rules.append(
            f'body[data-checklist-print] .checklist[data-checklist-id="{checklist_id}"]'
            f"[data-checklist-page={_css_string(uri)}] {{ page: {name}; }}"
        )
        pages.append(f"@page {name} {{ @bottom-left {{ content: {_css_string(f'{checklist_id} · version {version} · {uri}')}; }} }}")
    head = "/* Written by handbook_print from the checklists of this build: a footer per checklist and page. */\n"
    return head + "@media print {\n" + "\n".join(rules) + "\n}\n" + "\n".join(pages) + "\n"


def _out_dir(app: Sphinx) -> Path:
    return Path(app.doctreedir) / "handbook_print_static"


def add_static(app: Sphinx) -> None:
    """``builder-inited``: HTML builders ship our stylesheets, and the folder the footers are written to."""
    if app.builder.format != "html":
        return
    _out_dir(app).mkdir(parents=True, exist_ok=True)
    app.config.html_static_path.extend([str(HERE / "static"), str(_out_dir(app))])


def write_footers(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: every page is read, so the domain knows each page that renders each checklist."""
    if app.builder.format != "html":
        return
    try:
        domain = env.get_domain("checklist")
    except ExtensionError:  # sphinx_checklist is not loaded: no checklist to print
        return
    registry = getattr(domain, "registry", None)
    renderings: list[Rendering] = []
    for docname, entries in domain.data.get("renders", {}).items():
        for render in entries:  # sphinx_checklist.domain.Render records
            if registry is not None and render.checklist_id in registry.checklists:
                version = registry.checklists[render.checklist_id].version
                renderings.append(Rendering(render.checklist_id, version, app.builder.get_target_uri(docname)))
    css = footers_css(renderings)
    target = _out_dir(app) / FOOTERS_CSS
    if not target.is_file() or target.read_text(encoding="utf-8") != css:
        target.write_text(css, encoding="utf-8")


def add_page_assets(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None) -> None:
    """``html-page-context``: the footers only on pages that show a checklist."""
    from sphinx_checklist.checklist_nodes import checklist

    if doctree is not None and next(doctree.findall(checklist), None) is not None:
        app.add_css_file(FOOTERS_CSS, media="print")


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("builder-inited", add_static)
    app.connect("env-updated", write_footers)
    app.connect("html-page-context", add_page_assets)
    app.add_css_file("handbook-print.css", media="print")
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
