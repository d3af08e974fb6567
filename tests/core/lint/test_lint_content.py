"""content.*: what a follow-up should contain, per kind, skipped when its input is missing."""

from __future__ import annotations

from datetime import date

import pytest

from followup.core.lint import LintContext, lint
from followup.core.lint.content import listing_keys, stem

BASE = LintContext(kind="thank_you", company="Acme Analytics", role="Senior Data Analyst",
                   topics=("moving monthly reporting onto dbt", "stakeholder dashboards"))


def rules(body: str, ctx: LintContext = BASE) -> set[str]:
    text = f"Subject: Hello\n\nDear Dana,\n\n{body}\n\nBest,\nAlex\n"
    return {f.rule for f in lint(text, ctx)}


def with_kind(kind: str, **kw: object) -> LintContext:
    from dataclasses import replace

    return replace(BASE, kind=kind, **kw)  # type: ignore[arg-type]


def test_thanks_anywhere_in_the_body() -> None:
    assert "content.thanks" in rules("Your team was great.")
    for word in ("Thank you", "Thanks", "I appreciate it", "I'm grateful"):
        assert "content.thanks" not in rules(f"{word}. Your team was great.")


def test_thanks_only_for_thank_you_and_letter() -> None:
    assert "content.thanks" in rules("Your team was great.", with_kind("letter"))
    assert "content.thanks" not in rules("Your team was great.", with_kind("check_in"))


def test_thanks_in_the_sign_off_does_not_count() -> None:
    text = "Subject: Hi\n\nDear Dana,\n\nYour team was great.\n\nThanks,\nAlex\n"
    assert "content.thanks" in {f.rule for f in lint(text, BASE)}


def test_interest_needs_a_word_and_this_role_in_one_sentence() -> None:
    assert "content.interest" not in rules("I'm very interested in the Senior Data Analyst role.")
    assert "content.interest" not in rules("I'm excited about this opportunity.")
    assert "content.interest" not in rules("Acme Analytics appeals to me.")
    assert "content.interest" not in rules("I want to join your team at Acme Analytics.")
    assert "content.interest" in rules("Any job in analytics would interest me.")
    assert "content.interest" in rules("I'm excited. The role is great.")  # two sentences


def test_interest_for_every_kind() -> None:
    for kind in ("thank_you", "check_in", "final", "letter", "voicemail"):
        assert "content.interest" in rules("Your team was great.", with_kind(kind))


def test_specifics_half_of_a_topic_stemmed() -> None:
    # "moving monthly reporting onto dbt": 5 content words, 3 needed
    assert "content.specifics" not in rules("Your plan to move monthly reports was clear.")
    assert "content.specifics" in rules("Your monthly plan was clear.")
    assert "content.specifics" not in rules("Your stakeholder dashboard idea was clear.")
    assert "content.specifics" not in rules("Your stakeholders were kind.")  # 1 of 2 words
    one = with_kind("thank_you", topics=("moving monthly reporting onto dbt",))
    assert "content.specifics" in rules("Your plan to move. Monthly reports were clear.", one)


def test_specifics_without_topics_reads_the_note_for_boilerplate() -> None:
    """No recorded topic: a template note (nothing but stock phrases) still warns."""
    template = ("Thank you for taking the time to meet with me today about the position. I "
                "enjoyed our conversation and learning more about the role and your company. I "
                "believe my skills and experience would make me a strong fit for your team.")
    no_topics = with_kind("thank_you", topics=())
    found = [f for f in lint(template, no_topics) if f.rule == "content.specifics"]
    assert [(f.severity, f.message) for f in found] == [
        ("warning", "Mentions nothing specific from the interview (only phrases any "
                    "thank-you could hold).")]
    specific = template + (" Your plan to move the nightly claims batch onto a stream is "
                           "the part I keep thinking about.")
    assert "content.specifics" not in rules(specific, no_topics)
    assert "content.specifics" not in rules(template, with_kind("check_in"))


