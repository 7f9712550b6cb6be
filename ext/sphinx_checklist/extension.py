"""Register the checklist directives, domain, nodes, events and assets with Sphinx."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from .anchors import check_page_anchors
from .assets import minified_static_dir, parts_version
from .checklist_nodes import checklist
from .config import config_of
from .config import register as register_config
from .consistency import (
    check_consistency,
    keep_unknown_cited_label,
    report_missing_reference,
)
from .directives import ChecklistDirective, ChecklistIndexDirective, ChecklistLifecycleDirective
from .domain import ChecklistDomain, ItemRefRole, checklist_domain
from .export import write_export
from .fallback import ChecklistFallback
from .html_visitors import HTML_VISITORS
from .problems import Subtype, warn
from .registry import Registry, load_registry
from .resolve import add_generated_parts, dependent_pages

# Raise when the data kept in the pickled environment changes shape, so old environments are discarded.
ENV_VERSION = 12


def load_checklists(app: Sphinx) -> None:
    """``builder-inited``: read every checklist once, before any page, and report each problem at its line."""
    config = config_of(app.config)
    directory = (Path(app.confdir) / config.directory).resolve()
    if not directory.is_dir():
        warn(
            Subtype.config,
            f"checklist_dir {config.directory!r} is not a folder ({directory}); "
            "set checklist_dir in conf.py to the folder of the YAML checklists",
        )
        registry = Registry(directory=directory, config=config)
    else:
        registry = load_registry(directory, config, cache=Path(app.doctreedir) / "checklist-files.pickle")
    for path, problem in registry.problems:
        warn(problem.subtype, problem.message, f"{path}:{problem.line}")
    checklist_domain(app.env).registry = registry
    if app.builder.format == "html":
        app.config.html_static_path.append(str(minified_static_dir(Path(app.doctreedir))))


def add_page_assets(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None) -> None:
    """``html-page-context``: the stylesheet and scripts only on pages that show a checklist."""
    if doctree is not None and next(doctree.findall(checklist), None) is not None:
        app.add_css_file("checklist.css")
        # The parts it loads when wanted (assets.LAZY_PARTS) are found beside it, with this version.
        attributes: dict[str, Any] = {"data-parts": parts_version(Path(app.doctreedir))}
        app.add_js_file("checklist.js", loading_method="defer", **attributes)


def setup_extension(app: Sphinx, version: str) -> ExtensionMetadata:
    register_config(app)
    app.add_domain(ChecklistDomain)
    app.add_role("checklist-item", ItemRefRole())
    app.add_directive("checklist", ChecklistDirective)
    app.add_directive("checklist-index", ChecklistIndexDirective)
    app.add_directive("checklist-lifecycle", ChecklistLifecycleDirective)
    for node_class, visitors in HTML_VISITORS.items():
        app.add_node(node_class, html=visitors)
    app.add_post_transform(ChecklistFallback)
    app.connect("builder-inited", load_checklists)
    app.connect("env-get-updated", dependent_pages)
    app.connect("env-check-consistency", check_consistency)
    app.connect("missing-reference", keep_unknown_cited_label)
    app.connect("warn-missing-reference", report_missing_reference)
    app.connect("doctree-resolved", add_generated_parts)
    # Late, so that ids other extensions add or remove while resolving are counted as the page will have them.
    app.connect("doctree-resolved", check_page_anchors, priority=900)
    app.connect("html-page-context", add_page_assets)
    app.connect("build-finished", write_export)
    return {
        "version": version,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
