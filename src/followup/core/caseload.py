"""The coach's caseload, decided: what each opportunity contributes, and who needs attention.

Pure. An opportunity becomes a `Card` (its planner stage, its next step's due and last days,
the promised date that stands, the last touch), kept as derived data; a student's cards are
summed into a `Standing` (counts and dates) by one SQL statement per page; `reasons` says
why a student needs attention, with the rule ids a coach can look up:

- `caseload.overdue`: a planned step is past its last day (the planner's `overdue` state,
  RULEBOOK "The ladder"): a thank-you, a check-in or a final message that should have gone.
- `caseload.promise-passed`: the date they named has passed (`timing.promised-date`) on an
  open opportunity and nothing was sent or heard since that day.
- `pipeline.one-basket`: fewer than MIN_ACTIVE opportunities are active, and no offer has
  been accepted (the search goes on with too few irons in the fire).

A student's cards are also kept summed, whatever the day (`Summary`, one row per student,
written with the cards): only the overdue and promise counts depend on the day, so the
summary keeps the dates they are counted from and `standing_on` reads them on any day,
the same `Standing` as summing the cards (a property test holds the two together). The
page lists students by need (`need_order`, rule id `caseload.by-need`), a page at a time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from followup.core.model import Case, Status
from followup.core.planner import MIN_ACTIVE, Action, Plan, Stage

ACTIVE_STAGES = (Stage.APPLIED.value, Stage.INTERVIEWING.value, Stage.WAITING.value)

# Why a student needs attention: the rule id -> what a coach reads beside the name.
REASONS: dict[str, str] = {
    "caseload.overdue": "a planned step is overdue",
    "caseload.promise-passed": "a promised date passed with no contact since",
    "pipeline.one-basket": f"fewer than {MIN_ACTIVE} active opportunities",
}

# The student's stage at a glance: the furthest along of their opportunities, an offer
# in hand first (an `offer` is closed for the planner, but it is what a coach asks about).
HEADLINE = ("offer", "accepted", Stage.INTERVIEWING.value, Stage.WAITING.value,
            Stage.APPLIED.value, Stage.DORMANT.value, Stage.CLOSED.value)


@dataclass(frozen=True, slots=True)
class Card:
    """One opportunity as the caseload keeps it (the `caseload_cards` row)."""

    opportunity: str
    status: str
    stage: str
    next_kind: str | None
    next_due: date | None
    next_end: date | None  # the step's `latest`, else its `due`: overdue the day after
    promised_by: date | None
    last_touch: datetime | None
    planned_on: date


def card(case: Case, plan: Plan, step: Action | None, today: date) -> Card:
    """`step`: the opportunity's next step as the board shows it (the first not snoozed)."""
    last = max((t.at for t in case.touches if t.at.date() <= today), default=None)
    promise = case.standing_promise(today)
    return Card(
        opportunity=case.opportunity.id, status=case.opportunity.status.value,
        stage=plan.stage.value,
        next_kind=step.kind.value if step is not None else None,
        next_due=step.due if step is not None else None,
        next_end=(step.latest or step.due) if step is not None else None,
        promised_by=promise.by if promise is not None else None,
        last_touch=last, planned_on=today)


def overdue(c: Card, today: date) -> bool:
    """caseload.overdue: the step's last day is behind us (State.OVERDUE)."""
    return c.next_end is not None and c.next_end < today


def promise_passed(c: Card, today: date) -> bool:
    """caseload.promise-passed: an open opportunity whose promised date has passed, with no
    touch after that day."""
    return (c.stage in ACTIVE_STAGES and c.promised_by is not None and c.promised_by < today
            and (c.last_touch is None or c.last_touch.date() <= c.promised_by))


@dataclass(frozen=True, slots=True)
class Standing:
    """A student's cards summed (what the caseload statement returns for each)."""

    opportunities: int
    active: int
    overdue: int
    promises_passed: int
    accepted: bool
    stages: frozenset[str]  # the statuses `offer`/`accepted` and the planner stages present
    last_touch: datetime | None
    next_due: date | None
    planned_on: date | None  # the oldest card's planning day (None: no cards)


def standing(cards: Iterable[Card], today: date) -> Standing:
    """The reference the SQL statement is held to (tests compare the two)."""
    cs = list(cards)
    return Standing(
        opportunities=len(cs), active=sum(c.stage in ACTIVE_STAGES for c in cs),
        overdue=sum(overdue(c, today) for c in cs),
        promises_passed=sum(promise_passed(c, today) for c in cs),
        accepted=any(c.status == Status.ACCEPTED.value for c in cs),
        stages=frozenset({c.stage for c in cs} | {c.status for c in cs
                                                    if c.status in ("offer", "accepted")}),
        last_touch=max((c.last_touch for c in cs if c.last_touch is not None), default=None),
        next_due=min((c.next_due for c in cs if c.next_due is not None), default=None),
        planned_on=min((c.planned_on for c in cs), default=None))


@dataclass(frozen=True, slots=True)
class Summary:
    """A student's cards summed once, when they are written: a `Standing` on any day."""

    opportunities: int
    active: int
    accepted: bool
    stages: frozenset[str]
    last_touch: datetime | None
    next_due: date | None
    planned_on: date | None
    ends: tuple[date, ...]  # each next step's last day (overdue the day after), sorted
    promises: tuple[date, ...]  # each active card's promised date with no touch after it


def summary(cards: Iterable[Card]) -> Summary:
    """What `standing` needs of the cards, with the day left out."""
    cs = list(cards)
    s = standing(cs, date.min)  # date.min: nothing is overdue, nothing has passed
    return Summary(
        opportunities=s.opportunities, active=s.active, accepted=s.accepted,
        stages=s.stages, last_touch=s.last_touch, next_due=s.next_due,
        planned_on=s.planned_on,
        ends=tuple(sorted(c.next_end for c in cs if c.next_end is not None)),
        promises=tuple(sorted(c.promised_by for c in cs
                              if c.promised_by is not None and promise_passed(c, date.max))))


def standing_on(s: Summary, today: date) -> Standing:
    """The summary read on `today`: equal to `standing(cards, today)` (property-tested)."""
    return Standing(
        opportunities=s.opportunities, active=s.active,
        overdue=sum(end < today for end in s.ends),
        promises_passed=sum(by < today for by in s.promises),
        accepted=s.accepted, stages=s.stages, last_touch=s.last_touch, next_due=s.next_due,
        planned_on=s.planned_on)


def needs_attention(s: Standing) -> bool:
    return bool(reasons(s))


def need_order(s: Standing, name: str, account: int) -> tuple[object, ...]:
    """caseload.by-need: the page's order. Who needs attention first, then the most
    overdue steps, the most promises passed, the soonest next step (none: last), then by
    name. The SQL statement sorts the same way (store.caseload; tests compare the two)."""
    return (not needs_attention(s), -s.overdue, -s.promises_passed,
            s.next_due is None, s.next_due or date.max, name, account)


def headline(s: Standing) -> str:
    """The student's stage in one word ("none" before their first opportunity)."""
    return next((stage for stage in HEADLINE if stage in s.stages), "none")


def reasons(s: Standing) -> tuple[str, ...]:
    """The rule ids that put the student on the "needs attention" list, in REASONS order."""
    found = []
    if s.overdue:
        found.append("caseload.overdue")
    if s.promises_passed:
        found.append("caseload.promise-passed")
    if s.active < MIN_ACTIVE and not s.accepted:
        found.append("pipeline.one-basket")
    return tuple(found)
