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

from followup.core.lint.parse import Parsed
from followup.core.lint.phrases import scanner

TONE = ("desperate", "impatient", "call-me-back", "gimmick", "gimmick-visit", "negative")
BODY = ("thanks", "next-step", "timeline", "value", "other-options")
INTEREST = ("interest-word", "interest-action", "interest-target", "interest-any")
# Over the whole body only the interest families that start an interest sentence are read
# (content.interest then reads each such sentence with all four, `sentence_spans`): the
# target and any-job families open with "the", "your", "this", "any", words of every
# note, and a scan for them over the body was never read.
INTEREST_STARTS = ("interest-word", "interest-action")

_TONE = scanner(TONE)
_BODY = scanner(BODY)
_INTEREST = scanner(INTEREST)
_INTEREST_STARTS = scanner(INTEREST_STARTS)
_ALL = scanner(TONE + BODY + INTEREST_STARTS)

Spans = dict[str, list[tuple[int, int]]]


def spans(p: Parsed) -> Spans:
    """family -> (start, end) of its matches: tone families over everything before the
    sign-off (quotes blanked), content families over the body (of the interest families,
    `INTEREST_STARTS` only). Cached on the note."""
    if p.spans is not None:
        return p.spans
    s, e = p.body
    lowm = p.lower_masked
    out: Spans = {}
    if lowm is p.lower:  # no quotes: one text
        head = _TONE.scan(lowm, 0, s) if s else [[] for _ in TONE]
        found = _ALL.scan(lowm, s, e)
        for name, before, after in zip(TONE, head, found, strict=False):
            out[name] = before + after
        out.update(zip(BODY + INTEREST_STARTS, found[len(TONE):], strict=True))
    else:
        out.update(zip(TONE, _TONE.scan(lowm, 0, e), strict=True))
        out.update(zip(BODY, _BODY.scan(p.lower, s, e), strict=True))
        out.update(zip(INTEREST_STARTS, _INTEREST_STARTS.scan(lowm, s, e), strict=True))
    p.spans = out
    return out


def sentence_spans(text: str, start: int, end: int, names: tuple[str, ...]) -> Spans:
    """The matches of some content families inside one sentence of the body."""
    scan = _INTEREST if names == INTEREST else _BODY
    found = scan.scan(text, start, end)
    return {n: f for n, f in zip(scan.families, found, strict=True) if n in names}
