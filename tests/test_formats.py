"""Newsroom formats (contract section 9): featured stories, series and redirects."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import mf2py
import pytest
from incremental_site import build, outputs
from test_builders import BUILDERS

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

SITE = "https://formats.example.org/"
SERIES = "series/the-long-drought/index.html"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


# -- featured ------------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="formats", freshenv=True)
def test_the_lead_story_is_the_newest_featured_article(app) -> None:
    app.build()
    assert warning_lines(app) == []
    # "Rain at last" is newer, but not featured.
    assert article_lists(app.outdir / "index.html")[0] == ["The new bridge opens to traffic"]


def test_without_a_featured_article_the_lead_is_the_newest(rootdir, tmp_path) -> None:
    src = copy_root(rootdir, "test-formats", tmp_path)
    for name in ("harbour", "bridge"):
        edit(src / "news" / f"{name}.rst", ":featured: yes", ":featured: no")
    assert build(src, tmp_path / "build") == ""
    assert article_lists(tmp_path / "build" / "html" / "index.html")[0] == ["Rain at last"]


def test_a_featured_value_that_is_no_yes_or_no_is_one_warning(rootdir, tmp_path) -> None:
    src = copy_root(rootdir, "test-formats", tmp_path)
    edit(src / "news" / "harbour.rst", ":featured: yes", ":featured: perhaps")
    warnings = [line for line in build(src, tmp_path / "build").splitlines() if "WARNING" in line]
    assert len(warnings) == 1, warnings
    assert "harbour.rst:" in warnings[0] and ":featured: 'perhaps'" in warnings[0]
    assert "[newsroom.field]" in warnings[0]


# -- series --------------------------------------------------------------------------------


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_each_part_knows_its_place_in_the_series(make_app, rootdir, tmp_path, builder) -> None:
    app = make_app(builder, srcdir=copy_root(rootdir, "test-formats", tmp_path), freshenv=True)
    app.build()
    assert warning_lines(app) == []

    def page(name: str) -> Path:
        uri = app.builder.get_target_uri(name)
        return app.outdir / (uri + "index.html" if uri.endswith("/") else uri)

    titles = ["The rivers run low", "Farmers count the cost", "What the cities must change"]
    for number in range(1, 4):
        path = page(f"drought/part-{number}")
        assert series_line(path) == f"Part {number} of 3: The Long Drought"
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
        assert article_json_ld(path)["isPartOf"] == {
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
    assert article_lists(app.outdir / "index.html")[1] == titles
    # Articles that are no part of a series say nothing about one.
    assert series_line(page("news/bridge")) == ""
    assert "isPartOf" not in article_json_ld(page("news/bridge"))


def test_adding_and_removing_a_part_renumbers_every_part(rootdir, tmp_path) -> None:
    src = copy_root(rootdir, "test-formats", tmp_path)
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
        assert series_line(out / f"drought/part-{number}.html").startswith(f"Part {number} of 4:")
    assert build(src, clean, fresh=True) == ""
    assert outputs(out) == outputs(clean / "html")
    # Part 2 leaves the series: the others close up.
    edit(src / "drought" / "part-2.rst", ":series: The Long Drought\n", "")
    assert build(src, inc) == ""
    assert series_line(out / "drought/part-2.html") == ""
    assert [series_line(out / f"drought/part-{n}.html")[:11] for n in (1, 3, 4)] == [
        "Part 1 of 3",
        "Part 2 of 3",
        "Part 3 of 3",
    ]
    assert build(src, clean, fresh=True) == ""
    assert outputs(out) == outputs(clean / "html")
    # No series left: its pages are gone.
    for number in (1, 3, 4):
        edit(src / "drought" / f"part-{number}.rst", ":series: The Long Drought\n", "")
    edit(src / "index.rst", ":series: The Long Drought", ":section: Climate")
    assert build(src, inc) == ""
    assert not (out / "series").exists()
    assert build(src, clean, fresh=True) == ""
    assert outputs(out) == outputs(clean / "html")


# -- redirects -----------------------------------------------------------------------------


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_an_alias_is_a_redirect_page(make_app, rootdir, tmp_path, builder) -> None:
    app = make_app(builder, srcdir=copy_root(rootdir, "test-formats", tmp_path), freshenv=True)
    app.build()
    assert warning_lines(app) == []
    suffix = ".html" if builder == "html" else "/index.html"
    target = "news/bridge" + (".html" if builder == "html" else "/")
    for alias in ("old/bridge-story", "older/bridge"):
        path = app.outdir / (alias + suffix)
        refresh, link, canonical = redirect_targets(path)
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
    # A link checker over the whole site, redirect pages included: no broken link.
    assert _broken_links(app.outdir) == []


def _broken_links(outdir: Path) -> list[str]:
    """Return every internal link (``href``, ``src``, refresh target) that leads nowhere."""
    broken = []
    for page in sorted(outdir.rglob("*.html")):
        parsed = soup(page)
        targets = [tag.get("href") for tag in parsed.find_all(["a", "link"])]
        targets += [tag.get("src") for tag in parsed.find_all(["img", "script"])]
        refresh = parsed.find("meta", attrs={"http-equiv": "refresh"})
        if refresh is not None:
            targets.append(refresh["content"].split("url=", 1)[1])
        here = page.relative_to(outdir).as_posix()
        for target in targets:
            if not target or "://" in target or target.startswith(("#", "mailto:", "data:")):
                continue
            path = urljoin(here, target.split("#", 1)[0].split("?", 1)[0]).lstrip("/")
            resolved = outdir / path
            if path.endswith("/") or not path:
                resolved = resolved / "index.html"
            if not resolved.is_file():
                broken.append(f"{here} -> {target}")
    return broken


def test_redirect_pages_follow_their_aliases(rootdir, tmp_path) -> None:
    src = copy_root(rootdir, "test-formats", tmp_path)
    out = tmp_path / "build" / "html"
    assert build(src, tmp_path / "build") == ""
    assert (out / "old" / "bridge-story.html").is_file()
    # One alias removed, the other collides with a real page: a warning, and no page.
    edit(src / "news" / "bridge.rst", "old/bridge-story, /older/bridge.rst", "about")
    warnings = [line for line in build(src, tmp_path / "build").splitlines() if "WARNING" in line]
    assert len(warnings) == 1 and "bridge.rst:" in warnings[0], warnings
    assert "the alias 'about' is already the page 'about'" in warnings[0]
    assert not (out / "old").exists() and not (out / "older").exists()
    assert soup(out / "about.html").select_one("h1").get_text().startswith("About")
    # Two articles claiming one alias: the first (by document name) gets it.
    edit(src / "news" / "bridge.rst", ":aliases: about", ":aliases: old/story")
    edit(src / "news" / "harbour.rst", ":featured: yes", ":featured: yes\n:aliases: old/story")
    warnings = [line for line in build(src, tmp_path / "build").splitlines() if "WARNING" in line]
    assert len(warnings) == 1 and "harbour.rst:" in warnings[0], warnings
    assert "an alias of 'news/bridge'" in warnings[0]
    assert redirect_targets(out / "old" / "story.html")[1] == "../news/bridge.html"
    # Bad aliases: not document names.
    edit(src / "news" / "bridge.rst", ":aliases: old/story", ":aliases: ../up, https://x.org/a")
    warnings = [line for line in build(src, tmp_path / "build").splitlines() if "WARNING" in line]
    assert sum("is not a document name" in line for line in warnings) == 2, warnings


# -- live coverage -------------------------------------------------------------------------

LIVE = "news/storm-live.html"


def _updates(page: Path) -> list[tuple[str, str, str]]:
    """Return each update of a live page: anchor, time (ISO) and title."""
    return [
        (
            section["id"],
            section.select_one("time")["datetime"],
            title.get_text() if (title := section.select_one("h2")) else "",
        )
        for section in soup(page).select("main .newsroom-live-update")
    ]


@pytest.mark.sphinx("html", testroot="formats", freshenv=True)
def test_a_live_page_shows_its_updates_newest_first(app) -> None:
    import extruct
    import feedparser

    app.build()
    assert warning_lines(app) == []
    page = app.outdir / LIVE
    assert _updates(page) == [
        ("update-2026-11-26-0700", "2026-11-26T07:00:00+00:00", "The clean-up begins"),
        ("update-2026-11-24-1140", "2026-11-24T11:40:00+00:00", ""),
        ("update-2026-11-24-0915", "2026-11-24T09:15:00+00:00", "Ferries stay in port"),
    ]
    parsed = soup(page)
    # Each time links its own anchor; the updates are inside the article's text.
    for section in parsed.select(".newsroom-live-update"):
        assert section.select_one("a")["href"] == "#" + section["id"]
        assert section.find_parent(class_="e-content") is not None
    assert parsed.select_one("article .newsroom-live-badge").get_text() == "Live"
    # JSON-LD as a crawler extracts it: a LiveBlogPosting with its updates.
    (data,) = [
        item
        for item in extruct.extract(
            page.read_text(encoding="utf-8"), base_url=SITE + LIVE, syntaxes=["json-ld"]
        )["json-ld"]
        if "headline" in item
    ]
    assert data["@type"] == "LiveBlogPosting"
    assert data["coverageStartTime"] == data["datePublished"] == "2026-11-24T08:00:00+00:00"
    assert "coverageEndTime" not in data
    assert data["dateModified"] == "2026-11-26T07:00:00+00:00"
    updates = data["liveBlogUpdate"]
    assert [u["datePublished"][:16] for u in updates] == [
        "2026-11-26T07:00",
        "2026-11-24T11:40",
        "2026-11-24T09:15",
    ]
    assert updates[1]["headline"] == "Storm on the coast: live"  # an update with no title
    assert updates[0]["articleBody"] == "Crews are clearing the seafront road."
    assert updates[0]["url"] == f"{SITE}{LIVE}#update-2026-11-26-0700"
    assert all(u["@type"] == "BlogPosting" for u in updates)
    # The newest update moves the feed entry's updated and the sitemap's lastmod...
    feed = feedparser.parse((app.outdir / "feeds" / "atom.xml").read_bytes())
    (entry,) = [e for e in feed.entries if e.link == SITE + LIVE]
    assert entry.updated == "2026-11-26T07:00:00+00:00"
    assert entry.published == "2026-11-24T08:00:00+00:00"
    sitemap = ET.parse(app.outdir / "sitemap.xml").getroot()
    (url,) = [url for url in sitemap if url.findtext(f"{SM}loc") == SITE + LIVE]
    assert url.findtext(f"{SM}lastmod") == "2026-11-26T07:00:00+00:00"
    # ... but the article keeps its place by its first publication.
    nav = parsed.select_one(".newsroom-prev-next")
    assert nav.select_one("a[rel=prev]")["href"] == "bridge.html"
    assert nav.select_one("a[rel=next]")["href"] == "weather.html"


def test_ended_coverage_and_a_new_update(rootdir, tmp_path) -> None:
    src = copy_root(rootdir, "test-formats", tmp_path)
    inc, clean = tmp_path / "incremental", tmp_path / "clean"
    assert build(src, inc) == ""
    live = src / "news" / "storm-live.rst"
    edit(live, ":coverage: live", ":coverage: ended")
    live.write_text(
        live.read_text(encoding="utf-8")
        + "\n.. live-update:: 2026-11-26 18:30\n   :title: Coverage ends\n\n"
        "   This page will no longer be updated.\n",
        encoding="utf-8",
    )
    assert build(src, inc) == ""
    page = inc / "html" / LIVE
    assert soup(page).select_one(".newsroom-live-badge") is None
    assert _updates(page)[0] == (
        "update-2026-11-26-1830",
        "2026-11-26T18:30:00+00:00",
        "Coverage ends",
    )
    data = article_json_ld(page)
    assert data["coverageEndTime"] == data["dateModified"] == "2026-11-26T18:30:00+00:00"
    assert build(src, clean, fresh=True) == ""
    assert outputs(inc / "html") == outputs(clean / "html")


def test_bad_live_coverage_is_one_warning_each(rootdir, tmp_path) -> None:
    src = copy_root(rootdir, "test-formats", tmp_path)
    live = src / "news" / "storm-live.rst"
    edit(live, ":coverage: live", ":coverage: livee")
    edit(live, ".. live-update:: 2026-11-24 11:40", ".. live-update:: 2026-11-31 11:40")
    edit(live, ".. live-update:: 2026-11-24 09:15", ".. live-update:: 2026-11-23 09:15")
    (src / "about.rst").write_text(
        "About\n=====\n\n.. live-update:: 2026-11-24 10:00\n\n   Not an article.\n",
        encoding="utf-8",
    )
    warnings = [line for line in build(src, tmp_path / "b").splitlines() if "WARNING" in line]
    assert len(warnings) == 4, warnings
    ours = [w for w in warnings if "storm-live.rst:" in w]
    (coverage,) = [w for w in ours if ":coverage: 'livee' is neither live nor ended" in w]
    assert "[newsroom.field]" in coverage
    (before,) = [w for w in ours if "before the article's own" in w]
    assert "[newsroom.date]" in before and "storm-live.rst:14:" in before
    (bad_time,) = [w for w in ours if "cannot read the live update's time" in w]
    assert "[newsroom.date]" in bad_time and "storm-live.rst:24:" in bad_time
    (elsewhere,) = [w for w in warnings if "about.rst:" in w]
    assert "a live update belongs to an article" in elsewhere
    # The unreadable one is still shown; with "livee" the article is a plain story.
    page = tmp_path / "b" / "html" / LIVE
    assert len(_updates_loose(page)) == 3
    assert article_json_ld(page)["@type"] == "NewsArticle"


def _updates_loose(page: Path) -> list[str]:
    return [section["id"] for section in soup(page).select("main .newsroom-live-update")]


@pytest.mark.parametrize("builder", BUILDERS)
def test_every_builder_takes_the_formats(make_app, rootdir, tmp_path, builder) -> None:
    app = make_app(builder, srcdir=copy_root(rootdir, "test-formats", tmp_path), freshenv=True)
    app.build()
    assert warning_lines(app) == []
    assert app.statuscode == 0
    if builder == "text":
        text = (app.outdir / "news" / "storm-live.txt").read_text(encoding="utf-8")
        # Outside HTML too, the updates are newest first, each led by its time and title.
        assert text.index("The clean-up begins") < text.index("Ferries stay in port")
        assert "November 26, 2026, 7:00" in text
