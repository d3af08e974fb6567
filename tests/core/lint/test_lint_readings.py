"""tone.negative and tone.impatient by reading (lint/readings.py): sarcasm as contrast
(Riloff et al. 2013), a grievance aimed at them, a failed expectation (the echoic reminder),
imperatives at the reader, and impatience. Each reading is shown firing with its name and
words, the same words used innocently pass, and Hypothesis checks the properties a user
relies on: a rude line among polite ones is still found, polite lines alone draw nothing,
and what a note draws does not depend on the order of its sentences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.core.lint import LintContext, lint, readings

CTX = LintContext(kind="check_in", company="Pylon Engineering", role="Designer",
                  people=("Nia Brook",), candidate="Sam Lee")
TONE = ("tone.negative", "tone.impatient")


def note(body: str) -> str:
    return f"Dear Nia,\n\n{body}\n\nBest regards,\nSam Lee\n"


def tone(body: str) -> dict[str, str]:
    """rule -> message, for the two tone rules."""
    return {f.rule: f.message for f in lint(note(body), CTX) if f.rule in TONE}


# (sentence, rule, the reading's name, a word the finding must quote). Fresh wordings, not
# the tuning notes' (tests/core/lint/field/tuning/r*.txt).
RUDE = [
    ("I adore spending my evenings on an unpaid case study for a job I won't get.",
     "tone.negative", "sarcasm as contrast", "unpaid case study"),
    ("So glad to be ghosted after the final round.", "tone.negative", "sarcasm as contrast",
     "ghosted"),
    ("What a lovely surprise to get a templated rejection after three interviews.",
     "tone.negative", "sarcasm as contrast", "templated rejection"),
    ("Brilliant that the call was postponed a fourth time.", "tone.negative",
     "sarcasm as contrast", "postponed"),
    ("Your hiring team looked completely disorganised on the day.", "tone.negative",
     "grievance", "disorganised"),
    ("Your panel should at least have read my portfolio before the call.", "tone.negative",
     "grievance", "should at least have read"),
    ("Clearly no one in your office cares about applicants.", "tone.negative", "grievance",
     "no one in your office cares"),
    ("Not even a one-line email to say the post was filled.", "tone.negative", "grievance",
     "not even a"),
    ("The second interview was a complete shambles.", "tone.negative", "grievance",
     "a complete shambles"),
    ("It would have been courteous to tell me the role was internal.", "tone.negative",
     "failed expectation", "would have been courteous to"),
    ("I suppose a short reply is too much to ask.", "tone.negative", "failed expectation",
     "too much to ask"),
    ("Perhaps respond to candidates before they give up on you.", "tone.negative",
     "imperative", "perhaps respond"),
    ("Learn how to run an interview on time.", "tone.negative", "imperative",
     "learn how to run"),
    ("Don't bother with a reply now.", "tone.negative", "imperative", "don't bother"),
    ("Your recruiter swore I'd hear by Tuesday, and still nothing.", "tone.impatient",
     "impatience", "still nothing"),
    ("No hurry at all; it has only been nine weeks.", "tone.impatient", "impatience",
     "no hurry"),
    ("It has now been over a month, and nobody has written back.", "tone.impatient",
     "impatience", "it has now been"),
    # round nine's readings (more in test_lint_round9.py)
    ("I'd like to hear who signed off on turning me down.", "tone.negative",
     "demand for an account", "who signed off"),
    ("Any recruiter who read my CV properly would have shortlisted me.", "tone.negative",
     "entitlement", "would have shortlisted me"),
    ("This is my third call today, in case the others went to spam.", "tone.impatient",
     "counted attempts", "third call today"),
    ("I need an answer within forty-eight hours.", "tone.impatient",
     "a deadline for their reply", "within"),
    # round ten's reading (more in test_lint_round10.py)
    ("Still no call, so I guess there's my answer.", "tone.impatient",
     "silence read aloud", "my answer"),
    ("So decent of you to tell me in writing what the panel had made plain.", "tone.negative",
     "courtesy turned round", "decent of you"),
    # round eleven's readings (more in test_lint_round11.py)
    # (a reading of the sentence before: the slight, then ". " and the thanks)
    ("Three interviews and then a generic rejection email. Cheers for that.",
     "tone.negative", "thanks pointing back", "generic rejection"),
    ("The frigging portal logged me out twice.", "tone.negative", "minced oath", "frigging"),
    ("Five weeks to send me a no?", "tone.negative", "their delay counted in a question",
     "five weeks to send"),
    ("Excuse me if I don't agree that the morning went smoothly.", "tone.negative",
     "mock apology", "me if i don't agree"),
    ("Applicants like me never get past your screening software.", "tone.negative",
     "self-pity aimed at them", "like me never get"),
    # round twelve
    ("Please forward the panel's verdict by return.", "tone.impatient",
     "a demand in official dress", "by return"),
    ("Nice that your admissions office is as speedy as your coffee machine.", "tone.negative",
     "praise by comparison", "as speedy as your coffee machine"),
    ("I suppose I shouldn't be surprised that the test link broke again.", "tone.negative",
     "resignation at a repeated failing", "again"),
    # round thirteen
    ("I do feel for your coordinator, who seems too busy to type a short reply.",
     "tone.negative", "mock sympathy", "too busy to type a short reply"),
    ("Full marks to the panel for forgetting my name twice.", "tone.negative",
     "ironic praise", "forgetting my"),
    ("It must be so relaxing to never answer your phone.", "tone.negative",
     "envy of their ease", "must be so relaxing"),
    ("Good luck to whoever got it; the post obviously went to someone who knew the director.",
     "tone.negative", "sour grapes", "went to someone who knew"),
    ("Every applicant I meet will be warned, and my contacts will be told never to deal "
     "with your firm, I have asked my friends to stop using your agency.", "tone.negative",
     "a threat to their name", "to stop using your"),
    ("I have attached my reply to your 'detailed' brief.", "tone.negative", "scare quotes",
     "'detailed'"),
    ("Kindly expedite the outcome of my interview.", "tone.impatient", "a cold demand",
     "expedite the"),
    ("Apologies for chasing you once more, but is there still no outcome?", "tone.impatient",
     "impatience put politely", "once more"),
    ("The brief was reasonably sensible for a team that hires so rarely.", "tone.negative",
     "backhanded compliment", "reasonably sensible for"),
    ("Your swift co-operation in this matter would be appreciated.", "tone.impatient",
     "stock office phrase", "co-operation"),
    ("Most considerate of the director to forget our meeting entirely.",
     "tone.negative", "ironic praise of a no-show", "considerate of the director to forget"),
    ("Your receptionist made excuses on your behalf, and she clearly does it often.",
     "tone.negative", "insinuation", "does it often"),
    ("I'm not prepared to wait until March for an answer.", "tone.impatient",
     "their timeline refused", "prepared to wait"),
]

# The same words, used innocently, after published good notes.
POLITE = [
    "I loved hearing how the team cleared its waiting list for repairs.",
    "I appreciate the time your panel gave me over three rounds.",
    "Thank you for the automated confirmation; my documents arrived safely.",
    "Thanks for moving the call to Thursday, which suits me better.",
    "Sorry for my silence last week; I was travelling.",
    "I'm sorry to have kept you waiting for my references.",
    "I was a little disorganised in my answer on budgets, so here is a clearer one.",
    "Your team could not have been more welcoming.",
    "Nobody has ever explained load paths to me as clearly as you did.",
    "A colleague told me the worst way to start a check-in is with a complaint.",
    "Please let me know if you need anything else from me.",
    "Feel free to call me on 555 0133.",
    "Have a lovely weekend, and thank you again.",
    "Next time I'm in Bristol I'd love to see the finished bridge.",
    "Try the second link for the clickable prototype.",
    "Perhaps the attached sketch will help when the panel meets.",
    "I know how busy the quarter end is, so no rush at all.",
    "Whenever suits you for a call next week is fine with me.",
    "I'm still very interested in the Designer role.",
    # the work's problems, which a good note offers to solve or recalls as they put them
    "The backlog you described is a mess worth untangling.",
    "I'd love to help untangle the chaos of the old warehouse codes.",
    "I'd be glad to help you do your job with less manual work.",
    "The old process was unacceptable to your customers, and you fixed it.",
    "You said the worst part of the old reporting was the nightly batch.",
    "It has been two weeks since we met, so I wanted to ask whether there is any news.",
]
# Recalled promises: polite alone ("You mentioned a decision by the 14th; I wanted to check
# in" is what RULEBOOK advises), but a promise reads its charge in the next sentence too, so
# they are left out of the order property below.
RECALLED = [
    "You mentioned a decision around the 14th, so I wanted to check in.",
    "I know you said the decision would take about three weeks, so I thought I'd check in.",
    "You said you expected to decide by 10 April, and I wanted to check in as that date "
    "has passed.",
    "You told me the panel would meet on Thursday, so I hope it went well.",
]


@pytest.mark.parametrize(("sentence", "rule", "name", "words"), RUDE,
                         ids=[r[2] + ": " + r[0][:30] for r in RUDE])
def test_each_reading_fires_and_says_which(sentence: str, rule: str, name: str,
                                           words: str) -> None:
    before, last = "", sentence
    if name == "thanks pointing back":  # it reads the sentence before
        before, _, last = sentence.partition(". ")
    found = readings.read_sentence(last.lower(), "", frozenset({"pylon"}), before=before.lower())
    assert found is not None, sentence
    reading, carriers = found
    assert (reading.rule, reading.name) == (rule, name)
    assert any(words in c for c in carriers), carriers
    # and through the linter: the rule fires on the sentence (some earlier layer, phrase
    # family, valence or cue, may be the one to say so)
    got = tone(sentence + " I remain very interested in the Designer role.")
    assert rule in got, got


@pytest.mark.parametrize("sentence", POLITE + RECALLED)
def test_the_same_words_used_politely_pass(sentence: str) -> None:
    assert readings.read_sentence(sentence.lower(), "", frozenset({"pylon"})) is None
    assert tone(sentence + " I remain very interested in the Designer role.") == {}


def test_every_reading_is_shown_firing() -> None:
    # Culpeper's formulae are shown firing in test_lint_impoliteness.py
    shown = {(r.rule, r.name) for r in readings.READINGS if r not in readings.CULPEPER}
    assert shown == {(r[1], r[2]) for r in RUDE}


def test_the_finding_names_its_reading_and_quotes_its_words() -> None:
    msg = tone("It was wonderful to hear nothing at all for a month.")["tone.negative"]
    assert " - sarcasm as contrast: " in msg
    assert '"wonderful"' in msg and '"hear nothing"' in msg


def test_a_recalled_promise_with_a_charge_in_the_next_sentence() -> None:
    body = "You told me I would hear within a week. It has now been five weeks."
    assert "tone.impatient" in tone(body)
    polite = "You told me I would hear within a week. I hope the panel went well."
    assert tone(polite) == {}


def test_the_writers_own_situation_is_not_theirs() -> None:
    assert tone("Thank you for your patience; I was late because of the trains.") == {}
    assert "tone.negative" in tone("Thank you ever so much; your manager was late again.")


def test_a_suppressed_rule_stays_silent() -> None:
    text = note("<!-- followup: disable=tone.negative -->So glad to be ghosted.")
    assert not [f for f in lint(text, CTX) if f.rule == "tone.negative"]


_RUDE_LINES = [r[0] for r in RUDE]


@settings(deadline=None)  # the first example loads VADER's lexicon: timing is no behaviour
@given(st.lists(st.sampled_from(POLITE), max_size=6), st.sampled_from(RUDE),
       st.integers(min_value=0, max_value=6))
def test_a_rude_line_among_polite_ones_is_still_found(
        polite: list[str], rude: tuple[str, str, str, str], at: int) -> None:
    lines = list(polite)
    lines.insert(min(at, len(lines)), rude[0])
    got = {f.rule: f for f in lint(note(" ".join(lines)), CTX) if f.rule in TONE}
    assert rude[1] in got, (lines, got)


@settings(deadline=None)  # the first example loads VADER's lexicon: timing is no behaviour
@given(st.lists(st.sampled_from(POLITE + RECALLED), min_size=1, max_size=8))
def test_polite_lines_alone_draw_nothing(lines: list[str]) -> None:
    assert tone(" ".join(lines)) == {}


@settings(deadline=None)  # the first example loads VADER's lexicon: timing is no behaviour
@given(st.lists(st.sampled_from(POLITE + _RUDE_LINES), min_size=1, max_size=6)
       .flatmap(lambda xs: st.tuples(st.just(xs), st.permutations(xs))))
def test_what_a_note_draws_does_not_depend_on_sentence_order(
        pair: tuple[list[str], list[str]]) -> None:
    first, shuffled = pair
    assert set(tone(" ".join(first))) == set(tone(" ".join(shuffled)))


@settings(deadline=None)  # the first example loads VADER's lexicon: timing is no behaviour
@given(st.sampled_from(RUDE), st.sampled_from(POLITE))
def test_each_sentence_reads_the_same_whatever_comes_before(
        rude: tuple[str, str, str, str], polite: str) -> None:
    alone = readings.read_sentence(rude[0].lower(), "", frozenset())
    after_polite = readings.read_sentence(rude[0].lower(), polite.lower(), frozenset())
    assert alone is not None and after_polite is not None
    assert alone[0] is after_polite[0]


def _corpus_sentences() -> list[str]:
    """Every sentence of the field corpus's tuning notes, lowercased."""
    from pathlib import Path

    from followup.core.lint.parse import parse, sentences

    out: list[str] = []
    for path in sorted((Path(__file__).parent / "field" / "tuning").glob("*.txt")):
        text = "\n".join(line for line in path.read_text("utf-8").splitlines()
                         if not line.startswith("#"))
        p = parse(text)
        low = p.lower_masked
        out.extend(low[a:b] for a, b in sentences(low, 0, len(low)))
    return out


