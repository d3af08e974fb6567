"""Dates as people say them: `12/10`, `early next week`, `mid-December`, `tomorrow 3pm`.

Pure: every phrase is read against a reference (the interview's day for `--promised`, the
message's day for a reply, "now" for `--at`), never the clock, so the same input always
gives the same answer. Numeric dates follow the candidate's country (month/day in the US,
day/month elsewhere, ISO always). A promised date is never before its reference nor more
than a year after it; what cannot be read is refused with the words that were not
understood. The choices (what "early next week" or "after the holidays" means) are written
down in docs/dates.md. `dateparser` is a last resort for odd spellings (imported only then:
it costs ~150 ms) and its answers are held to the same bounds.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal

from followup.core.errors import UsageError

Direction = Literal["future", "past", "nearest"]

FAR_DAYS = 90  # a year-less numeric date further than this from the reference is asked about
MAX_PHRASE = 80  # characters: longer input is not a date phrase, and is never parsed
# Countries that write the month first (`12/10` is 10 December there).
MONTH_FIRST = frozenset({"US", "PR", "GU", "VI", "AS", "MP", "UM", "PH", "FM", "MH", "PW"})

_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = {**{d: i for i, d in enumerate(_DAYS)}, **{d[:3]: i for i, d in enumerate(_DAYS)},
            "tues": 1, "weds": 2, "thur": 3, "thurs": 3}
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
_MONTH = {**{m: i + 1 for i, m in enumerate(_MONTHS)},
          **{m[:3]: i + 1 for i, m in enumerate(_MONTHS)}, "sept": 9}
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
           "fifteen": 15, "twenty": 20, "thirty": 30, "couple": 2, "a couple": 2,
           "a couple of": 2, "couple of": 2, "few": 3, "a few": 3, "several": 4}
# The most a count of each unit may be: a promised date lies within a year.
_UNIT_MAX = {"day": 366, "business day": 262, "week": 53, "fortnight": 26, "month": 12,
             "year": 1, "hour": 366 * 24, "business hour": 262 * 24}
_UNIT = {"day": "day", "days": "day", "business day": "business day",
         "business days": "business day", "working day": "business day",
         "working days": "business day", "work day": "business day",
         "work days": "business day", "workday": "business day", "workdays": "business day",
         "weekday": "business day", "weekdays": "business day", "week": "week",
         "weeks": "week", "wk": "week", "wks": "week", "fortnight": "fortnight",
         "fortnights": "fortnight", "month": "month", "months": "month", "year": "year",
         "years": "year", "hour": "hour", "hours": "hour", "hr": "hour", "hrs": "hour",
         "business hour": "business hour", "business hours": "business hour",
         "working hours": "business hour"}
# Parts of a period: the day a promise made for it is kept by (docs/dates.md).
_WEEK_PART = {"early": 1, "start of": 1, "beginning of": 1, "mid": 2, "middle of": 2,
              "late": 4, "later": 4, "end of": 4}  # Tue, Wed, Fri
_MONTH_PART = {"early": 10, "start of": 10, "beginning of": 10, "mid": 15, "middle of": 15,
               "late": 31, "end of": 31}

_COUNT = r"(\d+|" + "|".join(sorted(map(re.escape, _COUNTS), key=len, reverse=True)) + ")"
_UNITS = r"(" + "|".join(sorted(map(re.escape, _UNIT), key=len, reverse=True)) + ")"
_PARTS = r"(early|start of|beginning of|mid|middle of|late|later|end of)"
_MONTHNAME = r"(" + "|".join(sorted(_MONTH, key=len, reverse=True)) + ")"
_WDNAME = r"(" + "|".join(sorted(_WEEKDAY, key=len, reverse=True)) + ")"
_ORD = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:\s+(\d{4}))?"

# Words a date phrase may hold; anything else is named in the error as not understood.
_VOCAB = frozenset({*_WEEKDAY, *_MONTH, *_COUNTS, *(w for u in _UNIT for w in u.split()), *"""
    by before on until till til around about the this next coming following in within of
    from now today tonight tomorrow yesterday week month end early mid middle late later
    start beginning after holidays holiday new year years year's or to and at latest so day
    eod cob eow eom eoy close business quarter q1 q2 q3 q4 christmas xmas sometime some time
    more other last ago am pm noon midday midnight hour hours minute minutes mins min hr hrs
    than no approximately roughly maybe probably hopefully decide decision we'll we will
    they'll they know hear back get you let be touch expect hope plan should have is are
    sooner if not earlier th st nd rd year-end yearend first half second season break
    winter festive once over hours hrs hr business working thanksgiving easter friday monday
    good boxing eve labor labour memorial independence july fourth 4th juneteenth mlk martin
    luther king presidents presidents' columbus veterans canada victoria australia anzac
    diwali deepavali holi eid al-fitr chinese lunar ascension whit pentecost bank long
    weekend public following third fourth fifth final 5th 4th""".split()})


class DateNotUnderstood(UsageError):
    """A date phrase that cannot be read, or reads outside the allowed span.

    `phrase` is what was given, `reason` the one-line why (without the option name)."""

    readings: tuple[date, ...] = ()

    def __init__(self, phrase: str, reason: str) -> None:
        self.phrase = phrase
        self.reason = reason
        super().__init__(reason)


class DateAmbiguous(DateNotUnderstood):
    """A phrase with more than one plausible reading, none taken: a question, not a date.

    `readings` are the days it could mean, the country's reading first; the reason shows
    them all and how to say which ("12/10 is Tue 12 Oct 2027 ... or Thu 10 Dec 2026?")."""

    def __init__(self, phrase: str, reason: str, readings: tuple[date, ...]) -> None:
        super().__init__(phrase, reason)
        self.readings = readings


@dataclass(frozen=True, slots=True)
class _Ctx:
    ref: date
    country: str | None
    direction: Direction
    ask_far: bool = False  # a year-less numeric date over FAR_DAYS away is asked about


def say(day: date) -> str:
    """How a resolved date is echoed back: `Thu 10 Dec 2026`."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def month_first(country: str | None) -> bool:
    """Whether numeric dates are month/day in this country (the US and its territories)."""
    return bool(country) and country.strip().upper() in MONTH_FIRST  # type: ignore[union-attr]


