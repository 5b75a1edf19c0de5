"""Structured data, Open Graph and canonical links in the head of every page."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from collections import Counter

import feedparser
import pytest

from helpers import soup, warning_lines

SITE = "https://news.example.org/"
HOSTILE_TITLE = "<script>alert(1)</script> & \"double\" 'single'"
HOSTILE_AUTHOR = '<script>alert(1)</script> "Q" & Co'
HOSTILE_SUMMARY = "Summary with </script><script>alert(2)</script> & \"double\" 'single' quotes."
LABEL_TYPES = {
    "opinion": "OpinionNewsArticle",
    "analysis": "AnalysisNewsArticle",
    "review": "ReviewNewsArticle",
    "editorial": "OpinionNewsArticle",
    "sponsored": "AdvertiserContentArticle",
    "breaking": "NewsArticle",
    "explainer": "BackgroundNewsArticle",  # a site label with its own schema type
    "none": "NewsArticle",  # no label
}
_JSON_LD_RE = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def json_ld(page) -> list[dict]:  # type: ignore[no-untyped-def]
    """Return every JSON-LD object of a built page."""
    return [
        json.loads(script.string)
        for script in soup(page).find_all("script", type="application/ld+json")
    ]


def properties(page) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """Return the ``<meta property>`` pairs of a page's head, in order."""
    head = soup(page).head
    assert head is not None
    return [(m["property"], m["content"]) for m in head.find_all("meta", property=True)]


@pytest.mark.sphinx("html", testroot="seo", freshenv=True)
def test_article_json_ld_field_by_field(app) -> None:
    app.build()
    assert warning_lines(app) == []
    for label, schema in LABEL_TYPES.items():
        (data,) = json_ld(app.outdir / f"kinds/{label}.html")
        assert data["@type"] == schema, label
        assert data["headline"] == f"A {label} piece"  # without a label's title suffix
        assert data["keywords"] == [label, "kinds"]
    (data,) = json_ld(app.outdir / "kinds/opinion.html")
    url = f"{SITE}kinds/opinion.html"
    assert data == {
        "@context": "https://schema.org",
        "@type": "OpinionNewsArticle",
        "headline": "A opinion piece",
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": "2024-05-01T10:00:00+04:00",
        # 11:30 UTC, shown in the newsroom's zone with its offset.
        "dateModified": "2024-05-11T15:30:00+04:00",
        "author": [
            {
                "@type": "Person",
                "name": "Jane Doe",
                "url": f"{SITE}authors/jane-doe/index.html",
                "sameAs": "https://social.example/@jane",
            }
        ],
        "publisher": {
            "@type": "NewsMediaOrganization",
            "name": "SEO Courier Media",
            "url": "https://media.example.org/",
            "logo": {"@type": "ImageObject", "url": f"{SITE}_static/logo.png"},
        },
        "image": [f"{SITE}kinds/photos/opinion.jpg"],
        "wordCount": 6,  # "The body of the opinion piece."
        "articleSection": "Kinds",
        "keywords": ["opinion", "kinds"],
        "description": "The body of the opinion piece.",
        "inLanguage": "en",
    }


@pytest.mark.sphinx("html", testroot="seo", freshenv=True)
def test_front_page_json_ld(app) -> None:
    app.build()
    (data,) = json_ld(app.outdir / "index.html")
    website, organization = data["@graph"]
    assert website["@type"] == "WebSite"
    assert website["url"] == SITE
    assert website["name"] == "SEO Courier Media"
    assert organization["@type"] == "NewsMediaOrganization"
    assert website["publisher"] == {"@id": organization["@id"]}
    assert organization["logo"] == {"@type": "ImageObject", "url": f"{SITE}_static/logo.png"}
    assert json_ld(app.outdir / "about.html") == []


