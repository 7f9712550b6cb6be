"""Parts of pages made from every checklist once all pages are read: section backlinks, the checklist index,
the lifecycle and the links to blank PDFs.

They depend on other files than the page's own source, so ``dependent_pages`` tells Sphinx which pages
to write again when what they would show has changed. What every page needs (the backlinks of all
pages, the index rows) is worked out once per build and looked up per page.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from typing import NamedTuple

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.nodes import make_refnode
from sphinx.util.osutil import relative_uri

from . import checklist_nodes
from .anchors import checklist_anchor
from .config import Vocabulary, display_name
from .domain import ChecklistDomain, checklist_domain
from .model import Checklist, Item
from .printing import PAPER_LABELS, pdf_name


class Backlink(NamedTuple):
    """An item whose ``source`` is a label of some section, and where the item is rendered."""

    checklist: Checklist
    item: Item
    #: the page that renders the item
    page: str


class IndexRow(NamedTuple):
    """One checklist as the index and the lifecycle list it."""

    checklist: Checklist
    #: the page that renders it in full, if any
    page: str | None


#: page -> section id -> its backlinks
Backlinks = dict[str, dict[str, list[Backlink]]]


def _pdf_links(app: Sphinx, docname: str, checklist_id: str) -> list[nodes.Node]:
    """ "A4 · US Letter" links to the checklist's blank PDFs, or nothing when the build prints none."""
    folder = app.config.checklist_pdf_dir
    if not folder or app.builder.format != "html":
        return []
    out: list[nodes.Node] = []
    for paper, label in PAPER_LABELS.items():
        if out:
            out.append(nodes.Text(" · "))
        uri = relative_uri(app.builder.get_target_uri(docname), f"{folder}/{pdf_name(checklist_id, paper)}")
        out.append(nodes.reference("", label, refuri=uri))
    return out


def backlinks_by_page(env: BuildEnvironment) -> Backlinks:
    """page -> section id -> the items whose ``source`` is a label of that section."""
    domain = checklist_domain(env)
    labels = env.domains.standard_domain.labels
    result: Backlinks = defaultdict(lambda: defaultdict(list))
    for checklist in domain.registry.checklists.values():
        for item in checklist.items:
            if not item.source or item.source.lower() not in labels:
                continue
            page = domain.canonical_page(checklist.id, item.id)
            docname, section_id, _ = labels[item.source.lower()]
            if page and section_id:
                result[docname][section_id].append(Backlink(checklist, item, page))
    return result


def index_rows(domain: ChecklistDomain) -> list[IndexRow]:
    checklists = sorted(domain.registry.checklists.values(), key=lambda c: c.title.lower())
    return [IndexRow(checklist, domain.canonical_page(checklist.id)) for checklist in checklists]


def _digest(value: object) -> str:
    return hashlib.sha256(repr(value).encode("utf-8")).hexdigest()


def dependent_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: pages whose backlinks or index would change, compared with the last build.

    Also keeps this build's backlinks on the domain, so writing a page looks its own up.
    """
    domain = checklist_domain(env)
    backlinks = backlinks_by_page(env)
    domain.backlinks = backlinks
    # A digest of what each page shows, not the parts themselves: the environment pickled after every
    # change stays small however many items the project has.
    snapshot: dict[str, str] = {}
    for docname, sections in backlinks.items():
        snapshot[docname] = _digest(
            sorted(
                (section_id, link.item.global_id, link.item.plain_text, link.checklist.title, link.page)
                for section_id, links in sections.items()
                for link in links
            )
        )
    rows = [
        (
            row.checklist.id,
            row.checklist.title,
            row.checklist.kind,
            row.checklist.audience,
            row.checklist.stage,
            len(row.checklist.items),
            row.page,
        )
        for row in index_rows(domain)
    ]
    index_digest = _digest(rows)
    for docname in domain.data["index_pages"]:
        snapshot[docname] = _digest([snapshot.get(docname), index_digest])
    previous = domain.data["dependent_snapshot"]
    changed = sorted(d for d in set(snapshot) | set(previous) if snapshot.get(d) != previous.get(d) and d in env.all_docs)
    domain.data["dependent_snapshot"] = snapshot
    return changed


def add_generated_parts(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: fill checklist indexes, and list under each cited section the items drawing on it."""
    domain = checklist_domain(app.env)
    vocabulary = domain.registry.config.vocabulary
    for index in list(doctree.findall(checklist_nodes.checklist_index_placeholder)):
        index.replace_self(_index_tables(app, domain, docname, index.get("audience", []), vocabulary))
    for lifecycle in list(doctree.findall(checklist_nodes.checklist_lifecycle_placeholder)):
        lifecycle.replace_self(_lifecycle(app, domain, docname, vocabulary))
    for root in list(doctree.findall(checklist_nodes.checklist)):
        pdf_links = _pdf_links(app, docname, root["checklist_id"]) if root["full"] else []
        if pdf_links:  # beside the checklist, not inside it: the printed copy does not need its own download link
            para = nodes.paragraph("", "Download the blank checklist as a PDF: ", *pdf_links, classes=["checklist-pdf-links"])
            root.parent.insert(root.parent.index(root) + 1, para)
    backlinks = domain.backlinks if domain.backlinks is not None else backlinks_by_page(app.env)
    sections = backlinks.get(docname, {})
    if not sections:
        return
    for section in doctree.findall(nodes.section):
        links = next((sections[i] for i in section["ids"] if i in sections), None)
        if links:
            _insert_before_subsections(section, _backlinks(app, docname, links))


