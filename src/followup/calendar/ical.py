"""Calendars in and out: read an interview invitation, write the plan as a calendar.

An adapter (it parses files), but it does no I/O of its own: callers hand it bytes and get
bytes back, and every moment is passed in, never read from the clock. `icalendar` is
imported inside the functions that need it, so `followup today` never pays for it.

Invites come as calendar apps write them: Google Calendar (IANA TZIDs, CN set to the bare
address for guests without a profile), Outlook/Exchange (Windows TZIDs with their own
VTIMEZONE blocks, `MAILTO:` in capitals, `CN="Last, First"`, rooms as attendees) and Apple
Calendar (`urn:uuid:` attendees whose address is in the `EMAIL` parameter). All-day,
recurring and cancelled events are refused with a message saying why: an interview is one
meeting at one time.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from followup.calendar.budget import (
    MAX_CALENDAR_BYTES,
    MAX_FILE_BYTES,
    Budget,
    InviteError,
    ZoneBlock,
    check_mime,
    scan,
)
from followup.core import kinds
from followup.core.dates import say_moment
from followup.core.errors import FollowupError

if TYPE_CHECKING:
    from followup.core.model import Case, Person
    from followup.core.planner import Action

PRODID = "-//followup//followup calendar export//EN"
UID_DOMAIN = "followup.invalid"  # RFC 2606: a domain no one else will ever use in a UID


# Limits (stated in the README): above them an invite is refused whole, never cut short.
# Size, depth, time and recurrence budgets: calendar.budget.
MAX_ATTENDEES = 20_000  # organizer and attendees together
MAX_NAME = 200  # characters in a display name (CN): no person's name is longer
MAX_UID = 1_000  # characters in a UID (RFC 5545 sets none; real ones are under 300)
FIRST_YEAR, LAST_YEAR = 1970, 2100  # an interview outside these years is a broken file

# What each METHOD (RFC 5546) means for an interview.
INVITATIONS = frozenset({"", "PUBLISH", "REQUEST"})
_REFUSED_METHODS = {
    "REFRESH": "a request for the latest copy of an event (METHOD:REFRESH), sent to its "
               "organizer; it holds no meeting to record",
    "DECLINECOUNTER": "the organizer turned down a counter-proposal (METHOD:DECLINECOUNTER); "
                      "the meeting stays as it was, so there is nothing to record",
    "ADD": "it adds occurrences to a recurring event (METHOD:ADD); an interview is one "
           "meeting: import the invitation itself",
}


@dataclass(frozen=True, slots=True)
class Attendee:
    name: str
    email: str | None
    name_from_address: bool = False  # no usable CN: the name was made from the address
    title: str | None = None  # from a CN like "Mathieu Campbell, Directeur"
    partstat: str = ""  # PARTSTAT: ACCEPTED, DECLINED, TENTATIVE, NEEDS-ACTION ...


@dataclass(frozen=True, slots=True)
class Skipped:
    label: str
    reason: str  # "you", "room or resource", "declined", "no name or address"


@dataclass(frozen=True, slots=True)
class Invite:
    """One interview invitation, times already in the candidate's zone (naive, local)."""

    source: str
    uid: str
    summary: str
    description: str
    location: str
    start: datetime  # naive, in `zone_name`
    end: datetime | None
    zone_name: str  # the candidate's zone the times were converted into
    source_zone: str | None  # the invite's own zone (TZID, "UTC", or None when floating)
    organizer: Attendee | None
    people: tuple[Attendee, ...]  # organizer first, then attendees; the candidate skipped
    skipped: tuple[Skipped, ...]
    sequence: int = 0  # SEQUENCE: each revision of the event (a new time) counts it up
    method: str = "REQUEST"  # REQUEST (also PUBLISH or none), CANCEL or REPLY
    stamp: datetime | None = None  # DTSTAMP, aware UTC: orders copies of one SEQUENCE
    occurrence: bool = False  # RECURRENCE-ID: one moved occurrence of a series
    notes: tuple[str, ...] = ()  # what the reader assumed, for the user to check

    @property
    def format(self) -> str | None:
        """A guess at the interview's format from where it happens."""
        where = f"{self.location}\n{self.description}".casefold()
        if any(s in where for s in ("zoom.us", "meet.google", "teams.microsoft", "webex",
                                    "whereby.com", "video call")):
            return "video"
        if "phone" in where or "call you" in where:
            return "phone"
        return "onsite" if self.location.strip() else None