def test_stemmer_joins_inflections() -> None:
    assert stem("reporting") == stem("reports") == stem("report")
    assert stem("moving") == stem("move")
    assert stem("dashboards") == stem("dashboard")


def test_mirror_uses_the_listings_key_words() -> None:
    listing = ("We want an analyst for reconciliation and forecasting. Reconciliation of "
               "ledgers is daily work. Forecasting drives the budget.")
    keys = listing_keys(listing)
    assert keys[0] == stem("reconciliation") and stem("forecasting") in keys
    ctx = with_kind("thank_you", listing=listing)
    found = [f for f in lint("Subject: x\n\nDear Dana,\n\nYour team was great.\n", ctx)
             if f.rule == "content.mirror"]
    assert [f.severity for f in found] == ["info"]
    assert "content.mirror" not in rules("Your reconciliation and forecasting plans.", ctx)
    assert "content.mirror" not in rules("Your team was great.")  # no listing: skipped


def test_next_step_says_when() -> None:
    assert "content.next-step" not in rules("I'll check in next week.")
    assert "content.next-step" not in rules("If I haven't heard by Friday, I'll follow up.")
    assert "content.next-step" in rules("I look forward to hearing from you.")
    assert "content.next-step" in rules("I'll follow up.")  # no when


@pytest.mark.parametrize("sentence", [
    "You'll hear from me next week, and you are welcome to reach out before then.",
    "You expected to decide by Friday 20 March, so you'll hear from me after that date.",
    "You can expect a short follow-up next week, and you are welcome to get in touch sooner.",
    "Your decision is due by Friday 20 March; a short check-in will follow after that date.",
    "You'll have a quick check-in next week; until then, you are welcome to get in touch.",
])
def test_next_step_said_from_their_side_as_drafts_say_it(sentence: str) -> None:
    # issue 23: the demo's own draft said "You'll hear from me next week" and was told it
    # doesn't say when you'll follow up
    assert "content.next-step" not in rules(sentence)
    if "next week" in sentence:  # the promise without its when is still no next step
        assert "content.next-step" in rules(sentence.split(" next week")[0] + ".")


def test_every_thank_you_draft_says_when_it_will_follow_up() -> None:

    from followup.core.compose import draft
    from followup.core.lint import context_from_case, lint
    from followup.demo import demo_cases

    checked = 0
    for case in demo_cases(date(2026, 3, 2)):
        for iv in case.interviews:
            for who in iv.interviewers:
                text = draft(case, "thank_you", who, iv.at.date()).text()
                found = lint(text, context_from_case(case, "thank_you", who))
                assert "content.next-step" not in {f.rule for f in found}, text
                checked += 1
    assert checked >= 3


def test_where_left_off_recalls_their_date() -> None:
    ctx = with_kind("check_in", promised=date(2026, 3, 20))
    assert "content.where-left-off" in rules("Your team was great.", ctx)
    for body in ("Your decision by Friday is near.", "Your plan was 20 March.",
                 "You mentioned a few weeks.", "Your date of March 20th is near."):
        assert "content.where-left-off" not in rules(body, ctx), body
    assert "content.where-left-off" not in rules("Your team was great.", with_kind("check_in"))


def test_other_options_in_the_final_only() -> None:
    assert "content.other-options" in rules("Your team was great.", with_kind("final"))
    assert "content.other-options" not in rules(
        "I'm talking with other companies and need to plan.", with_kind("final"))
    assert "content.other-options" not in rules("Your team was great.", with_kind("check_in"))


def test_value_is_info() -> None:
    found = [f for f in lint("Subject: x\n\nDear Dana,\n\nYour team was great.\n",
                             with_kind("check_in")) if f.rule == "content.value"]
    assert [f.severity for f in found] == ["info"]
    assert "content.value" not in rules("I finished a course on dbt.", with_kind("check_in"))
