"""Compare the build cost of checklists at scale: the extension, static MyST tables and sphinx-needs.

usage: .venv/bin/python bench/scale.py [--sizes 10x1,100x1,300x1,100x10,1000x1] [--runs N]
                                       [--skip-needs] [--timeout SECONDS] [--generate-only]

What it builds. For each size PxC it writes three synthetic Sphinx projects under
_build/bench/scale/PxC/ with the same P pages, each holding C checklists of 20 items in four sections
(items of 80-200 characters, some with guidance, reader roles, and a source label naming a heading on
another page, so that cross-references and backlinks are resolved):

- extension: the checklists as YAML files in checklists/, shown with the {checklist} directive;
- static: the same text written into the pages as MyST list-tables, no checklist extension;
- needs: the same items as sphinx-needs objects, one per item, tagged and linked to an item on the
  cited page. sphinx-needs lives in its own virtual environment, _build/bench/needs-venv, made on first
  use with the Sphinx, myst-parser, furo and docutils of requirements.lock (the only step that reaches
  PyPI); if it cannot be installed, that column is skipped.

What it measures. The CPU time (user + system, from getrusage of the child) of a clean strict build,
sphinx-build -W --keep-going -n -q -j 1 -b html, with the furo theme in every variant; the median of
N runs, taken in turns (run 1 of each variant, then run 2 of each...). For the extension it also times
a rebuild with nothing changed and a rebuild after editing one item's text in one YAML file, and
reports their ratio. It prints a Markdown table with the targets beside the figures. Nothing here is
a pass/fail test; run it on a quiet machine.

The extension variant uses whatever ext/sphinx_checklist is on disk (installed editable in .venv). The
projects are written afresh on every run, from a fixed seed, so every run builds the same text; the
builds themselves run offline. --generate-only writes the projects and counts their files, building
nothing: a cheap check of the large sizes.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parent.parent
BENCH_DIR = PROJECT / "_build" / "bench"
SCALE_DIR = BENCH_DIR / "scale"
NEEDS_VENV = BENCH_DIR / "needs-venv"

# sphinx-needs 9.1.0 declares sphinx>=7.4,<10 and Python >=3.11, so it runs on the handbook's Sphinx 9.0.
SPHINX_NEEDS_PIN = "sphinx-needs==9.1.0"
# The packages the comparison must share with the handbook; every other pin of the lock only constrains.
SHARED_PACKAGES = ("sphinx", "myst-parser", "furo", "docutils")

DEFAULT_SIZES = "10x1,100x1,300x1,100x10,1000x1"
VARIANTS = ("static", "extension", "needs")
ITEMS_PER_CHECKLIST = 20
# Five items per section: a checklist keeps to at most nine per section (checklist.long_section).
SECTIONS_PER_CHECKLIST = 4

# Targets printed beside the figures (issue 13).
EXTENSION_OVER_STATIC_MAX = 1.15
EXTENSION_TARGET_SIZES = {"100x10", "300x1", "1000x1"}
EDIT_OVER_NOOP_MAX = 1.3
NEEDS_OVER_EXTENSION_MIN = 1.5


# --- what is generated -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Size:
    pages: int
    checklists_per_page: int

    @property
    def label(self) -> str:
        return f"{self.pages}x{self.checklists_per_page}"

    @property
    def checklists(self) -> int:
        return self.pages * self.checklists_per_page

    @property
    def items(self) -> int:
        return self.checklists * ITEMS_PER_CHECKLIST


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    summary: str
    roles: list[str]
    cited_page: int
    source: str
    guidance: str | None
    allow_na: bool


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    description: str
    items: list[Item]


@dataclass(frozen=True)
class Checklist:
    id: str
    page: int
    number: int
    title: str
    description: str
    sections: list[Section]


ROLES = ["funder", "learning-partner", "member", "facilitator", "philanthropy-staff", "implementing-partner"]
ACTIONS = [
    "Agree with members on",
    "Ask each member about",
    "Check with the learning partner",
    "Share with the whole group",
    "Write down, in the shared notes,",
    "Decide together",
    "Invite members to name",
    "Confirm with the facilitator",
    "Review with the funder",
    "Set aside time to discuss",
]
SUBJECTS = [
    "the questions the next session should answer",
    "which programme challenges to bring to the group",
    "who will present and which data they will use",
    "how progress since the last convening will be shared",
    "the roles each organisation takes on this year",
    "what members found *most* useful last time",
    "the practical steps each member plans to try",
    "the evidence behind each recommendation",
    "how newcomers and new focal points will be welcomed",
    "the format that suits the topic and the group",
]
PURPOSES = [
    "so that the discussion starts from members' own priorities",
    "before the agenda is sent out",
    "and record the answers where everyone can find them",
    "so that presenters can prepare with a clear brief",
    "and revisit the decision at the yearly review",
    "so that small groups have a concrete problem to work on",
    "and note any disagreement openly",
    "",
]
CLOSINGS = [
    "Keep it short enough to read aloud at the start of the session.",
    "Where members disagree, say so in the notes rather than smoothing it over.",
    "If time is short, do this by email and confirm at the next meeting.",
]
GUIDANCE = [
    "Members who shape a decision own what follows from it.",
    "A short survey sent a week ahead usually gets more answers than a question asked in the room.",
    "One-to-one conversations were the most effective form of preparation in the studies the handbook draws on.",
    "Record who agreed to what, and by when, in the notes that everyone receives.",
]
SECTION_TITLES = [
    ("Before the session", "What to settle while there is still time to change the plan."),
    ("Opening the session", "What to do as people arrive and the session starts."),
    ("During the session", "What to do in the room while the group works."),
    ("After the session", "What to do in the week that follows."),
]
TOPICS = ["Shaping the agenda", "Preparing presenters", "Running small groups", "Following up", "Welcoming newcomers"]


def heading_labels(page: int) -> tuple[str, str]:
    """The two labelled headings every page has: the targets of items' source labels."""
    return f"bench-p{page:04d}-context", f"bench-p{page:04d}-practice"


