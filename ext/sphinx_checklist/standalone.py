"""One blank checklist outside the site: Markdown, CSV, JSON, HTML or PDF (``python -m sphinx_checklist export``).

Markdown is a GitHub task list to paste into an issue or meeting notes; CSV opens in a spreadsheet;
JSON is the checklist's record from ``checklists.json``. HTML and PDF come from a real build: a
one-page site that renders the checklist with the project's own configuration and theme, which
Chromium then prints exactly as ``make pdf`` prints the published site.
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

from .export import FORMAT_VERSION, checklist_record
from .model import Checklist, plain
from .schema import display_name

FORMATS = ("md", "csv", "json", "html", "pdf")


def _md(text: str) -> str:
    """Plain text safe inside a Markdown list item: no markup characters, one line."""
    out = " ".join(text.split())
    for char in "\\`*_[]<>|#":
        out = out.replace(char, "\\" + char)
    return out


def to_markdown(checklist: Checklist) -> str:
    lines = [f"## {_md(checklist.title)}", "", f"Version {checklist.version} · blank copy", ""]
    for section in checklist.sections:
        lines += [f"### {_md(section.title)}", ""]
        for item in section.items:
            text = _md(plain(item.text)) + (" (handbook advice)" if item.is_handbook_advice else "")
            if checklist.scale:
                levels = " ".join(f"( ) {level.value} {_md(level.label)}" for level in checklist.scale.levels)
                lines.append(f"- [ ] {text} — {levels} ( ) {_md(checklist.scale.unknown_label)}")
            else:
                lines.append(f"- [ ] {text}")
            if item.choices:
                lines.append("  - choose one: " + " / ".join(f"( ) {_md(c.label)}" for c in item.choices))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def to_csv(checklist: Checklist) -> str:
    """One row per item with empty answer columns; a byte-order mark so spreadsheet programs read UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["checklist", "version", "section", "item_id", "item", "roles", "done", "not_applicable", "rating",
                     "choice", "note"])
    for section in checklist.sections:
        for item in section.items:
            roles = ", ".join(display_name(role) for role in checklist.roles_of(item))
            writer.writerow([checklist.id, checklist.version, section.title, item.id, _cell(plain(item.text)), roles,
                             "", "", "", "", ""])
    return "\ufeff" + buffer.getvalue()


def _cell(text: str) -> str:
    """A cell a spreadsheet will not run as a formula."""
    return "'" + text if text.lstrip()[:1] in ("=", "+", "-", "@") else text


def to_json(checklist: Checklist, root: Path) -> str:
    record = checklist_record(checklist, root, lambda item_id: None)
    return json.dumps({"format_version": FORMAT_VERSION, "checklists": [record]}, indent=1, ensure_ascii=False) + "\n"


def build_page(checklist: Checklist, workdir: Path) -> Path:
    """A one-page site rendering the checklist with the project's configuration; returns its folder."""
    src = workdir / "src"
    (src / "checklists").mkdir(parents=True)
    shutil.copy(checklist.path, src / "checklists" / checklist.path.name)
    (src / "index.md").write_text(f"# {checklist.title}\n\n```{{checklist}} {checklist.id}\n```\n", encoding="utf-8")
    project = checklist.path.parent.parent
    confdir = project if (project / "conf.py").is_file() else None
    if confdir is None:
        (src / "conf.py").write_text('extensions = ["myst_parser", "sphinx_checklist"]\n', encoding="utf-8")
    out = workdir / "html"
    command = [sys.executable, "-m", "sphinx", "-q", "-b", "html", "-c", str(confdir or src),
               "-D", f"checklist_dir={src / 'checklists'}",
               # Labels the items cite live on handbook pages that this one-page site does not have.
               "-D", "suppress_warnings=checklist.unknown_ref,ref.ref,ref.term,ref.doc,myst.xref_missing,toc.not_included",
               str(src), str(out)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not (out / "index.html").is_file():
        raise RuntimeError(f"building the checklist page failed:\n{result.stderr.strip()}")
    return out


def to_html(checklist: Checklist, site: Path) -> str:
    """The rendered checklist as one self-contained file: its markup and the checklist stylesheet inlined."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    roots = soup.select(f'.checklist[data-checklist-id="{checklist.id}"]')
    styles = []
    for link in soup.find_all("link", rel="stylesheet"):
        path = site / link["href"].split("?")[0]
        if path.is_file() and ("checklist" in path.name or "print" in path.name):
            styles.append(path.read_text(encoding="utf-8"))
    css = "\n".join(styles).replace("</", "<\\/")
    body = "\n".join(str(root) for root in roots)
    return (f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{soup.title.string if soup.title else ""}'
            f"</title><style>{css}</style></head>\n<body>\n{body}\n</body></html>\n")


def to_pdf(checklist: Checklist, site: Path, out: Path, paper: str) -> None:
    from .printing import chromium, print_checklist, served

    with served(site) as base, chromium() as browser:
        print_checklist(browser, base + "index.html", checklist.id,
                        f"{checklist.title} (blank checklist, version {checklist.version})", paper, "compact", out)


def export(checklist: Checklist, fmt: str, output: Path | None, paper: str = "a4") -> bytes | None:
    """The checklist in ``fmt``; written to ``output`` (required for pdf), else returned."""
    if fmt in ("md", "csv", "json"):
        text = {"md": to_markdown, "csv": to_csv}[fmt](checklist) if fmt != "json" else to_json(
            checklist, checklist.path.parent.parent)
        data = text.encode("utf-8")
    else:
        with tempfile.TemporaryDirectory(prefix="checklist-export-") as tmp:
            site = build_page(checklist, Path(tmp))
            if fmt == "html":
                data = to_html(checklist, site).encode("utf-8")
            else:
                target = output or Path(f"{checklist.id}-{paper}.pdf")
                to_pdf(checklist, site, target.resolve(), paper)
                return None
    if output is None:
        return data
    output.write_bytes(data)
    return None
