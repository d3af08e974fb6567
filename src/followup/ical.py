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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from followup import kinds
from followup.errors import FollowupError

if TYPE_CHECKING:
    from followup.model import Case, Person
    from followup.planner import Action

PRODID = "-//followup//followup calendar export//EN"
UID_DOMAIN = "followup.invalid"  # RFC 2606: a domain no one else will ever use in a UID


class InviteError(FollowupError):
    """An invite file that cannot become an interview; the message names the file."""


@dataclass(frozen=True, slots=True)
class Attendee:
    name: str
    email: str | None
    name_from_address: bool = False  # no usable CN: the name was made from the address


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


def calendar_bytes(data: bytes, source: str) -> bytes:
    """The iCalendar text of a `.ics` file, or of the `text/calendar` part of an `.eml`."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:15].upper()
    if head.startswith(b"BEGIN:VCALENDAR"):
        return data
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not message.keys():
        raise InviteError(f"{source}: neither an iCalendar file (BEGIN:VCALENDAR) "
                          "nor an email message")
    for part in message.walk():
        ctype = part.get_content_type()
        name = (part.get_filename() or "").lower()
        if ctype in ("text/calendar", "application/ics") or name.endswith(".ics"):
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and payload.strip():
                return payload
    raise InviteError(f"{source}: the email has no text/calendar part (no invitation in it)")


def _text(component: Any, key: str) -> str:
    value = component.get(key)
    return str(value).strip() if value is not None else ""


def _address(value: Any) -> str | None:
    """The email address of an ORGANIZER/ATTENDEE: `mailto:` in any case, or Apple's
    `EMAIL=` parameter beside a `urn:uuid:` value."""
    raw = str(value).strip()
    if raw[:7].lower() == "mailto:":
        raw = raw[7:]
    params = getattr(value, "params", {})
    if "@" not in raw and params.get("EMAIL"):
        raw = str(params["EMAIL"])
    raw = raw.strip().strip("<>")
    return raw.lower() if "@" in raw and " " not in raw else None


_PAREN = re.compile(r"\s*\([^)]*\)\s*$")
_SUFFIXES = frozenset({"phd", "ph.d.", "md", "m.d.", "mba", "cpa", "jr", "jr.", "sr", "sr.",
                       "ii", "iii", "iv", "esq", "esq."})


def clean_name(cn: str) -> str:
    """A display name as a person would write it: Outlook's `Last, First (Dept)` turned
    round, quotes and a trailing parenthesis dropped."""
    name = _PAREN.sub("", cn.strip().strip('"').strip())
    parts = [p.strip() for p in name.split(",")]
    if len(parts) == 2 and parts[1].casefold() in _SUFFIXES:
        return " ".join(parts[0].split())  # "Renée Dubois, PhD": a suffix, not a first name
    if len(parts) == 2 and all(parts) and all(len(p.split()) <= 2 for p in parts):
        name = f"{parts[1]} {parts[0]}"
    return " ".join(name.split())


def name_from_address(address: str) -> str:
    """`dana.whitfield@acme.example` -> `Dana Whitfield`: better than an address as a name."""
    local = address.split("@")[0].split("+")[0]
    words = [w for w in re.split(r"[._\-]+", local) if w and not w.isdigit()]
    return " ".join(w.capitalize() for w in words) or address


def _attendee(value: Any) -> tuple[Attendee | None, Skipped | None]:
    params = getattr(value, "params", {})
    address = _address(value)
    cn = str(params.get("CN", "")).strip()
    if cn and "@" in cn and address and cn.strip('"').lower() == address:
        cn = ""  # Google writes CN=the address for guests without a profile name
    label = cn or address or str(value)
    cutype = str(params.get("CUTYPE", "INDIVIDUAL")).upper()
    if cutype in ("ROOM", "RESOURCE"):
        return None, Skipped(label, "room or resource")
    if str(params.get("ROLE", "")).upper() == "NON-PARTICIPANT":
        return None, Skipped(label, "not a participant")
    if str(params.get("PARTSTAT", "")).upper() == "DECLINED":
        return None, Skipped(label, "declined")
    if cn:
        return Attendee(clean_name(cn), address), None
    if address:
        return Attendee(name_from_address(address), address, name_from_address=True), None
    return None, Skipped(label, "no name or address")


def local_zone(name: str | None) -> tuple[tzinfo, str]:
    """The candidate's zone (IANA name) or, without one, the machine's (CONTRACT.md)."""
    if name:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            return ZoneInfo(name), name
        except (ZoneInfoNotFoundError, ValueError):
            raise FollowupError(f"profile timezone: {name!r} is not an IANA zone name "
                                "(like America/New_York)") from None
    from dateutil.tz import tzlocal

    zone = tzlocal()
    return zone, datetime.now(zone).tzname() or "local time"


def parse_invite(data: bytes, source: str, *, zone: tzinfo, zone_name: str,
                 me: Iterable[str] = ()) -> Invite:
    """The interview an invite describes; `me` are the candidate's own addresses, skipped."""
    from icalendar import Calendar

    text = calendar_bytes(data, source)
    try:
        cal = Calendar.from_ical(text)
    except Exception as e:  # icalendar raises ValueError, KeyError ... on bad input
        raise InviteError(f"{source}: not a valid iCalendar file: {e}") from None
    if isinstance(cal, list):  # several VCALENDARs in one file
        cal = cal[0]
    method = _text(cal, "METHOD").upper()
    if method == "CANCEL":
        raise InviteError(f"{source}: this is a cancellation (METHOD:CANCEL), not an invitation")
    events = [c for c in cal.walk("VEVENT")]
    if not events:
        raise InviteError(f"{source}: no event (VEVENT) in the calendar")
    uids = {_text(e, "UID") for e in events}
    if any(e.get("RRULE") or e.get("RDATE") for e in events) or (
            len(events) > 1 and len(uids) == 1):
        raise InviteError(f"{source}: a recurring event (RRULE); an interview is one meeting: "
                          "export just the one occurrence, or use `followup add interview`")
    if len(events) > 1:
        raise InviteError(f"{source}: {len(events)} events in one file; import one invite at "
                          "a time")
    event = events[0]
    if _text(event, "STATUS").upper() == "CANCELLED":
        raise InviteError(f"{source}: the event is cancelled (STATUS:CANCELLED)")
    if event.get("DTSTART") is None:
        raise InviteError(f"{source}: the event has no start time (DTSTART)")
    try:
        start_raw = event.decoded("DTSTART")
        end_raw = event.decoded("DTEND") if event.get("DTEND") is not None else None
        if end_raw is None and event.get("DURATION") is not None:
            end_raw = start_raw + event.decoded("DURATION")
    except Exception as e:
        raise InviteError(f"{source}: DTSTART/DTEND: {e}") from None
    if not isinstance(start_raw, datetime):
        raise InviteError(f"{source}: an all-day event ({start_raw.isoformat()}) has no start "
                          "time; record it with `followup add interview --at`")

    def local(moment: datetime) -> datetime:
        # Floating times (no TZID, no Z) are already the reader's local time (RFC 5545 3.3.5).
        if moment.tzinfo is None:
            return moment
        return moment.astimezone(zone).replace(tzinfo=None)

    source_zone: str | None = None
    if start_raw.tzinfo is not None:
        source_zone = str(event["DTSTART"].params.get("TZID") or start_raw.tzname() or "UTC")

    mine = {m.strip().lower() for m in me if m and m.strip()}
    people: list[Attendee] = []
    skipped: list[Skipped] = []
    seen: set[str] = set()
    organizer: Attendee | None = None
    raw = event.get("ATTENDEE") or []
    values = [event["ORGANIZER"]] if event.get("ORGANIZER") is not None else []
    values += raw if isinstance(raw, list) else [raw]
    for n, value in enumerate(values):
        address = _address(value)
        if address and address in mine:
            if address not in seen:
                skipped.append(Skipped(address, "you"))
            seen.add(address)
            continue
        person, skip = _attendee(value)
        if skip is not None:
            skipped.append(skip)
            continue
        assert person is not None
        key = person.email or person.name.casefold()
        if n == 0 and event.get("ORGANIZER") is not None:
            organizer = person
        if key in seen:
            continue
        seen.add(key)
        people.append(person)

    return Invite(
        source=source, uid=_text(event, "UID"), summary=_text(event, "SUMMARY"),
        description=_text(event, "DESCRIPTION"), location=_text(event, "LOCATION"),
        start=local(start_raw),
        end=local(end_raw) if isinstance(end_raw, datetime) else None,
        zone_name=zone_name, source_zone=source_zone, organizer=organizer,
        people=tuple(people), skipped=tuple(skipped), sequence=_sequence(event),
    )


