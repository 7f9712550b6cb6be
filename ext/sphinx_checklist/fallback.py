"""Readable checklists for builders that are not HTML (text, LaTeX, man...): lists with [ ] boxes."""

from __future__ import annotations

from typing import Any, TypeVar

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from . import checklist_nodes

#: How the tick boxes of a row read in plain text, by the value of their control.
PAPER_BOXES = {"done": "[ ]", "na": "[n/a]"}

_Part = TypeVar("_Part", bound=nodes.Element)


def _part(node: nodes.Element, kind: type[_Part]) -> _Part:
    """The first ``kind`` node inside ``node``; the renderer always writes one."""
    found = node.next_node(kind)
    if found is None:
        raise ValueError(f"a rendered {node.tagname} has no {kind.__name__}")
    return found


def _cells(node: nodes.Element) -> dict[str, nodes.Element]:
    """The cells of a table head or row, by their ``column``."""
    return {cell["column"]: cell for cell in node.children if isinstance(cell, nodes.Element)}


class ChecklistFallback(SphinxPostTransform):
    """Replace checklist tables by a rubric and a bullet list per section, keeping links and text."""

    default_priority = 199

    def is_supported(self) -> bool:
        return self.env._builder_cls.format != "html"

    def run(self, **kwargs: Any) -> None:
        paper_parts = (checklist_nodes.checklist_print_header, checklist_nodes.checklist_write)
        for paper_only in list(self.document.findall(lambda n: isinstance(n, paper_parts))):
            paper_only.parent.remove(paper_only)
        for table in list(self.document.findall(checklist_nodes.checklist_table)):
            table.replace_self(_section_as_list(table))
        for root in list(self.document.findall(checklist_nodes.checklist)):
            container = nodes.container(classes=root["classes"], ids=root["ids"])
            container += root.children
            root.replace_self(container)


def _section_as_list(table: checklist_nodes.checklist_table) -> list[nodes.Node]:
    caption = _part(table, checklist_nodes.checklist_caption)
    title = nodes.rubric("", "", *[child.deepcopy() for child in caption.children[:1]])
    out: list[nodes.Node] = [title]
    if len(caption.children) > 1:
        out.append(nodes.paragraph("", "", *[c.deepcopy() for c in caption.children[1:]]))
    columns = _cells(_part(table, checklist_nodes.checklist_head))
    items = nodes.bullet_list()
    for row in table.findall(checklist_nodes.checklist_row):
        items += _row_as_item(row, columns)
    out.append(items)
    return out


def _row_as_item(row: checklist_nodes.checklist_row, headers: dict[str, nodes.Element]) -> nodes.list_item:
    cells = _cells(row)
    first = nodes.paragraph()
    boxes = [PAPER_BOXES[c["value"]] for c in row.findall(checklist_nodes.checklist_control) if c["input_type"] == "checkbox"]
    first += nodes.Text(" ".join(boxes) + " " if boxes else "")
    label = _part(cells["item"], checklist_nodes.checklist_label)
    first += [child.deepcopy() for child in label.children]
    extra = []
    roles = cells["roles"].astext()
    if roles:
        extra.append(nodes.Text(f" (who: {roles})"))
    item = nodes.list_item("", first)
    for child in cells["item"].children[1:]:
        if isinstance(child, nodes.Element) and "checklist-basis" in child.get("classes", ()):
            first += nodes.Text(f" [{child.astext()}]")
            continue
        item += _choices_as_text(child) if isinstance(child, checklist_nodes.checklist_choices) else child.deepcopy()
    levels = [headers[key].astext() for key in cells if key.startswith("level-") or key == "unknown"]
    if levels:
        item += nodes.paragraph("", "Rating: " + " / ".join(f"( ) {lv}" for lv in levels))
    first += extra
    source = cells["source"]
    if source.children:
        para = nodes.paragraph("", "Source: ")
        for index, child in enumerate(source.children):
            if index:
                para += nodes.Text("; ")
            para += child.deepcopy().children
        item += para
    return item


def _choices_as_text(node: checklist_nodes.checklist_choices) -> nodes.paragraph:
    choices: list[checklist_nodes.ChoiceOption] = node["options"]
    options = [f"( ) {c.label}" + (f" ({c.description})" if c.description else "") for c in choices]
    return nodes.paragraph("", "Choose one: " + " / ".join(options))
