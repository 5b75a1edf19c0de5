"""The ``related`` block: hand-picked entries, automatic relatedness, limits and warnings."""

from __future__ import annotations

import os
import time

import pytest
from bs4 import BeautifulSoup, Tag
from sphinx.errors import ConfigError

from sphinx_newsroom.articles import Newsroom, get_newsroom
from sphinx_newsroom.config import DEFAULT_WEIGHTS
from sphinx_newsroom.related import (
    RelatedRequest,
    ranked_candidates,
    resolve_related,
    tag_rarity,
)

from helpers import soup, warning_lines

#: The automatic ranking of world/main (see the test root): the score, then closeness in
#: time, then newer, then the document name decide.
MAIN_RANKING = [
    "both.html",  # two shared tags (diplomacy 2 of 13 articles, borders 3 of 13)
    "border-section.html",  # the rarer borders tag and the section
    "twin-a.html",  # the common caspian tag (4 of 13) and the section; same minute as twin-b
    "twin-b.html",
    "section-author.html",  # the section and the author, no tag
    "../business/caspian-only.html",  # the common tag only
    "close-tie.html",  # the section only, one day after
    "late-tie.html",  # the section only, five days after: newer than early-tie
    "early-tie.html",
]

EXPLICIT_WARNINGS = [
    ("letters/explicit.rst:18", "'nonexistent'"),
    ("letters/explicit.rst:19", "'/index'"),
    ("letters/explicit.rst:20", "'../world/draft'"),
    ("letters/explicit.rst:22", "'explicit'"),
]


def related_block(page: BeautifulSoup) -> Tag | None:
    return page.select_one("aside.newsroom-related")


def related_hrefs(page: BeautifulSoup) -> list[str]:
    block = related_block(page)
    return [a["href"] for a in block.select("ul li a")] if block else []


def assert_only_explicit_warnings(app) -> None:  # type: ignore[no-untyped-def]
    lines = warning_lines(app)
    assert len(lines) == len(EXPLICIT_WARNINGS), lines
    for line, (where, entry) in zip(lines, EXPLICIT_WARNINGS, strict=True):
        assert where in line and entry in line and "[newsroom.related]" in line, line


@pytest.mark.sphinx("html", testroot="related", freshenv=True)
def test_automatic_ranking(app):
    app.build()
    assert_only_explicit_warnings(app)
    page = soup(app.outdir / "world/main.html")
    assert related_hrefs(page) == MAIN_RANKING
    block = related_block(page)
    heading = block.select_one("h2")
    assert heading.get_text() == "You might also like"
    assert block["aria-labelledby"] == heading["id"]
    assert "newsroom-aside" in block["class"]
    first = block.select_one("li")
    assert first.a.get_text() == "Both tags, other section"
    assert first.time["datetime"] == "2024-04-10T10:00:00+00:00"


@pytest.mark.sphinx("html", testroot="related")
def test_never_self_drafts_unlisted_or_twice(app):
    app.build()
    for page_path in app.outdir.glob("*/*.html"):
        hrefs = related_hrefs(soup(page_path))
        assert len(hrefs) == len(set(hrefs)), page_path
        for href in hrefs:
            assert href != page_path.name, page_path
            assert "draft" not in href and "future" not in href, page_path
    # Only the author in common does not qualify: a tag or the section is needed.
    assert "../business/author-only.html" not in related_hrefs(soup(app.outdir / "world/main.html"))


@pytest.mark.sphinx("html", testroot="related")
def test_explicit_entries_first_in_order(app):
    app.build()
    page = soup(app.outdir / "letters/explicit.html")
    # Relative and absolute names; the bad ones and the duplicate are skipped; :limit: 3.
    assert related_hrefs(page) == [
        "../business/caspian-only.html",
        "../world/section-author.html",
        "../world/twin-b.html",
    ]
    assert related_block(page).h2.get_text() == "Read more"
    # An explicit entry, then the automatic ones.
    mixed = soup(app.outdir / "letters/mixed.html")
    assert related_hrefs(mixed) == ["../business/author-only.html", "explicit.html"]


@pytest.mark.sphinx("html", testroot="related", freshenv=True)
def test_warnings_name_the_file_and_line(app):
    # Warnings come when a page is written: a fresh environment writes them all.
    app.build()
    assert_only_explicit_warnings(app)
    text = "\n".join(warning_lines(app))
    assert "is not a document" in text
    assert "is not an article" in text
    assert "draft" in text
    assert "itself" in text