@pytest.mark.sphinx("html", testroot="seo", freshenv=True)
def test_open_graph_of_an_article(app) -> None:
    app.build()
    props = properties(app.outdir / "kinds/opinion.html")
    single = dict(props)
    assert Counter(key for key, _ in props)["og:type"] == 1
    assert single["og:type"] == "article"
    assert single["og:title"] == "A opinion piece"  # the headline: see the test below
    assert single["og:description"] == "The body of the opinion piece."
    assert single["og:url"] == f"{SITE}kinds/opinion.html"
    assert single["og:image"] == f"{SITE}kinds/photos/opinion.jpg"
    assert single["og:site_name"] == "SEO Courier Media"
    assert single["article:published_time"] == "2024-05-01T10:00:00+04:00"
    assert single["article:modified_time"] == "2024-05-11T15:30:00+04:00"
    assert single["article:section"] == "Kinds"
    assert [v for k, v in props if k == "article:tag"] == ["opinion", "kinds"]
    hostile = properties(app.outdir / "world/hostile.html")
    assert [v for k, v in hostile if k == "article:author"] == [
        f"{SITE}authors/hostile/index.html",
        f"{SITE}authors/jane-doe/index.html",
    ]
    counts = Counter(key for key, _ in props if key.startswith("og:"))
    assert set(counts.values()) == {1}


@pytest.mark.sphinx("html", testroot="seo", freshenv=True)
def test_open_graph_of_other_pages(app) -> None:
    app.build()
    about = dict(properties(app.outdir / "about.html"))
    assert about["og:type"] == "website"
    assert about["og:title"] == "About us"
    assert about["og:url"] == f"{SITE}about.html"
    assert not any(key.startswith("article:") for key in about)
    section = dict(properties(app.outdir / "sections/kinds/index.html"))
    assert section["og:type"] == "website"
    assert section["og:url"] == f"{SITE}sections/kinds/index.html"


@pytest.mark.sphinx(
    "html",
    testroot="seo",
    freshenv=True,
    confoverrides={"html_baseurl": "https://elsewhere.example/docs/"},
)
def test_one_canonical_link(app) -> None:
    app.build()
    for page, url in (
        ("kinds/opinion.html", f"{SITE}kinds/opinion.html"),
        ("index.html", f"{SITE}index.html"),
        ("sections/kinds/index.html", f"{SITE}sections/kinds/index.html"),
    ):
        canonical = soup(app.outdir / page).find_all("link", rel="canonical")
        assert [link["href"] for link in canonical] == [url], page


@pytest.mark.sphinx("dirhtml", testroot="seo", freshenv=True)
def test_dirhtml_urls(app) -> None:
    app.build()
    page = app.outdir / "kinds/opinion/index.html"
    (data,) = json_ld(page)
    assert data["url"] == f"{SITE}kinds/opinion/"
    assert data["author"][0]["url"] == f"{SITE}authors/jane-doe/"
    assert dict(properties(page))["og:url"] == f"{SITE}kinds/opinion/"
    canonical = soup(page).find_all("link", rel="canonical")
    assert [link["href"] for link in canonical] == [f"{SITE}kinds/opinion/"]


@pytest.mark.sphinx(
    "html",
    testroot="seo",
    freshenv=True,
    confoverrides={"extensions": ["sphinx_newsroom", "sphinxext.opengraph"]},
)
def test_with_sphinxext_opengraph_nothing_twice(app) -> None:
    app.build()
    assert "sphinxext.opengraph" in app.extensions
    for page in (
        "kinds/opinion.html",
        "world/hostile.html",
        "about.html",
        "index.html",
        "sections/kinds/index.html",
    ):
        props = properties(app.outdir / page)
        counts = Counter(k for k, _ in props if k not in ("article:tag", "article:author"))
        assert counts and set(counts.values()) == {1}, (page, counts)
        head = soup(app.outdir / page).head
        assert head is not None
        assert len(head.find_all("meta", attrs={"name": "description"})) <= 1
    article = dict(properties(app.outdir / "kinds/opinion.html"))
    assert article["og:type"] == "article"
    assert article["og:url"] == f"{SITE}kinds/opinion.html"
    assert article["og:image"] == f"{SITE}kinds/photos/opinion.jpg"
    assert article["article:section"] == "Kinds"
    # One site name on documents (written by the extension) and generated pages (by us).
    assert article["og:site_name"] == "SEO Courier Media"
    section = dict(properties(app.outdir / "sections/kinds/index.html"))
    assert section["og:site_name"] == "SEO Courier Media"
    assert dict(properties(app.outdir / "about.html"))["og:type"] == "website"
    hostile = dict(properties(app.outdir / "world/hostile.html"))
    assert hostile["og:title"] == HOSTILE_TITLE
    assert hostile["og:description"] == HOSTILE_SUMMARY


