"""The interactive checklist in a real browser: answers, copies, filters, exports and share links (print: test_print.py)."""

from __future__ import annotations

import base64
import csv
import io
import json
import re

from browser_support import ready, show, tool
from handbook_build import build as strict_build
from playwright.sync_api import expect

TICK = "#checklist-tasks-survey-done"


def test_tick_and_note_survive_a_reload(page, demo_site):
    ready(page, demo_site.url)
    page.check(TICK)
    page.click("#checklist-tasks-agenda .checklist-note-toggle")
    page.fill("#checklist-tasks-agenda-note", "Ask Amina to co-chair")
    page.check("#checklist-tasks-venue-choice-online")
    page.click("#checklist-tasks-thank .checklist-note-toggle")
    page.keyboard.type("typed just before leaving")
    page.reload()  # at once: the note is saved on leaving, not only after its short delay
    page.wait_for_selector("html[data-checklists-ready=true]")
    expect(page.locator(TICK)).to_be_checked()
    expect(page.locator("#checklist-tasks-venue-choice-online")).to_be_checked()
    expect(page.locator("#checklist-tasks-agenda-note")).to_have_value("Ask Amina to co-chair")
    expect(page.locator("#checklist-tasks-agenda-note")).to_be_visible()
    expect(page.locator("#checklist-tasks-thank-note")).to_have_value("typed just before leaving")
    saved = json.loads(page.evaluate("localStorage.getItem('clh:checklist:tasks')"))
    assert saved["format"] == 4
    assert saved["runs"][saved["current"]]["items"]["survey"] == {"done": True}


def test_keyboard_alone_ticks_an_item_with_visible_focus(page, demo_site):
    ready(page, demo_site.url)
    page.focus(TICK)
    outline = page.eval_on_selector(TICK, "el => getComputedStyle(el).outlineStyle")
    page.keyboard.press("Space")
    expect(page.locator(TICK)).to_be_checked()
    assert outline != "none"
    expect(page.locator("#checklist-tasks .checklist-progress")).to_have_text("1 of 5 done")


def test_progress_leaves_not_applicable_items_out(page, demo_site):
    ready(page, demo_site.url)
    progress = page.locator("#checklist-tasks .checklist-progress")
    expect(progress).to_have_attribute("aria-live", "polite")
    page.check(TICK)
    page.check("#checklist-tasks-agenda-na")
    expect(progress).to_have_text("1 of 4 done")  # the n/a item leaves the total
    page.uncheck(TICK)
    expect(progress).to_have_text("0 of 4 done")
    expect(page.locator("#checklist-tasks-before .checklist-section-progress")).to_have_text("0 of 2 done")


def test_reordered_and_removed_items_keep_the_other_answers(page, editable_site):
    ready(page, editable_site.url)
    page.check("#checklist-tasks-survey-done")
    page.check("#checklist-tasks-thank-done")
    page.click("#checklist-tasks-report .checklist-note-toggle")
    page.fill("#checklist-tasks-report-note", "Due Friday")
    yaml_file = editable_site.src / "checklists" / "tasks.yaml"
    text = yaml_file.read_text(encoding="utf-8")
    survey = text[text.index("      - id: survey") : text.index("      - id: agenda")]
    thank = text[text.index("      - id: thank") : text.index("      - id: report")]
    # survey moves to the end of the first section; thank is deleted
    text = text.replace(survey, "").replace("  - id: after", survey + "  - id: after").replace(thank, "")
    yaml_file.write_text(text, encoding="utf-8")
    strict_build(editable_site.src, editable_site.out)
    page.reload()
    page.wait_for_selector("html[data-checklists-ready=true]")
    rows = page.eval_on_selector_all("#checklist-tasks tr.checklist-item", "rs => rs.map(r => r.dataset.checklistItemId)")
    assert rows == ["agenda", "venue", "survey", "report"]
    expect(page.locator("#checklist-tasks-survey-done")).to_be_checked()
    expect(page.locator("#checklist-tasks-report-note")).to_have_value("Due Friday")
    saved = json.loads(page.evaluate("localStorage.getItem('clh:checklist:tasks')"))
    # thank's answer is kept aside, never deleted without a word: the page says so and offers to discard it
    assert set(saved["runs"][saved["current"]]["items"]) == {"survey", "report", "thank"}
    expect(page.locator("#checklist-tasks .checklist-aside")).to_contain_text(
        "1 answer to items this checklist no longer has (or does not have yet) is kept aside"
    )