# -- reading an invite -------------------------------------------------------------------


def _wrap_bare(text: bytes) -> bytes:
    """A bare VEVENT (what some apps export, and RFC 5545 does not allow) in a VCALENDAR."""
    head = text.lstrip(b"\xef\xbb\xbf \t\r\n")[:12].upper()
    if head.startswith(b"BEGIN:VEVENT"):
        return b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + text.strip() + b"\r\nEND:VCALENDAR\r\n"
    return text


def calendar_bytes(data: bytes, source: str) -> bytes:
    """The iCalendar text of a `.ics` file, or of the `text/calendar` part of an `.eml`."""
    if len(data) > MAX_FILE_BYTES:
        raise InviteError(f"{source}: {len(data):,} bytes; an invite file may have at most "
                          f"{MAX_FILE_BYTES:,}")
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:15].upper()
    if head.startswith((b"BEGIN:VCALENDAR", b"BEGIN:VEVENT")):
        return _wrap_bare(data)
    check_mime(data, source)
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
        keys = message.keys()
    except Exception:  # the email package raises many kinds on broken headers
        keys = []
    if not keys:
        raise InviteError(f"{source}: neither an iCalendar file (BEGIN:VCALENDAR) "
                          "nor an email message")
    found: list[tuple[int, bytes]] = []
    try:
        for part in message.walk():
            ctype = part.get_content_type()
            name = (part.get_filename() or "").lower()
            rank = 0 if ctype == "text/calendar" else 1 if ctype == "application/ics" \
                else 2 if name.endswith(".ics") else -1
            if rank < 0:
                continue
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and payload.strip():
                found.append((rank, payload))
    except Exception as e:
        raise InviteError(f"{source}: a broken email ({type(e).__name__}); save the "
                          "invitation itself (.ics) and import that") from None
    if not found:
        raise InviteError(f"{source}: the email has no text/calendar part "
                          "(no invitation in it)")
    return _wrap_bare(min(found, key=lambda f: f[0])[1])  # the invitation, not a copy


def _decode(text: bytes) -> str:
    """UTF-8 as RFC 5545 requires; Windows-1252 from the odd old Exchange server.

    Lines are unfolded first, as bytes: a fold may split a UTF-8 character in two
    (RFC 5545 3.1 folds at 75 octets, not characters), which would not decode."""
    text = re.sub(rb"\r?\n[ \t]", b"", text)
    try:
        return text.decode("utf-8-sig")
    except UnicodeDecodeError:
        return text.decode("cp1252", errors="replace")


def _one(component: Any, key: str) -> Any:
    """A property that may appear once; the first of several for free text."""
    value = component.get(key)
    return value[0] if isinstance(value, list) and value else value


def _text(component: Any, key: str) -> str:
    value = _one(component, key)
    return _CONTROL.sub(" ", str(value)).strip() if value is not None else ""


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # all but tab and newline


def _printable(text: str) -> str:
    """Control characters out (newlines and tabs become spaces): what a name may hold."""
    return "".join(ch if ch.isprintable() else " " for ch in text)


def _address(value: Any) -> str | None:
    """The email address of an ORGANIZER/ATTENDEE (`mailto:` in any case, or Apple's
    `EMAIL=` beside a `urn:uuid:` value), lower-cased; None when it is not a valid one."""
    from followup.core.addresses import email_problem, normal_email

    raw = str(value).strip()
    if raw[:7].lower() == "mailto:":
        raw = raw[7:]
    params = getattr(value, "params", {})
    if "@" not in raw and params.get("EMAIL"):
        raw = str(params["EMAIL"])
    raw = raw.strip().strip("<>").strip()
    if "@" not in raw or email_problem(raw) is not None:
        return None
    return normal_email(raw).lower()  # lower-cased whole: matched against recorded ones


_BRACKETS = re.compile(r"\([^)]*\)?|\[[^\]]*\]?|<[^>]*>?")
_SUFFIXES = frozenset({"phd", "ph.d.", "md", "m.d.", "mba", "cpa", "jr", "jr.", "sr", "sr.",
                       "ii", "iii", "iv", "esq", "esq.", "dr", "dr.", "msc", "m.sc."})
