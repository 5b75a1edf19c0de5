"""The post calendar: a month grid whose days link to their day archives."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from babel.dates import format_date
from docutils import nodes
from docutils.parsers.rst import directives
from markupsafe import Markup, escape

from sphinx_newsroom import nodes as nr_nodes
from sphinx_newsroom.articles import ArticleInfo, DocumentDataDomain, Newsroom, get_newsroom
from sphinx_newsroom.config import settings
from sphinx_newsroom.dates import local_day
from sphinx_newsroom.formatting import month_title
from sphinx_newsroom.locale import _, kept_locale_facts
from sphinx_newsroom.options import NewsroomDirective, TolerantOptions
from sphinx_newsroom.render import render
from sphinx_newsroom.siteurl import CLIMB_MARK, climbed, depth, is_web_builder
from sphinx_newsroom.urls import archive_page, day_page, page_slice

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment


Month = tuple[int, int]

_MONTH_RE = re.compile(r"^\s*(\d{4})-(\d{2})\s*$")
# Generated archive pages, paginated or not: archive/2024/, archive/2024/04/, …/20/page/2/.
_ARCHIVE_RE = re.compile(r"^archive/(\d{4})(?:/(\d{2})(?:/(\d{2}))?)?/(?:page/(\d+)/)?index$")
# Generated lists of a group, paginated or not: tags/oil/, authors/jane-doe/page/3/, …
_GROUP_RE = re.compile(r"^(authors|sections|tags|labels|series)/([^/]+)/(?:page/(\d+)/)?index$")
_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _month_length(year: int, month: int) -> int:
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if month == 2 and leap else _DAYS_IN_MONTH[month - 1]


def month_grid(year: int, month: int, first_weekday: int) -> list[list[int | None]]:
    """Return the weeks of a month as day numbers, ``None`` where a week runs outside it.

    *first_weekday* counts from Monday = 0 to Sunday = 6, as :mod:`datetime` does.
    """
    lead = (date(year, month, 1).weekday() - first_weekday) % 7
    cells: list[int | None] = [None] * lead
    cells.extend(range(1, _month_length(year, month) + 1))
    cells.extend([None] * (-len(cells) % 7))
    return [cells[start : start + 7] for start in range(0, len(cells), 7)]


@dataclass(frozen=True)
class MonthCalendar:
    """What one calendar shows, as plain values."""

    year: int
    month: int
    first_weekday: int
    #: Days of the month with listed articles.
    days: tuple[int, ...] = ()
    #: The page's own day (an article's, a day archive's), if it lies in this month.
    current: int | None = None
    #: The nearest earlier and later months that have listed articles.
    earlier: Month | None = None
    later: Month | None = None

    @property
    def weeks(self) -> list[list[int | None]]:
        return month_grid(self.year, self.month, self.first_weekday)


def article_months(newsroom: Newsroom) -> dict[Month, tuple[int, ...]]:
    """Return the days with listed articles of every month that has any, oldest month first."""
    return newsroom.memo(_article_months)


def _article_months(newsroom: Newsroom) -> dict[Month, tuple[int, ...]]:
    months: dict[Month, set[int]] = {}
    for article in newsroom.chain:
        assert article.published is not None
        day = local_day(article.published, newsroom.zone)
        months.setdefault((day.year, day.month), set()).add(day.day)
    return {key: tuple(sorted(months[key])) for key in sorted(months)}


def build_calendar(
    newsroom: Newsroom, month: Month, first_weekday: int, current: date | None = None
) -> MonthCalendar:
    """Return the calendar of *month*, marking *current* when it lies in that month."""
    months = article_months(newsroom)
    keys = list(months)
    before = bisect.bisect_left(keys, month)
    after = bisect.bisect_right(keys, month)
    in_month = current is not None and (current.year, current.month) == month
    return MonthCalendar(
        year=month[0],
        month=month[1],
        first_weekday=first_weekday,
        days=months.get(month, ()),
        current=current.day if in_month and current is not None else None,
        earlier=keys[before - 1] if before > 0 else None,
        later=keys[after] if after < len(keys) else None,
    )


def _archive_focus(newsroom: Newsroom, pagename: str) -> tuple[Month, date | None] | None:
    match = _ARCHIVE_RE.match(pagename)
    if match is None:
        return None
    year, month, day, number = (int(part) if part else None for part in match.groups())
    assert year is not None
    if month is None:
        if number:  # an older page of the year: the month of its own newest article
            return _newest_on_page(newsroom, newsroom.memo(_year_articles, year), number)
        in_year_months = [key for key in article_months(newsroom) if key[0] == year]
        return (in_year_months[-1], None) if in_year_months else None
    if not 1 <= month <= 12:
        return None
    current = None
    if day is not None:
        try:
            current = date(year, month, day)
        except ValueError:
            return None
    return (year, month), current


def _year_articles(newsroom: Newsroom, year: int) -> list[ArticleInfo]:
    return [
        article
        for article in newsroom.newest_first()
        if article.published and local_day(article.published, newsroom.zone).year == year
    ]


def _newest_on_page(
    newsroom: Newsroom, articles: Sequence[ArticleInfo], number: int
) -> tuple[Month, None] | None:
    """Return the month of the newest article on page *number* of a newest-first list."""
    shown = articles[page_slice(len(articles), newsroom.settings.page_size, number)]
    if not shown:
        return None
    assert shown[0].published is not None
    day = local_day(shown[0].published, newsroom.zone)
    return (day.year, day.month), None


def _group_focus(newsroom: Newsroom, pagename: str) -> tuple[Month, date | None] | None:
    """A list page of an author, section, tag or label: the month of its newest article.

    Not the site's newest month: a new article would change the calendar of every list
    page (and rewrite it) rather than only of the first page of its own lists.
    """
    match = _GROUP_RE.match(pagename)
    if match is None:
        return None
    kind, slug, number = match.groups()
    group = newsroom.groups(kind).get(slug)
    if group is None:
        return None
    return _newest_on_page(newsroom, group.articles, int(number or 0))


def calendar_focus(newsroom: Newsroom, pagename: str) -> tuple[Month, date | None] | None:
    """Return the month a page's calendar shows by default, and the page's own day.

    A listed article shows its month, an archive page its period (an older page of a year,
    and the pages of an author, section, tag or label, the month of their newest article),
    any other page the newest month with articles (``None`` when there is no article).
    """
    article = newsroom.articles.get(pagename)
    if article is not None and article.published is not None and newsroom.is_listed(pagename):
        day = local_day(article.published, newsroom.zone)
        return (day.year, day.month), day
    focus = _archive_focus(newsroom, pagename) or _group_focus(newsroom, pagename)
    if focus is not None:
        return focus
    months = article_months(newsroom)
    return (next(reversed(months)), None) if months else None


def page_calendar(
    newsroom: Newsroom, pagename: str, first_weekday: int, month: Month | None = None
) -> MonthCalendar | None:
    """Return the calendar a page shows: *month*, or by default its :func:`calendar_focus`."""
    focus = calendar_focus(newsroom, pagename)
    if month is None:
        if focus is None:
            return None
        month = focus[0]
    return build_calendar(newsroom, month, first_weekday, focus[1] if focus else None)


def week_start(env: BuildEnvironment) -> int:
    """Return the first weekday (Monday = 0): ``newsroom_week_start``, else the locale's
    (as kept with the environment: see :func:`~sphinx_newsroom.locale.kept_locale_facts`)."""
    site = settings(env.config)
    if site.week_start is not None:
        return site.week_start
    return kept_locale_facts(env, site.language).first_weekday


# Rendering ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CalendarCell:
    """One day of a month grid: ``link`` and ``label`` where the day has articles."""

    day: int
    current: bool = False
    link: str | None = None
    label: str | None = None


@dataclass(frozen=True, slots=True)
class CalendarWeekday:
    """A column of the grid: the weekday's short name, and its full one."""

    short: str
    full: str


