"""The mailbox's tables (0007): how far each folder was read, every Message-ID we wrote or
read, and the review queue. One account's rows only, like everything in the store.

`save_batch` is the sync's one write: the touches, the review items, the Message-IDs and the
folder's new last UID go in one transaction, so a sync killed at any point either kept a
batch whole or not at all, and the next sync redoes exactly what was lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from followup.core.errors import FollowupError, NotFoundError
from followup.core.model import Direction, Touch

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from followup.store import Store


@dataclass(frozen=True, slots=True)
class Written:
    """A Message-ID we wrote or read, and where it belongs."""

    message_id: str
    origin: str  # draft | send | sync
    outcome: str
    opportunity: str | None
    person: str | None
    kind: str | None


@dataclass(frozen=True, slots=True)
class Review:
    """One item of the review queue (`followup inbox`)."""

    id: int
    message_id: str
    state: str  # waiting | accepted | ignored
    reason: str
    at: datetime
    direction: Direction
    sender_name: str | None
    sender_email: str | None
    subject: str | None
    excerpt: str | None
    opportunity: str | None
    person: str | None
    kind: str  # a touch kind, or `snooze`
    new_by: date | None
    status: str | None
    snooze_until: date | None
    new_address: str | None = None  # an address the person wrote from, to record


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the sync decided for one message: a touch to log, an item to queue, or neither."""

    message_id: str
    outcome: str  # logged | queued | skipped | unrelated
    opportunity: str | None = None
    person: str | None = None
    kind: str | None = None
    touch: Touch | None = None
    review: dict[str, Any] | None = None
    # the mail log (`followup mail log`): what was read, and why this decision
    at: datetime | None = None
    sender: str | None = None
    subject: str | None = None
    cls: str | None = None
    named_date: date | None = None
    reason: str | None = None

    @property
    def decision(self) -> str:
        """CONTRACT.md's decision: logged, queued, or skipped (unrelated included)."""
        return self.outcome if self.outcome in ("logged", "queued") else "skipped"


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One message the sync read, as `followup mail log` shows it."""

    message_id: str
    at: datetime | None
    sender: str | None
    subject: str | None
    cls: str | None
    opportunity: str | None
    person: str | None
    named_date: date | None
    decision: str | None
    reason: str | None


def folder_state(store: Store, folder: str) -> tuple[int, int] | None:
    """(UIDVALIDITY, last UID read) of a folder, None before its first sync."""
    from sqlalchemy import select

    from followup.store import schema as s

    f = s.mail_folders
    with store.reading() as conn:
        row = conn.execute(select(f.c.uidvalidity, f.c.last_uid).where(
            f.c.account_id == store.account_id(conn), f.c.folder == folder)).first()
    return None if row is None else (int(row[0]), int(row[1]))


def messages(store: Store) -> dict[str, Written]:
    from sqlalchemy import select

    from followup.store import schema as s

    m = s.mail_messages
    with store.reading() as conn:
        rows = conn.execute(select(m.c.message_id, m.c.origin, m.c.outcome, m.c.opportunity,
                                   m.c.person, m.c.kind)
                            .where(m.c.account_id == store.account_id(conn))).all()
    return {r[0]: Written(*r) for r in rows}


def remember_written(store: Store, message_id: str, *, origin: str, opportunity: str,
                     person: str | None, kind: str | None) -> None:
    """Record a Message-ID we put on a draft or a sent message, so a reply to it is matched
    by its thread. A second draft never reuses an id (make_msgid), so a clash is a no-op."""
    from sqlalchemy import insert, select

    from followup.store import schema as s

    m = s.mail_messages
    with store.writing() as conn:
        acc = store.account_id(conn)
        if conn.execute(select(m.c.id).where(m.c.account_id == acc,
                                             m.c.message_id == message_id)).first():
            return
        conn.execute(insert(m).values(account_id=acc, message_id=message_id, origin=origin,
                                      outcome="written", opportunity=opportunity,
                                      person=person, kind=kind, created_at=store.clock()))


def _person_pk(conn: Connection, opp_pk: int, person: str | None) -> int | None:
    from sqlalchemy import select

    from followup.store import schema as s

    if person is None:
        return None
    pid = conn.execute(select(s.people.c.id).where(s.people.c.opportunity_id == opp_pk,
                                                   s.people.c.slug == person)).scalar()
    return None if pid is None else int(pid)


def _log_touch(store: Store, conn: Connection, slug: str, touch: Touch) -> None:
    """Insert the touch, or give its Message-ID to the same touch typed by hand earlier
    (same person, same day, same direction, by email, without a Message-ID yet)."""
    from sqlalchemy import insert, select, update

    from followup.store import schema as s
    from followup.store.plans import forget

    t = s.touches
    opp_pk, _ = store.resolve(conn, slug)
    forget(conn, store.account_id(conn), [slug])  # its stored plan goes with this write
    person_pk = _person_pk(conn, opp_pk, touch.person)
    same = conn.execute(select(t.c.id, t.c.at, t.c.person_id).where(
        t.c.opportunity_id == opp_pk, t.c.direction == touch.direction.value,
        t.c.channel == touch.channel.value, t.c.message_id.is_(None)).order_by(t.c.id)).all()
    for tid, at, pid in same:
        at = at if isinstance(at, datetime) else datetime.fromisoformat(str(at))
        if at.date() == touch.at.date() and (pid == person_pk or pid is None
                                             or person_pk is None):
            conn.execute(update(t).where(t.c.id == tid).values(message_id=touch.message_id))
            return
    store.check_message_ids(conn, [touch.message_id])
    from followup.store.rows import touch_row

    row = touch_row(opp_pk, replace(touch, person=None), {})
    row["person_id"] = person_pk
    conn.execute(insert(t).values(row))
    # into the change log, as `add_touch` does, so `followup undo` can take it back
    from followup.core.describe import logged_words

    who = "" if person_pk is None else str(conn.execute(
        select(s.people.c.name).where(s.people.c.id == person_pk)).scalar() or "")
    company = str(conn.execute(select(s.opportunities.c.company)
                               .where(s.opportunities.c.id == opp_pk)).scalar_one())
    store._note_touches(conn, slug, [touch], logged_words([(touch, who)], company))


def save_batch(store: Store, folder: str, uidvalidity: int, last_uid: int,
               outcomes: Sequence[Outcome]) -> None:
    """One transaction: every outcome of a batch and the folder's new position."""
    from sqlalchemy import insert, select, update

    from followup.store import schema as s

    m, f, r = s.mail_messages, s.mail_folders, s.mail_reviews
    now = store.clock()
    with store.writing() as conn:
        acc = store.account_id(conn)
        ids = [o.message_id for o in outcomes]
        existing: dict[str, tuple[int, str]] = {}
        for start in range(0, len(ids), 500):
            existing.update((row[0], (row[1], row[2])) for row in conn.execute(
                select(m.c.message_id, m.c.id, m.c.outcome).where(
                    m.c.account_id == acc, m.c.message_id.in_(ids[start:start + 500]))))
        new_rows: list[dict[str, Any]] = []
        review_rows: list[dict[str, Any]] = []
        for o in outcomes:
            known = existing.get(o.message_id)
            if known is not None and known[1] != "written":
                continue  # read before (another folder, a UIDVALIDITY reset): once only
            if o.touch is not None and o.opportunity is not None:
                _log_touch(store, conn, o.opportunity, o.touch)
            if o.review is not None:
                review_rows.append({"account_id": acc, "message_id": o.message_id,
                                    "state": "waiting", "created_at": now, **o.review})
            values = {"outcome": o.outcome, "opportunity": o.opportunity,
                      "person": o.person, "kind": o.kind, "at": o.at, "sender": o.sender,
                      "subject": o.subject, "mail_class": o.cls, "named_date": o.named_date,
                      "decision": o.decision, "reason": o.reason}
            if known is not None:
                conn.execute(update(m).where(m.c.id == known[0]).values(**values))
            else:
                new_rows.append({"account_id": acc, "message_id": o.message_id,
                                 "origin": "sync", "created_at": now, **values})
            existing[o.message_id] = (-1, o.outcome)
        if new_rows:
            conn.execute(insert(m), new_rows)
        if review_rows:
            keys = {k for row in review_rows for k in row}
            conn.execute(insert(r), [{k: row.get(k) for k in keys} for row in review_rows])
        found = conn.execute(select(f.c.id).where(f.c.account_id == acc,
                                                  f.c.folder == folder)).scalar()
        if found is None:
            conn.execute(insert(f).values(account_id=acc, folder=folder,
                                          uidvalidity=uidvalidity, last_uid=last_uid,
                                          updated_at=now))
        else:
            conn.execute(update(f).where(f.c.id == found).values(
                uidvalidity=uidvalidity, last_uid=last_uid, updated_at=now))


