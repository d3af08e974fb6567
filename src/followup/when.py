"""Dates as people type them: `2026-03-02 10:00`, `next Wednesday`, `end of next week`.

Relative phrases resolve against a base date (the interview's day for `--promised`), never
the clock, so the same input always gives the same date. Common phrases are handled here
with `dateutil.relativedelta`; anything else goes to `dateparser` (imported only then: it
costs ~150 ms). The CLI echoes what a phrase resolved to, so the user can check it.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from dateutil.relativedelta import FR, relativedelta, weekday
from dateutil.relativedelta import MO as MO_
from dateutil.relativedelta import SA as SA_
from dateutil.relativedelta import SU as SU_
from dateutil.relativedelta import TH as TH_
from dateutil.relativedelta import TU as TU_
from dateutil.relativedelta import WE as WE_

from followup.errors import UsageError

_WEEKDAYS: dict[str, weekday] = {
    "monday": MO_, "mon": MO_, "tuesday": TU_, "tue": TU_, "tues": TU_, "wednesday": WE_,
    "wed": WE_, "thursday": TH_, "thu": TH_, "thurs": TH_, "friday": FR, "fri": FR,
    "saturday": SA_, "sat": SA_, "sunday": SU_, "sun": SU_,
}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "a couple of": 2, "a few": 3}
_UNIT_DAYS = {"day": 1, "business day": 1, "week": 7}
_ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}([ T]\d{1,2}:\d{2}(:\d{2})?)?")


def parse_moment(text: str, option: str) -> datetime:
    """`--at`: an ISO date or date and time (`2026-03-02 10:00`); a date alone is 00:00."""
    value = text.strip()
    if _ISO_MOMENT.fullmatch(value):
        try:
            return datetime.fromisoformat(value.replace(" ", "T"))
        except ValueError:
            pass
    raise UsageError(f"{option}: not a date and time: {text!r} (use YYYY-MM-DD HH:MM)")


def parse_day(text: str, option: str, base: date | None = None) -> date:
    """A date: ISO, or a phrase relative to `base` when one is given."""
    value = text.strip()
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    if base is not None:
        found = resolve_phrase(value, base)
        if found is not None:
            return found
    raise UsageError(f"{option}: not a date: {text!r}"
                     + (" (try YYYY-MM-DD or a phrase like 'next Wednesday')" if base else
                        " (use YYYY-MM-DD)"))


def resolve_phrase(phrase: str, base: date) -> date | None:
    """`next Wednesday` said on Mon 2 Mar 2026 -> Wed 11 Mar (the Wednesday of next week)."""
    p = " ".join(phrase.lower().replace(",", " ").split())
    p = re.sub(r"^(by|before|on|until|around|about)\s+", "", p)
    p = re.sub(r"^the\s+", "", p)
    if p in ("today", "tonight", "end of day", "end of the day", "eod"):
        return base
    if p == "tomorrow":
        return base + timedelta(days=1)
    m = re.fullmatch(r"(this|next|coming|the coming)?\s*(\w+)", p)
    if m and m.group(2) in _WEEKDAYS:
        wd = _WEEKDAYS[m.group(2)]
        if m.group(1) == "next":
            # "next Wednesday": the Wednesday of next week (the reading most people mean).
            start_of_next_week = base + relativedelta(weekday=MO_(+1), days=+1)
            return start_of_next_week + relativedelta(weekday=wd(+1))
        return base + relativedelta(days=+1, weekday=wd(+1))
    m = re.fullmatch(r"(end of|the end of|late|later)\s*(this|the|next)\s+(week|month)", p)
    if m:
        later = m.group(2) == "next"
        if m.group(3) == "week":
            friday = base + relativedelta(weekday=FR(+1))
            return friday + timedelta(days=7) if later else friday
        month = base + relativedelta(months=1 if later else 0)
        return month + relativedelta(day=31)
    m = re.fullmatch(r"(next|this|in a|in one)\s+(week|month)", p)
    if m:
        return base + (timedelta(days=7) if m.group(2) == "week" else relativedelta(months=1))
    m = re.fullmatch(r"(?:in|within)\s+(\d+|" + "|".join(_NUMBERS) + r")\s+"
                     r"(day|business day|week|month)s?", p)
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else _NUMBERS[m.group(1)]
        if m.group(2) == "month":
            return base + relativedelta(months=n)
        if m.group(2) == "business day":
            d = base
            while n:
                d += timedelta(days=1)
                if d.weekday() < 5:
                    n -= 1
            return d
        return base + timedelta(days=n * _UNIT_DAYS[m.group(2)])
    return _dateparser(phrase, base)


def _dateparser(phrase: str, base: date) -> date | None:
    import dateparser

    found = dateparser.parse(
        phrase,
        languages=["en"],
        settings={
            "RELATIVE_BASE": datetime.combine(base, datetime.min.time()),
            "PREFER_DATES_FROM": "future",
            "DATE_ORDER": "YMD",
        },
    )
    return found.date() if found else None
