"""Round twelve's readings: blind batch N's three false alarms fixed where the rules misread
the structure (a business letter's inside address ending "Inc.", read as a sentence, so its
"Annapolis, MD" was a managing director dropped by name; a gracious closing note that says
the writer understands and names another offer's deadline; a card that hopes for the chance
to join, which restates interest), its miss in general form (an answer demanded in official
dress), and the known gaps (mock praise by comparison; disbelief at how quickly something
went, "let me spell it out" before the writer's own wish, and being unsurprised at the
company's repeated success, all once false alarms).

Each shape is shown in wordings of its own (not the sentence set's nor the tuning notes'):
the innocent form passes and its hostile twin still draws the rule; the fresh sentence set
(tests/core/lint/data/round12_sentences.toml) holds its tuning figures; Hypothesis checks
that a comparison mocks exactly when its standard is a piece of their logistics, that
"again" is held against them exactly when a failing of theirs repeats, and that another
offer's deadline told as news never reads as impatience in a closing note."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup.core.lint import LintContext, lint, readings
from followup.core.lint.parse import heading_line

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sentences import final_note, load_round12, tone_messages, wrong  # noqa: E402


def body(text: str, ctx: LintContext | None = None) -> dict[str, str]:
    return tone_messages(final_note(text)) if ctx is None else tone_messages(final_note(text),
                                                                              ctx)


# -- false alarm: a letter's inside address ending with an abbreviation -----------------------
SURVEY = LintContext(kind="letter", company="Bayline Surveying, Inc.", role="Field Technician",
                     people=("Grace Adeyemi",), candidate="Tom Okafor")
LETTER = """12 Mill Lane
Frederick, MD 21701

March 3, 2026

Grace Adeyemi, Survey Manager
Bayline Surveying, Inc.
40 Dock Street, Ste.
Annapolis, MD 21401

Dear Ms. Adeyemi:

Thank you for meeting me on Monday about the Field Technician position. {line}I enjoyed
hearing about the shoreline mapping work, and I am very interested in joining Bayline
Surveying, Inc.

