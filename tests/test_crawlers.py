"""The example newsroom as crawlers, link previews and feed readers read it.

extruct extracts JSON-LD, Open Graph and microformats the way a crawler does; feedparser
reads the Atom feed; the JSON Feed is checked against its 1.1 specification. The example
site is built once with ``html`` and once with ``dirhtml``.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import extruct
import feedparser
import pytest
from sphinx.testing.util import SphinxTestApp

from helpers import soup, warnings

EXAMPLE_SITE = Path(__file__).parent.parent / "example_site"
SITE = "https://courier.example.org/"
LISTING_ROOTS = ("archive", "authors", "sections", "tags", "labels", "series")


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> dict[str, SphinxTestApp]:
    """The example site built with both web builders, as on 2026-11-27 12:00 UTC."""
    built = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1795780800")
        for builder in ("html", "dirhtml"):
            app = SphinxTestApp(
                builder,
                srcdir=EXAMPLE_SITE,
                builddir=tmp_path_factory.mktemp(builder),
                freshenv=True,
            )
            try:
                app.build()
            finally:
                app.cleanup()
            built[builder] = app
    return built


def _extract(outdir: Path, page: Path) -> dict[str, Any]:
    url = SITE + page.relative_to(outdir).as_posix()
    return extruct.extract(
        page.read_text(encoding="utf-8"),
        base_url=url,
        syntaxes=["json-ld", "opengraph", "microformat"],
        uniform=False,
    )


def _articles(app: SphinxTestApp) -> dict[str, Path]:
    """Return each published article's page, by document name."""
    from sphinx_newsroom.articles import get_newsroom

    newsroom = get_newsroom(app.env)
    pages = {}
    for docname in newsroom.articles:
        if newsroom.is_listed(docname):
            uri = app.builder.get_target_uri(docname)
            pages[docname] = app.outdir / (
                uri + "index.html" if uri.endswith("/") or not uri else uri
            )
    assert len(pages) >= 20
    return pages


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_every_article_is_complete_for_rich_results_and_previews(example, builder) -> None:
    app = example[builder]
    assert warnings(app) == ""
    for docname, page in _articles(app).items():
        data = _extract(app.outdir, page)
        html = soup(page)
        # JSON-LD: one article, with the publisher's logo, an image, and what the page shows.
        (article,) = [item for item in data["json-ld"] if "headline" in item]
        assert article["@type"].endswith("Article") or article["@type"] == "LiveBlogPosting"
        assert article["publisher"]["@type"] == "NewsMediaOrganization"
        assert article["publisher"]["logo"]["url"] == SITE + "_static/logo.svg"
        (image,) = article["image"]
        assert image.startswith(SITE), docname
        assert article["url"].startswith(SITE) and article["datePublished"]
        assert article["wordCount"] > 50, docname
        dateline = html.select_one(".newsroom-dateline")
        if dateline is not None:
            assert dateline.get_text().strip().startswith(article["dateline"]), docname
        else:
            assert "dateline" not in article, docname
        shown = html.select(".newsroom-correction")
        assert len(article.get("correction", [])) == len(shown), docname
        for correction in article.get("correction", []):
            assert correction["@type"] == "CorrectionComment" and correction["text"]
        # Open Graph, as a crawler reads it, and the Twitter card.
        (graph,) = data["opengraph"]
        properties = dict(graph["properties"])
        assert properties["og:type"] == "article"
        assert properties["og:image"] == image
        assert properties["og:title"] == article["headline"]
        assert properties["og:url"] == article["url"]
        card = html.find("meta", attrs={"name": "twitter:card"})
        assert card is not None and card["content"] == "summary_large_image", docname
        # Microformats: the h-entry names the same article, with u-url and u-uid.
        (entry,) = [item for item in data["microformat"] if "h-entry" in item["type"]]
        props = entry["properties"]
        assert props["name"] == [article["headline"]], docname
        assert "¶" not in props["name"][0]
        assert props["url"] == props["uid"] == [article["url"]]
        # The tags, after the label (the type of work) where there is one.
        categories = props.get("category", [])
        label = html.select_one("article .newsroom-label")
        expected = ([label.get_text().strip()] if label else []) + article.get("keywords", [])
        assert categories == expected, docname


