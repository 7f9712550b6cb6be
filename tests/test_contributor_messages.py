"""YAML mistakes a contributor makes are explained in plain words at the right line, with the indentation the line needs."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx_checklist.problems import Subtype
from sphinx_checklist.registry import load_checklist

BASE = """\
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
        summary: One
      - id: two
        text: Do another.
mode: read-do
"""

#: Words of the parser that mean nothing to a contributor.
JARGON = ("mapping values are not allowed", "could not find expected", "did not find expected", "while scanning", "while parsing", "token")

CASES = [
    ("        text: Do one thing.", "        text: Note: do one thing.", 15, "a ':' inside a value; put the value in double quotes"),
    (
        "        summary: One",
        "         summary: One",
        16,
        "indented 9 spaces, but the keys of this block start at 8 (like `text:` on line 15): indent it 8",
    ),
    ("        summary: One", "       summary: One", 16, "indented 7 spaces, but the keys of this block start at 8"),
    ("        summary: One", "      summary: One", 16, "indented 6 spaces, but the keys of this block start at 8"),
    (
        "      - id: two",
        "     - id: two",
        17,
        "the other entries of this list start at 6 (like `- id: one` on line 14): indent it 6 spaces",
    ),
    ("    title: First", "   title: First", 12, "indented 3 spaces, but the keys of this block start at 4"),
    ("        summary: One", "\tsummary: One", 16, "indented with a tab, and YAML indents with spaces only"),
    ("        summary: One", "        summary One", 16, "is not `key: value`: add the ':' after the key"),
    (
        "        text: Do one thing.",
        "        text: Do one thing\n       and another.",
        16,
        "if it continues the text of `text:` on line 15",
    ),
    ("        text: Do another.", '        text: "Do another.', 18, "the quote that opens the value on line 18 is never closed"),
    ("audience: [member]", "audience: [member\nstage: [before]", 6, "opened with [ on line 6 is not closed"),
    (
        "        text: Do one thing.",
        "        text: `code` first",
        15,
        "a value cannot start with '`'; put the whole value in double quotes",
    ),
    ("        text: Do one thing.", "        text: 'Members' views'", 15, "text follows the closing quote"),
    ("        text: Do one thing.", '        text: "C:\\path"', 15, "backslash inside double quotes"),
    ("        summary: One", "        summary: - One", 16, "a list entry ('- ') after a key on the same line"),
]


@pytest.mark.parametrize(("old", "new", "line", "words"), CASES, ids=[c[3][:30] for c in CASES])
def test_yaml_mistakes_are_explained_in_plain_words(tmp_path: Path, old: str, new: str, line: int, words: str) -> None:
    assert old in BASE
    path = tmp_path / "sample.yaml"
    path.write_text(BASE.replace(old, new, 1), encoding="utf-8")
    checklist, problems = load_checklist(path)
    assert checklist is None
    assert [(p.subtype, p.line) for p in problems] == [(Subtype.yaml, line)], problems
    message = problems[0].message
    assert words in message, message
    assert not any(jargon in message for jargon in JARGON), message


def test_the_good_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "sample.yaml"
    path.write_text(BASE, encoding="utf-8")
    checklist, problems = load_checklist(path)
    assert problems == [] and checklist is not None


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Read {ref}`guide-agnda` first.", "undefined label: 'guide-agnda'; did you mean 'guide-agenda'?"),
        ("Read {ref}`nothing-like-it-at-all` first.", "add (nothing-like-it-at-all)= on the line before the heading"),
        ("See the {term}`convening`.", "term not in glossary: 'convening'; did you mean 'convenings'?"),
    ],
)
def test_an_unknown_ref_or_term_in_checklist_text_gets_did_you_mean_at_its_yaml_line(make_app, project, warnings_of, text, words):
    (project / "index.md").write_text(
        (project / "index.md").read_text(encoding="utf-8") + "\n## Words\n\n```{glossary}\nconvenings\n  Meetings of members.\n```\n",
        encoding="utf-8",
    )
    path = project / "checklists" / "demo.yaml"
    source = path.read_text(encoding="utf-8")
    assert "        text: Survey the members." in source
    path.write_text(source.replace("        text: Survey the members.", f"        text: {text}", 1), encoding="utf-8")
    line = next(n for n, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in row)
    app = make_app("html", srcdir=project)
    app.build()
    found = [w for w in warnings_of(app) if words in w]
    assert found, warnings_of(app)
    assert all(f"{path}:{line}:" in w and "[checklist.unknown_ref]" in w for w in found), found
