"""What to do next, across opportunities: the agenda, `done`, snoozes, the pipeline board."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from followup.core.dates import say
from followup.core.errors import FollowupError, NotFoundError, UsageError
from followup.core.kinds import kind as kind_of
from followup.core.model import (
    Case,
    Channel,
    Direction,
    Persistence,
    Status,
    Touch,
)
from followup.core.planner import AGENDA_SECTIONS, agenda_section
from followup.service.contexts import Context
from followup.service.drafts import draft_for_action, message_kind
from followup.service.health import Unplannable, plannable, planned
from followup.service.insights import in_force
from followup.service.records import find_person, last_contact
from followup.service.snapshot import Snapshot, fresh
from followup.store import Store

if TYPE_CHECKING:
    from followup.calendar.ical import PlannedItem
    from followup.core.days import HolidaySource
    from followup.core.planner import Action, Pipeline, Plan
    from followup.core.policy import Policy

__all__ = ["AGENDA_SECTIONS", "Agenda", "BOARD_STAGES", "COMING_UP_DAYS", "Card", "Column",
           "SnoozePastDeadline", "action_badge", "agenda", "agenda_section", "calendar_items",
           "complete_action", "next_message", "opportunities", "pipeline_board",
           "plan_all", "plan_case", "plans", "snooze_action",
           "snooze_next", "snooze_warning", "snoozed_steps", "step_to_snooze"]



class SnoozePastDeadline(UsageError):
    """A snooze that would wake a step after its last day (its `latest`): said
    before it is taken; the faces ask, then call again with `past_deadline=True`."""


def snooze_warning(action: Action, until: date, today: date) -> str | None:
    """The one-line warning when snoozing `action` until `until` passes its `latest` (a
    thank-you, the letter, an application follow-up): the step would be overdue before it
    shows again. A step with no `latest` (check-ins, the final) has no last day to pass."""
    end = action.latest
    if end is None or until <= end:
        return None
    row = kind_of(action.kind.value)
    return (f"snoozing the {row.note if row.draftable else row.short} until {say(until, today)} "
            f"passes its last day ({say(end, today)}): it would be overdue when it shows again")


def snooze_action(store: Store, ref: str, *, kind: str, to: str | None, until: date,
                  today: date, past_deadline: bool = False,
                  policies: Mapping[Persistence, Policy] | None = None) -> str:
    """Hide a planned action from the agenda until `until` (a later day than `today`).

    A snooze past the step's last day raises `SnoozePastDeadline` unless `past_deadline`
    (the user was told and confirmed)."""
    if until <= today:
        raise UsageError(f"snooze: {say(until)} is not after today "
                         f"({say(today)})")
    if not past_deadline:
        _case, result = plan_case(Context(store, today, policies=policies), ref)
        for action in result.actions:
            if action.kind.value == kind and action.to == (to or None):
                warning = snooze_warning(action, until, today)
                if warning is not None:
                    raise SnoozePastDeadline(warning)
    return store.snooze(ref, kind, to or None, until)


def step_to_snooze(store: Store, ref: str, today: date, *, to: str | None = None,
                   policies: Mapping[Persistence, Policy] | None = None
                   ) -> tuple[Case, Action]:
    """The step `followup snooze ID` hides: the first due or overdue (for `to`), else the
    first planned."""
    from followup.core.planner import State

    case, result = plan_case(Context(store, today, policies=policies), ref)
    actions = list(result.actions)
    if to is not None:
        person = find_person(case, to, "--to")
        actions = [a for a in actions if a.to == person.id]
    if not actions:
        raise NotFoundError(f"{case.opportunity.id}: nothing planned"
                            + (f" for {to!r}" if to else ""))
    return case, next((a for a in actions if a.state is not State.UPCOMING), actions[0])


def snooze_next(ctx: Context, ref: str, until: date, *, to: str | None = None,
                past_deadline: bool = False) -> tuple[Case, Action]:
    """`followup snooze ID DATE`: hide the next planned action (for `to`) until `until`;
    `SnoozePastDeadline` when that passes its last day and `past_deadline` is not set."""
    store, today = ctx.store, ctx.today
    case, action = step_to_snooze(store, ref, today, to=to, policies=ctx.policies)
    if not past_deadline:
        warning = snooze_warning(action, until, today)
        if warning is not None:
            raise SnoozePastDeadline(warning)
    snooze_action(store, case.opportunity.id, kind=action.kind.value, to=action.to,
                  until=until, today=today, past_deadline=True)
    return case, action


def snoozed_steps(store: Store, ref: str, today: date, snapshot: Snapshot | None = None
                  ) -> dict[tuple[str, str | None], date]:
    """One opportunity's snoozes in force: (action kind, person id) -> the day it wakes."""
    sleeping = snapshot.snoozes if snapshot is not None else store.snoozes()
    return {(kind, person): until for (opp, kind, person), until in sleeping.items()
            if opp == ref and until > today}


