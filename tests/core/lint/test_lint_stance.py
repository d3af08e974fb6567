"""The stance model (issue 22, rounds eight, nine, eleven and twelve): the shipped weights were
fitted on the training data as it is now (refitted in rounds eleven and twelve), the
pure-Python inference gives the scores recorded when they were fitted, praise built from a
negation reads apart from its rude twin, the linter's fast path scores as the features do,
and the reading as it was built and measured, wired in round eleven as tone.negative's last
reading (the weights load once, at the first lint). No scikit-learn here (it is the `train`
extra); when a data file changes, refit with `.venv/bin/python scripts/train_stance.py`.

A change to its training data elsewhere (a phrase family's examples, a good tuning note)
must not fail others' work: the tests that hold only for the data it was fitted on skip,
saying so, when the data changed."""

from __future__ import annotations

import json
import math
import re
import sys
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.core.lint import Finding, LintContext, cues, lint, readings, tone, valence
from followup.core.lint.base import Collector
from followup.core.lint.parse import parse
from followup.core.lint.stance import (
    NOT,
    TOKEN,
    _features,
    _sum,
    bound,
    features,
    heaviest,
    heaviest_of,
    label,
    model,
    score,
    sentence_words,
    upper_bounds,
)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import load, load_field  # noqa: E402
from stance_data import data_hash, good_notes, note_sentences, training_data  # noqa: E402

SHIPPED = json.loads(files("followup.core.lint").joinpath("stance.json").read_text("utf-8"))


def _fitted_on_this_data() -> None:
    # The hash covers stance_sentences_r11.toml and stance_sentences_r12.toml, rounds
    # nine's and ten's sets, the listed faults' notes and every good tuning note. Round
    # eleven's refit passed it (f84ca62); blind batch N moved into the tuning part after
    # that (f600130) and it skipped until round twelve's refit, which passes it again. A
    # later change to the data skips it until the next refit; the weights stay as measured.
    if model().data_sha256 != data_hash():
        pytest.skip("the stance model's training data changed since its fit: "
                    "refit with scripts/train_stance.py")


def test_the_shipped_weights_were_fitted_on_the_data_as_it_is_now() -> None:
    _fitted_on_this_data()
    assert model().sentences == len(training_data())


def test_the_training_data_builds_and_names_the_faults_it_leaves_out() -> None:
    """A listed faulty sentence whose note now splits into fewer sentences is left out and
    named (round nine's merge: one), never an IndexError nor another sentence taken."""
    from stance_data import stale_faults

    stale = stale_faults()
    assert len(stale) <= 1, stale
    data = training_data()
    faults = [s for s, _, src in data if src.startswith("fault:")]
    assert len(faults) >= 250 and all(s.strip() for s in faults)


def test_inference_gives_the_scores_recorded_at_fitting() -> None:
    checks = SHIPPED["checks"]
    assert len(checks) >= 5
    for check in checks:
        assert math.isclose(score(check["sentence"]), check["score"], abs_tol=2e-6), check


def test_only_weights_that_matter_are_shipped() -> None:
    weights = model().weights
    assert weights and min(abs(w) for w in weights.values()) >= SHIPPED["prune"]


# Standard formal lines round twelve's weights read as hostile (p 0.90-0.99, three of them
# over its threshold): round thirteen's data is formal registers above all. Probes, not
# training lines (the training part has their shapes in other words).
FORMAL = [
    "A written response is not required.",
    "A reply isn't required, of course.",
    "I'm still waiting for an answer from the other two firms.",
    "I look forward to your reply.",
    "As per your request, here is my updated CV.",
]


@pytest.mark.parametrize("line", FORMAL)
def test_standard_formal_lines_read_below_the_threshold(line: str) -> None:
    assert score(line) < model().threshold


def test_the_threshold_sits_between_the_scores_it_separates() -> None:
    m = model()
    assert 0.5 < m.threshold < 1.0
    top = max(SHIPPED["checks"], key=lambda c: c["score"])
    assert score(top["sentence"]) > m.threshold
    assert score("I shall be writing my dissertation on supply chains.") < m.threshold


def test_a_negation_marks_the_words_of_its_clause_only() -> None:
    f = set(features("It was not helpful, but thanks anyway."))
    assert {"helpful" + NOT, "was", "thanks", "anyway", "<not-pos>"} <= f
    assert "helpful" not in f and "thanks" + NOT not in f