@dataclass(frozen=True, slots=True)
class CalendarLink:
    """A link to a month archive (the calendar's earlier and later months)."""

    link: str
    text: str


class CalendarWeek(list[CalendarCell | None]):
    """Seven cells, ``None`` outside the month; shown, it is a row of the grid.

    ``{{ week }}`` renders ``newsroom/calendar-week.html``, once for all the pages that show
    the same cells: its links climb to the site's root (``../../archive/2024/04/20/``), so
    they are the same from every page but for the climb, which each page puts in. Every
    page shares the weeks of a month, bar the week of its own day. A template may as well
    loop over the cells itself.
    """

    __slots__ = ("_builder", "_marked", "_up")

    def __init__(
        self,
        builder: Builder,
        cells: Iterable[CalendarCell | None],
        shared: tuple[str, tuple[CalendarCell | None, ...]] | None = None,
    ) -> None:
        super().__init__(cells)
        self._builder = builder
        #: The climb to the root of this page, and the cells with the climb's mark instead.
        self._up: str = shared[0] if shared else ""
        self._marked: tuple[CalendarCell | None, ...] | None = shared[1] if shared else None

    def __html__(self) -> Markup:
        rows = get_newsroom(self._builder.env).memo(_rendered_weeks)
        marked = self._marked
        if marked is None:
            return _recently_used(rows, tuple(self), _WEEKS_KEPT, self._render)
        html = _recently_used(
            rows, marked, _WEEKS_KEPT, lambda: CalendarWeek(self._builder, marked)._render()
        )
        page_html = climbed(html, self._up)
        return self._render() if page_html is None else Markup(page_html)

    def _render(self) -> Markup:
        return Markup(render(self._builder, "newsroom/calendar-week.html", week=self))

    def with_current(self, position: int, linked: bool) -> CalendarWeek:
        """Return this week with the cell at *position* marked as the page's own day, its
        link kept if *linked* (a day archive does not link to itself)."""

        def marked(cells: Iterable[CalendarCell | None]) -> list[CalendarCell | None]:
            cells = list(cells)
            cell = cells[position]
            assert cell is not None
            cells[position] = (
                CalendarCell(cell.day, True, cell.link, cell.label)
                if linked
                else CalendarCell(cell.day, current=True)
            )
            return cells

        if self._marked is None:
            return CalendarWeek(self._builder, marked(self))
        return CalendarWeek(self._builder, marked(self), (self._up, tuple(marked(self._marked))))


