"""Every generated list page: date archives, author/section/tag/label pages and indexes.

The pages have no source files: they are planned from the collected :class:`ArticleInfo`
values and handed to Sphinx through ``html-collect-pages``.  A page the site already has at
one of their names wins; the generated page steps aside with a warning.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from babel.dates import format_skeleton
from jinja2 import TemplateNotFound
from markupsafe import escape
from sphinx.locale import get_translator
from sphinx.util import logging

from sphinx_newsroom.articles import ArticleInfo, Group, Newsroom, get_newsroom
from sphinx_newsroom.config import settings
from sphinx_newsroom.dates import local_day
from sphinx_newsroom.formatting import display_date, moment_data, site_locale
from sphinx_newsroom.incremental import (
    GeneratedPage,
    begun_pages,
    generated_pages_current,
    pages_to_write,
    start_pages,
    state_unchanged,
)
from sphinx_newsroom.listings import existing_document, get_listings, list_context, list_inputs
from sphinx_newsroom.locale import MESSAGE_CATALOG_NAME, _
from sphinx_newsroom.render import render
from sphinx_newsroom.siteurl import is_web_builder, page_link, resource_uri
from sphinx_newsroom.urls import (
    CORRECTIONS_PAGE,
    archive_page,
    older_page_count,
    page_slice,
    paginated,
    taxonomy_page,
)

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

#: A period of the archive: ``(year,)``, ``(year, month)`` or ``(year, month, day)``.
Period = tuple[int, ...]

#: Page numbers shown on each side of the current page before the list is elided.
PAGINATION_WINDOW = 2


@dataclass(frozen=True)
class Entry:
    """A link on an index page: an author, section, tag, label or period, with its count."""

    name: str
    page: str
    count: int
    children: tuple[Entry, ...] = ()


@dataclass(frozen=True)
class LoggedCorrection:
    """One correction of the corrections log: when, what, and the article it corrects."""

    when: datetime
    text: str
    article: ArticleInfo


@dataclass(frozen=True)
class Listing:
    """One generated list (possibly several pages): what it is and what it shows."""

    page: str
    kind: str
    heading: str
    articles: tuple[ArticleInfo, ...] = ()
    entries: tuple[Entry, ...] = ()
    #: Accessible name of the entries when they navigate (sub-periods); empty for an index.
    entries_nav: str = ""
    parent: tuple[str, str] | None = None
    profile: dict[str, Any] = field(default_factory=dict)
    has_list: bool = True
    corrections: tuple[LoggedCorrection, ...] = ()

    def older_pages(self, page_size: int) -> int:
        """Return how many pages the list has besides its first (``…/page/1/`` and on)."""
        return older_page_count(len(self.articles), page_size) if self.has_list else 0

    def numbers(self, page_size: int) -> range:
        """Return the numbers of the list's pages: 0, the first page, then 1 (the oldest) …"""
        return range(self.older_pages(page_size) + 1)

    def pages(self, page_size: int) -> list[str]:
        """Return the page names of every page of this list."""
        return [paginated(self.page, n) for n in self.numbers(page_size)]

    def page_articles(self, number: int, page_size: int) -> tuple[ArticleInfo, ...]:
        """Return the articles that page *number* shows, newest first."""
        return self.articles[page_slice(len(self.articles), page_size, number)]


def _count_text(count: int) -> str:
    translator = get_translator(MESSAGE_CATALOG_NAME)
    text = translator.ngettext("%(count)d article", "%(count)d articles", count)
    return text % {"count": count}


# -- the plan: every list the site gets, from plain data -----------------------------------

_PERIOD_KINDS = ("year", "month", "day")


def archive_periods(newsroom: Newsroom) -> dict[Period, list[ArticleInfo]]:
    """Return the listed articles (newest first) of each year, month and day that has any.

    Keys are ``(year,)``, ``(year, month)`` and ``(year, month, day)`` of each article's
    date in the newsroom's time zone.
    """
    periods: dict[Period, list[ArticleInfo]] = {}
    for article in newsroom.newest_first():
        assert article.published is not None
        day = local_day(article.published, newsroom.zone)
        for size in (1, 2, 3):
            periods.setdefault((day.year, day.month, day.day)[:size], []).append(article)
    return periods


