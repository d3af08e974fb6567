"""Round thirteen's second pass: the hostile shapes whose first-pass rows read the tune
wordings (threats to their name, sour grapes, ironic praise, cold demands, impatience put
politely) widened to their shapes; shapes nobody had read (backhanded compliments, family
29; stock office phrases on a recruiter, family 30; "I'm sorry you feel that way";
sarcastic "no rush" that says what it means); and old false alarms: "you have lost none of
the charm" (valence read "lost" and a negated "charm"), "I expect to hear ... as you said"
(a phrase of the impatient family), "my first sketch was as useful as a chocolate teapot"
(the writer's own work).

Each shape is shown in wordings of its own (not the sentence set's): the innocent form
passes and its hostile twin draws the rule; the fresh sentence set
(tests/core/lint/data/round13b_sentences.toml) holds its tuning figures; Hypothesis checks
that a review promised threatens exactly when it is not a glowing one, that a lawyer
threatens exactly when copied on this email, and that mock patience is impatient exactly
when it says what it means; each new regex stays linear on long input."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup.core.lint import readings, valence

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sentences import (  # noqa: E402
    assert_linear,
    assert_past_its_gate,
    final_note,
    load_round13b,
    tone_messages,
    wrong,
)


def body(text: str) -> dict[str, str]:
    return tone_messages(final_note(text))


NEG, IMP = "tone.negative", "tone.impatient"

# -- each shape: the hostile form draws the rule, the same words innocently pass ----------------
PAIRS = [
    # threats to their name: a review promised for a review site, a lawyer copied, a tribunal
    ("I shall be posting an honest review of your recruitment process on Indeed tonight.",
     "I shall be posting my signed contract to your office tonight.", NEG),
    ("My solicitor has been copied into this correspondence.",
     "My solicitor has been through the contract and has no questions.", NEG),
    ("I intend to take the matter to an employment tribunal.",
     "I intend to take the early train to the tribunal building, which is next to your "
     "office.", NEG),
    # sour grapes: the hire or the company belittled
    ("Enjoy the mediocre applicant your panel settled for.",
     "I enjoyed meeting the applicant your panel chose; she will do very well.", NEG),
    ("Your firm is hardly the sort of employer anyone would want on a CV.",
     "Your firm is exactly the sort of employer anyone would want on a CV.", NEG),
    # ironic praise: "well played", "nice touch", a name mangled
    ("Well played, losing my references a second time.",
     "Well played by your five-a-side team on Sunday.", NEG),
    ("Nice touch, mispronouncing my name on the call.",
     "Nice touch, the name badge waiting for me at reception.", NEG),
    # a cold demand: either they answer or the writer goes
    ("Either the panel decides by Friday or I accept the other post.",
     "Either the panel or Jo can send the forms; whichever is easier.", IMP),
    # sorry for their view, not for a harm
    ("I'm sorry you think my portfolio fell short of your standards.",
     "I'm sorry you had such a long drive on Friday.", NEG),
    # backhanded compliments
    ("Your recruiter was reasonably competent for someone so junior.",
     "Your recruiter was very helpful and clearly knows the team well.", NEG),
    ("For such a tiny outfit, your team ran a passable assessment.",
     "For such a tiny outfit, your team has an impressive client list.", NEG),
    ("Your HR team actually managed to send a reply this month.",
     "I actually managed to find the car park first time, thanks to your map.", NEG),
    ("I can't believe your recruiter finally called me back.",
     "I can't believe how much I learned in one afternoon.", NEG),
    ("The panel chair is brighter than he sounds.",
     "The panel chair is as kind as he sounds on the podcast.", NEG),
    ("The interview was more professional than I expected from your company.",
     "The interview was more relaxed than I expected, which helped me a great deal.", NEG),
    # sarcastic "no rush" that says what it means
    ("Take your time, as you clearly always do.",
     "Take your time; I know the board meets next week.", IMP),
    ("No hurry at all, since you seem to have all the time in the world.",
     "No hurry at all; I am away until the 20th.", IMP),
    ("Reply whenever you like, I suppose.",
     "Reply whenever you like; I check my email every day.", IMP),
    # stock office phrases counting their silence
    ("As previously requested, three times, please send the contract.",
     "As previously agreed, I will send the references on Monday.", IMP),
    ("I have now raised this with your office five times.",
     "I have now raised my availability with your office, as asked.", IMP),
    ("Your immediate compliance would be appreciated.",
     "Your cooperation with the local college is one reason I applied.", IMP),
]


@pytest.mark.parametrize(("hostile", "innocent", "rule"), PAIRS, ids=[p[0][:40] for p in PAIRS])
def test_each_hostile_shape_draws_its_rule_and_its_twin_passes(hostile: str, innocent: str,
                                                               rule: str) -> None:
    assert rule in body(hostile)
    assert body(innocent) == {}


def test_the_new_readings_are_read_last() -> None:
    # only round fourteen's are read after them (test_lint_round14.py)
    n = len(readings.ROUND14)
    assert readings.READINGS[-len(readings.ROUND13B) - n:-n] == readings.ROUND13B
    assert [r.rule for r in readings.ROUND13B] == [NEG, IMP]


# -- the old false alarms, fixed ---------------------------------------------------------------
FIXED = [
    "I expect to hear from you next week, as you said.",
    "I expect to hear from my referees by Friday, as you mentioned they would call.",
    "I expect to hear from the other school soon, as you mentioned they might call.",
    "My first sketch was as useful as a chocolate teapot.",
    "My early prototype was as useful as a chocolate teapot, which taught me a lot.",
]


@pytest.mark.parametrize("line", FIXED, ids=[f[:40] for f in FIXED])
def test_the_old_false_alarms_pass(line: str) -> None:
    assert body(line) == {}


def test_their_twins_still_draw_the_rule() -> None:
    assert IMP in body("I expect to hear from you by Friday.")
    assert NEG in body("Your feedback was as useful as a chocolate teapot.")
    assert NEG in body("Your portal was as useful as a chocolate teapot.")


KEPT = [
    "You have lost none of the charm of the old building.",
    "You have lost none of the warmth I remember from the open day.",
    "Your brand has lost none of its appeal.",
]


@pytest.mark.parametrize("line", KEPT, ids=[k[:40] for k in KEPT])
def test_a_loss_denied_is_no_bitterness(line: str) -> None:
    # valence no longer reads "lost" nor the negated praise after "lost none of"
    words = line.lower().rstrip(".").split()
    assert valence.reading(words, frozenset()) is None
    assert "bitterness" not in body(line).get(NEG, "")


def test_a_loss_told_is_still_read() -> None:
    words = "you lost no time in rejecting me which was cruel".split()
    found = valence.reading(words, frozenset())
    assert found is not None and found[0] == "bitterness"


# The stance model (another helper's: stance.py and its weights are not changed here) still
# reads these as hostile: "lost" is a negative word to it, and "recruiters", "hard to",
# "reply" weigh towards hostility. Listed for its next refit; strict, so a refit that fixes
# them shows.
@pytest.mark.xfail(strict=True, reason="the stance model reads them as hostile (its refit)")
@pytest.mark.parametrize("line", [
    "You have lost none of the charm of the old building.",
    "Recruiters must find it hard to reply to hundreds of messages.",
])
def test_the_stance_models_false_alarms(line: str) -> None:
    assert body(line) == {}


# -- the self-probes: innocent sentences a candidate might send that share each new pattern's
# words (step five); each passed once its pattern was narrowed. The five that drew a tone
# rule before this round already (older layers: the stance model, the pointed well-wish, the
# impatient and negative phrase families) are left out and listed in the report.
PROBES = [
    "The second-rate hotel you booked for me was actually fine, and the staff were lovely.",
    "Your team chose a mediocre week for weather, but the site tour was great.",
    "The lesser-known project you picked for the case study was fascinating.",
    "Your company is not the kind of place that forgets its staff, which I admire.",
    "The office is not somewhere I would want to miss, so I will arrive early.",
    "This firm is hardly the kind of place anyone would leave, judging by your long-serving "
    "team.",
    "The canteen was no place for a quiet chat, so we went outside.",
    "Your business is not a place I would ever take for granted.",
    "I am writing a review of the workshop for the university blog.",
    "I will post a review of my internship on Glassdoor, as my tutor asked all of us.",
    "I am writing a short account of the open day on LinkedIn, with thanks to your team.",
    "I'll leave a review of the conference app on Google Play.",
    "I am drafting a review of your book for the design society on Instagram, and it is "
    "glowing.",
    "I've written a short review of the interview on Glassdoor, and it's a glowing one.",
    "My lawyer has been informed that the contract looks fine.",
    "My union representative has been made aware of my start date, as is usual.",
    "My solicitor was contacted about the relocation paperwork and is happy.",
    "My legal adviser has now been copied on the contract, as you suggested.",
    "My union rep has been notified of my move, which is routine.",
    "I will be taking this further in my master's thesis, as we discussed.",
    "I plan to take it further by learning the scheduling software.",
    "I will take the matter further with my tutor, who is keen on the idea.",
    "I'll take things further once I have read the brief again.",
    "Nice touch, the welcome pack on my desk.",
    "Well played by the whole team at the quiz night.",
    "Impressive work on the interview app, which never forgot a slot.",
    "Congratulations on forgetting nothing in the handover; it was thorough.",
    "Well done on getting my name right on the badge, which rarely happens.",
    "Either you or Priya can send me the forms; I will sign them the same day.",
    "Either you call me on Monday or I will ring you on Tuesday, whichever suits.",
    "Either Tuesday or Wednesday suits me, and I can take the early train.",
    "Either your team sends the laptop or I will collect it, as you prefer.",
    "Either way, I will accept whatever date works best for you.",
    "I'm sorry you felt unwell during the interview; I hope you are better.",
    "I'm sorry you had to wait for me in reception.",
    "I'm sorry that the panel thought the room was too cold; I should have said.",
    "I am sorry you saw my email so late; it went to the wrong address.",
    "I'm sorry you feel under the weather this week.",
    "The plant was surprisingly quiet for such a large site.",
    "The drive was reasonably short for a site so far out of town.",
    "My answer was fairly polished for a first attempt, I hope.",
    "The canteen is surprisingly good for a factory, and the coffee is excellent.",
    "The test was relatively straightforward for someone with my background.",
    "My first draft was not bad at all for a beginner, but I improved it.",
    "The weather was not terrible for a walk round the site.",
    "The hotel was passable for one night, and the train was on time.",
    "For a first attempt, my sketch was half-decent, so I kept going.",
    "The commute is not the worst, given the new bus route.",
    "You actually managed to fit me in before the holidays, which I really appreciate.",
    "Your team managed to reply to everyone within a day, which is impressive.",
    "They finally managed to open the new wing, and it looks great.",
    "I can't believe you remembered my name from the open day; thank you.",
    "I couldn't believe the view from your office.",
    "I can't believe they finally launched the product I have wanted for years.",
    "The robot is smarter than it looks.",
    "The new site is bigger than it looks from the road.",
    "The role is more varied than it sounds on paper.",
    "Your team was friendlier than I expected from the size of the building.",
    "The test was harder than I expected from the brief.",
    "The day was better than I had expected from my nerves beforehand.",
    "As previously mentioned, I am free on Tuesday and Wednesday.",
    "As already mentioned, twice is enough for the tests, so I will book two slots.",
    "As earlier stated, I hold a full licence.",
    "I have asked my referees twice to confirm, and both have now replied.",
    "I've emailed my tutor three times about the reference, and it is on its way.",
    "Your help with the parking was much appreciated.",
    "Your cooperation with the university was what drew me to the role.",
    "Your kind help would be appreciated when I arrive, as I do not know the site.",
    "Take your time with the decision; I am only starting my notice next month anyway.",
    "No rush at all; I am only waiting on my visa, so there is plenty of time.",
    "Whenever you are ready, I suppose Friday would suit me best.",
    "There is no rush; as you already know, I can start any time.",
    "Take all the time you need, as you have a lot on this week.",
    "No rush on your side; I'm happy to wait.",
    "I'm waiting on decisions from two other companies, so there's no rush on your side.",
    "You have lost none of your enthusiasm for the project, I could tell.",
]


@pytest.mark.parametrize("line", PROBES, ids=[p[:40] for p in PROBES])
def test_the_self_probes_pass(line: str) -> None:
    assert body(line) == {}


# -- properties ---------------------------------------------------------------------------------
HARSH = ["honest", "detailed", "full", "frank", "long", "candid"]
KIND = ["glowing", "positive", "five-star", "warm", "good", "kind"]
SITES = ["Glassdoor", "Indeed", "LinkedIn", "Google", "Trustpilot"]


@given(st.sampled_from(HARSH + KIND), st.sampled_from(SITES),
       st.sampled_from(["I will write", "I am posting", "I'll leave"]))
def test_a_review_promised_threatens_exactly_when_it_is_not_a_kind_one(adj: str, site: str,
                                                                      lead: str) -> None:
    line = f"{lead} an {adj} review of my experience on {site}." if adj[0] in "aeiou" else (
        f"{lead} a {adj} review of my experience on {site}.")
    assert (NEG in body(line)) == (adj in HARSH)


WHO = ["lawyer", "solicitor", "attorney", "union representative", "legal adviser"]


@given(st.sampled_from(WHO), st.booleans())
def test_a_lawyer_threatens_exactly_when_copied_on_this_email(who: str, copied: bool) -> None:
    line = (f"My {who} has been copied on this email." if copied
            else f"My {who} has checked the contract and is happy with it.")
    assert (NEG in body(line)) == copied


LEADS = ["No rush", "Take your time", "No hurry at all", "Take all the time you need"]
TAGS = ["as you obviously have been", "since you seem to have plenty of it",
        "as you clearly always do"]
REASONS = ["as I am away next week", "since I start my notice in May",
           "as I know the board meets on Friday"]


@given(st.sampled_from(LEADS), st.sampled_from(TAGS + REASONS))
def test_mock_patience_is_impatient_exactly_when_it_says_what_it_means(lead: str,
                                                                       tail: str) -> None:
    assert (IMP in body(f"{lead}, {tail}.")) == (tail in TAGS)


# -- the fresh sentence set ---------------------------------------------------------------------
LINES = load_round13b()


def test_the_set_is_what_it_says() -> None:
    held = [x for x in LINES if x.part == "heldout"]
    assert sum(x.rude for x in held) == 36 and sum(not x.rude for x in held) == 40
    assert sum(x.rude for x in LINES) == 108 and sum(not x.rude for x in LINES) == 124


def test_the_tuning_part_reads_as_tuned() -> None:
    # the second pass was built on this part (the held-out part is measured, not asserted).
    # Left by decision: "whenever you get round to it" stays with the negative phrase
    # family (the stance sentences hold the same words as an innocent line, so no
    # impatience is read from it); "As I said before" is the impatient family's, not a
    # lesson; "lost none of the warmth" is the stance model's false alarm (its refit).
    tune = [x for x in LINES if x.part == "tune"]
    assert [x.text for x in tune if x.rude and wrong(x)] == [
        "Whenever you get round to it, I would love to know the outcome.",
        "As I said before, my experience is exactly what the role needs."]
    assert [x.text for x in tune if not x.rude and wrong(x)] == [
        "You have lost none of the warmth I remember from the open day."]


# -- speed: every new regex is linear on long input ---------------------------------------------
NEW = ([p for r in readings.ROUND13B for p in readings._FORMULAE[r]]
       + [p for p in readings._SOUR_GRAPES[4:]] + [p for p in readings._THREATS[7:]]
       + [readings._COLD_DEMANDS[-1], readings._MOCK_APOLOGIES[-1]])
OPENINGS = ["surprisingly professional for ", "your team ", "not bad ", "for a small firm, ",
            "you actually ", "i can't believe you ", "smarter than ", "better than i expected ",
            "as previously mentioned, ", "i have now asked ", "your prompt cooperation ",
            "the second-rate ", "your company is not ", "i am writing a review of ",
            "my lawyer has been ", "i will be taking this ", "either you ", "i'm sorry you ",
            "no rush, ", "take your time, as you ", "a ", "my "]


@pytest.mark.parametrize("pat", NEW, ids=lambda p: p.name)
def test_each_new_pattern_is_linear_on_its_opening_repeated(pat: readings.Pat) -> None:
    assert_linear(pat.regex, (pat.name.lower() + " ", *OPENINGS), pat.name)


@pytest.mark.parametrize("regex", [readings.MOCK_TAG, readings.MOCK_PATIENCE])
def test_mock_patience_is_linear_on_long_input(regex: object) -> None:
    import re
    assert isinstance(regex, re.Pattern)
    assert_linear(regex, ("no rush, as you ", "only waiting on ", "take your time, ", ", i "))


@pytest.mark.parametrize("pat", NEW, ids=lambda p: p.name)
def test_each_new_pattern_matches_only_past_its_gate(pat: readings.Pat) -> None:
    """Every tune line and pair line the pattern matches gets past its gate
    (`assert_past_its_gate`)."""
    assert_past_its_gate(pat, [x.text for x in LINES if x.part == "tune"]
                         + [p[0] for p in PAIRS])
