from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from followup.core import caseio
from followup.core.days import UnknownCountryError
from followup.core.model import (
    Candidate,
    Case,
    Channel,
    Direction,
    Interview,
    Opportunity,
    Persistence,
    Person,
    Status,
    Touch,
    TouchKind,
)
from followup.core.planner import (
    ActionKind,
    Stage,
    State,
    in_words,
    pipeline_summary,
    plan,
    plan_to_dict,
)
from followup.core.policy import with_overrides

CASES = Path(__file__).parents[1] / "cases"
EXAMPLE = caseio.loads((CASES / "contract_example.json").read_text(), "contract_example.json")


def test_contract_example_exactly() -> None:
    out = plan_to_dict(plan(EXAMPLE, date(2026, 3, 13)))
    why = out["actions"][0].pop("why")
    assert out == {
        "opportunity": "acme-analyst",
        "today": "2026-03-13",
        "stage": "waiting",
        "persistence": "standard",
        "actions": [
            {"kind": "check_in", "to": "dana", "channel": "email",
             "not_before": "2026-03-23", "due": "2026-03-23", "latest": None,
             "state": "upcoming",
             "rules": ["timing.reply-resets", "timing.promised-date", "timing.match-channel"]},
        ],
    }
    assert why == ("Dana said on Thu 12 Mar the decision moves to Fri 20 Mar, so check in by "
                   "email on Mon 23 Mar, the first business day after.")


def test_plan_json_key_order_is_the_contracts() -> None:
    out = plan_to_dict(plan(EXAMPLE, date(2026, 3, 13)))
    assert list(out) == ["opportunity", "today", "stage", "persistence", "actions"]
    assert list(out["actions"][0]) == ["kind", "to", "channel", "not_before", "due", "latest",
                                       "state", "rules", "why"]
    json.dumps(out)  # serializable as is


def test_before_the_reply_the_phone_promise_stands() -> None:
    result = plan(EXAMPLE, date(2026, 3, 11))
    (action,) = result.actions
    assert (action.kind, action.channel, action.due) == (
        ActionKind.CHECK_IN, Channel.PHONE, date(2026, 3, 12))
    assert action.rules == ("timing.promised-date", "timing.match-channel")
    assert action.why.startswith("Dana said on Mon 2 Mar to expect word by Wed 11 Mar")


@pytest.mark.parametrize("status", [s for s in Status if s is not Status.ACTIVE])
def test_closed_statuses_get_no_actions(status: Status) -> None:
    case = replace(EXAMPLE, opportunity=replace(EXAMPLE.opportunity, status=status))
    result = plan(case, date(2026, 3, 13))
    assert result.actions == ()
    assert result.stage is (Stage.DORMANT if status is Status.DORMANT else Stage.CLOSED)


def test_offer_message_closes() -> None:
    offer = Touch(datetime(2026, 3, 13, 9), Direction.IN, Channel.EMAIL, TouchKind.OFFER, "dana")
    result = plan(EXAMPLE.with_touch(offer), date(2026, 3, 13))
    assert (result.stage, result.actions) == (Stage.CLOSED, ())


def _one_interview(**extra: object) -> Case:
    return Case(
        opportunity=Opportunity("o", "Co", "Role", **extra),  # type: ignore[arg-type]
        people=(Person("a", "Ann Lee"), Person("b", "Bob Ray")),
        interviews=(Interview("r1", datetime(2026, 3, 2, 10), interviewers=("a", "b")),),
    )


def test_thank_you_to_each_interviewer_until_stale() -> None:
    case = _one_interview()
    day6 = plan(case, date(2026, 3, 8))
    assert [(a.kind, a.to, a.state) for a in day6.actions] == [
        (ActionKind.THANK_YOU, "a", State.OVERDUE), (ActionKind.THANK_YOU, "b", State.OVERDUE)]
    assert day6.stage is Stage.INTERVIEWING
    assert day6.actions[0].why == ("You met Ann on Mon 2 Mar; send a thank-you note by Tue 3 Mar, "
                                   "Wed 4 Mar at the latest.")
    day7 = plan(case, date(2026, 3, 9))
    assert [(a.kind, a.due) for a in day7.actions] == [(ActionKind.CHECK_IN, date(2026, 3, 9))]
    assert day7.stage is Stage.WAITING


def test_a_thank_you_before_the_interview_does_not_count() -> None:
    early = Touch(datetime(2026, 3, 1, 9), Direction.OUT, Channel.EMAIL, TouchKind.THANK_YOU, "a")
    late = Touch(datetime(2026, 3, 2), Direction.OUT, Channel.EMAIL, TouchKind.THANK_YOU, "b")
    result = plan(_one_interview().with_touch(early).with_touch(late), date(2026, 3, 3))
    assert [a.to for a in result.actions] == ["a"]  # a date-only touch on the day counts


