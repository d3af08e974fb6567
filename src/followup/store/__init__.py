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
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from followup.errors import FollowupError, NotFoundError
from followup.model import Candidate, Case, Interview, Person, Status, Touch
from followup.store import read
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

    # -- transactions -------------------------------------------------------------------

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        with self.engine.connect().execution_options(followup_write=True) as conn:
            with conn.begin():
                yield conn

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
            self._check_message_ids(conn, [t.message_id for t in case.touches])
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
            "new_by": x.new_by, "note": x.note, "message_id": x.message_id,
        } for n, one in enumerate(cases) for x in one.touches]
        self._check_message_ids(conn, [x.message_id for one in cases for x in one.touches])
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
            "new_by": touch.new_by, "note": touch.note, "message_id": touch.message_id,
        }

    def _check_message_ids(self, conn: Connection, ids: Iterable[str | None]) -> None:
        """CONTRACT.md: no two touches of one account share a Message-ID (a mail is logged
        once). Called before each insert, inside the write transaction, so it holds."""
        from sqlalchemy import func, select

        from followup.store import schema as s

        wanted = [i for i in ids if i is not None]
        if not wanted:
            return
        if len(set(wanted)) != len(wanted):
            dup = next(i for i in wanted if wanted.count(i) > 1)
            raise FollowupError(f"message_id {dup}: two touches would share it")
        t, o = s.touches, s.opportunities
        acc = self.account_id(conn)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            found = conn.execute(
                select(t.c.message_id, func.min(o.c.slug)).join(o, o.c.id == t.c.opportunity_id)
                .where(o.c.account_id == acc, t.c.message_id.in_(chunk))
                .group_by(t.c.message_id)).first()
            if found is not None:
                raise FollowupError(f"message_id {found[0]}: already logged in {found[1]}")

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
            opp_id, _ = self.resolve(conn, ref)
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
            person_ids: dict[str, int] = {}
            if touch.person is not None:
                pid = conn.execute(select(s.people.c.id).where(
                    s.people.c.opportunity_id == opp_id, s.people.c.slug == touch.person)
                ).scalar()
                if pid is None:
                    raise NotFoundError(f"no person {touch.person!r} in {slug}")
                person_ids[touch.person] = int(pid)
            self._check_message_ids(conn, [touch.message_id])
            conn.execute(insert(s.touches).values(self._touch_row(opp_id, touch, person_ids)))

    def add_touches(self, ref: str, batch: Iterable[Touch]) -> None:
        from sqlalchemy import insert

        from followup.store import schema as s

        with self.writing() as conn:
            opp_id, _ = self.resolve(conn, ref)
            batch_list = list(batch)
            rows = [self._touch_row(opp_id, t, {}) for t in batch_list]
            self._check_message_ids(conn, [t.message_id for t in batch_list])
            if rows:
                conn.execute(insert(s.touches), rows)

    def set_status(self, ref: str, status: Status) -> str:
        from sqlalchemy import update as sql_update

        from followup.store import schema as s

        with self.writing() as conn:
            opp_id, slug = self.resolve(conn, ref)
            conn.execute(sql_update(s.opportunities).where(s.opportunities.c.id == opp_id)
                         .values(status=status.value))
            return slug

    def delete(self, ref: str) -> str:
        from sqlalchemy import delete

        from followup.store import schema as s

        with self.writing() as conn:
            opp_id, slug = self.resolve(conn, ref)
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
        from sqlalchemy import delete, insert

        from followup.store import schema as s

        with self.writing() as conn:
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

