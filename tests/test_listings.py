"""The ``article-list`` directive: filters, limit, styles, escaping and incremental rebuilds."""

from __future__ import annotations

import os
import posixpath
import time
from collections import Counter

import mf2py
import pytest

from sphinx_newsroom import listings

from helpers import soup, warning_lines

#: Every listed article of the ``listings`` root, newest first (no draft, no future one).
LISTED = [
    "business/oil",
    "world/talks",
    "world/ports",
    "world/summit",
    "business/leap",
    "science/moon",
    "culture/hostile",
    "culture/review",
]
HOSTILE_TITLE = '<script>alert(1)</script> & "quoted" title'


def article_list(page, heading: str):  # type: ignore[no-untyped-def]
    """Return the article list of *page* whose heading is *heading*."""
    for block in page.select("div.newsroom-article-list"):
        title = block.select_one(".newsroom-article-list-heading")
        if title is not None and title.get_text() == heading:
            return block
    raise AssertionError(f"no article list headed {heading!r}")


def linked_docs(block) -> list[str]:  # type: ignore[no-untyped-def]
    """Return the documents a list links to, in order, from its ``p-name`` links."""
    return [a["href"].removesuffix(".html") for a in block.select("li.h-entry a.p-name")]


@pytest.fixture
def lists(app):  # type: ignore[no-untyped-def]
    app.build()
    return soup(app.outdir / "lists.html")


@pytest.mark.sphinx("html", testroot="listings")
def test_build_is_clean(app, lists) -> None:
    assert warning_lines(app) == []


@pytest.mark.sphinx("html", testroot="listings")
def test_all_lists_every_listed_article_newest_first(lists) -> None:
    block = article_list(lists, "All")
    assert linked_docs(block) == LISTED
    stamps = [t["datetime"] for t in block.select("time.dt-published")]
    assert stamps == sorted(stamps, reverse=True)
    text = block.get_text()
    assert "Unfinished draft" not in text
    assert "From the future" not in text


@pytest.mark.sphinx("html", testroot="listings")
def test_filters_combine_with_and(lists) -> None:
    assert linked_docs(article_list(lists, "World borders")) == ["world/talks", "world/ports"]
    # Jane wrote oil (analysis), talks (opinion), ports and hostile: only oil is both.
    assert linked_docs(article_list(lists, "Jane analysis")) == ["business/oil"]
    assert linked_docs(article_list(lists, "Jane by key")) == [
        "business/oil",
        "world/talks",
        "world/ports",
        "culture/hostile",
    ]
    # A plain-name author, matched by name; the draft's energy tag is never listed.
    assert linked_docs(article_list(lists, "Pat")) == ["business/oil", "business/leap"]
    assert linked_docs(article_list(lists, "Energy cards")) == ["business/oil", "business/leap"]


@pytest.mark.sphinx("html", testroot="listings")
def test_limit_and_titles_style(lists) -> None:
    block = article_list(lists, "Two newest")
    assert "newsroom-article-list-titles" in block["class"]
    assert linked_docs(block) == LISTED[:2]
    assert block.select(".p-summary") == []
    assert block.select("li h1, li h2, li h3, li h4") == []
    assert block.select("li time.dt-published")


@pytest.mark.sphinx("html", testroot="listings")
def test_summary_style_has_headed_items_with_summary_and_label(lists) -> None:
    block = article_list(lists, "All")
    # The list's heading is one level below its section's title (h1), items one more.
    assert block.select_one(".newsroom-article-list-heading").name == "h2"
    oil = block.select("li.h-entry")[0]
    assert oil.select_one("h3 a.p-name").get_text() == "Oil output holds steady"
    assert oil.select_one(".p-summary").get_text() == "Output held steady through April."
    assert oil.select_one(".p-category").get_text() == "Analysis"
    authors = [a.get_text() for a in oil.select("a.p-author.h-card")]
    assert authors == ["Jane Doe", "Ali Rahimov", "Pat O'Hara"]
    assert oil.select_one("a.p-author")["href"] == "authors/jane-doe/index.html"
    assert oil.select("img") == []  # images only on cards
    talks = block.select("li.h-entry")[1]
    # The label's title suffix is not repeated in lists: the badge says it.
    assert talks.select_one("a.p-name").get_text() == "Border talks move ahead"
    assert talks.select_one(".p-category").get_text() == "Opinion"
    assert talks.select_one("time")["datetime"] == "2024-04-20T10:15:00+04:00"


