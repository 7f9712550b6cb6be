"""The checklist model, and the one declaration of every field: what a validated YAML file becomes.

Each field is declared once, here, as a dataclass field whose metadata (:class:`Spec`) says where
it comes from and where it goes: read from the YAML key of the same name, written on the item's
table row for the script (``data-checklist-<name>``, in an encoding the script decodes generically),
and published in ``checklists.json``. The model builder, the row attributes, the script's field list
and the public export all read these declarations, so adding a field means declaring it here, adding
it to the JSON Schema and, if readers see it, rendering it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import MISSING, Field, dataclass, field, fields, is_dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any, Literal, TypeVar

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_ROLE = re.compile(r"\{[\w:-]+\}`([^`<]*?)\s*(?:<[^>]*>)?`")
_EMPHASIS = re.compile(r"(\*{1,2}|_{1,2}|`)(\S(?:.*?\S)?)\1")

#: How a row attribute carries a value to the script: as text, space-separated words, JSON, or present/absent.
Encoding = Literal["text", "words", "json", "flag"]


def plain(text: str) -> str:
    """MyST inline text without its markup: links and roles keep their words, emphasis loses its stars."""
    text = _ROLE.sub(r"\1", _LINK.sub(r"\1", text))
    return _EMPHASIS.sub(r"\2", text).strip()


@dataclass(frozen=True)
class Spec:
    """Where a declared field comes from and where it goes."""

    #: read from the YAML key of the same name; False for what the loader computes (file lines, parent ids)
    from_yaml: bool = True
    #: written on the item's row as ``data-checklist-<name>`` for the script, in this encoding
    row: Encoding | None = None
    #: published in checklists.json
    public: bool = True
    #: MyST text: its file line is kept, so problems inside it point at their own line
    myst: bool = False
    #: turns the YAML value into the model's (lists into tuples, mappings into records)
    convert: Callable[[Any], Any] | None = None


def declared(default: Any = MISSING, *, factory: Callable[[], Any] | Any = MISSING, **spec: Any) -> Any:
    """A dataclass field carrying its :class:`Spec`."""
    if factory is not MISSING:
        return field(default_factory=factory, metadata={"spec": Spec(**spec)})
    return field(default=default, metadata={"spec": Spec(**spec)})


def computed(default: Any = MISSING, *, factory: Callable[[], Any] | Any = MISSING) -> Any:
    """A field the loader fills in (a file line, a parent id): not read from YAML, not published."""
    return declared(default, factory=factory, from_yaml=False, public=False)


def spec_of(f: Field[Any]) -> Spec | None:
    spec = f.metadata.get("spec")
    return spec if isinstance(spec, Spec) else None


Record = TypeVar("Record")


def build(cls: type[Record], raw: Mapping[str, Any], **computed_values: Any) -> Record:
    """A record from schema-valid YAML data, by its declarations: every YAML field present, converted."""
    values: dict[str, Any] = {}
    for f in fields(cls):  # type: ignore[arg-type]
        spec = spec_of(f)
        if spec and spec.from_yaml and f.name in raw:
            value = raw[f.name]
            values[f.name] = spec.convert(value) if spec.convert else value
    return cls(**values, **computed_values)


def records_of(cls: type[Record]) -> Callable[[Any], tuple[Record, ...]]:
    """A converter for a YAML list of mappings into a tuple of records."""
    return lambda values: tuple(build(cls, value) for value in values)


@cache
def public_fields(cls: type) -> tuple[str, ...]:
    """Names of the declared public fields of a record class (asked once per class, not per record)."""
    return tuple(f.name for f in fields(cls) if (spec := spec_of(f)) is not None and spec.public)


def public(record: Any) -> Any:
    """A record as published: its public declared fields, tuples as lists, nested records the same way."""
    if is_dataclass(record) and not isinstance(record, type):
        return {name: public(getattr(record, name)) for name in public_fields(type(record))}
    if isinstance(record, (list, tuple)):
        return [public(value) for value in record]
    if isinstance(record, dict):
        return {key: public(value) for key, value in record.items()}
    return record


@dataclass(frozen=True)
class Source:
    report: str = declared()
    section: str = declared()
    pages: str | None = declared(None)


@dataclass(frozen=True)
class Level:
    value: int = declared()
    label: str = declared()
    description: str = declared(myst=True)


@dataclass(frozen=True)
class Unknown:
    """The "don't know" level of a scale, left out of every score."""

    label: str = declared()
    description: str | None = declared(None)


@dataclass(frozen=True)
class Scale:
    levels: tuple[Level, ...] = declared(convert=records_of(Level))
    unknown: Unknown = declared(convert=lambda raw: build(Unknown, raw))
    low_below: int | None = declared(None)
    #: "strength": a low rating means something is weak (the results list the weakest items, with what to do);
    #: "agreement": a low rating only means "disagree", so no item is called weak
    measures: str = declared("strength")


@dataclass(frozen=True)
class Group:
    id: str = declared()
    title: str = declared()
    description: str | None = declared(None, myst=True)


@dataclass(frozen=True)
class Outcome:
    id: str = declared()
    title: str = declared()
    description: str | None = declared(None, myst=True)
    #: label of the section of the site that explains the outcome
    source: str | None = declared(None)


@dataclass(frozen=True)
class Choice:
    """One option of an item the reader records a choice on."""

    id: str = declared()
    label: str = declared()
    description: str | None = declared(None)


@dataclass(kw_only=True)
class Item:
    id: str = declared()
    text: str = declared(myst=True)
    #: a short label, on the row for the results, comparisons and exports
    summary: str | None = declared(None, row="text")
    #: who acts on the item; the loader fills in the checklist's audience when the file names none
    roles: tuple[str, ...] = declared((), row="words", convert=tuple)
    guidance: str | None = declared(None, myst=True)
    low_rating_guidance: str | None = declared(None, myst=True)
    source: str | None = declared(None)
    see_also: tuple[str, ...] = declared((), convert=tuple)
    allow_na: bool = declared(False, row="flag")
    #: "report" when the item restates a source; "handbook" when it (or its guidance) is the site's own advice.
    basis: str = declared("report", row="text")
    group: str | None = declared(None, row="text")
    weights: dict[str, float] = declared(factory=dict, row="json", convert=dict)
    applies_to: tuple[str, ...] = declared((), row="words", convert=tuple)
    choices: tuple[Choice, ...] = declared((), convert=records_of(Choice))
    checklist_id: str = computed("")
    line: int = computed(0)
    #: File line of each MyST field (text, guidance...), so problems inside them point at their own line.
    field_lines: dict[str, int] = computed(factory=dict)

    @property
    def global_id(self) -> str:
        """The id used across the site and in saved answers: ``checklist.item``."""
        return f"{self.checklist_id}.{self.id}"

    @property
    def anchor(self) -> str:
        """HTML id of the item's row."""
        return f"checklist-{self.checklist_id}-{self.id}"

    @property
    def is_handbook_advice(self) -> bool:
        return self.basis == "handbook"

    @cached_property
    def plain_text(self) -> str:
        """The summary, or else the text, without inline markup: for link texts, indexes and exports."""
        return plain(self.summary or self.text)

    def line_of(self, name: str) -> int:
        """The file line of one of the item's MyST fields."""
        return self.field_lines.get(name, self.line)