def log(store: Store, limit: int | None = None) -> list[LogEntry]:
    """Every message the sync read (not the ids we only wrote), newest first."""
    from sqlalchemy import select

    from followup.store import schema as s

    m = s.mail_messages
    with store.reading() as conn:
        query = select(m.c.message_id, m.c.at, m.c.sender, m.c.subject, m.c.mail_class,
                       m.c.opportunity, m.c.person, m.c.named_date, m.c.decision, m.c.reason
                       ).where(m.c.account_id == store.account_id(conn),
                               m.c.outcome != "written").order_by(
            m.c.at.is_(None), m.c.at.desc(), m.c.id.desc())
        if limit is not None:
            query = query.limit(limit)
        rows = conn.execute(query).all()
    out = []
    for r in rows:
        at = r.at if isinstance(r.at, datetime) or r.at is None else datetime.fromisoformat(r.at)
        day = r.named_date if isinstance(r.named_date, date) or r.named_date is None \
            else date.fromisoformat(r.named_date)
        out.append(LogEntry(r.message_id, at, r.sender, r.subject, r.mail_class, r.opportunity,
                            r.person, day, r.decision, r.reason))
    return out


_REVIEW_COLUMNS = ("id", "message_id", "state", "reason", "at", "direction", "sender_name",
                   "sender_email", "subject", "excerpt", "opportunity", "person", "kind",
                   "new_by", "status", "snooze_until", "new_address")