@pytest.mark.sphinx("html", testroot="listings")
def test_cards_show_the_article_image(app, lists) -> None:
    block = article_list(lists, "Energy cards")
    assert "newsroom-article-list-cards" in block["class"]
    images = [img["src"] for img in block.select("li.h-entry img.u-photo")]
    assert images == ["_static/oil.png", "_static/leap.png"]
    assert all((app.outdir / src).is_file() for src in images)


@pytest.mark.sphinx("html", testroot="listings")
def test_empty_list_and_untitled_list(lists) -> None:
    nothing = article_list(lists, "Nothing")
    assert nothing.select("li") == []
    assert nothing.select_one(".newsroom-article-list-empty").get_text()
    untitled = [
        block
        for block in lists.select("div.newsroom-article-list")
        if block.select_one(".newsroom-article-list-heading") is None
    ]
    assert len(untitled) == 1
    assert linked_docs(untitled[0]) == ["science/moon"]


@pytest.mark.sphinx("html", testroot="listings")
def test_heading_levels_follow_the_section(lists) -> None:
    pat = article_list(lists, "Pat")
    assert pat.select_one(".newsroom-article-list-heading").name == "h3"


@pytest.mark.sphinx("html", testroot="listings")
def test_hostile_title_tag_and_summary_are_escaped(lists) -> None:
    assert not [s for s in lists.find_all("script") if "alert" in s.get_text()]
    assert lists.find("b") is None
    block = article_list(lists, "Hostile")
    assert linked_docs(block) == ["culture/hostile"]
    item = block.select_one("li.h-entry")
    assert item.select_one("a.p-name").get_text() == HOSTILE_TITLE
    assert item.select_one(".p-summary").get_text() == 'A summary with <b>markup</b> & "quotes".'


@pytest.mark.sphinx("html", testroot="listings")
def test_items_are_h_entries(app, lists) -> None:
    html = (app.outdir / "lists.html").read_text(encoding="utf-8")
    parsed = mf2py.parse(doc=html, url="https://gazette.example.org/lists.html")
    # Each list is an h-feed (named by its heading) of h-entries.
    feeds = [item for item in parsed["items"] if "h-feed" in item["type"]]
    assert feeds and all(feed["properties"]["name"] for feed in feeds)
    assert not [item for item in parsed["items"] if "h-entry" in item["type"]]
    entries = [entry for feed in feeds for entry in feed.get("children", [])]
    assert all("h-entry" in entry["type"] for entry in entries)
    assert len(entries) >= len(LISTED)
    first = entries[0]["properties"]
    assert first["name"] == ["Oil output holds steady"]
    assert first["url"] == ["https://gazette.example.org/business/oil.html"]
    assert first["published"][0].startswith("2024-04-22")
    assert first["category"] == ["Analysis"]
    assert [a["properties"]["name"][0] for a in first["author"]] == [
        "Jane Doe",
        "Ali Rahimov",
        "Pat O'Hara",
    ]


@pytest.mark.sphinx("text", testroot="listings")
def test_other_builders_get_a_plain_list_of_titles(app) -> None:
    app.build()
    text = (app.outdir / "lists.txt").read_text(encoding="utf-8")
    assert "* Oil output holds steady" in text
    assert "* A leap-day budget" in text
    assert "Unfinished draft" not in text
    assert "<" + "div" not in text


@pytest.mark.sphinx("html", testroot="listings-conflicts", freshenv=True)
def test_bad_options_warn_and_the_list_still_renders(app) -> None:
    app.build()
    lines = [line for line in warning_lines(app) if "[newsroom.option]" in line]
    assert len(lines) == 3, lines
    assert all("bad.rst" in line for line in lines)
    joined = "\n".join(lines)
    assert "'fancy'" in joined
    assert "'-3'" in joined
    assert "'colour'" in joined
    page = soup(app.outdir / "bad.html")
    block = page.select_one("div.newsroom-article-list")
    assert "newsroom-article-list-summary" in block["class"]
    assert linked_docs(block) == ["world/a"]


@pytest.mark.sphinx("html", testroot="listings", srcdir="listings-incremental", freshenv=True)
def test_a_changed_article_rewrites_the_pages_listing_it(app) -> None:
    app.build()
    page = app.outdir / "lists.html"
    source = app.srcdir / "science" / "moon.rst"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("A new look at the moon", "Moon seen anew"), encoding="utf-8")
    later = time.time() + 5
    os.utime(source, (later, later))
    app.build()
    assert "Moon seen anew" in linked_titles(soup(page), "All")


