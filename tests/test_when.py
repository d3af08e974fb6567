"""Promised-date phrases resolve against the interview's day, never the clock."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from followup.errors import UsageError
from followup.when import parse_day, parse_moment, resolve_phrase

MONDAY = date(2026, 3, 2)  # the CONTRACT example's interview day


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("next Wednesday", date(2026, 3, 11)),  # "I'll call you next Wednesday" -> 11 Mar
        ("by next Wednesday", date(2026, 3, 11)),
        ("Wednesday", date(2026, 3, 4)),
        ("this Friday", date(2026, 3, 6)),
        ("end of next week", date(2026, 3, 13)),
        ("the end of this week", date(2026, 3, 6)),
        ("end of the month", date(2026, 3, 31)),
        ("in two weeks", date(2026, 3, 16)),
        ("within 10 days", date(2026, 3, 12)),
        ("in 3 business days", date(2026, 3, 5)),
        ("tomorrow", date(2026, 3, 3)),
        ("March 20", date(2026, 3, 20)),  # dateparser's share
    ],
)
def test_phrases(phrase: str, expected: date) -> None:
    assert resolve_phrase(phrase, MONDAY) == expected


def test_next_weekday_said_on_a_sunday_means_the_coming_week() -> None:
    assert resolve_phrase("next Wednesday", date(2026, 3, 1)) == date(2026, 3, 4)


def test_nonsense_is_refused_with_the_option_named() -> None:
    assert resolve_phrase("when pigs fly", MONDAY) is None
    with pytest.raises(UsageError, match=r"^--promised: not a date: 'when pigs fly'"):
        parse_day("when pigs fly", "--promised", MONDAY)


def test_moments() -> None:
    assert parse_moment("2026-03-02 10:00", "--at") == datetime(2026, 3, 2, 10, 0)
    assert parse_moment("2026-03-02", "--at") == datetime(2026, 3, 2)
    with pytest.raises(UsageError, match="--at: not a date and time: '2026-02-30 10:00'"):
        parse_moment("2026-02-30 10:00", "--at")
