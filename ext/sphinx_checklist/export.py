"""Write ``checklists.json``: every checklist, its items and where each is rendered, for other tools."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from .anchors import checklist_anchor
from .domain import ChecklistDomain
from .model import Checklist, plain

EXPORT_NAME = "checklists.json"
FORMAT_VERSION = 1


def checklist_record(checklist: Checklist, root: Path, url_of: Callable[[str | None], str | None]) -> dict:
    """One checklist as the export shows it; ``url_of(item_id or None)`` gives where it is rendered, if anywhere."""
    data = asdict(checklist)
    data.pop("description_line")
    data["path"] = checklist.path.relative_to(root).as_posix() if checklist.path.is_relative_to(root) else checklist.path.name
    data["url"] = url_of(None)
    roles = {item.id: list(checklist.roles_of(item)) for item in checklist.items}
    for section in data["sections"]:
        section.pop("description_line")
        for item in section["items"]:
            item["global_id"] = f"{checklist.id}.{item['id']}"
            item["plain_text"] = plain(item["summary"] or item["text"])
            item["url"] = url_of(item["id"])
            item.pop("checklist_id")
            item.pop("field_lines")
            item["roles"] = roles[item["id"]]
    return data


def checklists_document(app) -> dict:
    domain: ChecklistDomain = app.env.get_domain("checklist")
    builder = app.builder

    def url_of(checklist: Checklist) -> Callable[[str | None], str | None]:
        def url(item_id: str | None) -> str | None:
            page = domain.canonical_page(checklist.id, item_id)
            anchor = anchors[item_id] if item_id else checklist_anchor(checklist.id)
            return f"{builder.get_target_uri(page)}#{anchor}" if page else None

        anchors = {item.id: item.anchor for item in checklist.items}
        return url

    out = [checklist_record(checklist, Path(app.confdir), url_of(checklist))
           for checklist in sorted(domain.registry.checklists.values(), key=lambda c: c.id)]
    return {"format_version": FORMAT_VERSION, "checklists": out}


def write_export(app, exception) -> None:
    """``build-finished``: HTML builders only, and only after a build that did not fail."""
    if exception is not None or app.builder.format != "html":
        return
    if app.env.get_domain("checklist").registry is None:
        return
    target = Path(app.outdir) / EXPORT_NAME
    target.write_text(json.dumps(checklists_document(app), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
