"""core.caseload: a card says what the planner says, and the reasons follow the counts."""

from __future__ import annotations

import json
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from followup.core import caseio
from followup.core.caseload import (
    REASONS,
    card,
    headline,
    overdue,
    promise_passed,
    reasons,
    standing,
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
