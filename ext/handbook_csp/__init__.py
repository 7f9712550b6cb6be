"""Serve furo pages under a strict Content-Security-Policy, and fix what axe-core reports on its templates.

Every page carries the policy in a ``<meta http-equiv="Content-Security-Policy">`` element
(``handbook_csp_policy``), so it holds even where the host sends no header.

Furo writes one inline ``<script>`` (the colour theme), one ``<style>`` (its CSS variables),
``style`` attributes on its icon sprite, and ``data:`` SVG images in its stylesheet. The templates
here replace the first three with an external file or a presentation attribute, reusing furo's own
templates so that nothing drifts when furo changes; after the build, the ``data:`` images become
files next to the stylesheets, so ``default-src 'self'`` needs no exception. Its page template also
gets names on its two side landmarks and levels on its navigation headings, which axe-core asks for.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.util.typing import ExtensionMetadata
from sphinx_checklist.config import stop_build

__version__ = "0.1.0"

HERE = Path(__file__).parent
VARIABLES_CSS = "furo-variables.css"
_STYLE_TAGS = re.compile(r"</?style>")
_DATA_SVG = re.compile(r"""url\((['"])data:image/svg\+xml;charset=utf-8,(.*?)\1\)""", re.DOTALL)
ICON_DIR = "csp-icons"
#: The policy every page carries in a <meta> element, so it holds on hosts that send no CSP header
#: (GitHub Pages): only this site's own scripts, styles, images and fonts; no <base> to another host,
#: no form posting elsewhere, no plugins. A server may send a stricter header; browsers apply both.
DEFAULT_POLICY = "default-src 'self'; base-uri 'self'; form-action 'self'; object-src 'none'"
_written: set[Path] = set()  # variables files this process has already written

#: Where scripts, styles and plugins come from; each must stay as strict as the default allows.
_SOURCE_DIRECTIVES = (
    "default-src",
    "script-src",
    "script-src-elem",
    "script-src-attr",
    "style-src",
    "style-src-elem",
    "style-src-attr",
    "object-src",
)
#: Keywords that let injected text run or style the page: what the policy exists to forbid.
_UNSAFE_KEYWORDS = ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'wasm-unsafe-eval'")
_KEYWORDS = ("'self'", "'none'", "'strict-dynamic'", "'report-sample'", "'inline-speculation-rules'", *_UNSAFE_KEYWORDS)
_NONCE_OR_HASH = re.compile(r"'(nonce-[A-Za-z0-9+/_=-]+|sha(256|384|512)-[A-Za-z0-9+/_=-]+)'")
_DIRECTIVE_NAME = re.compile(r"[a-z][a-z-]*")


def parse_policy(policy: str) -> dict[str, list[str]]:
    """Directive -> its sources, or a ValueError saying what cannot be read."""
    if not policy.strip():
        raise ValueError("is empty, which would let any script run")
    if any(char in policy for char in '\r\n\0"<>'):
        raise ValueError('holds a line break or one of " < >; write the whole policy on one line')
    directives: dict[str, list[str]] = {}
    for part in filter(None, (piece.strip() for piece in policy.split(";"))):
        name, *sources = part.split()
        if not _DIRECTIVE_NAME.fullmatch(name.lower()):
            raise ValueError(f"cannot be read at {name!r}: a directive starts with its name, such as script-src")
        if name.lower() in directives:
            raise ValueError(f"names {name.lower()} twice; browsers ignore the second, so merge them")
        for source in sources:
            if source.startswith("'") and source.lower() not in _KEYWORDS and not _NONCE_OR_HASH.fullmatch(source):
                raise ValueError(f"cannot be read at {source}: not a CSP keyword such as 'self' or 'none'")
        directives[name.lower()] = sources
    return directives


def policy_weakness(policy: object) -> str | None:
    """What makes ``policy`` weaker than the site needs (inline or remote scripts, plugins...), or None."""
    if not isinstance(policy, str):
        return f"must be text, such as {DEFAULT_POLICY!r}; got {policy!r}"
    try:
        directives = parse_policy(policy)
    except ValueError as error:
        return str(error)
    if "script-src" not in directives and "default-src" not in directives:
        return "has neither script-src nor default-src, so scripts from anywhere would run"
    for name in _SOURCE_DIRECTIVES:
        for source in directives.get(name, []):
            weakness = _weak_source(source.lower(), directives[name])
            if weakness:
                return f"allows {weakness} in {name}"
    if directives.get("object-src", directives.get("default-src")) != ["'none'"]:
        return "must keep object-src 'none' (no plugins)"
    if "base-uri" not in directives or directives["base-uri"] not in (["'self'"], ["'none'"]):
        return "must keep base-uri 'self' (no <base> element pointing elsewhere)"
    return None


def _weak_source(source: str, sources: list[str]) -> str | None:
    if source in _UNSAFE_KEYWORDS:
        return source
    if source == "'strict-dynamic'" and not any(_NONCE_OR_HASH.fullmatch(other) for other in sources):
        return "'strict-dynamic' without nonces or hashes (a static site has none)"
    if source.startswith("'"):
        return None
    if "*" in source:
        return f"the wildcard {source}"
    return f"the source {source} (only 'self': no other host, scheme or data: URL)"


def check_policy(app: Sphinx, config: Config) -> None:
    """``config-inited``: a weakened policy stops the build at conf.py, unless handbook_csp_allow_weaker gives the reason."""
    reason = config.handbook_csp_allow_weaker
    if not isinstance(reason, str):
        error = ConfigError(f"handbook_csp_allow_weaker must be the reason a weaker policy is intended, as text, or ''; got {reason!r}")
        stop_build(error, Path(app.confdir))
    weakness = policy_weakness(config.handbook_csp_policy)
    if weakness and not reason.strip():
        error = ConfigError(
            f"handbook_csp_policy {weakness}; write a policy as strict as {DEFAULT_POLICY!r}, or, if the weakening is "
            "intended, say why in handbook_csp_allow_weaker = 'the reason'"
        )
        stop_build(error, Path(app.confdir))


def add_paths(app: Sphinx, config: Config) -> None:
    """``config-inited``: our templates win over the theme's; our static files are copied."""
    config.templates_path.insert(0, str(HERE / "templates"))
    config.html_static_path.append(str(HERE / "static"))


def add_policy(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None) -> None:
    """``html-page-context``: the policy for the page's <meta> element."""
    context["handbook_csp_policy"] = app.config.handbook_csp_policy


def write_variables_css(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None) -> None:
    """``html-page-context``: render furo's CSS-variables partial into a static file, once per process.

    Every page would yield the same text, so only the first page of each writer process (parallel
    builds have several) renders it, and writes it atomically, only when it differs.
    """
    target = Path(app.outdir) / "_static" / VARIABLES_CSS
    if "furo_pygments" not in context or target in _written:
        return
    _written.add(target)
    css = _STYLE_TAGS.sub("", app.builder.templates.render("!partials/_head_css_variables.html", context)).strip() + "\n"
    if target.is_file() and target.read_text(encoding="utf-8") == css:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".furo-variables-")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(css)
    os.replace(tmp, target)


def externalise_data_images(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: every ``data:`` SVG in the copied stylesheets becomes a file beside them."""
    if exception is not None or app.builder.format != "html":
        return
    for stylesheet in (Path(app.outdir) / "_static").rglob("*.css"):
        text = stylesheet.read_text(encoding="utf-8")
        if "data:image/svg+xml" not in text:
            continue
        icon_dir = stylesheet.parent / ICON_DIR
        icon_dir.mkdir(exist_ok=True)

        def to_file(match: re.Match[str], icon_dir: Path = icon_dir) -> str:
            svg = unquote(match.group(2))
            name = hashlib.sha256(svg.encode("utf-8")).hexdigest()[:16] + ".svg"
            (icon_dir / name).write_text(svg, encoding="utf-8")
            return f'url("{ICON_DIR}/{name}")'

        stylesheet.write_text(_DATA_SVG.sub(to_file, text), encoding="utf-8")


def automatic_column_widths(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: tables size their columns from content; Sphinx would write widths as inline styles."""
    if app.builder.format != "html":
        return
    for table in doctree.findall(nodes.table):
        if "colwidths-auto" not in table["classes"]:
            table["classes"].append("colwidths-auto")


def unique_wrapper_ids(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: furo wraps each table (and math block) in a container that copies its ids;
    the ids stay on the table, so links still land on it, and the page has no duplicate id."""
    for wrapper in doctree.findall(nodes.container):
        inner = wrapper.children[0] if wrapper.children else None
        if {"table-wrapper", "math-wrapper"} & set(wrapper["classes"]) and isinstance(inner, nodes.Element):
            inner_ids: set[str] = set(inner.get("ids", []))
            wrapper["ids"] = [i for i in wrapper["ids"] if i not in inner_ids]


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value("handbook_csp_policy", DEFAULT_POLICY, "html", types=[str])
    # The reason a weaker policy is intended; empty: a weakened policy stops the build.
    app.add_config_value("handbook_csp_allow_weaker", "", "html", types=[str])
    app.connect("config-inited", check_policy)
    app.connect("config-inited", add_paths)
    app.connect("html-page-context", add_policy)
    app.connect("builder-inited", lambda app: _written.clear())  # each build writes the file afresh
    # After furo's own handler (priority 500), which puts its pygments colours in the context.
    app.connect("html-page-context", write_variables_css, priority=900)
    app.connect("build-finished", externalise_data_images)
    app.connect("doctree-resolved", automatic_column_widths)
    app.connect("doctree-resolved", unique_wrapper_ids)
    app.add_css_file("handbook-csp.css")
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
