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
        result.problems.append(explain_syntax_error(exc, text))
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


# ---------------------------------------------------------------- syntax errors in plain words

#: A line that starts a key (``key:``), possibly as a list entry (``- key:``).
_KEY_LINE = re.compile(r"^(?P<indent> *)(?P<dash>- +)?(?P<key>[^\s#:'\"\[\]{}][^:#]*?|'[^']*'|\"[^\"]*\"):(?:[ \t]|$)")
#: A list entry line (``- ...``).
_DASH_LINE = re.compile(r"^(?P<indent> *)- ")


class _Block(NamedTuple):
    """Where the keys (or list entries) of an open block start, and a line that shows it."""

    column: int
    line: int
    shown: str


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _open_blocks(lines: list[str], before: int) -> tuple[list[_Block], list[_Block]]:
    """The key columns and list-entry columns of the blocks still open above line index ``before``.

    Walking up, a line counts when it is the nearest one or indented less than every line counted so far
    (its ancestors); the nearest blocks come first.
    """
    keys: list[_Block] = []
    dashes: list[_Block] = []
    smallest = None
    for index in range(before - 1, -1, -1):
        text = lines[index]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        indent = _indent(text)
        if smallest is not None and indent >= smallest:
            continue
        smallest = indent
        key = _KEY_LINE.match(text)
        dash = _DASH_LINE.match(text)
        if dash:
            dashes.append(_Block(indent, index + 1, text.strip()))
        if key:
            column = len(key.group("indent")) + len(key.group("dash") or "")
            keys.append(_Block(column, index + 1, f"{key.group('key')}:"))
    return keys, dashes


def _nearest(blocks: list[_Block], column: int) -> _Block | None:
    """The block whose column is closest to ``column``; on a tie, the nearest one above."""
    if not blocks:
        return None
    return min(blocks, key=lambda block: abs(block.column - column))


def _spaces(count: int) -> str:
    return f"{count} space{'s' if count != 1 else ''}"


def _misindented(lines: list[str], index: int) -> str | None:
    """What indentation line ``index`` (0-based) needs, from the blocks open above it, or None if it has the right one."""
    text = lines[index]
    indent = _indent(text)
    opener = _line_above(lines, index)
    if opener is not None and _opens_block(lines[opener]) and indent >= _key_column(lines[opener]):
        return None  # the first line of a new block, under ``key:``: any deeper indentation is its own
    keys, dashes = _open_blocks(lines, index)
    if _DASH_LINE.match(text):
        block = _nearest(dashes, indent) or _nearest(keys, indent)
        what = "the other entries of this list start"
    elif _KEY_LINE.match(text):
        block = _nearest(keys, indent)
        what = "the keys of this block start"
    else:
        return None
    if block is None or block.column == indent:
        return None
    return (
        f"line {index + 1} is indented {_spaces(indent)}, but {what} at {block.column} "
        f"(like `{block.shown}` on line {block.line}): indent it {_spaces(block.column)}"
    )


def _line_above(lines: list[str], index: int) -> int | None:
    """The nearest line above ``index`` that holds more than a comment."""
    for above in range(index - 1, -1, -1):
        if lines[above].strip() and not lines[above].lstrip().startswith("#"):
            return above
    return None


def _opens_block(text: str) -> bool:
    """Whether the line is a key with nothing after its ':', so the lines below are its value."""
    key = _KEY_LINE.match(text)
    return key is not None and not _value_of(text)


def _key_column(text: str) -> int:
    key = _KEY_LINE.match(text)
    return len(key.group("indent")) + len(key.group("dash") or "") if key else _indent(text)


def _value_of(text: str) -> str:
    key = _KEY_LINE.match(text)
    return text[key.end() :].strip() if key else text.strip()