# -- the public readers ---------------------------------------------------------------


def read_date_phrase(text: str, reference_date: date, country: str | None = None, *,
                     since: str = "the interview") -> date:
    """The day a phrase names, said on `reference_date`: within a year on or after it.

    `country` (ISO code) sets the order of numeric dates and the holidays of "after the
    holidays" and business days. Raises `DateNotUnderstood` (a `UsageError`) with a
    one-line reason; `since` names the reference in that reason ("the interview",
    "the message")."""
    phrase = text.strip()
    found = _resolve(phrase, _Ctx(reference_date, _norm_country(country), "future", True))
    latest = a_year_after(reference_date)
    if found < reference_date:
        raise DateNotUnderstood(phrase, f"{phrase!r} is {say(found)}, before {since} "
                                f"({say(reference_date)})")
    if found > latest:
        raise DateNotUnderstood(phrase, f"{phrase!r} is more than a year after {since} "
                                f"({say(reference_date)}); give a date by {say(latest)}")
    return found


_DATED = frozenset({*_WEEKDAY, *_MONTH, *_UNIT, "today", "tonight", "tomorrow", "week",
                    "month", "year", "holidays", "holiday", "christmas", "xmas", "quarter",
                    "q1", "q2", "q3", "q4", "eod", "cob", "eow", "eom", "eoy", "new",
                    "fortnight", "year-end", "mid-december", "1st", "2nd", "3rd"}
                   | {f"mid-{m}" for m in _MONTH})
_FIND_LIMIT = 2000  # characters of a message scanned for a date phrase
_FIND_WORDS = 6  # the longest phrase tried, in words


def find_date_phrase(text: str, reference_date: date, country: str | None = None
                     ) -> tuple[date, str] | None:
    """The first date phrase in running text (a reply: "We'll decide by the 20th."), as
    (date, the words read), or None. Only the table's own forms count here (no dateparser:
    in prose it finds dates in anything), the longest reading at each place wins, and the
    date must lie within the year after `reference_date` (the message's day)."""
    words = list(re.finditer(r"[\w'/.\-]+", text[:_FIND_LIMIT]))
    low = [w.group().lower().strip(".") for w in words]
    dated = [w in _DATED or w[:1].isdigit() for w in low]
    ctx = _Ctx(reference_date, _norm_country(country), "future", True)
    latest = a_year_after(reference_date)
    seen: dict[str, date | None] = {}  # readings by normalised words: repeats cost nothing
    for i in range(len(words)):
        if not (low[i] in _VOCAB or dated[i]):
            continue  # no date phrase starts with this word
        for j in range(min(len(words), i + _FIND_WORDS), i, -1):
            if not any(dated[i:j]):
                break  # a phrase names a day, a unit or a number somewhere
            chunk = text[words[i].start():words[j - 1].end()]
            p = _strip(_normalize(chunk))
            if not p or not re.search(r"[a-z0-9]", p):
                continue
            if p in seen:
                found = seen[p]
            else:
                try:
                    found = _read(p, ctx, chunk)
                except DateNotUnderstood:
                    found = None
                seen[p] = found
            if found is not None and reference_date <= found <= latest:
                return found, chunk.rstrip(".")
    return None


def resolve_phrase(phrase: str, base: date, country: str | None = None) -> date | None:
    """`read_date_phrase` without the error: None when the phrase can't be read."""
    try:
        return read_date_phrase(phrase, base, country)
    except DateNotUnderstood:
        return None


def parse_day(text: str, option: str, base: date | None = None,
              country: str | None = None, since: str = "the interview") -> date:
    """An option's date: ISO, or (given `base`) a phrase read against it; errors name
    the option."""
    value = text.strip()
    if base is None:
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
        numeric = _numeric(value.lower(), _Ctx(date.min, _norm_country(country), "past"),
                           keep_year=True)
        if numeric is not None and re.search(r"\d{4}$", value):
            return numeric
        raise UsageError(f"{option}: not a date: {text!r} (use YYYY-MM-DD)")
    try:
        return read_date_phrase(value, base, country, since=since)
    except DateNotUnderstood as e:
        raise UsageError(f"{option}: {e.reason}") from None


_TIME = (r"(?:at\s+|@\s*)?(?:(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)|(\d{1,2}):(\d{2})"
         r"|(noon|midday|midnight))")
_AGO = re.compile(r"(?:(\d+|a|an|one|two|three|a couple of|a few)\s+(hour|hr|minute|min)s?"
                  r"\s+ago|in\s+(\d+|a|an|one|two|three|a couple of|a few)\s+(hour|hr|minute"
                  r"|min)s?)")


def read_moment(text: str, now: datetime, country: str | None = None,
                direction: Direction = "nearest") -> datetime:
    """A date and time: ISO (`2026-03-02 10:00`), `now`, `tomorrow 3pm`, `yesterday 17:40`,
    `Monday 10am`, `12/10 9:30am`, `2 hours ago`. A date alone is its start (00:00).

    `direction` settles a bare weekday or a year-less date: the coming one (`future`, for
    an interview being scheduled), the last one (`past`, for a note already sent), or the
    closer of the two (`nearest`). Raises `DateNotUnderstood`."""
    raw = text.strip()
    if len(raw) > MAX_PHRASE:
        raise DateNotUnderstood(raw[:20] + "...", f"not a date and time: {len(raw)} characters"
                                " (a date and time is a few words)")
    value = raw.replace("T", " ") if re.fullmatch(r"\d{4}-\d\d-\d\dT.*", raw) else raw
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        pass
    p = _normalize(raw)
    if p in ("now", "right now", "just now"):
        return now.replace(second=0, microsecond=0)
    m = _AGO.fullmatch(p)
    if m:
        n = _count(m.group(1) or m.group(3), raw)
        minutes = n * (60 if (m.group(2) or m.group(4)).startswith("h") else 1)
        if minutes > 24 * 60 * 366:
            raise DateNotUnderstood(raw, f"{raw!r} is more than a year from now")
        step = timedelta(minutes=minutes)
        return (now - step if m.group(1) else now + step).replace(second=0, microsecond=0)
    day_part, at = p, time(0, 0)
    m = re.fullmatch(r"(?P<d>.*?)\s*,?\s*" + _TIME, p) or re.fullmatch(
        _TIME + r"\s*,?\s*(?:on\s+)?(?P<d>.*)", p)
    if m:
        g = m.groups()
        at = _clock(g[1:7] if m.re.pattern.startswith("(?P<d>") else g[:6], raw)
        day_part = m.group("d").strip()
    day = now.date() if day_part in ("", "today", "tonight", "this morning",
                                     "this afternoon", "this evening") else None
    if day is None:
        ctx = _Ctx(now.date(), _norm_country(country), direction)
        try:
            day = _resolve(day_part, ctx, raw)
        except DateNotUnderstood as e:
            if e.reason.startswith("not a date: "):
                reason = e.reason[12:].replace(_DAY_HINT, _MOMENT_HINT)
                raise DateNotUnderstood(raw, "not a date and time: " + reason) from None
            raise
        if abs((day - now.date()).days) > 366:
            raise DateNotUnderstood(raw, f"{raw!r} is {say(day)}, more than a year from now")
    return datetime.combine(day, at)


