"""Every case and its plan, kept between requests until the database changes.

The plans themselves come from the stored plans (`health.kept_plans`): only the cases a
write touched since are planned again, so even a snapshot taken after a write costs the
loading, not the planning, of every case.

A web page that lists every opportunity (Today, Pipeline) would otherwise load and plan
them all on each request: 1,000 opportunities took 750 ms. `PlanCache` keeps one
`Snapshot` per (database generation, day, policies): `Store.generation()` moves on every
commit, this process's or another's (SQLite's `data_version`), so a write anywhere makes
the next request plan afresh, and only one thread plans at a time while the others wait for
its result.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from followup.core.model import Case, Persistence
from followup.store import Store

if TYPE_CHECKING:
    from followup.core.planner import Plan
    from followup.core.policy import Policy

__all__ = ["PlanCache", "Snapshot", "fresh", "take_snapshot"]


@dataclass(frozen=True)
class Snapshot:
    """The account as of one moment: cases and plans in id order, and the snoozes."""

    today: date
    cases: tuple[Case, ...]
    plans: tuple[Plan, ...]
    snoozes: Mapping[tuple[str, str, str | None], date]
    by_id: Mapping[str, int] = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # the records skipped as bad (service.health), said again
    # each plan's agenda lines (its actions' agenda sections), kept with the stored plan
    lines: tuple[tuple[str, ...], ...] = ()
    replanned: int = 0  # how many plans were made now, not read from the stored plans

    def find(self, ref: str) -> tuple[Case, Plan] | None:
        """The case with exactly this id (a prefix goes to the store, which resolves it)."""
        n = self.by_id.get(ref)
        return None if n is None else (self.cases[n], self.plans[n])


def take_snapshot(store: Store, today: date,
                  policies: Mapping[Persistence, Policy] | None = None) -> Snapshot:
    """Every case that can be planned and its plan; a bad record is skipped with a warning
    (`service.health.planned`), kept with the snapshot to be given on each use."""
    from followup.service.health import collecting, kept_plans
    from followup.store import gc_paused

    with collecting() as notes:  # rows the store could not read, then cases not plannable
        seen = store.data_version()  # before the read: a write after it is seen
        loaded = store.load_cases()
        snoozes = store.snoozes()
        with gc_paused():  # the stored plans where kept, planned where not (issue 24)
            kept = kept_plans(store, loaded, today, policies, seen)
    done = kept.planned
    cases = tuple(c for c, _ in done)
    return Snapshot(today, cases, tuple(p for _, p in done), snoozes,
                    {c.opportunity.id: n for n, c in enumerate(cases)}, tuple(notes),
                    tuple(kept.lines), kept.replanned)


def fresh(snapshot: Snapshot | None, store: Store, today: date,
          policies: Mapping[Persistence, Policy] | None = None) -> Snapshot:
    """`snapshot` if it is of `today`, else a new one; its warnings given again (a page
    collects them to show)."""
    from followup.service.health import warn

    if snapshot is None or snapshot.today != today:
        snapshot = take_snapshot(store, today, policies)
    for note in snapshot.notes:
        warn(note)
    return snapshot


def _policy_key(policies: Mapping[Persistence, Policy] | None) -> Any:
    if policies is None:
        return None
    return tuple(sorted((k.value, v) for k, v in policies.items()))


class PlanCache:
    """The latest snapshot per (generation, day, policies); a handful kept."""

    def __init__(self, keep: int = 4) -> None:
        self._keep = keep
        self._lock = threading.Lock()
        self._snapshots: dict[Any, Snapshot] = {}

    def peek(self, store: Store, today: date,
             policies: Mapping[Persistence, Policy] | None = None) -> Snapshot | None:
        """The snapshot if one is current, without planning (one opportunity's page plans
        only that one rather than every case after a write)."""
        return self._snapshots.get((store.generation(), today, _policy_key(policies)))

    def get(self, store: Store, today: date,
            policies: Mapping[Persistence, Policy] | None = None) -> Snapshot:
        """The current snapshot; its warnings given again on every use (each page shows
        them, not only the first one after a write)."""
        from followup.service.health import warn

        found = self._get(store, today, policies)
        for note in found.notes:
            warn(note)
        return found

    def _get(self, store: Store, today: date,
             policies: Mapping[Persistence, Policy] | None) -> Snapshot:
        key = (store.generation(), today, _policy_key(policies))
        found = self._snapshots.get(key)
        if found is not None:
            return found
        with self._lock:  # one planner at a time; the others find its result
            key = (store.generation(), today, _policy_key(policies))
            found = self._snapshots.get(key)
            if found is None:
                found = take_snapshot(store, today, policies)
                if len(self._snapshots) >= self._keep:
                    self._snapshots.pop(next(iter(self._snapshots)))
                self._snapshots[key] = found
            return found