def test_images_fall_back_to_the_default_image(example) -> None:
    app = example["html"]
    images = {
        docname: next(item for item in _extract(app.outdir, page)["json-ld"] if "headline" in item)[
            "image"
        ][0]
        for docname, page in _articles(app).items()
    }
    own = {docname for docname, image in images.items() if "/_static/photos/" in image}
    assert own, "no article of the example site has a photo of its own"
    assert {images[d] for d in set(images) - own} == {SITE + "_static/share.png"}


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_every_listing_page_is_an_h_feed_of_entries(example, builder) -> None:
    app = example[builder]
    pages = [app.outdir / "index.html"]
    for root in LISTING_ROOTS:
        # The pages of one archive period, author, section, tag or label (not the indexes
        # that list the authors or tags themselves).
        pages += [p for p in (app.outdir / root).rglob("*.html") if p.parent != app.outdir / root]
    assert len(pages) > 60
    for page in pages:
        items = _extract(app.outdir, page)["microformat"]
        feeds = [item for item in items if "h-feed" in item["type"]]
        assert feeds, page
        for feed in feeds:
            assert len(feed["properties"]["name"]) == 1, page
            entries = feed.get("children", [])
            assert entries and all("h-entry" in e["type"] for e in entries), page
            for entry in entries:
                assert entry["properties"]["url"][0].startswith(SITE), page
                assert "¶" not in entry["properties"]["name"][0]
        assert not [item for item in items if "h-entry" in item["type"]], f"{page}: loose entry"


def test_feed_ids_do_not_depend_on_the_builder(example) -> None:
    atom = {
        builder: feedparser.parse((app.outdir / "feeds" / "atom.xml").read_bytes())
        for builder, app in example.items()
    }
    ids = {builder: [entry.id for entry in feed.entries] for builder, feed in atom.items()}
    assert ids["html"] == ids["dirhtml"]
    assert all(entry_id.startswith("tag:courier.example.org,") for entry_id in ids["html"])
    links = {builder: [entry.link for entry in feed.entries] for builder, feed in atom.items()}
    assert links["html"] != links["dirhtml"]  # the addresses differ; the ids do not


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_the_json_feed_matches_the_atom_feed(example, builder) -> None:
    app = example[builder]
    atom = feedparser.parse((app.outdir / "feeds" / "atom.xml").read_bytes())
    assert not atom.bozo
    feed = json.loads((app.outdir / "feeds" / "feed.json").read_text(encoding="utf-8"))
    # JSON Feed 1.1: the version URL, a title, items with an id and content.
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"]
    assert feed["home_page_url"] == SITE + app.builder.get_target_uri("index")
    assert feed["feed_url"] == SITE + "feeds/feed.json"
    for item in feed["items"]:
        assert isinstance(item["id"], str) and item["id"]
        assert item.get("content_html") or item.get("content_text")
        for author in item.get("authors", []):
            assert set(author) <= {"name", "url", "avatar"}
    assert [item["id"] for item in feed["items"]] == [entry.id for entry in atom.entries]
    assert [item["url"] for item in feed["items"]] == [entry.link for entry in atom.entries]
    assert [item["title"] for item in feed["items"]] == [entry.title for entry in atom.entries]
    published = [datetime.fromisoformat(item["date_published"]) for item in feed["items"]]
    assert published == [datetime.fromisoformat(entry.published) for entry in atom.entries]


def test_the_publishers_trust_properties(example) -> None:
    app = example["html"]
    (website, organization) = _extract(app.outdir, app.outdir / "index.html")["json-ld"][0][
        "@graph"
    ]
    assert website["@type"] == "WebSite" and website["publisher"] == {"@id": organization["@id"]}
    assert organization["@type"] == "NewsMediaOrganization"
    assert organization["logo"]["url"] == SITE + "_static/logo.svg"
    assert organization["ethicsPolicy"] == SITE + "standards.html"
    assert organization["actionableFeedbackPolicy"] == SITE + "contact.html"
    assert organization["masthead"] == SITE + "about.html"
    # An expert's profile: the author pages carry the job title and expertise.
    authors = [
        item["author"]
        for page in _articles(app).values()
        for item in _extract(app.outdir, page)["json-ld"]
        if "headline" in item
    ]
    people = {person["name"]: person for group in authors for person in group}
    assert any("jobTitle" in p and "knowsAbout" in p for p in people.values())
    # Backstory and sources where the story has them; a review's work and rating.
    data = [
        item
        for page in _articles(app).values()
        for item in _extract(app.outdir, page)["json-ld"]
        if "headline" in item
    ]
    assert any(item.get("backstory") for item in data)
    assert any(item.get("citation") for item in data)
    reviews = [item for item in data if item["@type"] == "ReviewNewsArticle"]
    assert reviews and all("itemReviewed" in r for r in reviews)
    assert any(r.get("reviewRating", {}).get("ratingValue") for r in reviews)