_TITLE_WORDS = frozenset("""
    director directeur directrice manager managerin recruiter recruiting recruitment talent
    acquisition engineer engineering vp svp evp avp ceo cto cfo coo cio cpo head lead
    president partner founder co-founder cofounder hr people sourcer coordinator specialist
    consultant principal staff senior chief officer gerente leiter leiterin geschäftsführer
    geschäftsführerin responsable chargé chargée analyst scientist designer architect
    product sales marketing operations associate intern owner team department dept
    ingénieur ingénieure développeur développeuse chef cheffe rh admin assistant executive
    representative advisor adviser generalist business university
""".split())


def clean_name(cn: str) -> tuple[str, str | None]:
    """A display name as a person would write it, and a title if the CN carried one.

    Quotes, parentheses, brackets and any address in it dropped; Outlook's `Last, First`
    turned round; `Name, Title` split into the name and the title; `Name, PhD` keeps the
    name. An empty name means the CN held nothing but an address.
    """
    text = _printable(cn).replace('"', " ").strip().strip("'").strip()
    text = _BRACKETS.sub(" ", text)
    text = " ".join(w for w in text.split() if "@" not in w)
    if "/" in text:  # Domino's hierarchical "Jane Doe/Sales/Acme": the person is first
        text = text.split("/")[0].strip()
    title: str | None = None
    for sep in (" | ", " – ", " — ", " - "):  # "Dana Whitfield | Talent Acquisition"
        left, found, right = text.partition(sep)
        if found and left.strip() and _is_title(right):
            text, title = left, right.strip()
            break
    parts = [" ".join(p.split()) for p in text.split(",")]
    parts = [p for p in parts if p and p.casefold() not in _SUFFIXES]  # "Renée Dubois, PhD"
    if not parts:
        return "", title
    titled = [p for p in parts[1:] if _is_title(p) or len(p.split()) > 2]
    if titled:  # "Mathieu Campbell, Directeur"; "Smith, John, Senior Recruiter"
        first = parts.index(titled[0])
        title = ", ".join(parts[first:]) if title is None else title
        parts = parts[:first]
    if len(parts) == 2 and all(len(p.split()) <= 2 for p in parts):
        return f"{parts[1]} {parts[0]}", title  # Outlook's "Lumbergh, Bill"
    return (parts[0] if len(parts) == 1 else ", ".join(parts)), title


def _is_title(text: str) -> bool:
    return bool({w.casefold().strip(".&/()") for w in text.split()} & _TITLE_WORDS)


def name_from_address(address: str) -> str:
    """`dana.whitfield@acme.example` -> `Dana Whitfield`: better than an address as a name."""
    local = address.split("@")[0].split("+")[0]
    words = [w for w in re.split(r"[._\-]+", local) if w and not w.isdigit()]
    return " ".join(w.capitalize() for w in words)[:MAX_NAME] or address[:MAX_NAME]


def _attendee(value: Any, address: str | None, source: str,
              reply: bool) -> tuple[Attendee | None, Skipped | None]:
    params = getattr(value, "params", {})
    cn = str(params.get("CN", "")).strip()
    if len(cn) > MAX_NAME:
        raise InviteError(f"{source}: a name on the invite (CN) is {len(cn):,} characters; "
                          f"at most {MAX_NAME}: not an invitation a person wrote")
    name, title = clean_name(cn) if cn else ("", None)
    label = name or address or _printable(str(value))[:80]
    partstat = str(params.get("PARTSTAT", "")).upper()
    cutype = str(params.get("CUTYPE", "INDIVIDUAL")).upper()
    if cutype in ("ROOM", "RESOURCE"):
        return None, Skipped(_printable(cn)[:80] or label, "room or resource")
    if str(params.get("ROLE", "")).upper() == "NON-PARTICIPANT":
        return None, Skipped(label, "not a participant")
    if partstat == "DECLINED" and not reply:
        return None, Skipped(label, "declined")
    if name:
        return Attendee(name, address, title=title, partstat=partstat), None
    if address:
        return Attendee(name_from_address(address), address, name_from_address=True,
                        partstat=partstat), None
    return None, Skipped(label, "no name and no valid address")


def local_zone(name: str | None) -> tuple[tzinfo, str]:
    """The candidate's zone (IANA name) or, without one, the machine's (CONTRACT.md)."""
    if name:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            return ZoneInfo(name), name
        except (ZoneInfoNotFoundError, ValueError, OSError):
            raise FollowupError(f"profile timezone: {name!r} is not an IANA zone name "
                                "(like America/New_York)") from None
    from dateutil.tz import tzlocal

    zone = tzlocal()
    return zone, datetime.now(zone).tzname() or "local time"


