"""The one way followup writes a date for a person: `Fri 4 Dec`, with the year when it is not
this year's (`Mon 4 Jan 2027`), and `Fri 4 Dec 10:00` for a moment.

Locale-independent on purpose: the same output on every machine, in tests and in scripts.
Without `today`, the year is always shown (an error message, a page with no "now").
Notes to employers write dates their own way (`lint.content.say_date`, "on 4 December").
"""

from __future__ import annotations

from datetime import date, datetime

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def say(d: date | datetime, today: date | None = None) -> str:
    """`Mon 23 Mar`, with the year unless `today` is given and in the same year."""
    day = d.date() if isinstance(d, datetime) else d
    text = f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"
    return text if today is not None and day.year == today.year else f"{text} {day.year}"


def say_moment(at: datetime, today: date | None = None) -> str:
    """`Mon 23 Mar 10:00` (the year as in `say`)."""
    return f"{say(at, today)} {at:%H:%M}"

