"""Shared fixtures: Sphinx's testing fixtures and the test roots under ``tests/roots``."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["sphinx.testing.fixtures"]

ROOTS = Path(__file__).parent / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.fixture(autouse=True)
def _fixed_build_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Build as on 2026-11-27 12:00 UTC so that "future" and "recent" are stable."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795780800")
