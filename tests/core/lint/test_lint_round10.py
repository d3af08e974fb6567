"""Round ten's readings (issue 22): the false alarms of blind batches K and L fixed where the
rules misread them (a business letter's heading, a title in title case, the writer's own
family, their decision date recalled, a closing note that stops chasing), and readings for
their misses (silence read aloud, attempts and channels listed, the day they gave recalled,
condescension, courtesy turned round, entitlement, a gift without the word).

Each shape is shown in wordings of its own (not the sentence set's nor the tuning notes'):
the innocent form passes and its hostile twin still draws the rule; the fresh sentence set
(tests/core/lint/data/round10_sentences.toml) holds its figures; Hypothesis checks that a
letter's heading never changes what the letter draws, and that a closing note turns into
an ultimatum as soon as it sets them a deadline."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.core.lint import LintContext, readings

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sentences import FINAL_CTX, final_note, load_round10, tone_messages, wrong  # noqa: E402

CTX = FINAL_CTX
note = final_note
found = tone_messages


def body(text: str) -> dict[str, str]:
    return found(note(text))


# -- false alarms: a letter's heading ------------------------------------------------------
LETTER_CTX = LintContext(kind="letter", company="Brightwater Utilities",
                         role="Process Technician", people=("Owen Pryce",),
                         candidate="Ada Mensah")
LETTER_BODY = ("Thank you for showing me the filtration hall on 3 June and for explaining "
               "the new dosing controls. I am very interested in the Process Technician "
               "position at Brightwater Utilities.\n\nSincerely,\n\nAda Mensah\n")
HEADINGS = [
    "Ada Mensah\n4 Quarry Lane\nHexham NE46 1AB",
    "12 June 2026",
    "Mr Owen Pryce\nWorks Superintendent\nBrightwater Utilities\n9 Tanners Circus\nDurham DH1 3LE",
    "Dr. Owen Pryce\nChair, Selection Panel\nBrightwater Utilities",
    "Owen Pryce\nHead of Operations\nBrightwater Utilities",
]


def letter(heading: str, greeting: str = "Dear Mr Pryce:") -> str:
    return f"{heading}\n\n{greeting}\n\n{LETTER_BODY}"


@pytest.mark.parametrize("heading", HEADINGS)
def test_a_letters_heading_draws_no_tone_rule(heading: str) -> None:
    assert found(letter(heading), LETTER_CTX) == {}


def test_a_sentence_above_the_greeting_is_still_read() -> None:
    """Only short lines that are no sentence make a heading: words to them above the
    greeting are theirs to read."""
    text = letter("Ada Mensah\nWhat a circus your process is.")
    assert "tone.negative" in found(text, LETTER_CTX)


@pytest.mark.parametrize("above", [
    "Thanks for nothing",
    "What a joke\nSeriously",
])
def test_a_line_or_two_above_the_greeting_are_read(above: str) -> None:
    """A heading is an address block of three lines or more; a line or two of unpunctuated
    words above the greeting are the writer's, and are read."""
    assert "tone.negative" in found(letter(above), LETTER_CTX), above


def test_a_title_in_title_case_after_an_article_is_no_name() -> None:
    assert "tone.name-drop" not in body("Please thank the Works Superintendent for the tour.")
    # a named senior person still is
    assert "tone.name-drop" in body("Greta Holm, your Director, told me I'd be a good fit.")


def test_the_writers_family_is_no_endorsement_unless_tied_to_their_side() -> None:
    assert "tone.name-drop" not in body(
        "I must withdraw: we are moving to Galway in August to look after my father.")
    assert "tone.name-drop" in body(
        "My father, Declan Shaw, works in your finance team and knows my work.")


# -- false alarms: their date recalled, a closing note -------------------------------------
def test_their_decision_date_recalled_is_no_demand() -> None:
    for line in ("I understand the panel expects to make a decision by the 30th.",
                 "You had planned to make a decision by Friday, so I thought I'd check in.",
                 "I know the board will make a decision by the end of June."):
        assert "tone.impatient" not in body(line), line
    assert "tone.impatient" in body("Please make your decision by Friday.")


@pytest.mark.parametrize("line", [
    "I haven't heard more, so I'll assume you've chosen someone else, and I won't keep "
    "chasing.",
    "If nothing comes, I'll take that as a no and wish the team every success.",
    "I'm weighing another offer and need to plan, so I'll assume the role has moved on.",
])
def test_a_closing_note_that_stops_chasing_charges_nothing(line: str) -> None:
    got = body(line)
    assert "tone.impatient" not in got and "tone.negative" not in got, got


def test_a_deadline_turns_a_closing_into_an_ultimatum() -> None:
    assert "tone.impatient" in body(
        "If I don't hear by Thursday, I'll assume the answer is no and wish you well.")


@pytest.mark.parametrize("line", [
    "I won't keep chasing; thanks for nothing, and all the best.",
    "I'll stop chasing now; your process was a joke, but I wish you all the best.",
    "I won't keep chasing you people, it's a waste of my time. Best wishes.",
    "Since nobody had the decency to reply, I won't keep chasing. Good luck.",
])
def test_rudeness_in_a_closing_sentence_stays_rude(line: str) -> None:
    # A closing clears only what reads as impatience or a courtesy held against them
    # ("I'll take that as a no"); an insult beside "all the best" is still an insult.
    assert "tone.negative" in body(line), line


def test_an_earlier_message_recalled_closes_nothing() -> None:
    assert "tone.negative" in body(
        "In case you didn't understand my last message, I am available.")


