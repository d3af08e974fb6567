"""Stored plans (issue 24): each opportunity's plan kept between commands, re-planned only
when a write touched the case or the basis (day, policies, profile, version) moved.

The table is derived data. Its one invariant: a row exists only for a case unchanged since
it was planned. Every write that changes a case deletes the case's row in its own
transaction (`forget`, called from the change log's notes, the mailbox's writes, undo and the
doctor's repairs), and a reader saves a plan only after reading the case again inside its
write transaction and finding it equal to the one it planned (`Store.save_plans`), so a
write racing a reader can never leave a stale plan behind. On PostgreSQL both sides lock
the opportunity row first (`FOR NO KEY UPDATE`), which orders them.

Reading them back is `store.read` (`stored`, `decode_plan`), which `today` loads anyway.
The JSON here is ours alone (never a contract format): short keys, dates as ISO text, a
reason's facts tagged when they are dates. SQL is fixed text with named parameters, which
sqlite3 and SQLAlchemy's `text()` both take.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from followup.core.planner import Plan

__all__ = ["encode_plan", "forget", "forget_all", "lock"]


# -- the JSON -----------------------------------------------------------------------------


def _fact(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"dt": value.isoformat()}
    if isinstance(value, date):
        return {"d": value.isoformat()}
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
