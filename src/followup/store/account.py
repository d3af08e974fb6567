"""One whole account in one round trip (PostgreSQL): what the nightly plan reads of each
account, and the store it plans on.

`read_account` sends, in one pipeline (psycopg's pipeline mode: every statement queued, one
wait for all the answers), the lock of the account's opportunities and every SELECT a plan
needs: the profile, the opportunities, people, interviewers, interviews, touches, snoozes
and the stored plans, the same SQL `store.read` runs one statement at a time. The rows are
turned into cases by `read.cases_from`, the one loader every path shares. (One statement
returning every table as JSON was tried: it cost PostgreSQL more, and Python no less.)

The lock comes first (`FOR NO KEY UPDATE SKIP LOCKED`, as `plans.lock`): every case read
after it is the case as stored, and no writer can change it and forget its plan before this
transaction ends, since a writer's `plans.forget` waits on the same lock. So the plans made
from these cases are kept without reading them again (`AccountStore.save_plans`); a case a
writer holds at that moment is read and planned but its plan not kept, as `Store.save_plans`
does. Everything runs on the caller's connection, inside its transaction, under the row-level
security of the account set on it (`store.centre.set_caller`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from followup.core.model import Candidate, Case
from followup.store import read
from followup.store.centre import RequestStore

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

    from followup.store.read import StoredPlan

__all__ = ["Account", "AccountStore", "pipelined", "read_account"]

LOCK = ("SELECT id, slug FROM opportunities WHERE account_id = :acc ORDER BY id"
        " FOR NO KEY UPDATE SKIP LOCKED")
_CASES = read.case_queries(read.ACCOUNT.replace("{more}", ""))
_NAMED = re.compile(r"(?<![:\w]):(\w+)")


@lru_cache(maxsize=256)
def _pyformat(sql: str) -> str:
    """`:name` (text() and sqlite3's style) -> `%(name)s` (psycopg's); the SQL is ours."""
    return _NAMED.sub(r"%(\1)s", sql.replace("%", "%%"))


def pipelined(conn: Connection, statements: Sequence[tuple[str, Any]]
              ) -> list[list[dict[str, Any]]]:
    """Run `statements` ((SQL with `:name` parameters, parameters), in order) on `conn`'s
    transaction in one round trip; each one's rows (dicts; [] for one that returns none).
    A statement that fails raises at the end, and the transaction is aborted, as it would
    be one statement at a time."""
    from psycopg.rows import dict_row

    raw: Any = conn.connection.driver_connection
    cursors = []
    with raw.pipeline():
        for sql, params in statements:
            cursor = raw.cursor(row_factory=dict_row)
            cursor.execute(_pyformat(sql), params)
            cursors.append(cursor)
    out = []
    for cursor in cursors:
        out.append(cursor.fetchall() if cursor.description is not None else [])
        cursor.close()
    return out


@dataclass(frozen=True)
class Account:
    """Everything the plan of one account reads, as of one moment."""

    id: int
    cases: list[Case]
    candidate: Candidate
    snoozes: dict[tuple[str, str, str | None], date]
    stored: dict[str, StoredPlan]
    locked: dict[str, int]  # opportunity id (slug) -> row id, locked until the commit


def read_account(conn: Connection, account: int,
                 before: Sequence[tuple[str, Any]] = ()) -> tuple[Account, list[Any]]:
    """The whole account in one round trip, its opportunities locked first (module
    docstring); `before`: more statements sent first in the same round trip, their rows
    given back too (the caller's lock row, its checks)."""
    acc = {"acc": account}
    found = pipelined(conn, [*before, (LOCK, acc), (read.CANDIDATE_VALUES, acc),
                             (read.CANDIDATE, acc), *((sql, acc) for sql in _CASES),
                             (read.SNOOZES, acc), (read.STORED, acc)])
    extra, found = found[:len(before)], found[len(before):]
    locked, values, profile, opps, people, interviewers, interviews, touches, sleeping, \
        stored = found
    candidate = read.candidate_from(values, profile)
    decode = read.AS_STORED
    from followup.store.connect import gc_paused

    with gc_paused():
        cases = read.cases_from(candidate, decode, opps, people, interviewers, interviews,
                                touches)
    return Account(account, cases, candidate, read.snoozes_from(sleeping, decode),
                   read.stored_from(stored), {r["slug"]: int(r["id"]) for r in locked}), extra


# Every row in one parameter (JSON): one statement whatever the number of plans. A row
# kept is updated in place (no key changes: PostgreSQL's HOT update, no index written).
_UPSERT = ("INSERT INTO plans (opportunity_id, account_id, generation, basis, plan, lines)"
           " SELECT t.o, :acc, t.g, t.b, t.p, t.l FROM json_to_recordset(CAST(:rows AS json))"
           " AS t(o integer, g text, b text, p text, l text)"
           " ON CONFLICT (opportunity_id) DO UPDATE SET generation = excluded.generation,"
           " basis = excluded.basis, plan = excluded.plan, lines = excluded.lines")


class AccountStore(RequestStore):
    """One account's store on the nightly's connection: the cases, profile, snoozes and
    stored plans are `account`'s (read once, `read_account`); plans are kept in two
    statements, without reading the cases again (they were read under their lock)."""

    def __init__(self, engine: Engine, name: str, conn: Connection, account: Account) -> None:
        super().__init__(engine, name, conn)
        self._account_id = account.id
        self.account = account

    def load_cases(self, *, active_only: bool = False,
                   part: tuple[int, int] | None = None) -> list[Case]:
        if active_only or part is not None:
            return super().load_cases(active_only=active_only, part=part)
        return list(self.account.cases)

    def get_candidate(self) -> Candidate:
        return self.account.candidate

    def snoozes(self) -> dict[tuple[str, str, str | None], date]:
        return dict(self.account.snoozes)

    def stored_plans(self) -> dict[str, StoredPlan]:
        return dict(self.account.stored)

    def save_plans(self, entries: Sequence[tuple[Case, str | None, str, str, str]],
                   seen: int | None = None) -> int:
        """Keep the plans of the cases locked by `read_account` (as read: nobody could
        change them since); the others (a writer held them) are not kept."""
        from followup.store import _as_planned

        locked = self.account.locked
        kept = _as_planned(self.account.id, [e for e in entries
                                             if e[0].opportunity.id in locked])
        if not kept:
            return 0
        rows = [{"o": locked[p["slug"]], "g": p["generation"], "b": p["basis"], "p": p["plan"],
                 "l": p["lines"]} for p in kept]
        pipelined(self._conn, [(_UPSERT, {"acc": self.account.id, "rows": json.dumps(rows)})])
        return len(kept)

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """A write in the account's one transaction, without a savepoint of its own: if it
        fails, the whole account's night fails and nothing of it is kept (the queue
        retries)."""
        conn = self._conn
        self._open_log(conn)
        yield conn
        self._flush_log(conn)
        self._writes += 1
