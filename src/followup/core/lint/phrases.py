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
from functools import cache, lru_cache
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


def _nonword(item: Any) -> bool:
    """Whether a parsed item only ever matches non-word characters ("*", "(?:!|\\*)+",
    "[@%]"): a word ends before it, as before an edge ("f**k" opens with the word "f")."""
    op, av = item
    if op is sre.LITERAL:
        return not _WORDCHAR.match(chr(av))
    if op is sre.IN:
        return all(o is sre.LITERAL and not _WORDCHAR.match(chr(a)) for o, a in av)
    if op is sre.SUBPATTERN:
        return len(av[-1]) == 1 and _nonword(av[-1][0])
    if op is sre.BRANCH:
        return all(len(alt) == 1 and _nonword(alt[0]) for alt in av[1])
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1 and len(av[2]) == 1:
        return _nonword(av[2][0])
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


# -- a family searched over a whole text: its word boundary tried once a position ---------
#
# `Family.pattern` is the alternation `(?:\bA)|(?:\bB)|...`: searched over a note, the
# engine tries every alternative's boundary at every position, though a boundary holds at
# one position in five. `\b(?:(?:A)|(?:B)|...)` tries exactly what the alternation tries,
# in the same order: `\b` takes no characters and holds or not, so each alternative still
# gets its turn after it and the first that matches wins with the same match. An
# alternative is written so only when its own program is unchanged as `\b(?:rest)`
# (compared opcode for opcode: no top-level "|" in it); a family with one that is not keeps
# its pattern.

_BOUNDARY = r"\b"
_SEARCHERS: dict[str, re.Pattern[str]] = {}
sre_compile: Any = import_module("re._compiler")


def _program(source: str) -> list[int]:
    return list(sre_compile._code(sre_parse.parse(source), 0))


def searcher(name: str) -> re.Pattern[str]:
    """The family's pattern for `search`/`finditer` over a text: the same matches as
    `FAMILIES[name].pattern`, its shared opening boundary tried once a position (compiled
    on first use)."""
    got = _SEARCHERS.get(name)
    if got is None:
        sources = _SOURCES[name]
        rests = [src[len(_BOUNDARY):] for src in sources if src.startswith(_BOUNDARY)]
        got = FAMILIES[name].pattern
        if len(rests) == len(sources) and all(
                _program(src) == _program(f"{_BOUNDARY}(?:{rest})")
                for src, rest in zip(sources, rests, strict=True)):
            got = re.compile(_BOUNDARY + "(?:" + "|".join(f"(?:{r})" for r in rests) + ")")
        _SEARCHERS[name] = got
    return got


# -- one pass for many families: matches started from the words of the text ----------------
#
# Every pattern opens with \b and a literal word (or a choice of them): "i", "still", "why",
# "thanks". So a match can only start where a word starts, and only a pattern whose first
# word is that word can start there. `Scanner` indexes the patterns of several families by
# their first word, walks the words of a text once, and tries at each word only the
# patterns that open with it (`match` anchored there). Per family it keeps what `finditer`
# gives over the whole family's alternation: at a position the first alternative that
# matches wins, and a match starts no earlier than the end of the one before.

_SUBWORD = re.compile(r"[^\W_]+")
_WORDCHAR = re.compile(r"[^\W_]")


_MAX_PREFIXES = 256  # beyond this many opening strings a pattern keeps a shorter one


