"""Each kind of bad checklist file gets one clear problem: the right subtype, line and advice."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from sphinx_checklist.config import project_config
from sphinx_checklist.problems import Subtype
from sphinx_checklist.registry import load_checklist

PROJECT = Path(__file__).resolve().parent.parent

GOOD = """\
id: sample
title: Sample
description: A sample.
kind: checklist
version: "1.0"
audience: [member]
sources:
  - report: ipa-2025-report
    section: Before Convenings
sections:
  - id: first
    title: First
    items:
      - id: one
        text: Do one thing.
      - id: two
        text: Do another.
mode: read-do
"""

ASSESSMENT = """\
id: sample
title: Sample
description: A sample.
kind: assessment
version: "1.0"
audience: [funder]
sources:
  - report: itad-porticus-2025
    section: Enablers
scale:
  levels:
    - {value: 1, label: Low, description: Not there.}
    - {value: 2, label: High, description: There.}
  unknown: {label: Don't know}
groups:
  - {id: strategic, title: Strategic}
outcomes:
  - {id: partner, title: Practice partner}
sections:
  - id: first
    title: First
    items:
      - id: one
        text: Rate one thing.
        group: strategic
        weights: {partner: 2}
"""


#: The handbook's own settings: its roles, stages and sources are what these files may use.
HANDBOOK_CONFIG = project_config(PROJECT / "checklists")


def problems_for(tmp_path: Path, text: str, name: str = "sample.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return load_checklist(path, HANDBOOK_CONFIG)


def test_good_files_have_no_problems(tmp_path):
    for text in (GOOD, ASSESSMENT):
        checklist, problems = problems_for(tmp_path, text)
        assert problems == []
        assert checklist.id == "sample"


def test_a_typo_key_is_named_with_the_key_it_probably_meant(tmp_path):
    _, problems = problems_for(tmp_path, GOOD.replace("title: Sample", "titel: Sample"))
    assert [(p.line, p.message) for p in problems] == [
        (1, "(top level): 'title' is a required property; add it"),
        (2, "unknown key 'titel' in (top level); did you mean 'title'?"),
    ]


def test_model_keeps_item_lines_and_global_ids(tmp_path):
    checklist, _ = problems_for(tmp_path, GOOD)
    one, two = checklist.items
    assert (one.line, two.line) == (14, 16)
    assert one.global_id == "sample.one"
    assert one.roles == ("member",)


def test_basis_defaults_to_report_and_may_be_handbook(tmp_path):
    checklist, problems = problems_for(
        tmp_path, GOOD.replace("        text: Do another.\n", "        text: Do another.\n        basis: handbook\n")
    )
    assert problems == []
    one, two = checklist.items
    assert (one.basis, two.basis) == ("report", "handbook")
    assert (one.is_handbook_advice, two.is_handbook_advice) == (False, True)


@pytest.mark.parametrize(
    ("old", "new", "subtype", "line", "advice"),
    [
        ('version: "1.0"', "version: 1.0", Subtype.schema, 5, "put it in quotes"),
        ("audience: [member]", "audience: [members]", Subtype.schema, 6, "use one of: funder, learning-partner"),
        ("        text: Do another.\n", "", Subtype.schema, 16, "sections[0].items[1]: 'text' is a required property; add it"),
        ("      - id: two", "      - id: one", Subtype.duplicate_id, 16, "item id 'one' is already used on line 14"),
        ("id: sample", "id: other", Subtype.id_mismatch, 1, "rename the file to other.yaml"),
        ("kind: checklist", "kind: checklist\ntitle: Again", Subtype.yaml, 5, "the key 'title' appears twice"),
        ("    title: First", "    title: First\n   bad: indent", Subtype.yaml, 13, "YAML syntax error"),
        ("      - id: one", "      - id: One", Subtype.schema, 14, "Lower-case words joined by hyphens"),
        (
            "        text: Do one thing.",
            "        text: Do one thing.\n        basis: opinion",
            Subtype.schema,
            16,
            "use one of: report, handbook",
        ),
        (
            "        text: Do one thing.",
            "        text: Do one thing.\n        group: strategic",
            Subtype.schema,
            16,
            "group is only allowed when kind is 'assessment'",
        ),
    ],
)
def test_each_problem_is_reported_at_its_line(tmp_path, old, new, subtype, line, advice):
    assert old in GOOD
    checklist, problems = problems_for(tmp_path, GOOD.replace(old, new, 1))
    assert checklist is None
    assert [(p.subtype, p.line) for p in problems] == [(subtype, line)], problems
    assert advice in problems[0].message


@pytest.mark.parametrize(
    ("old", "new", "subtype", "advice"),
    [
        ("weights: {partner: 2}", "weights: {partnr: 2}", Subtype.unknown_ref, "weighs unknown outcome 'partnr'"),
        ("group: strategic\n", "group: operational\n", Subtype.unknown_ref, "group 'operational', which is not declared"),
        ("    - {value: 2,", "    - {value: 0,", Subtype.schema, "must be distinct and rising"),
        ("scale:", "scales:", Subtype.schema, "unknown key 'scales'"),
    ],
)
def test_assessment_rules(tmp_path, old, new, subtype, advice):
    assert old in ASSESSMENT
    _, problems = problems_for(tmp_path, ASSESSMENT.replace(old, new, 1))
    assert any(p.subtype == subtype and advice in p.message for p in problems), problems


def test_assessment_requires_a_scale_and_checklists_refuse_one(tmp_path):
    _, problems = problems_for(tmp_path, GOOD.replace("kind: checklist", "kind: assessment"))
    assert any("'scale' is a required property" in p.message for p in problems), problems
    with_scale = GOOD + "scale:\n  levels: []\n  unknown: {label: x}\n"
    _, problems = problems_for(tmp_path, with_scale)
    assert any("only allowed when kind is 'assessment'" in p.message for p in problems), problems


def test_empty_and_non_mapping_files(tmp_path):
    _, problems = problems_for(tmp_path, "")
    assert [p.subtype for p in problems] == [Subtype.yaml]
    _, problems = problems_for(tmp_path, "- just\n- a list\n")
    assert [p.subtype for p in problems] == [Subtype.schema]


def test_new_checklist_skeleton_validates_and_builds(tmp_path, rootdir, make_app, warnings_of):
    """`make new-checklist` writes a file that passes the schema and renders in a strict build."""
    import shutil
    import subprocess
    import sys

    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-basic", src)
    result = subprocess.run(
        [sys.executable, "-m", "sphinx_checklist", "new", "my-new-list", "--title", "My new list"],
        cwd=src,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "```{checklist} my-new-list" in result.stdout
    again = subprocess.run(
        [sys.executable, "-m", "sphinx_checklist", "new", "my-new-list", "--title", "Again"],
        cwd=src,
        capture_output=True,
        text=True,
        check=False,
    )
    assert again.returncode == 2 and "already exists" in again.stderr
    bad = subprocess.run(
        [sys.executable, "-m", "sphinx_checklist", "new", "My List", "--title", "x"], cwd=src, capture_output=True, text=True, check=False
    )
    assert bad.returncode == 2 and "not a valid id" in bad.stderr
    check = subprocess.run([sys.executable, "-m", "sphinx_checklist", "check"], cwd=src, capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stdout
    (src / "all.md").write_text((src / "all.md").read_text(encoding="utf-8") + "\n```{checklist} my-new-list\n```\n", encoding="utf-8")
    app = make_app("html", srcdir=src)
    app.build()
    assert warnings_of(app) == []
    assert 'data-checklist-id="my-new-list"' in (app.outdir / "all.html").read_text(encoding="utf-8")


def test_a_checklist_section_of_more_than_nine_items_is_warned_at_its_line(tmp_path):
    """Checklists work best with five to nine items per pause point; assessments rate, so they are exempt."""
    items = "".join(f"      - id: item-{n}\n        text: Do thing {n}.\n" for n in range(10))
    long = GOOD.replace("      - id: one\n        text: Do one thing.\n      - id: two\n        text: Do another.\n", items)
    _, problems = problems_for(tmp_path, long)
    assert [(p.subtype, p.line) for p in problems] == [(Subtype.long_section, 11)], problems
    assert "section 'first' has 10 items" in problems[0].message and "split it" in problems[0].message
    nine = GOOD.replace(
        "      - id: one\n        text: Do one thing.\n      - id: two\n        text: Do another.\n",
        "".join(f"      - id: item-{n}\n        text: Do thing {n}.\n" for n in range(9)),
    )
    assert problems_for(tmp_path, nine)[1] == []


def test_a_checklist_declares_its_mode_and_an_assessment_has_none(tmp_path):
    _, problems = problems_for(tmp_path, GOOD.replace("mode: read-do\n", ""))
    assert [p.line for p in problems] == [1] and "'mode' is a required property" in problems[0].message
    _, problems = problems_for(tmp_path, GOOD.replace("mode: read-do", "mode: read-and-do"))
    assert "use one of: read-do, do-confirm" in problems[0].message
    _, problems = problems_for(tmp_path, ASSESSMENT + "mode: read-do\n")
    assert any("mode is only allowed when kind is 'checklist'" in p.message for p in problems), problems
