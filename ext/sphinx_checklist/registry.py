"""Load every checklist file of the project once per build, reporting each problem at its file and line.

A file whose bytes, and the rules it is checked against, have not changed since the last build is not
read again: its model (or its problems) comes from a cache beside the doctrees.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, cast

from .anchors import anchor_problems
from .config import ChecklistConfig
from .model import Checklist, checklist_from_data
from .problems import Problem, Subtype
from .validate import load_schema, validate
from .yaml_loader import load_yaml

SUFFIXES = (".yaml", ".yml")


class FileProblem(NamedTuple):
    """A problem and the checklist file it is in."""

    path: Path
    problem: Problem


class Loaded(NamedTuple):
    """What one file gives: the model when it is valid, and its problems."""

    #: None when the file has problems
    checklist: Checklist | None
    problems: list[Problem]


class _Cached(NamedTuple):
    """A file's result, and the digest of the bytes it was loaded from."""

    digest: str
    result: Loaded


@dataclass
class Registry:
    """Valid checklists by id, and the files that failed (by stem) with their problems."""

    directory: Path
    config: ChecklistConfig = field(default_factory=ChecklistConfig)
    checklists: dict[str, Checklist] = field(default_factory=dict)
    invalid: dict[str, Path] = field(default_factory=dict)
    problems: list[FileProblem] = field(default_factory=list)

    def path_for(self, checklist_id: str) -> Path:
        """Where the file of ``checklist_id`` is, or would be."""
        if checklist_id in self.checklists:
            return self.checklists[checklist_id].path
        return self.invalid.get(checklist_id, self.directory / f"{checklist_id}.yaml")


def checklist_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.suffix in SUFFIXES and p.is_file())


def load_checklist(path: Path, config: ChecklistConfig | None = None) -> Loaded:
    """One file: the model when it is valid, and its problems."""
    loaded = load_yaml(path)
    problems = validate(loaded, (config or ChecklistConfig()).vocabulary)
    if problems:
        return Loaded(None, problems)
    # Valid, so a mapping of the shape the schema describes.
    checklist = checklist_from_data(cast(dict[str, Any], loaded.data), path, loaded.line_of)
    problems = anchor_problems(checklist)
    return Loaded(None, problems) if problems else Loaded(checklist, [])


class LoadCache:
    """Loaded files by path and content, saved between builds; entries of files that are gone are dropped."""

    def __init__(self, path: Path | None, config: ChecklistConfig) -> None:
        self.path = path
        # What a file's result depends on besides its bytes: this package's code, the schema and the allowed ids.
        code = b"".join(source.read_bytes() for source in sorted(Path(__file__).parent.glob("*.py")))
        self.rules = f"{hash_of(code)}:{hash_of(repr(load_schema()).encode())}:{config.vocabulary.key()!r}"
        self.entries: dict[str, _Cached] = {}
        self.used: dict[str, _Cached] = {}
        if path and path.is_file():
            try:
                saved = pickle.loads(path.read_bytes())
            except Exception:  # a cache from another version, or cut short: load every file again
                saved = None
            if isinstance(saved, dict) and saved.get("rules") == self.rules:
                self.entries = saved["entries"]

    def load(self, path: Path, config: ChecklistConfig) -> Loaded:
        key, digest = str(path), hash_of(path.read_bytes())
        cached = self.entries.get(key)
        result = cached.result if cached and cached.digest == digest else load_checklist(path, config)
        self.used[key] = _Cached(digest, result)
        return result

    def save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_bytes(pickle.dumps({"rules": self.rules, "entries": self.used}))


def hash_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_registry(directory: Path, config: ChecklistConfig | None = None, cache: Path | None = None) -> Registry:
    """Every checklist of ``directory``; ``cache`` is a file where results are kept for the next build."""
    config = config or ChecklistConfig()
    registry = Registry(directory=directory, config=config)
    loader = LoadCache(cache, config)
    paths_by_stem: dict[str, list[Path]] = {}
    for path in checklist_files(directory):
        paths_by_stem.setdefault(path.stem, []).append(path)
    for stem, paths in paths_by_stem.items():
        if len(paths) > 1:
            # x.yaml and x.yml would both define checklist x: neither is rendered until one is removed.
            names = " and ".join(p.name for p in paths)
            for path in paths:
                registry.problems.append(
                    FileProblem(
                        path,
                        Problem(Subtype.duplicate_id, 1, f"{names} both define the checklist {stem!r}; keep one file and delete the other"),
                    )
                )
            registry.invalid[stem] = paths[0]
            continue
        path = paths[0]
        checklist, problems = loader.load(path, config)
        registry.problems += [FileProblem(path, p) for p in problems]
        if checklist is None:
            registry.invalid[path.stem] = path
        else:
            registry.checklists[checklist.id] = checklist
    loader.save()
    return registry
