"""HTML visitors: semantic tables with scoped headers, labelled inputs and ``data-checklist-*`` attributes.

Start tags come from the translator's ``starttag``, which writes a node's ids and classes and escapes
every value once; the attributes the script reads were chosen when the nodes were made (render.py).
Tags that are not a node of their own (inputs, the choices' fieldset) are written from a fresh element,
since ``starttag`` adds the ids it is given to the node it writes.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from docutils import nodes
from docutils.nodes import SkipNode
from sphinx.writers.html5 import HTML5Translator

from . import checklist_nodes


def _present(**attributes: Any) -> dict[str, Any]:
    """Attributes that have a value, named as HTML names them: ``aria_labelledby`` is ``aria-labelledby``, ``for_`` is ``for``."""
    return {key.rstrip("_").replace("_", "-"): value for key, value in attributes.items() if value not in (None, "", False)}


def visit_checklist(self: HTML5Translator, node: checklist_nodes.checklist) -> None:
    # the page's address from the site root, for paper footers and for printing packs
    page = self.builder.get_target_uri(node["docname"]) if node.get("docname") else None
    self.body.append(self.starttag(node, "div", **node["attributes"], **_present(data_checklist_page=page)))


def depart_checklist(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</div>\n")


def visit_table(self: HTML5Translator, node: checklist_nodes.checklist_table) -> None:
    self.body.append('<div class="checklist-table-wrapper">' + self.starttag(node, "table", **node["attributes"]))


def depart_table(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</tbody>\n</table></div>\n")


def visit_caption(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("<caption>")


def depart_caption(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</caption>\n")


def visit_head(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("<thead><tr>")


def depart_head(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</tr></thead>\n<tbody>\n")


def _mark(column: str) -> str | None:
    """The short name of a control's column on paper: "2" for the second level of a scale, "?" for don't know."""
    if column.startswith("level-"):
        return column.removeprefix("level-")
    return {"unknown": "?", "na": "n/a"}.get(column)


def visit_header_cell(self: HTML5Translator, node: checklist_nodes.checklist_header_cell) -> None:
    self.body.append(
        self.starttag(node, "th", "", scope="col", CLASS=f"checklist-col-{node['column']}", **_present(data_mark=_mark(node["column"])))
    )


def depart_header_cell(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</th>\n")


def visit_body(self: HTML5Translator, node: nodes.Element) -> None:
    pass


def depart_body(self: HTML5Translator, node: nodes.Element) -> None:
    pass


def visit_row(self: HTML5Translator, node: checklist_nodes.checklist_row) -> None:
    self.body.append(
        self.starttag(node, "tr", "", CLASS="checklist-item", **{"data-checklist-item-id": node["item_id"], **node["attributes"]})
    )


def depart_row(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</tr>\n")


def visit_cell(self: HTML5Translator, node: checklist_nodes.checklist_cell) -> None:
    # The item text is the row's header cell, so screen readers announce it with each control.
    if node["column"] == "item":
        self.body.append(self.starttag(node, "th", "", scope="row", CLASS="checklist-col-item"))
        return
    # data-label is shown before the text when narrow screens stack the cells of a row; an empty cell has none, and
    # a cell with a control gives it to the control's label instead (visit_control)
    has_control = any(isinstance(child, checklist_nodes.checklist_control) for child in node.children)
    label = node.get("label") if node.children and not has_control else None
    self.body.append(self.starttag(node, "td", "", CLASS=f"checklist-col-{node['column']}", **_present(data_label=label)))


def depart_cell(self: HTML5Translator, node: nodes.Element) -> None:
    # A line break after each cell: a table lays out without it, but text taken from the page (the snippets of
    # Sphinx's search page, copied text) would run the cells together ("...item textFunderBefore...").
    self.body.append("</th>\n" if node["column"] == "item" else "</td>\n")


def visit_label(self: HTML5Translator, node: checklist_nodes.checklist_label) -> None:
    tag = "label" if node.get("for_id") else "span"
    self.body.append(self.starttag(node, tag, "", CLASS="checklist-text", **_present(for_=node.get("for_id"))))


def depart_label(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</label>" if node.get("for_id") else "</span>")


def visit_control(self: HTML5Translator, node: checklist_nodes.checklist_control) -> None:
    # Wrapped in a label that carries its column's word: on phones the word shows beside the control and, being
    # the label, selects it; the whole label is the target (44 px). The control keeps its own accessible name.
    column_word = node.parent.get("label") if isinstance(node.parent, checklist_nodes.checklist_cell) else None
    if column_word:
        self.body.append(self.starttag(nodes.Element(), "label", "", CLASS="checklist-target", **{"data-label": column_word}))
    self.body.append(
        self.emptytag(
            nodes.Element(),
            "input",
            "",
            type=node["input_type"],
            ids=[node["control_id"]],
            value=node["value"],
            CLASS=f"checklist-control checklist-{node['input_type']}",
            **_present(name=node.get("name"), aria_labelledby=node.get("labelledby")),
        )
    )


def depart_control(self: HTML5Translator, node: nodes.Element) -> None:
    if isinstance(node.parent, checklist_nodes.checklist_cell) and node.parent.get("label"):
        self.body.append("</label>")


def visit_choices(self: HTML5Translator, node: checklist_nodes.checklist_choices) -> None:
    """A fieldset of radio buttons, each with its own label; written whole, since the options are plain text."""
    parts = [
        "\n"  # the fieldset is a block: this keeps its text from the item text before it in the page's text
        + self.starttag(
            nodes.Element(),
            "fieldset",
            "",
            CLASS="checklist-choices",
            ids=[f"{node['anchor']}-choices"],
            **_present(aria_labelledby=node["labelledby"]),
        )
    ]
    options: list[checklist_nodes.ChoiceOption] = node["options"]
    for value, label, description in options:
        control_id = f"{node['anchor']}-choice-{value}"
        parts.append(
            '<div class="checklist-choice">'
            + self.emptytag(
                nodes.Element(),
                "input",
                "",
                type="radio",
                ids=[control_id],
                name=node["name"],
                value=value,
                CLASS="checklist-control checklist-radio checklist-choice-input",
            )
            + f'<label for="{escape(control_id)}">{escape(label)}</label>'
            + (f' <span class="checklist-choice-description">{escape(description)}</span>' if description else "")
            + "</div>\n"
        )
    parts.append("</fieldset>\n")
    self.body.append("".join(parts))
    raise SkipNode


def visit_print_header(self: HTML5Translator, node: checklist_nodes.checklist_print_header) -> None:
    """The header of a paper copy, hidden on screen. The script fills the copy's name and the print date; without
    it, a blank copy keeps a line to write the date on."""
    fields = "".join(
        f'<p class="checklist-print-field{wide}"><span>{escape(label)}</span></p>\n'
        for label, wide in (("Date", ""), ("Convening", ""), ("Facilitator", ""), ("Who attended", " checklist-print-field-wide"))
    )
    self.body.append(
        '<div class="checklist-print-header">\n'
        f'<p class="checklist-print-title">{escape(node["title"])}</p>\n'
        f'<p class="checklist-print-facts">{escape(node["kind"])}, version {escape(node["version"])}'
        '<span class="checklist-print-copy"></span>'
        '<span class="checklist-print-date">Printed: <span class="checklist-print-when"></span></span></p>\n'
        f'<div class="checklist-print-fields">\n{fields}</div>\n</div>\n'
    )
    raise SkipNode


def visit_write(self: HTML5Translator, node: checklist_nodes.checklist_write) -> None:
    lines = int(node["lines"])
    self.body.append(f'<div class="checklist-write" data-lines="{lines}">' + "<span></span>" * lines + "</div>")
    raise SkipNode


#: How the HTML translator visits and departs a node (Sphinx's own type for it says only Callable[[Any, Any], None]).
Visitor = Callable[[HTML5Translator, Any], None]

HTML_VISITORS: dict[type[nodes.Element], tuple[Visitor, Visitor | None]] = {
    checklist_nodes.checklist: (visit_checklist, depart_checklist),
    checklist_nodes.checklist_table: (visit_table, depart_table),
    checklist_nodes.checklist_caption: (visit_caption, depart_caption),
    checklist_nodes.checklist_head: (visit_head, depart_head),
    checklist_nodes.checklist_header_cell: (visit_header_cell, depart_header_cell),
    checklist_nodes.checklist_body: (visit_body, depart_body),
    checklist_nodes.checklist_row: (visit_row, depart_row),
    checklist_nodes.checklist_cell: (visit_cell, depart_cell),
    checklist_nodes.checklist_label: (visit_label, depart_label),
    checklist_nodes.checklist_control: (visit_control, depart_control),
    checklist_nodes.checklist_choices: (visit_choices, None),
    checklist_nodes.checklist_print_header: (visit_print_header, None),
    checklist_nodes.checklist_write: (visit_write, None),
}
