"""The ``correction`` directive: a dated note at the article's foot that moves its dates."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import feedparser
import pytest

from helpers import soup, warning_lines

SITE = "https://news.example.org/"


@pytest.mark.sphinx("html", testroot="corrections", freshenv=True)
def test_correction_note_at_the_foot(app) -> None:
    app.build()
    page = soup(app.outdir / "corrected.html")
    body = page.select_one("article .e-content")
    assert body is not None
    notes = body.find_all("aside", class_="newsroom-correction")
    assert len(notes) == 2
    # Both sit after the article's text, in the order written.
    children = [child for child in body.children if getattr(child, "name", None)]
    assert children[-2:] == notes
    assert children[-3].get_text() == "Closing paragraph."
    first, second = notes
    assert first["role"] == "note"
    assert " ".join(first.get_text().split()) == (
        "Correction, 21 April 2024: An earlier version gave the wrong venue."
    )
    time = first.find("time")
    assert time is not None and time["datetime"] == "2024-04-21T00:00:00+04:00"
    assert second.find("time")["datetime"] == "2024-04-22T09:30:00+04:00"
    assert second.find("strong", class_=None).get_text() == "minister’s"  # inline markup kept
    # The correction is not the article's summary or first paragraph.
    assert page.select_one(".p-summary").get_text() == "A story that needed two corrections."


@pytest.mark.sphinx("html", testroot="corrections", freshenv=True)
def test_correction_moves_the_modified_dates(app) -> None:
    app.build()
    newest = "2024-04-22T09:30:00+04:00"
    # JSON-LD and Open Graph.
    script = soup(app.outdir / "corrected.html").find("script", type="application/ld+json")
    data = json.loads(script.string)
    assert data["datePublished"] == "2024-04-20T10:15:00+04:00"
    assert data["dateModified"] == newest
    meta = soup(app.outdir / "corrected.html").find("meta", property="article:modified_time")
    assert meta["content"] == newest
    # The feed entry's and the feed's updated.
    feed = feedparser.parse((app.outdir / "feeds/atom.xml").read_bytes())
    assert not feed.bozo
    entries = {entry.link: entry for entry in feed.entries}
    assert entries[f"{SITE}corrected.html"].updated == newest
    assert entries[f"{SITE}plain.html"].updated == "2024-04-19T09:00:00+04:00"
    assert feed.feed.updated == newest
    # The sitemap's lastmod.
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    urls = {
        url.findtext(f"{ns}loc"): url.findtext(f"{ns}lastmod")
        for url in ET.parse(app.outdir / "sitemap.xml").getroot()
    }
    assert urls[f"{SITE}corrected.html"] == newest
    assert urls[f"{SITE}plain.html"] == "2024-04-19T09:00:00+04:00"


@pytest.mark.sphinx("html", testroot="corrections", freshenv=True)
def test_bad_correction_date_is_one_warning(app) -> None:
    app.build()
    lines = warning_lines(app)
    assert len(lines) == 1
    (line,) = lines
    assert "baddate.rst:11:" in line
    assert "[newsroom.date]" in line
    assert "'yesterday'" in line
    # The note is still shown, without a date, and changes no date.
    page = soup(app.outdir / "baddate.html")
    note = page.find("aside", class_="newsroom-correction")
    assert " ".join(note.get_text().split()) == "Correction: The note is still shown."
    assert note.find("time") is None
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["dateModified"] == data["datePublished"]


@pytest.mark.sphinx("text", testroot="corrections", freshenv=True)
def test_text_builder(app) -> None:
    app.build()
    text = (app.outdir / "corrected.txt").read_text(encoding="utf-8")
    assert "Correction, 21 April 2024:" in text
    assert text.index("Closing paragraph.") < text.index("Correction, 21 April 2024:")
    assert not (app.outdir / "feeds").exists()


@pytest.mark.sphinx(
    "html", testroot="builders", freshenv=True, confoverrides={"html_theme": "newsroom"}
)
def test_the_corrections_log_lists_every_correction_newest_first(app) -> None:
    app.build()
    log = soup(app.outdir / "corrections/index.html")
    assert log.find("h1").get_text() == "Corrections"
    items = log.select("ol.newsroom-corrections-log > li")
    assert items, "no correction in the log"
    dates = [li.find("time")["datetime"] for li in items]
    assert dates == sorted(dates, reverse=True)
    first = items[-1]
    assert "An earlier version named the wrong quay." in first.get_text()
    assert first.find("a")["href"] == "../world/first.html"
    # Every page's footer links it (the newsroom theme).
    footer = soup(app.outdir / "world/first.html").find("footer")
    assert "../corrections/index.html" in [a["href"] for a in footer.find_all("a")]
