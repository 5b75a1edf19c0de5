"""The post calendar: the month grid, its semantics on a built site, archives, week starts."""

from __future__ import annotations

import calendar as stdlib_calendar
import os
import time
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from hypothesis import given
from hypothesis import strategies as st

from sphinx_newsroom.articles import get_newsroom
from sphinx_newsroom.calendar import compute_calendar, month_grid, page_calendar, parse_month

from helpers import soup, warning_lines

WEEK = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]


def stdlib_grid(year: int, month: int, first_weekday: int) -> list[list[int | None]]:
    weeks = stdlib_calendar.Calendar(first_weekday).monthdayscalendar(year, month)
    return [[day or None for day in week] for week in weeks]


@given(
    year=st.integers(1900, 2100),
    month=st.integers(1, 12),
    first_weekday=st.sampled_from([stdlib_calendar.SUNDAY, stdlib_calendar.MONDAY]),
)
def test_month_grid_matches_the_standard_library(year: int, month: int, first_weekday: int):
    assert month_grid(year, month, first_weekday) == stdlib_grid(year, month, first_weekday)


def test_month_grid_every_month_and_week_start():
    for year in range(1900, 2101):
        for month in range(1, 13):
            for first_weekday in range(7):
                grid = month_grid(year, month, first_weekday)
                assert grid == stdlib_grid(year, month, first_weekday), (year, month)


def test_month_grid_leap_february():
    grid = month_grid(2024, 2, stdlib_calendar.MONDAY)
    assert max(day for week in grid for day in week if day) == 29
    assert grid[0][:3] == [None, None, None]  # 1 February 2024 was a Thursday
    assert max(d for w in month_grid(1900, 2, 0) for d in w if d) == 28  # not a leap year


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-04", (2024, 4)),
        (" 1999-12 ", (1999, 12)),
        ("2024-13", None),
        ("2024-4", None),
        ("April", None),
        ("", None),
        ("0000-01", None),
    ],
)
def test_parse_month(text: str, expected: tuple[int, int] | None):
    assert parse_month(text) == expected


# The built site ------------------------------------------------------------------------------


def sidebar_calendar(page: BeautifulSoup) -> Tag:
    block = page.select_one("aside.newsroom-sidebar .newsroom-sidebar-calendar .newsroom-calendar")
    assert block is not None, "the sidebar has no calendar"
    return block


def linked_days(calendar: Tag) -> dict[int, Tag]:
    return {int(a.get_text()): a for a in calendar.select("table td a")}


def month_links(calendar: Tag) -> dict[str, tuple[str, str]]:
    nav = calendar.select_one("nav")
    if nav is None:
        return {}
    assert nav.get("aria-label")
    links = {}
    for a in nav.select("a"):
        kind = "earlier" if "newsroom-calendar-earlier" in a["class"] else "later"
        links[kind] = (" ".join(a.get_text().replace("‹", "").replace("›", "").split()), a["href"])
    return links


def assert_no_dead_links(calendar: Tag) -> None:
    for a in calendar.select("a"):
        assert a.get("href") and a["href"] != "#" and not a["href"].startswith("#"), a


@pytest.mark.sphinx("html", testroot="calendar", freshenv=True)
def test_article_calendar_semantics(app):
    app.build()
    assert warning_lines(app) == []
    calendar = sidebar_calendar(soup(app.outdir / "news/talks.html"))
    table = calendar.select_one("table")
    assert table.caption.get_text(strip=True) == "April 2024"
    headers = table.select("thead th")
    assert [th.get("scope") for th in headers] == ["col"] * 7
    # en_US weeks start on Sunday; the full day name is there for screen readers.
    assert [th.abbr["title"] for th in headers] == WEEK
    assert [th.get_text(strip=True) for th in headers][:2] == ["Su", "Mo"]
    # 1 April 2024 was a Monday: the Sunday before is padding.
    first_row = table.select("tbody tr")[0].select("td")
    assert first_row[0].get_text(strip=True) == "" and first_row[1].get_text(strip=True) == "1"
    assert len(table.select("tbody tr")) == 5
    assert all(len(row.select("td")) == 7 for row in table.select("tbody tr"))
    # 22 April: 22:00 UTC on the 21st is 02:00 on the 22nd in Baku. 25: a draft.
    days = linked_days(calendar)
    assert sorted(days) == [20, 22]
    assert days[20]["href"] == "../archive/2024/04/20/index.html"
    assert days[20]["aria-label"] == "Articles published on April 20, 2024"
    assert days[22]["aria-label"] == "Articles published on April 22, 2024"
    assert days[20].get("aria-current") == "date"
    assert calendar.select("[aria-current]") == [days[20]]
    # March and May have no articles: the links skip to February and June.
    assert month_links(calendar) == {
        "earlier": ("February 2024", "../archive/2024/02/index.html"),
        "later": ("June 2024", "../archive/2024/06/index.html"),
    }
    assert_no_dead_links(calendar)