# -- misses: the readings -----------------------------------------------------------------
@pytest.mark.parametrize(("line", "rule", "words"), [
    ("Nobody has rung back, so I suppose that's my answer.",
     "tone.impatient", "that's my answer"),
    ("I'll draw my own conclusions from the quiet.", "tone.impatient", "draw my own conclusions"),
    ("I've phoned your desk, emailed your assistant and texted, and nothing.",
     "tone.impatient", "and nothing"),
    ("You told me Thursday. Its Saturday.", "tone.impatient", "its saturday"),
    ("Sorting the post is hardly brain surgery.", "tone.negative", "brain surgery"),
    ("May I suggest your interviewers read the brief before the next round.", "tone.negative",
     "your interviewers"),
    ("How very gracious of you to tell me in writing what you'd already said.",
     "tone.negative", "gracious of you"),
    ("A person with my credentials deserves a real answer.", "tone.negative", "deserves"),
    ("I've sent a crate of our cider to your office for the panel.", "tone.gimmick",
     "a crate of"),
])
def test_each_reading_fires_and_quotes_its_words(line: str, rule: str, words: str) -> None:
    got = body(line)
    assert rule in got, got
    assert words in got[rule].lower(), got[rule]


@pytest.mark.parametrize("line", [
    "I suppose the new quarter keeps everyone busy, which I understand.",
    "I've emailed the signed forms and phoned reception about parking.",
    "The date you named for the start works well for me.",
    "I'd suggest a short call on Tuesday if that suits you.",
    "How very kind of you to send the reading list.",
    "With my background in water quality, I'd welcome any feedback you can share.",
    "I dropped off a box of the signed forms at reception.",
    "I've left a few samples of my work with your receptionist.",
])
def test_their_innocent_twins_pass(line: str) -> None:
    assert body(line) == {}, line


def test_the_new_readings_are_read_last() -> None:
    # read after round nine's, and only rounds eleven's to fourteen's after them
    n = (len(readings.ROUND11) + len(readings.ROUND12) + len(readings.ROUND13)
         + len(readings.ROUND13B) + len(readings.ROUND14))
    assert readings.READINGS[-2 - n:-n] == readings.ROUND10 == (readings.SILENCE,
                                                                readings.COURTESY)
    assert (readings.SILENCE.rule, readings.COURTESY.rule) == ("tone.impatient", "tone.negative")


# -- the fresh sentence set -----------------------------------------------------------------
LINES = load_round10()


def test_the_set_is_what_it_says() -> None:
    assert sum(x.rude for x in LINES) == 84 and sum(not x.rude for x in LINES) == 88
    assert sum(x.part == "heldout" for x in LINES) == 86  # 42 hostile, 44 innocent
    assert len({x.text for x in LINES}) == len(LINES)


def test_hostile_lines_of_the_tuning_part_draw_their_rule() -> None:
    caught = sum(not wrong(x) for x in LINES if x.rude and x.part == "tune")
    assert caught >= 40, caught  # 42 of 42 when this round ended (21 before it)


def test_innocent_lines_of_the_tuning_part_stay_quiet() -> None:
    loud = sum(wrong(x) for x in LINES if not x.rude and x.part == "tune")
    assert loud <= 2, loud  # 2 of 44 when this round ended (8 before it)


HELDOUT_END = (20, 1)  # (hostile caught, innocent flagged) at the end; (13, 6) before the round


def test_held_out_lines_do_no_worse_than_when_measured() -> None:
    """Never tuned on: measured once before the round and once at its end (counts only)."""
    held = [x for x in LINES if x.part == "heldout"]
    caught = sum(not wrong(x) for x in held if x.rude)
    loud = sum(wrong(x) for x in held if not x.rude)
    assert caught >= HELDOUT_END[0] and loud <= HELDOUT_END[1], (caught, loud)


# -- properties -----------------------------------------------------------------------------
_ADDRESS = st.sampled_from(["4 Quarry Lane", "9 Tanners Circus", "Flat 2, 18 Mill Row",
                            "Durham DH1 3LE", "Hexham NE46 1AB", "Brightwater Utilities"])
_TITLE = st.sampled_from(["Works Superintendent", "Chair, Selection Panel",
                          "Head of Operations", "Director of Nursing", "Managing Partner",
                          "Plant Manager", "Dean of Students"])
_DATE = st.sampled_from(["12 June 2026", "June 12, 2026", "2026-06-12"])


@settings(deadline=None, max_examples=60)
@given(st.lists(_ADDRESS, max_size=3), _DATE, _TITLE, st.lists(_ADDRESS, max_size=3))
def test_a_heading_never_changes_what_a_letter_draws(
        own: list[str], day: str, title: str, theirs: list[str]) -> None:
    """Any heading of address lines, a date and the recipient's title leaves the letter's
    tone findings what they are without it (none)."""
    heading = "\n".join(["Ada Mensah", *own, "", day, "", "Mr Owen Pryce", title, *theirs])
    assert found(letter(heading), LETTER_CTX) == {}


_CLOSE = st.sampled_from([
    "I'll assume you've gone another way and I won't keep chasing.",
    "I'll take that as a no and wish you all the best.",
    "I'll assume the role is filled, and that's completely fine.",
])
_DEADLINE = st.sampled_from(["by Friday", "by the 14th", "by the end of the week",
                             "within two days", "by tomorrow"])


@settings(deadline=None, max_examples=40)
@given(_CLOSE, _DEADLINE)
def test_a_closing_note_with_a_deadline_for_them_is_flagged(close: str,
                                                                  deadline: str) -> None:
    assert found(note(close)) == {}
    got = found(note(f"If I don't hear {deadline}, {close[0].lower()}{close[1:]}"))
    # "take that as a no" with a deadline reads as a failed expectation held up to them
    assert "tone.impatient" in got or "tone.negative" in got
