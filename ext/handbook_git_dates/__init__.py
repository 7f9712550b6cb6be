"""Show on each page the date its source file last changed in git ("Last updated on ...").

One ``git log`` at the start of the build maps every file to its newest commit date; pages not yet
committed (or a build outside git) show no date rather than a misleading one.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.typing import ExtensionMetadata

__version__ = "0.1.0"

#: The attribute of the build environment that holds the dates, so parallel writers inherit them.
ENV_ATTRIBUTE = "handbook_git_dates"


def commit_dates(root: Path) -> dict[str, str]:
    """Repository-relative path -> ISO date of the newest commit that touched it."""
    try:
        out = subprocess.run(["git", "log", "--format=@%cs", "--name-only"], cwd=root, capture_output=True, text=True, check=True).stdout
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=root, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return {}
    dates: dict[str, str] = {}
    current = ""
    for line in out.splitlines():
        if line.startswith("@"):
            current = line[1:]
        elif line:
            dates.setdefault(str(Path(top) / line), current)  # log is newest first
    return dates


def _dates(env: BuildEnvironment) -> dict[str, str]:
    dates: dict[str, str] = getattr(env, ENV_ATTRIBUTE, {})
    return dates


def load_dates(app: Sphinx) -> None:
    setattr(app.env, ENV_ATTRIBUTE, commit_dates(Path(app.srcdir)))


def add_date(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None) -> None:
    if doctree is None:
        return
    source = str(Path(app.env.doc2path(pagename)).resolve())
    date = _dates(app.env).get(source)
    if date:
        context["last_updated"] = date


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("builder-inited", load_dates)
    app.connect("html-page-context", add_date)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