def parse_moment(text: str, option: str, now: datetime | None = None,
                 country: str | None = None, direction: Direction = "nearest") -> datetime:
    """An option's date and time (`--at`), read by `read_moment`; errors name the option."""
    try:
        return read_moment(text, now or datetime.now(), country, direction)
    except DateNotUnderstood as e:
        hint = "" if "(" in e.reason else (
            " (try 'tomorrow 3pm', 'yesterday 17:40', 'now' or 2026-03-02 10:00)")
        raise UsageError(f"{option}: {e.reason}{hint}") from None


def _clock(g: tuple[str | None, ...], raw: str) -> time:
    hour, minute, half, hour24, minute24, word = g[:6]
    if word:
        return time(0, 0) if word == "midnight" else time(12, 0)
    if hour24 is not None:
        h, mi = int(hour24), int(minute24 or 0)
        if h > 23 or mi > 59:
            raise DateNotUnderstood(raw, f"not a time of day: {hour24}:{minute24} in {raw!r}")
        return time(h, mi)
    h, mi = int(hour or 0), int(minute or 0)
    if not 1 <= h <= 12 or mi > 59:
        raise DateNotUnderstood(raw, f"not a time of day: {hour}{':' + minute if minute else ''}"
                                f"{half} in {raw!r}")
    pm = (half or "").startswith("p")
    return time(h % 12 + (12 if pm else 0), mi)


# -- reading a day ----------------------------------------------------------------------


def _norm_country(country: str | None) -> str | None:
    return country.strip().upper() if country and country.strip() else None


