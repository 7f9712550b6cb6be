"""Checklist files are untrusted: hostile text is refused at its YAML line, malformed YAML never crashes,
MyST problems in YAML text point at the YAML file, and no page ends up with an HTML id twice."""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
import sys
from pathlib import Path

import handbook_build
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sphinx_checklist.problems import Subtype
from sphinx_checklist.registry import checklist_files, load_checklist, load_registry
from sphinx_checklist.standalone import to_json

PROJECT = Path(__file__).resolve().parent.parent
REAL_CHECKLISTS = checklist_files(PROJECT / "checklists")

# (field, payload, words of the message): each must be refused as checklist.unsafe_markup.
HOSTILE = [
    ("text", '<img src=x onerror="alert(1)">', "raw HTML"),
    ("text", "<script>alert(1)</script>", "raw HTML"),
    ("guidance", '<base href="http://evil.invalid/">', "raw HTML"),
    ("guidance", "<style>body{display:none}</style>", "raw HTML"),
    ("text", "[click](javascript:alert(1))", "the link 'javascript:alert(1)'"),
    ("text", "[click](JaVaScRiPt:alert(1))", "is not allowed"),
    ("text", "<javascript:alert(1)>", "is not allowed"),
    ("guidance", "[x](data:text/html;base64,PHNjcmlwdD4=)", "the link 'data:"),
    ("guidance", "[x](../../../etc/hostname)", "the link '../../../etc/hostname'"),
    ("guidance", "![x](/etc/hostname)", "the image '/etc/hostname'"),
    ("guidance", "```{include} /etc/hostname\n```", "the directive {include}"),
    ("guidance", "```{literalinclude} /etc/hostname\n```", "the directive {literalinclude}"),
    ("guidance", '```{raw} html\n<img src=x onerror="alert(1)">\n```', "the directive {raw}"),
    ("guidance", "```{eval-rst}\n.. include:: /etc/hostname\n```", "the directive {eval-rst}"),
    ("guidance", "```{checklist} demo\n```", "the directive {checklist}"),
    ("guidance", "```{note}\nInside a box: <img src=x onerror=alert(1)>\n```", "raw HTML"),
    ("guidance", "{download}`/etc/hostname`", "the role {download}"),
    ("guidance", "(guide-prepare)=\nA paragraph taking a page's label.", "the label (guide-prepare)="),
    ("description", "<svg onload=alert(1)></svg>", "raw HTML"),
    ("section description", "<details open ontoggle=alert(1)>x</details>", "raw HTML"),
    ("title", "<img src=x onerror=alert(1)>", "the HTML tag"),
    ("choice label", "<b>Online</b>", "the HTML tag"),
]


def _place(data: dict, field: str, payload: str) -> None:
    section = data["sections"][0]
    item = section["items"][1]
    if field in ("description", "title"):
        data[field] = payload
    elif field == "section description":
        section["description"] = payload
    elif field == "choice label":
        data["sections"][1]["items"][2]["choices"][0]["label"] = payload
    else:
        item[field] = payload


def _write(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    text = path.read_text(encoding="utf-8")
    return text[: text.index(needle)].count("\n") + 1


def _demo(project: Path) -> tuple[Path, dict]:
    path = project / "checklists" / "demo.yaml"
    return path, yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("field", "payload", "words"), HOSTILE, ids=[f"{f}:{p[:24]}" for f, p, _ in HOSTILE])
def test_hostile_text_is_refused_at_its_line(project, field, payload, words):
    path, data = _demo(project)
    _place(data, field, payload)
    _write(path, data)
    checklist, problems = load_checklist(path)
    assert checklist is None
    found = [p for p in problems if p.subtype is Subtype.unsafe_markup]
    assert found, problems
    key = {"section description": "description", "choice label": "label"}.get(field, field)
    assert any(words in p.message for p in found), [p.message for p in found]
    assert found[0].line == _line_of(path, payload.splitlines()[0][:20]) or found[0].line == _line_of(path, f"{key}:")


def test_hostile_text_fails_the_strict_build_and_the_cli_at_the_yaml_line(project, tmp_path):
    path, data = _demo(project)
    data["sections"][0]["items"][1]["guidance"] = '<img src=x onerror="alert(1)">'
    _write(path, data)
    line = _line_of(path, "guidance:")
    build = handbook_build.run(project, tmp_path / "out", quiet=True, capture=True)
    assert build.returncode != 0
    assert f"{path}:{line}: WARNING: sections[0].items[1].guidance: raw HTML" in build.stderr
    assert "[checklist.unsafe_markup]" in build.stderr and "Traceback" not in build.stderr
    cli = subprocess.run(
        [sys.executable, "-m", "sphinx_checklist", "check", "--dir", str(path.parent)], capture_output=True, text=True, check=False
    )
    assert cli.returncode == 1
    assert f"{path}:{line}:" in cli.stdout and "[checklist.unsafe_markup]" in cli.stdout
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "onerror" not in page and "Checklist not shown" in page