Sincerely,
Tom Okafor
"""


def test_an_address_line_ending_with_an_abbreviation_is_a_heading_line() -> None:
    assert heading_line("Bayline Surveying, Inc.")
    assert heading_line("40 Dock Street, Ste.")
    assert heading_line("Harbour Freight Co.")
    # a sentence, or a line ending with an ordinary word's period, is not
    assert not heading_line("We met on Monday.")
    assert not heading_line("Thanks for nothing.")


def test_the_inside_address_drops_no_name() -> None:
    rules = {f.rule for f in lint(LETTER.format(line=""), SURVEY)}
    assert "tone.name-drop" not in rules


def test_a_name_dropped_in_the_letters_body_is_still_found() -> None:
    text = LETTER.format(line="Your CEO Marcus Whitby has known my family for years. ")
    assert "tone.name-drop" in {f.rule for f in lint(text, SURVEY)}


@pytest.mark.parametrize("line", [
    "I moved to Annapolis, MD in the spring, so the commute would be short.",
    "I grew up near Frederick, MD, and know the coastline well.",
])
def test_a_town_and_its_states_code_in_the_body_drop_no_name(line: str) -> None:
    assert "tone.name-drop" not in body(line, SURVEY)


def test_a_managing_director_named_is_still_a_name_drop() -> None:
    assert "tone.name-drop" in body("Marcus Whitby, MD of your parent firm, knows my work.",
                                    SURVEY)


# -- false alarm: a gracious closing note naming another offer's deadline ---------------------
TIDE = LintContext(kind="final", company="Tidewater Clinic", role="Practice Nurse",
                   people=("Owen Pryce",), candidate="Lina Haddad")


@pytest.mark.parametrize("line", [
    "I haven't heard anything since the panel day, and I understand that rotas and budgets "
    "can shift.",
    "I haven't had an update yet, and I completely understand that these decisions take time.",
    "I haven't heard back and understand that plans move; I have an offer to answer by the "
    "9th, so any news before then would be welcome.",
    "I have another offer that closes on Thursday, and I'd be grateful to know where I stand "
    "before then.",
    "I have an offer to answer by Friday, and Tidewater is still where I'd most like to work.",
])
def test_understanding_and_an_offers_deadline_told_as_news_pass(line: str) -> None:
    assert body(line, TIDE) == {}, line


@pytest.mark.parametrize("line", [
    "I haven't heard anything, so I expect your decision by Thursday.",
    "I understand plans shift, but I still haven't heard a word.",
    "I have another offer, so reply by Thursday or I'll take it.",
])
def test_a_deadline_set_for_them_stays_impatient(line: str) -> None:
    assert "tone.impatient" in body(line, TIDE), line


# -- false alarm: hoping for the chance to join restates interest ------------------------------
CARD = LintContext(kind="thank_you", company="School of Music, Hollins College",
                   role="Lecturer in Composition", people=("Bea Lund",), candidate="Ivo Marsh")


def test_hoping_for_the_chance_to_join_restates_interest() -> None:
    text = ("Dear Bea,\n\nThank you for meeting me at the station and for the tea before my "
            "recital. It made the whole visit easy.\n\n{end}\n\nWith thanks,\nIvo Marsh\n")
    hoped = "I hope I'll get the chance to join the school as a lecturer, and to see you again."
    rules = {f.rule for f in lint(text.format(end=hoped), CARD)}
    assert "content.interest" not in rules
    # without it, the card restates no interest, and the rule still says so
    rules = {f.rule for f in lint(text.format(end="See you soon, I hope."), CARD)}
    assert "content.interest" in rules


# -- the miss, the gaps and the old false alarms: hostile twins and innocent forms -------------
HOSTILE = [
    # an answer demanded in official dress (tone.impatient)
    ("Kindly furnish me with the panel's decision at your earliest.", "tone.impatient",
     "a demand in official dress", "furnish me with the panel's decision"),
    ("Your immediate answer is therefore required.", "tone.impatient",
     "a demand in official dress", "is therefore required"),
    ("Please communicate the outcome to me without further delay.", "tone.impatient",
     "a demand in official dress", "without further delay"),
    ("I await your urgent reply.", "tone.impatient", "a demand in official dress",
     "await your urgent reply"),
    # praise by comparison (tone.negative)
    ("Good to see your admissions team is as timely as your canteen queue.", "tone.negative",
     "praise by comparison", "as timely as your canteen"),
    ("Your offer letter was about as clear as mud.", "tone.negative",
     "praise by comparison", "about as clear as"),
    ("Reassuring that the feedback was as thorough as your signage.", "tone.negative",
     "praise by comparison", "as thorough as your signage"),
    # resignation at their failing, repeated
    ("I suppose I shouldn't be surprised that the video link failed again.", "tone.negative",
     "resignation at a repeated failing", "failed again"),
    ("It shouldn't surprise me that nobody rang back, yet again.", "tone.negative",
     "resignation at a repeated failing", "nobody rang back"),
]


@pytest.mark.parametrize(("line", "rule", "name", "words"), HOSTILE,
                         ids=[h[0][:40] for h in HOSTILE])
def test_each_reading_names_itself_and_quotes_its_words(line: str, rule: str, name: str,
                                                        words: str) -> None:
    msg = body(line)[rule]
    assert f" - {name}: " in msg, msg
    assert words in msg.lower(), msg


@pytest.mark.parametrize("line", [
    # the miss's words, used innocently
    "Kindly furnish me with the address for the assessment centre, and I'll be there.",
    "Please send the joining pack today if it's easier for you; either way is fine.",
    "No written reply is needed; I just wanted to pass on my thanks.",
    "I gather a decision is expected towards the end of May.",
    "Your feedback will be required for my placement portfolio, if you're happy to give it.",
    "I await your news with real interest.",
    "Your quick answer about parking made the morning easy.",
    # real praise by comparison
    "The ward felt every bit as calm as your recruiter had described.",
    "I'd love to be as organised as your scheduling team.",
    "Your reception staff were as helpful as your HR team.",
    "The panel was about as welcoming as any I've met.",
    "Your onboarding guide is about as clear as a guide can be.",
    "Everything ran as smoothly as your schedule had promised.",
    # delight, not disbelief
    "I find it hard to believe how quickly our tour of the workshop went.",
    "I find it difficult to believe how much your apprentices build in their first year.",
    "I find it hard to believe how well the afternoon went.",
    "I find it hard to believe it's already Friday; the week with your team flew.",
    # the writer's own wish, said plainly
    "Let me spell it out: I'd love to be part of the studio.",
    "Let me put it simply: this is the role I want.",
    "Let me spell it out plainly: I am very interested in the post.",
    # unsurprised at their success
    "I suppose I shouldn't be surprised that the studio won best design again.",
    "I shouldn't be surprised that your apprentices were praised again by the inspectors.",
    "I suppose I shouldn't be surprised that your lab is hiring again, with the new grant.",
    "I suppose I shouldn't be surprised that I was nervous again, but you put me at ease.",
    # the brief's examples of the old false alarms
    "I find it hard to believe how quickly the hour went.",
    "Let me spell it out: I want this job.",
])
def test_their_innocent_twins_pass(line: str) -> None:
    assert body(line) == {}, line


HARWELL = LintContext(kind="final", company="Harwell", role="Designer", people=("Nia Brook",),
                      candidate="Sam Lee")


def test_the_companys_repeated_success_is_no_sarcasm() -> None:
    assert body("I suppose I shouldn't be surprised that Harwell won the award again.",
                HARWELL) == {}
    # their treatment of the writer, repeated, still is
    assert "tone.negative" in body("Lovely, I suppose Harwell has rescheduled me again.",
                                   HARWELL) or "tone.negative" in body(
        "I suppose I shouldn't be surprised that Harwell rescheduled me again.", HARWELL)


@pytest.mark.parametrize("line", [
    "Glad to see the process is as efficient as your parking.",
    "I see your recruiters are as organised as your interview schedule.",
])
def test_the_briefs_mock_comparisons_are_caught(line: str) -> None:
    assert "praise by comparison" in body(line).get("tone.negative", "")


# -- properties ------------------------------------------------------------------------------
SUBJECTS = ["Your hiring team is", "The recruitment process was", "Your HR department seems"]
QUALITIES = ["efficient", "organised", "prompt", "responsive", "professional"]
LOGISTICS = ["your parking", "your coffee machine", "your booking portal", "your voicemail",
             "the reception desk", "your room booking calendar"]
REPORTS = ["your recruiter said", "your website promised", "anything I've seen"]


@given(st.sampled_from(SUBJECTS), st.sampled_from(QUALITIES),
       st.sampled_from(LOGISTICS + REPORTS + ["your reception staff"]), st.booleans())
def test_a_comparison_mocks_exactly_when_its_standard_is_their_logistics(
        subject: str, quality: str, standard: str, about: bool) -> None:
    if about and standard == "your reception staff":
        about = False  # "about as ... as" their people may be either; left out
    line = f"{subject} {'about ' if about else ''}as {quality} as {standard}."
    # the reading itself (the stance model, read after it, is another helper's)
    found = readings.read_sentence(line.lower(), "", frozenset())
    named = found is not None and found[0] is readings.COMPARED
    assert named == (standard in LOGISTICS), (line, found)


FAILINGS = ["the test platform crashed", "nobody replied", "my interview was moved",
            "the role was readvertised", "my call was ignored"]
SUCCESSES = ["the team won the regional prize", "your clinic was rated outstanding",
             "the bakery sold out", "the department grew"]


@given(st.sampled_from(FAILINGS + SUCCESSES), st.sampled_from(["I suppose ", "I guess ", ""]))
def test_resignation_reads_a_repeated_failing_never_a_repeated_success(
        what: str, lead: str) -> None:
    found = readings.read_sentence(
        f"{lead}I shouldn't be surprised that {what} again.".lower(), "", frozenset())
    named = found is not None and found[0] is readings.UNSURPRISED_AGAIN
    assert named == (what in FAILINGS)


DAYS = ["Monday", "Friday", "the 14th", "the end of the week"]


@given(st.sampled_from(DAYS), st.sampled_from([
    "and I understand that plans can change",
    "and I fully understand that these decisions take time"]))
def test_another_offers_deadline_told_as_news_sets_none_for_them(day: str,
                                                                  understood: str) -> None:
    line = (f"I haven't heard back since the interview, {understood}; I have an offer to "
            f"answer by {day}, so any news before then would help.")
    assert readings.closing(line.lower())
    assert "tone.impatient" not in body(line, TIDE)


def test_the_new_readings_are_read_last() -> None:
    # only rounds thirteen's and fourteen's are read after them (test_lint_round13.py to 14)
    n = len(readings.ROUND13) + len(readings.ROUND13B) + len(readings.ROUND14)
    assert readings.READINGS[-len(readings.ROUND12) - n:-n] == readings.ROUND12
    assert [r.rule for r in readings.ROUND12] == ["tone.impatient", "tone.negative",
                                                  "tone.negative"]


# -- the fresh sentence set -----------------------------------------------------------------
LINES = load_round12()


def test_the_set_is_what_it_says() -> None:
    held = [x for x in LINES if x.part == "heldout"]
    assert sum(x.rude for x in held) == 32 and sum(not x.rude for x in held) == 30
    assert sum(x.rude for x in LINES) == 58 and sum(not x.rude for x in LINES) == 55


def test_the_tuning_part_reads_as_tuned() -> None:
    # round twelve's readings were built on this part, and the stance model's refit read it
    # as training data: every hostile line draws its rule and no innocent line draws a tone
    # rule (the held-out part is measured, not asserted)
    tune = [x for x in LINES if x.part == "tune"]
    assert [x.text for x in tune if x.rude and wrong(x)] == []
    assert [x.text for x in tune if not x.rude and wrong(x)] == []


# -- the integrator's review: two older false alarms, and common lines ------------------------
# Formal English's conditional offer and request ("I should be glad to ...", "I should be
# grateful if ...") read as the sarcastic "I should be grateful you replied at all"; waiting
# on other employers read as impatience at the reader.
@pytest.mark.parametrize("line", [
    "I should be happy to send the drawings, and I should be glad to walk you through them.",
    "I should be grateful if someone could confirm the time of Thursday's visit.",
    "I should be thankful for any pointers on the case study.",
    "I'm still waiting to hear back from a couple of other companies, so there's no hurry here.",
    "I am still waiting for word from another school, and your timeline suits me well.",
])
def test_formal_offers_and_other_employers_pass(line: str) -> None:
    assert body(line) == {}


@pytest.mark.parametrize(("line", "rule"), [
    ("I suppose I should be thankful you answered at all.", "tone.negative"),
    ("I should be grateful for small mercies, given the silence.", "tone.negative"),
    ("Your recruiters should be grateful anyone still applies.", "tone.negative"),
    ("I'm still waiting to hear from you about the role.", "tone.impatient"),
    ("Still waiting for your decision on my application.", "tone.impatient"),
])
def test_their_hostile_twins_still_draw_the_rule(line: str, rule: str) -> None:
    assert rule in body(line)


COMMON = tomllib.loads((Path(__file__).resolve().parent / "data" / "common_lines.toml")
                       .read_text("utf-8"))["lines"]


def test_at_most_one_common_line_in_a_hundred_draws_a_tone_rule() -> None:
    """What people write every day (data/common_lines.toml: plain check-ins, sincere uses of
    words rude lines share, formal British English) must lint quietly: a false "reads as
    hostile" on a standard closing line costs more trust than the recall it buys."""
    loud = [line for line in COMMON if body(line)]
    assert len(COMMON) >= 100
    assert len(loud) <= len(COMMON) // 100, loud


