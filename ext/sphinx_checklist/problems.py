"""What can be wrong: the warning subtypes of the extension, the one helper that emits them, and a problem found in a file."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from docutils import nodes
from sphinx.util import logging

logger = logging.getLogger(__name__)

WARNING_TYPE = "checklist"

#: Where a warning points: "path:line", (docname or path, line), or a node.
Location = str | tuple[str | None, int | None] | nodes.Node | None


class Subtype(str, Enum):
    """Every warning is ``checklist.<subtype>``, so a project can name it in ``suppress_warnings``."""

    config = "config"
    """The ``checklist_dir`` setting points nowhere."""
    yaml = "yaml"
    """A checklist file is not valid YAML, or repeats a key."""
    schema = "schema"
    """A checklist breaks the JSON Schema (unknown key, wrong type, missing field)."""
    id_mismatch = "id_mismatch"
    """A checklist id differs from its file name."""
    duplicate_id = "duplicate_id"
    """Two sections or items of a checklist share an id."""
    unknown_ref = "unknown_ref"
    """An item cites a label, group, outcome or item that does not exist."""
    unknown_checklist = "unknown_checklist"
    """A directive names a checklist id that no file defines."""
    unknown_section = "unknown_section"
    """A directive selects a section the checklist does not have."""
    unknown_role = "unknown_role"
    """A directive filters by a role outside the vocabulary."""
    invalid = "invalid"
    """A page renders a checklist whose file has errors."""
    unrendered = "unrendered"
    """A checklist file that no page renders."""
    duplicate_render = "duplicate_render"
    """The same checklist items rendered twice on one page."""
    unsafe_markup = "unsafe_markup"
    """Checklist text holds raw HTML, an image, a link to a file or script, or a directive or role not allowed there."""
    anchor_collision = "anchor_collision"
    """Two parts of a page would get the same HTML id (an item and a section, two checklists, a page label)."""
    long_section = "long_section"
    """A checklist section holds more than nine items: too many to work through at one pause point."""


def warn(subtype: Subtype, message: str, location: Location = None) -> None:
    """Log a warning of type ``checklist`` with its subtype and location (``(path, line)``, a docname or a node)."""
    logger.warning(message, type=WARNING_TYPE, subtype=subtype.value, location=location)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a checklist file, at a line, with what to do about it."""

    subtype: Subtype
    line: int
    message: str


def format_path(doc_path: Iterable[str | int]) -> str:
    """("sections", 0, "items", 2, "text") -> "sections[0].items[2].text"."""
    out = ""
    for part in doc_path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"
