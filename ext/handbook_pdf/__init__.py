"""PDFs of the handbook, printed by Chromium from the built site with the site's own print stylesheet.

``python -m handbook_pdf SITE_DIR`` (``make pdf``) prints a blank copy of every checklist in A4 and US
Letter and the whole handbook as one PDF (``build.py``). As a Sphinx extension, this package adds the
``{handbook-pdf}`` directive: a link to the handbook PDF on pages built with ``checklist_pdf_dir`` set
(``make site`` sets it), and nothing on a plain ``make html`` build, which has no PDFs to link to.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri
from sphinx.util.typing import ExtensionMetadata

__version__ = "0.1.0"


class handbook_pdf_link(nodes.General, nodes.Element):
    """Replaced, when the page is written, by a link to the handbook PDF (or by nothing)."""


class HandbookPdfDirective(SphinxDirective):
    """``{handbook-pdf}``: offer the whole handbook as a PDF, where the build made one."""

    def run(self) -> list[nodes.Node]:
        return [handbook_pdf_link()]


def resolve_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: a paragraph with the link when PDFs are built beside the site, else nothing."""
    from .build import HANDBOOK_PDF

    for placeholder in list(doctree.findall(handbook_pdf_link)):
        folder = app.config.checklist_pdf_dir
        if not folder or app.builder.format != "html":
            placeholder.parent.remove(placeholder)
            continue
        uri = relative_uri(app.builder.get_target_uri(docname), f"{folder}/{HANDBOOK_PDF}")
        link = nodes.reference("", "The whole handbook as one PDF (A4)", refuri=uri, classes=["handbook-pdf-link"])
        placeholder.replace_self(
            nodes.paragraph("", "", link, nodes.Text(": cover, contents, every page and every checklist as a blank copy."))
        )


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("sphinx_checklist")  # which declares checklist_pdf_dir, the folder of every PDF
    app.add_node(handbook_pdf_link)
    app.add_directive("handbook-pdf", HandbookPdfDirective)
    app.connect("doctree-resolved", resolve_links)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