def test_a_negated_comparative_is_read_by_its_direction_and_word() -> None:
    assert "<neg-cmp+>" in features("Your team could not have been more welcoming.")
    assert "<neg-cmp->" in features("Your team could not have been more dismissive.")
    assert "<neg-cmp->" in features("Your team could not have been less welcoming.")
    assert "<neg-cmp+>" in features(
        "Nobody has ever explained load paths to me as clearly as you did.")
    assert "<neg-cmp->" in features("I have never been treated so rudely.")
    assert "<neg-cmp+>" in features("I couldn't have asked for a better panel.")


def test_marks_target_and_scare_quotes() -> None:
    f = set(features("Thanks for the \u201cfeedback\u201d, such as it was??"))
    assert {"<?>", "<!!>", "<scare>", "<pos>"} <= f
    assert "<scare>" not in features("I don't think it's Sam's call.")
    assert "<you>" in features("Your panel was late.")


# Praise built from a negation or a comparative and its rude twin: round eight's bag of
# words read the first two as hostile (p = 0.98-0.99). The first of each pair is in the
# readings' tests (test_lint_readings.py POLITE), not in the training data.
PAIRS = [
    ("Your team could not have been more welcoming.",
     "Your team could not have been more dismissive."),
    ("Nobody has ever explained load paths to me as clearly as you did.",
     "Nobody has ever wasted as much of my time as your recruiters did."),
    ("You could not have been more generous with your time.",
     "You could not have been more dismissive."),
]


@pytest.mark.parametrize(("praise", "twin"), PAIRS)
def test_praise_by_negation_reads_apart_from_its_rude_twin(praise: str, twin: str) -> None:
    """Praise scores below even odds, its twin above; the twin is flagged by "linter or
    model" (round eleven's weights put "Your team could not have been more dismissive." at
    0.94, under their threshold 0.9606: the linter's own readings flag it)."""
    from sentences import tone_rules

    assert score(praise) < 0.5 < 0.9 < score(twin)
    assert "tone.negative" not in tone_rules(praise)
    assert score(twin) > model().threshold or "tone.negative" in tone_rules(twin)


words = st.lists(st.sampled_from(["why", "did", "nobody", "tell", "me", "thank", "you",
                                  "for", "the", "interview", "again", "?", "!", "whatever",
                                  "not", "more", "welcoming", ","]),
                 max_size=12).map(" ".join)


@given(words)
def test_a_score_is_a_probability_and_ignores_case_and_curly_quotes(s: str) -> None:
    p = score(s)
    assert 0.0 < p < 1.0
    assert score(s.upper()) == p
    assert score(s.replace("'", "\u2019")) == p


@given(words)
def test_the_heaviest_features_are_the_sentences_own_and_push_towards_hostile(s: str) -> None:
    top = heaviest(s)
    weights = model().weights
    assert len(top) <= 3 and set(top) <= set(features(s))
    assert all(weights[f] > 0 for f in top)
    assert [weights[f] for f in top] == sorted((weights[f] for f in top), reverse=True)


# -- the linter's bound: never below the sum, so the findings are the features' own ----------
#
# `check` reads a sentence's features only where an upper bound of its sum reaches the
# threshold. These tests hold the bound to that on every sentence of the project's data
# (training and held-out parts alike: the bound changes no score, it only skips work), on
# every note of the corpora, and on any words; and `check` to the reading as it was built
# and measured (commit a8b73ee: every body sentence read by its features).

HERE = Path(__file__).resolve().parent


def _data_strings() -> list[str]:
    """Every string of tests/core/lint/data/*.toml, held-out parts included."""
    import tomllib

    def walk(value: object) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict):
            return [x for v in value.values() for x in walk(v)]
        if isinstance(value, list):
            return [x for v in value for x in walk(v)]
        return []

    return [x for path in sorted((HERE / "data").glob("*.toml"))
            for x in walk(tomllib.loads(path.read_text("utf-8")))]


def _phrase_examples() -> list[str]:
    """The `match` and `no_match` examples of every phrase family (phrases.toml)."""
    import tomllib

    raw = files("followup.core.lint").joinpath("phrases.toml").read_text("utf-8")
    return [x for family in tomllib.loads(raw)["families"].values()
            for key in ("match", "no_match") for x in family.get(key, [])]


def _corpus_notes() -> list[str]:
    """The notes of the good/bad corpora and of the field corpus's tuning part."""
    return ([c.text for folder in ("good", "bad") for c in load(HERE / folder)]
            + [n.text for n in load_field("tuning")])


def _bounds_hold(text: str) -> None:
    """Each body sentence's bound is at least its sum, as `_features` reads the sentence."""
    p = parse(text)
    bounds = upper_bounds(p, bound())
    if bounds is None:  # a note whose lowercase moves: every sentence read by its features
        return
    m = model()
    assert len(bounds) == len(p.body_sentences)
    for i, ((a, b), ub) in enumerate(zip(p.body_sentences, bounds, strict=True)):
        sentence = p.folded[a:b]
        z = _sum(_features(TOKEN.findall(sentence.lower()), sentence), m)
        assert ub >= z - 1e-9, f"sentence {i}: bound {ub} below the sum {z}"


