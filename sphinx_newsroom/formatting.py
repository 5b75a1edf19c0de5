"""Locale-aware formatting of dates and name lists, through Babel and our catalog."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time, get_datetime_format

from sphinx_newsroom.dates import site_timezone
from sphinx_newsroom.locale import _

if TYPE_CHECKING:
    from sphinx.config import Config


@lru_cache(maxsize=32)
def babel_locale(language: str | None) -> Locale:
    """Return the Babel locale of Sphinx's ``language`` (English when unknown)."""
    try:
        return Locale.parse((language or "en").replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def site_locale(config: Config) -> Locale:
    return babel_locale(config.language)


def local_moment(moment: datetime, config: Config) -> datetime:
    """Return *moment* in the newsroom's time zone."""
    return moment.astimezone(site_timezone(config.newsroom_timezone))


def display_date(day: date, config: Config) -> str:
    """Format a day the long way, e.g. "20 April 2024" / "April 20, 2024"."""
    return format_date(day, format="long", locale=site_locale(config))


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


def join_names(names: list[str]) -> str:
    """Join names as "A", "A and B", "A, B and C" (localised)."""
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    return _("%(names)s and %(last)s") % {
        "names": _(", ").join(names[:-1]),
        "last": names[-1],
    }
