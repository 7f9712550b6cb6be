"""Command line: create a checklist skeleton, check every checklist file, or export one blank checklist.

python -m sphinx_checklist new ID --title "Title" [--dir checklists]
python -m sphinx_checklist check [--dir checklists]
python -m sphinx_checklist schema [--dir checklists] [--output FILE]
python -m sphinx_checklist export ID --format md|csv|json|html|pdf [--output FILE] [--paper a4|letter] [--dir checklists]
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from pathlib import Path

from .config import ChecklistConfig, project_config
from .registry import load_registry
from .validate import SCHEMA_PATH, project_schema, validate
from .yaml_loader import load_yaml

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

SKELETON = """\
# yaml-language-server: $schema={schema}
id: {id}
title: {title}
description: >-
  What this checklist is for, who uses it and when. Replace this text.
kind: checklist
mode: read-do
version: "0.1"
audience: [{role}]
stage: [{stage}]
sources:
  - report: {source}
    section: The section of the source this checklist draws on
sections:
  - id: first-steps
    title: First steps
    items:
      - id: first-item
        text: Write the first thing to do, as an action.
        summary: A short form of the item
"""


def new_checklist(checklist_id: str, title: str, directory: Path) -> int:
    if not SLUG.match(checklist_id):
        print(
            f"error: {checklist_id!r} is not a valid id; use lower-case words joined by hyphens, such as after-convening", file=sys.stderr
        )
        return 2
    target = directory / f"{checklist_id}.yaml"
    if target.exists():
        print(f"error: {target} already exists; pick another id or edit that file", file=sys.stderr)
        return 2
    config = project_config(directory)
    schema = directory / PROJECT_SCHEMA if (directory / PROJECT_SCHEMA).is_file() else SCHEMA_PATH
    try:
        schema_ref = Path(
            *([".."] * len(directory.resolve().relative_to(Path.cwd().resolve()).parts)), schema.resolve().relative_to(Path.cwd().resolve())
        ).as_posix()
    except ValueError:
        schema_ref = schema.resolve().as_uri()
    title_yaml = '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
    vocabulary = config.vocabulary
    target.write_text(
        SKELETON.format(
            schema=schema_ref,
            id=checklist_id,
            title=title_yaml,
            role=next(iter(vocabulary.roles), "facilitator"),
            stage=next(iter(vocabulary.stages), "before"),
            source=next(iter(vocabulary.sources), "my-source"),
        ),
        encoding="utf-8",
    )
    problems = validate(load_yaml(target), vocabulary)
    if problems:  # the skeleton itself must always be valid
        target.unlink()
        print(f"error: the skeleton did not validate: {problems[0].message}", file=sys.stderr)
        return 1
    print(f"Created {target}.")
    print("Next: render it on the page that holds its guidance, by adding these lines to that .md file:")
    print(f"\n    ```{{checklist}} {checklist_id}\n    ```\n")
    print("Then preview with `make serve`, and check with `make check`.")
    return 0


def check(directory: Path) -> int:
    registry = load_registry(directory, project_config(directory))
    for path, problem in registry.problems:
        print(f"{path}:{problem.line}: {problem.message} [checklist.{problem.subtype.value}]")
    count = len(registry.checklists) + len(registry.invalid)
    if registry.problems:
        print(f"{len(registry.problems)} problem(s) in {len(registry.invalid)} of {count} checklist file(s)")
        return 1
    print(f"{count} checklist file(s) valid")
    return 0


def export_checklist(checklist_id: str, fmt: str, output: Path | None, paper: str, directory: Path) -> int:
    from .standalone import export

    config = project_config(directory)
    registry = load_registry(directory, config)
    if checklist_id in registry.invalid:
        for path, problem in registry.problems:
            if path.stem == checklist_id:
                print(f"{path}:{problem.line}: {problem.message} [checklist.{problem.subtype.value}]", file=sys.stderr)
        print(f"error: {registry.invalid[checklist_id]} has errors; fix them, then export again", file=sys.stderr)
        return 1
    checklist = registry.checklists.get(checklist_id)
    if checklist is None:
        close = difflib.get_close_matches(checklist_id, registry.checklists, n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"the checklists in {directory} are: {', '.join(sorted(registry.checklists))}"
        print(f"error: no checklist has the id {checklist_id!r}; {hint}", file=sys.stderr)
        return 2
    try:
        data = export(checklist, fmt, output, paper, config)
    except (RuntimeError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if data is not None:
        sys.stdout.buffer.write(data)
    elif output is not None or fmt == "pdf":
        print(f"Wrote {output or f'{checklist.id}-{paper}.pdf'}.", file=sys.stderr)
    return 0


#: The project's own schema, beside its checklists: the shipped one with the ids its conf.py allows.
PROJECT_SCHEMA = "checklist.schema.json"


def project_schema_text(config: ChecklistConfig) -> str:
    return json.dumps(project_schema(config.vocabulary), indent=2, ensure_ascii=False) + "\n"


def write_schema(directory: Path, output: Path | None, export: bool = False) -> int:
    """Write the project's schema, which editors use to check YAML files while they are typed; or, with ``export``,
    the extension's schema of checklists.json, made from the model (for the extension's own maintainers)."""
    if export:
        from .export_schema import write_export_schema

        write_export_schema()
        print("Wrote the schema of checklists.json.")
        return 0
    target = output or directory / PROJECT_SCHEMA
    target.write_text(project_schema_text(project_config(directory)), encoding="utf-8")
    print(f"Wrote {target}.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sphinx_checklist", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    new = commands.add_parser("new", help="create a valid checklist skeleton")
    new.add_argument("id", help="the checklist id, which is also its file name: lower-case-words")
    new.add_argument("--title", required=True)
    new.add_argument("--dir", type=Path, default=Path("checklists"))
    checker = commands.add_parser("check", help="validate every checklist file against the schema and rules")
    checker.add_argument("--dir", type=Path, default=Path("checklists"))
    exporter = commands.add_parser("export", help="write one blank checklist as Markdown, CSV, JSON, HTML or PDF")
    exporter.add_argument("id", help="the checklist id, such as before-convening")
    exporter.add_argument("--format", choices=("md", "csv", "json", "html", "pdf"), default="md")
    exporter.add_argument("--output", type=Path, help="file to write (default: standard output; ID-PAPER.pdf for pdf)")
    exporter.add_argument("--paper", choices=("a4", "letter"), default="a4", help="paper size of the PDF")
    exporter.add_argument("--dir", type=Path, default=Path("checklists"))
    schema = commands.add_parser("schema", help="write the project's JSON Schema (roles, stages, sources from conf.py) for editors")
    schema.add_argument("--dir", type=Path, default=Path("checklists"))
    schema.add_argument("--output", type=Path, help=f"file to write (default: DIR/{PROJECT_SCHEMA})")
    schema.add_argument("--export", action="store_true", help="instead, write the shipped schema of checklists.json from the model")
    args = parser.parse_args(argv)
    if args.command == "schema":
        return write_schema(args.dir, args.output, args.export)
    if args.command == "new":
        return new_checklist(args.id, args.title, args.dir)
    if args.command == "export":
        return export_checklist(args.id, args.format, args.output, args.paper, args.dir)
    return check(args.dir)
