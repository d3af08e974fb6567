"""A stance model: a linear model over a sentence's words and its structure, learned from our
own labelled sentences (hostile lines a candidate might send an employer and innocent ones
in the same words, the good tuning notes' sentences, the bad tuning notes' faulty
sentences), as an experiment for `tone.negative` (issue 22, rounds eight and nine).

Round eight's bag of words read praise built from a negation ("Your team could not have
been more welcoming.") as hostile, because its rude twin ("could not have been more
dismissive") shares every word but one. Round nine adds features of structure, each cheap
and pure:

- negation scope (Das and Chen 2001; Pang, Lee and Vaithyanathan 2002): every word after a
  negator (not, never, no, nobody, nothing, n't ...) up to the clause's end (a mark of
  punctuation, or "but") is read as a different word ("welcoming~" is "welcoming" under a
  negation), so "not helpful" and "helpful" are two features;
- a comparative after a negation ("could not have been more X", "never ... as clearly
  as", "nobody ... so rudely"): its own feature, praising or hostile by the direction of the
  comparative (more, as, so / less) and the valence of the rated word after it (`CMP_UP`,
  `CMP_DOWN`, VADER's lexicon through `valence.lexicon` and a few words of our domain it
  lacks, `EXTRA`);
- whom it is about: the reader or their side ("you", "your", "panel", "recruiter"),
  alone and with a negative word (`<you>`, `<you-neg>`);
- the words' valence outside a negation (`<pos>`, `<neg>`), under one (`<not-pos>`,
  `<not-neg>`), praise beside a negative word or beside time counted (`<pos+neg>`,
  `<pos+time>`: sarcasm as contrast, Riloff et al. 2013);
- a question, a doubled mark ("??", "!!"), scare quotes around one to three words.

Unigrams and bigrams over the marked words. The weights are fitted by
`scripts/train_stance.py` (scikit-learn's LogisticRegression, the `train` extra) and
shipped in `stance.json`: the non-zero weights, the intercept, the threshold chosen by
cross-validation on the training data, and a sha256 of the training data files (a test
fails when the data changed and the weights were not refitted). Inference here is pure
Python: features, sum of weights, logistic.

Not wired into the linter (round nine's decision, docs/lint-accuracy.head.md): measured once
on the held-out sentence sets it passed the accuracy conditions set beforehand (19 more rude
lines of 130 caught with 1 more innocent line of 130 flagged; 27% more hostile lines of round
nine's own held-out part with no more innocent ones), left the tuning notes' good ones as
they were and flagged none of the phrase lists' 450 innocent examples, but as a reading it
cost 21-25% of lint speed (the bound is 10%): the sentence split it needs is one the other
tone readings skip on most notes (about 50 us a note), and each sentence costs about 6 us
more even on the exact fast path below (`fast_sum`). `check` is the reading as it was built
and measured: one line in `tone.check` after `readings.check` wires it.

Pure: no I/O but reading the package's own `stance.json`, once, on first use.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from itertools import islice, repeat

from followup.core.lint.base import Collector
from followup.core.lint.parse import WORD, fold

NEGATIVE = "tone.negative"

# A word (the linter's word pattern) or a mark that ends a clause or carries stance.
TOKEN = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*|[,;:.!?()]")
CLAUSE_END = frozenset(",;:.!?()") | {"but"}
NEGATORS = frozenset({
    "not", "no", "never", "nobody", "nothing", "none", "neither", "nor", "cannot",
    "hardly", "without", "nowhere"})
NOT = "~"  # a word under a negation: "welcoming~"
# Their side of the process: whom a sentence is about when it judges.
READER = frozenset({
    "you", "your", "yours", "yourself", "yourselves", "you're", "you've", "you'll",
    "you'd", "u", "ur", "panel", "panel's", "recruiter", "recruiters", "interviewer",
    "interviewers", "company", "company's", "firm", "hr", "team", "team's", "management"})
# Time counted: the negative situation sarcasm often praises (Riloff et al. 2013).
TIME = frozenset({
    "weeks", "months", "days", "hours", "week", "month", "fortnight", "again", "finally",
    "eventually", "still", "yet", "only", "later", "after"})
# Comparatives that intensify (up) or weaken (down) the rated word after them.
CMP_UP = frozenset({"more", "most", "as", "so", "such", "too", "ever"})
CMP_DOWN = frozenset({"less", "least"})
CMP_REACH = 4  # words after a comparative in which its rated word is looked for
# Words of our domain VADER's lexicon lacks, rated on its scale (-4..+4).
EXTRA: Mapping[str, float] = {
    "dismissive": -1.8, "disorganised": -1.6, "disorganized": -1.6, "organised": 1.2,
    "organized": 1.2, "well-organised": 1.6, "well-organized": 1.6, "patient": 1.5,
    "patiently": 1.4, "smoothly": 1.3, "smooth": 1.2, "undervalued": -1.6,
    "unprepared": -1.4, "prepared": 1.0, "careless": -1.6, "carelessly": -1.6,
    "careful": 1.0, "carefully": 1.0, "thoughtful": 1.6, "professional": 1.2,
    "unprofessional": -2.0, "amateurish": -1.8, "amateur": -1.0, "chaotic": -1.6,
    "petty": -1.6, "patronising": -2.0, "patronizing": -2.0, "condescending": -2.0,
    "incompetent": -2.2, "welcome": 2.0, "at-home": 1.5, "respectfully": 1.2,
    "disrespected": -2.0, "unwelcome": -1.6, "clueless": -1.8, "rushed": -0.8,
}
POSITIVE = 1.0  # a rated word at least this is praise
NEGATIVE_VALENCE = -1.0  # at most this, a negative word


@cache
def _ratings() -> Mapping[str, float]:
    """VADER's lexicon (valence.py's, read once) with our domain's words."""
    from followup.core.lint.valence import lexicon

    return {**lexicon(), **EXTRA}


