"""Saved answers are never lost and never look lost (issue 18): a note edited in two tabs, an import from a newer page,
answers to removed items, changes pending on full storage when the tab closes, convening packs over same-named copies,
and copies named, cleared and deleted without browser prompts, each with Undo. A real browser on a real build."""

from __future__ import annotations

import json

import pytest
from browser_support import ready, show, tool
from playwright.sync_api import expect

KEY = "clh:checklist:tasks"
FIT = "clh:checklist:fit"
RUN = "#checklist-tasks-tool-run"
NAME = "#checklist-tasks-tool-name"
NOTE = "#checklist-tasks-agenda-note"
CONFLICT = "#checklist-tasks-agenda-note-conflict"
ASIDE = "#checklist-tasks .checklist-aside"
STATUS = "#checklist-tasks .checklist-status"
# A tab that never hears the others: it edits from what it read, as a tab does in the moment before an event arrives.
DEAF = "window.addEventListener('storage', (event) => event.stopImmediatePropagation(), true)"
# Storage that refuses every write while window.__full is true, as a full browser storage does.
QUOTA = """(() => {
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    if (window.__full) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    return setItem.call(this, key, value);
  };
})();"""


def store(runs: dict, seen: str = "1.0") -> str:
    return json.dumps({"format": 3, "checklist": "tasks", "current": next(iter(runs)), "seen": seen, "runs": runs})


def saved(page, key: str = KEY) -> dict:
    return json.loads(page.evaluate("(k) => localStorage.getItem(k)", key))


def items(data: dict, name: str) -> dict:
    return next(run["items"] for run in data["runs"].values() if run["name"] == name)


def axe_clean(page, axe_source: str) -> None:
    page.evaluate(axe_source)
    violations = page.evaluate("axe.run(document, {resultTypes: ['violations']})")["violations"]
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations] == []


@pytest.fixture
def errors(page):
    found: list = []
    page.on("pageerror", lambda error: found.append(error))
    return found


@pytest.fixture
def dialogs(page):
    """Every browser dialog the page opens (prompt, confirm, beforeunload...)."""
    found: list = []
    page.on("dialog", lambda dialog: (found.append(dialog.type), dialog.dismiss()))
    return found


# ---- the same note in two tabs ----


def test_a_note_edited_in_two_tabs_keeps_both_texts_and_says_so_at_the_note(context, demo_site, axe_source):
    first, second = context.new_page(), context.new_page()
    second.add_init_script(DEAF)
    for tab in (first, second):
        ready(tab, demo_site.url)
        tab.click("#checklist-tasks-agenda .checklist-note-toggle")
    first.fill(NOTE, "Ask Amina to co-chair")
    first.locator(NOTE).blur()
    second.fill(NOTE, "Ask Jo to co-chair")  # from the empty note it read: both changed it
    second.locator(NOTE).blur()
    data = saved(second)
    assert items(data, "My copy")["agenda"] == {"note": "Ask Jo to co-chair", "conflict": "Ask Amina to co-chair"}
    # The tab that saved last keeps its text in the field, and shows the other beside it.
    expect(second.locator(NOTE)).to_have_value("Ask Jo to co-chair")
    expect(second.locator(CONFLICT)).to_contain_text("changed in two tabs or windows at the same time")
    expect(second.locator(CONFLICT)).to_contain_text("Ask Amina to co-chair")
    # The first tab is told at the note, and its text is there: nothing was replaced without a word.
    expect(first.locator(CONFLICT)).to_be_visible()
    expect(first.locator(CONFLICT)).to_contain_text("Ask Amina to co-chair")
    expect(first.locator(NOTE)).to_have_value("Ask Jo to co-chair")
    expect(first.locator("#checklist-tasks .checklist-notice")).to_contain_text("both versions are kept")
    axe_clean(first, axe_source)
    first.locator(CONFLICT).get_by_role("button", name="Keep both").click()
    expect(first.locator(NOTE)).to_have_value("Ask Jo to co-chair\n\nAsk Amina to co-chair")
    expect(first.locator(CONFLICT)).to_be_hidden()
    assert items(saved(first), "My copy")["agenda"] == {"note": "Ask Jo to co-chair\n\nAsk Amina to co-chair"}
    # The choice can be undone: both versions come back as they were.
    first.get_by_role("button", name="Undo").click()
    expect(first.locator(CONFLICT)).to_be_visible()
    assert items(saved(first), "My copy")["agenda"] == {"note": "Ask Jo to co-chair", "conflict": "Ask Amina to co-chair"}
    first.locator(CONFLICT).get_by_role("button", name="Use this version").click()
    expect(first.locator(NOTE)).to_have_value("Ask Amina to co-chair")
    ready(second, demo_site.url)
    expect(second.locator(NOTE)).to_have_value("Ask Amina to co-chair")
    expect(second.locator(CONFLICT)).to_have_count(0)


