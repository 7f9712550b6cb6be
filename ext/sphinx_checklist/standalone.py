"""One blank checklist outside the site: Markdown, CSV, JSON, HTML or PDF (``python -m sphinx_checklist export``).

Markdown is a GitHub task list to paste into an issue or meeting notes; CSV opens in a spreadsheet;
JSON is the checklist's record from ``checklists.json``. HTML and PDF come from a real build: the
project's own site (or, for a checklist no page renders yet, a one-page site with the same
configuration), which Chromium prints exactly as ``make pdf`` prints the published site.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .config import ChecklistConfig, Vocabulary
from .export import checklist_record, export_document
from .model import Checklist, plain

FORMATS = ("md", "csv", "json", "html", "pdf")


def _md(text: str) -> str:
    """Plain text safe inside a Markdown list item: no markup characters, one line."""
    out = " ".join(text.split())
    for char in "\\`*_[]<>|#":
        out = out.replace(char, "\\" + char)
    return out


def to_markdown(checklist: Checklist, advice_label: str = "Our own advice") -> str:
    lines = [f"## {_md(checklist.title)}", "", f"Version {checklist.version} · blank copy", ""]
    for section in checklist.sections:
        lines += [f"### {_md(section.title)}", ""]
        for item in section.items:
            text = _md(plain(item.text)) + (f" ({advice_label.lower()})" if item.is_handbook_advice else "")
            if checklist.scale:
                levels = " ".join(f"( ) {level.value} {_md(level.label)}" for level in checklist.scale.levels)
                lines.append(f"- [ ] {text} — {levels} ( ) {_md(checklist.scale.unknown.label)}")
            else:
                lines.append(f"- [ ] {text}")
            if item.choices:
                lines.append("  - choose one: " + " / ".join(f"( ) {_md(c.label)}" for c in item.choices))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def to_csv(checklist: Checklist, vocabulary: Vocabulary) -> str:
    """One row per item with empty answer columns; a byte-order mark so spreadsheet programs read UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["checklist", "version", "section", "item_id", "item", "roles", "done", "not_applicable", "rating", "choice", "note"])
    for section in checklist.sections:
        for item in section.items:
            roles = ", ".join(vocabulary.role_label(role) for role in item.roles)
            writer.writerow([checklist.id, checklist.version, section.title, item.id, _cell(plain(item.text)), roles, "", "", "", "", ""])
    return "\ufeff" + buffer.getvalue()


def _cell(text: str) -> str:
    """A cell a spreadsheet will not run as a formula."""
    return "'" + text if text.lstrip()[:1] in ("=", "+", "-", "@") else text


def to_json(checklist: Checklist, root: Path) -> str:
    record = checklist_record(checklist, root, lambda item_id: None)
    return json.dumps(export_document([record]), indent=1, ensure_ascii=False) + "\n"


def build_page(checklist: Checklist, workdir: Path) -> tuple[Path, str]:
    """A built site showing the checklist, and the page (from the site root) that renders it.

    In a project with pages (``docs/`` beside ``conf.py``), that is the project's own site, so the copy is
    the one ``make pdf`` prints, with its sources named by the sections they cite. Otherwise, or when no
    page renders the checklist yet, a one-page site with the same configuration.
    """
    project = checklist.path.parent.parent
    confdir = project if (project / "conf.py").is_file() else None
    if confdir is not None and (project / "docs").is_dir():
        out = workdir / "site"
        _sphinx([str(project / "docs"), str(out)], confdir, workdir / "doctrees")
        entries = json.loads((out / "checklists.json").read_text(encoding="utf-8"))["checklists"]
        url = next((entry["url"] for entry in entries if entry["id"] == checklist.id and entry["url"]), None)
        if url:
            return out, url.split("#")[0]
    src = workdir / "src"
    (src / "checklists").mkdir(parents=True)
    shutil.copy(checklist.path, src / "checklists" / checklist.path.name)
    (src / "index.md").write_text(f"# {checklist.title}\n\n```{{checklist}} {checklist.id}\n```\n", encoding="utf-8")
    if confdir is None:
        (src / "conf.py").write_text('extensions = ["myst_parser", "sphinx_checklist"]\n', encoding="utf-8")
    out = workdir / "html"
    # Labels the items cite live on pages of the project that this one-page site does not have.
    _sphinx(
        [
            "-D",
            f"checklist_dir={src / 'checklists'}",
            "-D",
            "suppress_warnings=checklist.unknown_ref,ref.ref,ref.term,ref.doc,myst.xref_missing,toc.not_included",
            str(src),
            str(out),
        ],
        confdir or src,
        workdir / "mini",
    )
    return out, "index.html"


def _sphinx(arguments: list[str], confdir: Path, doctrees: Path) -> None:
    command = [sys.executable, "-m", "sphinx", "-q", "-b", "html", "-c", str(confdir), "-d", str(doctrees), *arguments]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"building the checklist page failed: {_build_problem(result.stderr)}")


def _build_problem(stderr: str) -> str:
    """The line of a failed build that says why: its first warning or error, else its last line."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    flagged = [line for line in lines if "WARNING" in line or "ERROR" in line or line.startswith("error:")]
    if flagged:
        more = f" (and {len(flagged) - 1} more)" if len(flagged) > 1 else ""
        return flagged[0] + more
    return lines[-1] if lines else "no message; run sphinx-build on the project to see why"


def to_html(checklist: Checklist, site: Path, page: str) -> str:
    """The rendered checklist as one self-contained file: its markup and the checklist stylesheet inlined."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    roots = soup.select(f'.checklist[data-checklist-id="{checklist.id}"]')
    styles = []
    for link in soup.find_all("link", rel="stylesheet"):
        href = link.get("href")
        if not isinstance(href, str):
            continue
        path = (site / page).parent / href.split("?")[0]
        if path.is_file() and ("checklist" in path.name or "print" in path.name):
            styles.append(path.read_text(encoding="utf-8"))
    css = "\n".join(styles).replace("</", "<\\/")
    body = "\n".join(str(root) for root in roots)
    return (
        f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{soup.title.string if soup.title else ""}'
        f"</title><style>{css}</style></head>\n<body>\n{body}\n</body></html>\n"
    )


def to_pdf(checklist: Checklist, site: Path, page: str, out: Path, paper: str) -> None:
    from .printing import chromium, print_checklist, served

    with served(site) as base, chromium() as browser:
        print_checklist(
            browser, base + page, checklist.id, f"{checklist.title} (blank checklist, version {checklist.version})", paper, "compact", out
        )


def export(checklist: Checklist, fmt: str, output: Path | None, paper: str = "a4", config: ChecklistConfig | None = None) -> bytes | None:
    """The checklist in ``fmt``; written to ``output`` (required for pdf), else returned."""
    if fmt in ("md", "csv", "json"):
        if fmt == "md":
            text = to_markdown(checklist, (config or ChecklistConfig()).advice_label)
        elif fmt == "csv":
            text = to_csv(checklist, (config or ChecklistConfig()).vocabulary)
        else:
            text = to_json(checklist, checklist.path.parent.parent)
        data = text.encode("utf-8")
    else:
        with tempfile.TemporaryDirectory(prefix="checklist-export-") as tmp:
            site, page = build_page(checklist, Path(tmp))
            if fmt == "html":
                data = to_html(checklist, site, page).encode("utf-8")
            else:
                target = output or Path(f"{checklist.id}-{paper}.pdf")
                to_pdf(checklist, site, page, target.resolve(), paper)
                return None
    if output is None:
        return data
    output.write_bytes(data)
    return None
