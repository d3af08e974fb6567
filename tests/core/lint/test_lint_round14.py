"""Round fourteen's readings: blind batches P and Q's misses and false alarms in general form.

The misses: sarcasm about a missed interview (ironic praise of a no-show, praise pointing
back after a quotation, an insinuation about them: nc34), their timeline refused (nd40),
and a recorded name written with other capitals (nc43). The false alarms: gift words that
name no gift ("gift-card scams", "rates rose", "how it treats the people": nc06, nc20 and
nc34's gimmick), a negative noun naming the work's topic or the writer's own employer
("fraud alerts", "at my current company ... our failures": nc06, nd09), "I haven't heard
back since ..., and I wanted to ..." as the lead-in to the writer's news (nc18, after round
twelve's na46), and "even keener on the internship" (nd07).

Each shape is shown in wordings of its own (not the sentence set's nor the tuning notes'):
the innocent form passes and its hostile twin draws the rule; the fresh sentence set
(tests/core/lint/data/round14_sentences.toml) holds its tuning figures; Hypothesis checks
that a recorded name draws names.spelling exactly when written with other capitals inside
it (all capitals and the record's own capitals never do), that the silence told as a
lead-in is impatient exactly when "still" is said, and that "rose" is a gift exactly when
it is a flower; each new regex stays linear on long input and matches only past its gate."""

from __future__ import annotations

import re
import sys
import tomllib
from importlib.resources import files
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup.core.lint import LintContext, lint, readings
from followup.core.model import Person

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sentences import (  # noqa: E402
    assert_linear,
    assert_past_its_gate,
    final_note,
    load_round14,
    tone_messages,
    wrong,
)


def body(text: str) -> dict[str, str]:
    return tone_messages(final_note(text))


NEG, IMP, GIM = "tone.negative", "tone.impatient", "tone.gimmick"

# -- each shape: the hostile form draws the rule, the same words innocently pass --------------
HOSTILE = [
    # ironic praise of a no-show
    ("Truly gracious of your manager to skip my interview and send nobody to tell me.", NEG),
    ("Forgetting our appointment and blaming the diary: a perfect display of management.",
     NEG),
    ("Most considerate of the director to forget our meeting entirely.", NEG),
    # praise pointing back, after a quotation that took the sentence's stop
    ("I sat in the foyer for forty minutes before someone said the manager had \"popped "
     "out.\" How courteous, I must say.", NEG),
    # an insinuation about them
    ("The receptionist apologised for your absence, which she has clearly had lots of "
     "practice at.", NEG),
    ("Your receptionist made excuses on your behalf, and she clearly does it often.", NEG),
    # their timeline refused
    ("You said the panel would meet on the 20th, but that is too long for me to wait.", IMP),
    ("Kindly confirm right away if I have been shortlisted or not.", IMP),
    ("I know you said you would decide by Friday, but I can't wait that long for a decision.",
     IMP),
    ("I'm not prepared to wait until March for an answer.", IMP),
    # the silence held against them (the twin of the lead-in)
    ("I still haven't heard back since we met, so I wanted to chase again.", IMP),
    ("I haven't heard from you since the interview, which is frankly poor.", IMP),
    # gifts (the twins of the gift words)
    ("I sent a bouquet of roses to your reception.", GIM),
    ("I sent a rose to your office.", GIM),
    ("I left a gift card for the panel.", GIM),
    # a charge, the twin of the work's topic
    ("My friend's company found your process a fraud from start to finish.", NEG),
]

