"""Generated pages: date archives, author/section/tag/label pages, indexes and pagination."""

from __future__ import annotations

import os
import posixpath
import time
from pathlib import Path

import pytest

from sphinx_newsroom.list_pages import page_window
from sphinx_newsroom.urls import older_page_count, page_slice

from helpers import soup, warning_lines

#: The listed articles of the ``listings`` root and their day in Asia/Baku.
DAYS = {
    "business/oil": "2024/04/22",
    "world/talks": "2024/04/20",
    "world/ports": "2024/04/20",  # 2024-04-19T23:30Z is already Saturday in Baku
    "world/summit": "2024/03/05",
    "business/leap": "2024/02/29",
    "science/moon": "2024/01/10",
    "culture/hostile": "2023/12/31",
    "culture/review": "2023/06/15",
}
NEWEST_FIRST = list(DAYS)
GENERATED_ROOTS = ("archive", "authors", "sections", "tags", "labels")


def listed_docs(app, page: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Return the documents the article list of generated *page* links to, in order."""
    html = soup(app.outdir / page)
    return [resolve(app, page, a["href"]) for a in html.select("li.h-entry a.p-name")]


def resolve(app, page: str, href: str) -> str:  # type: ignore[no-untyped-def]
    """Return the page an *href* on *page* points at (``x`` for ``x/index``); it must exist."""
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page), href.split("#")[0]))
    path = f"{path}/index" if href.endswith("/") else path.removesuffix(".html")
    assert (app.outdir / f"{path}.html").is_file(), (page, href)
    return path.removesuffix("/index")


def generated_pages(outdir: Path) -> list[str]:
    return sorted(
        str(path.relative_to(outdir))
        for root in GENERATED_ROOTS
        for path in (outdir / root).rglob("index.html")
    )


@pytest.fixture
def built(app):  # type: ignore[no-untyped-def]
    app.build()
    return app


@pytest.mark.sphinx("html", testroot="listings")
def test_archive_pages_exist_exactly_for_periods_with_articles(built) -> None:
    days = set(DAYS.values())
    months = {day.rsplit("/", 1)[0] for day in days}
    years = {day.split("/")[0] for day in days}
    expected = {f"archive/{p}/index.html" for p in days | months | years} | {"archive/index.html"}
    found = {p for p in generated_pages(built.outdir) if p.startswith("archive/")}
    assert found == expected
    assert not (built.outdir / "archive/2024/04/19").exists()
    assert not (built.outdir / "archive/2024/04/21").exists()  # the draft's day
    assert not (built.outdir / "archive/2030").exists()  # the future article


@pytest.mark.sphinx("html", testroot="listings")
def test_each_archive_page_lists_exactly_its_articles(built) -> None:
    for depth in (1, 2, 3):
        periods = {"/".join(day.split("/")[:depth]) for day in DAYS.values()}
        for period in periods:
            expected = [
                doc for doc in NEWEST_FIRST if DAYS[doc].split("/")[:depth] == period.split("/")
            ]
            assert listed_docs(built, f"archive/{period}/index.html") == expected, period
    assert listed_docs(built, "archive/2024/04/20/index.html") == ["world/talks", "world/ports"]
    assert listed_docs(built, "archive/2024/02/29/index.html") == ["business/leap"]


@pytest.mark.sphinx("html", testroot="listings")
def test_archive_index_links_years_and_months_with_counts(built) -> None:
    page = soup(built.outdir / "archive/index.html")
    assert page.select_one("main h1").get_text() == "Archive"
    years = page.select("main ul.newsroom-index > li")
    assert [li.a.get_text() for li in years] == ["2024", "2023"]
    assert "6 articles" in years[0].select_one(".newsroom-index-count").get_text()
    months = [a.get_text() for a in years[0].find("ul").select("a")]
    assert months == ["April 2024", "March 2024", "February 2024", "January 2024"]
    for a in page.select("main ul.newsroom-index a"):
        resolve(built, "archive/index.html", a["href"])
    month = soup(built.outdir / "archive/2024/04/index.html")
    assert month.select_one("main h1").get_text() == "Archive: April 2024"
    days = month.select_one("nav.newsroom-listing-periods")
    assert days["aria-label"]
    assert [resolve(built, "archive/2024/04/index.html", a["href"]) for a in days.select("a")] == [
        "archive/2024/04/22",
        "archive/2024/04/20",
    ]


@pytest.mark.sphinx("html", testroot="listings")
def test_every_generated_page_has_one_h1_a_title_and_one_main(built) -> None:
    pages = generated_pages(built.outdir)
    assert len(pages) > 30
    for name in pages:
        page = soup(built.outdir / name)
        assert len(page.find_all("h1")) == 1, name
        assert len(page.find_all("main")) == 1, name
        assert page.title.get_text().strip(), name
        assert page.select_one("main h1").get_text() in page.title.get_text(), name
    assert warning_lines(built) == []


@pytest.mark.sphinx("html", testroot="listings", srcdir="listings-logged", freshenv=True)
def test_a_list_pages_items_are_named_not_spelled_out_in_sphinxs_log(app) -> None:
    # Sphinx writes a repr of each html-page-context's arguments to its debug log, on
    # every page: an item shows as its article's name and style, not as all it shows.
    logged: dict[str, str] = {}

    def log(app, pagename, templatename, context, doctree) -> None:  # type: ignore[no-untyped-def]
        logged[pagename] = repr(context.get("newsroom_listing"))

    app.connect("html-page-context", log, priority=1)
    app.build()
    day = logged["archive/2024/04/20/index"]
    assert "<ListItem 'world/talks' summary>" in day
    assert "<ListItem 'world/ports' summary>" in day
    assert "Talks on the border move ahead" not in day


@pytest.mark.sphinx("html", testroot="listings")
def test_author_pages(built) -> None:
    jane = soup(built.outdir / "authors/jane-doe/index.html")
    card = jane.select_one("main .h-card")
    assert card.select_one("h1.p-name").get_text() == "Jane Doe"
    assert card.select_one(".p-note").get_text() == "Diplomatic correspondent <b>& friend</b>."
    assert jane.select_one("main b") is None
    assert card.select_one("a.u-url")["href"] == "https://social.example/@jane"
    assert card.select_one("a.u-url").get_text() == "Profile"
    # Role, expertise and other profiles (rel="me"), from newsroom_authors.
    assert card.select_one(".p-job-title").get_text() == "Diplomatic correspondent"
    assert [c.get_text() for c in card.select(".newsroom-author-expertise .p-category")] == [
        "Diplomacy",
        "Borders",
    ]
    assert [a["href"] for a in card.select("a[rel=me]")] == [
        "https://social.example/@jane",
        "https://news.example.net/people/jane",
    ]
    photo = card.select_one("img.u-photo")["src"]
    assert (built.outdir / "authors/jane-doe" / photo).resolve().is_file()
    assert listed_docs(built, "authors/jane-doe/index.html") == [
        "business/oil",
        "world/talks",
        "world/ports",
        "culture/hostile",
    ]
    # A plain-name author gets a page too; the future article is not on Sam's.
    pat = soup(built.outdir / "authors/pat-o-hara/index.html")
    assert pat.select_one("main h1").get_text() == "Pat O'Hara"
    assert listed_docs(built, "authors/pat-o-hara/index.html") == ["business/oil", "business/leap"]
    assert listed_docs(built, "authors/sam-lee/index.html") == ["science/moon", "culture/review"]


@pytest.mark.sphinx("html", testroot="listings")
def test_authors_index(built) -> None:
    page = soup(built.outdir / "authors/index.html")
    assert page.select_one("main h1").get_text() == "Authors"
    entries = page.select("main ul.newsroom-index > li")
    names = [li.a.get_text() for li in entries]
    # Registry authors (even with no article yet) and authors of listed articles, by name;
    # the draft's author has a page (its byline links there) but is not in the index.
    assert names == ["Ali Rahimov", "Jane Doe", "Kim Park", "Pat O'Hara", "Sam Lee"]
    counts = [li.select_one(".newsroom-index-count").get_text() for li in entries]
    assert counts == ["3 articles", "4 articles", "0 articles", "2 articles", "2 articles"]
    for a in page.select("main ul.newsroom-index a"):
        resolve(built, "authors/index.html", a["href"])
    assert (built.outdir / "authors/drafty-mcdraft/index.html").is_file()
    assert listed_docs(built, "authors/drafty-mcdraft/index.html") == []
    kim = soup(built.outdir / "authors/kim-park/index.html")
    assert kim.select_one(".p-note").get_text() == "Joins us soon."


@pytest.mark.sphinx("html", testroot="listings")
def test_section_tag_and_label_pages_and_indexes(built) -> None:
    assert listed_docs(built, "sections/world/index.html") == [
        "world/talks",
        "world/ports",
        "world/summit",
    ]
    assert listed_docs(built, "tags/borders/index.html") == ["world/talks", "world/ports"]
    assert listed_docs(built, "tags/energy/index.html") == ["business/oil", "business/leap"]
    assert listed_docs(built, "labels/analysis/index.html") == ["business/oil", "world/summit"]
    assert soup(built.outdir / "labels/analysis/index.html").h1.get_text() == "Analysis"
    assert soup(built.outdir / "sections/world/index.html").h1.get_text() == "World"
    assert soup(built.outdir / "tags/borders/index.html").h1.get_text() == "Tag: borders"

    def index(kind: str) -> dict[str, str]:
        page = soup(built.outdir / f"{kind}/index.html")
        return {
            li.a.get_text(): li.select_one(".newsroom-index-count").get_text()
            for li in page.select("main ul.newsroom-index > li")
        }

    assert index("sections") == {
        "Business": "2 articles",
        "Culture": "2 articles",
        "Science": "1 article",
        "World": "3 articles",
    }
    assert index("labels") == {
        "Analysis": "2 articles",
        "Opinion": "1 article",
        "Review": "1 article",
    }
    tags = index("tags")
    assert set(tags) == {
        '<script>&"',
        "borders",
        "diplomacy",
        "energy",
        "film",
        "oil",
        "shipping",
        "space",
    }
    assert tags["energy"] == "2 articles"  # the draft's and the future article's are not counted
    for gone in ("tags/secret-draft-tag", "tags/future-only", "sections/futures"):
        assert not (built.outdir / gone).exists(), gone


@pytest.mark.sphinx("html", testroot="listings")
def test_hostile_tag_page_is_escaped(built) -> None:
    html = (built.outdir / "tags/script/index.html").read_text(encoding="utf-8")
    page = soup(built.outdir / "tags/script/index.html")
    assert page.select_one("main h1").get_text() == 'Tag: <script>&"'
    assert page.title.get_text().startswith('Tag: <script>&"')
    assert "<script>&" not in html
    assert not [s for s in page.find_all("script") if "alert" in s.get_text()]
    item = page.select_one("li.h-entry a.p-name")
    assert item.get_text() == '<script>alert(1)</script> & "quoted" title'


@pytest.mark.sphinx("html", testroot="listings", confoverrides={"newsroom_page_size": 2})
def test_pagination(built) -> None:
    # Six articles of 2024, two to a page, cut from the oldest: page 1 holds the oldest two,
    # so that a new article never moves an older page's articles.
    first, second, oldest = (
        "archive/2024/index.html",
        "archive/2024/page/2/index.html",
        "archive/2024/page/1/index.html",
    )
    assert not (built.outdir / "archive/2024/page/3").exists()
    assert listed_docs(built, first) == NEWEST_FIRST[:2]
    assert listed_docs(built, second) == NEWEST_FIRST[2:4]
    assert listed_docs(built, oldest) == NEWEST_FIRST[4:6]
    page = soup(built.outdir / second)
    nav = page.select_one("main nav.newsroom-pagination")
    assert nav["aria-label"]
    current = nav.select('a[aria-current="page"]')
    assert [a.get_text() for a in current] == ["2"]
    assert resolve(built, second, current[0]["href"]) == "archive/2024/page/2"
    assert resolve(built, second, nav.select_one("a[rel=prev]")["href"]) == "archive/2024"
    assert resolve(built, second, nav.select_one("a[rel=next]")["href"]) == "archive/2024/page/1"
    newest = nav.select_one(".newsroom-pagination-first a")
    assert resolve(built, second, newest["href"]) == "archive/2024"
    assert [a.get_text() for a in nav.select("li:not([class]) a")] == ["2", "1"]
    head_prev = page.select_one('head link[rel="prev"]')["href"]
    head_next = page.select_one('head link[rel="next"]')["href"]
    assert resolve(built, second, head_prev) == "archive/2024"
    assert resolve(built, second, head_next) == "archive/2024/page/1"
    assert "2" in page.title.get_text()
    assert len(page.find_all("h1")) == 1
    # An older page shows nothing that grows with the list: no total, no sub-periods.
    assert page.select_one(".newsroom-listing-count").get_text(strip=True) == "Page 2"
    start = soup(built.outdir / first)
    assert "6 articles" in start.select_one(".newsroom-listing-count").get_text()
    assert start.select_one("nav.newsroom-pagination a[rel=prev]") is None
    assert start.select_one('head link[rel="prev"]') is None
    assert resolve(built, first, start.select_one('head link[rel="next"]')["href"]) == (
        "archive/2024/page/2"
    )
    end = soup(built.outdir / oldest)
    assert end.select_one("nav.newsroom-pagination a[rel=next]") is None
    assert end.select_one('head link[rel="next"]') is None
    # A list that fits on one page has no page links.
    assert soup(built.outdir / "archive/2023/12/index.html").select("nav.newsroom-pagination") == []


def test_pages_are_cut_from_the_oldest_article() -> None:
    # (articles, page size) -> older pages; the first page holds size .. 2*size-1 articles.
    assert [older_page_count(n, 20) for n in (0, 1, 20, 21, 39, 40, 41, 59, 60, 61)] == [
        0, 0, 0, 0, 0, 1, 1, 1, 2, 2,
    ]  # fmt: skip
    for count in range(0, 130):
        older = older_page_count(count, 20)
        pages = [range(count)[page_slice(count, 20, n)] for n in range(older + 1)]
        # Every article on exactly one page, newest first; older pages exactly full.
        assert [i for page in pages[:1] + pages[:0:-1] for i in page] == list(range(count))
        assert all(len(page) == 20 for page in pages[1:])
        assert count <= 20 or 20 <= len(pages[0]) <= 39
        # One more article: every older page keeps its articles (counted from the oldest).
        later = count + 1
        for n in range(1, older + 1):
            kept = [later - 1 - i for i in range(later)[page_slice(later, 20, n)]]
            assert kept == [count - 1 - i for i in pages[n]]


@pytest.mark.sphinx("dirhtml", testroot="listings", confoverrides={"newsroom_page_size": 2})
def test_dirhtml_urls_resolve(built) -> None:
    pages = generated_pages(built.outdir)
    assert "archive/2024/04/20/index.html" in pages
    assert "archive/2024/page/2/index.html" in pages
    for name in pages:
        page = soup(built.outdir / name)
        links = [a["href"] for a in page.select("main a[href]")]
        links += [link["href"] for link in page.select("head link[rel=prev], head link[rel=next]")]
        for href in links:
            if "://" in href:
                continue
            assert not href.endswith(".html"), (name, href)
            resolve(built, name, href)
    day = soup(built.outdir / "archive/2024/04/20/index.html")
    hrefs = [a["href"] for a in day.select("li.h-entry a.p-name")]
    assert hrefs == ["../../../../world/talks/", "../../../../world/ports/"]


@pytest.mark.sphinx("html", testroot="listings-conflicts", freshenv=True)
def test_existing_pages_are_never_replaced(built) -> None:
    tags = soup(built.outdir / "tags/index.html")
    assert tags.select_one("main h1").get_text().startswith("Our own tag directory")
    assert not (built.outdir / "authors/jane-doe/index.html").exists()
    assert (built.outdir / "tags/alpha/index.html").is_file()
    lines = [line for line in warning_lines(built) if "[newsroom.page]" in line]
    assert len(lines) == 2, lines
    tag_line = next(line for line in lines if "'tags/index'" in line)
    assert "tags/index.rst" in tag_line
    author_line = next(line for line in lines if "'authors/jane-doe/index'" in line)
    assert "jane-doe.rst" in author_line
    # Links to the author go to the site's own page.
    authors = soup(built.outdir / "authors/index.html")
    assert authors.select_one("main ul.newsroom-index a")["href"] == "jane-doe.html"


@pytest.mark.sphinx("dirhtml", testroot="listings-conflicts", freshenv=True)
def test_existing_pages_are_never_replaced_with_dirhtml(built) -> None:
    jane = soup(built.outdir / "authors/jane-doe/index.html")
    assert jane.select_one("main h1").get_text().startswith("About Jane")
    assert "own page" in jane.get_text()
    tags = soup(built.outdir / "tags/index.html")
    assert tags.select_one("main h1").get_text().startswith("Our own tag directory")
    assert len([line for line in warning_lines(built) if "[newsroom.page]" in line]) == 2


def _touch_later(path: Path) -> None:
    later = time.time() + 5
    os.utime(path, (later, later))


@pytest.mark.sphinx("html", testroot="listings", srcdir="archives-incremental", freshenv=True)
def test_emptied_periods_and_unused_tags_lose_their_pages(built) -> None:
    assert (built.outdir / "archive/2024/02/29/index.html").is_file()
    assert (built.outdir / "tags/space/index.html").is_file()
    leap = built.srcdir / "business/leap.rst"
    leap.write_text(leap.read_text().replace("2024-02-29", "2024-02-28"), encoding="utf-8")
    moon = built.srcdir / "science/moon.rst"
    moon.write_text(moon.read_text().replace(":tags: space", ":tags: astronomy"), encoding="utf-8")
    _touch_later(leap)
    _touch_later(moon)
    built.build()
    assert not (built.outdir / "archive/2024/02/29").exists()
    assert listed_docs(built, "archive/2024/02/28/index.html") == ["business/leap"]
    assert not (built.outdir / "tags/space").exists()
    assert listed_docs(built, "tags/astronomy/index.html") == ["science/moon"]
    # Pages that still exist are kept.
    assert (built.outdir / "archive/2024/02/index.html").is_file()
    assert (built.outdir / "tags/index.html").is_file()


@pytest.mark.sphinx("dirhtml", testroot="listings", srcdir="archives-aside-later", freshenv=True)
def test_a_page_added_later_at_a_generated_url_is_kept(built) -> None:
    assert (built.outdir / "tags/space/index.html").is_file()
    own = built.srcdir / "tags" / "space.rst"
    own.parent.mkdir(exist_ok=True)
    own.write_text(":orphan:\n\nSpace, our own page\n===================\n\nHand-made.\n")
    built.build()
    page = soup(built.outdir / "tags/space/index.html")
    assert page.select_one("main h1").get_text().startswith("Space, our own page")
    lines = [line for line in warning_lines(built) if "[newsroom.page]" in line]
    assert len(lines) == 1 and "'tags/space/index'" in lines[0], lines


def test_page_window_elides_far_pages() -> None:
    # Newest first; the first page (0) links the newest pages and the oldest.
    assert page_window(0, 1) == [1]
    assert page_window(0, 10) == [10, 9, 8, 7, 6, None, 1]
    assert page_window(2, 3) == [3, 2, 1]
    # An older page links its neighbours and the oldest, never the newest page (which
    # moves on as articles arrive).
    assert page_window(1, 10) == [3, 2, 1]
    assert page_window(6, 10) == [8, 7, 6, 5, 4, None, 1]
    assert page_window(10, 10) == [10, 9, 8, None, 1]