def a_year_after(day: date) -> date:
    """The latest a promise said on `day` may name: the same day next year (28 Feb for 29)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return date(day.year + 1, 2, 28)


def _normalize(text: str) -> str:
    p = text.lower().replace("\u2013", "-").replace("\u2014", "-").replace("\u2019", "'")
    p = re.sub(r"(?<=[a-z])\.(?=\s|$)", "", p)  # "Dec." "a.m." endings
    p = p.replace(",", " ").replace("mid-", "mid ").replace("end-of-", "end of ")
    p = re.sub(r"\s+", " ", p).strip(" .!?;:")
    return p


_LEAD = re.compile(
    r"^(?:(?:we|they|i|she|he)(?:'ll| will| should| hope to| expect to| plan to| aim to"
    r"| intend to)?\s+(?:(?:make a |have a |reach a )?decision|decide|know|hear|be in touch"
    r"|get back to you|let you know|come back to you|follow up|reach out)\s*"
    r"|(?:a |the )?decision\s+(?:is\s+)?(?:expected\s+)?|sometime\s+|some time\s+"
    r"|hopefully\s+|probably\s+|maybe\s+|approximately\s+|roughly\s+|about\s+|around\s+"
    r"|no later than\s+|not later than\s+|by\s+|before\s+|on\s+|until\s+|till\s+|til\s+"
    r"|due\s+|for\s+)+")
_TRAIL = re.compile(r"(?:\s+(?:at the latest|or so|or sooner|if not sooner|hopefully"
                    r"|or earlier|at latest|latest))+$")


def _strip(p: str) -> str:
    p = _LEAD.sub("", p)
    p = _TRAIL.sub("", p)
    return p.strip()


def _resolve(phrase: str, ctx: _Ctx, shown: str | None = None) -> date:
    """The one day a phrase names (no bounds); raises `DateNotUnderstood`."""
    shown = shown if shown is not None else phrase
    if len(phrase) > MAX_PHRASE:
        raise DateNotUnderstood(shown[:20] + "...", f"not a date: {len(phrase)} characters "
                                "(a date phrase is a few words)")
    if not phrase.strip():
        raise DateNotUnderstood(shown, "not a date: nothing given")
    p = _normalize(phrase)
    m = re.fullmatch(r"(?:by|before)\s+(?:the\s+)?(?:start\s+of\s+)?" + _MONTHNAME + _YEAR, p)
    if m:  # "by January": when January begins
        return _month_day(_MONTH[m.group(1)], 1, m.group(2), ctx, shown)
    if re.fullmatch(r"(?:before|by|ahead of)\s+(?:the\s+)?(?:christmas\s+|winter\s+)?"
                    r"(?:holidays?|holiday season|christmas|xmas|break)", p):
        return _before_christmas(ctx.ref, ctx.country)
    found = _holiday(p, ctx, shown)  # before _strip, which drops "before" and "by"
    if found is not None:
        return found
    p = _strip(p)
    found = _read(p, ctx, shown)
    if found is None:
        found = _dateparser(p, ctx)
    if found is None:
        raise DateNotUnderstood(shown, f"not a date: {shown!r}{_not_understood(p)}")
    return found


_DAY_HINT = "try 'next Wednesday', 'mid-December', 'in two weeks' or 2026-03-20"
_MOMENT_HINT = "try 'tomorrow 3pm', 'yesterday 17:40', 'now' or 2026-03-02 10:00"


def _not_understood(p: str) -> str:
    words = [w for w in re.findall(r"[a-z']+", p) if w not in _VOCAB]
    if words:
        return f" (did not understand {', '.join(repr(w) for w in words[:3])}; {_DAY_HINT})"
    return f" ({_DAY_HINT})"


def _count(word: str, shown: str) -> int:
    if word.isdigit():
        if len(word) > 6:
            raise DateNotUnderstood(shown, f"{shown!r} is more than a year away")
        return int(word)
    return _COUNTS[word]


def _read(p: str, ctx: _Ctx, shown: str) -> date | None:  # noqa: C901 - one table of forms
    ref = ctx.ref
    found = _iso(p, shown) or _numeric(p, ctx, shown=shown)
    if found is not None:
        return found
    if p in ("today", "tonight", "end of day", "end of the day", "eod", "cob",
             "close of business", "end of business", "this afternoon", "this evening"):
        return ref
    if p in ("tomorrow", "tomorrow morning", "tomorrow afternoon", "end of day tomorrow",
             "tomorrow eod", "eod tomorrow", "tomorrow end of day"):
        return ref + timedelta(days=1)
    if p in ("the day after tomorrow", "day after tomorrow"):
        return ref + timedelta(days=2)
    if p in ("yesterday", "the day before yesterday", "day before yesterday"):
        return ref - timedelta(days=1 if p == "yesterday" else 2)
    m = re.fullmatch(r"(?:(?:eod|cob|end of (?:the )?day|close of business|end of business)"
                     r"\s+(?:on\s+)?)?(.+?)(?:\s+(?:eod|cob|end of day|close of business))?", p)
    if m and m.group(1) != p:
        return _read(m.group(1), ctx, shown)
    # A range ("Monday or Tuesday", "a week or two", "2-3 weeks"): its later end.
    m = re.fullmatch(_COUNT + r"\s*(?:or|to|-)\s*" + _COUNT + r"\s+(?:more\s+)?" + _UNITS
                     + r"(?:\s+(?:from now|from today|time|later))?", re.sub(r"^(?:in|within|"
                     r"in the next|within the next|the next|next|another)\s+", "", p))
    if m:
        return _after(max(_count(m.group(1), shown), _count(m.group(2), shown)),
                      _UNIT[m.group(3)], ctx, shown)
    m = re.fullmatch(r"(?:in |within |in the next |within the next |the next |next )?"
                     r"(?:a |an |one )?" + _UNITS + r"\s+or\s+" + _COUNT + r"(?:\s+\w+)?", p)
    if m:
        return _after(max(1, _count(m.group(2), shown)), _UNIT[m.group(1)], ctx, shown)
    if " or " in p:
        a, _, b = p.partition(" or ")
        first, second = _read(a, ctx, shown), _read(b, ctx, shown)
        if first and second:
            return max(first, second)
    # Counts of a unit: "in 10 business days", "a couple of weeks", "2 weeks from now".
    m = re.fullmatch(r"(?:in|within|after|give (?:us|me|it)|in the next|within the next"
                     r"|the next|another|in another)?\s*" + _COUNT + r"\s+(?:more\s+)?"
                     + _UNITS + r"(?:\s+(?:from now|from today|time|later|out|'s time))?", p)
    if m and (m.group(1) not in ("a", "an") or m.group(2)):
        return _after(_count(m.group(1), shown), _UNIT[m.group(2)], ctx, shown)
    if p in ("a week from now", "a week from today", "a fortnight"):
        return _after(1, "week" if p != "a fortnight" else "fortnight", ctx, shown)
    # Weekdays: "Wednesday", "this Friday", "next Wednesday", "Tuesday next week".
    m = re.fullmatch(r"(this |next |coming |the coming |this coming |last |the following )?"
                     + _WDNAME + r"(?: (this week|next week|week|after next|of next week"
                     r"|of this week|the week after next))?", p)
    if m:
        return _weekday(m.group(1), _WEEKDAY[m.group(2)], m.group(3), ctx)
    # "Thursday 10 December": the date, checked against the weekday.
    m = re.fullmatch(_WDNAME + r"\s+(?:the\s+)?(.+)", p)
    if m:
        found = _read(m.group(2), ctx, shown)
        if found is not None:
            if found.weekday() != _WEEKDAY[m.group(1)]:
                raise DateNotUnderstood(shown, f"{shown!r}: {say(found)} is a "
                                        f"{_DAYS[found.weekday()].title()}, not a "
                                        f"{_DAYS[_WEEKDAY[m.group(1)]].title()}")
            return found
    # Weeks and their parts: "early next week", "mid next week", "end of this week".
    m = re.fullmatch(r"(?:(?:the )?" + _PARTS + r"\s+(?:the\s+)?)?(this|next|the following"
                     r"|the coming|coming|the) week(?: after next)?", p)
    if m or p in ("the week after next", "week after next", "within the week", "this week"):
        part = m.group(1) if m else None
        which = m.group(2) if m else ("this" if "within" in p or p == "this week" else "next")
        offset = 0 if which in ("this", "the") else 1
        offset = 2 if p.endswith("after next") else offset
        return _week_part(part, offset, ctx, shown)
    m = re.fullmatch(r"(early|later|late|mid)\s+(?:in\s+)?(?:the\s+)?week", p)
    if m:
        return _week_part(m.group(1), 0, ctx, shown)
    # Months and their parts: "end of the month", "early next month", "mid-December".
    m = re.fullmatch(r"(?:(?:the )?" + _PARTS + r"\s+(?:the\s+)?)?(this|next|the following"
                     r"|the coming|the) month(?: after next)?", p)
    if m:
        offset = 0 if m.group(2) in ("this", "the") else 1
        offset = 2 if p.endswith("after next") else offset
        first = (ref.replace(day=1) + timedelta(days=32 * offset)).replace(day=1)
        return _month_part(m.group(1), first.year, first.month, ctx, shown, fixed=True)
    m = re.fullmatch(r"(?:(in|during|by|for)\s+)?(?:(?:the )?" + _PARTS + r"\s+(?:of\s+)?)?"
                     + _MONTHNAME + _YEAR, p)
    if m:
        part = m.group(2) or ("start of" if m.group(1) == "by" else None)
        if m.group(1) == "by" and not m.group(2):
            return _month_day(_MONTH[m.group(3)], 1, m.group(4), ctx, shown)
        return _month_part_named(part, _MONTH[m.group(3)], m.group(4), ctx, shown)
    # A day of a month: "December 10", "10th of December", "the 20th", "20th of next month".
    m = re.fullmatch(_MONTHNAME + r"\s+(?:the\s+)?" + _ORD + _YEAR, p)
    if m:
        return _month_day(_MONTH[m.group(1)], int(m.group(2)), m.group(3), ctx, shown)
    m = re.fullmatch(r"(?:the\s+)?" + _ORD + r"\s+(?:of\s+)?" + _MONTHNAME + _YEAR, p)
    if m:
        return _month_day(_MONTH[m.group(2)], int(m.group(1)), m.group(3), ctx, shown)
    m = re.fullmatch(r"(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)(?:\s+of\s+(this|next|the) month)?"
                     r"|the\s+(\d{1,2})", p)
    if m:
        return _nth(int(m.group(1) or m.group(3)), m.group(2), ctx, shown)
    # The n-th week of a month: "the second week of January", "end of the first week of March".
    m = _ORD_WEEK.fullmatch(p)
    if m:
        return _ordinal_week(m, ctx, shown)
    # The year's end, quarters, the holidays.
    if p in ("end of the year", "end of year", "the end of the year", "year end", "year-end",
             "yearend", "eoy", "the year end", "end of this year"):
        return date(ref.year, 12, 31)
    m = re.fullmatch(r"(?:the )?(?:end of (?:the )?)?(this|next|q[1-4]|the) quarter"
                     r"|(?:the )?end of (q[1-4])|(q[1-4])", p)
    if m:
        return _quarter_end(m.group(1) or m.group(2) or m.group(3), ctx)
    if p in ("eom",):
        return _month_part("end of", ref.year, ref.month, ctx, shown, fixed=True)
    if p in ("eow",):
        return _week_part("end of", 0, ctx, shown)
    if re.fullmatch(r"(?:after|once|when)\s+(?:the\s+)?(?:christmas\s+|winter\s+|festive\s+"
                    r"|year-end\s+|end-of-year\s+|new year\s+)?(?:holidays?|holiday season"
                    r"|break|season)(?:\s+are over|\s+is over)?"
                    r"|(?:early\s+)?in the new year|after (?:the\s+)?new year(?:'s)?"
                    r"(?:\s+day)?", p):
        return after_the_holidays(ref, ctx.country)
    if re.fullmatch(r"after (?:christmas|xmas)", p):
        return _after_christmas(ref, ctx.country)
    if re.fullmatch(r"(?:before|ahead of)\s+(?:the\s+)?(?:christmas\s+)?(?:holidays?|christmas"
                    r"|xmas|holiday season|break)|before the end of the year", p):
        return _before_christmas(ref, ctx.country)
    return _holiday(p, ctx, shown)


# -- ordinal weeks of a month: "the second week of January" ----------------------------

_NTH_WEEK = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
             "4th": 4, "fifth": 5, "5th": 5, "last": -1, "final": -1}
_ORD_WEEK = re.compile(
    r"(?:(?:the\s+)?" + _PARTS + r"\s+(?:of\s+)?(?:the\s+)?)?(?:the\s+)?("
    + "|".join(_NTH_WEEK) + r")\s+week\s+(?:of|in)\s+(?:the\s+)?(?:(this|next|the following"
    r"|the coming|coming) month|" + _MONTHNAME + _YEAR + r")")


def _week_last_business(monday: date, country: str | None) -> date:
    """The week's last business day (its Friday unless a holiday; the Monday at worst)."""
    from followup.core.days import is_business_day

    day = monday + timedelta(days=4)
    while day > monday and not is_business_day(day, country):
        day -= timedelta(days=1)
    return day


