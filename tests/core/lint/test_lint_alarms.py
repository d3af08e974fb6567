"""False alarms on good notes (issue 22, round seven "alarms"): the writer's own feelings and
hard facts of theirs told with sympathy are not rudeness (tone.negative), the forms careers
sites publish for a note after a rejection restate interest (content.interest), another
offer's deadline told politely is no demand while an ultimatum is (tone.impatient), a short
text or card naming one real thing is specific enough (content.specifics), and a postscript
to a thank-you need not thank again (content.thanks). Hypothesis checks that each holds
whatever the words around it are."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from followup.core.lint import LintContext, lint
from followup.core.lint.content import SPECIFIC_WEIGHT, specific_needed

THANKS = LintContext(kind="thank_you", company="Pylon Engineering", role="Designer",
                     people=("Nia Brook",), candidate="Sam Lee")
CHECK_IN = LintContext(kind="check_in", company="Pylon Engineering", role="Designer",
                       people=("Nia Brook",), candidate="Sam Lee")
LOUD = ("error", "warning")


def note(body: str) -> str:
    return f"Dear Nia,\n\n{body}\n\nBest regards,\nSam Lee\n"


def rules(body: str, ctx: LintContext = THANKS) -> set[str]:
    return {f.rule for f in lint(note(body), ctx) if f.severity in LOUD}


OPENING = ("Thank you for the interview on Tuesday and for the tour of the test rig. "
           "I'm very interested in the Designer role at Pylon Engineering.")

# -- the writer's own feelings, their hard times told with sympathy ------------------------
FEELINGS = ("nervous", "anxious", "worried", "disappointed", "embarrassed", "sad", "upset",
            "rusty", "tense", "shaky")
WHEN = ("at the start", "on the first question", "when the panel came in",
        "about the whiteboard task", "before we began")
HARD = ("brutal", "punishing", "exhausting", "gruelling", "rough", "painful", "bleak",
        "draining", "awful", "hard")
TIMES = ("quarter", "winter", "year", "month-end close", "audit season", "launch week")
SYMPATHY = ("After such a {hard} {time}, I admired how calmly you talked about the plan.",
            "The {time} sounds {hard}, and I hope it eases off soon.",
            "I know it has been a {hard} {time} for the team, so thank you for making room "
            "for me.",
            "You were open about how {hard} the {time} was, and I'd love to help with the "
            "next one.")


@given(st.sampled_from(FEELINGS), st.sampled_from(WHEN))
def test_the_writers_own_feeling_is_not_aimed_at_them(feeling: str, when: str) -> None:
    body = f"{OPENING} I was {feeling} {when}, and you put me at ease quickly."
    assert "tone.negative" not in rules(body)


@given(st.sampled_from(SYMPATHY), st.sampled_from(HARD), st.sampled_from(TIMES))
def test_sympathy_with_their_hard_time_is_not_bitterness(frame: str, hard: str,
                                                          time: str) -> None:
    body = f"{OPENING} {frame.format(hard=hard, time=time)}"
    assert "tone.negative" not in rules(body)


def test_the_same_words_aimed_at_how_they_treated_you_still_read_as_bitter() -> None:
    assert "tone.negative" in rules(f"{OPENING} Your hiring process was brutal and "
                                    "your recruiter was awful to me.")


# -- a note after a rejection ---------------------------------------------------------------
AFTER_NO = ("Thank you for letting me know your decision, and for the time you gave me. "
            "I enjoyed seeing the test rig.")
PUBLISHED = ("Please keep me in mind for future openings.",
             "I'd welcome hearing about future openings on your team.",
             "I hope our paths cross again.",
             "I'd still love to be part of Pylon Engineering one day.",
             "I would be glad to be considered if another design role opens.",
             "I hope you will keep me in mind as other opportunities arise.",
             "I'd be delighted to be considered for any future vacancies.")


@given(st.sampled_from(PUBLISHED), st.booleans())
def test_the_published_forms_after_a_rejection_restate_interest(form: str,
                                                                 first: bool) -> None:
    body = f"{form} {AFTER_NO}" if first else f"{AFTER_NO} {form}"
    assert "content.interest" not in rules(body)


def test_interest_in_any_job_is_still_none_in_this_one() -> None:
    body = f"{AFTER_NO} Any job in engineering would interest me, to be honest."
    assert "content.interest" in rules(body)


# -- a true deadline, told politely; an ultimatum --------------------------------------------
DATES = ("Friday", "the 20th", "19 June", "Monday 3 March", "the end of the week",
         "close of business on Thursday")
POLITE_DEADLINE = ("I've received another offer and have been asked to reply by {d}.",
                   "Another employer has asked me to respond by {d}, and Pylon is my first "
                   "choice.",
                   "I need to answer the other firm by {d}, so I wanted you to hear it from "
                   "me first.",
                   "I must reply to their offer by {d}; would you be able to tell me where "
                   "your process stands before then?")
ULTIMATUM = ("Reply by {d} or I'm accepting the other offer.",
             "I need an answer by {d}.",
             "You have until {d} to make me an offer.",
             "If I don't hear back by {d}, I'll take it that you're not interested.")
CHECK = "Thank you again for the interview. I'm very interested in the Designer role."


@given(st.sampled_from(POLITE_DEADLINE), st.sampled_from(DATES))
def test_another_offers_deadline_told_politely_is_no_demand(frame: str, day: str) -> None:
    assert "tone.impatient" not in rules(f"{CHECK} {frame.format(d=day)}", CHECK_IN)


@given(st.sampled_from(ULTIMATUM), st.sampled_from(DATES))
def test_an_ultimatum_is_impatient_whatever_the_date(frame: str, day: str) -> None:
    assert "tone.impatient" in rules(f"{CHECK} {frame.format(d=day)}", CHECK_IN)


# -- short texts and cards, postscripts -------------------------------------------------------
@given(st.integers(0, 600), st.integers(0, 600))
def test_the_specific_weight_needed_grows_with_length_and_never_passes_the_cap(
        a: int, b: int) -> None:
    lo, hi = sorted((a, b))
    assert 1 <= specific_needed(lo) <= specific_needed(hi) <= SPECIFIC_WEIGHT


def test_a_short_text_naming_one_real_thing_is_specific_and_a_bare_one_is_not() -> None:
    real = ("Hi Nia, it's Sam Lee. Thank you for the interview and for letting me rebuild "
            "the gearbox bracket in CAD. I'd love to join Pylon Engineering as your Designer.")
    bare = ("Hi Nia, it's Sam Lee. Thank you for the interview today, it was great to meet "
            "you. I'd love to join Pylon Engineering as your Designer.")
    assert "content.specifics" not in rules(real)
    assert "content.specifics" in rules(bare)


def test_a_postscript_need_not_thank_again_but_a_note_must() -> None:
    ps = ("Sorry to bother you again. I forgot to mention that I hold a welding ticket, "
          "which may help with the rig work you described. I'm very interested in the "
          "Designer role.")
    assert "content.thanks" not in rules(ps)
    plain = ("The rig work you described is close to what I did at Norcross. I'm very "
             "interested in the Designer role and would like to help with the next build.")
    assert "content.thanks" in rules(plain)
