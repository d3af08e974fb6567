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
    from followup.store.read import Decode, Rows, StoredPlan

UNREADABLE = read.UNREADABLE


def _unreadable(error: Exception) -> str:
    why = str(error).splitlines()[0][:100] if str(error) else type(error).__name__
    return (f"a stored value cannot be read ({why}); delete it (followup delete ID) or "
            "correct the row by hand")

def _database_error(error: Exception) -> bool:
    """An error of the database (sqlite3's or the driver's through SQLAlchemy), or a
    StoreError (busy): what a derived table's read or write may give up on."""
    import sqlite3

    if isinstance(error, sqlite3.Error | StoreError):
        return True
    import sys

    exc = sys.modules.get("sqlalchemy.exc")
    return exc is not None and isinstance(error, exc.SQLAlchemyError)


def _unchanged(rows: Rows, decode: Decode, acc: int,
               entries: Sequence[tuple[Case, str | None, str, str, str]]
               ) -> list[dict[str, Any]]:
    """The INSERT parameters of the entries whose case is stored as it was planned."""
    from followup.store import plans
    from followup.store.changes import fingerprint

    wanted = {e[0].opportunity.id for e in entries}
    try:
        now = _now(rows, decode, acc, wanted)
    except UNREADABLE:  # a row written by hand: keep no plan until it is repaired
        return []
    return plans.rows_to_save(acc, (
        (case.opportunity.id, generation or fingerprint([case]), basis, plan, lines)
        for case, generation, basis, plan, lines in entries
        if now.get(case.opportunity.id) == case))


def _as_planned(acc: int, entries: Sequence[tuple[Case, str | None, str, str, str]]
                ) -> list[dict[str, Any]]:
    """The INSERT parameters of every entry (the cases are stored as they were planned)."""
    from followup.store import plans
    from followup.store.changes import fingerprint

    return plans.rows_to_save(acc, (
        (case.opportunity.id, generation or fingerprint([case]), basis, plan, lines)
        for case, generation, basis, plan, lines in entries))


def _now(rows: Rows, decode: Decode, acc: int, wanted: set[str]) -> dict[str, Case]:
    """The cases with these ids as stored now (a few one by one, many in one load)."""
    if len(wanted) <= 50:
        now: dict[str, Case] = {}
        for slug in wanted:
            found = rows("SELECT id FROM opportunities WHERE account_id = :acc AND slug = :slug",
                         {"acc": acc, "slug": slug})
            if found:
                for c in _load(rows, decode, acc, read.ONE, {"opp": found[0]["id"]}):
                    now[c.opportunity.id] = c
    else:
        now = {c.opportunity.id: c for c in _load(
            rows, decode, acc, read.ACCOUNT.replace("{more}", ""), {"acc": acc})}
    return now


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

    # -- stored plans (store/plans.py) ----------------------------------------------------

    def stored_plans(self) -> dict[str, StoredPlan]:
        """Every stored plan of the account by opportunity id ({} when none can be read:
        they are derived data, planned again)."""
        try:
            with self._rows() as (rows, _):
                acc = self._account(rows)
                return {} if acc == -1 else read.stored(rows, acc)
        except Exception as e:  # noqa: BLE001 - a table gone or locked: plan afresh
            if _database_error(e):
                return {}
            raise

    def data_version(self) -> int | None:
        """SQLite: a number that moves whenever a connection other than the store's watch
        commits (`PRAGMA data_version`, the same as `generation()` reads); None elsewhere.
        Taken before a read and again inside a write transaction, an unchanged number says
        nothing was written in between."""
        if self._sqlite_file is None:
            return None
        return self.generation()[1]

    def save_plans(self, entries: Sequence[tuple[Case, str | None, str, str, str]],
                   seen: int | None = None) -> int:
        """Keep plans: each (case as loaded, its generation or None, basis, plan JSON, lines
        JSON). Each case is read again inside the write transaction and its plan kept only
        when it is still the case planned (a write meanwhile already forgot it, and its plan
        must not come back), or none is read again when `seen`, the `data_version()` taken
        before the cases were read, shows no write since; the generation is made for those
        that have none. Returns how
        many were kept; a database that cannot be written keeps none (a plan is derived
        data: the next read plans again)."""
        if not entries:
            return 0
        try:
            if self._sqlite_file is not None:
                return self._save_plans_sqlite(self._sqlite_file, entries, seen)
            with self.writing() as conn:
                from followup.store import plans

                acc = self.account_id(conn)
                free = plans.lock(conn, acc, (e[0].opportunity.id for e in entries),
                                  skip_locked=True)
                rows = _sa_rows(conn)
                kept = _unchanged(rows, read.decode_for(conn.dialect.name), acc,
                                  [e for e in entries if e[0].opportunity.id in free])
                if kept:
                    from sqlalchemy import text

                    conn.execute(text(plans.DELETE_ONE), [{"acc": p["acc"], "slug": p["slug"]}
                                                         for p in kept])
                    conn.execute(text(plans.INSERT_ONE), kept)
                return len(kept)
        except Exception as e:  # noqa: BLE001 - read-only, locked, RLS: keep nothing
            if _database_error(e):
                return 0
            raise

    def _save_plans_sqlite(self, path: str,
                           entries: Sequence[tuple[Case, str | None, str, str, str]],
                           seen: int | None) -> int:
        import sqlite3

        from followup.store import plans
        from followup.store.connect import _sqlite_reader

        with _sqlite_reader(path) as conn:
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA busy_timeout=2000")  # a writer at work: keep nothing today
            conn.execute("BEGIN IMMEDIATE")
            try:
                def rows(sql: str, params: Any) -> Any:
                    return conn.execute(sql, params).fetchall()

                acc = self._account(rows)
                if acc == -1:
                    kept = []
                elif seen is not None and self.data_version() == seen:  # nothing written
                    kept = _as_planned(acc, entries)
                else:
                    kept = _unchanged(rows, read.FROM_TEXT, acc, entries)
                conn.executemany(plans.DELETE_ONE, [{"acc": p["acc"], "slug": p["slug"]}
                                                    for p in kept])
                conn.executemany(plans.INSERT_ONE, kept)
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        return len(kept)

    def forget_plans(self) -> None:
        """Drop every stored plan of the account (`followup doctor --fix` rebuilds them)."""
        from followup.store import plans

        with self.writing() as conn:
            acc = self.account_id(conn)
            if acc != -1:
                plans.forget_all(conn, acc)

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

