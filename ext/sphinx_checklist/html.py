"""HTML visitors: semantic tables with scoped headers, labelled inputs and ``data-checklist-*`` ids."""

from __future__ import annotations

from html import escape

from docutils.nodes import SkipNode

from . import nodes as cn


def _attrs(**attrs) -> str:
    """Render attributes in the given order, skipping empty ones; ``data_x`` becomes ``data-x``."""
    out = []
    for key, value in attrs.items():
        if value is None or value == "" or value is False:
            continue
        name = key.rstrip("_").replace("_", "-")
        out.append(name if value is True else f'{name}="{escape(str(value), quote=True)}"')
    return " ".join(out)


def visit_checklist(self, node: cn.checklist) -> None:
    self.body.append(
        "<div "
        + _attrs(
            id=node["ids"][0],
            class_=" ".join(node["classes"]),
            data_checklist_id=node["checklist_id"],
            data_checklist_kind=node["kind"],
            data_checklist_version=node["version"],
            data_checklist_title=node["title"],
            data_checklist_full="true" if node["full"] else "false",
            data_checklist_item_count=node["item_count"],
            data_checklist_audience=" ".join(node["audience"]),
            data_checklist_stage=" ".join(node["stage"]),
            data_checklist_stage_labels=node["stage_labels"],
            data_checklist_scale=node["scale"],
            data_checklist_groups=node["groups"],
            data_checklist_outcomes=node["outcomes"],
            # the page's address from the site root, for paper footers and for printing packs
            data_checklist_page=self.builder.get_target_uri(node["docname"]) if node.get("docname") else None,
        )
        + ">\n"
    )


def depart_checklist(self, node) -> None:
    self.body.append("</div>\n")


def visit_table(self, node: cn.checklist_table) -> None:
    self.body.append(
        '<div class="checklist-table-wrapper">'
        + "<table "
        + _attrs(id=node["ids"][0], class_="checklist-table", data_checklist_section=node["section_id"])
        + ">\n"
    )


def depart_table(self, node) -> None:
    self.body.append("</tbody>\n</table></div>\n")


def visit_caption(self, node) -> None:
    self.body.append("<caption>")


def depart_caption(self, node) -> None:
    self.body.append("</caption>\n")


def visit_head(self, node) -> None:
    self.body.append("<thead><tr>")


def depart_head(self, node) -> None:
    self.body.append("</tr></thead>\n<tbody>\n")


def _mark(column: str) -> str | None:
    """The short name of a control's column on paper: "2" for the second level of a scale, "?" for don't know."""
    if column.startswith("level-"):
        return column.removeprefix("level-")
    return {"unknown": "?", "na": "n/a"}.get(column)


def visit_header_cell(self, node) -> None:
    self.body.append(
        "<th " + _attrs(scope="col", id=(node["ids"] or [""])[0], class_=f"checklist-col-{node['column']}",
                        data_mark=_mark(node["column"])) + ">"
    )


def depart_header_cell(self, node) -> None:
    self.body.append("</th>")


def visit_body(self, node) -> None:
    pass


def depart_body(self, node) -> None:
    pass


def visit_row(self, node: cn.checklist_row) -> None:
    self.body.append(
        "<tr "
        + _attrs(
            id=node["ids"][0],
            class_="checklist-item",
            data_checklist_item=node["global_id"],
            data_checklist_item_id=node["item_id"],
            data_checklist_section=node["section_id"],
            data_checklist_roles=" ".join(node["roles"]),
            data_checklist_allow_na="true" if node["allow_na"] else "",
            data_checklist_basis=node.get("basis") if node.get("basis") == "handbook" else None,
            data_checklist_group=node["group"],
            data_checklist_weights=node["weights"],
            data_checklist_applies_to=" ".join(node.get("applies_to", [])),
            data_checklist_stage=" ".join(node.get("stage", [])),
        )
        + ">"
    )


def depart_row(self, node) -> None:
    self.body.append("</tr>\n")


