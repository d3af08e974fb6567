"""Split a note into subject, greeting, body and sign-off, and map offsets to lines.

RULEBOOK.md section 2's "Precise readings" decide every boundary: the body runs from after
the greeting to before the sign-off; quoted spans (matching double quotes, lines starting
with `>`) are blanked for the tone, pronoun and name rules but still count as words. HTML
comments (`<!-- ... -->`) are invisible: they carry inline suppressions and are no words.
All work happens on a same-length copy of the text, so an offset means the same in every
view and line/column come from one table.

A note pasted with the thread it answers ("On Tue, ... Dana wrote:", Outlook's "From: ...
Sent: ..." block, "-----Original Message-----") is linted without that thread: the words
below the header are theirs, not the writer's (their "call me back", their name in an
address). mail-parser-reply finds the header, in English, German, French and Spanish,
and the thread is blanked like a comment; a cheap regex decides first whether a note can
hold one, so the library is neither imported nor run for the usual note.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from followup.core.lint.needles import Found, register

WORD = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*")
# `WORD` in ASCII classes: on an ASCII text the same words (Unicode's letters and digits
# below 128 are [0-9A-Za-z]), found with one table bit per character instead of a Unicode
# category lookup; `words_of` picks it by `str.isascii`, a flag the string already holds.
WORD_ASCII = re.compile(r"[0-9A-Za-z]+(?:['\-][0-9A-Za-z]+)*")


def words_of(text: str) -> re.Pattern[str]:
    """The word pattern for `text`: `WORD`, or `WORD_ASCII` when it gives the same words."""
    return WORD_ASCII if text.isascii() else WORD

_FOLDS = {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u02bc": "'",
          "\u2013": "-", "\u2014": "-"}
FOLD = str.maketrans(_FOLDS)


def fold(text: str) -> str:
    """`text.translate(FOLD)`, ten times faster: `translate` with a table walks every
    character in Python-level lookups, `replace` only runs for characters that occur."""
    if text.isascii():
        return text
    for a, b in _FOLDS.items():
        if a in text:
            text = text.replace(a, b)
    return text
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_DISABLE = re.compile(r"^\s*followup\s*:\s*disable\s*=\s*(.*?)\s*$", re.DOTALL)
_SUBJECT = re.compile(r"[ \t]*subject[ \t]*:[ \t]*", re.IGNORECASE)
_SALUTATION = re.compile(
    r"[ \t]*(?:dear|hi|hello|hey|greetings|good\s+(?:morning|afternoon|evening)|"
    r"to\s+whom)\b",
    re.IGNORECASE)
_CLOSING = re.compile(
    r"[ \t]*(?:(?:best|kind|warm|warmest|many|with)?\s*(?:regards|wishes|thanks)|best|"
    r"sincerely(?:\s+yours)?|yours(?:\s+(?:sincerely|truly|faithfully))?|respectfully|"
    r"cheers|thank\s+you|thanks(?:\s+again)?|all\s+the\s+best|warmly|cordially|"
    r"with\s+(?:gratitude|appreciation)|talk\s+soon)[ \t]*[,.!]?[ \t]*$", re.IGNORECASE)
# Words a reply header holds (the languages given to mail-parser-reply below), looked up
# in the lowercased text with `in` (a regex over every position cost a note 75 us); a note
# without any of them holds no quoted thread and never reaches the library.
THREAD_MARKS = ("wrote", "schrieb", "crit", "escribi", "---", "___", "from:", "sent:",
                "von:", "de :", "de:", "gesendet", "envoy", "enviado", "forwarded")
_THREAD_MARKS = register(THREAD_MARKS)  # looked up in one pass with the other gates' strings
THREAD_LANGUAGES = ("en", "de", "fr", "es")
# A bare vocative as the first line ("Sam," "Ms. Shah:" "Priya -"): a greeting too, as
# casual email opens (RULEBOOK "Greeting": Dear, Hi, Hello, ...), so names.wrong-recipient
# reads it; at most three words,
# each capitalised (checked in `_vocative`), and the punctuation that ends a greeting.
_VOCATIVE = re.compile(
    r"[ \t]*(?:(?:mr|mrs|ms|mx|miss|dr|prof)\.?[ \t]+)?"
    r"([^\W\d_][\w'.-]*(?:[ \t]+[^\W\d_][\w'.-]*){0,2})"
    r"[ \t]*(?:,|:|!|-{1,2})[ \t]*$", re.IGNORECASE)
GREETING_SCAN = 5  # non-blank lines searched for the salutation
# ... or more when every line before it is a line of a letter's heading (round nine): a
# business-format letter opens with the sender's address, the date and the inside address,
# eight or ten short lines, before "Dear Ms. Gagnon:".
HEADING_SCAN = 14
HEADING_WORDS = 10
HEADING_LINES = 3  # the fewest lines of a heading: a name, a title or company, a place
GREETING_WORDS = 8  # a longer salutation line holds body text after its first comma
_QUOTE = re.compile(r'"(?:[^"\n]|\n(?![ \t]*\n))*"')
_QUOTE_LINE = re.compile(r"^[ \t]*>.*$", re.MULTILINE)
# Addresses and links: blanked for the tone, pronoun and name rules like a quote ("sam"
# in sam.ortiz@acme.com is no misspelt name, the "in" of linkedin.com/in/ no pronoun).
# A bare link ("linkedin.com/in/...") is known by its domain's ending and a slash.
_TLDS = ("com", "org", "net", "io", "co", "uk", "de", "edu", "gov", "me", "dev", "ai", "app")
_ADDRESS = re.compile(
    r"[\w.+%-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.)[^\s<>\"]+|"
    rf"\b[\w-]+(?:\.[\w-]+)*\.(?:{'|'.join(_TLDS)})/[^\s<>\"]*",
    re.IGNORECASE)
_TLD_SLASH = tuple(f".{t}/" for t in _TLDS)  # the cheap test before `_ADDRESS` runs


def _blank(text: str, start: int, end: int) -> str:
    """Spaces over [start, end), newlines kept, so offsets and lines survive."""
    chunk = text[start:end]
    return text[:start] + re.sub(r"[^\n]", " ", chunk) + text[end:]


def lower_same_length(text: str) -> str:
    """Lowercase without moving offsets (a few characters, like "İ", grow when lowered)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


