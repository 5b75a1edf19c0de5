"""Newsroom formats in MyST Markdown (contract sections 1 and 9): as in reStructuredText.

The ``formats-myst`` root is the ``formats`` root written in Markdown: the fields are YAML
front matter (``featured: yes`` and ``featured: true`` are YAML booleans; ``aliases`` is a
comma string, plain or quoted, and a YAML list in a test) and the front page's
``article-list`` directives are MyST directives with the ``:featured:`` and ``:series:``
options.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import mf2py
import pytest

from sphinx_newsroom.articles import get_newsroom

from helpers import (
    article_json_ld,
    article_lists,
    copy_root,
    edit,
    redirect_targets,
    series_line,
    soup,
    warning_lines,
)

SITE = "https://formats-myst.example.org/"
TITLES = ["The rivers run low", "Farmers count the cost", "What the cities must change"]


def _page(app, docname: str) -> Path:  # type: ignore[no-untyped-def]
    uri = app.builder.get_target_uri(docname)
    return app.outdir / (uri + "index.html" if uri.endswith("/") or not uri else uri)


# -- featured ------------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="formats-myst", freshenv=True)
def test_yaml_yes_and_true_make_a_featured_article(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    assert warning_lines(app) == []
    articles = get_newsroom(app.env).articles
    # `featured: yes` and `featured: true` are both the YAML boolean true.
    assert articles["news/bridge"].featured and articles["news/harbour"].featured
    assert not articles["news/weather"].featured
    # The ```{article-list} with :featured: and :limit: 1: "Rain at last" is newer, but
    # not featured.
    assert article_lists(app.outdir / "index.html")[0] == ["The new bridge opens to traffic"]


@pytest.mark.parametrize(
    ("edits", "lead"),
    [
        # The bridge no longer leads: the harbour (`featured: true`) does.
        ({"bridge": ("featured: yes", "featured: no")}, "The harbour reopens"),
        # No featured article left: the lead is the newest.
        (
            {
                "bridge": ("featured: yes", "featured: no"),
                "harbour": ("featured: true", "featured: false"),
            },
            "Rain at last",
        ),
    ],
    ids=["bridge-not-featured", "none-featured"],
)
def test_featured_no_and_false_are_not_featured(make_app, rootdir, tmp_path, edits, lead) -> None:  # type: ignore[no-untyped-def]
    src = copy_root(rootdir, "test-formats-myst", tmp_path)
    for name, (old, new) in edits.items():
        edit(src / "news" / f"{name}.md", old, new)
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert warning_lines(app) == []
    assert article_lists(app.outdir / "index.html")[0] == [lead]


def test_a_featured_value_that_is_no_yes_or_no_is_one_warning(make_app, rootdir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    src = copy_root(rootdir, "test-formats-myst", tmp_path)
    edit(src / "news" / "harbour.md", "featured: true", "featured: perhaps")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    warnings = warning_lines(app)
    assert len(warnings) == 1, warnings
    assert "harbour.md:" in warnings[0] and ":featured: 'perhaps'" in warnings[0]
    assert "[newsroom.field]" in warnings[0]
    assert not get_newsroom(app.env).articles["news/harbour"].featured


# -- series --------------------------------------------------------------------------------


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_each_markdown_part_knows_its_place(make_app, rootdir, tmp_path, builder) -> None:  # type: ignore[no-untyped-def]
    app = make_app(builder, srcdir=copy_root(rootdir, "test-formats-myst", tmp_path), freshenv=True)
    app.build()
    assert warning_lines(app) == []
    for number in range(1, 4):
        path = _page(app, f"drought/part-{number}")
        assert series_line(path) == f"Part {number} of 3: The Long Drought"
        nav = soup(path).select_one("article .newsroom-series")
        assert nav is not None
        links = {li["class"][0]: li.a.get_text() for li in nav.select("li")}
        expected = {}
        if number > 1:
            expected["newsroom-series-previous"] = TITLES[number - 2]
        if number < 3:
            expected["newsroom-series-next"] = TITLES[number]
        assert links == expected
        for a in nav.select("a"):
            target = urljoin(path.relative_to(app.outdir).as_posix(), a["href"])
            assert (app.outdir / target).is_file() or (app.outdir / target / "index.html").is_file()
        series_url = SITE + (
            "series/the-long-drought/"
            if builder == "dirhtml"
            else "series/the-long-drought/index.html"
        )
        assert article_json_ld(path)["isPartOf"] == {
            "@type": "CreativeWorkSeries",
            "name": "The Long Drought",
            "url": series_url,
        }
    series_page = app.outdir / "series" / "the-long-drought" / "index.html"
    parsed = mf2py.parse(doc=series_page.read_text(encoding="utf-8"), url=SITE)
    (feed,) = [item for item in parsed["items"] if "h-feed" in item["type"]]
    assert [e["properties"]["name"][0] for e in feed["children"]] == TITLES
    assert "The Long Drought" in soup(app.outdir / "series" / "index.html").select_one("main").text
    # The ```{article-list} with :series:, in reading order.
    assert article_lists(app.outdir / "index.html")[1] == TITLES
    assert series_line(_page(app, "news/bridge")) == ""
    assert "isPartOf" not in article_json_ld(_page(app, "news/bridge"))


# -- redirects -----------------------------------------------------------------------------


def _check_redirects(app, article: str, aliases: tuple[str, ...], headline: str) -> None:  # type: ignore[no-untyped-def]
    html = app.builder.name == "html"
    suffix = ".html" if html else "/index.html"
    target = article + (".html" if html else "/")
    for alias in aliases:
        path = app.outdir / (alias + suffix)
        assert path.is_file(), f"no redirect page for {alias}"
        refresh, link, canonical = redirect_targets(path)
        assert refresh == link
        assert canonical == SITE + target
        followed = urljoin(path.relative_to(app.outdir).as_posix(), link)
        assert followed == target
        landing = app.outdir / (followed + ("index.html" if followed.endswith("/") else ""))
        assert soup(landing).select_one("h1 .p-name").get_text() == headline
        # A redirect page is no content: not in the sitemap.
        assert alias not in (app.outdir / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_aliases_as_a_comma_string(make_app, rootdir, tmp_path, builder) -> None:  # type: ignore[no-untyped-def]
    app = make_app(builder, srcdir=copy_root(rootdir, "test-formats-myst", tmp_path), freshenv=True)
    app.build()
    assert warning_lines(app) == []
    articles = get_newsroom(app.env).articles
    # `aliases: old/harbour-story, /older/harbour.md`
    assert articles["news/harbour"].aliases == ("old/harbour-story", "older/harbour")
    _check_redirects(
        app, "news/harbour", ("old/harbour-story", "older/harbour"), "The harbour reopens"
    )
    # `aliases: "old/bridge-story, /older/bridge.md"` (a quoted YAML string)
    assert articles["news/bridge"].aliases == ("old/bridge-story", "older/bridge")
    _check_redirects(
        app, "news/bridge", ("old/bridge-story", "older/bridge"), "The new bridge opens to traffic"
    )


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_aliases_as_a_yaml_list(make_app, rootdir, tmp_path, builder) -> None:  # type: ignore[no-untyped-def]
    src = copy_root(rootdir, "test-formats-myst", tmp_path)
    edit(
        src / "news" / "bridge.md",
        'aliases: "old/bridge-story, /older/bridge.md"',
        "aliases: [old/bridge-story, /older/bridge.md]",
    )
    app = make_app(builder, srcdir=src, freshenv=True)
    app.build()
    assert warning_lines(app) == []
    assert get_newsroom(app.env).articles["news/bridge"].aliases == (
        "old/bridge-story",
        "older/bridge",
    )
    _check_redirects(
        app, "news/bridge", ("old/bridge-story", "older/bridge"), "The new bridge opens to traffic"
    )


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_live_coverage_in_markdown(make_app, rootdir, tmp_path, builder) -> None:  # type: ignore[no-untyped-def]
    src = copy_root(rootdir, "test-formats-myst", tmp_path)
    (src / "news" / "storm.md").write_text(
        "---\nsection: News\ncoverage: live\n---\n\n# Storm on the coast\n\n"
        "```{byline} Sam Lee\n:date: 2026-11-24 08:00\n```\n\n"
        "The storm is expected this morning.\n\n"
        "```{live-update} 2026-11-24 09:15\n:title: Ferries stay in port\n\n"
        "The harbour master kept every ferry in port.\n```\n\n"
        "```{live-update} 2026-11-24 11:40\nGusts of 110 km/h at the pier.\n```\n",
        encoding="utf-8",
    )
    app = make_app(builder, srcdir=src, freshenv=True)
    app.build()
    assert warning_lines(app) == []
    page = _page(app, "news/storm")
    parsed = soup(page)
    assert parsed.select_one("article .newsroom-live-badge") is not None
    assert [s["id"] for s in parsed.select("main .newsroom-live-update")] == [
        "update-2026-11-24-1140",
        "update-2026-11-24-0915",
    ]
    data = article_json_ld(page)
    assert data["@type"] == "LiveBlogPosting"
    assert [u["headline"] for u in data["liveBlogUpdate"]] == [
        "Storm on the coast",
        "Ferries stay in port",
    ]
    assert data["dateModified"].startswith("2026-11-24T11:40")
