"""Case files (CONTRACT.md) <-> `Case`, with validation that names the field path.

Hand-written rather than pydantic: the messages must read exactly like CONTRACT.md's
(`interviews[0].at: not a date: "31/02/2026"`), and the CLI should not pay pydantic's import
cost on every start. Parsing is strict: unknown fields are refused, because a typo such as
`"compnay"` would otherwise be dropped without a word.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any, TypeVar

from followup.core import limits
from followup.core.errors import CaseFileError
from followup.core.kinds import ACTION_KINDS
from followup.core.model import (
    Candidate,
    Case,
    Channel,
    Direction,
    Interview,
    Opportunity,
    Persistence,
    Person,
    Promise,
    PromiseChannel,
    Status,
    Touch,
    TouchKind,
)

VERSION = 1
MAX_TEXT = limits.MAX_TEXT
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?")

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")


_show = limits.show


class _Reader:
    """Reads one JSON object, remembering its path for the messages."""

    def __init__(self, data: Any, path: str, source: str | None) -> None:
        self.path = path
        self.source = source
        if not isinstance(data, Mapping):
            self.fail("", f"must be an object, not {_show(data)}")
        self.data: Mapping[str, Any] = data
        self.seen: set[str] = set()

    def at(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def fail(self, key: str, problem: str) -> None:
        raise CaseFileError(self.at(key) if key else self.path or "(top)", problem, self.source)

    def _get(self, key: str, required: bool) -> Any:
        self.seen.add(key)
        if key not in self.data or self.data[key] is None:
            if required:
                self.fail(key, "missing")
            return None
        return self.data[key]

    def text(self, key: str, required: bool = False, line: bool = True) -> str | None:
        """A string field; `line=False` for free text (a listing, a note) that may break."""
        value = self._get(key, required)
        if value is None:
            return None
        return check_text(value, self.at(key), self.source, required, line=line)

    def email(self, key: str) -> str | None:
        """An address mail can go to (addresses.email_problem), stored normalised."""
        from followup.core.addresses import email_problem, normal_email

        value = self.text(key)
        if value is None or not value.strip():
            return value
        problem = email_problem(value.strip())
        if problem is not None:
            self.fail(key, f"not a valid email address {_show(value)}: {problem}")
        return normal_email(value.strip())

    def ident(self, key: str) -> str:
        value = self.text(key, required=True)
        assert value is not None
        return check_ident(value, self.at(key), self.source)

    def boolean(self, key: str, default: bool = False) -> bool:
        value = self._get(key, False)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.fail(key, f"must be true or false, not {_show(value)}")
        return bool(value)

    def integer(self, key: str) -> int | None:
        value = self._get(key, False)
        if value is None:
            return None
        if not isinstance(value, int) or limits.round_problem(value):
            self.fail(key, f"must be a whole number from 1 to {limits.MAX_ROUND}, "
                      f"not {_show(value)}")
        return int(value)

    def choice(self, key: str, enum: type[E]) -> E | None:
        value = self._get(key, False)
        if value is None:
            return None
        try:
            return enum(value)
        except ValueError:
            options = ", ".join(m.value for m in enum)
            self.fail(key, f"must be one of {options}, not {_show(value)}")
            raise  # pragma: no cover - fail() always raises

    def day(self, key: str, required: bool = False) -> date | None:
        value = self._get(key, required)
        return None if value is None else parse_date(value, self.at(key), self.source)

    def moment(self, key: str) -> datetime:
        value = self._get(key, True)
        return parse_datetime(value, self.at(key), self.source)

    def texts(self, key: str, line: bool = True) -> tuple[str, ...]:
        return tuple(
            check_text(v, p, self.source, True, line=line) for v, p in self.items(key)
        )

    def items(self, key: str) -> Iterable[tuple[Any, str]]:
        value = self._get(key, False)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(key, f"must be a list, not {_show(value)}")
        if len(value) > limits.MAX_TOUCHES:  # the longest list; each has its own cap below
            self.fail(key, f"too many items ({len(value)}; at most {limits.MAX_TOUCHES})")
        return [(v, f"{self.at(key)}[{i}]") for i, v in enumerate(value)]

    def done(self) -> None:
        unknown = sorted(set(self.data) - self.seen)
        if unknown:
            key = unknown[0]  # quoted unless plain: a key may hold a newline or be empty
            self.fail(key if re.fullmatch(r"\w+", key, re.ASCII) else _show(key),
                      "unknown field")


def check_text(value: Any, path: str, source: str | None = None, required: bool = False,
               *, line: bool = False) -> str:
    """A string within `limits` (`line`: a one-line field, no control character at all)."""
    if not isinstance(value, str):
        raise CaseFileError(path, f"must be text, not {_show(value)}", source)
    if required and not value.strip():
        raise CaseFileError(path, "must not be empty", source)
    problem = limits.text_problem(value, line=line)
    if problem:
        raise CaseFileError(path, problem, source)
    return value


def check_ident(value: str, path: str, source: str | None = None) -> str:
    """Ids are what users type on the command line and what URLs carry: slugs only."""
    problem = limits.id_problem(value)
    if problem:
        raise CaseFileError(path, problem, source)
    return value


def parse_date(value: Any, path: str, source: str | None = None) -> date:
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            pass
        else:
            if problem := limits.day_problem(day):
                raise CaseFileError(path, problem, source)
            return day
    raise CaseFileError(path, f"not a date: {_show(value)}", source)


def parse_datetime(value: Any, path: str, source: str | None = None) -> datetime:
    """`YYYY-MM-DD` (start of that day) or `YYYY-MM-DDTHH:MM[:SS]`, local time."""
    if isinstance(value, str) and _DATETIME.fullmatch(value):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            if problem := limits.moment_problem(moment):
                raise CaseFileError(path, problem, source)
            return moment
    raise CaseFileError(path, f"not a date: {_show(value)}", source)


def format_datetime(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S" if moment.second else "%Y-%m-%dT%H:%M")


def _objects(r: _Reader, key: str, build: Callable[[_Reader], T]) -> tuple[T, ...]:
    out = []
    for value, path in r.items(key):
        sub = _Reader(value, path, r.source)
        out.append(build(sub))
        sub.done()
    return tuple(out)


def _candidate(r: _Reader) -> Candidate:
    return Candidate(
        name=r.text("name"),
        email=r.email("email"),
        phone=r.text("phone"),
        country=r.text("country"),
        timezone=r.text("timezone"),
        values=r.texts("values", line=False),
    )


def _opportunity(r: _Reader) -> Opportunity:
    return Opportunity(
        id=r.ident("id"),
        company=r.text("company", required=True) or "",
        role=r.text("role", required=True) or "",
        field=r.text("field"),
        persistence=r.choice("persistence", Persistence),
        status=r.choice("status", Status) or Status.ACTIVE,
        listing=r.text("listing", line=False),
        applied_on=r.day("applied_on"),
        send_letter=r.boolean("send_letter"),
    )


def _person(r: _Reader) -> Person:
    return Person(
        id=r.ident("id"),
        name=r.text("name", required=True) or "",
        title=r.text("title"),
        email=r.email("email"),
        phone=r.text("phone"),
        contact=r.boolean("contact"),
    )


def _promise(r: _Reader) -> Promise:
    return Promise(
        by=r.day("by", required=True) or date.min,
        channel=r.choice("channel", PromiseChannel),
        who=r.text("who"),
        said=r.text("said", line=False),
    )


def _interview(r: _Reader) -> Interview:
    promised = r._get("promised", False)
    promise = None
    if promised is not None:
        sub = _Reader(promised, r.at("promised"), r.source)
        promise = _promise(sub)
        sub.done()
    return Interview(
        id=r.ident("id"),
        at=r.moment("at"),
        round=r.integer("round"),
        format=r.text("format"),
        interviewers=r.texts("interviewers"),
        topics=r.texts("topics"),
        next_steps=r.texts("next_steps"),
        promised=promise,
        invite_uid=r.text("invite_uid"),
    )


def _touch(r: _Reader) -> Touch:
    direction = r.choice("direction", Direction)
    channel = r.choice("channel", Channel)
    kind = r.choice("kind", TouchKind)
    for key, value in (("direction", direction), ("channel", channel), ("kind", kind)):
        if value is None:
            r.fail(key, "missing")
    assert direction is not None and channel is not None and kind is not None
    new_by = r.day("new_by")
    if new_by is not None and direction is not Direction.IN:
        r.fail("new_by", "only an incoming touch (direction \"in\") can give a new date")
    return Touch(
        at=r.moment("at"),
        direction=direction,
        channel=channel,
        kind=kind,
        person=r.text("person"),
        new_by=new_by,
        note=r.text("note", line=False),
        message_id=_message_id(r),
    )


def _message_id(r: _Reader) -> str | None:
    """CONTRACT.md: an RFC 5322 Message-ID, angle brackets included (`<id@host>`)."""
    value = r.text("message_id")
    if value is not None and not _MESSAGE_ID.fullmatch(value):
        r.fail("message_id", f"not a Message-ID like <id@host>: {_show(value)}")
    return value


_MESSAGE_ID = re.compile(r"<[^<>\s@]+@[^<>\s@]+>")


def _check_version(top: _Reader) -> None:
    """`"version": 1` exactly: not 1.0, not true (both equal 1 in Python)."""
    version = top._get("version", True)
    if type(version) is not int or version != VERSION:
        top.fail("version", f"must be {VERSION}, not {_show(version)}")


def from_dict(data: Any, source: str | None = None) -> Case:
    """Validate a parsed case file; raise `CaseFileError` naming the first bad field."""
    top = _Reader(data, "", source)
    _check_version(top)
    opp_data = top._get("opportunity", True)
    opp_reader = _Reader(opp_data, "opportunity", source)
    opportunity = _opportunity(opp_reader)
    opp_reader.done()
    cand_data = top._get("candidate", False)
    candidate = Candidate()
    if cand_data is not None:
        cand_reader = _Reader(cand_data, "candidate", source)
        candidate = _candidate(cand_reader)
        cand_reader.done()
    people = _objects(top, "people", _person)
    interviews = _objects(top, "interviews", _interview)
    touches = _objects(top, "touches", _touch)
    top.done()
    case = Case(opportunity=opportunity, candidate=candidate, people=people,
                interviews=interviews, touches=touches)
    limits.check_case(case, source=source)  # counts, one-line fields, country, zone ...
    check_references(case, source)
    return case


def check_references(case: Case, source: str | None = None) -> None:
    """Ids unique, every person reference known (CONTRACT.md: an error, not a silent skip)."""
    known: set[str] = set()
    for i, person in enumerate(case.people):
        if person.id in known:
            raise CaseFileError(f"people[{i}].id", f"duplicate id {_show(person.id)}", source)
        known.add(person.id)

    def ref(value: str | None, path: str) -> None:
        if value is not None and value not in known:
            raise CaseFileError(path, f"unknown person id {_show(value)}", source)

    interview_ids: set[str] = set()
    for i, interview in enumerate(case.interviews):
        if interview.id in interview_ids:
            raise CaseFileError(f"interviews[{i}].id", f"duplicate id {_show(interview.id)}",
                                source)
        interview_ids.add(interview.id)
        for j, who in enumerate(interview.interviewers):
            ref(who, f"interviews[{i}].interviewers[{j}]")
        if interview.promised is not None:
            ref(interview.promised.who, f"interviews[{i}].promised.who")
    message_ids: set[str] = set()
    for i, touch in enumerate(case.touches):
        ref(touch.person, f"touches[{i}].person")
        if touch.message_id is not None:
            if touch.message_id in message_ids:
                raise CaseFileError(f"touches[{i}].message_id",
                                    f"duplicate Message-ID {_show(touch.message_id)}", source)
            message_ids.add(touch.message_id)


def _drop_empty(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None and v != [] and v != ()}


def candidate_to_dict(c: Candidate) -> dict[str, Any]:
    """A profile as the case file writes it (the change log keeps it the same way)."""
    return _drop_empty({
        "name": c.name, "email": c.email, "phone": c.phone, "country": c.country,
        "timezone": c.timezone, "values": list(c.values),
    })


def touch_to_dict(t: Touch) -> dict[str, Any]:
    """A touch as the case file writes it (the change log keeps it the same way)."""
    return _drop_empty({
        "at": format_datetime(t.at), "direction": t.direction.value,
        "channel": t.channel.value, "person": t.person, "kind": t.kind.value,
        "new_by": t.new_by.isoformat() if t.new_by else None, "note": t.note,
        "message_id": t.message_id,
    })


def candidate_from_dict(data: Any, path: str = "candidate") -> Candidate:
    """`candidate_to_dict` read back, checked as a case file's profile is."""
    r = _Reader(data, path, None)
    found = _candidate(r)
    r.done()
    return found


