"""Round nine's readings (issue 22): condescension's anatomy, the sceptical tag on a
well-wish, mock thanks for what never came, negligence idioms, demands for an account,
entitlement, attempts counted at them, a deadline for their account, their senior person
invoked (tone.name-drop), a letter's heading (names.spelling) and interest said bare after
the role is named (content.interest).

Each shape is shown firing with the words it quotes, in wordings of its own (not the
sentence set's nor the tuning notes'); the same words used innocently pass; the fresh
sentence set (tests/core/lint/data/round9_sentences.toml) holds its figures; and Hypothesis
checks what a user relies on: a hostile line among innocent ones is still found, innocent
lines alone draw nothing, and a wish is turned round only by a doubt that follows it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.core.lint import LintContext, lint, readings
from followup.core.lint.parse import parse
from followup.core.model import Person

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sentences import (  # noqa: E402
    FINAL_CTX,
    Line,
    final_note,
    load_round9,
    tone_messages,
    tone_rules,
    wrong,
)

CTX = FINAL_CTX
note = final_note


def found(body: str, ctx: LintContext = CTX) -> dict[str, str]:
    """rule -> message of the tone rules a body draws (the pronoun ratio aside)."""
    return tone_messages(note(body), ctx)


# (sentence, rule, reading named in the finding, a word the finding quotes)
HOSTILE = [
    ("Since you offered me so much feedback, allow me to return the favour.",
     "tone.negative", "condescension", "return the favour."),
    ("Maybe reflect on how that process looks to an outsider before you interview anyone "
     "else.", "tone.negative", "condescension", "before you interview anyone else"),
    ("Honestly, that is pretty elementary stuff in logistics.", "tone.negative",
     "condescension", "elementary stuff"),
    ("If your lead had ever run a night shift, he'd understand why I said no, and you "
     "would see it too.", "tone.negative", "condescension", "you would see"),
    ("All of the apprentices I mentored caught on by the second day.", "tone.negative",
     "condescension", "caught on"),
    ("I'm sure your designers will get there.", "tone.negative", "condescension",
     "get there"),
    ("I could teach your team the fundamentals over lunch.", "tone.negative",
     "condescension", "the fundamentals"),
    ("Good luck to whoever got it; I wouldn't count on it lasting.", "tone.negative",
     "pointed well-wish", "i wouldn't count on it"),
    ("Thanks for the written feedback you were going to send.", "tone.negative",
     "mock politeness", "you were going to"),
    ("Real thought went into that one, I can tell.", "tone.negative",
     "mock politeness", "went into that one"),
    ("Somebody in recruitment plainly fumbled the ball.", "tone.negative", "grievance",
     "fumbled the ball"),
    ("The hiring manager never read past the opening paragraph of my letter.",
     "tone.negative", "grievance", "past the opening paragraph"),
    ("Please let me know who vetoed my appointment.", "tone.negative",
     "demand for an account", "who vetoed"),
    ("I'd welcome a detailed account of why the panel ranked me fourth.", "tone.negative",
     "demand for an account", "account of why"),
    ("It is hard to see how the board justified picking a candidate with less depth.",
     "tone.negative", "demand for an account", "justified picking"),
    ("Any interviewer who had listened properly would have appointed me.",
     "tone.negative", "entitlement", "would have appointed me"),
    ("You chose a trainee with a fraction of my track record.", "tone.negative",
     "entitlement", "a fraction of my track record"),
    ("Further to my voicemails on the 4th and the 11th, please advise.", "tone.impatient",
     "counted attempts", "voicemails on the 4th and"),
    ("I am yet again writing about my application.", "tone.impatient", "counted attempts",
     "yet again writing"),
    ("I'll keep phoning your desk until someone picks up.", "tone.impatient",
     "counted attempts", "until"),
    ("I expect the written feedback within a week.", "tone.impatient",
     "a deadline for their reply", "expect the written feedback within"),
]

INNOCENT = [
    "Thank you for the feedback; let me return the favour with the paper on crane loads.",
    "Before you interview the next group, here is the updated portfolio link you asked for.",
    "The induction notes were elementary stuff to me at first, but I'm still glad of them.",
    "If I'd run the numbers twice, I would have spotted the typo on slide four.",
    "Most of the people on the tour picked up hard hats at the gate.",
    "I'm sure I'll get there by nine, even with the roadworks.",
    "I'd be glad to walk your team through my capstone report.",
    "I doubt I can make Tuesday, but I hope Thursday works for the panel.",
    "Best of luck with the bid; I have no doubt you'll win it.",
    "Thank you for the written feedback you sent; it arrived this morning.",
    "A lot of care went into the assessment day, and it showed.",
    "I dropped the ball on my referee's phone number, so here it is.",
    "I did my homework on the new bridge project before we met.",
    "Could you let me know who will chair the second interview?",
    "I'd welcome a short account of the team's projects this year.",
    "I was the first candidate of the day, so thank you for the early coffee.",
    "Further to my email of the 4th, I attach the certificate.",
    "I'm once again grateful for the detailed tour.",
    "I'll keep reading up on your software until the start date.",
    "I require a parking permit for the site visit on Friday, if that is possible.",
]


@pytest.mark.parametrize(("sentence", "rule", "name", "words"), HOSTILE,
                         ids=[h[2] + ": " + h[0][:30] for h in HOSTILE])
def test_each_shape_fires_and_says_which(sentence: str, rule: str, name: str,
                                         words: str) -> None:
    got = found(sentence)
    assert rule in got, (sentence, got)
    msg = got[rule]
    assert f" - {name}: " in msg, msg
    assert words in msg.lower(), msg


@pytest.mark.parametrize("sentence", INNOCENT)
def test_the_same_words_used_innocently_pass(sentence: str) -> None:
    assert found(sentence) == {}, sentence


def test_the_new_readings_are_in_the_order_read() -> None:
    # rounds ten's to fourteen's readings are read after them (test_lint_round10.py to 14)
    later = (len(readings.ROUND10) + len(readings.ROUND11) + len(readings.ROUND12)
             + len(readings.ROUND13) + len(readings.ROUND13B) + len(readings.ROUND14))
    assert readings.READINGS[-4 - later:-later] == readings.ROUND9
    assert {r.name for r in readings.ROUND9} == {
        "demand for an account", "entitlement", "counted attempts",
        "a deadline for their reply"}


# -- the sceptical tag ------------------------------------------------------------------
WISHES = ["I hope your new planner settles in well.", "Best of luck to the new hire.",
          "I'm sure the new lead will be a great success.",
          "Congratulations on making the appointment."]
TAGS = ["I somehow doubt it.", "I have my doubts.", "Time will tell.",
        "I wouldn't bet on it.", "Let's see how long that lasts."]
PLAIN = ["Thank you for letting me know.", "I enjoyed meeting the team.",
         "I doubt I'll be in town that week.", "Time will tell which date suits you."]


@settings(deadline=None)
@given(st.sampled_from(WISHES), st.sampled_from(TAGS))
def test_a_wish_followed_by_a_doubt_is_turned_round(wish: str, tag: str) -> None:
    msg = found(f"{wish} {tag}").get("tone.negative", "")
    assert " - pointed well-wish: " in msg, msg


@settings(deadline=None)
@given(st.sampled_from(WISHES), st.sampled_from(PLAIN))
def test_a_wish_followed_by_anything_else_stays_a_wish(wish: str, plain: str) -> None:
    assert found(f"{wish} {plain}") == {}


@settings(deadline=None)
@given(st.sampled_from(WISHES), st.sampled_from(TAGS))
def test_a_doubt_before_the_wish_turns_nothing_round(wish: str, tag: str) -> None:
    # the tag answers a wish before it; said first, it has nothing to answer
    if tag.startswith(("Time will tell", "Let's see")):
        return  # these read as a reply to the sentence before, which here is the greeting
    assert "pointed well-wish" not in found(f"{tag} {wish}").get("tone.negative", "")


# -- tone.name-drop: their senior person invoked -------------------------------------------
def test_their_senior_person_invoked_unnamed_is_a_name_drop() -> None:
    for body in ("Your managing director told me the job was as good as mine.",
                 "Your owner and I are old friends, and he rates my work.",
                 "Your chief executive, Mina Rahl, said she would mention me to you."):
        msg = found(body).get("tone.name-drop", "")
        assert msg.startswith("Name-drops "), body


def test_their_senior_person_admired_or_recorded_is_no_name_drop() -> None:
    for body in ("Your chief executive's article on safety is why I applied.",
                 "I'd be glad to meet the head of design at the next stage.",
                 "Your founder's story, as you told it, stayed with me all week."):
        assert "tone.name-drop" not in found(body), body
    recorded = LintContext(kind="check_in", company="Pylon Engineering", role="Designer",
                           people=("Nia Brook",), candidate="Sam Lee",
                           titles=("Managing Director",))
    assert "tone.name-drop" not in found(
        "Your managing director said she would share my portfolio with you.", recorded)


# -- names.spelling: a letter's heading -----------------------------------------------------
LETTER = """Sam Lee
44 Birch Road
{town}