def _nth_week_monday(year: int, month: int, n: int) -> date | None:
    """The Monday of the month's n-th week (-1: its last), a week being Monday to Sunday and
    belonging to the month that holds its Thursday (as ISO weeks belong to years); None when
    the month has no such week (a fifth week in a four-week month)."""
    first = date(year, month, 1)
    thursday = first + timedelta(days=(3 - first.weekday()) % 7)
    if n < 0:
        last = date(year, month, monthrange(year, month)[1])
        thursday = last - timedelta(days=(last.weekday() - 3) % 7)
    else:
        thursday += timedelta(days=7 * (n - 1))
        if thursday.month != month:
            return None
    return thursday - timedelta(days=3)


def _ordinal_week(m: re.Match[str], ctx: _Ctx, shown: str) -> date:
    part, nth, which, month_name, year = m.groups()
    n = _NTH_WEEK[nth]
    if month_name is None:
        offset = 0 if which == "this" else 1
        first = (ctx.ref.replace(day=1) + timedelta(days=32 * offset)).replace(day=1)
        candidates = [(first.year, first.month)]
    elif year is not None:
        candidates = [(int(year), _MONTH[month_name])]
    else:
        candidates = [(y, _MONTH[month_name]) for y in (ctx.ref.year - 1, ctx.ref.year,
                                                        ctx.ref.year + 1)]
    options = []
    for y, mo in candidates:
        monday = _nth_week_monday(y, mo, n)
        if monday is None:
            raise DateNotUnderstood(shown, f"not a date: {shown!r} ({_MONTHS[mo - 1].title()} "
                                    f"{y} has no {nth} week)")
        if part in (None, "end of", "late", "later"):
            options.append(_week_last_business(monday, ctx.country))
        else:
            options.append(monday + timedelta(days=_WEEK_PART[part]))
    return options[0] if len(options) == 1 else _nearest(options, ctx)


# -- named holidays: "the week after Thanksgiving", "before Easter" ----------------------

# Spoken name -> (the `holidays` package's name for it, a day computed without a country or
# None). Without a country, only the days that need none (Christmas, Easter) can be read.
def _easter(year: int) -> date:
    from dateutil.easter import easter

    return easter(year)


