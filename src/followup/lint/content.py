"""What a follow-up should contain: thanks, interest, specifics, the listing's words, the
next step, where you left off, something of value, other options (RULEBOOK section 2)."""

from __future__ import annotations

import math
import re
from collections import Counter
from datetime import date
from functools import lru_cache

from followup.lint.base import Collector
from followup.lint.names import ordinary
from followup.lint.parse import WORD, sentences
from followup.lint.phrases import FAMILIES

STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be been before being
below between both but by can could did do does doing down during each few for from further
had has have having he her here hers him his how i if in into is it its itself just me more
most my no nor not now of off on once only or other our ours out over own same she should so
some such than that the their theirs them then there these they this those through to too
under until up very was we were what when where which while who whom why will with would you
your yours we'll we're i'm i'll i've i'd you're you've you'll you'd it's how's let's us
""".split())
_SUFFIXES = ("ingly", "edly", "ations", "ation", "ments", "ment", "ness", "ings", "ing",
             "ies", "ied", "ers", "er", "ed", "es", "ly", "s")


def stem(word: str) -> str:
    """A tiny suffix stemmer: enough that "reporting", "reports" and "report" meet."""
    w = word.lower()
    for suf in _SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            w = w[: -len(suf)]
            break
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    return w


def content_stems(text: str) -> list[str]:
    return [stem(w) for w in WORD.findall(text) if w.lower() not in STOPWORDS]


@lru_cache(maxsize=256)
def _topic_needs(topics: tuple[str, ...]) -> tuple[tuple[frozenset[str], int], ...]:
    out = []
    for t in topics:
        stems = frozenset(content_stems(t))
        if stems:
            out.append((stems, max(1, math.ceil(len(stems) / 2))))
    return tuple(out)


MIRROR_KEYS = 8  # content.mirror: the listing's top key words (TF-IDF)
MIRROR_NEEDED = 2  # ... of which a note uses at least this many


@lru_cache(maxsize=64)
def listing_keys(listing: str, exclude: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The listing's key words by TF-IDF, as stems.

    Documents are the listing's sentences (a word in every sentence is not key), and a word
    of the shipped common-English list weighs half: "team" says less than "reconciliation".
    """
    sents = [content_stems(listing[a:b]) for a, b in sentences(listing, 0, len(listing))]
    sents = [s for s in sents if s]
    if not sents:
        return ()
    tf: Counter[str] = Counter()
    df: Counter[str] = Counter()
    surface: dict[str, str] = {}
    for w in WORD.findall(listing):
        if w.lower() not in STOPWORDS:
            surface.setdefault(stem(w), w.lower())
    for s in sents:
        tf.update(s)
        df.update(set(s))
    n = len(sents)
    scores = {}
    for term, count in tf.items():
        if len(term) < 3 or term in exclude or term.isdigit():
            continue
        weight = 0.5 if ordinary(surface.get(term, term)) else 1.0
        scores[term] = count * math.log(1 + n / df[term]) * weight
    ranked = sorted(scores, key=lambda t: (-scores[t], t))
    return tuple(ranked[:MIRROR_KEYS])


def _date_pattern(d: date) -> re.Pattern[str]:
    day = d.day
    month = d.strftime("%B")
    return re.compile(
        rf"\b(?:{d.strftime('%A')}|{month}\s+{day}(?:st|nd|rd|th)?|{day}(?:st|nd|rd|th)?"
        rf"(?:\s+of)?\s+(?:{month}|{month[:3]})|{month[:3]}\.?\s+{day}\b|the\s+{day}"
        rf"(?:st|nd|rd|th)|{d.month}/{day}|{day}/{d.month}|{d.isoformat()})\b",
        re.IGNORECASE)


def check(out: Collector) -> None:
    p = out.parsed
    ctx = out.ctx
    s, e = p.body
    body = p.folded[s:e]
    masked = p.masked
    if out.wants("content.thanks") and not FAMILIES["thanks"].pattern.search(body):
        out.add("content.thanks")  # content.thanks: thank/thanks/appreciate/grateful

    if out.wants("content.interest"):  # content.interest: one sentence, word + target
        word = FAMILIES["interest-word"].pattern
        target = FAMILIES["interest-target"].pattern
        names = [n.lower() for n in (ctx.role, ctx.company) if n]
        met = False
        for a, b in sentences(masked, s, e):
            if word.search(masked, a, b):
                low = masked[a:b].lower()
                if target.search(masked, a, b) or any(n in low for n in names):
                    met = True
                    break
        if not met:
            out.add("content.interest")

    if out.wants("content.specifics") and ctx.topics:  # content.specifics: skipped w/o topics
        needs = _topic_needs(ctx.topics)
        sent_stems = [set(content_stems(p.folded[a:b])) for a, b in sentences(p.folded, s, e)]
        if needs and not any(len(t & ss) >= k for t, k in needs for ss in sent_stems):
            out.add("content.specifics", topics="; ".join(ctx.topics))

    if out.wants("content.mirror") and ctx.listing:  # content.mirror: skipped w/o listing
        exclude = frozenset(content_stems(ctx.company or ""))
        keys = listing_keys(ctx.listing, exclude)
        if keys:
            used = set(content_stems(body)) & set(keys)
            if len(used) < min(MIRROR_NEEDED, len(keys)):
                out.add("content.mirror", used=len(used), keys=", ".join(keys[:5]))

    if out.wants("content.next-step") and not FAMILIES["next-step"].pattern.search(body):
        out.add("content.next-step")  # content.next-step

    if out.wants("content.where-left-off") and ctx.promised is not None:
        # content.where-left-off: their date, or words recalling their timeline
        if not (FAMILIES["timeline"].pattern.search(body)
                or _date_pattern(ctx.promised).search(body)):
            out.add("content.where-left-off",
                    promised=f"{ctx.promised:%A} {ctx.promised.day} {ctx.promised:%B}")

    if out.wants("content.value") and not FAMILIES["value"].pattern.search(body):
        out.add("content.value")  # content.value

    if out.wants("content.other-options") and not FAMILIES["other-options"].pattern.search(body):
        out.add("content.other-options")  # content.other-options
