"""tone.negative and tone.impatient by cue: the shapes that make a line rude when no word
in it is (RULEBOOK "tone.negative", "tone.impatient"; docs/lint-accuracy.md, round four).

The phrase families (`phrases.toml`) know published phrasings and `valence.py` reads rated
words; both miss "Your "streamlined" process has now run to five weeks" or "Is anyone at
Acme actually reading these emails?", where the rudeness is in the shape of the line:

- scare quotes round a word of theirs ("your "agile" hiring", "thanks for the "feedback"");
- a rhetorical question aimed at them ("do you even", "is anyone actually", "is it
  really so difficult");
- an irony frame ("must be nice", "so much for the", "apparently" or "I guess" with a
  charge against them, "you clearly didn't");
- a comparison with other employers that shames them ("unlike some companies", "three
  other employers got back to me");
- a sentence judging their process ("says a lot about how you treat", "an eye-opener
  about how you operate");
- a backhanded compliment ("at least one of them had read", "for once", "Good for you.");
- condescension ("for future reference, candidates", "you may want to brush up on",
  "let me explain again, more slowly", "correct me if I'm wrong, but", "as anyone ...
  would know", the mock apology "sorry if my emails were unclear");
- guilt ("the least you could do", "after all the effort I put in", "left in the dark");
- sneering advice ("Next time, perhaps tell candidates", "it would save everyone");
- dismissal ("whenever you get around to it", "if anyone there can spare a minute");
- an insult by impossibility ("couldn't book a room if their life depended on it");
- entitlement ("hard to see how anyone else", "better than I suspect it will");
- and for tone.impatient: counting their failures ("two weeks and three emails with no
  reply", "not a word so far", "once again I'm writing"), and ultimatums ("your answer by
  Friday, otherwise I will withdraw", "I'll need a decision by").

Each cue names its reading, and the finding quotes the words that carry it. Cues marked
`aimed` fire only in a sentence that names the reader (you, your, the company's name, the
panel, anyone there), so the writer's own plans and feelings pass ("For future reference,
my new mobile is ...", "Once again, thank you"). Pure: tables and regexes, compiled once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from followup.core.lint.base import Collector
from followup.core.lint.needles import register
from followup.core.lint.valence import READER, WORD, company_words, lexicon

NEGATIVE = "tone.negative"
IMPATIENT = "tone.impatient"
_WORD = WORD
# Who a cue can be aimed at, besides valence.READER and the company's name.
AIMED_AT = READER | frozenset({
    "anyone", "anyone's", "anybody", "someone", "somebody", "candidates", "applicants",
    "team", "team's", "organisation", "organization", "scheduler", "interviewers",
    "people"})
_ORG = r"(?:compan(?:y|ies)|employers?|firms?|places?|organi[sz]ations?|businesses|recruiters?)"
_N = r"(?:two|three|four|five|six|seven|eight|nine|ten|several|\d+)"


@dataclass(frozen=True)
class Cue:
    """One shape of rudeness: the rule it tells, its reading, and where it applies."""

    rule: str
    name: str
    why: str
    pattern: re.Pattern[str]
    needles: tuple[str, ...]  # one of these occurs (lowercase) wherever the pattern matches
    anchors: frozenset[str]  # a word of each needle: the note-level gate (set lookups)
    aimed: bool = False  # only in a sentence naming the reader
    question: bool = False  # only in a sentence ending with "?"
    quoted: bool = False  # read on the text with quotes kept (scare quotes)
    needle_set: frozenset[str] = frozenset()  # `needles`, for the note's one pass (`Found`)


# Literal strings, one of which every match of a cue contains (words single-spaced, as
# notes are written): a note, and then a sentence, holding none of a cue's skips its
# regex. Plain substring tests, in C.
NEEDLES: dict[str, tuple[str, ...]] = {
    "scare quotes": ('"',),
    "rhetorical question": (" even ", " actually ", " ever ", " really ", " honestly ",
                            " seriously ", " easier", " simpler", " quicker", " at all"),
    "irony": ("must be nice", "so much for", "apparently", "i guess", "clearly", "obviously",
              "evidently"),
    "comparison": ("unlike", " other ", "so different", "so special"),
    "judging the process": ("a lot about", "volumes about", "everything about",
                            "need to know about", "eye-opener", "eye-opening", "eye open"),
    "backhanded": ("at least", "for once", "good for"),
    "condescension": ("future reference", "brush up", "learn", "read up", "look up", "revisit",
                      "reconsider", "rethink", "explain", "more slowly", "simpler terms",
                      "plain english", "actually works", "before interviewing",
                      "correct me", "would know", "would tell you", "would agree", "unclear",
                      "confusing", "confused", "hard to follow"),
    "guilt": ("the least", "after all", "in the dark", "hanging"),
    "sneering advice": ("next time", "would save", "have saved"),
    "dismissal": ("whenever", "if anyone", "if anybody", "if someone", "if somebody",
                  "if you ever", "if you feel", "if you bother", "if you care",
                  "if you can be bothered", "if you get round", "if you get around"),
    "insult": ("couldn't", "could not", "can't", "cannot", "wouldn't"),
    "entitlement": ("hard to", "difficult to", "hard time", "better than i",
                    "have thought i", "earned"),
    "counting": (" no ", "without a", "not a ", "not one ", "once again"),
    "ultimatum": ("let me have your", "send me your", "give me your", "let me have an",
                  "send me an", "give me an", "let me have a ", "send me a ", "give me a ",
                  "otherwise", "take it", "assume", "ll need", "will need"),
}


def _c(rule: str, name: str, why: str, *patterns: str, aimed: bool = False,
       question: bool = False, quoted: bool = False) -> Cue:
    return Cue(rule, name, why, re.compile("|".join(f"(?:{p})" for p in patterns)),
               NEEDLES[name], frozenset(_anchor(n) for n in NEEDLES[name]), aimed, question,
               quoted, register(NEEDLES[name]))


_COMMON = frozenset({"about", "the", "you", "your", "for", "have", "that", "with", "need",
                     "will", "give", "send", "let", "me", "if", "at", "a", "an", "i", "to",
                     "not", "no", "one", "by", "so", "be", "can", "get", "ll"})


def _anchor(needle: str) -> str:
    """The word of a needle the note's word set is asked for: its longest uncommon word
    ("must be nice" -> "must"); "eye-open" stands for "eye-opener" and "eye-opening"."""
    words: list[str] = _WORD.findall(needle) or [needle]
    rare = [w for w in words if w not in _COMMON] or words
    return str(max(rare, key=len))


CUES: tuple[Cue, ...] = (
    # tone.negative: scare quotes round their word for the process
    _c(NEGATIVE, "scare quotes", "a word of theirs put in quotes",
       r"\b(?:your|the|their|this|that|an?|its)\s+\"[a-z]+(?:[ \-][a-z]+)?\"\s+"
       r"(?:process|hiring|recruitment|feedback|timeline|turnaround|update|reply|response|"
       r"interview|hire|role|post|position|decision|schedule|system|approach|procedure|"
       # round thirteen: more of their things ("your "quick" assessment", "the "friendly"
       # chat", "your "competitive" salary")
       r"assessment|test|task|chat|conversation|call|experience|culture|policy|salary|"
       r"package|offer|benefit|opportunit(?:y|ie)|communication|email|letter|support|"
       r"welcome)s?\b",
       r"\b(?:the|your|their|this|that|its|so-called)\s+\"(?:feedback|update|process|urgency|"
       r"response|reply|decision|courtesy|professionalism|communication|consideration|respect|"
       # round thirteen: their word for the process alone in quotes ("your "update"", "the
       # "candidate experience"")
       r"updates|opportunity|offer|interview|chat|assessment|candidate\s+experience|"
       r"experience|culture|values|timeline|transparency|support|welcome|flexibility|policy)"
       r"\"", quoted=True),
    # tone.negative: a rhetorical question aimed at them
    _c(NEGATIVE, "rhetorical question", "a question that scolds them",
       r"\b(?:do|did|does|have|has|will|would|can|could)\s+(?:you|they|anyone|anybody)\s+"
       r"(?:there\s+)?(?:even|actually|ever|really|honestly|seriously)\b",
       # round thirteen: their people by name of role ("Do your interviewers even look at
       # a CV?"); "ever", "actually" and "really" ask sincerely there ("Does your team ever
       # run open days?")
       r"\b(?:do|did|does|have|has|will|would|can|could)\s+your\s+[a-z]+\s+(?:even|honestly|"
       r"seriously)\b",
       r"\b(?:is|was|does|did|has)\s+(?:anyone|anybody)\s+(?:\w+\s+){0,3}?"
       r"(?:actually|even|ever|really|at\s+all)\b",
       r"\bis\s+it\s+(?:really|actually|honestly|seriously)\s+(?:so|that|too)\s+"
       r"(?:hard|difficult|much|complicated)\b",
       r"\bor\s+(?:was|is)\s+it\s+(?:just\s+|simply\s+)?(?:easier|simpler|quicker)\b",
       aimed=True, question=True),
    # tone.negative: irony frames
    _c(NEGATIVE, "irony", "an ironic frame aimed at them",
       r"\bmust\s+be\s+nice\b",
       r"(?:^|[,;:\-]\s*|\b(?:well|oh|and|but)\s+)so\s+much\s+for\s+(?:the|your|that|all|any)\b",
       r"^\s*apparently,?\s+(?:\w+\s+){0,6}?(?:week|weeks|month|months|day|days|reply|"
       r"replies|candidates|time|lasts?|means?)\b",
       r"\bi\s+guess\s+(?:\w+\s+){1,4}?(?:isn't|aren't|doesn't|don't|wasn't|weren't|"
       r"never|not)\b",
       r"\b(?:you|they|your\s+\w+)\s+(?:clearly|obviously|evidently)\s+(?:didn't|don't|"
       r"haven't|hadn't|never|weren't|aren't|can't|couldn't|had\s+no|have\s+no)\b",
       aimed=True),
    # tone.negative: a comparison that shames them
    _c(NEGATIVE, "comparison", "other employers held up against them",
       r"\bunlike\s+(?:some|certain|you|your|yours)\b",
       rf"\b(?:{_N}|every|all\s+the|the)\s+other\s+{_ORG}\b[^.?!]{{0,60}}?\b(?:managed|"
       r"bothered|got\s+back|get\s+back|replied|responded|called\s+back|manage|at\s+least)\b",
       r"\bwhat\s+makes\s+(?:you|your\s+\w+)\s+so\s+(?:different|special)\b"),
    # tone.negative: judging their process
    _c(NEGATIVE, "judging the process", "a verdict on how they run things",
       r"\b(?:says|said|tells|told|speaks)\s+(?:me\s+|us\s+)?(?:a\s+lot|volumes|everything|all\s+i\s+need"
       r"\s+to\s+know)\s+about\s+how\s+(?:\w+\s+){0,3}?(?:treats?|operates?|runs?|handles?"
       r"|deals?\s+with)\b",
       r"\b(?:an?\s+)?(?:eye-opener|eye\s+opener|eye-opening)\b[^.?!]{0,40}?\babout\s+how\b",
       aimed=True),
    # tone.negative: a backhanded compliment
    _c(NEGATIVE, "backhanded", "praise that implies they usually fail",
       r"\bat\s+least\s+(?:one|someone|somebody)\s+(?:of\s+(?:you|them|the\s+\w+)\s+)?"
       r"(?:had|has|did|was|bothered|remembered|read|turned|showed)\b",
       r"\b(?:refreshing|nice|good)\s+(?:to\s+see\s+)?that\s+(?:at\s+least|someone|"
       r"somebody|anyone|for\s+once)\b",
       r"\bfor\s+once\b",
       r"^\s*(?:well,?\s+)?good\s+for\s+(?:you|you\s+all|them)\s*[.!]?\s*$"),
    # tone.negative: condescension
    _c(NEGATIVE, "condescension", "talking down to them",
       r"\bfor\s+future\s+reference,?\s+(?:you|your|candidates|applicants|people|it\s+"
       r"(?:might|would|may))\b",
       r"\byou\s+(?:may|might)\s+(?:want|wish|need)\s+to\s+(?:brush\s+up|learn|read\s+up|"
       r"look\s+up|revisit|reconsider|rethink)\b",
       r"\blet\s+me\s+explain\s+(?:it\s+)?(?:again|once\s+more|more\s+slowly|slowly)\b",
       # "Let me put my availability in simpler terms" simplifies the writer's own news
       # (round nine): what is put simply for them is "it", "this", "things"
       r"\b(?:more\s+slowly|in\s+plain\s+english)\b|\b(?:put|say|explain|phrase)\s+(?:it|this|"
       r"that|things)\s+in\s+simpler\s+terms\b|^\s*in\s+simpler\s+terms\b|\bin\s+simpler\s+"
       r"terms\s+(?:for\s+(?:you|them)|so\s+(?:that\s+)?(?:you|your|the|they))\b",
       r"\bhow\s+(?:\w+\s+){1,3}?actually\s+works\b",
       r"\bbefore\s+interviewing\s+(?:people|candidates|anyone|others)\b",
       r"\bcorrect\s+me\s+if\s+i(?:'m|\s+am)\s+wrong,?\s+but\b",
       r"\bas\s+any(?:one|body)\s+(?:\w+\s+){0,6}?would\s+(?:know|tell\s+you|agree)\b",
       r"\bsorry\s+if\s+(?:my|i|you)\s+(?:\w+\s+){0,4}?(?:unclear|confusing|confused|hard\s+"
       r"to\s+follow)\b"),
    # tone.negative: guilt
    _c(NEGATIVE, "guilt", "making them answer for the writer's sacrifice",
       r"\bthe\s+least\s+(?:you|they|anyone)\s+(?:could|can)\s+do\b",
       r"\bafter\s+all\s+(?:the|my)\s+(?:\w+\s+){0,2}?(?:effort|work|time|trouble|hours)\b"
       r"[^.?!]{0,80}?\b(?:dark|hanging|ignored|silence|nothing|hard\s+to\s+take)\b",
       r"\b(?:left|leave|leaving|keep|keeping|kept)\s+(?:me\s+|candidates\s+|people\s+)?"
       r"(?:in\s+the\s+dark|hanging)\b"),
    # tone.negative: sneering advice
    _c(NEGATIVE, "sneering advice", "telling them how they should have done it",
       r"^\s*next\s+time,?\s+(?:perhaps|maybe|try|consider|you\s+might|you\s+could|do|"
       r"don't|spare|tell|let)\b",
       r"\bit\s+would\s+(?:save|have\s+saved)\s+(?:everyone|us\s+both|both\s+of\s+us|"
       r"all\s+of\s+us|a\s+lot\s+of\s+people)\b"),
    # tone.negative: dismissal
    _c(NEGATIVE, "dismissal", "implying they will never bother",
       r"\bwhenever\s+(?:you|anyone|someone)\s+(?:get\s+(?:a)?round\s+to\s+it|feels?\s+"
       r"like\s+it|can\s+be\s+bothered|remembers?)\b",
       r"\bif\s+(?:anyone|anybody|someone|somebody|you)\s+(?:there\s+)?(?:ever\s+)?"
       r"(?:can\s+spare|feels?\s+like|bothers?|cares?|can\s+be\s+bothered|gets?\s+"
       r"(?:a)?round)\b"),
    # tone.negative: an insult by impossibility
    _c(NEGATIVE, "insult", "an insult by impossibility",
       r"\b(?:couldn't|could\s+not|can't|cannot|wouldn't)\s+(?:organi[sz]e|run|book|find|"
       r"manage|plan|schedule|recruit)\s+(?:a|an|the)\s+(?:\w+\s+){0,2}?(?:if|in\s+a|"
       r"with\s+a|to\s+save)\b", aimed=True),
    # tone.negative: entitlement
    _c(NEGATIVE, "entitlement", "the writer owed the job or more",
       r"\b(?:hard|difficult)\s+to\s+(?:see|believe|accept|understand)\s+how\s+(?:anyone|"
       r"someone|anybody|they|you)\b",
       r"\bhave\s+a\s+hard\s+time\s+(?:accepting|believing|seeing|understanding)\b",
       r"\bbetter\s+than\s+i\s+(?:suspect|expect|think|fear)\b",
       r"\b(?:would|should)\s+have\s+thought\s+i\s+(?:had\s+)?(?:earned|deserved)\b",
       r"\bearned\s+(?:more|better)\s+than\b"),
    # tone.impatient: counting their failures
    _c(IMPATIENT, "counting", "counting their failures to reply",
       rf"\b{_N}\s+(?:weeks|days|emails|messages|calls|voicemails)\s+(?:and\s+{_N}\s+"
       r"(?:emails|messages|calls|voicemails)\s+)?(?:with\s+)?(?:no|without\s+(?:a|any))\s+"
       r"(?:reply|response|answer|word|news)\b",
       r"\bnot\s+(?:a|one)\s+(?:single\s+)?(?:word|peep|reply|response|squeak)\b",
       r"\bonce\s+again,?\s+i(?:'m|\s+am)\s+(?:writing|emailing|chasing|asking|following"
       r"|calling)\b"),
    # tone.impatient: ultimatums
    _c(IMPATIENT, "ultimatum", "a deadline for their answer",
       r"\b(?:let\s+me\s+have|send\s+me|give\s+me)\s+(?:your|an|a)\s+(?:answer|decision|"
       r"response|reply)\s+by\b",
       r"\botherwise,?\s+i(?:'ll|\s+will|\s+shall)\s+(?:withdraw|assume|take\s+it|look\s+"
       r"elsewhere|move\s+on)\b",
       r"\bafter\s+that,?\s+i(?:'ll|\s+will|\s+shall)\s+(?:take\s+it|assume)\b",
       r"\bi(?:'ll|\s+will)\s+need\s+(?:a|an|your)\s+(?:decision|answer|response|reply)\s+"
       r"(?:from\s+you\s+)?(?:by|no\s+later\s+than|before)\b"),
)

def _praise(words: list[str]) -> bool:
    """The sentence praises (a rated word of +1.5 or more): "says a lot about how
    carefully you treat ..." is a compliment, not a verdict."""
    lex = lexicon()
    return any(lex.get(w, 0.0) >= 1.5 for w in words)


