"""The ``related`` block: hand-picked entries, automatic relatedness, limits and warnings."""

from __future__ import annotations

import os
import pickle
import time
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import hypothesis
import pytest
from bs4 import BeautifulSoup, Tag
from hypothesis import HealthCheck, given
from hypothesis import strategies as st
from sphinx.errors import ConfigError

from sphinx_newsroom.articles import ArticleInfo, Author, Newsroom, get_newsroom
from sphinx_newsroom.config import DEFAULT_WEIGHTS, Settings, settings
from sphinx_newsroom.related import (
    RankingMemory,
    Rankings,
    RelatedRequest,
    _Scorer,
    ranked_candidates,
    relatedness,
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
    assert "is not a document, nor is 'nonexistent' from the source root" in text
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


def _retag_both(srcdir: Path) -> None:
    """Give world/both (two tags shared with world/main) one tag main does not carry."""
    source = srcdir / "world/both.rst"
    source.write_text(
        source.read_text(encoding="utf-8").replace("diplomacy, borders", "energy"),
        encoding="utf-8",
    )
    later = time.time() + 5
    os.utime(source, (later, later))


@pytest.mark.sphinx("html", testroot="related", srcdir="related-incremental")
def test_retagging_updates_other_related_lists(app):
    app.build()
    main = app.outdir / "world/main.html"
    assert "both.html" in related_hrefs(soup(main))
    _retag_both(app.srcdir)
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


# -- rankings brought up to date from the last build's ---------------------------------------

_NOW = datetime(2025, 1, 1, tzinfo=timezone.utc)
_MOMENTS = (
    datetime(2024, 4, 1, 9, 0, tzinfo=timezone.utc),
    datetime(2024, 4, 1, 9, 0, 30, tzinfo=timezone.utc),  # the same minute
    datetime(2024, 4, 3, 18, 0, tzinfo=timezone.utc),
    datetime(2024, 5, 20, 7, 0, tzinfo=timezone.utc),
    datetime(2030, 1, 1, tzinfo=timezone.utc),  # not yet published: unlisted
    None,  # no date that could be read: unlisted
)
_AUTHORS = (Author("Jane Doe", "jane-doe"), Author("Ali Rahimov", "ali-rahimov"), Author("S", "s"))
_ARTICLES: st.SearchStrategy[dict[str, Any]] = st.builds(
    dict,
    tags=st.lists(st.sampled_from(("oil", "ports", "talks", "climate", "Oil")), max_size=3),
    section=st.sampled_from(("", "World", "Business")),
    authors=st.lists(st.sampled_from(_AUTHORS), min_size=1, max_size=2, unique=True),
    published=st.sampled_from(_MOMENTS),
    status=st.sampled_from(("published", "published", "draft")),
)


def _some_fields(fields: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Return some of *fields*: what an edit changes."""
    return st.sets(st.sampled_from(sorted(fields)), min_size=1).map(
        lambda keys: {key: fields[key] for key in keys}
    )


_PLAIN = {
    "tags": [],
    "section": "World",
    "authors": [_AUTHORS[0]],
    "published": _MOMENTS[0],
    "status": "published",
}
_NAMES = st.sampled_from([f"s{n}" for n in range(14)])
#: A site, then the edits of each next build: one to three articles added or changed (a
#: few fields), or removed (None).
_SITE = st.dictionaries(_NAMES, _ARTICLES, min_size=1)
_EDITS = st.dictionaries(
    _NAMES, st.one_of(st.none(), _ARTICLES.flatmap(_some_fields)), min_size=1, max_size=3
)
#: Weights whose sums tie often (integers), besides the defaults.
_WEIGHTS = st.sampled_from(
    [
        DEFAULT_WEIGHTS,
        {"tag": 30, "section": 30, "author": 10},
        {"tag": 1, "section": 1, "author": 0},
    ]
)


def _newsroom(site: dict[str, dict[str, Any]], settings: Settings) -> Newsroom:
    articles = {
        name: ArticleInfo(
            docname=name,
            title=name,
            headline=name,
            authors=tuple(fields["authors"]),
            published=fields["published"],
            section=fields["section"],
            tags=tuple(fields["tags"]),
            status=fields["status"],
        )
        for name, fields in site.items()
    }
    return Newsroom(articles=articles, settings=settings, now=_NOW)


@given(
    terms=st.lists(st.floats(min_value=0.001, max_value=50), max_size=9),
    weights=_WEIGHTS,
    same_section=st.booleans(),
    authors=st.integers(0, 2),
)
def test_a_class_score_adds_its_tags_in_order_then_section_then_authors(
    terms: list[float], weights: dict[str, float], same_section: bool, authors: int
) -> None:
    """Each class's score is the same sum, to the last bit, however it is made (a table of
    sums for up to six tags, a loop beyond): two candidates of one class must tie."""
    scorer = _Scorer(tuple(terms), weights)
    kinds = [(mask, same_section, authors) for mask in range(2 ** len(terms))]
    scores = scorer.scores(kinds)
    for kind in kinds:
        expected: float = 0
        for bit, term in enumerate(terms):
            if kind[0] >> bit & 1:
                expected = expected + term
        if same_section:
            expected = expected + weights["section"]
        expected = expected + weights["author"] * authors
        assert scorer.score(kind) == expected, kind
        assert scores[kind] == round(expected, 9), kind


@pytest.mark.sphinx("html", testroot="related")
@hypothesis.settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    site=_SITE, builds=st.lists(_EDITS, min_size=1, max_size=4), weights=_WEIGHTS, data=st.data()
)
def test_rankings_brought_up_to_date_equal_rankings_made_afresh(
    app,
    site: dict[str, dict[str, Any]],
    builds: list[dict[str, dict[str, Any] | None]],
    weights: dict[str, float],
    data: st.DataObject,
) -> None:
    # Each build edits the site of the one before: articles added, removed, re-tagged,
    # re-dated, moved between sections, made drafts.  The rankings of one build are brought
    # up to date in the next (with a count of 1, 2, 4 or all), and must be exactly those made
    # afresh.  Not every ranking is asked for in every build.
    config = replace(settings(app.config), related_weights=weights)
    holder = SimpleNamespace(memory=None)
    for edits in [{}, *builds]:
        for name, fields in edits.items():
            if fields is None:
                site.pop(name, None)
            else:  # a new article is the plainest one, with these fields
                site[name] = {**site.get(name, _PLAIN), **fields}
        newsroom = _newsroom(site, config)
        if holder.memory is not None:  # kept in the pickled environment between builds
            holder.memory = _pickled(holder.memory)
        ranker = Rankings(newsroom, holder)  # type: ignore[arg-type]
        asked = data.draw(st.lists(st.sampled_from(sorted(site)), unique=True)) if site else []
        for name in asked:
            article = newsroom.articles[name]
            for count in data.draw(st.lists(st.sampled_from([1, 2, 4, None]), min_size=1)):
                expected = ranked_candidates(newsroom, article, weights, count)
                assert ranker.best(article, count) == expected, (name, count)


def _pickled(memory: RankingMemory) -> RankingMemory:
    """Return *memory* after a trip through pickle, checking that it comes back equal."""
    copy = pickle.loads(pickle.dumps(memory))
    assert copy.weights == memory.weights
    assert copy.features == memory.features
    assert copy.rankings == memory.rankings
    return copy


def _twelve_ranked(
    app: Any,
) -> tuple[dict[str, dict[str, Any]], SimpleNamespace, Newsroom, Rankings]:
    """Twelve articles that share tags and sections, each ranked (the best 3) in a build
    whose environment holds the memory."""
    site = {
        f"a{n}": {**_PLAIN, "tags": [f"t{n % 3}", f"t{n % 5}"], "section": f"S{n % 2}"}
        for n in range(12)
    }
    holder = SimpleNamespace(memory=None)
    newsroom = _newsroom(site, settings(app.config))
    ranker = Rankings(newsroom, holder)  # type: ignore[arg-type]
    for article in newsroom.articles.values():
        ranker.best(article, 3)
    return site, holder, newsroom, ranker


@pytest.mark.sphinx("html", testroot="related")
def test_the_ranking_memory_is_pickled_as_plain_tuples_and_unpacked_when_looked_at(
    app,
) -> None:
    _site, holder, newsroom, ranker = _twelve_ranked(app)
    data = pickle.dumps(holder.memory)
    # Articles are named by number, and no ranking class of ours is in the pickle.
    assert b"_Ranking" not in data and b"_Group" not in data and b"_Features" not in data
    copy = pickle.loads(data)
    assert copy._packed is not None  # not unpacked yet
    assert copy.rankings == holder.memory.rankings and copy._packed is None
    assert copy.features == holder.memory.features
    # A memory that cannot be read is an empty one: every ranking is made afresh.
    broken = pickle.loads(data)
    broken._packed = b"not a pickle"
    assert broken.rankings == {} and broken.features == {}
    holder.memory = broken
    ranker = Rankings(newsroom, holder)  # type: ignore[arg-type]
    article = newsroom.articles["a0"]
    assert ranker.best(article, 3) == ranked_candidates(newsroom, article, ranker.weights, 3)
    assert ranker.ranked == {"a0"}


@pytest.mark.sphinx("html", testroot="related")
def test_released_rankings_are_made_again_or_unpacked_when_asked_for(app) -> None:
    site, holder, newsroom, ranker = _twelve_ranked(app)
    # Not saved yet: releasing keeps the rankings, which exist nowhere else.
    ranker.release()
    assert len(ranker.memory.rankings) == 12
    saved = pickle.dumps(holder.memory)
    ranker.release()
    assert ranker.memory._rankings == {} and ranker.memory._features == {}
    assert pickle.dumps(holder.memory) == saved  # what the next build gets is unchanged
    # The next build, one article re-tagged: brought up to date from the last build's.
    site["a1"] = {**site["a1"], "tags": ["t0"]}
    newsroom = _newsroom(site, settings(app.config))
    holder.memory = pickle.loads(saved)
    ranker = Rankings(newsroom, holder)  # type: ignore[arg-type]
    a0 = newsroom.articles["a0"]
    assert ranker.best(a0, 3) == ranked_candidates(newsroom, a0, ranker.weights, 3)
    assert ranker.previous is not None and "a0" in ranker.merged
    pickle.dumps(holder.memory)  # the environment is saved
    ranker.release()
    assert ranker.previous is None and ranker.memory._rankings == {}
    for article in newsroom.articles.values():
        assert ranker.best(article, 3) == ranked_candidates(newsroom, article, ranker.weights, 3)


@pytest.mark.sphinx("html", testroot="related", srcdir="related-released", freshenv=True)
def test_the_rankings_are_let_go_once_saved_and_writing_does_not_ask_again(app) -> None:
    # Five megabytes at 1,000 articles: Sphinx saves the environment before it writes, and
    # every page's lists were resolved before that (digesting the pages, in a first build
    # into these folders), so writing needs no ranking.
    kept: dict[str, Any] = {}

    def look(app: Any, exception: BaseException | None) -> None:
        memory = app.env.get_domain("newsroom-related").memory
        kept.update(packed=memory._packed, unpacked=(memory._rankings, memory._features))

    app.connect("build-finished", look, priority=1)
    app.build()
    assert isinstance(kept["packed"], bytes) and kept["unpacked"] == ({}, {})
    assert related_hrefs(soup(app.outdir / "world/main.html")) == MAIN_RANKING
    saved = pickle.loads(pickle.dumps(app.env.get_domain("newsroom-related").memory))
    assert any(docname == "world/main" for docname, _count in saved.rankings)


@pytest.mark.sphinx("html", testroot="related", srcdir="related-reread", freshenv=True)
def test_a_build_that_reads_everything_again_saves_its_rankings(make_app, app) -> None:
    # -E with nothing changed digests no page (the output record is as it was), so the
    # lists would be ranked only while writing, after Sphinx saved the environment.
    app.build()
    again = make_app("html", srcdir=app.srcdir, freshenv=True)
    again.build()
    saved = pickle.loads((again.doctreedir / "environment.pickle").read_bytes())
    memory = saved.domaindata["newsroom-related"]["memory"]
    assert isinstance(memory, RankingMemory)
    assert "world/main" in {docname for docname, _count in memory.rankings}
    # So the next build, one article re-tagged, brings the rankings up to date: none is
    # made afresh (world/both has no related block).
    _retag_both(app.srcdir)
    made: dict[str, set[str]] = {}

    def look(app: Any, env: Any) -> list[str]:
        ranker = get_newsroom(env).memoised(Rankings, env.get_domain("newsroom-related"))
        made.update(ranked=set(ranker.ranked), merged=set(ranker.merged))
        return []

    after = make_app("html", srcdir=app.srcdir)
    after.connect("env-get-updated", look, priority=999)
    after.build()
    assert made["ranked"] == set() and "world/main" in made["merged"]
    assert related_hrefs(soup(after.outdir / "world/main.html"))[0] == "border-section.html"


@pytest.mark.sphinx("html", testroot="related")
def test_a_ranking_brought_up_to_date_follows_tag_rarity(app) -> None:
    # With tag and section weighing 1, a candidate sharing two tags each carried by 4 of 8
    # articles (rarity 1/2 each) ties with one sharing the section, and the closer in time
    # wins.  A ninth article that shares nothing with A makes those tags rarer: the two-tag
    # candidate now wins, though nothing A's ranking was made from changed but the count.
    weights = {"tag": 1, "section": 1, "author": 0}
    config = replace(settings(app.config), related_weights=weights)

    def article(day: int, tags: tuple[str, ...], section: str) -> dict[str, Any]:
        moment = datetime(2024, 4, day, 9, 0, tzinfo=timezone.utc)
        return {**_PLAIN, "tags": list(tags), "section": section, "published": moment}

    site = {
        "a": article(10, ("t1", "t2"), "S"),
        "both-tags": article(1, ("t1", "t2"), "X"),
        "section": article(11, (), "S"),
        "d": article(2, ("t1",), "X"),
        "e": article(3, ("t2",), "X"),
        "f": article(4, ("t1",), "Y"),
        "g": article(5, ("t2",), "Y"),
        "h": article(6, (), "Y"),
    }
    holder = SimpleNamespace(memory=None)
    first = _newsroom(site, config)
    ranker = Rankings(first, holder)  # type: ignore[arg-type]
    assert [a.docname for a in ranker.best(first.articles["a"], 1)] == ["section"]
    assert ranker.ranked == {"a"}
    site["z"] = article(7, (), "Y")
    second = _newsroom(site, config)
    ranker = Rankings(second, holder)  # type: ignore[arg-type]
    assert [a.docname for a in ranker.best(second.articles["a"], 1)] == ["both-tags"]
    # From the first of each class of candidates: none was ranked afresh, none merged.
    assert ranker.ranked == set() and ranker.merged == set()


# -- the ranking against the score of every pair ---------------------------------------------

#: Moments with exact ties: the order within a time goes by name.
_TIED_MOMENTS = (
    _MOMENTS[0],
    _MOMENTS[0],
    _MOMENTS[0],
    _MOMENTS[2],
    _MOMENTS[2],
    _MOMENTS[3],
    _MOMENTS[4],  # not yet published: unlisted
    None,  # no date: unlisted, and ranks its candidates newest first
)
_TIED_ARTICLES: st.SearchStrategy[dict[str, Any]] = st.builds(
    dict,
    tags=st.lists(st.sampled_from(("oil", "ports", "talks")), max_size=3),
    section=st.sampled_from(("", "World", "Business")),
    authors=st.lists(st.sampled_from(_AUTHORS), min_size=1, max_size=3, unique=True),
    published=st.sampled_from(_TIED_MOMENTS),
    status=st.just("published"),
)


@pytest.mark.sphinx("html", testroot="related")
@hypothesis.settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(site=st.dictionaries(_NAMES, _TIED_ARTICLES, min_size=1), weights=_WEIGHTS)
def test_the_ranking_is_the_order_of_every_pairs_score(
    app, site: dict[str, dict[str, Any]], weights: dict[str, float]
) -> None:
    """The ranking (classes of candidates as bits, the nearest bits first) gives the order
    that scoring every pair of articles gives: score, closeness in time, newer, name."""
    config = replace(settings(app.config), related_weights=weights)
    newsroom = _newsroom(site, config)
    rarity = tag_rarity(newsroom)

    def stamp(article: ArticleInfo) -> float:
        return article.published.timestamp() if article.published is not None else 0.0

    for article in newsroom.articles.values():
        scored = []
        for other in newsroom.chain:
            score = relatedness(article, other, rarity, weights)
            if other.docname == article.docname or score is None:
                continue
            near = abs(stamp(other) - stamp(article)) if article.published is not None else 0.0
            scored.append((-round(score, 9), near, -stamp(other), other.docname))
        expected = [name for *_key, name in sorted(scored)]
        for count in (1, 2, 4, None):
            ranked = ranked_candidates(newsroom, article, weights, count)
            assert [a.docname for a in ranked] == expected[:count], (article.docname, count)
