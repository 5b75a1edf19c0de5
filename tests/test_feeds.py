"""Atom and RSS feeds: valid, newest first, complete, stable, linked from every page."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET

import feedparser
import pytest
from bs4 import BeautifulSoup

from helpers import soup, warning_lines

SITE = "https://news.example.org/"
ATOM = "{http://www.w3.org/2005/Atom}"

#: The listed articles of the ``feeds`` root, newest first (a draft and a future one are not).
NEWEST_FIRST = [
    "business/grain",
    "world/third",
    "business/ports",
    "business/oil",
    "world/second",
    "world/first",
]


def _parse(path):  # type: ignore[no-untyped-def]
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def _url(docname: str) -> str:
    return f"{SITE}{docname}.html"


#: The day each article was first published (Europe/Berlin), for the entries' tag: URIs.
PUBLISHED = {
    "business/grain": "2024-04-06",
    "world/third": "2024-04-05",
    "business/ports": "2024-04-04",
    "business/oil": "2024-04-03",
}


def _tag(docname: str) -> str:
    """Return the entry id of an article: a tag: URI (RFC 4151), not its page's URL."""
    return f"tag:news.example.org,{PUBLISHED[docname]}:{docname}"


@pytest.mark.sphinx("html", testroot="feeds", freshenv=True)
def test_site_atom_feed(app) -> None:
    app.build()
    assert warning_lines(app) == []
    feed = _parse(app.outdir / "feeds/atom.xml")
    assert feed.version == "atom10"
    assert feed.feed.title == "Feed Courier Media"
    assert feed.feed.id == f"{SITE}feeds/atom.xml"
    links = {link.rel: link.href for link in feed.feed.links}
    assert links["self"] == f"{SITE}feeds/atom.xml"
    assert links["alternate"] == f"{SITE}index.html"
    # newsroom_feed_length = 4: the four newest listed articles, newest first.
    assert [entry.id for entry in feed.entries] == [_tag(d) for d in NEWEST_FIRST[:4]]
    assert [entry.published[:10] for entry in feed.entries] == list(PUBLISHED.values())
    assert [entry.link for entry in feed.entries] == [_url(d) for d in NEWEST_FIRST[:4]]
    # The feed's updated is the newest modification (a correction), not the build time.
    assert feed.feed.updated == "2024-04-10T12:30:00+02:00"
    third = feed.entries[1]
    assert third.title == "Third round ends"
    assert third.published == "2024-04-05T09:00:00+02:00"
    assert third.updated == "2024-04-10T12:30:00+02:00"
    assert third.link == _url("world/third")
    assert [tag.term for tag in third.tags] == ["World", "borders"]
    assert third.summary == "Summary of Third round ends."
    assert "content" not in third  # summaries unless newsroom_feed_fulltext
    assert [(a.name, a.href) for a in third.authors] == [
        ("Jane Doe", f"{SITE}authors/jane-doe/index.html")
    ]
    # Every URL in the feed is absolute.
    for element in ET.parse(app.outdir / "feeds/atom.xml").iter():
        for name in ("href",):
            if name in element.attrib:
                assert element.attrib[name].startswith(SITE)


@pytest.mark.sphinx("html", testroot="feeds", freshenv=True)
def test_section_feeds_and_co_authors(app) -> None:
    app.build()
    world = _parse(app.outdir / "sections/world/atom.xml")
    assert world.feed.title == "World – Feed Courier Media"
    assert [e.link for e in world.entries] == [
        _url("world/third"),
        _url("world/second"),
        _url("world/first"),
    ]
    second = world.entries[1]
    assert [a.name for a in second.authors] == ["Jane Doe", "Ali Rahimov"]
    business = _parse(app.outdir / "sections/business/rss.xml")
    assert [e.link for e in business.entries] == [
        _url("business/grain"),
        _url("business/ports"),
        _url("business/oil"),
    ]
    # No feed for authors or tags unless asked for.
    assert not (app.outdir / "authors/jane-doe/atom.xml").exists()
    assert not (app.outdir / "tags/energy/atom.xml").exists()