def test_the_markdown_contributors_need_renders_without_warnings(make_app, project, warnings_of):
    path, data = _demo(project)
    item = data["sections"][0]["items"][1]
    item["text"] = "Draft the *agenda* with **members**; see [the guide](https://example.org/guide) and {ref}`guide-prepare`."
    item["guidance"] = (
        "Steps:\n\n- share it a week ahead\n- ask {checklist-item}`demo.survey`\n\n"
        "```{note}\nKeep it *short*.\n```\n\nMail [us](mailto:team@example.org)."
    )
    _write(path, data)
    app = make_app("html", srcdir=project)
    app.build()
    assert warnings_of(app) == []
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert '<a class="reference external" href="https://example.org/guide">the guide</a>' in html
    assert "<em>agenda</em>" in html and "<li><p>share it a week ahead</p></li>" in html
    assert '<div class="admonition note">' in html and 'href="mailto:' in html
    assert 'href="#checklist-demo-survey"' in html


@pytest.mark.parametrize(
    ("field", "text", "words"),
    [
        ("guidance", "Read {ref}`no-such-label` first.", "undefined label: 'no-such-label'"),
        ("text", "Draft the agenda, see {term}`no such term`.", "term not in glossary: 'no such term'"),
        ("guidance", "```{note}\n:no-such-option: x\n\nBody.\n```", "Unknown option key: 'no-such-option'"),
        ("description", "See [the part](#no-such-heading).", "'myst' cross-reference target not found: 'no-such-heading'"),
    ],
)
def test_myst_problems_in_yaml_text_name_the_yaml_file_and_line(make_app, project, warnings_of, field, text, words):
    path, data = _demo(project)
    if field == "description":
        data["sections"][0]["description"] = text
    else:
        data["sections"][0]["items"][1][field] = text
    _write(path, data)
    app = make_app("html", srcdir=project)
    app.build()
    found = [w for w in warnings_of(app) if words in w]
    assert found, warnings_of(app)
    line = _line_of(path, text.splitlines()[0][:12]) if field != "guidance" or "\n" not in text else _line_of(path, "guidance:")
    assert all(f"{path}:" in w for w in found), found
    assert any(f"{path}:{line}:" in w for w in found), (line, found)


def test_two_files_defining_one_id_are_an_error(project):
    path, _ = _demo(project)
    shutil.copy(path, path.with_suffix(".yml"))
    registry = load_registry(path.parent)
    assert "demo" not in registry.checklists
    messages = [(p.name, problem.subtype, problem.message) for p, problem in registry.problems]
    assert (
        "demo.yaml",
        Subtype.duplicate_id,
        "demo.yaml and demo.yml both define the checklist 'demo'; keep one file and delete the other",
    ) in messages
    assert any(name == "demo.yml" for name, _, _ in messages)


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("id: demo\n", 'id: "demo\\n"\n', "id"),
        ("    title: Before\n", '    title: "   "\n', "is blank"),
        ("        text: Survey the members.", '        text: "\\u202eSurvey"', "control character U+202E"),
        ("        text: Survey the members.", '        text: "Survey\\u0000"', "control character U+0000"),
        ("title: Demo checklist", 'title: "' + "T" * 300 + '"', "300 characters long, more than the 200 allowed"),
        ("title: Demo checklist", "title: &t Demo\nsummary_of: *t", "alias"),
        ('version: "1.2"', "version: !!binary MS4y", "the tag !!binary"),
        ("sections:", "1: one\nsections:", "the key '1' is not a word"),
    ],
)
def test_bad_values_are_refused_not_passed_on(project, old, new, words):
    path, _ = _demo(project)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    checklist, problems = load_checklist(path)
    assert checklist is None
    assert any(words in p.message for p in problems), [p.message for p in problems]


def test_non_finite_weights_are_refused(project):
    path = project / "checklists" / "rating.yaml"
    text = path.read_text(encoding="utf-8")
    match = re.search(r"weights: \{(\w[\w-]*): [0-9.]+", text)
    assert match
    path.write_text(text.replace(match.group(0), f"weights: {{{match.group(1)}: .nan", 1), encoding="utf-8")
    checklist, problems = load_checklist(path)
    assert checklist is None
    assert [p.line for p in problems] == [_line_of(path, ".nan")]
    assert "'.nan' is not a usable number" in problems[0].message