def _sequence(event: Any) -> int:
    """The event's SEQUENCE (RFC 5545 3.8.7.4), 0 when absent or not a number."""
    try:
        return max(0, int(str(event.get("SEQUENCE", 0)).strip()))
    except ValueError:
        return 0


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


def export_calendar(items: Sequence[PlannedItem], *, stamp: datetime,
                    remind_at: time = time(9, 0), name: str = "followup") -> bytes:
    """Every planned action as an all-day VEVENT on its due day, with a reminder at
    `remind_at` that morning. `stamp` (aware) is the DTSTAMP: the caller reads the clock.

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
        event = Event()
        event.add("UID", uid)
        event.add("DTSTAMP", stamp)
        event.add("SUMMARY", summary)
        event.add("DTSTART", action.due)
        event.add("DTEND", action.due + timedelta(days=1))
        event.add("TRANSP", "TRANSPARENT")
        event.add("DESCRIPTION", _description(case, action, person, item.subject))
        event.add("CATEGORIES", ["followup", action.kind.value])
        event.add("X-FOLLOWUP-OPPORTUNITY", case.opportunity.id)
        event.add("X-FOLLOWUP-KIND", action.kind.value)
        event.add("X-FOLLOWUP-STATE", action.state.value)
        alarm = Alarm()
        alarm.add("ACTION", "DISPLAY")
        alarm.add("DESCRIPTION", summary)
        # Relative to the all-day start (midnight of the due day): the morning it's due.
        alarm.add("TRIGGER", timedelta(hours=remind_at.hour, minutes=remind_at.minute),
                  parameters={"RELATED": "START"})
        event.add_component(alarm)
        cal.add_component(event)
    return bytes(cal.to_ical())
