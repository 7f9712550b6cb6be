"""Load every checklist file of the project once per build, reporting each problem at its file and line."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .anchors import anchor_problems
from .model import Checklist, checklist_from_data
from .problems import Problem
from .validate import validate
from .warnings_ import Subtype
from .yaml_loader import load_yaml

SUFFIXES = (".yaml", ".yml")


@dataclass
class Registry:
    """Valid checklists by id, and the files that failed (by stem) with their problems."""

    directory: Path
    checklists: dict[str, Checklist] = field(default_factory=dict)
    invalid: dict[str, Path] = field(default_factory=dict)
    problems: list[tuple[Path, Problem]] = field(default_factory=list)

    def path_for(self, checklist_id: str) -> Path:
        """Where the file of ``checklist_id`` is, or would be."""
        if checklist_id in self.checklists:
            return self.checklists[checklist_id].path
        return self.invalid.get(checklist_id, self.directory / f"{checklist_id}.yaml")


def checklist_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.suffix in SUFFIXES and p.is_file())


def load_checklist(path: Path) -> tuple[Checklist | None, list[Problem]]:
    """One file: the model when it is valid, and its problems."""
    loaded = load_yaml(path)
    problems = validate(loaded)
    if problems:
        return None, problems
    checklist = checklist_from_data(loaded.data, path, loaded.line_of)
    problems = anchor_problems(checklist)
    return (None, problems) if problems else (checklist, [])


def load_registry(directory: Path) -> Registry:
    registry = Registry(directory=directory)
    paths_by_stem: dict[str, list[Path]] = {}
    for path in checklist_files(directory):
        paths_by_stem.setdefault(path.stem, []).append(path)
    for stem, paths in paths_by_stem.items():
        if len(paths) > 1:
            # x.yaml and x.yml would both define checklist x: neither is rendered until one is removed.
            names = " and ".join(p.name for p in paths)
            for path in paths:
                registry.problems.append((path, Problem(Subtype.duplicate_id, 1, f"{names} both define the checklist {stem!r}; "
                                                        "keep one file and delete the other")))
            registry.invalid[stem] = paths[0]
            continue
        path = paths[0]
        checklist, problems = load_checklist(path)
        registry.problems += [(path, p) for p in problems]
        if checklist is None:
            registry.invalid[path.stem] = path
        else:
            registry.checklists[checklist.id] = checklist
    return registry
