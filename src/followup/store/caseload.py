"""The caseload's SQL (PostgreSQL, on the request's connection, under its policies).

`students` is the caseload page: one statement for a page of a coach's students, whatever
their number (the grants, the users and each student's `caseload_students` row, the cards
summed when they were written), sorted by need (core.caseload.need_order, rule id
`caseload.by-need`), filtered, counted and cut to the page in PostgreSQL. `audit_reads`
records the read in each shown student's audit log with one INSERT of an array. What a row
may be seen by is the policies' business (store.centre): these queries add no filter of
their own beyond naming the coach, so a bug here cannot widen what a caller reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from followup.core.caseload import ACTIVE_STAGES, Card, Standing, summary
from followup.core.planner import MIN_ACTIVE

if TYPE_CHECKING:
    from sqlalchemy import Connection

_ACTIVE = ", ".join(f"'{s}'" for s in ACTIVE_STAGES)  # a fixed vocabulary, not user text

# A page of the students whose grant to :coach stands, sorted by need (caseload.by-need,
# the order of core.caseload.need_order; names in code-point order, as Python compares
# them); `total` counts every row the filter keeps, before the page is cut. Driven from the
# coach's grants (ix_grants_coach), one summary row per student by its key.
STUDENTS = f"""
WITH mine AS (
    SELECT u.account_id, u.name, u.email,
           COALESCE(s.opportunities, 0) AS opportunities, COALESCE(s.active, 0) AS active,
           COALESCE(s.accepted, false) AS accepted, COALESCE(s.stages, '') AS stages,
           s.last_touch, s.next_due, s.planned_on,
           (SELECT count(*) FROM unnest(s.ends) e WHERE e < :today) AS overdue,
           (SELECT count(*) FROM unnest(s.promises) p WHERE p < :today) AS promises
    FROM (SELECT DISTINCT g.student_account_id FROM grants g
          WHERE g.coach_account_id = :coach AND g.ended_at IS NULL) AS m
    JOIN users u ON u.account_id = m.student_account_id AND u.role = 'student'
    LEFT JOIN caseload_students s ON s.account_id = u.account_id
), needs AS (
    SELECT mine.*, (overdue > 0 OR promises > 0
                    OR (active < {MIN_ACTIVE} AND NOT accepted)) AS attention
    FROM mine
)
SELECT needs.*, count(*) OVER () AS total FROM needs
WHERE attention OR NOT :only
ORDER BY attention DESC, overdue DESC, promises DESC, next_due IS NULL, next_due,
         name COLLATE "C", account_id
LIMIT :limit OFFSET :offset
"""

AUDIT = """
INSERT INTO audit_events (account_id, actor_account_id, actor, action, at)
SELECT a, :coach, :actor, :action, :now FROM unnest(CAST(:ids AS integer[])) AS a
"""


@dataclass(frozen=True, slots=True)
class StudentRow:
    account: int
    name: str
    email: str
    standing: Standing


@dataclass(frozen=True, slots=True)
class StudentPage:
    rows: list[StudentRow]
    total: int | None  # every student the filter keeps; None: the page is past the end


def students(conn: Connection, coach: int, today: date, *, attention: bool = False,
             limit: int | None = None, offset: int = 0) -> StudentPage:
    """A page of the students whose grant to `coach` stands (all: `limit` None), by need,
    those needing attention only if `attention`: one statement."""
    from sqlalchemy import text

    out = []
    total: int | None = None
    for r in conn.execute(text(STUDENTS), {"coach": coach, "today": today, "only": attention,
                                           "limit": limit, "offset": offset}):
        total = int(r.total)
        out.append(StudentRow(int(r.account_id), r.name, r.email, Standing(
            opportunities=int(r.opportunities), active=int(r.active), overdue=int(r.overdue),
            promises_passed=int(r.promises), accepted=bool(r.accepted),
            stages=frozenset(r.stages.split()), last_touch=r.last_touch,
            next_due=r.next_due, planned_on=r.planned_on)))
    return StudentPage(out, total)


def audit_reads(conn: Connection, students: Sequence[int], coach: int, actor: str,
                action: str, now: datetime) -> None:
    """One audit entry in each student's log, one statement (the policies check each)."""
    from sqlalchemy import text

    if students:
        conn.execute(text(AUDIT), {"ids": list(students), "coach": coach, "actor": actor,
                                   "action": action, "now": now})


