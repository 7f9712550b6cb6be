"""Parse MyST text taken from a checklist file so that every problem in it names that file and line.

MyST and docutils report problems at the page being parsed; for text that lives in a YAML file that
sends a contributor to the wrong file. While a YAML field is parsed, warnings are moved to the field's
own ``file:line``, and the nodes it yields carry that location, so problems found later (an unknown
``{ref}`` label, say) point there too. The same pass drops anything the safe-text check should have
refused (raw HTML, images, file downloads, script links), so a gap in that check cannot reach readers.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeGuard

from docutils import nodes
from sphinx import addnodes
from sphinx.util.logging import NAMESPACE

from .markup import SAFE_LINK
from .problems import Subtype, warn


class _AtYamlLine(logging.Filter):
    """Moves the location of every warning logged while it is installed."""

    def __init__(self, location: str):
        super().__init__()
        self.location = location

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING:
            record.location = self.location
        return True


@contextmanager
def warnings_at(path: Path, line: int) -> Iterator[None]:
    """Report warnings logged inside the block at ``path:line``.

    The filter goes on Sphinx's handlers, after Sphinx's own location translator, so it has the last word.
    """
    relocate = _AtYamlLine(f"{path}:{line}")
    handlers = list(logging.getLogger(NAMESPACE).handlers)
    for handler in handlers:
        handler.addFilter(relocate)
    try:
        yield
    finally:
        for handler in handlers:
            handler.removeFilter(relocate)


#: What MyST could read as something other than the words written: markup, links, roles, entities, line
#: breaks, and the starts of lists, quotes and code. Text without any of it is the words themselves.
_MAYBE_MARKUP = re.compile(r"[*_`\[\]<>{}\\&~$|#\n\r\t]|^\s|\s$|^\d+[.)]|^[-+>=]")


def plain_words(text: str, block: bool) -> list[nodes.Node] | None:
    """The nodes MyST would make of text that holds no markup (a Text, or a paragraph of it), else None.

    Most item texts are plain sentences; making their nodes directly keeps the cost per item low.
    """
    if _MAYBE_MARKUP.search(text):
        return None
    return [nodes.paragraph(text, text)] if block else [nodes.Text(text)]


def parse_at(parse: Callable[[str], list[nodes.Node]], text: str, path: Path, line: int, block: bool = False) -> list[nodes.Node]:
    """``parse(text)`` with warnings and nodes located at ``path:line``, and unsafe nodes removed."""
    plain = plain_words(text, block)
    if plain is not None:
        for node in plain:
            if isinstance(node, nodes.Element):
                node.source, node.line = str(path), line
        return plain
    with warnings_at(path, line):
        parsed = parse(text)
    for top in parsed:
        for node in top.findall(nodes.Element):
            node.source, node.line = str(path), line
    return [node for node in parsed if not _unsafe(node, path, line)] if parsed else parsed


def _unsafe(top: nodes.Node, path: Path, line: int) -> bool:
    """Remove unsafe descendants of ``top`` (warning once each); true when ``top`` itself must go."""
    if _is_unsafe(top):
        _warn_removed(top, path, line)
        return True
    if isinstance(top, nodes.Element):
        for node in list(top.findall(nodes.Element, include_self=False)):
            if node.parent is not None and _is_unsafe(node):
                _warn_removed(node, path, line)
                node.parent.remove(node)
    return False


def _is_unsafe(node: nodes.Node) -> TypeGuard[nodes.Element]:
    if isinstance(node, (nodes.raw, nodes.image, addnodes.download_reference, nodes.target)):
        return not (isinstance(node, nodes.target) and not node.get("refuri") and not node.get("ids"))
    if isinstance(node, nodes.reference) and node.get("refuri"):
        return not SAFE_LINK.match(node["refuri"]) and not node.get("internal")
    return False


def _warn_removed(node: nodes.Element, path: Path, line: int) -> None:
    warn(
        Subtype.unsafe_markup,
        f"{node.tagname} left out of the page: checklist text may not hold raw HTML, images, "
        "labels, file downloads or script links; write plain Markdown",
        f"{path}:{line}",
    )
