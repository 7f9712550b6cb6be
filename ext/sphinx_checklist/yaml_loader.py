"""Read a YAML checklist into plain data, keeping the line of every value for error messages.

A checklist file is untrusted input, so the loader accepts only what a checklist needs: one
document, a mapping at the top, text keys, no anchors or aliases (which can expand without bound or
refer to themselves), no control characters, finite numbers, and limited size and depth. Anything
else is a problem at its line, never an exception.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import yaml

# The C loader parses about 8.6x faster here; the pure-Python one is the fallback.
_Loader: type[yaml.SafeLoader | yaml.CSafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: A path into the document: keys and list indexes, such as ("sections", 0, "items").
Path_ = tuple[str | int, ...]

#: Far more than any real checklist (the largest is about 30 KB); a bigger file is a mistake or an attack.
MAX_FILE_BYTES = 1_000_000
#: A checklist nests about six levels deep (sections, items, choices...).
MAX_DEPTH = 12
# Control characters (tab and line feed excepted) and the bidirectional overrides that can make text
# read differently from what it says; none belongs in a checklist.
# YAML's plain types; any other tag (!!binary, !!set, !!python/...) is refused.
_TAGS = {"tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class _Refused(Exception):
    """A construct a checklist file may not use, at a line."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


class YamlProblem(NamedTuple):
    """A file that cannot be read as a checklist's YAML, and why."""

    #: 1-based line of the file
    line: int
    #: what is wrong and what to do
    message: str


@dataclass
class LoadedYaml:
    """A parsed file: its data, and the 1-based line of each path into it."""

    path: Path
    data: object = None
    lines: dict[Path_, int] = field(default_factory=dict)
    problems: list[YamlProblem] = field(default_factory=list)

    def line_of(self, doc_path: Iterable[str | int]) -> int:
        """Line of the deepest part of ``doc_path`` that exists, so even a missing key points near its parent."""
        path = tuple(doc_path)
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)


def load_yaml(path: Path) -> LoadedYaml:
    """Parse ``path``; syntax errors and repeated keys become ``problems`` (line, message), never exceptions."""
    result = LoadedYaml(path=path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            result.problems.append(
                YamlProblem(
                    1,
                    f"the file is larger than {MAX_FILE_BYTES // 1000} KB; a checklist is far smaller, so split it into several checklists",
                )
            )
            return result
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        result.problems.append(YamlProblem(1, f"cannot read the file ({exc}); save it as UTF-8 text"))
        return result
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if root is None or (isinstance(root, yaml.ScalarNode) and root.tag == "tag:yaml.org,2002:null"):
            result.problems.append(YamlProblem(1, "the file is empty; start from a copy of an existing checklist"))
            return result
        result.data = _construct(loader, root, (), result, set())
    except _Refused as exc:
        result.data = None
        result.problems.append(YamlProblem(exc.line, exc.message))
    except RecursionError:
        result.data = None
        result.problems.append(YamlProblem(1, "the file nests too deeply to read; a checklist is a few levels deep"))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = " ".join(part for part in (exc.context, exc.problem) if part)
        result.problems.append(
            YamlProblem(line, f"YAML syntax error: {what}; check indentation, and quote text that contains ': ' or starts with a symbol")
        )
    except yaml.YAMLError as exc:
        result.problems.append(YamlProblem(1, f"YAML error: {exc}"))
    finally:
        loader.dispose()
    return result


def _line(node: yaml.Node) -> int:
    line: int = node.start_mark.line + 1
    return line


def _construct(loader: yaml.SafeLoader | yaml.CSafeLoader, node: yaml.Node, doc_path: Path_, result: LoadedYaml, seen: set[int]) -> object:
    if id(node) in seen:
        # The composer hands back the very node an alias names, so meeting a node twice means an alias:
        # refused, since aliases can refer to themselves or multiply a file's size without bound.
        raise _Refused(_line(node), "anchors and aliases (&name, *name) are not allowed in a checklist; write the value out in full")
    seen.add(id(node))
    if node.tag not in _TAGS:
        raise _Refused(
            _line(node),
            f"the tag {node.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed in a checklist; "
            "remove it and write plain text, numbers, lists and keys",
        )
    if len(doc_path) > MAX_DEPTH:
        raise _Refused(_line(node), f"the file nests more than {MAX_DEPTH} levels deep; a checklist is a few levels deep")
    result.lines[doc_path] = _line(node)
    if isinstance(node, yaml.MappingNode):
        mapping: dict[str, object] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                shown = repr(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "(a list or mapping)"
                raise _Refused(_line(key_node), f"the key {shown} is not a word; keys are names such as id, title or items")
            key = loader.construct_object(key_node, deep=True)
            _check_text(key, key_node)
            if id(value_node) in seen:
                raise _Refused(
                    _line(key_node), f"the value of {key!r} is an alias (*name), which a checklist may not use; write the value out in full"
                )
            if key in mapping:
                result.problems.append(
                    YamlProblem(key_node.start_mark.line + 1, f"the key {key!r} appears twice in the same block; keep one")
                )
            mapping[key] = _construct(loader, value_node, (*doc_path, key), result, seen)
            result.lines[(*doc_path, key)] = key_node.start_mark.line + 1
        return mapping
    if isinstance(node, yaml.SequenceNode):
        for child in node.value:
            if id(child) in seen:
                raise _Refused(_line(node), "this list holds an alias (*name), which a checklist may not use; write the value out in full")
        return [_construct(loader, child, (*doc_path, i), result, seen) for i, child in enumerate(node.value)]
    value = loader.construct_object(node, deep=True)
    if isinstance(value, float) and not math.isfinite(value):
        raise _Refused(_line(node), f"{node.value!r} is not a usable number; write a number such as 1 or 2.5")
    if isinstance(value, str):
        _check_text(value, node)
    return value


def _check_text(value: str, node: yaml.Node) -> None:
    bad = _CONTROL.search(value)
    if bad:
        raise _Refused(
            _line(node),
            f"the text {value[:40]!r} contains the control character U+{ord(bad.group()):04X}; "
            "delete it (retype the text if you cannot see it)",
        )
