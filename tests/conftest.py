"""Shared fixtures: Sphinx's own test fixtures and the test roots (helpers live in sphinx_support.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx_support import strict_build

pytest_plugins = "sphinx.testing.fixtures"

TESTS = Path(__file__).parent
PROJECT = TESTS.parent


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return TESTS / "roots"


@pytest.fixture(scope="session")
def handbook_html(tmp_path_factory) -> Path:
    """One strict build of the real handbook for the whole session, shared by the build and browser tests."""
    return strict_build(PROJECT / "docs", tmp_path_factory.mktemp("handbook"), confdir=PROJECT)
