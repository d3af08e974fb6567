"""tone.negative by Culpeper's impoliteness formulae (lint/readings.py, round seven): an
unpalatable question, condescension, a rigged process, a pointed well-wish, an enforcer.
Each reading is shown firing with its name and words; the same words used innocently pass;
the fresh sentence set (tests/core/lint/data/impolite_sentences.toml) holds its figures;
and Hypothesis checks what a user relies on: a rude line among innocent ones is still
found, innocent lines alone draw nothing, and the order of the sentences does not matter."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.core.lint import LintContext, lint, readings

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sentences import load, tone_rules, wrong  # noqa: E402

CTX = LintContext(kind="final", company="Pylon Engineering", role="Designer",
                  people=("Nia Brook",), candidate="Sam Lee")


def note(body: str) -> str:
    return f"Dear Nia,\n\n{body}\n\nBest regards,\nSam Lee\n"


def negative(body: str) -> str | None:
    """The tone.negative message a body draws, if any."""
    return next((f.message for f in lint(note(body), CTX) if f.rule == "tone.negative"),
                None)


# (sentence, reading, a word the finding must quote). Wordings of their own, not the
# sentence set's nor the tuning notes'.
RUDE = [
    ("Why has nobody in your office picked up the phone since May?", "unpalatable question",
     "nobody"),
    ("What was the point of the personality test if no one looked at it?",
     "unpalatable question", "point of"),
    ("I deserve an explanation of the scoring.", "unpalatable question", "i deserve an"),
    ("A bit of friendly advice: tell candidates the dress code.", "condescension",
     "friendly advice"),
    ("You would do well to train your interviewers.", "condescension", "do well to"),
    ("Good recruiters never keep applicants guessing.", "condescension", "good recruiters"),
    ("The role was never genuinely open to outsiders.", "rigged process", "never genuinely open"),
    ("Your panel had its mind made up before I sat down.", "rigged process", "made up"),
    ("I hope he's worth it.", "pointed well-wish", "worth it"),
    ("Best of luck with the audit; you'll need every bit of it.", "pointed well-wish",
     "need"),
    ("Enjoy recruiting all over again in six months.", "pointed well-wish", "recruiting"),
    ("Listen carefully to what I am about to say.", "enforcer", "listen carefully"),
    ("I'll be telling every applicant I meet what happened.", "enforcer", "telling every"),
    ("You can expect to hear from my lawyer.", "enforcer", "my lawyer"),
    ("I must thank you for showing me how not to hire.", "mock politeness", "how not to"),
    ("So much for your assurances about feedback.", "mock politeness", "so much for"),
]

# The same words used innocently, after published good notes.
INNOCENT = [
    "Why I enjoyed the day so much was the tour of the test rig.",
    "What exactly does the induction week involve?",
    "Could you explain how the shift pattern works in winter?",
    "A word of thanks to Priya for the coffee and the tour.",
    "I'd suggest we speak on Tuesday morning, if that suits.",
    "Thank you for the advice on the portfolio; I've updated it.",
    "I've had this kind of studio in mind all along.",
    "I understand the decision will be made after the final round.",
    "I know the reference check is a formality, and mine are ready.",
    "Good luck with the launch next week.",
    "I hope the move to the new office goes smoothly.",
    "Enjoy the long weekend.",
    "Let me be clear about my notice period: it is four weeks.",
    "I will be telling my tutor how welcoming your team was.",
    "Never mind the train delay; the interview more than made up for it.",
    "I expect to finish my placement in June.",
    "Thank you for taking the time to meet me on a Friday.",
    "How generous of you to spare an hour for the site tour.",
    "You told me the team reads every portfolio closely, which I appreciated.",
]


@pytest.mark.parametrize(("sentence", "name", "words"), RUDE,
                         ids=[r[1] + ": " + r[0][:30] for r in RUDE])
def test_each_formula_fires_and_says_which(sentence: str, name: str, words: str) -> None:
    found = readings.read_sentence(sentence.lower(), "", frozenset({"pylon"}))
    assert found is not None, sentence
    reading, carriers = found
    assert (reading.rule, reading.name) == ("tone.negative", name)
    assert any(words in c for c in carriers), carriers
    assert negative(sentence + " I remain very interested in the Designer role.")


@pytest.mark.parametrize("sentence", INNOCENT)
def test_the_same_words_used_innocently_pass(sentence: str) -> None:
    assert readings.read_sentence(sentence.lower(), "", frozenset({"pylon"})) is None
    assert tone_rules(sentence) == set()


def test_every_formula_is_shown_firing() -> None:
    assert {r.name for r in readings.CULPEPER} == {r[1] for r in RUDE}


def test_the_finding_names_the_formula_and_quotes_its_words() -> None:
    msg = negative("Let me be clear: I will not apply again.")
    assert msg is not None and " - enforcer: " in msg and '"let me be clear:"' in msg


def test_their_words_denied_by_a_bare_tag_are_mock_politeness() -> None:
    msg = negative("You told me the team reads every CV. Apparently not.")
    assert msg is not None and " - mock politeness: " in msg
    assert negative("You told me the team reads every CV. I hope mine was useful.") is None


def test_a_question_about_the_writers_own_slip_asks_nothing_of_them() -> None:
    for sentence in ("Did I miss anything you needed from me?",
                     "Could you send me the notes I missed?",
                     "Why did I forget to mention the certificate? It is attached now."):
        assert negative(sentence) is None, sentence
    assert negative("Why was I dropped without a word?")  # done to the writer: theirs


# -- the fresh sentence set ---------------------------------------------------------------
LINES = load()
TUNE_RUDE = [x.text for x in LINES if x.rude and x.part == "tune"]
CLEAN = [x.text for x in LINES if not x.rude and not wrong(x)]


def test_the_set_is_what_it_says() -> None:
    assert sum(x.rude for x in LINES) == 270 and sum(not x.rude for x in LINES) == 270
    assert {(x.part, x.batch) for x in LINES} == {("tune", "a"), ("heldout", "a"),
                                                  ("tune", "b"), ("heldout", "b")}
    assert {x.group for x in LINES if x.rude} == {"question", "condescension", "rigged",
                                                  "illwish", "enforcer", "mock"}
    assert len({x.text for x in LINES}) == len(LINES)  # no line twice


def test_rude_lines_of_the_tuning_part_draw_tone_negative() -> None:
    caught = sum(not wrong(x) for x in LINES if x.rude and x.part == "tune")
    assert caught >= 152, caught  # 159 of 160 when this round ended (40 before it)


@pytest.mark.parametrize(("batch", "floor"), [("a", 20), ("b", 16)])
def test_held_out_rude_lines_do_no_worse_than_when_measured(batch: str, floor: int) -> None:
    """The held-out parts were never tuned on. Batch a: 4 of 50 before the round, 18 after
    the first tuning, 20 at the end; batch b (written after the first tuning): 4 of 50
    with the round's starting rules, 10 after the first tuning and 10 at the end, and its
    mock-politeness lines (written after the second) 3 of 10 before and after the third.
    Round nine's readings (written for another set) lifted batch b from 13 to 16.
    A change that loses any of them is a regression (counts only: no line is shown)."""
    caught = sum(not wrong(x) for x in LINES
                 if x.rude and x.part == "heldout" and x.batch == batch)
    assert caught >= floor, f"{caught} of 50"


def test_at_most_one_innocent_line_in_a_hundred_draws_tone_negative() -> None:
    innocent = [x for x in LINES if not x.rude]
    negative_ = sum("tone.negative" in tone_rules(x.text) for x in innocent)
    assert negative_ <= len(innocent) // 100, f"{negative_} of {len(innocent)}"
    # any tone rule: 6 of 270 when the round ended, 5 of them tone.impatient's phrase
    # families ("Can anyone there tell me the access code?", "your word", "the promise
    # of a quick decision"), left to that rule's tables; 7 with the stance model wired in
    # round eleven: the one more innocent line its decision rule allowed (+1 of 130 innocent
    # held-out lines for +19 of 130 rude ones, stance's docstring)
    loud = sum(wrong(x) for x in innocent)
    assert loud <= 7, f"{loud} of {len(innocent)}"


@settings(deadline=None)  # the first example loads VADER's lexicon: timing is no behaviour
@given(st.lists(st.sampled_from(CLEAN), max_size=5), st.sampled_from(TUNE_RUDE),
       st.integers(min_value=0, max_value=5))
def test_a_rude_line_among_innocent_ones_is_still_found(
        innocent: list[str], rude: str, at: int) -> None:
    lines = list(innocent)
    lines.insert(min(at, len(lines)), rude)
    if wrong(next(x for x in LINES if x.text == rude)):
        return  # the one tuning line the readings miss alone
    assert negative(" ".join(lines)), lines


@settings(deadline=None)
@given(st.lists(st.sampled_from(CLEAN), min_size=1, max_size=8))
def test_innocent_lines_alone_draw_nothing(lines: list[str]) -> None:
    assert tone_rules(" ".join(lines)) == set()


@settings(deadline=None)
@given(st.lists(st.sampled_from(CLEAN + TUNE_RUDE), min_size=1, max_size=6)
       .flatmap(lambda xs: st.tuples(st.just(xs), st.permutations(xs))))
def test_what_a_note_draws_does_not_depend_on_sentence_order(
        pair: tuple[list[str], list[str]]) -> None:
    first, shuffled = pair
    assert (negative(" ".join(first)) is None) == (negative(" ".join(shuffled)) is None)