def _rating(word: str, lex: Mapping[str, float]) -> float | None:
    """A word's valence, or its stem's for -ly, -ed, -ing forms VADER lacks."""
    v = lex.get(word)
    if v is not None:
        return v
    for end in ("ly", "ed", "ing"):
        if word.endswith(end) and len(word) > len(end) + 2:
            v = lex.get(word[:-len(end)])
            if v is not None:
                return v
    return None


def _negates(word: str) -> bool:
    return word in NEGATORS or word.endswith("n't")


def _comparative(words: list[str], start: int, lex: Mapping[str, float]) -> int:
    """+1 when a comparative in words[start:] (up to the clause's end) praises, -1 when it
    is hostile, 0 when there is none: the direction of the comparative times the sign of
    the rated word after it ("more welcoming" +1, "more dismissive" -1, "less welcoming"
    -1); "better", "best" (+1) and "worse", "worst" (-1) rate themselves."""
    for i in range(start, len(words)):
        w = words[i]
        if w in CLAUSE_END:
            return 0
        if w in ("better", "best", "happier", "nicer", "kinder", "warmer", "clearer"):
            return 1
        if w in ("worse", "worst", "ruder"):
            return -1
        up = w in CMP_UP
        if up or w in CMP_DOWN:
            for x in words[i + 1:i + 1 + CMP_REACH]:
                if x in CLAUSE_END:
                    break
                v = _rating(x, lex)
                if v is not None and abs(v) >= POSITIVE:
                    sign = 1 if v > 0 else -1
                    return sign if up else -sign
    return 0


def features(sentence: str) -> list[str]:
    """The sentence's features (see the module's docstring), each once."""
    text = fold(sentence)
    return _features(TOKEN.findall(text.lower()), text)


