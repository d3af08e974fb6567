"""Round eleven's readings (issue 22): blind batch M's two false alarms fixed where the rules
misread them (a greeting to several panel members, the recipient among them; "the" of a
company called "The ...", which aimed every sentence with "the" at the company), and
readings for its misses (thanks pointing back at a slight, a lecture on how to hire,
talking down, minced oaths, their delay counted in a question, what interviewing cost held
against a mind made up, a mock apology, entitlement from one's record, self-pity aimed at
them).

Each shape is shown in wordings of its own (not the sentence set's nor the tuning notes'):
the innocent form passes and its hostile twin still draws the rule; the fresh sentence set
(tests/core/lint/data/round11_sentences.toml) holds its tuning figures; Hypothesis checks
that a greeting is wrong exactly when it names another recorded person and not the
recipient, and that thanks point back only at a slight."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup.core.lint import LintContext, lint, readings
from followup.core.lint.valence import company_words
from followup.core.model import Person

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sentences import final_note, load_round11, tone_messages, wrong  # noqa: E402


def body(text: str, ctx: LintContext | None = None) -> dict[str, str]:
    return tone_messages(final_note(text)) if ctx is None else tone_messages(final_note(text),
                                                                              ctx)


# -- false alarm: a greeting to several recorded people ---------------------------------------
PANEL = ("Prof. Kwame Asante", "Mrs. Ingrid Solberg-Lund", "Tomás Ibarra")
THANKS = ("Thank you both for Tuesday's interview. I enjoyed hearing how the ward rotas are "
          "planned, and I am very interested in the Staff Nurse post at Fenmoor Hospital.\n\n"
          "Kind regards,\nJo Reyes\n")


def greeting_rules(greeting: str, to: str = "Mrs. Ingrid Solberg-Lund") -> list[str]:
    ctx = LintContext(kind="thank_you", company="Fenmoor Hospital", role="Staff Nurse",
                      people=PANEL, recipient=Person(id="to", name=to), candidate="Jo Reyes")
    return [f.message for f in lint(f"{greeting}\n\n{THANKS}", ctx)
            if f.rule == "names.wrong-recipient"]


@pytest.mark.parametrize("greeting", [
    "Dear Prof. Asante and Mrs. Solberg-Lund,",
    "Dear Mrs. Solberg-Lund and Prof. Asante,",
    "Hello Ingrid and Kwame,",
    "Dear Kwame, Tomás and Ingrid,",
])
def test_a_greeting_to_the_panel_with_the_recipient_is_right(greeting: str) -> None:
    assert greeting_rules(greeting) == []


@pytest.mark.parametrize("greeting", [
    "Dear Prof. Asante,",
    "Hi Tomás and Kwame,",
    # an honorific is nobody's name: "Mrs." is the recipient's, "Asante" is not
    "Dear Mrs. Asante,",
])
def test_a_greeting_to_someone_else_is_still_wrong(greeting: str) -> None:
    (msg,) = greeting_rules(greeting)
    assert "Solberg-Lund" in msg


def test_a_greeting_naming_an_unrecorded_person_is_read_as_before() -> None:
    assert greeting_rules("Dear Ingrid and Priya,") == []
    assert greeting_rules("Dear Priya,") == []


FIRST = {"Prof. Kwame Asante": "Kwame", "Mrs. Ingrid Solberg-Lund": "Ingrid",
         "Tomás Ibarra": "Tomás"}


@given(st.lists(st.sampled_from(PANEL), min_size=1, max_size=3, unique=True),
       st.sampled_from(PANEL), st.booleans())
def test_a_greeting_is_wrong_exactly_when_it_names_another_and_not_the_recipient(
        greeted: list[str], to: str, surnames: bool) -> None:
    names = [p.split(" ", 1)[1] if surnames else FIRST[p] for p in greeted]
    text = ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1]
    flagged = bool(greeting_rules(f"Dear {text},", to))
    assert flagged == (to not in greeted)


# -- false alarm: "the" of a company's name ---------------------------------------------------
INN = LintContext(kind="thank_you", company="The Linden Arms", role="Bar Supervisor",
                  people=("Ruth Oduya",), candidate="Lee Park")


def test_function_words_of_a_company_name_name_nobody() -> None:
    assert company_words("The Linden Arms") == {"linden", "arms"}
    assert company_words("Bank of the North") == {"bank", "north"}
    # the writer's own worry, with "the" in it, is aimed at nobody
    assert body("I feared afterwards that my answer on the stock count left the wrong "
                "impression.", INN) == {}
    # the company named by its own words still is
    assert "tone.negative" in body("Linden Arms was rude and dismissive from start to finish.",
                                   INN)


@pytest.mark.parametrize("line", [
    "To be perfectly clear, split shifts are no trouble for me.",
    "Just to be clear, I hold a current food hygiene certificate.",
    "To be clear about my availability, I can start on the 2nd.",
    # their side as the subject, with no failing said
    "To be clear, the start date you suggested works for me.",
    "To be clear, your offer of a trial shift is very welcome.",
])
def test_to_be_clear_before_the_writers_own_commitment_passes(line: str) -> None:
    assert body(line, INN) == {}


@pytest.mark.parametrize("line", [
    "To be clear, your manager cancelled on me twice.",
    "Just so we're clear, nobody in your office returned my calls.",
])
def test_to_be_clear_before_a_charge_at_them_stays_negative(line: str) -> None:
    # the enforcer reading, or an earlier one ("clear" is praise to VADER)
    assert "tone.negative" in body(line, INN)


# -- the misses: each reading, its hostile wording and its innocent twin ----------------------
HOSTILE = [
    # thanks pointing back at the slight in the sentence before
    ("Two interviews and a presentation, then a form rejection. Thanks very much for that.",
     "thanks pointing back", "form rejection"),
    ("My references were called, then nothing for six weeks. That really shows how much "
     "Pylon values its applicants.", "thanks pointing back", "nothing for"),
    # a lecture on how to hire
    ("If Pylon genuinely wants good engineers, it might be worth reading their CVs.",
     "condescension", "it might be worth"),
    ("I would recommend that your interviewers take a course on listening.",
     "condescension", "take a course"),
    # talking down
    ("I'll put it simply, since the point seemed lost on the panel.", "condescension",
     "put it simply"),
    ("I was surprised that your engineers hadn't noticed the drift in the readings.",
     "condescension", "hadn't noticed"),
    ("Glad to take your team through the fundamentals of load testing.", "condescension",
     "fundamentals"),
    # minced oaths and the delay counted in a question
    ("The sodding form asked for my grades three times.", "minced oath", "sodding"),
    ("Eight weeks to reply with a template?", "their delay counted in a question",
     "eight weeks to reply"),
    # cost held against a mind made up; the mock apology
    ("I booked a hotel for an interview with a panel that had obviously made up their minds.",
     "rigged process", "made up their minds"),
    ("Pardon me if I don't celebrate the experience.", "mock apology", "me if i don't celebrate"),
    # entitlement; a prophecy
    ("I cannot understand how a less experienced engineer was thought the better fit.",
     "entitlement", "cannot understand how"),
    ("I expect the board will come to see it too.", "pointed well-wish", "see it too"),
    # self-pity aimed at them
    ("Candidates like me, without a degree, never even get a second look.",
     "self-pity aimed at them", "like me"),
    ("Well, I can't say I'm surprised.", "self-pity aimed at them", "surprised"),
    ("You say you value loyalty, but you never promote from within.",
     "self-pity aimed at them", "but"),
]


@pytest.mark.parametrize(("line", "name", "words"), HOSTILE, ids=[h[0][:40] for h in HOSTILE])
def test_each_reading_names_itself_and_quotes_its_words(line: str, name: str,
                                                        words: str) -> None:
    msg = body(line)["tone.negative"]
    assert f" - {name}: " in msg, msg
    assert words in msg.lower(), msg


@pytest.mark.parametrize("line", [
    "You answered every one of my questions by email. Thanks very much for that.",
    "My references were called the same day. That really shows how much Pylon values "
    "its applicants.",
    "If Pylon genuinely wants engineers who know the codes, I'd be glad to show my work.",
    "I would recommend the course on listening that I took last spring.",
    "I'll put it simply: I would love to join the team.",
    "I was surprised how much the drift in the readings mattered, and I'd love to work on it.",
    "Glad to take your team through my load-testing notes if useful.",
    "I was freaking out a little before the presentation, but it went well.",
    "Eight weeks to relocate would suit my family well.",
    "I booked a hotel for the interview and loved the walk along the river.",
    "Pardon me if I don't make it to the open evening; I'm on shift.",
    "I cannot understand how I missed your earlier email; apologies.",
    "I hope the board will come to see the new lab as a success.",
    "Candidates like me, without a degree, get a real chance in your apprenticeship.",
    "Nurses like me rarely get time for research, and your fellowship changes that.",
    "I wasn't surprised to hear how proud the team is of the bridge.",
    "You say you value loyalty, and I stayed eight years at my last firm.",
    # found in the integrator's review: the writer's own news closed, and a plan
    "That's all there is to it from my side; I'm excited about the role.",
    "It sounds like the panel had made up its mind to hire two designers, which is great.",
    "People like me who love data rarely get to see it used so well.",
    "Forgive me if I don't share the photos from the site visit until Monday.",
    "Forgive me if I don't call before Monday; I'm travelling.",
    "Forgive me if I didn't thank everyone by name.",
    "The freaking amazing view from your office is still on my mind.",
])
def test_their_innocent_twins_pass(line: str) -> None:
    assert body(line) == {}, line


SLIGHTS = ["Then the answer came from a no-reply address.",
           "After the final round there was nothing for a month.",
           "The second interview was cancelled the night before."]
KIND = ["Your recruiter rang me the same afternoon.",
        "The panel sent written feedback on my case study.",
        "You sent directions and a parking pass."]
BACK = ["Thanks so much for that.", "Much appreciated.", "I really appreciate it.",
        "Cheers for that.", "Grateful for that, truly."]


@given(st.sampled_from(SLIGHTS + KIND), st.sampled_from(BACK))
def test_thanks_point_back_only_at_a_slight(first: str, thanks: str) -> None:
    msg = body(f"{first} {thanks} I'd still love to join Pylon Engineering.").get(
        "tone.negative", "")
    assert ("thanks pointing back" in msg) == (first in SLIGHTS), msg


def test_the_new_readings_are_read_last() -> None:
    # only rounds twelve's to fourteen's are read after them (test_lint_round12.py to 14)
    n = (len(readings.ROUND12) + len(readings.ROUND13) + len(readings.ROUND13B)
         + len(readings.ROUND14))
    assert readings.READINGS[-len(readings.ROUND11) - n:-n] == readings.ROUND11
    assert {r.rule for r in readings.ROUND11} == {"tone.negative"}


# -- the fresh sentence set -----------------------------------------------------------------
LINES = load_round11()


def test_the_set_is_what_it_says() -> None:
    held = [x for x in LINES if x.part == "heldout"]
    assert sum(x.rude for x in held) >= 40 and sum(not x.rude for x in held) >= 40
    assert sum(x.rude for x in LINES) == 89 and sum(not x.rude for x in LINES) == 79


def test_the_tuning_part_reads_as_tuned() -> None:
    # round eleven's readings were built on this part: every hostile line draws its rule
    # and no innocent line draws a tone rule (the held-out part is measured, not asserted)
    tune = [x for x in LINES if x.part == "tune"]
    assert [x.text for x in tune if wrong(x)] == []