INNOCENT = [
    # a no-show's words, said kindly
    "Most considerate of your office to move the interview when the trains were cancelled.",
    "It was very professional of your office to let me know about the delay.",
    "How thoughtful of you to send the parking details before the interview.",
    "The launch was a fine example of leadership under pressure.",
    "The interview was cancelled because of the snow, and your office rang me at once. Very "
    "considerate of you.",
    # an insinuation's words
    "Your colleague apologised on your behalf for the late start, which was kind.",
    "Ms. Ortiz stepped in for your manager, who I gather is used to long travel weeks.",
    "If this is how the team treats its volunteers, I can only imagine how good the staff "
    "culture is.",
    "I can only imagine how hard the team works before the season opens.",
    # a timeline's words
    "I can't wait to see the new gallery when it opens.",
    "I can't wait this long for a bus again, so I will drive next time.",
    "I am not able to wait in the building before nine, so I will arrive at nine exactly.",
    "Please confirm whether I should bring my portfolio or not.",
    "Please confirm today's start time when you can.",
    "Please confirm today whether I should bring my certificates.",
    # the silence as a lead-in
    "I haven't heard back since the interview on Monday, and I have since been offered a role "
    "at another school.",
    "I haven't heard back since we met, so I wanted to mention that my notice period is now "
    "four weeks.",
    "I haven't heard from the other firm since my interview there, so I wanted to update you.",
    # gift words
    "Our enrolments rose 8% after the open evening I ran.",
    "Rose from the finance team showed me the ledger system.",
    "The Rose Theatre project you mentioned sounds wonderful.",
    "The gift-card fraud training you described sounds very practical.",
    "I managed the gift shop at the museum for two summers.",
    "I read your policy on gift cards from suppliers, which is sensible.",
    "I liked how the library treats every visitor as a guest.",
    # the work's topic and the writer's employer
    "I helped set up a scam awareness session for the library's older readers.",
    "At our company I led the review of customer complaints and halved our errors.",
    "Your approach to abuse reporting is a model for the sector.",
    "My current panel at the hospital reviews failures every week.",
]


@pytest.mark.parametrize(("line", "rule"), HOSTILE, ids=[h[0][:40] for h in HOSTILE])
def test_each_hostile_shape_draws_its_rule(line: str, rule: str) -> None:
    assert rule in body(line)


@pytest.mark.parametrize("line", INNOCENT, ids=[i[:40] for i in INNOCENT])
def test_the_same_words_used_innocently_pass(line: str) -> None:
    assert body(line) == {}


def test_the_charge_after_an_employers_name_is_still_aimed_at_them() -> None:
    # "my previous company" names the writer's employer, but the sentence named theirs first
    assert NEG in body("Your interviewer's remarks about my previous company were in very "
                       "poor taste.")


def test_the_new_readings_are_read_last() -> None:
    assert readings.READINGS[-len(readings.ROUND14):] == readings.ROUND14
    assert [r.rule for r in readings.ROUND14] == [NEG, NEG, IMP]


# -- the self-probes: innocent sentences a candidate might send that share each new
# pattern's words (round fourteen, step six); each passed once its pattern was narrowed.
# Sentences that drew a tone rule before this round already (rows older than it: "Please
# tell me today which entrance to use", "If this is how you treat candidates, I can only
# imagine how good it is to work there") are left out and listed in the round's report.
PROBES = [
    "Our donations rose by a third after the new appeal.",
    "The river rose quickly that spring, so we moved the archive upstairs.",
    "I rose to shift supervisor within a year.",
    "Sales rose sharply once the new menu launched.",
    "I checked gift card balances for customers at the till.",
    "I handled gift aid declarations for our donors.",
    "The charity's gift registry brought in new supporters.",
    "I admired how the charity treats its volunteers.",
    "It was clear how the ward treats patients and families with care.",
    "The way your firm treats its junior staff impressed me.",
    "I was impressed by how the company treats new starters.",
    "I haven't heard back since our interview, so I wanted to send the reference you asked "
    "for.",
    "I haven't heard back since the panel, and I wanted to thank you again for the tour.",
    "I have not heard back since my interview, so I thought I would share my portfolio link.",
    "I haven't heard back since the second round, and I hoped to ask whether the start date "
    "is still June.",
    "Very professional, the way your team ran the assessment day.",
    "Your office was very considerate to move the interview when my train was cancelled.",
    "Missing the first bus, I arrived just in time; a good lesson in planning.",
    "Your assistant was used to visitors, so she showed me straight to the room.",
    "Ines spoke for you while you were in the meeting, and she was very helpful.",
    "I apologised for my late arrival, as it was not the first time the trains let me down.",
    "Your colleague covered for you on Friday, which I know is part of her job as deputy.",
    "Thank you for speaking for me at the panel; I know you do it often for new starters.",
    "I had plenty of practice for the interview thanks to your guide.",
    "I waited ten minutes in reception while the room was set up. Very professional, I must "
    "say, the whole day.",
    "I can't wait to start in January.",
    "Please let me know whether I am through to the next round when you have decided.",
    "Kindly let me know if you need the references by tonight.",
    "I was especially interested in your work on fraud prevention for small businesses.",
    "At my previous company we halved our defects in six months.",
    "I'd like to help with your campaign against scams targeting pensioners.",
    "At our firm, I reduced errors in the payroll by a third.",
    "Your team's crime prevention work in the town centre was impressive.",
    "Our team's failures in the old system taught me to test early.",
    "I learned a lot about fraud risk in my last job.",
    "At my current company your product is used every day, and the defects are rare.",
]


