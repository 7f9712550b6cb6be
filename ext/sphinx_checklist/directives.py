"""The ``checklist`` and ``checklist-index`` directives."""

from __future__ import annotations

import dataclasses
import difflib
import re

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

from . import checklist_nodes
from .anchors import checklist_anchors
from .config import Vocabulary
from .domain import ChecklistDomain, checklist_domain
from .model import Checklist, Section
from .problems import Subtype, warn
from .render import Parsers, render_checklist
from .yaml_text import parse_at

_LIST_SEPARATOR = re.compile(r"[,\s]+")


def _split(value: str | None) -> list[str]:
    return [part for part in _LIST_SEPARATOR.split(value or "") if part]


def _check_roles(vocabulary: Vocabulary, roles: list[str], location: tuple[str, int]) -> None:
    """Warn about roles the project's ``checklist_roles`` does not name (any role is allowed when it names none)."""
    for role in roles:
        if vocabulary.roles and role not in vocabulary.roles:
            warn(
                Subtype.unknown_role,
                f"{role!r} is not one of the roles in checklist_roles; use one of: {', '.join(vocabulary.roles)}",
                location,
            )


class ChecklistDirective(SphinxDirective):
    """Render one checklist from ``checklists/<id>.yaml``; ``:sections:`` and ``:roles:`` select a part of it."""

    required_arguments = 1
    option_spec = {"sections": str, "roles": str}

    @property
    def domain(self) -> ChecklistDomain:
        return checklist_domain(self.env)

    def run(self) -> list[nodes.Node]:
        checklist_id = self.arguments[0]
        registry = self.domain.registry
        # Note the file before anything else, so editing it (or creating it) rebuilds this page.
        self.env.note_dependency(str(registry.path_for(checklist_id)))
        location = (self.env.docname, self.lineno)
        if checklist_id in registry.invalid:
            path = registry.invalid[checklist_id]
            return self._fail(
                Subtype.invalid,
                f"checklist {checklist_id!r} is not rendered because {path} has errors; fix the problems reported for that file",
                location,
            )
        checklist = registry.checklists.get(checklist_id)
        if checklist is None:
            close = difflib.get_close_matches(checklist_id, registry.checklists, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"create {registry.path_for(checklist_id)} or check the spelling"
            return self._fail(Subtype.unknown_checklist, f"no checklist has the id {checklist_id!r}; {hint}", location)
        sections = self._selected_sections(checklist, location)
        if not sections:
            return self._fail(
                Subtype.unknown_section, f"the options of checklist {checklist_id!r} select no item; widen :sections: or :roles:", location
            )
        full = sections == checklist.sections
        item_ids = [item.id for section in sections for item in section.items]
        earlier = [r.item_ids for r in self.domain.renders.get(self.env.docname, []) if r.checklist_id == checklist_id]
        already = {i for ids in earlier for i in ids}
        if already & set(item_ids):
            warn(
                Subtype.duplicate_render,
                f"items of checklist {checklist_id!r} are rendered twice on this page; "
                "their anchors would clash, so render each item once per page",
                location,
            )
        self.domain.note_render(self.env.docname, checklist_id, full, item_ids)
        path = checklist.path
        parsers = Parsers(
            inline=lambda text, line: parse_at(self._parse_inline, text, path, line),
            block=lambda text, line: parse_at(self._parse_block, text, path, line, block=True),
        )
        part = len(earlier) + 1
        root = render_checklist(checklist, sections, parsers, self.env.docname, full, registry.config, part)
        root["anchors"] = [a._replace(owner=f"{a.owner} of {path.name}:{a.line}") for a in checklist_anchors(checklist, sections, part)]
        return [root]

    def _selected_sections(self, checklist: Checklist, location: tuple[str, int]) -> list[Section]:
        wanted_sections = _split(self.options.get("sections"))
        known = {s.id for s in checklist.sections}
        for section_id in wanted_sections:
            if section_id not in known:
                warn(
                    Subtype.unknown_section,
                    f"checklist {checklist.id!r} has no section {section_id!r}; use one of: {', '.join(s.id for s in checklist.sections)}",
                    location,
                )
        wanted_roles = _split(self.options.get("roles"))
        _check_roles(self.domain.registry.config.vocabulary, wanted_roles, location)
        selected = []
        for section in checklist.sections:
            if wanted_sections and section.id not in wanted_sections:
                continue
            items = [i for i in section.items if not wanted_roles or set(i.roles) & set(wanted_roles)]
            if items == section.items:
                selected.append(section)
            elif items:
                selected.append(dataclasses.replace(section, items=items))
        return selected

    def _fail(self, subtype: Subtype, message: str, location: tuple[str, int]) -> list[nodes.Node]:
        """Warn, and show the problem on the page too, so a live preview makes it visible where it is."""
        warn(subtype, message, location)
        return [nodes.error("", nodes.paragraph("", f"Checklist not shown: {message}."))]

    def _parse_inline(self, text: str) -> list[nodes.Node]:
        parsed, messages = self.state.inline_text(text, self.lineno)
        return [*parsed, *messages]

    def _parse_block(self, text: str) -> list[nodes.Node]:
        holder = nodes.container()
        self.state.nested_parse(StringList(text.splitlines()), self.content_offset, holder)
        return holder.children


class ChecklistLifecycleDirective(SphinxDirective):
    """The lifecycle of a CoP or partnership, stage by stage, each with its checklists; generated at write time."""

    def run(self) -> list[nodes.Node]:
        checklist_domain(self.env).note_index_page(self.env.docname)
        return [checklist_nodes.checklist_lifecycle_placeholder()]


class ChecklistIndexDirective(SphinxDirective):
    """Every checklist, one table per stage of the lifecycle, generated at write time; ``:audience:`` keeps those for some roles."""

    option_spec = {"audience": str}

    def run(self) -> list[nodes.Node]:
        audience = _split(self.options.get("audience"))
        domain = checklist_domain(self.env)
        _check_roles(domain.registry.config.vocabulary, audience, (self.env.docname, self.lineno))
        domain.note_index_page(self.env.docname)
        return [checklist_nodes.checklist_index_placeholder(audience=audience)]
