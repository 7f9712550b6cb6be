"""Check a parsed checklist against the JSON Schema, the rules for safe text, and the rules a schema cannot express."""

from __future__ import annotations

import copy
import difflib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any, cast

from jsonschema import Draft202012Validator, ValidationError, validators

from .config import Vocabulary
from .markup import markup_problems
from .problems import Problem, Subtype, format_path
from .yaml_loader import LoadedYaml, Path_

#: The JSON Schema of a checklist file as shipped: any slug for roles, stages and sources.
SCHEMA_PATH = Path(__file__).parent / "schema" / "checklist.schema.json"

#: The schema definitions each vocabulary of the project's configuration narrows to its ids.
VOCABULARY_DEFS = {"role": "roles", "stage": "stages", "report": "sources"}


@cache
def load_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


def project_schema(vocabulary: Vocabulary) -> dict[str, Any]:
    """The schema with the project's own roles, stages and sources as enums, each id described by its label."""
    schema = copy.deepcopy(load_schema())
    for definition, attribute in VOCABULARY_DEFS.items():
        labels: dict[str, str] = getattr(vocabulary, attribute)
        if labels:
            schema["$defs"][definition] = {
                "enum": list(labels),
                "description": "One of: " + "; ".join(f"{key} ({label})" for key, label in labels.items()) + ".",
            }
    return schema