def test_letter_done_by_an_outgoing_letter_touch() -> None:
    case = _one_interview(send_letter=True)
    kinds = [a.kind for a in plan(case, date(2026, 3, 2)).actions]
    assert kinds == [ActionKind.LETTER, ActionKind.THANK_YOU, ActionKind.THANK_YOU]
    sent = Touch(datetime(2026, 3, 2, 18), Direction.OUT, Channel.LETTER, TouchKind.OTHER, "a")
    kinds = [a.kind for a in plan(case.with_touch(sent), date(2026, 3, 3)).actions]
    assert kinds == [ActionKind.THANK_YOU, ActionKind.THANK_YOU]


def test_policies_argument_changes_the_numbers() -> None:
    policies = with_overrides({"policy.standard.grace_business_days": 3})
    (action,) = plan(EXAMPLE, date(2026, 3, 13), policies).actions
    assert action.due == date(2026, 3, 25)  # Mon, Tue, Wed after Fri 20 Mar


def test_sales_defaults_to_persistent() -> None:
    case = replace(EXAMPLE, opportunity=replace(EXAMPLE.opportunity, persistence=None,
                                                field="Sales"))
    result = plan(case, date(2026, 3, 13))
    assert result.persistence is Persistence.PERSISTENT
    assert result.actions[0].rules[-1] == "timing.persistence"


def test_unknown_country_raises_a_followup_error() -> None:
    case = replace(EXAMPLE, candidate=Candidate(country="Narnia"))
    with pytest.raises(UnknownCountryError):
        plan(case, date(2026, 3, 13))


def test_no_people_means_no_to() -> None:
    case = Case(opportunity=Opportunity("o", "Co", "Role"),
                interviews=(Interview("r1", datetime(2026, 3, 2, 10)),))
    out = plan_to_dict(plan(case, date(2026, 3, 3)))
    assert "to" not in out["actions"][0]
    assert out["actions"][0]["kind"] == "check_in"


def test_in_words() -> None:
    assert in_words(date(2026, 3, 23), date(2026, 1, 1)) == "Mon 23 Mar"
    assert in_words(date(2027, 1, 4), date(2026, 12, 30)) == "Mon 4 Jan 2027"


def test_pipeline_one_basket() -> None:
    waiting = plan(EXAMPLE, date(2026, 3, 13))
    few = pipeline_summary([waiting])
    assert (few.active, few.waiting, few.rules) == (1, 1, ("pipeline.one-basket",))
    assert few.warning == "Only 1 active opportunity: keep at least 3 going while you wait."
    enough = pipeline_summary([waiting] * 3)
    assert (enough.active, enough.warning, enough.rules) == (3, None, ())


def test_friday_interview_thank_you_is_due_on_the_weekend_latest_monday() -> None:
    """Issue 22, RULEBOOK "Order of operations": a thank-you's due day is not rolled off
    the weekend (an email reaches them any day), its latest is; on the Friday itself the
    note is due now, not "Coming up ... Mon"."""
    friday = Case(opportunity=Opportunity("o", "Co", "Role"), people=(Person("a", "Ann Lee"),),
                  interviews=(Interview("r1", datetime(2026, 3, 6, 15), interviewers=("a",)),))
    (note,) = plan(friday, date(2026, 3, 6)).actions
    assert (note.kind, note.not_before, note.due, note.latest, note.state) == (
        ActionKind.THANK_YOU, date(2026, 3, 6), date(2026, 3, 7), date(2026, 3, 9), State.DUE)
    assert note.why == ("You met Ann on Fri 6 Mar; send a thank-you note by Sat 7 Mar, "
                        "Mon 9 Mar at the latest.")
    # Monday: still due (its last day), Tuesday: overdue
    assert plan(friday, date(2026, 3, 9)).actions[0].state is State.DUE
    assert plan(friday, date(2026, 3, 10)).actions[0].state is State.OVERDUE
    # a check-in after a Friday interview still rolls: the exception is the thank-you's due
    done = friday.with_touch(Touch(datetime(2026, 3, 6, 18), Direction.OUT, Channel.EMAIL,
                                   TouchKind.THANK_YOU, "a"))
    (check_in,) = plan(done, date(2026, 3, 7)).actions
    assert check_in.due == date(2026, 3, 13)  # + 7 days, a Friday


def test_thank_you_due_on_a_holiday_is_not_rolled_but_its_latest_is() -> None:
    """A Thursday 2 Jul 2026 interview in the US: due Fri 3 Jul, Independence Day (observed),
    as it stands; latest Sat 4 Jul rolls to Mon 6 Jul."""
    case = Case(opportunity=Opportunity("o", "Co", "Role"), people=(Person("a", "Ann Lee"),),
                candidate=Candidate(country="US"),
                interviews=(Interview("r1", datetime(2026, 7, 2, 10), interviewers=("a",)),))
    (note,) = plan(case, date(2026, 7, 2)).actions
    assert (note.due, note.latest) == (date(2026, 7, 3), date(2026, 7, 6))
