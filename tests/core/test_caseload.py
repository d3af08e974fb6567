"""core.caseload: a card says what the planner says, and the reasons follow the counts."""

from __future__ import annotations

import json
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from followup.core import caseio
from followup.core.caseload import (
    REASONS,
    Standing,
    card,
    headline,
    need_order,
    overdue,
    promise_passed,
    reasons,
    standing,
    standing_on,
    summary,
)
from followup.core.model import Case
from followup.core.planner import MIN_ACTIVE, State, plan
from tests.conftest import CASES

FILES = sorted(p for p in CASES.glob("*.json"))
CASE_LIST: list[Case] = [caseio.from_dict(json.loads(p.read_text()), p.name) for p in FILES]
START = min(c.opportunity.applied_on or date(2026, 1, 1) for c in CASE_LIST)


@given(n=st.integers(0, len(CASE_LIST) - 1), offset=st.integers(-10, 200))
def test_a_card_is_overdue_exactly_when_the_planners_next_step_is(n: int, offset: int) -> None:
    case = CASE_LIST[n]
    today = START + timedelta(days=offset)
    p = plan(case, today)
    step = p.actions[0] if p.actions else None
    c = card(case, p, step, today)
    assert overdue(c, today) == (step is not None and step.state is State.OVERDUE)
    assert c.stage == p.stage.value and c.planned_on == today
    # a touch is never counted before it happened
    assert c.last_touch is None or c.last_touch.date() <= today
    # a promise passed: its date is behind us and no touch after it, both ways
    if promise_passed(c, today):
        assert c.promised_by is not None and c.promised_by < today
        assert not any(c.promised_by < t.at.date() <= today for t in case.touches)


@given(offsets=st.lists(st.integers(0, 200), min_size=0, max_size=8),
       picks=st.lists(st.integers(0, len(CASE_LIST) - 1), min_size=0, max_size=8))
def test_the_reasons_are_the_counts_read_by_the_rules(offsets: list[int],
                                                      picks: list[int]) -> None:
    today = START + timedelta(days=offsets[0] if offsets else 30)
    cards = []
    for k in picks:
        p = plan(CASE_LIST[k], today)
        cards.append(card(CASE_LIST[k], p, p.actions[0] if p.actions else None, today))
    s = standing(cards, today)
    got = reasons(s)
    assert set(got) <= set(REASONS)
    assert ("caseload.overdue" in got) == any(overdue(c, today) for c in cards)
    assert ("caseload.promise-passed" in got) == any(promise_passed(c, today) for c in cards)
    assert ("pipeline.one-basket" in got) == (s.active < MIN_ACTIVE and not s.accepted)
    assert s.opportunities == len(cards)
    if any(c.status == "offer" for c in cards):
        assert headline(s) == "offer"  # an offer in hand is what a coach asks about first
    elif cards:
        assert headline(s) in {c.stage for c in cards} | {"accepted"}
    if not cards:
        assert headline(s) == "none" and s.next_due is None and s.planned_on is None


@given(offsets=st.lists(st.integers(0, 200), min_size=1, max_size=8),
       picks=st.lists(st.integers(0, len(CASE_LIST) - 1), min_size=0, max_size=8),
       later=st.integers(-30, 60))
def test_a_summary_read_on_any_day_is_the_cards_summed_that_day(
        offsets: list[int], picks: list[int], later: int) -> None:
    """The per-student summary the page reads keeps the day out: read on any day (before or
    after the cards were planned) it is `standing` of the cards on that day."""
    planned = START + timedelta(days=offsets[0])
    cards = []
    for k, off in zip(picks, offsets * 8, strict=False):
        day = START + timedelta(days=off)
        p = plan(CASE_LIST[k], day)
        cards.append(card(CASE_LIST[k], p, p.actions[0] if p.actions else None, day))
    day = planned + timedelta(days=later)
    assert standing_on(summary(cards), day) == standing(cards, day)


standings = st.builds(
    Standing, opportunities=st.integers(0, 5), active=st.integers(0, 5),
    overdue=st.integers(0, 3), promises_passed=st.integers(0, 2), accepted=st.booleans(),
    stages=st.just(frozenset()), last_touch=st.none(),
    next_due=st.none() | st.dates(date(2026, 1, 1), date(2026, 1, 9)), planned_on=st.none())


@given(st.lists(st.tuples(standings, st.sampled_from(("Ada", "ada", "Ben", "Éva"))),
                min_size=2, max_size=12))
def test_by_need_whoever_needs_attention_comes_first_the_most_overdue_first_among_them(
        rows: list[tuple[Standing, str]]) -> None:
    ordered = sorted(((s, n, k) for k, (s, n) in enumerate(rows)),
                     key=lambda r: need_order(r[0], r[1], r[2]))
    flags = [bool(reasons(s)) for s, _n, _k in ordered]
    assert flags == sorted(flags, reverse=True)  # caseload.by-need: attention first
    for (a, _, _), (b, _, _) in zip(ordered, ordered[1:], strict=False):
        if bool(reasons(a)) == bool(reasons(b)):
            assert a.overdue >= b.overdue