@dataclass(slots=True)
class Parsed:
    """One note, viewed several ways; all views share offsets with `original`."""

    original: str
    folded: str  # curly quotes folded, comments blanked
    masked: str  # `folded` with quoted spans blanked too
    subject: tuple[int, int] | None
    greeting: tuple[int, int] | None
    body: tuple[int, int]
    signoff: tuple[int, int] | None
    disabled: frozenset[str]
    line_starts: list[int]
    _body_words: list[str] | None = None
    _body_words_masked: list[str] | None = None
    _lower: str | None = None
    _lower_masked: str | None = None
    _sentences: list[tuple[int, int]] | None = None
    _sentences_masked: list[tuple[int, int]] | None = None
    _words: frozenset[str] | None = None
    _gate_masked: frozenset[str] | None = None
    _gate_body: frozenset[str] | None = None
    _heading: tuple[int, int] | None = None
    _heading_read: bool = False
    spans: dict[str, list[tuple[int, int]]] | None = None  # phrase matches (`spans.spans`)
    _found: Found | None = None
    _found_masked: Found | None = None

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset."""
        i = bisect_right(self.line_starts, offset) - 1
        return i + 1, offset - self.line_starts[i] + 1

    def excerpt(self, start: int, end: int) -> str:
        return " ".join(self.original[start:end].split())

    @property
    def body_words(self) -> list[str]:
        """Every word of the body, lowercased, quoted ones included (length counts them)."""
        if self._body_words is None:
            s, e = self.body
            self._body_words = words_of(self.lower).findall(self.lower, s, e)
        return self._body_words

    @property
    def lower(self) -> str:
        """`folded`, lowercased: what the phrase families of content rules read."""
        if self._lower is None:
            self._lower = lower_same_length(self.folded)
        return self._lower

    @property
    def lower_masked(self) -> str:
        """`masked`, lowercased: what the tone families read (quotes skipped)."""
        if self._lower_masked is None:
            # no quotes blanked (the usual note): the same string, lowered once
            self._lower_masked = (self.lower if self.masked is self.folded
                                  else lower_same_length(self.masked))
        return self._lower_masked

    @property
    def body_words_masked(self) -> list[str]:
        """The body's lowercase words outside quotes (the pronoun ratio's words)."""
        if self._body_words_masked is None:
            if self.lower_masked is self.lower:
                self._body_words_masked = self.body_words
            else:
                s, e = self.body
                low = self.lower_masked
                self._body_words_masked = words_of(low).findall(low, s, e)
        return self._body_words_masked

    @property
    def word_set(self) -> frozenset[str]:
        """Every lowercase word outside quotes: lets a family with anchors skip its regex."""
        if self._words is None:
            # The body's words are already split; only the lines around it are left. The
            # body starts and ends at a line break or after punctuation, never mid-word.
            low = self.lower_masked
            s, e = self.body
            words = set(self.body_words_masked)
            word = words_of(low)
            words.update(word.findall(low, 0, s))
            words.update(word.findall(low, e, len(low)))
            self._words = frozenset(words)
        return self._words

    @property
    def gate_words_masked(self) -> frozenset[str]:
        """`word_set` with the parts of hyphenated and apostrophe words: what the phrase
        families' whole-word gates look up for the tone rules (`Family.narrow`)."""
        if self._gate_masked is None:
            self._gate_masked = _with_parts(self.word_set)
        return self._gate_masked

    @property
    def gate_words_body(self) -> frozenset[str]:
        """The body's words (quotes included) with their parts: the content rules' gates."""
        if self._gate_body is None:
            self._gate_body = _with_parts(self.body_words)
        return self._gate_body

    @property
    def found(self) -> Found:
        """Where the gates' literal strings occur in `lower` (`needles.Found`)."""
        if self._found is None or self._found.text is not self.lower:
            self._found = Found(self.lower)
        return self._found

    @property
    def found_masked(self) -> Found:
        """Where the gates' literal strings occur in `lower_masked`: `found` itself when
        no quote was blanked (one text)."""
        if self._found_masked is None:
            low = self.lower_masked
            self._found_masked = self.found if low is self.lower else Found(low)
        return self._found_masked

    @property
    def heading(self) -> tuple[int, int] | None:
        """A business-form letter's heading (round ten), or None: the lines between the
        subject (or the start) and a greeting below them, each a `heading_line`, at least
        `HEADING_LINES` of them (the sender's address, the date, the inside address with the
        recipient's own title: "Plant Superintendent", "Chair, Search Committee", "22
        Finsbury Circus"). Careers sites' letter templates (indeed.com, the Balance's
        business thank-you letter) put them there; they are addresses, not the writer's
        words to the reader, so the tone rules start reading at the greeting. A line or two
        of words above "Dear Nia," ("Thanks for nothing") are the writer's, and are read."""
        if not self._heading_read:
            self._heading, self._heading_read = self._read_heading(), True
        return self._heading

    def _read_heading(self) -> tuple[int, int] | None:
        if self.greeting is None:
            return None
        top = self.subject[1] if self.subject else 0
        if self.greeting[0] <= top or not self.masked[top:self.greeting[0]].strip():
            return None
        lines = [line for line in self.masked[top:self.greeting[0]].splitlines()
                 if line.strip()]
        if len(lines) < HEADING_LINES or not all(heading_line(line) for line in lines):
            return None  # a sentence above the greeting is the writer's own words
        return top, self.greeting[0]

    @property
    def body_sentences(self) -> list[tuple[int, int]]:
        """The body's sentences with quotes kept (the content rules')."""
        if self._sentences is None:
            if self._sentences_masked is not None and self.lower_masked is self.lower:
                # no quote blanked: `lower_masked` is `folded` lowercased, which splits the
                # same (`sentences` reads only punctuation, spaces and word characters,
                # and lowercasing keeps each of them what it was; its abbreviations are
                # lowercased anyway)
                self._sentences = self._sentences_masked
            else:
                self._sentences = sentences(self.folded, *self.body)
        return self._sentences

    @property
    def body_sentences_masked(self) -> list[tuple[int, int]]:
        """The body's sentences in `lower_masked`: split once for the tone readings
        (valence, cues, readings), which each read them in turn. Not to be changed."""
        if self._sentences_masked is None:
            if self._sentences is not None and self.lower_masked is self.lower:
                self._sentences_masked = self._sentences  # the same split (`body_sentences`)
            else:
                self._sentences_masked = sentences(self.lower_masked, *self.body)
        return self._sentences_masked


