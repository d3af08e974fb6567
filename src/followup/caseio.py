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
from datetime import date, datetime
from enum import StrEnum
from typing import Any, TypeVar

from followup.errors import CaseFileError
from followup.model import (
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
MAX_TEXT = 100_000  # characters in any one string field; a listing is the longest
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?")
# Control characters other than tab and newlines: PostgreSQL refuses NUL, and none of them
# belongs in a name or a note.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")


_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _show(value: Any) -> str:
    # JSON escapes control characters; these three also break a line (str.splitlines).
    text = json.dumps(value, ensure_ascii=False).translate(_LINE_BREAKS)
    return text if len(text) <= 60 else text[:57] + "..."


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

    def text(self, key: str, required: bool = False) -> str | None:
        value = self._get(key, required)
        if value is None:
            return None
        return check_text(value, self.at(key), self.source, required)

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
        if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 1000:
            self.fail(key, f"must be a whole number from 1 to 999, not {_show(value)}")
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

    def texts(self, key: str) -> tuple[str, ...]:
        return tuple(
            check_text(v, p, self.source, True) for v, p in self.items(key)
        )

    def items(self, key: str) -> Iterable[tuple[Any, str]]:
        value = self._get(key, False)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(key, f"must be a list, not {_show(value)}")
        return [(v, f"{self.at(key)}[{i}]") for i, v in enumerate(value)]

    def done(self) -> None:
        unknown = sorted(set(self.data) - self.seen)
        if unknown:
            key = unknown[0]  # quoted unless plain: a key may hold a newline or be empty
            self.fail(key if re.fullmatch(r"\w+", key, re.ASCII) else _show(key),
                      "unknown field")


def check_text(value: Any, path: str, source: str | None = None, required: bool = False) -> str:
    if not isinstance(value, str):
        raise CaseFileError(path, f"must be text, not {_show(value)}", source)
    if required and not value.strip():
        raise CaseFileError(path, "must not be empty", source)
    if len(value) > MAX_TEXT:
        raise CaseFileError(path, f"too long ({len(value)} characters; at most {MAX_TEXT})", source)
    if _CONTROL.search(value):
        raise CaseFileError(path, "contains a control character", source)
    return value


def check_ident(value: str, path: str, source: str | None = None) -> str:
    """Ids are what users type on the command line: no spaces, at most 80 characters."""
    if len(value) > 80 or any(c.isspace() for c in value):
        raise CaseFileError(path, f"not a valid id (no spaces, at most 80 characters): "
                            f"{_show(value)}", source)
    return value


def parse_date(value: Any, path: str, source: str | None = None) -> date:
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise CaseFileError(path, f"not a date: {_show(value)}", source)


def parse_datetime(value: Any, path: str, source: str | None = None) -> datetime:
    """`YYYY-MM-DD` (start of that day) or `YYYY-MM-DDTHH:MM[:SS]`, local time."""
    if isinstance(value, str) and _DATETIME.fullmatch(value):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            pass
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
        email=r.text("email"),
        phone=r.text("phone"),
        country=r.text("country"),
        timezone=r.text("timezone"),
        values=r.texts("values"),
    )


def _opportunity(r: _Reader) -> Opportunity:
    return Opportunity(
        id=r.ident("id"),
        company=r.text("company", required=True) or "",
        role=r.text("role", required=True) or "",
        field=r.text("field"),
        persistence=r.choice("persistence", Persistence),
        status=r.choice("status", Status) or Status.ACTIVE,
        listing=r.text("listing"),
        applied_on=r.day("applied_on"),
        send_letter=r.boolean("send_letter"),
    )


def _person(r: _Reader) -> Person:
    return Person(
        id=r.ident("id"),
        name=r.text("name", required=True) or "",
        title=r.text("title"),
        email=r.text("email"),
        phone=r.text("phone"),
        contact=r.boolean("contact"),
    )


def _promise(r: _Reader) -> Promise:
    return Promise(
        by=r.day("by", required=True) or date.min,
        channel=r.choice("channel", PromiseChannel),
        who=r.text("who"),
        said=r.text("said"),
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
        note=r.text("note"),
        message_id=_message_id(r),
    )


def _message_id(r: _Reader) -> str | None:
    """CONTRACT.md: an RFC 5322 Message-ID, angle brackets included (`<id@host>`)."""
    value = r.text("message_id")
    if value is not None and not _MESSAGE_ID.fullmatch(value):
        r.fail("message_id", f"not a Message-ID like <id@host>: {_show(value)}")
    return value


_MESSAGE_ID = re.compile(r"<[^<>\s@]+@[^<>\s@]+>")


def from_dict(data: Any, source: str | None = None) -> Case:
    """Validate a parsed case file; raise `CaseFileError` naming the first bad field."""
    top = _Reader(data, "", source)
    version = top._get("version", True)
    if version != VERSION or isinstance(version, bool):
        top.fail("version", f"must be {VERSION}, not {_show(version)}")
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


def to_dict(case: Case) -> dict[str, Any]:
    """The case file for `case`; `from_dict(to_dict(c)) == c` for every valid case."""
    c, o = case.candidate, case.opportunity
    out: dict[str, Any] = {"version": VERSION}
    candidate = _drop_empty({
        "name": c.name, "email": c.email, "phone": c.phone, "country": c.country,
        "timezone": c.timezone, "values": list(c.values),
    })
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
    out["touches"] = [
        _drop_empty({
            "at": format_datetime(t.at), "direction": t.direction.value,
            "channel": t.channel.value, "person": t.person, "kind": t.kind.value,
            "new_by": t.new_by.isoformat() if t.new_by else None, "note": t.note,
            "message_id": t.message_id,
        })
        for t in case.touches
    ]
    return out


def loads(text: str, source: str | None = None) -> Case:
    return from_dict(parse_json(text, source), source)


def parse_json(text: str, source: str | None = None) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise CaseFileError("", f"not valid JSON (line {e.lineno}, column {e.colno}: {e.msg})",
                            source) from None
    except RecursionError:
        raise CaseFileError("", "not valid JSON (nested too deeply)", source) from None


def dumps(case: Case) -> str:
    return json.dumps(to_dict(case), indent=2, ensure_ascii=False) + "\n"


def bundle_to_dict(cases: Iterable[Case]) -> dict[str, Any]:
    """`followup export --all`: every case in one file."""
    return {"version": VERSION, "cases": [to_dict(c) for c in cases]}


def cases_from_json(data: Any, source: str | None = None) -> list[Case]:
    """A case file or a bundle, told apart by the `cases` key."""
    if isinstance(data, Mapping) and "cases" in data:
        top = _Reader(data, "", source)
        version = top._get("version", True)
        if version != VERSION or isinstance(version, bool):
            top.fail("version", f"must be {VERSION}, not {_show(version)}")
        cases = []
        for value, path in top.items("cases"):
            try:
                cases.append(from_dict(value, source))
            except CaseFileError as e:
                raise CaseFileError(f"{path}.{e.path}" if e.path != "(top)" else path,
                                    e.problem, source) from None
        top.done()
        seen: set[str] = set()
        for i, case in enumerate(cases):
            if case.opportunity.id in seen:
                raise CaseFileError(f"cases[{i}].opportunity.id",
                                    f"duplicate id {_show(case.opportunity.id)}", source)
            seen.add(case.opportunity.id)
        return cases
    return [from_dict(data, source)]
