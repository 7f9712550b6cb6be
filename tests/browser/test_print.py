"""Paper in a real browser: the Print dialog, blank and filled copies, the paper layout (A4 and US Letter, compact and
full) from the built markup alone, whole pages printed with Ctrl+P, convening packs over checklists of two pages,
and answers saved before packs existed."""

from __future__ import annotations

import io
import json
import math
import re
import shutil
from pathlib import Path

import pytest
from browser_support import Site, ready, show, tool
from bs4 import BeautifulSoup
from playwright.sync_api import expect
from pypdf import PdfReader

TICK = "#checklist-tasks-survey-done"
DOC = ".checklist-print-doc"
# The page's window.print() is replaced, so a test sees what would print and counts the calls.
STUB_PRINT = (
    "window.print = () => { window.__printed = (window.__printed || 0) + 1; document.documentElement.dataset.printed = window.__printed; }"
)


def _open(page, url: str):
    page.add_init_script(STUB_PRINT)
    return ready(page, url)


def _fill(page, note: str = 'Send cards, "by hand"') -> None:
    page.check(TICK)
    page.check("#checklist-tasks-agenda-na")
    page.check("#checklist-tasks-venue-choice-online")
    page.click("#checklist-tasks-thank .checklist-note-toggle")
    page.fill("#checklist-tasks-thank-note", note)
    page.locator("#checklist-tasks-thank-note").blur()


def _dialog(page, checklist: str = "tasks"):
    tool(page, "Print or pack…", checklist)
    dialog = page.locator(f"#checklist-{checklist} dialog")
    expect(dialog).to_be_visible()
    return dialog


def _print(page, checklist: str = "tasks", *, blank: bool = False, full: bool = False, scope: str | None = None):
    """Print through the dialog, as a reader does, then look at the page as print media."""
    dialog = _dialog(page, checklist)
    dialog.get_by_label(re.compile("^Blank" if blank else "^Filled in")).check()
    dialog.get_by_label(re.compile("^Full" if full else "^Compact")).check()
    if scope:
        dialog.get_by_label(re.compile(scope)).check()
    dialog.get_by_role("button", name="Print", exact=True).click()
    page.wait_for_selector("html[data-printed='1']", state="attached")  # printing a pack waits for its pages
    page.emulate_media(media="print")
    return page.locator(DOC)