def touch_from_dict(data: Any, path: str = "touch") -> Touch:
    """`touch_to_dict` read back, checked as a case file's touch is."""
    r = _Reader(data, path, None)
    found = _touch(r)
    r.done()
    return found


def to_dict(case: Case) -> dict[str, Any]:
    """The case file for `case`; `from_dict(to_dict(c)) == c` for every valid case."""
    o = case.opportunity
    out: dict[str, Any] = {"version": VERSION}
    candidate = candidate_to_dict(case.candidate)
    if candidate:
        out["candidate"] = candidate
    out["opportunity"] = _drop_empty({
        "id": o.id, "company": o.company, "role": o.role, "field": o.field,
        "persistence": o.persistence.value if o.persistence else None,
        "status": o.status.value, "listing": o.listing,
        "applied_on": o.applied_on.isoformat() if o.applied_on else None,
        "send_letter": o.send_letter,
    })
    out["people"] = [
        _drop_empty({"id": p.id, "name": p.name, "title": p.title, "email": p.email,
                     "phone": p.phone, "contact": p.contact or None})
        for p in case.people
    ]
    out["interviews"] = [
        _drop_empty({
            "id": i.id, "at": format_datetime(i.at), "round": i.round, "format": i.format,
            "interviewers": list(i.interviewers), "topics": list(i.topics),
            "next_steps": list(i.next_steps),
            "promised": _drop_empty({
                "by": i.promised.by.isoformat(),
                "channel": i.promised.channel.value if i.promised.channel else None,
                "who": i.promised.who, "said": i.promised.said,
            }) if i.promised else None,
            "invite_uid": i.invite_uid,
        })
        for i in case.interviews
    ]
    out["touches"] = [touch_to_dict(t) for t in case.touches]
    return out


