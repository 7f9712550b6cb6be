"""Assessments as a partnership uses them: results at a glance and in full, charts that say their numbers, an
honest ranking, and a toolbar that a keyboard and a phone can use (issue 10)."""

from __future__ import annotations

import re

import pytest
from browser_support import ready, tool
from playwright.sync_api import expect

FIT = "#checklist-fit"
GLANCE = f"{FIT} .checklist-glance"
RESULTS = f"{FIT} .checklist-summary"


def _rate(page, **ratings: str) -> None:
    for item, level in ratings.items():
        page.check(f"#checklist-fit-{item}-{level}")


def test_results_show_at_a_glance_and_in_full_with_charts_that_read_out_their_numbers(page, demo_site):
    ready(page, demo_site.url + "assessment.html")
    _rate(page, leadership="level-3", budget="level-1", time="unknown")
    expect(page.locator(f"{FIT} .checklist-progress")).to_have_text("3 of 3 rated")
    # At a glance, under the toolbar: the fit of each option, as a chart whose description has the numbers.
    chart = page.locator(f"{GLANCE} svg[role=img]")
    expect(chart).to_have_count(1)
    expect(chart.locator("title")).to_have_text(re.compile("How well each fits"))
    expect(chart.locator("desc")).to_have_text("Practice partner: 75% fit. Network builder: 0% fit.")
    assert chart.get_attribute("aria-labelledby") == " ".join(
        [chart.locator("title").get_attribute("id"), chart.locator("desc").get_attribute("id")]
    )
    # In full, at the end: the ranking with what raised and lowered it, the groups on the scale's words.
    ranking = page.locator(f"{RESULTS} .checklist-ranking > li")
    expect(ranking.nth(0)).to_contain_text("Practice partner: 75% fit")
    expect(ranking.nth(0).locator("ul").nth(0)).to_have_text("Leaders back the partnership. (Established)")
    expect(ranking.nth(0).locator("ul").nth(1)).to_have_text("There is a budget for learning. (Absent)")
    groups = page.locator(f"{RESULTS} svg[role=img]").nth(1).locator("desc")
    expect(groups).to_contain_text("Strategic (1 of 1 rated): about Established (3.0 on 1–3)")
    expect(groups).to_contain_text("Operational (1 of 2 rated): about Absent (1.0 on 1–3)")
    # The same numbers as a table, for those who would rather read them.
    table = page.locator(f"{RESULTS} .checklist-chart-numbers").nth(1)
    table.locator("summary").click()
    expect(table.locator("tbody tr").nth(1)).to_have_text(re.compile(r"Operational\s*1\.0\s*Absent\s*1 of 2"))
    # A low rating on a strength scale is a weak area, with what to do.
    low = page.locator(f"{RESULTS} .checklist-low-list li")
    expect(low).to_have_count(1)
    expect(low).to_contain_text("There is a budget for learning.")
    expect(low).to_contain_text("Ring-fence a learning budget.")
    expect(low.locator("a", has_text="Read the guidance")).to_have_attribute("href", "#guide-enablers")


def test_no_fit_until_enough_statements_bear_on_an_option(page, demo_site):
    ready(page, demo_site.url + "assessment.html")
    _rate(page, leadership="level-3")
    desc = page.locator(f"{GLANCE} svg desc")
    expect(desc).to_have_text("Practice partner: 100% fit. Network builder: rate 1 more of its 2 statements.")
    expect(page.locator(f"{RESULTS} .checklist-ranking > li").nth(1)).to_have_text("Network builder: rate 1 more of its 2 statements")


def test_results_load_only_once_there_is_a_rating(page, demo_site):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    ready(page, demo_site.url + "assessment.html")
    expect(page.locator(GLANCE)).to_have_text(re.compile("No results yet"))
    assert not [url for url in requested if "checklist-results" in url]
    _rate(page, budget="level-2")
    expect(page.locator(f"{GLANCE} svg")).to_have_count(1)
    assert len([url for url in requested if "checklist-results" in url]) == 2  # the script and its stylesheet


def test_an_agreement_scale_names_no_weak_areas(page, handbook_site):
    ready(page, handbook_site.url + "lp/archetypes.html")
    for radio in page.locator("#checklist-lp-archetype-fit tr.checklist-item input[value='0']").all()[:8]:
        radio.check()
    results = page.locator("#checklist-lp-archetype-fit .checklist-summary")
    expect(results.locator("svg[role=img]").first).to_be_attached()
    expect(results.locator(".checklist-low-list")).to_have_count(0)
    expect(results).not_to_contain_text("Weakest")