def test_corrupted_storage_is_set_aside_with_a_notice(page, demo_site):
    ready(page, demo_site.url)
    page.evaluate("localStorage.setItem('clh:checklist:tasks', '{not json')")
    page.reload()
    page.wait_for_selector("html[data-checklists-ready=true]")
    notice = page.locator("#checklist-tasks .checklist-notice")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("could not be read")
    kept = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('clh:checklist:tasks:set-aside:'))")
    assert len(kept) == 1 and page.evaluate(f"localStorage.getItem('{kept[0]}')") == "{not json"
    page.check(TICK)
    expect(page.locator("#checklist-tasks .checklist-progress")).to_have_text("1 of 5 done")


def test_named_copies_are_created_switched_renamed_and_deleted(page, demo_site):
    ready(page, demo_site.url)
    page.check(TICK)
    tool(page, "New copy")
    page.fill("#checklist-tasks-tool-name", "Kigali workshop, March")
    page.press("#checklist-tasks-tool-name", "Enter")
    select = page.locator("#checklist-tasks-tool-run")
    expect(select.locator("option:checked")).to_have_text("Kigali workshop, March")
    expect(page.locator(TICK)).not_to_be_checked()
    tool(page, "Rename")
    page.fill("#checklist-tasks-tool-name", "Kigali workshop, April")
    page.press("#checklist-tasks-tool-name", "Enter")
    expect(select.locator("option:checked")).to_have_text("Kigali workshop, April")
    select.select_option(label="My copy")
    expect(page.locator(TICK)).to_be_checked()
    select.select_option(label="Kigali workshop, April")
    tool(page, "Delete copy")
    expect(select.locator("option")).to_have_count(1)
    expect(page.locator(TICK)).to_be_checked()


def test_reset_clears_at_once_and_undo_brings_everything_back(page, demo_site):
    ready(page, demo_site.url)
    page.check(TICK)
    tool(page, "Reset")
    expect(page.locator(TICK)).not_to_be_checked()
    page.get_by_role("button", name="Undo").click()
    expect(page.locator(TICK)).to_be_checked()


def _fill_some(page):
    page.check(TICK)
    page.check("#checklist-tasks-agenda-na")
    page.check("#checklist-tasks-venue-choice-in-person")
    page.click("#checklist-tasks-thank .checklist-note-toggle")
    page.fill("#checklist-tasks-thank-note", 'Send cards, "by hand"')
    page.locator("#checklist-tasks-thank-note").blur()


def _download(page, label: str, checklist: str = "tasks"):
    """The name and text of the file a toolbar button downloads (a byte-order mark stays, as "\ufeff")."""
    with page.expect_download() as info:
        tool(page, label, checklist)
    download = info.value
    return download.suggested_filename, download.path().read_bytes().decode("utf-8")