def _recently_used(
    cache: dict[Any, Markup], key: Any, kept: int, make: Callable[[], Markup]
) -> Markup:
    """Return ``cache[key]``, made by ``make()`` if missing; keep the *kept* latest used.

    Pages are written in name order, so neighbours share renderings: a few recent ones are
    kept, not one of every page.
    """
    html = cache.pop(key, None)
    if html is None:
        html = make()
        if len(cache) >= kept:
            del cache[next(iter(cache))]  # the least recently used
    cache[key] = html
    return html


#: How many rendered weeks are kept for other pages to share (a row is about a kilobyte).
_WEEKS_KEPT = 512


def _rendered_weeks(newsroom: Newsroom) -> dict[tuple[CalendarCell | None, ...], Markup]:
    return {}


@dataclass(frozen=True, slots=True)
class CalendarView:
    """What ``newsroom/calendar.html`` shows, its links relative to one page.

    Attributes rather than a dictionary: Jinja looks ``cell.link`` up on an object
    first, and a calendar makes a few hundred such lookups on every page.
    """

    caption: str
    weekdays: list[CalendarWeekday]
    weeks: list[CalendarWeek]
    nav_label: str
    earlier: CalendarLink | None
    later: CalendarLink | None


def _long_date(newsroom: Newsroom, when: date) -> str:
    return str(format_date(when, format="long", locale=newsroom.settings.locale))


def _day_label(builder: Builder, when: date) -> str:
    """Return the label of a day's link: its date as kept (see :func:`remember_names`)."""
    kept = _kept_names(builder.env)
    day = kept.days.get(when) if kept else None
    if day is None:
        day = get_newsroom(builder.env).memo(_long_date, when)
    return str(_("Articles published on %(date)s") % {"date": day})


def _cell(
    builder: Builder, up: str, calendar: MonthCalendar, day: int | None
) -> CalendarCell | None:
    if day is None:
        return None
    if day not in calendar.days:  # nothing to show
        return CalendarCell(day)
    when = date(calendar.year, calendar.month, day)
    return CalendarCell(
        day,
        link=up + builder.get_target_uri(day_page(when)),
        label=_day_label(builder, when),
    )


def _month_name(newsroom: Newsroom, month: Month) -> str:
    return month_title(*month, newsroom.settings.locale)


def _weekdays(newsroom: Newsroom, first_weekday: int) -> list[CalendarWeekday]:
    days = newsroom.settings.locale.days["stand-alone"]
    order = [(first_weekday + offset) % 7 for offset in range(7)]
    return [CalendarWeekday(days["short"][d], days["wide"][d]) for d in order]


class _KeptNames(NamedTuple):
    """The names calendars show, kept with the environment (:func:`remember_names`)."""

    language: str | None
    first_weekday: int
    #: Each weekday's short and full name, from the first on.
    weekdays: tuple[tuple[str, str], ...]
    #: The caption of each month with articles ("April 2024").
    months: dict[Month, str]
    #: The long date of each day with articles ("20 April 2024").
    days: dict[date, str]


