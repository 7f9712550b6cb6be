"""Command line: create a checklist skeleton, check every checklist file, or export one blank checklist.

python -m sphinx_checklist new ID --title "Title" [--dir checklists]
python -m sphinx_checklist check [--dir checklists]
python -m sphinx_checklist schema [--dir checklists] [--output FILE]
python -m sphinx_checklist export ID --format md|csv|json|html|pdf [--output FILE] [--paper a4|letter] [--dir checklists]
"""

from __future__ import annotations

import argparse
import difflib
import errno
import json
import os
import re
import sys
from collections.abc import Callable
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
        print(NOT_CHECKED)
        return 1
    print(f"{count} checklist file(s) valid")
    print(NOT_CHECKED)
    return 0


#: What ``check`` cannot see without reading the pages, said so that "valid" is not taken for more than it is.
NOT_CHECKED = (
    "not checked here: the labels items cite (source, see_also), {ref}, {term}, {doc} and {cite} targets in checklist "
    "text, and which pages render each checklist; run make html (the strict build) to check them"
)


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
    folder_help = "the folder of the checklist files (default: checklists, in the folder you run this from)"
    new = commands.add_parser("new", help="create a valid checklist skeleton")
    new.add_argument("id", help="the checklist id, which is also its file name: lower-case-words")
    new.add_argument("--title", required=True)
    new.add_argument("--dir", type=Path, help=folder_help)
    checker = commands.add_parser("check", help="validate every checklist file against the schema and rules")
    checker.add_argument("--dir", type=Path, help=folder_help)
    exporter = commands.add_parser("export", help="write one blank checklist as Markdown, CSV, JSON, HTML or PDF")
    exporter.add_argument("id", help="the checklist id, such as before-convening")
    exporter.add_argument("--format", choices=("md", "csv", "json", "html", "pdf"), default="md")
    exporter.add_argument("--output", type=Path, help="file to write (default: standard output; ID-PAPER.pdf for pdf)")
    exporter.add_argument("--paper", choices=("a4", "letter"), default="a4", help="paper size of the PDF")
    exporter.add_argument("--dir", type=Path, help=folder_help)
    schema = commands.add_parser("schema", help="write the project's JSON Schema (roles, stages, sources from conf.py) for editors")
    schema.add_argument("--dir", type=Path, help=folder_help)
    schema.add_argument("--output", type=Path, help=f"file to write (default: DIR/{PROJECT_SCHEMA})")
    schema.add_argument("--export", action="store_true", help="instead, write the shipped schema of checklists.json from the model")
    args = parser.parse_args(argv)  # a bad option: argparse's usage line and one error line, status 2
    return run_guarded(lambda: _run(args))


def _run(args: argparse.Namespace) -> int:
    """The command, once its folder and output are known to be usable."""
    if args.command == "schema" and args.export:
        return write_schema(Path(), None, True)
    directory = checklist_folder(args.dir)
    if args.command == "schema":
        return write_schema(directory, writable_output(args.output), False)
    if args.command == "new":
        return new_checklist(args.id, args.title, directory)
    if args.command == "export":
        output = writable_output(args.output)
        if args.format == "pdf":
            from .printing import require_chromium

            require_chromium()
            writable_output(output or Path(f"{args.id}-{args.paper}.pdf"))
        for message, _ in unread_entries(directory, args.id):
            raise CommandError(message, 1)
        return export_checklist(args.id, args.format, output, args.paper, directory)
    return check_with_unread(directory)


def check_with_unread(directory: Path) -> int:
    """``check``, first saying which entries of the folder it does not read, so nothing is skipped without a word."""
    unread = unread_entries(directory)
    for message, is_error in unread:
        print(("error: " if is_error else "note: ") + message)
    status = check(directory)
    errors = sum(is_error for _, is_error in unread)
    if errors:
        print(f"{errors} entry(ies) of {directory} named like a checklist file could not be read (listed above)")
        return max(status, 1)
    return status


# ---------------------------------------------------------------- bad input: one line, never a traceback


class CommandError(Exception):
    """Bad input found before the work starts: the line to print, and the exit status."""

    def __init__(self, message: str, status: int = 2) -> None:
        super().__init__(message)
        self.status = status


#: What an operating-system error means for a path, and what to do about it.
_OS_ADVICE = {
    errno.ENOENT: "does not exist, or cannot be created there; check the path, or create the folder first",
    errno.ENOTDIR: "cannot be used: a part of the path is a file, not a folder; check the path",
    errno.EISDIR: "is a folder; give the path of a file in it instead",
    errno.EEXIST: "is in the way: a file stands where a folder is needed; move or rename it",
    errno.ENAMETOOLONG: "is too long a name for the file system (most allow 255 bytes per name); use a shorter name",
    errno.EACCES: "cannot be used: permission denied; choose a place you may write to, or change its permissions",
    errno.EPERM: "cannot be used: the operation is not permitted there; choose another place",
    errno.EROFS: "is on a read-only file system; choose another place to write to",
    errno.ENOSPC: "cannot be written: the disk is full; free some space and try again",
    errno.ELOOP: "is a loop of symbolic links; fix the link",
    errno.EIO: "cannot be read or written (an input/output error); check the disk or the file",
}


