"""Builders other than HTML get readable checklists instead of failing on unknown nodes."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.mark.sphinx("text", testroot="basic", copy_test_root=True, freshenv=True)
def test_text_builder_writes_boxes_items_roles_and_sources(app, warnings_of):
    app.build()
    assert warnings_of(app) == []
    text = (Path(app.outdir) / "index.txt").read_text(encoding="utf-8")
    assert "[ ] Survey the members. (who: Facilitator)" in text
    assert "[ ] [n/a] Draft the agenda with **members**." in text
    assert "Source: The agenda; See also: Preparing" in text
    assert "Source: Preparing" in text
    assert "[ ] Thank the speakers. [Handbook advice] (who: Facilitator)" in text  # basis: handbook
    assert "[Handbook advice]" not in text.replace("[ ] Thank the speakers. [Handbook advice]", "")
    assert "Share it a week ahead." in text
    assert "Choose one: ( ) In person (Deeper trust; travel costs.) / ( ) Online" in " ".join(text.split())
    rating = " ".join((Path(app.outdir) / "assessment.txt").read_text(encoding="utf-8").split())
    assert "Rating: ( ) 1. Absent / ( ) 2. Emerging / ( ) 3. Established / ( ) Don't know" in rating  # no smart quotes in text
    assert "Demo checklist" in (Path(app.outdir) / "all.txt").read_text(encoding="utf-8")


@pytest.mark.sphinx("latex", testroot="basic", copy_test_root=True, freshenv=True)
def test_latex_builder_does_not_fail(app, warnings_of):
    app.build()
    assert warnings_of(app) == []
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert "Survey the members." in tex


@pytest.mark.sphinx("dirhtml", testroot="basic", copy_test_root=True, freshenv=True)
def test_other_html_builders_render_tables(app, warnings_of):
    app.build()
    assert warnings_of(app) == []
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert 'id="checklist-demo-survey"' in html and 'data-checklist-item-id="survey"' in html
