"""Print the PDFs of a built site: a blank copy of every checklist (A4 and US Letter) and the whole handbook.

    python -m handbook_pdf SITE_DIR [--force]

Only what changed is printed again: each PDF's inputs (the checklist's markup on its page, the
stylesheets and scripts that page loads, the paper and mode) are hashed into ``pdf/manifest.json``,
and a PDF whose hash is unchanged is kept.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import posixpath
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bs4 import BeautifulSoup
from sphinx_checklist.cli import CommandError, run_guarded, shown_path
from sphinx_checklist.printing import PAPERS, chromium, pdf_name, print_checklist, print_document, require_chromium, served

from . import handbook

if TYPE_CHECKING:
    from playwright.sync_api import Browser
    from pypdf import PdfReader

#: Raise when the way PDFs are made changes, so every PDF is printed again.
PIPELINE_VERSION = "1"
PDF_DIR = "pdf"
HANDBOOK_PDF = "handbook-a4.pdf"
MANIFEST = "manifest.json"
CSS = Path(__file__).parent / "static" / "handbook-pdf.css"


def _files_digest(site: Path, files: list[str]) -> str:
    """The content of site files (paths from the site root) that can change a print: stylesheets, scripts."""
    digest = hashlib.sha256()
    for name in files:
        path = (site / name).resolve()
        if path.is_file() and site in path.parents:
            digest.update(name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _loaded_files(page: str, soup: BeautifulSoup) -> list[str]:
    """The stylesheets and scripts a page loads, as paths from the site root."""
    files = []
    for tag in soup.find_all(["link", "script"]):
        ref = handbook.attribute(tag, "href" if tag.name == "link" and "stylesheet" in (tag.get("rel") or []) else "src")
        if ref:
            files.append(posixpath.normpath(posixpath.join(posixpath.dirname(page), ref.split("?")[0])))
    return files


def checklist_hashes(site: Path, entries: list[dict[str, Any]], mode: str) -> dict[str, str]:
    """PDF name -> hash of what its print depends on; each page is read once, however many checklists it shows."""
    pages: dict[str, BeautifulSoup] = {}
    hashes = {}
    for entry in entries:
        page = entry["url"].split("#")[0]
        if page not in pages:
            pages[page] = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
        soup = pages[page]
        roots = soup.select(f'.checklist[data-checklist-id="{entry["id"]}"]')
        inputs = [
            PIPELINE_VERSION,
            mode,
            entry["title"],
            entry["version"],
            entry["url"],
            *(str(root) for root in roots),
            _files_digest(site, _loaded_files(page, soup)),
        ]
        for paper in PAPERS:
            hashes[pdf_name(entry["id"], paper)] = hashlib.sha256("\0".join([*inputs, paper]).encode("utf-8")).hexdigest()
    return hashes


def handbook_hash(site: Path, parts: list[handbook.Chapter]) -> str:
    """Every chapter's markup and every stylesheet the printed document loads."""
    digest = hashlib.sha256(PIPELINE_VERSION.encode())
    for chapter in parts:
        digest.update(chapter.path.encode())
        digest.update(chapter.body.encode("utf-8"))
    digest.update(_files_digest(site, handbook.stylesheets(parts)).encode())
    digest.update(CSS.read_bytes())
    return digest.hexdigest()


def build(site: Path, force: bool = False, log: Callable[[str], object] = print) -> dict[str, list[str]]:
    """Print what changed; returns the names printed and kept."""
    site = site.resolve()
    export = read_export(site)
    out_dir = site / PDF_DIR
    manifest_path = out_dir / MANIFEST
    manifest = {} if force else read_manifest(manifest_path, log)
    done: dict[str, list[str]] = {"printed": [], "kept": []}
    jobs = []
    entries = [entry for entry in export["checklists"] if entry.get("url")]
    hashes = checklist_hashes(site, entries, "compact")
    for entry in entries:
        for paper in PAPERS:
            name = pdf_name(entry["id"], paper)
            if manifest.get(name) == hashes[name] and (out_dir / name).is_file():
                done["kept"].append(name)
            else:
                jobs.append((name, hashes[name], entry, paper))
    order = handbook.reading_order(site)
    parts = handbook.chapters(site, order)
    book_digest = handbook_hash(site, parts)
    book_due = force or manifest.get(HANDBOOK_PDF) != book_digest or not (out_dir / HANDBOOK_PDF).is_file()
    if not book_due:
        done["kept"].append(HANDBOOK_PDF)
    if not jobs and not book_due:
        return done
    require_chromium()
    with served(site) as base, chromium() as browser:
        for name, digest, entry, paper in jobs:
            started = time.perf_counter()
            title = f"{entry['title']} (blank checklist, version {entry['version']})"
            print_checklist(browser, base + entry["url"], entry["id"], title, paper, "compact", out_dir / name)
            manifest[name] = digest
            done["printed"].append(name)
            log(f"printed {PDF_DIR}/{name} ({time.perf_counter() - started:.1f} s)")
        if book_due:
            started = time.perf_counter()
            _print_handbook(site, base, browser, parts, out_dir / HANDBOOK_PDF)
            manifest[HANDBOOK_PDF] = book_digest
            done["printed"].append(HANDBOOK_PDF)
            log(f"printed {PDF_DIR}/{HANDBOOK_PDF} ({time.perf_counter() - started:.1f} s)")
    manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return done