def item_text(rng: random.Random) -> tuple[str, str]:
    """A plausible item of 80 to 200 characters (an action, what it is about, often why) and its summary."""
    while True:
        subject = rng.choice(SUBJECTS)
        text = f"{rng.choice(ACTIONS)} {subject} {rng.choice(PURPOSES)}".strip() + "."
        if len(text) < 80:
            text += " " + rng.choice(CLOSINGS)
        if 80 <= len(text) <= 200:
            summary = subject.replace("*", "")
            return text, summary[0].upper() + summary[1:]


def make_item(rng: random.Random, size: Size, page: int, number: int) -> Item:
    text, summary = item_text(rng)
    # Cite a heading on another page, so each item is a cross-reference and each heading gets backlinks.
    cited_page = (page + 1 + number % 3) % size.pages
    return Item(
        id=f"i{number + 1:02d}",
        text=text,
        summary=summary,
        roles=sorted(rng.sample(ROLES, rng.randint(1, 3)), key=ROLES.index),
        cited_page=cited_page,
        source=heading_labels(cited_page)[number % 2],
        guidance=" ".join(rng.sample(GUIDANCE, 2)) if number % 3 == 0 else None,
        allow_na=number % 5 == 4,
    )


def make_checklist(size: Size, page: int, number: int) -> Checklist:
    checklist_id = f"p{page:04d}-c{number + 1:02d}"
    # Seeded by the id: a checklist reads the same in every variant and at every size.
    rng = random.Random(checklist_id)
    per_section = ITEMS_PER_CHECKLIST // SECTIONS_PER_CHECKLIST
    sections = []
    for index, (title, description) in enumerate(SECTION_TITLES[:SECTIONS_PER_CHECKLIST]):
        items = [make_item(rng, size, page, index * per_section + n) for n in range(per_section)]
        sections.append(Section(id=f"s{index + 1}", title=title, description=description, items=items))
    topic = TOPICS[(page + number) % len(TOPICS)]
    return Checklist(
        id=checklist_id,
        page=page,
        number=number + 1,
        title=f"{topic} (page {page + 1}, list {number + 1})",
        description=f"Use this list when {topic.lower()} for a community of practice.",
        sections=sections,
    )


def make_checklists(size: Size) -> list[list[Checklist]]:
    """The checklists of each page, in page order."""
    return [[make_checklist(size, page, n) for n in range(size.checklists_per_page)] for page in range(size.pages)]


# --- how each variant writes a checklist ---------------------------------------------------------------


def need_id(checklist_id: str, item_id: str) -> str:
    return f"CL_{checklist_id}_{item_id}".upper().replace("-", "_")


def extension_block(checklist: Checklist) -> str:
    return f"```{{checklist}} {checklist.id}\n```\n"


