"""Tone: the you/I ratio and the phrase families (desperate, impatient, call-me-back,
gimmick, negative, name-drop). Phrase rules read the subject, greeting and body with quotes blanked;
the ratio reads the body only (RULEBOOK "Pronouns", "Quotes")."""

from __future__ import annotations

import re
from dataclasses import replace

from followup.core.lint import cues, readings, valence
from followup.core.lint.base import Collector, LintContext
from followup.core.lint.names import ordinary, strip_possessive, targets
from followup.core.lint.needles import register
from followup.core.lint.parse import parse, sentences
from followup.core.lint.phrases import FAMILIES, searcher
from followup.core.lint.spans import family_scanner, spans

YOU = frozenset({"you", "your", "yours", "yourself", "you're", "you've", "you'll", "you'd"})
I_WORDS = frozenset({"i", "me", "my", "mine", "myself", "i'm", "i've", "i'll", "i'd"})
_PRONOUNS = YOU | I_WORDS
RATIO = 2.0  # tone.you-i-ratio: exactly 2.0 passes

_PHRASE_RULES = (
    ("desperate", "tone.desperate"),  # tone.desperate
    ("impatient", "tone.impatient"),  # tone.impatient
    ("call-me-back", "tone.call-me-back"),  # tone.call-me-back
    ("gimmick", "tone.gimmick"),  # tone.gimmick: gifts, flowers, stunts
    ("gimmick-visit", "tone.gimmick"),  # tone.gimmick: showing up unannounced
    ("negative", "tone.negative"),  # tone.negative: profane, insulting, sarcastic, bitter
)


_NAME = r"[A-Z][a-z]+(?:'s)?(?:[ \t]+[A-Z][a-z'\-]+){0,2}"
_TITLE = FAMILIES["senior-title"].pattern.pattern
_TITLE_NAME = re.compile(
    rf"(?i:{_TITLE})(?:[ \t]+(?i:of|for)[ \t]+(?:the[ \t]+)?[A-Za-z&]+)?,?[ \t]+(?P<n>{_NAME})")
_NAME_TITLE = re.compile(
    rf"(?P<n>{_NAME}),?[ \t]+(?:\(|(?i:who[ \t]+is|is|was)[ \t]+)?"
    rf"(?i:your|the|our|their|a|an)?[ \t]*(?i:senior[ \t]+|executive[ \t]+|regional[ \t]+)?"
    rf"(?i:{_TITLE})")


def check_ratio(out: Collector) -> None:
    """The pronoun ratio over the body outside quotes, "thank you" included."""
    # tone.you-i-ratio
    if not out.wants("tone.you-i-ratio"):
        return
    # only the pronouns are counted: the filter and the sum run in C over a handful
    pronouns = list(filter(_PRONOUNS.__contains__, out.parsed.body_words_masked))
    you = sum(map(YOU.__contains__, pronouns))
    i = len(pronouns) - you  # the pronouns that are not you-words are I-words
    if i and you / i < RATIO:
        out.add("tone.you-i-ratio", you=you, i=i, ratio=you / i)


def _region(out: Collector) -> tuple[int, int]:
    """Subject, greeting and body: everything before the sign-off."""
    p = out.parsed
    return 0, p.signoff[0] if p.signoff else len(p.masked)


