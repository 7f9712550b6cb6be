"""The ``checklist`` domain: which page renders which checklist items, and references to them."""

from __future__ import annotations

from collections.abc import Iterable

from docutils import nodes
from sphinx.domains import Domain, ObjType
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from .registry import Registry


class ItemRefRole(XRefRole):
    """``{checklist-item}`checklist-id.item-id``` from any page: a link to that item's row."""

    def __init__(self) -> None:
        super().__init__(innernodeclass=nodes.inline)

    def create_xref_node(self):
        self.refdomain, self.reftype = "checklist", "item"
        self.classes = ["xref", "checklist-item-ref"]
        return super().create_xref_node()


class ChecklistDomain(Domain):
    name = "checklist"
    label = "Checklists"
    object_types = {"item": ObjType("checklist item", "item"), "checklist": ObjType("checklist", "checklist")}
    roles = {"item": XRefRole(), "checklist": XRefRole()}
    initial_data = {
        # docname -> list of (checklist id, rendered in full?, item ids shown)
        "renders": {},
        # docname -> what its generated parts (backlinks, index) showed at the last build
        "dependent_snapshot": {},
        # docnames that hold a checklist-index
        "index_pages": {},
    }
    dangling_warnings = {}

    #: Set on builder-inited; forked parallel workers inherit it.
    registry: Registry | None = None

    @property
    def renders(self) -> dict[str, list[tuple[str, bool, tuple[str, ...]]]]:
        return self.data["renders"]

    def note_render(self, docname: str, checklist_id: str, full: bool, item_ids: Iterable[str]) -> None:
        self.renders.setdefault(docname, []).append((checklist_id, full, tuple(item_ids)))

    def note_index_page(self, docname: str) -> None:
        self.data["index_pages"][docname] = True

    def clear_doc(self, docname: str) -> None:
        self.renders.pop(docname, None)
        self.data["index_pages"].pop(docname, None)

    def merge_domaindata(self, docnames, otherdata: dict) -> None:
        for docname in docnames:
            for key in ("renders", "index_pages"):
                if docname in otherdata[key]:
                    self.data[key][docname] = otherdata[key][docname]

    def pages_rendering(self, checklist_id: str) -> list[tuple[bool, str]]:
        """(full?, docname) of every page rendering the checklist, canonical (full, then by name) first."""
        found = {
            (full, docname)
            for docname, entries in self.renders.items()
            for cid, full, _ in entries
            if cid == checklist_id
        }
        return sorted(found, key=lambda entry: (not entry[0], entry[1]))

    def canonical_page(self, checklist_id: str, item_id: str | None = None) -> str | None:
        """The page a link to the checklist (or one of its items) goes to: a full rendering first, then by name."""
        candidates = sorted(
            (not full, docname)
            for docname, entries in self.renders.items()
            for cid, full, item_ids in entries
            if cid == checklist_id and (item_id is None or item_id in item_ids)
        )
        return candidates[0][1] if candidates else None

    def resolve_xref(self, env, fromdocname, builder, typ, target, node, contnode):
        if typ == "checklist":
            docname = self.canonical_page(target)
            if docname is None or self.registry is None:
                return None
            title = self.registry.checklists[target].title
            text = contnode if node.get("refexplicit") else nodes.inline(title, title)
            return make_refnode(builder, fromdocname, docname, f"checklist-{target}", text, title)
        checklist_id, _, item_id = target.partition(".")
        docname = self.canonical_page(checklist_id, item_id)
        if docname is None or self.registry is None:
            return None
        item = next(i for i in self.registry.checklists[checklist_id].items if i.id == item_id)
        text = contnode if node.get("refexplicit") else nodes.inline(item.plain_text, item.plain_text)
        return make_refnode(builder, fromdocname, docname, item.anchor, text, item.plain_text)

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        typ = "item" if "." in target else "checklist"
        ref = self.resolve_xref(env, fromdocname, builder, typ, target, node, contnode)
        return [(f"checklist:{typ}", ref)] if ref else []

    def get_objects(self):
        if self.registry is None:
            return
        for checklist in self.registry.checklists.values():
            docname = self.canonical_page(checklist.id)
            if docname:
                yield checklist.id, checklist.title, "checklist", docname, f"checklist-{checklist.id}", 1
            for item in checklist.items:
                item_page = self.canonical_page(checklist.id, item.id)
                if item_page:
                    yield item.global_id, item.plain_text, "item", item_page, item.anchor, 1