def _seq_prefixes(items: list[Any], tail: bool = False, spaced: bool = False
                  ) -> frozenset[tuple[str, bool]] | None:
    """The literal strings a match of a parsed sequence starts with, each with whether a
    non-word character or a word edge follows it ("" and True: the sequence opens with an
    edge or is empty); None when some match may start otherwise. `spaced`: a run of
    spaces after the first word (`\\s+`) and the next word's literal start go on the string,
    the run as `SPACES` (the trigger's second word, `_trigger`)."""
    n = 0
    while n < len(items) and (items[n][0] is sre.AT or (
            items[n][0] is sre.ASSERT_NOT and items[n][1][0] == -1)):
        n += 1  # \b, negative lookbehinds: no width
    if n >= len(items):
        return frozenset({("", True)})
    op, av = items[n]
    rest = items[n + 1:]
    apostrophe = spaced and op is sre.LITERAL and av == ord("'")  # "you've": one string
    if _edge(items[n]) or (tail and _nonword(items[n]) and not apostrophe):  # a word ends
        if spaced and tail:
            second = _second_word(items[n:])
            if second is not None:
                return second
        return frozenset({("", True)})
    if spaced and tail and _space_run(items[n], least=0):  # "i\\s*should": maybe no space
        second = _second_word(items[n:])
        if second is not None:
            return second
    if op is sre.LITERAL:
        run = []
        while n < len(items) and items[n][0] is sre.LITERAL:
            run.append(chr(items[n][1]))
            n += 1
        head = "".join(run)
        if not _WORDCHAR.match(head[-1]):
            return frozenset({(head, True)})
        tails = _seq_prefixes(items[n:], tail=True, spaced=spaced)
        if tails is None or len(tails) > _MAX_PREFIXES:
            return frozenset({(head, False)})
        return frozenset((head + t, done) for t, done in tails)
    if op is sre.SUBPATTERN:
        return _seq_prefixes(list(av[-1]) + rest, tail, spaced)
    if op is sre.BRANCH:
        out: set[tuple[str, bool]] = set()
        for alt in av[1]:
            got = _seq_prefixes(list(alt) + rest, tail, spaced)
            if got is None:
                return None
            out |= got
        return frozenset(out)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        lo, hi, inner = av
        # inner then rest is a match's start only when inner comes at most once
        once = spaced and hi == 1
        first = _seq_prefixes(list(inner) + rest, tail, once)
        if first is None:
            return None
        if lo >= 1:
            return first
        skipped = _seq_prefixes(rest, tail, once)
        return None if skipped is None else first | skipped
    return None


def _first_words(source: str, spaced: bool = False) -> frozenset[tuple[str, bool]] | None:
    try:
        return _seq_prefixes(list(sre_parse.parse(source)), spaced=spaced)
    except (re.error, TypeError, ValueError, IndexError):  # pragma: no cover - odd syntax
        return None


SPACES = "\x00"  # in a `spaced` prefix: a run of one or more non-word characters
ANY_SPACES = "\x02"  # in a `spaced` prefix: a run of zero or more non-word characters
_MAX_SECOND = 64  # beyond this many second-word starts a pattern keeps its first word only


def _space_run(item: Any, least: int = 1) -> bool:
    """Whether a parsed item is one or more spaces or other non-word characters
    ("\\s+", "[ \\t]+", " +"): what `SPACES` stands for; `least=0`: zero or more of them
    ("\\s*"), what `ANY_SPACES` stands for."""
    op, av = item
    if op not in (sre.MAX_REPEAT, sre.MIN_REPEAT) or av[0] != least or len(av[2]) != 1:
        return False
    iop, iav = av[2][0]
    if iop is sre.LITERAL:
        return not _WORDCHAR.match(chr(iav))
    return iop is sre.IN and all(
        (o is sre.CATEGORY and a is sre.CATEGORY_SPACE)
        or (o is sre.LITERAL and not _WORDCHAR.match(chr(a))) for o, a in iav)


WILD = "\x01"  # in a `spaced` prefix: a wildcard word (`_wild_word`), read past by `_trigger`
_MAX_WILD = 1  # wildcard words read past before a literal one: a literal in the first three


def _nonspace_class(item: Any) -> bool:
    """Whether a parsed item matches one character that is never whitespace (a word
    character, a digit, a letter range, a literal non-space): what `\\S` covers."""
    op, av = item
    if op is sre.IN:
        return bool(av) and all(
            (o is sre.CATEGORY and a in (sre.CATEGORY_WORD, sre.CATEGORY_DIGIT))
            or (o is sre.LITERAL and not chr(a).isspace())
            or (o is sre.RANGE and not any(chr(c).isspace() for c in range(a[0], a[1] + 1)))
            for o, a in av)
    return False


def _wild_word(item: Any) -> bool:
    """Whether a parsed item is a wildcard word: one or more non-space characters of a
    class ("\\w+", "[a-z]+", "[\\w'-]+"), matched in the trigger by `\\S+`."""
    op, av = item
    return (op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1 and len(av[2]) == 1
            and _nonspace_class(av[2][0]))


