"""Turn a checklist model into doctree nodes: one table per section, one row per item, real form controls."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from docutils import nodes
from sphinx import addnodes

from . import checklist_nodes
from .anchors import root_anchor, section_anchor
from .config import ChecklistConfig, Vocabulary, display_name
from .model import MODES, Checklist, Group, Item, Outcome, Section, plain, row_attributes, script_field_list

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


def render_checklist(
    checklist: Checklist, sections: list[Section], parsers: Parsers, docname: str, full: bool, config: ChecklistConfig, part: int = 1
) -> checklist_nodes.checklist:
    """The whole checklist: heading, metadata, scale legend, then one table per selected section.

    ``part`` counts renderings of the same checklist on one page: the first has the checklist's anchor.
    """
    vocabulary = config.vocabulary
    root = checklist_nodes.checklist(
        checklist_id=checklist.id,
        full=full,
        attributes=_root_attributes(checklist, config, full),
        classes=["checklist", f"checklist-kind-{checklist.kind}"],
        ids=[root_anchor(checklist.id, part)],
        docname=docname,
    )
    root += checklist_nodes.checklist_print_header(title=checklist.title, kind=display_name(checklist.kind), version=checklist.version)
    root += nodes.rubric(checklist.title, checklist.title, classes=["checklist-title"])
    root += _meta_line(checklist, vocabulary)
    root += _sources_line(checklist, vocabulary)
    root += parsers.block(checklist.description, checklist.field_lines["description"])
    if checklist.mode:
        root += nodes.paragraph("", MODES[checklist.mode], classes=["checklist-mode"])
    if checklist.scale:
        root += _scale_legend(checklist)
    if checklist.groups or checklist.outcomes:
        root += _scored_parts(checklist, parsers, docname)
    for section in sections:
        root += _section_table(checklist, section, parsers, docname, vocabulary, config.advice_label)
    return root


def _root_attributes(checklist: Checklist, config: ChecklistConfig, full: bool) -> dict[str, str]:
    """What the script needs of the whole checklist, as ``data-checklist-*`` attributes."""
    vocabulary = config.vocabulary
    roles = sorted({role for item in checklist.items for role in item.roles} | set(checklist.audience))
    attributes = {
        "id": checklist.id,
        "kind": checklist.kind,
        "version": checklist.version,
        "title": checklist.title,
        "full": "true" if full else "false",
        "item-count": str(len(checklist.items)),
        "audience": " ".join(checklist.audience),
        "stage": " ".join(checklist.stage),
        "stage-labels": _json({s: vocabulary.stage_label(s) for s in checklist.stage}) if checklist.stage else "",
        # the project's stages in order, so lists of checklists from several pages sort as the work goes
        "stage-order": " ".join(vocabulary.stages),
        "role-labels": _json({r: vocabulary.role_label(r) for r in roles}),
        "storage-prefix": config.storage_prefix,
        "fields": _json(script_field_list()),
        "scale": _scale_json(checklist),
        "groups": _json([{"id": g.id, "title": g.title} for g in checklist.groups]) if checklist.groups else "",
        "outcomes": _json([{"id": o.id, "title": o.title} for o in checklist.outcomes]) if checklist.outcomes else "",
    }
    return {f"data-checklist-{name}": value for name, value in attributes.items() if value}


def _json(value: object) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _scale_json(checklist: Checklist) -> str:
    """The scale for the browser script, which scores and ranks assessments."""
    if not checklist.scale:
        return ""
    scale = checklist.scale
    return _json(
        {
            "levels": [{"value": lv.value, "label": lv.label} for lv in scale.levels],
            "unknown": scale.unknown.label,
            "low_below": scale.low_below,
            "measures": scale.measures,
        }
    )


def _meta_line(checklist: Checklist, vocabulary: Vocabulary) -> nodes.paragraph:
    parts = [
        f"{display_name(checklist.kind)}, version {checklist.version}",
        "for " + ", ".join(vocabulary.role_label(r).lower() for r in checklist.audience),
    ]
    if checklist.stage:
        parts.append("stage: " + ", ".join(vocabulary.stage_label(s).lower() for s in checklist.stage))
    parts.append(f"{len(checklist.items)} items")
    return nodes.paragraph("", " · ".join(parts), classes=["checklist-meta"])


def _sources_line(checklist: Checklist, vocabulary: Vocabulary) -> nodes.paragraph:
    """ "Draws on: <source>: <section> (pp. 4-5); <section>." with each source named once; styled as the meta line."""
    sections: dict[str, list[str]] = {}
    for source in checklist.sources:
        pages = f" (pp. {source.pages})" if source.pages else ""
        sections.setdefault(source.report, []).append(source.section + pages)
    text = " ".join(f"{vocabulary.source_label(report)}: {'; '.join(parts)}." for report, parts in sections.items())
    return nodes.paragraph("", f"Draws on {text}", classes=["checklist-meta", "checklist-sources"])


def _scale_legend(checklist: Checklist) -> nodes.container:
    assert checklist.scale is not None
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
        nodes.term("", scale.unknown.label),
        nodes.definition("", nodes.paragraph("", scale.unknown.description or "Not counted in any score.")),
    )
    box = nodes.container(classes=["checklist-scale-box"])
    box += nodes.paragraph("", "Rating scale", classes=["checklist-scale-title"])
    box += legend
    return box


def _scored_parts(checklist: Checklist, parsers: Parsers, docname: str) -> nodes.container:
    """What the assessment scores: its groups and outcomes, each with its description and the section explaining it."""
    box = nodes.container(classes=["checklist-scored"])
    parts: tuple[tuple[str, str, Sequence[Group | Outcome]], ...] = (
        ("Scored in groups", "groups", checklist.groups),
        ("Points towards", "outcomes", checklist.outcomes),
    )
    for title, kind, records in parts:
        if not records:
            continue
        box += nodes.paragraph("", title, classes=["checklist-scored-title"])
        listing = nodes.definition_list(classes=[f"checklist-{kind}"])
        for index, record in enumerate(records):
            term = nodes.term()
            source = record.source if isinstance(record, Outcome) else None
            if source:  # the title itself leads to the section that explains it
                line = checklist.field_lines.get(f"{kind}[{index}].source", checklist.line)
                term += _label_reference(source, checklist, line, docname, text=record.title)
            else:
                term += nodes.Text(record.title)
            definition = nodes.definition()
            if record.description:
                definition += parsers.block(record.description, checklist.field_lines[f"{kind}[{index}].description"])
            listing += nodes.definition_list_item("", term, definition)
        box += listing
    return box


def columns_for(checklist: Checklist, section: Section) -> list[Column]:
    """The columns of a section table; the not-applicable column only where an item allows it."""
    prefix = f"checklist-{checklist.id}-{section.id}"
    if checklist.scale:
        levels = [Column(f"level-{lv.value}", f"{lv.value}. {lv.label}", f"{prefix}-level-{lv.value}") for lv in checklist.scale.levels]
        return [
            Column("item", "Item"),
            *levels,
            Column("unknown", checklist.scale.unknown.label, f"{prefix}-unknown"),
            Column("roles", "Who"),
            Column("source", "Source"),
        ]
    columns = [Column("done", "Done", f"{prefix}-done")]
    if any(item.allow_na for item in section.items):
        columns.append(Column("na", "Not applicable", f"{prefix}-na"))
    return [*columns, Column("item", "Item"), Column("roles", "Who"), Column("source", "Source")]


def _section_table(
    checklist: Checklist, section: Section, parsers: Parsers, docname: str, vocabulary: Vocabulary, advice_label: str
) -> checklist_nodes.checklist_table:
    columns = columns_for(checklist, section)
    table = checklist_nodes.checklist_table(
        attributes={"data-checklist-section": section.id, "data-checklist-stage": " ".join(checklist.stage_of(section))},
        ids=[section_anchor(checklist.id, section.id)],
        classes=["checklist-table"],
    )
    caption = checklist_nodes.checklist_caption()
    caption += nodes.inline(section.title, section.title, classes=["checklist-section-title"])
    if section.stage:
        when = "When: " + ", ".join(vocabulary.stage_label(st).lower() for st in section.stage)
        caption += nodes.inline(when, when, classes=["checklist-section-stage"])
    if section.pause_point:
        pause = f"Pause point: {section.pause_point}"
        # styled as the section's stage: both say when the section is done
        caption += nodes.inline(pause, pause, classes=["checklist-section-stage", "checklist-section-pause"])
    if section.description:
        description = parsers.inline(section.description, section.description_line)
        caption += _located(
            nodes.inline("", "", *description, classes=["checklist-section-description"]), checklist, section.description_line
        )
    table += caption
    head = checklist_nodes.checklist_head()
    for column in columns:
        head += checklist_nodes.checklist_header_cell(
            column.title, column.title, column=column.key, ids=[column.header_id] if column.header_id else []
        )
    table += head
    body = checklist_nodes.checklist_body()
    for item in section.items:
        body += _item_row(checklist, item, columns, parsers, docname, vocabulary, advice_label)
    table += body
    return table


def _item_row(
    checklist: Checklist, item: Item, columns: list[Column], parsers: Parsers, docname: str, vocabulary: Vocabulary, advice_label: str
) -> checklist_nodes.checklist_row:
    # Only the item's own fields: the checklist, section and stage are on the table and the root.
    row = checklist_nodes.checklist_row(item_id=item.id, attributes=row_attributes(item), ids=[item.anchor])
    text_id = f"{item.anchor}-text"
    for column in columns:
        cell = checklist_nodes.checklist_cell(column=column.key, label=column.title)
        # Each control is named by its label (the item text) or by the item and column headers; who acts and
        # the source sit in the same row, read with it, not repeated on every control. Only radios need a
        # name (it makes the item's ratings one group); the script knows a tick box by its row and value.
        if column.key == "done":
            cell += checklist_nodes.checklist_control(input_type="checkbox", control_id=f"{item.anchor}-done", value="done")
        elif column.key == "na":
            if item.allow_na:
                cell += checklist_nodes.checklist_control(
                    input_type="checkbox", control_id=f"{item.anchor}-na", value="na", labelledby=f"{column.header_id} {text_id}"
                )
        elif column.key.startswith("level-") or column.key == "unknown":
            value = column.key.removeprefix("level-") if column.key != "unknown" else "unknown"
            cell += checklist_nodes.checklist_control(
                input_type="radio",
                control_id=f"{item.anchor}-{column.key}",
                name=item.global_id,
                value=value,
                labelledby=f"{text_id} {column.header_id}",
            )
        elif column.key == "item":
            cell += _item_text_cell(checklist, item, text_id, parsers, advice_label)
        elif column.key == "roles":
            cell += nodes.inline("", ", ".join(vocabulary.role_label(r) for r in item.roles), classes=["checklist-roles"])
        elif column.key == "source":
            cell += _source_links(checklist, item, docname)
        row += cell
    return row


def _item_text_cell(checklist: Checklist, item: Item, text_id: str, parsers: Parsers, advice_label: str) -> list[nodes.Node]:
    # The text's id is written only where a control is named by it (ratings, not applicable, choices); a tick
    # box has its <label for>.
    named_by_text = bool(checklist.scale or item.allow_na or item.choices)
    label = _located(checklist_nodes.checklist_label("", "", ids=[text_id] if named_by_text else []), checklist, item.line_of("text"))
    if not checklist.scale:
        label["for_id"] = f"{item.anchor}-done"
    label += parsers.inline(item.text, item.line_of("text"))
    out: list[nodes.Node] = [label]
    if item.is_handbook_advice:
        # Visible text, not an icon or a title attribute: readers, screen readers and paper copies all get it.
        out.append(nodes.inline("", advice_label, classes=["checklist-basis", "checklist-basis-handbook"]))
    if item.choices:
        out.append(
            checklist_nodes.checklist_choices(
                name=f"{item.global_id}:choice",
                anchor=item.anchor,
                labelledby=text_id,
                options=[checklist_nodes.ChoiceOption(c.id, c.label, c.description or "") for c in item.choices],
            )
        )
    if item.applies_to:
        titles = {o.id: o.title for o in checklist.outcomes}
        out.append(nodes.paragraph("", "Key for: " + ", ".join(titles[o] for o in item.applies_to), classes=["checklist-applies-to"]))
    if item.guidance:
        guidance = nodes.container(classes=["checklist-guidance"])
        guidance += parsers.block(item.guidance, item.line_of("guidance"))
        out.append(guidance)
    if item.low_rating_guidance:
        low = nodes.container(classes=["checklist-low-guidance"])
        # What to do about a low rating is always the site's own advice, never a source's finding: say so.
        low += parsers.block(f"**If rated low** ({advice_label.lower()}): {item.low_rating_guidance}", item.line_of("low_rating_guidance"))
        out.append(low)
    out.append(checklist_nodes.checklist_write(lines=write_lines(checklist, item)))
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


def _label_reference(label: str, checklist: Checklist, line: int, docname: str, text: str | None = None) -> addnodes.pending_xref:
    """A cross-reference to a label of the site, located at its YAML line so problems point there; its words are
    the section's title, or ``text``."""
    ref = addnodes.pending_xref(
        "",
        nodes.inline(text or label, text or label),
        refdomain="std",
        reftype="ref",
        reftarget=label.lower(),
        refexplicit=text is not None,
        refwarn=True,
        refdoc=docname,
        checklist_ref=True,
    )
    ref.source, ref.line = str(checklist.path), line
    return ref


def _source_links(checklist: Checklist, item: Item, docname: str) -> list[nodes.Node]:
    para = nodes.paragraph(classes=["checklist-source"])
    if item.source:
        para += _label_reference(item.source, checklist, item.line, docname)
    if item.see_also:
        see = nodes.paragraph(classes=["checklist-see-also"])
        see += nodes.Text("See also: ")
        for i, label in enumerate(item.see_also):
            if i:
                see += nodes.Text("; ")
            see += _label_reference(label, checklist, item.line, docname)
        return [para, see]
    return [para]