@dataclass(kw_only=True)
class Section:
    id: str = declared()
    title: str = declared()
    description: str | None = declared(None, myst=True)
    #: where in the work the section is done, such as "when the session opens"
    pause_point: str | None = declared(None)
    #: stages of the section when narrower than the checklist's (see Checklist.stage_of)
    stage: tuple[str, ...] = declared((), convert=tuple)
    items: list[Item] = computed(factory=list)
    line: int = computed(0)
    description_line: int = computed(0)


#: How a checklist is meant to be used, as checklist research names the two ways.
MODES = {
    "read-do": "Read-do: do each item as you read it.",
    "do-confirm": "Do-confirm: work from memory, then confirm every item is done.",
}


@dataclass(kw_only=True)
class Checklist:
    id: str = declared()
    title: str = declared()
    description: str = declared(myst=True)
    kind: str = declared()
    mode: str | None = declared(None)
    version: str = declared()
    audience: tuple[str, ...] = declared(convert=tuple)
    stage: tuple[str, ...] = declared((), convert=tuple)
    sources: tuple[Source, ...] = declared(convert=records_of(Source))
    scale: Scale | None = declared(None, convert=lambda raw: build(Scale, raw))
    groups: tuple[Group, ...] = declared((), convert=records_of(Group))
    outcomes: tuple[Outcome, ...] = declared((), convert=records_of(Outcome))
    sections: list[Section] = computed(factory=list)
    path: Path = computed(Path())
    line: int = computed(1)
    #: File line of each MyST field of the checklist and its parts, by their path in the file ("description", ...).
    field_lines: dict[str, int] = computed(factory=dict)

    @property
    def items(self) -> list[Item]:
        return [item for section in self.sections for item in section.items]

    def stage_of(self, section: Section) -> tuple[str, ...]:
        """A section's stages, defaulting to the checklist's."""
        return section.stage or self.stage


