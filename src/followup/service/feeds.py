"""The plan as a calendar that stays in sync: the exported file and the subscription feed.

Both go through `plan_calendar`, which compares each event with what the last export said
(store.calendars) and gives a changed one the next SEQUENCE and a new LAST-MODIFIED. The
feed's address holds a random secret; only its SHA-256 is stored.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, time
from typing import TYPE_CHECKING

from followup.service.contexts import Context
from followup.service.planning import calendar_items
from followup.store import Store

if TYPE_CHECKING:
    pass

__all__ = ["PlanCalendar", "REMOVED", "feed_created", "feed_token_ok", "new_feed_token",
           "plan_calendar"]

REMOVED = "-"  # the fingerprint of an event that left the calendar


@dataclass(frozen=True, slots=True)
class PlanCalendar:
    data: bytes
    events: int
    last_modified: datetime  # UTC, whole seconds: the newest change to any event

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.data).hexdigest()[:32] + '"'


def plan_calendar(ctx: Context, *, now: datetime, remind_at: time = time(9, 0)
                  ) -> PlanCalendar:
    """The plan as iCalendar bytes, overdue actions on `today`; records what changed."""
    from followup.calendar import ical
    from followup.store.calendars import Published, published_events, save_published

    store, today = ctx.store, ctx.today
    now = now.astimezone(UTC).replace(microsecond=0)
    items = calendar_items(ctx)
    published = published_events(store)
    changed: dict[str, Published] = {}
    shown: set[str] = set()

    def revise(uid: str, fingerprint: str) -> tuple[int, datetime]:
        shown.add(uid)
        old = published.get(uid)
        if old is not None and old.fingerprint == fingerprint:
            return old.sequence, old.modified
        new = Published(fingerprint, 0 if old is None else old.sequence + 1, now)
        changed[uid] = new
        return new.sequence, new.modified

    data = ical.export_calendar(items, stamp=now, remind_at=remind_at, today=today,
                                revise=revise)
    for uid, old in published.items():
        if uid not in shown and old.fingerprint != REMOVED:  # done, or no longer planned
            changed[uid] = Published(REMOVED, old.sequence + 1, now)
    save_published(store, changed)
    every = [p.modified for p in (*published.values(), *changed.values())]
    return PlanCalendar(data, len(items), max(every, default=now))


# -- the subscription feed ----------------------------------------------------------------


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def new_feed_token(store: Store, *, now: datetime) -> str:
    """A fresh secret for the feed's address; the old address stops working."""
    from followup.store.calendars import save_feed_token_hash

    token = secrets.token_urlsafe(32)
    save_feed_token_hash(store, _hash(token), now)
    return token


def feed_created(store: Store) -> datetime | None:
    """When the current feed address was made, or None when there is none."""
    from followup.store.calendars import feed_token_hash

    found = feed_token_hash(store)
    return None if found is None else found[1]


def feed_token_ok(store: Store, token: str) -> bool:
    """Whether `token` is the feed's secret (compared in constant time)."""
    from followup.store.calendars import feed_token_hash

    found = feed_token_hash(store)
    if found is None or len(token) > 200:
        return False
    return hmac.compare_digest(_hash(token), found[0])
