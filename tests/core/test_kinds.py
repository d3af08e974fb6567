"""One table of kinds: every action, note and touch has exactly one row, and the parts that
used to keep their own tables now agree with it."""

from __future__ import annotations

from datetime import date, datetime

from followup.core import kinds
from followup.core.lint import LintContext, lint
from followup.core.model import (
    Case,
    Channel,
    Direction,
    Interview,
    Opportunity,
    Person,
    Promise,
    Touch,
    TouchKind,
)
from followup.core.planner import ActionKind


def test_every_action_touch_and_note_has_one_row() -> None:
    names = {k.value for k in ActionKind} | {k.value for k in TouchKind} | set(
        kinds.MESSAGE_KINDS)
    assert names == set(kinds.KINDS)
    assert set(kinds.ACTION_KINDS) == {k.value for k in ActionKind}
    labels = [k.label for k in kinds.KINDS.values()]
    assert len(labels) == len(set(labels))
    assert not any("_" in k.label or "_" in k.short for k in kinds.KINDS.values())


def test_the_linter_reads_the_word_cap_from_the_table() -> None:
    for name in ("thank_you", "check_in", "final"):
        cap = kinds.kind(name).word_cap
        assert cap is not None
        body = "Thank you for the conversation about the dashboards. " * 30
        words = [f.message for f in lint(body, LintContext(kind=name))
                 if f.rule == "length.words"]
        assert words and f"keep a {kinds.kind(name).note} within {cap}" in words[0]


def test_subjects_only_for_email_kinds() -> None:
    for name, row in kinds.KINDS.items():
        made = kinds.subject(name, "Analyst", "Acme")
        assert (made is not None) == (row.email and row.draftable)
    assert kinds.subject("thank_you", "Analyst", "Acme") == "Thank you: Analyst interview"


def test_a_phone_check_in_is_a_voicemail_script() -> None:
    assert kinds.message_kind("check_in", "phone") == "voicemail"
    assert kinds.message_kind("application_follow_up") == "check_in"
    assert kinds.message_kind("move_on") is None


def _case(*touches: Touch) -> Case:
    return Case(
        Opportunity("acme", "Acme", "Analyst"),
        people=(Person("dana", "Dana Whitfield"), Person("priya", "Priya Raman")),
        interviews=(
            Interview("r1", datetime(2026, 3, 2, 10), interviewers=("dana",),
                      promised=Promise(date(2026, 3, 6))),
            Interview("r2", datetime(2026, 3, 9, 10), interviewers=("priya",)),
        ),
        touches=touches)


def test_a_promise_about_an_earlier_round_stops_standing_once_it_passed() -> None:
    case = _case()
    assert case.standing_promise(date(2026, 3, 5)) is not None  # only round 1 held
    assert case.standing_promise(date(2026, 3, 10)) is None


def test_a_newer_date_in_their_message_replaces_the_old() -> None:
    reply = Touch(datetime(2026, 3, 11, 9), Direction.IN, Channel.EMAIL, TouchKind.REPLY,
                  person="priya", new_by=date(2026, 3, 20))
    promise = _case(reply).standing_promise(date(2026, 3, 12))
    assert promise is not None and promise.by == date(2026, 3, 20) and promise.from_reply


def test_the_interview_a_note_is_about() -> None:
    case = _case()
    r1 = case.interview_for("dana", date(2026, 3, 20))
    r2 = case.interview_for("priya", date(2026, 3, 20))
    assert r1 is not None and r1.id == "r1"
    assert r2 is not None and r2.id == "r2"
    before = case.interview_for("priya", date(2026, 3, 3))  # r2 not held yet: still r2
    assert before is not None and before.id == "r2"


def test_the_ladder_restarts_at_their_reply() -> None:
    check_in = Touch(datetime(2026, 3, 16, 9), Direction.OUT, Channel.EMAIL,
                     TouchKind.CHECK_IN, person="priya")
    reply = Touch(datetime(2026, 3, 17, 9), Direction.IN, Channel.EMAIL, TouchKind.REPLY,
                  person="priya")
    ladder = _case(check_in).ladder(date(2026, 3, 16))
    assert ladder is not None and ladder.position == 2
    ladder = _case(check_in, reply).ladder(date(2026, 3, 18))
    assert ladder is not None and ladder.position == 1 and ladder.reply == reply