@pytest.mark.sphinx("html", testroot="feeds", freshenv=True)
def test_rss_feed(app) -> None:
    app.build()
    feed = _parse(app.outdir / "feeds/rss.xml")
    assert feed.version == "rss20"
    assert feed.feed.title == "Feed Courier Media"
    assert feed.feed.link == f"{SITE}index.html"
    assert [e.id for e in feed.entries] == [_tag(d) for d in NEWEST_FIRST[:4]]
    guids = ET.parse(app.outdir / "feeds/rss.xml").getroot().iter("guid")
    assert {guid.get("isPermaLink") for guid in guids} == {"false"}
    assert [e.link for e in feed.entries] == [_url(d) for d in NEWEST_FIRST[:4]]
    assert feed.entries[0].published == "Sat, 06 Apr 2024 09:00:00 +0200"
    assert feed.entries[0].author == "Sam Lee"
    root = ET.parse(app.outdir / "feeds/rss.xml").getroot()
    channel = root.find("channel")
    assert channel is not None
    assert channel.findtext("lastBuildDate") == "Wed, 10 Apr 2024 12:30:00 +0200"
    self_link = channel.find(f"{ATOM}link")
    assert self_link is not None and self_link.get("href") == f"{SITE}feeds/rss.xml"
    world = ET.parse(app.outdir / "sections/world/rss.xml").getroot()
    creators = [
        [c.text for c in item.findall("{http://purl.org/dc/elements/1.1/}creator")]
        for item in world.iter("item")
    ]
    assert creators == [["Jane Doe"], ["Jane Doe", "Ali Rahimov"], ["Jane Doe"]]


@pytest.mark.sphinx(
    "html",
    testroot="feeds",
    freshenv=True,
    confoverrides={"newsroom_feed_fulltext": True},
)
def test_full_text(app) -> None:
    app.build()
    feed = _parse(app.outdir / "sections/world/atom.xml")
    first = feed.entries[2]
    content = first.content[0]
    assert content.type == "text/html"
    assert "The first paragraph of First talks open." in content.value
    assert "A second paragraph that links to" in content.value
    # Only the body: no headline, no byline.
    assert "newsroom-byline" not in content.value
    assert "<h1" not in content.value
    # Links inside the body are absolute.
    assert f'href="{SITE}world/second.html"' in content.value
    # A correction belongs to the text.
    assert "An earlier version misspelt a name." in feed.entries[0].content[0].value
    assert first.summary == "Summary of First talks open."
    rss = _parse(app.outdir / "sections/world/rss.xml")
    assert "The first paragraph of First talks open." in rss.entries[2].content[0].value


@pytest.mark.sphinx(
    "html",
    testroot="feeds",
    freshenv=True,
    parallel=2,
    confoverrides={"newsroom_feed_fulltext": True},
)
def test_full_text_with_parallel_writing(app) -> None:
    app.build()
    feed = _parse(app.outdir / "feeds/atom.xml")
    assert len(feed.entries) == 4
    for entry in feed.entries:
        assert "The first paragraph of" in entry.content[0].value


@pytest.mark.sphinx(
    "html",
    testroot="feeds",
    freshenv=True,
    confoverrides={
        "newsroom_feeds_per_author": True,
        "newsroom_feeds_per_tag": True,
        "newsroom_feed_length": 20,
    },
)
def test_author_and_tag_feeds(app) -> None:
    app.build()
    jane = _parse(app.outdir / "authors/jane-doe/atom.xml")
    assert jane.feed.title == "Jane Doe – Feed Courier Media"
    assert [e.link for e in jane.entries] == [
        _url("world/third"),
        _url("world/second"),
        _url("world/first"),
    ]
    energy = _parse(app.outdir / "tags/energy/rss.xml")
    assert [e.link for e in energy.entries] == [_url("business/ports"), _url("business/oil")]
    # All six listed articles once the length allows; never the draft or the future one.
    site = _parse(app.outdir / "feeds/atom.xml")
    assert [e.link for e in site.entries] == [_url(d) for d in NEWEST_FIRST]
    author_page = soup(app.outdir / "authors/jane-doe/index.html")
    hrefs = [link["href"] for link in author_page.find_all("link", rel="alternate")]
    assert "atom.xml" in hrefs  # the author's own feed, next to the page


