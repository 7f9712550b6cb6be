"""How `python -m sphinx_checklist check` answers a contributor's mistakes: bad labels and roles, YAML slips, skeletons.

Each case copies the project's checklists/, docs/ and conf.py to a temporary folder, breaks one thing, and runs
``check`` with the measured project's ``ext`` on PYTHONPATH. Verdicts: "crashed" (a traceback), "silent" (exit 0
for a real problem, or a message in the parser's jargon without file:line), "clean" (file:line, plain words).

    .venv/bin/python scripts/adversarial_contributors.py [--project DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

JARGON = (
    "mapping values are not allowed",
    "entries are not allowed in this context",
    "could not find expected",
    "did not find expected",
    "while scanning",
    "while parsing",
)

SAMPLE = """\
id: sample
title: Sample
description: A sample.
kind: checklist
mode: read-do
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
        source: cop-bb4-agenda
      - id: two
        text: Do another.
        source: cop-bb4-agenda
"""

#: (case, old text of SAMPLE, new text)
SAMPLE_CASES = [
    (
        "unknown label in an item's source",
        "        source: cop-bb4-agenda\n      - id: two",
        "        source: no-such-label\n      - id: two",
    ),
    ("typo'd label (did you mean)", "        source: cop-bb4-agenda\n      - id: two", "        source: cop-bb4-agend\n      - id: two"),
    ("unknown {ref} in item text", "text: Do one thing.", "text: Do one thing, as {ref}`no-such-label` says."),
    ("unknown {term} in item text", "text: Do one thing.", "text: Plan the {term}`convenings-typo`."),
    ("item with neither source nor basis", "        text: Do another.\n        source: cop-bb4-agenda\n", "        text: Do another.\n"),
    ("yaml: ':' inside a value", "text: Do one thing.", "text: Note: do one thing."),
    ("yaml: key indented one space too far", "        summary: One", "         summary: One"),
    ("yaml: key indented one space too little", "        summary: One", "       summary: One"),
    ("yaml: key at the list's dash column", "        summary: One", "      summary: One"),
    ("yaml: list entry misaligned", "      - id: two", "     - id: two"),
    ("yaml: section key under-indented", "    title: First", "   title: First"),
    ("yaml: tab indentation", "        summary: One", "\tsummary: One"),
    ("yaml: key without ':'", "        summary: One", "        summary One"),
    ("yaml: continuation line lost its indentation", "text: Do one thing.", "text: Do one thing\n       and another."),
    ("yaml: unclosed double quote", "        text: Do another.", '        text: "Do another.'),
    ("yaml: unclosed [ list", "audience: [member]", "audience: [member\nstage: [before]"),
    ("yaml: value starting with a backtick", "text: Do one thing.", "text: `code` first"),
    ("yaml: value starting with @", "text: Do one thing.", "text: @someone does it"),
    ("yaml: apostrophe inside single quotes", "text: Do one thing.", "text: 'Members' views'"),
    ("yaml: backslash in double quotes", "text: Do one thing.", 'text: "C:\\path"'),
    ("yaml: list entry after a key on one line", "        summary: One", "        summary: - One"),
]


def _copy_project(project: Path, work: Path) -> Path:
    root = work / "site"
    root.mkdir()
    for name in ("checklists", "docs", "references"):
        if (project / name).is_dir():
            shutil.copytree(project / name, root / name, ignore=shutil.ignore_patterns("_build"))
    shutil.copy(project / "conf.py", root / "conf.py")
    return root


def _run(project: Path, root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(project / "ext")}
    return subprocess.run(
        [sys.executable, "-m", "sphinx_checklist", *args], cwd=root, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def _verdict(result: subprocess.CompletedProcess[str], where: str) -> tuple[str, str]:
    out = result.stdout + result.stderr
    if "Traceback" in out:
        return "crashed", out.strip().splitlines()[-1][:160]
    lines = [line for line in out.splitlines() if where in line]
    if result.returncode == 0:
        notice = " (it says what it did not check)" if "not checked" in out else ""
        return "silent", f"exit 0{notice}: {out.strip().splitlines()[0][:100] if out.strip() else ''}"
    if not lines:
        return "silent", f"exit {result.returncode} without naming {where}:line: {out.strip()[:140]}"
    message = lines[0]
    if any(jargon in message for jargon in JARGON):
        return "silent", f"parser jargon: {message[-160:]}"
    return "clean", message[message.find(where) :][:200]


def run(project: Path) -> list[tuple[str, str, str]]:
    project = project.resolve()
    found = []
    with tempfile.TemporaryDirectory() as tmp:
        root = _copy_project(project, Path(tmp))
        sample = root / "checklists" / "sample.yaml"
        for name, old, new in SAMPLE_CASES:
            assert old in SAMPLE, name
            sample.write_text(SAMPLE.replace(old, new, 1), encoding="utf-8")
            try:
                found.append((name, *_verdict(_run(project, root, "check"), "sample.yaml:")))
            except subprocess.TimeoutExpired:
                found.append((name, "frozen", "check ran over 120 s"))
        sample.unlink()
        made = _run(project, root, "new", "fresh-list", "--title", "Fresh list")
        if made.returncode != 0:
            found.append(("skeleton from new, untouched", "crashed" if "Traceback" in made.stderr else "silent", made.stderr.strip()[:160]))
        else:
            found.append(("skeleton from new, untouched", *_verdict(_run(project, root, "check"), "fresh-list.yaml:")))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=Path(__file__).resolve().parent.parent)
    args = parser.parse_args()
    cases = run(args.project)
    for name, verdict, detail in cases:
        print(f"{verdict:8} {name}: {detail}")
    counts = Counter(verdict for _, verdict, _ in cases)
    print(f"contributors: tried {len(cases)}, " + ", ".join(f"{v} {counts[v]}" for v in ("clean", "crashed", "silent", "lost", "frozen")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