#: The environment attribute that keeps the :class:`_KeptNames`.
_NAMES = "newsroom_calendar_names"


def remember_names(app: Sphinx, env: BuildEnvironment) -> None:
    """On ``env-updated``: keep the weekday names, and the caption of every month and the
    date of every day with articles, in the environment.

    Babel formats them from the language's whole locale data, which takes longer to load
    (about 20 ms) than anything else a build that reads nothing does for the calendars of
    its two pages; kept, such a build loads none.  Only a new month or day is formatted.
    """
    newsroom = get_newsroom(env)
    first_weekday = week_start(env)
    kept = _kept_names(env)
    if kept is None or kept.first_weekday != first_weekday:
        kept = _KeptNames(newsroom.settings.language, first_weekday, (), {}, {})
    months = article_months(newsroom)
    days = [date(*month, day) for month, numbers in months.items() for day in numbers]
    if kept.weekdays and months.keys() <= kept.months.keys() and kept.days.keys() >= set(days):
        return
    setattr(
        env,
        _NAMES,
        kept._replace(
            weekdays=tuple((d.short, d.full) for d in newsroom.memo(_weekdays, first_weekday)),
            months={m: kept.months.get(m) or newsroom.memo(_month_name, m) for m in months},
            days={d: kept.days.get(d) or newsroom.memo(_long_date, d) for d in days},
        ),
    )


def _kept_names(env: BuildEnvironment) -> _KeptNames | None:
    kept = getattr(env, _NAMES, None)
    if isinstance(kept, _KeptNames) and kept.language == settings(env.config).language:
        return kept
    return None


def _caption(builder: Builder, month: Month) -> str:
    """Return the caption of *month* ("April 2024"), as kept or from Babel."""
    kept = _kept_names(builder.env)
    if kept and month in kept.months:
        return kept.months[month]
    return get_newsroom(builder.env).memo(_month_name, month)


def _weekday_names(builder: Builder, first_weekday: int) -> list[CalendarWeekday]:
    """Return the weekdays of a grid starting on *first_weekday*, as kept or from Babel."""
    kept = _kept_names(builder.env)
    if kept and kept.first_weekday == first_weekday and kept.weekdays:
        return [CalendarWeekday(short, full) for short, full in kept.weekdays]
    return get_newsroom(builder.env).memo(_weekdays, first_weekday)


def _month_link(builder: Builder, up: str, month: Month | None) -> CalendarLink | None:
    if month is None:
        return None
    return CalendarLink(up + builder.get_target_uri(archive_page(*month)), _caption(builder, month))


@dataclass(frozen=True, slots=True)
class _SharedCalendar:
    """A month's calendar as every page at one depth shows it, bar the page's own day."""

    view: CalendarView
    #: ``newsroom/calendar.html`` rendered around its weeks: the text before the first
    #: week, between each two, after the last. ``None`` when the template looks into the
    #: weeks' cells itself (then each page renders it).
    around_weeks: tuple[str, ...] | None


def _shared_calendar(builder: Builder, depth: int, calendar: MonthCalendar) -> _SharedCalendar:
    """Return :class:`_SharedCalendar` of *calendar* (whose ``current`` is ``None``)."""
    shared = get_newsroom(builder.env).memo(_shared_calendars)
    key = (depth, calendar)
    found = shared.get(key)
    if found is None:
        view = _view(builder, "../" * depth, calendar)
        found = shared[key] = _SharedCalendar(view, _around_weeks(builder, view))
    return found


def _shared_calendars(newsroom: Newsroom) -> dict[tuple[int, MonthCalendar], _SharedCalendar]:
    """The calendars of each folder depth (a few for each month with articles)."""
    return {}


def _view(builder: Builder, up: str, calendar: MonthCalendar) -> CalendarView:
    return CalendarView(
        # Babel's formatting is the costly part, and every page shows the same months.
        caption=_caption(builder, (calendar.year, calendar.month)),
        weekdays=_weekday_names(builder, calendar.first_weekday),
        weeks=[
            CalendarWeek(
                builder,
                [_cell(builder, up, calendar, day) for day in week],
                (up, tuple(_cell(builder, CLIMB_MARK, calendar, day) for day in week)),
            )
            for week in calendar.weeks
        ],
        nav_label=str(_("Earlier and later months")),
        earlier=_month_link(builder, up, calendar.earlier),
        later=_month_link(builder, up, calendar.later),
    )


