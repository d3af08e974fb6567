"""The domain, in the user's words: one opportunity and everything known about it.

Frozen dataclasses with no I/O: the store builds them from rows, `caseio` from JSON, and
the planner, linter and composer read them. Field names follow CONTRACT.md's case file, so
a reader can hold the JSON and the code side by side.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from enum import StrEnum
from operator import attrgetter


class Persistence(StrEnum):
    """How hard to push (timing.persistence); the numbers live in `policy`."""

    RESERVED = "reserved"
    STANDARD = "standard"
    PERSISTENT = "persistent"


class Status(StrEnum):
    ACTIVE = "active"
    OFFER = "offer"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    DORMANT = "dormant"

    @property
    def is_closed(self) -> bool:
        """Every status but `active` gets no actions (RULEBOOK: closed opportunities; `offer`
        included, the candidate decides)."""
        return self is not Status.ACTIVE


class Direction(StrEnum):
    OUT = "out"  # from the candidate
    IN = "in"  # from them


class Channel(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    VOICEMAIL = "voicemail"
    LETTER = "letter"
    IN_PERSON = "in_person"
    MESSAGE = "message"


class PromiseChannel(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    LETTER = "letter"
    OTHER = "other"


class TouchKind(StrEnum):
    APPLICATION = "application"
    THANK_YOU = "thank_you"
    CHECK_IN = "check_in"
    FINAL = "final"
    REPLY = "reply"
    OFFER = "offer"
    REJECTION = "rejection"
    OTHER = "other"


# Fields whose default persistence is `persistent` (RULEBOOK: "sales and business development").
PERSISTENT_FIELDS = frozenset({"sales", "business development", "business_development", "bizdev"})


@dataclass(frozen=True, slots=True)
class Candidate:
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    country: str | None = None  # ISO 3166 code for the holiday calendar
    timezone: str | None = None  # IANA name; times from outside are converted into it
    values: tuple[str, ...] = ()  # lines of value a follow-up can bring (content.value)


@dataclass(frozen=True, slots=True)
class Opportunity:
    id: str
    company: str
    role: str
    field: str | None = None
    persistence: Persistence | None = None  # None: the field's default
    status: Status = Status.ACTIVE
    listing: str | None = None
    applied_on: date | None = None
    send_letter: bool = False

    @property
    def effective_persistence(self) -> Persistence:
        """The user's choice, else the field's default (timing.persistence)."""
        if self.persistence is not None:
            return self.persistence
        if self.field and self.field.strip().lower() in PERSISTENT_FIELDS:
            return Persistence.PERSISTENT
        return Persistence.STANDARD


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    title: str | None = None
    email: str | None = None
    phone: str | None = None
    contact: bool = False

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.split() else self.name


@dataclass(frozen=True, slots=True)
class Promise:
    """What they said about the decision: a date, how they'll tell, who said it."""

    by: date
    channel: PromiseChannel | None = None
    who: str | None = None  # a Person id
    said: str | None = None


@dataclass(frozen=True, slots=True)
class Interview:
    id: str
    at: datetime  # naive, the candidate's local time; may lie in the future
    round: int | None = None
    format: str | None = None
    interviewers: tuple[str, ...] = ()  # Person ids, in the order given
    topics: tuple[str, ...] = ()
    next_steps: tuple[str, ...] = ()
    promised: Promise | None = None
    invite_uid: str | None = None  # the calendar invite's UID: a rescheduled copy moves it


@dataclass(frozen=True, slots=True)
class Touch:
    """One contact, either way: a note sent, a call received, a reply."""

    at: datetime
    direction: Direction
    channel: Channel
    kind: TouchKind
    person: str | None = None  # a Person id
    new_by: date | None = None  # a new promised date given in an incoming touch
    note: str | None = None
    message_id: str | None = None  # the mail's RFC 5322 Message-ID, <angle brackets> kept


def at_or_after(at: datetime, moment: datetime) -> bool:
    """`at` is at or after `moment`; a touch logged with a date alone counts from the start of
    its day, so a note dated the interview's day follows it."""
    return at >= moment or (at.time() == time(0) and at.date() == moment.date())


@dataclass(frozen=True, slots=True)
class StandingPromise:
    """The decision date that stands, when it was given, how and by whom."""

    made: datetime
    by: date
    channel: Channel | PromiseChannel | None
    who: str | None  # a Person id
    from_reply: bool  # given in a message from them (timing.reply-resets), not at an interview


@dataclass(frozen=True, slots=True)
class Ladder:
    """Where the follow-ups after the last held interview stand: the ladder restarts at that
    interview or at their latest message after it (timing.reply-resets)."""

    last: Interview  # the latest held interview
    reply: Touch | None  # their latest message after it
    sent: tuple[Touch, ...]  # follow-ups (check-ins, the final) sent since the restart

    @property
    def position(self) -> int:
        """1 for the first check-in, 2 for the next ... whatever day each falls on."""
        return len(self.sent) + 1


FOLLOW_UP_TOUCHES = frozenset({TouchKind.CHECK_IN, TouchKind.FINAL})
_at = attrgetter("at")