@pytest.mark.sphinx("html", testroot="feeds", freshenv=True)
def test_feeds_are_reproducible(app, make_app) -> None:
    app.build()
    first = {
        path: (app.outdir / path).read_bytes()
        for path in ("feeds/atom.xml", "feeds/rss.xml", "sections/world/atom.xml")
    }
    ids = [e.id for e in _parse(app.outdir / "feeds/atom.xml").entries]
    shutil.rmtree(app.outdir)
    shutil.rmtree(app.doctreedir)
    again = make_app("html", srcdir=app.srcdir, freshenv=True)
    again.build()
    for path, data in first.items():
        assert (again.outdir / path).read_bytes() == data, path
    assert [e.id for e in _parse(again.outdir / "feeds/atom.xml").entries] == ids


@pytest.mark.sphinx("html", testroot="feeds", freshenv=True)
def test_pages_link_their_feeds(app) -> None:
    app.build()

    def feeds(page: str) -> list[tuple[str, str]]:
        head = soup(app.outdir / page).head
        assert head is not None
        return [
            (link["type"], link["href"])
            for link in head.find_all("link", rel="alternate")
            if link.get("type") in ("application/atom+xml", "application/rss+xml")
        ]

    site = [
        ("application/atom+xml", "feeds/atom.xml"),
        ("application/rss+xml", "feeds/rss.xml"),
    ]
    assert feeds("index.html") == site
    assert feeds("world/first.html") == [(kind, f"../{href}") for kind, href in site] + [
        ("application/atom+xml", "../sections/world/atom.xml"),
        ("application/rss+xml", "../sections/world/rss.xml"),
    ]
    assert feeds("sections/world/index.html") == [
        (kind, f"../../{href}") for kind, href in site
    ] + [("application/atom+xml", "atom.xml"), ("application/rss+xml", "rss.xml")]
    assert feeds("genindex.html") == site


@pytest.mark.sphinx("dirhtml", testroot="feeds", freshenv=True)
def test_dirhtml_feeds(app) -> None:
    app.build()
    feed = _parse(app.outdir / "feeds/atom.xml")
    # The same ids as the html builder's: readers do not see the articles as new.
    assert [entry.id for entry in feed.entries] == [_tag(d) for d in NEWEST_FIRST[:4]]
    assert feed.entries[0].link == f"{SITE}business/grain/"
    assert feed.entries[0].authors[0].href == f"{SITE}authors/sam-lee/"
    head = soup(app.outdir / "world/first/index.html").head
    assert head is not None
    hrefs = [link["href"] for link in head.find_all("link", type="application/atom+xml")]
    assert hrefs == ["../../feeds/atom.xml", "../../sections/world/atom.xml"]


@pytest.mark.sphinx("text", testroot="feeds", freshenv=True)
def test_no_feeds_from_other_builders(app) -> None:
    app.build()
    assert not (app.outdir / "feeds").exists()


@pytest.mark.sphinx("html", testroot="feeds", srcdir="feeds-incremental", freshenv=True)
def test_rebuild_after_removing_a_section(app, make_app) -> None:
    app.build()
    assert (app.outdir / "sections/business/atom.xml").exists()
    for name in ("oil", "ports", "grain"):
        (app.srcdir / "business" / f"{name}.rst").unlink()
    again = make_app("html", srcdir=app.srcdir)
    again.build()
    # The section has no listed article left: its feeds go, and the site feed follows.
    assert not (again.outdir / "sections/business/atom.xml").exists()
    assert not (again.outdir / "sections/business/rss.xml").exists()
    assert (again.outdir / "sections/world/atom.xml").exists()
    site = _parse(again.outdir / "feeds/atom.xml")
    assert [e.link for e in site.entries] == [
        _url("world/third"),
        _url("world/second"),
        _url("world/first"),
    ]


