"""Parts of pages generated from every checklist at write time: section backlinks and the checklist index.

Both depend on other files than the page's own source, so ``dependent_pages`` tells Sphinx which pages
to write again when what they would show has changed.
"""

from __future__ import annotations

from collections import defaultdict

from docutils import nodes
from sphinx.util.nodes import make_refnode
from sphinx.util.osutil import relative_uri

from . import nodes as cn
from .domain import ChecklistDomain
from .model import Checklist, Item
from .render import STAGE_LABELS
from .schema import display_name, vocabulary

#: Paper sizes of the blank PDFs that ``make pdf`` prints, by the short name in their file names.
PDF_PAPERS = {"a4": "A4", "letter": "US Letter"}


def pdf_name(checklist_id: str, paper: str) -> str:
    """File name of a checklist's blank PDF, in the folder ``checklist_pdf_dir``."""
    return f"{checklist_id}-{paper}.pdf"


def _pdf_links(app, docname: str, checklist_id: str) -> list[nodes.Node]:
    """"A4 · US Letter" links to the checklist's blank PDFs, or nothing when the build prints none."""
    folder = app.config.checklist_pdf_dir
    if not folder or app.builder.format != "html":
        return []
    out: list[nodes.Node] = []
    for paper, label in PDF_PAPERS.items():
        if out:
            out.append(nodes.Text(" · "))
        uri = relative_uri(app.builder.get_target_uri(docname), f"{folder}/{pdf_name(checklist_id, paper)}")
        out.append(nodes.reference("", label, refuri=uri))
    return out


def _rendered_items(domain: ChecklistDomain) -> list[tuple[Checklist, Item, str]]:
    """(checklist, item, page) of every item that some page renders."""
    out = []
    for checklist in domain.registry.checklists.values():
        for item in checklist.items:
            page = domain.canonical_page(checklist.id, item.id)
            if page:
                out.append((checklist, item, page))
    return out


def backlinks_by_page(env) -> dict[str, dict[str, list[tuple[Checklist, Item, str]]]]:
    """page -> section id -> the items whose ``source`` is a label of that section."""
    domain: ChecklistDomain = env.get_domain("checklist")
    labels = env.get_domain("std").labels
    result: dict = defaultdict(lambda: defaultdict(list))
    for checklist, item, page in _rendered_items(domain):
        if item.source and item.source.lower() in labels:
            docname, section_id, _ = labels[item.source.lower()]
            if section_id:
                result[docname][section_id].append((checklist, item, page))
    return result


def index_rows(domain: ChecklistDomain) -> list[tuple]:
    rows = []
    for checklist in sorted(domain.registry.checklists.values(), key=lambda c: c.title.lower()):
        rows.append((checklist.id, checklist.title, checklist.kind, checklist.audience, checklist.stage,
                     len(checklist.items), domain.canonical_page(checklist.id)))
    return rows


def dependent_pages(app, env) -> list[str]:
    """``env-get-updated``: pages whose backlinks or index would change, compared with the last build."""
    domain: ChecklistDomain = env.get_domain("checklist")
    if domain.registry is None:
        return []
    snapshot: dict[str, object] = {}
    for docname, sections in backlinks_by_page(env).items():
        snapshot[docname] = sorted(
            (section_id, item.global_id, item.plain_text, checklist.title, page)
            for section_id, entries in sections.items()
            for checklist, item, page in entries
        )
    rows = index_rows(domain)
    for docname in domain.data["index_pages"]:
        snapshot[docname] = [snapshot.get(docname), rows]
    previous = domain.data["dependent_snapshot"]
    changed = sorted(d for d in set(snapshot) | set(previous) if snapshot.get(d) != previous.get(d) and d in env.all_docs)
    domain.data["dependent_snapshot"] = snapshot
    return changed