def _review(row: Any) -> Review:
    values = dict(zip(_REVIEW_COLUMNS, row, strict=True))
    values["direction"] = Direction(values["direction"])
    for key in ("new_by", "snooze_until"):
        if isinstance(values[key], str):
            values[key] = date.fromisoformat(values[key])
    return Review(**values)


def reviews(store: Store, state: str | None = "waiting") -> list[Review]:
    from sqlalchemy import select

    from followup.store import schema as s

    r = s.mail_reviews
    with store.reading() as conn:
        query = select(*(r.c[c] for c in _REVIEW_COLUMNS)).where(
            r.c.account_id == store.account_id(conn))
        if state is not None:
            query = query.where(r.c.state == state)
        return [_review(row) for row in conn.execute(query.order_by(r.c.at, r.c.id)).all()]


def review(store: Store, number: int) -> Review:
    from sqlalchemy import select

    from followup.store import schema as s

    r = s.mail_reviews
    with store.reading() as conn:
        row = conn.execute(select(*(r.c[c] for c in _REVIEW_COLUMNS)).where(
            r.c.account_id == store.account_id(conn), r.c.id == number)).first()
    if row is None:
        raise NotFoundError(f"inbox: no item {number} (followup inbox lists them)")
    return _review(row)


def decide(store: Store, number: int, state: str, *, touch: Touch | None = None,
           opportunity: str | None = None, new_by: date | None = None) -> None:
    """Mark an item accepted or ignored, logging its touch (or dating the touch already
    logged) in the same transaction: accepting twice logs nothing twice."""
    from sqlalchemy import select, update

    from followup.store import schema as s

    r, m, t, o = s.mail_reviews, s.mail_messages, s.touches, s.opportunities
    with store.writing() as conn:
        acc = store.account_id(conn)
        current = conn.execute(select(r.c.state, r.c.message_id).where(
            r.c.account_id == acc, r.c.id == number)).first()
        if current is None:
            raise NotFoundError(f"inbox: no item {number}")
        if current.state != "waiting":
            raise FollowupError(f"inbox: item {number} is already {current.state}")
        logged = conn.execute(select(t.c.id).join(o, o.c.id == t.c.opportunity_id).where(
            o.c.account_id == acc, t.c.message_id == current.message_id)).scalar()
        if logged is not None:
            if new_by is not None:
                from followup.store.plans import forget

                conn.execute(update(t).where(t.c.id == logged).values(new_by=new_by))
                forget(conn, acc, conn.execute(select(o.c.slug).join(
                    t, t.c.opportunity_id == o.c.id).where(t.c.id == logged)).scalars())
        elif touch is not None and opportunity is not None:
            _log_touch(store, conn, opportunity, touch)
        conn.execute(update(r).where(r.c.id == number).values(state=state))
        if state == "accepted":
            conn.execute(update(m).where(m.c.account_id == acc,
                                         m.c.message_id == current.message_id)
                         .values(outcome="logged" if touch or logged else "accepted",
                                 opportunity=opportunity))
