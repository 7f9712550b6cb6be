"""With the browser's storage switched off, no page raises an uncaught error: furo's theme button included."""

from __future__ import annotations

import pytest
from browser_support import wait_until

# What a browser with site data blocked does: reading either storage throws a SecurityError.
STORAGE_OFF = """
for (const name of ["localStorage", "sessionStorage"]) {
  Object.defineProperty(window, name, {
    configurable: true,
    get() { throw new DOMException("The operation is insecure.", "SecurityError"); },
  });
}
"""


@pytest.fixture
def storage_off(page):
    """A page whose storage throws on every read; the uncaught errors of its scripts are collected."""
    errors: list[str] = []
    page.add_init_script(STORAGE_OFF)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return page, errors


def visit_and_use(page, url: str) -> None:
    """Open the page, let the checklist script start, answer the first item and press furo's theme button twice."""
    page.goto(url)
    page.wait_for_selector("html[data-checklists-ready=true]")
    assert page.evaluate("(() => { try { localStorage.getItem('x'); return 'read'; } catch (e) { return e.name; } })()") == "SecurityError"
    answer = page.locator("input[id^='checklist-'][type=checkbox]:visible, input[id^='checklist-'][type=radio]:visible").first
    answer.check()
    toggle = page.locator("button.theme-toggle:visible").first
    for _ in range(2):
        before = page.evaluate("document.body.dataset.theme")
        toggle.click()
        wait_until(page, f"document.body.dataset.theme !== {before!r}")


def test_demo_pages_raise_no_error_with_storage_off(storage_off, demo_site):
    page, errors = storage_off
    for name in ("index.html", "assessment.html"):
        visit_and_use(page, demo_site.url + name)
    assert errors == []


def test_a_handbook_checklist_page_raises_no_error_with_storage_off(storage_off, handbook_site):
    page, errors = storage_off
    visit_and_use(page, handbook_site.url + "cop/participation.html")
    assert errors == []


def test_the_theme_init_script_refuses_every_other_key_so_nothing_pretends_to_save(storage_off, demo_site):
    """The stand-in keeps furo's theme for the page, and nothing else: answers are never kept where they would vanish."""
    page, _ = storage_off
    page.goto(demo_site.url)
    assert page.evaluate("localStorage.setItem('theme', 'dark'), localStorage.getItem('theme')") == "dark"
    refused = page.evaluate("(() => { try { localStorage.setItem('clh:x', '1'); return 'kept'; } catch (e) { return e.name; } })()")
    assert refused == "SecurityError"
