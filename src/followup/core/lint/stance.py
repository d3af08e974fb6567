"""A stance model: a linear model over a sentence's words, learned from our own labelled
sentences (rude or impatient lines a candidate might send an employer, and innocent ones in
the same words, plus every sentence of the good tuning notes), as an experiment for
`tone.negative` (issue 22, round eight).

The weights are fitted by `scripts/train_stance.py` (scikit-learn's LogisticRegression,
the `train` extra) and shipped in `stance.json`: the non-zero weights rounded to 4
decimals, the intercept, the threshold chosen by cross-validation on the training data, and
a sha256 of the training data files (a test fails when the data changed and the weights
were not refitted). Inference here is pure Python: tokenise, sum the weights, logistic.

Not wired into the linter (round eight's decision, docs/lint-accuracy.head.md): on the
held-out sentence sets it passed the rule set before measuring (18 more rude lines caught,
no more innocent ones flagged), but as a reading it cost 16-19% of lint speed (the bound is
10%) and flagged one of the 383 innocent phrase-list lines (tests/core/lint/
test_lint_phrases.py). `check` is the reading as it was built and measured: one line in
`tone.check` after `readings.check` wires it.

Pure: no I/O but reading the package's own `stance.json`, once, on first use.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from itertools import chain, islice, repeat
from typing import cast

from followup.core.lint.base import Collector
from followup.core.lint.parse import WORD, fold

NEGATIVE = "tone.negative"
Key = str | tuple[str, str]  # a word or a mark, or a pair of words
QUESTION = "<?>"  # the sentence asks something
SHOUT = "<!!>"  # doubled ? or ! ("Any update???")


def features(sentence: str) -> list[str]:
    """The sentence's features: its lowercased words (the linter's word pattern), each pair
    of neighbouring words ("a b"), and two marks of punctuation the words drop."""
    text = fold(sentence)
    return _features(WORD.findall(text.lower()), text)


def _features(words: list[str], text: str) -> list[str]:
    out = list(words)
    out.extend(map(" ".join, zip(words, words[1:], strict=False)))
    if "?" in text:
        out.append(QUESTION)
    if "??" in text or "!!" in text or "?!" in text or "!?" in text:
        out.append(SHOUT)
    return out


@dataclass(frozen=True)
class Stance:
    weights: Mapping[str, float]
    intercept: float
    threshold: float  # a sentence scoring above it reads as hostile
    sentences: int  # labelled sentences it was trained on
    data_sha256: str  # of the training data files (scripts/train_stance.py `data_hash`)
    # the weights keyed for the linter's loop: a word or a mark by itself, a pair of words
    # as a tuple (no string is built per pair)
    table: Mapping[Key, float] = field(default_factory=dict)

    @property
    def logit(self) -> float:
        """The threshold on the weights' sum (no exponential per sentence)."""
        return math.log(self.threshold / (1.0 - self.threshold))


def build(weights: Mapping[str, float], intercept: float, threshold: float, sentences: int,
          data_sha256: str) -> Stance:
    table: dict[Key, float] = {}
    for f, w in weights.items():
        a, _, b = f.partition(" ")
        table[(a, b) if b else f] = w
    return Stance(weights, intercept, threshold, sentences, data_sha256, table)


@cache
def model() -> Stance:
    """The shipped model, read once."""
    raw = json.loads(files("followup.core.lint").joinpath("stance.json").read_text("utf-8"))
    return build(raw["weights"], float(raw["intercept"]), float(raw["threshold"]),
                 int(raw["sentences"]), str(raw["data_sha256"]))


