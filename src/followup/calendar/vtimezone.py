"""A time zone an invite defines itself (a VTIMEZONE whose TZID names no zone we know),
read within a budget: only the offset at the interview's own time is worked out.

RFC 5545 3.6.5: a zone is a list of observances (STANDARD, DAYLIGHT), each with the offset
it sets (TZOFFSETTO), the offset before it (TZOFFSETFROM) and its onsets: DTSTART, then its
RRULE and RDATEs. The offset at a wall-clock time is the TZOFFSETTO of the observance whose
latest onset at or before that time is the latest of all.

`icalendar` (through dateutil) expands a rule from its first onset to 2038 and keeps every
occurrence: a rule repeating every second is two billion of them (issue 20). Here a rule is
expanded one year at a time, and only over the years an interview can need (`FIRST_YEAR - 1`
to the interview's year), newest first: the latest onset before the interview is found in
the first year that has one. Every zone a calendar app writes changes its offset at most a
few times a year by a yearly rule (`FREQ=YEARLY`: "the second Sunday of March"); any other
frequency is refused, as are time lists that would multiply the onsets of a day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from followup.calendar.budget import MAX_ONSETS, Budget, InviteError, Line, ZoneBlock

FIRST_YEAR = 1970  # the first year an interview can be in (ical.FIRST_YEAR)
_RULE_PARTS = frozenset({"FREQ", "INTERVAL", "UNTIL", "COUNT", "WKST", "BYMONTH", "BYMONTHDAY",
                         "BYYEARDAY", "BYWEEKNO", "BYDAY", "BYSETPOS", "BYHOUR", "BYMINUTE",
                         "BYSECOND"})
_TIME_PARTS = ("BYHOUR", "BYMINUTE", "BYSECOND")
_MAX_TIMES = 4  # values in a BYHOUR, BYMINUTE or BYSECOND list (Domino writes one each)
_OFFSET = re.compile(r"([+-])(\d{2})(\d{2})(\d{2})?")
_NUMBER = re.compile(r"[0-9]{1,9}")  # ASCII digits only: int() reads "²" too
_MOMENT = re.compile(r"(\d{8})(?:T(\d{6})Z?)?")


@dataclass(frozen=True, slots=True)
class _Rule:
    parts: dict[str, str]
    interval: int
    until: datetime | None
    count: int | None


@dataclass(frozen=True, slots=True)
class _Observance:
    start: datetime  # DTSTART, the first onset (local time, as written)
    offset_from: timedelta
    offset_to: timedelta
    rule: _Rule | None
    dates: tuple[datetime, ...]  # RDATEs


def _moment(value: str) -> datetime | None:
    m = _MOMENT.fullmatch(value.strip())
    if m is None:
        return None
    try:
        day = datetime.strptime(m.group(1), "%Y%m%d")
        if m.group(2):
            clock = datetime.strptime(m.group(2), "%H%M%S")
            return day.replace(hour=clock.hour, minute=clock.minute, second=clock.second)
    except ValueError:
        return None
    return day


def _offset(value: str) -> timedelta | None:
    m = _OFFSET.fullmatch(value.strip())
    if m is None:
        return None
    hours, minutes, seconds = int(m.group(2)), int(m.group(3)), int(m.group(4) or 0)
    if hours > 23 or minutes > 59 or seconds > 59:
        return None
    length = timedelta(hours=hours, minutes=minutes, seconds=seconds)
    return -length if m.group(1) == "-" else length


def _rule(value: str, where: str) -> _Rule:
    parts: dict[str, str] = {}
    for piece in value.split(";"):
        key, _, part = piece.partition("=")
        key = key.strip().upper()
        if key not in _RULE_PARTS or key in parts:
            raise InviteError(f"{where}: RRULE: {key[:20] or 'an empty part'} is not a part a "
                              "time zone's rule has")
        parts[key] = part.strip().upper()
    freq = parts.get("FREQ", "")
    if freq != "YEARLY":
        raise InviteError(f"{where}: the rule repeats {freq[:20].lower() or 'with no FREQ'}; "
                          "a time zone changes by a yearly rule (FREQ=YEARLY), so this is no "
                          "real zone")
    for key in _TIME_PARTS:
        if len(parts.get(key, "").split(",")) > _MAX_TIMES:
            raise InviteError(f"{where}: RRULE: {key} lists more than {_MAX_TIMES} values; a "
                              "time zone changes once at a time")
    interval = parts.get("INTERVAL", "1")
    count = parts.get("COUNT")
    if not _NUMBER.fullmatch(interval) or not 0 < int(interval) <= 9999 or (
            count is not None and not _NUMBER.fullmatch(count)):
        raise InviteError(f"{where}: RRULE: INTERVAL or COUNT is not a whole number")
    if count is not None and int(count) > MAX_ONSETS:
        raise InviteError(f"{where}: RRULE: COUNT={int(count):,}; a time zone observance has "
                          f"at most {MAX_ONSETS:,} onsets")
    until = None
    if "UNTIL" in parts:
        until = _moment(parts["UNTIL"])
        if until is None:
            raise InviteError(f"{where}: RRULE: UNTIL is not a date")
    return _Rule(parts, int(interval), until, int(count) if count is not None else None)


def _observance(lines: tuple[Line, ...], where: str) -> _Observance:
    values: dict[str, list[Line]] = {}
    for line in lines:
        values.setdefault(line.name, []).append(line)

    def one(name: str) -> str:
        found = values.get(name, [])
        if len(found) != 1:
            raise InviteError(f"{where}: {len(found)} {name} lines; an observance has one")
        return found[0].value

    start = _moment(one("DTSTART"))
    offset_from, offset_to = _offset(one("TZOFFSETFROM")), _offset(one("TZOFFSETTO"))
    if start is None or offset_from is None or offset_to is None:
        raise InviteError(f"{where}: DTSTART, TZOFFSETFROM or TZOFFSETTO cannot be read")
    rules = values.get("RRULE", [])
    if len(rules) > 1:
        raise InviteError(f"{where}: {len(rules)} RRULE lines; an observance has one")
    dates: list[datetime] = []
    for line in values.get("RDATE", []):
        for item in line.value.split(","):
            moment = _moment(item.split("/")[0])  # a PERIOD starts at its onset
            if moment is None:
                raise InviteError(f"{where}: RDATE: {item[:30]!r} is not a date")
            dates.append(moment)
            if len(dates) > MAX_ONSETS:
                raise InviteError(f"{where}: more than {MAX_ONSETS:,} RDATE onsets")
    return _Observance(start, offset_from, offset_to,
                       _rule(rules[0].value, where) if rules else None, tuple(dates))


def _in_year(obs: _Observance, rule: _Rule, year: int, where: str) -> list[datetime]:
    """The rule's onsets in one year, by dateutil: a YEARLY rule with an interval no year
    reaches ends after its first year, so the work is one year's days, whatever the rule."""
    from dateutil.rrule import rrulestr

    parts = {k: v for k, v in rule.parts.items()
             if k not in ("FREQ", "INTERVAL", "UNTIL", "COUNT")}
    if not any(k in parts for k in ("BYWEEKNO", "BYYEARDAY", "BYMONTHDAY", "BYDAY")):
        parts.setdefault("BYMONTH", str(obs.start.month))  # what the first onset implies
        parts["BYMONTHDAY"] = str(obs.start.day)
    text = ";".join(["FREQ=YEARLY", "INTERVAL=9999", *(f"{k}={v}" for k, v in parts.items())])
    first = datetime(year, 1, 1, obs.start.hour, obs.start.minute, obs.start.second)
    try:
        return [d for d in rrulestr(text, dtstart=first) if isinstance(d, datetime)]
    except (ValueError, TypeError, OverflowError):
        raise InviteError(f"{where}: its RRULE cannot be read") from None


