"""Names spelled as recorded (names.spelling) and greeted right (names.wrong-recipient).

A capitalized token (or a run of two or three) before the sign-off that is not an ordinary
English word is compared with the recorded names (the signer's own among them): one edit
off for names up to 5 letters, two for longer ones, is a near-miss. "Ordinary" means in
the shipped list `words.txt` (about 1,200 common words, no first names), possibly with a
regular ending, or written in lowercase elsewhere in the same note. Case is ignored in the
comparison: "ACME" is not a typo. A recorded name word written with other capitals
("Mcdonagh" for "McDonagh", round fourteen) is a misspelling, all capitals aside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

from rapidfuzz.distance import Levenshtein

from followup.core.lint.base import Collector, LintContext
from followup.core.lint.parse import WORD, words_of


def _load_words() -> frozenset[str]:
    text = files("followup.core.lint").joinpath("words.txt").read_text("utf-8")
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
    _near: dict[tuple[int, int], tuple[Target, ...]] = field(default_factory=dict)

    def within_reach(self, size: int, length: int) -> tuple[Target, ...]:
        """The targets of `size` tokens whose length is within their edit limit of
        `length`, in table order: the only ones a run that long could be a misspelling of.
        Memoised (the table lives as long as its context's cache entry)."""
        key = (size, length)
        hit = self._near.get(key)
        if hit is None:
            hit = tuple(t for t in self.by_size.get(size, ())
                        if abs(length - len(t.lower)) <= t.max_edits)
            if len(self._near) < 4096:
                self._near[key] = hit
        return hit


def _max_edits(name: str) -> int:
    letters = sum(map(str.isalpha, name))
    return 1 if letters <= 5 else 2


def targets(ctx: LintContext) -> Targets:
    """First, last and full names of the people and the candidate, and the company.

    Built once per set of names (`_targets` is keyed by them alone), so every note and
    every kind of note for the same case shares one table."""
    recipient = ctx.recipient.name if ctx.recipient is not None else None
    return _targets(ctx.people, recipient, ctx.candidate, ctx.company, ctx.role, ctx.titles)


@lru_cache(maxsize=1024)
def _targets(people: tuple[str, ...], recipient: str | None, candidate: str | None,
             company: str | None, role: str | None, titles: tuple[str, ...]) -> Targets:
    names: list[str] = []
    full = list(people)
    if recipient is not None:
        full.append(recipient)
    if candidate:
        full.append(candidate)
    for n in full:
        parts = [strip_possessive(w) for w in WORD.findall(n)]
        if not parts:
            continue
        names.append(" ".join(parts))
        names.append(parts[0])
        if len(parts) > 1:
            names.append(parts[-1])
    if company:
        parts = [strip_possessive(w) for w in WORD.findall(company)]
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
    for extra in (company, role, *titles, *full):
        if extra:
            known.update(w.lower() for w in WORD.findall(extra))
    return Targets({k: tuple(v) for k, v in by_size.items()}, frozenset(seen),
                   frozenset(known))


# A word starting with a capital (Latin, Greek or Cyrillic; `isupper` confirms it), at a
# word boundary. The boundary is checked by lookbehinds after the first character, so the
# pattern opens with a character set the regex engine scans for in C: a leading `\b` made
# it try every position. (`\b` before a word character: start of text or a non-word
# character before it; before a non-word one: a word character before it.)
_CAP = r"[A-Z\u00c0-\u00de\u0100-\u024f\u0370-\u03ff\u0400-\u042f]"
_CAP_START = re.compile(
    _CAP + r"(?:(?<=^.)(?<=\w)|(?<=\W\w)|(?<=\w\W))[^\W_]*(?:['\-][^\W_]+)*")
# The same on an ASCII text, in ASCII classes (a table bit a character, no Unicode lookup):
# there `_CAP` is [A-Z], a word character, so the boundary is "no word character before it".
_CAP_START_ASCII = re.compile(r"[A-Z](?<![0-9A-Za-z_][A-Z])[0-9A-Za-z]*(?:['\-][0-9A-Za-z]+)*")


@dataclass(slots=True)  # not frozen: frozen dataclasses are slow to build
class _Toks:
    """Capitalized tokens of a note as parallel lists (possessives removed)."""

    low: list[str]
    start: list[int]
    end: list[int]
    plain: list[bool]  # an ordinary English word


_TOKEN_MEMO: dict[str, tuple[str, int, bool]] = {}


def _token(tok: str) -> tuple[str, int, bool]:
    """(lowercase, length, ordinary?) of a capitalized token without its possessive."""
    hit = _TOKEN_MEMO.get(tok)
    if hit is None:
        bare = strip_possessive(tok)
        hit = (bare.lower(), len(bare), ordinary(bare))
        if len(_TOKEN_MEMO) < 50_000:  # bounded: a long-running web app lints forever
            _TOKEN_MEMO[tok] = hit
    return hit


def _capitalized(text: str) -> _Toks:
    """Capitalized tokens with their offsets, possessives removed."""
    toks = _Toks([], [], [], [])
    memo = _TOKEN_MEMO
    lows, starts, ends, plains = toks.low, toks.start, toks.end, toks.plain
    for m in (_CAP_START_ASCII if text.isascii() else _CAP_START).finditer(text):
        tok = m.group()
        if tok[0].isupper():
            low, size, plain = memo.get(tok) or _token(tok)
            start = m.start()
            lows.append(low)
            starts.append(start)
            ends.append(start + size)
            plains.append(plain)
    return toks


def _adjacent(text: str, toks: _Toks, a: int) -> bool:
    """Only spaces or tabs between tokens a and a + 1: no punctuation, no line break."""
    gap = text[toks.end[a]:toks.start[a + 1]]
    return bool(gap) and not gap.strip(" \t")


# A letter's address block (round nine): the lines above the greeting of a letter in
# business format (the sender's address, the date, the inside address) that hold a
# postcode, a house number or a region code after the town ("Saskatoon, SK S7K 2B4",
# "1200 Railway Avenue", "Springfield, IL 62704", "Leeds LS1 4AP", "Sydney NSW 2000")
# are an address: their capitalised tokens are places and codes, never a misspelled name
# ("SK" is no "Sky"). A name on a line of its own there (the inside address's "Ms.
# Émilie Gagnon", the company's line) is still read.
_POSTAL = re.compile(
    r"\b\d{5}(?:-\d{4})?\b"  # a US ZIP code
    r"|\b[A-Z]\d[A-Z][ \t]?\d[A-Z]\d\b"  # a Canadian postal code
    r"|\b[A-Z]{1,2}\d[A-Z\d]?[ \t]+\d[A-Z]{2}\b"  # a UK postcode
    r"|\b[A-Z]{2,3}[ \t]+\d{4}\b"  # an Australian state and postcode
    r"|,[ \t]*[A-Z]{2,3}[ \t]*$"  # a region code after the town
    r"|^[ \t]*(?:(?i:unit|flat|suite|apt)\.?[ \t]+\w+,?[ \t]+)?\d+[A-Za-z]?(?:-\d+)?,?[ \t]+[A-Z]",
    re.MULTILINE)
ADDRESS_WORDS = 10  # an address line is short and is no sentence


def _address_lines(text: str, end: int) -> list[tuple[int, int]]:
    """The address lines of text[:end] (above the greeting). Wider than `Parsed.heading`,
    which the tone rules skip only as a block of three heading lines or more: a single
    postal line above "Dear Ms. Gagnon:" is still no misspelt name, while a line of words
    there ("Thanks for nothing") is still the writer's and read for tone."""
    out: list[tuple[int, int]] = []
    for m in _POSTAL.finditer(text, 0, end):
        a = text.rfind("\n", 0, m.start()) + 1
        b = text.find("\n", m.start())
        b = end if b < 0 or b > end else b
        line = text[a:b]
        if (out and out[-1] == (a, b)) or line.rstrip().endswith((".", "!", "?")):
            continue
        if len(WORD.findall(line)) <= ADDRESS_WORDS:
            out.append((a, b))
    return out


def check_spelling(out: Collector) -> None:
    """Near-misses of recorded names, longest runs first.

    The signature (the sign-off's name and contact lines) is the signer's own: it is
    compared with the candidate's name only, so "Jon Rivera" signing a note to "Dana
    Rivers" is never a misspelling of hers, while "Alex Morgen" for Alex Morgan is."""
    # names.spelling
    if not out.wants("names.spelling"):
        return
    ctx = out.ctx
    tg = targets(ctx)
    if not tg.by_size:
        return
    text = out.parsed.masked
    signoff = out.parsed.signoff
    cut = signoff[0] if signoff else len(text)
    toks = _capitalized(text[:cut])
    greeting = out.parsed.greeting
    if greeting is not None and greeting[0] > 0:  # a heading above the greeting
        lines = _address_lines(text, greeting[0])
        if lines:
            keep = [j for j, at in enumerate(toks.start)
                    if not any(a <= at < b for a, b in lines)]
            toks = _Toks([toks.low[j] for j in keep], [toks.start[j] for j in keep],
                         [toks.end[j] for j in keep], [toks.plain[j] for j in keep])
    _spell(out, text, toks, tg)
    _capitals(out, text, toks)
    if signoff and ctx.candidate:
        own = _targets((), None, ctx.candidate, None, None, ())
        sig = _capitalized(text[cut:])
        sig.start = [a + cut for a in sig.start]
        sig.end = [b + cut for b in sig.end]
        _spell(out, text, sig, own)


def _spell(out: Collector, text: str, toks: _Toks, tg: Targets) -> None:
    """names.spelling over the capitalized tokens `toks` of `text` against `tg`."""
    n = len(toks.low)
    # a single letter is an initial ("S.A.", "J. Smith"), never a misspelled name
    unusual = [j for j in range(n) if not toks.plain[j] and len(toks.low[j]) > 1]
    if not unusual:
        return  # ordinary words are never names
    lowercase_words: set[str] | None = None
    covered = [False] * n  # tokens already part of a name (exact or flagged)
    lows = toks.low
    for size in (3, 2, 1):
        if not tg.by_size.get(size):
            continue
        # the runs of `size` tokens holding at least one unusual word, in reading order
        firsts = unusual if size == 1 else sorted(
            {i for j in unusual for i in range(max(0, j - size + 1), min(j, n - size) + 1)})
        for i in firsts:
            if size == 1:
                if covered[i]:
                    continue
                low = lows[i]
                if low in tg.known_tokens and low not in tg.exact:
                    continue  # a word of the role or a title as recorded ("Game Designer")
            else:
                if any(covered[i:i + size]):
                    continue
                if not (_adjacent(text, toks, i)
                        and (size == 2 or _adjacent(text, toks, i + 1))):
                    continue  # punctuation or a line break between: not one name
                low = " ".join(lows[i:i + size])
            if low in tg.exact:
                covered[i:i + size] = [True] * size
                continue
            for t in tg.within_reach(size, len(low)):
                limit = t.max_edits
                d = Levenshtein.distance(low, t.lower, score_cutoff=limit)
                if 0 < d <= limit:
                    if lowercase_words is None:  # a word also written lowercase is no name
                        lowercase_words = {w for w in words_of(text).findall(text)
                                           if w[0].islower()}
                    if all(toks.plain[j] or lows[j] in lowercase_words
                           for j in range(i, i + size)):
                        break
                    covered[i:i + size] = [True] * size
                    out.add("names.spelling", toks.start[i], toks.end[i + size - 1],
                            name=t.display)
                    break


# Round fourteen (names.spelling; blind batch P's nc43, "Ms. Mcdonagh" for Aoife McDonagh;
# the Spokesman-Review's lesson in thank-you letters: check the interviewers' names before
# sending): a recorded name written with other capitals is not the name as recorded. Read
# for the people's and the company's name words that carry capitals in the record and are
# neither all lower case (a particle, "van", written "Van" to open a sentence, is the
# sentence's capital) nor all capitals (a record in capitals keeps no capitals to
# compare). All capitals in the note ("Dear Ms. MCDONAGH", a subject line in capitals) is
# a typographic style, not a misspelling, as the comparison above ignores case ("ACME" is
# no typo); a name written all in lower case is `check_lowercase`'s. The signer's own name
# is theirs to write and is not read.
@lru_cache(maxsize=1024)
def _cased(people: tuple[str, ...], recipient: str | None, company: str | None
           ) -> dict[str, str]:
    """lowercase -> recorded form of every name word of the people and the company with
    capitals to compare (neither all lower case nor all capitals)."""
    out: dict[str, str] = {}
    for name in (*people, recipient, company):
        for w in WORD.findall(name or ""):
            bare = strip_possessive(w)
            if len(bare) > 1 and not bare.islower() and not bare.isupper():
                out.setdefault(bare.lower(), bare)
    return out


def _capitals(out: Collector, text: str, toks: _Toks) -> None:
    """names.spelling: a capitalized token that is a recorded name word in other
    capitals ("Mcdonagh" for "McDonagh", "Oyelaran" is as recorded), never all capitals."""
    ctx = out.ctx
    recipient = ctx.recipient.name if ctx.recipient is not None else None
    cased = _cased(ctx.people, recipient, ctx.company)
    if not cased:
        return
    for j, low in enumerate(toks.low):
        recorded = cased.get(low)
        if recorded is None:
            continue
        written = text[toks.start[j]:toks.end[j]]
        if written != recorded and not written.isupper() and not written.islower():
            out.add("names.spelling", toks.start[j], toks.end[j], name=recorded)


@lru_cache(maxsize=1024)
def _lowercase_names(people: tuple[str, ...], recipient: str | None, company: str | None
                     ) -> tuple[str | None, dict[str, tuple[str, bool]], tuple[str, ...]]:
    """One pattern (its source) for the recorded names as they would be written in lower
    case, for each the recorded form and whether it counts only in the greeting, and the
    first words of the forms: a note holding none of them as a substring can hold no
    match, so the pattern is compiled only for a note that might (`_compiled`).

    A full name (two or more words) counts anywhere: "dana whitfield", "larkspur
    consulting". A person's first name alone counts anywhere unless it is an ordinary
    English word ("grace", "will"); a surname alone only in the greeting ("dear ms. stone"),
    since surnames are so often common nouns. A company word alone never counts ("delta").
    Case-sensitive: only a name written entirely in lower case matches."""
    forms: dict[str, tuple[str, bool]] = {}

    def put(written: str, recorded: str, greeting_only: bool) -> None:
        if written not in forms or forms[written][1] and not greeting_only:
            forms[written] = (recorded, greeting_only)

    for name, person in ((n, True) for n in (*people, recipient)):
        if not name:
            continue
        parts = [strip_possessive(w) for w in WORD.findall(name)]
        caps = [w for w in parts if not w.islower()]  # "van", "de": particles as recorded
        if not caps:
            continue
        if len(parts) > 1:
            put(" ".join(parts).lower(), " ".join(parts), False)
        for i, part in enumerate(caps):
            if len(part) > 1 and not ordinary(part):
                put(part.lower(), part, i > 0 and person)
    if company:
        parts = [strip_possessive(w) for w in WORD.findall(company)]
        if parts and not all(w.islower() for w in parts):
            if len(parts) > 1:
                put(" ".join(parts).lower(), " ".join(parts), False)
            elif len(parts[0]) > 1 and not ordinary(parts[0]):
                put(parts[0].lower(), parts[0], False)
    if not forms:
        return None, forms, ()
    alts = "|".join(re.escape(f).replace(r"\ ", r"[ \t]+")
                    for f in sorted(forms, key=len, reverse=True))
    firsts = tuple(sorted({f.split()[0] for f in forms}))
    return rf"(?<![\w'\-])(?:{alts})(?![\w\-])", forms, firsts


@lru_cache(maxsize=1024)
def _compiled(source: str) -> re.Pattern[str]:
    return re.compile(source)


def check_lowercase(out: Collector) -> None:
    """A recorded person's or the company's name written entirely in lower case
    (RULEBOOK "Names in lower case"). The signer's own name is theirs to write: a casual
    lowercase signature is not flagged, and the sign-off is not read."""
    # names.spelling: names in lower case
    if not out.wants("names.spelling"):
        return
    ctx = out.ctx
    recipient = ctx.recipient.name if ctx.recipient is not None else None
    source, forms, firsts = _lowercase_names(ctx.people, recipient, ctx.company)
    if source is None:
        return
    p = out.parsed
    text = p.masked
    cut = p.signoff[0] if p.signoff else len(text)
    if not any(text.find(w, 0, cut) >= 0 for w in firsts):
        return  # no name's first word in lower case anywhere: nothing to match
    greeting = p.greeting
    for m in _compiled(source).finditer(text, 0, cut):
        recorded, greeting_only = forms[" ".join(m.group().split())]
        if greeting_only and not (greeting and greeting[0] <= m.start() < greeting[1]):
            continue
        out.add("names.spelling", m.start(), m.end(), name=recorded)
        return  # one finding says it: the note is written without capitals


def check_recipient(out: Collector) -> None:
    """The greeting names another recorded person and not the recipient."""
    # names.wrong-recipient
    ctx = out.ctx
    p = out.parsed
    if ctx.recipient is None or p.greeting is None or not out.wants("names.wrong-recipient"):
        return
    others = _others(ctx.recipient.name, ctx.people)
    if not others:
        return
    s, e = p.greeting
    greeted = [(strip_possessive(m.group()), m.start()) for m in WORD.finditer(p.masked, s, e)]
    mine = _own_words(ctx.recipient.name, ctx.people)
    if any(tok.lower() in mine for tok, _ in greeted):
        # round eleven: a greeting to several recorded people that includes the recipient
        # ("Dear Dr. Nwosu and Ms. Fernández-Ortiz," to a panel) is not a wrong recipient
        return
    for other, theirs in others:
        for tok, at in greeted:
            if tok.lower() in theirs:
                out.add("names.wrong-recipient", at, at + len(tok), name=other,
                        recipient=ctx.recipient.name)
                return


@lru_cache(maxsize=1024)
def _others(recipient: str, people: tuple[str, ...]) -> tuple[tuple[str, frozenset[str]], ...]:
    """Every other recorded person with the name words they don't share with the
    recipient, once per case."""
    mine = {w.lower() for w in WORD.findall(recipient)}
    return tuple((other, frozenset({w.lower() for w in WORD.findall(other)} - mine))
                 for other in people if other != recipient)


# Honorifics name nobody: "Ms." in "Dear Ms. Stone" is not the recipient's own word.
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir",
                        "dame", "rev", "revd", "fr", "dear", "hi", "hello"})


@lru_cache(maxsize=1024)
def _own_words(recipient: str, people: tuple[str, ...]) -> frozenset[str]:
    """The recipient's name words no other recorded person shares (honorifics aside): a
    greeting holding one of them greets the recipient."""
    others = {w.lower() for other in people if other != recipient for w in WORD.findall(other)}
    return frozenset({w.lower() for w in WORD.findall(recipient)} - others - HONORIFICS)


def check(out: Collector) -> None:
    check_spelling(out)
    check_lowercase(out)
    check_recipient(out)