def static_block(checklist: Checklist) -> str:
    parts = [f"{checklist.description}\n"]
    for section in checklist.sections:
        parts.append(f"{section.description}\n")
        rows = ["* - Done\n  - Item\n  - Who\n  - Source\n"]
        for item in section.items:
            text = item.text + (" (may not apply)" if item.allow_na else "")
            guidance = f"\n\n    {item.guidance}" if item.guidance else ""
            rows.append(f"* - ☐\n  - {text}{guidance}\n  - {', '.join(item.roles)}\n  - {{ref}}`{item.source}`\n")
        parts.append(
            f"```{{list-table}} {checklist.title}: {section.title}\n:header-rows: 1\n:widths: 6 64 15 15\n\n" + "".join(rows) + "```\n"
        )
    return "\n".join(parts)


def needs_block(checklist: Checklist) -> str:
    parts = [f"{checklist.description}\n"]
    for section in checklist.sections:
        parts.append(f"**{section.title}.** {section.description}\n")
        for item in section.items:
            # Link to the same item of the first checklist on the cited page: needs resolves it both ways.
            target = need_id(f"p{item.cited_page:04d}-c01", item.id)
            guidance = f"{item.guidance}\n\n" if item.guidance else ""
            parts.append(
                f"```{{item}} {item.summary}\n:id: {need_id(checklist.id, item.id)}\n"
                f":tags: {section.id};{';'.join(item.roles)}\n:links: {target}\n\n"
                f"{item.text}\n\n{guidance}Source: {{ref}}`{item.source}`.\n```\n"
            )
    return "\n".join(parts)


def checklist_yaml(checklist: Checklist, edited_item: str | None = None) -> str:
    """The YAML file of a checklist; ``edited_item`` gets its text changed, as an author would."""

    def item_data(item: Item) -> dict:
        text = (item.text + " Revised.") if item.id == edited_item else item.text
        data = {"id": item.id, "text": text, "summary": item.summary, "roles": item.roles, "source": item.source}
        if item.guidance:
            data["guidance"] = item.guidance
        if item.allow_na:
            data["allow_na"] = True
        return data

    data = {
        "id": checklist.id,
        "title": checklist.title,
        "description": checklist.description,
        "kind": "checklist",
        "mode": "read-do",
        "version": "1.0",
        "audience": ["learning-partner", "facilitator", "member"],
        "stage": ["before"],
        "sources": [{"report": "ipa-2025-report", "section": "4. Design for Meaningful Participation", "pages": "21"}],
        "sections": [
            {"id": s.id, "title": s.title, "description": s.description, "items": [item_data(i) for i in s.items]}
            for s in checklist.sections
        ],
    }
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)


# --- writing a project -------------------------------------------------------------------------------

CONF_COMMON = """project = "Scale benchmark"
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence", "deflist"]
html_theme = "furo"
nitpicky = True
"""

CONF_BY_VARIANT = {
    "static": 'extensions = ["myst_parser"]\n',
    "extension": 'extensions = ["myst_parser", "sphinx_checklist"]\nchecklist_dir = "checklists"\n',
    "needs": 'extensions = ["myst_parser", "sphinx_needs"]\n'
    'needs_types = [{"directive": "item", "title": "Checklist item", "prefix": "CL_", '
    '"color": "#BFD8D2", "style": "node"}]\n',
}


def page_markdown(page: int, checklists: list[Checklist], render: Callable[[Checklist], str]) -> str:
    context, practice = heading_labels(page)
    parts = [
        f"# Page {page + 1}\n",
        "A synthetic handbook page: some prose, two labelled sections that items elsewhere cite, then its checklists.\n",
        f"({context})=\n## Context on page {page + 1}\n",
        "Members learn most from each other when the session starts from their own questions.\n",
        f"({practice})=\n## Practice on page {page + 1}\n",
        "Small groups working on a concrete problem exchanged more than plenary sessions did.\n",
    ]
    for checklist in checklists:
        parts.append(f"## Checklist {checklist.number}: {checklist.title}\n")
        parts.append(render(checklist))
    return "\n".join(parts)


def index_markdown(size: Size, variant: str) -> str:
    return (
        f"# Scale benchmark {size.label} ({variant})\n\n"
        f"{size.pages} pages with {size.checklists_per_page} checklist(s) each.\n\n"
        "```{toctree}\n:maxdepth: 1\n:glob:\n\npages/*\n```\n"
    )