def _csv_rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff"), "a UTF-8 byte-order mark, so Excel on Windows reads “facilitator’s” right"
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_exports_have_the_answers(page, demo_site):
    ready(page, demo_site.url)
    _fill_some(page)
    name, text = _download(page, "Export CSV")
    assert name == "tasks-my-copy.csv"
    header = text[1:].split("\r\n", 1)[0].split(",")
    assert header[0] == "item", "the item's text first"
    assert header.index("item_id") > header.index("note"), "the id kept, for matching, after the answers"
    rows = _csv_rows(text)
    assert [r["item"] for r in rows][:2] == ["Survey the members.", "Draft the agenda with members."]
    assert [r["item_id"] for r in rows] == ["survey", "agenda", "venue", "thank", "report"]
    assert rows[0]["done"] == "yes" and rows[1]["not_applicable"] == "yes"
    assert rows[2]["choice"] == "In person" and rows[3]["note"] == 'Send cards, "by hand"'
    assert rows[0]["section"] == "Before" and rows[0]["version"] == "1.0" and rows[0]["run"] == "My copy"
    assert rows[1]["roles"] == "Facilitator, Member" and rows[3]["stage"] == "After a convening", "roles and stages in words"
    name, text = _download(page, "Export Markdown")
    assert name == "tasks-my-copy.md"
    assert "- [x] Survey the members." in text
    assert "- [x] ~~Draft the agenda with members.~~ (not applicable)" in text
    assert "- [ ] Choose where to meet. — chosen: In person" in text
    assert "### After" in text and '  > Send cards, "by hand"' in text
    name, text = _download(page, "Export JSON")
    data = json.loads(text)
    assert data["checklist"] == "tasks" and data["run"]["items"]["survey"] == {"done": True}
    assert list(data)[:6] == ["format", "type", "checklist", "version", "exported", "run"], "the shape older pages import"
    # and, for Compare to name rewordings, the statements as exported
    assert {"id": "survey", "text": "Survey the members."} in data["items"]


def test_markdown_keeps_the_lines_of_a_note(page, demo_site):
    ready(page, demo_site.url)
    page.click("#checklist-tasks-thank .checklist-note-toggle")
    page.fill("#checklist-tasks-thank-note", "Cards for:\n# 3 speakers\n\nthen the report")
    page.locator("#checklist-tasks-thank-note").blur()
    _, text = _download(page, "Export Markdown")
    assert "- [ ] Thank the speakers.\n  > Cards for:\\\n  > \\# 3 speakers\n  >\n  > then the report\n" in text


def test_assessment_csv_ends_with_its_results(page, demo_site):
    ready(page, demo_site.url + "assessment.html")
    page.check("#checklist-fit-leadership-level-3")
    page.check("#checklist-fit-budget-level-1")
    _, text = _download(page, "Export CSV", "fit")
    rows = _csv_rows(text)
    assert [r["item_id"] for r in rows[:3]] == ["leadership", "budget", "time"]
    assert rows[0]["rating"] == "3" and rows[0]["rating_label"] == "Established" and rows[0]["group"] == "Strategic"
    results = [(r["item"], r["rating"], r["rating_label"], r["item_id"]) for r in rows if r["section"] == "Results"]
    assert results == [
        ("Group average: Strategic", "3.0", "Established", "result:group:strategic"),
        ("Group average: Operational", "1.0", "Absent", "result:group:operational"),
        ("Overall average", "2.0", "Emerging", "result:overall"),
        ("Fit: Practice partner", "", "75% fit", "result:fit:partner"),
        ("Fit: Network builder", "", "0% fit", "result:fit:builder"),
    ]


def test_import_round_trips_an_export(page, demo_site, tmp_path):
    ready(page, demo_site.url)
    _fill_some(page)
    _, text = _download(page, "Export JSON")
    exported = tmp_path / "export.json"
    exported.write_text(text, encoding="utf-8")
    tool(page, "Reset")
    expect(page.locator(TICK)).not_to_be_checked()
    page.set_input_files("#checklist-tasks-tool-import", str(exported))
    expect(page.locator("#checklist-tasks .checklist-status")).to_contain_text("Imported")
    expect(page.locator(TICK)).to_be_checked()
    expect(page.locator("#checklist-tasks-thank-note")).to_have_value('Send cards, "by hand"')
    expect(page.locator("#checklist-tasks-venue-choice-in-person")).to_be_checked()
    wrong = tmp_path / "wrong.json"
    wrong.write_text(text.replace('"checklist": "tasks"', '"checklist": "fit"'), encoding="utf-8")
    page.set_input_files("#checklist-tasks-tool-import", str(wrong))
    expect(page.locator("#checklist-tasks .checklist-notice")).to_contain_text("belongs to checklist “fit”")


OFFER = "#checklist-tasks .checklist-share-offer"
COPIES = "#checklist-tasks-tool-run option"
SHARED_NAME = re.compile(r"^My copy \(shared \d{1,2} [A-Z][a-z]{2} \d{4}\)$")