@pytest.mark.parametrize("line", PROBES, ids=[p[:40] for p in PROBES])
def test_the_self_probes_pass(line: str) -> None:
    assert body(line) == {}


# -- the notes' shapes, whole -------------------------------------------------------------
OFFER_CTX = LintContext(kind="final", company="Larkfield Academy", role="Finance Officer",
                        people=("Siobhan Carey",), recipient=Person(id="sc", name="Siobhan Carey"),
                        candidate="Tomasz Wrobel")


def test_a_final_note_naming_another_offers_deadline_is_not_impatient() -> None:
    """nc18 in general form: the silence told as the lead-in, the other offer's date as the
    writer's news, a plain question and a gracious close."""
    text = ("Dear Ms Carey,\n\nI haven't heard back since our conversation about the Finance "
            "Officer post, so I wanted to let you know where I stand. Another trust has offered "
            "me a post and asked for my answer by Monday 7 December. Larkfield is still the "
            "school I would most like to join, after hearing about the new sixth-form block. If "
            "I am still being considered, could you tell me whether a decision is likely before "
            "then?\n\nIf not, I understand, and thank you for your time.\n\nKind regards,\n"
            "Tomasz Wrobel\n")
    assert {f.rule for f in lint(text, OFFER_CTX)} & {IMP, NEG} == set()
    chasing = text.replace("I haven't heard back", "I still haven't heard back")
    assert IMP in {f.rule for f in lint(chasing, OFFER_CTX)}


INTERN_CTX = LintContext(kind="thank_you", company="Northgate Botanic Trust",
                         role="Herbarium Assistant", people=("Mere Tane",),
                         recipient=Person(id="mt", name="Mere Tane"), candidate="Ana Silva")


@pytest.mark.parametrize("post", ["internship", "placement", "apprenticeship", "traineeship"])
def test_the_kind_of_post_named_restates_interest(post: str) -> None:
    """nd07 in general form: "even keener on the internship" is interest in this post."""
    text = (f"Kia ora Mere,\n\nThank you for showing me the pressing room on Tuesday and how "
            f"the team mounts each specimen. Our talk made me even keener on the {post}.\n\n"
            f"Ngā mihi,\nAna Silva\n")
    assert "content.interest" not in {f.rule for f in lint(text, INTERN_CTX)}
    other = text.replace(f"the {post}", f"any {post}")
    assert "content.interest" in {f.rule for f in lint(other, INTERN_CTX)}


# -- names.spelling: a recorded name written with other capitals ----------------------------
def _name_note(name: str, greeting: str, mention: str, company: str = "Claddagh Home Care"
               ) -> set[str]:
    ctx = LintContext(kind="thank_you", company=company, role="Care Coordinator",
                      people=(name,), recipient=Person(id="r", name=name), candidate="Sam Lee")
    text = (f"{greeting}\n\nThank you for meeting me on Thursday about the Care Coordinator "
            f"role at {company}. I enjoyed hearing about the weekend rota, {mention}, and I "
            f"remain very interested.\n\nBest regards,\nSam Lee\n")
    return {f.excerpt for f in lint(text, ctx) if f.rule == "names.spelling"}


@pytest.mark.parametrize(("name", "greeting", "mention", "flagged"), [
    ("Aoife McDonagh", "Dear Ms. McDonagh,", "Ms. McDonagh", set()),
    ("Aoife McDonagh", "Dear Ms. MCDONAGH,", "AOIFE MCDONAGH", set()),  # capitals: a style
    ("Aoife McDonagh", "Dear Ms. Mcdonagh,", "Ms. McDonagh", {"Mcdonagh"}),
    ("Seán O'Brien", "Dear Mr. O'Brien,", "Mr. O'brien", {"O'brien"}),
    ("Lucía Fernández-Ortiz", "Dear Ms. Fernández-Ortiz,", "Ms. Fernández-ortiz",
     {"Fernández-ortiz"}),
    ("DeShawn Harris", "Dear Deshawn,", "Mr. Harris", {"Deshawn"}),
    # a lowercase particle opening a sentence takes the sentence's capital
    ("Ruud van der Berg", "Dear Mr. van der Berg,", "Van der Berg's plan", set()),
    # the record's own capitals are the standard, whatever looks usual
    ("Iain Macleod", "Dear Mr. MacLeod,", "Mr. Macleod", {"MacLeod"}),
])
def test_a_name_in_other_capitals_is_misspelt(name: str, greeting: str, mention: str,
                                              flagged: set[str]) -> None:
    assert _name_note(name, greeting, mention) == flagged


