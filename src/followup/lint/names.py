"""Names spelled as recorded (names.spelling) and greeted right (names.wrong-recipient).

A capitalized token (or a run of two or three) that is not an ordinary English word is
compared with the recorded names: one edit off for names up to 5 letters, two for longer
ones, is a near-miss. "Ordinary" means in the shipped list `words.txt` (about 1,200
common words, no first names), possibly with a regular ending, or written in lowercase
elsewhere in the same note. Case is ignored in the comparison: "ACME" is not a typo.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from rapidfuzz.distance import Levenshtein

from followup.lint.base import Collector, LintContext
from followup.lint.parse import WORD


def _load_words() -> frozenset[str]:
    text = files("followup.lint").joinpath("words.txt").read_text("utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#")
                     for w in line.split())


WORDS = _load_words()
_ENDINGS = ("s", "es", "ed", "d", "ing", "ly", "er", "ers", "ment", "ments")


def ordinary(word: str) -> bool:
    """Whether a word is common English (so never taken for a name)."""
    w = word.lower()
    if w in WORDS:
        return True
    if "'" in w:  # contractions: I'm, You're, Don't
        return ordinary(w.split("'")[0]) if w.split("'")[0] else True
    if "-" in w:
        return all(ordinary(part) for part in w.split("-") if part)
    for end in _ENDINGS:
        if w.endswith(end) and len(w) - len(end) >= 2:
            stem = w[: -len(end)]
            if stem in WORDS or stem + "e" in WORDS:
                return True
    return w.isdigit()


def strip_possessive(token: str) -> str:
    if token.endswith("'s") or token.endswith("'S"):
        return token[:-2]
    return token[:-1] if token.endswith("'") else token


@dataclass(frozen=True, slots=True)
class Target:
    display: str
    lower: str
    size: int  # tokens
    max_edits: int


@dataclass(frozen=True, slots=True)
class Targets:
    by_size: dict[int, tuple[Target, ...]]
    exact: frozenset[str]  # lowercase forms of every recorded name and part
    known_tokens: frozenset[str]  # lowercase tokens of names, company, role, titles


def _max_edits(name: str) -> int:
    letters = sum(c.isalpha() for c in name)
    return 1 if letters <= 5 else 2


@lru_cache(maxsize=64)
def targets(ctx: LintContext) -> Targets:
    """First, last and full names of the people and the candidate, and the company."""
    names: list[str] = []
    full = list(ctx.people)
    if ctx.recipient is not None:
        full.append(ctx.recipient.name)
    if ctx.candidate:
        full.append(ctx.candidate)
    for n in full:
        parts = [strip_possessive(w) for w in WORD.findall(n)]
        if not parts:
            continue
        names.append(" ".join(parts))
        names.append(parts[0])
        if len(parts) > 1:
            names.append(parts[-1])
    if ctx.company:
        parts = [strip_possessive(w) for w in WORD.findall(ctx.company)]
        if parts:
            names.append(" ".join(parts))
            names.extend(p for p in parts if not ordinary(p))
    by_size: dict[int, list[Target]] = {}
    seen: set[str] = set()
    for n in names:
        low = n.lower()
        if low in seen or len(low) < 2:
            continue
        seen.add(low)
        size = len(n.split())
        by_size.setdefault(size, []).append(Target(n, low, size, _max_edits(n)))
    known = set(seen)
    for extra in (ctx.company, ctx.role, *ctx.titles, *full):
        if extra:
            known.update(w.lower() for w in WORD.findall(extra))
    return Targets({k: tuple(v) for k, v in by_size.items()}, frozenset(seen),
                   frozenset(known))


_CAP_RUN_GAP = re.compile(r"[ \t]+")


def _capitalized(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """Capitalized tokens with their offsets, possessives removed."""
    out: list[tuple[str, int, int]] = []
    for m in WORD.finditer(text, start, end):
        tok = m.group()
        if tok[0].isupper():
            bare = strip_possessive(tok)
            out.append((bare, m.start(), m.start() + len(bare)))
    return out


def check_spelling(out: Collector) -> None:
    """names.spelling: near-misses of recorded names, longest runs first."""
    if not out.wants("names.spelling"):
        return
    tg = targets(out.ctx)
    if not tg.by_size:
        return
    p = out.parsed
    text = p.masked
    lowercase_words = {w.lower() for w in WORD.findall(text) if w[0].islower()}
    toks = _capitalized(text, 0, len(text))
    covered: set[int] = set()
    for size in (3, 2, 1):
        cands = tg.by_size.get(size)
        if not cands:
            continue
        for i in range(len(toks) - size + 1):
            run = toks[i:i + size]
            if any(j in covered for j in range(i, i + size)):
                continue
            pairs = zip(run, run[1:], strict=False)
            if any(not _CAP_RUN_GAP.fullmatch(text[a[2]:b[1]]) for a, b in pairs):
                continue  # not adjacent: punctuation or a line break between
            words = [t[0] for t in run]
            low = " ".join(words).lower()
            if low in tg.exact:
                covered.update(range(i, i + size))
                continue
            if all(ordinary(w) or w.lower() in lowercase_words for w in words):
                continue
            for t in cands:
                limit = t.max_edits
                if abs(len(low) - len(t.lower)) > limit:
                    continue
                d = Levenshtein.distance(low, t.lower, score_cutoff=limit)
                if 0 < d <= limit:
                    covered.update(range(i, i + size))
                    out.add("names.spelling", run[0][1], run[-1][2], name=t.display)
                    break


def check_recipient(out: Collector) -> None:
    """names.wrong-recipient: the greeting names another recorded person."""
    ctx = out.ctx
    p = out.parsed
    if ctx.recipient is None or p.greeting is None or not out.wants("names.wrong-recipient"):
        return
    mine = {w.lower() for w in WORD.findall(ctx.recipient.name)}
    s, e = p.greeting
    greeted = [(strip_possessive(m.group()), m.start()) for m in WORD.finditer(p.masked, s, e)]
    for other in ctx.people:
        if other == ctx.recipient.name:
            continue
        theirs = {w.lower() for w in WORD.findall(other)} - mine
        for tok, at in greeted:
            if tok.lower() in theirs:
                out.add("names.wrong-recipient", at, at + len(tok), name=other,
                        recipient=ctx.recipient.name)
                return


def check(out: Collector) -> None:
    check_spelling(out)
    check_recipient(out)
