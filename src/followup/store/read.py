"""Reading cases: plain SQL over plain tuples, one loader for every database.

A SQLite file is read with the standard library's sqlite3 module: SQLAlchemy costs ~130 ms
to import and its typed rows several microseconds each, a lot for a million touches. Other
databases (PostgreSQL) are read through SQLAlchemy with the same SQL (`text()`). Both hand
back tuples, so turning rows into `Case` objects is written once, here. SQLite gives dates,
times and JSON back as the text SQLAlchemy stored, PostgreSQL's driver as Python values:
`Decode` says which. The SQL is fixed text with named parameters (`:name`), which sqlite3
and SQLAlchemy both take; nothing from a user is ever pasted into it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from followup.errors import NotFoundError
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

Rows = Callable[[str, Mapping[str, Any]], Sequence[Sequence[Any]]]
"""Run one SELECT with named parameters: its rows, as tuples."""


def _same(value: Any) -> Any:
    return value


@dataclass(frozen=True)
class Decode:
    """How a database returns DateTime, Date and JSON columns."""

    moment: Callable[[Any], datetime]
    day: Callable[[Any], date]
    json: Callable[[Any], Any]


def _json_text(value: str) -> Any:
    return [] if value == "[]" else json.loads(value)  # most `next_steps` are empty


FROM_TEXT = Decode(datetime.fromisoformat, date.fromisoformat, _json_text)  # SQLite
AS_STORED = Decode(_same, _same, _same)  # drivers that return Python values (psycopg)


def decode_for(dialect: str) -> Decode:
    return FROM_TEXT if dialect == "sqlite" else AS_STORED


# Enum members by value: a dict lookup is several times cheaper than `Enum(value)`, and
# loading 100,000 cases does it three million times.
_DIRECTIONS: dict[str, Direction] = {e.value: e for e in Direction}
_CHANNELS: dict[str, Channel] = {e.value: e for e in Channel}
_KINDS: dict[str, TouchKind] = {e.value: e for e in TouchKind}
_STATUSES: dict[str, Status] = {e.value: e for e in Status}
_PERSISTENCES: dict[str, Persistence] = {e.value: e for e in Persistence}
_PROMISE_CHANNELS: dict[str, PromiseChannel] = {e.value: e for e in PromiseChannel}

# Which opportunities a load reads: `{col}` is the opportunity id column of each table.
ONE = "{col} = :opp"
ACCOUNT = "{col} IN (SELECT id FROM opportunities WHERE account_id = :acc{more})"
ACTIVE = " AND status = :status"
PART = " AND id >= :lo AND id < :hi"


def account_id(rows: Rows, name: str) -> int | None:
    found = rows("SELECT id FROM accounts WHERE name = :name", {"name": name})
    return int(found[0][0]) if found else None


def resolve(rows: Rows, acc: int, ref: str) -> tuple[int, str]:
    """An opportunity id or an unambiguous prefix of one -> (row id, slug)."""
    found = rows("SELECT id, slug FROM opportunities WHERE account_id = :acc AND slug = :ref",
                 {"acc": acc, "ref": ref})
    if not found:
        escaped = ref.replace("!", "!!").replace("%", "!%").replace("_", "!_")
        found = rows("SELECT id, slug FROM opportunities WHERE account_id = :acc"
                     " AND slug LIKE :prefix ESCAPE '!' ORDER BY slug",
                     {"acc": acc, "prefix": escaped + "%"})
    if not found:
        raise NotFoundError(f"no opportunity {ref!r} (see `followup list`)")
    if len(found) > 1:
        names = ", ".join(str(r[1]) for r in found[:5])
        raise NotFoundError(f"{ref!r} is ambiguous: {names}")
    return int(found[0][0]), str(found[0][1])


def slugs(rows: Rows, acc: int) -> set[str]:
    return {r[0] for r in rows("SELECT slug FROM opportunities WHERE account_id = :acc",
                               {"acc": acc})}


def count(rows: Rows, acc: int) -> int:
    return int(rows("SELECT count(*) FROM opportunities WHERE account_id = :acc",
                    {"acc": acc})[0][0])


def id_range(rows: Rows, acc: int) -> tuple[int, int] | None:
    lo, hi = rows("SELECT min(id), max(id) FROM opportunities WHERE account_id = :acc",
                  {"acc": acc})[0]
    return None if lo is None else (int(lo), int(hi))


def candidate(rows: Rows, acc: int) -> Candidate:
    values = tuple(r[0] for r in rows(
        "SELECT text FROM candidate_values WHERE account_id = :acc ORDER BY position",
        {"acc": acc}))
    found = rows("SELECT name, email, phone, country, timezone FROM candidates"
                 " WHERE account_id = :acc", {"acc": acc})
    if not found:
        return Candidate(values=values)
    name, email, phone, country, timezone = found[0]
    return Candidate(name=name, email=email, phone=phone, country=country, timezone=timezone,
                     values=values)


def snoozes(rows: Rows, decode: Decode, acc: int) -> dict[tuple[str, str, str | None], date]:
    """(opportunity slug, action kind, person id) -> the date it sleeps until."""
    return {(opp, kind, person): decode.day(until) for opp, kind, person, until in rows(
        'SELECT opportunity, kind, person, "until" FROM snoozes WHERE account_id = :acc',
        {"acc": acc})}


def cases(rows: Rows, decode: Decode, acc: int, where: str,
          params: Mapping[str, Any]) -> list[Case]:
    """The cases whose opportunity matches `where` (ONE or ACCOUNT), in id order.

    One query per table, rows fetched in bulk and unpacked as tuples, enums looked up in
    dicts: this is the hot path of `followup today` and of a server planning every account
    (bench/ measures it against a bare SELECT).
    """
    def on(col: str) -> str:
        return where.format(col=col)

    the_candidate = candidate(rows, acc)
    opp_rows = rows(
        "SELECT id, slug, company, role, field, persistence, status, listing, applied_on,"
        f" send_letter FROM opportunities WHERE {on('id')} ORDER BY id", params)
    if not opp_rows:
        return []
    moment, day, from_json = decode.moment, decode.day, decode.json
    people_by_opp: dict[int, list[Person]] = defaultdict(list)
    slug_of_person: dict[int, str] = {}
    for pk, opp_id, slug, name, title, email, phone, contact in rows(
        "SELECT id, opportunity_id, slug, name, title, email, phone, contact FROM people"
        f" WHERE {on('opportunity_id')} ORDER BY opportunity_id, position", params
    ):
        slug_of_person[pk] = slug
        people_by_opp[opp_id].append(Person(slug, name, title, email, phone, bool(contact)))
    who_by_interview: dict[int, list[str]] = defaultdict(list)
    for interview_id, person_id in rows(
        "SELECT iv.interview_id, iv.person_id FROM interviewers iv"
        " JOIN interviews i ON i.id = iv.interview_id"
        f" WHERE {on('i.opportunity_id')} ORDER BY iv.interview_id, iv.position", params
    ):
        who_by_interview[interview_id].append(slug_of_person[person_id])
    interviews_by_opp: dict[int, list[Interview]] = defaultdict(list)
    for (pk, opp_id, slug, at, round_, format_, topics, next_steps, by, channel, who,
         said, invite_uid) in rows(
        "SELECT id, opportunity_id, slug, at, round, format, topics, next_steps, promised_by,"
        " promised_channel, promised_who, promised_said, invite_uid FROM interviews"
        f" WHERE {on('opportunity_id')} ORDER BY opportunity_id, position", params
    ):
        promise = None
        if by is not None:
            promise = Promise(
                day(by), None if channel is None else _PROMISE_CHANNELS[channel],
                slug_of_person.get(who) if who else None, said)
        interviews_by_opp[opp_id].append(Interview(
            slug, moment(at), round_, format_, tuple(who_by_interview.get(pk, ())),
            tuple(from_json(topics)), tuple(from_json(next_steps)), promise, invite_uid,
        ))
    touches_by_opp: dict[int, list[Touch]] = defaultdict(list)
    direction, channel_of, kind_of, person_of = _DIRECTIONS, _CHANNELS, _KINDS, slug_of_person
    # In id order (the order they were logged); grouping keeps it per opportunity.
    for opp_id, at, d, ch, k, person_id, new_by, note, message_id in rows(
        "SELECT opportunity_id, at, direction, channel, kind, person_id, new_by, note,"
        " message_id"
        f" FROM touches WHERE {on('opportunity_id')} ORDER BY id", params
    ):
        touches_by_opp[opp_id].append(Touch(
            moment(at), direction[d], channel_of[ch], kind_of[k],
            None if person_id is None else person_of.get(person_id),
            None if new_by is None else day(new_by), note, message_id,
        ))
    no_people: list[Person] = []
    no_interviews: list[Interview] = []
    no_touches: list[Touch] = []
    return [
        Case(
            opportunity=Opportunity(
                slug, company, role, field,
                None if persistence is None else _PERSISTENCES[persistence],
                _STATUSES[status], listing, None if applied_on is None else day(applied_on),
                bool(send_letter),
            ),
            candidate=the_candidate,
            people=tuple(people_by_opp.get(pk, no_people)),
            interviews=tuple(interviews_by_opp.get(pk, no_interviews)),
            touches=tuple(touches_by_opp.get(pk, no_touches)),
        )
        for (pk, slug, company, role, field, persistence, status, listing, applied_on,
             send_letter) in opp_rows
    ]