def check_phrases(out: Collector) -> None:
    """tone.desperate, tone.impatient, tone.call-me-back, tone.gimmick, tone.negative:
    family matches, found with the content families in one pass (`spans`)."""
    if not any(out.wants(rule_id) for _, rule_id in _PHRASE_RULES):
        return
    found = spans(out.parsed, out.wants)
    head = out.parsed.heading
    closes: list[tuple[int, int]] | None = None
    for fam, rule_id in _PHRASE_RULES:
        for a, b in found[fam]:
            if head is not None and head[0] <= a < head[1]:
                continue  # a letter's address block: "22 Finsbury Circus" is a street
            if rule_id == "tone.gimmick" and any(s <= a and b <= e
                                                 for s, e in _recorded_names(out)):
                continue  # "Orchid Media", "Tulip Print Studio": a name, not a gift
            if rule_id == "tone.impatient":
                if closes is None:
                    closes = readings.closing_sentences(out.parsed)
                if any(s <= a < e for s, e in closes):
                    # the writer stops chasing, with goodwill: a closing note is no
                    # impatience; rudeness in the same sentence stays rude ("I won't keep
                    # chasing; thanks for nothing, and all the best.")
                    continue
            out.add(rule_id, a, b, why="")


def _recorded_names(out: Collector) -> list[tuple[int, int]]:
    """Where the recorded company's and role's names occur in the note (lowercase)."""
    low = out.parsed.lower_masked
    spans_: list[tuple[int, int]] = []
    for name in (out.ctx.company, out.ctx.role):
        if name and name.strip():
            needle = name.strip().lower()
            spans_.extend((m.start(), m.end()) for m in re.finditer(re.escape(needle), low))
    return spans_


def _unrecorded(name: str, known: frozenset[str]) -> bool:
    """A person-like name nobody recorded: some token neither ordinary nor known."""
    toks = [strip_possessive(t) for t in name.split()]
    return any(not ordinary(t) and t.lower() not in known for t in toks)


# "Baltimore, MD", "Rockville, MD 20850": one capitalised word, a comma and the postal code
# "MD" in capitals is a town in Maryland, not a managing director named (round twelve:
# blind batch N's business letter; a body's "I grew up in Rockville, MD" alike).
_STATE = re.compile(r"[A-Z][a-z]+,[ \t]+MD$")

# "the Plant Superintendent", "your Regional Director": a title-case word after an article
# or possessive is part of the title, not a name (round ten; "Tom Hale, Director" keeps it).
_TITLE_WORDS = r"(?i:\b(?:the|your|our|their|a|an))[ \t]+$"
# A relative of the writer's is an endorsement only when the sentence ties them to the
# reader's side (works there, knows you, your company): "my uncle works in your finance
# team" is leverage, "my family has to move to be near my mother" is the writer's life
# (round ten; careers sites' withdrawal letters for a family move).
_KIN = ("my ", "our ")
_THEIR_SIDE = (r"\b(?:you|your|yours|works?|worked|working|employed|knows?|knew|there|"
               r"mentioned|recommend\w*|referred|put\s+in|word)\b")


# Their senior person invoked as backing the writer, named or not (round nine): "Your CEO
# said he would put in a word for me", "your chief operating officer and I go back a long
# way". Name-dropping as careers sites define it is mentioning an important person to
# impress or gain leverage, going over the interviewer's head (theladders.com; the
# Washington Post's career coach; royalholidayjobs.com): "your" marks the person as
# theirs, and the sentence has them speak for, know or promise something to the writer.
# "Your CEO's talk drew me to the role" (a possessive) and "the head of design" (no claim
# on the writer) are not leverage.
_LEVERAGE = re.compile(
    rf"\b(?P<t>your\s+(?:[a-z]+\s+){{0,2}}?(?:{_TITLE}))\b(?!')(?:\s+(?:of|for)\s+[a-z&]+)?[^.?!]{{0,80}}?\b(?:(?:told|"
    r"assured|recommended|promised)\s+me|suggested\s+(?:i|me)|(?:said|thinks|thought|mentioned|"
    r"promised|put\s+in\s+a\s+(?:good\s+)?word|vouch\w*|and\s+i\s+(?:go\s+back|are\s+(?:old\s+|"
    r"good\s+|close\s+)?friends|know\s+each\s+other|play|were\s+at)|(?:would|will|'d|'ll)\s+"
    r"(?:mention|speak|talk|have\s+a\s+word))\b[^.?!]{0,60}?\b(?:me|my|mine|i'd|i'm|i))\b")


