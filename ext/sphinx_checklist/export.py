"""Write ``checklists.json``: every checklist, its items and where each is rendered, for other tools.

The file is a public format with its own JSON Schema (``schema/checklists-export.schema.json``, shipped
with the package): it carries the declared public fields of the model (model.public) and the
addresses of the pages, never file lines or internal names. Raise ``FORMAT_VERSION`` when a field is
removed or changes meaning; adding a field keeps the version.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from .anchors import checklist_anchor
from .domain import checklist_domain
from .model import Checklist, public

EXPORT_NAME = "checklists.json"
FORMAT_VERSION = 2
EXPORT_SCHEMA_PATH = Path(__file__).parent / "schema" / "checklists-export.schema.json"

#: Where a checklist (item id None) or one of its items is rendered, as an address from the site root.
UrlOf = Callable[[str | None], str | None]


def checklist_record(checklist: Checklist, root: Path, url_of: UrlOf) -> dict[str, Any]:
    """One checklist as the export shows it."""
    record: dict[str, Any] = public(checklist)
    record["path"] = checklist.path.relative_to(root).as_posix() if checklist.path.is_relative_to(root) else checklist.path.name
    record["url"] = url_of(None)
    record["sections"] = []
    for section in checklist.sections:
        section_record = public(section)
        section_record["stage"] = list(checklist.stage_of(section))
        section_record["items"] = [
            {**public(item), "global_id": item.global_id, "plain_text": item.plain_text, "url": url_of(item.id)} for item in section.items
        ]
        record["sections"].append(section_record)
    return record


def export_document(records: list[dict[str, Any]]) -> dict[str, Any]:
    return {"$schema": EXPORT_SCHEMA_PATH.name, "format_version": FORMAT_VERSION, "checklists": records}


def checklists_document(app: Sphinx) -> dict[str, Any]:
    domain = checklist_domain(app.env)
    builder = app.builder

    def url_of(checklist: Checklist) -> UrlOf:
        anchors = {item.id: item.anchor for item in checklist.items}

        def url(item_id: str | None) -> str | None:
            page = domain.canonical_page(checklist.id, item_id)
            anchor = anchors[item_id] if item_id else checklist_anchor(checklist.id)
            return f"{builder.get_target_uri(page)}#{anchor}" if page else None

        return url

    checklists = sorted(domain.registry.checklists.values(), key=lambda c: c.id)
    return export_document([checklist_record(checklist, Path(app.confdir), url_of(checklist)) for checklist in checklists])


def write_export(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: HTML builders only, and only after a build that did not fail."""
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / EXPORT_NAME
    # Compact: the indenting encoder is pure Python, a second per 20,000 items on every build.
    target.write_text(json.dumps(checklists_document(app), separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