def _moment(event: Any, key: str, budget: Budget,
            zones: dict[str, ZoneBlock]) -> tuple[Any, str | None]:
    """A DTSTART/DTEND as an aware datetime (or a date, or a naive floating time), with
    the zone's name; an unknown TZID is refused, never read as local time. A zone the file
    defines itself (`zones`) gives the offset at that moment (calendar.vtimezone)."""
    from followup.calendar.vtimezone import offset_at
    from followup.calendar.zones import resolve_tzid

    source = budget.source

    prop = event.get(key)
    if isinstance(prop, list):
        raise InviteError(f"{source}: the event has {len(prop)} {key} lines; an event has one "
                          f"{'start' if key == 'DTSTART' else 'end'} time")
    try:
        value = event.decoded(key)
    except Exception:
        value = None
    if not isinstance(value, date):
        shown = prop.to_ical() if hasattr(prop, "to_ical") else prop
        if isinstance(shown, bytes):
            shown = shown.decode("utf-8", "replace")
        raw = _printable(str(shown))[:40]
        raise InviteError(f"{source}: {key}: not a date or a date-time: {raw!r}")
    if not isinstance(value, datetime):
        return value, None
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise InviteError(f"{source}: {key}: the year {value.year} is outside "
                          f"{FIRST_YEAR}-{LAST_YEAR}")
    tzid = str(prop.params.get("TZID", "") or "").strip()
    if tzid:
        resolved = resolve_tzid(tzid)
        if resolved is not None:
            return value.replace(tzinfo=resolved[0]), resolved[1]
        if tzid.strip('"') in zones:  # the file's own VTIMEZONE says
            from datetime import timezone

            wall = value.replace(tzinfo=None)
            offset = offset_at(zones[tzid.strip('"')], wall, budget)
            return wall.replace(tzinfo=timezone(offset)), tzid
        raise InviteError(f"{source}: {key}: unknown time zone TZID={_printable(tzid)[:60]!r} "
                          "(no VTIMEZONE for it in the file, and no IANA or Windows zone of "
                          "that name); record the time with `followup add interview --at`")
    if value.tzinfo is not None:
        return value, "UTC"
    return value, None


def _stamp(event: Any) -> datetime | None:
    """DTSTAMP in UTC; a floating one is read as UTC (RFC 5545 3.8.7.2 says it is)."""
    from datetime import UTC

    if isinstance(event.get("DTSTAMP"), list):
        return None
    try:
        value = event.decoded("DTSTAMP")
    except Exception:
        return None
    if not isinstance(value, datetime):
        return None
    return (value.replace(tzinfo=UTC) if value.tzinfo is None else value).astimezone(UTC)