def read_manifest(path: Path, log: Callable[[str], object]) -> dict[str, str]:
    """The hashes of the PDFs printed before; a missing or damaged manifest only means every PDF is printed again."""
    if not path.is_file():
        return {}
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        manifest = None
    if not isinstance(manifest, dict):
        log(f"note: {path} is damaged; every PDF is printed again")
        return {}
    return {str(name): digest for name, digest in manifest.items() if isinstance(digest, str)}


def _print_handbook(site: Path, base: str, browser: Browser, parts: list[handbook.Chapter], out: Path) -> None:
    """Two passes: the first print says where each chapter starts; the second has those pages in the contents."""
    from pypdf import PdfReader

    title = "Collaborative Learning Handbook"
    css_target = site / "_static" / CSS.name
    document = site / handbook.DOCUMENT
    css_target.write_bytes(CSS.read_bytes())
    try:
        document.write_text(handbook.document(site, parts, title), encoding="utf-8")
        print_document(browser, base + handbook.DOCUMENT, "a4", out)
        starts = chapter_pages(PdfReader(out), parts)
        document.write_text(handbook.document(site, parts, title, starts), encoding="utf-8")
        print_document(browser, base + handbook.DOCUMENT, "a4", out)
    finally:
        document.unlink(missing_ok=True)
        css_target.unlink(missing_ok=True)


def chapter_pages(reader: PdfReader, parts: list[handbook.Chapter]) -> dict[str, int]:
    """The page (1-based) each chapter starts on, from the top level of the PDF's outline, in reading order.

    Chromium's outline drops the space at a line break ("an overview" becomes "anoverview"), so titles
    are compared without spaces; the cover and the contents come first and are skipped.
    """
    top = [item for item in reader.outline if not isinstance(item, list)][2:]
    starts, position = {}, 0
    for chapter in parts:
        wanted = _squeeze(chapter.title)
        for index in range(position, len(top)):
            if _squeeze(top[index].title or "") == wanted:
                number = reader.get_destination_page_number(top[index])
                if number is not None:
                    starts[chapter.path] = number + 1
                position = index + 1
                break
    return starts


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def read_export(site: Path) -> dict[str, Any]:
    """The site's ``checklists.json``, or a ValueError saying how it is not the file a build writes."""
    path = site / "checklists.json"
    try:
        export = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"{path} is not the JSON a build writes ({error}); build the site again with make site") from None
    if not isinstance(export, dict) or not isinstance(export.get("checklists"), list):
        raise ValueError(f"{path} has no list of checklists; build the site again with make site")
    needed = ("id", "title", "version", "url")
    if not all(isinstance(entry, dict) and all(isinstance(entry.get(key), str | None) for key in needed) for entry in export["checklists"]):
        raise ValueError(f"{path} holds a checklist entry without its id, title, version or url; build the site again with make site")
    if not all(isinstance(entry.get(key), str) for entry in export["checklists"] if entry.get("url") for key in needed):
        raise ValueError(f"{path} holds a checklist entry without its id, title, version or url; build the site again with make site")
    return export


def site_folder(site: Path) -> Path:
    """``site`` when it is a built handbook; a CommandError saying what to do when it is not."""
    if not site.is_dir():
        found = "is a file, not a folder" if site.exists() else "does not exist"
        raise CommandError(f"{shown_path(site)} {found}; give the folder of a built site (make site builds one into _build/site)")
    if not (site / "checklists.json").is_file():
        raise CommandError(f"{shown_path(site)} is not a built handbook (no checklists.json); build it first with make site")
    read_export(site)
    return site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m handbook_pdf", description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site (make site builds one into _build/site)")
    parser.add_argument("--force", action="store_true", help="print every PDF again")
    args = parser.parse_args(argv)  # a bad option: argparse's usage line and one error line, status 2
    return run_guarded(lambda: _print_site(args.site, args.force))


def _print_site(site: Path, force: bool) -> int:
    started = time.perf_counter()
    done = build(site_folder(site), force)
    print(f"{len(done['printed'])} PDF(s) printed, {len(done['kept'])} unchanged, in {time.perf_counter() - started:.1f} s")
    return 0
