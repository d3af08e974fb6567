"""Round thirteen's readings: sarcasm and hostility in fresh words (mock sympathy, ironic
praise, envy of their ease, sour grapes about the hire, threats to their name, single scare
quotes, cold demands in official dress, impatience put politely), blind batch O's nb33 miss
in general form (a boycott told to the employer), nb06's false alarm (a thank-you text to
the recruiter who set the interview up), and the stock ironic simile aimed at the writer's
own work in a clause without I, my or me.

Each shape is shown in wordings of its own (not the sentence set's nor the tuning notes'):
the innocent form passes and its hostile twin draws the rule; the fresh sentence set
(tests/core/lint/data/round13_sentences.toml) holds its tuning figures; Hypothesis checks
that a star rating threatens exactly when it is the lowest, that congratulations mock
exactly when their object is a failing of theirs, and that a boycott is told exactly when
others are told not to buy from them; each new regex stays linear on long input."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup.core.lint import LintContext, lint, readings

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sentences import final_note, load_round13, tone_messages, wrong  # noqa: E402


def body(text: str) -> dict[str, str]:
    return tone_messages(final_note(text))


NEG, IMP = "tone.negative", "tone.impatient"

# -- each shape: the hostile form draws the rule, the same words innocently pass ----------------
HOSTILE = [
    # mock sympathy
    ("I'm sorry your office was too busy to write even a short note back.", NEG),
    ("Your scheduler must find it terribly difficult to send one email.", NEG),
    ("Getting your silence instead of an answer really made my month.", NEG),
    # ironic praise
    ("Well done to the panel for ignoring my portfolio entirely.", NEG),
    ("Congrats on keeping applicants guessing for a full quarter.", NEG),
    ("Bravo to your HR team for their deafening silence.", NEG),
    # envy of their ease
    ("It must be wonderful to never need to reply to anyone.", NEG),
    ("Lucky them, with the time to keep everyone waiting.", NEG),
    ("Some of us can't afford to wait two months for an answer.", NEG),
    # sour grapes
    ("Mark my words: your new analyst will quit before long.", NEG),
    ("Talent obviously counts for nothing at your company.", NEG),
    ("I expect the role simply went to someone who was friends with the manager.", NEG),
    # threats to their name
    ("I've asked my neighbours to stop shopping at your stores.", NEG),
    ("You have just lost a regular client.", NEG),
    ("A 1-star rating is the least your process deserves.", NEG),
    ("Expect to read about it on Reddit soon.", NEG),
    ("I'll ensure that other applicants learn how you treat people.", NEG),
    # single scare quotes
    ("Thanks for the 'personalised' rejection.", NEG),
    ("Your 'swift' process ran to eleven weeks.", NEG),
    # cold demands
    ("I require your final decision before Wednesday noon.", IMP),
    ("Kindly prioritise the outcome of my candidacy.", IMP),
    ("Your attention to this request is expected today.", IMP),
    ("I trust the panel will communicate its decision immediately.", IMP),
    ("The verdict on my interview is well overdue.", IMP),
    # impatience put politely
    ("Forgive me for nagging for the third time, but is there any news yet?", IMP),
    ("Do let me know if anyone ever plans to answer.", IMP),
]

INNOCENT = [
    # mock sympathy's words
    "I'm sorry your office was flooded last week; I hope the clean-up went smoothly.",
    "Your scheduler must find it difficult to fit everyone in, so thank you for my slot.",
    "Your kind note after the decision really made my week.",
    # ironic praise's words
    "Well done to the panel on the new accessibility award.",
    "Congrats on the opening of the Leeds branch.",
    "Bravo to your HR team for the clear onboarding guide.",
    "Congratulations on the merger, and sorry to hear the launch was postponed.",
    # envy's words
    "It must be wonderful to see your designs on every high street.",
    "Lucky them, with such a talented mentor.",
    "Some of us from the bootcamp visited your studio in May.",
    # sour grapes' words
    "I will be gone by spring for my exchange term, so a summer start suits me.",
    "Talent counts for a lot in a small team like yours.",
    "The role went to the strongest candidate, I'm sure, and I wish them well.",
    "I'm sure the candidate you picked will be a great fit, and I wish them well.",
    # threats' words
    "I've asked my neighbours to stop by your stand at the fair.",
    "My tutor advised me not to apply until I had finished the diploma.",
    "A five-star rating is well deserved for the service desk.",
    "Expect to hear from my referee, Dr. Obi, this week.",
    "I'll ensure that the other applicants from my course know about the open evening.",
    "I wrote my thesis on consumer boycotts, which the panel asked about.",
    "I shared my experience of the open day on LinkedIn and tagged your team.",
    # single quotes as titles and terms
    "I read the 'Design for Everyone' booklet.",
    "Your question about 'design debt' stayed with me.",
    "I finished the 'quick start' tutorial last night.",
    # cold demands' words
    "I require no visa sponsorship.",
    "I expect to receive my transcript on Friday and will forward it.",
    "Please expedite my background check if you can; my notice starts Monday.",
    "Your attention to detail on the tour was much appreciated.",
    "I trust you will enjoy the trade fair next week.",
    "My reply to your survey is overdue, so here it is.",
    # polite chases' words
    "Forgive me for writing again so soon, but I forgot to attach my references.",
    "Sorry to bother you, but which door should I use on Monday?",
    "Do let me know whether your team plans to contact my referees.",
    # the stock ironic simile aimed at the writer's own work
    "The first version of my portfolio site was as useful as a chocolate teapot, so I "
    "rebuilt it from scratch.",
    "Our early prototype was as quick as a glacier, and we rewrote it in a week.",
]


@pytest.mark.parametrize(("line", "rule"), HOSTILE, ids=[h[0][:40] for h in HOSTILE])
def test_each_hostile_shape_draws_its_rule(line: str, rule: str) -> None:
    assert rule in body(line)


@pytest.mark.parametrize("line", INNOCENT, ids=[i[:40] for i in INNOCENT])
def test_the_same_words_used_innocently_pass(line: str) -> None:
    assert body(line) == {}


def test_the_simile_still_mocks_their_side() -> None:
    assert NEG in body("Your booking portal was as useful as a chocolate teapot.")
    assert NEG in body("The feedback form was as useful as a chocolate teapot, so I rang.")


def test_the_new_readings_are_read_last() -> None:
    assert readings.READINGS[-len(readings.ROUND13):] == readings.ROUND13
    assert [r.rule for r in readings.ROUND13] == [NEG] * 6 + [IMP] * 2


# -- nb06 and nb33 in general form ---------------------------------------------------------
TEXT_CTX = LintContext(kind="thank_you", company="Harbour Freight", role="Yard Lead",
                       people=("Ines Dahl",), candidate="Ravi Patel")


@pytest.mark.parametrize("line", [
    "Thanks so much for arranging Tuesday's interview, Ines. I'm keen on the yard lead job.",
    "Thank you for fitting in the call this morning. I'm very interested in the role.",
])
def test_a_thanks_for_arranging_names_the_recipients_part(line: str) -> None:
    text = f"Hi Ines,\n{line}\nRavi\n"
    assert "content.specifics" not in {f.rule for f in lint(text, TEXT_CTX)}


def test_a_template_thanks_still_lacks_specifics() -> None:
    text = ("Hi Ines,\nThank you for your time today. I am very interested in the role and "
            "look forward to hearing from you.\nRavi\n")
    assert "content.specifics" in {f.rule for f in lint(text, TEXT_CTX)}


WHO = ["everyone I know", "all my friends", "my whole family", "my colleagues", "people"]
GOODS = ["washing machines", "trainers", "coffee", "software", "insurance"]


@given(st.sampled_from(WHO), st.sampled_from(GOODS), st.booleans())
def test_a_boycott_is_told_exactly_when_others_are_told_not_to_buy(who: str, goods: str,
                                                                   boycott: bool) -> None:
    """nb33 in general form: telling others not to buy their goods is a threat to their
    name; telling others about their goods is praise."""
    line = (f"I have told {who} not to buy your {goods}." if boycott
            else f"I have told {who} about your {goods}.")
    assert (NEG in body(line)) == boycott


@given(st.integers(min_value=0, max_value=5), st.sampled_from(["review", "rating"]))
def test_a_star_rating_threatens_exactly_when_it_is_the_lowest(stars: int, what: str) -> None:
    word = ["zero", "one", "two", "three", "four", "five"][stars]
    line = f"A {word}-star {what} of your service desk is on its way."
    assert (NEG in body(line)) == (stars <= 1)


FAILINGS = ["losing my application", "ignoring my emails", "rescheduling me twice",
            "keeping candidates waiting", "ghosting me after the final round"]
SUCCESSES = ["the new warehouse", "the spring launch", "the design award",
             "the record quarter", "the move to the new site"]


@given(st.sampled_from(["Congratulations on", "Well done on", "Great work on", "Kudos for"]),
       st.sampled_from(FAILINGS + SUCCESSES))
def test_congratulations_mock_exactly_when_their_object_is_a_failing(lead: str,
                                                                     what: str) -> None:
    assert (NEG in body(f"{lead} {what}.")) == (what in FAILINGS)


# -- the fresh sentence set -----------------------------------------------------------------
LINES = load_round13()
# "must be nice to have" is envy to the readers the family's sources describe (thebubbler.co:
# it "comes from a darker place"; mattmcwilliams.com: nobody says it with a genuine smile),
# so the phrase family flags it even before a sincere object: three tune lines written as
# innocent keep drawing tone.negative, by decision (the report of round thirteen).
MUST_BE_NICE = [
    "It must be nice to have the new site finished after two years of building.",
    "It must be nice to have so many applicants from the local college.",
    "It must be nice to have a recruiter who knows the whole team so well.",
]


def test_the_set_is_what_it_says() -> None:
    held = [x for x in LINES if x.part == "heldout"]
    assert sum(x.rude for x in held) == 36 and sum(not x.rude for x in held) == 36
    assert sum(x.rude for x in LINES) == 108 and sum(not x.rude for x in LINES) == 108


def test_the_tuning_part_reads_as_tuned() -> None:
    # round thirteen's readings were built on this part: every hostile line draws its rule,
    # and no innocent line draws a tone rule but the three "must be nice to have" lines (the
    # held-out part is measured, not asserted)
    tune = [x for x in LINES if x.part == "tune"]
    assert [x.text for x in tune if x.rude and wrong(x)] == []
    assert [x.text for x in tune if not x.rude and wrong(x)] == MUST_BE_NICE


# -- speed: every new regex is linear on long input ------------------------------------------
OPENINGS = ["congratulations on ", "must be nice to ", "sorry your team too busy to ",
            "i told everyone i know ", "your 'quick' ", "i expect to receive your decision ",
            "sorry to bother you again, but ", "whether you ever ", "make sure everyone ",
            "the job went to whoever ", "experience counts for ", "your new hire will ",
            "the rejection ", "a ", "'"]


@pytest.mark.parametrize("pat", [p for r in readings.ROUND13 for p in readings._FORMULAE[r]],
                         ids=lambda p: p.name)
def test_each_new_pattern_is_linear_on_its_opening_repeated(pat: readings.Pat) -> None:
    for opening in (pat.name.lower() + " ", *OPENINGS):
        text = (opening * (50_000 // len(opening) + 1))[:50_000]
        start = time.perf_counter()
        pat.regex.search(text)
        assert time.perf_counter() - start < 1.0, (pat.name, opening)


@pytest.mark.parametrize("pat", [p for r in readings.ROUND13 for p in readings._FORMULAE[r]],
                         ids=lambda p: p.name)
def test_each_new_pattern_matches_only_past_its_gate(pat: readings.Pat) -> None:
    """A match the gates would never let the pattern try is a silent miss: every tune line
    the pattern matches holds one of its needles and meets its anchor words."""
    for line in (x.text for x in LINES if x.part == "tune"):
        low = line.lower()
        if pat.regex.search(low):
            assert any(n in low for n in pat.needles), (pat.name, line)
            assert pat.may(frozenset(readings._WORD.findall(low))), (pat.name, line)
