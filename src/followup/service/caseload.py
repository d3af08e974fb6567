"""The coach's caseload and coach notes (issue 27), for the server's pages and its API.

What a caller reads is decided by PostgreSQL's policies on the request's transaction
(`service.centre.request`); these functions add the rest: a 404 for whoever is not a coach
holding the student's grant (a student and an admin included), and an audit entry in the
student's log for every read of their records by a coach.

The caseload reads `caseload_students`, each student's `caseload_cards` summed, kept as
derived data (`refresh_cards`): rewritten whenever the account's records change through the
server and by the nightly plan, so a page is one SQL statement over ~200 rows, a page of
PAGE_SIZE students by need. The student's own page plans their cases afresh, as the desktop
does.
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
    from followup.store.caseload import Note, StudentRow

__all__ = ["NOTE_LIMIT", "PAGE_SIZE", "REASONS", "CaseloadPage", "Student", "StudentFile",
           "add_note", "caseload", "caseload_page", "caseload_rows", "import_case", "my_notes",
           "notes_for", "page_number", "refresh_cards", "student_file"]

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


PAGE_SIZE = 50  # students a page: a coach reads the first few by need, rarely all 200
MAX_PAGE = 10_000


@dataclass(frozen=True)
class CaseloadPage:
    """One page of a coach's caseload, by need (`caseload.by-need`)."""

    students: list[Student]
    total: int  # every student the filter keeps, on all pages
    page: int  # from 1
    size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def first(self) -> int:
        """The position of the page's first student, from 1 (0 on an empty page)."""
        return (self.page - 1) * self.size + 1 if self.students else 0

    @property
    def last(self) -> int:
        return (self.page - 1) * self.size + len(self.students)


def page_number(text: str) -> int:
    """A `?page=` value: a whole number from 1 (UsageError, one line, otherwise)."""
    if not text:
        return 1
    if not text.isdigit() or not 1 <= int(text[:6]) <= MAX_PAGE:
        raise UsageError(f"page: a whole number from 1 to {MAX_PAGE}, not {text[:20]!r}")
    return int(text)


def caseload_page(caller: Caller, today: date, *, attention: bool = False, page: int = 1,
                  size: int = PAGE_SIZE) -> CaseloadPage:
    """A page of a coach's granted students, sorted by need (all, or those needing
    attention); the read of each student shown lands in their audit log. One statement
    reads the page and its count; one more writes the audit entries."""
    from followup.store.caseload import audit_reads, students

    _coach_only(caller)
    me = caller.user
    if not 1 <= page <= MAX_PAGE:
        raise UsageError(f"page: a whole number from 1 to {MAX_PAGE}")
    found = students(caller.conn, me.account_id, today, attention=attention, limit=size,
                     offset=(page - 1) * size)
    total = found.total
    if total is None:  # no row on this page: past the end (or nobody at all); count them
        total = 0 if page == 1 else students(caller.conn, me.account_id, today,
                                             attention=attention, limit=1).total or 0
    rows = [_student(r) for r in found.rows]
    audit_reads(caller.conn, [s.account for s in rows], me.account_id, me.email,
                "read caseload summary", caller.now)
    return CaseloadPage(rows, total, page, size)


def _student(r: StudentRow) -> Student:
    return Student(r.account, r.name, r.email, r.standing, headline(r.standing),
                   reasons(r.standing))


def caseload_rows(caller: Caller, today: date, *, attention: bool = False) -> list[Student]:
    """Every granted student of a coach (or those needing attention), by need; each read
    audited. One statement reads them all; one more writes the audit entries."""
    from followup.store.caseload import audit_reads, students

    _coach_only(caller)
    me = caller.user
    rows = [_student(r) for r in students(caller.conn, me.account_id, today,
                                          attention=attention).rows]
    audit_reads(caller.conn, [s.account for s in rows], me.account_id, me.email,
                "read caseload summary", caller.now)
    return rows


def caseload(caller: Caller, today: date) -> list[dict[str, Any]]:
    """GET /api/v1/caseload: a coach's granted students (CONTRACT.md's entries) by name,
    each read logged in their audit; empty for anyone else."""
    if caller.user.role != "coach":
        return []
    found = sorted(caseload_rows(caller, today), key=lambda s: (s.name, s.account))
    return [s.to_dict() for s in found]


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