def _share_link(page, demo_site) -> str:
    ready(page, demo_site.url)
    _fill_some(page)
    tool(page, "Share link")
    url = page.input_value("#checklist-tasks-share-url")
    assert url.startswith(demo_site.url) and "#share=tasks~" in url
    return url


def test_a_share_link_asks_first_then_adds_a_new_copy_and_keeps_the_current_one(page, demo_site, browser):
    url = _share_link(page, demo_site)
    other = browser.new_context()
    own = other.new_page()
    ready(own, demo_site.url)
    own.check("#checklist-tasks-report-done")  # the colleague's own answers, in their own copy
    own.close()
    colleague = other.new_page()
    ready(colleague, url)
    offer = colleague.locator(OFFER)
    expect(offer).to_be_focused()
    expect(offer).to_contain_text(re.compile(r"“My copy”, a copy of this checklist with 4 answers, shared on \d{1,2} [A-Z][a-z]{2} \d{4}"))
    # scrolled to the checklist, smoothly as the theme asks, to just below the theme's scroll margin
    colleague.wait_for_function(
        "() => { const top = document.getElementById('checklist-tasks').getBoundingClientRect().top; return top >= 0 && top < 120; }"
    )
    assert colleague.evaluate("scrollY") > 0
    expect(offer).to_be_in_viewport()
    assert "#share=" not in colleague.url
    expect(colleague.locator(COPIES)).to_have_count(1)  # nothing added before the reader says so
    expect(colleague.locator(TICK)).not_to_be_checked()
    offer.get_by_role("button", name="Add as a new copy").click()
    expect(colleague.locator(COPIES)).to_have_count(2)
    expect(colleague.locator(f"{COPIES}:checked")).to_have_text(SHARED_NAME)
    expect(offer).to_contain_text("as a new copy")
    expect(offer).to_be_focused()
    expect(colleague.locator(TICK)).to_be_checked()
    expect(colleague.locator("#checklist-tasks-agenda-na")).to_be_checked()
    expect(colleague.locator("#checklist-tasks-thank-note")).to_have_value('Send cards, "by hand"')
    expect(colleague.locator("#checklist-tasks-report-done")).not_to_be_checked()
    show(colleague, "#checklist-tasks-tool-run")
    colleague.select_option("#checklist-tasks-tool-run", label="My copy")
    expect(colleague.locator("#checklist-tasks-report-done")).to_be_checked()  # the current copy, as it was
    expect(colleague.locator(TICK)).not_to_be_checked()
    other.close()


def test_a_share_link_opened_on_an_open_page_asks_too_and_not_now_adds_nothing(page, demo_site, axe_source):
    fragment = "#share=" + _share_link(page, demo_site).split("#share=", 1)[1]
    tool(page, "Reset")
    page.evaluate("window.scrollTo(0, 0)")
    page.evaluate("hash => { location.hash = hash; }", fragment)  # a hash change, not a new load
    offer = page.locator(OFFER)
    expect(offer).to_be_focused()
    expect(offer).to_contain_text("Add it as a new copy?")
    page.evaluate(axe_source)  # the question, shown, passes axe
    violations = page.evaluate("axe.run(document, {resultTypes: ['violations']})")["violations"]
    assert [v["id"] for v in violations] == []
    offer.get_by_role("button", name="Not now").click()
    expect(offer).to_contain_text("not added")
    expect(page.locator(COPIES)).to_have_count(1)
    expect(page.locator(TICK)).not_to_be_checked()
    assert "#share=" not in page.url and page.url == demo_site.url
    page.evaluate("hash => { location.hash = hash; }", fragment)  # the same link again asks again
    offer.get_by_role("button", name="Add as a new copy").click()
    expect(page.locator(COPIES)).to_have_count(2)
    expect(page.locator(f"{COPIES}:checked")).to_have_text(SHARED_NAME)
    expect(page.locator(TICK)).to_be_checked()


