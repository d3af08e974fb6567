"""tone.negative and tone.impatient by cue (lint/cues.py): the shape of a rude line when
none of its words is rude. Each cue is shown firing with its reading and words, and the
same shapes used innocently (a quoted motto, a polite question, praise of their process,
the writer's own plans) pass."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup.core.lint import LintContext, cues, lint

CTX = LintContext(kind="check_in", company="Pylon Engineering", role="Designer",
                  people=("Nia Brook",), candidate="Sam Lee")


def note(body: str, greeting: str = "Dear Nia,") -> str:
    return f"{greeting}\n\n{body}\n\nBest regards,\nSam Lee\n"


def tone(body: str, ctx: LintContext = CTX) -> dict[str, str]:
    """rule -> message, for the two tone rules the cues tell."""
    return {f.rule: f.message for f in lint(note(body), ctx)
            if f.rule in ("tone.negative", "tone.impatient")}


# (sentence, rule, the cue's name, a word the finding must quote)
RUDE = [
    ('Your "streamlined" process has now run to five weeks.', "tone.negative",
     "scare quotes", "streamlined"),
    ('Thanks for the "feedback", such as it was.', "tone.negative", "scare quotes",
     "feedback"),
    ("Does anyone there actually read these emails?", "tone.negative",
     "rhetorical question", "actually"),
    ("Do you even remember which candidate I was?", "tone.negative",
     "rhetorical question", "even"),
    ("Is it really so hard for your team to write back?", "tone.negative",
     "rhetorical question", "really so hard"),
    ("Apparently a week at Pylon Engineering lasts about a month.", "tone.negative",
     "irony", "apparently"),
    ("So much for your two-day turnaround.", "tone.negative", "irony", "so much for your"),
    ("I guess writing back isn't anyone's job at Pylon Engineering.", "tone.negative",
     "irony", "i guess"),
    ("Unlike some companies, the one I'm joining returns calls.", "tone.negative",
     "comparison", "unlike some"),
    ("Two other employers got back to me inside a week.", "tone.negative", "comparison",
     "other employers"),
    ("Your process tells me a lot about how Pylon Engineering treats people.",
     "tone.negative", "judging the process", "treats"),
    ("It was refreshing that at least one of the interviewers had read my CV.",
     "tone.negative", "backhanded", "at least one"),
    ("For future reference, candidates like to know the salary early.", "tone.negative",
     "condescension", "for future reference"),
    ("You might want to brush up on the role before the next interview.",
     "tone.negative", "condescension", "brush up"),
    ("Correct me if I'm wrong, but wasn't your decision due last week?", "tone.negative",
     "condescension", "correct me if i'm wrong, but"),
    ("Sorry if my earlier emails were confusing for your team.", "tone.negative",
     "condescension", "sorry if my earlier emails were confusing"),
    ("The least you could do is tell me the outcome.", "tone.negative", "guilt",
     "the least you could do"),
    ("Being left in the dark for a month is not what I expected.", "tone.negative",
     "guilt", "left in the dark"),
    ("Next time, perhaps tell candidates the post is filled.", "tone.negative",
     "sneering advice", "next time"),
    ("Do write back whenever you get round to it.", "tone.negative", "dismissal",
     "whenever you get round to it"),
    ("Your office couldn't run a raffle if the prize was free.", "tone.negative",
     "insult", "couldn't run a raffle if"),
    ("It is difficult to believe how anyone else was a better fit.", "tone.negative",
     "entitlement", "how anyone"),
    ("Three weeks and two emails with no reply.", "tone.impatient", "counting",
     "no reply"),
    ("Eight days and four calls without any answer.", "tone.impatient", "counting",
     "without any answer"),
    ("Please send me your decision by Monday.", "tone.impatient", "ultimatum",
     "your decision by"),
    ("Reply this week, otherwise I will withdraw.", "tone.impatient", "ultimatum",
     "otherwise i will withdraw"),
]

# The same shapes, used innocently, after published good notes.
POLITE = [
    'I liked your "right first time" motto and the morning huddle behind it.',
    "Did you have a chance to look at the sample plan I sent?",
    "Is there anything else you need from me for the Designer role?",
    "Is there actually anything I could send that would help the panel decide?",
    "Thank you so much for your time yesterday.",
    "Unlike the larger firms I've worked with, your team reviews every release together.",
    "The way your mentors check in weekly says a lot about how Pylon Engineering treats "
    "new starters, and I love that.",
    "For future reference, my new mobile is 555-0155.",
    "If I understood correctly, the first project is the returns dashboard; do correct me "
    "if I'm wrong.",
    "Sorry if I was hard to reach last week; my phone is fixed now.",
    "Once again, thank you for your time.",
    "This is the second time I've applied to Pylon Engineering, and I'm as keen as ever.",
    "I took the day off to travel up, and it was well worth it.",
    "Whenever suits you, I'd be glad to hear how things are going.",
    "Apparently the new depot opens in May, which sounds exciting.",
    "I guess my favourite part was the failure analysis you walked me through.",
    "I've had another offer and need to give them my answer by Friday.",
    "I was surprised by how much the team has built in a year.",
    "I hope to join Pylon Engineering as a Designer.",
    "If you have a minute this week, I'd love to hear about next steps.",
]


@pytest.mark.parametrize(("sentence", "rule", "cue", "words"), RUDE,
                         ids=[r[2] + ": " + r[0][:30] for r in RUDE])
def test_each_cue_reads_its_shape_and_says_which(sentence: str, rule: str, cue: str,
                                                 words: str) -> None:
    found = tone(sentence + " I remain very interested in the Designer role.")
    assert rule in found, found
    msg = found[rule]
    assert f" - {cue}: " in msg and words in msg.lower(), msg
    assert sentence.split()[0].lower() in msg.lower()  # the sentence is the excerpt


@pytest.mark.parametrize("sentence", POLITE)
def test_the_same_shapes_used_politely_pass(sentence: str) -> None:
    assert tone(sentence + " I remain very interested in the Designer role.") == {}


def test_every_cue_is_shown_firing() -> None:
    assert {(c.rule, c.name) for c in cues.CUES} == {(r[1], r[2]) for r in RUDE}


def test_aimed_cues_need_the_reader_in_the_sentence() -> None:
    # "couldn't run a ... if" about the writer's own old job is not an insult to them
    assert tone("Back then I couldn't run a marathon if my life depended on it.") == {}
    # the company's recorded name aims a cue like "you" does
    assert "tone.negative" in tone("I guess replying isn't a priority at Pylon Engineering.")


def test_a_gimmick_word_inside_the_recorded_name_is_a_name() -> None:
    ctx = LintContext(kind="thank_you", company="Orchid Media", role="Designer",
                      people=("Nia Brook",), candidate="Sam Lee")
    text = note("Thank you for the interview about the spring campaign. I'd love to join "
                "Orchid Media as a Designer.")
    assert not [f for f in lint(text, ctx) if f.rule == "tone.gimmick"]
    text = note("Thank you for the interview. I've sent orchids to the office as thanks.")
    assert [f for f in lint(text, ctx) if f.rule == "tone.gimmick"]


@given(rude=st.sampled_from(RUDE),
       before=st.lists(st.sampled_from(POLITE), max_size=3),
       after=st.lists(st.sampled_from(POLITE), max_size=3))
def test_a_rude_line_among_polite_ones_is_still_found(
        rude: tuple[str, str, str, str], before: list[str], after: list[str]) -> None:
    sentence, rule, cue, _ = rude
    found = tone(" ".join([*before, sentence, *after]))
    assert rule in found and f" - {cue}: " in found[rule]


@given(st.lists(st.sampled_from(POLITE), min_size=1, max_size=6))
def test_notes_made_of_polite_lines_draw_no_tone_finding(lines: list[str]) -> None:
    assert tone(" ".join(lines)) == {}