def next_message(ctx: Context, ref: str, *, kind: str | None = None, to: str | None = None
                 ) -> tuple[Case, str, str]:
    """What `followup draft ID` writes when not told: the planner's next message.

    The first planned action that is a message (not `prepare` or `move_on`), for `to` when
    given; with nothing planned, a thank-you to the contact person.
    """
    from followup.core.planner import ActionKind

    case, planned_ = plan_case(ctx, ref)  # a bad record: one line
    wanted = find_person(case, to, "--to").id if to else None
    if kind is None:
        for action in planned_.actions:
            if action.kind in (ActionKind.PREPARE, ActionKind.MOVE_ON) or action.to is None:
                continue
            if wanted is None or action.to == wanted:
                kind = message_kind(action.kind.value,
                                    action.channel.value if action.channel else None)
                wanted = action.to
                break
    person = wanted or (case.contact.id if case.contact else None) or (
        case.people[0].id if case.people else None)
    if person is None:
        raise UsageError(f"{case.opportunity.id}: nobody to write to yet "
                         "(add someone: followup add person)")
    return case, kind or "thank_you", person

# -- planning --------------------------------------------------------------------------


@dataclass(frozen=True)
class Agenda:
    """`followup today`: what to do across all opportunities, and the pipeline's shape."""

    today: date
    horizon: date
    items: tuple[tuple[Case, Action], ...]  # doable by `horizon` (not_before <= it), by due
    plans: tuple[Plan, ...]  # every opportunity's plan, closed ones included
    pipeline: Pipeline
    snoozed: tuple[tuple[Case, Action, date], ...] = ()  # hidden until the date given
    # `items` by section (AGENDA_SECTIONS), each in due order: decided here, once, for
    # `followup today` and the web's Today page alike
    sections: Mapping[str, tuple[tuple[Case, Action], ...]] = field(default_factory=dict)


def plan_case(ctx: Context, ref: str, snapshot: Snapshot | None = None
              ) -> tuple[Case, Plan]:
    """One opportunity and its plan: refused with one line when it cannot be planned."""
    today = ctx.today
    found = snapshot.find(ref) if snapshot is not None and snapshot.today == today else None
    if found is not None:
        return found
    policies = in_force(ctx.store, today, ctx.policies)  # timing.learned: over every record
    case = ctx.store.load_case(ref)
    done = plannable(case, today, policies)
    if isinstance(done, Unplannable):
        raise FollowupError(f"{case.opportunity.id[:80]!r} cannot be planned: {done.problem} "
                            "(fix: followup doctor --fix)")
    return done


def plans(ctx: Context) -> tuple[list[Case], list[Plan]]:
    """`followup list`: every case that can be planned, with its plan (others skipped with
    a warning)."""
    snapshot = fresh(None, ctx.store, ctx.today, ctx.policies)  # the stored plans
    return list(snapshot.cases), list(snapshot.plans)


COMING_UP_DAYS = 7  # "Coming up" on both faces: `followup today`'s --days and the web's Today


