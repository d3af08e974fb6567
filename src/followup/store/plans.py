"""Stored plans (issue 24): each opportunity's plan kept between commands, re-planned only
when a write touched the case or the basis (day, policies, profile, version) moved.

The table is derived data. Its one invariant: a row exists only for a case unchanged since
it was planned. Every write that changes a case deletes the case's row in its own
transaction (`forget`, called from the change log's notes, the mailbox's writes, undo and the
doctor's repairs), and a reader saves a plan only after reading the case again inside its
write transaction and finding it equal to the one it planned (`Store.save_plans`), so a
write racing a reader can never leave a stale plan behind. On PostgreSQL both sides lock
the opportunity row first (`FOR NO KEY UPDATE`), which orders them.

The JSON here is ours alone (never a contract format): short keys, dates as ISO text, a
reason's facts tagged when they are dates. SQL is fixed text with named parameters, which
sqlite3 and SQLAlchemy's `text()` both take.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from followup.core.model import Channel, Persistence

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from followup.core.planner import Plan
    from followup.store.read import Rows

__all__ = ["StoredPlan", "decode_plan", "encode_plan", "forget", "forget_all", "stored"]


@dataclass(frozen=True, slots=True)
class StoredPlan:
    """One row: the case's change generation and the basis it was planned on, the plan's
    JSON and its agenda lines' JSON (decoded only when used)."""

    generation: str
    basis: str
    plan: str
    lines: str


# -- the JSON -----------------------------------------------------------------------------


def _fact(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"dt": value.isoformat()}
    if isinstance(value, date):
        return {"d": value.isoformat()}
    return value


def _unfact(value: Any) -> Any:
    if isinstance(value, dict):
        if "d" in value:
            return date.fromisoformat(value["d"])
        return datetime.fromisoformat(value["dt"])
    return value


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def encode_plan(plan: Plan) -> str:
    """The plan as compact JSON, every field kept (`decode_plan` gives back an equal plan)."""
    actions = [[a.kind.value, a.to, None if a.channel is None else a.channel.value,
                a.not_before.isoformat(), a.due.isoformat(), _day(a.latest), a.state.value,
                list(a.rules), [[c.template, [[k, _fact(v)] for k, v in c.facts]]
                                for c in a.steps], _day(a.said_on)]
               for a in plan.actions]
    return json.dumps([plan.opportunity, plan.today.isoformat(), plan.stage.value,
                       plan.persistence.value, actions], separators=(",", ":"))


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


# -- reading ----------------------------------------------------------------------------


def stored(rows: Rows, acc: int) -> dict[str, StoredPlan]:
    """Every stored plan of the account, by opportunity id (its slug)."""
    return {r["slug"]: StoredPlan(r["generation"], r["basis"], r["plan"], r["lines"])
            for r in rows("SELECT o.slug AS slug, p.generation AS generation, p.basis AS basis,"
                          " p.plan AS plan, p.lines AS lines FROM plans p"
                          " JOIN opportunities o ON o.id = p.opportunity_id"
                          " WHERE p.account_id = :acc", {"acc": acc})}


# -- writing ----------------------------------------------------------------------------

_OPP = "SELECT id FROM opportunities WHERE account_id = :acc AND slug = :slug"
_DELETE = f"DELETE FROM plans WHERE opportunity_id IN ({_OPP})"
_INSERT = ("INSERT INTO plans (opportunity_id, account_id, generation, basis, plan, lines)"
           " SELECT id, :acc, :generation, :basis, :plan, :lines FROM opportunities"
           " WHERE account_id = :acc AND slug = :slug")


def _run(conn: Connection, sql: str, params: Mapping[str, Any] | Sequence[Mapping[str, Any]]
         ) -> None:
    from sqlalchemy import text

    conn.execute(text(sql), params)


def lock(conn: Connection, acc: int, slugs: Iterable[str], *, skip_locked: bool = False
         ) -> set[str]:
    """PostgreSQL: lock the opportunities' rows until this transaction ends (FOR NO KEY
    UPDATE: a touch's insert, which takes KEY SHARE, goes on), so a reader saving plans and
    a writer forgetting them take turns; SQLite's writers do already. A reader passes
    `skip_locked` and never waits: it keeps no plan of a case a writer holds (no deadlock
    with a writer that locks several cases). The ids locked (all of them on SQLite)."""
    from sqlalchemy import text

    wanted = sorted(set(slugs))
    if conn.dialect.name != "postgresql":
        return set(wanted)
    got: set[str] = set()
    skip = " SKIP LOCKED" if skip_locked else ""
    for start in range(0, len(wanted), 500):
        got.update(conn.execute(text(
            "SELECT slug FROM opportunities WHERE account_id = :acc AND slug = ANY(:slugs)"
            f" ORDER BY id FOR NO KEY UPDATE{skip}"),
            {"acc": acc, "slugs": wanted[start:start + 500]}).scalars())
    return got


def forget(conn: Connection, acc: int, slugs: Iterable[str]) -> None:
    """The write in `conn` changes these cases: their stored plans go, in its transaction."""
    wanted = sorted(set(slugs))
    if not wanted or acc == -1:
        return
    lock(conn, acc, wanted)
    _run(conn, _DELETE, [{"acc": acc, "slug": slug} for slug in wanted])


def forget_all(conn: Connection, acc: int) -> None:
    """Every stored plan of the account goes (undo, a repair, a rebuild)."""
    _run(conn, "DELETE FROM plans WHERE account_id = :acc", {"acc": acc})


def rows_to_save(acc: int, entries: Iterable[tuple[str, str, str, str, str]]
                 ) -> list[dict[str, Any]]:
    """(slug, generation, basis, plan JSON, lines JSON) -> INSERT parameters."""
    return [{"acc": acc, "slug": slug, "generation": generation, "basis": basis, "plan": plan,
             "lines": lines} for slug, generation, basis, plan, lines in entries]


DELETE_ONE = _DELETE
INSERT_ONE = _INSERT
