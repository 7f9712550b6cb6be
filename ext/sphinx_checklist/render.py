"""Turn a checklist model into doctree nodes: one table per section, one row per item, real form controls."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from docutils import nodes
from sphinx import addnodes

from . import nodes as cn
from .anchors import root_anchor
from .model import Checklist, Item, Section, plain
from .schema import display_name

#: The marker of an item with ``basis: handbook``, as readers see it.
HANDBOOK_ADVICE = "Handbook advice"

#: Parses MyST text from a YAML file: (text, yaml line) -> nodes.
Parse = Callable[[str, int], list[nodes.Node]]


@dataclass
class Parsers:
    inline: Parse
    block: Parse


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    header_id: str = ""


def render_checklist(checklist: Checklist, sections: list[Section], parsers: Parsers, docname: str, full: bool,
                     part: int = 1) -> cn.checklist:
    """The whole checklist: heading, metadata, scale legend, then one table per selected section.

    ``part`` counts renderings of the same checklist on one page: the first has the checklist's anchor.
    """
    root = cn.checklist(
        checklist_id=checklist.id,
        kind=checklist.kind,
        version=checklist.version,
        title=checklist.title,
        full=full,
        item_count=len(checklist.items),
        audience=list(checklist.audience),
        stage=list(checklist.stage),
        stage_labels=json.dumps({s: STAGE_LABELS.get(s, display_name(s)) for s in checklist.stage}) if checklist.stage else "",
        scale=_scale_json(checklist),
        groups=json.dumps([{"id": g.id, "title": g.title} for g in checklist.groups]) if checklist.groups else "",
        outcomes=json.dumps([{"id": o.id, "title": o.title} for o in checklist.outcomes]) if checklist.outcomes else "",
        classes=["checklist", f"checklist-kind-{checklist.kind}"],
        ids=[root_anchor(checklist.id, part)],
        docname=docname,
    )
    root += cn.checklist_print_header(title=checklist.title, kind=display_name(checklist.kind), version=checklist.version)
    root += nodes.rubric(checklist.title, checklist.title, classes=["checklist-title"])
    root += _meta_line(checklist)
    root += parsers.block(checklist.description, checklist.description_line)
    if checklist.scale:
        root += _scale_legend(checklist)
    for section in sections:
        root += _section_table(checklist, section, parsers, docname)
    return root


# How stages read in filters: "Before a convening" rather than "Before".
STAGE_LABELS = {
    "design": "Designing or setting up",
    "before": "Before a convening",
    "during": "During a convening",
    "after": "After a convening",
    "between": "Between convenings",
    "review": "Reviewing",
}


def _scale_json(checklist: Checklist) -> str:
    """The scale for the browser script, which scores and ranks assessments."""
    if not checklist.scale:
        return ""
    scale = checklist.scale
    return json.dumps({
        "levels": [{"value": lv.value, "label": lv.label} for lv in scale.levels],
        "unknown": scale.unknown_label,
        "low_below": scale.low_below,
    })


def _meta_line(checklist: Checklist) -> nodes.paragraph:
    parts = [
        f"{display_name(checklist.kind)}, version {checklist.version}",
        "for " + ", ".join(display_name(r).lower() for r in checklist.audience),
    ]
    if checklist.stage:
        parts.append("stage: " + ", ".join(checklist.stage))
    parts.append(f"{len(checklist.items)} items")
    return nodes.paragraph("", " · ".join(parts), classes=["checklist-meta"])


def _scale_legend(checklist: Checklist) -> nodes.container:
    scale = checklist.scale
    legend = nodes.definition_list(classes=["checklist-scale"])
    for level in scale.levels:
        legend += nodes.definition_list_item(
            "",
            nodes.term("", f"{level.value}. {level.label}"),
            nodes.definition("", nodes.paragraph("", level.description)),
        )
    legend += nodes.definition_list_item(
        "",
        nodes.term("", scale.unknown_label),
        nodes.definition("", nodes.paragraph("", scale.unknown_description or "Not counted in any score.")),
    )
    box = nodes.container(classes=["checklist-scale-box"])
    box += nodes.paragraph("", "Rating scale", classes=["checklist-scale-title"])
    box += legend
    return box


def columns_for(checklist: Checklist, section: Section) -> list[Column]:
    """The columns of a section table; the not-applicable column only where an item allows it."""
    prefix = f"checklist-{checklist.id}-{section.id}"
    if checklist.scale:
        levels = [Column(f"level-{lv.value}", f"{lv.value}. {lv.label}", f"{prefix}-level-{lv.value}") for lv in checklist.scale.levels]
        return [
            Column("item", "Item"),
            *levels,
            Column("unknown", checklist.scale.unknown_label, f"{prefix}-unknown"),
            Column("roles", "Who"),
            Column("source", "Source"),
        ]
    columns = [Column("done", "Done", f"{prefix}-done")]
    if any(item.allow_na for item in section.items):
        columns.append(Column("na", "Not applicable", f"{prefix}-na"))
    return [*columns, Column("item", "Item"), Column("roles", "Who"), Column("source", "Source")]


def _section_table(checklist: Checklist, section: Section, parsers: Parsers, docname: str) -> cn.checklist_table:
    columns = columns_for(checklist, section)
    table = cn.checklist_table(
        section_id=section.id,
        ids=[f"checklist-{checklist.id}-{section.id}"],
        classes=["checklist-table"],
    )
    caption = cn.checklist_caption()
    caption += nodes.inline(section.title, section.title, classes=["checklist-section-title"])
    if section.stage:
        when = "When: " + ", ".join(STAGE_LABELS.get(st, display_name(st)).lower() for st in section.stage)
        caption += nodes.inline(when, when, classes=["checklist-section-stage"])
    if section.description:
        description = parsers.inline(section.description, section.description_line)
        caption += _located(nodes.inline("", "", *description, classes=["checklist-section-description"]),
                            checklist, section.description_line)
    table += caption
    head = cn.checklist_head()
    for column in columns:
        head += cn.checklist_header_cell(
            column.title, column.title, column=column.key, ids=[column.header_id] if column.header_id else []
        )
    table += head
    body = cn.checklist_body()
    for item in section.items:
        body += _item_row(checklist, section, item, columns, parsers, docname)
    table += body
    return table


def _item_row(checklist, section, item: Item, columns, parsers: Parsers, docname: str) -> cn.checklist_row:
    roles = checklist.roles_of(item)
    row = cn.checklist_row(
        global_id=item.global_id,
        item_id=item.id,
        section_id=section.id,
        roles=list(roles),
        allow_na=item.allow_na,
        basis=item.basis,
        group=item.group or "",
        weights=json.dumps(item.weights, sort_keys=True) if item.weights else "",
        applies_to=list(item.applies_to),
        stage=list(checklist.stage_of(section)),
        ids=[item.anchor],
    )
    text_id = f"{item.anchor}-text"
    described_by = f"{item.anchor}-roles {item.anchor}-source"
    for column in columns:
        cell = cn.checklist_cell(column=column.key, label=column.title)
        if column.key == "done":
            cell += cn.checklist_control(input_type="checkbox", control_id=f"{item.anchor}-done", name=f"{item.global_id}:done",
                                         value="done", labelledby=text_id, describedby=described_by, symbol="[ ]")
        elif column.key == "na":
            if item.allow_na:
                cell += cn.checklist_control(input_type="checkbox", control_id=f"{item.anchor}-na", name=f"{item.global_id}:na",
                                             value="na", labelledby=f"{column.header_id} {text_id}", describedby=described_by,
                                             symbol="[n/a]")
        elif column.key.startswith("level-") or column.key == "unknown":
            value = column.key.removeprefix("level-") if column.key != "unknown" else "unknown"
            cell += cn.checklist_control(input_type="radio", control_id=f"{item.anchor}-{column.key}", name=item.global_id,
                                         value=value, labelledby=f"{text_id} {column.header_id}", describedby=described_by,
                                         symbol="( )")
        elif column.key == "item":
            cell += _item_text_cell(checklist, item, text_id, parsers)
        elif column.key == "roles":
            cell["ids"] = [f"{item.anchor}-roles"]
            cell += nodes.inline("", ", ".join(display_name(r) for r in roles), classes=["checklist-roles"])
        elif column.key == "source":
            cell["ids"] = [f"{item.anchor}-source"]
            cell += _source_links(checklist, item, docname)
        row += cell
    return row


def _item_text_cell(checklist: Checklist, item: Item, text_id: str, parsers: Parsers) -> list[nodes.Node]:
    label = _located(cn.checklist_label("", "", ids=[text_id]), checklist, item.field_lines.get("text", item.line))
    if not checklist.scale:
        label["for_id"] = f"{item.anchor}-done"
    label += parsers.inline(item.text, item.field_lines.get("text", item.line))
    out: list[nodes.Node] = [label]
    if item.is_handbook_advice:
        # Visible text, not an icon or a title attribute: readers, screen readers and paper copies all get it.
        out.append(nodes.inline("", HANDBOOK_ADVICE, classes=["checklist-basis", "checklist-basis-handbook"]))
    if item.choices:
        out.append(cn.checklist_choices(name=f"{item.global_id}:choice", anchor=item.anchor, labelledby=text_id,
                                        options=[(c.id, c.label, c.description or "") for c in item.choices]))
    if item.applies_to:
        titles = {o.id: o.title for o in checklist.outcomes}
        out.append(nodes.paragraph("", "Key for: " + ", ".join(titles[o] for o in item.applies_to),
                                   classes=["checklist-applies-to"]))
    if item.guidance:
        guidance = nodes.container(classes=["checklist-guidance"])
        guidance += parsers.block(item.guidance, item.field_lines.get("guidance", item.line))
        out.append(guidance)
    if item.low_rating_guidance:
        low = nodes.container(classes=["checklist-low-guidance"])
        # What to do about a low rating is always the handbook's own advice, never a report's finding: say so.
        low += parsers.block(f"**If rated low** ({HANDBOOK_ADVICE.lower()}): {item.low_rating_guidance}",
                             item.field_lines.get("low_rating_guidance", item.line))
        out.append(low)
    out.append(cn.checklist_write(lines=write_lines(checklist, item)))
    return out


def write_lines(checklist: Checklist, item: Item) -> int:
    """Lines to write on under an item on paper, by how much the item asks: a long action leaves room for who,
    when and how; a rating needs little beyond its circle, a choice none beyond its options."""
    if item.choices:
        return 1
    length = len(plain(item.text))
    if checklist.scale:
        return 1 + (length > 150)
    return 1 + (length > 100) + (length > 170)


def _located(node: nodes.Element, checklist: Checklist, line: int) -> nodes.Element:
    """Place a wrapper of parsed YAML text at its file line: nodes that transforms create inside it later
    (MyST turns ``[x](#part)`` into a cross-reference) find their location through it."""
    node.source, node.line = str(checklist.path), line
    return node


def label_reference(label: str, item: Item, checklist: Checklist, docname: str) -> addnodes.pending_xref:
    """A cross-reference to a handbook label, located at the item's YAML line so problems point there."""
    ref = addnodes.pending_xref(
        "",
        nodes.inline(label, label),
        refdomain="std",
        reftype="ref",
        reftarget=label.lower(),
        refexplicit=False,
        refwarn=True,
        refdoc=docname,
        checklist_ref=True,
    )
    ref.source, ref.line = str(checklist.path), item.line
    return ref


def _source_links(checklist: Checklist, item: Item, docname: str) -> list[nodes.Node]:
    para = nodes.paragraph(classes=["checklist-source"])
    if item.source:
        para += label_reference(item.source, item, checklist, docname)
    if item.see_also:
        see = nodes.paragraph(classes=["checklist-see-also"])
        see += nodes.Text("See also: ")
        for i, label in enumerate(item.see_also):
            if i:
                see += nodes.Text("; ")
            see += label_reference(label, item, checklist, docname)
        return [para, see]
    return [para]
