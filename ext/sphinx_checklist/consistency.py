"""Whole-project checks once every page is read: unrendered checklists, labels that items cite."""

from __future__ import annotations

import difflib

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment

from .domain import checklist_domain
from .problems import Subtype, warn


def check_consistency(app: Sphinx, env: BuildEnvironment) -> None:
    domain = checklist_domain(env)
    labels = env.domains.standard_domain.labels
    rendered = domain.rendered_checklists()
    for checklist in domain.registry.checklists.values():
        for outcome in checklist.outcomes:
            if outcome.source and outcome.source.lower() not in labels:
                warn(
                    Subtype.unknown_ref,
                    f"outcome {outcome.id!r} cites the label {outcome.source!r}, which no page defines; "
                    f"add ({outcome.source})= on the line before the heading it means",
                    f"{checklist.path}:{checklist.line}",
                )
        if checklist.id not in rendered:
            warn(
                Subtype.unrendered,
                f"no page renders checklist {checklist.id!r}; add a {{checklist}} {checklist.id} block to the page "
                "it belongs to, or delete the file",
                f"{checklist.path}:{checklist.line}",
            )
        for item in checklist.items:
            for label in filter(None, (item.source, *item.see_also)):
                if label.lower() not in labels:
                    close = difflib.get_close_matches(label.lower(), labels, n=1)
                    hint = f"did you mean {close[0]!r}?" if close else f"add ({label})= on the line before the heading it means"
                    warn(
                        Subtype.unknown_ref,
                        f"item {item.id!r} cites the label {label!r}, which no page defines; {hint}",
                        f"{checklist.path}:{item.line}",
                    )


def keep_unknown_cited_label(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.TextElement
) -> nodes.TextElement | None:
    """``missing-reference``: a label cited by an item stays as plain text.

    ``check_consistency`` already reported it once, at its YAML line; Sphinx would report it again
    for every page that renders the item.
    """
    if node.get("checklist_ref"):
        return contnode
    return None


def report_missing_reference(app: Sphinx, domain: Domain | None, node: pending_xref) -> bool | None:
    """``warn-missing-reference``: our own wording for links to unknown checklist items, and, for a {ref} or
    {term} in checklist text, Sphinx's words with the "did you mean" that an item's ``source`` gets."""
    if domain is not None and domain.name == "std" and node.get("reftype") in ("ref", "term") and _in_checklist_file(node):
        _warn_unknown_ref_or_term(app.env, node)
        return True
    if domain is not None and domain.name == "checklist":
        target = node["reftarget"]
        warn(
            Subtype.unknown_ref,
            f"no page renders a checklist item or checklist {target!r}; "
            "write it as checklist-id.item-id, and check that the checklist is rendered on some page",
            node,
        )
        return True
    return None


def _in_checklist_file(node: pending_xref) -> bool:
    """Whether the reference comes from checklist text (yaml_text locates those nodes at their YAML file)."""
    return str(node.source or "").endswith((".yaml", ".yml"))


def _warn_unknown_ref_or_term(env: BuildEnvironment, node: pending_xref) -> None:
    target = str(node["reftarget"])
    std = env.domains.standard_domain
    if node["reftype"] == "ref":
        known, said = list(std.labels), f"undefined label: {target!r}"
        fallback = f"add ({target})= on the line before the heading it means, or link to an existing label"
    else:
        known, said = list(std._terms), f"term not in glossary: {target!r}"
        fallback = "add the term to the glossary, or write it as a glossary term is spelt"
    close = difflib.get_close_matches(target.lower(), known, n=1)
    hint = f"did you mean {close[0]!r}?" if close else fallback
    warn(Subtype.unknown_ref, f"{said}; {hint}", node)