def _optional_wild(item: Any) -> list[Any] | None:
    """The items of an optional wildcard word and its spaces ("(?:\\w+\\s+)?"); None
    when the item is something else."""
    if item is None or item[0] not in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        return None
    lo, hi, inner = item[1]
    seq = list(inner)
    if len(seq) == 1 and seq[0][0] is sre.SUBPATTERN:
        seq = list(seq[0][1][-1])
    if lo == 0 and hi == 1 and len(seq) == 2 and _wild_word(seq[0]) and _space_run(seq[1]):
        return seq
    return None


def _second_word(items: list[Any], wild: int = 0) -> frozenset[tuple[str, bool]] | None:
    """After a first word: `SPACES` and the literal starts of the next word, when the
    sequence goes on with a run of spaces and a word; None otherwise. A wildcard word
    there ("the\\s+\\w+\\s+was") is read past as `WILD`, to the literal word after it
    (at most `_MAX_WILD` of them: a pattern with no literal in its first three words stops
    the trigger at its first word)."""
    n = 0
    while n < len(items) and items[n][0] is sre.AT and items[n][1] is sre.AT_BOUNDARY:
        n += 1  # \b between a word and a space: no width
    if n >= len(items):
        return None
    if _space_run(items[n]):
        run = SPACES
    elif _space_run(items[n], least=0):
        run = ANY_SPACES
    else:
        return None
    nxt = items[n + 1] if n + 1 < len(items) else None
    if nxt is not None and _wild_word(nxt):
        if wild >= _MAX_WILD:
            return None
        after = _second_word(items[n + 2:], wild + 1)
        if after is None:
            return None
        return frozenset((run + WILD + h, done) for h, done in after)
    if _optional_wild(nxt) is not None:  # "(?:\\w+\\s+)?": the trigger stops at the first word;
        # reading past it (lintspeed2) grew the trigger regexes so that the linter's import
        # took 3 MB more (the plain wildcard word alone: 0.4 MB)
        return None
    got = _seq_prefixes(items[n + 1:])
    if not got or len(got) > _MAX_SECOND or not all(h for h, _ in got):
        return None
    return frozenset((run + h, False) for h, _ in got)


# (family, offset, alternation) per family, in family order
Hits = tuple[tuple[int, int, re.Pattern[str]], ...]
# per offset: one regex joining every family's alternatives, and (family, alternation)
Tries = tuple[tuple[int, re.Pattern[str], tuple[tuple[int, re.Pattern[str]], ...]], ...]
_COMBOS: dict[Hits, Tries] = {}
_UNSEEN: Any = object()