def _features(tokens: list[str], text: str) -> list[str]:
    lex = _ratings()
    out: set[str] = set()
    marked: list[str] = []
    negated = False
    pos = neg = not_pos = not_neg = you = time = False
    cmp = scope_cmp = 0  # a comparative after a negation: in the sentence, in this scope
    for i, t in enumerate(tokens):
        if t in CLAUSE_END:
            negated = False
            continue
        if _negates(t):
            if not negated:
                scope_cmp = _comparative(tokens, i + 1, lex)
                cmp = cmp or scope_cmp
            negated = True
            marked.append(t)
            continue
        marked.append(t + NOT if negated else t)
        if t in READER:
            you = True
        elif t in TIME:
            time = True
        v = _rating(t, lex)
        if v is None or NEGATIVE_VALENCE < v < POSITIVE:
            continue
        if negated and scope_cmp:
            # "could not have been more welcoming" praises, "... more dismissive" and
            # "... less welcoming" do not: the comparative's reading, not a flip
            pos, neg = pos or scope_cmp > 0, neg or scope_cmp < 0
        elif negated:
            not_pos, not_neg = not_pos or v > 0, not_neg or v < 0
        else:
            pos, neg = pos or v > 0, neg or v < 0
    out.update(marked)
    out.update(f"{a} {b}" for a, b in zip(marked, marked[1:], strict=False))
    if cmp:
        out.add("<neg-cmp+>" if cmp > 0 else "<neg-cmp->")
    for flag, name in ((pos, "<pos>"), (neg, "<neg>"), (not_pos, "<not-pos>"),
                       (not_neg, "<not-neg>"), (you, "<you>")):
        if flag:
            out.add(name)
    if you and (neg or not_pos):
        out.add("<you-neg>")
    if pos and neg:
        out.add("<pos+neg>")
    if pos and time:
        out.add("<pos+time>")
    if "?" in text:
        out.add("<?>")
    if "??" in text or "!!" in text or "?!" in text or "!?" in text:
        out.add("<!!>")
    if SCARE.search(text):
        out.add("<scare>")
    return sorted(out)


# One to three words in quotes, the quote marks outside the words ("agile", 'feedback').
SCARE = re.compile(r"(?:^|[\s(])([\"'])[^\W_][^\"'\n]{0,30}?[^\W_]?\1(?=[\s.,;:!?)]|$)")


@dataclass(frozen=True)
class Stance:
    weights: Mapping[str, float]
    intercept: float
    threshold: float  # a sentence scoring above it reads as hostile
    sentences: int  # labelled sentences it was trained on
    data_sha256: str  # of the training data files (scripts/train_stance.py `data_hash`)

    @property
    def logit(self) -> float:
        """The threshold on the weights' sum (no exponential per sentence)."""
        return math.log(self.threshold / (1.0 - self.threshold))


@cache
def model() -> Stance:
    """The shipped model, read once."""
    raw = json.loads(files("followup.core.lint").joinpath("stance.json").read_text("utf-8"))
    return Stance(raw["weights"], float(raw["intercept"]), float(raw["threshold"]),
                  int(raw["sentences"]), str(raw["data_sha256"]))


