"""Small helpers shared by the tests."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from sphinx.util.console import strip_escape_sequences


def soup(path: Path) -> BeautifulSoup:
    """Parse a built HTML page."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def warnings(app) -> str:  # type: ignore[no-untyped-def]
    """Return the build's warnings without colour codes."""
    return strip_escape_sequences(app.warning.getvalue())


def warning_lines(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [line for line in warnings(app).splitlines() if "WARNING" in line]


def screenshots_module():  # type: ignore[no-untyped-def]
    """Return ``scripts/screenshots.py`` (serving, browser launch, theme settings), loaded once."""
    import importlib.util
    import sys

    name = "newsroom_screenshots"
    if name not in sys.modules:
        path = Path(__file__).parent.parent / "scripts" / "screenshots.py"
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]
