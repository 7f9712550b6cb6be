"""A problem found in a checklist file: its warning subtype, line and message."""

from __future__ import annotations

from dataclasses import dataclass

from .warnings_ import Subtype


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a checklist file, at a line, with what to do about it."""

    subtype: Subtype
    line: int
    message: str


def format_path(doc_path) -> str:
    """("sections", 0, "items", 2, "text") -> "sections[0].items[2].text"."""
    out = ""
    for part in doc_path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"