def parse_invite(data: bytes, source: str, *, zone: tzinfo, zone_name: str,
                 me: Iterable[str] = (), budget: Budget | None = None) -> Invite:
    """The interview an invite describes; `me` are the candidate's own addresses, skipped.

    Refused with a one-line reason: what is not one meeting (all-day, recurring, several
    events), what carries no meeting to record (REFRESH, COUNTER, DECLINECOUNTER), broken
    files (no or two DTSTART, an unknown TZID, garbage) and anything over the limits above.
    CANCEL and REPLY come back as invites with that `method`: the service decides.
    """
    from icalendar import Calendar

    budget = budget or Budget(source)
    raw_text = calendar_bytes(data, source)
    if len(raw_text) > MAX_CALENDAR_BYTES:
        raise InviteError(f"{source}: the calendar is {len(raw_text):,} bytes; at most "
                          f"{MAX_CALENDAR_BYTES:,}")
    lines = len(re.findall(rb"(?im)^(?:ATTENDEE|ORGANIZER)[;:]", raw_text))
    if lines > MAX_ATTENDEES:
        raise InviteError(f"{source}: {lines:,} attendees; an invite may have at most "
                          f"{MAX_ATTENDEES:,}")
    budget.check("reading the file")
    scanned = scan(_decode(raw_text), budget)
    try:
        cal = Calendar.from_ical(scanned.text)
    except Exception as e:  # icalendar raises ValueError, KeyError ... on bad input
        reason = (str(e).splitlines() or [type(e).__name__])[0][:120]
        raise InviteError(f"{source}: not a valid iCalendar file: {reason}") from None
    if isinstance(cal, list):  # several VCALENDARs in one file
        if len(cal) != 1:
            raise InviteError(f"{source}: {len(cal)} calendars in one file; import one invite "
                              "at a time")
        cal = cal[0]
    if isinstance(cal.get("METHOD"), list):
        raise InviteError(f"{source}: the calendar has two METHOD lines")
    method = _text(cal, "METHOD").upper()
    if method in _REFUSED_METHODS:
        raise InviteError(f"{source}: {_REFUSED_METHODS[method]}")
    if method not in INVITATIONS | {"CANCEL", "REPLY", "COUNTER"}:
        raise InviteError(f"{source}: an unknown METHOD:{method[:30]}; only invitations "
                          "(REQUEST, PUBLISH), cancellations and replies can be read")
    events = list(cal.walk("VEVENT"))
    if not events:
        other = next((k for k in ("VTODO", "VJOURNAL", "VFREEBUSY") if cal.walk(k)), None)
        what = f" (only a {other})" if other else ""
        raise InviteError(f"{source}: no event (VEVENT) in the calendar{what}")
    uids = {_text(e, "UID") for e in events}
    if any(e.get("RRULE") or e.get("RDATE") for e in events) or (
            len(events) > 1 and len(uids) == 1):
        raise InviteError(f"{source}: a recurring event (RRULE); an interview is one meeting: "
                          "export just the one occurrence, or use `followup add interview`")
    if len(events) > 1:
        raise InviteError(f"{source}: {len(events)} events in one file; import one invite at "
                          "a time")
    event = events[0]
    for key in ("UID", "SEQUENCE", "RECURRENCE-ID", "DURATION"):
        several = event.get(key)
        if isinstance(several, list):
            raise InviteError(f"{source}: the event has {len(several)} {key} lines; "
                              "an event has one")
    if _text(event, "STATUS").upper() == "CANCELLED" and method != "REPLY":
        method = "CANCEL"
    if method == "":
        method = "REQUEST"
    if event.get("DTSTART") is None:
        raise InviteError(f"{source}: the event has no start time (DTSTART)")
    budget.check("parsing the calendar")
    zones = scanned.zones
    start_raw, start_zone = _moment(event, "DTSTART", budget, zones)
    if not isinstance(start_raw, datetime):
        raise InviteError(f"{source}: an all-day event ({start_raw.isoformat()}) has no start "
                          "time; record it with `followup add interview --at`")
    end_raw: Any = None
    if event.get("DTEND") is not None:
        try:
            end_raw, _ = _moment(event, "DTEND", budget, zones)
        except InviteError:
            end_raw = None  # a broken end never hides a good start
    elif event.get("DURATION") is not None:
        try:
            length = event.decoded("DURATION")
            end_raw = start_raw + length if isinstance(length, timedelta) else None
        except Exception:
            end_raw = None

    notes: list[str] = []

    def local(moment: datetime) -> datetime:
        # Floating times (no TZID, no Z) are the reader's local time (RFC 5545 3.3.5).
        if moment.tzinfo is None:
            return moment
        return moment.astimezone(zone).replace(tzinfo=None)

    if start_raw.tzinfo is None:
        from followup.calendar.zones import resolve_tzid

        calendar_zone = resolve_tzid(_text(cal, "X-WR-TIMEZONE")) \
            if _text(cal, "X-WR-TIMEZONE") else None
        if calendar_zone is not None:  # the calendar's zone, as Google and Apple read it
            start_raw = start_raw.replace(tzinfo=calendar_zone[0])
            start_zone = calendar_zone[1]
            if isinstance(end_raw, datetime) and end_raw.tzinfo is None:
                end_raw = end_raw.replace(tzinfo=calendar_zone[0])
        else:
            notes.append(f"no time zone on the invite (a floating time): read as {zone_name}")
    if method == "COUNTER":
        when = f"{say_moment(local(start_raw))}"
        raise InviteError(
            f"{source}: a counter-proposal (METHOD:COUNTER) for {when}: it proposes a time, it "
            "does not set one; accept or decline it in your calendar, then import the updated "
            "invitation")
    uid = _text(event, "UID")
    if len(uid) > MAX_UID:
        raise InviteError(f"{source}: the UID is {len(uid):,} characters; at most {MAX_UID:,}")

    mine = {m.strip().lower() for m in me if m and m.strip()}
    people: list[Attendee] = []
    skipped: list[Skipped] = []
    seen: set[str] = set()
    organizer: Attendee | None = None
    raw = event.get("ATTENDEE") or []
    organizer_value = _one(event, "ORGANIZER")
    values = [organizer_value] if organizer_value is not None else []
    values += raw if isinstance(raw, list) else [raw]
    if len(values) > MAX_ATTENDEES:
        raise InviteError(f"{source}: {len(values):,} attendees; an invite may have at most "
                          f"{MAX_ATTENDEES:,}")
    for n, value in enumerate(values):
        if n % 1_000 == 999:
            budget.check("reading the attendees")
        address = _address(value)
        if address and address in mine:
            if address not in seen:
                skipped.append(Skipped(address, "you"))
            seen.add(address)
            continue
        person, skip = _attendee(value, address, source, reply=method == "REPLY")
        if skip is not None:
            skipped.append(skip)
            continue
        assert person is not None
        key = person.email or person.name.casefold()
        if n == 0 and organizer_value is not None:
            organizer = person
        if key in seen:
            continue
        seen.add(key)
        people.append(person)

    try:
        start = local(start_raw)
    except (OverflowError, ValueError):
        raise InviteError(f"{source}: DTSTART: cannot be put into {zone_name}") from None
    try:
        end = local(end_raw) if isinstance(end_raw, datetime) else None
    except (OverflowError, ValueError):
        end = None
    return Invite(
        source=source, uid=uid, summary=_text(event, "SUMMARY"),
        description=_text(event, "DESCRIPTION"), location=_text(event, "LOCATION"),
        start=start, end=end if end is not None and end > start else None,
        zone_name=zone_name, source_zone=start_zone, organizer=organizer,
        people=tuple(people), skipped=tuple(skipped), sequence=_sequence(event),
        method=method, stamp=_stamp(event), occurrence=event.get("RECURRENCE-ID") is not None,
        notes=tuple(notes),
    )