def test_an_item_and_a_section_sharing_an_id_is_a_collision_naming_both_lines(project):
    path, _ = _demo(project)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - id: after\n", "  - id: survey\n", 1), encoding="utf-8")
    checklist, problems = load_checklist(path)
    assert checklist is None
    messages = [p.message for p in problems if p.subtype is Subtype.anchor_collision]
    assert any("'checklist-demo-survey'" in m and "item 'survey'" in m and "section 'survey'" in m for m in messages), problems


def test_a_heading_taking_a_checklist_anchor_fails_the_build_naming_both(make_app, project, warnings_of):
    index = project / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("## Rating", "## Checklist demo survey"), encoding="utf-8")
    app = make_app("html", srcdir=project)
    app.build()
    found = [w for w in warnings_of(app) if "[checklist.anchor_collision]" in w]
    assert found, warnings_of(app)
    assert "'checklist-demo-survey'" in found[0] and "item 'survey'" in found[0] and "demo.yaml" in found[0]
    assert "section at" in found[0] and "index.md" in found[0]


# ---- property test: no mutation of a real checklist makes the loader raise

WEIRD = st.sampled_from(
    [
        "~",
        ".nan",
        ".inf",
        "[]",
        "{}",
        "&a x",
        "*a",
        "!!binary aGk=",
        "!!set {a}",
        '"x\\n"',
        "' '",
        '"\\u0007"',
        "{1: 2}",
        "[[[]]]",
        "2001-01-01",
        "0x10",
        "1e999",
        "? [a]\n: b",
        "|\n  x",
        ">-",
    ]
)


@st.composite
def mutated_checklist(draw) -> tuple[str, str]:
    """(file stem, text): a real checklist with one to four lines broken."""
    original = draw(st.sampled_from(REAL_CHECKLISTS))
    text = original.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["value", "drop", "repeat", "indent", "char"]))
        line = lines[index]
        if action == "value" and ":" in line:
            lines[index] = line.split(":", 1)[0] + ": " + draw(WEIRD) + "\n"
        elif action == "drop":
            del lines[index]
        elif action == "repeat":
            lines.insert(index, line)
        elif action == "indent":
            lines[index] = draw(st.sampled_from(["", " ", "  ", "\t"])) + line.lstrip(" ")
        elif len(line) > 1:
            at = draw(st.integers(0, len(line) - 2))
            lines[index] = line[:at] + draw(st.sampled_from(list(":-[]{}&*!|>'\"#%@` \t\\"))) + line[at + 1 :]
        if not lines:
            break
    return original.stem, "".join(lines)


def _finite_and_clean(value) -> bool:
    if isinstance(value, dict):
        return all(_finite_and_clean(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return all(_finite_and_clean(v) for v in value)
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, str):
        return not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", value)
    return True


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutant=mutated_checklist())
def test_no_mutation_of_a_real_checklist_crashes_the_loader(tmp_path_factory, mutant):
    stem, text = mutant
    folder = tmp_path_factory.mktemp("mutant")
    path = folder / f"{stem}.yaml"
    path.write_text(text, encoding="utf-8")
    checklist, problems = load_checklist(path)  # must not raise
    lines = text.count("\n") + 1
    for problem in problems:
        assert 1 <= problem.line <= lines, problem
        assert problem.message and "Traceback" not in problem.message
    if checklist is not None:
        document = json.loads(to_json(checklist, folder))  # the record checklists.json carries for it
        json.dumps(document, allow_nan=False)  # the export stays valid JSON
        assert _finite_and_clean(document)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("~\n", 1, "the file is empty"),
        ("id: demo\ntitle: &t [*t]\n", 2, "alias"),
        ("id: demo\n? {a: b}\n: c\n", 2, "is not a word"),
        ("id: demo\n1: a\nb: 2\n", 2, "the key '1' is not a word"),
    ],
    ids=["null document", "self alias", "mapping as key", "mixed keys"],
)
def test_yaml_that_once_crashed_the_build_is_a_located_warning(project, tmp_path, text, line, words):
    path, _ = _demo(project)
    path.write_text(text, encoding="utf-8")
    build = handbook_build.run(project, tmp_path / "out", quiet=True, capture=True)
    assert build.returncode == 1, build.stderr  # warnings, not a crash (which exits 2)
    assert f"{path}:{line}: WARNING:" in build.stderr and words in build.stderr, build.stderr
    assert "Traceback" not in build.stderr and "Exception occurred" not in build.stderr
