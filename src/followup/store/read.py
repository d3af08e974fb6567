"""Reading cases: plain SQL, rows read by column name, one loader for every database.

A SQLite file is read with the standard library's sqlite3 module: SQLAlchemy costs ~130 ms
to import and its typed rows several microseconds each, a lot for a million touches. Other
databases (PostgreSQL) are read through SQLAlchemy with the same SQL (`text()`). Both hand
back rows read by column name, so turning rows into `Case` objects is written once, here.
SQLite gives dates, times and JSON back as the text SQLAlchemy stored, PostgreSQL's driver
as Python values:
`Decode` says which. The SQL is fixed text with named parameters (`:name`), which sqlite3
and SQLAlchemy both take; nothing from a user is ever pasted into it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from followup.core.errors import NotFoundError
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
from followup.store.columns import select_list

if TYPE_CHECKING:
    from followup.core.planner import Plan

# What a stored value no reader can turn back into a record raises (a date "garbage", a
# JSON list cut short), written by hand or by a broken tool: never the whole agenda's end.
UNREADABLE = (ValueError, TypeError, KeyError, OverflowError, IndexError, AttributeError)

Rows = Callable[[str, Mapping[str, Any]], Sequence[Any]]
"""Run one SELECT with named parameters: its rows, each read by column name (`row["at"]`:
sqlite3.Row on a SQLite file, SQLAlchemy's RowMapping elsewhere)."""


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
    return int(found[0]["id"]) if found else None


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
        names = ", ".join(str(r["slug"]) for r in found[:5])
        raise NotFoundError(f"{ref!r} is ambiguous: {names}")
    return int(found[0]["id"]), str(found[0]["slug"])


def slugs(rows: Rows, acc: int) -> set[str]:
    return {r["slug"] for r in rows("SELECT slug FROM opportunities WHERE account_id = :acc",
                                    {"acc": acc})}


def count(rows: Rows, acc: int) -> int:
    return int(rows("SELECT count(*) AS n FROM opportunities WHERE account_id = :acc",
                    {"acc": acc})[0]["n"])


def id_range(rows: Rows, acc: int) -> tuple[int, int] | None:
    r = rows("SELECT min(id) AS lo, max(id) AS hi FROM opportunities WHERE account_id = :acc",
             {"acc": acc})[0]
    return None if r["lo"] is None else (int(r["lo"]), int(r["hi"]))


CANDIDATE_VALUES = "SELECT text FROM candidate_values WHERE account_id = :acc ORDER BY position"
CANDIDATE = f"SELECT {select_list('candidates')} FROM candidates WHERE account_id = :acc"


def candidate(rows: Rows, acc: int) -> Candidate:
    return candidate_from(rows(CANDIDATE_VALUES, {"acc": acc}), rows(CANDIDATE, {"acc": acc}))


def candidate_from(value_rows: Sequence[Any], found: Sequence[Any]) -> Candidate:
    """The profile from its rows (CANDIDATE_VALUES, CANDIDATE)."""
    values = tuple(r["text"] for r in value_rows)
    if not found:
        return Candidate(values=values)
    r = found[0]
    return Candidate(name=r["name"], email=r["email"], phone=r["phone"], country=r["country"],
                     timezone=r["timezone"], values=values)


SNOOZES = 'SELECT opportunity, kind, person, "until" FROM snoozes WHERE account_id = :acc'


def snoozes(rows: Rows, decode: Decode, acc: int) -> dict[tuple[str, str, str | None], date]:
    """(opportunity slug, action kind, person id) -> the date it sleeps until."""
    return snoozes_from(rows(SNOOZES, {"acc": acc}), decode)


def snoozes_from(found: Sequence[Any], decode: Decode
                 ) -> dict[tuple[str, str, str | None], date]:
    return {(r["opportunity"], r["kind"], r["person"]): decode.day(r["until"]) for r in found}


def case_queries(where: str) -> tuple[str, str, str, str, str]:
    """The SELECTs a load of the cases matching `where` (ONE or ACCOUNT) runs, in the order
    `cases_from` takes their rows: opportunities, people, interviewers, interviews,
    touches. Fixed text: a loader may send them one by one or all at once (a pipeline)."""
    def on(col: str) -> str:
        return where.format(col=col)

    return (
        f"SELECT {select_list('opportunities')} FROM opportunities WHERE {on('id')}"
        " ORDER BY id",
        f"SELECT {select_list('people')} FROM people"
        f" WHERE {on('opportunity_id')} ORDER BY opportunity_id, position",
        "SELECT iv.interview_id, iv.person_id FROM interviewers iv"
        " JOIN interviews i ON i.id = iv.interview_id"
        f" WHERE {on('i.opportunity_id')} ORDER BY iv.interview_id, iv.position",
        f"SELECT {select_list('interviews')} FROM interviews"
        f" WHERE {on('opportunity_id')} ORDER BY opportunity_id, position",
        # In id order (the order they were logged); grouping keeps it per opportunity.
        f"SELECT {select_list('touches')} FROM touches"
        f" WHERE {on('opportunity_id')} ORDER BY id",
    )


def cases(rows: Rows, decode: Decode, acc: int, where: str,
          params: Mapping[str, Any]) -> list[Case]:
    """The cases whose opportunity matches `where` (ONE or ACCOUNT), in id order.

    One query per table, rows fetched in bulk and read by column name, enums looked up in
    dicts: this is the hot path of `followup today` and of a server planning every account
    (bench/ measures it against a bare SELECT).
    """
    the_candidate = candidate(rows, acc)
    opportunities, *others = case_queries(where)
    opp_rows = rows(opportunities, params)
    if not opp_rows:
        return []
    people, interviewers, interviews, touches = (rows(sql, params) for sql in others)
    return cases_from(the_candidate, decode, opp_rows, people, interviewers, interviews,
                      touches)


def cases_from(the_candidate: Candidate, decode: Decode, opp_rows: Sequence[Any],
               people_rows: Iterable[Any], interviewer_rows: Iterable[Any],
               interview_rows: Iterable[Any], touch_rows: Iterable[Any]) -> list[Case]:
    """The cases from the rows of `case_queries` (each read by column name)."""
    if not opp_rows:
        return []
    moment, day, from_json = decode.moment, decode.day, decode.json
    people_by_opp: dict[int, list[Person]] = defaultdict(list)
    slug_of_person: dict[int, str] = {}
    for r in people_rows:
        slug_of_person[r["id"]] = r["slug"]
        people_by_opp[r["opportunity_id"]].append(Person(
            r["slug"], r["name"], r["title"], r["email"], r["phone"], bool(r["contact"])))
    who_by_interview: dict[int, list[str]] = defaultdict(list)
    for r in interviewer_rows:
        who_by_interview[r["interview_id"]].append(slug_of_person[r["person_id"]])
    interviews_by_opp: dict[int, list[Interview]] = defaultdict(list)
    # Topics and next steps repeat across interviews ("[]", "reference checks"): each
    # stored text is decoded once per load, into a tuple its interviews share (immutable).
    decoded: dict[str, tuple[str, ...]] = {}

    def strings(value: Any) -> tuple[str, ...]:
        if not isinstance(value, str):  # a driver that returns lists (psycopg)
            return tuple(from_json(value))
        found = decoded.get(value)
        if found is None:
            found = decoded[value] = tuple(from_json(value))
        return found

    for r in interview_rows:
        promise = None
        if r["promised_by"] is not None:
            channel, who = r["promised_channel"], r["promised_who"]
            promise = Promise(
                day(r["promised_by"]), None if channel is None else _PROMISE_CHANNELS[channel],
                slug_of_person.get(who) if who else None, r["promised_said"])
        interviews_by_opp[r["opportunity_id"]].append(Interview(
            r["slug"], moment(r["at"]), r["round"], r["format"],
            tuple(who_by_interview.get(r["id"], ())), strings(r["topics"]),
            strings(r["next_steps"]), promise, r["invite_uid"],
        ))
    touches_by_opp: dict[int, list[Touch]] = defaultdict(list)
    direction, channel_of, kind_of, person_of = _DIRECTIONS, _CHANNELS, _KINDS, slug_of_person
    for r in touch_rows:
        person_id, new_by = r["person_id"], r["new_by"]
        touches_by_opp[r["opportunity_id"]].append(Touch(
            moment(r["at"]), direction[r["direction"]], channel_of[r["channel"]],
            kind_of[r["kind"]], None if person_id is None else person_of.get(person_id),
            None if new_by is None else day(new_by), r["note"], r["message_id"],
        ))
    no_people: list[Person] = []
    no_interviews: list[Interview] = []
    no_touches: list[Touch] = []
    return [
        Case(
            opportunity=Opportunity(
                r["slug"], r["company"], r["role"], r["field"],
                None if r["persistence"] is None else _PERSISTENCES[r["persistence"]],
                _STATUSES[r["status"]], r["listing"],
                None if r["applied_on"] is None else day(r["applied_on"]),
                bool(r["send_letter"]),
            ),
            candidate=the_candidate,
            people=tuple(people_by_opp.get(r["id"], no_people)),
            interviews=tuple(interviews_by_opp.get(r["id"], no_interviews)),
            touches=tuple(touches_by_opp.get(r["id"], no_touches)),
        )
        for r in opp_rows
    ]


# -- stored plans (issue 24; written by store/plans.py) ------------------------------


@dataclass(frozen=True, slots=True)
class StoredPlan:
    """One row: the case's change generation and the basis it was planned on, the plan's
    JSON and its agenda lines' JSON (decoded only when used)."""

    generation: str
    basis: str
    plan: str
    lines: str


def _unfact(value: Any) -> Any:
    if isinstance(value, dict):
        if "d" in value:
            return date.fromisoformat(value["d"])
        return datetime.fromisoformat(value["dt"])
    return value


def decode_plan(text: str) -> Plan:
    """`encode_plan` backwards; a row no reader can take raises ValueError (re-planned)."""
    from followup.core.planner import Action, Plan
    from followup.core.reasons import Clause

    kinds, channels, states, stages, persistences, day = _lookups()
    try:
        opportunity, today, stage, persistence, actions = json.loads(text)
        return Plan(opportunity, day(today), stages[stage], persistences[persistence], tuple(
            Action(kinds[kind], to, None if channel is None else channels[channel],
                   day(not_before), day(due), None if latest is None else day(latest),
                   states[state], tuple(rules),
                   tuple(Clause(t, tuple([(k, _unfact(v)) for k, v in facts]))
                         for t, facts in steps),
                   None if said_on is None else day(said_on))
            for kind, to, channel, not_before, due, latest, state, rules, steps, said_on
            in actions))
    except (TypeError, KeyError, IndexError, AttributeError) as e:
        raise ValueError(f"a stored plan cannot be read ({type(e).__name__})") from None


_LOOKUPS: list[Any] = []


def _lookups() -> Any:
    """Enum members by value (a dict lookup is several times cheaper than `Enum(value)`) and
    a day parser that parses each distinct day once: most plans share a handful of days."""
    if not _LOOKUPS:
        from functools import lru_cache

        from followup.core.planner import ActionKind, Stage, State

        def members(enum: Any) -> dict[str, Any]:
            return {e.value: e for e in enum}

        _LOOKUPS.extend([members(ActionKind), members(Channel), members(State),
                         members(Stage), members(Persistence),
                         lru_cache(maxsize=4096)(date.fromisoformat)])
    return _LOOKUPS


STORED = ("SELECT o.slug AS slug, p.generation AS generation, p.basis AS basis,"
          " p.plan AS plan, p.lines AS lines FROM plans p"
          " JOIN opportunities o ON o.id = p.opportunity_id"
          " WHERE p.account_id = :acc")


def stored(rows: Rows, acc: int) -> dict[str, StoredPlan]:
    """Every stored plan of the account, by opportunity id (its slug)."""
    return stored_from(rows(STORED, {"acc": acc}))


def stored_from(found: Iterable[Any]) -> dict[str, StoredPlan]:
    return {r["slug"]: StoredPlan(r["generation"], r["basis"], r["plan"], r["lines"])
            for r in found}