@dataclass(frozen=True, slots=True)
class Scanner:
    """The patterns of several families, indexed by the word a match opens with."""

    families: tuple[str, ...]
    # first sub-word -> per family and offset, the family's alternatives that open with it
    # joined in file order (so the first that matches wins, as in the whole alternation);
    # offset -1: they open with an apostrophe just before the word ("'d love")
    whole: dict[str, Hits]
    partial: dict[str, Hits]  # by a prefix of the word ("desperat")
    partial_sizes: tuple[int, ...]
    # families with an alternative whose first word is unknown: scanned whole, by `finditer`
    always: tuple[tuple[int, re.Pattern[str]], ...]
    merged: dict[tuple[str | None, tuple[str, ...]], Hits]  # hits of several keys, joined
    memo: dict[str, Tries | None]  # a word of a text -> what to try there
    # the sub-words that are a key or start with a partial key, found in C (`_trigger`):
    # its source, compiled on first need in the classes a text needs (`trigger_for`)
    trigger_source: str
    lazy: dict[bool, re.Pattern[str]] = field(default_factory=dict)  # ascii? -> regex
    lazy_stops: dict[bool, re.Pattern[str]] = field(default_factory=dict)  # `stops_for`'s

    @property
    def trigger(self) -> re.Pattern[str]:
        """The trigger for any text."""
        return self.trigger_for(False)

    def trigger_for(self, ascii_: bool) -> re.Pattern[str]:
        """The trigger in Unicode classes, or in ASCII ones (`ascii_classes`: the same
        matches on an ASCII text, found faster); each compiled the first time a text needs
        it. A trigger is a large regex (compiling the body's costs about 50 ms), so neither
        is built at import and a process reading only ASCII notes (most, their quotes and
        dashes folded) never builds the Unicode one."""
        got = self.lazy.get(ascii_)
        if got is None:
            src = self.trigger_source
            got = self.lazy[ascii_] = re.compile(ascii_classes(src) if ascii_ else src)
        return got

    def stops_for(self, ascii_: bool) -> re.Pattern[str]:
        """The trigger as `scan` runs it: the non-word character before the word, then
        the word, read over the text with one space put before it (so its first word has
        such a character too): a match's word is its text less the first character, and
        it starts in the text where the match starts in the spaced text. The same words
        as `trigger_for`'s at the same places, found faster: the trigger opens with a
        lookbehind, so the regex engine tries a match at every character of the text;
        this form opens with a character class, which the engine's search skips to in C,
        so only the characters before a word are tried (the bench's body scan: 68.5 us
        -> 62.5 us a note). Compiled the first time a text needs it, in Unicode or ASCII
        classes as `trigger_for`."""
        got = self.lazy_stops.get(ascii_)
        if got is None:
            src = _stops_source(self.trigger_source)
            got = self.lazy_stops[ascii_] = re.compile(ascii_classes(src) if ascii_ else src)
        return got

    def scan(self, text: str, start: int, end: int,
             only: frozenset[int] | None = None) -> list[list[tuple[int, int]]]:
        """Per family (in `families` order), the (start, end) of each match in
        text[start:end], as `finditer` over the family's whole alternation gives them.
        `only`: the families wanted (indexes); the others stay empty."""
        out: list[list[tuple[int, int]]] = [[] for _ in self.families]
        stop = [start] * len(self.families)  # the next match of a family starts here
        skip = () if only is None else frozenset(range(len(self.families))) - only
        memo = self.memo
        # only the words some pattern opens with: the slice makes the trigger see the
        # words of text[start:end] exactly as a word scan from `start` to `end` would
        # (an ASCII slice, the usual note, is read by the trigger in ASCII classes:
        # `ascii_classes` says why it is the same)
        piece = text[start:end]
        ascii_ = piece.isascii()
        stops = self.lazy_stops.get(ascii_) or self.stops_for(ascii_)
        # a match over the spaced piece starts one character before its word: where the
        # word starts in the piece (`stops_for`)
        for m in stops.finditer(" " + piece):
            w = m.group()[1:]
            hits = memo.get(w, _UNSEEN)
            if hits is _UNSEEN:
                hits = self._tries(w)
            if hits is None:  # pragma: no cover - a triggered word always has hits
                continue
            pos = m.start() + start
            for off, any_, hits_ in hits:
                at = pos + off
                if off and (at < start or text[at] != "'"):
                    continue
                first = any_.match(text, at, end)
                if first is None:  # the usual case: no family here
                    continue
                # the families before the one whose group matched have no match here, and
                # that one's match is the group's: only the families after it are tried
                k = first.lastindex or 0  # 1-based: the matching family's place in hits_
                for n, (fam, pattern) in enumerate(hits_, 1):
                    if n < k or at < stop[fam] or fam in skip:
                        continue
                    hit = first if n == k else pattern.match(text, at, end)
                    if hit is not None:
                        out[fam].append((at, hit.end()))
                        stop[fam] = hit.end()
        for fam, pattern in self.always:
            if fam not in skip:
                out[fam] = [(x.start(), x.end()) for x in pattern.finditer(text, start, end)]
        return out

    def _tries(self, w: str) -> Tries | None:
        """What to try at a word (`_combo` of its hits); memoised."""
        hits = self._hits(w)
        tries = None if hits is None else _combo(hits)
        if len(self.memo) < 100_000:  # bounded: a long-running web app lints forever
            self.memo[w] = tries
        return tries

    def _hits(self, w: str) -> Hits | None:
        """The hits of a word: indexed whole, and by its indexed prefixes."""
        hits = self.whole.get(w)
        heads = tuple(w[:n] for n in self.partial_sizes if len(w) >= n and w[:n] in self.partial)
        if heads:
            hits = self._merge(w if hits is not None else None, heads)
        return hits

    def _merge(self, word: str | None, heads: tuple[str, ...]) -> Hits:
        """The hits of a word (None: not indexed whole) and of its indexed prefixes."""
        key = (word, heads)
        hit = self.merged.get(key)
        if hit is None:
            if word is None and len(heads) == 1:
                return self.partial[heads[0]]
            parts = (self.whole[word] if word is not None else ()) + tuple(
                h for head in heads for h in self.partial[head])
            hit = _group([(f, a, o) for f, o, p in parts for a in _ALTS[p]], self.families)
            if len(self.merged) < 4096:
                self.merged[key] = hit
        return hit


