"""Newsroom formats (contract section 9): featured stories, series and redirects."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import urljoin

import mf2py
import pytest
from incremental_site import build, outputs

from helpers import soup, warning_lines

SITE = "https://formats.example.org/"
SERIES = "series/the-long-drought/index.html"


def _copy(rootdir: Path, tmp_path: Path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-formats", src)
    return src


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _lists(page: Path) -> list[list[str]]:
    """Return the headlines of each article list in a page's main content."""
    return [
        [a.get_text() for a in item.select("a.p-name")]
        for item in soup(page).select("main .newsroom-article-list")
    ]


def _json_ld(page: Path) -> dict:
    (data,) = [
        json.loads(script.string)
        for script in soup(page).find_all("script", type="application/ld+json")
        if "headline" in script.string
    ]
    return data


def _series_line(page: Path) -> str:
    nav = soup(page).select_one(".newsroom-series-position")
    return " ".join(nav.get_text().split()) if nav else ""


# -- featured ------------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="formats", freshenv=True)
def test_the_lead_story_is_the_newest_featured_article(app) -> None:
    app.build()
    assert warning_lines(app) == []
    # "Rain at last" is newer, but not featured.
    assert _lists(app.outdir / "index.html")[0] == ["The new bridge opens to traffic"]


def test_without_a_featured_article_the_lead_is_the_newest(rootdir, tmp_path) -> None:
    src = _copy(rootdir, tmp_path)
    for name in ("harbour", "bridge"):
        _edit(src / "news" / f"{name}.rst", ":featured: yes", ":featured: no")
    assert build(src, tmp_path / "build") == ""
    assert _lists(tmp_path / "build" / "html" / "index.html")[0] == ["Rain at last"]


def test_a_featured_value_that_is_no_yes_or_no_is_one_warning(rootdir, tmp_path) -> None:
    src = _copy(rootdir, tmp_path)
    _edit(src / "news" / "harbour.rst", ":featured: yes", ":featured: perhaps")
    warnings = [line for line in build(src, tmp_path / "build").splitlines() if "WARNING" in line]
    assert len(warnings) == 1, warnings
    assert "harbour.rst:" in warnings[0] and ":featured: 'perhaps'" in warnings[0]
    assert "[newsroom.field]" in warnings[0]


# -- series --------------------------------------------------------------------------------


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_each_part_knows_its_place_in_the_series(make_app, rootdir, tmp_path, builder) -> None:
    app = make_app(builder, srcdir=_copy(rootdir, tmp_path), freshenv=True)
    app.build()
    assert warning_lines(app) == []

    def page(name: str) -> Path:
        uri = app.builder.get_target_uri(name)
        return app.outdir / (uri + "index.html" if uri.endswith("/") else uri)

    titles = ["The rivers run low", "Farmers count the cost", "What the cities must change"]
    for number in range(1, 4):
        path = page(f"drought/part-{number}")
        assert _series_line(path) == f"Part {number} of 3: The Long Drought"
        nav = soup(path).select_one(".newsroom-series")
        links = {li["class"][0]: li.a.get_text() for li in nav.select("li")}
        expected = {}
        if number > 1:
            expected["newsroom-series-previous"] = titles[number - 2]
        if number < 3:
            expected["newsroom-series-next"] = titles[number]
        assert links == expected
        # The series link and the part links lead to pages that exist.
        for a in nav.select("a"):
            target = urljoin(path.relative_to(app.outdir).as_posix(), a["href"])
            assert (app.outdir / target).is_file() or (app.outdir / target / "index.html").is_file()
        # JSON-LD: part of a CreativeWorkSeries, with the series page's URL.
        series_url = SITE + ("series/the-long-drought/" if builder == "dirhtml" else SERIES)
        assert _json_ld(path)["isPartOf"] == {
            "@type": "CreativeWorkSeries",
            "name": "The Long Drought",
            "url": series_url,
        }
    # The series page lists the parts oldest first, as an h-feed; the index names it.
    series_page = app.outdir / ("series/the-long-drought/index.html")
    parsed = mf2py.parse(doc=series_page.read_text(encoding="utf-8"), url=SITE)
    (feed,) = [item for item in parsed["items"] if "h-feed" in item["type"]]
    assert [e["properties"]["name"][0] for e in feed["children"]] == titles
    index = soup(app.outdir / "series" / "index.html")
    assert "The Long Drought" in index.select_one("main").get_text()
    # An article list of the series, in reading order.
    assert _lists(app.outdir / "index.html")[1] == titles
    # Articles that are no part of a series say nothing about one.
    assert _series_line(page("news/bridge")) == ""
    assert "isPartOf" not in _json_ld(page("news/bridge"))