def add_generated_parts(app, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: fill checklist indexes, and list under each cited section the items drawing on it."""
    env = app.env
    domain: ChecklistDomain = env.get_domain("checklist")
    if domain.registry is None:
        return
    for placeholder in list(doctree.findall(cn.checklist_index_placeholder)):
        placeholder.replace_self(_index_tables(app, domain, docname, placeholder.get("audience", [])))
    for placeholder in list(doctree.findall(cn.checklist_lifecycle_placeholder)):
        placeholder.replace_self(_lifecycle(app, domain, docname))
    for root in list(doctree.findall(cn.checklist)):
        links = _pdf_links(app, docname, root["checklist_id"]) if root["full"] else []
        if links:  # beside the checklist, not inside it: the printed copy does not need its own download link
            para = nodes.paragraph("", "Download the blank checklist as a PDF: ", *links, classes=["checklist-pdf-links"])
            root.parent.insert(root.parent.index(root) + 1, para)
    sections = backlinks_by_page(env).get(docname, {})
    if not sections:
        return
    for section in doctree.findall(nodes.section):
        entries = next((sections[i] for i in section["ids"] if i in sections), None)
        if entries:
            _insert_before_subsections(section, _backlinks(app, docname, entries))


def _backlinks(app, docname: str, entries) -> nodes.container:
    box = nodes.container(classes=["checklist-backlinks"])
    box += nodes.paragraph("", "Checklist items that draw on this section:", classes=["checklist-backlinks-title"])
    items = nodes.bullet_list()
    for checklist, item, page in entries:
        text = nodes.inline("", item.plain_text)
        ref = make_refnode(app.builder, docname, page, item.anchor, text, f"{checklist.title}: {item.plain_text}")
        items += nodes.list_item("", nodes.paragraph("", "", ref, nodes.Text(f" ({checklist.title})")))
    box += items
    return box


def _insert_before_subsections(section: nodes.section, new: nodes.Node) -> None:
    for index, child in enumerate(section.children):
        if isinstance(child, nodes.section):
            section.insert(index, new)
            return
    section += new


def _stage_label(stage: str) -> str:
    return STAGE_LABELS.get(stage, display_name(stage))


def _lifecycle(app, domain: ChecklistDomain, docname: str) -> nodes.enumerated_list:
    """Stage after stage, the checklists that apply then (a checklist appears at each of its stages)."""
    stages = nodes.enumerated_list(classes=["checklist-lifecycle"])
    rows = index_rows(domain)
    for stage in vocabulary("stage"):
        here = [row for row in rows if stage in row[4]]
        if not here:
            continue
        links = nodes.bullet_list()
        for checklist_id, title, _kind, _roles, _stage, _count, page in here:
            text = nodes.inline("", title)
            ref = make_refnode(app.builder, docname, page, f"checklist-{checklist_id}", text, title) if page else text
            links += nodes.list_item("", nodes.paragraph("", "", ref))
        stages += nodes.list_item("", nodes.paragraph("", "", nodes.strong("", _stage_label(stage))), links)
    return stages


def _index_tables(app, domain: ChecklistDomain, docname: str, audience: list[str]) -> list[nodes.table]:
    """One table per stage of the lifecycle, in its order; each checklist under the first stage it applies to."""
    order = {stage: index for index, stage in enumerate(vocabulary("stage"))}
    groups: dict[str, list[tuple]] = {}
    for row in index_rows(domain):
        if audience and not set(audience) & set(row[3]):
            continue
        first = min(row[4], key=lambda stage: order.get(stage, len(order))) if row[4] else ""
        groups.setdefault(first, []).append(row)
    suffix = "".join(f"-{role}" for role in audience)
    tables = []
    for stage in sorted(groups, key=lambda stage: order.get(stage, len(order))):
        title = _stage_label(stage) if stage else "At any time"
        if audience:
            title += f" (for {', '.join(display_name(r).lower() for r in audience)})"
        tables.append(_index_table(app, docname, groups[stage], title, f"checklist-index{suffix}-{stage or 'any'}"))
    return tables


def _index_table(app, docname: str, rows: list[tuple], title: str, table_id: str) -> nodes.table:
    with_pdfs = bool(app.config.checklist_pdf_dir) and app.builder.format == "html"
    headers = ["Checklist", "Kind", "For", "Stage", "Items"] + (["Blank PDF"] if with_pdfs else [])
    table = nodes.table(classes=["checklist-index"], ids=[table_id])
    table += nodes.title("", title)
    group = nodes.tgroup(cols=len(headers))
    table += group
    for width in (40, 12, 28, 12, 8, 14)[: len(headers)]:
        group += nodes.colspec(colwidth=width)
    head_row = nodes.row("", *[nodes.entry("", nodes.paragraph("", h)) for h in headers])
    group += nodes.thead("", head_row)
    body = nodes.tbody()
    for checklist_id, title_text, kind, roles, stage, count, page in rows:
        title_node = nodes.inline("", title_text)
        if page:
            title_node = make_refnode(app.builder, docname, page, f"checklist-{checklist_id}", title_node, title_text)
        cells = [
            nodes.paragraph("", "", title_node),
            nodes.paragraph("", display_name(kind)),
            nodes.paragraph("", ", ".join(display_name(r) for r in roles)),
            nodes.paragraph("", ", ".join(stage) or "any"),
            nodes.paragraph("", str(count)),
        ]
        if with_pdfs:
            cells.append(nodes.paragraph("", "", *_pdf_links(app, docname, checklist_id)))
        body += nodes.row("", *[nodes.entry("", cell) for cell in cells])
    group += body
    return table