def _words_as_tokens(text: str) -> None:
    """`sentence_words` gives each body sentence's words as TOKEN reads it lowercased."""
    p = parse(text)
    words = sentence_words(p)
    if words is None:
        return
    marks = frozenset(",;:.!?()")
    expected = [[t for t in TOKEN.findall(p.folded[a:b].lower()) if t not in marks]
                for a, b in p.body_sentences]
    assert words == expected


def test_the_bound_is_never_below_the_sum_on_every_data_sentence() -> None:
    """Training and held-out sentences and the phrase families' examples, in the short
    note the sentence tests wrap them in and alone (no sentence is printed); the good
    notes' sentences are read in their notes below."""
    from sentences import note

    strings = _data_strings() + _phrase_examples()
    assert len(strings) > 3000
    for x in strings:
        _bounds_hold(note(x))
        _bounds_hold(x)


def test_the_bound_is_never_below_the_sum_on_every_corpus_note() -> None:
    for text in _corpus_notes():
        _bounds_hold(text)
        _words_as_tokens(text)


def test_the_words_are_the_tokens_on_every_data_sentence() -> None:
    from sentences import note

    for x in _data_strings():
        _words_as_tokens(note(x))


_PIECES = ["thank", "you", "for", "the", "the", "again", "but", "weeks", "wonderful",
           "rude", "rudely", "your", "panel", "not", "never", "don't", "nobody", "more",
           "less", "welcoming", "dismissive", "?", "!", "!!", "\"feedback\"", "'agile'",
           "-", "--", "well-organised", "I'm", ",", ".", "awful", "time", "İstanbul", "Σ",
           "café", "\n\n", "Dr.", "e.g.", "waste", "of", "my", "?!"]


@given(st.lists(st.sampled_from(_PIECES), max_size=30).map(" ".join))
def test_the_bound_is_never_below_the_sum_on_any_words(body: str) -> None:
    text = f"Dear Nia,\n\n{body}\n\nBest regards,\nSam Lee\n"
    _bounds_hold(text)
    _words_as_tokens(text)


# The usual path (`stance._usual`: an ASCII note without a negation, a "but" or an apostrophe
# outside a word): the model's heaviest hostile words, VADER's negative words (whose flags are
# added only where they could lift a sentence over the threshold), praise, marks, repeats.
_USUAL = ["your", "panel", "was", "rude", "rudely", "ridiculous", "waste", "of", "my", "time",
          "thank", "you", "the", "the", "again", "lack", "unprofessional", "disorganised",
          "weeks", "still", "waiting", "wonderful", "team", "I", "I'm", "awful", "lost",
          "rejection", "clearly", "well-organised", "?", "!!", ".", ",", "\n\n", "e.g."]


@settings(deadline=None)  # the first example may load the weights: timing is no behaviour
@given(st.lists(st.sampled_from(_USUAL), max_size=30).map(" ".join))
def test_the_usual_paths_bound_is_never_below_the_sum_and_finds_the_same(body: str) -> None:
    text = f"Dear Nia,\n\n{body}\n\nBest regards,\nSam Lee\n"
    _bounds_hold(text)
    _words_as_tokens(text)
    _same_findings(text, CTX)


def reference_check(out: Collector) -> None:
    """The reading as a8b73ee built and measured it: every body sentence's features; with
    round twelve's one change (`stance.check`'s `reads_impatient`): in a note already found
    impatient, a sentence that alone draws tone.impatient is not read as a second fault
    (round thirteen: batch O's nb37 in the tuning part showed the reference lacked it)."""
    if not out.wants("tone.negative") or any(f.rule == "tone.negative" for f in out.findings):
        return
    p = out.parsed
    taken = [p.line_starts[f.line - 1] + f.column - 1 for f in out.findings
             if f.excerpt and f.rule.startswith("tone.")]
    m = model()
    for a, b in p.body_sentences:
        if any(a <= t < b for t in taken):
            continue
        text = p.folded[a:b]
        feats = _features(TOKEN.findall(text.lower()), text)
        z = _sum(feats, m)
        if z <= m.logit:
            continue
        if (any(f.rule == "tone.impatient" for f in out.findings)
                and tone.impatient_alone(text, out.ctx)):
            continue
        lead = len(text) - len(text.lstrip())
        top = ", ".join(f'"{label(w)}"' for w in heaviest_of(feats, m))
        p_ = min(1.0 / (1.0 + math.exp(-z)), 0.999)
        out.add("tone.negative", a + lead, b,
                why=f" - reads as hostile (a model trained on {m.sentences} labelled "
                    f"sentences, p={p_:.3f}; its heaviest words {top})")
        return