def explain_syntax_error(error: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    """A YAML parser's complaint as one plain sentence: what is wrong on which line, and what to write instead."""
    lines = text.splitlines() or [""]
    problem = error.problem_mark or error.context_mark
    context = error.context_mark
    at = min(problem.line if problem else 0, len(lines) - 1)
    said = f"{error.context or ''} {error.problem or ''}"
    line, message = _explanation(said, lines, at, min(context.line, len(lines) - 1) if context else at, problem)
    return YamlProblem(line, f"YAML syntax error: {message}")


def _explanation(said: str, lines: list[str], at: int, context_at: int, mark: yaml.Mark | None) -> tuple[int, str]:
    """(1-based line, what is wrong and what to do) for the parser's words ``said`` about line index ``at``."""
    tabbed = next((i for i in (at, at - 1, context_at) if 0 <= i < len(lines) and "\t" in lines[i][: _indent(lines[i]) + 1]), None)
    if "tab" in said or "'\\t'" in said or tabbed is not None:
        index = tabbed if tabbed is not None else at
        keys, _ = _open_blocks(lines, index)
        like = f", {_spaces(keys[0].column)} to line up with `{keys[0].shown}` on line {keys[0].line}" if keys else ""
        return index + 1, f"line {index + 1} is indented with a tab, and YAML indents with spaces only: replace the tab with spaces{like}"
    if "cannot start any token" in said and mark is not None:
        char = lines[at][mark.column : mark.column + 1] or "this character"
        return at + 1, (
            f"on line {at + 1} a value cannot start with {char!r}; put the whole value in double quotes, "
            f'such as: "{_value_of(lines[at])[:40]}"'
        )
    if "unknown escape" in said:
        return at + 1, (
            f"line {at + 1} has a backslash inside double quotes, where it starts an escape such as \\n; "
            "write two backslashes (\\\\), or use single quotes"
        )
    if "quoted scalar" in said and "end of stream" in said:
        return (
            context_at + 1,
            f"the quote that opens the value on line {context_at + 1} is never closed; end the text with the same quote mark",
        )
    if "flow sequence" in said or "flow mapping" in said:
        bracket = "]" if "sequence" in said else "}"
        return context_at + 1, (
            f"the {'list' if bracket == ']' else 'mapping'} opened with {'[' if bracket == ']' else '{'} on line {context_at + 1} "
            f"is not closed: end it with {bracket} on the same line, and quote any entry that holds a comma or colon"
        )
    if "sequence entries are not allowed" in said:
        return at + 1, (
            f"line {at + 1} has a list entry ('- ') after a key on the same line; start the list on the next line, "
            "indented under the key, or put the value in quotes if the dash is part of the text"
        )
    if "could not find expected ':'" in said:
        index = context_at
        misplaced = _misindented(lines, index)
        if misplaced:
            return index + 1, misplaced
        return index + 1, _no_colon(lines, index)
    if "mapping values are not allowed" in said:
        value = _value_of(lines[at])
        if ": " in value or value.endswith(":"):
            return at + 1, f"line {at + 1} has a ':' inside a value; put the value in double quotes, such as: \"{value[:40]}\""
    misindented = _first_misindented(lines, at)
    if misindented is not None:
        return misindented
    quoted = re.match(r"^(['\"]).*?\1\s*\S", _value_of(lines[at]))
    if quoted:
        return at + 1, (
            f"on line {at + 1} text follows the closing quote of the value; put the whole value in double quotes "
            "(inside single quotes, write an apostrophe as '')"
        )
    if not _KEY_LINE.match(lines[at]) and not _DASH_LINE.match(lines[at]):
        return at + 1, _no_colon(lines, at)
    return (
        at + 1,
        "this line does not fit the lines above it; check that it is indented like its neighbours, and quote text that holds ': '",
    )


def _first_misindented(lines: list[str], at: int) -> tuple[int, str] | None:
    """The misindented line nearest ``at`` and what it needs: that line, else the one before (the parser often notices a line late)."""
    for index in (at, at - 1):
        message = _misindented(lines, index) if 0 <= index < len(lines) and lines[index].strip() else None
        if message:
            return index + 1, message
    return None


def _no_colon(lines: list[str], index: int) -> str:
    """Line ``index`` is neither ``key: value`` nor a list entry: a key without its ':', or text that lost its indentation."""
    text = lines[index].strip()
    keys, _ = _open_blocks(lines, index)
    above = keys[0] if keys else None
    continues = (
        f"; if it continues the text of `{above.shown}` on line {above.line}, indent it more than {_spaces(above.column)}" if above else ""
    )
    return f"line {index + 1} ({text[:40]!r}) is not `key: value`: add the ':' after the key{continues}"