@pytest.mark.sphinx("html", testroot="calendar")
def test_calendar_edges_and_other_pages(app):
    app.build()
    # The oldest month: no earlier link at all, not even an empty one.
    feb = sidebar_calendar(soup(app.outdir / "news/feb.html"))
    assert month_links(feb) == {"later": ("April 2024", "../archive/2024/04/index.html")}
    assert len(feb.select("nav a")) == 1
    assert sorted(linked_days(feb)) == [10]
    # Pages that are not (listed) articles show the newest month with articles: June.
    for page in ("index.html", "months.html", "news/draft.html", "news/future.html"):
        calendar = sidebar_calendar(soup(app.outdir / page))
        assert calendar.caption.get_text(strip=True) == "June 2024", page
        assert calendar.select("[aria-current]") == [], page
        assert "later" not in month_links(calendar), page
        assert_no_dead_links(calendar)
    # No 2030 anywhere: the future article is not listed.
    assert "2030" not in str(sidebar_calendar(soup(app.outdir / "news/june.html")))


@pytest.mark.sphinx("html", testroot="calendar")
def test_post_calendar_directive(app):
    app.build()
    front = soup(app.outdir / "index.html").select("main .newsroom-calendar")
    assert len(front) == 1
    assert front[0].caption.get_text(strip=True) == "June 2024"
    assert month_links(front[0]) == {"earlier": ("April 2024", "archive/2024/04/index.html")}
    april, may = soup(app.outdir / "months.html").select("main .newsroom-calendar")
    assert april.caption.get_text(strip=True) == "April 2024"
    assert sorted(linked_days(april)) == [20, 22]
    assert april.select("[aria-current]") == []
    # An empty month is shown as asked, with links to the nearest months that have articles.
    assert may.caption.get_text(strip=True) == "May 2024"
    assert linked_days(may) == {}
    assert month_links(may) == {
        "earlier": ("April 2024", "archive/2024/04/index.html"),
        "later": ("June 2024", "archive/2024/06/index.html"),
    }
    for calendar in (april, may):
        assert_no_dead_links(calendar)


@pytest.mark.sphinx("html", testroot="calendar")
def test_calendar_on_archive_pages(app):
    app.build()
    newsroom = get_newsroom(app.env)
    day = page_calendar(newsroom, "archive/2024/04/22/index", 6)
    assert (day.year, day.month, day.current, day.days) == (2024, 4, 22, (20, 22))
    month = page_calendar(newsroom, "archive/2024/02/index", 6)
    assert (month.year, month.month, month.current, month.later) == (2024, 2, None, (2024, 4))
    paged = page_calendar(newsroom, "archive/2024/04/page/2/index", 6)
    assert (paged.year, paged.month) == (2024, 4)
    year = page_calendar(newsroom, "archive/2024/index", 6)
    assert (year.year, year.month) == (2024, 6)
    # What the sidebar of a day archive gets: its month, its day current, links from its folder.
    context: dict[str, Any] = {}
    compute_calendar(app.builder, "archive/2024/04/22/index", context)
    calendar = BeautifulSoup(str(context["newsroom_calendar_html"]), "html.parser")
    assert calendar.caption.get_text(strip=True) == "April 2024"
    # The day itself is marked but not linked: the page would link to itself. Links climb
    # to the root, as from every page of its depth.
    assert list(linked_days(calendar)) == [20]
    assert linked_days(calendar)[20]["href"] == "../../../../archive/2024/04/20/index.html"
    (current,) = calendar.select("[aria-current]")
    assert (current.name, current["aria-current"], current.get_text()) == ("td", "date", "22")
    assert_no_dead_links(calendar)
    # The generated archive pages carry it in their sidebar.
    generated = app.outdir / "archive/2024/04/22/index.html"
    if generated.exists():
        sidebar = sidebar_calendar(soup(generated))
        assert sidebar.caption.get_text(strip=True) == "April 2024"
        assert [td.get_text() for td in sidebar.select("[aria-current=date]")] == ["22"]
        assert_no_dead_links(sidebar)