def _period_name(key: Period, config: Config) -> str:
    """Return a period's name in the site's language: "2024", "April 2024", "April 20, 2024"."""
    day = date(*key, *(1,) * (3 - len(key)))
    if len(key) == 3:
        return display_date(day, config)
    return str(format_skeleton("y" if len(key) == 1 else "yMMMM", day, locale=site_locale(config)))


def archive_listings(newsroom: Newsroom, config: Config) -> list[Listing]:
    """Plan the archive index and a page for each year, month and day that has articles."""
    periods = archive_periods(newsroom)
    sub_periods = _sub_periods(periods)
    archive_heading = str(_("Archive"))
    names = {key: _period_name(key, config) for key in periods}
    names[()] = archive_heading

    def entry(key: Period, *, nested: bool = False) -> Entry:
        children = tuple(entry(k) for k in sub_periods.get(key, ())) if nested else ()
        return Entry(names[key], archive_page(*key), len(periods[key]), children)

    listings = [
        Listing(
            archive_page(),
            "archive",
            archive_heading,
            entries=tuple(entry(key, nested=True) for key in sub_periods.get((), ())),
            has_list=False,
        )
    ]
    for key in sorted(periods, reverse=True):
        listings.append(
            Listing(
                archive_page(*key),
                _PERIOD_KINDS[len(key) - 1],
                str(_("Archive: %(period)s")) % {"period": names[key]},
                articles=tuple(periods[key]),
                entries=tuple(entry(k) for k in sub_periods.get(key, ())),
                entries_nav=str(_("Months") if len(key) == 1 else _("Days")),
                parent=(archive_page(*key[:-1]), names[key[:-1]]),
            )
        )
    return listings


def _sub_periods(periods: Iterable[Period]) -> dict[Period, list[Period]]:
    """Map each period (and ``()``, the whole archive) to its sub-periods, newest first."""
    children: dict[Period, list[Period]] = {}
    for key in sorted(periods, reverse=True):
        children.setdefault(key[:-1], []).append(key)
    return children


def _grouped(newsroom: Newsroom, kind: str) -> dict[str, tuple[str, list[ArticleInfo]]]:
    """Return the listed articles of each section, tag or author: slug → (name, articles)."""
    groups: dict[str, Group] = newsroom.groups(kind)
    return {slug: (group.name, list(group.articles)) for slug, group in groups.items()}


def _taxonomy(
    kind: str,
    heading: str,
    groups: dict[str, tuple[str, list[ArticleInfo]]],
    page_heading: Callable[[str], str],
    profiles: dict[str, dict[str, Any]] | None = None,
) -> list[Listing]:
    """Plan one kind's index page and a page per entry, entries sorted by name."""
    order = sorted(groups, key=lambda slug: (groups[slug][0].casefold(), slug))
    index_page = taxonomy_page(kind)
    profiles = profiles or {}
    listings = [
        Listing(
            index_page,
            kind,
            heading,
            entries=tuple(
                Entry(groups[slug][0], taxonomy_page(kind, slug), len(groups[slug][1]))
                for slug in order
                if groups[slug][1] or slug in profiles
            ),
            has_list=False,
        )
    ]
    for slug in order:
        name, articles = groups[slug]
        listings.append(
            Listing(
                taxonomy_page(kind, slug),
                kind if kind == "series" else kind.removesuffix("s"),
                page_heading(name),
                articles=tuple(articles),
                parent=(index_page, heading),
                profile=profiles.get(slug, {}),
            )
        )
    return listings


def author_listings(newsroom: Newsroom, config: Config) -> list[Listing]:
    """Plan the authors' index and a page for every author (registry or byline)."""
    groups = _grouped(newsroom, "authors")
    names: dict[str, str] = {}
    for article in sorted(newsroom.articles.values(), key=lambda a: a.docname):
        for author in article.authors:
            names.setdefault(author.slug, author.name)
    # Authors of drafts get a page too, so that every byline link leads somewhere.
    for slug, name in names.items():
        groups[slug] = (name, groups.get(slug, ("", []))[1])
    profiles: dict[str, dict[str, Any]] = {}
    for key, entry in newsroom.settings.authors.items():
        groups[key] = (entry.name, groups.get(key, ("", []))[1])
        profiles[key] = {
            "bio": entry.bio,
            "image": entry.image,
            "url": entry.url,
            "job_title": entry.job_title,
            "knows_about": entry.knows_about,
            "same_as": entry.same_as,
        }
    return _taxonomy("authors", str(_("Authors")), groups, lambda name: name, profiles)