def _backlinks(app: Sphinx, docname: str, links: list[Backlink]) -> nodes.container:
    box = nodes.container(classes=["checklist-backlinks"])
    box += nodes.paragraph("", "Checklist items that draw on this section:", classes=["checklist-backlinks-title"])
    items = nodes.bullet_list()
    uris: dict[str, str] = {}  # one relative address per target page, however many items it holds
    for checklist, item, page in links:
        # as make_refnode makes them, without asking the builder for the same address once per item
        ref = nodes.reference("", "", nodes.inline("", item.plain_text), internal=True, reftitle=f"{checklist.title}: {item.plain_text}")
        if page == docname:
            ref["refid"] = item.anchor
        else:
            uris.setdefault(page, app.builder.get_relative_uri(docname, page))
            ref["refuri"] = f"{uris[page]}#{item.anchor}"
        items += nodes.list_item("", nodes.paragraph("", "", ref, nodes.Text(f" ({checklist.title})")))
    box += items
    return box


def _insert_before_subsections(section: nodes.section, new: nodes.Node) -> None:
    for index, child in enumerate(section.children):
        if isinstance(child, nodes.section):
            section.insert(index, new)
            return
    section += new


def _stages_in_order(rows: list[IndexRow], vocabulary: Vocabulary) -> list[str]:
    """Every stage a checklist names, in the lifecycle order of ``checklist_stages``, then as first met."""
    seen = dict.fromkeys(stage for row in rows for stage in row.checklist.stage)
    return sorted(seen, key=vocabulary.stage_order)


def _title_link(app: Sphinx, docname: str, row: IndexRow) -> nodes.Node:
    title = row.checklist.title
    text = nodes.inline("", title)
    if row.page is None:
        return text
    return make_refnode(app.builder, docname, row.page, checklist_anchor(row.checklist.id), text, title)


def _lifecycle(app: Sphinx, domain: ChecklistDomain, docname: str, vocabulary: Vocabulary) -> nodes.enumerated_list:
    """Stage after stage, the checklists that apply then (a checklist appears at each of its stages)."""
    stages = nodes.enumerated_list(classes=["checklist-lifecycle"])
    rows = index_rows(domain)
    for stage in _stages_in_order(rows, vocabulary):
        links = nodes.bullet_list()
        for row in rows:
            if stage in row.checklist.stage:
                links += nodes.list_item("", nodes.paragraph("", "", _title_link(app, docname, row)))
        stages += nodes.list_item("", nodes.paragraph("", "", nodes.strong("", vocabulary.stage_label(stage))), links)
    return stages


def _index_tables(app: Sphinx, domain: ChecklistDomain, docname: str, audience: list[str], vocabulary: Vocabulary) -> list[nodes.table]:
    """One table per stage of the lifecycle, in its order; each checklist under the first stage it applies to."""
    groups: dict[str, list[IndexRow]] = {}
    for row in index_rows(domain):
        if audience and not set(audience) & set(row.checklist.audience):
            continue
        first = min(row.checklist.stage, key=vocabulary.stage_order) if row.checklist.stage else ""
        groups.setdefault(first, []).append(row)
    suffix = "".join(f"-{role}" for role in audience)
    tables = []
    for stage in sorted(groups, key=lambda stage: (stage == "", vocabulary.stage_order(stage))):
        title = vocabulary.stage_label(stage) if stage else "At any time"
        if audience:
            title += f" (for {', '.join(vocabulary.role_label(r).lower() for r in audience)})"
        tables.append(_index_table(app, docname, groups[stage], title, f"checklist-index{suffix}-{stage or 'any'}", vocabulary))
    return tables


def _index_table(app: Sphinx, docname: str, rows: list[IndexRow], title: str, table_id: str, vocabulary: Vocabulary) -> nodes.table:
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
    for row in rows:
        checklist = row.checklist
        cells = [
            nodes.paragraph("", "", _title_link(app, docname, row)),
            nodes.paragraph("", display_name(checklist.kind)),
            nodes.paragraph("", ", ".join(vocabulary.role_label(r) for r in checklist.audience)),
            nodes.paragraph("", ", ".join(vocabulary.stage_label(s) for s in checklist.stage) or "At any time"),
            nodes.paragraph("", str(len(checklist.items))),
        ]
        if with_pdfs:
            cells.append(nodes.paragraph("", "", *_pdf_links(app, docname, checklist.id)))
        body += nodes.row("", *[nodes.entry("", cell) for cell in cells])
    group += body
    return table