@pytest.mark.sphinx("html", testroot="seo", freshenv=True)
def test_hostile_strings_are_escaped_everywhere(app) -> None:
    app.build()
    page = app.outdir / "world/hostile.html"
    html = page.read_text(encoding="utf-8")
    # No markup of the strings survives raw anywhere in the page.
    assert "<script>alert(" not in html
    assert "<b>bold</b>" not in html
    parsed = soup(page)
    for script in parsed.find_all("script"):
        assert "alert(" not in (script.string or "") or script.get("type") == (
            "application/ld+json"
        )
    # Text and attributes round-trip.
    h1 = parsed.find("h1")
    assert h1 is not None and h1.get_text().replace("¶", "") == HOSTILE_TITLE
    names = [a.get_text() for a in parsed.select(".newsroom-byline a.p-author")]
    assert names == [HOSTILE_AUTHOR, "Jane Doe"]
    props = dict(properties(page))
    assert props["og:title"] == HOSTILE_TITLE
    assert props["og:description"] == HOSTILE_SUMMARY
    assert parsed.find("meta", attrs={"name": "description"})["content"] == HOSTILE_SUMMARY
    # JSON-LD: no raw < > & inside the script, and the values come back exactly.
    (raw,) = _JSON_LD_RE.findall(html)
    assert not set(raw) & set("<>&")
    (data,) = json_ld(page)
    assert data["headline"] == HOSTILE_TITLE
    assert data["description"] == HOSTILE_SUMMARY
    assert [a["name"] for a in data["author"]] == [HOSTILE_AUTHOR, "Jane Doe"]
    assert data["keywords"] == ["<b>bold</b>", "fish & chips"]
    # Feeds.
    atom = feedparser.parse((app.outdir / "sections/world/atom.xml").read_bytes())
    assert not atom.bozo
    entry = ET.parse(app.outdir / "sections/world/atom.xml").getroot()[-1]
    ns = "{http://www.w3.org/2005/Atom}"
    assert entry.findtext(f"{ns}title") == HOSTILE_TITLE
    assert entry.findtext(f"{ns}summary") == HOSTILE_SUMMARY
    assert [a.findtext(f"{ns}name") for a in entry.findall(f"{ns}author")] == [
        HOSTILE_AUTHOR,
        "Jane Doe",
    ]
    assert [c.get("term") for c in entry.findall(f"{ns}category")] == [
        "World",
        "<b>bold</b>",
        "fish & chips",
    ]
    item = ET.parse(app.outdir / "feeds/rss.xml").getroot().find("channel/item")
    assert item is not None and item.findtext("title") == HOSTILE_TITLE
    # Sitemaps (the article is from the day before the build: it is news).
    news = ET.parse(app.outdir / "news-sitemap.xml").getroot()
    titles = [t.text for t in news.iter("{http://www.google.com/schemas/sitemap-news/0.9}title")]
    assert titles == [HOSTILE_TITLE]
    ET.parse(app.outdir / "sitemap.xml")  # well-formed


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_without_a_site_url(make_app, rootdir, tmp_path, builder) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-no-site-url", srcdir)
    app = make_app(builder, srcdir=srcdir, freshenv=True)
    app.build()
    lines = warning_lines(app)
    assert len(lines) == 1
    assert "[newsroom.config]" in lines[0]
    assert "newsroom_site_url" in lines[0]
    # Nothing that needs absolute URLs is written.
    for path in ("feeds", "sections/world/atom.xml", "sitemap.xml", "news-sitemap.xml"):
        assert not (app.outdir / path).exists(), path
    page = app.outdir / ("world/talks.html" if builder == "html" else "world/talks/index.html")
    parsed = soup(page)
    assert parsed.find("link", rel="canonical") is None
    assert parsed.find("link", type="application/atom+xml") is None
    props = dict(properties(page))
    assert props["og:type"] == "article"
    assert "og:url" not in props and "og:image" not in props
    assert "article:author" not in props
    (data,) = json_ld(page)
    assert data["headline"] == "Talks resume"
    assert data["dateModified"] == "2024-04-21T00:00:00+00:00"
    assert "url" not in data and "mainEntityOfPage" not in data and "image" not in data
    assert data["author"] == [
        {"@type": "Person", "name": "Jane Doe", "sameAs": "https://social.example/@jane"}
    ]
    assert data["publisher"] == {"@type": "NewsMediaOrganization", "name": "The Local Courier"}


