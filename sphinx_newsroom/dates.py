"""Dates of articles: parsing what authors type, and the build's idea of "now"."""

from __future__ import annotations

import os
import re
from datetime import date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

_DATE_RE = re.compile(
    r"""^\s*
    (?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})
    (?:
        [T\s]+
        (?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.(?P<fraction>\d{1,6}))?)?
        \s*
        (?P<offset>Z|[+-]\d{2}(?::?\d{2})?)?
    )?
    \s*$""",
    re.VERBOSE | re.IGNORECASE,
)


def parse_datetime(text: str, default_tz: tzinfo) -> datetime:
    """Parse an ISO 8601 date or date-time into an aware date-time.

    A value without an offset is local time in *default_tz*; a bare date is midnight there.
    Raise :class:`ValueError` with a readable reason when *text* is not such a value.
    """
    match = _DATE_RE.match(text or "")
    if not match:
        msg = f"{text!r} is not an ISO 8601 date such as 2024-04-20 or 2024-04-20 10:15+04:00"
        raise ValueError(msg)
    parts = match.groupdict()
    fraction = (parts["fraction"] or "").ljust(6, "0")
    value = datetime(
        int(parts["year"]),
        int(parts["month"]),
        int(parts["day"]),
        int(parts["hour"] or 0),
        int(parts["minute"] or 0),
        int(parts["second"] or 0),
        int(fraction or 0),
    )  # ValueError for impossible values such as 2023-02-29 or 25:00
    offset = parts["offset"]
    if offset is None:
        moment = value.replace(tzinfo=default_tz)
        _check_exists(moment, default_tz)
    elif offset.upper() == "Z":
        moment = value.replace(tzinfo=timezone.utc)
    else:
        digits = offset[1:].replace(":", "")
        hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
        if hours > 23 or minutes > 59:
            raise ValueError(f"{offset!r} is not a valid UTC offset")
        delta = timedelta(hours=hours, minutes=minutes)
        moment = value.replace(tzinfo=timezone(-delta if offset[0] == "-" else delta))
    try:
        moment.astimezone(timezone.utc)
        moment.astimezone(default_tz)
    except OverflowError:
        msg = f"{text.strip()!r} falls outside the years 1 to 9999 once converted to {default_tz}"
        raise ValueError(msg) from None
    return moment


def _check_exists(moment: datetime, zone: tzinfo) -> None:
    """Raise ValueError when a local time never showed on the clocks (a daylight-saving gap)."""
    try:
        back = moment.astimezone(timezone.utc).astimezone(zone)
    except OverflowError:
        return  # reported by the caller
    if back.replace(tzinfo=None) != moment.replace(tzinfo=None):
        msg = (
            f"{moment.replace(tzinfo=None).isoformat(sep=' ')} never showed on the clocks in "
            f"{zone} (the clocks went forward); write the time after the change, or an offset"
        )
        raise ValueError(msg)


def site_timezone(name: str) -> ZoneInfo:
    """Return the zone of ``newsroom_timezone`` (validated on ``config-inited``)."""
    return ZoneInfo(name)


def build_now() -> datetime:
    """Return the moment of this build: ``SOURCE_DATE_EPOCH`` when set, else the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
        except (ValueError, OverflowError):
            pass
    return datetime.now(tz=timezone.utc)


def local_day(moment: datetime, zone: tzinfo) -> date:
    """Return the calendar day of *moment* in *zone*."""
    return moment.astimezone(zone).date()


def iso(moment: datetime) -> str:
    """Format an aware date-time as ISO 8601 with its offset, to the second.

    An offset with seconds (local mean time before a zone had standard time, such as
    +00:53:28) is no valid HTML or feed date: such moments are written in UTC.
    """
    offset = moment.utcoffset()
    if offset is not None and offset.seconds % 60:
        moment = moment.astimezone(timezone.utc)
    return moment.replace(microsecond=0).isoformat()