def test_a_company_in_other_capitals_is_misspelt_and_one_in_capitals_is_not() -> None:
    assert _name_note("Nia Brook", "Dear Nia,", "Paypal's rota", company="PayPal") == {
        "Paypal"}
    assert _name_note("Nia Brook", "Dear Nia,", "PAYPAL's rota", company="PayPal") == set()
    # a record in capitals keeps no capitals to compare
    assert _name_note("Nia Brook", "Dear Nia,", "Acme's rota", company="ACME Care") == set()


def test_the_signers_own_name_is_theirs_to_write() -> None:
    ctx = LintContext(kind="thank_you", company="Claddagh Home Care", role="Care Coordinator",
                      people=("Aoife Brennan",), recipient=Person(id="r", name="Aoife Brennan"),
                      candidate="Rachel McKenna")
    text = ("Dear Ms. Brennan,\n\nThank you for meeting me on Thursday about the weekend rota; "
            "I remain very interested in the Care Coordinator role.\n\nBest wishes,\n"
            "Rachel Mckenna\n")
    assert "names.spelling" not in {f.rule for f in lint(text, ctx)}


PREFIXES = ["Mc", "Mac", "De", "La", "Le", "Van", "Di"]
STEMS = ["donagh", "leod", "shawn", "fontaine", "blanc", "dyke", "angelo", "kenzie"]


def _recase(word: str, flips: list[bool]) -> str:
    """The word with the letters after its first swapped in case where `flips` says."""
    return word[0] + "".join(c.swapcase() if f else c for c, f in zip(word[1:], flips,
                                                                            strict=False))


@given(st.sampled_from(PREFIXES), st.sampled_from(STEMS),
       st.lists(st.booleans(), min_size=12, max_size=12))
def test_a_name_draws_spelling_exactly_when_its_inner_capitals_differ(
        prefix: str, stem: str, flips: list[bool]) -> None:
    """Recorded "McDonagh": written as recorded, or all in capitals, it passes; written with
    other capitals after its first letter (not all capitals), it draws names.spelling."""
    surname = prefix + stem.capitalize()
    written = _recase(surname, flips)
    got = _name_note(f"Aoife {surname}", f"Dear Ms. {written},", "the rota plan")
    differs = written != surname and not written.isupper() and not written.islower()
    assert (got == {written}) == differs, (surname, written, got)
    assert _name_note(f"Aoife {surname}", f"Dear Ms. {surname.upper()},", "the plan") == set()


@given(st.sampled_from(["since our interview", "since the second round", "since we spoke",
                        "since my interview for the post"]),
       st.sampled_from(["so I wanted to share some news", "and I wanted to be open with you",
                        "and I have now received an offer elsewhere",
                        "so I thought I would update you"]),
       st.booleans())
def test_the_silence_as_a_lead_in_is_impatient_exactly_when_still_is_said(
        since: str, purpose: str, still: bool) -> None:
    line = f"I {'still ' if still else ''}haven't heard back {since}, {purpose}."
    assert (IMP in body(line)) == still


@given(st.sampled_from(["a", "one single", "a red", "a long-stemmed"]),
       st.sampled_from(["Attendance", "Our sales", "Membership", "The pass rate"]),
       st.sampled_from(["from 40 to 60 percent", "by a third", "sharply", "steadily", "12%"]),
       st.booleans())
def test_rose_is_a_gift_exactly_when_it_is_a_flower(det: str, what: str, change: str,
                                                    flower: bool) -> None:
    line = (f"I sent {det} rose to your office." if flower else f"{what} rose {change} "
            f"after I took over.")
    assert (GIM in body(line)) == flower


# -- the fresh sentence set -----------------------------------------------------------------
LINES = load_round14()


def test_the_set_is_what_it_says() -> None:
    held = [x for x in LINES if x.part == "heldout"]
    assert sum(x.rude for x in held) == 15 and sum(not x.rude for x in held) == 20
    assert sum(x.rude for x in LINES) == 45 and sum(not x.rude for x in LINES) == 55


