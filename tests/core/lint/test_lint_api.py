"""The linter's entry points: suppression, lint_many, context_from_case, parsing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from followup.core import caseio
from followup.core.errors import FollowupError
from followup.core.lint import RULES, LintContext, context_from_case, lint, lint_many, lint_reports
from followup.core.lint.parse import parse
from followup.core.lint.similarity import THRESHOLD, similarity

CASES = Path(__file__).parents[2] / "cases"
RATIO_BAD = "Subject: Hi\n\nDear Dana,\n\nI think I can, and I will.\n\nBest,\nAlex\n"


def test_every_rule_id_is_in_a_comment_where_it_is_decided() -> None:
    src = Path(__file__).parents[3] / "src" / "followup" / "core" / "lint"
    code = "".join(p.read_text() for p in src.glob("*.py") if p.name != "rules.py")
    for rule in RULES:
        assert f"# {rule}" in code, rule


def test_inline_suppression_disables_listed_rules() -> None:
    assert "tone.you-i-ratio" in {f.rule for f in lint(RATIO_BAD)}
    text = "<!-- followup: disable=tone.you-i-ratio, content.thanks -->\n" + RATIO_BAD
    got = {f.rule for f in lint(text)}
    assert "tone.you-i-ratio" not in got and "content.thanks" not in got
    assert "content.interest" in got


def test_context_disabled_rules() -> None:
    ctx = LintContext(disabled=frozenset({"tone.you-i-ratio"}))
    assert "tone.you-i-ratio" not in {f.rule for f in lint(RATIO_BAD, ctx)}


def test_suppression_comment_keeps_line_numbers() -> None:
    text = "<!-- followup: disable=content.thanks -->\n" + RATIO_BAD
    assert parse(text).position(text.index("I think")) == (6, 1)


def test_parts_of_a_note() -> None:
    text = ("Subject: Thanks\n\nDear Dana,\n\nBody one.\n\nBody two.\n\n"
            "Best regards,\nAlex Morgan\n+1 555 0100\nalex@example.com\n")
    p = parse(text)
    assert p.folded[slice(*p.subject)] == "Thanks"  # type: ignore[misc]
    assert p.folded[slice(*p.greeting)] == "Dear Dana,"  # type: ignore[misc]
    assert p.folded[slice(*p.body)].split() == ["Body", "one.", "Body", "two."]
    assert p.body_words == ["body", "one", "body", "two"]


def test_word_definition() -> None:
    p = parse("Dear Dana,\n\nYou're on-time \u2014 it\u2019s 9am, A/B tested.\n")
    assert p.body_words == ["you're", "on-time", "it's", "9am", "a", "b", "tested"]


def test_a_sentence_that_starts_with_thanks_is_not_a_sign_off() -> None:
    p = parse("Dear Dana,\n\nYour team was great.\n\nThanks again for a wonderful talk today.\n")
    assert p.signoff is None


def test_voicemail_greeting_on_one_line() -> None:
    p = parse("Hi Dana, this is Alex calling about the role.\n")
    assert p.folded[slice(*p.greeting)] == "Hi Dana,"  # type: ignore[misc]
    assert p.body_words[:3] == ["this", "is", "alex"]


def test_lint_many_warns_both_copies() -> None:
    body = ("Thank you for your time today. Your plan for the reporting move stood out, and "
            "your team clearly knows where the slow steps are. I'm very interested in this "
            "role and will check in next week.")
    a = f"Subject: Thanks\n\nDear Dana,\n\n{body}\n\nBest,\nAlex\n"
    b = f"Subject: Thanks\n\nDear Priya,\n\n{body}\n\nBest,\nAlex\n"
    results = lint_many([a, b], labels=["a.txt", "b.txt"])
    msgs = [[f.message for f in r if f.rule == "personal.copy-paste"] for r in results]
    assert msgs == [["Nearly the same text as b.txt (similarity 1.00)."],
                    ["Nearly the same text as a.txt (similarity 1.00)."]]
    assert all(f.severity == "warning" for r in results for f in r
               if f.rule == "personal.copy-paste")


def test_one_file_never_copy_pastes() -> None:
    assert not [f for f in lint_many([RATIO_BAD])[0] if f.rule == "personal.copy-paste"]


def test_similarity_threshold() -> None:
    words = [f"w{i}" for i in range(100)]
    half = words[:60] + [f"x{i}" for i in range(40)]
    assert similarity(words, words) == 1.0
    assert similarity(words, half) < THRESHOLD
    assert similarity(words, words[:90] + ["y"] * 10) >= THRESHOLD


def test_reports_carry_word_counts() -> None:
    (report,) = lint_reports([RATIO_BAD])
    assert report.words == 7 and not report.has_error


def test_context_from_case() -> None:
    case = caseio.loads((CASES / "contract_example.json").read_text())
    ctx = context_from_case(case, "check_in", "priya")
    assert ctx.recipient is not None and ctx.recipient.name == "Priya Raman"
    assert ctx.people == ("Dana Whitfield", "Priya Raman")
    assert ctx.company == "Acme Analytics" and ctx.role == "Senior Data Analyst"
    assert ctx.topics == ("moving monthly reporting onto dbt", "stakeholder dashboards")
    assert str(ctx.promised) == "2026-03-20"  # the reply's new_by replaces 11 March
    assert ctx.candidate == "Alex Morgan" and ctx.listing and ctx.kind == "check_in"


def test_context_from_case_unknown_person() -> None:
    case = caseio.loads((CASES / "contract_example.json").read_text())
    with pytest.raises(FollowupError, match="unknown person 'nobody'"):
        context_from_case(case, "thank_you", "nobody")


def test_missing_inputs_skip_rules() -> None:
    ctx = replace(LintContext(), kind="check_in")
    got = {f.rule for f in lint(RATIO_BAD, ctx)}
    assert not got & {"content.where-left-off", "content.mirror", "content.specifics",
                      "names.wrong-recipient", "names.spelling"}