# Every card in one parameter (JSON), each matched to its opportunity by slug: one statement
# however many cards, and no row for an opportunity gone meanwhile.
_INSERT_CARDS = """
INSERT INTO caseload_cards (opportunity_id, account_id, status, stage, next_kind, next_due,
                            next_end, promised_by, last_touch, planned_on)
SELECT o.id, o.account_id, t.status, t.stage, t.next_kind, t.next_due, t.next_end,
       t.promised_by, t.last_touch, t.planned_on
FROM json_to_recordset(CAST(:cards AS json)) AS t(
    slug text, status text, stage text, next_kind text, next_due date, next_end date,
    promised_by date, last_touch timestamp, planned_on date)
JOIN opportunities o ON o.account_id = :account AND o.slug = t.slug
"""


# The cards and their sum in one statement (the INSERT of the cards a data-modifying CTE:
# it runs whether or not the rest reads it).
_WRITE = f"""
WITH cards AS ({_INSERT_CARDS.strip()})
INSERT INTO caseload_students (account_id, opportunities, active, accepted, stages,
                               last_touch, next_due, planned_on, ends, promises)
VALUES (:account_id, :opportunities, :active, :accepted, :stages, :last_touch, :next_due,
        :planned_on, CAST(:ends AS date[]), CAST(:promises AS date[]))
ON CONFLICT (account_id) DO UPDATE SET
    opportunities = EXCLUDED.opportunities, active = EXCLUDED.active,
    accepted = EXCLUDED.accepted, stages = EXCLUDED.stages,
    last_touch = EXCLUDED.last_touch, next_due = EXCLUDED.next_due,
    planned_on = EXCLUDED.planned_on, ends = EXCLUDED.ends, promises = EXCLUDED.promises
"""


def _day(value: date | datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def write_cards(conn: Connection, account: int, cards: Sequence[Card]) -> None:
    """Replace the account's cards (the opportunities are found by their slugs) and their
    sum (`caseload_students`): two statements whatever their number (the nightly plan
    writes every account's), the cards and the sum in one of them."""
    import json

    from sqlalchemy import text

    conn.execute(text("DELETE FROM caseload_cards WHERE account_id = :account"),
                 {"account": account})
    rows = [{"slug": x.opportunity, "status": x.status, "stage": x.stage,
             "next_kind": x.next_kind, "next_due": _day(x.next_due),
             "next_end": _day(x.next_end), "promised_by": _day(x.promised_by),
             "last_touch": _day(x.last_touch), "planned_on": _day(x.planned_on)}
            for x in cards]
    conn.execute(text(_WRITE), {"account": account, "cards": json.dumps(rows),
                                **summary_row(account, cards)})


def summary_row(account: int, cards: Sequence[Card]) -> dict[str, object]:
    """The `caseload_students` row of an account's cards (bench/centre_synth.py too)."""
    x = summary(cards)
    return {"account_id": account, "opportunities": x.opportunities, "active": x.active,
            "accepted": x.accepted, "stages": " ".join(sorted(x.stages)),
            "last_touch": x.last_touch, "next_due": x.next_due, "planned_on": x.planned_on,
            "ends": list(x.ends), "promises": list(x.promises)}


# -- coach notes ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Note:
    id: int
    author: str  # the author's name
    shared: bool
    body: str
    at: datetime


def add_note(conn: Connection, student: int, author: int, body: str, shared: bool,
             now: datetime) -> int:
    from sqlalchemy import insert

    from followup.store import schema as s

    done = conn.execute(insert(s.coach_notes).values(
        student_account_id=student, author_account_id=author, shared=shared, body=body,
        created_at=now).returning(s.coach_notes.c.id))
    return int(done.scalar_one())


def notes_about(conn: Connection, student: int) -> list[Note]:
    """The notes about `student` the caller's policies let them read, newest first."""
    from sqlalchemy import text

    rows = conn.execute(text(
        "SELECT n.id, u.name, n.shared, n.body, n.created_at FROM coach_notes n "
        "JOIN users u ON u.account_id = n.author_account_id "
        "WHERE n.student_account_id = :s ORDER BY n.created_at DESC, n.id DESC"),
        {"s": student}).all()
    return [Note(int(r[0]), r[1], bool(r[2]), r[3], r[4]) for r in rows]