@pytest.mark.sphinx("html", testroot="feeds", freshenv=True, srcdir="feeds-markup-summary")
def test_a_summary_with_markup_characters_stays_text(app, make_app) -> None:
    # RSS readers read a description as HTML; Atom's summary is text.
    path = app.srcdir / "world" / "third.rst"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("Summary of Third round ends.", "Encode & and <b>not bold</b>"),
        encoding="utf-8",
    )
    site = make_app("html", srcdir=app.srcdir, freshenv=True)
    site.build()
    rss = ET.parse(site.outdir / "feeds/rss.xml").getroot()
    descriptions = [item.findtext("description") for item in rss.iter("item")]
    assert "Encode &amp; and &lt;b&gt;not bold&lt;/b&gt;" in descriptions
    atom = _parse(site.outdir / "feeds/atom.xml")
    (third,) = [e for e in atom.entries if e.link.endswith("world/third.html")]
    assert third.summary == "Encode & and <b>not bold</b>"


@pytest.mark.sphinx("html", testroot="feeds", freshenv=True)
def test_json_feed_has_the_atom_feeds_entries(app) -> None:
    app.build()
    document = json.loads((app.outdir / "feeds/feed.json").read_text(encoding="utf-8"))
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert document["title"] == "Feed Courier Media"
    assert document["home_page_url"] == f"{SITE}index.html"
    assert document["feed_url"] == f"{SITE}feeds/feed.json"
    atom = _parse(app.outdir / "feeds/atom.xml")
    items = document["items"]
    assert [i["id"] for i in items] == [e.id for e in atom.entries]
    assert [i["url"] for i in items] == [e.link for e in atom.entries]
    assert [i["title"] for i in items] == [e.title for e in atom.entries]
    assert [i["date_published"] for i in items] == [e.published for e in atom.entries]
    assert [i["date_modified"] for i in items] == [e.updated for e in atom.entries]
    # JSON Feed 1.1: every item has an id and content_html or content_text.
    for item in items:
        assert isinstance(item["id"], str) and item["id"]
        assert item.get("content_html") or item.get("content_text")
        assert all(author["name"] for author in item["authors"])
    assert items[1]["content_text"] == "Summary of Third round ends."
    assert items[1]["tags"] == ["World", "borders"]
    # Every page names it beside the Atom and RSS feeds.
    head = soup(app.outdir / "world/first.html").head
    link = head.find("link", type="application/feed+json")
    assert link["rel"] == ["alternate"] and link["href"] == "../feeds/feed.json"


@pytest.mark.sphinx(
    "html",
    testroot="feeds",
    freshenv=True,
    srcdir="feeds-subsection",
    confoverrides={"newsroom_feed_fulltext": True},
)
def test_full_text_keeps_heading_levels_and_leaves_permalinks_out(app, make_app) -> None:
    path = app.srcdir / "world" / "first.rst"
    path.write_text(
        path.read_text(encoding="utf-8") + "\nBackground\n----------\n\nHow it began.\n",
        encoding="utf-8",
    )
    site = make_app(
        "html", srcdir=app.srcdir, freshenv=True, confoverrides={"newsroom_feed_fulltext": True}
    )
    site.build()
    page = soup(site.outdir / "world/first.html")
    assert page.select_one(".e-content h2").get_text().startswith("Background")
    feed = _parse(site.outdir / "sections/world/atom.xml")
    (entry,) = [e for e in feed.entries if e.link.endswith("world/first.html")]
    body = BeautifulSoup(entry.content[0].value, "html.parser")
    assert body.find("h2").get_text() == "Background"
    assert body.find("h1") is None
    assert "¶" not in entry.content[0].value and body.select(".headerlink") == []
    assert "How it began." in body.get_text()


@pytest.mark.sphinx(
    "html",
    testroot="feeds",
    freshenv=True,
    confoverrides={"newsroom_publisher": {"name": "Feed Courier", "logo": "_static/logo.png"}},
)
def test_feeds_carry_the_publishers_logo(app) -> None:
    app.build()
    logo = f"{SITE}_static/logo.png"
    assert _parse(app.outdir / "feeds/atom.xml").feed.logo == logo
    rss = _parse(app.outdir / "feeds/rss.xml")
    assert rss.feed.image.href == logo
    assert rss.feed.image.link == f"{SITE}index.html"
    assert json.loads((app.outdir / "feeds/feed.json").read_text())["icon"] == logo
