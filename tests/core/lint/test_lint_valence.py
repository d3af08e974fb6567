"""tone.negative by reading (lint/valence.py): sentence valence from VADER's lexicon, aimed
at the reader, with irony markers and turn-round tags. Each finding says its reading and
the words that carry it; the writer's own feelings and politeness formulas pass."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from followup.core.lint import LintContext, lint, valence

CTX = LintContext(kind="thank_you", company="Pylon Engineering", role="Designer",
                  people=("Nia Brook",), candidate="Sam Lee")


def note(body: str) -> str:
    return f"Dear Nia,\n\n{body}\n\nBest regards,\nSam Lee\n"


def negative(body: str) -> list[str]:
    return [f.message for f in lint(note(body), CTX) if f.rule == "tone.negative"]


def test_sarcastic_praise_of_their_treatment_is_explained() -> None:
    [msg] = negative("Your hiring team has a funny idea of respect for people's time. "
                     "I'd still like to join Pylon Engineering.")
    assert "sarcasm" in msg and '"funny idea"' in msg and '"respect"' in msg
    assert "people's time" in msg  # the sentence is the excerpt


def test_bitterness_aimed_at_them_is_explained_and_has_a_try_line() -> None:
    [f] = [f for f in lint(note("You wasted a whole Friday of mine on that interview."), CTX)
           if f.rule == "tone.negative"]
    assert "bitterness" in f.message and '"wasted"' in f.message and '"you"' in f.message
    assert f.severity == "error" and f.suggestion.startswith("Keep it gracious")


def test_mock_certainty_and_a_turn_round_tag() -> None:
    assert any("mock certainty" in m
               for m in negative("We both know your panel had decided already."))
    [msg] = negative("Thanks so much for keeping me updated on the role. Oh wait, you "
                     "didn't.")
    assert "oh wait" in msg
    [msg] = negative("I will assume the whole of Pylon Engineering is on holiday. Again.")
    assert "tag" in msg and '"again"' in msg


def test_the_writers_own_feelings_and_politeness_pass() -> None:
    for body in (
        "I was disappointed and a little shocked, of course, but thank you for telling me "
        "so kindly. I'd welcome being considered for future roles at Pylon Engineering.",
        "Sorry to bother you again; I know the team is busy, so no pressure at all. I'm "
        "still very interested in the Designer role.",
        "You clearly care about your apprentices, and I'd love to join Pylon Engineering.",
        "I'm sure the quarter end keeps you busy. I remain keen on the Designer role.",
        "I finally got to see the test bay, and the only question left is when I can start.",
        "I guess my favourite part was the failure analysis you walked me through.",
    ):
        assert negative(body) == [], body


def test_a_negative_word_about_the_work_is_not_about_them() -> None:
    assert negative("I have written that kind of failure report for two clients, and I "
                    "would be glad to do it for you.") == []


def test_the_lexicon_is_read_lazily() -> None:
    code = ("import sys; from followup.core.lint import lint; "
            "print('vaderSentiment' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"
    assert len(valence.lexicon()) > 7000 and valence.lexicon()["wasted"] < 0


_READERLESS = st.sampled_from(sorted(
    ({w for w in list(valence.lexicon())[::7] if w.isalpha()}
     | set(valence.TREATMENT) | {w for m in valence.IRONY for w in m} | {"i", "my", "the"})
    - valence.READER))


@given(st.lists(_READERLESS, min_size=1, max_size=25))
def test_a_sentence_that_does_not_speak_of_them_never_reads(words: list[str]) -> None:
    """Sarcasm and bitterness are aimed at the reader: without a word for them (you, the
    company, the panel) no sentence has a reading, whatever its valence."""
    assert valence.reading(words, frozenset({"pylon", "engineering"})) is None


@given(st.sampled_from(sorted(w for w, v in valence.lexicon().items()
                              if v > 1 and w.isalpha() and w not in valence.POLITE)))
def test_a_negation_turns_praise_negative(word: str) -> None:
    [(w, v)] = valence.scored(["not", word])
    assert w == word and v < 0