@cache
def row_fields() -> tuple[tuple[str, Encoding], ...]:
    """(field name, encoding) of every item field written on its row for the script."""
    return tuple((f.name, spec.row) for f in fields(Item) if (spec := spec_of(f)) is not None and spec.row)


def row_attribute(name: str) -> str:
    return "data-checklist-" + name.replace("_", "-")


def script_field_list() -> list[list[str]]:
    """[property, attribute, encoding] of each row field: how the script reads items (see readItem)."""
    return [[_camel(name), row_attribute(name), encoding] for name, encoding in row_fields()]


@cache
def _item_defaults() -> dict[str, Any]:
    return {f.name: f.default for f in fields(Item)}


def row_attributes(item: Item) -> dict[str, str]:
    """The row attributes of an item, by its declarations; a default value writes nothing, a true flag an empty attribute."""
    defaults = _item_defaults()
    out: dict[str, str] = {}
    for name, encoding in row_fields():
        value = getattr(item, name)
        if not value or value == defaults.get(name):
            continue
        out[row_attribute(name)] = _encode(value, encoding)
    return out


def _encode(value: Any, encoding: Encoding) -> str:
    if encoding == "flag":
        return ""  # present means true
    if encoding == "words":
        return " ".join(value)
    if encoding == "json":
        return json.dumps(value, sort_keys=True, separators=(",", ":"))
    return str(value)


def _camel(name: str) -> str:
    first, *rest = name.split("_")
    return first + "".join(part.capitalize() for part in rest)


def myst_fields(cls: type) -> Iterator[str]:
    for f in fields(cls):
        spec = spec_of(f)
        if spec and spec.myst:
            yield f.name


def checklist_from_data(data: Mapping[str, Any], path: Path, line_of: Callable[[tuple[Any, ...]], int]) -> Checklist:
    """Build the model from data that already passed the schema; ``line_of(doc_path)`` gives file lines."""
    checklist = build(Checklist, data, path=path, line=line_of(()))
    checklist.field_lines = {"description": line_of(("description",))}
    for s_index, raw_section in enumerate(data["sections"]):
        where = ("sections", s_index)
        section = build(Section, raw_section, line=line_of(where), description_line=line_of((*where, "description")))
        for i_index, raw_item in enumerate(raw_section["items"]):
            here = (*where, "items", i_index)
            item = build(
                Item,
                raw_item,
                checklist_id=checklist.id,
                line=line_of(here),
                field_lines={key: line_of((*here, key)) for key in myst_fields(Item) if key in raw_item},
            )
            item.roles = item.roles or checklist.audience
            section.items.append(item)
        checklist.sections.append(section)
    for kind, records in (("groups", checklist.groups), ("outcomes", checklist.outcomes)):
        for index, _ in enumerate(records):
            for key in ("description", "source"):
                checklist.field_lines[f"{kind}[{index}].{key}"] = line_of((kind, index, key))
    return checklist
