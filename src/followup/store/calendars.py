"""The calendar state kept beside the cases (0005): invite revisions, what the exported
calendar last said, and the feed secret's hash. Functions on a `Store`, one transaction each.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from followup.store import Store


@dataclass(frozen=True, slots=True)
class Revision:
    """The newest copy of one invite imported so far."""

    sequence: int
    stamp: datetime | None  # UTC, aware
    method: str


@dataclass(frozen=True, slots=True)
class Published:
    """What the exported calendar last said about one event."""

    fingerprint: str
    sequence: int
    modified: datetime  # UTC, aware


def _naive_utc(moment: datetime | None) -> datetime | None:
    return None if moment is None else moment.astimezone(UTC).replace(tzinfo=None)


def _aware(moment: datetime | None) -> datetime | None:
    return None if moment is None else moment.replace(tzinfo=UTC)


def invite_revision(store: Store, uid: str) -> Revision | None:
    from sqlalchemy import select

    from followup.store import schema as s

    t = s.invite_revisions
    with store.reading() as conn:
        row = conn.execute(select(t.c.sequence, t.c.stamp, t.c.method).where(
            t.c.account_id == store.account_id(conn), t.c.uid == uid)).first()
    return None if row is None else Revision(int(row[0]), _aware(row[1]), str(row[2]))


def save_invite_revision(store: Store, uid: str, revision: Revision) -> None:
    from sqlalchemy import delete, insert

    from followup.store import schema as s

    t = s.invite_revisions
    with store.writing() as conn:
        account = store.account_id(conn)
        conn.execute(delete(t).where(t.c.account_id == account, t.c.uid == uid))
        conn.execute(insert(t).values(account_id=account, uid=uid, sequence=revision.sequence,
                                      stamp=_naive_utc(revision.stamp),
                                      method=revision.method))


def published_events(store: Store) -> dict[str, Published]:
    from sqlalchemy import select

    from followup.store import schema as s

    t = s.calendar_events
    with store.reading() as conn:
        rows = conn.execute(select(t.c.uid, t.c.fingerprint, t.c.sequence, t.c.modified)
                            .where(t.c.account_id == store.account_id(conn))).all()
    return {str(r[0]): Published(str(r[1]), int(r[2]), r[3].replace(tzinfo=UTC))
            for r in rows}


def save_published(store: Store, changed: Mapping[str, Published]) -> None:
    """Record the events that are new or changed since the last export (the rest stay)."""
    if not changed:
        return
    from sqlalchemy import delete, insert

    from followup.store import schema as s

    t = s.calendar_events
    with store.writing() as conn:
        account = store.account_id(conn)
        uids = list(changed)
        for n in range(0, len(uids), 500):
            conn.execute(delete(t).where(t.c.account_id == account,
                                         t.c.uid.in_(uids[n:n + 500])))
        conn.execute(insert(t), [
            {"account_id": account, "uid": uid, "fingerprint": p.fingerprint,
             "sequence": p.sequence, "modified": _naive_utc(p.modified)}
            for uid, p in changed.items()])


def feed_token_hash(store: Store) -> tuple[str, datetime] | None:
    """The feed secret's SHA-256 (hex) and when it was made, or None before the first."""
    from sqlalchemy import select

    from followup.store import schema as s

    t = s.calendar_feeds
    with store.reading() as conn:
        row = conn.execute(select(t.c.token_hash, t.c.created_at)
                           .where(t.c.account_id == store.account_id(conn))).first()
    return None if row is None else (str(row[0]), row[1].replace(tzinfo=UTC))


def save_feed_token_hash(store: Store, token_hash: str, created: datetime) -> None:
    from sqlalchemy import delete, insert

    from followup.store import schema as s

    t = s.calendar_feeds
    with store.writing() as conn:
        account = store.account_id(conn)
        conn.execute(delete(t).where(t.c.account_id == account))
        conn.execute(insert(t).values(account_id=account, token_hash=token_hash,
                                      created_at=_naive_utc(created)))