def agenda(ctx: Context, *, days: int = 0, snapshot: Snapshot | None = None) -> Agenda:
    """Every action doable within `days` of `today`, overdue ones included, in due order.

    `snapshot`: the cases and plans already at hand (the web app's cache), else loaded."""
    from followup.core.limits import days_problem
    from followup.core.planner import pipeline_summary


    if problem := days_problem(days):
        raise UsageError(f"--days: {problem}")
    today = ctx.today
    horizon = today + timedelta(days=days)
    snapshot = fresh(snapshot, ctx.store, today, ctx.policies)
    cases, plans, sleeping = list(snapshot.cases), list(snapshot.plans), snapshot.snoozes
    lines = snapshot.lines or tuple(tuple(agenda_section(a, today) for a in p.actions)
                                    for p in plans)
    items: list[tuple[Case, Action, str]] = []
    snoozed = []
    for c, p, sections_of in zip(cases, plans, lines, strict=True):
        for a, section in zip(p.actions, sections_of, strict=True):
            until = sleeping.get((c.opportunity.id, a.kind.value, a.to))
            if until is not None and until > today:
                snoozed.append((c, a, until))
            elif a.not_before <= horizon:
                items.append((c, a, section))  # its agenda line, kept with the plan
    items.sort(key=lambda item: (item[1].due, item[0].opportunity.id))
    sections: dict[str, list[tuple[Case, Action]]] = {name: [] for name, _ in AGENDA_SECTIONS}
    for c, a, section in items:
        sections[section].append((c, a))
    return Agenda(today, horizon, tuple((c, a) for c, a, _ in items), tuple(plans),
                  pipeline_summary(plans), tuple(snoozed),
                  {k: tuple(v) for k, v in sections.items()})


def action_badge(action: Action, today: date) -> str:
    """The word on an action's card: its agenda section, except that a step that may be
    done already but is due later says `ready` (due state, coming-up section)."""
    from followup.core.planner import State

    section = agenda_section(action, today)
    return "ready" if section == "upcoming" and action.state is State.DUE else section


def plan_all(ctx: Context, *, workers: int = 1) -> list[Plan]:
    """Every opportunity's plan, in id order, on `workers` processes: a large account.

    Turning rows into cases is most of the work, so each worker opens the database itself,
    loads one contiguous part of the keys (`load_cases(part=(k, workers))`) and plans it;
    only the plans come back (100,000 cases on 2 cores: bench/results.md). One worker runs
    the same function in this process.
    """
    from followup.core.days import holiday_source

    store, today, policies = ctx.store, ctx.today, ctx.policies
    if workers < 1:
        raise UsageError(f"workers: must be 1 or more, not {workers}")
    policies = in_force(store, today, policies)  # each worker sees only its part
    if workers == 1:
        return _plan_part(store.url, store.account_name, today, policies, None,
                          holiday_source())
    from concurrent.futures import ProcessPoolExecutor

    from followup.store import gc_paused

    with ProcessPoolExecutor(workers) as pool:
        futures = [pool.submit(_plan_part, store.url, store.account_name, today, policies,
                               (k, workers), holiday_source()) for k in range(workers)]
        with gc_paused():  # unpickling builds many objects, none in a cycle
            return [p for f in futures for p in f.result()]


def _plan_part(url: str, account: str, today: date,
               policies: Mapping[Persistence, Policy] | None, part: tuple[int, int] | None,
               source: HolidaySource) -> list[Plan]:
    """Load and plan one part of an account (in a worker process, or in this one)."""
    from followup.core.days import holiday_source, set_holiday_source
    from followup.store import gc_paused

    if holiday_source() is not source:  # a spawned worker starts with the default
        set_holiday_source(source)
    store = Store(url, account)
    try:
        cases = store.load_cases(part=part)
    finally:
        store.close()
    with gc_paused():  # the planner makes no cyclic garbage; collections would walk the cases
        return [p for _, p in planned(cases, today, policies)]