def _logistic(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


def _sum(feats: list[str], m: Stance) -> float:
    """The intercept plus each feature's weight (presence: the model was fitted so)."""
    get = m.weights.get
    return m.intercept + sum(get(f, 0.0) for f in feats)


def score(sentence: str, stance: Stance | None = None) -> float:
    """The probability the model gives that the sentence is hostile."""
    m = stance or model()
    return _logistic(_sum(features(sentence), m))


def heaviest(sentence: str, n: int = 3, stance: Stance | None = None) -> list[str]:
    """The n features that push the sentence most towards hostile, heaviest first."""
    return heaviest_of(features(sentence), stance or model(), n)


def heaviest_of(feats: list[str], m: Stance, n: int = 3) -> list[str]:
    weighted = [(m.weights.get(f, 0.0), f) for f in feats]
    return [f for w, f in sorted(weighted, key=lambda x: (-x[0], x[1])) if w > 0][:n]


# How a finding names a feature of structure; a word under a negation is shown bare.
LABELS: Mapping[str, str] = {
    "<neg>": "a negative word", "<pos>": "praise", "<not-pos>": "praise negated",
    "<not-neg>": "a negative word negated", "<you>": "aimed at them",
    "<you-neg>": "a negative word aimed at them",
    "<neg-cmp+>": "a negated comparative that praises",
    "<neg-cmp->": "a negated comparative that blames",
    "<pos+neg>": "praise beside a negative word", "<pos+time>": "praise beside time counted",
    "<?>": "a question", "<!!>": "a doubled mark", "<scare>": "scare quotes"}


def label(feature: str) -> str:
    """A feature as a finding shows it: "a negative word", "no idea", "reply"."""
    return LABELS.get(feature) or feature.replace(NOT, "")


@dataclass(frozen=True)
class Fast:
    """The model keyed for the linter's loop, for a sentence with no negation (most of
    them), where no word is marked: unigram weights by word, pair weights by a tuple of
    words (no string built per pair), the rated words as sets (the stem rule of `_rating`
    unrolled), and the structure features' weights. `fast_sum` equals `_sum(features)`."""

    words: Mapping[str, float]
    pairs: Mapping[tuple[str, str], float]
    positive: frozenset[str]
    negative: frozenset[str]
    flags: Mapping[str, float]


@cache
def fast() -> Fast:
    m = model()
    words: dict[str, float] = {}
    pairs: dict[tuple[str, str], float] = {}
    flags: dict[str, float] = {}
    for f, w in m.weights.items():
        if f.startswith("<"):
            flags[f] = w
        elif NOT not in f:
            a, _, b = f.partition(" ")
            if b:
                pairs[(a, b)] = w
            else:
                words[a] = w
    lex = _ratings()
    rated = dict(lex)
    for x, v in lex.items():  # "rudely" rated by "rude" where VADER lacks it
        for end in ("ly", "ed", "ing"):
            if x + end not in lex and len(x) > 2:
                rated.setdefault(x + end, v)
    return Fast(words, pairs,
                frozenset(w for w, v in rated.items() if v >= POSITIVE),
                frozenset(w for w, v in rated.items() if v <= NEGATIVE_VALENCE), flags)


def fast_sum(words: list[str], low: str, f: Fast, intercept: float) -> float | None:
    """The sentence's `_sum` from its words (the linter's split) and its lowercase text, or
    None when it holds a negation (then `features` reads it)."""
    if "n't" in low or not NEGATORS.isdisjoint(words):
        return None
    if "but" in words:  # a clause's end, not a word of the model
        words = [w for w in words if w != "but"]
    distinct = set(words)
    # the lookups in C (map over dict.get with a default): this runs on every sentence
    z = intercept + sum(map(f.words.get, distinct, repeat(0.0)))
    pairs = zip(words, islice(words, 1, None))  # noqa: B905 (one shorter by design)
    z += sum(map(f.pairs.get, pairs if len(distinct) == len(words) else set(pairs),
                 repeat(0.0)))
    flags = f.flags
    pos = not f.positive.isdisjoint(distinct)
    neg = not f.negative.isdisjoint(distinct)
    if pos:
        z += flags.get("<pos>", 0.0)
        if neg:
            z += flags.get("<pos+neg>", 0.0)
        if not TIME.isdisjoint(distinct):
            z += flags.get("<pos+time>", 0.0)
    if neg:
        z += flags.get("<neg>", 0.0)
    if not READER.isdisjoint(distinct):
        z += flags.get("<you>", 0.0)
        if neg:
            z += flags.get("<you-neg>", 0.0)
    if "?" in low:
        z += flags.get("<?>", 0.0)
        if "??" in low or "?!" in low or "!?" in low:
            z += flags.get("<!!>", 0.0)
    elif "!!" in low:
        z += flags.get("<!!>", 0.0)
    if ('"' in low or "'" in low) and SCARE.search(low):
        z += flags.get("<scare>", 0.0)
    return z


def check(out: Collector) -> None:
    """tone.negative by the stance model: the first body sentence scoring above the
    threshold, only when nothing before found tone.negative in the note and only on a
    sentence no other tone reading flagged (issue 22, rounds eight and nine)."""
    # tone.negative: stance model
    if not out.wants(NEGATIVE) or any(f.rule == NEGATIVE for f in out.findings):
        return
    p = out.parsed
    m = model()
    f = fast()
    cut, base, findall = m.logit, m.intercept, WORD.findall
    # the sentences the tone readings split (once, in `lower_masked`), read in `lower`: as
    # the model was trained, quotes kept (scare quotes are one of its features)
    lower = p.lower
    for a, b in p.body_sentences_masked:
        low = lower[a:b]
        z = fast_sum(findall(low), low, f, base)
        if z is not None and z <= cut:
            continue
        text = p.folded[a:b]
        feats = _features(TOKEN.findall(low), text)
        z = _sum(feats, m)
        if z <= cut or any(a <= p.line_starts[g.line - 1] + g.column - 1 < b
                           for g in out.findings if g.excerpt and g.rule.startswith("tone.")):
            continue
        lead = len(text) - len(text.lstrip())
        top = ", ".join(f'"{label(w)}"' for w in heaviest_of(feats, m))
        out.add(NEGATIVE, a + lead, b,
                why=f" - reads as hostile (a model trained on {m.sentences} labelled "
                    f"sentences, p={min(_logistic(z), 0.999):.3f}; its heaviest words {top})")
        return
