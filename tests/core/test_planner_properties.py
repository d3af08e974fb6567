"""Properties the plan keeps for any valid case (Hypothesis builds the cases)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from followup.core.caseio import check_references
from followup.core.days import business_day_after, is_business_day
from followup.core.model import (
    Candidate,
    Case,
    Channel,
    Direction,
    Interview,
    Opportunity,
    Persistence,
    Person,
    Promise,
    PromiseChannel,
    Status,
    Touch,
    TouchKind,
)
from followup.core.planner import ActionKind, Stage, State, plan
from followup.core.policy import DEFAULT_POLICIES

BASE = date(2026, 1, 5)
PEOPLE = ("p0", "p1", "p2")
FOLLOW_UPS = (ActionKind.CHECK_IN, ActionKind.FINAL)
# Weighted so that ladders run long: closing messages are rare, follow-ups common.
OUT_KINDS = [TouchKind.THANK_YOU] * 3 + [TouchKind.CHECK_IN] * 4 + [
    TouchKind.FINAL, TouchKind.OTHER, TouchKind.APPLICATION]
IN_KINDS = [TouchKind.REPLY] * 6 + [TouchKind.OTHER, TouchKind.THANK_YOU] + [
    TouchKind.OFFER, TouchKind.REJECTION]


def moments(max_days: int = 120) -> st.SearchStrategy[datetime]:
    return st.builds(
        lambda d, h: datetime.combine(BASE + timedelta(days=d), time(h)),
        st.integers(0, max_days), st.sampled_from([0, 9, 10, 14, 18]),
    )


@st.composite
def cases(draw: st.DrawFn) -> Case:
    n_people = draw(st.integers(0, 3))
    contact = draw(st.integers(-1, n_people - 1)) if n_people else -1
    people = tuple(Person(PEOPLE[i], f"Name{i} Last", contact=i == contact)
                   for i in range(n_people))
    ids = [p.id for p in people]
    person = st.sampled_from(ids) if ids else st.none()
    maybe_person = st.one_of(st.none(), person)

    def promise(at: datetime) -> st.SearchStrategy[Promise | None]:
        return st.one_of(st.none(), st.builds(
            Promise, by=st.integers(0, 20).map(lambda d: at.date() + timedelta(days=d)),
            channel=st.one_of(st.none(), st.sampled_from(PromiseChannel)), who=maybe_person))

    interviews = []
    for i in range(draw(st.integers(0, 3))):
        at = draw(moments(60))
        interviews.append(Interview(
            f"r{i}", at,
            interviewers=tuple(draw(st.lists(person, max_size=3, unique=True))) if ids else (),
            promised=draw(promise(at)),
        ))
    touches = []
    for _ in range(draw(st.integers(0, 10))):
        at = draw(moments(100))
        direction = draw(st.sampled_from(Direction))
        new_by = None
        if direction is Direction.IN and draw(st.booleans()):
            new_by = at.date() + timedelta(days=draw(st.integers(0, 20)))
        kinds = OUT_KINDS if direction is Direction.OUT else IN_KINDS
        touches.append(Touch(
            at, direction, draw(st.sampled_from(Channel)),
            draw(st.sampled_from(kinds)), draw(maybe_person), new_by,
        ))
    opportunity = Opportunity(
        "opp", "Co", "Role",
        field=draw(st.sampled_from([None, "sales", "law"])),
        persistence=draw(st.one_of(st.none(), st.sampled_from(Persistence))),
        status=draw(st.sampled_from([Status.ACTIVE] * 14 + list(Status))),
        applied_on=draw(st.one_of(st.none(), st.integers(0, 30).map(
            lambda d: BASE + timedelta(days=d)))),
        send_letter=draw(st.booleans()),
    )
    case = Case(opportunity, Candidate(country=draw(st.sampled_from([None, "US"]))),
                people, tuple(interviews), tuple(touches))
    check_references(case)  # the strategy only builds valid cases
    return case


todays = st.integers(0, 130).map(lambda d: BASE + timedelta(days=d))


def _touches(case: Case, today: date) -> list[Touch]:
    return [t for t in case.sorted_touches() if t.at.date() <= today]


def _after(t: Touch, moment: datetime) -> bool:
    return t.at >= moment or (t.at.time() == time(0) and t.at.date() == moment.date())


@settings(max_examples=200, deadline=None)
@given(cases(), todays)
def test_never_before_the_standing_promised_date(case: Case, today: date) -> None:
    held = [i for i in case.sorted_interviews() if i.at.date() <= today]
    if not held:
        return
    made = [(i.at, i.promised.by) for i in held if i.promised is not None]
    made += [(t.at, t.new_by) for t in _touches(case, today)
             if t.direction is Direction.IN and t.new_by is not None]
    if not made:
        return
    latest = max(m for m, _ in made)
    standing = [by for m, by in made if m == latest]
    if len(standing) != 1 or latest < held[-1].at:
        return  # a tie, or a promise about an earlier round
    floor = business_day_after(standing[0], 1, case.candidate.country)
    for action in plan(case, today).actions:
        if action.kind in FOLLOW_UPS:
            assert action.not_before >= floor and action.due >= floor


@settings(max_examples=200, deadline=None)
@given(cases(), todays)
def test_weekly_cap_counts_every_logged_follow_up(case: Case, today: date) -> None:
    cap = DEFAULT_POLICIES[case.opportunity.effective_persistence].weekly_cap_days
    logged = [t.at.date() for t in _touches(case, today) if t.direction is Direction.OUT
              and t.kind in (TouchKind.CHECK_IN, TouchKind.FINAL)]
    for action in plan(case, today).actions:
        if action.kind in FOLLOW_UPS and logged:
            assert action.due >= max(logged) + timedelta(days=cap)


@settings(max_examples=200, deadline=None)
@given(cases(), todays)
def test_closed_statuses_get_nothing(case: Case, today: date) -> None:
    result = plan(case, today)
    if case.opportunity.status is not Status.ACTIVE:
        assert result.actions == ()
        assert result.stage in (Stage.CLOSED, Stage.DORMANT)


@settings(max_examples=200, deadline=None)
@given(cases(), todays)
def test_every_recent_interviewer_is_thanked_or_planned(case: Case, today: date) -> None:
    result = plan(case, today)
    if result.stage in (Stage.CLOSED, Stage.DORMANT):
        return
    planned = {a.to for a in result.actions if a.kind is ActionKind.THANK_YOU}
    sent = [t for t in _touches(case, today)
            if t.direction is Direction.OUT and t.kind is TouchKind.THANK_YOU]
    for interview in case.interviews:
        if not interview.at.date() <= today < interview.at.date() + timedelta(days=7):
            continue
        for who in interview.interviewers:
            logged = any(t.person == who and _after(t, interview.at) for t in sent)
            assert logged or who in planned


@settings(max_examples=200, deadline=None)
@given(cases(), todays)
def test_deterministic_and_sorted(case: Case, today: date) -> None:
    first = plan(case, today)
    assert plan(case, today) == first
    if len({t.at for t in case.touches}) == len(case.touches):
        shuffled = replace(case, touches=case.touches[::-1], interviews=case.interviews[::-1])
        assert plan(shuffled, today) == first  # input order does not matter
    dues = [a.due for a in first.actions]
    assert dues == sorted(dues)


@settings(max_examples=200, deadline=None)
@given(cases(), todays)
def test_dates_and_states_are_consistent(case: Case, today: date) -> None:
    country = case.candidate.country
    for a in plan(case, today).actions:
        assert a.not_before <= a.due
        assert a.latest is None or a.due <= a.latest
        end = a.latest or a.due
        expected = (State.UPCOMING if today < a.not_before
                    else State.OVERDUE if today > end else State.DUE)
        assert a.state is expected
        if a.kind is ActionKind.THANK_YOU:
            # RULEBOOK "Order of operations": the due day is not rolled, the latest is
            assert a.due == a.not_before + timedelta(days=1)  # + 24 h, on any day
            assert a.latest is not None and is_business_day(a.latest, country)
        elif a.kind not in (ActionKind.PREPARE, ActionKind.MOVE_ON):
            assert is_business_day(a.due, country)  # outgoing dues roll off weekends/holidays
        assert (a.to is None) == (a.kind is ActionKind.MOVE_ON) or a.to is None
        assert a.rules and a.why.endswith(".")