# ---- answers to items the page does not show ----


def test_an_import_from_a_newer_page_keeps_the_answers_it_does_not_know_and_exports_them_again(page, demo_site, tmp_path):
    ready(page, demo_site.url)
    newer = {
        "format": 1,
        "type": "checklist-run",
        "checklist": "tasks",
        "version": "9.0",
        "run": {"name": "From the newer page", "items": {"survey": {"done": True}, "minutes": {"done": True, "note": "Sent"}}},
    }
    path = tmp_path / "newer.json"
    path.write_text(json.dumps(newer), encoding="utf-8")
    page.set_input_files("#checklist-tasks-tool-import", str(path))
    expect(page.locator(STATUS)).to_contain_text("as a new copy; it holds 1 answer for items this page does not show")
    expect(page.locator(ASIDE)).to_contain_text("1 answer to items this checklist no longer has (or does not have yet) is kept aside")
    assert items(saved(page), "From the newer page")["minutes"] == {"done": True, "note": "Sent"}
    ready(page, demo_site.url)  # a reload keeps them
    assert items(saved(page), "From the newer page")["minutes"] == {"done": True, "note": "Sent"}
    with page.expect_download() as info:
        tool(page, "Export JSON")
    exported = json.loads(info.value.path().read_text(encoding="utf-8"))
    assert exported["run"]["items"]["minutes"] == {"done": True, "note": "Sent"}


def test_answers_to_removed_items_are_kept_aside_said_downloaded_and_discarded_only_with_undo(page, demo_site, axe_source):
    ready(page, demo_site.url)
    page.evaluate(
        "(t) => localStorage.setItem('clh:checklist:tasks', t)",
        store(
            {
                "run-1": {"name": "My copy", "items": {"survey": {"done": True}, "old-item": {"note": "Keep this"}}},
                "run-2": {"name": "March", "items": {"gone-too": {"done": True}}},
            }
        ),
    )
    ready(page, demo_site.url)
    aside = page.locator(ASIDE)
    expect(aside).to_contain_text("2 answers to items this checklist no longer has (or does not have yet) are kept aside")
    expect(aside).to_contain_text("“My copy”, “March”")
    assert set(items(saved(page), "My copy")) == {"survey", "old-item"}  # the page's save pruned nothing
    axe_clean(page, axe_source)
    with page.expect_download() as info:
        aside.get_by_role("button", name="Download them").click()
    kept = json.loads(info.value.path().read_text(encoding="utf-8"))
    assert [run["items"] for run in kept["runs"]] == [{"old-item": {"note": "Keep this"}}, {"gone-too": {"done": True}}]
    aside.get_by_role("button", name="Discard them").click()
    expect(aside).to_contain_text("Discarded 2 answers")
    assert items(saved(page), "My copy") == {"survey": {"done": True}} and items(saved(page), "March") == {}
    undo = aside.get_by_role("button", name="Undo")
    expect(undo).to_be_focused()
    undo.click()
    expect(aside).to_contain_text("2 answers to items this checklist no longer has (or does not have yet) are kept aside")
    assert items(saved(page), "My copy") == {"survey": {"done": True}, "old-item": {"note": "Keep this"}}
    assert items(saved(page), "March") == {"gone-too": {"done": True}}


# ---- full storage, then the tab closes ----


