"""The JSON Schema of ``checklists.json``, made from the model's declarations and the checklist schema.

Each record of the export carries the public fields the model declares (model.public), with the type
the checklist schema gives the same key; a field whose default is None may be null, nested records
become references, and the export adds a few fields of its own (addresses, global ids). So a new
field reaches the export's schema with no edit here: ``python -m sphinx_checklist schema --export``
writes the shipped file again, and a test checks that the shipped file is current.
"""

from __future__ import annotations

import dataclasses
import json
import typing
from typing import Any

from .export import EXPORT_SCHEMA_PATH, FORMAT_VERSION
from .model import Checklist, Choice, Group, Item, Level, Outcome, Scale, Section, Source, Unknown, public_fields
from .validate import inline_refs, load_schema

#: Where each record's keys are described in the checklist schema: a definition, or a path in it.
INPUT_SCHEMA_PATHS: dict[type, tuple[str, ...]] = {
    Checklist: (),
    Section: ("$defs", "section"),
    Item: ("$defs", "item"),
    Source: ("$defs", "source"),
    Level: ("$defs", "level"),
    Scale: ("$defs", "scale"),
    Unknown: ("$defs", "scale", "properties", "unknown"),
    Group: ("$defs", "group"),
    Outcome: ("$defs", "outcome"),
    Choice: ("$defs", "choice"),
}

URL = {
    "type": ["string", "null"],
    "description": "Address from the site root, with the anchor, of the full rendering; null when no page renders it.",
}

#: What the export adds to a record beyond its declared fields.
EXTRA_FIELDS: dict[type, dict[str, Any]] = {
    Checklist: {
        "path": {"type": "string", "description": "The YAML file, relative to the project's configuration folder."},
        "url": URL,
        "sections": {"type": "array", "items": {"$ref": "#/$defs/section"}},
    },
    Section: {"items": {"type": "array", "items": {"$ref": "#/$defs/item"}}},
    Item: {
        "global_id": {"type": "string", "description": "checklist-id.item-id: the key of saved answers."},
        "plain_text": {"type": "string", "description": "The summary, or else the text, without markup."},
        "url": URL,
    },
}

#: Descriptions the export gives where its value differs from what the file holds.
EXPORT_DESCRIPTIONS = {
    (Item, "roles"): "Who acts on the item: its own roles, or else the checklist's audience.",
    (Section, "stage"): "The section's stages, or else the checklist's.",
}


def _definition_name(cls: type) -> str:
    return "checklist" if cls is Checklist else cls.__name__.lower()


def _record_class(annotation: Any) -> type | None:
    return annotation if isinstance(annotation, type) and dataclasses.is_dataclass(annotation) else None


def _field_schema(owner: type, name: str, annotation: Any, input_property: dict[str, Any]) -> dict[str, Any]:
    """The schema of one exported field: a reference for records, else the input schema's, nullable where None is the default."""
    args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
    nullable = type(None) in typing.get_args(annotation)
    record = _record_class(annotation) or next((r for r in map(_record_class, args) if r), None)
    if record is not None and typing.get_origin(annotation) is tuple:
        schema: dict[str, Any] = {"type": "array", "items": {"$ref": f"#/$defs/{_definition_name(record)}"}}
    elif record is not None:
        schema = {"$ref": f"#/$defs/{_definition_name(record)}"}
    else:
        schema = dict(input_property)
        if typing.get_origin(annotation) is tuple:  # written even when empty
            schema.pop("minItems", None)
        if typing.get_origin(annotation) is dict:
            schema.pop("minProperties", None)
    description = EXPORT_DESCRIPTIONS.get((owner, name))
    if description:
        schema["description"] = description
    return {"anyOf": [schema, {"type": "null"}]} if nullable else schema


def record_schema(cls: type, input_schema: dict[str, Any]) -> dict[str, Any]:
    node: dict[str, Any] = input_schema
    for step in INPUT_SCHEMA_PATHS[cls]:
        node = node[step]
    input_properties: dict[str, Any] = node["properties"]
    hints = typing.get_type_hints(cls)
    properties = {name: _field_schema(cls, name, hints[name], input_properties[name]) for name in public_fields(cls)}
    properties |= EXTRA_FIELDS.get(cls, {})
    out: dict[str, Any] = {"type": "object", "additionalProperties": False, "required": list(properties), "properties": properties}
    if node.get("description"):
        out["description"] = node["description"]
    return out


def export_schema() -> dict[str, Any]:
    """The schema of checklists.json, as shipped in ``schema/checklists-export.schema.json``."""
    input_schema = inline_refs(load_schema(), load_schema()["$defs"])
    definitions = {_definition_name(cls): record_schema(cls, input_schema) for cls in INPUT_SCHEMA_PATHS}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://sphinx-checklist.invalid/schema/checklists-export.schema.json",
        "title": "checklists.json",
        "description": "Every checklist of a site built with the sphinx_checklist extension, its items and the address "
        "where each is rendered, written at the root of the HTML build. format_version rises when a field is removed "
        "or changes meaning; a new field keeps it. Made from the extension's model by python -m sphinx_checklist "
        "schema --export.",
        "type": "object",
        "additionalProperties": False,
        "required": ["format_version", "checklists"],
        "properties": {
            "$schema": {"type": "string", "description": "The name of this schema file."},
            "format_version": {"const": FORMAT_VERSION},
            "checklists": {"type": "array", "items": {"$ref": "#/$defs/checklist"}},
        },
        "$defs": definitions,
    }


def export_schema_text() -> str:
    return json.dumps(export_schema(), indent=2, ensure_ascii=False) + "\n"


def write_export_schema() -> None:
    EXPORT_SCHEMA_PATH.write_text(export_schema_text(), encoding="utf-8")