class _WeekSlot:
    """Stands for a week while ``newsroom/calendar.html`` is rendered for many pages.

    ``{{ week }}`` leaves a mark where each page's own row goes. A template that looks
    into the week in any other way (its cells, its length) shows something of the cells
    themselves, and the slot notes it: each page then renders the template.
    """

    __slots__ = ("looked_into", "mark", "week")

    def __init__(self, number: int, week: CalendarWeek) -> None:
        self.mark = f"\x00newsroom-calendar-week-{number}\x00"
        self.week = week
        self.looked_into = False

    def __html__(self) -> Markup:
        return Markup(self.mark)

    def __str__(self) -> str:
        return self.mark

    def __bool__(self) -> bool:
        return True

    def __iter__(self) -> Iterator[CalendarCell | None]:
        self.looked_into = True
        return iter(self.week)

    def __len__(self) -> int:
        self.looked_into = True
        return len(self.week)

    def __getitem__(self, index: Any) -> Any:
        self.looked_into = True
        return self.week[index]

    def __getattr__(self, name: str) -> Any:
        self.looked_into = True
        return getattr(self.week, name)


def _around_weeks(builder: Builder, view: CalendarView) -> tuple[str, ...] | None:
    """Return the calendar rendered around its weeks, or ``None`` if it cannot be shared."""
    slots = [_WeekSlot(number, week) for number, week in enumerate(view.weeks)]
    stand_in = replace(view, weeks=slots)  # type: ignore[arg-type]
    html = render(builder, "newsroom/calendar.html", calendar=stand_in)
    if any(slot.looked_into or html.count(slot.mark) != 1 for slot in slots):
        return None
    parts = []
    for slot in slots:
        before, found, html = html.partition(slot.mark)
        if not found:  # the weeks in another order
            return None
        parts.append(before)
    parts.append(html)
    return tuple(parts)


def _is_day_page(pagename: str, calendar: MonthCalendar) -> bool:
    """Return whether *pagename* is the day archive of the calendar's current day."""
    day = calendar.current
    return day is not None and day_page(date(calendar.year, calendar.month, day)) == pagename


def _own_day(calendar: MonthCalendar, view: CalendarView, own_page: bool) -> CalendarView:
    """Return *view* with the page's own day marked: only the week of that day differs.

    A day archive (*own_page*) does not link its day: the page would link to itself.
    """
    day = calendar.current
    if day is None:
        return view
    for number, week in enumerate(view.weeks):
        for position, cell in enumerate(week):
            if cell is not None and cell.day == day:
                weeks = list(view.weeks)
                weeks[number] = week.with_current(position, linked=not own_page)
                return replace(view, weeks=weeks)
    return view


def calendar_html(builder: Builder, pagename: str, calendar: MonthCalendar) -> Markup:
    """Return the calendar rendered by ``newsroom/calendar.html``.

    Pages at one depth (:func:`~sphinx_newsroom.siteurl.depth`) share the rendering of a
    month, but for the row of their own day: the template is rendered once around the
    weeks, and each week row once for all pages that show the same cells.
    """
    rendered = get_newsroom(builder.env).memo(_rendered_calendars)
    down = depth(builder, pagename)
    own_page = _is_day_page(pagename, calendar)
    return _recently_used(
        rendered,
        (down, calendar, own_page),
        _CALENDARS_KEPT,
        lambda: _render_calendar(builder, down, calendar, own_page),
    )


#: How many rendered calendars are kept for the next pages to share (a few kilobytes each).
_CALENDARS_KEPT = 64


def _rendered_calendars(newsroom: Newsroom) -> dict[tuple[int, MonthCalendar, bool], Markup]:
    return {}


def _render_calendar(
    builder: Builder, depth: int, calendar: MonthCalendar, own_page: bool
) -> Markup:
    shared = _shared_calendar(builder, depth, replace(calendar, current=None))
    view = _own_day(calendar, shared.view, own_page)
    if shared.around_weeks is None:
        return Markup(render(builder, "newsroom/calendar.html", calendar=view))
    parts = shared.around_weeks
    html = [parts[0]]
    for week, after in zip(view.weeks, parts[1:], strict=True):
        html += [escape(week), after]
    return Markup("".join(html))


