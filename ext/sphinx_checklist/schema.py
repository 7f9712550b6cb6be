"""The checklist JSON Schema: where it ships, and the vocabularies (roles, stages, reports) it defines once."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

SCHEMA_PATH = Path(__file__).parent / "schema" / "checklist.schema.json"


@cache
def load_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def vocabulary(name: str) -> tuple[str, ...]:
    """The allowed values of ``role``, ``stage`` or ``report``: the schema is the one place they are kept."""
    return tuple(load_schema()["$defs"][name]["enum"])


def display_name(value: str) -> str:
    """``learning-partner`` -> ``Learning partner``."""
    return value.replace("-", " ").capitalize()
