"""tone.negative by a trained reading: an offensive-language model, for rude and profane
sentences in words no phrase list, valence sum or cue shape has met (RULEBOOK
"tone.negative"; docs/lint-accuracy.md, round five).

The model is alt-profanity-check's (PyPI `alt-profanity-check`, MIT licence): a linear SVM
over TF-IDF word features, trained on ~200k human-labelled comments for offensive
language, calibrated to a probability by sigmoid over five folds. Its fitted vectorizer and
model ship in the wheel as package data. They are loaded once, lazily, the first time a
note reaches this reading, and turned into plain tables (word -> idf, word -> five
weights); a sentence is then scored here in pure Python, exactly as scikit-learn would
(lower case, `\\b\\w\\w+\\b` tokens, counts times idf, l2 norm, the five calibrated SVMs
averaged), so the reading costs microseconds per sentence and the core does no I/O of its
own beyond reading package data, like valence.py reads VADER's lexicon.

Only for notes none of the other readings flagged for tone.negative: the first sentence of
the body whose probability reaches THRESHOLD is the finding, and it names the reading.
"""

from __future__ import annotations

import importlib
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from followup.core.lint.base import Collector
from followup.core.lint.parse import sentences

RULE = "tone.negative"
# Chosen on the tuning part only (scripts/offensive_threshold.py): just above the highest
# sentence probability of any good tuning note (the published good notes `g*`/`h*`
# included), which is the highest recall on the tuning part's bad tone.negative notes
# with no good tuning note flagged.
THRESHOLD = 0.23

_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token_pattern


@dataclass(frozen=True)
class Model:
    """The fitted model as plain tables: per word its idf and its weight in each fold."""

    idf: dict[str, float]
    weights: dict[str, tuple[float, ...]]
    intercepts: tuple[float, ...]
    calibration: tuple[tuple[float, float], ...]  # (a, b) per fold: p = 1/(1+exp(a*f+b))

    def probability(self, text: str) -> float:
        """The probability the model gives `text` of being offensive (0..1)."""
        counts: dict[str, int] = {}
        for w in _TOKEN.findall(text.lower()):
            if w in self.idf:
                counts[w] = counts.get(w, 0) + 1
        scores = list(self.intercepts)
        if counts:
            x = {w: c * self.idf[w] for w, c in counts.items()}
            norm = math.sqrt(sum(v * v for v in x.values()))
            for w, v in x.items():
                for k, weight in enumerate(self.weights[w]):
                    scores[k] += v / norm * weight
        return sum(1.0 / (1.0 + math.exp(a * f + b))
                   for f, (a, b) in zip(scores, self.calibration, strict=True)) / len(scores)


@lru_cache(maxsize=1)
def model() -> Model:
    """alt-profanity-check's fitted vectorizer and model, read once from its wheel."""
    pc: Any = importlib.import_module("profanity_check.profanity_check")
    vocabulary: dict[str, int] = pc.vectorizer.vocabulary_
    idf = pc.vectorizer.idf_
    folds = pc.model.calibrated_classifiers_
    coefs = [f.estimator.coef_[0] for f in folds]
    return Model(
        idf={w: float(idf[i]) for w, i in vocabulary.items()},
        weights={w: tuple(float(c[i]) for c in coefs) for w, i in vocabulary.items()},
        intercepts=tuple(float(f.estimator.intercept_[0]) for f in folds),
        calibration=tuple((float(f.calibrators[0].a_), float(f.calibrators[0].b_))
                          for f in folds))


def check(out: Collector) -> None:
    """tone.negative, by the offensive-language model: one finding per note, on the first
    body sentence the model reads as offensive, when no other reading found one."""
    if not out.wants(RULE) or any(f.rule == RULE for f in out.findings):
        return
    p = out.parsed
    low = p.lower_masked
    start = p.greeting[1] if p.greeting else (p.subject[1] if p.subject else 0)
    end = p.signoff[0] if p.signoff else len(low)
    m = model()
    for a, b in sentences(low, start, end):
        prob = m.probability(low[a:b])
        if prob >= THRESHOLD:
            out.add(RULE, a + len(low[a:b]) - len(low[a:b].lstrip()), b,
                    why=f" - offensive-language model, p={prob:.2f}")
            return