# a family without literals has no shortcut: the empty string occurs everywhere
_ENDORSE = register(FAMILIES["endorsement"].literals or ("",))


def check_name_drop(out: Collector) -> None:
    """An unrecorded name with a senior title or an endorsement."""
    # tone.name-drop
    if not out.wants("tone.name-drop"):
        return
    known = targets(out.ctx).known_tokens
    text = out.parsed.masked
    low = out.parsed.lower_masked
    s, e = _region(out)
    head = out.parsed.heading
    if head is not None:  # the inside address names the recipient's own title
        s = max(s, head[1])
    title = FAMILIES["senior-title"]
    # a match anywhere in the region: the family's scanner lists what `finditer` finds
    titled = (title.may_match(out.parsed.word_set)
              and bool(family_scanner("senior-title").scan(low, s, e)[0]))
    for pat in (_TITLE_NAME, _NAME_TITLE) if titled else ():
        for m in pat.finditer(text, s, e):
            name = m.group("n")
            if pat is _NAME_TITLE and re.search(_TITLE_WORDS, text[max(0, m.start() - 8):
                                                                  m.start()]):
                continue  # "the Plant Superintendent": a title in title case, no name
            if pat is _NAME_TITLE and _STATE.match(text, m.start(), m.end()):
                continue  # "Baltimore, MD": a place and its state's code (round twelve)
            if _unrecorded(name, known):
                out.add("tone.name-drop", m.start(), m.end(), name=strip_possessive(name))
                return
    if titled:
        lev = _LEVERAGE.search(low, s, e)
        if lev and not any(t.lower() in lev.group() for t in out.ctx.titles if t):
            out.add("tone.name-drop", lev.start(), lev.end(),
                    name="your " + " ".join(text[lev.start("t") + 4:lev.end("t")].split()))
            return
    endorse = searcher("endorsement")  # `FAMILIES["endorsement"].pattern`'s matches
    # its literals looked up in the note's one pass (`Found`): `Family.may_occur`'s answer
    if not out.parsed.found_masked.any(_ENDORSE, s, e) or not family_scanner(
            "endorsement").scan(low, s, e)[0]:  # no match in the region (`finditer`'s list)
        return
    found = out.parsed.found_masked
    for a, b in sentences(text, s, e):
        # every match holds one of the family's literals: a sentence without one holds none
        if not found.any(_ENDORSE, a, b):
            continue
        hit = endorse.search(low, a, b)
        if not hit:
            continue
        if hit.group().startswith(_KIN) and not re.search(_THEIR_SIDE, low[a:b]):
            continue  # "to be near my mother": the writer's family, not their backer
        for m in re.finditer(_NAME, text[a:b]):
            if _unrecorded(m.group(), known):
                out.add("tone.name-drop", hit.start(), hit.end(),
                        name=strip_possessive(m.group()))
                return


def check(out: Collector) -> None:
    check_ratio(out)
    check_phrases(out)
    valence.check(out)  # tone.negative by reading, after the phrase families
    cues.check(out)  # tone.negative and tone.impatient by cue, when neither found one
    readings.check(out)  # tone.negative and tone.impatient by reading, when none found one
    from followup.core.lint import stance  # imported at the first lint, not with the linter

    # tone.negative by the stance model, when nothing else found it
    stance.check(out, lambda sentence: impatient_alone(sentence, out.ctx))
    check_name_drop(out)


def impatient_alone(sentence: str, ctx: LintContext) -> bool:
    """Whether one sentence, read alone, draws tone.impatient from the phrase families,
    cues and readings (the stance model asks, `stance.check`)."""
    out = Collector(parse(sentence), replace(ctx, disabled=ctx.disabled | {"tone.negative"}))
    check_phrases(out)
    cues.check(out)
    readings.check(out)
    return any(f.rule == "tone.impatient" for f in out.findings)
