"""Small helpers shared by the tests."""

from __future__ import annotations

import json
import re
import shutil
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


# -- built sites and their pages (the formats tests, in rst and in MyST) ------------------


def copy_root(rootdir: Path, name: str, tmp_path: Path) -> Path:
    """Copy the test root *name* (``test-…``) to ``tmp_path/src`` for a test to edit."""
    src = tmp_path / "src"
    shutil.copytree(rootdir / name, src)
    return src


def edit(path: Path, old: str, new: str) -> None:
    """Replace *old*, which must be there, by *new* in the file at *path*."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def article_lists(page: Path) -> list[list[str]]:
    """Return the headlines of each article list in a page's main content."""
    return [
        [a.get_text() for a in item.select("a.p-name")]
        for item in soup(page).select("main .newsroom-article-list")
    ]


def article_json_ld(page: Path) -> dict:
    """Return the page's one JSON-LD object with a headline (its article)."""
    (data,) = [
        json.loads(script.string)
        for script in soup(page).find_all("script", type="application/ld+json")
        if "headline" in script.string
    ]
    return data


def series_line(page: Path) -> str:
    """Return the "Part N of M" line of a page, whitespace folded ("" without one)."""
    nav = soup(page).select_one(".newsroom-series-position")
    return " ".join(nav.get_text().split()) if nav else ""


def redirect_targets(path: Path) -> tuple[str, str, str]:
    """Return a redirect page's refresh target, link and canonical URL (it is noindex)."""
    page = soup(path)
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    refresh = page.find("meta", attrs={"http-equiv": "refresh"})["content"]
    match = re.fullmatch(r"0; url=(.+)", refresh)
    assert match is not None, refresh
    return (
        match.group(1),
        page.select_one("body a")["href"],
        page.find("link", rel="canonical")["href"],
    )