def test_next_unanswered_and_jump_to_results(page, demo_site):
    ready(page, demo_site.url + "assessment.html")
    _rate(page, leadership="level-2")
    tool(page, "Next unanswered", "fit")
    expect(page.locator("#checklist-fit-budget-level-1")).to_be_focused()
    page.keyboard.press("ArrowRight")  # radios: the arrow keys choose
    expect(page.locator("#checklist-fit-budget-level-2")).to_be_checked()
    tool(page, "Next unanswered", "fit")
    expect(page.locator("#checklist-fit-time-level-1")).to_be_focused()
    _rate(page, time="unknown")
    tool(page, "Next unanswered", "fit")
    expect(page.locator(f"{FIT} .checklist-status")).to_have_text("Every item shown is answered.")
    page.click(f"{FIT} a.checklist-jump")
    expect(page.locator("#checklist-fit-results")).to_be_in_viewport()
    assert page.url.endswith("#checklist-fit-results")


def test_toolbar_menus_work_from_the_keyboard(page, demo_site):
    ready(page, demo_site.url + "assessment.html")
    bar = page.locator(f"{FIT} .checklist-toolbar")
    menu = bar.locator("[aria-controls=checklist-fit-tool-filters]")
    expect(menu).to_have_accessible_name("Filter")
    menu.focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    panel = page.locator("#" + menu.get_attribute("aria-controls"))
    expect(panel).to_be_visible()
    expect(page.locator("#checklist-fit-tool-role")).to_be_focused()  # the panel's first control
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()
    # One menu open at a time; an active filter shows on its button.
    page.keyboard.press("Space")
    page.select_option("#checklist-fit-tool-outcome", "builder")
    expect(menu).to_have_text("Filter (1 on)")
    copies = bar.get_by_role("button", name=re.compile("^Copy: My copy"))
    copies.click()
    expect(panel).to_be_hidden()
    expect(page.locator("#checklist-fit-tool-run")).to_be_focused()


def test_toolbar_is_one_row_at_1280_px_and_one_button_on_a_phone(page, demo_site):
    page.set_viewport_size({"width": 1280, "height": 900})
    ready(page, demo_site.url + "assessment.html")
    buttons = page.locator(f"{FIT} .checklist-menus > button")
    tops = {round(box["y"]) for box in (b.bounding_box() for b in buttons.all())}
    assert len(tops) == 1, tops
    expect(page.locator(f"{FIT} .checklist-tools-toggle")).to_be_hidden()
    page.set_viewport_size({"width": 390, "height": 844})
    expect(buttons.first).to_be_hidden()
    toggle = page.locator(f"{FIT} .checklist-tools-toggle")
    expect(toggle).to_be_visible()
    toolbar = page.locator(f"{FIT} .checklist-toolbar").bounding_box()
    assert toolbar["height"] < 200, "the closed toolbar leaves the first item on the first screen"
    toggle.click()
    expect(buttons.first).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")


@pytest.mark.parametrize("kind", ["assessment", "checklist"])
def test_phone_controls_are_44_px_targets_named_by_their_words(page, demo_site, kind):
    page.set_viewport_size({"width": 390, "height": 844})
    ready(page, demo_site.url + ("assessment.html" if kind == "assessment" else ""))
    if kind == "assessment":
        target = page.locator("#checklist-fit-leadership td.checklist-col-level-2 label")
        assert target.evaluate("el => getComputedStyle(el, '::after').content") == '"2. Emerging"'
        box = target.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, box
        target.click(position={"x": box["width"] - 5, "y": box["height"] / 2})  # on the word, not the circle
        expect(page.locator("#checklist-fit-leadership-level-2")).to_be_checked()
    else:
        row = page.locator("#checklist-tasks-survey")
        done = row.locator("td.checklist-col-done").bounding_box()
        text = row.locator("th.checklist-col-item").bounding_box()
        assert abs(done["y"] - text["y"]) < 8 and done["x"] < text["x"], "Done sits beside the item's text"
        assert done["height"] >= 44 and done["width"] >= 44, done
        who = row.locator("td.checklist-col-roles")
        before = who.evaluate("el => getComputedStyle(el, '::before').marginRight")
        assert before != "0px", "'Who:' and the roles are apart"