def test_broken_oversized_and_foreign_share_links_say_what_to_do_and_change_nothing(page, demo_site):
    notice = page.locator("#checklist-tasks .checklist-notice")
    ready(page, demo_site.url + "?x=1#share=tasks~abc!def")
    expect(notice).to_contain_text("This share link could not be opened: it is damaged")
    expect(notice).to_contain_text("Ask the person who sent it for a JSON export")
    assert page.url == demo_site.url + "?x=1", "the link leaves the address, its query stays"
    page.evaluate("location.hash = '#share=tasks~' + 'A'.repeat(100001)")
    expect(notice).to_contain_text("it is too long (100,014 characters; this page opens links of up to 100,000)")
    payload = base64.urlsafe_b64encode(b'{"n": "Amina", "i": {"leadership": {"rating": "3"}}}').decode().rstrip("=")
    page.evaluate("hash => { location.hash = hash; }", f"#share=fit~{payload}")
    expect(notice).to_contain_text("This share link is for the checklist “fit”, which is not on this page")
    expect(page.locator(OFFER)).to_have_count(0)
    expect(page.locator(COPIES)).to_have_count(1)
    assert "#share=" not in page.url


def test_filters_hide_rows_and_live_in_the_url(page, demo_site):
    ready(page, demo_site.url)
    visible = "#checklist-tasks tr.checklist-item:visible"
    show(page, "#checklist-tasks-tool-role")
    page.select_option("#checklist-tasks-tool-role", "member")
    expect(page.locator(visible)).to_have_count(2)
    assert "tasks.role=member" in page.url
    show(page, "#checklist-tasks-tool-q")
    page.fill("#checklist-tasks-tool-q", "report")
    expect(page.locator(visible)).to_have_count(1)
    expect(page.locator("#checklist-tasks-before")).to_be_hidden()  # a section with no match disappears
    shared = page.url
    fresh = page.context.new_page()
    ready(fresh, shared)
    expect(fresh.locator(visible)).to_have_count(1)
    expect(fresh.locator("#checklist-tasks-tool-role")).to_have_value("member")
    expect(fresh.locator("#checklist-tasks-tool-q")).to_have_value("report")
    tool(page, "Clear filters")
    expect(page.locator(visible)).to_have_count(5)
    page.check("#checklist-tasks-survey-done")
    show(page, "#checklist-tasks-tool-unanswered")
    page.check("#checklist-tasks-tool-unanswered")
    expect(page.locator(visible)).to_have_count(4)
    assert "tasks.unanswered=1" in page.url
    show(page, "#checklist-tasks-tool-stage")
    page.select_option("#checklist-tasks-tool-stage", "after")
    expect(page.locator(visible)).to_have_count(2)
    expect(page.locator("#checklist-tasks-tool-stage option:checked")).to_have_text("After a convening")
    assert "tasks.stage=after" in page.url


def test_assessment_filter_by_outcome(page, demo_site):
    ready(page, demo_site.url + "assessment.html")
    show(page, "#checklist-fit-tool-outcome")
    page.select_option("#checklist-fit-tool-outcome", "builder")
    rows = page.locator("#checklist-fit tr.checklist-item:visible")
    expect(rows).to_have_count(2)  # budget applies to every outcome; time to the builder only
    assert "fit.outcome=builder" in page.url


def test_phones_get_one_card_per_item_with_named_controls(page, demo_site):
    page.set_viewport_size({"width": 390, "height": 844})
    ready(page, demo_site.url + "assessment.html")
    word = "#checklist-fit-leadership td.checklist-col-level-1 label"
    assert page.eval_on_selector(word, "el => getComputedStyle(el, '::after').content") == '"1. Absent"'
    assert page.eval_on_selector("#checklist-fit-leadership", "el => getComputedStyle(el).display") == "flex"
    # the item text comes first in the card, before its controls
    text_box = page.locator("#checklist-fit-leadership th.checklist-col-item").bounding_box()
    radio_box = page.locator("#checklist-fit-leadership-level-1").bounding_box()
    assert text_box["y"] < radio_box["y"]
    page.check("#checklist-fit-leadership-level-1")
    expect(page.locator("#checklist-fit .checklist-progress")).to_have_text("1 of 3 rated")