def _sequence(event: Any) -> int:
    """The event's SEQUENCE (RFC 5545 3.8.7.4), 0 when absent or not a number."""
    text = str(event.get("SEQUENCE", 0)).strip()
    if not text.isdigit() or len(text) > 9:
        return 0
    return int(text)


# -- guessing company and role -----------------------------------------------------------

# Domains that say nothing about the employer: mail providers and scheduling/ATS tools.
_GENERIC_DOMAINS = frozenset({
    "gmail.com", "googlemail.com", "google.com", "outlook.com", "hotmail.com", "live.com",
    "yahoo.com", "icloud.com", "me.com", "mac.com", "aol.com", "proton.me", "protonmail.com",
    "gmx.de", "gmx.net", "web.de", "greenhouse.io", "lever.co", "ashbyhq.com", "calendly.com",
    "goodtime.io", "workday.com", "myworkday.com", "smartrecruiters.com", "icims.com",
    "zoom.us", "group.calendar.google.com", "resource.calendar.google.com",
})
_PREFIXES = re.compile(
    r"^\s*(?:(?:updated\s+)?invitation|invite|fw|fwd|re|interview(?:\s+for)?|"
    r"(?:phone|video)\s+screen(?:\s+for)?)\s*[:\-–—]\s*", re.IGNORECASE)
_NOISE = re.compile(
    r"\s*(?:\((?:[^)]*)\)|\b(?:final|first|second|third|\d+(?:st|nd|rd|th)?)\s+round\b|"
    r"\bround\s+\d+\b|\b(?:onsite|on-site|phone\s+screen|video\s+call|interview(?:s)?|"
    r"conversation|chat)\b)\s*", re.IGNORECASE)
_SPLIT = re.compile(r"\s+(?:[-–—|/:]|<>|x)\s+|\s*[|:]\s+|\s+(?:at|@)\s+")
_LABELLED = re.compile(r"^\s*(company|employer|role|position|job(?:\s+title)?|title)\s*:\s*"
                       r"(.+?)\s*$", re.IGNORECASE | re.MULTILINE)


def _tidy(text: str) -> str:
    return " ".join(_NOISE.sub(" ", text).strip(" -–—|:,").split())


def company_domains(invite: Invite) -> list[str]:
    """The employer-looking domains of the people on the invite, organizer first."""
    out: list[str] = []
    for person in invite.people:
        if person.email:
            domain = person.email.split("@")[1]
            if domain not in _GENERIC_DOMAINS and domain not in out:
                out.append(domain)
    return out


def domain_label(domain: str) -> str:
    parts = domain.split(".")
    # acme.example -> acme; mail.initech.co.uk -> initech
    if len(parts) >= 3 and len(parts[-2]) <= 3 and len(parts[-1]) == 2:
        return parts[-3]
    return parts[-2] if len(parts) >= 2 else parts[0]


