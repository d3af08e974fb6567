"""The change log (table `changes`, 0006): each user-visible write, in words, with the
state before it, so the last change can be shown and then undone.

A change holds, for each opportunity it touched, the case as it was (a case file, or null
when the change created it), its snoozes and its created-at; a profile change holds the
profile as it was. Undoing restores those in one transaction. The fingerprint of the state
the change left (`after`) guards the undo: if something wrote outside the log since, the
undo is refused rather than silently dropping that write.

Called by `Store` inside its own write transactions, so a change and its log row commit
together.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from followup.errors import FollowupError, NotFoundError

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from followup.model import Candidate, Case

KEEP = 500  # changes kept per account; older ones can no longer be undone


class UndoError(FollowupError):
    """The last change can't be undone (nothing to undo, or changed since)."""


@dataclass(frozen=True, slots=True)
class Change:
    """One entry of the change log, as `followup undo` and the web's toast show it."""

    id: int
    at: datetime
    what: str
    undone_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Before:
    """One opportunity as it was before a change: `slug_now` is its id after the change
    (None when the change deleted it), `case` None when the change created it."""

    slug_now: str | None
    case: Case | None
    snoozes: tuple[tuple[str, str | None, date], ...] = ()
    created_at: datetime | None = None


def fingerprint(cases: Sequence[Case | None], candidate: Candidate | None = None) -> str:
    from followup.caseio import to_dict

    data = [None if c is None else _without_candidate(to_dict(c)) for c in cases]
    extra = None if candidate is None else _candidate_dict(candidate)
    text = json.dumps([data, extra], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _without_candidate(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if k != "candidate"}


def _candidate_dict(c: Candidate) -> dict[str, Any]:
    return {"name": c.name, "email": c.email, "phone": c.phone, "country": c.country,
            "timezone": c.timezone, "values": list(c.values)}


def encode(befores: Sequence[Before], candidate: Candidate | None = None) -> str:
    from followup.caseio import to_dict

    return json.dumps({
        "opportunities": [{
            "slug_now": b.slug_now,
            "case": None if b.case is None else to_dict(b.case),
            "snoozes": [[k, p, u.isoformat()] for k, p, u in b.snoozes],
            "created_at": b.created_at.isoformat() if b.created_at else None,
        } for b in befores],
        "candidate": None if candidate is None else _candidate_dict(candidate),
    }, ensure_ascii=False)


def decode(text: str) -> tuple[list[Before], Candidate | None]:
    from followup.caseio import from_dict
    from followup.model import Candidate

    data = json.loads(text)
    befores = [Before(
        o["slug_now"], None if o["case"] is None else from_dict(o["case"]),
        tuple((k, p, date.fromisoformat(u)) for k, p, u in o["snoozes"]),
        datetime.fromisoformat(o["created_at"]) if o["created_at"] else None,
    ) for o in data["opportunities"]]
    c = data.get("candidate")
    candidate = None if c is None else Candidate(
        name=c["name"], email=c["email"], phone=c["phone"], country=c["country"],
        timezone=c["timezone"], values=tuple(c["values"]))
    return befores, candidate


def record(conn: Connection, acc: int, what: str, befores: Sequence[Before],
           after: str, candidate: Candidate | None = None) -> int:
    """Append one change (and forget the oldest beyond `KEEP`); its id."""
    from sqlalchemy import delete, insert, select

    from followup.store import schema as s

    ch = s.changes
    key = conn.execute(insert(ch).values(
        account_id=acc, at=datetime.now().replace(microsecond=0), what=what,
        undo=encode(befores, candidate), after=after,
    )).inserted_primary_key
    assert key is not None
    new_id = int(key[0])
    if new_id % 50 == 0:  # prune now and then, not on every write
        cutoff = conn.execute(
            select(ch.c.id).where(ch.c.account_id == acc).order_by(ch.c.id.desc())
            .offset(KEEP).limit(1)).scalar()
        if cutoff is not None:
            conn.execute(delete(ch).where(ch.c.account_id == acc, ch.c.id <= cutoff))
    return new_id


def last(conn: Connection, acc: int) -> tuple[Change, str, str] | None:
    """The latest change not undone yet, with its undo data and fingerprint."""
    from sqlalchemy import select

    from followup.store import schema as s

    ch = s.changes
    row = conn.execute(
        select(ch.c.id, ch.c.at, ch.c.what, ch.c.undo, ch.c.after)
        .where(ch.c.account_id == acc, ch.c.undone_at.is_(None))
        .order_by(ch.c.id.desc()).limit(1)).first()
    if row is None:
        return None
    return Change(int(row.id), row.at, row.what), row.undo, row.after


def get(conn: Connection, acc: int, change_id: int) -> Change:
    from sqlalchemy import select

    from followup.store import schema as s

    ch = s.changes
    row = conn.execute(select(ch.c.id, ch.c.at, ch.c.what, ch.c.undone_at)
                       .where(ch.c.account_id == acc, ch.c.id == change_id)).first()
    if row is None:
        raise NotFoundError(f"no change {change_id} in the change log")
    return Change(int(row.id), row.at, row.what, row.undone_at)


def mark_undone(conn: Connection, change_id: int) -> None:
    from sqlalchemy import update

    from followup.store import schema as s

    conn.execute(update(s.changes).where(s.changes.c.id == change_id)
                 .values(undone_at=datetime.now().replace(microsecond=0)))
