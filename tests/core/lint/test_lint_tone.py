"""tone.*: the you/I ratio and the phrase rules in context (quotes, subject, sign-off)."""

from __future__ import annotations

from followup.core.lint import LintContext, lint
from followup.core.model import Person

CTX = LintContext(kind="thank_you", people=("Dana Whitfield", "Priya Raman"),
                  company="Acme Analytics", recipient=Person("dana", "Dana Whitfield"))


def wrap(body: str, subject: str = "Thank you") -> str:
    sign = "Best regards,\nAlex Morgan\n+1 555 0100\n"
    return f"Subject: {subject}\n\nDear Dana,\n\n{body}\n\n{sign}"


def found(text: str, rule: str, ctx: LintContext = CTX) -> list[str]:
    return [f.excerpt for f in lint(text, ctx) if f.rule == rule]


def ratio_warns(body: str) -> bool:
    return any(f.rule == "tone.you-i-ratio" for f in lint(wrap(body), CTX))


def test_ratio_exactly_two_passes() -> None:
    assert not ratio_warns("You and your team were great. I agree.")  # 2 : 1


def test_ratio_below_two_warns() -> None:
    f = [f for f in lint(wrap("You were great and I agree with my notes."), CTX)
         if f.rule == "tone.you-i-ratio"]
    assert [(x.severity, x.message) for x in f] == [
        ("suggestion", "1 you-words against 2 I-words (ratio 0.50); aim for 2.0 or more.")]


def test_no_first_person_never_warns() -> None:
    assert not ratio_warns("The team was great. The work looks interesting.")


def test_thank_you_counts_and_we_does_not() -> None:
    assert not ratio_warns("Thank you. Thank you again. I agree; we, us and our team agree.")
    assert ratio_warns("Thank you. I agree, and I mean it.")


def test_all_listed_forms_count_case_insensitively() -> None:
    assert ratio_warns("YOU'RE right. I'M sure, I've seen it, I'll do it, I'd say, mine, me.")
    assert not ratio_warns("You're, you've, you'll, you'd, yours, yourself. I'm, I've, I'll.")


def test_curly_apostrophes_are_the_same() -> None:
    assert not ratio_warns("You\u2019re right, you\u2019ve seen it. I\u2019m sure.")


def test_quotes_are_skipped_for_the_ratio() -> None:
    assert not ratio_warns('You asked what I said: "I think I can, I know I can." Your call.')
    assert not ratio_warns("Your summary was right.\n\n> I own it, I run it, I fix it.")


def test_subject_is_not_counted_for_the_ratio() -> None:
    assert not any(f.rule == "tone.you-i-ratio"
                   for f in lint(wrap("Your team was great.", subject="I I I me my"), CTX))


def test_phrase_rules_check_the_subject() -> None:
    assert found(wrap("Your team was great.", subject="Please hire me"), "tone.desperate") == [
        "Please hire me"]


def test_phrase_rules_skip_quotes() -> None:
    body = 'Your colleague joked that "I still haven\'t heard" is a bad opener.'
    assert found(wrap(body), "tone.impatient") == []
    assert found(wrap("I still haven't heard from you."), "tone.impatient") == [
        "I still haven't heard"]


def test_finding_points_at_the_words() -> None:
    f = [f for f in lint(wrap("Your time was kind.\nCould you give me a call back?"), CTX)
         if f.rule == "tone.call-me-back"]
    assert [(x.line, x.column, x.excerpt, x.severity) for x in f] == [
        (6, 11, "give me a call", "error")]


def test_offering_a_number_passes() -> None:
    assert found(wrap("You can reach me at 555-0100. I'll call you next week."),
                 "tone.call-me-back") == []


def test_name_drop_title_or_endorsement() -> None:
    assert found(wrap("Your CFO, Mark Benson, suggested I apply."), "tone.name-drop") == [
        "CFO, Mark Benson"]
    assert found(wrap("Tom Reyes knows my work well."), "tone.name-drop") == ["knows my work"]
    assert found(wrap("Director Karen Liu was in the lobby."), "tone.name-drop") == [
        "Director Karen Liu"]


def test_name_drop_skips_recorded_people_and_nameless_titles() -> None:
    ctx = LintContext(people=("Dana Whitfield",), titles=("Head of Analytics",),
                      company="Acme Analytics")
    assert found(wrap("Dana Whitfield, your Head of Analytics, was kind."), "tone.name-drop",
                 ctx) == []
    assert found(wrap("The director role sounds right for your team."), "tone.name-drop",
                 ctx) == []
    assert found(wrap("A colleague referred me to your team."), "tone.name-drop", ctx) == []


def test_gimmick_is_a_warning() -> None:
    f = [f for f in lint(wrap("Your team will enjoy the cupcakes."), CTX)
         if f.rule == "tone.gimmick"]
    assert [(x.severity, x.excerpt) for x in f] == [("warning", "cupcakes")]
