"""Where cases live: SQLite by default, any SQLAlchemy database by URL.

`Store` hands the core `Case` objects, never rows. One module per concern: `connect` (URL,
engine, transactions, the account), `read` (plain SQL to `Case`, through sqlite3 on a SQLite
file), `rows` (the rows a case becomes, for both write paths), `write` (inserts, updates),
`backup` (copies and restores). A store is bound to one account: nothing here is global, so
a server can open one per user. Slug rules are the core's (`followup.core.slugs`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from followup.core.model import Candidate, Case, Status
from followup.core.slugs import new_person_slug, new_slug
from followup.store import read
from followup.store.connect import (
    BUSY_TIMEOUT_S,
    DEFAULT_ACCOUNT,
    StoreError,
    _load,
    _sa_rows,
    database_url,
    default_db_path,
    gc_paused,
    make_engine,
    sqlite_file,
)
from followup.store.write import Writes

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from followup.store.audit import Fault
    from followup.store.read import Decode, Rows

UNREADABLE = read.UNREADABLE


def _unreadable(error: Exception) -> str:
    why = str(error).splitlines()[0][:100] if str(error) else type(error).__name__
    return (f"a stored value cannot be read ({why}); delete it (followup delete ID) or "
            "correct the row by hand")

__all__ = ["BUSY_TIMEOUT_S", "DEFAULT_ACCOUNT", "Store", "StoreError", "database_url",
           "default_db_path", "gc_paused", "make_engine", "new_person_slug", "new_slug",
           "sqlite_file"]


class Store(Writes):
    """One account's cases in one database."""

    # -- reading cases ------------------------------------------------------------------

    def candidate(self, conn: Connection) -> Candidate:
        return read.candidate(_sa_rows(conn), self.account_id(conn))

    def load_case(self, ref: str) -> Case:
        with self._rows() as (rows, decode):
            acc = self._account(rows)
            opp_id, slug = read.resolve(rows, acc, ref)
            try:
                return _load(rows, decode, acc, read.ONE, {"opp": opp_id})[0]
            except UNREADABLE as e:
                raise StoreError(f"{slug[:80]!r}: {_unreadable(e)}") from None

    def load_cases(self, *, active_only: bool = False,
                   part: tuple[int, int] | None = None) -> list[Case]:
        """Every case of the account, with a handful of queries however many there are.

        `part=(k, n)` loads only the k-th of n disjoint parts (by row key), so a server can
        load and plan a large database on n cores, one process per part.
        """
        with self._rows() as (rows, decode):
            acc = self._account(rows)
            params: dict[str, Any] = {"acc": acc}
            more = ""
            if active_only:
                more += read.ACTIVE
                params["status"] = Status.ACTIVE.value
            if part is not None:  # contiguous key ranges: each part reads its own index range
                k, n = part
                span = read.id_range(rows, acc)
                if span is None:
                    return []
                lo, hi = span
                step = (hi - lo) // n + 1
                more += read.PART
                params.update(lo=lo + k * step, hi=lo + (k + 1) * step)
            try:
                return _load(rows, decode, acc, read.ACCOUNT.replace("{more}", more), params)
            except UNREADABLE:  # a value written by hand: load the others one by one
                return self._each(rows, decode, acc, more, params)

    def _each(self, rows: Rows, decode: Decode, acc: int, more: str,
              params: dict[str, Any]) -> list[Case]:
        from followup.core.notices import warn

        found = rows(f"SELECT id, slug FROM opportunities WHERE account_id = :acc{more}"
                     " ORDER BY id", params)
        cases: list[Case] = []
        for row in found:
            try:
                cases.extend(_load(rows, decode, acc, read.ONE, {"opp": row["id"]}))
            except UNREADABLE as e:
                warn(f"skipped {str(row['slug'])[:80]!r}: {_unreadable(e)}")
        return cases

    def summary(self, ref: str) -> tuple[str, str, int]:
        """(id, "company, role", touches) read raw, for a case that may not load whole: what
        `delete` shows before it asks."""
        with self._rows() as (rows, _):
            opp_id, slug = read.resolve(rows, self._account(rows), ref)
            row = rows("SELECT company, role, (SELECT count(*) FROM touches"
                       " WHERE opportunity_id = :opp) AS n FROM opportunities WHERE id = :opp",
                       {"opp": opp_id})[0]
            return slug, f"{row['company']!s:.80}, {row['role']!s:.80}", int(row["n"])

    def snoozes(self) -> dict[tuple[str, str, str | None], date]:
        """(opportunity slug, action kind, person id) -> the date it sleeps until."""
        with self._rows() as (rows, decode):
            return read.snoozes(rows, decode, self._account(rows))

    def get_candidate(self) -> Candidate:
        with self._rows() as (rows, _):
            return read.candidate(rows, self._account(rows))

    # -- rows no reader can take (store/audit.py) ------------------------------------------

    def faults(self) -> list[Fault]:
        """Every stored row a reader would refuse and every schema object not ours."""
        from followup.store import audit

        if self._sqlite_file is not None:
            with audit.sqlite_rows(self._sqlite_file) as rows:
                return audit.faults(rows, sqlite=True)
        with self._rows() as (rows, _):
            return audit.faults(rows, sqlite=False)

    def repair_faults(self, found: Sequence[Fault]) -> int:
        """Each fault's repair, all in one transaction."""
        from followup.store import audit

        with self.writing() as conn:
            return audit.repair(conn, found)

    def count(self) -> int:
        with self._rows() as (rows, _):
            return read.count(rows, self._account(rows))