_ALTS: dict[re.Pattern[str], tuple[int, ...]] = {}  # a joined alternation's alternatives


def _combo(hits: Hits) -> Tries:
    """The hits of a word per offset, with one regex joining every family's alternatives
    there: one `match` call says whether any family can match at a word (most often
    none can), and only then is each family's own alternation tried. Each family's
    alternatives are one group of the joined regex (the patterns have no groups of their
    own), so a match also tells which family matched first, and where its match ends."""
    got = _COMBOS.get(hits)
    if got is None:
        by: dict[int, list[tuple[int, re.Pattern[str]]]] = {}
        for fam, off, pattern in hits:
            by.setdefault(off, []).append((fam, pattern))
        got = tuple((off, _grouped([p for _, p in group]), tuple(group))
                    for off, group in sorted(by.items()))
        if len(_COMBOS) < 8192:
            _COMBOS[hits] = got
    return got


def _grouped(patterns: list[re.Pattern[str]]) -> re.Pattern[str]:
    """The patterns joined, each one group; without groups (a match's `lastindex` is then
    None and every family is tried) if some pattern had groups of its own."""
    joined = re.compile("|".join(f"({p.pattern})" for p in patterns))
    if joined.groups == len(patterns):
        return joined
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns))  # pragma: no cover


def _group(entries: list[tuple[int, int, int]], names: tuple[str, ...]) -> Hits:
    """(family, alternative, offset) entries as one joined pattern per family and offset,
    alternatives in file order, families in order."""
    by: dict[tuple[int, int], set[int]] = {}
    for fam, alt, off in entries:
        by.setdefault((fam, off), set()).add(alt)
    out = []
    for (fam, off), alts in sorted(by.items(), key=lambda kv: kv[0]):
        order = tuple(sorted(alts))
        pattern = _joined(names[fam], order)
        _ALTS[pattern] = order
        out.append((fam, off, pattern))
    return tuple(out)


def scanner(names: tuple[str, ...]) -> Scanner:
    """A `Scanner` over the named families (their patterns in file order)."""
    whole: dict[str, list[tuple[int, int, int]]] = {}
    partial: dict[str, list[tuple[int, int, int]]] = {}
    always: list[tuple[int, re.Pattern[str]]] = []
    paths: set[tuple[str, str]] = set()  # what the trigger looks for (`_trigger_paths`)
    for fam, name in enumerate(names):
        sources = _SOURCES[name]
        entries: list[tuple[str, bool, tuple[int, int, int]]] = []
        for alt, src in enumerate(sources):
            paths.update(_trigger_paths(src))
            got = _first_words(src)
            heads = [] if got is None else [
                (w[1:], -1, whole_) if w.startswith("'") else (w, 0, whole_)
                for w, whole_ in got]
            if not heads or any(not w or _SUBWORD.match(w) is None for w, _, _ in heads):
                entries = []
                break
            for w, off, is_whole in heads:
                key = _SUBWORD.match(w).group()  # type: ignore[union-attr]
                # a prefix running past its first sub-word ("i'll", "co-founder") is
                # looked up by that sub-word; one ending inside a word ("desperat"), as a
                # prefix of the words of the text
                entries.append((key, not (is_whole or key != w), (fam, alt, off)))
        if not entries:
            always.append((fam, FAMILIES[name].pattern))
            continue
        for key, is_partial, hit in entries:
            (partial if is_partial else whole).setdefault(key, []).append(hit)
    whole_t = {k: _group(v, names) for k, v in whole.items()}
    partial_t = {k: _group(v, names) for k, v in partial.items()}
    sizes = tuple(sorted({len(k) for k in partial_t}))
    return Scanner(names, whole_t, partial_t, sizes, tuple(always), {}, {},
                   _trigger(paths))