@pytest.mark.sphinx("dirhtml", testroot="calendar", srcdir="calendar-dirhtml")
def test_calendar_links_with_dirhtml(app):
    app.build()
    calendar = sidebar_calendar(soup(app.outdir / "news/talks/index.html"))
    assert linked_days(calendar)[20]["href"] == "../../archive/2024/04/20/"
    assert month_links(calendar)["later"] == ("June 2024", "../../archive/2024/06/")


@pytest.mark.sphinx(
    "html", testroot="calendar", srcdir="calendar-de", confoverrides={"language": "de"}
)
def test_week_start_from_the_locale(app):
    app.build()
    calendar = sidebar_calendar(soup(app.outdir / "news/talks.html"))
    headers = calendar.select("thead th")
    assert [th.abbr["title"] for th in headers][:2] == ["Montag", "Dienstag"]
    assert headers[0].abbr.get_text() == "Mo."
    assert calendar.caption.get_text(strip=True) == "April 2024"
    first_row = calendar.select("tbody tr")[0].select("td")
    assert first_row[0].get_text(strip=True) == "1"  # 1 April 2024 was a Monday
    assert "20. April 2024" in linked_days(calendar)[20]["aria-label"]


@pytest.mark.sphinx(
    "html",
    testroot="calendar",
    srcdir="calendar-wednesday",
    confoverrides={"newsroom_week_start": "wednesday"},
)
def test_week_start_from_config(app):
    app.build()
    calendar = sidebar_calendar(soup(app.outdir / "news/talks.html"))
    titles = [th.abbr["title"] for th in calendar.select("thead th")]
    assert titles == [*WEEK[3:], *WEEK[:3]]
    first_row = calendar.select("tbody tr")[0].select("td")
    assert [td.get_text(strip=True) for td in first_row] == ["", "", "", "", "", "1", "2"]


@pytest.mark.sphinx("html", testroot="calendar-bad", freshenv=True)
def test_bad_month_is_one_warning(app):
    app.build()
    lines = warning_lines(app)
    assert len(lines) == 1
    assert "index.rst:9" in lines[0]
    assert "'2024-13'" in lines[0]
    assert "[newsroom.calendar]" in lines[0]
    # The build goes on: the directive shows its default month.
    calendars = soup(app.outdir / "index.html").select("main .newsroom-calendar")
    assert [c.caption.get_text(strip=True) for c in calendars] == ["March 2024"]


@pytest.mark.sphinx("text", testroot="calendar", srcdir="calendar-text")
def test_other_builders_leave_the_calendar_out(app):
    app.build()
    assert warning_lines(app) == []
    assert "June 2024" not in (app.outdir / "index.txt").read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="calendar", srcdir="calendar-incremental")
def test_redating_an_article_updates_other_calendars(app):
    app.build()
    talks = app.outdir / "news/talks.html"
    assert month_links(sidebar_calendar(soup(talks)))["later"][0] == "June 2024"
    source = app.srcdir / "news/june.rst"
    source.write_text(
        source.read_text(encoding="utf-8").replace("2024-06-05", "2024-05-05"), encoding="utf-8"
    )
    later = time.time() + 5
    os.utime(source, (later, later))
    app.build()
    # talks.rst did not change, yet its page shows the new nearest later month.
    assert month_links(sidebar_calendar(soup(talks)))["later"][0] == "May 2024"
    front = soup(app.outdir / "index.html").select("main .newsroom-calendar")
    assert front[0].caption.get_text(strip=True) == "May 2024"


@pytest.mark.sphinx("html", testroot="calendar", confoverrides={"newsroom_page_size": 1})
def test_list_pages_show_the_month_of_their_own_newest_article(app):
    # Not the site's newest month: a new article must not change every list page.
    app.build()
    newsroom = get_newsroom(app.env)

    def month(pagename: str) -> tuple[int, int]:
        calendar = page_calendar(newsroom, pagename, 6)
        return (calendar.year, calendar.month)

    assert month("tags/budget/index") == (2024, 6)  # June, the newest of the tag
    assert month("tags/budget/page/1/index") == (2024, 2)  # its older page: February
    assert month("sections/world/index") == (2024, 4)
    assert month("authors/sam-lee/page/1/index") == (2024, 2)
    # An older page of a year: the month of its own newest article, not the year's.
    assert month("archive/2024/index") == (2024, 6)
    assert month("archive/2024/page/1/index") == (2024, 2)
    # Pages that are not lists: the newest month.
    assert month("months") == (2024, 6)
    page = BeautifulSoup(
        (app.outdir / "tags" / "budget" / "page" / "1" / "index.html").read_text(), "html.parser"
    )
    assert page.select_one(".newsroom-sidebar caption").get_text(strip=True) == "February 2024"
