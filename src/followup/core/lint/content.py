"""What a follow-up should contain: thanks, interest, specifics, the listing's words, the
next step, where you left off, something of value, other options (RULEBOOK section 2)."""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from datetime import date
from functools import lru_cache
from importlib.resources import files

from followup.core.dates import MONTH_NAMES, WEEKDAY_NAMES, say_written
from followup.core.lint.base import Collector, LintContext
from followup.core.lint.names import ordinary
from followup.core.lint.parse import WORD, sentences, words_of
from followup.core.lint.phrases import searcher
from followup.core.lint.spans import INTEREST, sentence_spans, spans

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


_STEMS: dict[str, str] = {}


def stem(word: str) -> str:
    """A tiny suffix stemmer: enough that "reporting", "reports" and "report" meet."""
    hit = _STEMS.get(word)
    if hit is None:
        hit = _stem(word)
        if len(_STEMS) < 50_000:  # a memo, bounded: a long-running web app lints forever
            _STEMS[word] = hit
    return hit


def _stem(word: str) -> str:
    w = word.lower()
    for suf in _SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            w = w[: -len(suf)]
            break
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    return w


def content_stems(text: str, start: int = 0, end: int | None = None) -> list[str]:
    """Stems of the words of text[start:end] that are not function words; lowercase in."""
    return _stems_of(words_of(text).findall(text, start, len(text) if end is None else end))


def _stems_of(words: list[str]) -> list[str]:
    """`stem` of each word that is not a function word (the memo read inline: hot loop)."""
    memo = _STEMS
    return [memo.get(w) or stem(w) for w in words if w not in STOPWORDS]


@lru_cache(maxsize=1024)
def _topic_needs(topics: tuple[str, ...]) -> tuple[tuple[frozenset[str], int], ...]:
    out = []
    for t in topics:
        stems = frozenset(content_stems(t.lower()))
        if stems:
            out.append((stems, max(1, math.ceil(len(stems) / 2))))
    return tuple(out)


# Listing boilerplate: words every listing has, never a key word of this one.
_BOILERPLATE = frozenset(_stem(w) for w in """
looking look seeking seek hiring hire join candidate candidates role position company team
work working experience ability strong must plus year years responsible required requirements
preferred including will ideal opportunity new help""".split())
MIRROR_KEYS = 8  # content.mirror: the listing's top key words (TF-IDF)
MIRROR_NEEDED = 2  # ... of which a note uses at least this many