class LazyCalendar:
    """A page's calendar, rendered only if a template shows it (``newsroom_calendar_html``)."""

    def __init__(self, builder: Builder, pagename: str, calendar: MonthCalendar) -> None:
        self._args = (builder, pagename, calendar)
        self._html: Markup | None = None

    def __html__(self) -> Markup:
        if self._html is None:
            self._html = calendar_html(*self._args)
        return self._html

    def __str__(self) -> str:
        return str(self.__html__())

    def __bool__(self) -> bool:
        return True


def compute_calendar(builder: Builder, pagename: str, context: dict[str, Any]) -> None:
    """Add the page's calendar for the sidebar: ``newsroom_calendar`` and ``…_html``."""
    calendar = page_calendar(get_newsroom(builder.env), pagename, week_start(builder.env))
    context["newsroom_calendar"] = calendar
    context["newsroom_calendar_html"] = (
        LazyCalendar(builder, pagename, calendar) if calendar else ""
    )


# The directive -------------------------------------------------------------------------------


class CalendarDomain(DocumentDataDomain):
    """The months each document's ``post-calendar`` directives show (``None``: the default)."""

    name = "newsroom-calendar"
    label = "Newsroom calendar"
    data_version = 1
    per_document = ("calendars",)
    initial_data: ClassVar[dict[str, Any]] = {"calendars": {}}

    @property
    def calendars(self) -> dict[str, list[Month | None]]:
        return self.data["calendars"]

    def add_calendar(self, docname: str, month: Month | None) -> None:
        self.calendars.setdefault(docname, []).append(month)


def _calendar_domain(env: BuildEnvironment) -> CalendarDomain:
    domain = env.get_domain(CalendarDomain.name)
    assert isinstance(domain, CalendarDomain)
    return domain


def parse_month(text: str) -> Month | None:
    """Return ``(year, month)`` of a ``YYYY-MM`` value, or ``None`` when it is not one."""
    match = _MONTH_RE.match(text or "")
    if match is None:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    return (year, month) if year >= 1 and 1 <= month <= 12 else None


class PostCalendarDirective(NewsroomDirective):
    """``.. post-calendar::`` with an optional ``:month: YYYY-MM``."""

    has_content = False
    # An argument is a common slip for :month: (one warning, not docutils' error).
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec = TolerantOptions(month=directives.unchanged)

    def run(self) -> list[nodes.Node]:
        options = self.known_options()
        month = None
        if self.arguments:
            self.warn(
                "calendar",
                "post-calendar takes no argument; write its month as an option, :month: %s",
                self.arguments[0].strip(),
            )
            options.setdefault("month", self.arguments[0])
        if "month" in options:
            month = parse_month(str(options["month"] or ""))
            if month is None:
                self.warn(
                    "calendar",
                    "post-calendar :month: %r is not a month such as 2024-04; "
                    "showing the default month",
                    str(options["month"] or "").strip(),
                )
        node = nr_nodes.post_calendar(month=month, docname=self.env.docname)
        self.set_source_info(node)
        _calendar_domain(self.env).add_calendar(self.env.docname, month)
        return [node]


def resolve_calendars(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """On ``doctree-resolved``: replace each calendar placeholder by its month grid (HTML)."""
    placeholders = list(doctree.findall(nr_nodes.post_calendar))
    if not placeholders:
        return
    builder = app.builder
    newsroom = get_newsroom(app.env)
    first_weekday = week_start(app.env)
    for node in placeholders:
        calendar = page_calendar(newsroom, node["docname"], first_weekday, node["month"])
        if calendar is None or not is_web_builder(builder):
            # Only a website has the day archives it links to; elsewhere it is left out.
            node.parent.remove(node)
            continue
        html = calendar_html(builder, docname, calendar)
        node.parent.replace(node, nr_nodes.rendered(html))


def calendar_inputs(env: BuildEnvironment, docname: str) -> Any:
    """What a page's calendars show (sidebar and directives), for incremental rebuilds."""
    newsroom = get_newsroom(env)
    first_weekday = week_start(env)
    months = [None, *_calendar_domain(env).calendars.get(docname, [])]
    return [page_calendar(newsroom, docname, first_weekday, month) for month in months]


def setup_calendar(app: Sphinx) -> None:
    """Register the ``post-calendar`` directive, its placeholder and the resolver."""
    skip = nr_nodes.skipped_everywhere()
    app.add_node(nr_nodes.post_calendar, **skip)  # type: ignore[arg-type]
    app.add_domain(CalendarDomain)
    app.add_directive("post-calendar", PostCalendarDirective)
