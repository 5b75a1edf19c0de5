"""Publishing is cheap (contract section 7): counts of pages rewritten, not times.

A 60-article site gets one new article, the newest, as a newsroom does all day.  Every page
the rebuild rewrites must be one that really shows the new article; everything else,
every older page of every list included, is left alone.  A rebuild with the clock a day
ahead and no change rewrites nothing.  The incremental output is compared with a clean build
every time.
"""

from __future__ import annotations

import os
import posixpath
import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from incremental_site import SPHINX_ALWAYS, Article, Site, build, mtimes, rewritten
from test_incremental import assert_same_output

from sphinx_newsroom import incremental
from sphinx_newsroom.list_pages import PAGINATION_WINDOW
from sphinx_newsroom.related import rankings
from sphinx_newsroom.urls import older_page_count

from helpers import soup

SECTIONS = ("World", "Business", "Science")
TAGS = ("shipping", "diplomacy", "oil", "borders", "climate", "markets")
PAGE_SIZE = 3
FIRST_DAY = datetime(2024, 1, 3, 9, 0)


def sixty_articles() -> Site:
    """Return 60 articles over about five months: three sections, six tags, two authors."""
    articles = {}
    for n in range(60):
        when = FIRST_DAY + timedelta(days=n * 5 // 2, hours=n % 5)
        articles[f"a{n:02d}"] = Article(
            f"Story number {n}",
            when.strftime("%Y-%m-%d %H:%M"),
            section=SECTIONS[n % 3],
            tags=(TAGS[n % 6], TAGS[(n * 7 + 2) % 6]) if n % 4 else (TAGS[n % 6],),
            label="opinion" if n % 9 == 4 else "",
            authors=("jane-doe",) if n % 2 else ("ali-rahimov",),
        )
    return Site(articles, config={"newsroom_page_size": PAGE_SIZE})


#: The newest of the sixty articles is dated 2024-05-29 13:00.
NEWEST_DAY = FIRST_DAY + timedelta(days=59 * 5 // 2)


def new_article(day: datetime) -> Article:
    """Return the article that is published: the newest, at 20:00 on *day*."""
    return Article(
        "A story that just broke",
        day.strftime("%Y-%m-%d 20:00"),
        section="Business",
        tags=("oil", "markets"),
        authors=("jane-doe",),
    )


def _links_to(outdir: Path, page: str, target: str) -> bool:
    """Return whether output page *page* links to output page *target* (both relative)."""
    html = (outdir / page).read_text(encoding="utf-8")
    return any(
        posixpath.normpath(posixpath.join(posixpath.dirname(page), href)) == target
        for href in re.findall(r'href="([^"#]+\.html)', html)
    )


def _month_shown(page: Path) -> str:
    caption = soup(page).select_one(".newsroom-sidebar .newsroom-calendar caption")
    return caption.get_text(" ", strip=True) if caption else ""


def _lists_entered(article: Article) -> list[str]:
    """Return the first pages of the generated lists *article* enters (contract 7)."""
    day = datetime.strptime(article.date, "%Y-%m-%d %H:%M")  # Baku: the same day here
    pages = [
        "archive/index",
        f"archive/{day:%Y}/index",
        f"archive/{day:%Y/%m}/index",
        f"archive/{day:%Y/%m/%d}/index",
        "sections/index",
        f"sections/{article.section.lower()}/index",
        "tags/index",
        *(f"tags/{tag}/index" for tag in article.tags),
        "authors/index",
        *(f"authors/{author}/index" for author in article.authors),
    ]
    if article.label:
        pages += ["labels/index", f"labels/{article.label}/index"]
    return pages


def _list_length(outdir: Path, first_page: str) -> int:
    """Return how many articles a generated list holds (its older pages plus its first)."""
    folder = outdir / first_page.removesuffix("index")
    numbers = [int(p.name) for p in (folder / "page").glob("*") if p.name.isdigit()]
    first = len(soup(outdir / f"{first_page}.html").select("main li.h-entry"))
    return first + PAGE_SIZE * max(numbers, default=0)


@pytest.mark.parametrize(
    ("parallel", "new_day"),
    [(1, False), (1, True), (2, False)],
    ids=["same-day", "first-of-its-day", "same-day-j2"],
)
def test_publishing_one_article_rewrites_only_what_shows_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parallel: int, new_day: bool
) -> None:
    # Most articles of a newsroom appear on a day that has some already; the first of a day
    # also changes the calendar of its month, on every page that shows that month.
    NEW = new_article(NEWEST_DAY + timedelta(days=1 if new_day else 0))
    src, inc, clean = tmp_path / "src", tmp_path / "inc", tmp_path / "clean"
    site = sixty_articles()
    site.write(src)
    build(src, inc, parallel=parallel)
    out = inc / "html"
    before = mtimes(out)

    published = Site({**site.articles, "new": NEW}, config=site.config)
    published.write(src)
    build(src, inc, parallel=parallel)
    written = rewritten(before, mtimes(out))
    build(src, clean, fresh=True)
    assert_same_output(out, clean / "html")

    # What contract section 7 names: the article; the pages that now link to it (its
    # neighbours in the prev/next chains, the first page of each list it enters, the front
    # and section pages' article lists, related lists); the index pages that count it; the
    # newest older pages of its lists (new page links); the pages whose calendar shows its
    # month; feeds, sitemaps and what the "Latest" blocks fetch.
    month = _month_shown(out / "articles" / "new.html")
    allowed = {"articles/new.html", *SPHINX_ALWAYS, "_static/newsroom-latest-data.js"}
    entered = _lists_entered(NEW)
    allowed |= {f"{page}.html" for page in entered}
    for page in entered:
        older = older_page_count(_list_length(out, page), PAGE_SIZE)
        base = page.removesuffix("index")
        allowed |= {
            f"{base}page/{n}/index.html" for n in range(older - PAGINATION_WINDOW, older + 1)
        }
    why: dict[str, str] = {}
    for name in sorted(written - allowed):
        if name.endswith(".xml") or name == "feeds/feed.json":
            why[name] = "feed or sitemap"
        elif _links_to(out, name, "articles/new.html"):
            why[name] = "links to it"
        elif month and _month_shown(out / name) == month:
            why[name] = f"calendar of {month}"
    unexplained = sorted(written - allowed - why.keys())
    assert unexplained == [], f"rewritten without showing the new article: {unexplained}"

    # It did reach every place that shows it.
    assert {"articles/new.html", "index.html"} <= written
    assert "tags/oil/index.html" in written and "sections/business/index.html" in written
    # Older pages of its lists keep their articles (pages are cut from the oldest).
    assert (out / "tags/oil/page/1/index.html").is_file()
    assert "tags/oil/page/1/index.html" not in written
    assert "archive/2024/page/1/index.html" not in written
    # And the site is not rewritten: a few pages, plus the calendar month when it changed.
    pages = [name for name in mtimes(out) if name.endswith(".html")]
    for_calendar = [name for name, reason in why.items() if reason.startswith("calendar")]
    if new_day:
        assert len(written - set(for_calendar)) <= 45, len(written)
    else:
        assert for_calendar == []
        assert len(written) <= 45 < len(pages) // 5, (len(written), len(pages))

    # The next day, nothing changed: nothing is rewritten (no embargo lifted).
    before = mtimes(out)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(os.environ["SOURCE_DATE_EPOCH"]) + 86_400))
    build(src, inc, parallel=parallel)
    assert rewritten(before, mtimes(out)) <= SPHINX_ALWAYS