def _tone_with(out: Collector, reading: Callable[[Collector], None]) -> None:
    """`tone.check`'s readings in its order, with `reading` where the model's reading is."""
    tone.check_ratio(out)
    tone.check_phrases(out)
    valence.check(out)
    cues.check(out)
    readings.check(out)
    reading(out)
    tone.check_name_drop(out)


def _same_findings(text: str, ctx: LintContext) -> None:
    p = parse(text)
    ours, theirs = Collector(p, ctx), Collector(p, ctx)
    tone.check(ours)  # wired: the model's reading last among the tone readings
    _tone_with(theirs, reference_check)
    assert ours.findings == theirs.findings


def test_the_reading_finds_what_the_features_alone_find() -> None:
    """On every corpus note and every data sentence in a note: the same findings, the same
    words, the same score, as the reading that reads every sentence's features."""
    from sentences import note

    for text in _corpus_notes():
        _same_findings(text, CTX)
    hostile = 0
    for x in _data_strings():
        _same_findings(note(x), CTX)
        hostile += any(f.rule == "tone.negative" for f in lint_with_model(note(x), CTX))
    assert hostile > 100  # the reading does fire: the test compares findings, not silence


# -- the model as a tone.negative reading (wired in round eleven) -----------------------------

CTX = LintContext(kind="check_in", company="Harlow Foods", role="Designer",
                  people=("Nia Brook",), candidate="Sam Lee")
HOSTILE = "For someone in hiring, you seem surprisingly confused by CVs."


def _note(*lines: str) -> str:
    return "Dear Nia,\n\n" + " ".join(lines) + "\n\nBest regards,\nSam Lee\n"


def lint_with_model(text: str, ctx: LintContext) -> list[Finding]:
    """The tone rules, the model's reading last among them (`tone.check`)."""
    out = Collector(parse(text), ctx)
    tone.check(out)
    return out.findings


def test_a_hostile_sentence_the_other_readings_miss_is_read_by_the_model() -> None:
    assert "tone.negative" in {f.rule for f in lint(_note(HOSTILE), CTX)}  # wired
    found = [f for f in lint_with_model(_note("Thank you for Tuesday.", HOSTILE), CTX)
             if f.rule == "tone.negative"]
    assert len(found) == 1
    f = found[0]
    assert f.excerpt == HOSTILE and f.severity == "error"
    assert re.search(rf"a model trained on {model().sentences} labelled sentences, "
                     r"p=0\.9\d\d; its heaviest words \"", f.message)


def test_the_model_reads_no_sentence_another_tone_reading_flagged() -> None:
    text = _note("This is my third email this week.", "Thank you again for your time.")
    rules = [f.rule for f in lint_with_model(text, CTX)]
    assert "tone.impatient" in rules and "tone.negative" not in rules


def test_one_tone_negative_finding_when_a_phrase_already_found_one() -> None:
    text = _note("Thanks for nothing.", HOSTILE)
    assert [f.rule for f in lint_with_model(text, CTX)].count("tone.negative") == 1


def test_a_suppressed_tone_negative_silences_the_model_too() -> None:
    ctx = LintContext(kind="check_in", company="Harlow Foods", role="Designer",
                      people=("Nia Brook",), candidate="Sam Lee",
                      disabled=frozenset({"tone.negative"}))
    assert not [f for f in lint_with_model(_note(HOSTILE), ctx)
                if f.rule == "tone.negative"]


def test_the_good_notes_of_the_tuning_material_draw_nothing_from_the_model() -> None:
    _fitted_on_this_data()
    for path, text in good_notes():
        top = max((score(s) for s in note_sentences(text)), default=0.0)
        assert top <= model().threshold, path.name


def test_the_weights_load_once_and_lazily_at_the_first_lint() -> None:
    """Importing the linter imports neither the module nor its weights (the import costs
    what it did unwired); the first lint reads them, later lints reuse them."""
    import subprocess

    code = ("import sys; from followup.core.lint import LintContext, lint; "
            "print('followup.core.lint.stance' in sys.modules); "
            "note = 'Dear Nia,\\n\\nThank you.\\n\\nBest,\\nSam\\n'; "
            "lint(note, LintContext()); lint(note, LintContext()); "
            "from followup.core.lint import stance; "
            "print(stance.model.cache_info().misses, stance.model.cache_info().hits > 0, "
            "stance.bound.cache_info().misses)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.split("\n")[:2] == ["False", "1 True 1"]
