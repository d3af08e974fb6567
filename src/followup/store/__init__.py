"""Where cases live: SQLite by default, any SQLAlchemy database by URL.

`Store` hands the core `Case` objects, never rows. Reads are plain SQL (store/read.py): on a
SQLite file through the standard sqlite3 module, so `followup today` never imports
SQLAlchemy; writes, migrations and other databases go through SQLAlchemy, imported when
first needed. Each public method is one transaction;
writes on SQLite take the lock up front (`BEGIN IMMEDIATE`) so two processes wait for each
other under the busy timeout instead of failing with "database is locked" on a lock upgrade.
A store is bound to one account: nothing here is global, so a server can open one per user.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from followup.errors import FollowupError, NotFoundError
from followup.model import Candidate, Case, Interview, Person, Status, Touch
from followup.store import changes, read
from followup.store.read import Decode, Rows

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

DEFAULT_ACCOUNT = "default"
BUSY_TIMEOUT_S = 30


class StoreError(FollowupError):
    """The database can't be opened or used (bad URL, not a followup database ...)."""


def default_db_path() -> Path:
    home = os.environ.get("FOLLOWUP_HOME")
    if home:
        return Path(home) / "followup.db"
    from platformdirs import user_data_dir

    return Path(user_data_dir("followup", appauthor=False)) / "followup.db"


