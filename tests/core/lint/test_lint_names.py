"""names.*: near-misses of recorded names, and the greeting's recipient."""

from __future__ import annotations

from followup.core.lint import LintContext, lint
from followup.core.lint.names import ordinary
from followup.core.model import Person

CTX = LintContext(people=("John Hartley", "Priya Raman"), company="Acme Analytics",
                  candidate="Alex Morgan", recipient=Person("john", "John Hartley"))


def spelled(body: str, greeting: str = "Dear John,", ctx: LintContext = CTX) -> list[str]:
    text = f"Subject: Thank you\n\n{greeting}\n\n{body}\n\nBest,\nAlex Morgan\n"
    return [f.excerpt for f in lint(text, ctx) if f.rule == "names.spelling"]


def test_one_edit_off_a_short_name() -> None:
    assert spelled("Your time was kind.", greeting="Dear Jon,") == ["Jon"]


def test_company_near_miss_as_a_pair() -> None:
    assert spelled("Your team at Acme Analytic was great.") == ["Acme Analytic"]


def test_two_edits_off_a_long_name() -> None:
    assert spelled("Thanks to Priya Ramman and Jon Hartly.") == ["Priya Ramman", "Jon Hartly"]
    assert spelled("Your note reached Hartlyy.") == ["Hartlyy"]


def test_three_edits_is_another_name() -> None:
    assert spelled("Your colleague Hartwiggy was kind.") == []


def test_short_names_allow_one_edit_only() -> None:
    ctx = LintContext(people=("Dana Whitfield",))
    assert spelled("Your team, Dama, was great.", "Hi,", ctx) == ["Dama"]
    assert spelled("Your team, Dom, was great.", "Hi,", ctx) == []  # two edits off Dana


def test_exact_names_and_possessives_pass() -> None:
    assert spelled("John's team and Priya Raman's dashboards at Acme Analytics.") == []
    assert spelled("Priya's point stood out.") == []


def test_possessive_near_miss_is_flagged_without_the_s() -> None:
    assert spelled("Priyas's point stood out.") == ["Priyas"]


def test_ordinary_and_lowercase_words_are_never_names() -> None:
    # "Joint" and "Join" are one or two edits from "John" but ordinary English words
    assert spelled("Join us. Joint work. Rain came. Data moved.") == []
    assert spelled("acme analytic tools and jon are lowercase here.") == []


def test_a_name_nobody_recorded_is_not_a_spelling_error() -> None:
    assert spelled("Your colleague Siobhan was kind, and Bartholomew too.") == []


def test_candidate_name_in_the_signature_is_checked() -> None:
    text = "Subject: Hi\n\nDear John,\n\nYour time was kind.\n\nBest,\nAlex Morgen\n"
    assert [f.excerpt for f in lint(text, CTX) if f.rule == "names.spelling"] == ["Alex Morgen"]


def test_quoted_names_are_skipped() -> None:
    assert spelled('Your slide said "Acme Analytic" by mistake.') == []


def test_word_list_covers_common_words() -> None:
    assert ordinary("Thanks") and ordinary("Looking") and ordinary("I'm")
    assert ordinary("Friday") and ordinary("dashboards")
    assert not ordinary("Whitfield") and not ordinary("Priya")


def wrong(greeting: str, ctx: LintContext = CTX) -> list[str]:
    text = f"Subject: Thank you\n\n{greeting}\n\nYour time was kind.\n\nBest,\nAlex\n"
    return [f.message for f in lint(text, ctx) if f.rule == "names.wrong-recipient"]


def test_greeting_naming_someone_else_is_an_error() -> None:
    assert wrong("Dear Priya,") == [
        "The greeting names Priya Raman, but this note is for John Hartley."]
    assert wrong("Dear Ms. Raman,") != []


def test_greeting_for_the_recipient_or_nobody_passes() -> None:
    assert wrong("Dear John,") == []
    assert wrong("Dear Mr. Hartley,") == []
    assert wrong("Hello,") == []
    assert wrong("Dear hiring team,") == []


def test_a_bare_name_opening_the_note_is_its_greeting() -> None:
    """Casual email opens with the name alone ("Priya," "Ms. Raman:" "Priya -")."""
    for opening in ("Priya,", "Ms. Raman:", "Priya -", "Priya Raman,"):
        assert wrong(opening) != [], opening
    for opening in ("John,", "Mr. Hartley:", "Thanks,", "Team,"):
        assert wrong(opening) == [], opening
    # a name line further down is body text, not a greeting
    text = ("Subject: Thank you\n\nJohn,\n\nThank you for your time. Priya,\n\nBest,\nAlex\n")
    assert [f for f in lint(text, CTX) if f.rule == "names.wrong-recipient"] == []


def test_wrong_recipient_skipped_without_a_recipient() -> None:
    ctx = LintContext(people=("John Hartley", "Priya Raman"))
    assert wrong("Dear Priya,", ctx) == []