@pytest.mark.sphinx(
    "html",
    testroot="seo",
    freshenv=True,
    confoverrides={"html_baseurl": "https://news.example.org/"},
)
def test_a_draft_announces_no_url(app) -> None:
    app.build()
    page = soup(app.outdir / "world/unpublished.html")
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert page.find("link", rel="canonical") is None
    props = dict(properties(app.outdir / "world/unpublished.html"))
    assert props["og:type"] == "article"
    assert "og:url" not in props
    (data,) = json_ld(app.outdir / "world/unpublished.html")
    assert data["headline"] == "Not yet published"
    assert "url" not in data and "mainEntityOfPage" not in data
    # A published article keeps all of them, and is not "noindex".
    published = soup(app.outdir / "world/hostile.html")
    assert published.find("meta", attrs={"name": "robots"}) is None
    assert len(published.find_all("link", rel="canonical")) == 1


@pytest.mark.sphinx("html", testroot="seo", freshenv=True)
def test_one_rule_for_the_headline_of_a_labelled_article(app, monkeypatch) -> None:
    # The page itself shows the label's suffix in its <h1> and <title>; everything read
    # off the page (Open Graph, JSON-LD, feeds, the news sitemap, links from other pages)
    # carries the headline as written, with the label given separately.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1714600000")  # 2024-05-01 21:46 UTC
    app.build()
    page = soup(app.outdir / "kinds/opinion.html")
    assert page.find("h1").get_text().startswith("A opinion piece – OPINION")
    assert "A opinion piece – OPINION" in page.title.get_text()
    og = dict(properties(app.outdir / "kinds/opinion.html"))
    (article,) = [d for d in json_ld(app.outdir / "kinds/opinion.html") if "headline" in d]
    assert og["og:title"] == article["headline"] == "A opinion piece"
    atom = feedparser.parse((app.outdir / "feeds/atom.xml").read_bytes())
    rss = feedparser.parse((app.outdir / "feeds/rss.xml").read_bytes())
    for feed in (atom, rss):
        (entry,) = [e for e in feed.entries if e.link.endswith("kinds/opinion.html")]
        assert entry.title == "A opinion piece"
    news = ET.parse(app.outdir / "news-sitemap.xml").getroot()
    ns = "{http://www.google.com/schemas/sitemap-news/0.9}"
    assert "A opinion piece" in [t.text for t in news.iter(f"{ns}title")]
    assert "OPINION" not in (app.outdir / "news-sitemap.xml").read_text(encoding="utf-8")


def _without_image(app) -> None:  # type: ignore[no-untyped-def]
    """Take the image out of one article of the ``seo`` root."""
    path = app.srcdir / "kinds" / "none.rst"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^:image:.*\n", "", text), encoding="utf-8")


def _names(path) -> dict[str, str]:  # type: ignore[no-untyped-def]
    head = soup(path).head
    return {m["name"]: m["content"] for m in head.find_all("meta", attrs={"name": True})}


@pytest.mark.sphinx("html", testroot="seo", freshenv=True, srcdir="seo-no-image")
def test_an_article_without_an_image_shows_the_publishers_logo(app, make_app) -> None:
    _without_image(app)
    site = make_app("html", srcdir=app.srcdir, freshenv=True)
    site.build()
    page = site.outdir / "kinds/none.html"
    og = dict(properties(page))
    (data,) = [d for d in json_ld(page) if "headline" in d]
    assert og["og:image"] == f"{SITE}_static/logo.png"
    assert data["image"] == [f"{SITE}_static/logo.png"]
    assert _names(page)["twitter:card"] == "summary_large_image"
    # An article with its own image keeps it.
    assert dict(properties(site.outdir / "kinds/opinion.html"))["og:image"].endswith("opinion.jpg")


