"""make pdf: blank PDFs of every checklist (A4, US Letter) and the whole handbook, printed by Chromium from
the built site; only what changed is printed again; and the CLI's export of one blank checklist."""

from __future__ import annotations

import csv
import io
import json
import math
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from browser_support import PROJECT, TESTS
from bs4 import BeautifulSoup
from handbook_build import build as strict_build
from handbook_pdf.build import HANDBOOK_PDF
from pypdf import PdfReader
from sphinx_checklist.model import plain
from sphinx_checklist.printing import CHROMIUM
from sphinx_checklist.registry import checklist_files, load_checklist

PDF_OPTIONS = ("-D", "checklist_pdf_dir=pdf")


def make_pdf(site: Path) -> list[str]:
    """`python -m handbook_pdf SITE`, as `make pdf` runs it (in a process of its own: the browser tests'
    Playwright already runs in this one); returns the names of the PDFs it printed."""
    result = subprocess.run([sys.executable, "-m", "handbook_pdf", str(site)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return sorted(line.split("/", 1)[1].split(" ", 1)[0] for line in result.stdout.splitlines() if line.startswith("printed "))


@pytest.fixture(scope="session")
def printed_site(tmp_path_factory) -> Path:
    """The real handbook as `make site` makes it: the strict build with PDF links, then every PDF."""
    assert CHROMIUM.is_file(), "Chromium is missing: run `make test`, which installs Debian's chromium package"
    site = strict_build(PROJECT / "docs", tmp_path_factory.mktemp("site"), confdir=PROJECT, extra=PDF_OPTIONS)
    assert HANDBOOK_PDF in make_pdf(site)
    return site


def _squeezed(text: str) -> str:
    """Text without spaces or line breaks, since PDF text extraction breaks lines where the page did,
    and with straight quotes, since the page prints typographic ones."""
    return re.sub(r"\s+", "", text).translate(str.maketrans("‘’“”", "''\"\""))


def _tagged(reader: PdfReader) -> bool:
    """A tagged PDF: marked content with a structure tree, which screen readers follow."""
    root = reader.trailer["/Root"]
    return bool(root.get("/MarkInfo", {}).get("/Marked")) and "/StructTreeRoot" in root


def _checklists(site: Path) -> list[dict]:
    return json.loads((site / "checklists.json").read_text(encoding="utf-8"))["checklists"]


def test_every_checklist_has_an_a4_and_a_letter_pdf_with_every_item_and_its_version(printed_site):
    for entry in _checklists(printed_site):
        for paper, size in (("a4", (595, 842)), ("letter", (612, 792))):
            reader = PdfReader(printed_site / "pdf" / f"{entry['id']}-{paper}.pdf")
            box = reader.pages[0].mediabox
            # Chromium rounds A4 up to whole points (596 x 843)
            assert abs(float(box.width) - size[0]) < 2 and abs(float(box.height) - size[1]) < 2
            text = _squeezed("".join(page.extract_text() for page in reader.pages))
            assert _squeezed(f"version {entry['version']}") in text, entry["id"]
            for section in entry["sections"]:
                for item in section["items"]:
                    assert _squeezed(plain(item["text"])) in text, (entry["id"], item["id"])
            assert entry["title"] in reader.metadata.title
            assert _tagged(reader), "a tagged PDF"


def test_compact_a4_copies_fit_the_page_budget(printed_site):
    """At most ceil(items / 8) A4 pages per checklist, so a convening's handout stays short."""
    over = {}
    for entry in _checklists(printed_site):
        items = sum(len(section["items"]) for section in entry["sections"])
        pages = len(PdfReader(printed_site / "pdf" / f"{entry['id']}-a4.pdf").pages)
        if pages > math.ceil(items / 8):
            over[entry["id"]] = f"{pages} pages for {items} items"
    assert over == {}


def test_no_pdf_page_is_empty_or_only_a_table_header(printed_site):
    header_only = re.compile(r"^(Done|Not applicable|Item|Who|Source|[0-9]\.\s*\w[\w ]*|Don.t know[^\n]*|\s)*$")
    for pdf in sorted((printed_site / "pdf").glob("*.pdf")):
        for number, page in enumerate(PdfReader(pdf).pages, start=1):
            text = re.sub(r"Page \d+ of \d+|\S+ · version \d+\.\d+[^\n]*", "", page.extract_text()).strip()
            assert len(text) > 80 and not header_only.match(text), f"{pdf.name} page {number}: {text[:120]!r}"


def test_the_handbook_pdf_has_a_cover_contents_bookmarks_and_every_checklist(printed_site):
    reader = PdfReader(printed_site / "pdf" / HANDBOOK_PDF)
    assert reader.metadata.title == "Collaborative Learning Handbook"
    assert _tagged(reader)
    top = [_squeezed(item.title) for item in reader.outline if not isinstance(item, list)]
    assert top[:2] == ["CollaborativeLearningHandbook", "Contents"]
    pages = sorted(p for p in printed_site.rglob("*.html") if p.name not in ("search.html", "genindex.html"))
    for page in pages:
        h1 = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("article").find("h1")
        assert _squeezed(h1.get_text(" ", strip=True).rstrip("¶")) in top, page
    first, contents = reader.pages[0].extract_text(), reader.pages[1].extract_text()
    assert "Collaborative Learning Handbook" in first and "Contents" in contents
    assert re.search(r"Glossary\s*\d+", contents), "contents give each page's number"
    text = _squeezed("".join(page.extract_text() for page in reader.pages))
    for entry in _checklists(printed_site):
        assert _squeezed(entry["title"]) in text, entry["id"]
    assert re.search(r"Page\s*3\s*of\s*" + str(len(reader.pages)), reader.pages[2].extract_text())


def test_the_published_site_links_its_pdfs_and_the_quick_build_links_none(printed_site, handbook_html):
    for page in printed_site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for link in soup.find_all("a", href=re.compile(r"^(?![a-z]+:).*\.pdf$")):
            assert (page.parent / link["href"]).resolve().is_file(), (page, link["href"])
    index = (printed_site / "checklists.html").read_text(encoding="utf-8")
    for entry in _checklists(printed_site):
        assert f'href="pdf/{entry["id"]}-a4.pdf"' in index and f'href="pdf/{entry["id"]}-letter.pdf"' in index
    assert 'href="pdf/handbook-a4.pdf"' in (printed_site / "index.html").read_text(encoding="utf-8")
    participation = (printed_site / "cop" / "participation.html").read_text(encoding="utf-8")
    assert 'href="../pdf/before-convening-a4.pdf"' in participation
    local_pdf = re.compile(r'href="(?![a-z]+:)[^"]*\.pdf"')
    assert not [p for p in handbook_html.rglob("*.html") if local_pdf.search(p.read_text(encoding="utf-8"))]


def test_after_editing_one_checklist_only_its_pdfs_and_the_handbook_are_printed_again(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(TESTS / "roots" / "test-browser", src)
    out = tmp_path / "out"
    site = strict_build(src, out, extra=PDF_OPTIONS)
    assert make_pdf(site) == ["fit-a4.pdf", "fit-letter.pdf", HANDBOOK_PDF, "tasks-a4.pdf", "tasks-letter.pdf"]
    times = {pdf.name: pdf.stat().st_mtime_ns for pdf in (site / "pdf").glob("*.pdf")}
    assert make_pdf(site) == []  # nothing changed, nothing printed
    tasks = src / "checklists" / "tasks.yaml"
    tasks.write_text(tasks.read_text(encoding="utf-8").replace("Thank the speakers.", "Thank every speaker."), encoding="utf-8")
    strict_build(src, out, extra=PDF_OPTIONS)
    assert make_pdf(site) == [HANDBOOK_PDF, "tasks-a4.pdf", "tasks-letter.pdf"]
    changed = {pdf.name for pdf in (site / "pdf").glob("*.pdf") if pdf.stat().st_mtime_ns != times[pdf.name]}
    assert changed == {HANDBOOK_PDF, "tasks-a4.pdf", "tasks-letter.pdf"}
    assert "Thankeveryspeaker." in _squeezed("".join(p.extract_text() for p in PdfReader(site / "pdf" / "tasks-a4.pdf").pages))


# ---- python -m sphinx_checklist export


def _export(*args: str, cwd: Path = PROJECT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sphinx_checklist", "export", *args], cwd=cwd, capture_output=True, check=False)


def test_export_markdown_is_a_task_list_of_every_item():
    checklist, _ = load_checklist(PROJECT / "checklists" / "before-convening.yaml")
    result = _export("before-convening", "--format", "md")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode("utf-8").splitlines()
    assert lines[0] == "## Before a convening" and f"Version {checklist.version}" in lines[2]
    tasks = [line for line in lines if line.startswith("- [ ] ")]
    assert len(tasks) == len(checklist.items)
    # items that are the handbook's own advice say so on every copy
    assert [t.endswith(" (handbook advice)") for t in tasks] == [item.is_handbook_advice for item in checklist.items]
    assert any(item.is_handbook_advice for item in checklist.items)


def test_export_csv_and_json_of_an_assessment():
    checklist, _ = load_checklist(PROJECT / "checklists" / "lp-enablers.yaml")
    table = _export("lp-enablers", "--format", "csv")
    assert table.returncode == 0 and table.stdout.startswith("\ufeff".encode())  # spreadsheets read it as UTF-8
    rows = list(csv.DictReader(io.StringIO(table.stdout.decode("utf-8-sig"))))
    assert [row["item_id"] for row in rows] == [item.id for item in checklist.items]
    record = json.loads(_export("lp-enablers", "--format", "json").stdout)["checklists"][0]
    assert record["id"] == "lp-enablers" and record["scale"]["levels"][0]["label"] == "Not in place"


def test_export_html_and_pdf(tmp_path):
    html = tmp_path / "lp-design.html"
    assert _export("lp-design", "--format", "html", "--output", str(html)).returncode == 0
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    assert soup.select('.checklist[data-checklist-id="lp-design"] tr.checklist-item')
    assert soup.style is not None and not soup.find("script")
    pdf = tmp_path / "before.pdf"
    result = _export("before-convening", "--format", "pdf", "--paper", "letter", "--output", str(pdf))
    assert result.returncode == 0, result.stderr
    reader = PdfReader(pdf)
    assert round(float(reader.pages[0].mediabox.width)) == 612
    assert "Before a convening" in reader.metadata.title


@pytest.mark.parametrize(
    ("checklist_id", "words"),
    [("befor-convening", "did you mean 'before-convening'?"), ("no-such-list", "the checklists in checklists are:")],
)
def test_export_of_an_unknown_id_is_a_clear_error(checklist_id, words):
    result = _export(checklist_id, "--format", "md")
    assert result.returncode == 2
    assert words in result.stderr.decode() and b"Traceback" not in result.stderr and result.stdout == b""


def test_every_real_checklist_exports_to_markdown():
    for path in checklist_files(PROJECT / "checklists"):
        assert _export(path.stem).returncode == 0, path.name