_PARTS = re.compile(r"['\-]")


def _with_parts(words: frozenset[str] | list[str]) -> frozenset[str]:
    """Words and their parts at apostrophes and hyphens ("call-back" holds "call")."""
    joined = [w for w in words if "'" in w or "-" in w]
    base = words if isinstance(words, frozenset) else frozenset(words)
    return base.union(*(_PARTS.split(w) for w in joined)) if joined else base


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, end excluding the newline."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _is_signature_line(line: str) -> bool:
    """A name or contact line: short, or holding a phone number, an email or a link."""
    if re.search(r"@|https?://|www\.|\+?\d[\d ().-]{6,}\d", line):
        return True
    return len(WORD.findall(line)) <= 6 and not re.search(r"[.!?]\s*$", line.strip())


# Abbreviations an address line ends with (round twelve: blind batch N's business letter,
# whose inside address ends "Chesapeake Grid Engineering, Inc." was read as a sentence, and
# the heading's "Baltimore, MD" as a managing director dropped by name).
_LINE_END_ABBREV = frozenset({"inc", "ltd", "co", "corp", "llc", "llp", "plc", "lp", "pc",
                              "pllc", "apt", "ste", "st", "ave", "blvd", "rd", "dr", "ln",
                              "ct", "hwy", "pkwy", "sq", "jr", "sr", "esq", "dept", "bros",
                              "p.c", "l.l.c", "n.a", "s.a", "u.s.a"})
