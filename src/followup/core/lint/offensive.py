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
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from followup.core.lint.base import Collector

RULE = "tone.negative"
# Chosen on the tuning part only (scripts/offensive_threshold.py): just above the highest
# sentence probability of any good tuning note (the published good notes `g*`/`h*`
# included), which is the highest recall on the tuning part's bad tone.negative notes
# with no good tuning note flagged.
THRESHOLD = 0.23

_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token_pattern
# The same tokens for ASCII text, faster: every ASCII character outside \w becomes a space.
_SPACES = str.maketrans({chr(i): " " for i in range(128)
                         if not (chr(i).isalnum() or chr(i) == "_")})


def tokens(text: str) -> list[str]:
    """scikit-learn's default tokens of `text`: runs of two or more word characters."""
    if text.isascii():
        return [w for w in text.translate(_SPACES).split() if len(w) > 1]
    return _TOKEN.findall(text)


@dataclass(frozen=True)
class Model:
    """The fitted model as plain tables: per word its idf and its idf times the largest
    of its five weights (the screen), and its weight in each fold (the exact score)."""

    screen: dict[str, tuple[float, float]]
    weights: dict[str, tuple[float, ...]]
    intercepts: tuple[float, ...]
    calibration: tuple[tuple[float, float], ...]  # (a, b) per fold: p = 1/(1+exp(a*f+b))
    _reach: dict[float, float] = field(default_factory=dict, compare=False)

    def probability(self, text: str) -> float:
        """The probability the model gives `text` (lower case) of being offensive (0..1),
        as scikit-learn computes it."""
        return self.scored(tokens(text))

    def scored(self, words: list[str], at_least: float = 0.0) -> float:
        """The probability of a text made of `words` (its tokens). With `at_least`, a text
        that cannot reach it returns 0.0 after one pass: each fold's score is at most the
        one made of every word's largest weight, and the calibration rises with the
        score."""
        counts: dict[str, int] = {}
        screen = self.screen
        for w in words:
            if w in screen:
                counts[w] = counts.get(w, 0) + 1
        if not counts:
            return self._calibrated(self.intercepts)
        squares = top = 0.0
        for w, c in counts.items():
            idf, most = screen[w]
            squares += c * c * idf * idf
            top += c * most
        norm = math.sqrt(squares)
        if at_least and top / norm < self.reach(at_least):
            return 0.0
        scores = list(self.intercepts)
        for w, c in counts.items():
            v = c * screen[w][0] / norm
            for k, weight in enumerate(self.weights[w]):
                scores[k] += v * weight
        return self._calibrated(tuple(scores))

    def reach(self, p: float) -> float:
        """The smallest screen score whose bound reaches probability `p` (by bisection,
        once per `p`)."""
        if p not in self._reach:
            lo, hi = -50.0, 50.0
            for _ in range(100):
                mid = (lo + hi) / 2
                if self._calibrated(tuple(b + mid for b in self.intercepts)) < p:
                    lo = mid
                else:
                    hi = mid
            self._reach[p] = lo
        return self._reach[p]

    def _calibrated(self, scores: tuple[float, ...]) -> float:
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
        screen={w: (float(idf[i]), float(idf[i]) * max(float(c[i]) for c in coefs))
                for w, i in vocabulary.items()},
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
    m = model()
    reach = THRESHOLD
    ascii_ = low.isascii()
    spaced = low.translate(_SPACES) if ascii_ else low  # same offsets: one char for one
    for a, b in p.body_sentences:
        words = ([w for w in spaced[a:b].split() if len(w) > 1] if ascii_
                 else _TOKEN.findall(low, a, b))
        prob = m.scored(words, at_least=reach)
        if prob >= reach:
            out.add(RULE, a + len(low[a:b]) - len(low[a:b].lstrip()), b,
                    why=f" - offensive-language model, p={prob:.2f}")
            return
