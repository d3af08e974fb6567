"""Load phrases.toml once and compile each family into one regular expression.

A family holds dozens of patterns, and a regex alternation tries every one at every
position of a note. So each pattern also gets a gate: literal strings of which any match
must contain one, read from the pattern's own syntax tree. `Family.narrow` keeps only the
patterns whose gate occurs in the text (a C-speed substring test) and scans with those: the
same matches as the whole family, found in a fraction of the time.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import import_module
from importlib.resources import files
from typing import Any

from followup.core.lint.parse import FOLD, lower_same_length

# The regex syntax tree (CPython's own parser, stable since 3.11): read once at import.
sre: Any = import_module("re._constants")
sre_parse: Any = import_module("re._parser")


@dataclass(frozen=True, slots=True)
class Family:
    """A phrase family. `pattern` reads lowercased, apostrophe-folded text (faster than
    IGNORECASE); `search` does that folding for callers holding raw text."""

    name: str
    rule: str
    pattern: re.Pattern[str]
    match: tuple[str, ...]
    no_match: tuple[str, ...]
    anchors: frozenset[str] = frozenset()  # empty: no shortcut
    literals: tuple[str, ...] = ()  # every match contains one of these; empty: no shortcut
    gates: tuple[Gate | None, ...] = ()  # per pattern; None: always scanned
    # the gates by kind, for `narrow`: word -> patterns, substring gates, ungated patterns
    word_index: dict[str, tuple[int, ...]] = field(default_factory=dict)
    vocab: frozenset[str] = frozenset()
    substring_gates: tuple[tuple[int, tuple[str, ...]], ...] = ()
    always: tuple[int, ...] = ()

    def may_match(self, words: frozenset[str]) -> bool:
        """False when none of the anchor words occurs, so the pattern cannot match."""
        return not self.anchors or not self.anchors.isdisjoint(words)

    def may_occur(self, text: str, start: int, end: int) -> bool:
        """False when none of the literals occurs in text[start:end] (lowercased, folded),
        so the pattern cannot match there: a substring test is far cheaper than a scan."""
        return not self.literals or any(text.find(s, start, end) >= 0 for s in self.literals)

    def narrow(self, text: str, start: int = 0, end: int | None = None,
               words: frozenset[str] | None = None) -> re.Pattern[str] | None:
        """The family's patterns that can match in text[start:end] (lowercased, folded),
        as one regex with the same matches there as `pattern`; None when none can.
        `words`: the text's words and their parts split at ' and - (`Parsed.gate_words_*`),
        for the whole-word gates; without them every gate is a substring search."""
        stop = len(text) if end is None else end
        index = self.word_index
        if words is None:
            active = set(self.always)
            checks = [(i, g[0]) for i, g in enumerate(self.gates) if g is not None]
        else:
            active = set(self.always)
            for w in self.vocab.intersection(words):
                active.update(index[w])
            checks = [(i, g) for i, g in self.substring_gates if i not in active]
        for i, strings in checks:
            if any(text.find(x, start, stop) >= 0 for x in strings):
                active.add(i)
        if not active:
            return None
        if len(active) == len(self.gates):
            return self.pattern
        return _joined(self.name, tuple(sorted(active)))

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(lower_same_length(text.translate(FOLD)))


# -- gates: literal strings every match of a pattern contains ------------------------------
#
# A gate is a tuple of strings, one of which every match holds. When each string is a whole
# word in the pattern (between \b or whitespace), the gate is checked against the note's
# words (a set lookup); otherwise by substring search.

Gate = tuple[tuple[str, ...], bool]  # (strings, all whole words)


def _edge(item: Any) -> bool:
    """Whether a parsed item is a word edge: \b, whitespace, or one or more of it."""
    op, av = item
    if op is sre.AT:
        return bool(av is sre.AT_BOUNDARY)
    if op is sre.IN:
        return any(o is sre.CATEGORY and a is sre.CATEGORY_SPACE for o, a in av)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1 and len(av[2]) == 1:
        return _edge(av[2][0])
    return False


def _best(cands: list[Gate]) -> Gate | None:
    """Word gates first (a set lookup), then the longest shortest string, then fewest."""
    if not cands:
        return None
    return max(cands, key=lambda c: (c[1], min(map(len, c[0])), -len(c[0])))


def _required(seq: Any, before: bool = False, after: bool = False) -> list[Gate]:
    """Candidate gates of a parsed sequence: literal runs, and branches whose every
    alternative holds a required literal. `before`/`after`: a word edge around it."""
    items = list(seq)
    cands: list[Gate] = []
    run: list[str] = []
    run_whole = False

    def edge_before(n: int) -> bool:  # a word edge just before item n
        if n == 0:
            return before
        op, av = items[n - 1]
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] == 0:  # optional: both ways
            inner = list(av[2])
            return (not inner or _edge(inner[-1])) and edge_before(n - 1)
        return _edge(items[n - 1])

    def edge_after(n: int) -> bool:  # a word edge just after item n
        if n + 1 >= len(items):
            return after
        op, av = items[n + 1]
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] == 0:
            inner = list(av[2])
            return (not inner or _edge(inner[0])) and edge_after(n + 1)
        return _edge(items[n + 1])

    for n, (op, av) in enumerate(items):
        prev_edge = edge_before(n)
        next_edge = edge_after(n)
        if op is sre.LITERAL:
            if not run:
                run_whole = prev_edge
            run.append(chr(av))
            if not (n + 1 < len(items) and items[n + 1][0] is sre.LITERAL):
                cands.append((("".join(run),), run_whole and next_edge))
                run.clear()
            continue
        if op is sre.BRANCH:
            picks = [_best(_required(alt, prev_edge, next_edge)) for alt in av[1]]
            if picks and all(p is not None for p in picks):
                strings = tuple(sorted({x for p in picks if p for x in p[0]}))
                cands.append((strings, all(p[1] for p in picks if p)))
        elif op is sre.SUBPATTERN:
            cands.extend(_required(av[-1], prev_edge, next_edge))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1:
            cands.extend(_required(av[2], prev_edge, next_edge and av[1] == 1))
    return cands


def gate(source: str) -> Gate | None:
    """Strings of which every match of `source` holds one; None when none is certain."""
    try:
        return _best(_required(sre_parse.parse(source)))
    except (re.error, TypeError, ValueError, IndexError):  # pragma: no cover - odd syntax
        return None


_SOURCES: dict[str, tuple[str, ...]] = {}


@lru_cache(maxsize=4096)
def _joined(name: str, active: tuple[int, ...]) -> re.Pattern[str]:
    parts = _SOURCES[name]
    return re.compile("|".join(f"(?:{parts[i]})" for i in active))


def _load() -> dict[str, Family]:
    data = tomllib.loads(files("followup.core.lint").joinpath("phrases.toml").read_text("utf-8"))
    out: dict[str, Family] = {}
    for name, fam in data["families"].items():
        sources = tuple(fam["patterns"])
        _SOURCES[name] = sources
        joined = "|".join(f"(?:{p})" for p in sources)
        gates = tuple(gate(p) for p in sources)
        index: dict[str, list[int]] = {}
        for i, g in enumerate(gates):
            if g is not None and g[1]:
                for w in g[0]:
                    index.setdefault(w, []).append(i)
        out[name] = Family(
            name, fam["rule"], re.compile(joined),
            tuple(fam.get("match", ())), tuple(fam.get("no_match", ())),
            frozenset(fam.get("anchors", ())), tuple(fam.get("literals", ())), gates,
            {w: tuple(v) for w, v in index.items()}, frozenset(index),
            tuple((i, g[0]) for i, g in enumerate(gates) if g is not None and not g[1]),
            tuple(i for i, g in enumerate(gates) if g is None))
    return out


FAMILIES = _load()
