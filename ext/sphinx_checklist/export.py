"""Write ``checklists.json``: every checklist, its items and where each is rendered, for other tools."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from .domain import ChecklistDomain
from .model import plain

EXPORT_NAME = "checklists.json"
FORMAT_VERSION = 1


def checklists_document(app) -> dict:
    domain: ChecklistDomain = app.env.get_domain("checklist")
    builder = app.builder
    root = Path(app.confdir)
    out = []
    for checklist in sorted(domain.registry.checklists.values(), key=lambda c: c.id):
        data = asdict(checklist)
        data.pop("description_line")
        data["path"] = checklist.path.relative_to(root).as_posix() if checklist.path.is_relative_to(root) else checklist.path.name
        page = domain.canonical_page(checklist.id)
        data["url"] = f"{builder.get_target_uri(page)}#checklist-{checklist.id}" if page else None
        for section in data["sections"]:
            section.pop("description_line")
            for item in section["items"]:
                item_page = domain.canonical_page(checklist.id, item["id"])
                item["global_id"] = f"{checklist.id}.{item['id']}"
                item["plain_text"] = plain(item["summary"] or item["text"])
                item["url"] = f"{builder.get_target_uri(item_page)}#checklist-{checklist.id}-{item['id']}" if item_page else None
                item.pop("checklist_id")
                item.pop("field_lines")
                item["roles"] = list(checklist.roles_of(next(i for i in checklist.items if i.id == item["id"])))
        out.append(data)
    return {"format_version": FORMAT_VERSION, "checklists": out}


def write_export(app, exception) -> None:
    """``build-finished``: HTML builders only, and only after a build that did not fail."""
    if exception is not None or app.builder.format != "html":
        return
    if app.env.get_domain("checklist").registry is None:
        return
    target = Path(app.outdir) / EXPORT_NAME
    target.write_text(json.dumps(checklists_document(app), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