def linked_titles(page, heading: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [a.get_text() for a in article_list(page, heading).select("a.p-name")]


@pytest.mark.sphinx("html", testroot="listings", srcdir="listings-serial", freshenv=True)
def test_parallel_build_gives_the_same_lists(app, make_app, tmp_path) -> None:
    app.build()
    parallel = make_app(
        "html", srcdir=app.srcdir, builddir=tmp_path / "parallel", parallel=2, freshenv=True
    )
    parallel.build()
    for page in ("lists.html", "tags/energy/index.html", "archive/2024/04/index.html"):
        serial_html = (app.outdir / page).read_text(encoding="utf-8")
        assert (parallel.outdir / page).read_text(encoding="utf-8") == serial_html, page


@pytest.mark.sphinx("html", testroot="listings", srcdir="listings-every-depth", freshenv=True)
def test_lists_at_every_depth_link_from_their_own_page(app, monkeypatch) -> None:
    """An article's item is rendered once in a style, for the lists of every page.

    ``digest``, ``world/digest`` and ``world/deep/digest`` show the same articles as cards
    (so do ``lists``, the tag pages and the archives, in their styles): no article is
    rendered twice in one style, and on every page its article, author and image links
    lead to the right file.
    """
    renders = []
    original = listings.render

    def counting(builder, template, **data):  # type: ignore[no-untyped-def]
        if template == listings._ITEM_TEMPLATE:
            nl = data["nl"]
            renders.append((data["item"]["docname"], nl["style"], nl["item_level"]))
        return original(builder, template, **data)

    monkeypatch.setattr(listings, "render", counting)
    pages = ("digest", "world/digest", "world/deep/digest")
    for page in pages:
        (app.srcdir / f"{page}.rst").parent.mkdir(exist_ok=True)
        (app.srcdir / f"{page}.rst").write_text(
            "Digest\n======\n\n.. article-list::\n   :title: All\n   :style: cards\n",
            encoding="utf-8",
        )
    app.build()
    assert [line for line in warning_lines(app) if "toctree" not in line] == []
    for page in pages:
        block = article_list(soup(app.outdir / f"{page}.html"), "All")
        assert _resolved(page, linked_docs(block)) == LISTED, page
        authors = _resolved(page, [a["href"] + ".html" for a in block.select("a.p-author")])
        assert authors, page
        assert all((app.outdir / author).is_file() for author in authors), (page, authors)
        images = _resolved(page, [img["src"] for img in block.select("img.u-photo")])
        assert images == ["_static/oil.png", "_static/leap.png"], page
    assert {docname for docname, style, _level in renders if style == "cards"} == set(LISTED)
    assert [key for key, count in Counter(renders).items() if count > 1] == []


@pytest.mark.sphinx(
    "html",
    testroot="listings",
    srcdir="listings-own-links",
    freshenv=True,
    confoverrides={"templates_path": ["_templates"]},
)
def test_an_item_template_that_changes_links_gets_each_pages_own(app) -> None:
    """A site's item template may transform a link before showing it (here ``|urlencode``):
    then each page renders its own items, with its own links."""
    override = app.srcdir / "_templates" / "newsroom" / "article-list-item.html"
    override.parent.mkdir(parents=True)
    override.write_text(
        '<li class="h-entry"><a class="p-name" href="{{ item.link|urlencode }}">'
        "{{ item.title }}</a></li>\n",
        encoding="utf-8",
    )
    for page in ("digest", "world/digest"):
        (app.srcdir / f"{page}.rst").write_text(
            "Digest\n======\n\n.. article-list::\n   :title: All\n", encoding="utf-8"
        )
    app.build()
    for page in ("digest", "world/digest"):
        block = article_list(soup(app.outdir / f"{page}.html"), "All")
        assert block.select("li.newsroom-article-list-item") == []  # the site's template
        assert _resolved(page, linked_docs(block)) == LISTED, page


def _resolved(page: str, hrefs: list[str]) -> list[str]:
    """Return where each link of *page* leads, from the output root (``.html`` dropped)."""
    folder = posixpath.dirname(page)
    return [
        posixpath.normpath(posixpath.join(folder, href)).removesuffix(".html") for href in hrefs
    ]