def _label_groups(newsroom: Newsroom, config: Config) -> dict[str, tuple[str, list[ArticleInfo]]]:
    """Group the listed articles by label: slug → (the label's badge text, articles)."""
    labels = settings(config).labels
    groups: dict[str, tuple[str, list[ArticleInfo]]] = {}
    for slug, group in newsroom.groups("labels").items():
        key = group.articles[0].label
        label = labels.get(key)
        groups[slug] = (str(label.text) if label else key, list(group.articles))
    return groups


def _series_groups(newsroom: Newsroom) -> dict[str, tuple[str, list[ArticleInfo]]]:
    """Group the listed articles by series: slug → (name, parts in reading order)."""
    return {
        slug: (group.name, list(reversed(group.articles)))
        for slug, group in newsroom.groups("series").items()
    }


def _series_listings(newsroom: Newsroom) -> list[Listing]:
    """Plan the series pages; a site with no series has no series index either."""
    groups = _series_groups(newsroom)
    return _taxonomy("series", str(_("Series")), groups, lambda name: name) if groups else []


def plan_listings(env: BuildEnvironment) -> list[Listing]:
    """Return every generated list of the site, before any steps aside (once per build)."""
    return get_newsroom(env).memo(_plan_listings, env.config)


def corrections_listing(newsroom: Newsroom) -> Listing:
    """Plan the corrections log: every correction of a listed article, newest first."""
    logged = [
        LoggedCorrection(when, text, article)
        for article in newsroom.chain
        for when, text in article.corrections
    ]
    logged.sort(key=lambda c: (c.when, c.article.docname), reverse=True)
    return Listing(
        CORRECTIONS_PAGE,
        "corrections",
        str(_("Corrections")),
        has_list=False,
        corrections=tuple(logged),
    )


def _plan_listings(newsroom: Newsroom, config: Config) -> list[Listing]:
    corrections = [corrections_listing(newsroom)] if newsroom.chain else []
    return [
        *corrections,
        *archive_listings(newsroom, config),
        *author_listings(newsroom, config),
        *_taxonomy(
            "sections",
            str(_("Sections")),
            _grouped(newsroom, "sections"),
            lambda name: name,
        ),
        *_taxonomy(
            "tags",
            str(_("Tags")),
            _grouped(newsroom, "tags"),
            lambda name: str(_("Tag: %(tag)s")) % {"tag": name},
        ),
        *_taxonomy("labels", str(_("Labels")), _label_groups(newsroom, config), lambda name: name),
        *_series_listings(newsroom),
    ]


def split_listings(
    listings: list[Listing], found_docs: Set[str], page_size: int
) -> tuple[list[Listing], list[tuple[Listing, str, str]]]:
    """Return the listings that are generated, and those that step aside (page, document)."""
    kept: list[Listing] = []
    aside: list[tuple[Listing, str, str]] = []
    for listing in listings:
        for page in listing.pages(page_size):
            docname = existing_document(page, found_docs)
            if docname is not None:
                aside.append((listing, page, docname))
                break
        else:
            kept.append(listing)
    return kept, aside


# -- rendering ----------------------------------------------------------------------------


def _link_target(page: str, found_docs: Set[str]) -> str:
    """Return what a link to a generated page should point at (the site's own page wins)."""
    return existing_document(page, found_docs) or page


#: How a listing page links to another page (by name): its relative URL, or for digests
#: the name itself (the link follows from it).
Linker = Callable[[str], str]


def _entry_data(link: Linker, found_docs: Set[str], entry: Entry) -> dict[str, Any]:
    return {
        "name": entry.name,
        "link": link(_link_target(entry.page, found_docs)),
        "count": entry.count,
        "count_text": _count_text(entry.count),
        "children": [_entry_data(link, found_docs, child) for child in entry.children],
    }


