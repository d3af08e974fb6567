"""The caseload's SQL (PostgreSQL, on the request's connection, under its policies).

`students` is the caseload page: one statement for all of a coach's students, whatever
their number (the grants, the users and every student's `caseload_cards` summed), so the
page costs the same whether a coach holds 2 students or 200. `audit_caseload` records the
read in each student's audit log with one INSERT ... SELECT. What a row may be seen by is
the policies' business (store.centre): these queries add no filter of their own beyond
naming the coach, so a bug here cannot widen what a caller reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from followup.core.caseload import ACTIVE_STAGES, Card, Standing
from followup.core.planner import Stage

if TYPE_CHECKING:
    from sqlalchemy import Connection

_ACTIVE = ", ".join(f"'{s}'" for s in ACTIVE_STAGES)  # a fixed vocabulary, not user text

_STAGES = tuple(s.value for s in Stage)
_PER_STAGE = "".join(f"           count(*) FILTER (WHERE c.stage = '{s}') AS n_{s},\n"
                     for s in _STAGES)

# One row per student whose grant to :coach stands; the sums mirror core.caseload.standing.
# Driven from the coach's grants (ix_grants_coach); each student's cards summed on their
# own (LATERAL, by ix_caseload_cards_account_id), so only the students' rows are sorted.
STUDENTS = f"""
SELECT u.account_id, u.name, u.email, c.*
FROM (SELECT DISTINCT g.student_account_id FROM grants g
      WHERE g.coach_account_id = :coach AND g.ended_at IS NULL) AS mine
JOIN users u ON u.account_id = mine.student_account_id AND u.role = 'student'
CROSS JOIN LATERAL (
    SELECT count(*) AS opportunities,
           count(*) FILTER (WHERE c.stage IN ({_ACTIVE})) AS active,
           count(*) FILTER (WHERE c.next_end < :today) AS overdue,
           count(*) FILTER (
               WHERE c.stage IN ({_ACTIVE}) AND c.promised_by < :today
                 AND (c.last_touch IS NULL OR c.last_touch < c.promised_by + 1)) AS promises,
{_PER_STAGE}           count(*) FILTER (WHERE c.status = 'offer') AS n_offer,
           count(*) FILTER (WHERE c.status = 'accepted') AS n_accepted,
           max(c.last_touch) AS last_touch,
           min(c.next_due) AS next_due,
           min(c.planned_on) AS planned_on
    FROM caseload_cards c WHERE c.account_id = u.account_id) AS c
ORDER BY u.name, u.account_id
"""

AUDIT = """
INSERT INTO audit_events (account_id, actor_account_id, actor, action, at)
SELECT DISTINCT g.student_account_id, :coach, :actor, :action, :now
FROM grants g JOIN users u ON u.account_id = g.student_account_id AND u.role = 'student'
WHERE g.coach_account_id = :coach AND g.ended_at IS NULL
"""


@dataclass(frozen=True, slots=True)
class StudentRow:
    account: int
    name: str
    email: str
    standing: Standing


def students(conn: Connection, coach: int, today: date) -> list[StudentRow]:
    """Every student whose grant to `coach` stands, their cards summed: one statement."""
    from sqlalchemy import text

    out = []
    for r in conn.execute(text(STUDENTS), {"coach": coach, "today": today}):
        stages = {s for s in (*_STAGES, "offer", "accepted") if getattr(r, f"n_{s}")}
        out.append(StudentRow(int(r.account_id), r.name, r.email, Standing(
            opportunities=int(r.opportunities), active=int(r.active), overdue=int(r.overdue),
            promises_passed=int(r.promises), accepted=bool(r.n_accepted),
            stages=frozenset(stages), last_touch=r.last_touch, next_due=r.next_due,
            planned_on=r.planned_on)))
    return out


def audit_caseload(conn: Connection, coach: int, actor: str, action: str,
                   now: datetime) -> None:
    from sqlalchemy import text

    conn.execute(text(AUDIT), {"coach": coach, "actor": actor, "action": action, "now": now})


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


def _day(value: date | datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def write_cards(conn: Connection, account: int, cards: Sequence[Card]) -> None:
    """Replace the account's cards (the opportunities are found by their slugs): two
    statements whatever their number (the nightly plan writes every account's)."""
    import json

    from sqlalchemy import text

    conn.execute(text("DELETE FROM caseload_cards WHERE account_id = :account"),
                 {"account": account})
    if cards:
        rows = [{"slug": x.opportunity, "status": x.status, "stage": x.stage,
                 "next_kind": x.next_kind, "next_due": _day(x.next_due),
                 "next_end": _day(x.next_end), "promised_by": _day(x.promised_by),
                 "last_touch": _day(x.last_touch), "planned_on": _day(x.planned_on)}
                for x in cards]
        conn.execute(text(_INSERT_CARDS), {"account": account, "cards": json.dumps(rows)})


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
