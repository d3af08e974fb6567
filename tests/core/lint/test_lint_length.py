"""length.*: the body's words against the rulebook's thresholds, per kind."""

from __future__ import annotations

import pytest

from followup.core.lint import LintContext, lint
from followup.core.lint.parse import parse


def note(words: int) -> str:
    """A note whose body has exactly `words` words (subject, greeting, sign-off aside)."""
    body = " ".join(["word"] * words)
    return f"Subject: Thank you for the interview today\n\nDear Dana,\n\n{body}\n\nBest,\nAlex\n"


def rules(text: str, kind: str = "thank_you") -> set[str]:
    return {f.rule for f in lint(text, LintContext(kind=kind))}


def test_note_helper_counts_only_the_body() -> None:
    assert len(parse(note(150)).body_words) == 150


def test_150_words_is_fine_151_warns() -> None:
    assert "length.words" not in rules(note(150))
    found = [f for f in lint(note(151)) if f.rule == "length.words"]
    assert [(f.severity, f.message) for f in found] == [
        ("suggestion", "151 words; keep a thank-you note within 150.")]


def test_250_words_is_no_error_251_is() -> None:
    assert "length.scroll" not in rules(note(250), "check_in")
    assert {"length.scroll", "length.words"} <= rules(note(251), "check_in")
    assert [f.severity for f in lint(note(251)) if f.rule == "length.scroll"] == ["error"]


def test_25_words_is_fine_24_is_a_one_liner() -> None:
    assert "length.one-liner" not in rules(note(25))
    assert "length.one-liner" in rules(note(24))


def test_one_liner_counts_words_not_lines() -> None:
    text = "Subject: Hi\n\nDear Dana,\n\n" + "\n".join(["word word word"] * 8) + "\n\nBest,\nAlex\n"
    assert len(parse(text).body_words) == 24
    assert "length.one-liner" in rules(text)


def test_letter_fits_one_page() -> None:
    assert not {"length.one-page", "length.words", "length.scroll"} & rules(note(350), "letter")
    assert "length.one-page" in rules(note(351), "letter")
    assert "length.scroll" not in rules(note(351), "letter")  # every kind but letter


@pytest.mark.parametrize("kind", ["letter", "voicemail"])
def test_words_and_one_liner_only_for_notes(kind: str) -> None:
    assert not {"length.words", "length.one-liner"} & rules(note(160), kind)
    assert "length.one-liner" not in rules(note(5), kind)


@pytest.mark.parametrize("kind", ["thank_you", "check_in", "final"])
def test_words_applies_to_notes(kind: str) -> None:
    assert "length.words" in rules(note(151), kind)


def test_quoted_text_counts_for_length() -> None:
    quoted = "> " + " ".join(["word"] * 140)
    text = note(20).replace("\n\nBest,", "\n\n" + quoted + "\n\nBest,")
    assert "length.words" in rules(text)


def test_suppression_comment_is_not_counted() -> None:
    comment = "<!-- followup: disable=content.thanks -->\n"
    text = note(150).replace("Dear Dana,\n", "Dear Dana,\n" + comment)
    assert len(parse(text).body_words) == 150
    assert "length.words" not in rules(text)
