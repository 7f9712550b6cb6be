"""The HTML ids a rendered checklist puts on its page, and the collisions between them.

Ids are built from checklist, section and item ids joined by hyphens, so different parts can land on
the same id: an item and a section both called ``plan``, an item ``plan-done`` beside the Done box of
item ``plan``, or checklist ``a`` section ``b-c`` beside checklist ``a-b`` section ``c``. A duplicate
id breaks labels, links and the script, so every id a checklist will use is listed here, and the
build reports any two parts that would share one, naming both.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple

from docutils import nodes
from sphinx.application import Sphinx

from . import checklist_nodes
from .model import Checklist, Section
from .problems import Problem, Subtype, warn

#: Ids the page script (checklist.js) adds per checklist, after ``checklist-<id>-``.
SCRIPT_CHECKLIST_PARTS = (
    "tool-run",
    "tool-role",
    "tool-stage",
    "tool-section",
    "tool-outcome",
    "tool-unanswered",
    "tool-q",
    "tool-import",
    "tool-name",
    "tool-copy-form",
    "tool-status",
    "summary-title",
    "share-url",
)
#: Ids the page script adds per item, after the item's anchor.
SCRIPT_ITEM_PARTS = ("note", "note-wrap", "note-conflict", "note-conflict-words")


class Anchor(NamedTuple):
    """One HTML id and the part of a checklist file that makes it."""

    #: the id written in the page
    id: str
    #: what the id belongs to, for messages: "item 'plan' (Done box)"
    owner: str
    #: the file line of that part
    line: int


def checklist_anchor(checklist_id: str) -> str:
    return f"checklist-{checklist_id}"


def root_anchor(checklist_id: str, part: int = 1) -> str:
    """Id of one rendering of a checklist; a second rendering on the same page gets ``--2`` (never part of a slug)."""
    return checklist_anchor(checklist_id) if part == 1 else f"{checklist_anchor(checklist_id)}--{part}"


def section_anchor(checklist_id: str, section_id: str) -> str:
    return f"checklist-{checklist_id}-{section_id}"


def checklist_anchors(checklist: Checklist, sections: Iterable[Section] | None = None, part: int = 1) -> Iterator[Anchor]:
    """Every id the checklist (or the given sections of it) puts on a page, from Python and from the script."""
    sections = checklist.sections if sections is None else sections
    root = root_anchor(checklist.id, part)
    yield Anchor(root, f"checklist {checklist.id!r}", checklist.line)
    if part == 1:  # the script's toolbar and summary come once per checklist and page
        for name in SCRIPT_CHECKLIST_PARTS:
            yield Anchor(f"{root}-{name}", f"checklist {checklist.id!r} ({name}, added by the script)", checklist.line)
    levels = [f"level-{level.value}" for level in checklist.scale.levels] if checklist.scale else []
    for section in sections:
        anchor = section_anchor(checklist.id, section.id)
        yield Anchor(anchor, f"section {section.id!r}", section.line)
        controls = [*levels, "unknown"] if checklist.scale else ["done"]
        header_parts = controls + (["na"] if any(item.allow_na for item in section.items) else [])
        for suffix in header_parts:
            yield Anchor(f"{anchor}-{suffix}", f"section {section.id!r} ({suffix} column)", section.line)
        for item in section.items:
            owner = f"item {item.id!r}"
            yield Anchor(item.anchor, owner, item.line)
            parts = ["text", *SCRIPT_ITEM_PARTS, *controls] + (["na"] if item.allow_na else [])
            if item.choices:
                parts += ["choices", *(f"choice-{choice.id}" for choice in item.choices)]
            for suffix in parts:
                yield Anchor(f"{item.anchor}-{suffix}", f"{owner} ({suffix})", item.line)


def collisions(anchors: Iterable[Anchor]) -> list[tuple[Anchor, Anchor]]:
    """(first, other) for every id that a second part would take again."""
    first: dict[str, Anchor] = {}
    found = []
    for anchor in anchors:
        if anchor.id in first and first[anchor.id] != anchor:
            found.append((first[anchor.id], anchor))
        else:
            first.setdefault(anchor.id, anchor)
    return found


def anchor_problems(checklist: Checklist) -> list[Problem]:
    """Parts of one checklist file that would share an HTML id, reported at the later part with the earlier one named."""
    return [
        Problem(
            Subtype.anchor_collision,
            other.line,
            f"{other.owner} would get the HTML id {other.id!r}, which {first.owner} (line {first.line}) already has; "
            "rename one of them (prefer one that has no saved answers yet: answers are kept by item id)",
        )
        for first, other in collisions(checklist_anchors(checklist))
    ]


def check_page_anchors(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: no id of a page may be taken twice, by two checklists or by a checklist and a heading or label.

    HTML only: builders such as LaTeX merge every page into one document with ids of their own.
    """
    if app.builder.format != "html":
        return
    anchors: list[Anchor] = []
    # Walk the page once; a checklist's own ids were recorded by its directive, so its subtree is not walked.
    stack: list[nodes.Node] = [doctree]
    while stack:
        node = stack.pop()
        if not isinstance(node, nodes.Element):
            continue
        if isinstance(node, checklist_nodes.checklist):
            # as the directive recorded them (plain tuples in doctrees pickled by an older version)
            recorded: list[tuple[str, str, int]] = node.get("anchors", [])
            anchors += [Anchor(*entry) for entry in recorded]
            continue
        if node.get("ids"):
            source, line = node.source or app.env.doc2path(docname), node.line or 0
            anchors += [Anchor(node_id, f"the {node.tagname} at {source}:{line}", line) for node_id in node["ids"]]
        stack.extend(reversed(node.children))
    for first, other in collisions(anchors):
        warn(
            Subtype.anchor_collision,
            f"{other.owner} and {first.owner} would both have the HTML id {other.id!r} on this "
            "page; rename the heading or label, or render the two checklists on different pages",
            (docname, other.line or None),
        )
