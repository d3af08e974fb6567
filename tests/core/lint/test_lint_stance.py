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

from followup.core.lint.stance import features, heaviest, model, score

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stance_data import data_hash, training_data  # noqa: E402

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