def test_the_latest_blocks_archive_link_follows_a_page_of_the_site(tmp_path: Path) -> None:
    # A site that writes its own archive page: every "Latest" block links there instead,
    # after an incremental build as after a clean one.
    src, inc, clean = tmp_path / "src", tmp_path / "inc", tmp_path / "clean"
    site = Site({name: a for name, a in sixty_articles().articles.items() if name < "a06"})
    site.write(src)
    build(src, inc)
    page = "articles/a01.html"
    more = soup(inc / "html" / page).select_one(".newsroom-latest-more a")["href"]
    assert posixpath.normpath(posixpath.join("articles", more)) == "archive/index.html"
    (src / "archive.rst").write_text(":orphan:\n\nOur archive\n===========\n", encoding="utf-8")
    build(src, inc)
    build(src, clean, fresh=True)
    assert_same_output(inc / "html", clean / "html")
    more = soup(inc / "html" / page).select_one(".newsroom-latest-more a")["href"]
    assert posixpath.normpath(posixpath.join("articles", more)) == "archive.html"


def test_publishing_one_article_ranks_related_lists_afresh_only_for_it(tmp_path: Path) -> None:
    # Every article of the site has a related block, and a new article may enter any of
    # them.  Only the new article's own list is ranked from every candidate; the lists of
    # the articles that share a tag or the section with it are the last build's merged with
    # the new article; every other list is the last build's, rescored.  A re-tagged article
    # is ranked afresh, and so are at most the lists that had it among the first of its
    # kind of candidates (same tags shared, same section, same authors).  The pages are
    # those of a clean build each time.
    src, inc, clean = tmp_path / "src", tmp_path / "inc", tmp_path / "clean"
    site = sixty_articles()
    site.write(src)
    build(src, inc)
    seen: dict[str, set[str]] = {}

    def note(app: Any) -> None:
        ranker = rankings(app.env)
        seen.update(ranked=set(ranker.ranked), merged=set(ranker.merged))

    new = new_article(NEWEST_DAY)
    site = Site({**site.articles, "new": new}, config=site.config)
    site.write(src)
    build(src, inc, inspect=note)
    build(src, clean, fresh=True)
    assert_same_output(inc / "html", clean / "html")
    assert seen["ranked"] == {"articles/new"}
    sharing = {
        f"articles/{name}"
        for name, article in site.articles.items()
        if name != "new" and (article.section == new.section or set(article.tags) & set(new.tags))
    }
    assert seen["merged"] == sharing
    assert 0 < len(sharing) < len(site.articles) - 1

    site = site.edited("a31", tags=("climate",))
    site.write(src)
    build(src, inc, inspect=note)
    build(src, clean, fresh=True)
    assert_same_output(inc / "html", clean / "html")
    assert "articles/a31" in seen["ranked"] and len(seen["ranked"]) <= 10, seen["ranked"]
    assert len(seen["merged"]) > 20