_LAST_WORD = re.compile(r"([\w.]+)\.\s*$")


def heading_line(line: str) -> bool:
    """A line a letter's heading holds (an address, a date, a name), or its salutation: short,
    and not a sentence (a period after an abbreviation, "Inc." or "Apt.", ends none)."""
    if len(WORD.findall(line)) > HEADING_WORDS:
        return False
    end = line.rstrip()
    if not end.endswith((".", "!", "?")):
        return True
    last = _LAST_WORD.search(end) if end.endswith(".") else None
    return last is not None and last.group(1).lower() in _LINE_END_ABBREV


def _vocative(line: str) -> bool:
    """Whether a line is a bare greeting by name ("Sam,", "Dr. Okafor:", "Ana María -")."""
    m = _VOCATIVE.match(line)
    return m is not None and all(w[0].isupper() for w in m.group(1).split()) and not (
        _CLOSING.match(line))


def thread_start(text: str, low: str | None = None, found: Found | None = None) -> int | None:
    """Where a quoted thread below the note starts (the start of its header line), or
    None. mail-parser-reply splits the text into replies; the first one with a header is
    the thread (everything from it on is what the note answers). `found`: the gates'
    strings in `low`, when the caller has them."""
    low = text.lower() if low is None else low
    if found is None or found.text is not low:
        found = Found(low)
    if not found.any(_THREAD_MARKS):
        return None
    from mailparser_reply import EmailReplyParser  # lazily: few notes hold a thread

    replies = EmailReplyParser(languages=list(THREAD_LANGUAGES)).read(text).replies
    for reply in replies[1:]:
        first = (reply.headers or reply.content or "").strip().split("\n", 1)[0].strip()
        at = text.find(first) if first else -1
        if at > 0:
            return text.rfind("\n", 0, at) + 1
    return None