# -- the stock ironic simile (integrator's review): positive quality, a standard that lacks it --
@pytest.mark.parametrize("line", [
    "Honestly, the onboarding pack was as clear as mud.",
    "Your scheduling team has been about as responsive as a stone wall.",
    "After three reschedules, the process feels as swift as an arthritic tortoise.",
    "The feedback form was as useful as a screen door on a submarine.",
])
def test_a_stock_ironic_simile_draws_tone_negative(line: str) -> None:
    assert "tone.negative" in body(line)  # the reading, or a phrase family before it


@pytest.mark.parametrize("line", [
    "Your explanation of the rota was as clear as day.",
    "The panel was as friendly as anyone could hope for.",
    "I was as slow as a snail on the first exercise, I admit.",
    "My first answer on budgets was as clear as mud, so here it is again, properly.",
    "The walk along the river was as muddy as the forecast promised.",
])
def test_sincere_and_self_aimed_similes_pass(line: str) -> None:
    assert body(line) == {}


STANDARDS = ["a snail", "a glacier", "mud", "treacle", "a brick wall", "a black hole",
             "a sloth", "ditchwater"]
QUALITIES = ["quick", "efficient", "clear", "responsive", "helpful", "organised", "timely"]


@given(st.sampled_from(QUALITIES), st.sampled_from(STANDARDS),
       st.sampled_from(["Your process", "The recruiters", "Communication from HR"]))
def test_a_simile_mocks_them_exactly_when_it_is_about_them(quality: str, standard: str,
                                                            them: str) -> None:
    """Their side as quick as a snail mocks them; the writer's own, said the same way, is
    self-deprecation."""
    theirs = f"{them} has been as {quality} as {standard}."
    mine = f"I was as {quality} as {standard} in the first round."
    assert "praise by comparison" in body(theirs).get("tone.negative", "")
    assert "tone.negative" not in body(mine)