@pytest.mark.sphinx(
    "html",
    testroot="seo",
    freshenv=True,
    srcdir="seo-default-image",
    confoverrides={"newsroom_default_image": "_static/share.png"},
)
def test_newsroom_default_image_comes_before_the_logo(app, make_app) -> None:
    _without_image(app)
    site = make_app(
        "html",
        srcdir=app.srcdir,
        freshenv=True,
        confoverrides={"newsroom_default_image": "_static/share.png"},
    )
    site.build()
    page = site.outdir / "kinds/none.html"
    assert dict(properties(page))["og:image"] == f"{SITE}_static/share.png"
    (data,) = [d for d in json_ld(page) if "headline" in d]
    assert data["image"] == [f"{SITE}_static/share.png"]


@pytest.mark.sphinx(
    "html", testroot="seo", freshenv=True, confoverrides={"newsroom_publisher": {"name": "X"}}
)
def test_a_page_without_any_image_gets_a_small_card(app) -> None:
    app.build()
    assert _names(app.outdir / "about.html")["twitter:card"] == "summary"
    assert _names(app.outdir / "kinds/opinion.html")["twitter:card"] == "summary_large_image"
    # The missing logo is one warning, which counts the articles left without an image.
    (line,) = warning_lines(app)
    assert "[newsroom.config]" in line and "newsroom_publisher has no 'logo'" in line
    bare = sum(
        1
        for page in app.outdir.rglob("*.html")
        if "headline" in str(json_ld(page)) and "og:image" not in dict(properties(page))
    )
    assert bare > 0 and f"{bare} article(s) without an image of their own" in line


@pytest.mark.sphinx(
    "html",
    testroot="seo",
    freshenv=True,
    confoverrides={
        "newsroom_publisher": {"name": "X"},
        "newsroom_default_image": "/_static/photo.gif",
    },
)
def test_a_default_image_leaves_only_the_missing_logo_to_warn_about(app) -> None:
    app.build()
    (line,) = warning_lines(app)
    assert "newsroom_publisher has no 'logo'" in line and "article(s)" not in line
    app.build()  # a rebuild with nothing to read says it again: -W keeps failing
    assert len(warning_lines(app)) == 2


@pytest.mark.sphinx("html", testroot="builders", freshenv=True)
def test_json_ld_carries_dateline_corrections_and_word_count(app) -> None:
    app.build()
    page = app.outdir / "world/first.html"
    (data,) = [d for d in json_ld(page) if "headline" in d]
    assert data["dateline"] == "Baku"
    assert data["correction"] == [
        {
            "@type": "CorrectionComment",
            "datePublished": "2024-04-21T00:00:00+02:00",
            "text": "An earlier version named the wrong quay.",
        }
    ]
    # Its text only: "The first ferry of the season tied up at dawn." and the second
    # paragraph; not the headline, the byline or the correction.
    assert data["wordCount"] == 10 + 6
    # The byline's reading time, at newsroom_reading_speed (230 words a minute).
    assert soup(page).select_one(".newsroom-reading-time").get_text() == "1 min read"


def test_words_of_chinese_and_japanese_are_counted_by_character() -> None:
    from sphinx_newsroom.articles import count_words

    assert count_words("Ports reopen after the storm.") == 5
    assert count_words("港口在风暴后重新开放") == 10
    assert count_words("東京で 3 days") == 3 + 2
    assert count_words("") == 0


POLICIES = {
    "name": "SEO Courier Media",
    "logo": "/_static/logo.png",
    "ethics_policy": "about",
    "corrections_policy": "https://media.example.org/corrections",
    "feedback_policy": "https://media.example.org/contact",
    "masthead": "missing/page",
}


