"""The one way followup writes a date for a person: `Fri 4 Dec`, with the year when it is not
this year's (`Mon 4 Jan 2027`), and `Fri 4 Dec 10:00` for a moment.

Locale-independent on purpose: the same output on every machine, in tests and in scripts.
Without `today`, the year is always shown (an error message, a page with no "now").

Every voice a date is said in lives here: the person's (`say`, `say_moment`, `say_near`:
"tomorrow"), the web's compact ones (`say_short`: "2 Mar"; `say_at`: no time at midnight)
and the employer-facing one of notes and drafts (`say_written`: "Wednesday 9 December";
`say_since`: "on Monday", "yesterday").
"""

from __future__ import annotations

from datetime import date, datetime

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")


def say(d: date | datetime, today: date | None = None) -> str:
    """`Mon 23 Mar`, with the year unless `today` is given and in the same year."""
    day = d.date() if isinstance(d, datetime) else d
    text = f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"
    return text if today is not None and day.year == today.year else f"{text} {day.year}"


def say_moment(at: datetime, today: date | None = None) -> str:
    """`Mon 23 Mar 10:00` (the year as in `say`)."""
    return f"{say(at, today)} {at:%H:%M}"


def say_near(d: date | None, today: date) -> str:
    """`today`, `tomorrow`, `yesterday`, else as `say` (`-`: no date): the agenda's words."""
    if d is None:
        return "-"
    days = (d - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    return say(d, today)


def say_short(value: date | datetime) -> str:
    """`2 Mar`: a timeline's tick."""
    return f"{value.day} {MONTHS[value.month - 1]}"


def say_at(value: datetime) -> str:
    """`Mon 2 Mar 2026 10:00`, without the time at midnight (a date alone was given)."""
    if value.hour == 0 and value.minute == 0:
        return say(value)
    return f"{say(value)} {value:%H:%M}"


def say_written(d: date) -> str:
    """`Friday 20 March`: how notes to employers and drafts name a date."""
    return f"{WEEKDAY_NAMES[d.weekday()]} {d.day} {MONTH_NAMES[d.month - 1]}"


def say_since(day: date | None, today: date) -> str:
    """When something happened, in a note to an employer: `today`, `yesterday`, `on Monday`
    within the week, else `on Friday 20 March`; `recently` when unknown."""
    if day is None:
        return "recently"
    delta = (today - day).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "yesterday"
    if 0 < delta < 7:
        return f"on {WEEKDAY_NAMES[day.weekday()]}"
    return f"on {say_written(day)}"
