"""The ``checklist`` domain: which page renders which checklist items, and references to them.

Pages record what they render while they are read. Where a link to a checklist or an item goes (its
canonical page) is worked out once per build from those records, not once per link or per page. The same
canonical pages give Sphinx's search index (``get_objects``) its checklist and item entries.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Set
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple, cast

from docutils import nodes
from docutils.nodes import Element
from docutils.utils import normalize_language_tag
from docutils.utils.smartquotes import smartchars, smartyPants
from sphinx.addnodes import pending_xref
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from .anchors import checklist_anchor
from .registry import Registry

if TYPE_CHECKING:
    from .resolve import Backlinks


class Render(NamedTuple):
    """One rendering of a checklist on a page."""

    #: id of the checklist
    checklist_id: str
    #: whether every item is shown (a canonical target) or only a selection
    full: bool
    #: ids of the items shown
    item_ids: tuple[str, ...]


class ItemRefRole(XRefRole):
    """``{checklist-item}`checklist-id.item-id``` from any page: a link to that item's row."""

    def __init__(self) -> None:
        super().__init__(innernodeclass=nodes.inline)

    def create_xref_node(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        self.refdomain, self.reftype = "checklist", "item"
        self.classes = ["xref", "checklist-item-ref"]
        return super().create_xref_node()


#: The object type of a whole checklist. Not "checklist": Sphinx's search index writes an anchor that is
#: ``<type>-<name>`` as "-", and its search page rebuilds it from the display name (the title), so the anchor
#: ``checklist-<id>`` would become ``checklist-<title>``, which no page has.
CHECKLIST_TYPE = "list"
#: What smartyPants changes: quotes, backticks, dashes written as "--", ellipses written as "...".
_SMARTENED = re.compile(r"['\"`]|--|\.\.\.")


class ChecklistDomain(Domain):
    name = "checklist"
    label = "Checklists"
    object_types = {"item": ObjType("checklist item", "item"), CHECKLIST_TYPE: ObjType("checklist", "checklist")}
    initial_data: ClassVar[dict[str, Any]] = {
        # docname -> the renderings on that page
        "renders": {},
        # docname -> what its generated parts (backlinks, index) showed at the last build
        "dependent_snapshot": {},
        # docnames that hold a checklist-index
        "index_pages": {},
    }
    dangling_warnings: ClassVar[dict[str, str]] = {}

    #: Set on builder-inited, before any page is read; forked parallel workers inherit it.
    registry: Registry = Registry(directory=Path())
    #: (checklist id, item id or None) -> canonical page, built on first use after the renderings changed.
    _canonical: dict[tuple[str, str | None], str] | None = None
    #: This build's section backlinks, page by page (resolve.dependent_pages keeps them once all pages are read).
    backlinks: Backlinks | None = None

    @property
    def renders(self) -> dict[str, list[Render]]:
        renders: dict[str, list[Render]] = self.data["renders"]
        return renders

    def note_render(self, docname: str, checklist_id: str, full: bool, item_ids: Iterable[str]) -> None:
        self.renders.setdefault(docname, []).append(Render(checklist_id, full, tuple(item_ids)))
        self._canonical = None

    def note_index_page(self, docname: str) -> None:
        self.data["index_pages"][docname] = True

    def clear_doc(self, docname: str) -> None:
        self.renders.pop(docname, None)
        self.data["index_pages"].pop(docname, None)
        self._canonical = None

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            for key in ("renders", "index_pages"):
                if docname in otherdata[key]:
                    self.data[key][docname] = otherdata[key][docname]
        self._canonical = None

    def rendered_checklists(self) -> set[str]:
        return {render.checklist_id for entries in self.renders.values() for render in entries}

    def canonical_page(self, checklist_id: str, item_id: str | None = None) -> str | None:
        """The page a link to the checklist (or one of its items) goes to: a full rendering first, then by name."""
        if self._canonical is None:
            self._canonical = self._canonical_pages()
        return self._canonical.get((checklist_id, item_id))

    def _canonical_pages(self) -> dict[tuple[str, str | None], str]:
        found: dict[tuple[str, str | None], tuple[bool, str]] = {}
        for docname, entries in self.renders.items():
            for render in entries:
                rank = (not render.full, docname)
                for key in ((render.checklist_id, None), *((render.checklist_id, i) for i in render.item_ids)):
                    if key not in found or rank < found[key]:
                        found[key] = rank
        return {key: rank[1] for key, rank in found.items()}

    def resolve_xref(
        self, env: BuildEnvironment, fromdocname: str, builder: Builder, typ: str, target: str, node: pending_xref, contnode: Element
    ) -> nodes.reference | None:
        if typ == "checklist":
            docname = self.canonical_page(target)
            if docname is None:
                return None
            title = self.registry.checklists[target].title
            text = contnode if node.get("refexplicit") else nodes.inline(title, title)
            return make_refnode(builder, fromdocname, docname, checklist_anchor(target), text, title)
        checklist_id, _, item_id = target.partition(".")
        docname = self.canonical_page(checklist_id, item_id)
        if docname is None:
            return None
        item = next(i for i in self.registry.checklists[checklist_id].items if i.id == item_id)
        text = contnode if node.get("refexplicit") else nodes.inline(item.plain_text, item.plain_text)
        return make_refnode(builder, fromdocname, docname, item.anchor, text, item.plain_text)

    def resolve_any_xref(
        self, env: BuildEnvironment, fromdocname: str, builder: Builder, target: str, node: pending_xref, contnode: Element
    ) -> list[tuple[str, nodes.reference]]:
        typ = "item" if "." in target else "checklist"
        ref = self.resolve_xref(env, fromdocname, builder, typ, target, node, contnode)
        return [(f"checklist:{typ}", ref)] if ref else []

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        written = self._typography()
        for checklist in self.registry.checklists.values():
            docname = self.canonical_page(checklist.id)
            if docname:
                yield checklist.id, written(checklist.title), CHECKLIST_TYPE, docname, checklist_anchor(checklist.id), 1
            for item in checklist.items:
                item_page = self.canonical_page(checklist.id, item.id)
                if item_page:
                    yield item.global_id, written(item.plain_text), "item", item_page, item.anchor, 1

    def _typography(self) -> Callable[[str], str]:
        """What gives a display name the quotes, dashes and ellipses Sphinx's smart quotes give the text of pages.

        Sphinx 9 escapes display names for its search index and its search page escapes them again, so a straight
        ``'`` or ``"`` would show as ``&#x27;`` or ``&quot;`` in a result's title; typographic quotes pass unchanged.
        (``&``, ``<`` and ``>`` still show as entities: titles and summaries are better without them.)
        """
        config = self.env.config
        language = self.env.settings.get("language_code") or config.language or "en"
        supported = [tag for tag in normalize_language_tag(language) if tag in smartchars.quotes]
        if not config.smartquotes or config.language in config.smartquotes_excludes.get("languages", []) or not supported:
            return str

        def written(text: str) -> str:
            if not _SMARTENED.search(text):  # most names; smartyPants costs about 30 µs a name
                return text
            # smartyPants reads a backslash as an escape, and plain text has none: each one stays as written
            return smartyPants(text.replace("\\", "\\\\"), config.smartquotes_action, supported[0])

        return written


def checklist_domain(env: BuildEnvironment) -> ChecklistDomain:
    """The environment's ``checklist`` domain, as its own class (Sphinx's ``get_domain`` says only Domain)."""
    return cast(ChecklistDomain, env.get_domain(ChecklistDomain.name))