def _ecma_pattern(validator: Any, pattern: str, instance: object, schema: Any) -> Iterator[ValidationError]:
    """``pattern`` as JSON Schema means it (ECMA-262): ``$`` is the end of the text.

    Python's ``$`` also matches before a final line break, so ``id: "a\\n"`` would pass the slug
    pattern and then break every anchor built from it.
    """
    if isinstance(instance, str) and not re.search(_ecma_to_python(pattern), instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def _ecma_to_python(pattern: str) -> str:
    return re.sub(r"(?<!\\)\$$", r"\\Z", pattern)


_Validator = validators.extend(Draft202012Validator, {"pattern": _ecma_pattern})


#: The most items a checklist section should ask at one pause point (assessments are exempt: they rate, not tick).
LONGEST_SECTION = 9

_VALIDATORS: dict[tuple[tuple[str, ...], ...], Any] = {}


def _validator(vocabulary: Vocabulary) -> Any:
    """One validator per set of allowed ids (labels do not change what is valid)."""
    key = vocabulary.key()
    if key not in _VALIDATORS:
        schema = project_schema(vocabulary)
        Draft202012Validator.check_schema(schema)
        _VALIDATORS[key] = _Validator(inline_refs(schema, schema["$defs"]))
    return _VALIDATORS[key]


def inline_refs(node: Any, defs: dict[str, Any]) -> Any:
    """The schema with each ``$ref`` to a definition replaced by the definition itself.

    The schema has no recursive definitions, so this ends; it spares the validator a reference lookup at
    every value (a third of its time). A ``$ref`` beside other keywords means both apply: the merged
    keywords are the same or stricter (an item's text is at most 1000 characters, any text 5000). The
    definition's description is kept, since it says what form a value must take.
    """
    if isinstance(node, dict):
        siblings = {key: inline_refs(value, defs) for key, value in node.items() if key != "$ref"}
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            target = inline_refs(defs[ref.removeprefix("#/$defs/")], defs)
            merged = {**target, **siblings}
            if "description" in target:
                merged["description"] = target["description"]
            return merged
        return siblings
    if isinstance(node, list):
        return [inline_refs(value, defs) for value in node]
    return node


def schema_problems(loaded: LoadedYaml, vocabulary: Vocabulary) -> list[Problem]:
    """Every schema violation, deepest first within each branch, each at the line of the offending value."""
    problems = []
    validator = _validator(vocabulary)
    for error in sorted(validator.iter_errors(loaded.data), key=lambda e: list(map(str, e.absolute_path))):
        for leaf in _leaves(error):
            problems.append(_schema_problem(leaf, loaded, validator.schema))
    return sorted(set(problems), key=lambda p: (p.line, p.message))


def _leaves(error: ValidationError) -> list[ValidationError]:
    """For "any of"/"one of" failures, report the most specific branch instead of the summary."""
    if error.context:
        best = max(error.context, key=lambda e: len(e.absolute_path))
        return _leaves(best)
    return [error]


def _schema_problem(error: ValidationError, loaded: LoadedYaml, schema: dict[str, Any]) -> Problem:
    doc_path: Path_ = tuple(error.absolute_path)
    where = format_path(doc_path)
    # The offending value and the keyword's value are any JSON; the stubs add an "unset" that errors of a validation never have.
    instance: Any = error.instance
    expected: Any = error.validator_value
    rules: Mapping[str, Any] = error.schema if isinstance(error.schema, Mapping) else {}
    if error.validator == "additionalProperties":
        allowed = sorted(rules.get("properties", {}))
        unknown = sorted(set(instance) - set(allowed))
        messages = []
        for key in unknown:
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"allowed keys here: {', '.join(allowed)}"
            messages.append(f"unknown key {key!r} in {where}; {hint}")
        line = loaded.line_of((*doc_path, unknown[0])) if unknown else loaded.line_of(doc_path)
        return Problem(Subtype.schema, line, "; ".join(messages))
    if error.validator == "required":
        return Problem(Subtype.schema, loaded.line_of(doc_path), f"{where}: {error.message}; add it")
    if error.schema is False:
        # The schema's kind rules: assessment-only keys in a checklist, checklist-only keys in an assessment.
        kind = loaded.data.get("kind") if isinstance(loaded.data, dict) else None
        other = "checklist" if kind == "assessment" else "assessment"
        # A false subschema under "properties" reports the object that holds the key: name the key itself.
        holder = _value_at(loaded.data, doc_path)
        refused = [key for key in _false_properties(error, schema) if isinstance(holder, dict) and key in holder]
        if refused:
            doc_path = (*doc_path, refused[0])
            where = format_path(doc_path)
        return Problem(
            Subtype.schema,
            loaded.line_of(doc_path),
            f"{where} is only allowed when kind is {other!r} (this file's kind is {kind!r}); remove it or change kind",
        )
    if error.validator == "enum":
        options = ", ".join(map(str, expected))
        return Problem(Subtype.schema, loaded.line_of(doc_path), f"{where}: {_shorten(instance)!r} is not allowed; use one of: {options}")
    if error.validator == "type" and expected == "string" and not isinstance(instance, (dict, list)):
        return Problem(
            Subtype.schema,
            loaded.line_of(doc_path),
            f'{where}: {_shorten(instance)!r} must be text; put it in quotes, for example "{_shorten(instance)}"',
        )
    if error.validator == "pattern":
        line = loaded.line_of(doc_path)
        if isinstance(instance, str) and not instance.strip():
            return Problem(Subtype.schema, line, f"{where} is blank; write the text, or remove the key")
        if isinstance(instance, str) and "\n" in instance and "\\n" in expected:
            return Problem(
                Subtype.schema,
                line,
                f"{where} must be one line; remove the line break (in YAML, write it on one line or after >- so lines are joined)",
            )
        hint = rules.get("description", f"it must match {expected}")
        return Problem(Subtype.schema, line, f"{where}: {_shorten(instance)!r} has the wrong form; {hint}")
    if error.validator == "maxLength":
        return Problem(
            Subtype.schema,
            loaded.line_of(doc_path),
            f"{where} is {len(instance)} characters long, more than the {expected} allowed; "
            "shorten it (longer help belongs in guidance, or on the page)",
        )
    if error.validator == "maxItems":
        return Problem(
            Subtype.schema,
            loaded.line_of(doc_path),
            f"{where} has {len(instance)} entries, more than the {expected} allowed; split the checklist into several",
        )
    return Problem(Subtype.schema, loaded.line_of(doc_path), f"{where}: {_shorten(error.message)}")


def _value_at(data: Any, doc_path: tuple[Any, ...]) -> Any:
    for step in doc_path:
        data = data[step]
    return data


def _false_properties(error: ValidationError, schema: dict[str, Any]) -> list[str]:
    """The keys a ``properties`` mapping refuses outright (``key: false``), found by following the error's schema path."""
    node: Any = schema
    for step in error.schema_path:
        if isinstance(node, dict) and step in node:
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and step < len(node):
            node = node[step]
        else:
            return []
    return [key for key, value in node.items() if value is False] if isinstance(node, dict) else []


def _shorten(value: object, limit: int = 80) -> object:
    """Quote at most ``limit`` characters of a value in a message, so a huge value cannot flood the log."""
    if isinstance(value, str) and len(value) > limit:
        return value[:limit] + "…"
    return value


def semantic_problems(loaded: LoadedYaml) -> list[Problem]:
    """Rules across parts of a schema-valid file that a schema cannot state: id = file name, unique ids, known
    groups and outcomes, declared stages, an ordered scale. Which keys each kind allows is in the schema."""
    # Called only once the schema passed, so the data is a mapping of the shape the schema describes.
    data, line_of = cast(dict[str, Any], loaded.data), loaded.line_of
    problems = []
    stem = loaded.path.stem
    if data["id"] != stem:
        problems.append(
            Problem(
                Subtype.id_mismatch,
                line_of(("id",)),
                f"the checklist id {data['id']!r} differs from its file name {loaded.path.name!r}; "
                f"rename the file to {data['id']}.yaml or set id: {stem}",
            )
        )
    problems += _duplicates("section", [(s["id"], ("sections", i, "id")) for i, s in enumerate(data["sections"])], line_of)
    item_paths = [
        (item["id"], ("sections", si, "items", ii, "id")) for si, sec in enumerate(data["sections"]) for ii, item in enumerate(sec["items"])
    ]
    problems += _duplicates("item", item_paths, line_of)
    problems += _duplicates("group", [(g["id"], ("groups", i, "id")) for i, g in enumerate(data.get("groups", []))], line_of)
    problems += _duplicates("outcome", [(o["id"], ("outcomes", i, "id")) for i, o in enumerate(data.get("outcomes", []))], line_of)

    stages = data.get("stage", [])
    for si, sec in enumerate(data["sections"]):
        for index, stage in enumerate(sec.get("stage", [])):
            if stage not in stages:
                problems.append(
                    _undeclared(
                        line_of(("sections", si, "stage", index)),
                        f"section {sec['id']!r} has stage {stage!r}, which the checklist does not list",
                        "add it to the checklist's stage:",
                        stages,
                        "stage",
                    )
                )
    groups = {g["id"] for g in data.get("groups", [])}
    outcomes = {o["id"] for o in data.get("outcomes", [])}
    for si, sec in enumerate(data["sections"]):
        for ii, item in enumerate(sec["items"]):
            here = ("sections", si, "items", ii)
            problems += _duplicates(
                "choice", [(c["id"], (*here, "choices", i, "id")) for i, c in enumerate(item.get("choices", []))], line_of
            )
            if "group" in item and item["group"] not in groups:
                problems.append(
                    _undeclared(
                        line_of((*here, "group")),
                        f"item {item['id']!r} counts towards group {item['group']!r}, which is not declared",
                        "declare it under groups:",
                        sorted(groups),
                        "groups",
                    )
                )
            outcome_refs = [(o, (*here, "weights", o), "weighs") for o in item.get("weights", {})]
            outcome_refs += [(o, (*here, "applies_to", i), "applies to") for i, o in enumerate(item.get("applies_to", []))]
            for outcome, doc_path, verb in outcome_refs:
                if outcome not in outcomes:
                    problems.append(
                        _undeclared(
                            line_of(doc_path),
                            f"item {item['id']!r} {verb} unknown outcome {outcome!r}",
                            "declare it under outcomes:",
                            sorted(outcomes),
                            "outcomes",
                        )
                    )
    if data["kind"] == "checklist":
        for si, sec in enumerate(data["sections"]):
            if len(sec["items"]) > LONGEST_SECTION:
                problems.append(
                    Problem(
                        Subtype.long_section,
                        line_of(("sections", si)),
                        f"section {sec['id']!r} has {len(sec['items'])} items; a checklist works best with five to nine "
                        f"items at one pause point: split it into sections, or drop items that need no reminder",
                    )
                )
    if "scale" in data:
        values = [level["value"] for level in data["scale"]["levels"]]
        if values != sorted(set(values)):
            problems.append(
                Problem(
                    Subtype.schema,
                    line_of(("scale", "levels")),
                    f"scale values {values} must be distinct and rising, lowest level first",
                )
            )
    return problems


def _undeclared(line: int, what_is_wrong: str, fix: str, known: Iterable[str], plural: str) -> Problem:
    """A reference to a group, outcome or stage the file does not declare, with the ids it could use."""
    return Problem(Subtype.unknown_ref, line, f"{what_is_wrong}; {fix} or use one of: {', '.join(known) or f'(no {plural} declared)'}")


def _duplicates(what: str, ids_and_paths: Sequence[tuple[str, Path_]], line_of: Callable[[Path_], int]) -> list[Problem]:
    counts = Counter(i for i, _ in ids_and_paths)
    first_line: dict[str, int] = {}
    problems = []
    for ident, doc_path in ids_and_paths:
        if counts[ident] < 2:
            continue
        if ident not in first_line:
            first_line[ident] = line_of(doc_path)
            continue
        problems.append(
            Problem(
                Subtype.duplicate_id,
                line_of(doc_path),
                f"{what} id {ident!r} is already used on line {first_line[ident]}; give this {what} its own id "
                "(ids are how saved answers find their item, so never reuse one)",
            )
        )
    return problems


def validate(loaded: LoadedYaml, vocabulary: Vocabulary | None = None) -> list[Problem]:
    """All problems of a parsed file; semantic checks run only once the schema passes, so they can trust the shape."""
    problems = [Problem(Subtype.yaml, line, message) for line, message in loaded.problems]
    if loaded.data is None:
        return problems
    if not isinstance(loaded.data, dict):
        return [*problems, Problem(Subtype.schema, 1, "a checklist file must be a mapping of keys (id:, title:, ...) at the top level")]
    found = schema_problems(loaded, vocabulary or Vocabulary()) + markup_problems(loaded)
    if found:
        return problems + sorted(found, key=lambda p: p.line)
    return problems + semantic_problems(loaded)
