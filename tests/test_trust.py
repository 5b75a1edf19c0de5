"""``backstory`` and ``sources``: what readers look for to trust a story, on the page and
in its structured data."""

from __future__ import annotations

import json
import shutil

import pytest

from helpers import soup, warning_lines


def _article_json_ld(path) -> dict:  # type: ignore[no-untyped-def]
    blocks = [
        json.loads(script.get_text())
        for script in soup(path).find_all("script", type="application/ld+json")
    ]
    (article,) = [block for block in blocks if "headline" in block]
    return article


@pytest.mark.sphinx("html", testroot="trust", freshenv=True)
def test_backstory_and_sources_on_the_page_and_in_json_ld(app) -> None:
    app.build()
    assert warning_lines(app) == []
    page = soup(app.outdir / "story.html")
    backstory = page.select_one("article aside.newsroom-backstory")
    heading = backstory.find("h2")
    assert heading.get_text() == "About this story"
    assert backstory["aria-labelledby"] == heading["id"]
    assert backstory.find("em").get_text() == "two"  # the author's markup is kept
    sources = page.select_one("article aside.newsroom-sources")
    assert sources.find("h2").get_text() == "Sources"
    assert [li.get_text(" ", strip=True) for li in sources.find_all("li")][1] == (
        "Interviews with eleven farmers near Ganja, May 2024"
    )
    data = _article_json_ld(app.outdir / "story.html")
    assert data["backstory"].startswith("Our reporter spent a week with farmers")
    assert data["citation"] == [
        "https://water.example.gov/gauges",
        "Interviews with eleven farmers near Ganja, May 2024",
    ]
    # Neither is counted as the article's text.
    # "The rivers of the plain ran lower this spring than in any year on record."
    assert data["wordCount"] == 15


@pytest.mark.sphinx("text", testroot="trust", freshenv=True)
def test_other_builders_keep_the_text(app) -> None:
    app.build()
    text = (app.outdir / "story.txt").read_text(encoding="utf-8")
    assert "Our reporter spent a week" in text
    assert "Interviews with eleven farmers" in text


def test_an_empty_block_is_one_warning(make_app, rootdir, tmp_path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-trust", srcdir)
    story = srcdir / "story.rst"
    story.write_text(story.read_text() + "\n.. backstory::\n", encoding="utf-8")
    site = make_app("html", srcdir=srcdir, freshenv=True)
    site.build()
    warnings = warning_lines(site)
    assert len(warnings) == 1
    assert "backstory has no text" in warnings[0] and "story.rst" in warnings[0]
    assert "[newsroom.trust]" in warnings[0]
