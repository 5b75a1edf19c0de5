"""The date parser: ISO 8601 with and without offsets, naive dates in the site zone."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from sphinx_newsroom.dates import build_now, parse_datetime

BAKU = ZoneInfo("Asia/Baku")
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-04-20", datetime(2024, 4, 20, tzinfo=BAKU)),
        ("2024-04-20 10:15", datetime(2024, 4, 20, 10, 15, tzinfo=BAKU)),
        ("2024-04-20T10:15:30", datetime(2024, 4, 20, 10, 15, 30, tzinfo=BAKU)),
        ("2024-04-20T10:15:30.25", datetime(2024, 4, 20, 10, 15, 30, 250000, tzinfo=BAKU)),
        ("2024-04-20 10:15Z", datetime(2024, 4, 20, 10, 15, tzinfo=timezone.utc)),
        ("2024-04-20T10:15:00+02:00", datetime(2024, 4, 20, 8, 15, tzinfo=timezone.utc)),
        ("2024-04-20T10:15:00-0530", datetime(2024, 4, 20, 15, 45, tzinfo=timezone.utc)),
        ("2024-04-20 10:15 +04", datetime(2024, 4, 20, 6, 15, tzinfo=timezone.utc)),
        ("  2024-02-29 23:59  ", datetime(2024, 2, 29, 23, 59, tzinfo=BAKU)),
    ],
)
def test_parse_valid(text: str, expected: datetime) -> None:
    parsed = parse_datetime(text, BAKU)
    assert parsed.tzinfo is not None
    assert parsed == expected


def test_naive_time_takes_the_zone_rules_of_its_own_date() -> None:
    winter = parse_datetime("2024-01-15 12:00", BERLIN)
    summer = parse_datetime("2024-07-15 12:00", BERLIN)
    assert winter.utcoffset() == timedelta(hours=1)
    assert summer.utcoffset() == timedelta(hours=2)


def test_explicit_offset_is_kept() -> None:
    parsed = parse_datetime("2024-04-20T23:30:00+00:00", BAKU)
    assert parsed.utcoffset() == timedelta(0)
    assert parsed.astimezone(BAKU).date().isoformat() == "2024-04-21"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "yesterday",
        "20/04/2024",
        "2024-4-20",
        "2023-02-29",
        "2024-13-01",
        "2024-04-31",
        "2024-04-20 25:00",
        "2024-04-20 10:61",
        "2024-04-20 10:15+25:00",
        "2024-04-20 10:15 CEST",
        "2024-04-20 10:15:00 extra",
    ],
)
def test_parse_invalid(text: str) -> None:
    with pytest.raises(ValueError):
        parse_datetime(text, BAKU)


def test_build_now_respects_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1713607200")
    assert build_now() == datetime(2024, 4, 20, 10, 0, tzinfo=timezone.utc)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert abs(build_now() - datetime.now(timezone.utc)) < timedelta(minutes=1)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("9999-12-31T23:59Z", "outside the years 1 to 9999"),
        ("0001-01-01T00:00+14:00", "outside the years 1 to 9999"),
        ("2024-03-31 02:30", "never showed on the clocks"),
    ],
)
def test_dates_the_site_zone_cannot_show_are_errors(text: str, reason: str) -> None:
    """Contract section 6: outside the calendar once converted, or in a daylight-saving gap."""
    with pytest.raises(ValueError, match=reason):
        parse_datetime(text, BERLIN)


def test_an_ambiguous_autumn_time_is_the_first_of_the_two() -> None:
    parsed = parse_datetime("2024-10-27 02:30", BERLIN)
    assert parsed.utcoffset() == timedelta(hours=2)


def test_offsets_with_seconds_are_written_in_utc() -> None:
    from sphinx_newsroom.dates import iso

    # Berlin's local mean time in 1890 was +00:53:28: no valid HTML datetime.
    moment = datetime(1890, 6, 1, 12, 0, tzinfo=BERLIN)
    assert iso(moment) == "1890-06-01T11:06:32+00:00"
    assert iso(datetime(2024, 4, 20, 10, 15, tzinfo=BERLIN)) == "2024-04-20T10:15:00+02:00"