def suggest_company_role(invite: Invite, me: Sequence[str] = ()) -> tuple[str | None, str | None]:
    """Company and role from the invite's words: labelled lines in the description first,
    then the summary split on its separator, the side that matches the organizer's domain
    being the company."""
    company = role = None
    for label, value in _LABELLED.findall(invite.description):
        if label.lower() in ("company", "employer"):
            company = company or value
        else:
            role = role or value
    labels = [domain_label(d) for d in company_domains(invite)]
    summary = invite.summary
    while True:
        stripped = _PREFIXES.sub("", summary, count=1)
        if stripped == summary:
            break
        summary = stripped
    sides = [_tidy(s) for s in _SPLIT.split(summary, maxsplit=1)]
    mine = [m.casefold() for m in me if m]
    sides = [s for s in sides if s and s.casefold() not in mine]  # "Hooli x Alex Morgan"
    if len(sides) == 2:
        first, second = sides
        at_form = re.search(r"\s+(?:at|@)\s+", summary) is not None

        def is_company(text: str) -> bool:
            folded = text.casefold().replace(" ", "")
            return any(lab and (folded.startswith(lab) or lab.startswith(folded))
                       for lab in labels)

        if is_company(second) or (at_form and not is_company(first)):
            guess_company, guess_role = second, first
        else:
            guess_company, guess_role = first, second
        company = company or guess_company
        role = role or guess_role
    elif len(sides) == 1 and labels and sides[0].casefold().replace(" ", "") != labels[0]:
        role = role or sides[0]
    if company is None and labels:
        company = labels[0].capitalize()
    return company, role


def round_from_summary(summary: str) -> int | None:
    m = re.search(r"\bround\s+(\d+)\b|\b(\d+)(?:st|nd|rd|th)\s+round\b", summary, re.IGNORECASE)
    if m:
        return int(m.group(1) or m.group(2))
    words = {"first": 1, "second": 2, "third": 3, "fourth": 4}
    m = re.search(r"\b(first|second|third|fourth)\s+round\b", summary, re.IGNORECASE)
    return words[m.group(1).lower()] if m else None


# -- writing the plan as a calendar ------------------------------------------------------

@dataclass(frozen=True, slots=True)
class PlannedItem:
    """One action with what the calendar shows beside it (names, the draft's subject)."""

    case: Case
    action: Action
    subject: str | None = None  # the draft's subject line, for email kinds


def action_uid(case: Case, action: Action) -> str:
    """A UID that stays the same while the action is the same step, so a re-import or a
    subscribed feed moves the event instead of adding a second one.

    Thank-you notes and letters hang on their interview and recipient, `prepare` on its
    interview; check-ins and the final on their place in the ladder (how many follow-ups
    went out since it last reset: an interview or any message from them,
    timing.reply-resets), whoever they go to and whatever day they fall on, since both can
    move when something happens. The due date is never part of it.
    """
    kind = action.kind.value
    row = kinds.kind(kind)
    interviews = case.sorted_interviews()
    if kind == "prepare":
        anchor = next((i.id for i in interviews if i.at.date() == action.due),
                      action.due.isoformat())
        key = f"{case.opportunity.id}/prepare/{anchor}"
    elif row.per_interview:
        held = [i for i in interviews if i.at.date() <= action.not_before]
        anchor = held[-1].id if held else "-"
        key = f"{case.opportunity.id}/{kind}/{action.to or '-'}/{anchor}"
    elif row.follow_up:
        ladder = case.ladder()
        key = f"{case.opportunity.id}/follow-up/{ladder.position if ladder else 1}"
    else:  # move_on, application_follow_up: one of each per opportunity at a time
        key = f"{case.opportunity.id}/{kind}"
    digest = hashlib.sha256(key.encode()).hexdigest()[:20]
    return f"{digest}@{UID_DOMAIN}"


def _summary(case: Case, action: Action, person: Person | None) -> str:
    row = kinds.kind(action.kind.value)
    words = row.label
    channel = action.channel.value.replace("_", " ") if action.channel else None
    who = f" {row.recipient_word} {person.name}" if person else ""
    how = f" ({channel})" if channel and row.follow_up else ""
    return f"{words}{who}{how}: {case.opportunity.company}"


