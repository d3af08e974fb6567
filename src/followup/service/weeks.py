"""The weeks ahead, day by day: the calendar page's use case (the feed carries the same
steps to a calendar app). Overdue steps are listed on today: that is when to do them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from followup.core.model import Case, Interview
from followup.core.planner import Action
from followup.service.planning import agenda
from followup.store import Store

if TYPE_CHECKING:
    from followup.core.model import Persistence
    from followup.core.policy import Policy
    from followup.service.snapshot import Snapshot

__all__ = ["WeekDay", "weeks_ahead"]


@dataclass(frozen=True, slots=True)
class WeekDay:
    day: date
    interviews: tuple[tuple[Case, Interview], ...]
    actions: tuple[tuple[Case, Action], ...]


def weeks_ahead(store: Store, today: date, *, weeks: int = 4,
                policies: Mapping[Persistence, Policy] | None = None,
                snapshot: Snapshot | None = None) -> list[WeekDay]:
    """Every day from `today` for `weeks` weeks with its interviews and planned steps (a
    step on the day it is due, an overdue one on today); days with nothing are kept, so a
    face can draw the weeks whole."""
    end = today + timedelta(days=7 * weeks - 1)
    from followup.service.contexts import Context

    found = agenda(Context(store, today, policies=policies), days=7 * weeks - 1,
                   snapshot=snapshot)
    steps: dict[date, list[tuple[Case, Action]]] = {}
    for case, action in found.items:
        on = max(action.due, today)
        if on <= end:
            steps.setdefault(on, []).append((case, action))
    meetings: dict[date, list[tuple[Case, Interview]]] = {}
    start = datetime.combine(today, datetime.min.time())
    cases = snapshot.cases if snapshot is not None else store.load_cases(active_only=True)
    for case in cases:
        if case.opportunity.status.is_closed:
            continue
        for interview in case.sorted_interviews():
            if start <= interview.at and interview.at.date() <= end:
                meetings.setdefault(interview.at.date(), []).append((case, interview))
    return [WeekDay(today + timedelta(days=n),
                    tuple(sorted(meetings.get(today + timedelta(days=n), []),
                                 key=lambda m: m[1].at)),
                    tuple(steps.get(today + timedelta(days=n), [])))
            for n in range(7 * weeks)]
