"""Shared fixtures: Sphinx's testing fixtures and the test roots under ``tests/roots``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from helpers import screenshots_module

pytest_plugins = ["sphinx.testing.fixtures"]

ROOTS = Path(__file__).parent / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.fixture(autouse=True)
def _fixed_build_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Build as on 2026-11-27 12:00 UTC so that "future" and "recent" are stable."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795780800")


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """One headless Chromium for the whole session: Playwright runs one sync driver at a time."""
    sync_api = pytest.importorskip("playwright.sync_api")
    shots = screenshots_module()
    with sync_api.sync_playwright() as playwright:
        browser = shots.launch_browser(playwright)
        yield browser
        browser.close()