def test_closing_a_tab_with_changes_storage_refused_warns_and_once_saved_does_not(context, demo_site):
    page = context.new_page()
    page.add_init_script(QUOTA)
    ready(page, demo_site.url)
    seen: list[str] = []
    page.on("dialog", lambda dialog: (seen.append(dialog.type), dialog.dismiss()))
    page.evaluate("window.__full = true")
    page.check("#checklist-tasks-survey-done")
    expect(page.locator("#checklist-tasks .checklist-notice")).to_contain_text("not saved yet: browser storage is full")
    page.close(run_before_unload=True)
    page.wait_for_timeout(0)
    deadline = 100
    while not seen and deadline:
        page.wait_for_timeout(50)
        deadline -= 1
    assert seen == ["beforeunload"]  # dismissed: the tab stays open, its change on screen
    assert not page.is_closed()
    expect(page.locator("#checklist-tasks-survey-done")).to_be_checked()
    # Room again: the next change saves both, and leaving asks nothing.
    page.evaluate("window.__full = false")
    page.check("#checklist-tasks-thank-done")
    expect(page.locator("#checklist-tasks .checklist-notice")).to_contain_text("every change on this page is now saved")
    assert items(saved(page), "My copy") == {"survey": {"done": True}, "thank": {"done": True}}
    page.close(run_before_unload=True)
    page.wait_for_event("close")
    assert seen == ["beforeunload"]


# ---- convening packs over copies already filled ----


def _new_copy(page, name: str, checklist: str = "tasks") -> None:
    tool(page, "New copy", checklist)
    page.fill(f"#checklist-{checklist}-tool-name", name)
    page.press(f"#checklist-{checklist}-tool-name", "Enter")


def test_a_pack_started_from_the_copy_menu_adopts_same_named_copies_and_prints_them_filled(page, demo_site, axe_source):
    ready(page, demo_site.url + "assessment.html")
    _new_copy(page, "March convening", "fit")
    page.check("#checklist-fit-leadership-level-3")
    show(page, "#checklist-fit-tool-run")
    page.select_option("#checklist-fit-tool-run", label="My copy")  # another copy shown: adopting must not change it
    ready(page, demo_site.url)
    _new_copy(page, "March convening")
    page.check("#checklist-tasks-survey-done")
    tool(page, "New convening pack")
    field = page.locator(NAME)
    expect(field).to_be_focused()
    expect(field).to_have_value("March convening")
    form = page.locator("#checklist-tasks-tool-copy-form")
    fit = form.get_by_label("Fit assessment")
    expect(form.locator("label.checklist-option", has_text="Fit assessment")).to_contain_text("1 answer in its copy “March convening”")
    axe_clean(page, axe_source)
    fit.check()
    form.get_by_role("button", name="Save").click()
    expect(page.locator(STATUS)).to_contain_text("“March convening” is now a convening pack of 2 checklists")
    expect(page.locator(STATUS)).to_contain_text("Fit assessment: 1 answer")
    expect(page.locator(f"{RUN} option")).to_have_text(["My copy", "March convening (convening pack)"])
    # The other checklist's filled copy is the pack's, already: the pack prints it filled.
    fit_runs = saved(page, FIT)["runs"]
    assert [run["name"] for run in fit_runs.values()] == ["My copy", "March convening"]
    assert [run.get("pack") for run in fit_runs.values()][1] == saved(page)["runs"][saved(page)["current"]]["pack"]
    pack = saved(page)["runs"][saved(page)["current"]]["pack"]
    page.evaluate("(pack) => checklistPrintSetup(['tasks', 'fit'], {pack}).ready", pack)
    doc = page.locator(".checklist-print-doc")
    expect(doc.locator(".checklist[data-checklist-id='fit'] tr[data-checklist-item-id='leadership'] input[value='3']")).to_be_checked()
    expect(doc.locator(".checklist[data-checklist-id='tasks'] tr[data-checklist-item-id='survey'] input[value=done]")).to_be_checked()
    ready(page, demo_site.url + "assessment.html")
    expect(page.locator("#checklist-fit-tool-run option")).to_have_text(["My copy", "March convening (convening pack)"])
    expect(page.locator("#checklist-fit-tool-run option:checked")).to_have_text("My copy")


def test_saving_a_pack_in_the_print_dialog_adopts_the_same_named_copy_of_the_other_checklist(page, demo_site):
    ready(page, demo_site.url + "assessment.html")
    _new_copy(page, "June convening", "fit")
    page.check("#checklist-fit-budget-level-2")
    ready(page, demo_site.url)
    _new_copy(page, "June convening")
    page.click("#checklist-tasks button:text-is('Print or pack…')")
    dialog = page.locator("#checklist-tasks dialog")
    # each checklist says what it holds under the copy's name before the pack is saved
    expect(dialog.locator("label", has_text="Fit assessment")).to_contain_text("1 answer in its copy “June convening”")
    dialog.get_by_label("Fit assessment").check()
    dialog.get_by_role("button", name="Save the pack").click()
    expect(dialog.get_by_role("status")).to_contain_text("is now a convening pack of 2 checklists")
    runs = saved(page, FIT)["runs"]
    assert [run["name"] for run in runs.values()] == ["My copy", "June convening"]
    assert items(saved(page, FIT), "June convening") == {"budget": {"rating": "2"}}