def _logistic(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


def _sum(feats: list[str], m: Stance) -> float:
    """The intercept plus each distinct feature's weight (presence, not counts: the model
    was fitted that way)."""
    return m.intercept + sum(map(m.weights.get, set(feats), repeat(0.0)))


def score(sentence: str, stance: Stance | None = None) -> float:
    """The probability the model gives that the sentence is rude or impatient."""
    m = stance or model()
    return _logistic(_sum(features(sentence), m))


def heaviest(sentence: str, n: int = 3, stance: Stance | None = None) -> list[str]:
    """The n features that push the sentence most towards hostile, heaviest first."""
    return heaviest_of(features(sentence), stance or model(), n)


def heaviest_of(feats: list[str], m: Stance, n: int = 3) -> list[str]:
    weighted = [(m.weights.get(f, 0.0), f) for f in set(feats)]
    return [f for w, f in sorted(weighted, key=lambda x: (-x[0], x[1])) if w > 0][:n]


_MARKS = {QUESTION: "?", SHOUT: "??"}


def _sentence_sum(words: list[str], text: str, lo: int, hi: int, m: Stance,
                  marks: bool = True) -> float:
    """`_sum` of the features of text[lo:hi], whose words are `words`, without building
    the pair strings: the same sum (each distinct feature once), looked up in C. `marks`
    False: the note has no ? or ! at all."""
    distinct = set(words)
    pairs = zip(words, islice(words, 1, None), strict=False)
    # no word twice, no pair twice: the set of pairs is not needed
    keys: Iterable[Key] = chain(distinct, pairs if len(distinct) == len(words) else set(pairs))
    get = cast(Callable[[Key, float], float], m.table.get)
    z: float = m.intercept + sum(map(get, keys, repeat(0.0)))
    if marks:
        q = text.find("?", lo, hi) >= 0
        if q:
            z += m.table.get(QUESTION, 0.0)
        if (q or text.find("!", lo, hi) >= 0) and any(
                text.find(mark, lo, hi) >= 0 for mark in ("??", "!!", "?!", "!?")):
            z += m.table.get(SHOUT, 0.0)
    return z


# A faster tokeniser for the linter's loop, equal to WORD.findall where it is used: every
# ASCII character WORD cannot hold (all but letters, digits, ' and -) and the common
# non-ASCII punctuation become spaces; when the result is ASCII and no ' or - stands at a
# word's edge or beside another, each whitespace-separated run is exactly one WORD match.
_SPACE = str.maketrans({**{chr(c): " " for c in range(128)
                           if not (chr(c).isalnum() or chr(c) in "'-")},
                        **dict.fromkeys("\u00a0\u00ab\u00bb\u2013\u2014\u2022\u2026", " ")})
_ODD = (" '", "' ", " -", "- ", "''", "--", "'-", "-'")  # `_plain` looks for these


_BYTES = bytes(c if c < 128 and (chr(c).isalnum() or chr(c) in "'-") else 32
               for c in range(256))  # the same for ASCII text, in one C pass over bytes


def _plain(low: str, start: int, end: int) -> str | None:
    """The body's text with every character WORD cannot hold made a space, padded with a
    space at each end, when its whitespace-separated runs are exactly WORD's matches;
    None when they might not be (non-ASCII letters, a ' or - at a word's edge)."""
    body = low[start:end]
    if body.isascii():
        plain = body.encode("ascii").translate(_BYTES).decode("ascii")
    else:
        plain = body.translate(_SPACE)
        if not plain.isascii():
            return None
    plain = f" {plain} "
    for mark in "'-":  # any of `_ODD`: a ' or - beside a space or another (few to look at)
        i = plain.find(mark)
        while i >= 0:
            if plain[i - 1] in " '-" or plain[i + 1] in " '-":
                return None
            i = plain.find(mark, i + 1)
    return plain


def _splitter(low: str, start: int, end: int) -> Callable[[int, int], list[str]]:
    """A function giving the words of low[a:b] for a sentence (a, b) of the body."""
    plain = _plain(low, start, end)
    if plain is not None:
        shift = 1 - start
        return lambda a, b: plain[a + shift:b + shift].split()
    return lambda a, b: WORD.findall(low, a, b)


def check(out: Collector) -> None:
    """tone.negative by the stance model: the first body sentence scoring above the
    threshold, only when nothing before found tone.negative in the note and only on a
    sentence no other tone reading flagged (issue 22, round eight)."""
    # tone.negative: stance model
    if not out.wants(NEGATIVE) or any(f.rule == NEGATIVE for f in out.findings):
        return
    p = out.parsed
    taken = [p.line_starts[f.line - 1] + f.column - 1 for f in out.findings
             if f.excerpt and f.rule.startswith("tone.")]
    m = model()
    cut = m.logit
    low, masked = p.lower_masked, p.masked
    start, end = p.body
    marks = masked.find("?", start, end) >= 0 or masked.find("!", start, end) >= 0
    plain = _plain(low, start, end)
    shift = 1 - start
    get = cast(Callable[[Key, float], float], m.table.get)
    base = m.intercept
    for a, b in p.body_sentences:
        words = plain[a + shift:b + shift].split() if plain is not None \
            else WORD.findall(low, a, b)
        if marks:
            z = _sentence_sum(words, masked, a, b, m)
        else:  # `_sentence_sum` inlined: the loop runs on every sentence of every note
            distinct = set(words)
            pairs = zip(words, islice(words, 1, None), strict=False)
            z = base + sum(map(get, chain(
                distinct, pairs if len(distinct) == len(words) else set(pairs)), repeat(0.0)))
        if z <= cut or any(a <= t < b for t in taken):
            continue
        lead = len(masked[a:b]) - len(masked[a:b].lstrip())
        feats = _features(words, masked[a:b])
        top = ", ".join(f'"{_MARKS.get(w, w)}"' for w in heaviest_of(feats, m))
        out.add(NEGATIVE, a + lead, b,
                why=f" - reads as hostile (a stance model trained on {m.sentences} labelled "
                    f"sentences, p={_logistic(z):.2f}; its heaviest words {top})")
        return