_HOLIDAYS: dict[str, tuple[str, Callable[[int], date] | None]] = {
    "thanksgiving": (r"thanksgiving", None),
    "easter": (r"^easter( sunday)?$", _easter),
    "good friday": (r"^good friday$", lambda y: _easter(y) - timedelta(days=2)),
    "easter monday": (r"^easter monday$", lambda y: _easter(y) + timedelta(days=1)),
    "christmas": (r"^christmas( day)?$", lambda y: date(y, 12, 25)),
    "xmas": (r"^christmas( day)?$", lambda y: date(y, 12, 25)),
    "christmas day": (r"^christmas( day)?$", lambda y: date(y, 12, 25)),
    "christmas eve": (r"^christmas eve$", lambda y: date(y, 12, 24)),
    "boxing day": (r"^boxing day$", lambda y: date(y, 12, 26)),
    "new year's day": (r"^new year's day$", lambda y: date(y, 1, 1)),
    "labor day": (r"^labou?r day$", None),
    "labour day": (r"^labou?r day$", None),
    "memorial day": (r"^memorial day$", None),
    "independence day": (r"^independence day$", None),
    "the 4th of july": (r"^independence day$", None),
    "4th of july": (r"^independence day$", None),
    "the fourth of july": (r"^independence day$", None),
    "fourth of july": (r"^independence day$", None),
    "july 4th": (r"^independence day$", None),
    "juneteenth": (r"^juneteenth", None),
    "mlk day": (r"^martin luther king", None),
    "martin luther king day": (r"^martin luther king", None),
    "presidents day": (r"^washington's birthday$|^presidents", None),
    "presidents' day": (r"^washington's birthday$|^presidents", None),
    "columbus day": (r"^columbus day$", None),
    "veterans day": (r"^veterans day$", None),
    "canada day": (r"^canada day$", None),
    "victoria day": (r"^victoria day$", None),
    "australia day": (r"^australia day$", None),
    "anzac day": (r"^anzac day$", None),
    "diwali": (r"^diwali|^deepavali", None),
    "deepavali": (r"^diwali|^deepavali", None),
    "holi": (r"^holi$", None),
    "eid": (r"^eid al-fitr", None),
    "eid al-fitr": (r"^eid al-fitr", None),
    "chinese new year": (r"chinese new year|lunar new year|spring festival", None),
    "lunar new year": (r"chinese new year|lunar new year|spring festival|seollal|tet", None),
    "ascension day": (r"^ascension day$", None),
    "whit monday": (r"^whit monday$|^pentecost monday$", None),
    "pentecost": (r"^whit monday$|^pentecost monday$", None),
    "the may bank holiday": (r"^may day$|^early may bank holiday", None),
    "the spring bank holiday": (r"^spring bank holiday$", None),
    "the summer bank holiday": (r"summer bank holiday", None),
    "the august bank holiday": (r"summer bank holiday", None),
}
# "the bank holiday", "the long weekend": the country's next public holiday, whichever it is.
_NEXT_HOLIDAY = ("bank holiday", "long weekend", "public holiday", "holiday weekend",
                 "bank holiday weekend")
_RELATION = r"(before|by|ahead of|until|till|after|following|once|over|around|the week of" \
    r"|the week after|the week before|the week following)"
_HOLIDAY_RE = re.compile(
    r"(?:" + _RELATION + r"\s+)?(?:the\s+)?("
    + "|".join(sorted(map(re.escape, [*_HOLIDAYS, *_NEXT_HOLIDAY]), key=len, reverse=True))
    + r")(?:\s+(?:holidays?|break|weekend|long weekend|day|season))?(?:\s+(?:is|are) over)?$")


def _holiday_day(name: str, year: int, ctx: _Ctx, shown: str) -> date | None:
    """The day a named holiday falls on in `year` in the candidate's country."""
    from followup.core.days import named_holidays

    pattern, computed = _HOLIDAYS[name]
    if ctx.country is not None:
        for day, called in named_holidays(ctx.country, year):
            if re.search(pattern, called.lower()) and "observed" not in called.lower():
                return day
    if computed is not None:
        return computed(year)
    if ctx.country is None:
        raise DateNotUnderstood(shown, f"{shown!r}: whose {name.removeprefix('the ')}? Set "
                                "your country (followup profile --country US) to read it")
    return None


def _holiday(p: str, ctx: _Ctx, shown: str) -> date | None:
    """A phrase anchored on a named holiday, or None when `p` names none. "after" is the first
    business day after it (a Thursday holiday's Friday bridged), "before" and "by" the last
    business day before it, "the week of/after/before" that week's last business day."""
    from followup.core.days import holidays_in, is_business_day

    m = _HOLIDAY_RE.search(p)
    if m is None or (m.start() and not _LEAD.fullmatch(p[:m.start()])):
        return None
    relation, name = m.group(1) or "", m.group(2)
    for year in (ctx.ref.year, ctx.ref.year + 1):
        if name in _NEXT_HOLIDAY:
            after = [d for d in sorted(holidays_in(ctx.country, year)) if d >= ctx.ref]
            if ctx.country is None:
                raise DateNotUnderstood(shown, f"{shown!r}: which {name}? Set your country "
                                        "(followup profile --country GB) to read it")
            if not after:
                continue
            day = after[0]
        else:
            found = _holiday_day(name, year, ctx, shown)
            if found is None:
                raise DateNotUnderstood(shown, f"{shown!r}: {ctx.country}'s public holidays "
                                        f"have no {name.removeprefix('the ')} (did you mean "
                                        "another country's? give the date)")
            day = found
        if relation in ("after", "following", "once", "over"):
            start = day + timedelta(days=2 if day.weekday() == 3 else 1)  # bridge a Friday
            while not is_business_day(start, ctx.country):
                start += timedelta(days=1)
            result = start
        elif relation in ("before", "by", "ahead of", "until", "till"):
            result = day - timedelta(days=1)
            while not is_business_day(result, ctx.country):
                result -= timedelta(days=1)
        elif relation.startswith("the week"):
            shift = {"of": 0, "after": 1, "following": 1, "before": -1}[relation.split()[-1]]
            monday = day - timedelta(days=day.weekday()) + timedelta(days=7 * shift)
            result = _week_last_business(monday, ctx.country)
        else:
            result = day
        if result >= ctx.ref:
            return result
    raise DateNotUnderstood(shown, f"{shown!r} is already over on {say(ctx.ref)}")


