"""The stance model (issue 22, round eight): the shipped weights were fitted on the training
data as it is now, and the pure-Python inference gives the scores recorded when they were
fitted. No scikit-learn here (it is the `train` extra); when a data file changes, refit with
`.venv/bin/python scripts/train_stance.py`."""

from __future__ import annotations

import json
import math
import sys
from importlib.resources import files
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from followup.core.lint import Finding, LintContext, lint, stance, tone
from followup.core.lint.base import Collector
from followup.core.lint.parse import WORD, parse, sentences
from followup.core.lint.stance import (
    _ODD,
    _plain,
    _splitter,
    features,
    heaviest,
    model,
    score,
)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stance_data import data_hash, good_notes, note_sentences, training_data  # noqa: E402

SHIPPED = json.loads(files("followup.core.lint").joinpath("stance.json").read_text("utf-8"))


def test_the_shipped_weights_were_fitted_on_the_data_as_it_is_now() -> None:
    assert model().data_sha256 == data_hash(), \
        "training data changed: refit with scripts/train_stance.py"
    assert model().sentences == len(training_data())


def test_inference_gives_the_scores_recorded_at_fitting() -> None:
    checks = SHIPPED["checks"]
    assert len(checks) >= 5
    for check in checks:
        assert math.isclose(score(check["sentence"]), check["score"], abs_tol=2e-6), check


def test_the_threshold_sits_between_the_scores_it_separates() -> None:
    m = model()
    assert 0.5 < m.threshold < 1.0
    # the most hostile recorded training sentence is above it, a plain statement below
    top = max(SHIPPED["checks"], key=lambda c: c["score"])
    assert score(top["sentence"]) > m.threshold
    assert score("I shall be writing my dissertation on supply chains.") < m.threshold


def test_a_note_sentence_is_read_by_words_pairs_and_punctuation() -> None:
    f = features("Any update???  Don\u2019t worry")
    assert {"any", "update", "any update", "don't", "don't worry", "<?>", "<!!>"} <= set(f)
    assert "update don't" in f  # pairs run across the sentence's punctuation


words = st.lists(st.sampled_from(["why", "did", "nobody", "tell", "me", "thank", "you",
                                  "for", "the", "interview", "again", "?", "!", "whatever"]),
                 max_size=12).map(" ".join)


@given(words)
def test_a_score_is_a_probability_and_ignores_case_and_curly_quotes(s: str) -> None:
    p = score(s)
    assert 0.0 < p < 1.0
    assert score(s.upper()) == p
    assert score(s.replace("'", "\u2019")) == p


@given(words)
def test_the_heaviest_words_are_the_sentences_own_and_push_towards_hostile(s: str) -> None:
    top = heaviest(s)
    weights = model().weights
    assert len(top) <= 3 and set(top) <= set(features(s))
    assert all(weights[f] > 0 for f in top)
    assert [weights[f] for f in top] == sorted((weights[f] for f in top), reverse=True)


# -- the model as a tone.negative reading (built, measured, not wired) -----------------------

CTX = LintContext(kind="check_in", company="Harlow Foods", role="Designer",
                  people=("Nia Brook",), candidate="Sam Lee")
CONDESCENDING = "It might help your team to understand what a senior engineer actually does."


def _note(*lines: str) -> str:
    return "Dear Nia,\n\n" + " ".join(lines) + "\n\nBest regards,\nSam Lee\n"


def lint_with_model(text: str, ctx: LintContext) -> list[Finding]:
    """The tone rules, then the model's reading after them, as it would be wired (it is
    not: see `stance`'s docstring)."""
    out = Collector(parse(text), ctx)
    tone.check(out)
    stance.check(out)
    return out.findings


def test_a_hostile_sentence_the_phrase_rules_miss_is_read_by_the_model() -> None:
    assert "tone.negative" not in {f.rule for f in lint(_note(CONDESCENDING), CTX)}  # unwired
    found = [f for f in lint_with_model(_note("Thank you for Tuesday.", CONDESCENDING), CTX)
             if f.rule == "tone.negative"]
    assert len(found) == 1
    f = found[0]
    assert f.excerpt == CONDESCENDING and f.severity == "error"
    assert f"a stance model trained on {model().sentences} labelled sentences, p=0." \
        in f.message
    assert '"what", "your", "actually"' in f.message  # its three heaviest words


def test_the_model_reads_no_sentence_another_tone_reading_flagged() -> None:
    # the impatient sentence is tone.impatient's; the model adds nothing there
    text = _note("This is my third email this week.", "Thank you again for your time.")
    rules = [f.rule for f in lint_with_model(text, CTX)]
    assert "tone.impatient" in rules and "tone.negative" not in rules


def test_a_suppressed_tone_negative_silences_the_model_too() -> None:
    ctx = LintContext(kind="check_in", company="Harlow Foods", role="Designer",
                      people=("Nia Brook",), candidate="Sam Lee",
                      disabled=frozenset({"tone.negative"}))
    assert not [f for f in lint_with_model(_note(CONDESCENDING), ctx)
                if f.rule == "tone.negative"]


def test_the_good_notes_of_the_tuning_material_draw_nothing_from_the_model() -> None:
    for path, text in good_notes():
        assert score_max(text) <= model().threshold, path.name


def score_max(text: str) -> float:
    return max((score(s) for s in note_sentences(text)), default=0.0)


text_chars = st.text(alphabet=st.sampled_from(list("abz09 '-.!?,;:()\"\n\t_/&") +
                                               ["\u2014", "\u00e9", "\u2026", "A"]),
                     max_size=60)


@given(text_chars)
def test_the_fast_tokeniser_equals_the_word_pattern(text: str) -> None:
    low = text.lower()
    words_of = _splitter(low, 0, len(low))
    for a, b in sentences(low, 0, len(low)):
        assert words_of(a, b) == WORD.findall(low, a, b)


@given(st.text(alphabet=st.sampled_from(list("ab '-")), max_size=10))
def test_the_fast_tokeniser_refuses_a_mark_at_a_words_edge(text: str) -> None:
    odd = any(o in f" {text} " for o in _ODD)
    assert (_plain(text, 0, len(text)) is None) == odd