def page_window(current: int, older: int) -> list[int | None]:
    """Return the page numbers to link from page *current*, newest first, ``None`` for gaps.

    Pages count from the oldest (1) to *older*, the newest page after the list's first.
    The first page links the newest few and the oldest; an older page its neighbours and the
    oldest, but not the newest (which changes as articles arrive, and would rewrite it).
    """
    if current <= 0:
        shown = {1, *range(older - 2 * PAGINATION_WINDOW, older + 1)}
    else:
        shown = {1, *range(current - PAGINATION_WINDOW, current + PAGINATION_WINDOW + 1)}
    numbers: list[int | None] = []
    for number in range(older, 0, -1):
        if number in shown:
            numbers.append(number)
        elif numbers and numbers[-1] is not None:
            numbers.append(None)
    if numbers and numbers[0] is None:
        numbers.pop(0)
    return numbers


def _page_title(listing: Listing, number: int) -> str:
    if number <= 0:
        return listing.heading
    return str(_("%(title)s, page %(number)d")) % {"title": listing.heading, "number": number}


def _pagination(
    page_link: Linker, listing: Listing, number: int, older: int
) -> dict[str, Any] | None:
    if older <= 0:
        return None

    def link(n: int) -> str:
        return page_link(paginated(listing.page, n))

    pages = [
        None
        if n is None
        else {
            "number": n,
            "link": link(n),
            "current": n == number,
            "label": str(_("Page %(number)d")) % {"number": n},
        }
        for n in page_window(number, older)
    ]
    newer, earlier = _newer(number, older), _older(number, older)
    return {
        "label": str(_("Pages")),
        "first": {
            "link": link(0),
            "text": str(_("Newest")),
            "current": number <= 0,
        },
        "pages": pages,
        "prev": {"link": link(newer), "text": str(_("Newer articles"))}
        if newer is not None
        else None,
        "next": {"link": link(earlier), "text": str(_("Older articles"))}
        if earlier is not None
        else None,
    }


def _newer(number: int, older: int) -> int | None:
    """Return the number of the page of newer articles than page *number* (0: the first)."""
    if number <= 0:
        return None
    return 0 if number >= older else number + 1


def _older(number: int, older: int) -> int | None:
    """Return the number of the page of older articles than page *number*, if any."""
    if number == 1 or older <= 0:
        return None
    return older if number <= 0 else number - 1


def _profile(builder: Builder, pagename: str, listing: Listing) -> dict[str, Any] | None:
    if not listing.profile:
        return None
    profile = listing.profile
    return {
        "bio": profile["bio"],
        "image": resource_uri(builder, pagename, pagename, "/" + profile["image"].lstrip("/"))
        if profile["image"]
        else "",
        "url": profile["url"],
        "url_text": str(_("Profile")),
        "job_title": profile["job_title"],
        "knows_about": list(profile["knows_about"]),
        "knows_about_label": str(_("Covers")),
        "same_as": list(profile["same_as"]),
    }


def listing_context(
    builder: Builder, listing: Listing, number: int, page_size: int, *, for_digest: bool = False
) -> dict[str, Any]:
    """Return the ``newsroom_listing`` data of page *number* (0: the first) of *listing*.

    An older page shows nothing that changes as articles arrive (no total, no count of
    pages, no sub-periods): publishing rewrites the first page of a list, not all of them.
    *for_digest* returns what the page shows, cheaply: links as the names of the pages they
    lead to, the list's articles as digests of their items (see :func:`list_inputs`).
    """
    older = listing.older_pages(page_size)
    pagename = paginated(listing.page, number)
    chunk = listing.page_articles(number, page_size)
    found = builder.env.found_docs
    first = number <= 0
    link: Linker = str if for_digest else partial(page_link, builder, pagename)
    articles = (
        partial(list_inputs, builder) if for_digest else partial(list_context, builder, pagename)
    )
    parent = None
    if listing.parent is not None:
        parent_page, parent_text = listing.parent
        parent = {"link": link(_link_target(parent_page, found)), "text": parent_text}
    return {
        "kind": listing.kind,
        "page": listing.page,
        "heading": listing.heading,
        "title": _page_title(listing, number),
        "number": number,
        "page_text": str(_("Page %(number)d")) % {"number": number} if not first else "",
        "total": len(listing.articles) if first else None,
        "total_text": _count_text(len(listing.articles)) if listing.has_list and first else "",
        "parent": parent,
        "entries": [_entry_data(link, found, entry) for entry in listing.entries] if first else [],
        "entries_nav": listing.entries_nav,
        "empty_text": str(
            _("No correction so far.") if listing.kind == "corrections" else _("Nothing here yet.")
        ),
        "profile": _profile(builder, pagename, listing) if first else None,
        "corrections": [
            {
                "date": moment_data(c.when, builder.config, with_time=False),
                "text": c.text,
                "title": c.article.headline,
                "link": link(c.article.docname),
            }
            for c in listing.corrections
        ],
        "list": articles(chunk, feed_name=_page_title(listing, number))
        if listing.has_list
        else None,
        "pagination": _pagination(link, listing, number, older),
    }