# ---- copies: inline fields, undo, no stale status ----


def test_copies_are_named_in_an_inline_field_and_reset_and_delete_offer_undo_without_browser_dialogs(page, demo_site, dialogs):
    ready(page, demo_site.url)
    page.check("#checklist-tasks-survey-done")
    tool(page, "New copy")
    opener = page.locator("#checklist-tasks button:text-is('New copy')")
    expect(opener).to_have_attribute("aria-expanded", "true")
    expect(page.locator(NAME)).to_be_focused()
    page.keyboard.type("Never kept")
    page.keyboard.press("Escape")  # cancels the form, not the menu
    expect(page.locator(NAME)).to_have_count(0)
    expect(opener).to_be_focused()
    expect(opener).to_be_visible()
    expect(page.locator(f"{RUN} option")).to_have_count(1)
    _new_copy(page, "Kigali")
    expect(page.locator(f"{RUN} option:checked")).to_have_text("Kigali")
    expect(page.locator(STATUS)).to_have_text("Started the copy “Kigali”.")
    page.check("#checklist-tasks-thank-done")
    tool(page, "Rename")
    expect(page.locator(NAME)).to_have_value("Kigali")
    page.fill(NAME, "Kigali, March")
    page.locator("#checklist-tasks-tool-copy-form").get_by_role("button", name="Save").click()
    expect(page.locator(f"{RUN} option:checked")).to_have_text("Kigali, March")
    # Reset at once, then Undo brings every answer back.
    tool(page, "Reset")
    expect(page.locator("#checklist-tasks-thank-done")).not_to_be_checked()
    undo = page.locator("#checklist-tasks .checklist-undo button")
    expect(undo).to_be_focused()
    expect(page.locator(STATUS)).to_contain_text("Cleared “Kigali, March” (1 answer)")
    undo.click()
    expect(page.locator("#checklist-tasks-thank-done")).to_be_checked()
    # Delete at once, then Undo brings the copy back, with its name and answers.
    tool(page, "Delete copy")
    expect(page.locator(f"{RUN} option")).to_have_text(["My copy"])
    expect(page.locator(STATUS)).to_contain_text("Deleted “Kigali, March” (1 answer)")
    page.locator("#checklist-tasks .checklist-undo button").click()
    expect(page.locator(f"{RUN} option:checked")).to_have_text("Kigali, March")
    expect(page.locator("#checklist-tasks-thank-done")).to_be_checked()
    assert items(saved(page), "Kigali, March") == {"thank": {"done": True}}
    # What the status line says about one copy goes when another is shown by another tab or the list.
    tool(page, "Reset")
    page.evaluate(
        "() => { const c = checklistControllers[0]; c.change({op: 'current', copy: Object.keys(c.store.runs)[0]}); c.showCopy(); }"
    )
    expect(page.locator(STATUS)).to_have_text("")
    expect(page.locator("#checklist-tasks .checklist-undo")).to_be_hidden()
    assert dialogs == []


def test_new_controls_are_44_px_targets_on_phones_and_pass_axe(page, demo_site, axe_source):
    page.set_viewport_size({"width": 390, "height": 844})
    ready(page, demo_site.url)
    tool(page, "New convening pack")
    form = page.locator("#checklist-tasks-tool-copy-form")
    expect(form.get_by_label("Fit assessment")).to_be_visible()
    for control in [page.locator(NAME), *form.get_by_role("button").all(), *form.locator(".checklist-option").all()]:
        box = control.bounding_box()
        assert box and box["height"] >= 44, box
    axe_clean(page, axe_source)
    page.keyboard.press("Escape")
    tool(page, "Reset")
    box = page.locator("#checklist-tasks .checklist-undo button").bounding_box()
    assert box and box["height"] >= 44 and box["width"] >= 44, box