def test_the_tuning_part_reads_as_tuned() -> None:
    # round fourteen's changes were built on this part: every hostile line draws its rule
    # and no innocent line draws a tone rule (the held-out part is measured, not asserted)
    tune = [x for x in LINES if x.part == "tune"]
    assert [x.text for x in tune if wrong(x)] == []


# -- speed: every new regex is linear on long input ------------------------------------------
NEW_PATS = [p for r in readings.ROUND14 for p in readings._FORMULAE[r]]
OPENINGS = ["very professional to ", "very professional, may i say, to ", "standing up ",
            "missed the interview ", "on your behalf ", "for you ", "if this is how you treat ",
            "i can only imagine how ", "i can't wait ", "please confirm ", "please confirm today ",
            "whether i ", "waiting until ", "too long ", "a ", "'", " "]


@pytest.mark.parametrize("pat", NEW_PATS, ids=lambda p: p.name)
def test_each_new_pattern_is_linear_on_its_opening_repeated(pat: readings.Pat) -> None:
    assert_linear(pat.regex, (pat.name.lower() + " ", *OPENINGS), pat.name)


_TABLES = tomllib.loads(files("followup.core.lint").joinpath("phrases.toml").read_text("utf-8"))
# the phrase rows this round changed: the gimmick rows reading roses, gifts and treats, and
# the impatient rows reading "I haven't heard"
CHANGED = [
    re.compile(readings.POINT_BACK), re.compile(readings.SLIGHT),
    *(re.compile(p) for p in _TABLES["families"]["gimmick"]["patterns"]
      if any(w in p for w in ("rose", "gifts?", "treats("))),
    *(re.compile(p) for p in _TABLES["families"]["impatient"]["patterns"]
      if "heard" in p and "since" in p),
]
CHANGED_OPENINGS = ["rose ", "a rose ", "gift ", "gift-card ", "gift card ", "treats the ",
                    "i haven't heard back since the ", "i haven't heard ", "i have not heard ",
                    "very professional, ", "only to be told ", "waited ", "policy on "]


@pytest.mark.parametrize("pat", CHANGED, ids=lambda p: p.pattern[:30])
def test_each_changed_pattern_is_linear_on_its_opening_repeated(pat: re.Pattern[str]) -> None:
    assert len(CHANGED) == 2 + 4 + 2
    assert_linear(pat, CHANGED_OPENINGS, pat.pattern[:40])


@pytest.mark.parametrize("pat", NEW_PATS, ids=lambda p: p.name)
def test_each_new_pattern_matches_only_past_its_gate(pat: readings.Pat) -> None:
    """Every tune line and test line the pattern matches gets past its gate
    (`assert_past_its_gate`)."""
    assert_past_its_gate(pat, [x.text for x in LINES if x.part == "tune"]
                         + [h for h, _ in HOSTILE])


@pytest.mark.parametrize("slight", [
    "The no-show on Thursday cost me a day's pay.",
    "I sat in your lobby until four.",
    "I waited forty minutes in reception.",
])
def test_each_new_slight_meets_its_gate(slight: str) -> None:
    """Thanks pointing back opens only on a note holding a slight's gate word: each slight
    this round added is found by its regex and holds one."""
    low = slight.lower()
    assert re.search(readings.SLIGHT, low)
    assert not readings._SLIGHT_WORDS.isdisjoint(readings._WORD.findall(low))


def test_the_bench_notes_open_no_new_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    """The gates keep round fourteen's readings off notes that cannot show them: on the
    benchmark's notes (bench/bench_lint.py) no reading of this round, nor thanks pointing
    back, is tried on any sentence (a gate word as common as "stood" of "stood out" once
    opened them on most notes and cost a fifth of the linter's speed)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))
    from bench_lint import CONTEXT, make_notes

    tried: set[str] = set()
    orig = readings.read_sentence

    def spy(low: str, after: str, company: frozenset[str],
            live: dict[readings.Reading, tuple[readings.Pat, ...]] | None = None,
            before: str = "") -> tuple[readings.Reading, list[str]] | None:
        tried.update(r.name for r in (live or {}))
        return orig(low, after, company, live, before)

    monkeypatch.setattr(readings, "read_sentence", spy)
    for text in make_notes(200):
        lint(text, CONTEXT)
    new = {r.name for r in readings.ROUND14} | {readings.POINTING.name}
    assert tried & new == set()