def database_url(db: str | None) -> str:
    """`--db`/`FOLLOWUP_DB` may be a path or any SQLAlchemy URL; None means the default file."""
    if not db:
        path = default_db_path()
    elif "://" in db:
        return db
    else:
        path = Path(db).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def sqlite_file(url: str) -> str | None:
    """The file a plain `sqlite:///PATH` URL names (read with sqlite3), else None."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or any(c in url for c in "?%#"):
        return None
    path = url[len(prefix):]
    return path if path and path != ":memory:" else None


def make_engine(url: str) -> Engine:
    from sqlalchemy import create_engine, event
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"not a database URL: {url!r}") from None
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves, below
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
        if parsed.database not in (None, "", ":memory:"):
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get("followup_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _pk(result: Any) -> int:
    """The new row's id from an INSERT result."""
    return int(result.inserted_primary_key[0])


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cycle collector while building many objects that hold no cycles.

    Each collection walks every live object, so building a million touches would trigger
    ever longer ones (40% of `load_cases` at 100,000 cases); reference counting still frees
    everything as usual.
    """
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def _sqlite_reader(path: str) -> Iterator[sqlite3.Connection]:
    """A sqlite3 connection for reading, closed afterwards (we issue BEGIN ourselves)."""
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        yield conn
    finally:
        conn.close()


def _sa_rows(conn: Connection) -> Rows:
    from sqlalchemy import text

    return lambda sql, params: conn.execute(text(sql), params).all()


def _load(rows: Rows, decode: Decode, acc: int, where: str,
          params: dict[str, Any]) -> list[Case]:
    with gc_paused():
        return read.cases(rows, decode, acc, where, params)


@dataclass
class _Entry:
    before: changes.Before
    now: str | None  # the opportunity's id once the transaction is done (None: deleted)


@dataclass
class _Pending:
    """What one write transaction changed, logged when it commits."""

    entries: dict[str, _Entry] = field(default_factory=dict)
    whats: list[str] = field(default_factory=list)
    candidate: Candidate | None = None  # the profile before, when the transaction set it


class Store:
    """One account's cases in one database."""

    def __init__(self, engine: Engine | str, account: str = DEFAULT_ACCOUNT) -> None:
        """`engine`: an SQLAlchemy engine, or a URL (the engine is made when first needed)."""
        if isinstance(engine, str):
            self.url, self._engine = engine, None
        else:
            self.url, self._engine = engine.url.render_as_string(hide_password=False), engine
        self.account_name = account
        self._account_id: int | None = None
        self._sqlite_file = sqlite_file(self.url)
        self._writes = 0  # bumped on each commit through this store (generation())
        self._watch: sqlite3.Connection | None = None
        self._generation_lock = threading.Lock()

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = make_engine(self.url)
        return self._engine

    @classmethod
    def open(cls, db: str | None = None, account: str = DEFAULT_ACCOUNT) -> Store:
        """Open (creating or upgrading in place) the database `db` names.

        An up-to-date SQLite file is checked with sqlite3 alone; anything else (a new file,
        an old schema, another database) goes through SQLAlchemy and Alembic.
        """
        from followup.store.migrate import HEAD, sqlite_revision

        url = database_url(db)
        path = sqlite_file(url)
        if path is not None:
            try:
                with _sqlite_reader(path) as conn:
                    if sqlite_revision(conn, path) == HEAD:
                        return cls(url, account)
            except sqlite3.Error:
                pass  # SQLAlchemy below opens it again and says what is wrong
        return cls._open_engine(url, account)

    @classmethod
    def _open_engine(cls, url: str, account: str) -> Store:
        from sqlalchemy.exc import DBAPIError

        from followup.store.migrate import ensure_schema

        engine = make_engine(url)
        try:
            ensure_schema(engine)
        except DBAPIError as e:
            engine.dispose()
            raise StoreError(f"cannot open database {engine.url!r}: "
                             f"{str(e.orig).splitlines()[0]}") from None
        return cls(engine, account)

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
        if self._watch is not None:
            self._watch.close()
            self._watch = None

    # -- transactions -------------------------------------------------------------------

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """One write transaction; what it changed goes into the change log as one entry,
        committed with it (store/changes.py)."""
        with self.engine.connect().execution_options(followup_write=True) as conn:
            with conn.begin():
                conn.info["followup_log"] = _Pending()
                yield conn
                self._flush_log(conn)
            self._writes += 1

    # -- the change log -------------------------------------------------------------------

    def _case_by_slug(self, conn: Connection, slug: str) -> tuple[int, Case] | None:
        found = _sa_rows(conn)("SELECT id FROM opportunities WHERE account_id = :acc"
                               " AND slug = :slug", {"acc": self.account_id(conn), "slug": slug})
        if not found:
            return None
        opp_id = int(found[0][0])
        return opp_id, _load(_sa_rows(conn), read.decode_for(conn.dialect.name),
                             self.account_id(conn), read.ONE, {"opp": opp_id})[0]

    def _note(self, conn: Connection, slug: str, *, new: bool = False,
              what: str | None = None) -> _Entry | None:
        """Remember `slug` as it is now (before this transaction's change to it)."""
        from sqlalchemy import select

        from followup.store import schema as s

        pending: _Pending | None = conn.info.get("followup_log")
        if pending is None:
            return None
        if what:
            pending.whats.append(what)
        if slug in pending.entries:
            return pending.entries[slug]
        if new:
            entry = _Entry(changes.Before(slug, None), slug)
        else:
            found = self._case_by_slug(conn, slug)
            if found is None:
                entry = _Entry(changes.Before(slug, None), slug)
            else:
                opp_id, case = found
                created = conn.execute(select(s.opportunities.c.created_at)
                                       .where(s.opportunities.c.id == opp_id)).scalar_one()
                z = s.snoozes
                naps = tuple((r.kind, r.person, r.until) for r in conn.execute(
                    select(z.c.kind, z.c.person, z.c.until)
                    .where(z.c.account_id == self.account_id(conn), z.c.opportunity == slug)))
                entry = _Entry(changes.Before(slug, case, naps, created), slug)
        pending.entries[slug] = entry
        return entry

    def _flush_log(self, conn: Connection) -> None:
        from followup.describe import describe

        pending: _Pending = conn.info.pop("followup_log")
        if not pending.entries and pending.candidate is None:
            return
        entries = list(pending.entries.values())
        befores = [changes.Before(e.now, e.before.case, e.before.snoozes, e.before.created_at)
                   for e in entries]
        small = len(entries) <= 20  # a bulk import keeps no fingerprint of every case
        afters: list[Case | None] = []
        if small:
            for e in entries:
                found = self._case_by_slug(conn, e.now) if e.now else None
                afters.append(found[1] if found else None)
        whats = list(pending.whats)
        if not whats:
            if small:
                whats = [describe(e.before.case, a) for e, a in zip(entries, afters, strict=True)]
            if not small or len(whats) > 3:
                created = sum(1 for e in entries if e.before.case is None)
                whats = [f"Imported {created} opportunit{'y' if created == 1 else 'ies'}"
                         if created == len(entries) else f"Changed {len(entries)} opportunities"]
            if pending.candidate is not None:
                whats.append("Updated your profile")
        after_print = changes.fingerprint(afters, self._current_candidate(conn)
                                          if pending.candidate is not None else None)
        changes.record(conn, self.account_id(conn), "; ".join(w for w in whats if w),
                       befores, after_print if small else "", pending.candidate)

    def _current_candidate(self, conn: Connection) -> Candidate:
        return read.candidate(_sa_rows(conn), self.account_id(conn))

    def last_change(self) -> changes.Change | None:
        """The latest change not undone yet (what `undo` would revert)."""
        with self.reading() as conn:
            acc = self.account_id(conn)
            found = changes.last(conn, acc) if acc != -1 else None
            return found[0] if found else None

    def change(self, change_id: int) -> changes.Change:
        with self.reading() as conn:
            return changes.get(conn, self.account_id(conn), change_id)

    def undo(self, change_id: int | None = None) -> changes.Change:
        """Revert the latest change (only it: `change_id`, when given, must be it)."""
        from sqlalchemy import delete, insert
        from sqlalchemy import update as sql_update

        from followup.store import schema as s

        with self.engine.connect().execution_options(followup_write=True) as conn:
            with conn.begin():
                acc = self.account_id(conn)
                found = changes.last(conn, acc) if acc != -1 else None
                if found is None:
                    raise changes.UndoError("nothing to undo: the change log is empty")
                change, data, after = found
                if change_id is not None and change_id != change.id:
                    raise changes.UndoError(
                        f"that change is not the latest one; the latest is: {change.what}")
                befores, candidate = changes.decode(data)
                if after:
                    now: list[Case | None] = []
                    for b in befores:
                        slug = b.slug_now or (b.case.opportunity.id if b.case else None)
                        hit = self._case_by_slug(conn, slug) if slug else None
                        now.append(hit[1] if hit else None)
                    current = self._current_candidate(conn) if candidate is not None else None
                    if changes.fingerprint(now, current) != after:
                        raise changes.UndoError(
                            f"can't undo \"{change.what}\": it was changed since by "
                            "something outside the change log")
                o, z = s.opportunities, s.snoozes
                for b in befores:
                    gone = {x for x in (b.slug_now, b.case.opportunity.id if b.case else None)
                            if x}
                    for slug in gone:
                        conn.execute(delete(o).where(o.c.account_id == acc, o.c.slug == slug))
                        conn.execute(delete(z).where(z.c.account_id == acc,
                                                     z.c.opportunity == slug))
                    if b.case is not None:
                        self.save_case(b.case, conn=conn)
                        if b.created_at is not None:
                            conn.execute(sql_update(o).where(
                                o.c.account_id == acc, o.c.slug == b.case.opportunity.id
                            ).values(created_at=b.created_at))
                        if b.snoozes:
                            conn.execute(insert(z), [
                                {"account_id": acc, "opportunity": b.case.opportunity.id,
                                 "kind": k, "person": p, "until": u,
                                 "created_at": datetime.now()} for k, p, u in b.snoozes])
                if candidate is not None:
                    self._write_candidate(conn, candidate)
                changes.mark_undone(conn, change.id)
            self._writes += 1
            return change

    def generation(self) -> tuple[int, int]:
        """Changes whenever the database does (this process's writes or another's): the
        key of the web app's plan cache. SQLite: `PRAGMA data_version` on one connection
        kept for it; elsewhere the latest change-log id."""
        with self._generation_lock:
            if self._sqlite_file is not None:
                if self._watch is None:
                    self._watch = sqlite3.connect(self._sqlite_file, isolation_level=None,
                                                  check_same_thread=False)
                version = int(self._watch.execute("PRAGMA data_version").fetchone()[0])
                return self._writes, version
        with self.reading() as conn:
            latest = conn.exec_driver_sql("SELECT max(id) FROM changes").scalar()
        return self._writes, int(latest or 0)

    @contextmanager
    def _rows(self) -> Iterator[tuple[Rows, Decode]]:
        """One read transaction: sqlite3 on a SQLite file, else SQLAlchemy."""
        if self._sqlite_file is not None:
            with _sqlite_reader(self._sqlite_file) as conn:
                conn.execute("BEGIN")  # one snapshot for all the SELECTs
                try:
                    yield (lambda sql, params: conn.execute(sql, params).fetchall()), \
                        read.FROM_TEXT
                finally:
                    conn.execute("ROLLBACK")
        else:
            with self.reading() as conn:
                yield _sa_rows(conn), read.decode_for(conn.dialect.name)

    def _account(self, rows: Rows) -> int:
        if self._account_id is None:
            found = read.account_id(rows, self.account_name)
            if found is None:
                return -1  # nothing stored yet for this account; reads find nothing
            self._account_id = found
        return self._account_id

    def account_id(self, conn: Connection) -> int:
        """The account's row id; inside `writing()` the account is created if new."""
        if self._account_id is None:
            found = read.account_id(_sa_rows(conn), self.account_name)
            if found is None:
                if not conn.get_execution_options().get("followup_write"):
                    return -1
                from sqlalchemy import insert

                from followup.store import schema as s

                found = _pk(conn.execute(
                    insert(s.accounts).values(name=self.account_name, created_at=datetime.now())
                ))
            self._account_id = int(found)
        return self._account_id

    # -- ids ----------------------------------------------------------------------------

    def resolve(self, conn: Connection, ref: str) -> tuple[int, str]:
        """An opportunity id or an unambiguous prefix of one -> (row id, slug)."""
        return read.resolve(_sa_rows(conn), self.account_id(conn), ref)

    def slugs(self, conn: Connection) -> set[str]:
        return read.slugs(_sa_rows(conn), self.account_id(conn))

    # -- reading cases ------------------------------------------------------------------

    def candidate(self, conn: Connection) -> Candidate:
        return read.candidate(_sa_rows(conn), self.account_id(conn))

    def load_case(self, ref: str) -> Case:
        with self._rows() as (rows, decode):
            acc = self._account(rows)
            opp_id, _ = read.resolve(rows, acc, ref)
            return _load(rows, decode, acc, read.ONE, {"opp": opp_id})[0]

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
            return _load(rows, decode, acc, read.ACCOUNT.replace("{more}", more), params)

    # -- writing ------------------------------------------------------------------------

    def save_case(self, case: Case, *, replace_existing: bool = False,
                  conn: Connection | None = None) -> None:
        """Insert a whole case (import); with `replace_existing`, it replaces the one stored."""
        from sqlalchemy import delete, insert, select

        from followup.store import schema as s

        if conn is None:
            with self.writing() as c:
                self.save_case(case, replace_existing=replace_existing, conn=c)
            return
        acc = self.account_id(conn)
        self._note(conn, case.opportunity.id)
        o = s.opportunities
        existing = conn.execute(
            select(o.c.id, o.c.created_at)
            .where(o.c.account_id == acc, o.c.slug == case.opportunity.id)
        ).first()
        created = datetime.now()
        if existing is not None:
            if not replace_existing:
                raise FollowupError(
                    f"opportunity {case.opportunity.id!r} exists already "
                    "(use --replace to overwrite it)")
            created = existing.created_at
            conn.execute(delete(o).where(o.c.id == existing.id))
        op = case.opportunity
        opp_id = _pk(conn.execute(insert(o).values(
            account_id=acc, slug=op.id, company=op.company, role=op.role, field=op.field,
            persistence=op.persistence.value if op.persistence else None,
            status=op.status.value, listing=op.listing, applied_on=op.applied_on,
            send_letter=op.send_letter, created_at=created,
        )))
        person_ids: dict[str, int] = {}
        for pos, person in enumerate(case.people):
            person_ids[person.id] = self._insert_person(conn, opp_id, person, pos)
        for pos, interview in enumerate(case.interviews):
            self._insert_interview(conn, opp_id, interview, pos, person_ids)
        if case.touches:
            conn.execute(insert(s.touches), [
                self._touch_row(opp_id, touch, person_ids) for touch in case.touches
            ])

    def save_cases(self, cases: Sequence[Case], *, conn: Connection | None = None) -> None:
        """Insert many new cases with one multi-row INSERT per table (bulk import, benchmarks).

        The new keys come back from `INSERT ... RETURNING` in parameter order (SQLAlchemy's
        insertmanyvalues), which SQLite >= 3.35 and PostgreSQL both do. Ids must be new.
        """
        from sqlalchemy import insert

        from followup.store import schema as s

        if conn is None:
            with self.writing() as c:
                self.save_cases(cases, conn=c)
            return
        if not cases:
            return
        acc = self.account_id(conn)
        for one in cases:
            self._note(conn, one.opportunity.id, new=True)
        created = datetime.now()
        o, p, i, t = s.opportunities, s.people, s.interviews, s.touches

        def returning(table: Any, rows: list[dict[str, Any]]) -> list[int]:
            if not rows:
                return []
            query = insert(table).returning(table.c.id, sort_by_parameter_order=True)
            return [int(x) for x in conn.execute(query, rows).scalars()]

        opp_ids = returning(o, [{
            "account_id": acc, "slug": c.opportunity.id, "company": c.opportunity.company,
            "role": c.opportunity.role, "field": c.opportunity.field,
            "persistence": c.opportunity.persistence.value if c.opportunity.persistence else None,
            "status": c.opportunity.status.value, "listing": c.opportunity.listing,
            "applied_on": c.opportunity.applied_on, "send_letter": c.opportunity.send_letter,
            "created_at": created,
        } for c in cases])
        person_keys = [(n, x.id) for n, one in enumerate(cases) for x in one.people]
        person_pks = returning(p, [{
            "opportunity_id": opp_ids[n], "slug": x.id, "position": pos, "name": x.name,
            "title": x.title, "email": x.email, "phone": x.phone, "contact": x.contact,
        } for n, one in enumerate(cases) for pos, x in enumerate(one.people)])
        pid = dict(zip(person_keys, person_pks, strict=True))
        interview_rows: list[dict[str, Any]] = []
        who: list[tuple[int, tuple[str, ...]]] = []
        for n, one in enumerate(cases):
            for pos, iv in enumerate(one.interviews):
                pr = iv.promised
                interview_rows.append({
                    "opportunity_id": opp_ids[n], "slug": iv.id, "position": pos, "at": iv.at,
                    "round": iv.round, "format": iv.format, "topics": list(iv.topics),
                    "next_steps": list(iv.next_steps),
                    "promised_by": pr.by if pr else None,
                    "promised_channel": pr.channel.value if pr and pr.channel else None,
                    "promised_who": pid[n, pr.who] if pr and pr.who else None,
                    "promised_said": pr.said if pr else None,
                    "invite_uid": iv.invite_uid,
                })
                who.append((n, iv.interviewers))
        interview_pks = returning(i, interview_rows)
        interviewer_rows = [
            {"interview_id": iid, "position": k, "person_id": pid[n, person]}
            for iid, (n, people) in zip(interview_pks, who, strict=True)
            for k, person in enumerate(people)
        ]
        if interviewer_rows:
            conn.execute(insert(s.interviewers), interviewer_rows)
        touch_rows = [{
            "opportunity_id": opp_ids[n], "at": x.at, "direction": x.direction.value,
            "channel": x.channel.value, "kind": x.kind.value,
            "person_id": pid[n, x.person] if x.person else None,
            "new_by": x.new_by, "note": x.note,
        } for n, one in enumerate(cases) for x in one.touches]
        if touch_rows:
            conn.execute(insert(t), touch_rows)

    def _insert_person(self, conn: Connection, opp_id: int, person: Person, pos: int) -> int:
        from sqlalchemy import insert

        from followup.store import schema as s

        return _pk(conn.execute(insert(s.people).values(
            opportunity_id=opp_id, slug=person.id, position=pos, name=person.name,
            title=person.title, email=person.email, phone=person.phone, contact=person.contact,
        )))

    def _insert_interview(self, conn: Connection, opp_id: int, interview: Interview, pos: int,
                          person_ids: dict[str, int]) -> None:
        from sqlalchemy import insert

        from followup.store import schema as s

        pr = interview.promised
        iid = _pk(conn.execute(insert(s.interviews).values(
            opportunity_id=opp_id, slug=interview.id, position=pos, at=interview.at,
            round=interview.round, format=interview.format, topics=list(interview.topics),
            next_steps=list(interview.next_steps),
            promised_by=pr.by if pr else None,
            promised_channel=pr.channel.value if pr and pr.channel else None,
            promised_who=person_ids[pr.who] if pr and pr.who else None,
            promised_said=pr.said if pr else None, invite_uid=interview.invite_uid,
        )))
        if interview.interviewers:
            conn.execute(insert(s.interviewers), [
                {"interview_id": iid, "position": n, "person_id": person_ids[who]}
                for n, who in enumerate(interview.interviewers)
            ])

    @staticmethod
    def _touch_row(opp_id: int, touch: Touch, person_ids: dict[str, int]) -> dict[str, Any]:
        return {
            "opportunity_id": opp_id, "at": touch.at, "direction": touch.direction.value,
            "channel": touch.channel.value, "kind": touch.kind.value,
            "person_id": person_ids[touch.person] if touch.person else None,
            "new_by": touch.new_by, "note": touch.note,
        }

    def update_case(self, ref: str, change: Any) -> Case:
        """Load a case, apply `change(case) -> case` and store the result, in one transaction.

        Used for edits that touch several tables (add an interview with new people); the
        whole case is rewritten, which keeps one code path for every kind of edit.
        """
        from sqlalchemy import delete, select
        from sqlalchemy import update as sql_update

        from followup.caseio import check_references
        from followup.store import schema as s

        with self.writing() as conn:
            opp_id, old_slug = self.resolve(conn, ref)
            entry = self._note(conn, old_slug)
            old = _load(_sa_rows(conn), read.decode_for(conn.dialect.name),
                        self.account_id(conn), read.ONE, {"opp": opp_id})[0]
            new: Case = change(old)
            check_references(new)
            if new.opportunity.id != old.opportunity.id and new.opportunity.id in self.slugs(conn):
                raise FollowupError(f"opportunity {new.opportunity.id!r} exists already")
            created: datetime = conn.execute(select(s.opportunities.c.created_at)
                                   .where(s.opportunities.c.id == opp_id)).scalar_one()
            conn.execute(delete(s.opportunities).where(s.opportunities.c.id == opp_id))
            self.save_case(new, conn=conn)
            if entry is not None:
                entry.now = new.opportunity.id
            conn.execute(sql_update(s.opportunities)
                         .where(s.opportunities.c.account_id == self.account_id(conn),
                                s.opportunities.c.slug == new.opportunity.id)
                         .values(created_at=created))
            return new

    def add_touch(self, ref: str, touch: Touch) -> None:
        """Log one touch: a single INSERT, so concurrent loggers never lose each other's."""
        from sqlalchemy import insert, select

        from followup.store import schema as s

        with self.writing() as conn:
            opp_id, slug = self.resolve(conn, ref)
            self._note(conn, slug)
            person_ids: dict[str, int] = {}
            if touch.person is not None:
                pid = conn.execute(select(s.people.c.id).where(
                    s.people.c.opportunity_id == opp_id, s.people.c.slug == touch.person)
                ).scalar()
                if pid is None:
                    raise NotFoundError(f"no person {touch.person!r} in {slug}")
                person_ids[touch.person] = int(pid)
            conn.execute(insert(s.touches).values(self._touch_row(opp_id, touch, person_ids)))

    def add_touches(self, ref: str, batch: Iterable[Touch]) -> None:
        from sqlalchemy import insert

        from followup.store import schema as s

        with self.writing() as conn:
            opp_id, slug = self.resolve(conn, ref)
            self._note(conn, slug)
            rows = [self._touch_row(opp_id, t, {}) for t in batch]
            if rows:
                conn.execute(insert(s.touches), rows)

    def set_status(self, ref: str, status: Status) -> str:
        from sqlalchemy import update as sql_update

        from followup.store import schema as s

        with self.writing() as conn:
            opp_id, slug = self.resolve(conn, ref)
            self._note(conn, slug)
            conn.execute(sql_update(s.opportunities).where(s.opportunities.c.id == opp_id)
                         .values(status=status.value))
            return slug

    def delete(self, ref: str) -> str:
        from sqlalchemy import delete

        from followup.store import schema as s

        with self.writing() as conn:
            opp_id, slug = self.resolve(conn, ref)
            entry = self._note(conn, slug)
            if entry is not None:
                entry.now = None
            conn.execute(delete(s.opportunities).where(s.opportunities.c.id == opp_id))
            conn.execute(delete(s.snoozes).where(s.snoozes.c.account_id == self.account_id(conn),
                                                 s.snoozes.c.opportunity == slug))
            return slug

    def snooze(self, ref: str, kind: str, person: str | None, until: date) -> str:
        """Hide one planned action until `until` (replacing an earlier snooze of it)."""
        from sqlalchemy import delete, insert

        from followup.store import schema as s

        z = s.snoozes
        with self.writing() as conn:
            _, slug = self.resolve(conn, ref)
            acc = self.account_id(conn)
            entry = self._note(conn, slug)
            if entry is not None and entry.before.case is not None:
                from followup.describe import snooze_words

                conn.info["followup_log"].whats.append(
                    snooze_words(entry.before.case, kind, person, until))
            same_person = z.c.person.is_(None) if person is None else z.c.person == person
            conn.execute(delete(z).where(z.c.account_id == acc, z.c.opportunity == slug,
                                         z.c.kind == kind, same_person))
            conn.execute(insert(z).values(account_id=acc, opportunity=slug, kind=kind,
                                          person=person, until=until,
                                          created_at=datetime.now()))
            return slug

    def snoozes(self) -> dict[tuple[str, str, str | None], date]:
        """(opportunity slug, action kind, person id) -> the date it sleeps until."""
        with self._rows() as (rows, decode):
            return read.snoozes(rows, decode, self._account(rows))

    def save_candidate(self, candidate: Candidate) -> None:
        with self.writing() as conn:
            pending: _Pending | None = conn.info.get("followup_log")
            if pending is not None and pending.candidate is None:
                pending.candidate = self._current_candidate(conn)
            self._write_candidate(conn, candidate)

    def _write_candidate(self, conn: Connection, candidate: Candidate) -> None:
        from sqlalchemy import delete, insert

        from followup.store import schema as s

        acc = self.account_id(conn)
        c = s.candidates
        conn.execute(delete(c).where(c.c.account_id == acc))
        conn.execute(insert(c).values(
            account_id=acc, name=candidate.name, email=candidate.email,
            phone=candidate.phone, country=candidate.country, timezone=candidate.timezone,
        ))
        v = s.candidate_values
        conn.execute(delete(v).where(v.c.account_id == acc))
        if candidate.values:
            conn.execute(insert(v), [
                {"account_id": acc, "position": n, "text": text}
                for n, text in enumerate(candidate.values)
            ])

    def get_candidate(self) -> Candidate:
        with self._rows() as (rows, _):
            return read.candidate(rows, self._account(rows))

    def count(self) -> int:
        with self._rows() as (rows, _):
            return read.count(rows, self._account(rows))


def new_slug(company: str, role: str, taken: set[str]) -> str:
    """`Acme Analytics` + `Senior Data Analyst` -> `acme-analyst`, made unique with -2, -3."""
    company_words = _words(company)
    role_words = _words(role)
    parts = company_words[:1] + role_words[-1:]
    base = "-".join(parts) or "opportunity"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def new_person_slug(name: str, taken: set[str]) -> str:
    """`Dana Whitfield` -> `dana`; a second Dana becomes `dana-w`, then `dana-2` ..."""
    words = _words(name)
    candidates = [words[0]] if words else ["person"]
    if len(words) > 1:
        candidates.append(f"{words[0]}-{words[-1][0]}")
        candidates.append(f"{words[0]}-{words[-1]}")
    for c in candidates:
        if c not in taken:
            return c
    n = 2
    while f"{candidates[0]}-{n}" in taken:
        n += 1
    return f"{candidates[0]}-{n}"


_STOP = {"the", "inc", "llc", "ltd", "gmbh", "co", "corp", "and", "of", "a", "an"}


def _words(text: str) -> list[str]:
    import re
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return [w for w in words if w not in _STOP] or words

