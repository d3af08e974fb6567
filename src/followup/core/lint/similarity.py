"""personal.copy-paste: how alike two notes' bodies are.

Measure: Jaccard similarity of word 3-shingles (lowercased body words, names included).
Threshold 0.5: two notes sharing at least half of their combined three-word sequences. A
note with the names swapped and one sentence changed scores about 0.7; two notes written
separately about the same interview, thanks and interest included, score under 0.15 (the
stock phrases "thank you for your time" give only a handful of shared shingles). 0.5 sits
in the wide gap between, so a real rewrite passes and a mail-merge warns.
"""

from __future__ import annotations

from collections.abc import Sequence

THRESHOLD = 0.5
SHINGLE = 3


def shingles(words: Sequence[str]) -> frozenset[tuple[str, ...]]:
    low = [w.lower() for w in words]
    if len(low) < SHINGLE:
        return frozenset({tuple(low)}) if low else frozenset()
    return frozenset(tuple(low[i:i + SHINGLE]) for i in range(len(low) - SHINGLE + 1))


def jaccard(a: frozenset[tuple[str, ...]], b: frozenset[tuple[str, ...]]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def similarity(words_a: Sequence[str], words_b: Sequence[str]) -> float:
    return jaccard(shingles(words_a), shingles(words_b))