def visit_cell(self, node: cn.checklist_cell) -> None:
    # The item text is the row's header cell, so screen readers announce it with each control.
    tag = "th" if node["column"] == "item" else "td"
    scope = "row" if tag == "th" else None
    self.body.append(
        f"<{tag} "
        + _attrs(scope=scope, id=(node["ids"] or [""])[0], class_=f"checklist-col-{node['column']}",
                 # shown before the control when narrow screens stack the cells of a row
                 data_label=node.get("label") if tag == "td" else None, data_mark=_mark(node["column"]))
        + ">"
    )


def depart_cell(self, node) -> None:
    self.body.append("</th>" if node["column"] == "item" else "</td>")


def visit_label(self, node: cn.checklist_label) -> None:
    tag = "label" if node.get("for_id") else "span"
    self.body.append(f"<{tag} " + _attrs(id=node["ids"][0], for_=node.get("for_id"), class_="checklist-text") + ">")


def depart_label(self, node) -> None:
    self.body.append("</label>" if node.get("for_id") else "</span>")


def visit_control(self, node: cn.checklist_control) -> None:
    self.body.append(
        "<input "
        + _attrs(
            type=node["input_type"],
            id=node["control_id"],
            name=node["name"],
            value=node["value"],
            class_=f"checklist-control checklist-{node['input_type']}",
            aria_labelledby=node.get("labelledby"),
            aria_describedby=node.get("describedby"),
        )
        + ">"
    )


def depart_control(self, node) -> None:
    pass


def visit_choices(self, node: cn.checklist_choices) -> None:
    """A fieldset of radio buttons, each with its own label; written whole, since the options are plain text."""
    group_id = f"{node['anchor']}-choices"
    parts = [f'<fieldset class="checklist-choices" id="{group_id}" aria-labelledby="{node["labelledby"]}">']
    for value, label, description in node["options"]:
        control_id = f"{node['anchor']}-choice-{value}"
        parts.append(
            '<div class="checklist-choice">'
            + "<input " + _attrs(type="radio", id=control_id, name=node["name"], value=value,
                                 class_="checklist-control checklist-radio checklist-choice-input") + ">"
            + f'<label for="{control_id}">{escape(label)}</label>'
            + (f' <span class="checklist-choice-description">{escape(description)}</span>' if description else "")
            + "</div>"
        )
    parts.append("</fieldset>")
    self.body.append("".join(parts))
    raise SkipNode


def visit_print_header(self, node: cn.checklist_print_header) -> None:
    """The header of a paper copy, hidden on screen. The script fills the copy's name and the print date; without
    it, a blank copy keeps a line to write the date on."""
    fields = "".join(
        f'<p class="checklist-print-field{wide}"><span>{escape(label)}</span></p>'
        for label, wide in (("Date", ""), ("Convening", ""), ("Facilitator", ""), ("Who attended", " checklist-print-field-wide"))
    )
    self.body.append(
        '<div class="checklist-print-header">'
        f'<p class="checklist-print-title">{escape(node["title"])}</p>'
        f'<p class="checklist-print-facts">{escape(node["kind"])}, version {escape(node["version"])}'
        '<span class="checklist-print-copy"></span>'
        '<span class="checklist-print-date">Printed: <span class="checklist-print-when"></span></span></p>'
        f'<div class="checklist-print-fields">{fields}</div></div>\n'
    )
    raise SkipNode


def visit_write(self, node: cn.checklist_write) -> None:
    self.body.append(f'<div class="checklist-write" data-lines="{int(node["lines"])}">' + "<span></span>" * int(node["lines"]) + "</div>")
    raise SkipNode


HTML_VISITORS = {
    cn.checklist: (visit_checklist, depart_checklist),
    cn.checklist_table: (visit_table, depart_table),
    cn.checklist_caption: (visit_caption, depart_caption),
    cn.checklist_head: (visit_head, depart_head),
    cn.checklist_header_cell: (visit_header_cell, depart_header_cell),
    cn.checklist_body: (visit_body, depart_body),
    cn.checklist_row: (visit_row, depart_row),
    cn.checklist_cell: (visit_cell, depart_cell),
    cn.checklist_label: (visit_label, depart_label),
    cn.checklist_control: (visit_control, depart_control),
    cn.checklist_choices: (visit_choices, None),
    cn.checklist_print_header: (visit_print_header, None),
    cn.checklist_write: (visit_write, None),
}
