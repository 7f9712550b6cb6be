"""What checklist text may contain: the Markdown a contributor needs, and nothing that runs or reads files.

Text in a checklist file reaches every reader's browser, so it is checked before anything renders
it, in the build and in ``python -m sphinx_checklist check`` alike. MyST fields (descriptions, item
text, guidance) are tokenised with MyST's own Markdown parser and may use emphasis, lists, web
links, the roles in ``ALLOWED_ROLES`` and the directives in ``ALLOWED_DIRECTIVES``. Raw HTML,
images, labels, links to files or to ``javascript:``/``data:`` addresses, and any other directive
or role (``{include}``, ``{raw}``, ``{eval-rst}``, ``{checklist}``...) are refused, each with what to
write instead. Every other text field is shown as plain text and may not hold HTML tags at all, so
the JSON export never carries markup either.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING

from .problems import Problem, Subtype, format_path
from .yaml_loader import LoadedYaml, Path_

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

#: Roles for cross-references, glossary terms, checklist items, citations and small typography.
ALLOWED_ROLES = frozenset(
    {
        "ref",
        "doc",
        "term",
        "checklist-item",
        "abbr",
        "sub",
        "sup",
        "cite:p",
        "cite:t",
        "cite:ps",
        "cite:ts",
    }
)
#: Admonitions only: boxes of text whose content is checked like the rest.
ALLOWED_DIRECTIVES = frozenset({"note", "tip", "important", "warning", "caution", "seealso"})
#: Web and mail addresses, and anchors on the same page.
SAFE_LINK = re.compile(r"^(https?://|mailto:|#)", re.IGNORECASE)
_TAG = re.compile(r"<\s*/?\s*[A-Za-z!?][^<>]{0,40}>?")
_DIRECTIVE = re.compile(r"^\{([^}\s]+)\}")
# Lines of a directive's options block (":key: value"), which are not Markdown.
_OPTION = re.compile(r"^:[\w-]+:")

#: Fields read as MyST Markdown, by their key.
MYST_FIELDS = frozenset({"description", "text", "guidance", "low_rating_guidance"})
# ... but only where the renderer parses them: these parents show their description as plain text.
_PLAIN_PARENTS = frozenset({"levels", "unknown", "groups", "outcomes", "choices"})


@cache
def _parser() -> MarkdownIt:
    # Imported late: the CLI and the loader run without Sphinx's extensions set up.
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    # Every fence syntax a project might enable, so that no directive hides from the check.
    parser = create_md_parser(MdParserConfig(enable_extensions={"colon_fence", "deflist"}), RendererHTML)
    # markdown-it quietly leaves javascript: and data: links as text; here they become links, so that
    # the contributor hears about them instead of readers seeing a broken link.
    # markdown-it-py's documented way to change link validation is to assign validateLink on the instance.
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    return parser


def _strings(value: object, doc_path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _strings(child, (*doc_path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _strings(child, (*doc_path, index))
    elif isinstance(value, str):
        yield doc_path, value


def is_myst_field(doc_path: Path_) -> bool:
    """Whether the renderer parses the field at ``doc_path`` as MyST (else it is shown as plain text)."""
    if not doc_path or doc_path[-1] not in MYST_FIELDS:
        return False
    parents = {part for part in doc_path[:-1] if isinstance(part, str)}
    return not parents & _PLAIN_PARENTS


def markup_problems(loaded: LoadedYaml) -> list[Problem]:
    """Every unsafe construct in the text fields of a parsed file, each at its line."""
    problems = []
    for doc_path, text in _strings(loaded.data):
        where = format_path(doc_path)
        line = loaded.line_of(doc_path)
        if is_myst_field(doc_path):
            found = unsafe_myst(text)
        else:
            tag = _TAG.search(text)
            found = [f"the HTML tag {tag.group()!r} is not allowed; this text is shown as written, so write it without tags"] if tag else []
        for message in found:
            problems.append(Problem(Subtype.unsafe_markup, line, f"{where}: {message}"))
    return problems


#: Where any construct the check refuses must begin: a tag or autolink, a link or image, a role or directive,
#: a code fence, a ``(label)=`` target. Text with none of them needs no parsing.
_CONSTRUCT = re.compile(r"[<\[{`]|\)=|:::|~~~")


def unsafe_myst(text: str) -> list[str]:
    """What is wrong in one MyST text, as messages that say what to write instead."""
    if not _CONSTRUCT.search(text):
        return []
    found: list[str] = []
    _check_tokens(_parser().parse(text), found)
    return found


def _check_tokens(tokens: Sequence[Token], found: list[str]) -> None:
    for token in tokens:
        kind = token.type
        if kind in ("html_inline", "html_block"):
            found.append(
                f"raw HTML {token.content.strip()[:40]!r} is not allowed; use Markdown "
                "(**bold**, *italic*, [text](https://...)) or plain words"
            )
        elif kind == "image":
            found.append(f"the image {token.attrs.get('src', '')!r} is not allowed in checklist text; put images on the page instead")
        elif kind == "myst_target":
            found.append(f"the label ({token.content})= is not allowed in checklist text; labels belong before headings on the pages")
        elif kind == "myst_role" and token.meta.get("name") not in ALLOWED_ROLES:
            found.append(
                f"the role {{{token.meta.get('name')}}} is not allowed in checklist text; "
                f"use one of: {', '.join('{' + r + '}' for r in sorted(ALLOWED_ROLES))}"
            )
        elif kind == "link_open":
            href = str(token.attrs.get("href", ""))
            if not SAFE_LINK.match(href):
                found.append(
                    f"the link {href[:60]!r} is not allowed; link to a web address (https://...), "
                    "and to pages with {ref}`label` or {doc}`page`"
                )
        elif kind in ("fence", "colon_fence"):
            _check_directive(token, found)
        if token.children:
            _check_tokens(token.children, found)


def _check_directive(token: Token, found: list[str]) -> None:
    match = _DIRECTIVE.match(token.info.strip())
    if not match:
        return  # a plain code block: shown as literal text
    name = match.group(1)
    if name not in ALLOWED_DIRECTIVES:
        found.append(
            f"the directive {{{name}}} is not allowed in checklist text; use Markdown, or one of: "
            f"{', '.join('{' + d + '}' for d in sorted(ALLOWED_DIRECTIVES))}"
        )
        return
    if token.info.strip()[match.end() :].strip() and name != "seealso":
        # An admonition's argument is its title: plain words, checked like any text.
        found.extend(unsafe_myst(token.info.strip()[match.end() :]))
    body = [line for line in token.content.splitlines() if not _OPTION.match(line)]
    found.extend(unsafe_myst("\n".join(body)))
