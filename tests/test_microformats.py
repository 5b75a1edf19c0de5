"""An article page parsed as microformats2, as a reader such as an IndieWeb client would."""

from __future__ import annotations

import mf2py
import pytest

from helpers import soup


def _entry(path) -> dict:  # type: ignore[no-untyped-def]
    parsed = mf2py.parse(doc=path.read_text(encoding="utf-8"), url="https://news.example.org/")
    entries = [item for item in parsed["items"] if "h-entry" in item["type"]]
    assert len(entries) == 1
    return entries[0]


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_article_is_an_h_entry(app) -> None:
    app.build()
    entry = _entry(app.outdir / "world/talks.html")
    props = entry["properties"]
    # The headline as written: no label suffix, no Sphinx "¶" permalink.
    assert props["name"] == ["Border talks move ahead"]
    # mf2py normalises offsets to +HHMM.
    assert props["published"] == ["2024-04-20T10:15:00+0400"]
    assert props["updated"] == ["2024-04-21T08:00:00+0400"]
    # The label, then the tags (linked to their pages, after the text).
    assert props["category"] == ["Opinion", "diplomacy", "borders"]
    page = soup(app.outdir / "world/talks.html")
    assert [a["href"] for a in page.select("nav.newsroom-tags a[rel=tag]")] == [
        "../tags/diplomacy/index.html",
        "../tags/borders/index.html",
    ]
    # Its permalink and its unique id: the canonical URL.
    assert props["url"] == props["uid"] == ["https://news.example.org/world/talks.html"]
    assert props["summary"] == ["Talks on the border move ahead."]
    authors = props["author"]
    assert [a["properties"]["name"] for a in authors] == [["Jane Doe"], ["Ali Rahimov"]]
    assert [a["properties"]["url"] for a in authors] == [
        ["https://news.example.org/authors/jane-doe/index.html"],
        ["https://news.example.org/authors/ali-rahimov/index.html"],
    ]
    assert all("h-card" in a["type"] for a in authors)
    content = props["content"][0]
    assert "The talks went well." in content["value"]
    assert "Second paragraph." in content["value"]
    # The byline and the headline are not part of the content.
    assert "Jane Doe" not in content["value"]
    assert "OPINION" not in content["value"]


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_summary_defaults_to_the_first_paragraph(app) -> None:
    app.build()
    entry = _entry(app.outdir / "world/ports.html")
    assert entry["properties"]["summary"] == [
        "The ports reopened late on Friday, which is Saturday morning in Baku."
    ]
    assert "updated" not in entry["properties"]
    assert entry["properties"]["category"] == ["shipping", "borders"]  # no label: its tags


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_one_main_landmark_with_the_article_inside(app) -> None:
    app.build()
    for name in ("world/talks.html", "about.html", "index.html", "search.html", "genindex.html"):
        page = soup(app.outdir / name)
        mains = page.find_all("main") + page.select('[role="main"]')
        assert len(mains) == 1, name
        main = mains[0]
        for outside in ("header.newsroom-masthead", "footer.newsroom-footer", ".newsroom-sidebar"):
            element = page.select_one(outside)
            assert element is not None, (name, outside)
            assert main not in element.parents and element not in main.descendants
    talks = soup(app.outdir / "world/talks.html")
    assert talks.select_one("main article.h-entry") is not None


def _feeds(path) -> list[dict]:  # type: ignore[no-untyped-def]
    parsed = mf2py.parse(doc=path.read_text(encoding="utf-8"), url="https://news.example.org/")
    return [item for item in parsed["items"] if "h-feed" in item["type"]]


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_every_listing_page_is_an_h_feed(app) -> None:
    app.build()
    pages = {
        "tags/borders/index.html": "Tag: borders",
        "sections/world/index.html": "World",
        "authors/jane-doe/index.html": "Jane Doe",
        "archive/2024/04/index.html": "Archive: April 2024",
    }
    for page, name in pages.items():
        feeds = _feeds(app.outdir / page)
        assert feeds, f"{page} is no h-feed"
        for feed in feeds:
            entries = [child for child in feed.get("children", []) if "h-entry" in child["type"]]
            assert entries, f"{page}: an h-feed without entries"
            assert all(e["properties"]["name"] and e["properties"]["url"] for e in entries)
            assert len(feed["properties"]["name"]) == 1
        assert [feed["properties"]["name"] for feed in feeds] == [[name]]


@pytest.mark.sphinx("html", testroot="templates", freshenv=True)
def test_a_front_pages_article_list_is_an_h_feed(app) -> None:
    app.build()
    (feed,) = _feeds(app.outdir / "index.html")
    # Named by its heading (:title:), else by the page's title.
    assert feed["properties"]["name"] == ["Latest"]
    assert [c["type"] for c in feed["children"]] == [["h-entry"]] * len(feed["children"])


def _rels(path) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    return mf2py.parse(doc=path.read_text(encoding="utf-8"), url="https://news.example.org/")[
        "rels"
    ]


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_no_stray_author_or_next_links(app) -> None:
    # Sphinx links an "about" document as every page's rel="author", and the toctree's
    # next document as rel="next": neither is an author or the next article.
    app.build()
    talks = _rels(app.outdir / "world/talks.html")
    assert talks["author"] == [
        "https://news.example.org/authors/jane-doe/index.html",
        "https://news.example.org/authors/ali-rahimov/index.html",
    ]
    front = _rels(app.outdir / "index.html")
    assert "author" not in front and "next" not in front and "prev" not in front
    # The theme's footer still links the about page.
    footer = soup(app.outdir / "world/talks.html").find("footer")
    assert "about.html" in [a["href"].rsplit("/", 1)[-1] for a in footer.find_all("a")]
    # Between articles and between the pages of a list, prev/next stay.
    assert _rels(app.outdir / "world/ports.html").get("next")


@pytest.mark.sphinx(
    "html", testroot="basic", freshenv=True, confoverrides={"html_theme": "alabaster"}
)
def test_no_about_as_author_in_another_theme(app) -> None:
    app.build()
    rels = _rels(app.outdir / "world/talks.html")
    assert all("/authors/" in url for url in rels["author"])
    assert "https://news.example.org/about.html" not in rels.get("author", [])