def _pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page, with runs of white space made one space."""
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def _visible(page, selector: str) -> list[str]:
    """Elements matching ``selector`` that take up room on the page (as print media lays it out)."""
    return page.eval_on_selector_all(
        selector,
        """els => els.filter(e => e.getClientRects().length
        && getComputedStyle(e).visibility !== 'hidden').map(e => e.outerHTML.slice(0, 80))""",
    )


# ---- blank and filled ----


def test_blank_copy_prints_no_tick_note_or_progress_whatever_the_copy_holds(page, demo_site):
    _open(page, demo_site.url)
    _fill(page)
    expect(page.locator("#checklist-tasks .checklist-progress")).to_have_text("1 of 4 done")
    doc = _print(page, blank=True)
    expect(doc).to_be_visible()
    assert doc.locator("input:checked").count() == 0
    assert doc.locator(".checklist-is-done, .checklist-is-na, .checklist-summary").count() == 0
    expect(doc).not_to_contain_text("by hand", use_inner_text=True)
    expect(doc).not_to_contain_text(re.compile(r"\d+ of \d+"), use_inner_text=True)
    expect(doc.locator(".checklist-write").first).to_be_visible()  # room to write instead of the note
    header = doc.locator(".checklist-print-header")
    expect(header).to_have_count(1)
    expect(header).to_be_visible()
    expect(header.locator(".checklist-print-title")).to_have_text("Convening tasks")
    expect(header.locator(".checklist-print-facts")).to_contain_text("Checklist, version 1.0")
    expect(header.locator(".checklist-print-when")).to_have_text(re.compile(r"^\d{4}-\d{2}-\d{2}$"))
    assert "Blank copy" in header.locator(".checklist-print-copy").evaluate("el => getComputedStyle(el, '::before').content")
    expect(header.locator(".checklist-print-field")).to_have_text(["Date", "Convening", "Facilitator", "Who attended"])
    # nothing else of the page reaches the paper
    expect(page.locator("text=This paragraph is site content outside any checklist.")).to_be_hidden()
    assert _visible(page, ".sidebar-drawer, .toc-drawer, .skip-to-content, .back-to-top, .checklist-toolbar, button") == []
    pdf = _pdf_pages(page.pdf(format="A4"))
    assert len(pdf) == 1 and "Convening tasks" in pdf[0] and "by hand" not in pdf[0]
    assert not re.search(r"\d+ of \d+ done", pdf[0])
    # the page keeps the copy: printing copied the checklist, it cleared nothing
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    page.emulate_media(media="screen")
    expect(page.locator(DOC)).to_have_count(0)
    assert page.evaluate("document.body.dataset.checklistPrint") is None
    expect(page.locator(TICK)).to_be_checked()
    expect(page.locator("#checklist-tasks-venue-choice-online")).to_be_checked()
    expect(page.locator("#checklist-tasks-thank-note")).to_have_value('Send cards, "by hand"')


def test_filled_copy_prints_clear_ticks_chosen_options_and_every_note_in_full(page, demo_site):
    _open(page, demo_site.url)
    note = "Thank each speaker by name, and say which idea the members took home. " * 6
    _fill(page, note.strip())
    doc = _print(page)
    survey = doc.locator(".checklist[data-checklist-id='tasks'] tr[data-checklist-item-id='survey']")
    expect(survey.locator("input[value=done]")).to_be_checked()
    assert survey.locator("input[value=done]").evaluate("el => getComputedStyle(el, '::after').content") == '"✓"'
    assert survey.locator(".checklist-text").evaluate("el => getComputedStyle(el).color") == "rgb(0, 0, 0)"  # ticked, not greyed
    expect(doc.locator(".checklist[data-checklist-id='tasks'] tr[data-checklist-item-id='agenda'] input[value=na]")).to_be_checked()
    online = doc.locator(".checklist[data-checklist-id='tasks'] tr[data-checklist-item-id='venue'] input[value=online]")
    expect(online).to_be_checked()
    assert online.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(0, 0, 0)"
    printed = doc.locator(".checklist[data-checklist-id='tasks'] tr[data-checklist-item-id='thank'] .checklist-note-print")
    expect(printed).to_be_visible()
    expect(printed).to_have_text(note.strip())
    assert printed.evaluate("el => el.scrollHeight <= el.clientHeight + 1")  # all of it, not cut off
    expect(doc.locator(".checklist-print-copy")).to_have_text(" · “My copy”")
    text = " ".join(_pdf_pages(page.pdf(format="Letter")))
    assert "which idea the members took home." in text and "✓" in text


def test_filled_assessment_prints_the_chosen_rating_as_a_filled_circle(page, demo_site):
    _open(page, demo_site.url + "assessment.html")
    page.check("#checklist-fit-leadership-level-3")
    page.check("#checklist-fit-time-unknown")
    doc = _print(page, "fit", full=True)
    row = doc.locator(".checklist[data-checklist-id='fit'] tr[data-checklist-item-id='leadership']")
    colours = [r.evaluate("el => getComputedStyle(el).backgroundColor") for r in row.locator("input[type=radio]").all()]
    assert colours == ["rgb(255, 255, 255)", "rgb(255, 255, 255)", "rgb(0, 0, 0)", "rgb(255, 255, 255)"]
    expect(doc.locator(".checklist[data-checklist-id='fit'] tr[data-checklist-item-id='time'] input[value=unknown]")).to_be_checked()
    expect(doc.locator(".checklist-summary")).to_be_visible()  # the results of the copy, in a filled copy
    expect(row.locator(".checklist-low-guidance")).to_be_visible()  # full: with the guidance


# ---- the dialog, and the function the PDF pipeline calls ----


def test_print_dialog_works_from_the_keyboard_with_labelled_controls(page, demo_site, axe_source):
    _open(page, demo_site.url)
    opener = page.locator("#checklist-tasks button:text-is('Print or pack…')")
    opener.focus()
    page.keyboard.press("Enter")
    dialog = page.locator("#checklist-tasks dialog")
    expect(dialog).to_be_visible()
    assert dialog.evaluate("d => d.contains(document.activeElement)")
    for name in ("Filled in", "Blank", "Compact", "Full"):
        expect(dialog.get_by_label(re.compile("^" + name))).to_have_count(1)
    expect(dialog.get_by_label("Fit assessment")).to_be_enabled()  # every checklist of the site, for a pack
    page.keyboard.press("ArrowDown")  # from the focused first choice to the next: blank
    expect(dialog.get_by_label(re.compile("^Blank"))).to_be_checked()
    page.evaluate(axe_source)
    violations = page.evaluate("axe.run(document, {resultTypes: ['violations']})")["violations"]
    assert [v["id"] for v in violations] == []
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert opener.evaluate("el => el === document.activeElement")
    assert page.evaluate("window.__printed") is None


def test_print_setup_prepares_the_page_as_the_dialog_does_and_puts_it_back(page, demo_site):
    _open(page, demo_site.url)
    page.check(TICK)
    page.evaluate("document.body.dataset.printDate = '2026-03-14'")
    # as the PDF pipeline calls it: the first call loads checklist-print.js, so the page is prepared once `ready` settles
    page.evaluate(
        "async () => { const s = window.__cleanup = checklistPrintSetup('tasks', {blank: true, mode: 'full'});"
        " if (s && s.ready) await s.ready; }"
    )
    assert page.evaluate("[document.body.dataset.checklistPrint, document.body.dataset.checklistPrintMode]") == ["blank", "full"]
    expect(page.locator(f"{DOC} .checklist-print-when")).to_have_text("2026-03-14")
    assert page.locator(f"{DOC} input:checked").count() == 0
    assert page.evaluate("() => window.__cleanup.ready.then(c => c === window.__cleanup)")
    assert page.evaluate("window.__printed") is None
    page.emulate_media(media="print")
    root = page.locator(f"{DOC} .checklist[data-checklist-id=tasks]")
    assert root.get_attribute("data-checklist-page") == "index.html"
    assert root.evaluate("el => getComputedStyle(el).page").startswith("checklist-tasks-")  # its own footer
    page.evaluate("() => window.__cleanup()")
    assert page.evaluate("[document.body.dataset.checklistPrint, document.body.dataset.checklistPrintMode]") == [None, None]
    expect(page.locator(DOC)).to_have_count(0)
    expect(page.locator(TICK)).to_be_checked()
    # once the print file is loaded, a checklist of this page is prepared at once; put back before, it never is
    page.evaluate("() => { window.__again = checklistPrintSetup(['tasks'], {}); }")
    assert page.evaluate("document.body.dataset.checklistPrint") == "filled"
    page.evaluate("() => window.__again.cleanup()")
    put_back = "() => { const s = checklistPrintSetup('tasks', {}); s(); return s.ready.then(() => document.body.dataset.checklistPrint); }"
    assert page.evaluate(put_back) is None
    expect(page.locator(DOC)).to_have_count(0)


@pytest.mark.parametrize("mode", ["compact", "full"])
def test_the_built_markup_alone_prints_a_blank_paper_copy(browser, demo_build, tmp_path, mode):
    """What the PDF pipeline may do: a checklist's rendered root in a page with the site's stylesheets, attributes on
    <body>, no script at all."""
    site_dir = tmp_path / "site"
    shutil.copytree(demo_build, site_dir)
    built = BeautifulSoup((site_dir / "assessment.html").read_text(encoding="utf-8"), "html.parser")
    links = "".join(str(link) for link in built.select("link[rel=stylesheet]"))
    root = built.select_one("div.checklist[data-checklist-id=fit]")
    (site_dir / "paper.html").write_text(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fit</title>{links}</head>'
        f'<body data-checklist-print="blank" data-checklist-print-mode="{mode}">{root}</body></html>',
        encoding="utf-8",
    )
    site = Site(site_dir)
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site.url + "paper.html")
        page.emulate_media(media="print")
        expect(page.locator(".checklist-print-header")).to_be_visible()
        expect(page.locator(".checklist-print-header .checklist-print-title")).to_have_text("Fit assessment")
        expect(page.locator(".checklist-print-when")).to_be_empty()  # a line to write the date on
        expect(page.locator(".checklist > .checklist-title")).to_be_hidden()  # the header holds the title
        expect(page.locator(".checklist-write").first).to_be_visible()
        guidance = page.locator(".checklist[data-checklist-id='fit'] tr[data-checklist-item-id='leadership'] .checklist-low-guidance")
        expect(guidance).to_be_hidden() if mode == "compact" else expect(guidance).to_be_visible()
        expect(page.locator("thead th.checklist-col-level-2").first).to_have_attribute("data-mark", "2")
        text = _pdf_pages(page.pdf(format="A4"))
        assert len(text) == 1
        assert "fit · version 2.0 · assessment.html" in text[0] and "Page 1 of 1" in text[0]
        assert "Printed:" in text[0] and "Who attended" in text[0]
    finally:
        context.close()
        site.close()


# ---- whole pages, and the budget of the real handbook ----


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_long_page_scrolled_halfway_prints_without_the_sites_navigation_or_controls(browser, handbook_site, theme):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.add_init_script(f"localStorage.setItem('theme', '{theme}')")
    ready(page, handbook_site.url + "cop/participation.html")
    page.mouse.wheel(0, 6000)
    page.mouse.wheel(0, -600)  # scrolling back up is what shows furo's back-to-top button
    page.wait_for_function("document.body.scrollHeight > 2 * innerHeight && scrollY > 2000")
    page.emulate_media(media="print")
    chrome = (
        ".skip-to-content, .back-to-top, .sidebar-drawer, .toc-drawer, .mobile-header, .theme-toggle, "
        ".content-icon-container, .related-pages, .checklist-toolbar, .checklist-note-toggle, button"
    )
    assert _visible(page, chrome) == []
    expect(page.locator("article[role=main] h1")).to_be_visible()
    assert page.eval_on_selector("article h2", "el => getComputedStyle(el).breakAfter") == "avoid"
    assert page.eval_on_selector(".checklist-table thead", "el => getComputedStyle(el).display") == "table-header-group"
    assert page.eval_on_selector(".checklist-table tr.checklist-item", "el => getComputedStyle(el).breakInside") == "avoid"
    assert page.eval_on_selector("body", "el => getComputedStyle(el).color") == "rgb(0, 0, 0)"
    assert page.eval_on_selector("article a.reference", "el => getComputedStyle(el, '::after').content") in ("none", "normal")
    # as on screen: no paper header, no lines to write on
    assert _visible(page, ".checklist-print-header, .checklist-write") == []
    text = " ".join(_pdf_pages(page.pdf(format="A4")))
    assert "Back to top" not in text and "Skip to content" not in text and "Print or pack" not in text
    context.close()


def test_every_checklist_prints_compact_on_a4_within_its_budget_and_no_page_holds_only_a_header(page, handbook_site):
    """ceil(items / 8) pages at most; every page holds the text of at least one item."""
    if not handbook_site.csp:
        pytest.skip("the paper layout does not depend on the policy header; measured once")
    export = json.loads((Path(handbook_site.directory) / "checklists.json").read_text(encoding="utf-8"))
    counts, over, header_only = {}, {}, []
    for checklist in export["checklists"]:
        cid = checklist["id"]
        ready(page, handbook_site.url + checklist["url"].split("#")[0])
        page.emulate_media(media="print")
        page.evaluate(
            "async (id) => { const s = window.__cleanup = checklistPrintSetup(id, {blank: true, mode: 'compact'});"
            " if (s && s.ready) await s.ready; }",
            cid,
        )
        items = page.eval_on_selector_all(f"{DOC} .checklist-text", "els => els.map(e => e.textContent.replace(/\\s+/g, ' ').trim())")
        assert len(items) == sum(len(section["items"]) for section in checklist["sections"])
        pages = _pdf_pages(page.pdf(format="A4"))
        counts[cid] = len(pages)
        if len(pages) > math.ceil(len(items) / 8):
            over[cid] = (len(pages), math.ceil(len(items) / 8))
        header_only += [(cid, n + 1) for n, text in enumerate(pages) if not any(item[:24] in text for item in items)]
        page.evaluate("() => window.__cleanup()")
    assert counts["lp-enablers"] <= 5 and counts["before-convening"] <= 3
    assert over == {}
    assert header_only == []


# ---- convening packs ----


def test_a_convening_pack_spans_checklists_of_two_pages_and_prints_as_one_document(page, demo_site):
    _open(page, demo_site.url)
    tool(page, "New copy")
    page.fill("#checklist-tasks-tool-name", "March convening")
    page.press("#checklist-tasks-tool-name", "Enter")
    page.check(TICK)
    dialog = _dialog(page)
    expect(dialog.get_by_label("Convening tasks (this checklist)")).to_be_checked()
    dialog.get_by_label("Fit assessment").check()
    dialog.get_by_role("button", name="Save the pack").click()
    expect(dialog.get_by_role("status")).to_contain_text("“March convening” is now a convening pack of 2 checklists")
    page.keyboard.press("Escape")
    expect(page.locator("#checklist-tasks-tool-run option:checked")).to_have_text("March convening (convening pack)")

    # The other page keeps its answers under the same name, beside its own copies.
    ready(page, demo_site.url + "assessment.html")
    expect(page.locator("#checklist-fit-tool-run option:checked")).to_have_text("March convening (convening pack)")
    expect(page.locator("#checklist-fit-tool-run option")).to_have_text(["My copy", "March convening (convening pack)"])
    page.check("#checklist-fit-leadership-level-3")
    show(page, "#checklist-fit-tool-run")
    page.select_option("#checklist-fit-tool-run", label="My copy")
    page.check("#checklist-fit-budget-level-1")  # not in the pack: it must not print with it

    ready(page, demo_site.url)
    doc = _print(page, scope="^The convening pack")
    expect(doc.locator(".checklist-pack-header")).to_have_count(1)
    expect(doc.locator(".checklist-print-header")).to_have_count(0)
    expect(doc.locator(".checklist-pack-header .checklist-print-title")).to_have_text("March convening")
    expect(doc.locator(".checklist-pack-list li")).to_have_text(["Convening tasks", "Fit assessment"])
    assert [r.get_attribute("data-checklist-id") for r in doc.locator(".checklist[data-checklist-id]").all()] == ["tasks", "fit"]
    expect(doc.locator(".checklist[data-checklist-id='tasks'] tr[data-checklist-item-id='survey'] input[value=done]")).to_be_checked()
    expect(doc.locator(".checklist[data-checklist-id='fit'] tr[data-checklist-item-id='leadership'] input[value='3']")).to_be_checked()
    assert doc.locator(".checklist[data-checklist-id='fit'] tr[data-checklist-item-id='budget'] input:checked").count() == 0
    expect(doc.locator(".checklist[data-checklist-id] > .checklist-title")).to_have_text(["Convening tasks", "Fit assessment"])
    text = " ".join(_pdf_pages(page.pdf(format="A4")))
    assert "tasks · version 1.0 · index.html" in text and "fit · version 2.0 · assessment.html" in text  # a footer each
    assert text.count("Who attended") == 1  # one header for the pack


def test_leaving_a_pack_keeps_the_answers_as_ordinary_copies(page, demo_site):
    _open(page, demo_site.url)
    tool(page, "New copy")
    page.fill("#checklist-tasks-tool-name", "June convening")
    page.press("#checklist-tasks-tool-name", "Enter")
    page.check(TICK)
    dialog = _dialog(page)
    dialog.get_by_label("Fit assessment").check()
    dialog.get_by_role("button", name="Save the pack").click()
    ready(page, demo_site.url + "assessment.html")
    page.check("#checklist-fit-leadership-level-2")  # answered in the pack's copy of this checklist
    ready(page, demo_site.url)
    dialog = _dialog(page)
    dialog.get_by_label("Fit assessment").uncheck()
    dialog.get_by_role("button", name="Save the pack").click()
    expect(dialog.get_by_role("status")).to_contain_text("is kept by this checklist only")
    expect(dialog.get_by_label(re.compile("^The convening pack"))).to_have_count(0)
    page.keyboard.press("Escape")
    expect(page.locator("#checklist-tasks-tool-run option:checked")).to_have_text("June convening")
    expect(page.locator(TICK)).to_be_checked()
    ready(page, demo_site.url + "assessment.html")
    expect(page.locator("#checklist-fit-tool-run option")).to_have_text(["My copy", "June convening"])
    show(page, "#checklist-fit-tool-run")
    page.select_option("#checklist-fit-tool-run", label="June convening")
    expect(page.locator("#checklist-fit-leadership-level-2")).to_be_checked()


def test_answers_saved_before_packs_open_and_are_saved_again_without_loss(page, demo_site):
    """Format 2 (before packs) migrates to the newest format: every copy, answer, note, date and the version seen."""
    old = {
        "format": 2,
        "checklist": "tasks",
        "current": "run-kx1-aaa",
        "seen": "1.0",
        "runs": {
            "run-1": {
                "name": "My copy",
                "created": "2026-01-02T10:00:00.000Z",
                "updated": "2026-01-03T10:00:00.000Z",
                "items": {"survey": {"done": True}, "thank": {"note": "Cards, by hand"}},
            },
            "run-kx1-aaa": {
                "name": "March",
                "created": "2026-02-01T10:00:00.000Z",
                "updated": "2026-02-02T10:00:00.000Z",
                "items": {"venue": {"choice": "online"}, "agenda": {"na": True, "note": "Chair rotates"}},
            },
        },
    }
    ready(page, demo_site.url)
    page.evaluate("(t) => localStorage.setItem('clh:checklist:tasks', t)", json.dumps(old))
    ready(page, demo_site.url)
    expect(page.locator("#checklist-tasks-tool-run option:checked")).to_have_text("March")
    expect(page.locator("#checklist-tasks-venue-choice-online")).to_be_checked()
    expect(page.locator("#checklist-tasks-agenda-na")).to_be_checked()
    expect(page.locator("#checklist-tasks-agenda-note")).to_have_value("Chair rotates")
    saved = json.loads(page.evaluate("localStorage.getItem('clh:checklist:tasks')"))
    assert (saved["format"], saved["seen"], saved["current"]) == (4, "1.0", "run-kx1-aaa")
    assert saved["runs"] == old["runs"]
    show(page, "#checklist-tasks-tool-run")
    page.select_option("#checklist-tasks-tool-run", label="My copy")
    expect(page.locator(TICK)).to_be_checked()
    expect(page.locator("#checklist-tasks-thank-note")).to_have_value("Cards, by hand")
