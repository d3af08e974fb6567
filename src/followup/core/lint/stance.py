"""A stance model: a linear model over a sentence's words, learned from our own labelled
sentences (rude or impatient lines a candidate might send an employer, and innocent ones in
the same words, plus every sentence of the good tuning notes), as an experiment for
`tone.negative` (issue 22, round eight).

The weights are fitted by `scripts/train_stance.py` (scikit-learn's LogisticRegression,
the `train` extra) and shipped in `stance.json`: the non-zero weights rounded to 4
decimals, the intercept, the threshold chosen by cross-validation on the training data, and
a sha256 of the training data files (a test fails when the data changed and the weights
were not refitted). Inference here is pure Python: tokenise, sum the weights, logistic.

Pure: no I/O but reading the package's own `stance.json`, once, on first use.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from followup.core.lint.parse import WORD, fold

QUESTION = "<?>"  # the sentence asks something
SHOUT = "<!!>"  # doubled ? or ! ("Any update???")


def features(sentence: str) -> list[str]:
    """The sentence's features: its lowercased words (the linter's word pattern), each pair
    of neighbouring words ("a b"), and two marks of punctuation the words drop."""
    text = fold(sentence)
    words = WORD.findall(text.lower())
    out = list(words)
    out.extend(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))
    if "?" in text:
        out.append(QUESTION)
    if any(p in text for p in ("??", "!!", "?!", "!?")):
        out.append(SHOUT)
    return out


@dataclass(frozen=True)
class Stance:
    weights: Mapping[str, float]
    intercept: float
    threshold: float  # a sentence scoring above it reads as hostile
    sentences: int  # labelled sentences it was trained on
    data_sha256: str  # of the training data files (scripts/train_stance.py `data_hash`)


@cache
def model() -> Stance:
    """The shipped model, read once."""
    raw = json.loads(files("followup.core.lint").joinpath("stance.json").read_text("utf-8"))
    return Stance(weights=raw["weights"], intercept=float(raw["intercept"]),
                  threshold=float(raw["threshold"]), sentences=int(raw["sentences"]),
                  data_sha256=str(raw["data_sha256"]))


def score(sentence: str, stance: Stance | None = None) -> float:
    """The probability the model gives that the sentence is rude or impatient. A feature
    counts once however often it occurs (the model was fitted on presence, not counts)."""
    m = stance or model()
    z = m.intercept + sum(m.weights.get(f, 0.0) for f in set(features(sentence)))
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


def heaviest(sentence: str, n: int = 3, stance: Stance | None = None) -> list[str]:
    """The n features that push the sentence most towards hostile, heaviest first."""
    m = stance or model()
    weighted = [(m.weights.get(f, 0.0), f) for f in set(features(sentence))]
    return [f for w, f in sorted(weighted, key=lambda x: (-x[0], x[1])) if w > 0][:n]