def _iso(p: str, shown: str) -> date | None:
    m = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", p)
    if not m:
        return None
    return _make(int(m.group(1)), int(m.group(2)), int(m.group(3)), shown)


def _numeric(p: str, ctx: _Ctx, keep_year: bool = False, shown: str | None = None
             ) -> date | None:
    """`12/10`, `12.10.`, `12/10/26`: by the country's order; an impossible reading
    swapped (13/10 is 13 October anywhere)."""
    m = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2}|\d{4}))?\.?", p)
    if not m:
        return None
    a, b = int(m.group(1)), int(m.group(2))
    month, day = (a, b) if month_first(ctx.country) else (b, a)
    if not (1 <= month <= 12 and 1 <= day <= 31) and 1 <= day <= 12 and 1 <= month <= 31:
        month, day = day, month  # the only reading there is
    year = m.group(3)
    if year is not None:
        y = int(year) + (2000 if len(year) == 2 else 0)
        return _make(y, month, day, shown or p)
    if keep_year:
        return None
    found = _month_day(month, day, None, ctx, shown or p)
    if ctx.ask_far and (found - ctx.ref).days > FAR_DAYS:
        _ask_far(found, (day, month), ctx, shown or p)
    return found


def _ask_far(found: date, swapped: tuple[int, int], ctx: _Ctx, shown: str) -> None:
    """A year-less numeric date over FAR_DAYS after the reference is a misreading to ask
    about, never a date to plan on: both orders shown, with the way to say which."""
    readings = [found]
    month, day = swapped
    if (month, day) != (found.month, found.day) and 1 <= month <= 12 and 1 <= day <= 31:
        try:
            other = _month_day(month, day, None, ctx, shown)
        except DateNotUnderstood:
            other = None
        if other is not None and other not in readings and other >= ctx.ref:
            readings.append(other)
    latest = a_year_after(ctx.ref)
    readings = [d for d in readings if d <= latest]
    if not readings:  # 29/02 three years from a leap day: no reading within the year
        raise DateNotUnderstood(shown, f"{shown!r} is not a day in the year after "
                                f"{say(ctx.ref)}: give the date in full (YYYY-MM-DD)")
    far = (found - ctx.ref).days
    said = " or ".join(f"{say(d)} ({d.isoformat()})" for d in readings)
    raise DateAmbiguous(shown, f"{shown!r} reads as {say(found)}, {far} days after "
                        f"{say(ctx.ref)}: did you mean {said}? Give the date in full "
                        "(YYYY-MM-DD) to say which", tuple(readings))


def _make(y: int, m: int, d: int, shown: str) -> date:
    try:
        return date(y, m, d)
    except ValueError:
        raise DateNotUnderstood(shown, f"not a date: {shown!r} (no such day)") from None


def _nearest(candidates: list[date], ctx: _Ctx) -> date:
    """The candidate (one per year) the direction picks."""
    ref = ctx.ref
    after = [d for d in candidates if d >= ref]
    before = [d for d in candidates if d <= ref]
    if ctx.direction == "future" and after:
        return min(after)
    if ctx.direction == "past" and before:
        return max(before)
    return min(candidates, key=lambda d: (abs((d - ref).days), d < ref))


def _month_day(month: int, day: int, year: str | None, ctx: _Ctx, shown: str) -> date:
    """A day of a month; without a year the nearest one in the direction (never a
    year more than one ahead: 10 Dec said on 11 Dec is next year's)."""
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        raise DateNotUnderstood(shown, f"not a date: {shown!r} (no such day)")
    if year is not None:
        return _make(int(year), month, day, shown)
    options = []
    for y in (ctx.ref.year - 1, ctx.ref.year, ctx.ref.year + 1):
        if day <= monthrange(y, month)[1]:
            options.append(date(y, month, day))
    if not options:
        raise DateNotUnderstood(shown, f"not a date: {shown!r} (no such day)")
    return _nearest(options, ctx)


def _weekday(which: str | None, wd: int, week: str | None, ctx: _Ctx) -> date:
    ref = ctx.ref
    which = (which or "").strip()
    monday = ref - timedelta(days=ref.weekday())
    if week in ("next week", "of next week") or which == "next":
        # "next Wednesday": the Wednesday of next week (the reading most people mean);
        # said on a Sunday, the week that starts tomorrow.
        start = monday + timedelta(days=7)
        if week == "after next":
            start += timedelta(days=7)
        return start + timedelta(days=wd)
    if week == "the week after next":
        return monday + timedelta(days=14 + wd)
    if which == "last":
        return ref - timedelta(days=(ref.weekday() - wd) % 7 or 7)
    if week in ("this week", "of this week", "week"):
        return monday + timedelta(days=wd)
    ahead = ref + timedelta(days=(wd - ref.weekday()) % 7 or 7)
    if ctx.direction == "future" or which:
        return ahead
    behind = ref - timedelta(days=(ref.weekday() - wd) % 7)
    if ctx.direction == "past":
        return behind
    return behind if (ref - behind) <= (ahead - ref) else ahead


def _week_part(part: str | None, offset: int, ctx: _Ctx, shown: str) -> date:
    """early = Tuesday, mid = Wednesday, end/late or the week as a whole = Friday."""
    monday = ctx.ref - timedelta(days=ctx.ref.weekday()) + timedelta(days=7 * offset)
    found = monday + timedelta(days=_WEEK_PART.get(part or "end of", 4))
    if found < ctx.ref and ctx.direction == "future":
        raise DateNotUnderstood(shown, f"{shown!r} is already over on {say(ctx.ref)}")
    return found


def _month_part(part: str | None, year: int, month: int, ctx: _Ctx, shown: str,
                fixed: bool) -> date:
    """early = the 10th, mid = the 15th, end/late or the month as a whole = its last day."""
    last = monthrange(year, month)[1]
    found = date(year, month, min(_MONTH_PART.get(part or "end of", 31), last))
    if fixed and found < ctx.ref and ctx.direction == "future":
        raise DateNotUnderstood(shown, f"{shown!r} is already over on {say(ctx.ref)}")
    return found


