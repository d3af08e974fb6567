"""The coach's caseload and coach notes (issue 27), for the server's pages and its API.

What a caller reads is decided by PostgreSQL's policies on the request's transaction
(`service.centre.request`); these functions add the rest: a 404 for whoever is not a coach
holding the student's grant (a student and an admin included), and an audit entry in the
student's log for every read of their records by a coach.

The caseload reads `caseload_cards`, each opportunity's plan kept as derived data
(`refresh_cards`): rewritten whenever the account's records change through the server and
by the nightly plan, so the page is one SQL statement for all of a coach's students. The
student's own page plans their cases afresh, as the desktop does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from followup.core.caseload import REASONS, Standing, card, headline, reasons
from followup.core.errors import UsageError
from followup.service.centre import Caller, NotVisible

if TYPE_CHECKING:
    from followup.service.planning import Card
    from followup.service.snapshot import Snapshot
    from followup.store import Store
    from followup.store.caseload import Note

__all__ = ["NOTE_LIMIT", "REASONS", "Student", "StudentFile", "add_note", "caseload",
           "caseload_rows", "import_case", "my_notes", "notes_for", "refresh_cards",
           "student_file"]

NOTE_LIMIT = 4000  # characters: a note is a few paragraphs, not a file


def refresh_cards(store: Store, today: date, *, snapshot: Snapshot | None = None) -> int:
    """Plan the store's account and keep its caseload cards (the nightly plan calls this
    for every account, with the `snapshot` it planned; the server after every write). The
    number of cards kept."""
    from followup.service.contexts import Context
    from followup.service.planning import opportunities
    from followup.store.caseload import write_cards

    cards = [card(c.case, c.plan, c.next, today)
             for c in opportunities(Context(store, today), snapshot=snapshot)]
    with store.writing() as conn:
        write_cards(conn, store.account_id(conn), cards)
    return len(cards)


@dataclass(frozen=True)
class Student:
    """One row of the caseload page."""

    account: int
    name: str
    email: str
    standing: Standing
    stage: str
    reasons: tuple[str, ...]  # rule ids (core.caseload.REASONS); empty: all in order

    def to_dict(self) -> dict[str, Any]:
        """CONTRACT.md's `GET /api/v1/caseload` entry."""
        due = self.standing.next_due
        return {"account": self.account, "name": self.name,
                "opportunities": self.standing.opportunities, "overdue": self.standing.overdue,
                "next_due": due.isoformat() if due is not None else None}


def _coach_only(caller: Caller) -> None:
    if caller.user.role != "coach":
        raise NotVisible("the caseload is a coach's page")


def caseload_rows(caller: Caller, today: date, *, attention: bool = False) -> list[Student]:
    """A coach's granted students (all, or those needing attention), each read audited.

    One statement reads them all; one more writes the audit entries."""
    from followup.store.caseload import audit_caseload, students

    _coach_only(caller)
    me = caller.user
    found = [Student(r.account, r.name, r.email, r.standing, headline(r.standing),
                     reasons(r.standing))
             for r in students(caller.conn, me.account_id, today)]
    audit_caseload(caller.conn, me.account_id, me.email, "read caseload summary", caller.now)
    return [s for s in found if s.reasons] if attention else found


def caseload(caller: Caller, today: date) -> list[dict[str, Any]]:
    """GET /api/v1/caseload: a coach's granted students (CONTRACT.md's entries), each read
    logged in their audit; empty for anyone else."""
    if caller.user.role != "coach":
        return []
    return [s.to_dict() for s in caseload_rows(caller, today)]


def import_case(caller: Caller, text: str) -> list[str]:
    """POST /api/v1/cases: `centre.import_case`, then the account's caseload cards."""
    from followup.service.centre import import_case as imported

    ids = imported(caller, text)
    refresh_cards(caller.store(), caller.now.date())  # the cards follow every write
    return ids


@dataclass(frozen=True)
class StudentFile:
    """One student as their coach sees them: their opportunities planned today (each with
    its timeline), and the caller's notes about them."""

    account: int
    name: str
    email: str
    cards: list[Card]
    notes: list[Note]


def _granted(caller: Caller, account: int) -> tuple[int, str, str]:
    from followup.store.centre import granted_students

    _coach_only(caller)
    for student in granted_students(caller.conn, caller.user.account_id):
        if student[0] == account:
            return student
    raise NotVisible(f"no student {account} in your caseload")


def student_file(caller: Caller, account: int, today: date) -> StudentFile:
    """The student's page for a coach holding their grant (404 for anyone else); the read
    lands in the student's audit log."""
    from followup.service.contexts import Context
    from followup.service.planning import opportunities
    from followup.store.caseload import notes_about
    from followup.store.centre import audit

    _id, name, email = _granted(caller, account)
    cards = opportunities(Context(caller.store(email), today))
    notes = notes_about(caller.conn, account)
    audit(caller.conn, account, caller.user, "read timeline", caller.now)
    return StudentFile(account, name, email, cards, notes)


def add_note(caller: Caller, account: int, body: str, *, shared: bool) -> int:
    """A coach's note about a student they hold the grant of; private unless `shared`."""
    from followup.core.limits import line_ends
    from followup.store.caseload import add_note as insert

    _granted(caller, account)
    text = line_ends(body).strip()
    if not text:
        raise UsageError("note: write something first")
    if len(text) > NOTE_LIMIT:
        raise UsageError(f"note: {len(text)} characters, at most {NOTE_LIMIT}")
    return insert(caller.conn, account, caller.user.account_id, text, shared, caller.now)


def notes_for(caller: Caller, account: int) -> list[Note]:
    """The caller's notes about a student they hold the grant of (404 for anyone else)."""
    from followup.store.caseload import notes_about

    _granted(caller, account)
    return notes_about(caller.conn, account)


def my_notes(caller: Caller) -> list[Note]:
    """A student's view: the notes their coaches shared with them (the policies hide the
    rest)."""
    from followup.store.caseload import notes_about

    return notes_about(caller.conn, caller.user.account_id)
