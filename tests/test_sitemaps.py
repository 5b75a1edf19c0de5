"""``sitemap.xml`` (every page) and ``news-sitemap.xml`` (the last two days, Google News)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from helpers import warning_lines

SITE = "https://news.example.org/"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def _urls(path) -> dict[str, str | None]:  # type: ignore[no-untyped-def]
    """Return ``loc → lastmod`` of a sitemap, in document order."""
    root = ET.parse(path).getroot()
    assert root.tag == f"{SM}urlset"
    return {url.findtext(f"{SM}loc"): url.findtext(f"{SM}lastmod") for url in root}


@pytest.mark.sphinx("html", testroot="sitemaps", freshenv=True)
def test_sitemap_lists_every_page(app) -> None:
    app.build()
    assert warning_lines(app) == []
    urls = _urls(app.outdir / "sitemap.xml")
    assert next(iter(urls)) == f"{SITE}index.html"
    # Documents; articles with their last modification (the update, in its own offset).
    assert urls[f"{SITE}about.html"] is None
    assert urls[f"{SITE}news/fresh.html"] == "2026-11-27T09:00:00+00:00"
    assert urls[f"{SITE}news/yesterday.html"] == "2026-11-27T10:00:00+00:00"
    assert urls[f"{SITE}news/older.html"] == "2024-02-01T08:15:00+00:00"
    # Generated pages.
    for page in (
        "archive/index.html",
        "archive/2026/11/27/index.html",
        "authors/sam-lee/index.html",
        "sections/news/index.html",
        "tags/fresh/index.html",
    ):
        assert f"{SITE}{page}" in urls, page
        assert (app.outdir / page).is_file(), page
    # Never drafts or articles from the future, nor pages only they would have.
    for page in ("news/draft.html", "news/future.html", "tags/draft/index.html"):
        assert f"{SITE}{page}" not in urls, page
    # Sphinx's own search and index pages are not content.
    assert f"{SITE}search.html" not in urls
    assert f"{SITE}genindex.html" not in urls
    assert len(urls) == len(set(urls))


@pytest.mark.sphinx("html", testroot="sitemaps", freshenv=True)
def test_news_sitemap_window(app) -> None:
    app.build()
    root = ET.parse(app.outdir / "news-sitemap.xml").getroot()
    entries = [
        (
            url.findtext(f"{SM}loc"),
            url.findtext(f"{NEWS}news/{NEWS}publication_date"),
        )
        for url in root
    ]
    # The build runs at 2026-11-27 12:00 UTC (SOURCE_DATE_EPOCH): two days back, newest
    # first; not the article from 11:00 two days ago, the future one or the draft.
    assert entries == [
        (f"{SITE}news/fresh.html", "2026-11-27T09:00:00+00:00"),
        (f"{SITE}news/yesterday.html", "2026-11-26T08:00:00+00:00"),
        (f"{SITE}news/edge.html", "2026-11-25T12:30:00+00:00"),
    ]
    first = root[0].find(f"{NEWS}news")
    assert first is not None
    assert first.findtext(f"{NEWS}publication/{NEWS}name") == "Sitemap Courier"
    assert first.findtext(f"{NEWS}publication/{NEWS}language") == "de"
    assert first.findtext(f"{NEWS}title") == "Fresh this morning"


@pytest.mark.sphinx("html", testroot="sitemaps", freshenv=True)
def test_news_sitemap_follows_the_build_time(app, monkeypatch) -> None:
    # A build a year later: nothing is news any more, and the sitemap is still valid.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(1795780800 + 365 * 86400))
    app.build()
    root = ET.parse(app.outdir / "news-sitemap.xml").getroot()
    assert root.tag == f"{SM}urlset"
    assert len(root) == 0
    # The former future article is now published, and in the sitemap.
    assert f"{SITE}news/future.html" in _urls(app.outdir / "sitemap.xml")


@pytest.mark.sphinx("dirhtml", testroot="sitemaps", freshenv=True)
def test_dirhtml_urls(app) -> None:
    app.build()
    urls = _urls(app.outdir / "sitemap.xml")
    assert next(iter(urls)) == SITE
    assert f"{SITE}about/" in urls
    assert f"{SITE}news/fresh/" in urls
    assert f"{SITE}archive/2026/11/27/" in urls
    news = ET.parse(app.outdir / "news-sitemap.xml").getroot()
    assert news[0].findtext(f"{SM}loc") == f"{SITE}news/fresh/"


@pytest.mark.sphinx("html", testroot="sitemaps", freshenv=True, parallel=2)
def test_parallel_build_lists_the_same_pages(app, make_app, tmp_path) -> None:
    app.build()
    parallel = _urls(app.outdir / "sitemap.xml")
    serial = make_app("html", srcdir=app.srcdir, builddir=tmp_path / "serial", freshenv=True)
    serial.build()
    assert _urls(serial.outdir / "sitemap.xml") == parallel
