"""Editing a checklist rebuilds only the pages that show it; parallel builds match serial ones."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def tracked_build(make_app, srcdir: Path, **kwargs):
    """Build, recording which pages were read from source and which were written."""
    app = make_app("html", srcdir=srcdir, **kwargs)
    app.read_docs, app.written_docs = set(), set()
    app.connect("env-before-read-docs", lambda _app, _env, docnames: app.read_docs.update(docnames))
    app.connect("doctree-resolved", lambda _app, _doctree, docname: app.written_docs.add(docname))
    app.build()
    # a later build in the same test registers the same nodes again; let it start clean
    app.cleanup()
    return app


def test_editing_a_checklist_rereads_only_the_pages_rendering_it(make_app, project, edit, warnings_of):
    first = tracked_build(make_app, project)
    assert first.read_docs == {"index", "assessment", "all"}
    edit(project / "checklists/demo.yaml", "Survey the members.", "Survey every member.")
    again = tracked_build(make_app, project)
    assert again.read_docs == {"index", "assessment"}
    assert again.written_docs == {"index", "assessment"}
    assert "Survey every member." in (Path(again.outdir) / "index.html").read_text(encoding="utf-8")
    assert warnings_of(again) == []


def test_pages_showing_backlinks_or_the_index_are_written_again_when_those_change(make_app, project, edit):
    tracked_build(make_app, project)
    # rating items are rendered on "assessment" and cite a section of "index"
    edit(project / "checklists/rating.yaml", "There is a budget.", "A budget is set aside.")
    again = tracked_build(make_app, project)
    assert again.read_docs == {"assessment"}
    assert again.written_docs == {"assessment", "index"}
    assert "A budget is set aside." in (Path(again.outdir) / "index.html").read_text(encoding="utf-8")
    # a new title shows in the checklist index and in the backlinks
    edit(project / "checklists/rating.yaml", "title: Rating assessment", "title: Enabler rating")
    third = tracked_build(make_app, project)
    assert third.read_docs == {"assessment"}
    assert third.written_docs == {"assessment", "all", "index"}
    assert "Enabler rating" in (Path(third.outdir) / "all.html").read_text(encoding="utf-8")


def test_nothing_changed_rebuilds_nothing(make_app, project):
    tracked_build(make_app, project)
    again = tracked_build(make_app, project)
    assert again.read_docs == set()
    assert again.written_docs == set()


def _add_pages(project: Path, count: int, edit) -> None:
    """Enough pages for Sphinx to read and write in parallel, each rendering part of a checklist."""
    names = [f"extra{i}" for i in range(count)]
    for name in names:
        (project / f"{name}.md").write_text(
            f"# Extra {name}\n\nSee {{checklist-item}}`demo.thank`.\n\n```{{checklist}} demo\n:roles: facilitator\n```\n",
            encoding="utf-8",
        )
    edit(project / "index.md", "assessment\nall\n", "assessment\nall\n" + "\n".join(names) + "\n")


def test_parallel_build_gives_the_same_output_without_warnings(make_app, tmp_path, rootdir, edit, warnings_of):
    outputs = {}
    for jobs in (1, 2):
        src = tmp_path / f"j{jobs}"
        shutil.copytree(rootdir / "test-basic", src)
        _add_pages(src, 8, edit)
        app = make_app("html", srcdir=src, parallel=jobs)
        pid_log = tmp_path / f"pids-{jobs}.txt"
        # workers are forked processes: they report through a file, not through memory
        app.connect("doctree-read", lambda _app, _doctree, log=pid_log: log.open("a").write(f"{os.getpid()}\n"))
        app.build()
        app.cleanup()
        assert warnings_of(app) == []
        readers = set(pid_log.read_text().split())
        assert (len(readers) > 1) == (jobs > 1), readers
        out = Path(app.outdir)
        outputs[jobs] = {p.name: p.read_text(encoding="utf-8") for p in sorted(out.glob("*.html"))}
        outputs[jobs]["checklists.json"] = (out / "checklists.json").read_text(encoding="utf-8")
    assert outputs[1].keys() == outputs[2].keys()
    for name in outputs[1]:
        assert outputs[1][name] == outputs[2][name], name