def _description(case: Case, action: Action, person: Person | None,
                 subject: str | None) -> str:
    lines = [action.why, ""]
    if person is not None:
        lines.append(f"To: {person.name}" + (f" <{person.email}>" if person.email else ""))
    if subject:
        lines.append(f"Subject: {subject}")
    window = f"Do it from {action.not_before.isoformat()}, due {action.due.isoformat()}"
    if action.latest is not None:
        window += f", at the latest {action.latest.isoformat()}"
    lines.append(window + ".")
    lines.append(f"Rules: {', '.join(action.rules)}")
    lines.append(f"Opportunity: {case.opportunity.company}, {case.opportunity.role} "
                 f"({case.opportunity.id})")
    if action.to and kinds.kind(action.kind.value).draftable:
        lines.append(f"Draft: followup draft {case.opportunity.id} --kind {action.kind.value} "
                     f"--to {action.to}")
    return "\n".join(lines)


Revise = Callable[[str, str], tuple[int, datetime]]  # (uid, fingerprint) -> SEQUENCE, LAST-MODIFIED


def export_calendar(items: Sequence[PlannedItem], *, stamp: datetime,
                    remind_at: time = time(9, 0), name: str = "followup",
                    today: date | None = None, revise: Revise | None = None) -> bytes:
    """Every planned action as an all-day VEVENT on its due day, with a reminder at
    `remind_at` that morning. `stamp` (aware) is the DTSTAMP: the caller reads the clock.

    With `today`, an overdue action sits on today, so its alarm still rings (an alarm on
    a past day never does). With `revise`, each event carries the SEQUENCE and
    LAST-MODIFIED it returns for the event's content (its fingerprint), so a client that
    honours them replaces its copy when the event moved; DTSTAMP is then LAST-MODIFIED,
    which keeps an unchanged calendar byte for byte the same (the feed's ETag).

    VEVENT rather than VTODO: Google Calendar ignores VTODOs in imports and subscriptions
    and Outlook imports them poorly, while every calendar app shows an all-day event; the
    event is TRANSPARENT so it never blocks time.
    """
    from icalendar import Alarm, Calendar, Event

    if stamp.tzinfo is None:
        raise ValueError("stamp must be timezone-aware")
    cal = Calendar()
    cal.add("PRODID", PRODID)
    cal.add("VERSION", "2.0")
    cal.add("CALSCALE", "GREGORIAN")
    cal.add("METHOD", "PUBLISH")
    cal.add("X-WR-CALNAME", name)
    seen: set[str] = set()
    for item in items:
        case, action = item.case, item.action
        uid = action_uid(case, action)
        if uid in seen:  # two actions on one ladder step: keep both, apart
            uid = f"{uid[:-len(UID_DOMAIN) - 1]}-{action.due.isoformat()}@{UID_DOMAIN}"
        seen.add(uid)
        person = case.person(action.to)
        summary = _summary(case, action, person)
        day = max(action.due, today) if today is not None else action.due
        description = _description(case, action, person, item.subject)
        if day != action.due:
            description = f"Overdue: it was due {action.due.isoformat()}.\n{description}"
        event = Event()
        event.add("UID", uid)
        if revise is not None:
            fingerprint = hashlib.sha256("\n".join(
                (summary, day.isoformat(), description, remind_at.isoformat(),
                 action.state.value)).encode()).hexdigest()
            sequence, modified = revise(uid, fingerprint)
            event.add("DTSTAMP", modified)
            event.add("LAST-MODIFIED", modified)
            event.add("SEQUENCE", sequence)
        else:
            event.add("DTSTAMP", stamp)
        event.add("SUMMARY", summary)
        event.add("DTSTART", day)
        event.add("DTEND", day + timedelta(days=1))
        event.add("TRANSP", "TRANSPARENT")
        event.add("DESCRIPTION", description)
        event.add("CATEGORIES", ["followup", action.kind.value])
        event.add("X-FOLLOWUP-OPPORTUNITY", case.opportunity.id)
        event.add("X-FOLLOWUP-KIND", action.kind.value)
        event.add("X-FOLLOWUP-STATE", action.state.value)
        alarm = Alarm()
        alarm.add("ACTION", "DISPLAY")
        alarm.add("DESCRIPTION", summary)
        # Relative to the all-day start (midnight of the day it sits on): that morning.
        alarm.add("TRIGGER", timedelta(hours=remind_at.hour, minutes=remind_at.minute),
                  parameters={"RELATED": "START"})
        event.add_component(alarm)
        cal.add_component(event)
    return bytes(cal.to_ical())
