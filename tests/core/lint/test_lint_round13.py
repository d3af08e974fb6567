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
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup.core.lint import LintContext, lint, readings

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sentences import (  # noqa: E402
    assert_linear,
    assert_past_its_gate,
    final_note,
    load_round13,
    tone_messages,
    wrong,
)


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
    # only its second pass's and round fourteen's are read after them (13b, 14)
    n = len(readings.ROUND13B) + len(readings.ROUND14)
    assert readings.READINGS[-len(readings.ROUND13) - n:-n] == readings.ROUND13
    assert [r.rule for r in readings.ROUND13] == [NEG] * 6 + [IMP] * 2


# -- the self-probes: innocent sentences a candidate might send that share each new
# pattern's words (round thirteen, step five); each passed once its pattern was narrowed.
# Sentences that drew a tone rule before this round already (a reading older than it) are
# left out and listed in the round's report.
PROBES = [
    "I'm so sorry your team was too busy to join the call; the notes are attached.",
    'Sorry I was too busy to send a single line last week; here is the full report now.',
    'I know you must find it hard to answer every applicant personally, so thank you for writing.',
    'I feel for your recruiter, who had to rearrange the whole week after the snow.',
    "It's a shame the panel was too busy to stay for lunch; I enjoyed meeting them all.",
    "You must find it hard to answer questions about the merger, so I won't ask.",
    'Your rejection was so kind that it made my week easier to bear.',
    'The news made my day, thank you.',
    'Your feedback after the rejection made my week.',
    'Congratulations on the new contract; I know it took a lot of rescheduling to get there.',
    'Well done on the launch despite the storm cancelling the first day.',
    'Great job on the rebrand, and sorry to hear the launch was postponed.',
    'Congratulations on never missing a delivery date all year.',
    'Kudos to your recruiters for keeping me informed at every step.',
    'Impressive work on the product that never needs a manual.',
    'Well done on getting the site open after all the delays.',
    'What a fantastic way to treat your volunteers, with a lunch every Friday.',
    'Congratulations to your team for turning silence into a selling point with the quiet range.',
    'It must be great to work with such a talented team.',
    'It must be lovely having the river right outside.',
    'It must be wonderful to see the new line running after years of planning.',
    'It must be so rewarding to never have a dull day in that job.',
    'Lucky you, having the coast so close to the office!',
    'Some of us on the course got to visit your plant last year.',
    'Some people get to choose their own shifts at your site, which I would enjoy.',
    'I will be gone by spring for my placement, so a June start suits me.',
    'Your new designer will leave for the Leeds office in June, you said, so the timing works.',
    'Experience counts for less than attitude in your graduate scheme, which I admire.',
    'I hope your new hire has better luck than I had with the trains that morning.',
    'The job went to whoever scored highest on the case study, which is fair.',
    "I hope the new hire settles in well; they'll love the team.",
    'I will make sure everyone on my course hears about your graduate scheme.',
    'I will make sure the team knows how much I enjoyed the visit.',
    'My tutor told me not to apply until I had finished the course.',
    'I have told my friends not to miss your open day.',
    'I wrote my dissertation on consumer boycotts, which your team asked about.',
    'Your five-star rating for the service centre is well earned.',
    'I am posting the signed forms tonight.',
    'I shared my experience of the open day on LinkedIn and tagged your team.',
    "I'll post the portfolio link online tonight so you can see it.",
    "I finished the 'quick start' guide you sent.",
    "I loved the 'Meet the Makers' video on your site.",
    "Your motto 'build it right' stayed with me.",
    "The panel's question about 'design debt' gave me a lot to think about.",
    "I have read the 'Future Kitchens' report.",
    "Thank you for the 'welcome pack'; it was very useful.",
    'I expect to receive my certificate on Friday and will forward a copy.',
    'I expect to receive the outcome by the end of the month, as your letter said.',
    'I require no relocation support.',
    'Please let me know if there is anything I should action before the start date.',
    'Please expedite my background check if you can; my notice period starts Monday.',
    'Your attention to detail on the tour was much appreciated.',
    'I trust you will enjoy the conference next week.',
    'My reply to your survey is overdue, so here it is.',
    'Sorry to bother you again so soon, but I forgot to attach my references.',
    'Sorry to bother you, but which entrance should I use on Monday?',
    'Could you let me know whether your team plans to contact my references?',
    'Please let me know if you intend to reply by post or email, so I can watch for it.',
    'Apologies for chasing the form again; I have now signed it.',
    "I'm sorry you were too busy to stay for coffee; it was lovely to meet you anyway.",
    'Sorry the team was so busy that day; the tour was still wonderful.',
    "It's a pity the recruiter was too busy to join, as I'd have liked to thank her.",
    'I was sorry your director was too busy to present, but the deputy was excellent.',
    'Sorry that I was too busy to send a single line during the move; here is my update.',
    'You must find it hard to answer so many applications, so I appreciate the reply.',
    'I imagine you must find it tough to choose between so many good people.',
    'Hearing that I made the shortlist made my week.',
    'Your call made my day, thank you.',
    'No news yet, but the tour alone made my week.',
    'The rejection was kind and your advice made my week.',
    'Getting no for an answer was hard, but your helpful note made my day.',
    'Congratulations on keeping the project on track despite everything.',
    'Great job on the charity day, and I hope the rain held off.',
    'Impressive work on never missing a deadline.',
    'Kudos to your team for rescheduling the event so smoothly after the storm.',
    'Congratulations on losing only one day to the power cut.',
    'What a wonderful way to treat your guests, with lunch and a tour.',
    'What a great way to treat candidates: a clear brief and a friendly panel.',
    'What a lovely way to treat people who visit, with coffee at the door.',
    'It must be great to have such loyal customers.',
    'It must be lovely to never have a dull day in product design.',
    'It must be wonderful to work without a commute.',
    'It must be fun to see every new product first.',
    'Lucky you, with the sea at the end of the street!',
    'Lucky them, to have such a patient mentor.',
    'Lucky you, having a garden on the roof.',
    'Some of us at the meetup have followed your work for years.',
    'Some people get to work on projects like yours, and I hope to be one of them.',
    'Some candidates have to travel far, so thank you for the video option.',
    "Some of us get to use your app every day, and it's great.",
    'Some people have to work on Saturdays, so the evening slot was kind.',
    'The new hire will leave for training in June, you mentioned, so I could cover it.',
    'Your new manager will be gone on leave by spring, so the timing of my start suits.',
    'They will move on to the new site by the end of the year, I heard, which sounds exciting.',
    'Experience counts for a lot in your field.',
    'Hard work matters more than anything, as your CEO said in the talk.',
    'Skills count for less than attitude in your graduate scheme, which I respect.',
    "Experience means little in a brand-new field, so I'm learning fast.",
    'I hope you have better luck than I did with the printer!',
    'Better communication than I had at my old job is what drew me to you.',
    'I hope the new hire has better weather than I had on the day.',
    'The job went to the candidate who had the most experience, which makes sense.',
    'The role went to someone who was clearly a great fit.',
    'The place went to whoever ranked first, as is fair.',
    'Expect to see my portfolio on Behance by Monday.',
    "I'll make sure everyone on my team knows about your webinar.",
    "I'll ensure the other volunteers hear about the open day.",
    'I told my classmates not to miss your talk.',
    'My essay on the 1960s bus boycott won a prize.',
    'A one-day trial sounds great.',
    'Your one-star hotel joke made me laugh.',
    'I posted the signed contract this morning.',
    "I'll share the slides online after the talk.",
    'I put my portfolio online last week.',
    "I loved your 'Build Week' event.",
    "The 'quick chat' format of the first interview was relaxing.",
    "Your 'Meet the Team' page helped me prepare.",
    "Thank you for the 'Welcome' pack.",
    "I read your 'Design Values' page twice.",
    'I expect to receive the signed offer by post on Friday.',
    'I require a parking permit for Monday, if possible.',
    'Please action the start date change when convenient.',
    'Please prioritise the new hire paperwork if there is a queue; I can send it today.',
    'Your attention to this matter is appreciated.',
    'I trust you will revert to the usual schedule after the holidays.',
    'The overdue invoice from my old employer is sorted now.',
    'Sorry to bother you again, but I have a new phone number.',
    'Sorry for troubling you once more, but the form asks for a reference code.',
    'Apologies for chasing you again, but the file was corrupt; here it is again.',
    'Let me know if you plan to visit the fair at all this year.',
    'I wondered whether you actually plan to open the Leeds office; it would suit me.',
]


@pytest.mark.parametrize("line", PROBES, ids=[p[:40] for p in PROBES])
def test_the_self_probes_pass(line: str) -> None:
    assert body(line) == {}


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
    assert_linear(pat.regex, (pat.name.lower() + " ", *OPENINGS), pat.name)


@pytest.mark.parametrize("pat", [p for r in readings.ROUND13 for p in readings._FORMULAE[r]],
                         ids=lambda p: p.name)
def test_each_new_pattern_matches_only_past_its_gate(pat: readings.Pat) -> None:
    """Every tune line the pattern matches gets past its gate (`assert_past_its_gate`)."""
    assert_past_its_gate(pat, (x.text for x in LINES if x.part == "tune"))
