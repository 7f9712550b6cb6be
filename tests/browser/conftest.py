"""Browser-test fixtures: built sites served on 127.0.0.1 under a strict CSP, Playwright driving Debian's Chromium."""

from __future__ import annotations

import shutil

import pytest
from browser_support import AXE, TESTS, Site
from handbook_build import build
from sphinx_checklist.printing import CHROMIUM, CHROMIUM_ARGS


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, never a downloaded browser; no background traffic off the machine."""
    assert CHROMIUM.is_file(), "Chromium is missing: run `make test`, which installs Debian's chromium package"
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "accept_downloads": True}


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory):
    """The small browser-test handbook (tests/roots/test-browser), built once."""
    src = tmp_path_factory.mktemp("browser-src") / "src"
    shutil.copytree(TESTS / "roots" / "test-browser", src)
    return build(src, tmp_path_factory.mktemp("browser-out"))


@pytest.fixture(scope="session", params=[True, False], ids=["csp-header", "no-csp-header"])
def demo_site(request, demo_build):
    """The small browser-test handbook, served with the CSP header and without it."""
    site = Site(demo_build, csp=request.param)
    yield site
    site.close()


@pytest.fixture
def editable_site(tmp_path):
    """A private copy of the browser-test handbook that a test may edit and rebuild."""
    src = tmp_path / "src"
    shutil.copytree(TESTS / "roots" / "test-browser", src)
    out = tmp_path / "out"
    site = Site(build(src, out))
    site.src, site.out = src, out
    yield site
    site.close()


@pytest.fixture(scope="session", params=[True, False], ids=["csp-header", "no-csp-header"])
def handbook_site(request, handbook_html):
    """The real handbook, from the session's one strict build, served with the CSP header and without it."""
    site = Site(handbook_html, csp=request.param)
    yield site
    site.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    assert AXE.is_file(), "axe-core is missing: run `make test`, which runs npm ci"
    return AXE.read_text(encoding="utf-8")
