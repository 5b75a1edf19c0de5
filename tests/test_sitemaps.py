"""``sitemap.xml`` (every page) and ``news-sitemap.xml`` (the last two days, Google News)."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

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
def test_news_sitemap_follows_the_build_time(app, make_app, monkeypatch) -> None:
    app.build()
    assert (app.outdir / "news-sitemap.xml").is_file()
    robots = (app.outdir / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITE}news-sitemap.xml" in robots
    # A build a year later: nothing is news any more. An empty <urlset> is not valid, so
    # there is no news sitemap, and robots.txt names only the other one.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(1795780800 + 365 * 86400))
    later = make_app("html", srcdir=app.srcdir)
    later.build()
    assert not (app.outdir / "news-sitemap.xml").exists()
    robots = (app.outdir / "robots.txt").read_text(encoding="utf-8")
    assert [line for line in robots.splitlines() if line.startswith("Sitemap:")] == [
        f"Sitemap: {SITE}sitemap.xml"
    ]
    assert robots.startswith("User-agent: *\n")
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


@pytest.mark.sphinx(
    "html",
    testroot="sitemaps",
    freshenv=True,
    confoverrides={"newsroom_site_url": "https://example.org/sitemap-courier/"},
)
def test_no_robots_txt_below_the_root_of_the_host(app) -> None:
    # Crawlers read robots.txt at the root of a host only: a site in a folder has none.
    app.build()
    assert (app.outdir / "sitemap.xml").is_file()
    assert not (app.outdir / "robots.txt").exists()


@pytest.mark.sphinx("html", testroot="sitemaps", freshenv=True)
def test_a_sites_own_robots_txt_wins(app, make_app) -> None:
    (app.srcdir / "_extra").mkdir()
    (app.srcdir / "_extra" / "robots.txt").write_text("User-agent: *\nDisallow: /x\n")
    site = make_app("html", srcdir=app.srcdir, confoverrides={"html_extra_path": ["_extra"]})
    site.build()
    assert (site.outdir / "robots.txt").read_text() == "User-agent: *\nDisallow: /x\n"


@pytest.fixture(scope="module")
def sitemap_schema():  # type: ignore[no-untyped-def]
    """The sitemaps.org schema with the Google News extension (see tests/schemas/)."""
    from lxml import etree

    return etree.XMLSchema(etree.parse(str(Path(__file__).parent / "schemas" / "sitemaps.xsd")))


def _assert_valid(schema, path) -> None:  # type: ignore[no-untyped-def]
    from lxml import etree

    document = etree.parse(str(path))
    assert schema.validate(document), f"{path.name}: {schema.error_log}"


def test_the_schema_rejects_what_it_should(sitemap_schema) -> None:  # type: ignore[no-untyped-def]
    from lxml import etree

    urlset = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{}>{}</urlset>'
    news = ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'
    for bad in (
        urlset.format("", ""),  # the empty <urlset/> we once wrote
        urlset.format("", "<url><loc>https://a.example/</loc><lastmod>today</lastmod></url>"),
        urlset.format(news, "<url><loc>https://a.example/</loc><news:news/></url>"),
    ):
        assert not sitemap_schema.validate(etree.fromstring(bad)), bad


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_sitemaps_are_valid_and_their_urls_encoded(  # type: ignore[no-untyped-def]
    make_app, rootdir, tmp_path, monkeypatch, sitemap_schema, builder
) -> None:
    shutil.copytree(rootdir / "test-sitemaps", tmp_path / "src")
    app = make_app(builder, srcdir=tmp_path / "src", freshenv=True)
    app.build()
    assert warning_lines(app) == []
    _assert_valid(sitemap_schema, app.outdir / "sitemap.xml")
    _assert_valid(sitemap_schema, app.outdir / "news-sitemap.xml")
    # Every <loc> is ASCII, percent-encoded once, and names a page that was written.
    urls = _urls(app.outdir / "sitemap.xml")
    for loc in urls:
        assert loc is not None and loc.isascii() and loc.startswith(SITE), loc
        path = unquote(loc[len(SITE) :])
        assert (
            app.outdir / path / "index.html"
            if path.endswith("/") or not path
            else app.outdir / path
        ).is_file(), loc
    page = "news/stra%C3%9Fe" + (".html" if builder == "html" else "/")
    assert f"{SITE}{page}" in urls
    tag = next(loc for loc in urls if "tags/k" in loc)
    assert tag.isascii() and "K%C3%B6ln" not in tag  # tag slugs are ASCII anyway
    # A year later nothing is news: the news sitemap goes, the other stays valid.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(1795780800 + 365 * 86400))
    later = make_app(builder, srcdir=app.srcdir)
    later.build()
    assert not (app.outdir / "news-sitemap.xml").exists()
    _assert_valid(sitemap_schema, app.outdir / "sitemap.xml")


@pytest.mark.sphinx("html", testroot="sitemaps", srcdir="sitemaps-next-hour")
def test_the_news_sitemap_moves_on_in_a_build_that_reads_nothing(
    app, make_app, monkeypatch
) -> None:
    # A scheduled build with no change: the article of 2026-11-25 12:30 leaves the
    # two-day window an hour later, though no article was read or became listed.
    app.build()
    edge = f"{SITE}news/edge.html"
    assert edge in _urls(app.outdir / "news-sitemap.xml")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(1795780800 + 3600))
    later = make_app("html", srcdir=app.srcdir)
    later.build()
    assert edge not in _urls(app.outdir / "news-sitemap.xml")
    assert f"{SITE}news/fresh.html" in _urls(app.outdir / "news-sitemap.xml")