def source_dir(size: Size, variant: str) -> Path:
    return SCALE_DIR / size.label / variant / "src"


def output_dir(size: Size, variant: str) -> Path:
    return SCALE_DIR / size.label / variant / "out"


def write_project(size: Size, variant: str, pages: list[list[Checklist]]) -> Path:
    """Write one variant's project from scratch and return its source folder."""
    src = source_dir(size, variant)
    shutil.rmtree(src.parent, ignore_errors=True)
    (src / "pages").mkdir(parents=True)
    (src / "conf.py").write_text(CONF_COMMON + CONF_BY_VARIANT[variant], encoding="utf-8")
    (src / "index.md").write_text(index_markdown(size, variant), encoding="utf-8")
    render = {"extension": extension_block, "static": static_block, "needs": needs_block}[variant]
    for page, checklists in enumerate(pages):
        (src / "pages" / f"page-{page:04d}.md").write_text(page_markdown(page, checklists, render), encoding="utf-8")
        if variant == "extension":
            (src / "checklists").mkdir(exist_ok=True)
            for checklist in checklists:
                (src / "checklists" / f"{checklist.id}.yaml").write_text(checklist_yaml(checklist), encoding="utf-8")
    return src


def count_files(folder: Path) -> int:
    return sum(1 for path in folder.rglob("*") if path.is_file())


# --- the sphinx-needs environment ----------------------------------------------------------------------


def locked_pins() -> dict[str, str]:
    """Every ``name==version`` of requirements.lock, by normalised name."""
    pins = {}
    for line in (PROJECT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        match = re.match(r"([A-Za-z0-9_.-]+)==([^\s;\\]+)", line)
        if match:
            pins[re.sub(r"[-_.]+", "-", match.group(1)).lower()] = match.group(2)
    return pins


def needs_python(skip: bool) -> Path | None:
    """The Python of the sphinx-needs environment, made on first use; None (and why) if it cannot be had."""
    if skip:
        return None
    python = NEEDS_VENV / "bin" / "python"
    pins = locked_pins()
    wanted = [f"{name}=={pins[name]}" for name in SHARED_PACKAGES] + [SPHINX_NEEDS_PIN]
    stamp = NEEDS_VENV / "installed.txt"
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == "\n".join(wanted):
        return python
    print(f"setting up {NEEDS_VENV.relative_to(PROJECT)} with {', '.join(wanted)} (from PyPI, once)", file=sys.stderr)
    shutil.rmtree(NEEDS_VENV, ignore_errors=True)
    NEEDS_VENV.parent.mkdir(parents=True, exist_ok=True)
    # The rest of the lock as constraints: shared dependencies (Pygments, Jinja2, markdown-it-py...)
    # then match the handbook's too, so only sphinx-needs differs.
    constraints = BENCH_DIR / "needs-constraints.txt"
    constraints.write_text("\n".join(f"{name}=={version}" for name, version in pins.items()) + "\n", encoding="utf-8")
    try:
        subprocess.run([sys.executable, "-m", "venv", str(NEEDS_VENV)], check=True, capture_output=True, text=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-c", str(constraints), *wanted],
            check=True,
            capture_output=True,
            text=True,
        )
    except (OSError, subprocess.CalledProcessError) as error:
        detail = (getattr(error, "stderr", "") or str(error)).strip().splitlines()[-3:]
        print("sphinx-needs could not be installed, so the needs column is skipped:\n  " + "\n  ".join(detail), file=sys.stderr)
        return None
    stamp.write_text("\n".join(wanted), encoding="utf-8")
    return python


# --- building and timing -------------------------------------------------------------------------------


@dataclass
class Build:
    cpu_seconds: float | None
    problem: str | None = None


def offline_environment() -> dict[str, str]:
    """The builds must not use the network: any fetch goes to a closed local port and fails at once."""
    environment = dict(os.environ)
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        environment[name] = "http://127.0.0.1:9"
    environment["NO_PROXY"] = environment["no_proxy"] = ""
    return environment


def pages_written(out: Path) -> int:
    return sum(1 for _ in (out / "html" / "pages").glob("*.html")) if (out / "html" / "pages").is_dir() else 0


def child_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def sphinx_build(python: Path, src: Path, out: Path, timeout: float) -> Build:
    """One strict HTML build into ``out``, timed as the CPU that the child process used."""
    command = [
        str(python),
        "-m",
        "sphinx",
        "-W",
        "--keep-going",
        "-n",
        "-q",
        "-j",
        "1",
        "-b",
        "html",
        "-d",
        str(out / "doctrees"),
        str(src),
        str(out / "html"),
    ]
    before = child_cpu_seconds()
    try:
        completed = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=offline_environment())
    except subprocess.TimeoutExpired:
        return Build(None, f"timed out after {timeout:g} s with {pages_written(out)} pages written")
    cpu = child_cpu_seconds() - before
    if completed.returncode != 0:
        tail = "\n  ".join((completed.stderr or completed.stdout).strip().splitlines()[-8:])
        print(f"build of {src} failed (exit {completed.returncode}):\n  {tail}", file=sys.stderr)
        return Build(None, f"failed (exit {completed.returncode})")
    return Build(cpu)


