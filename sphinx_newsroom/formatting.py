"""Locale-aware formatting of dates, through Babel, in the newsroom's time zone."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from babel.dates import format_date, format_skeleton, format_time, get_datetime_format

from sphinx_newsroom.config import settings
from sphinx_newsroom.dates import iso
from sphinx_newsroom.locale import _

if TYPE_CHECKING:
    from babel import Locale
    from sphinx.config import Config


def site_locale(config: Config) -> Locale:
    return settings(config).locale


def local_moment(moment: datetime, config: Config) -> datetime:
    """Return *moment* in the newsroom's time zone."""
    return moment.astimezone(settings(config).timezone)


def display_date(day: date, config: Config) -> str:
    """Format a day the long way, e.g. "20 April 2024" / "April 20, 2024"."""
    return format_date(day, format="long", locale=site_locale(config))


def month_title(year: int, month: int, locale: Locale) -> str:
    """Return a month and its year as the locale writes them ("April 2024")."""
    return str(format_skeleton("yMMMM", date(year, month, 1), locale=locale))


def display_moment(moment: datetime, config: Config, *, with_time: bool = True) -> str:
    """Format an article's date (and time) in the newsroom's zone and the site's locale."""
    local = local_moment(moment, config)
    locale = site_locale(config)
    day = format_date(local.date(), format="long", locale=locale)
    if not with_time:
        return day
    clock = format_time(local.timetz(), format="short", locale=locale)
    pattern = get_datetime_format("medium", locale=locale)
    return str(pattern).replace("{1}", day).replace("{0}", clock)


def moment_data(moment: datetime, config: Config, *, with_time: bool = True) -> dict[str, str]:
    """Return what a ``<time>`` element shows: ``datetime`` (ISO, local) and ``text``."""
    return {
        "datetime": iso(local_moment(moment, config)),
        "text": display_moment(moment, config, with_time=with_time),
    }


def join_names(names: Iterable[Any], wrap: Callable[[Any], Any] = str) -> Any:
    """Join names as "A", "A and B", "A, B and C" (localised).

    *wrap* turns each piece into the result's type: ``str`` for plain text, markupsafe's
    ``escape`` for HTML (text is escaped, markup kept).
    """
    parts = [wrap(name) for name in names]
    if not parts:
        return wrap("")
    if len(parts) == 1:
        return parts[0]
    pattern = wrap(str(_("%(names)s and %(last)s")))
    return pattern % {"names": wrap(str(_(", "))).join(parts[:-1]), "last": parts[-1]}
