"""What the extension offers any Sphinx project: its own vocabularies from conf.py, and checklists.json as a public format."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator
from sphinx.errors import ConfigError
from sphinx_checklist.export import EXPORT_SCHEMA_PATH
from sphinx_checklist.model import row_fields

#: Names that belong to the YAML files or the code, never to the public export.
INTERNAL_KEYS = {"line", "field_lines", "description_line", "checklist_id", "items_by_id"}


def export_validator() -> Draft202012Validator:
    schema = json.loads(EXPORT_SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def keys_anywhere(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {key for child in value.values() for key in keys_anywhere(child)}
    if isinstance(value, list):
        return {key for child in value for key in keys_anywhere(child)}
    return set()


def warnings_of(app) -> list[str]:
    return [line for line in re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue()).splitlines() if "WARNING" in line]


@pytest.fixture(scope="module")
def club(rootdir, tmp_path_factory):
    """The club project of tests/roots/test-vocabulary: another vocabulary, built once for the module."""
    import shutil

    from sphinx.testing.util import SphinxTestApp

    srcdir = tmp_path_factory.mktemp("club") / "src"
    shutil.copytree(rootdir / "test-vocabulary", srcdir)
    app = SphinxTestApp("html", srcdir=srcdir)
    app.build()
    assert warnings_of(app) == []
    yield app
    app.cleanup()


def page_of(app) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_the_handbook_export_follows_its_schema_and_leaks_nothing_internal(handbook_html):
    data = json.loads((handbook_html / "checklists.json").read_text(encoding="utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in export_validator().iter_errors(data)]
    assert errors == []
    assert not INTERNAL_KEYS & keys_anywhere(data)
    assert data["format_version"] == 2 and len(data["checklists"]) >= 10


def test_the_shipped_export_schema_is_made_from_the_model():
    """A field declared public in the model reaches the export's schema by regenerating it, never by hand."""
    from sphinx_checklist.export_schema import export_schema_text

    assert EXPORT_SCHEMA_PATH.read_text(encoding="utf-8") == export_schema_text(), (
        "run: .venv/bin/python -m sphinx_checklist schema --export   (a public field of the model changed)"
    )


def test_another_project_builds_with_its_own_roles_stages_and_sources(club):
    page = page_of(club)
    root = page.select_one("div.checklist[data-checklist-id=match-day]")
    assert json.loads(root["data-checklist-role-labels"]) == {"chair": "Chair of the club", "volunteer": "Volunteer"}
    assert json.loads(root["data-checklist-stage-labels"]) == {"meet": "On match day"}
    assert root["data-checklist-storage-prefix"] == "club"
    assert root.select_one("#checklist-match-day-pitch td.checklist-col-roles").get_text() == "Volunteer"
    assert root.select_one("#checklist-match-day-kit td.checklist-col-roles").get_text() == "Chair of the club, Volunteer"
    assert "for chair of the club, volunteer" in root.select_one(".checklist-meta").get_text()
    assert root.select_one(".checklist-sources").get_text() == "Draws on The club rulebook (2024): Kit and pitch (pp. 4-5)."


def test_the_script_learns_the_item_fields_from_their_declaration(club):
    root = page_of(club).select_one("div.checklist[data-checklist-id=club-health]")
    fields = json.loads(root["data-checklist-fields"])
    assert [attribute for _, attribute, _ in fields] == [f"data-checklist-{n.replace('_', '-')}" for n, _ in row_fields()]
    assert ["appliesTo", "data-checklist-applies-to", "words"] in fields
    row = root.select_one("#checklist-club-health-welcome")
    assert row["data-checklist-group"] == "people" and json.loads(row["data-checklist-weights"]) == {"fair-club": 1}


def test_mode_pause_point_groups_and_outcome_sources_are_shown(club):
    page = page_of(club)
    match_day = page.select_one("div.checklist[data-checklist-id=match-day]")
    assert "Do-confirm" in match_day.select_one(".checklist-mode").get_text()
    assert match_day.select_one(".checklist-section-pause").get_text() == "Pause point: before the players warm up"
    health = page.select_one("div.checklist[data-checklist-id=club-health]")
    scored = health.select_one(".checklist-scored")
    assert "Whether members feel welcome." in scored.get_text()
    link = scored.select_one(".checklist-outcomes a")
    assert (link["href"], link.get_text()) == ("#rules-fair-play", "A fair club")  # the title leads to its section
    assert "Everyone gets to play." in scored.get_text()


def test_index_and_lifecycle_follow_the_project_stage_order(club):
    page = page_of(club)
    titles = [t.get_text() for t in page.select("table.checklist-index caption .caption-text")]
    assert titles == ["Planning the season", "On match day"]
    stages = [li.find("strong").get_text() for li in page.select("ol.checklist-lifecycle > li")]
    assert stages == ["Planning the season", "On match day", "After the season"]


def test_a_role_outside_the_project_vocabulary_is_refused_with_the_allowed_ones(make_app, rootdir, tmp_path):
    import shutil

    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-vocabulary", srcdir)
    yaml = srcdir / "checklists" / "match-day.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("roles: [volunteer]", "roles: [facilitator]"), encoding="utf-8")
    app = make_app("html", srcdir=srcdir)
    app.build()
    found = [w for w in warnings_of(app) if "match-day.yaml:23" in w]
    assert found and "use one of: chair, secretary, volunteer" in found[0], warnings_of(app)


@pytest.mark.parametrize(
    ("setting", "value", "words"),
    [
        ("checklist_roles", ["chair"], "checklist_roles must be a mapping"),
        ("checklist_stages", {"Match Day": "On match day"}, "'Match Day' is not a valid stage id"),
        ("checklist_sources", {"club-rules": ""}, "checklist_sources['club-rules'] must be a one-line label"),
        ("checklist_storage_prefix", "my prefix", "checklist_storage_prefix must be"),
    ],
)
def test_bad_settings_stop_the_build_naming_the_setting(make_app, rootdir, tmp_path, setting, value, words):
    import shutil

    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-vocabulary", srcdir)
    with pytest.raises(ConfigError, match=re.escape(words)):
        make_app("html", srcdir=srcdir, confoverrides={setting: value})


def test_the_page_for_other_projects_lists_every_setting_and_warning():
    """docs/extension.md documents the extension: every config value it registers and every warning subtype."""
    from sphinx_checklist.problems import Subtype

    page = (Path(__file__).parent.parent / "docs" / "extension.md").read_text(encoding="utf-8")
    registered: list[str] = []

    class Recorder:
        def add_config_value(self, name, *args, **kwargs):
            registered.append(name)

        def connect(self, *args, **kwargs):
            pass

    from sphinx_checklist.config import register

    register(Recorder())  # type: ignore[arg-type]
    assert registered and all(f"| `{name}` |" in page for name in registered), registered
    assert all(f"| `checklist.{subtype.value}` |" in page for subtype in Subtype)
