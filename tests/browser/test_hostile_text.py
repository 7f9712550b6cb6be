"""Hostile checklist text never runs in a reader's browser, with the server's CSP header or without one."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
import yaml
from browser_support import TESTS, Site, ready
from playwright.sync_api import expect

PAYLOADS = {
    "text": '<img src=x onerror="alert(1)">',
    "guidance": '<base href="http://evil.invalid/"><script>alert(2)</script>',
}
LOOKS_LIKE_MARKUP = "Check &lt;img src=x onerror=alert(3)&gt; is shown as words"


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    """The browser-test handbook plus a checklist of hostile text, built without -W as a careless host might."""
    src = tmp_path_factory.mktemp("hostile") / "src"
    shutil.copytree(TESTS / "roots" / "test-browser", src)
    tasks = yaml.safe_load((src / "checklists" / "tasks.yaml").read_text(encoding="utf-8"))
    tasks["sections"][0]["items"][0]["text"] = LOOKS_LIKE_MARKUP
    (src / "checklists" / "tasks.yaml").write_text(yaml.safe_dump(tasks, sort_keys=False), encoding="utf-8")
    hostile = dict(tasks, id="hostile", title="Hostile")
    hostile["sections"] = [dict(tasks["sections"][1], items=[dict(tasks["sections"][1]["items"][0], **PAYLOADS)])]
    (src / "checklists" / "hostile.yaml").write_text(yaml.safe_dump(hostile, sort_keys=False), encoding="utf-8")
    with (src / "index.md").open("a", encoding="utf-8") as index:
        index.write("\n```{checklist} hostile\n```\n")
    out = src.parent / "out"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(src), str(out)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "hostile.yaml:" in result.stderr and "[checklist.unsafe_markup]" in result.stderr
    assert "Traceback" not in result.stderr
    return out


def _watch(page) -> list[str]:
    """Everything that would show a payload ran: dialogs, requests off the machine, script errors."""
    events: list[str] = []
    page.on("dialog", lambda dialog: (events.append(f"dialog {dialog.message}"), dialog.dismiss()))
    page.on("request", lambda request: events.append(f"request {request.url}") if not request.url.startswith("http://127.0.0.1") else None)
    page.on("pageerror", lambda error: events.append(f"error {error}"))
    page.route("http://evil.invalid/**", lambda route: route.abort())
    return events


@pytest.mark.parametrize("csp", [True, False], ids=["csp-header", "no-csp-header"])
def test_hostile_text_is_not_on_the_page_and_nothing_runs(page, hostile_build, csp):
    site = Site(hostile_build, csp=csp)
    try:
        events = _watch(page)
        ready(page, site.url)
        page.wait_for_timeout(200)
        assert events == []
        assert page.locator("img[onerror], base, script:not([src])").count() == 0
        expect(page.locator("#checklist-hostile")).to_have_count(0)
        expect(page.get_by_text("Checklist not shown")).to_be_visible()
        # Markup-looking words in allowed text stay words, and the rest of the page still works.
        expect(page.locator("label[for=checklist-tasks-survey-done]")).to_have_text("Check <img src=x onerror=alert(3)> is shown as words")
        page.check("#checklist-tasks-survey-done")
        expect(page.locator("#checklist-tasks .checklist-progress")).to_have_text("1 of 5 done")
    finally:
        site.close()


def test_the_pages_own_policy_stops_markup_that_slipped_through(page, tmp_path, hostile_build):
    """Served with no CSP header, a page that somehow held live markup is still protected by its <meta> policy."""
    copy = tmp_path / "site"
    shutil.copytree(hostile_build, copy)
    index = copy / "index.html"
    text = index.read_text(encoding="utf-8")
    injected = '<base href="http://evil.invalid/"><img src=x onerror="alert(4)"><svg onload="alert(5)"></svg>'
    index.write_text(text.replace('<div class="page">', '<div class="page">' + injected, 1), encoding="utf-8")
    site = Site(copy, csp=False)
    try:
        events = _watch(page)
        ready(page, site.url)  # the checklist script still loads from this site: <base> was refused
        page.wait_for_timeout(200)
        assert events == []
        assert page.evaluate("document.baseURI").startswith(site.url)
    finally:
        site.close()