@pytest.mark.sphinx("html", testroot="related")
def test_block_sits_outside_the_article_text(app):
    app.build()
    # In mixed.rst the directive is inside a subsection; it still ends up after e-content.
    for name in ("world/main.html", "letters/mixed.html"):
        block = related_block(soup(app.outdir / name))
        assert block.find_parent("article", class_="h-entry") is not None, name
        assert block.find_parent(class_="e-content") is None, name
        assert block.parent.name != "div" or "newsroom-aside" not in block.parent.get("class", [])


@pytest.mark.sphinx(
    "html",
    testroot="related",
    srcdir="related-limit",
    confoverrides={"newsroom_related_limit": 4},
)
def test_default_limit_from_config(app):
    app.build()
    assert related_hrefs(soup(app.outdir / "world/main.html")) == MAIN_RANKING[:4]


@pytest.mark.sphinx(
    "html",
    testroot="related",
    srcdir="related-weights",
    confoverrides={"newsroom_related_weights": {"author": 200}},
)
def test_weights_from_config(app):
    app.build()
    hrefs = related_hrefs(soup(app.outdir / "world/main.html"))
    # The only candidate by the same author (and in the section) now leads.
    assert hrefs[0] == "section-author.html"
    assert hrefs[1:] == [h for h in MAIN_RANKING if h != "section-author.html"]


@pytest.mark.sphinx("html", testroot="related")
def test_bad_weights_are_a_config_error(make_app, app_params):
    args, kwargs = app_params
    for weights in ({"tags": 80}, {"tag": "high"}):
        with pytest.raises(ConfigError, match="newsroom_related_weights"):
            make_app(*args, **{**kwargs, "confoverrides": {"newsroom_related_weights": weights}})


@pytest.mark.sphinx("html", testroot="related")
def test_ranking_is_deterministic_and_uses_tag_rarity(app):
    app.build()
    newsroom = get_newsroom(app.env)
    main = newsroom.articles["world/main"]
    shuffled = Newsroom(
        articles=dict(reversed(list(newsroom.articles.items()))),
        settings=newsroom.settings,
        now=newsroom.now,
    )
    first = [a.docname for a in ranked_candidates(newsroom, main, DEFAULT_WEIGHTS)]
    second = [a.docname for a in ranked_candidates(shuffled, main, DEFAULT_WEIGHTS)]
    assert first == second
    rarity = tag_rarity(newsroom)
    assert rarity["energy"] == pytest.approx(1.0)  # one article
    assert 0 < rarity["caspian"] < rarity["borders"] < rarity["diplomacy"] < 1
    request = RelatedRequest("world/main", limit=2)
    articles, problems = resolve_related(newsroom, request)
    assert [a.docname for a in articles] == ["world/both", "world/border-section"]
    assert problems == []


@pytest.mark.sphinx("text", testroot="related", srcdir="related-text")
def test_other_builders_get_a_plain_list(app):
    app.build()
    text = (app.outdir / "world/main.txt").read_text(encoding="utf-8")
    assert "You might also like" in text
    assert text.index("Both tags, other section") < text.index("Five days before")


@pytest.mark.sphinx("html", testroot="related", srcdir="related-incremental")
def test_retagging_updates_other_related_lists(app):
    app.build()
    main = app.outdir / "world/main.html"
    assert "both.html" in related_hrefs(soup(main))
    source = app.srcdir / "world/both.rst"
    source.write_text(
        source.read_text(encoding="utf-8").replace("diplomacy, borders", "energy"),
        encoding="utf-8",
    )
    later = time.time() + 5
    os.utime(source, (later, later))
    app.build()
    # main.rst did not change, yet its list no longer has the re-tagged article.
    assert "both.html" not in related_hrefs(soup(main))
    assert related_hrefs(soup(main))[0] == "border-section.html"


@pytest.mark.sphinx("html", testroot="related-myst", freshenv=True)
def test_markdown_articles(app):
    app.build()
    lines = warning_lines(app)
    assert len(lines) == 1, lines
    assert "second.md:17" in lines[0] and "'/nowhere'" in lines[0], lines[0]
    page = soup(app.outdir / "second.html")
    assert related_hrefs(page) == ["first.html"]
    assert related_block(page).h2.get_text() == "More on the border"
    calendar = page.select_one("main .newsroom-calendar")
    assert calendar.caption.get_text(strip=True) == "April 2024"
    assert [a.get_text() for a in calendar.select("td a")] == ["19", "20"]
    assert calendar.select_one("[aria-current=date]").get_text() == "20"