@pytest.mark.sphinx(
    "html", testroot="seo", freshenv=True, confoverrides={"newsroom_publisher": POLICIES}
)
def test_the_publishers_policies(app) -> None:
    app.build()
    # A document name that is no document: one warning, and no link.
    warnings = warning_lines(app)
    assert len(warnings) == 1 and "'masthead'" in warnings[0] and "missing/page" in warnings[0]
    (data,) = [d for d in json_ld(app.outdir / "kinds/opinion.html") if "headline" in d]
    organization = data["publisher"]
    assert organization["@type"] == "NewsMediaOrganization"
    assert organization["ethicsPolicy"] == f"{SITE}about.html"
    assert organization["correctionsPolicy"] == "https://media.example.org/corrections"
    assert organization["actionableFeedbackPolicy"] == "https://media.example.org/contact"
    assert "masthead" not in organization
    # The theme's footer links them; every article links the feedback policy.
    page = soup(app.outdir / "kinds/opinion.html")
    links = {a.get_text(): a["href"] for a in page.select(".newsroom-footer-policies a")}
    assert links == {
        "Ethics policy": "../about.html",
        "Corrections policy": "https://media.example.org/corrections",
        "Feedback policy": "https://media.example.org/contact",
    }
    report = page.select_one("article .newsroom-report-error a")
    assert report.get_text() == "Report an error"
    assert report["href"] == "https://media.example.org/contact"
    assert soup(app.outdir / "about.html").select_one(".newsroom-report-error") is None


def test_an_unknown_publisher_key_is_a_config_error(make_app, rootdir, tmp_path) -> None:
    from sphinx.errors import ConfigError

    with pytest.raises(ConfigError, match="ethics_policy"):
        make_app(
            "html",
            srcdir=rootdir / "test-seo",
            builddir=tmp_path,
            confoverrides={"newsroom_publisher": {"name": "X", "ethic_policy": "about"}},
        )


@pytest.mark.sphinx(
    "html",
    testroot="seo",
    freshenv=True,
    confoverrides={
        "newsroom_authors": {
            "jane-doe": {
                "name": "Jane Doe",
                "url": "https://social.example/@jane",
                "image": "_static/jane.png",
                "job_title": "Energy correspondent",
                "knows_about": ["Energy", "Oil markets"],
                "same_as": ["https://news.example.net/people/jane"],
            }
        }
    },
)
def test_an_authors_profile_is_in_the_person(app) -> None:
    app.build()
    (data,) = [d for d in json_ld(app.outdir / "kinds/opinion.html") if "headline" in d]
    (person,) = data["author"]
    assert person == {
        "@type": "Person",
        "name": "Jane Doe",
        "url": f"{SITE}authors/jane-doe/index.html",
        "sameAs": ["https://social.example/@jane", "https://news.example.net/people/jane"],
        "jobTitle": "Energy correspondent",
        "knowsAbout": ["Energy", "Oil markets"],
        "image": f"{SITE}_static/jane.png",
    }


@pytest.mark.sphinx("html", testroot="seo", freshenv=True)
def test_a_review_carries_the_work_and_its_rating(app) -> None:
    app.build()
    page = app.outdir / "kinds/review.html"
    (data,) = [d for d in json_ld(page) if "headline" in d]
    assert data["@type"] == "ReviewNewsArticle"
    assert data["itemReviewed"] == {
        "@type": "CreativeWork",
        "name": "The Salt Road (a novel by A. Writer)",
    }
    assert data["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 3.5,
        "bestRating": 5,
        "worstRating": 0,
    }
    rating = soup(page).select_one(".newsroom-byline .newsroom-rating")
    assert rating.select_one(".newsroom-rating-text").get_text() == "Rating: 3.5 out of 5"
    stars = rating.select_one(".newsroom-rating-stars")
    assert stars["aria-hidden"] == "true" and stars.get_text().count("★") == 4
    # Other articles have none.
    assert soup(app.outdir / "kinds/opinion.html").select_one(".newsroom-rating") is None


def test_ratings_are_read_as_written() -> None:
    from sphinx_newsroom.articles import parse_rating

    assert parse_rating("4/5") == (4.0, 5.0)
    assert parse_rating(" 3,5 / 10 ") == (3.5, 10.0)
    assert parse_rating("4") == (4.0, 5.0)
    assert parse_rating("6/5") is None
    assert parse_rating("four stars") is None
