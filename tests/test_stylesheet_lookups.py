"""Docutils' HTML translator looks up no stylesheet of its own while a newsroom builds:
Sphinx makes one for each document and each title and table of contents it writes, and
the theme's head, not docutils', links the site's stylesheets.

Site: ``tests/roots/test-basic``, written as HTML and then as text (the same doctrees).
"""

from __future__ import annotations

from typing import Any

import pytest
from docutils import utils
from docutils.writers import _html_base

from helpers import soup, warning_lines


@pytest.fixture
def lookups(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The stylesheet lists docutils' HTML translators made, each a list of paths."""
    made: list[Any] = []
    own = utils.get_stylesheet_list

    def counting(settings: Any) -> Any:
        made.append(own(settings))
        return made[-1]

    monkeypatch.setattr(_html_base.utils, "get_stylesheet_list", counting)
    return made


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_no_translator_looks_up_docutils_stylesheets(app, lookups: list[Any], make_app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    assert warning_lines(app) == []
    # Every document and its parts were written, none with a stylesheet looked up.
    assert len(lookups) > 2 * len(app.env.found_docs)
    assert all(paths == [] for paths in lookups)
    page = soup(app.outdir / "world" / "talks.html")
    links = [link["href"] for link in page.select("link[rel=stylesheet]")]
    assert any("newsroom" in href for href in links)
    assert not any("minimal.css" in href or "plain.css" in href for href in links)
    assert app.env.settings["stylesheet_path"] == ""

    # Another builder with the same doctrees finds docutils' own settings again.
    text = make_app("text", srcdir=app.srcdir)
    assert "stylesheet_path" not in text.env.settings
    text.build()
    assert "Aktau" in (text.outdir / "world" / "ports.txt").read_text(encoding="utf-8")
