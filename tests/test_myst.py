"""MyST Markdown articles: front matter, directives, and one site with rst articles."""

from __future__ import annotations

import feedparser
import pytest

from sphinx_newsroom.articles import get_newsroom

from helpers import soup, warning_lines, warnings


@pytest.mark.sphinx("html", testroot="myst", freshenv=True)
def test_markdown_front_matter_and_directives(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    assert warnings(app) == ""
    metadata = app.env.metadata["world/markdown"]
    assert metadata["section"] == "World"
    assert metadata["tags"] == "diplomacy, trade"
    article = get_newsroom(app.env).articles["world/markdown"]
    assert article.section == "World"
    assert article.tags == ("diplomacy", "trade")
    assert article.summary == "A Markdown article between two reStructuredText ones."
    assert article.label == "analysis"
    assert [author.name for author in article.authors] == ["Jane Doe", "Ali Rahimov"]
    assert len(article.corrections) == 1

    page = soup(app.outdir / "world" / "markdown.html")
    entry = page.select_one("article.h-entry")
    assert entry.select_one(".p-name").get_text().rstrip("¶") == "Talks reach a first deal"
    authors = entry.select(".p-author.h-card[rel=author]")
    assert [a.get_text() for a in authors] == ["Jane Doe", "Ali Rahimov"]
    assert authors[0]["href"] == "../authors/jane-doe/index.html"
    published = entry.select_one("time.dt-published")
    assert published["datetime"] == "2024-04-20T10:15:00+04:00"
    assert entry.select_one("time.dt-updated")["datetime"] == "2024-04-20T18:00:00+04:00"
    assert entry.select_one(".p-category").get_text() == "Analysis"
    assert "timetable" in entry.select_one(".e-content").get_text()
    assert "misspelt the venue" in entry.get_text()


@pytest.mark.sphinx("html", testroot="myst", freshenv=True)
def test_markdown_and_rst_in_one_chain_calendar_and_feed(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    assert warnings(app) == ""

    def neighbours(page: str) -> tuple[str | None, str | None]:
        nav = soup(app.outdir / "world" / page)
        prev, nxt = nav.select_one("a[rel=prev]"), nav.select_one("a[rel=next]")
        return (prev["href"] if prev else None, nxt["href"] if nxt else None)

    assert neighbours("older.html") == (None, "markdown.html")
    assert neighbours("markdown.html") == ("older.html", "newer.html")
    assert neighbours("newer.html") == ("markdown.html", None)

    front = soup(app.outdir / "index.html")
    listed = [a["href"] for a in front.select("main .newsroom-article-list a.p-name")]
    assert listed == ["world/newer.html", "world/markdown.html", "world/older.html"]
    calendar = front.select_one("main table")
    linked = {a.get_text(): a["href"] for a in calendar.select("tbody a")}
    assert linked == {
        "19": "archive/2024/04/19/index.html",
        "20": "archive/2024/04/20/index.html",
        "21": "archive/2024/04/21/index.html",
    }
    day = soup(app.outdir / "archive" / "2024" / "04" / "20" / "index.html")
    assert "Talks reach a first deal" in day.select_one("main").get_text()

    for name in ("atom.xml", "rss.xml"):
        feed = feedparser.parse((app.outdir / "feeds" / name).read_bytes())
        links = [entry.link for entry in feed.entries]
        assert links == [
            "https://mixed.example.org/world/newer.html",
            "https://mixed.example.org/world/markdown.html",
            "https://mixed.example.org/world/older.html",
        ], name
        markdown = feed.entries[1]
        assert markdown.title == "Talks reach a first deal"
        assert "between two reStructuredText ones" in markdown.summary


@pytest.mark.sphinx("html", testroot="myst-bad", freshenv=True)
def test_unknown_options_warn_in_markdown_and_rst(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    lines = warning_lines(app)
    expected = [
        ("unknown.md:7:", "byline directive has no option 'colour'"),
        ("unknown.md:12:", "label directive has no option 'size'"),
        ("unknown-rst.rst:9:", "label directive has no option 'size'"),
    ]
    for place, text in expected:
        matching = [line for line in lines if place in line and text in line]
        assert len(matching) == 1, (place, lines)
        assert matching[0].endswith("[newsroom.option]")
    assert len(lines) == len(expected), lines
    # The build goes on: both articles keep their byline and label.
    for page in ("unknown.html", "unknown-rst.html"):
        entry = soup(app.outdir / page).select_one("article.h-entry")
        assert entry.select_one(".p-author").get_text() == "Jane Doe"
        assert entry.select_one(".p-category") is not None


@pytest.mark.sphinx("html", testroot="myst-tags", freshenv=True)
def test_front_matter_tags_may_be_a_yaml_list(app) -> None:  # type: ignore[no-untyped-def]
    from sphinx_newsroom.articles import get_newsroom

    app.build()
    article = get_newsroom(app.env).articles["listed"]
    assert article.tags == ("music", "jazz, live")
    assert (app.outdir / "tags" / "music" / "index.html").exists()