@cache  # the module's patterns, each read once for all the scanners
def _trigger_paths(source: str) -> frozenset[tuple[str, str]]:
    """What the trigger looks for at a word where this pattern may start a match: its
    first word and, when a run of spaces follows, the start of its second ("you\\s+said":
    "you", `SPACES`, "said"), each with its mark: "W" the word ends there, "P" anything may
    follow. A pattern's matches all start with one of them, so a word where none occurs
    holds no match of it (the `Scanner` does not stop there)."""
    got = _first_words(source, spaced=True)
    out: set[tuple[str, str]] = set()
    for w, whole in got or ():
        w = w[1:] if w.startswith("'") else w
        if SPACES in w or ANY_SPACES in w:
            out.add((w, "P"))
            continue
        first = _SUBWORD.match(w)
        if first is None:  # no word opens it: its family is scanned whole (`always`)
            continue
        # the whole literal start ("i'll", "co-found"), not only its first sub-word: a
        # word ends after it when `whole` says so and it ends in a word character
        out.add((w, "W" if whole and _WORDCHAR.match(w[-1]) else "P"))
    return frozenset(out)


# The word classes of our patterns, `[^\W_]` (a letter or digit) and `[\W_]` (anything
# else), test each character's Unicode category; on an ASCII character they say exactly
# what `[0-9A-Za-z]` and `[^0-9A-Za-z]` say (Unicode's letters and digits below 128 are
# those), which the regex engine tests with one bit of a table. `str.isascii` is a flag
# the string already holds, so choosing costs nothing.
_CLASSES = ((r"[^\W_]", "[0-9A-Za-z]"), (r"[\W_]", "[^0-9A-Za-z]"))


def ascii_classes(source: str) -> str:
    """A pattern's source with its word classes in ASCII: the same matches on an ASCII
    text. Only for patterns whose literals are escaped one character at a time
    (`re.escape`, as `_trigger` writes them), so no class text is part of a literal."""
    for unicode, ascii_ in _CLASSES:
        source = source.replace(unicode, ascii_)
    return source


# how the trigger reads a path's marks: a run of non-word characters, a wildcard word
_PIECE = {SPACES: r"[\W_]+", ANY_SPACES: r"[\W_]*", WILD: r"\S+"}


_WORD_START = r"(?<![^\W_])"  # how the trigger opens: no word character before


def _stops_source(trigger: str) -> str:
    """`Scanner.stops_for`'s source from the trigger's: the lookbehind that opens it ("no
    word character before") becomes a non-word character consumed, before the rest (the
    trie and the word). Over " " + text, this matches exactly where the trigger
    matches over text, one character earlier: the character before a word start is
    then never a word character (the space, for the first word), and the trigger's
    matches never overlap a non-word character before the next one's word (each ends
    at the end of a word, `[^\\W_]+` being greedy), so `finditer` finds the same ones."""
    if not trigger.startswith(_WORD_START):  # pragma: no cover - `_trigger` writes it so
        raise ValueError("a trigger opens with its word-start lookbehind")
    return r"[\W_]" + trigger[len(_WORD_START):]


def _trigger(paths: set[tuple[str, str]]) -> str:
    """One regex (its source: `Scanner.trigger_for` compiles it) finding the sub-words
    (`_SUBWORD`) where some pattern can start: a first
    word (mark "W") or the start of one (mark "P"), and where a pattern's first word is
    followed by spaces, its second word's start after them (`_trigger_paths`). The paths
    as a trie, so the engine walks each word once in C instead of Python looking up every
    word of the note, and stops at "you" only before a second word some pattern opening
    with "you" has (most "you"s of a note start no match)."""
    trie: dict[str, Any] = {}
    for path, mark in sorted(paths):
        node = trie
        for ch in path:
            node = node.setdefault(ch, {})
        node[mark] = True

    def emit(node: dict[str, Any]) -> str:
        alts = [_PIECE.get(ch, re.escape(ch)) + emit(sub)
                for ch, sub in sorted(node.items())
                if ch not in ("W", "P")]  # keys are lowercase: "W", "P" are only marks
        if node.get("P") is True:
            return ""  # a partial key ends here: any word going on from here is in
        if node.get("W") is True:
            alts.append(r"(?![^\W_])")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return _WORD_START + "(?=" + emit(trie) + r")[^\W_]+"