def test_the_gates_never_hide_a_reading() -> None:
    """A note's word-set gates (`readings.gates`) only skip patterns that cannot match:
    every sentence of the field corpus and of this file reads the same gated or not."""
    import sys
    from pathlib import Path

    from followup.core.lint.parse import WORD

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from sentences import load  # the fresh impoliteness set

    lines = ([s.lower() for s in _RUDE_LINES + POLITE + RECALLED] + _corpus_sentences()
             + [x.text.lower() for x in load()])
    for low in lines:
        gated = readings.read_sentence(low, "", frozenset(),
                                       readings.gates(frozenset(WORD.findall(low))))
        whole = readings.read_sentence(low, "", frozenset())
        assert (gated and (gated[0], gated[1])) == (whole and (whole[0], whole[1])), low


def test_the_works_problems_are_theirs_to_solve_but_how_they_treated_you_is_no_problem_frame(
        ) -> None:
    """A verb of solving or their own account of the work excuses a judgment of the work,
    never a judgment of how they treated the writer (their hiring, replies, silence)."""
    for sentence in ("Maybe I can help you fix your disorganised hiring process.",
                     "You said I'd hear back in a week, which was frankly pathetic.",
                     "I'd love to help, but your recruiters were clueless and rude."):
        assert "tone.negative" in tone(sentence + " I remain very interested in the "
                                       "Designer role."), sentence