def shown_path(path: object) -> str:
    """A path for a one-line message: a very long one keeps its start and says how long it is."""
    text = str(path)
    return text if len(text) <= 100 else f"{text[:60]}... ({len(text)} characters)"


def describe_os_error(error: OSError) -> str:
    """``error`` as one sentence naming its path, or the file system's words when it has none."""
    advice = _OS_ADVICE.get(error.errno or 0, f"cannot be used ({error.strerror or error}); check the path")
    path = error.filename if error.filename is not None else error.filename2
    if path is None:
        return f"{error.strerror or error}; check the paths you gave"
    return f"{shown_path(path)} {advice}"


def one_line(text: object) -> str:
    """The message of an error on one line; a Python traceback inside (from conf.py) is cut to its last line."""
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    starts = [index for index, line in enumerate(lines) if line.startswith("Traceback")]
    if starts:
        lines = lines[: starts[0]] + lines[-1:]
    return " ".join(lines)


def run_guarded(command: Callable[[], int]) -> int:
    """Run a command line: every error a user can cause ends as one line on standard error and status 1 or 2."""
    from sphinx.errors import SphinxError

    try:
        return command()
    except CommandError as error:
        message, status = str(error), error.status
    except SphinxError as error:  # conf.py could not be read, or a setting is wrong
        message, status = f"conf.py: {one_line(error)}; fix it, then run the command again", 2
    except OSError as error:
        message, status = describe_os_error(error), 1
    except (RuntimeError, ValueError) as error:  # Chromium or a build failed, a file is not what it should be
        message, status = one_line(error), 1
    except KeyboardInterrupt:
        message, status = "interrupted; nothing more was written", 1
    print(f"error: {message}", file=sys.stderr)
    return status


def checklist_folder(given: Path | None) -> Path:
    """The folder of checklist files: ``--dir``, else ``checklists`` here; one line saying what to do when it is not one."""
    folder = given if given is not None else Path("checklists")
    if folder.is_dir():
        return folder
    if given is None:
        raise CommandError(
            f"there is no checklists/ folder in {Path.cwd()}; run this from the project's folder (the one with conf.py "
            "and checklists/), or name the folder with --dir"
        )
    found = "is a file, not a folder" if folder.exists() else "does not exist"
    raise CommandError(f"--dir {shown_path(folder)} {found}; give the folder that holds the checklist .yaml files")


def writable_output(output: Path | None) -> Path | None:
    """``--output`` when a file can be written there; checked before any work, so a long build is not lost at the end."""
    if output is None:
        return None
    name = shown_path(output)
    too_long = next((part for part in output.parts if len(part.encode("utf-8")) > 255), None)
    if too_long is not None:
        raise CommandError(f"--output {name}: a name of {len(too_long)} characters is too long for the file system; use a shorter one")
    if output.is_dir():
        raise CommandError(f"--output {name} is a folder; give the path of a file inside it")
    parent = output.parent
    if not parent.is_dir():
        found = "is a file, not a folder" if parent.exists() else "does not exist"
        raise CommandError(f"--output {name}: its folder {shown_path(parent)} {found}; create the folder or choose another")
    if not output.exists():
        try:
            output.open("xb").close()  # the one sure test, also for root and special file systems
            output.unlink()
        except OSError as error:
            if error.errno == errno.ENOENT:  # the folder exists: this file system makes no files (such as /proc)
                raise CommandError(f"--output {name}: no file can be created in {shown_path(parent)}; choose another folder", 1) from None
            raise CommandError(f"--output {describe_os_error(error)}", 1) from None
    return output


def unread_entries(directory: Path, stem: str | None = None) -> list[tuple[str, bool]]:
    """Entries of the folder that ``check`` and the build do not read: (what to say, whether it is an error).

    A link to nothing or a folder named like a checklist file is an error (it was meant to be one); another
    folder is a note, since checklists are the files directly in the folder. ``stem``: only that checklist's.
    """
    found = []
    for entry in sorted(directory.iterdir()):
        if entry.name.startswith(".") or (stem is not None and entry.stem != stem):
            continue
        named_like_checklist = entry.suffix in (".yaml", ".yml")
        if named_like_checklist and entry.is_symlink() and not entry.exists():
            target = shown_path(os.readlink(entry))
            found.append((f"{entry}: a link to {target}, which does not exist; point it at a checklist file, or delete it", True))
        elif named_like_checklist and entry.is_dir():
            found.append((f"{entry} is a folder, not a checklist file; rename it, or move its files into {directory}", True))
        elif named_like_checklist and not entry.is_file():
            found.append((f"{entry} is not a regular file (a pipe or device?); replace it with the checklist's YAML file", True))
        elif entry.is_dir() and stem is None:
            found.append((f"{entry}/ is a folder, not read: checklists are the .yaml files directly in {directory}", False))
    return found
