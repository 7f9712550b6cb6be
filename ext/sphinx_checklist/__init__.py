"""Executable checklists for Sphinx: YAML files rendered as accessible, interactive tables.

The pipeline, one module per step:

1. **load** (``yaml_loader``, ``registry``): every YAML file of ``checklist_dir`` is read once per
   build, safely, with the line of every value; unchanged files come from a cache.
2. **validate** (``validate``, ``markup``, ``anchors``): the JSON Schema (with the project's own
   roles, stages and sources from ``config``), the rules across a file, the text allowed in fields,
   and the HTML ids a checklist will take. Each problem is a warning at its file and line (``problems``).
3. **model** (``model``): the records a valid file becomes. Each field is declared once there; the
   row attributes, the script's field list and the public export are derived from the declarations.
4. **directive and render** (``directives``, ``render``, ``checklist_nodes``): ``{checklist}`` turns a
   model into docutils nodes, parsing MyST text at its YAML line (``yaml_text``); the ``checklist``
   domain (``domain``) records which page renders which items.
5. **resolve** (``resolve``, ``consistency``): once every page is read, the canonical page of each
   item, section backlinks, the checklist index and lifecycle, and checks across the project.
6. **write and export** (``html_visitors``, ``fallback``, ``assets``, ``export``, ``printing``): HTML
   tables with real form controls (other builders get lists), the script and stylesheet on pages
   that need them, ``checklists.json`` (a public format with its own schema), and PDFs.

``extension.setup_extension`` connects the steps to Sphinx's events; ``cli`` and ``standalone`` run
them outside a build (``python -m sphinx_checklist check|new|schema|export``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the package imports no Sphinx until a build sets it up
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__version__ = "0.2.0"


def setup(app: Sphinx) -> ExtensionMetadata:
    from .extension import setup_extension

    return setup_extension(app, __version__)
