"""Sphinx configuration of the Collaborative Learning Handbook (source directory: docs/)."""

import dataclasses
import os
import re
import subprocess

import pybtex.backends.plaintext
import pybtex.plugin
import sphinxcontrib.bibtex.plugin
from sphinxcontrib.bibtex.style.referencing import BracketStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle


def _round_brackets() -> BracketStyle:
    return BracketStyle(left="(", right=")")


@dataclasses.dataclass
class RoundAuthorYearStyle(AuthorYearReferenceStyle):
    """Author-year citations in round brackets, as readers of policy reports expect: (Rimmington et al., 2025, p. 21)."""

    bracket_parenthetical: BracketStyle = dataclasses.field(default_factory=_round_brackets)
    bracket_textual: BracketStyle = dataclasses.field(default_factory=_round_brackets)


sphinxcontrib.bibtex.plugin.register_plugin("sphinxcontrib.bibtex.style.referencing", "author_year_round", RoundAuthorYearStyle)
# sphinxcontrib-bibtex asks pybtex for its plain-text backend once per citation, and each time pybtex
# scans every installed package's entry points for it (a fifth of a clean build): register it once.
pybtex.plugin.register_plugin("pybtex.backends", "plaintext", pybtex.backends.plaintext.Backend, force=True)

project = "Collaborative Learning Handbook"
author = "The Collaborative Learning Handbook contributors"
copyright = "2026, " + author
release = "0.1"

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinx_checklist",
    "sphinxcontrib.bibtex",
    "handbook_csp",
    "handbook_git_dates",
    "handbook_offline",
    "handbook_print",
    "handbook_pdf",
]

# Checklist YAML files, relative to this file.
checklist_dir = "checklists"
# The handbook's vocabularies: the ids checklists may use, and the words readers see for them.
checklist_roles = {
    "funder": "Funder",
    "learning-partner": "Learning partner",
    "member": "Member",
    "facilitator": "Facilitator",
    "philanthropy-staff": "Philanthropy staff",
    "implementing-partner": "Implementing partner",
}
# In the order of the lifecycle, which the checklist index and the lifecycle list follow.
checklist_stages = {
    "decide": "Deciding whether to start",
    "design": "Designing or setting up",
    "before": "Before a convening",
    "during": "During a convening",
    "after": "After a convening",
    "between": "Between convenings",
    "review": "Reviewing",
}
checklist_sources = {
    "ipa-2025-report": "IPA, Making Collaborative Learning Work (2025)",
    "ipa-2025-brief": "IPA, Five building blocks brief (2025)",
    "itad-porticus-2025": "Itad with Porticus, Learning partnerships (2025)",
}
# Saved answers live under this prefix in readers' browsers: never change it, or they would not be found.
checklist_storage_prefix = "clh"
# The marker of items that are the handbook's own advice (basis: handbook), not the reports'.
checklist_advice_label = "Handbook advice"

source_suffix = {".md": "markdown"}
root_doc = "index"
# Files and folders starting with "_" are fragments pulled in by {include}, not pages of their own.
exclude_patterns = ["_build", "_templates", "_static", ".venv", "**/_*"]

myst_enable_extensions = ["colon_fence", "deflist"]

# One bibliography for the whole handbook: the three reports and every work they cite.
# Kept outside docs/: bibliographic data (titles and addresses of cited works), not handbook prose.
bibtex_bibfiles = ["references/ipa.bib", "references/itad.bib"]
bibtex_reference_style = "author_year_round"
bibtex_default_style = "plain"
myst_heading_anchors = 3

html_theme = "furo"
html_static_path = ["docs/_static"]
html_favicon = "docs/_static/favicon.svg"
# Small styles of the handbook's own, such as the "Handbook advice" boxes (see docs/about-sources.md).
html_css_files = ["handbook.css"]
html_title = "Collaborative Learning Handbook"
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False
# No web fonts or scripts from other hosts: the handbook works offline.
html_theme_options = {
    "navigation_with_keys": True,
}


def _repository_url() -> str | None:
    """The GitHub repository, for "Edit this page": from CI's GITHUB_REPOSITORY, else the git remote."""
    if os.environ.get("GITHUB_REPOSITORY"):
        return f"https://github.com/{os.environ['GITHUB_REPOSITORY']}/"
    try:
        remote = subprocess.run(
            ["git", "remote", "get-url", "origin"],
            capture_output=True,
            text=True,
            check=True,
            cwd=os.path.dirname(os.path.abspath(__file__)),
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    match = re.match(r"(?:https://github\.com/|git@github\.com:)([^/]+/[^/]+?)(?:\.git)?$", remote)
    return f"https://github.com/{match.group(1)}/" if match else None


if _repository_url():
    html_theme_options |= {
        "source_repository": _repository_url(),
        "source_branch": os.environ.get("HANDBOOK_BRANCH", "main"),
        "source_directory": "docs/",
    }

nitpicky = True