def _touch_key(t: Touch) -> tuple[datetime, str, str, str, str, date, str, str]:
    return (t.at, t.direction, t.kind, t.channel, t.person or "", t.new_by or date.min,
            t.note or "", t.message_id or "")


def _interview_key(i: Interview) -> tuple[datetime, str]:
    return (i.at, i.id)


@dataclass(frozen=True, slots=True)
class Case:
    """One opportunity with everything known about it: the unit the core works on."""

    opportunity: Opportunity
    candidate: Candidate = field(default_factory=Candidate)
    people: tuple[Person, ...] = ()
    interviews: tuple[Interview, ...] = ()
    touches: tuple[Touch, ...] = ()
    version: int = 1

    def person(self, person_id: str | None) -> Person | None:
        if person_id is None:
            return None
        for p in self.people:
            if p.id == person_id:
                return p
        return None

    @property
    def contact(self) -> Person | None:
        """The `contact: true` person, if any."""
        return next((p for p in self.people if p.contact), None)

    def sorted_touches(self) -> tuple[Touch, ...]:
        """In time order; ties broken by content so the order never depends on input order.

        Sorted by time alone first (most cases have no two touches at one moment; the
        planner sorts every case, so this is its hottest line), by the whole content only
        when two times are equal. The enums are `StrEnum`s: members sort as their values,
        without a `.value` read per touch."""
        touches = sorted(self.touches, key=_at)
        for before, after in zip(touches, touches[1:], strict=False):
            if before.at == after.at:
                return tuple(sorted(touches, key=_touch_key))
        return tuple(touches)

    def sorted_interviews(self) -> tuple[Interview, ...]:
        if len(self.interviews) < 2:
            return self.interviews
        return tuple(sorted(self.interviews, key=_interview_key))

    def with_touch(self, touch: Touch) -> Case:
        return replace(self, touches=(*self.touches, touch))

    # -- facts derived once, for the planner, the linter, the composer and the calendar --
    # `today` limits them to what had happened by then; None: everything recorded.

    def held(self, today: date | None = None) -> tuple[Interview, ...]:
        return tuple(i for i in self.sorted_interviews()
                     if today is None or i.at.date() <= today)

    def known_touches(self, today: date | None = None) -> tuple[Touch, ...]:
        return tuple(t for t in self.sorted_touches() if today is None or t.at.date() <= today)

    def standing_promise(self, today: date | None = None) -> StandingPromise | None:
        """The promised date that stands (timing.reply-resets: a new date replaces the old):
        the latest given, at an interview or in their message; dropped when it was about an
        earlier round and its date passed before the latest round."""
        return standing_promise(self.held(today), self.known_touches(today))

    def interview_for(self, person_id: str | None, today: date | None = None
                      ) -> Interview | None:
        """The interview a note to `person_id` is about: the latest held one they sat in,
        else their latest, else the latest held, else the latest."""
        every = self.sorted_interviews()
        held = self.held(today)
        for pool in ([i for i in held if person_id in i.interviewers],
                     [i for i in every if person_id in i.interviewers], held, every):
            if pool:
                return pool[-1]
        return None

    def ladder(self, today: date | None = None) -> Ladder | None:
        """The follow-up ladder's state after the latest held interview; None before one."""
        return ladder(self.held(today), self.known_touches(today))


# The same facts from interviews and touches already sorted and cut at `today` (the planner
# holds them so: it need not sort again).


def standing_promise(held: Sequence[Interview], touches: Sequence[Touch]
                     ) -> StandingPromise | None:
    """`Case.standing_promise` over held interviews and known touches, both in time order."""
    # The latest made (the first of equals, interviews before touches), built once: the
    # planner asks this of every case, most of which hold one promise or none.
    interview: Interview | None = None
    touch: Touch | None = None
    made: datetime | None = None
    for i in held:
        if i.promised is not None and (made is None or i.at > made):
            interview, made = i, i.at
    for t in touches:
        if t.new_by is not None and t.direction is Direction.IN and (made is None
                                                                     or t.at > made):
            touch, made = t, t.at
    if touch is not None:
        assert touch.new_by is not None
        latest = StandingPromise(touch.at, touch.new_by, touch.channel, touch.person, True)
    elif interview is not None and interview.promised is not None:
        p = interview.promised
        latest = StandingPromise(interview.at, p.by, p.channel, p.who, False)
    else:
        return None
    if held and latest.made < held[-1].at and latest.by < held[-1].at.date():
        return None
    return latest


def ladder(held: Sequence[Interview], touches: Sequence[Touch]) -> Ladder | None:
    """`Case.ladder` over held interviews and known touches, both in time order."""
    if not held:
        return None
    last = held[-1]
    reply = None
    for t in touches:
        if t.direction is Direction.IN and at_or_after(t.at, last.at):
            reply = t
    start = reply.at if reply is not None else last.at
    sent = tuple(t for t in touches if t.direction is Direction.OUT
                 and t.kind in FOLLOW_UP_TOUCHES and at_or_after(t.at, start))
    return Ladder(last, reply, sent)
