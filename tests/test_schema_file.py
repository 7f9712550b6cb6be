"""The JSON Schema itself: valid draft 2020-12, the one home of the vocabularies, and wired to editors."""

from __future__ import annotations

import re

import pytest
from jsonschema import Draft202012Validator
from sphinx_checklist.registry import checklist_files
from sphinx_checklist.schema import SCHEMA_PATH, load_schema, vocabulary
from sphinx_support import PROJECT

SCHEMA_COMMENT = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def test_schema_is_valid_draft_2020_12():
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_roles_and_stages_come_from_the_schema():
    assert vocabulary("role")[:5] == ("funder", "learning-partner", "member", "facilitator", "philanthropy-staff")
    assert set(vocabulary("stage")) >= {"design", "before", "during", "after", "review"}


@pytest.mark.parametrize("path", checklist_files(PROJECT / "checklists"), ids=lambda p: p.name)
def test_each_checklist_points_editors_at_the_schema(path):
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    match = SCHEMA_COMMENT.match(first_line)
    assert match, f"{path.name} should start with '# yaml-language-server: $schema=...'"
    assert (path.parent / match.group(1)).resolve() == SCHEMA_PATH.resolve()