def _latest_onset(obs: _Observance, wall: datetime, budget: Budget,
                  where: str) -> datetime | None:
    """The observance's latest onset at or before `wall`, or None (it starts after)."""
    if obs.start > wall:
        return None
    found = [d for d in obs.dates if obs.start <= d <= wall]
    rule = obs.rule
    if rule is None:
        return max([obs.start, *found])
    end = min(wall, rule.until) if rule.until is not None else wall

    def onsets(year: int) -> list[datetime]:
        budget.check("expanding a time zone's rule")
        if (year - obs.start.year) % rule.interval:
            return []
        days = _in_year(obs, rule, year, where)
        return [d for d in days if obs.start <= d <= end]

    if rule.count is not None:  # the first COUNT onsets: counted from the first year
        seen = 0
        latest = obs.start
        for year in range(obs.start.year, end.year + 1):
            for d in onsets(year):
                seen += 1
                if seen > rule.count:
                    return max([latest, *found])
                latest = d
        return max([latest, *found])
    for year in range(end.year, max(obs.start.year, FIRST_YEAR - 1) - 1, -1):
        days = onsets(year)
        if days:
            return max([*days, *found])
    return max([obs.start, *found])


def offset_at(zone: ZoneBlock, wall: datetime, budget: Budget) -> timedelta:
    """The zone's UTC offset at a wall-clock time (naive, as the invite wrote it)."""
    where = f"{budget.source}: the time zone {zone.tzid[:60]!r}"
    if not zone.observances:
        raise InviteError(f"{where} has no STANDARD or DAYLIGHT part")
    observances = [_observance(o.lines, where) for o in zone.observances]
    best: tuple[datetime, _Observance] | None = None
    for obs in observances:
        onset = _latest_onset(obs, wall, budget, where)
        if onset is not None and (best is None or onset > best[0]):
            best = (onset, obs)
    if best is None:  # the interview is before every onset: the offset before the first
        return min(observances, key=lambda o: o.start).offset_from
    return best[1].offset_to
