"""The checklist model: what a validated YAML file becomes, with the file line of every part."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_ROLE = re.compile(r"\{[\w:-]+\}`([^`<]*?)\s*(?:<[^>]*>)?`")
_EMPHASIS = re.compile(r"(\*{1,2}|_{1,2}|`)(\S(?:.*?\S)?)\1")


def plain(text: str) -> str:
    """MyST inline text without its markup: links and roles keep their words, emphasis loses its stars."""
    text = _ROLE.sub(r"\1", _LINK.sub(r"\1", text))
    return _EMPHASIS.sub(r"\2", text).strip()


@dataclass(frozen=True)
class Source:
    report: str
    section: str
    pages: str | None = None


@dataclass(frozen=True)
class Level:
    value: int
    label: str
    description: str


@dataclass(frozen=True)
class Scale:
    levels: tuple[Level, ...]
    unknown_label: str
    unknown_description: str | None = None
    low_below: int | None = None


@dataclass(frozen=True)
class Group:
    id: str
    title: str
    description: str | None = None


@dataclass(frozen=True)
class Outcome:
    id: str
    title: str
    description: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Choice:
    """One option of an item the reader records a choice on."""

    id: str
    label: str
    description: str | None = None


@dataclass
class Item:
    id: str
    text: str
    line: int
    checklist_id: str = ""
    summary: str | None = None
    roles: tuple[str, ...] = ()
    guidance: str | None = None
    low_rating_guidance: str | None = None
    source: str | None = None
    see_also: tuple[str, ...] = ()
    allow_na: bool = False
    #: "report" when the item restates a source report; "handbook" when it (or its guidance) is the handbook's own advice.
    basis: str = "report"
    group: str | None = None
    weights: dict[str, float] = field(default_factory=dict)
    applies_to: tuple[str, ...] = ()
    choices: tuple[Choice, ...] = ()
    #: File line of each MyST field (text, guidance...), so problems inside them point at their own line.
    field_lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def global_id(self) -> str:
        """The id used across the handbook and in saved answers: ``checklist.item``."""
        return f"{self.checklist_id}.{self.id}"

    @property
    def anchor(self) -> str:
        """HTML id of the item's row."""
        return f"checklist-{self.checklist_id}-{self.id}"

    @property
    def is_handbook_advice(self) -> bool:
        return self.basis == "handbook"

    @property
    def plain_text(self) -> str:
        """The summary, or else the text, without inline markup: for link texts, indexes and exports."""
        return plain(self.summary or self.text)


@dataclass
class Section:
    id: str
    title: str
    line: int
    items: list[Item]
    description: str | None = None
    stage: tuple[str, ...] = ()
    description_line: int = 0


@dataclass
class Checklist:
    id: str
    title: str
    description: str
    kind: str
    version: str
    audience: tuple[str, ...]
    sources: tuple[Source, ...]
    sections: list[Section]
    path: Path
    line: int = 1
    stage: tuple[str, ...] = ()
    scale: Scale | None = None
    groups: tuple[Group, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    description_line: int = 0

    @property
    def items(self) -> list[Item]:
        return [item for section in self.sections for item in section.items]

    @property
    def is_assessment(self) -> bool:
        return self.kind == "assessment"

    def stage_of(self, section: Section) -> tuple[str, ...]:
        """A section's stages, defaulting to the checklist's."""
        return section.stage or self.stage

    def roles_of(self, item: Item) -> tuple[str, ...]:
        """An item's roles, defaulting to the checklist's audience."""
        return item.roles or self.audience


def checklist_from_data(data: dict, path: Path, line_of) -> Checklist:
    """Build the model from data that already passed the schema; ``line_of(doc_path)`` gives file lines."""
    checklist_id = data["id"]
    sections = []
    for s_index, sec in enumerate(data["sections"]):
        items = []
        for i_index, raw in enumerate(sec["items"]):
            here = ("sections", s_index, "items", i_index)
            items.append(
                Item(
                    id=raw["id"],
                    text=raw["text"],
                    line=line_of(("sections", s_index, "items", i_index)),
                    checklist_id=checklist_id,
                    summary=raw.get("summary"),
                    roles=tuple(raw.get("roles", ())),
                    guidance=raw.get("guidance"),
                    low_rating_guidance=raw.get("low_rating_guidance"),
                    source=raw.get("source"),
                    see_also=tuple(raw.get("see_also", ())),
                    allow_na=raw.get("allow_na", False),
                    basis=raw.get("basis", "report"),
                    group=raw.get("group"),
                    weights=dict(raw.get("weights", {})),
                    applies_to=tuple(raw.get("applies_to", ())),
                    choices=tuple(Choice(**c) for c in raw.get("choices", ())),
                    field_lines={key: line_of((*here, key)) for key in ("text", "guidance", "low_rating_guidance") if key in raw},
                )
            )
        sections.append(
            Section(
                id=sec["id"],
                title=sec["title"],
                line=line_of(("sections", s_index)),
                items=items,
                description=sec.get("description"),
                stage=tuple(sec.get("stage", ())),
                description_line=line_of(("sections", s_index, "description")),
            )
        )
    scale = None
    if "scale" in data:
        raw_scale = data["scale"]
        scale = Scale(
            levels=tuple(Level(**level) for level in raw_scale["levels"]),
            unknown_label=raw_scale["unknown"]["label"],
            unknown_description=raw_scale["unknown"].get("description"),
            low_below=raw_scale.get("low_below"),
        )
    return Checklist(
        id=checklist_id,
        title=data["title"],
        description=data["description"],
        kind=data["kind"],
        version=data["version"],
        audience=tuple(data["audience"]),
        sources=tuple(Source(**src) for src in data["sources"]),
        sections=sections,
        path=path,
        line=line_of(()),
        stage=tuple(data.get("stage", ())),
        scale=scale,
        groups=tuple(Group(**g) for g in data.get("groups", ())),
        outcomes=tuple(Outcome(**o) for o in data.get("outcomes", ())),
        description_line=line_of(("description",)),
    )
