"""Each rendered form of a checklist against its regression file in tests/regression/: the checklist, the
assessment, the choices and the text builder's fallback, from tests/roots/test-basic.

The files hold the checklist's own markup (its ``div.checklist`` elements, with the checklist assets the
page loads, pretty-printed by BeautifulSoup) with unstable parts replaced (asset version query strings and
content hashes, the build's folders). After an intended change of the markup, rewrite them and review the diff:
``.venv/bin/python -m pytest tests/test_html_regression.py --regen-regression``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

REGRESSION = Path(__file__).parent / "regression"


@pytest.fixture(scope="module")
def builds(rootdir, tmp_path_factory, warnings_of) -> dict:
    """test-basic built once by the html and once by the text builder."""
    apps = {}
    for builder in ("html", "text"):
        src = tmp_path_factory.mktemp(f"regression-{builder}") / "src"
        shutil.copytree(rootdir / "test-basic", src)
        app = SphinxTestApp(builder, srcdir=src, freshenv=True)
        try:
            app.build()
        finally:
            app.cleanup()
        assert warnings_of(app) == []
        apps[builder] = app
    return apps


def normalise(text: str, app) -> str:
    """The output without what changes from build to build or with every edit of the script: folders of the
    build, asset version strings, the content hash of the script's lazily loaded parts."""
    for folder, name in ((app.outdir, "<outdir>"), (app.srcdir, "<srcdir>")):
        text = text.replace(str(folder), name)
    text = re.sub(r"\?v=[0-9a-f]+", "?v=VERSION", text)
    return re.sub(r'data-parts="[0-9a-f]+"', 'data-parts="HASH"', text)


def markup(app, page: str, selector: str, assets: bool = True) -> str:
    """The elements of ``page`` matching ``selector``, after the checklist assets it loads, pretty-printed."""
    soup = BeautifulSoup((Path(app.outdir) / page).read_text(encoding="utf-8"), "html.parser")
    loaded = (
        [tag for tag in soup.select("head link[rel=stylesheet], script[src]") if "checklist" in (tag.get("href") or tag.get("src") or "")]
        if assets
        else []
    )
    elements = soup.select(selector)
    assert elements, f"nothing matches {selector} in {page}"
    return normalise("".join(tag.prettify() for tag in [*loaded, *elements]), app)


def fallback_text(app) -> str:
    """The text builder's pages that render checklists, one after the other."""
    parts = [f"==> {name} <==\n{(Path(app.outdir) / name).read_text(encoding='utf-8')}" for name in ("index.txt", "assessment.txt")]
    return normalise("\n".join(parts), app)


FORMS = {
    "checklist.html": lambda b: markup(b["html"], "index.html", "div.checklist[data-checklist-id=demo]"),
    "assessment.html": lambda b: markup(b["html"], "assessment.html", "div.checklist[data-checklist-id=rating]"),
    "choices.html": lambda b: markup(b["html"], "index.html", "div.checklist tr:has(fieldset.checklist-choices)", assets=False),
    "fallback.txt": lambda b: fallback_text(b["text"]),
}


@pytest.mark.parametrize("name", sorted(FORMS))
def test_rendered_form_matches_its_regression_file(builds, regen_regression, name):
    actual = FORMS[name](builds)
    path = REGRESSION / name
    if regen_regression:
        path.parent.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.is_file(), f"{path} is missing: run pytest {Path(__file__).name} --regen-regression"
    assert actual == path.read_text(encoding="utf-8"), (
        f"{name} differs from {path}; if the change is intended, rerun with --regen-regression and review the diff"
    )
