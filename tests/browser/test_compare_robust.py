"""Compare and printing never freeze and never drop anything silently (issue 18): responses known by content, what
cannot be used named, a thousand respondents read in chunks, no uncaught error while typing, a filter's items offered."""

from __future__ import annotations

import json
import re

from browser_support import ready, tool
from playwright.sync_api import expect

REGION = "#checklist-fit-compare"


def _export(name: str, items: dict, **changes) -> str:
    data = {
        "format": 1,
        "type": "checklist-run",
        "checklist": "fit",
        "version": "2.0",
        "run": {"name": name, "updated": "2026-05-01T09:30:00.000Z", "items": items},
    }
    data.update(changes)
    return json.dumps(data)


def _open(page, url: str) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    ready(page, url)
    tool(page, "Compare…", "fit")
    return errors


def test_responses_are_known_by_content_and_what_cannot_be_used_is_named(page, demo_site, tmp_path):
    errors = _open(page, demo_site.url + "assessment.html")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = tmp_path / "a" / "response.json"
    b = tmp_path / "b" / "response.json"
    a.write_text(_export("My copy", {"leadership": {"rating": "1"}}), encoding="utf-8")
    b.write_text(_export("My copy", {"leadership": {"rating": "3"}}), encoding="utf-8")
    assert a.stat().st_size == b.stat().st_size
    page.set_input_files(f"{REGION}-files", [str(a), str(b)])
    expect(page.locator(f"{REGION} .checklist-compare-who li")).to_have_count(2)  # same name and size, two partners
    page.set_input_files(f"{REGION}-files", [str(a)])
    problems = page.locator(f"{REGION} .checklist-compare-problems")
    expect(problems).to_contain_text("response.json: it holds the same answers, under the same name and time")
    expect(page.locator(f"{REGION} .checklist-compare-who li")).to_have_count(2)

    bad = {
        "blank.json": _export("Blank", {}),
        "future.json": _export("F", {"leadership": {"rating": "1"}}, format=99),
        "text.json": "Ama: 1, 3",
        "wild.json": _export("Wild", {"leadership": {"rating": "7"}, "budget": {"rating": "2"}}),
    }
    for name, text in bad.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "photo.json").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
    page.set_input_files(f"{REGION}-files", [str(tmp_path / n) for n in [*bad, "photo.json"]])
    expect(page.locator(f"{REGION} .checklist-status")).to_contain_text(
        "Added 1 response (3 in all); 4 files not added; 1 added with ratings left out"
    )
    for line in (
        "blank.json: it holds no answers",
        "future.json: it was made by a newer version",
        "text.json: it is not JSON",
        "wild.json: added, but 1 rating is not on this page's scale",
        "photo.json: it is not a text file",
    ):
        expect(problems).to_contain_text(line)
    page.fill(f"{REGION}-links", "https://example.org/a.html#share=fit~%%%")
    page.click(f"{REGION} button:text-is('Add links')")
    expect(problems).to_contain_text("Link 1: this share link cannot be read: it is damaged")

    # Typing in Compare's own fields reaches no handler of the checklist: no uncaught error, nothing saved as a note.
    page.fill(f"{REGION}-name-0", "")
    page.locator(f"{REGION}-name-0").press_sequentially("Ama", delay=10)
    page.locator(f"{REGION}-links").press_sequentially("abc", delay=10)
    expect(page.locator(f"{REGION} [aria-labelledby='checklist-fit-compare-first'] thead th").nth(1)).to_have_text("Ama")
    assert errors == []


def test_a_thousand_respondents_are_read_in_chunks_the_page_answering_between(page, demo_site):
    """Structural, not timed: a timer of the page runs between the chunks, and sees the count grow."""
    errors = _open(page, demo_site.url + "assessment.html")
    page.evaluate(
        """async () => {
        const dt = new DataTransfer();
        for (let i = 0; i < 1000; i++) {
          const run = { name: "My copy", updated: "2026-05-01T09:30:00." + String(i).padStart(3, "0") + "Z",
            items: { leadership: { rating: String(1 + (i % 3)) }, budget: { rating: String(1 + ((i >> 2) % 3)) } } };
          dt.items.add(new File([JSON.stringify({ format: 1, type: "checklist-run", checklist: "fit", run })], "p" + i + ".json"));
          if (i % 100 === 99) await new Promise((r) => setTimeout(r, 0));
        }
        window.__seen = [];
        window.__tick = setInterval(() => window.__seen.push(document.querySelectorAll('#checklist-fit-compare-progress').length
          && document.querySelector('#checklist-fit-compare-progress').value), 0);
        const input = document.querySelector('#checklist-fit-compare-files');
        input.files = dt.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
    }"""
    )
    expect(page.locator(f"{REGION} .checklist-compare-who li")).to_have_count(1000, timeout=60000)
    expect(page.locator(f"{REGION} .checklist-status")).to_contain_text("Added 1,000 responses (1,000 in all).")
    seen = page.evaluate("() => { clearInterval(window.__tick); return window.__seen; }")
    assert any(0 < v < 1000 for v in seen), "the page's timer ran while the files were being read"
    # Summarised on the page: counts per level, no column per respondent; the names are unique.
    head = page.locator(
        f"{REGION} [aria-labelledby='checklist-fit-compare-rest'] thead th, "
        f"{REGION} [aria-labelledby='checklist-fit-compare-first'] thead th"
    ).all_inner_texts()
    assert "1 Absent" in head and "Ama" not in head and len(head) < 20
    assert page.input_value(f"{REGION}-name-999") == "My copy (1000)"
    assert errors == []


def test_print_with_a_filter_offers_both_and_the_header_says_which(page, demo_site):
    page.add_init_script("window.print = () => { document.documentElement.dataset.printed = '1'; };")
    ready(page, demo_site.url)
    tool(page, "Filter")
    page.select_option("#checklist-tasks-tool-role", "funder")
    shown = page.locator("#checklist-tasks tr.checklist-item:not([hidden])").count()
    total = page.locator("#checklist-tasks tr.checklist-item").count()
    assert 0 < shown < total
    tool(page, "Print or pack…")
    dialog = page.locator("#checklist-tasks dialog")
    expect(dialog.get_by_label(re.compile(f"^Only the {shown} item"))).to_be_checked()
    expect(dialog.get_by_label(f"All {total} items")).to_have_count(1)
    dialog.get_by_role("button", name="Print", exact=True).click()
    page.wait_for_selector("html[data-printed='1']", state="attached")
    expect(page.locator(".checklist-print-doc tr.checklist-item")).to_have_count(shown)
    expect(page.locator(".checklist-print-doc .checklist-print-scope")).to_have_text(
        f" · {shown} of {total} items: those the filter showed"
    )