def clean_build(python: Path, size: Size, variant: str, timeout: float) -> Build:
    out = output_dir(size, variant)
    shutil.rmtree(out, ignore_errors=True)
    return sphinx_build(python, source_dir(size, variant), out, timeout)


def rebuilds(size: Size, first: Checklist, timeout: float) -> tuple[Build, Build]:
    """After a clean build of the extension variant: a rebuild with nothing changed, then one after an edit."""
    src, out = source_dir(size, "extension"), output_dir(size, "extension")
    python = Path(sys.executable)
    no_op = sphinx_build(python, src, out, timeout)
    path = src / "checklists" / f"{first.id}.yaml"
    path.write_text(checklist_yaml(first, edited_item=first.sections[0].items[0].id), encoding="utf-8")
    try:
        edited = sphinx_build(python, src, out, timeout)
    finally:
        path.write_text(checklist_yaml(first), encoding="utf-8")
    return no_op, edited


@dataclass
class Measurements:
    builds: dict[str, list[Build]] = field(default_factory=lambda: {variant: [] for variant in VARIANTS})
    no_op: list[Build] = field(default_factory=list)
    edited: list[Build] = field(default_factory=list)


def measure(size: Size, variants: list[str], pythons: dict[str, Path], runs: int, timeout: float) -> Measurements:
    pages = make_checklists(size)
    for variant in variants:
        write_project(size, variant, pages)
    result = Measurements()
    for run in range(1, runs + 1):
        # In turns, so that a slow spell of a shared machine falls on every variant alike.
        for variant in variants:
            print(f"{size.label}: run {run} of {runs}, {variant}", file=sys.stderr)
            build = clean_build(pythons[variant], size, variant, timeout)
            result.builds[variant].append(build)
            if variant == "extension" and build.cpu_seconds is not None:
                no_op, edited = rebuilds(size, pages[0][0], timeout)
                result.no_op.append(no_op)
                result.edited.append(edited)
    return result


# --- the report --------------------------------------------------------------------------------------


def median_or_problem(builds: list[Build]) -> float | str | None:
    """The median CPU seconds, or the first problem if any run failed; None if nothing ran."""
    if not builds:
        return None
    problems = [build.problem for build in builds if build.problem]
    return problems[0] if problems else statistics.median(build.cpu_seconds for build in builds)


def seconds_cell(value: float | str | None) -> str:
    if value is None:
        return "skipped"
    return f"{value:.2f}" if isinstance(value, float) else value


def ratio_cell(numerator, denominator, at_most: float | None = None, at_least: float | None = None) -> str:
    """The ratio of two medians, with the target beside it when there is one."""
    if not isinstance(numerator, float) or not isinstance(denominator, float) or denominator == 0:
        return "–"
    ratio = numerator / denominator
    if at_most is not None:
        return f"{ratio:.2f} (target ≤ {at_most}: {'met' if ratio <= at_most else 'missed'})"
    if at_least is not None:
        return f"{ratio:.2f} (target ≥ {at_least}: {'met' if ratio >= at_least else 'missed'})"
    return f"{ratio:.2f}"


def table_row(size: Size, result: Measurements) -> str:
    static, extension, needs = (median_or_problem(result.builds[variant]) for variant in VARIANTS)
    # The extension/static target is set for the large sizes only: small builds are dominated by start-up.
    extension_target = EXTENSION_OVER_STATIC_MAX if size.label in EXTENSION_TARGET_SIZES else None
    cells = [
        size.label,
        str(size.pages),
        str(size.checklists),
        str(size.items),
        seconds_cell(static),
        seconds_cell(extension),
        seconds_cell(needs),
        ratio_cell(extension, static, at_most=extension_target),
        ratio_cell(needs, extension, at_least=NEEDS_OVER_EXTENSION_MIN),
        ratio_cell(median_or_problem(result.edited), median_or_problem(result.no_op), at_most=EDIT_OVER_NOOP_MAX),
    ]
    return "| " + " | ".join(cells) + " |"