def loads(text: str, source: str | None = None) -> Case:
    return from_dict(parse_json(text, source), source)


class _JSONLimit(ValueError):
    """A JSON text outside `limits`: a duplicate key, a huge integer, NaN."""


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _JSONLimit(f"duplicate key {_show(key)}")
        out[key] = value
    return out


def _int(text: str) -> int:
    if len(text.lstrip("-")) > limits.MAX_DIGITS:
        raise _JSONLimit(f"an integer of {len(text.lstrip('-'))} digits "
                         f"(at most {limits.MAX_DIGITS})")
    return int(text)


def _constant(name: str) -> Any:
    raise _JSONLimit(f"{name} is not a JSON number")


def _depth(data: Any) -> int:
    """How deeply `data` nests, without recursion."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            value = list(value.values())
        if isinstance(value, list):
            deepest = max(deepest, depth)
            if depth <= limits.MAX_DEPTH:
                stack.extend((v, depth + 1) for v in value)
    return deepest


def parse_json(text: str, source: str | None = None) -> Any:
    """Strict JSON within `limits`: one line naming what is wrong, never a traceback."""
    try:
        data = json.loads(text, object_pairs_hook=_pairs, parse_int=_int,
                          parse_constant=_constant)
    except json.JSONDecodeError as e:
        raise CaseFileError("", f"not valid JSON (line {e.lineno}, column {e.colno}: {e.msg})",
                            source) from None
    except RecursionError:
        raise CaseFileError("", "not valid JSON (nested too deeply)", source) from None
    except ValueError as e:  # _JSONLimit, or Python's own 4,300-digit limit
        raise CaseFileError("", f"not accepted JSON ({str(e).splitlines()[0]})", source) from None
    if _depth(data) > limits.MAX_DEPTH:
        raise CaseFileError("", f"nested too deeply (at most {limits.MAX_DEPTH} levels)", source)
    return data


def dumps(case: Case) -> str:
    return json.dumps(to_dict(case), indent=2, ensure_ascii=False) + "\n"


@dataclass(frozen=True, slots=True)
class Snooze:
    """A planned action hidden until a day: part of a backup (`export --all`)."""

    opportunity: str
    kind: str
    person: str | None
    until: date


_KIND = re.compile(r"[a-z_]{1,32}")


def bundle_to_dict(cases: Iterable[Case], snoozes: Iterable[Snooze] = ()) -> dict[str, Any]:
    """`followup export --all`: every case in one file, and the snoozes (so a restore
    brings back a quiet agenda, not every action hidden before)."""
    out: dict[str, Any] = {"version": VERSION, "cases": [to_dict(c) for c in cases]}
    sleeping = [_drop_empty({"opportunity": z.opportunity, "kind": z.kind, "person": z.person,
                             "until": z.until.isoformat()}) for z in snoozes]
    if sleeping:
        out["snoozes"] = sleeping
    return out


def _snooze(r: _Reader, opportunities: set[str]) -> Snooze:
    opportunity = r.ident("opportunity")
    if opportunity not in opportunities:
        r.fail("opportunity", f"no case {_show(opportunity)} in this bundle")
    kind = r.text("kind", required=True) or ""
    if not _KIND.fullmatch(kind) or kind not in ACTION_KINDS:
        r.fail("kind", f"not an action kind: {_show(kind)} (one of {', '.join(ACTION_KINDS)})")
    person = r.text("person")
    if person is not None:
        check_ident(person, r.at("person"), r.source)
    return Snooze(opportunity, kind, person, r.day("until", required=True) or date.min)


def cases_from_json(data: Any, source: str | None = None) -> list[Case]:
    """A case file or a bundle, told apart by the `cases` key."""
    return read_bundle(data, source)[0]


def read_bundle(data: Any, source: str | None = None) -> tuple[list[Case], list[Snooze]]:
    """A case file or a bundle (cases and snoozes), told apart by the `cases` key."""
    if isinstance(data, Mapping) and "cases" in data:
        top = _Reader(data, "", source)
        _check_version(top)
        listed = top._get("cases", True)
        if isinstance(listed, list) and len(listed) > limits.MAX_CASES:
            top.fail("cases", f"too many cases ({len(listed)}; at most {limits.MAX_CASES})")
        cases = []
        for value, path in top.items("cases"):
            try:
                cases.append(from_dict(value, source))
            except CaseFileError as e:
                raise CaseFileError(f"{path}.{e.path}" if e.path != "(top)" else path,
                                    e.problem, source) from None
        seen: set[str] = set()
        for i, case in enumerate(cases):
            if case.opportunity.id in seen:
                raise CaseFileError(f"cases[{i}].opportunity.id",
                                    f"duplicate id {_show(case.opportunity.id)}", source)
            seen.add(case.opportunity.id)
        snoozes = list(_objects(top, "snoozes", lambda r: _snooze(r, seen)))
        top.done()
        return cases, snoozes
    return [from_dict(data, source)], []