def check(out: Collector) -> None:
    """At most one finding per rule, on the first sentence showing a cue, and only when
    the phrase families and the valence reading found nothing for that rule."""
    rules = {r for r in (NEGATIVE, IMPATIENT)
             if out.wants(r) and not any(f.rule == r for f in out.findings)}
    if not rules:
        return
    p = out.parsed
    low = p.lower_masked
    start, end = p.body  # after the greeting (or subject), before the sign-off
    quoted = p.lower[start:end]
    note_words = p.word_set
    region = low[start:end]
    asked = "?" in region  # no "?": no sentence can end with one (`Cue.question`)
    # a needle in the body: found in the note's one pass (`Parsed.found`: `lower`, quotes
    # kept; `found_masked`: `lower_masked`), the same answer as a search of the body's text
    kept_body, masked_body = p.found, p.found_masked
    live = [c for c in CUES if c.rule in rules and (asked or not c.question)
            and ('"' in quoted if c.quoted else not c.anchors.isdisjoint(note_words))
            and (kept_body if c.quoted else masked_body).any(c.needle_set, start, end)]
    if not live:
        return
    company = company_words(out.ctx.company)
    for a, b in p.body_sentences_masked:  # split once for the tone readings
        body = low[a:b].strip()
        kept = p.lower[a:b].strip()
        here = [c for c in live if c.rule in rules
                and any(n in (kept if c.quoted else body) for n in c.needles)]
        if not here:
            continue
        words = _WORD.findall(body)
        aimed = any(w in AIMED_AT or w in company for w in words)
        asks = body.endswith("?")
        for cue in here:
            if (cue.aimed and not aimed) or (cue.question and not asks):
                continue
            m = cue.pattern.search(kept if cue.quoted else body)
            if m is None:
                continue
            if cue.name == "judging the process" and _praise(words):
                continue
            lead = len(low[a:b]) - len(low[a:b].lstrip())
            out.add(cue.rule, a + lead, b,
                    why=f" - {cue.name}: {cue.why} (\"{' '.join(m.group().split())}\")")
            rules.discard(cue.rule)
            if not rules:
                return
            break