3 March 2027

Ms. {name}
Skyline Freight
900 Dock Street
{town2}

Dear Ms. Brook:

Thank you for meeting me about the Designer position. I remain very interested in joining
Skyline Freight and would welcome the chance to contribute to the new depot.

Sincerely,

Sam Lee
"""
FREIGHT = LintContext(kind="letter", company="Skyline Freight", role="Designer",
                      people=("Nia Brook",), candidate="Sam Lee",
                      recipient=Person(id="nia-brook", name="Nia Brook"))


@pytest.mark.parametrize(("town", "town2"), [
    ("Regina, SK S4P 3Y2", "Saskatoon, SK S7K 0H9"),
    ("Springfield, IL 62704", "Peoria, IL 61602"),
    ("Leeds LS1 4AP", "Hull HU1 2AA"),
    ("Sydney NSW 2000", "Newcastle NSW 2300"),
])
def test_a_letters_address_lines_hold_no_misspelt_names(town: str, town2: str) -> None:
    text = LETTER.format(town=town, town2=town2, name="Nia Brook")
    got = [f for f in lint(text, FREIGHT) if f.rule == "names.spelling"]
    assert got == [], [f.message for f in got]


def test_a_misspelt_name_in_the_inside_address_is_still_caught() -> None:
    text = LETTER.format(town="Regina, SK S4P 3Y2", town2="Saskatoon, SK S7K 0H9",
                         name="Nia Brok")
    assert any(f.rule == "names.spelling" and "Brook" in f.message
               for f in lint(text, FREIGHT))


def test_a_letters_greeting_is_found_below_its_heading() -> None:
    text = LETTER.format(town="Leeds LS1 4AP", town2="Hull HU1 2AA", name="Nia Brook")
    p = parse(text)
    assert p.greeting is not None
    assert p.masked[p.greeting[0]:p.greeting[1]].startswith("Dear Ms. Brook")
    assert p.masked[p.body[0]:p.body[1]].lstrip().startswith("Thank you")


def test_a_long_note_without_a_heading_finds_no_late_greeting() -> None:
    body = "\n\n".join(f"This is sentence number {i} of a long opening paragraph." for i
                       in range(6))
    p = parse(body + "\n\nDear Nia, one more thing.\n")
    assert p.greeting is None


# -- content.interest: interest said bare after the role -------------------------------------
VOICEMAIL = LintContext(kind="voicemail", company="Pylon Engineering", role="Site Engineer",
                        people=("Nia Brook",), candidate="Sam Lee")


def interest(text: str) -> bool:
    return any(f.rule == "content.interest" for f in lint(text, VOICEMAIL))


def test_interest_said_bare_after_the_role_is_named_counts() -> None:
    assert not interest("Hi Nia, it's Sam Lee. Thanks for Tuesday's interview for the Site "
                        "Engineer role. I'm really keen, and I wanted to add that I hold "
                        "the crane ticket. My number is 07700 900 111. Thanks.")
    assert not interest("Hi Nia, Sam Lee here about Pylon Engineering. I am still very "
                        "interested. You can reach me on 07700 900 111.")


def test_bare_interest_with_nothing_named_before_it_does_not() -> None:
    assert interest("Hi Nia, it's Sam Lee. Thanks for your time on Tuesday. I'm very "
                    "interested. My number is 07700 900 111.")
    assert interest("Hi Nia, it's Sam Lee about the Site Engineer role. I'm interested in "
                    "any opening you have. My number is 07700 900 111.")


# -- the fresh sentence set -----------------------------------------------------------------
LINES = load_round9()
TUNE_HOSTILE = [x for x in LINES if x.rude and x.part == "tune"]
CLEAN = [x.text for x in LINES if not x.rude and not wrong(x)]


def test_the_set_is_what_it_says() -> None:
    assert sum(x.rude for x in LINES) == 112 and sum(not x.rude for x in LINES) == 112
    assert sum(x.part == "heldout" for x in LINES) == 96  # 48 hostile, 48 innocent
    assert {x.rule for x in LINES if x.rude} == {"tone.negative", "tone.impatient",
                                                 "tone.name-drop"}
    assert len({x.text for x in LINES}) == len(LINES)


def test_hostile_lines_of_the_tuning_part_draw_their_rule() -> None:
    caught = sum(not wrong(x) for x in TUNE_HOSTILE)
    assert caught >= 62, caught  # 64 of 64 when this round ended (13 before it)


HELDOUT_END = 14  # measured once at the end of round nine (7 before it)


def test_held_out_hostile_lines_do_no_worse_than_when_measured() -> None:
    """Never tuned on: 7 of 48 before the round, 14 at its end (counts only)."""
    caught = sum(not wrong(x) for x in LINES if x.rude and x.part == "heldout")
    assert caught >= HELDOUT_END, f"{caught} of 48"


def test_innocent_lines_stay_quiet() -> None:
    loud = sum(wrong(x) for x in LINES if not x.rude)
    assert loud <= 1, f"{loud} of 112"  # 0 when the round ended (2 of 64 tuning before)


@settings(deadline=None)
@given(st.lists(st.sampled_from(CLEAN), max_size=4), st.sampled_from(TUNE_HOSTILE),
       st.integers(min_value=0, max_value=4))
def test_a_hostile_line_among_innocent_ones_is_still_found(
        innocent: list[str], line: Line, at: int) -> None:
    lines = list(innocent)
    lines.insert(min(at, len(lines)), line.text)
    if wrong(line):
        return
    assert line.rule in tone_rules(" ".join(lines)), lines


@settings(deadline=None)
@given(st.lists(st.sampled_from(CLEAN), min_size=1, max_size=6))
def test_innocent_lines_alone_draw_nothing(lines: list[str]) -> None:
    assert tone_rules(" ".join(lines)) == set()