def _month_part_named(part: str | None, month: int, year: str | None, ctx: _Ctx,
                      shown: str) -> date:
    day = _MONTH_PART.get(part or "end of", 31)
    if year is not None:
        return _month_part(part, int(year), month, ctx, shown, fixed=False)
    options = [date(y, month, min(day, monthrange(y, month)[1]))
               for y in (ctx.ref.year - 1, ctx.ref.year, ctx.ref.year + 1)]
    return _nearest(options, ctx)


def _nth(day: int, which: str | None, ctx: _Ctx, shown: str) -> date:
    """"the 20th": the next 20th on or after the reference (this month's or the next)."""
    if not 1 <= day <= 31:
        raise DateNotUnderstood(shown, f"not a date: {shown!r} (no such day)")
    ref = ctx.ref
    if which == "next":
        first = (ref.replace(day=1) + timedelta(days=32)).replace(day=1)
        if day > monthrange(first.year, first.month)[1]:
            raise DateNotUnderstood(shown, f"not a date: {shown!r} (no such day)")
        return first.replace(day=day)
    if which in ("this", "the"):
        if day > monthrange(ref.year, ref.month)[1]:
            raise DateNotUnderstood(shown, f"not a date: {shown!r} (no such day)")
        return ref.replace(day=day)
    options = []
    y, mo = ref.year, ref.month
    for step in range(-2, 3):
        yy, mm = divmod((mo - 1) + step, 12)
        year, month = y + yy, mm + 1
        if day <= monthrange(year, month)[1]:
            options.append(date(year, month, day))
    return _nearest(options, ctx)


def _after(n: int, unit: str, ctx: _Ctx, shown: str) -> date:
    """n units after the reference (before it, looking back); bounded before any
    arithmetic, so "in 3000000 business days" is refused at once."""
    if n > _UNIT_MAX[unit]:
        raise DateNotUnderstood(shown, f"{shown!r} is more than a year after "
                                f"{say(ctx.ref)}")
    sign = -1 if ctx.direction == "past" else 1
    ref = ctx.ref
    if unit in ("hour", "business hour"):
        # A span in hours ends on the day it could end at the latest: the interview's hour
        # is not known, so 48 hours are 2 days and "a few hours" the next day (docs/dates.md).
        n, unit = -(-n // 24) if n else 0, "day" if unit == "hour" else "business day"
    if unit == "business day":
        if n == 0:
            return ref
        from followup.core.days import business_day_after

        if sign < 0:
            d = ref
            while n:
                d -= timedelta(days=1)
                n -= d.weekday() < 5
            return d
        return business_day_after(ref, n, ctx.country)
    if unit == "month" or unit == "year":
        months = n * (12 if unit == "year" else 1) * sign
        y, m = divmod(ref.month - 1 + months, 12)
        year, month = ref.year + y, m + 1
        return date(year, month, min(ref.day, monthrange(year, month)[1]))
    days = n * {"day": 1, "week": 7, "fortnight": 14}[unit]
    return ref + timedelta(days=sign * days)


def _quarter_end(which: str, ctx: _Ctx) -> date:
    ref = ctx.ref
    if which.startswith("q"):
        q = int(which[1])
        end_month = 3 * q
        options = [date(y, end_month, monthrange(y, end_month)[1])
                   for y in (ref.year, ref.year + 1)]
        return _nearest(options, ctx)
    q = (ref.month - 1) // 3 + (1 if which == "next" else 0)
    year, q = ref.year + q // 4, q % 4
    end_month = 3 * q + 3
    return date(year, end_month, monthrange(year, end_month)[1])


def _is_holiday(d: date, country: str | None) -> bool:
    from followup.core.days import is_business_day

    return d.weekday() < 5 and not is_business_day(d, country)


def after_the_holidays(ref: date, country: str | None = None) -> date:
    """The first business day after the year-end holidays: after the last public holiday of
    1-8 January in the country's calendar (2 Jan in the US and UK, 7 Jan in Spain and
    Italy after Epiphany, 9 Jan in Russia); the coming season, or the one under way."""
    from followup.core.days import is_business_day

    year = ref.year + 1 if ref.month >= 2 or ref.day > 10 else ref.year
    last = date(year, 1, 1)
    for day in range(2, 9):
        d = date(year, 1, day)
        if _is_holiday(d, country):
            last = d
    found = last + timedelta(days=1)
    while not is_business_day(found, country):
        found += timedelta(days=1)
    if found < ref:  # said on 8-10 January, after the season ended: now
        return ref
    return found


def _after_christmas(ref: date, country: str | None) -> date:
    from followup.core.days import is_business_day

    year = ref.year if ref <= date(ref.year, 12, 27) else ref.year + 1
    found = date(year, 12, 26) if not _is_holiday(date(year, 12, 26), country) \
        else date(year, 12, 27)
    while not is_business_day(found, country):
        found += timedelta(days=1)
    return max(found, ref)


def _before_christmas(ref: date, country: str | None) -> date:
    from followup.core.days import is_business_day

    year = ref.year if ref <= date(ref.year, 12, 23) else ref.year + 1
    found = date(year, 12, 23)
    while not is_business_day(found, country):
        found -= timedelta(days=1)
    return max(found, ref)


def _dateparser(p: str, ctx: _Ctx) -> date | None:
    """Odd spellings the table above doesn't know ("Dec 10th 2026 at noon")."""
    if not re.search(r"[a-z]{3}|\d", p):
        return None
    import dateparser

    found = dateparser.parse(
        p,
        languages=["en"],
        settings={
            "RELATIVE_BASE": datetime.combine(ctx.ref, datetime.min.time()),
            "PREFER_DATES_FROM": "past" if ctx.direction == "past" else "future",
            "DATE_ORDER": "MDY" if month_first(ctx.country) else "DMY",
            "PREFER_DAY_OF_MONTH": "last",
        },
    )
    return found.date() if found else None