def parse(text: str) -> Parsed:
    """Find the parts of a note (RULEBOOK "Body", "Greeting", "Quotes")."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    folded = fold(text)
    disabled: set[str] = set()
    if "<!--" in folded:
        for m in _COMMENT.finditer(folded):
            d = _DISABLE.match(m.group(1))
            if d:
                disabled.update(x.strip() for x in d.group(1).split(",") if x.strip())
        folded = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), folded)
    lowered = lower_same_length(folded)
    found: Found | None = Found(lowered)  # `Parsed.found`, unless a thread is cut
    thread = thread_start(folded, lowered, found)
    low: str | None = lowered  # `Parsed.lower`, unless a thread is cut
    if thread is not None:  # the thread the note answers: not the writer's words
        folded = _blank(folded, thread, len(folded))
        low = found = None
    masked = folded
    if ">" in folded:
        for m in _QUOTE_LINE.finditer(folded):
            masked = _blank(masked, m.start(), m.end())
    if "@" in masked or "://" in masked or "www." in masked or (
            "/" in masked and any(t in (low or masked.lower()) for t in _TLD_SLASH)):
        for m in _ADDRESS.finditer(masked):
            masked = _blank(masked, m.start(), m.end())
    if '"' in masked:
        for m in _QUOTE.finditer(masked):
            masked = _blank(masked, m.start(), m.end())

    lines = _lines(folded)
    nonblank = [i for i, (s, e) in enumerate(lines) if folded[s:e].strip()]
    subject: tuple[int, int] | None = None
    greeting: tuple[int, int] | None = None
    body_start = 0
    k = 0
    if nonblank:
        s, e = lines[nonblank[0]]
        sm = _SUBJECT.match(folded, s, e)
        if sm:
            subject = (sm.end(), e)
            body_start = e
            k = 1
    # The greeting: the first salutation line among the next few (a letter's date and
    # address lines may come first). A long line ("Hi Dana, this is Alex calling ...") is a
    # greeting only up to its first comma; the rest is body.
    for n, i in enumerate(nonblank[k:k + HEADING_SCAN]):
        s, e = lines[i]
        if n >= GREETING_SCAN and not heading_line(folded[s:e]):
            break  # past the first few lines, only a letter's heading may come before it
        if _SALUTATION.match(folded, s, e) or (n == 0 and _vocative(folded[s:e])):
            if len(WORD.findall(folded, s, e)) > GREETING_WORDS:
                cut = re.compile(r"[,!:.;]").search(folded, s, e)
                e = cut.end() if cut else e
            greeting = (s, e)
            body_start = e
            break
    body_end = len(folded)
    signoff: tuple[int, int] | None = None
    # A closing line followed only by name and contact lines (at most five of them).
    tail = [i for i in nonblank if lines[i][0] >= body_start]
    for back in range(1, min(len(tail), 7) + 1):
        i = tail[-back]
        s, e = lines[i]
        if _CLOSING.match(folded, s, e):
            after = tail[len(tail) - back + 1:]
            if all(_is_signature_line(folded[lines[j][0]:lines[j][1]]) for j in after):
                signoff = (s, len(folded))
                body_end = s
            break
    line_starts = [s for s, _ in lines]
    return Parsed(original=text, folded=folded, masked=masked, subject=subject,
                  greeting=greeting, body=(body_start, body_end), signoff=signoff,
                  disabled=frozenset(disabled), line_starts=line_starts, _lower=low,
                  _found=found)


# A split: after . ! ? (and a closing quote), at a blank line, before a bullet. The
# pattern consumes the . ! ? and opens with one character set, which the regex engine
# scans for in C (a leading lookbehind made it try every position); a split after
# punctuation starts one character past the match.
_SENT_SPLIT = re.compile(
    r"[.!?\n](?:(?<=[.!?])[\"')]?\s+|(?<=\n)[ \t]*(?:\n|(?=[-*\u2022])))")
_ABBREV = frozenset({"st", "mr", "mrs", "ms", "dr", "prof", "inc", "ltd", "co", "corp", "jr",
                     "sr", "vs", "etc", "e.g", "i.e", "no", "dept", "approx", "mt", "ft", "u.s"})
_RUN = re.compile(r"[\w.]+")
_ABBREV_LAST = frozenset(a[-1] for a in _ABBREV)  # the last letter of each abbreviation


def _abbreviation(text: str, lo: int, dot_end: int) -> bool:
    """Whether the word before the period ending at `dot_end` (looking no further back
    than `lo`) is an abbreviation like "Dr" or "e.g". The word is the run of word
    characters and periods before the period, read backwards with one `match` (a
    forward `search` for it tried every position of the window)."""
    if text[dot_end - 2:dot_end - 1].lower()[-1:] not in _ABBREV_LAST:
        return False  # the word before the period ends as no abbreviation does
    run = _RUN.match(text[lo:dot_end - 1][::-1])
    return run is not None and run.group()[::-1].lower() in _ABBREV


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans in text[start:end]: split after . ! ? (not after "St." or "Dr.")
    and at blank lines."""
    out: list[tuple[int, int]] = []
    pos = start
    scan = start - 1 if start > 0 and text[start - 1] in ".!?" else start
    for m in _SENT_SPLIT.finditer(text, scan, end):
        split = m.start()
        if text[split] != "\n":  # after . ! ?: the split starts past the punctuation
            split += 1
            if text[split - 1] == "." and _abbreviation(text, max(pos, split - 12), split):
                continue
        if text[pos:split].strip():
            out.append((pos, split))
        pos = m.end()
    if text[pos:end].strip():
        out.append((pos, end))
    return out