def _head_link(builder: Builder, listing: Listing, pagename: str, number: int | None) -> Any:
    if number is None:
        return None
    return {
        "link": page_link(builder, pagename, paginated(listing.page, number)),
        # Sphinx's templates treat prev/next titles as markup: give them escaped text.
        "title": escape(_page_title(listing, number)),
    }


def page_tuple(
    builder: Builder, listing: Listing, number: int, page_size: int
) -> tuple[str, dict[str, Any], str]:
    """Return the ``(pagename, context, template)`` of one generated page."""
    pagename = paginated(listing.page, number)
    data = listing_context(builder, listing, number, page_size)
    body = render(builder, "newsroom/listing.html", newsroom_listing=data)
    older = listing.older_pages(page_size)
    context = {
        # The layout escapes the title as markup (like a document's title): escape it first.
        "title": escape(data["title"]),
        "body": body,
        "newsroom_listing": data,
        "newsroom_list": data["list"],
        "prev": _head_link(builder, listing, pagename, _newer(number, older)),
        "next": _head_link(builder, listing, pagename, _older(number, older)),
        "display_toc": False,
    }
    return pagename, context, "listing.html" if _theme_has(builder, "listing.html") else "page.html"


def _theme_has(builder: Builder, template: str) -> bool:
    """Return whether the theme has a page template of that name (the newsroom theme does)."""
    try:
        builder.templates.environment.get_template(template)  # type: ignore[union-attr]
    except TemplateNotFound:
        return False
    return True


# -- Sphinx events ------------------------------------------------------------------------


def _page_size(config: Config) -> int:
    return settings(config).page_size


def generated_page_names(env: BuildEnvironment) -> list[str]:
    """Return the sorted names of every page this site generates (after steps aside)."""
    size = _page_size(env.config)
    kept, _aside = split_listings(plan_listings(env), env.found_docs, size)
    return sorted(page for listing in kept for page in listing.pages(size))


def record_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """On ``env-get-updated``, once the output record knows whether the build state
    changed: note the generated pages per output folder (for the sitemaps and redirects).

    A build whose state is as recorded (one that read nothing, or only an article's text)
    keeps those the environment already holds: they are made of that state.
    """
    if is_web_builder(app.builder):
        generated = get_listings(env).generated
        outdir = str(app.builder.outdir)
        if outdir not in generated or not state_unchanged(app):
            generated[outdir] = generated_page_names(env)
    return []


def _generated_pages(app: Sphinx) -> list[GeneratedPage]:
    """Plan every generated page, and warn about those stepping aside."""
    builder = app.builder
    env = app.env
    size = _page_size(app.config)
    kept, aside = split_listings(plan_listings(env), env.found_docs, size)
    for listing, page, docname in aside:
        logger.warning(
            "the generated page %r (%s) steps aside: the document %r already has its URL",
            page,
            listing.heading,
            docname,
            type="newsroom",
            subtype="page",
            location=(docname, 0),
        )
    return [
        GeneratedPage(
            paginated(listing.page, number),
            partial(listing_context, builder, listing, number, size, for_digest=True),
            partial(page_tuple, builder, listing, number, size),
        )
        for listing in kept
        for number in listing.numbers(size)
    ]


def start_writing_pages(app: Sphinx, builder: Builder) -> None:
    """On ``write-started``: under ``-j N``, start writing the generated pages beside the
    documents (see :func:`~sphinx_newsroom.incremental.start_pages`)."""
    if is_web_builder(builder) and not generated_pages_current(app):
        start_pages(app, partial(_generated_pages, app))


def collect_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """On ``html-collect-pages``: yield every generated page that changed (or wait for
    those being written since ``write-started``)."""
    if not is_web_builder(app.builder):
        return
    if generated_pages_current(app):
        return  # nothing read, every page there: not even planned
    begun = begun_pages(app)
    # Only pages whose shown data changed are rendered again (see incremental.py).
    yield from begun if begun is not None else pages_to_write(app, _generated_pages(app))