@lru_cache(maxsize=256)
def listing_keys(listing: str, exclude: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The listing's key words by TF-IDF, as stems.

    Documents are the listing's sentences (a word in every sentence is not key), and a word
    of the shipped common-English list weighs half: "team" says less than "reconciliation".
    """
    low = listing.lower()
    sents = [content_stems(low, a, b) for a, b in sentences(listing, 0, len(listing))]
    sents = [s for s in sents if s]
    if not sents:
        return ()
    tf: Counter[str] = Counter()
    df: Counter[str] = Counter()
    surface: dict[str, str] = {}
    for w in WORD.findall(low):
        if w not in STOPWORDS:
            surface.setdefault(stem(w), w)
    for s in sents:
        tf.update(s)
        df.update(set(s))
    n = len(sents)
    scores = {}
    for term, count in tf.items():
        if len(term) < 3 or term in exclude or term.isdigit() or term in _BOILERPLATE:
            continue
        weight = 0.5 if ordinary(surface.get(term, term)) else 1.0
        scores[term] = count * math.log(1 + n / df[term]) * weight
    ranked = sorted(scores, key=lambda t: (-scores[t], t))
    return tuple(ranked[:MIRROR_KEYS])


@lru_cache(maxsize=1024)
def _mirror_keys(listing: str, company: str | None) -> tuple[str, ...]:
    """The listing's key words less the company's own, once per listing and company."""
    return listing_keys(listing, frozenset(content_stems((company or "").lower())))


def _load_boilerplate() -> frozenset[str]:
    text = files("followup.core.lint").joinpath("boilerplate.txt").read_text("utf-8")
    words = {w for line in text.splitlines() if not line.startswith("#") for w in line.split()}
    return frozenset(words | {_stem(w) for w in words})


BOILERPLATE = _load_boilerplate()
# content.specifics without recorded topics: a body whose words outside the boilerplate, the
# function words and the case's names weigh less than this names nothing from the interview.
# An uncommon word (not in words.txt) weighs 2, a common one 1. On the field corpus the
# template notes weigh 0-4 and the least specific real note 13 (docs/lint-accuracy.md).
SPECIFIC_WEIGHT = 6
# ... but a short text or card names fewer things: it needs a weight of one per this many
# words of body (at least SPECIFIC_FLOOR: two uncommon words, or four common ones), so
# "Thank you for letting me make up the wedding buttonholes" (27 words, weight 4) passes
# and "Thank you for your time. Could you give me a call back?" does not (round seven: the
# short texts and cards careers sites publish as good).
WORDS_PER_WEIGHT = 9
SPECIFIC_FLOOR = 4


# content.specifics: a thank-you to the person who arranged the meeting names their own
# part in it (round thirteen, blind batch O's nb06: a text thanking the recruiter "for
# setting up today's interview"): the recruiter sat in no interview, so what is specific to
# them is the arrangement. RULEBOOK "Specifics": with no recorded topic the rule is skipped; the
# template reading above stands in for it, and a thanks for arranging is no template's.
ARRANGED = re.compile(
    r"\b(?:thanks|thank\s+you|grateful|appreciate\w*)\b[^.?!]{0,30}?\bfor\s+(?:\w+\s+)?(?:setting"
    r"\s+up|arranging|organi[sz]ing|scheduling|co-?ordinating|booking|lining\s+up|fitting\s+in|"
    r"squeezing\s+in)\s+(?:the|my|today's|yesterday's|this\s+morning's|this\s+afternoon's|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day's|our|an?)\s+(?:[\w'-]+\s+){0,2}?(?:interview|"
    r"call|meeting|visit|tour|chat|screen|conversation|trial|assessment)s?\b")


def specific_needed(words: int) -> int:
    """The weight a body of `words` words needs to name something from the interview."""
    return min(SPECIFIC_WEIGHT, max(SPECIFIC_FLOOR, math.ceil(words / WORDS_PER_WEIGHT)))


@lru_cache(maxsize=1024)
def _case_words(ctx_names: tuple[str | None, ...]) -> frozenset[str]:
    return frozenset(w.lower() for n in ctx_names if n for w in WORD.findall(n))


def specific_weight(words: list[str], ctx: LintContext) -> int:
    """How much of the body is not boilerplate: the generic-note reading of
    content.specifics (each distinct word outside the boilerplate counted once)."""
    names = _case_words((ctx.company, ctx.role, ctx.candidate, *ctx.people,
                         ctx.recipient.name if ctx.recipient else None))
    seen: set[str] = set()
    total = 0
    memo = _STEMS
    for w in words:
        if w in seen or w in STOPWORDS or w in BOILERPLATE or w in names:
            continue
        seen.add(w)
        if (memo.get(w) or stem(w)) in BOILERPLATE:
            continue
        total += 1 if ordinary(w) else 2
        if total >= SPECIFIC_WEIGHT:
            break
    return total


@lru_cache(maxsize=1024)
def _interest_names(role: str | None, company: str | None) -> tuple[str, ...]:
    """The role's and the company's names as a note may write them: in full, and the
    company's first word when it is no ordinary word ("Fernwood" for "Fernwood Trust")."""
    out = [n.lower() for n in (role, company) if n]
    words = WORD.findall(company or "")
    if len(words) > 1 and len(words[0]) >= 4 and not ordinary(words[0]):
        out.append(words[0].lower())
    return tuple(out)


# A postscript to a thank-you already sent ("Sorry to bother you again. I forgot to
# mention ...", "One more thing: ..."): its opening says it adds to the note before, which
# thanked them; content.thanks asks it of the note, not of the addition (round seven).
POSTSCRIPT = re.compile(
    r"\b(?:i\s+forgot\s+to\s+(?:mention|add|say|include)|one\s+more\s+thing|a\s+(?:quick\s+)?"
    r"(?:addition|postscript)\s+to\s+my|to\s+add\s+to\s+my\s+(?:earlier|previous|last)|"
    r"further\s+to\s+my\s+(?:earlier|previous|last)\s+(?:note|email|message|letter))\b")
POSTSCRIPT_REACH = 200  # characters of the body's opening where it says so

DAYS = WEEKDAY_NAMES  # core/dates.py owns every date voice
MONTHS = MONTH_NAMES
say_date = say_written  # "Friday 20 March": how messages and drafts name a date


@lru_cache(maxsize=1024)
def _date_pattern(d: date) -> re.Pattern[str]:
    """The promised date as people write it: "Friday", "20 March", "March 20th", "3/20"."""
    day = d.day
    month = MONTHS[d.month - 1].lower()
    return re.compile(
        rf"\b(?:{DAYS[d.weekday()].lower()}|{month}\s+{day}(?:st|nd|rd|th)?|{day}(?:st|nd|rd|th)?"
        rf"(?:\s+of)?\s+(?:{month}|{month[:3]})|{month[:3]}\.?\s+{day}\b|the\s+{day}"
        rf"(?:st|nd|rd|th)|{d.month}/{day}|{day}/{d.month}|{d.isoformat()})\b")


def check(out: Collector) -> None:
    p = out.parsed
    ctx = out.ctx
    s, e = p.body
    low = p.lower  # the body with quotes, lowercased
    lowm = p.lower_masked
    found = spans(p, out.wants)  # the phrase families' matches, one pass (`spans`)
    if (out.wants("content.thanks") and not found["thanks"]
            and not POSTSCRIPT.search(low, s, min(e, s + POSTSCRIPT_REACH))):
        out.add("content.thanks")  # content.thanks: thank/thanks/appreciate/grateful

    if out.wants("content.interest"):
        # content.interest: one sentence with an interest word and a target (this role, the
        # company, your team), or wanting to join or work with them; never "any job"
        names = _interest_names(ctx.role, ctx.company)
        met = False
        # only sentences where an interest word or wish starts can meet the rule: found
        # in the one scan of the body; then each of them is read on its own
        starts = [x for fam in ("interest-word", "interest-action") for x, _ in found[fam]]
        sents = p.body_sentences if starts else []  # no start: no sentence to split for
        firsts = [a for a, _ in sents]
        hits = {bisect_right(firsts, x) - 1 for x in starts}
        for a, b in (sents[k] for k in sorted(hits) if k >= 0):
            got = sentence_spans(lowm, a, b, INTEREST)
            named = any(n in lowm[a:b] for n in names)
            if got["interest-any"] and not all(_theirs(lowm, e, names)
                                               for _, e in got["interest-any"]):
                continue  # interest in any job is none in this one; "another role at
                # Acme", after a rejection, is interest in them (RULEBOOK "Interest")
            if got["interest-action"] or (got["interest-word"] and (
                    got["interest-target"] or named)):
                met = True
                break
            if _bare_interest(lowm, a, b, sents, names):
                met = True
                break
        if not met:
            out.add("content.interest")

    body_stems: set[str] | None = None  # the body's stems, for specifics and mirror
    if out.wants("content.specifics") and not ctx.topics:
        # content.specifics without topics: boilerplate only (a template note)
        if specific_weight(p.body_words, ctx) < specific_needed(len(p.body_words)) and (
                ARRANGED.search(p.lower_masked, *p.body) is None):
            out.add("content.specifics", what="only phrases any thank-you could hold")
    if out.wants("content.specifics") and ctx.topics:  # content.specifics: the topics
        needs = _topic_needs(ctx.topics)
        body_stems = set(_stems_of(p.body_words))
        # The sentences split the body's words among them. So a topic needing one stem is
        # met by some sentence exactly when the body holds that stem, and if the whole body
        # meets no topic, no sentence does: only the other cases split sentences into words.
        met = any(k == 1 and not t.isdisjoint(body_stems) for t, k in needs)
        if not met and any(len(t & body_stems) >= k for t, k in needs):
            for a, b in p.body_sentences:
                ss = set(content_stems(low, a, b))
                if any(len(t & ss) >= k for t, k in needs):
                    met = True
                    break
        if needs and not met:
            out.add("content.specifics",
                    what="none of the recorded topics: " + "; ".join(ctx.topics))

    if out.wants("content.mirror") and ctx.listing:  # content.mirror: skipped w/o listing
        keys = _mirror_keys(ctx.listing, ctx.company)
        if keys:
            if body_stems is None:
                body_stems = set(_stems_of(p.body_words))
            used = body_stems & set(keys)
            if len(used) < min(MIRROR_NEEDED, len(keys)):
                out.add("content.mirror", used=len(used), keys=", ".join(keys[:5]))

    if out.wants("content.next-step"):  # content.next-step: a promise and a when, one sentence
        when = searcher("next-step-when")  # `FAMILIES["next-step-when"].pattern`'s matches
        sents = p.body_sentences if found["next-step"] else []  # no promise: no split
        firsts = [a for a, _ in sents]
        promised = {bisect_right(firsts, x) - 1 for x, _ in found["next-step"]}
        if not any(sentence_spans(low, a, b, _PROMISE)["next-step"] and when.search(low, a, b)
                   for a, b in (sents[k] for k in sorted(promised) if k >= 0)):
            out.add("content.next-step")

    if out.wants("content.where-left-off") and ctx.promised is not None:
        # content.where-left-off: their date, or words recalling their timeline
        if not (found["timeline"] or _date_pattern(ctx.promised).search(low, s, e)):
            out.add("content.where-left-off",
                    promised=say_date(ctx.promised))

    if out.wants("content.value") and not found["value"]:
        out.add("content.value")  # content.value

    if out.wants("content.other-options") and not found["other-options"]:
        out.add("content.other-options")  # content.other-options


# Interest said bare right after the role is named (round nine): "Thanks again for
# Monday's interview for the Technical Sales Executive role. I'm very interested, and ..."
# In speech and short notes the interest refers back to the role the sentence before
# named (the voicemail scripts careers sites publish: name, the exact opportunity,
# interest, number). Only the writer's own interest ("I'm", "I am", "I remain"), with
# nothing after it but punctuation or a new clause, and only when the sentence before
# names the role, the company or this position; "I'm interested in any opening" is
# never bare.
_BARE = re.compile(
    r"\b(?:i'm|i\s+am|i\s+remain|i\s+feel)\s+(?:\w+\s+){0,2}?(?:interested|keen|excited|"
    r"enthusiastic|eager)(?:\s+(?:too|still|as\s+ever))?\s*(?:[,.!;:]|$|-|\s+and\b|\s+but\b|"
    r"\s+so\b)")


def _bare_interest(low: str, a: int, b: int, sents: list[tuple[int, int]],
                   names: tuple[str, ...]) -> bool:
    """Interest said bare in the sentence [a, b) that the sentence before names."""
    if not _BARE.search(low, a, b):
        return False
    k = next((i for i, (x, _) in enumerate(sents) if x == a), 0)
    if k == 0:
        return False
    pa, pb = sents[k - 1]
    return (any(n in low[pa:pb] for n in names)
            or bool(sentence_spans(low, pa, pb, INTEREST)["interest-target"]))


_PROMISE = ("next-step",)
_AT = ("at ", "with ", "in ", "on ", "within ")


def _theirs(low: str, end: int, names: tuple[str, ...]) -> bool:
    """Whether "another role" (ending at `end`) is theirs: "at Acme", "with your team"."""
    rest = low[end:end + 60].lstrip()
    for prep in _AT:
        if rest.startswith(prep):
            rest = rest[len(prep):].lstrip()
            return rest.startswith(("your ", "you ", "the team", "the company")) or any(
                rest.startswith(n) for n in names)
    return False
