"""Writing cases: one transaction per public method, rows built by `store.rows`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from followup.core.errors import FollowupError, NotFoundError
from followup.core.model import Candidate, Case, Status, Touch
from followup.store import read
from followup.store import rows as build
from followup.store.changes import Logged
from followup.store.connect import _load, _pk, _sa_rows

if TYPE_CHECKING:
    from sqlalchemy import Connection


def _latest(now: datetime) -> date:
    """The latest date a write may carry: ten years after today (followup.core.limits)."""
    from followup.core.limits import ahead_of

    return ahead_of(now.date())


def _check(case: Case, now: datetime) -> None:
    """Every write is checked against `followup.core.limits` first: the last door, whatever
    face (CLI option, web form, case file, invite) the record came through."""
    from followup.core.limits import check_case

    check_case(case, _latest(now), candidate=False)


class Writes(Logged):
    """The writing half of `Store`; each write notes what it changes (`_note`) for the
    change log."""

    def save_case(self, case: Case, *, replace_existing: bool = False,
                  conn: Connection | None = None) -> None:
        """Insert a whole case (import); with `replace_existing`, it replaces the one stored."""
        from sqlalchemy import delete, insert, select

        from followup.store import schema as s

        if conn is None:
            with self.writing() as c:
                self.save_case(case, replace_existing=replace_existing, conn=c)
            return
        _check(case, self.clock())
        acc = self.account_id(conn)
        self._note(conn, case.opportunity.id)
        o = s.opportunities
        existing = conn.execute(
            select(o.c.id, o.c.created_at)
            .where(o.c.account_id == acc, o.c.slug == case.opportunity.id)
        ).first()
        created = self.clock()
        if existing is not None:
            if not replace_existing:
                raise FollowupError(
                    f"opportunity {case.opportunity.id!r} exists already "
                    "(use --replace to overwrite it)")
            created = existing.created_at
            conn.execute(delete(o).where(o.c.id == existing.id))
        opp_id = _pk(conn.execute(insert(o).values(
            build.opportunity_row(acc, case.opportunity, created))))
        # One multi-row INSERT ... RETURNING for the people: an invite can bring thousands.
        person_ids: dict[str, int] = {}
        if case.people:
            query = insert(s.people).returning(s.people.c.id, sort_by_parameter_order=True)
            keys = conn.execute(query, [build.person_row(opp_id, person, pos)
                                        for pos, person in enumerate(case.people)]).scalars()
            person_ids = {x.id: int(k) for x, k in zip(case.people, keys, strict=True)}
        for pos, iv in enumerate(case.interviews):
            iid = _pk(conn.execute(insert(s.interviews).values(
                build.interview_row(opp_id, iv, pos, person_ids))))
            if iv.interviewers:
                conn.execute(insert(s.interviewers), build.interviewer_rows(iid, iv, person_ids))
        if case.touches:
            self.check_message_ids(conn, [t.message_id for t in case.touches])
            conn.execute(insert(s.touches), [
                build.touch_row(opp_id, touch, person_ids) for touch in case.touches])

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
        for case in cases:
            _check(case, self.clock())
        acc = self.account_id(conn)
        for one in cases:
            self._note(conn, one.opportunity.id, new=True)
        created = self.clock()
        o, p, i, t = s.opportunities, s.people, s.interviews, s.touches

        def returning(table: Any, rows: list[dict[str, Any]]) -> list[int]:
            if not rows:
                return []
            query = insert(table).returning(table.c.id, sort_by_parameter_order=True)
            return [int(x) for x in conn.execute(query, rows).scalars()]

        opp_ids = returning(o, [build.opportunity_row(acc, c.opportunity, created)
                                for c in cases])
        person_pks = iter(returning(p, [build.person_row(opp_ids[n], x, pos)
                                        for n, one in enumerate(cases)
                                        for pos, x in enumerate(one.people)]))
        pids = [{x.id: next(person_pks) for x in one.people} for one in cases]
        interview_pks = iter(returning(i, [build.interview_row(opp_ids[n], iv, pos, pids[n])
                                           for n, one in enumerate(cases)
                                           for pos, iv in enumerate(one.interviews)]))
        interviewers = [row for n, one in enumerate(cases) for iv in one.interviews
                        for row in build.interviewer_rows(next(interview_pks), iv, pids[n])]
        if interviewers:
            conn.execute(insert(s.interviewers), interviewers)
        touches = [build.touch_row(opp_ids[n], x, pids[n])
                   for n, one in enumerate(cases) for x in one.touches]
        self.check_message_ids(conn, [x.message_id for one in cases for x in one.touches])
        if touches:
            conn.execute(insert(t), touches)

    def update_case(self, ref: str, change: Any, *, repairing: bool = False) -> Case:
        """Load a case, apply `change(case) -> case` and store the result, in one transaction.

        Used for edits that touch several tables (add an interview with new people); the
        whole case is rewritten, which keeps one code path for every kind of edit.
        """
        from sqlalchemy import delete, select
        from sqlalchemy import update as sql_update

        from followup.core.caseio import check_references
        from followup.store import schema as s

        with self.writing() as conn:
            opp_id, old_slug = self.resolve(conn, ref)
            entry = self._note(conn, old_slug)
            old = _load(_sa_rows(conn), read.decode_for(conn.dialect.name),
                        self.account_id(conn), read.ONE, {"opp": opp_id})[0]
            from followup.core.limits import runs_safely

            if not repairing and (problem := runs_safely(old)) is not None:
                raise FollowupError(f"{old.opportunity.id}: {problem} "
                                    "(repair it first: followup doctor --fix)")
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
            if new.opportunity.id != old.opportunity.id:  # snoozes follow a renamed case
                conn.execute(sql_update(s.snoozes)
                             .where(s.snoozes.c.account_id == self.account_id(conn),
                                    s.snoozes.c.opportunity == old.opportunity.id)
                             .values(opportunity=new.opportunity.id))
            return new

    def add_touch(self, ref: str, touch: Touch) -> None:
        """Log one touch: a single INSERT, so concurrent loggers never lose each other's."""
        from sqlalchemy import insert, select

        from followup.core.describe import logged_words
        from followup.core.limits import check_touch
        from followup.store import schema as s

        check_touch(touch, _latest(self.clock()))
        with self.writing() as conn:
            opp_id, slug = self.resolve(conn, ref)
            person_ids: dict[str, int] = {}
            who = ""
            if touch.person is not None:
                found = conn.execute(select(s.people.c.id, s.people.c.name).where(
                    s.people.c.opportunity_id == opp_id, s.people.c.slug == touch.person)
                ).first()
                if found is None:
                    raise NotFoundError(f"no person {touch.person!r} in {slug}")
                person_ids[touch.person] = int(found.id)
                who = str(found.name)
            self.check_message_ids(conn, [touch.message_id])
            conn.execute(insert(s.touches).values(build.touch_row(opp_id, touch, person_ids)))
            company = conn.execute(select(s.opportunities.c.company)
                                   .where(s.opportunities.c.id == opp_id)).scalar_one()
            self._note_touches(conn, slug, [touch], logged_words([(touch, who)], company))

    def add_touches(self, ref: str, batch: Iterable[Touch]) -> None:
        from sqlalchemy import insert, select

        from followup.core.describe import logged_words
        from followup.core.limits import check_touch
        from followup.store import schema as s

        batch = list(batch)
        for t in batch:
            check_touch(t, _latest(self.clock()))
        with self.writing() as conn:
            opp_id, slug = self.resolve(conn, ref)
            touches = list(batch)
            self.check_message_ids(conn, [t.message_id for t in touches])
            rows = [build.touch_row(opp_id, t, {}) for t in touches]
            if rows:
                conn.execute(insert(s.touches), rows)
                company = conn.execute(select(s.opportunities.c.company)
                                       .where(s.opportunities.c.id == opp_id)).scalar_one()
                self._note_touches(conn, slug, touches,
                                   logged_words([(t, "") for t in touches], company))

    def check_message_ids(self, conn: Connection, ids: Iterable[str | None]) -> None:
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
            found = conn.execute(
                select(t.c.message_id, func.min(o.c.slug)).join(o, o.c.id == t.c.opportunity_id)
                .where(o.c.account_id == acc, t.c.message_id.in_(wanted[start:start + 500]))
                .group_by(t.c.message_id)).first()
            if found is not None:
                raise FollowupError(f"message_id {found[0]}: already logged in {found[1]}")

    def set_status(self, ref: str, status: Status,
                   check: Callable[[Case], None] | None = None) -> str:
        """`check(case)`: called on the case as stored, in the same transaction, before
        anything is written; what it raises refuses the change (a stale page's Move)."""
        from sqlalchemy import update as sql_update

        from followup.store import schema as s

        with self.writing() as conn:
            opp_id, slug = self.resolve(conn, ref)
            if check is not None and (found := self._case_by_slug(conn, slug)) is not None:
                check(found[1])
            self._note(conn, slug)
            conn.execute(sql_update(s.opportunities).where(s.opportunities.c.id == opp_id)
                         .values(status=status.value))
            return slug

    def delete(self, ref: str) -> str:
        from sqlalchemy import delete

        from followup.store import schema as s

        with self.writing() as conn:
            opp_id, slug = self.resolve(conn, ref)
            try:
                entry = self._note(conn, slug)
            except read.UNREADABLE as e:  # a row no reader can take: delete works anyway
                from followup.core.notices import warn

                entry = None
                warn(f"{slug[:80]!r} could not be read ({str(e)[:60] or type(e).__name__}),"
                     " so `followup undo` cannot bring it back")
            if entry is not None:
                entry.now = None
            conn.execute(delete(s.opportunities).where(s.opportunities.c.id == opp_id))
            conn.execute(delete(s.snoozes).where(s.snoozes.c.account_id == self.account_id(conn),
                                                 s.snoozes.c.opportunity == slug))
            return slug

    def snooze(self, ref: str, kind: str, person: str | None, until: date) -> str:
        """Hide one planned action until `until` (replacing an earlier snooze of it)."""
        from followup.core.errors import CaseFileError
        from followup.core.limits import day_problem, id_problem

        if problem := day_problem(until, _latest(self.clock())):
            raise CaseFileError("until", problem)
        if person is not None and (problem := id_problem(person)):
            raise CaseFileError("person", problem)
        with self.writing() as conn:
            _, slug = self.resolve(conn, ref)
            acc = self.account_id(conn)
            entry = self._note(conn, slug)
            if entry is not None and entry.before.case is not None:
                from followup.core.describe import snooze_words

                self._say(conn, snooze_words(entry.before.case, kind, person, until))
            self._put_snooze(conn, acc, slug, kind, person, until)
            return slug

    def save_snoozes(self, conn: Connection,
                     snoozes: Iterable[tuple[str, str, str | None, date]]) -> None:
        """Restore snoozes (import of a bundle), replacing any of the same action."""
        acc = self.account_id(conn)
        for opportunity, kind, person, until in snoozes:
            self._put_snooze(conn, acc, opportunity, kind, person, until)

    def _put_snooze(self, conn: Connection, acc: int, opportunity: str, kind: str,
                    person: str | None, until: date) -> None:
        """One snooze per action: a new one replaces the old (`snooze` and `save_snoozes`)."""
        from sqlalchemy import delete, insert

        from followup.store import schema as s

        z = s.snoozes
        same_person = z.c.person.is_(None) if person is None else z.c.person == person
        conn.execute(delete(z).where(z.c.account_id == acc, z.c.opportunity == opportunity,
                                     z.c.kind == kind, same_person))
        conn.execute(insert(z).values(account_id=acc, opportunity=opportunity, kind=kind,
                                      person=person, until=until, created_at=self.clock()))

    def save_candidate(self, candidate: Candidate, *, conn: Connection | None = None) -> None:

        from followup.core.limits import check_candidate

        check_candidate(candidate, "profile")
        if conn is None:
            with self.writing() as w:
                self.save_candidate(candidate, conn=w)
            return
        self._note_candidate(conn)
        self._write_candidate(conn, candidate)  # the same rows an undo writes back

