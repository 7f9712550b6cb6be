"""Real Sphinx builds of the test-basic project: the good path is silent, each bad input warns at its file and line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import handbook_build
import pytest

PROJECT = Path(__file__).resolve().parent.parent


def build(make_app, srcdir: Path, **kwargs):
    app = make_app("html", srcdir=srcdir, **kwargs)
    app.build()
    return app


@pytest.mark.sphinx("html", testroot="basic", copy_test_root=True)
def test_good_project_builds_without_warnings(app, warnings_of):
    app.build()
    assert warnings_of(app) == []


# (file to edit, old text, new text, text on the line warned about (last occurrence), words of the message, type)
SCENARIOS = {
    "yaml-syntax": (
        "checklists/demo.yaml",
        "    title: Before\n",
        "    title: Before\n   broken: indent\n",
        "broken: indent",
        "YAML syntax error",
        "checklist.yaml",
    ),
    "duplicate-key": (
        "checklists/demo.yaml",
        "kind: checklist\n",
        "kind: checklist\nkind: assessment\n",
        "kind: assessment",
        "the key 'kind' appears twice",
        "checklist.yaml",
    ),
    "typo-key": (
        "checklists/demo.yaml",
        "        text: Survey the members.",
        "        txt: Survey the members.",
        "txt:",
        "unknown key 'txt' in sections[0].items[0]; did you mean 'text'?",
        "checklist.schema",
    ),
    "unknown-audience": (
        "checklists/demo.yaml",
        "audience: [facilitator, member]",
        "audience: [facilitator, members]",
        "audience:",
        "'members' is not allowed; use one of",
        "checklist.schema",
    ),
    "duplicate-item": (
        "checklists/demo.yaml",
        "      - id: thank",
        "      - id: survey",
        "- id: survey",
        "item id 'survey' is already used on line 18",
        "checklist.duplicate_id",
    ),
    "id-mismatch": (
        "checklists/demo.yaml",
        "id: demo\n",
        "id: demo-list\n",
        "id: demo-list",
        "rename the file to demo-list.yaml",
        "checklist.id_mismatch",
    ),
    "unknown-label": (
        "checklists/demo.yaml",
        "source: guide-agenda",
        "source: guide-agendas",
        "- id: draft-agenda",
        "cites the label 'guide-agendas', which no page defines; did you mean 'guide-agenda'?",
        "checklist.unknown_ref",
    ),
    "unknown-checklist": (
        "index.md",
        "```{checklist} demo",
        "```{checklist} demos",
        "{checklist} demos",
        "no checklist has the id 'demos'; did you mean 'demo'?",
        "checklist.unknown_checklist",
    ),
    "unknown-role": (
        "assessment.md",
        ":roles: member",
        ":roles: members",
        "{checklist} demo",
        "'members' is not one of the roles in checklist_roles",
        "checklist.unknown_role",
    ),
    "unknown-section": (
        "assessment.md",
        ":sections: after",
        ":sections: after, later",
        "{checklist} demo",
        "checklist 'demo' has no section 'later'",
        "checklist.unknown_section",
    ),
    "unknown-item-ref": (
        "assessment.md",
        "{checklist-item}`demo.draft-agenda`",
        "{checklist-item}`demo.draft`",
        "demo.draft`",
        "no page renders a checklist item or checklist 'demo.draft'",
        "checklist.unknown_ref",
    ),
    "rendered-twice": (
        "assessment.md",
        "```{checklist} demo\n:sections: after\n:roles: member\n",
        "```{checklist} rating\n",
        "{checklist} rating",
        "items of checklist 'rating' are rendered twice",
        "checklist.duplicate_render",
    ),
    "unknown-applies-to": (
        "checklists/rating.yaml",
        "applies_to: [partner]",
        "applies_to: [partner, builders]",
        "applies_to:",
        "item 'leadership' applies to unknown outcome 'builders'",
        "checklist.unknown_ref",
    ),
    "choices-in-assessment": (
        "checklists/rating.yaml",
        "        applies_to: [partner]\n",
        "        applies_to: [partner]\n        choices: [{id: a, label: A}, {id: b, label: B}]\n",
        "choices:",
        "choices is only allowed when kind is 'checklist'",
        "checklist.schema",
    ),
    "unknown-section-stage": (
        "checklists/demo.yaml",
        "    title: Before\n",
        "    title: Before\n    stage: [during]\n",
        "stage: [during]",
        "section 'before' has stage 'during', which the checklist does not list",
        "checklist.unknown_ref",
    ),
    "duplicate-choice": (
        "checklists/demo.yaml",
        "{id: online, label: Online}",
        "{id: in-person, label: Online}",
        "{id: in-person, label: Online}",
        "choice id 'in-person' is already used",
        "checklist.duplicate_id",
    ),
}


def line_of_last(path: Path, marker: str) -> int:
    text = path.read_text(encoding="utf-8")
    return text[: text.rindex(marker)].count("\n") + 1


@pytest.mark.parametrize("case", sorted(SCENARIOS))
def test_bad_input_warns_at_file_and_line(make_app, project, edit, warnings_of, case):
    filename, old, new, marker, words, kind = SCENARIOS[case]
    edit(project / filename, old, new)
    place = f"{project / filename}:{line_of_last(project / filename, marker)}:"
    app = build(make_app, project)
    found = warnings_of(app)
    expected = [w for w in found if place in w and words in w and f"[{kind}]" in w]
    assert expected, "\n".join(found)
    assert all("[checklist." in w for w in found), "\n".join(found)
    assert "Traceback" not in app.warning.getvalue()


def test_an_invalid_checklist_is_not_rendered_and_its_pages_say_so(make_app, project, edit, warnings_of):
    edit(project / "checklists/demo.yaml", 'version: "1.2"', "version: 1.2")
    app = build(make_app, project)
    found = warnings_of(app)
    version_line = line_of_last(project / "checklists/demo.yaml", "version:")
    render_line = line_of_last(project / "index.md", "{checklist} demo")
    assert any(f"demo.yaml:{version_line}:" in w and "put it in quotes" in w for w in found), found
    assert any(f"index.md:{render_line}:" in w and "[checklist.invalid]" in w for w in found), found
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "Checklist not shown" in html


def test_a_checklist_no_page_renders_is_reported(make_app, project, warnings_of):
    text = (project / "checklists/demo.yaml").read_text(encoding="utf-8")
    (project / "checklists/spare.yaml").write_text(text.replace("id: demo", "id: spare"), encoding="utf-8")
    app = build(make_app, project)
    found = warnings_of(app)
    assert any("spare.yaml:1" in w and "no page renders checklist 'spare'" in w and "[checklist.unrendered]" in w for w in found), found


def test_strict_build_fails_and_names_the_file(project, edit, tmp_path):
    edit(project / "checklists/demo.yaml", "        text: Survey the members.", "        titel: Survey the members.")
    result = handbook_build.run(project, tmp_path / "out", quiet=True, capture=True)
    assert result.returncode != 0
    assert f"{project / 'checklists/demo.yaml'}:{line_of_last(project / 'checklists/demo.yaml', 'titel:')}:" in result.stderr
    assert "Traceback" not in result.stderr


def test_one_strict_build_command_for_make_check_tests_and_bench():
    """ext/handbook_build holds the strict options; `make html` runs it, and SPHINXOPTS only adds to them."""
    assert handbook_build.arguments("docs", "out", confdir=".", doctrees="d", define={"checklist_pdf_dir": "pdf"}) == [
        "-W",
        "--keep-going",
        "-n",
        "-j",
        "auto",
        "-c",
        ".",
        "-d",
        "d",
        "-D",
        "checklist_pdf_dir=pdf",
        "-b",
        "html",
        "docs",
        "out",
    ]
    cli = subprocess.run(
        [sys.executable, "-m", "handbook_build", "text", "docs", "out", "-j", "1", "-q", "--dry-run", "--", "-E"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert cli.stdout.split() == ["sphinx-build", "-W", "--keep-going", "-n", "-q", "-j", "1", "-E", "-b", "text", "docs", "out"]
    make = subprocess.run(
        ["make", "-n", "--no-print-directory", "-o", ".venv/.installed", "html", "text", "SPHINXOPTS=-E"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert [line.split(" -m ")[1] for line in make] == [
        "handbook_build html docs _build/html -c . -d _build/doctrees -j auto -- -E",
        "handbook_build text docs _build/text -c . -d _build/doctrees -j auto -- -E",
    ]
