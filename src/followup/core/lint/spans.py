"""Every phrase family's matches in a note, found in as few passes over its words as
possible (`phrases.Scanner`), once per note.

The tone families read the subject, greeting and body with quotes blanked; the content
families read the body, quotes kept (interest: quotes blanked). In the usual note, with no
quotes, those are one text: the subject and greeting are scanned for the tone families,
then the body once for all of them. What is computed once per note and where: the note's
lowercase views and word lists (`parse.Parsed`), these matches (`Parsed.spans`), the
sentences of the body (`Parsed.body_sentences`); each family's scan is exact (the same
matches as `finditer` over its whole alternation, tests/core/lint/test_lint_scanner.py).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from followup.core.lint.parse import Parsed
from followup.core.lint.phrases import Scanner, scanner

TONE = ("desperate", "impatient", "call-me-back", "gimmick", "gimmick-visit", "negative")
BODY = ("thanks", "next-step", "timeline", "value", "other-options")
INTEREST = ("interest-word", "interest-action", "interest-target", "interest-any")
# Over the whole body only the interest families that start an interest sentence are read
# (content.interest then reads each such sentence with all four, `sentence_spans`): the
# target and any-job families open with "the", "your", "this", "any", words of every
# note, and a scan for them over the body was never read.
INTEREST_STARTS = ("interest-word", "interest-action")

# The rule that reads each content family's matches over the body: a note whose kind or
# suppressions leave that rule out (`Collector.wants`) is not scanned for the family (a
# thank-you note for no value, timeline or other-options phrase).
READER = {"thanks": "content.thanks", "next-step": "content.next-step",
          "timeline": "content.where-left-off", "value": "content.value",
          "other-options": "content.other-options", "interest-word": "content.interest",
          "interest-action": "content.interest"}
CONTENT = BODY + INTEREST_STARTS


@lru_cache(maxsize=64)
def _scanners(content: tuple[str, ...]) -> tuple[Scanner, Scanner | None, Scanner | None]:
    """For the content families a note's rules read: the tone families with them (the
    usual note, one text), and the body's and the interest's alone (a note with quotes)."""
    body = tuple(n for n in BODY if n in content)
    interest = tuple(n for n in INTEREST_STARTS if n in content)
    return (scanner(TONE + body + interest), scanner(body) if body else None,
            scanner(interest) if interest else None)


_TONE = scanner(TONE)
_BODY = scanner(BODY)
_INTEREST = scanner(INTEREST)
_INTEREST_STARTS = scanner(INTEREST_STARTS)
_ALL = _scanners(CONTENT)[0]  # every family a body is scanned for

Spans = dict[str, list[tuple[int, int]]]
_TONE_ONLY = frozenset(range(len(TONE)))  # the tone families' places in every `_scanners`


def spans(p: Parsed, wants: Callable[[str], bool] | None = None) -> Spans:
    """family -> (start, end) of its matches: tone families over everything before the
    sign-off (quotes blanked), content families over the body (of the interest families,
    `INTEREST_STARTS` only), those whose rule `wants` (`READER`; all by default): the
    others are left out. Cached on the note (one `wants` per note: its `Collector`'s)."""
    if p.spans is not None:
        return p.spans
    s, e = p.body
    lowm = p.lower_masked
    out: Spans = {}
    both, body, interest = _scanners(
        tuple(n for n in CONTENT if wants is None or wants(READER[n])))
    # The subject and greeting (a line or two) are read for the tone families with `both`
    # (its first families, the others left out by `only`): a family's matches do not
    # depend on the scanner's other families, and the usual note then needs one scanner's
    # trigger compiled, not two (`Scanner.trigger_for`).
    if lowm is p.lower:  # no quotes: one text
        head = both.scan(lowm, 0, s, _TONE_ONLY) if s else [[] for _ in TONE]
        found = both.scan(lowm, s, e)
        for name, before, after in zip(TONE, head, found, strict=False):
            out[name] = before + after
        out.update(zip(both.families[len(TONE):], found[len(TONE):], strict=True))
    else:
        out.update(zip(TONE, _TONE.scan(lowm, 0, e), strict=True))
        if body is not None:
            out.update(zip(body.families, body.scan(p.lower, s, e), strict=True))
        if interest is not None:
            out.update(zip(interest.families, interest.scan(lowm, s, e), strict=True))
    p.spans = out
    return out


@lru_cache(maxsize=16)
def family_scanner(name: str) -> Scanner:
    """A scanner of one family (built on first use): whether a family matches anywhere in
    a text, by its words (`scan(...)[0]` is `finditer`'s list), faster than a search that
    tries the family's alternation at every position."""
    return scanner((name,))


def sentence_spans(text: str, start: int, end: int, names: tuple[str, ...]) -> Spans:
    """The matches of some content families inside one sentence of the body: scanned for
    those families alone (a family's matches do not depend on which others a scanner
    holds, and a scanner of fewer families stops at fewer words)."""
    scan = _INTEREST if names == INTEREST else _sentence_scanner(names)
    found = scan.scan(text, start, end)
    return {n: f for n, f in zip(scan.families, found, strict=True) if n in names}


@lru_cache(maxsize=16)
def _sentence_scanner(names: tuple[str, ...]) -> Scanner:
    return scanner(tuple(n for n in BODY if n in names))
