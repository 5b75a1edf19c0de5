"""Page names of the generated pages (the URLs of the contract, section 3).

Every generated page is named ``…/index`` so that the ``html`` builder writes
``authors/jane-doe/index.html`` and the ``dirhtml`` builder serves it as ``authors/jane-doe/``.
Link to them with ``builder.get_relative_uri(current_page, page_name)``.
"""

from __future__ import annotations

from datetime import date

#: The corrections log: every correction on the site, newest first.
CORRECTIONS_PAGE = "corrections/index"

#: The kinds of taxonomy page: URL folder of each.
TAXONOMIES = ("authors", "sections", "tags", "labels", "series")


def archive_page(year: int | None = None, month: int | None = None, day: int | None = None) -> str:
    """Return the page name of the archive index, a year, a month or a day."""
    parts = ["archive"]
    if year is not None:
        parts.append(f"{year:04d}")
        if month is not None:
            parts.append(f"{month:02d}")
            if day is not None:
                parts.append(f"{day:02d}")
    return "/".join([*parts, "index"])


def day_page(day: date) -> str:
    return archive_page(day.year, day.month, day.day)


def taxonomy_page(kind: str, slug: str | None = None) -> str:
    """Return the page name of an author/section/tag/label page, or of the kind's index."""
    assert kind in TAXONOMIES, kind
    return f"{kind}/{slug}/index" if slug else f"{kind}/index"


def paginated(page: str, number: int) -> str:
    """Return the page name of page *number* of a list whose first page is *page*.

    Number 0 is the list's first page (*page* itself); older pages are numbered from the
    oldest, ``…/page/1/`` holding the oldest articles (see :func:`older_page_count`).
    """
    if number <= 0:
        return page
    base = page.removesuffix("index").rstrip("/")
    return f"{base}/page/{number}/index" if base else f"page/{number}/index"


def older_page_count(count: int, size: int) -> int:
    """Return how many older pages a list of *count* articles has besides its first page.

    Pages are cut from the oldest article, *size* to a page, so that a page once written
    keeps its articles when new ones arrive (publishing rewrites the first page, not every
    page of the list).  The first page shows the newest cut and, while that cut is not full,
    the one before it: between *size* and ``2 * size - 1`` articles.
    """
    if size <= 0 or count <= size:
        return 0
    cuts = -(-count // size)
    newest = count - (cuts - 1) * size
    return cuts - 1 if newest == size else cuts - 2


def page_slice(count: int, size: int, number: int) -> slice:
    """Return the articles of page *number* (0: the first page) of a newest-first list."""
    older = older_page_count(count, size)
    if number <= 0:
        return slice(0, count - older * size)
    return slice(count - number * size, count - (number - 1) * size)


def url_path(page: str) -> str:
    """Return a page name in the contract's URL form: ``authors/jane-doe/``."""
    return page.removesuffix("index")
