"""The whole handbook as one printable HTML document: a cover, a table of contents, then every page.

Pages come in reading order (each built page's ``rel="next"`` link, from the landing page on), each
starting on a new sheet. Only each page's article is kept; its ids get a per-page prefix so that
none repeats, and links between pages become links inside the document, so the PDF's own links
and bookmarks work. Checklists print as they are in the built markup: blank, with their guidance.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urldefrag

from bs4 import BeautifulSoup, Tag

#: Written at the site root, so the pages' stylesheets and images resolve as they do on the site.
DOCUMENT = "_handbook-print.html"
_EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
# Filled in on the second pass, once the first print says where each page starts.
_PAGE_SLOT = "\u2007\u2007\u2007"


@dataclass
class Chapter:
    """One built page: its path from the site root, title, top headings and article markup."""

    path: str
    title: str
    anchor: str
    headings: list[tuple[str, str]] = field(default_factory=list)  # (anchor, text) of its h2 headings
    body: str = ""
    stylesheets: list[str] = field(default_factory=list)  # from the site root, in the page's order


def attribute(tag: Tag, name: str) -> str:
    """The value of an attribute as written (a multi-valued one, such as class, joined by spaces); "" if absent."""
    value = tag.get(name)
    return value if isinstance(value, str) else " ".join(value or [])


def _article(soup: BeautifulSoup, path: str) -> Tag:
    article = soup.find("article") or soup.body
    if article is None:
        raise ValueError(f"{path} is not a built page: it has neither <article> nor <body>")
    return article


def _section_id(heading: Tag) -> str:
    """The id of the section a heading opens, or ""."""
    section = heading.find_parent("section")
    return attribute(section, "id") if section is not None else ""


def reading_order(site: Path, start: str = "index.html") -> list[str]:
    """Every page in the order a reader meets them, following ``rel="next"`` from the landing page."""
    order: list[str] = []
    seen: set[str] = set()
    current: str | None = start
    while current and current not in seen and (site / current).is_file():
        seen.add(current)
        order.append(current)
        soup = BeautifulSoup((site / current).read_text(encoding="utf-8"), "html.parser")
        link = soup.find("link", rel="next")
        current = posixpath.normpath(posixpath.join(posixpath.dirname(current), attribute(link, "href"))) if link else None
    return order


def _prefix(index: int) -> str:
    return f"p{index}--"


def chapters(site: Path, order: list[str]) -> list[Chapter]:
    """Each page's article, with ids made unique and links and resources rewritten for one document."""
    number = {path: index for index, path in enumerate(order)}
    out = []
    for index, path in enumerate(order):
        soup = BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")
        article = _article(soup, path)
        for tag in article.find_all(True):
            if tag.get("id"):
                tag["id"] = _prefix(index) + attribute(tag, "id")
            for attr in ("for", "aria-labelledby", "aria-describedby", "aria-controls", "headers"):
                if tag.get(attr):
                    tag[attr] = " ".join(_prefix(index) + part for part in attribute(tag, attr).split())
            if tag.get("href"):
                tag["href"] = _link(attribute(tag, "href"), path, number)
            if tag.get("src"):
                tag["src"] = _resource(attribute(tag, "src"), path)
        # Nothing a reader clicks on paper: the page's own "back to top" and header links.
        for tag in article.select("a.headerlink, .back-to-top, .checklist-toolbar, button"):
            tag.decompose()
        # A label's empty <span id> just before a heading makes Chromium print a blank sheet at a chapter's
        # start; the heading can carry that id instead.
        for span in article.select("span[id]:empty"):
            heading = span.find_next_sibling()
            if heading is not None and re.fullmatch(r"h[1-6]", heading.name) and not heading.get("id"):
                heading["id"] = span["id"]
                span.decompose()
        h1 = article.find("h1")
        title = h1.get_text(" ", strip=True).rstrip("#").strip() if h1 else path
        headings = [(_section_id(h2), h2.get_text(" ", strip=True)) for h2 in article.find_all("h2")]
        stylesheets = [_resource(attribute(link, "href"), path) for link in soup.find_all("link", rel="stylesheet")]
        out.append(
            Chapter(
                path=path,
                title=title,
                anchor=f"{_prefix(index)}page",
                headings=headings,
                body=article.decode_contents(),
                stylesheets=stylesheets,
            )
        )
    return out


def _link(href: str, page: str, number: dict[str, int]) -> str:
    if _EXTERNAL.match(href) or href.startswith("//"):
        return href
    target, fragment = urldefrag(href)
    if not target:
        return f"#{_prefix(number[page])}{fragment}" if fragment else href
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), target))
    if resolved in number:
        return f"#{_prefix(number[resolved])}{fragment}" if fragment else f"#{_prefix(number[resolved])}page"
    return _resource(href, page)


def _resource(src: str, page: str) -> str:
    """A path relative to ``page``, made relative to the site root where the document sits."""
    if _EXTERNAL.match(src) or src.startswith(("/", "#", "//")):
        return src
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), src))


def stylesheets(parts: list[Chapter]) -> list[str]:
    """Every stylesheet any chapter's page uses, once, in first-use order (the checklist ones come only with
    pages that show a checklist)."""
    return list(dict.fromkeys(sheet for chapter in parts for sheet in chapter.stylesheets))


def document(site: Path, parts: list[Chapter], title: str, start_pages: dict[str, int] | None = None) -> str:
    """The printable document; ``start_pages`` (chapter path -> first page) fills the table of contents."""
    index = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    sheets = stylesheets(parts)
    metas = index.head.find_all("meta") if index.head is not None else []
    head = "\n".join([*(str(tag) for tag in metas), *(f'<link rel="stylesheet" href="{html.escape(sheet)}">' for sheet in sheets)])
    toc = []
    for chapter in parts:
        page = str(start_pages[chapter.path]) if start_pages and chapter.path in start_pages else _PAGE_SLOT
        toc.append(
            f'<li class="handbook-toc-entry"><a href="#{chapter.anchor}">{html.escape(chapter.title)}</a>'
            f'<span class="handbook-toc-page">{page}</span></li>'
        )
    body = [
        f'<section class="handbook-cover"><p class="handbook-cover-kicker">A handbook on Communities of Practice and '
        f'learning partnerships</p><h1>{html.escape(title)}</h1><p class="handbook-cover-date">Printed '
        f"{date.today().isoformat()} from the published site. Checklists are blank copies; each also prints on its "
        f"own from its page.</p></section>",
        f'<nav class="handbook-toc" aria-label="Contents"><h1>Contents</h1><ol>{"".join(toc)}</ol></nav>',
    ]
    for chapter in parts:
        body.append(
            f'<section class="handbook-chapter" id="{chapter.anchor}" data-page="{html.escape(chapter.path)}">{chapter.body}</section>'
        )
    return (
        f'<!doctype html><html lang="en" data-content_root="./"><head>{head}<title>{html.escape(title)}</title>'
        f'<link rel="stylesheet" href="_static/handbook-pdf.css"></head>'
        f'<body class="handbook-print" data-checklist-print-mode="full">{"".join(body)}</body></html>'
    )
