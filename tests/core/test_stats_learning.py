"""timing.learned (issue 25): off by default; with policy.learn and >= 20 answered
follow-ups the check-in wait follows the observed median days to reply, within 5..14 days."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from typer.testing import CliRunner

from followup.cli import app
from followup.core import caseio
from followup.core.model import (
    Case,
    Channel,
    Direction,
    Interview,
    Opportunity,
    Persistence,
    Touch,
    TouchKind,
)
from followup.core.planner import ActionKind, plan
from followup.core.policy import DEFAULT_POLICIES, Policy
from followup.core.stats import LEARN_HIGH, LEARN_LOW, learned_policies

TODAY = date(2026, 6, 1)  # a Monday
WAITING = Case(Opportunity("w", "Acme", "Analyst"),
               interviews=(Interview("r1", datetime(2026, 5, 26, 10, 0)),))  # a Tuesday


def history(answered: int, days: int) -> list[Case]:
    """`answered` thank-you notes, each answered `days` days later."""
    out = []
    for n in range(answered):
        sent = datetime(2026, 1, 5, 9, 0) + timedelta(days=n)
        out.append(Case(Opportunity(f"h{n}", "Globex", "Analyst"), touches=(
            Touch(sent, Direction.OUT, Channel.EMAIL, TouchKind.THANK_YOU),
            Touch(sent + timedelta(days=days), Direction.IN, Channel.EMAIL, TouchKind.REPLY))))
    return out


def asked(learn: bool = True) -> dict[Persistence, Policy]:
    from dataclasses import replace

    return {k: replace(v, learn=learn) for k, v in DEFAULT_POLICIES.items()}


def check_in(cases: list[Case], policies: dict[Persistence, Policy]) -> tuple[date, str,
                                                                               tuple[str, ...]]:
    resolved = learned_policies(policies, [*cases, WAITING], TODAY)
    action = plan(WAITING, TODAY, resolved).actions[0]
    assert action.kind is ActionKind.CHECK_IN
    return action.due, action.why, action.rules


def test_twenty_answered_follow_ups_set_the_wait_and_the_reason_says_so() -> None:
    due, why, rules = check_in(history(20, 10), asked())
    assert due == date(2026, 6, 5)  # 26 May + 10 days (a Friday)
    assert "timing.learned" in rules and "timing.no-date" in rules
    assert "median of 10 days (20 answered follow-ups)" in why


def test_off_by_default_and_below_twenty_nothing_changes() -> None:
    assert check_in(history(20, 10), asked(learn=False))[0] == date(2026, 6, 2)  # 7 days
    due, why, rules = check_in(history(19, 10), asked())
    assert due == date(2026, 6, 2) and "timing.learned" not in rules and "median" not in why


@pytest.mark.parametrize(("days", "wait"), [(1, LEARN_LOW), (30, LEARN_HIGH), (6, 6)])
def test_the_wait_stays_within_the_rulebook_bounds(days: int, wait: int) -> None:
    resolved = learned_policies(asked(), history(20, days), TODAY)
    assert {p.no_date_days for p in resolved.values()} == {wait}
    assert all(not p.learn for p in resolved.values())  # resolved once, not again


def test_the_learned_wait_through_the_cli_on_a_real_database(
        db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    runner = CliRunner()
    bundle = {"version": 1, "cases": [caseio.to_dict(c) for c in [*history(21, 9), WAITING]]}
    result = runner.invoke(app, ["--db", db_url, "import", "-"], input=json.dumps(bundle))
    assert result.exit_code == 0, result.stderr
    plain = runner.invoke(app, ["--db", db_url, "plan", "w", "--today", "2026-06-01",
                                "--format", "json"])
    assert json.loads(plain.stdout)["actions"][0]["due"] == "2026-06-02"
    monkeypatch.setenv("FOLLOWUP_POLICY__LEARN", "true")
    learned = runner.invoke(app, ["--db", db_url, "plan", "w", "--today", "2026-06-01",
                                  "--format", "json"])
    action = json.loads(learned.stdout)["actions"][0]
    assert action["due"] == "2026-06-04" and "timing.learned" in action["rules"]
    assert "median of 9 days (21 answered follow-ups)" in action["why"]