def test_adding_and_removing_a_part_renumbers_every_part(rootdir, tmp_path) -> None:
    src = _copy(rootdir, tmp_path)
    inc, clean = tmp_path / "incremental", tmp_path / "clean"
    assert build(src, inc) == ""
    # A fourth part: every part now says "of 4", the series page lists four.
    (src / "drought" / "part-4.rst").write_text(
        (src / "drought" / "part-3.rst")
        .read_text(encoding="utf-8")
        .replace("What the cities must change", "Rain, and what comes after")
        .replace("2026-11-16", "2026-11-23")
        .replace("Part 3", "Part 4"),
        encoding="utf-8",
    )
    assert build(src, inc) == ""
    out = inc / "html"
    for number in range(1, 5):
        assert _series_line(out / f"drought/part-{number}.html").startswith(f"Part {number} of 4:")
    assert build(src, clean, fresh=True) == ""
    assert outputs(out) == outputs(clean / "html")
    # Part 2 leaves the series: the others close up.
    _edit(src / "drought" / "part-2.rst", ":series: The Long Drought\n", "")
    assert build(src, inc) == ""
    assert _series_line(out / "drought/part-2.html") == ""
    assert [_series_line(out / f"drought/part-{n}.html")[:11] for n in (1, 3, 4)] == [
        "Part 1 of 3",
        "Part 2 of 3",
        "Part 3 of 3",
    ]
    assert build(src, clean, fresh=True) == ""
    assert outputs(out) == outputs(clean / "html")
    # No series left: its pages are gone.
    for number in (1, 3, 4):
        _edit(src / "drought" / f"part-{number}.rst", ":series: The Long Drought\n", "")
    _edit(src / "index.rst", ":series: The Long Drought", ":section: Climate")
    assert build(src, inc) == ""
    assert not (out / "series").exists()
    assert build(src, clean, fresh=True) == ""
    assert outputs(out) == outputs(clean / "html")


# -- redirects -----------------------------------------------------------------------------


def _redirect(path: Path) -> tuple[str, str, str]:
    """Return a redirect page's refresh target, link and canonical URL (checked alike)."""
    page = soup(path)
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    refresh = page.find("meta", attrs={"http-equiv": "refresh"})["content"]
    match = re.fullmatch(r"0; url=(.+)", refresh)
    assert match is not None, refresh
    return (
        match.group(1),
        page.select_one("body a")["href"],
        page.find("link", rel="canonical")["href"],
    )


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_an_alias_is_a_redirect_page(make_app, rootdir, tmp_path, builder) -> None:
    app = make_app(builder, srcdir=_copy(rootdir, tmp_path), freshenv=True)
    app.build()
    assert warning_lines(app) == []
    suffix = ".html" if builder == "html" else "/index.html"
    target = "news/bridge" + (".html" if builder == "html" else "/")
    for alias in ("old/bridge-story", "older/bridge"):
        path = app.outdir / (alias + suffix)
        refresh, link, canonical = _redirect(path)
        assert refresh == link
        assert canonical == SITE + target
        # Followed like a link checker: the link leads to the article's page.
        followed = urljoin(path.relative_to(app.outdir).as_posix(), link)
        assert followed == target
        landing = app.outdir / (followed + ("index.html" if followed.endswith("/") else ""))
        assert (
            soup(landing).select_one("h1 .p-name").get_text() == "The new bridge opens to traffic"
        )
    # Redirect pages are no content: not in the sitemap.
    assert "bridge-story" not in (app.outdir / "sitemap.xml").read_text(encoding="utf-8")


def test_redirect_pages_follow_their_aliases(rootdir, tmp_path) -> None:
    src = _copy(rootdir, tmp_path)
    out = tmp_path / "build" / "html"
    assert build(src, tmp_path / "build") == ""
    assert (out / "old" / "bridge-story.html").is_file()
    # One alias removed, the other collides with a real page: a warning, and no page.
    _edit(src / "news" / "bridge.rst", "old/bridge-story, /older/bridge.rst", "about")
    warnings = [line for line in build(src, tmp_path / "build").splitlines() if "WARNING" in line]
    assert len(warnings) == 1 and "bridge.rst:" in warnings[0], warnings
    assert "the alias 'about' is already the page 'about'" in warnings[0]
    assert not (out / "old").exists() and not (out / "older").exists()
    assert soup(out / "about.html").select_one("h1").get_text().startswith("About")
    # Two articles claiming one alias: the first (by document name) gets it.
    _edit(src / "news" / "bridge.rst", ":aliases: about", ":aliases: old/story")
    _edit(src / "news" / "harbour.rst", ":featured: yes", ":featured: yes\n:aliases: old/story")
    warnings = [line for line in build(src, tmp_path / "build").splitlines() if "WARNING" in line]
    assert len(warnings) == 1 and "harbour.rst:" in warnings[0], warnings
    assert "an alias of 'news/bridge'" in warnings[0]
    assert _redirect(out / "old" / "story.html")[1] == "../news/bridge.html"
    # Bad aliases: not document names.
    _edit(src / "news" / "bridge.rst", ":aliases: old/story", ":aliases: ../up, https://x.org/a")
    warnings = [line for line in build(src, tmp_path / "build").splitlines() if "WARNING" in line]
    assert sum("is not a document name" in line for line in warnings) == 2, warnings
