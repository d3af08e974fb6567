"""Dates as people say them: phrases resolve against the interview's day (never the clock),
numeric dates by the candidate's country, and nothing lands before the interview or more
than a year after it."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from followup.core.errors import UsageError
from followup.core.when import (
    DateAmbiguous,
    DateNotUnderstood,
    a_year_after,
    after_the_holidays,
    find_date_phrase,
    parse_day,
    parse_moment,
    read_date_phrase,
    read_moment,
    resolve_phrase,
)

MONDAY = date(2026, 3, 2)  # the CONTRACT example's interview day
TUESDAY = date(2026, 12, 1)  # the day issue 13 was filed


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
        ("March 20", date(2026, 3, 20)),
        ("early next week", date(2026, 3, 10)),  # Tuesday
        ("mid next week", date(2026, 3, 11)),  # Wednesday
        ("middle of next week", date(2026, 3, 11)),
        ("late next week", date(2026, 3, 13)),  # Friday
        ("next week", date(2026, 3, 13)),  # a week as a whole: its Friday
        ("the week after next", date(2026, 3, 20)),
        ("Tuesday next week", date(2026, 3, 10)),
        ("a couple of weeks", date(2026, 3, 16)),
        ("a couple weeks", date(2026, 3, 16)),
        ("a few days", date(2026, 3, 5)),
        ("a week or two", date(2026, 3, 16)),  # a range: its later end
        ("2-3 weeks", date(2026, 3, 23)),
        ("one to two weeks", date(2026, 3, 16)),
        ("Thursday or Friday", date(2026, 3, 6)),
        ("in a fortnight", date(2026, 3, 16)),
        ("mid-March", date(2026, 3, 15)),
        ("mid-December", date(2026, 12, 15)),
        ("early April", date(2026, 4, 10)),
        ("end of April", date(2026, 4, 30)),
        ("late April", date(2026, 4, 30)),
        ("in April", date(2026, 4, 30)),
        ("by April", date(2026, 4, 1)),
        ("early next month", date(2026, 4, 10)),
        ("mid next month", date(2026, 4, 15)),
        ("end of next month", date(2026, 4, 30)),
        ("next month", date(2026, 4, 30)),
        ("by the 20th", date(2026, 3, 20)),
        ("the 1st", date(2026, 4, 1)),  # the next 1st on or after the interview
        ("the 2nd", date(2026, 3, 2)),
        ("the 15th of next month", date(2026, 4, 15)),
        ("in 10 business days", date(2026, 3, 16)),
        ("10 working days", date(2026, 3, 16)),
        ("two weeks from now", date(2026, 3, 16)),
        ("in a month", date(2026, 4, 2)),
        ("end of the quarter", date(2026, 3, 31)),
        ("end of Q2", date(2026, 6, 30)),
        ("end of the year", date(2026, 12, 31)),
        ("20 March", date(2026, 3, 20)),
        ("March 20th", date(2026, 3, 20)),
        ("the 20th of March", date(2026, 3, 20)),
        ("Friday 20 March", date(2026, 3, 20)),
        ("Friday, March 20, 2026", date(2026, 3, 20)),
        ("2026-03-20", date(2026, 3, 20)),
        ("Mar. 20", date(2026, 3, 20)),
        ("EOD Friday", date(2026, 3, 6)),
        ("we'll decide by the 20th", date(2026, 3, 20)),
        ("we should know by next Wednesday at the latest", date(2026, 3, 11)),
        ("sometime next week", date(2026, 3, 13)),
        ("today", MONDAY),
        ("after the holidays", date(2027, 1, 4)),  # no country: the first weekday after 1 Jan
        ("before the holidays", date(2026, 12, 23)),
        ("after Christmas", date(2026, 12, 28)),  # Sat 26 Dec: the Monday
    ],
)
def test_phrases(phrase: str, expected: date) -> None:
    assert read_date_phrase(phrase, MONDAY) == expected


@pytest.mark.parametrize(
    ("phrase", "country", "expected"),
    [
        ("12/10", "US", date(2026, 12, 10)),  # month/day
        ("10/12", "GB", date(2026, 12, 10)),  # day/month
        ("10.12.", "DE", date(2026, 12, 10)),
        ("10/12", None, date(2026, 12, 10)),  # no country: day/month, as most of the world
        ("12/20", "GB", date(2026, 12, 20)),  # no month 20: the only reading there is
        ("20/12", "US", date(2026, 12, 20)),
        ("12/10/26", "US", date(2026, 12, 10)),
        ("10/12/2026", "GB", date(2026, 12, 10)),
        ("2026-12-10", "US", date(2026, 12, 10)),  # ISO in every country
        ("2026-12-10", "GB", date(2026, 12, 10)),
        ("12/1", "US", TUESDAY),
    ],
)
def test_numeric_dates_follow_the_country(phrase: str, country: str | None,
                                          expected: date) -> None:
    assert read_date_phrase(phrase, TUESDAY, country) == expected


@pytest.mark.parametrize(("phrase", "country", "readings"), [
    # day/month: 12 Oct 2026 is past, next year's is 315 days on; 10 Dec is the other order
    ("12/10", "GB", (date(2027, 10, 12), date(2026, 12, 10))),
    ("12/10", None, (date(2027, 10, 12), date(2026, 12, 10))),
    ("12.10.", "DE", (date(2027, 10, 12), date(2026, 12, 10))),
    ("11/28", "US", (date(2027, 11, 28),)),  # a past day: only one order is a date
    ("3/9", "US", (date(2027, 3, 9), date(2027, 9, 3))),  # 98 days: over 90, asked
])
def test_a_numeric_date_over_90_days_away_is_asked_about(
        phrase: str, country: str | None, readings: tuple[date, ...]) -> None:
    """Issue 22: a decision date eleven months after the interview is a misreading to ask
    about, never a date taken silently; both readings are shown with their ISO form."""
    with pytest.raises(DateAmbiguous) as e:
        read_date_phrase(phrase, TUESDAY, country)
    assert e.value.readings == readings
    for day in readings:
        assert day.isoformat() in e.value.reason
    assert "\n" not in e.value.reason
    with pytest.raises(UsageError, match=r"^--promised: '.*' reads as .* did you mean"):
        parse_day(phrase, "--promised", TUESDAY, country)
    # the year written out says which: taken as written
    assert read_date_phrase(readings[0].isoformat(), TUESDAY, country) == readings[0]


def test_numeric_dates_within_90_days_are_taken() -> None:
    assert read_date_phrase("3/1", TUESDAY, "US") == date(2027, 3, 1)  # 90 days
    assert read_date_phrase("1/3", TUESDAY, "GB") == date(2027, 3, 1)


def test_issue_13_phrases_said_on_tuesday_1_december() -> None:
    """The phrases quoted at the top of issue 13, resolved (US candidate)."""
    assert read_date_phrase("12/10", TUESDAY, "US") == date(2026, 12, 10)
    assert read_date_phrase("early next week", TUESDAY, "US") == date(2026, 12, 8)
    assert read_date_phrase("a couple of weeks", TUESDAY, "US") == date(2026, 12, 15)
    assert read_date_phrase("mid-December", TUESDAY, "US") == date(2026, 12, 15)
    assert read_moment("tomorrow 3pm", datetime(2026, 12, 1, 9, 30)) == datetime(2026, 12, 2,
                                                                                   15, 0)


def test_a_year_without_a_year_is_the_nearest_ahead() -> None:
    """`12/10` said on 11 December (US) is next year's 10 December, never 2112: asked about
    (it is 364 days on); a month said in words is taken."""
    with pytest.raises(DateAmbiguous) as e:
        read_date_phrase("12/10", date(2026, 12, 11), "US")
    assert e.value.readings[0] == date(2027, 12, 10)
    assert read_date_phrase("Dec 10", date(2026, 12, 11), "US") == date(2027, 12, 10)
    assert read_date_phrase("Dec 10", date(2026, 12, 10), "US") == date(2026, 12, 10)


@pytest.mark.parametrize(
    ("country", "expected"),
    [("US", date(2027, 1, 4)),  # Fri 1 Jan, then the weekend
     ("GB", date(2027, 1, 4)),  # Fri 1 Jan, then the weekend
     ("ES", date(2027, 1, 7)),  # after Epiphany (Wed 6 Jan)
     ("RU", date(2027, 1, 11))],  # the New Year holidays run to 8 Jan
)
def test_after_the_holidays_per_country(country: str, expected: date) -> None:
    found = after_the_holidays(TUESDAY, country)
    assert found >= date(2027, 1, 2) and found.weekday() < 5
    if country in ("US", "GB", "ES"):
        assert found == expected
    if country == "RU":
        assert found >= date(2027, 1, 9)


def test_said_in_january_after_the_holidays_is_this_season() -> None:
    assert after_the_holidays(date(2027, 1, 2), "US") == date(2027, 1, 4)
    assert after_the_holidays(date(2027, 3, 1), "US") == date(2028, 1, 3)


@pytest.mark.parametrize(
    ("phrase", "message"),
    [
        ("when pigs fly", r"^not a date: 'when pigs fly' \(did not understand 'when', 'pigs'"),
        ("next blursday", r"did not understand 'blursday'"),
        ("yesterday", r"'yesterday' is Sun 1 Mar 2026, before the interview \(Mon 2 Mar 2026\)"),
        ("12/10/2112", r"more than a year after the interview .*give a date by Tue 2 Mar 2027"),
        ("in 99999999999 days", r"more than a year"),
        ("in 3000000 business days", r"more than a year"),
        ("in 400 days", r"more than a year"),
        ("in 13 months", r"more than a year"),
        ("Friday 10 March", r"Tue 10 Mar 2026 is a Tuesday, not a Friday"),
        ("31/02", r"no such day"),
        ("x" * 200, r"200 characters"),
        ("", r"nothing given"),
    ],
)
def test_refusals_say_what_was_not_understood(phrase: str, message: str) -> None:
    with pytest.raises(DateNotUnderstood, match=message):
        read_date_phrase(phrase, MONDAY)


def test_part_of_a_period_already_over_is_refused() -> None:
    thursday = date(2026, 3, 5)
    with pytest.raises(DateNotUnderstood, match="'early this week' is already over on Thu"):
        read_date_phrase("early this week", thursday)
    assert read_date_phrase("end of this week", thursday) == date(2026, 3, 6)


def test_huge_counts_are_refused_quickly() -> None:
    """Issue 12: `in 3000000 business days` burned 4 s of CPU; now it is refused at once."""
    for phrase in ("in 3000000 business days", "in 99999999999 days", "in 262 business days",
                   "9" * 70 + " days"):
        assert calls(refused, phrase) < 1_000_000  # day by day it was millions


def refused(phrase: str) -> None:
    with pytest.raises(DateNotUnderstood):
        read_date_phrase(phrase, MONDAY, "US")


def test_the_furthest_allowed_is_a_year() -> None:
    assert read_date_phrase("in 12 months", MONDAY) == date(2027, 3, 2) == a_year_after(MONDAY)
    assert read_date_phrase("in 250 business days", MONDAY, "US") <= a_year_after(MONDAY)
    assert a_year_after(date(2028, 2, 29)) == date(2029, 2, 28)


def test_parse_day_names_the_option() -> None:
    with pytest.raises(UsageError, match=r"^--promised: not a date: 'when pigs fly'"):
        parse_day("when pigs fly", "--promised", MONDAY)
    with pytest.raises(UsageError, match=r"^--applied-on: not a date: 'soon' \(use YYYY-MM-DD"):
        parse_day("soon", "--applied-on")
    assert parse_day("2026-02-10", "--applied-on") == date(2026, 2, 10)
    assert resolve_phrase("when pigs fly", MONDAY) is None
    assert resolve_phrase("4/10", MONDAY, "US") == date(2026, 4, 10)
    assert resolve_phrase("12/10", MONDAY, "US") is None  # 283 days on: asked, not taken


NOW = datetime(2026, 12, 1, 9, 30)  # a Tuesday morning


@pytest.mark.parametrize(
    ("text", "direction", "expected"),
    [
        ("tomorrow 3pm", "nearest", datetime(2026, 12, 2, 15, 0)),
        ("yesterday 17:40", "nearest", datetime(2026, 11, 30, 17, 40)),
        ("now", "nearest", NOW),
        ("3pm", "nearest", datetime(2026, 12, 1, 15, 0)),
        ("today at 2:30 pm", "nearest", datetime(2026, 12, 1, 14, 30)),
        ("noon tomorrow", "nearest", datetime(2026, 12, 2, 12, 0)),
        ("Monday 10am", "future", datetime(2026, 12, 7, 10, 0)),  # an interview ahead
        ("Monday 10am", "past", datetime(2026, 11, 30, 10, 0)),  # a note already sent
        ("Monday 10am", "nearest", datetime(2026, 11, 30, 10, 0)),
        ("next Monday 10:00", "nearest", datetime(2026, 12, 7, 10, 0)),
        ("last Friday at noon", "nearest", datetime(2026, 11, 27, 12, 0)),
        ("2 hours ago", "nearest", datetime(2026, 12, 1, 7, 30)),
        ("in an hour", "nearest", datetime(2026, 12, 1, 10, 30)),
        ("12/10 9:30am", "nearest", datetime(2026, 12, 10, 9, 30)),
        ("Dec 3 at 4pm", "nearest", datetime(2026, 12, 3, 16, 0)),
        ("2026-03-02 10:00", "nearest", datetime(2026, 3, 2, 10, 0)),
        ("2026-03-02T10:00", "nearest", datetime(2026, 3, 2, 10, 0)),
        ("2026-03-02", "nearest", datetime(2026, 3, 2)),
    ],
)
def test_moments(text: str, direction: str, expected: datetime) -> None:
    assert read_moment(text, NOW, "US", direction) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "message"),
    [("2026-02-30 10:00", r"^--at: not a date and time: '2026-02-30 10:00' \(no such day\)"),
     ("tomorrow 25:00", r"^--at: not a time of day: 25:00"),
     ("tomorrow 13pm", r"^--at: not a time of day: 13pm"),
     ("whenever 3pm",
      r"^--at: not a date and time: 'whenever 3pm' \(did not understand 'whenever'"),
     ("in 99999999 hours", r"^--at: 'in 99999999 hours' is more than a year")],
)
def test_moment_refusals(text: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        parse_moment(text, "--at", NOW)


# -- the invariant: whatever is typed, a promise lands within the year after the interview --

_WORDS = ["by", "in", "within", "next", "this", "the", "early", "mid", "end of", "late",
          "week", "month", "weeks", "days", "business days", "months", "a couple of", "a few",
          "two", "10", "3", "Friday", "Monday", "December", "March", "Feb", "the 20th", "31st",
          "of", "after the holidays", "after", "or", "-", "12/10", "29/02", "2/29", "2027",
          "tomorrow", "today", "yesterday", "Q1", "quarter", "year", "from now", "99999999"]
_REFS = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))
_COUNTRIES = st.sampled_from(["US", "GB", "ES", "DE", None])


def _check(phrase: str, ref: date, country: str | None) -> None:
    try:
        found = read_date_phrase(phrase, ref, country)
    except DateNotUnderstood as e:
        assert e.reason and "\n" not in e.reason
        return
    assert ref <= found <= a_year_after(ref), (phrase, ref, found)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=5).map(" ".join), _REFS,
       _COUNTRIES)
def test_no_phrase_lands_before_the_interview_or_over_a_year_after(
        phrase: str, ref: date, country: str | None) -> None:
    _check(phrase, ref, country)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=30), _REFS, _COUNTRIES)
def test_no_text_at_all_breaks_the_bounds(phrase: str, ref: date, country: str | None) -> None:
    _check(phrase, ref, country)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**12),
       st.sampled_from(["days", "business days", "weeks", "months", "working days"]), _REFS)
def test_any_count_is_inside_the_year_or_refused(n: int, unit: str, ref: date) -> None:
    _check(f"in {n} {unit}", ref, "US")


def test_week_after_a_sunday_interview() -> None:
    sunday = date(2026, 3, 1)
    assert read_date_phrase("next Wednesday", sunday) == date(2026, 3, 4)
    assert read_date_phrase("early next week", sunday) == date(2026, 3, 3)
    assert read_date_phrase("in 1 business day", sunday) == sunday + timedelta(days=1)


# -- in running text (the mailbox reads replies with this) --------------------------------


@pytest.mark.parametrize(("text", "expected", "words"), [
    ("Thanks for your patience. We'll decide by the 20th.", date(2026, 12, 20),
     "We'll decide by the 20th"),
    ("We expect to have news early next month.", date(2027, 1, 10), "early next month"),
    ("Still interviewing; we should know in two weeks or so.", date(2026, 12, 15),
     "in two weeks"),
    ("Decision expected mid-December, after the panel.", date(2026, 12, 15), None),
    ("We hope to decide after the holidays.", date(2027, 1, 4), None),
    ("Let's talk on 12/10 at 3pm.", date(2026, 12, 10), "on 12/10"),
])
def test_find_date_phrase_in_a_reply(text: str, expected: date, words: str | None) -> None:
    found = find_date_phrase(text, TUESDAY, "US")
    assert found is not None and found[0] == expected
    if words is not None:
        assert words in found[1] and found[1] in text


def calls(fn: Callable[..., object], *args: object) -> int:
    """How many Python and C calls `fn(*args)` makes: work counted, not timed (a loaded
    machine makes seconds meaningless; `make bench` measures speed). Raises what fn raises."""
    count = 0

    def profile(frame: object, event: str, arg: object) -> None:
        nonlocal count
        count += event in ("call", "c_call")

    sys.setprofile(profile)
    try:
        fn(*args)
    finally:
        sys.setprofile(None)
    return count


def test_find_date_phrase_finds_nothing_in_plain_text_quickly() -> None:
    assert find_date_phrase("Thank you, nothing to report yet.", TUESDAY) is None
    assert find_date_phrase("We met in 2019 and again last spring.", TUESDAY) is None
    assert calls(find_date_phrase, "week " * 5000, TUESDAY) < 2_000_000  # linear, not n²


# -- issue 22: holidays by name, ordinal weeks, hours, far numeric dates --------------------

_FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "dates"


def _rows(name: str) -> list[tuple[date, str | None, str, str]]:
    rows = []
    for line in (_FIXTURES / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            day, country, phrase, expected, _pattern = line.split("\t")
            rows.append((date.fromisoformat(day), None if country == "-" else country, phrase,
                         expected))
    return rows


def _reading(phrase: str, day: date, country: str | None) -> str:
    try:
        return read_date_phrase(phrase, day, country).isoformat()
    except DateAmbiguous:
        return "ask"
    except DateNotUnderstood:
        return "refuse"


@pytest.mark.parametrize(("day", "country", "phrase", "expected"), _rows("tuning.tsv"))
def test_tuning_phrases(day: date, country: str | None, phrase: str, expected: str) -> None:
    assert _reading(phrase, day, country) == expected


def test_held_out_phrases_stay_at_their_measured_score() -> None:
    """The held-out list (written before the code, never tuned on) scored 8/40 before and
    39/40 after; its one miss is the `holidays` package's GB calendar, which has no Easter
    Monday without a nation (England's bank holiday, not Scotland's)."""
    rows = _rows("held_out.tsv")
    misses = [(p, d, c, e) for d, c, p, e in rows if _reading(p, d, c) != e]
    assert len(rows) >= 30
    assert misses == [("after Easter", date(2027, 3, 10), "GB", "2027-03-30")]


@pytest.mark.parametrize(("phrase", "country", "expected"), [
    ("the week after Thanksgiving", "US", date(2026, 12, 4)),
    ("after Thanksgiving", "US", date(2026, 11, 30)),  # Thursday: the Friday bridged
    ("before Thanksgiving", "US", date(2026, 11, 25)),
    ("by Thanksgiving", "US", date(2026, 11, 25)),
    ("after Christmas", "DE", date(2026, 12, 28)),  # 25 and 26 December off
    ("the week of Christmas", "US", date(2026, 12, 24)),  # Friday 25th off: Thursday
    ("after Easter", None, date(2027, 3, 29)),
    ("after Labor Day", "US", date(2027, 9, 7)),  # this year's is past: next September
])
def test_named_holidays(phrase: str, country: str | None, expected: date) -> None:
    assert read_date_phrase(phrase, date(2026, 11, 17), country) == expected


def test_a_holiday_the_country_does_not_keep_is_refused_with_the_reason() -> None:
    with pytest.raises(DateNotUnderstood, match=r"GB's public holidays have no thanksgiving"):
        read_date_phrase("after Thanksgiving", date(2026, 11, 17), "GB")
    with pytest.raises(DateNotUnderstood, match=r"Set your country"):
        read_date_phrase("after Thanksgiving", date(2026, 11, 17))


@pytest.mark.parametrize(("phrase", "expected"), [
    ("the first week of January", date(2027, 1, 8)),  # 1 Jan is a Friday: week of the 4th
    ("the second week of January", date(2027, 1, 15)),
    ("early in the second week of january", None),
    ("the last week of December", date(2026, 12, 31)),  # its Friday is New Year's Day
    ("end of the first week of next month", date(2027, 1, 8)),
    ("mid the first week of January", date(2027, 1, 6)),
    ("the fifth week of February", None),
])
def test_ordinal_weeks(phrase: str, expected: date | None) -> None:
    if expected is None:
        with pytest.raises(DateNotUnderstood):
            read_date_phrase(phrase, TUESDAY, "US")
    else:
        assert read_date_phrase(phrase, TUESDAY, "US") == expected


@pytest.mark.parametrize(("phrase", "expected"), [
    ("within 48 hours", date(2026, 12, 3)),
    ("in 24 hours", date(2026, 12, 2)),
    ("within 36 hours", date(2026, 12, 3)),  # may end on the second day
    ("24-48 hours", date(2026, 12, 3)),
    ("within a few hours", date(2026, 12, 2)),
    ("within 48 business hours", date(2026, 12, 3)),
])
def test_spans_in_hours(phrase: str, expected: date) -> None:
    assert read_date_phrase(phrase, TUESDAY, "US") == expected


_PHRASE_WORDS = [*_WORDS, "Thanksgiving", "Easter", "Christmas", "Labor Day", "Diwali",
                 "the week after", "the week of", "before", "bank holiday", "first", "second",
                 "last", "fifth", "week of", "January", "hours", "48", "business hours",
                 "the 4th of July", "5/30", "11/28", "3/1", "28/2", "12.10.", "within"]


@settings(max_examples=700, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PHRASE_WORDS), min_size=1, max_size=6).map(" ".join), _REFS,
       st.sampled_from(["US", "GB", "DE", "IN", "CA", "AU", None]))
@example("29/02", date(2003, 1, 1), "US")  # the next 29 February is 424 days on: refused
def test_any_phrase_is_a_date_in_the_window_or_a_refusal_or_a_question(
        phrase: str, ref: date, country: str | None) -> None:
    """Issue 22's property: whatever is said, the reader gives a day within the year after
    the interview, or refuses in one line, or asks (showing days within that year); a
    numeric date without a year is never taken more than 90 days on."""
    try:
        found = read_date_phrase(phrase, ref, country)
    except DateAmbiguous as e:
        assert e.readings and "\n" not in e.reason
        assert all(ref <= d <= a_year_after(ref) for d in e.readings)
        return
    except DateNotUnderstood as e:
        assert e.reason and "\n" not in e.reason
        return
    assert ref <= found <= a_year_after(ref), (phrase, ref, found)
    if re.fullmatch(r"\d{1,2}[/.]\d{1,2}\.?", phrase.strip()):
        assert (found - ref).days <= 90