def rebuild_line(size: Size, result: Measurements) -> str:
    if not result.no_op:
        return f"- {size.label}: not measured, as no clean build of the extension variant finished"

    def seconds(value: float | str | None) -> str:
        return f"{value:.2f} s" if isinstance(value, float) else str(value)

    no_op, edited = median_or_problem(result.no_op), median_or_problem(result.edited)
    return f"- {size.label}: no-op rebuild {seconds(no_op)}, rebuild after editing one item's text {seconds(edited)}"


def print_report(sizes: list[Size], results: dict[str, Measurements], runs: int, needs_version: str | None) -> None:
    print(
        f"CPU seconds (user + sys) of a clean `sphinx-build -W --keep-going -n -q -j 1 -b html`, furo theme, "
        f"median of {runs} run(s); {ITEMS_PER_CHECKLIST} items per checklist; "
        f"sphinx-needs: {needs_version or 'skipped'}; handbook at {git_head()}.\n"
    )
    print(
        "| project | pages | checklists | items | static s | extension s | needs s | extension/static | "
        "needs/extension | edit/no-op rebuild |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |")
    for size in sizes:
        print(table_row(size, results[size.label]))
    print("\nIncremental builds of the extension variant (CPU seconds, median):")
    for size in sizes:
        print(rebuild_line(size, results[size.label]))
    print(
        f"\nTargets: extension/static ≤ {EXTENSION_OVER_STATIC_MAX} at {', '.join(sorted(EXTENSION_TARGET_SIZES))}; "
        f"edit/no-op ≤ {EDIT_OVER_NOOP_MAX}; needs/extension ≥ {NEEDS_OVER_EXTENSION_MIN}."
    )


def git_head() -> str:
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "ext/sphinx_checklist"], cwd=PROJECT, capture_output=True, text=True)
    return head.stdout.strip() + (" with uncommitted changes to ext/sphinx_checklist" if dirty.stdout.strip() else "")


def installed_version(python: Path, package: str) -> str:
    code = f"import importlib.metadata as m; print(m.version({package!r}))"
    return subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True).stdout.strip()


# --- command line ------------------------------------------------------------------------------------


def parse_sizes(text: str) -> list[Size]:
    sizes = []
    for part in text.split(","):
        match = re.fullmatch(r"\s*(\d+)x(\d+)\s*", part)
        if not match or int(match.group(1)) < 1 or int(match.group(2)) < 1:
            raise argparse.ArgumentTypeError(f"{part!r} is not a size; write pages x checklists per page, such as 100x10")
        sizes.append(Size(int(match.group(1)), int(match.group(2))))
    return sizes


def generate_only(sizes: list[Size]) -> None:
    """Write the projects and count their files, without building (to check the large sizes cheaply)."""
    for size in sizes:
        pages = make_checklists(size)
        counts = {variant: count_files(write_project(size, variant, pages)) for variant in VARIANTS}
        print(
            f"{size.label}: {size.pages} pages, {size.checklists} checklists, {size.items} items; files written: "
            + ", ".join(f"{variant} {count}" for variant, count in counts.items())
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default=parse_sizes(DEFAULT_SIZES),
        help=f"pages x checklists per page, comma-separated (default {DEFAULT_SIZES})",
    )
    parser.add_argument("--runs", type=int, default=3, help="clean builds of each variant; the median is reported")
    parser.add_argument("--skip-needs", action="store_true", help="leave out the sphinx-needs column")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds allowed for one build (default 1800)")
    parser.add_argument("--generate-only", action="store_true", help="write the projects and count their files")
    args = parser.parse_args()
    if args.generate_only:
        generate_only(args.sizes)
        return
    pythons = {"static": Path(sys.executable), "extension": Path(sys.executable)}
    needs = needs_python(args.skip_needs)
    if needs is not None:
        pythons["needs"] = needs
    variants = [variant for variant in VARIANTS if variant in pythons]
    results = {size.label: measure(size, variants, pythons, args.runs, args.timeout) for size in args.sizes}
    print_report(args.sizes, results, args.runs, installed_version(needs, "sphinx-needs") if needs else None)


if __name__ == "__main__":
    main()
