"""Where cases live: SQLite by default, any SQLAlchemy database by URL.

`Store` hands the core `Case` objects, never rows. Each public method is one transaction;
writes on SQLite take the lock up front (`BEGIN IMMEDIATE`) so two processes wait for each
other under the busy timeout instead of failing with "database is locked" on a lock upgrade.
A store is bound to one account: nothing here is global, so a server can open one per user.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, delete, event, func, insert, select
from sqlalchemy import update as sql_update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from followup.errors import FollowupError, NotFoundError
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
from followup.store import schema as s
from followup.store.migrate import ensure_schema

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


def make_engine(url: str) -> Engine:
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


def _opt(value: str | None, enum: Any) -> Any:
    return None if value is None else enum(value)


class Store:
    """One account's cases in one database."""

    def __init__(self, engine: Engine, account: str = DEFAULT_ACCOUNT) -> None:
        self.engine = engine
        self.account_name = account
        self._account_id: int | None = None

    @classmethod
    def open(cls, db: str | None = None, account: str = DEFAULT_ACCOUNT) -> Store:
        """Open (creating or upgrading in place) the database `db` names."""
        engine = make_engine(database_url(db))
        try:
            ensure_schema(engine)
        except DBAPIError as e:
            engine.dispose()
            raise StoreError(f"cannot open database {engine.url!r}: "
                             f"{str(e.orig).splitlines()[0]}") from None
        return cls(engine, account)

    def close(self) -> None:
        self.engine.dispose()

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

    def account_id(self, conn: Connection) -> int:
        if self._account_id is None:
            found = conn.execute(
                select(s.accounts.c.id).where(s.accounts.c.name == self.account_name)
            ).scalar()
            if found is None:
                if not conn.get_execution_options().get("followup_write"):
                    return -1  # nothing stored yet for this account; reads find nothing
                found = _pk(conn.execute(
                    insert(s.accounts).values(name=self.account_name, created_at=datetime.now())
                ))
            self._account_id = int(found)
        return self._account_id

    # -- ids ----------------------------------------------------------------------------

    def resolve(self, conn: Connection, ref: str) -> tuple[int, str]:
        """An opportunity id or an unambiguous prefix of one -> (row id, slug)."""
        acc = self.account_id(conn)
        o = s.opportunities
        rows = conn.execute(
            select(o.c.id, o.c.slug).where(o.c.account_id == acc, o.c.slug == ref)
        ).all()
        if not rows:
            escaped = ref.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            rows = conn.execute(
                select(o.c.id, o.c.slug)
                .where(o.c.account_id == acc, o.c.slug.like(escaped + "%", escape="\\"))
                .order_by(o.c.slug)
            ).all()
        if not rows:
            raise NotFoundError(f"no opportunity {ref!r} (see `followup list`)")
        if len(rows) > 1:
            names = ", ".join(r.slug for r in rows[:5])
            raise NotFoundError(f"{ref!r} is ambiguous: {names}")
        return int(rows[0].id), str(rows[0].slug)

    def slugs(self, conn: Connection) -> set[str]:
        o = s.opportunities
        acc = self.account_id(conn)
        return set(conn.execute(select(o.c.slug).where(o.c.account_id == acc)).scalars())

    # -- reading cases ------------------------------------------------------------------

    def candidate(self, conn: Connection) -> Candidate:
        acc = self.account_id(conn)
        row = conn.execute(select(s.candidates).where(s.candidates.c.account_id == acc)).first()
        values = tuple(conn.execute(
            select(s.candidate_values.c.text)
            .where(s.candidate_values.c.account_id == acc)
            .order_by(s.candidate_values.c.position)
        ).scalars())
        if row is None:
            return Candidate(values=values)
        return Candidate(name=row.name, email=row.email, phone=row.phone, country=row.country,
                         timezone=row.timezone, values=values)

    def load_case(self, ref: str) -> Case:
        with self.reading() as conn:
            opp_id, _ = self.resolve(conn, ref)
            return self._load(conn, [opp_id])[0]

    def load_cases(self, *, active_only: bool = False) -> list[Case]:
        """Every case of the account, with a handful of queries however many there are."""
        with self.reading() as conn:
            o = s.opportunities
            query = select(o.c.id).where(o.c.account_id == self.account_id(conn))
            if active_only:
                query = query.where(o.c.status == Status.ACTIVE.value)
            ids = list(conn.execute(query.order_by(o.c.id)).scalars())
            return self._load(conn, ids, all_of_account=True)

    def _load(self, conn: Connection, ids: Sequence[int], all_of_account: bool = False
              ) -> list[Case]:
        if not ids:
            return []
        candidate = self.candidate(conn)
        o, p, i, iv, t = s.opportunities, s.people, s.interviews, s.interviewers, s.touches
        # For a whole account, join on the account instead of a huge IN list.
        if all_of_account:
            acc = self.account_id(conn)
            wanted = set(ids)

            def where_opp(col: Any) -> Any:
                return col.in_(select(o.c.id).where(o.c.account_id == acc))
        else:
            wanted = set(ids)

            def where_opp(col: Any) -> Any:
                return col.in_(list(ids))

        opp_rows = [r for r in conn.execute(select(o).where(where_opp(o.c.id))) if r.id in wanted]
        people_by_opp: dict[int, list[Any]] = defaultdict(list)
        slug_of_person: dict[int, str] = {}
        for r in conn.execute(select(p).where(where_opp(p.c.opportunity_id))
                              .order_by(p.c.opportunity_id, p.c.position)):
            people_by_opp[r.opportunity_id].append(r)
            slug_of_person[r.id] = r.slug
        who_by_interview: dict[int, list[str]] = defaultdict(list)
        for r in conn.execute(
            select(iv.c.interview_id, iv.c.person_id)
            .join(i, i.c.id == iv.c.interview_id)
            .where(where_opp(i.c.opportunity_id))
            .order_by(iv.c.interview_id, iv.c.position)
        ):
            who_by_interview[r.interview_id].append(slug_of_person[r.person_id])
        interviews_by_opp: dict[int, list[Interview]] = defaultdict(list)
        for r in conn.execute(select(i).where(where_opp(i.c.opportunity_id))
                              .order_by(i.c.opportunity_id, i.c.position)):
            promise = None
            if r.promised_by is not None:
                promise = Promise(
                    by=r.promised_by,
                    channel=_opt(r.promised_channel, PromiseChannel),
                    who=slug_of_person.get(r.promised_who) if r.promised_who else None,
                    said=r.promised_said,
                )
            interviews_by_opp[r.opportunity_id].append(Interview(
                id=r.slug, at=r.at, round=r.round, format=r.format,
                interviewers=tuple(who_by_interview.get(r.id, ())),
                topics=tuple(r.topics), next_steps=tuple(r.next_steps), promised=promise,
            ))
        touches_by_opp: dict[int, list[Touch]] = defaultdict(list)
        for r in conn.execute(select(t).where(where_opp(t.c.opportunity_id))
                              .order_by(t.c.opportunity_id, t.c.id)):
            touches_by_opp[r.opportunity_id].append(Touch(
                at=r.at, direction=Direction(r.direction), channel=Channel(r.channel),
                kind=TouchKind(r.kind),
                person=slug_of_person.get(r.person_id) if r.person_id else None,
                new_by=r.new_by, note=r.note,
            ))
        by_id = {}
        for r in opp_rows:
            by_id[r.id] = Case(
                opportunity=Opportunity(
                    id=r.slug, company=r.company, role=r.role, field=r.field,
                    persistence=_opt(r.persistence, Persistence), status=Status(r.status),
                    listing=r.listing, applied_on=r.applied_on, send_letter=r.send_letter,
                ),
                candidate=candidate,
                people=tuple(
                    Person(id=x.slug, name=x.name, title=x.title, email=x.email, phone=x.phone,
                           contact=x.contact)
                    for x in people_by_opp.get(r.id, ())
                ),
                interviews=tuple(interviews_by_opp.get(r.id, ())),
                touches=tuple(touches_by_opp.get(r.id, ())),
            )
        return [by_id[x] for x in ids if x in by_id]

    # -- writing ------------------------------------------------------------------------

    def save_case(self, case: Case, *, replace_existing: bool = False,
                  conn: Connection | None = None) -> None:
        """Insert a whole case (import); with `replace_existing`, it replaces the one stored."""
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
            conn.execute(insert(s.touches), [
                self._touch_row(opp_id, touch, person_ids) for touch in case.touches
            ])

    def _insert_person(self, conn: Connection, opp_id: int, person: Person, pos: int) -> int:
        return _pk(conn.execute(insert(s.people).values(
            opportunity_id=opp_id, slug=person.id, position=pos, name=person.name,
            title=person.title, email=person.email, phone=person.phone, contact=person.contact,
        )))

    def _insert_interview(self, conn: Connection, opp_id: int, interview: Interview, pos: int,
                          person_ids: dict[str, int]) -> None:
        pr = interview.promised
        iid = _pk(conn.execute(insert(s.interviews).values(
            opportunity_id=opp_id, slug=interview.id, position=pos, at=interview.at,
            round=interview.round, format=interview.format, topics=list(interview.topics),
            next_steps=list(interview.next_steps),
            promised_by=pr.by if pr else None,
            promised_channel=pr.channel.value if pr and pr.channel else None,
            promised_who=person_ids[pr.who] if pr and pr.who else None,
            promised_said=pr.said if pr else None,
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
        from followup.caseio import check_references

        with self.writing() as conn:
            opp_id, _ = self.resolve(conn, ref)
            old = self._load(conn, [opp_id])[0]
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
            conn.execute(insert(s.touches).values(self._touch_row(opp_id, touch, person_ids)))

    def add_touches(self, ref: str, batch: Iterable[Touch]) -> None:
        with self.writing() as conn:
            opp_id, _ = self.resolve(conn, ref)
            rows = [self._touch_row(opp_id, t, {}) for t in batch]
            if rows:
                conn.execute(insert(s.touches), rows)

    def set_status(self, ref: str, status: Status) -> str:
        with self.writing() as conn:
            opp_id, slug = self.resolve(conn, ref)
            conn.execute(sql_update(s.opportunities).where(s.opportunities.c.id == opp_id)
                         .values(status=status.value))
            return slug

    def delete(self, ref: str) -> str:
        with self.writing() as conn:
            opp_id, slug = self.resolve(conn, ref)
            conn.execute(delete(s.opportunities).where(s.opportunities.c.id == opp_id))
            conn.execute(delete(s.snoozes).where(s.snoozes.c.account_id == self.account_id(conn),
                                                 s.snoozes.c.opportunity == slug))
            return slug

    def snooze(self, ref: str, kind: str, person: str | None, until: date) -> str:
        """Hide one planned action until `until` (replacing an earlier snooze of it)."""
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
        z = s.snoozes
        with self.reading() as conn:
            rows = conn.execute(select(z.c.opportunity, z.c.kind, z.c.person, z.c.until)
                                .where(z.c.account_id == self.account_id(conn)))
            return {(r.opportunity, r.kind, r.person): r.until for r in rows}

    def save_candidate(self, candidate: Candidate) -> None:
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
        with self.reading() as conn:
            return self.candidate(conn)

    def count(self) -> int:
        with self.reading() as conn:
            o = s.opportunities
            return int(conn.execute(select(func.count()).select_from(o)
                                    .where(o.c.account_id == self.account_id(conn))).scalar_one())


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