def test_publishing_one_article_digests_only_the_documents_it_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Whether anything pages show changed is asked of the articles and related blocks of
    # the whole site on every build that read a document.  Each article's and each block's
    # digest is made once and kept with it in the environment: publishing digests the new
    # article and its related block, not the sixty loaded ones.  An edit is noticed by its
    # new digest, and the pages are those of a clean build each time.
    src, inc, clean = tmp_path / "src", tmp_path / "inc", tmp_path / "clean"
    site = sixty_articles()
    site.write(src)
    digested: list[tuple[str, str]] = []
    fields = incremental._fields

    def spy(value: Any) -> list[Any]:
        if isinstance(value, incremental.Fingerprinted):
            digested.append((type(value).__name__, value.docname))  # type: ignore[attr-defined]
        return fields(value)

    monkeypatch.setattr(incremental, "_fields", spy)
    build(src, inc)
    assert {docname for kind, docname in digested if kind == "ArticleInfo"} == {
        f"articles/{name}" for name in site.articles
    }

    digested.clear()
    site = Site({**site.articles, "new": new_article(NEWEST_DAY)}, config=site.config)
    site.write(src)
    build(src, inc)
    assert sorted(digested) == [
        ("ArticleInfo", "articles/new"),
        ("RelatedRequest", "articles/new"),
    ]
    build(src, clean, fresh=True)
    assert_same_output(inc / "html", clean / "html")

    # Only its headline changes: other articles' related lists show it.
    digested.clear()
    site = site.edited("a31", title="Story number 31, updated")
    site.write(src)
    build(src, inc)
    assert ("ArticleInfo", "articles/a31") in digested
    assert len(digested) <= 2, digested
    build(src, clean, fresh=True)
    assert_same_output(inc / "html", clean / "html")