def complete_action(ctx: Context, ref: str, *, to: str | None = None, kind: str | None = None,
                    early: bool = False, at: datetime | None = None) -> tuple[Case, Action]:
    """`followup done`: log the touch that completes the next planned action.

    The first action that is due or overdue (else the first listed), for `to` and of `kind`
    when given (the web app's "mark done" names both). One not yet due is refused unless
    `early`: `done` run twice must not quietly tick off next week's check-in.
    `move_on` marks the opportunity dormant; `prepare` is done by the interview itself.
    """
    from followup.core.planner import ActionKind, State

    store, today, at = ctx.store, ctx.today, at or ctx.at
    case, result = plan_case(ctx, ref)
    actions = list(result.actions)
    if to is not None:
        person = find_person(case, to, "--to")
        actions = [a for a in actions if a.to == person.id]
    if kind:
        actions = [a for a in actions if a.kind.value == kind]
    if not actions:
        raise NotFoundError(f"{case.opportunity.id}: nothing planned"
                            + (f" for {to!r}" if to else "") + (f" of kind {kind}" if kind else ""))
    action = next((a for a in actions if a.state is not State.UPCOMING), actions[0])
    if action.state is State.UPCOMING and not early:
        raise UsageError(f"{case.opportunity.id}: nothing is due yet; the next step, "
                         f"{kind_of(action.kind.value).label.lower()}, is from "
                         f"{say(action.not_before, today)} (add --early to mark it done now)")
    if action.kind is ActionKind.PREPARE:
        raise UsageError("prepare is done by holding the interview; record what they said "
                         "with `followup add interview` or `followup edit`")
    if action.kind is ActionKind.MOVE_ON:
        store.set_status(case.opportunity.id, Status.DORMANT)
        return store.load_case(case.opportunity.id), action
    done_by = kind_of(action.kind.value).done_by
    assert done_by is not None  # every action but prepare and move_on is done by a touch
    touch = Touch(at=at, direction=Direction.OUT, channel=action.channel or Channel.EMAIL,
                  kind=done_by, person=action.to)
    store.add_touch(case.opportunity.id, touch)
    return store.load_case(case.opportunity.id), action

def calendar_items(ctx: Context) -> list[PlannedItem]:
    """Every planned action of every open opportunity, with its draft's subject line."""
    from followup.calendar.ical import PlannedItem

    today = ctx.today
    items: list[PlannedItem] = []
    snapshot = fresh(None, ctx.store, today, ctx.policies)  # the stored plans (issue 24)
    for case, p in zip(snapshot.cases, snapshot.plans, strict=True):
        if case.opportunity.status is not Status.ACTIVE:
            continue
        for action in p.actions:
            try:
                made = draft_for_action(case, action, today)
            except UsageError:  # no profile name yet: no draft, the calendar still works
                made = None
            except (OverflowError, ValueError) as e:  # a record bad anyway: no subject
                from followup.service.health import warn

                warn(f"{case.opportunity.id!r}: no draft for {action.kind.value} ({e})")
                made = None
            items.append(PlannedItem(case, action, made[0] if made else None))
    items.sort(key=lambda i: (i.action.due, i.case.opportunity.id))
    return items


@dataclass(frozen=True)
class Card:
    """One opportunity on the pipeline board; `next` is its first step not snoozed, and
    `sleeping` the day a snoozed first step wakes (a snoozed step is never overdue)."""

    case: Case
    plan: Plan
    last: Touch | None
    next: Action | None
    sleeping: date | None = None


@dataclass(frozen=True)
class Column:
    stage: str
    cards: tuple[Card, ...]


BOARD_STAGES = ("applied", "interviewing", "waiting", "dormant", "closed")


def opportunities(ctx: Context, *, snapshot: Snapshot | None = None) -> list[Card]:
    """`followup list` and the pipeline board: every opportunity in id order, with the
    planner's stage, its last contact and its first step not snoozed (cases that cannot be
    planned are skipped with a warning)."""
    today = ctx.today
    snapshot = fresh(snapshot, ctx.store, today, ctx.policies)
    sleeping = snapshot.snoozes
    out = []
    for case, p in zip(snapshot.cases, snapshot.plans, strict=True):
        awake, wakes = None, None
        for a in p.actions:
            until = sleeping.get((case.opportunity.id, a.kind.value, a.to))
            if until is not None and until > today:
                wakes = until if wakes is None else min(wakes, until)
                continue
            awake = a
            break
        out.append(Card(case, p, last_contact(case), awake, wakes if awake is None else None))
    return out


def pipeline_board(ctx: Context, *, snapshot: Snapshot | None = None) -> list[Column]:
    """Every opportunity by the planner's stage, with its last contact and next step."""
    cards: dict[str, list[Card]] = {stage: [] for stage in BOARD_STAGES}
    for card in opportunities(ctx, snapshot=snapshot):
        cards.setdefault(card.plan.stage.value, []).append(card)
    return [Column(stage, tuple(sorted(found, key=lambda c: c.case.opportunity.company.lower())))
            for stage, found in cards.items()]
