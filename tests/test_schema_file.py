"""The JSON Schemas: valid draft 2020-12, the project's own vocabularies in its schema, and wired to editors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from sphinx_checklist.cli import PROJECT_SCHEMA, project_schema_text
from sphinx_checklist.config import project_config
from sphinx_checklist.registry import checklist_files
from sphinx_checklist.validate import load_schema

PROJECT = Path(__file__).resolve().parent.parent
SCHEMA_COMMENT = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")
CHECKLISTS = PROJECT / "checklists"


def test_shipped_schema_is_valid_draft_2020_12_and_names_no_project_vocabulary():
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    for definition in ("role", "stage", "report"):
        assert "enum" not in schema["$defs"][definition]
    assert not {"ipa-2025-report", "learning-partner", "during"} & set(str(schema).replace('"', " ").replace("'", " ").split())


def test_project_schema_is_current_and_lists_the_handbook_roles_and_stages():
    """checklists/checklist.schema.json is what `python -m sphinx_checklist schema` writes from conf.py today."""
    written = (CHECKLISTS / PROJECT_SCHEMA).read_text(encoding="utf-8")
    assert written == project_schema_text(project_config(CHECKLISTS)), (
        "run: .venv/bin/python -m sphinx_checklist schema   (conf.py's vocabularies changed)"
    )
    defs = __import__("json").loads(written)["$defs"]
    assert defs["role"]["enum"][:2] == ["funder", "learning-partner"]
    assert defs["stage"]["enum"] == ["decide", "design", "before", "during", "after", "between", "review"]


@pytest.mark.parametrize("path", checklist_files(CHECKLISTS), ids=lambda p: p.name)
def test_each_checklist_points_editors_at_the_project_schema(path):
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    match = SCHEMA_COMMENT.match(first_line)
    assert match, f"{path.name} should start with '# yaml-language-server: $schema=...'"
    assert (path.parent / match.group(1)).resolve() == (CHECKLISTS / PROJECT_SCHEMA).resolve()
