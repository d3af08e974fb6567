"""tone.negative and tone.impatient by reading: four general readings of rudeness and
impatience with a published basis, for notes in words no phrase family or cue has met
(RULEBOOK "tone.negative", "tone.impatient"; docs/lint-accuracy.md, round six).

The phrase families (`phrases.toml`) know published phrasings, `valence.py` reads rated
words near the reader and `cues.py` knows shapes (scare quotes, rhetorical questions, ...).
Blind batches showed what they miss: sarcasm, condescension and bitterness in fresh words.
These readings look for what the research says carries them, not for particular words:

- **sarcasm as contrast** (Riloff et al., EMNLP 2013, "Sarcasm as Contrast between a
  Positive Sentiment and Negative Situation"): a positive sentiment ("love", "great",
  "thanks for", "appreciate", VADER's positive words) in the same sentence as a negative
  situation the reader put the writer in (`SITUATIONS`: silence, being ghosted or kept
  waiting, a form letter, an unpaid task, an interview moved again);
- **a grievance aimed at them**: a sentence about the reader or their side (you, your team,
  panel, recruiter, HR, the company's name) that judges their competence or conduct: a
  competence judgment (`COMPETENCE`: "disorganised", "amateur", "clueless", "sloppy"), a
  counterfactual charge ("your team could at least have told me"), care denied ("nobody
  cares"), a superlative of failure ("the worst-run interview", "never seen ... so
  carelessly");
- **an imperative at the reader**: a sentence opening with a command or advice about their
  conduct (`CONDUCT`: read, reply, treat, hire, learn ...), bare or after "maybe",
  "perhaps", "next time", "try", "learn to", and never a politeness formula (`POLITE`:
  "let me know", "feel free", "have a great weekend", "give my best");
- **impatience**: a promise quoted back ("you said", "you promised", "you told me", "as
  promised") with a charge in that sentence or the next (`CHARGE`: "still nothing",
  "yet", "no word", "?!", "it has now been", weeks counted); mock patience ("no rush",
  "take your time", "whenever") beside an elapsed time; time counted at them with a
  charge. A check-in recalling their date with no charge ("You mentioned a decision by
  the 14th; I wanted to check in") is what RULEBOOK advises, and passes.

Each reading is one function over a sentence's lowercase text and words, returning the
words that carry it (the finding quotes them) or None. Pure: tables and regexes compiled
at import; VADER's lexicon through `valence.lexicon`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from followup.core.lint.base import Collector
from followup.core.lint.parse import sentences
from followup.core.lint.valence import (
    NEGATORS,
    TREATED,
    WORD,
    about_the_work,
    company_words,
    lexicon,
)

NEGATIVE = "tone.negative"
IMPATIENT = "tone.impatient"
PRAISE = 1.5  # sarcasm: a positive word rated at least this (VADER -4..+4)
SELF_BEFORE = 3  # a judgment with I/me/my this close before it is the writer's own
_WORD = WORD

# Who a sentence can be aimed at besides the company's name (valence.READER without the
# writer-neutral "everyone", plus the hiring side's roles).
AIMED = frozenset({
    "you", "your", "yours", "yourself", "yourselves", "you're", "you've", "you'll",
    "you'd", "panel", "panel's", "recruiter", "recruiters", "recruiter's", "interviewer",
    "interviewers", "hr", "management", "team", "team's", "company", "company's", "firm",
    "they", "them", "nobody", "anyone", "someone", "somebody", "process", "department",
    "employer", "employers"})
SELF = frozenset({"i", "i'm", "i've", "i'd", "i'll", "me", "my", "myself", "we", "our"})
OWN = SELF - {"me"}  # the writer as subject or owner ("letting me find out" is theirs)

@dataclass(frozen=True)
class Pat:
    """One pattern of a reading and its gate: each group of anchors must meet the note's
    words (set lookups in C) before the regex is tried on a sentence."""

    name: str
    anchors: tuple[frozenset[str], ...]
    regex: re.Pattern[str]

    def may(self, words: frozenset[str]) -> bool:
        return all(not group.isdisjoint(words) for group in self.anchors)

    def rest(self, words: frozenset[str]) -> bool:
        """`may`, once the first group is known to meet the words."""
        return len(self.anchors) == 1 or all(not group.isdisjoint(words)
                                             for group in self.anchors[1:])


def _pat(name: str, anchors: str, pattern: str) -> Pat:
    """A Pat from a table row: anchors as words, groups separated by "|"."""
    return Pat(name, tuple(frozenset(g.split()) for g in anchors.split("|")),
               re.compile(pattern))


# -- sarcasm as contrast ------------------------------------------------------------------
# Positive sentiment beyond VADER's single words: the phrases Riloff et al.'s bootstrapping
# learned first ("love", "thanks for", "so glad") and praise that VADER rates low.
POSITIVE_WORDS = frozenset({
    "love", "loved", "loving", "great", "wonderful", "nice", "lovely", "impressive",
    "impressed", "appreciate", "appreciated", "glad", "thanks", "thank", "enjoyed",
    "enjoy", "fantastic", "brilliant", "amazing", "excellent", "perfect", "awesome",
    "terrific", "superb", "delightful", "refreshing", "reassuring", "thrilled",
    "delighted", "kind", "generous", "thoughtful", "efficient", "marvellous", "fabulous",
    "cheers", "funny", "treat", "kudos", "highlight", "bravo", "congrats", "congratulations"})
# Negative situations the reader put the writer in: learned from published sarcastic
# replies to employers (being ghosted, kept waiting, a form letter, an automated rejection,
# an unpaid task, an interview moved again, a job reposted after "it's filled": sources in
# tests/core/lint/field/tuning/r*.txt). Each is a regex over the lowercase sentence; words
# after "my" or "you" as object ("kept you waiting") are the writer's, never theirs.
SITUATIONS: tuple[tuple[str, str, str], ...] = (
    ("silence", "nothing nada zilch no",
     r"\b(?:hear|heard|hearing|getting|got|get)\s+(?:absolutely\s+)?"
                r"(?:nothing|nada|zilch|no\s+(?:reply|response|answer|word|news))\b"),
    ("silence", "no without|update updates reply replies response responses answer news "
                "word feedback acknowledgement",
     r"\b(?:no|without\s+(?:a|an|any))\s+(?:single\s+|further\s+|real\s+)?(?:update|reply|"
     r"response|answer|news|word|feedback|acknowledgement)s?\b(?!\s+(?:is\s+|at\s+all\s+)?"
     r"(?:needed|necessary|required|expected|good))"),
    ("belated", "eventually finally last",
     r"\b(?:eventually|finally|at\s+long\s+last)\s+(?:telling|replying|getting\s+back|letting\s+"
     r"me\s+know|responding|answering|writing\s+back)\b"),
    ("only weeks", "only|weeks months",
     r"\b(?:after|took|taking|in)\s+only\s+(?:\w+\s+)?(?:weeks|months)\b"),
    ("long wait", "waiting waited wait|weeks months",
     r"\b(?:waiting|waited|wait)\s+(?:for\s+)?(?:over\s+|more\s+than\s+|nearly\s+)?(?:two|three|"
     r"four|five|six|seven|eight|nine|ten|several|\d+)\s+(?:weeks|months)\b"),
    ("one-line reply", "one-line two-line",
     r"\b(?:one|two)-line\s+(?:rejection|reply|email|response|answer|note)\b"),
    ("chaos", "chaos mess circus disorganisation disorganization",
     r"\bthe\s+(?:chaos|mess|circus|disorganisation|disorganization)\b"),
    ("a single sentence", "single measly",
     r"\b(?:a\s+single|one\s+measly|a\s+measly)\s+(?:sentence|line|word|email)\b"),
    ("took months", "taking took take|weeks months",
     r"\b(?:taking|took|take)\s+(?:over\s+|more\s+than\s+|nearly\s+)?(?:two|three|four|five|six|"
     r"several|\d+)\s+(?:weeks|months)\s+to\b"),
    ("record slowness", "slowest longest|hiring recruitment interview process response reply "
                        "turnaround",
     r"\b(?:slowest|longest)\s+(?:\w+\s+)?(?:hiring|recruitment|interview|process|response|"
     r"reply|turnaround)\b"),
    ("silence", "silence",
     r"\b(?:radio\s+silence|the\s+silence|your\s+silence|total\s+silence|"
                r"weeks\s+of\s+silence|months\s+of\s+silence)\b"),
    ("ghosted", "ghosted ghosting ignored left",
     r"\b(?:ghosted|ghosting|being\s+ignored|been\s+ignored|ignored\s+by|"
                r"left\s+(?:hanging|on\s+read))\b"),
    ("kept waiting", "waiting",
     r"\b(?:kept|keep|keeping|left)\s+(?:me\s+|candidates\s+|people\s+|"
                     r"applicants\s+)?waiting\b"),
    ("form letter", "form template templated automated automatic auto-generated canned "
                    "copy-paste copy-pasted generic",
     r"\b(?:form\s+(?:rejection|reply|response|letter|email)|template(?:d)?\s+"
                    r"(?:email|reply|rejection|letter|response)|(?:automated|automatic|auto-generated|"
                    r"canned|copy-paste(?:d)?|generic)\s+(?:email|reply|rejection|"
                    r"response|message|letter|note))\b"),
    ("unpaid work", "unpaid",
     r"\bunpaid\s+(?:\w+\s+)?(?:task|test|work|assignment|project|trial|"
                    r"exercise|homework|study|presentation|challenge|brief|shift|day)s?\b"),
    ("moved again", "rescheduled postponed cancelled canceled moved pushed",
     r"\b(?:rescheduled|postponed|cancelled|canceled|moved|pushed\s+back)"
                    r"\b[^.?!]{0,30}?\b(?:a\s+(?:second|third|fourth|fifth)\s+time|"
                    r"(?:twice|three\s+times|four\s+times|yet\s+again|again\s+and\s+again))"
                    r"\b"),
    ("moved again", "rescheduling cancelling canceling",
     r"\b(?:rescheduling|cancelling|canceling)\s+(?:on\s+me\s+)?"
                    r"(?:again|three\s+times|twice)\b"),
    ("reposted", "reposted re-posted readvertised re-advertised posted advertised back",
     r"\b(?:reposted|re-posted|readvertised|re-advertised|posted\s+again|"
                 r"advertised\s+again|went\s+back\s+up|back\s+up\s+on\s+your)\b"),
    ("unread work", "nobody no no-one",
     r"\b(?:nobody|no\s+one|no-one)\s+(?:even\s+|ever\s+)?(?:looked\s+at|"
                    r"read|opened|checked|glanced\s+at)\b"),
    ("form letter", "template form stock",
     r"\b(?:with|by|in|sent|send|got|get)\s+(?:a|the|your)\s+(?:template|"
                    r"form\s+letter|stock\s+(?:reply|email|answer))\b"),
    ("late", "late overdue deadline",
     r"\b(?:(?:a|two|three|four|five|six|several|\d+)\s+(?:weeks?|months?|days?)|"
             r"only\s+\w+\s+(?:weeks?|months?|days?))\s+(?:late|overdue|after\s+(?:the|your)"
             r"\s+deadline)\b"),
    ("no-show", "show showed turn turned no-show",
     r"\b(?:never|didn't|did\s+not|failed\s+to)\s+(?:show|showed|turn|turned)\s+"
                r"up\b|\bno-show\b"),
    ("found out elsewhere", "linkedin friend colleague grapevine media website glassdoor "
                            "board someone third",
     r"\b(?:find|found|finding|learn|learned|learnt|hear|heard|"
                            r"hearing|see|saw)\s+(?:out\s+)?(?:from|on|via|through)\s+"
                            r"(?:linkedin|a\s+friend|a\s+colleague|the\s+grapevine|social\s+"
                            r"media|your\s+website|the\s+website|glassdoor|a\s+job\s+board|"
                            r"someone\s+else|a\s+third\s+party)\b"),
    ("at my expense", "cost expense dime",
     r"\bat\s+my\s+own\s+(?:cost|expense)\b|\bon\s+my\s+own\s+dime\b"),
    ("at last", "last finally",
     r"\b(?:at\s+(?:long\s+)?last|finally)\b[^.?!]{0,40}?\b(?:weeks?|months?)\s+"
                r"(?:on|later|after)\b"),
    ("cut short", "cut",
     r"\bcut\s+(?:short|to\s+(?:\w+\s+)?(?:minutes|ten|five|fifteen))\b"),
    ("late", "late",
     r"\b(?:was|were|arrived|turned\s+up|showed\s+up|joined)\s+(?:\w+\s+){0,2}?late\b"),
    ("endless wait", "waiting wait silence delay limbo",
     r"\b(?:endless|interminable|never-ending|all\s+this|this)\s+(?:waiting|"
                     r"wait|silence|delay|limbo)\b"),
    ("cut short", "minute two-minute five-minute ten-minute fifteen-minute twenty-minute",
     r"\b(?:two|five|ten|fifteen|twenty)[\s\-]minute\s+(?:interview|call|chat|meeting)\b"),
    ("favouritism", "nephew niece cousin mate buddy partner",
     r"\bwent\s+to\s+(?:someone's|somebody's|the\s+\w+'s|a|an|his|her|their)\s+"
                    r"(?:nephew|niece|cousin|mate|drinking\s+buddy|golf\s+partner)\b"),
    ("wasted time", "wasted wasting waste",
     r"\b(?:wasted|wasting|waste\s+of)\s+(?:my|a|an|the|our|so\s+much|"
                    r"all\s+(?:my|that|the))\b"),
)
_SITUATION = tuple(_pat(*s) for s in SITUATIONS)


# A sarcastic construction on its own: "Nothing says 'we value you' like an automated
# email" (praise by a mock slogan).
NOTHING_SAYS = re.compile(r"^\s*nothing\s+says\b[^.?!]{0,60}?\blike\s+(?:an?|the|being|"
                          r"getting|waiting)\b")


def sarcasm(low: str, words: list[str],
            pats: tuple[Pat, ...] = _SITUATION) -> list[str] | None:
    """tone.negative, sarcasm as contrast: a positive sentiment and a negative situation
    about their conduct in one sentence (Riloff et al. 2013). The positive word is not
    negated ("not great" is plain complaint, left to the other readings)."""
    says = NOTHING_SAYS.search(low)
    if says:
        return [" ".join(says.group().split())]
    lex = lexicon()
    praise = [w for i, w in enumerate(words)
              if (w in POSITIVE_WORDS or lex.get(w, 0.0) >= PRAISE)
              and not any(x in NEGATORS for x in words[max(0, i - 3):i])]
    if not praise or about_the_work(words, recalled=False):  # "help untangle the chaos"
        return None
    for pat in pats:
        m = pat.regex.search(low)
        if m and not _writers_own(low, m.start()):
            return [praise[0], " ".join(m.group().split())]
    return None


def _writers_own(low: str, at: int) -> bool:
    """The situation is the writer's: "my silence", "I was late", "we cancelled"."""
    before = _WORD.findall(low, max(0, at - 24), at)[-2:]
    return not OWN.isdisjoint(before)


# -- a grievance aimed at them ------------------------------------------------------------
# Judgments of competence or conduct (British and American spellings): words a rater
# would call an insult to a professional, most of which VADER rates mildly or not at all.
COMPETENCE = frozenset({
    "amateur", "amateurish", "amateurs", "disorganised", "disorganized", "unprofessional",
    "clueless", "sloppy", "incompetent", "incompetence", "chaotic", "shambolic",
    "careless", "carelessly", "rude", "rudely", "disrespectful", "disrespectfully",
    "useless", "hopeless", "pathetic", "ridiculous", "laughable", "shoddy", "lazy", "inept",
    "arrogant", "dismissive", "dismissively", "heartless", "embarrassing", "disgraceful",
    "shameful", "appalling", "appallingly", "awful", "terrible", "terribly", "cowardly",
    "spineless", "gutless", "callous", "callously", "condescending", "patronising",
    "patronizing", "unorganised", "unorganized", "negligent", "baffling", "farcical",
    "mediocre", "substandard", "sub-par", "subpar", "unacceptable", "dreadful", "poorly",
    "badly-run", "poorly-run", "unprepared", "underprepared", "worst-run",
    "worst-organised", "worst-organized", "clown", "clowns", "cowboys", "muppets",
    "jokers", "unprofessionalism", "disrespect"})
# Judgments of conduct that, in a note to them, can only be of them (a system can be
# chaotic, only people are unprofessional): read without their name, the writer's own
# ("I never want to seem unprofessional") and negated ones left out over a wider window.
CONDUCT_WORDS = frozenset({
    "unprofessional", "disrespectful", "disrespectfully", "rude", "rudely", "incompetent",
    "incompetence", "amateurish", "shambolic", "disgraceful", "shameful", "appalling",
    "callous", "callously", "heartless", "condescending", "patronising", "patronizing",
    "cowardly", "spineless", "gutless", "clueless", "unprofessionalism", "disrespect"})
UNAIMED_BEFORE = 5
# "is a joke", "was an absolute farce": the lead both the aimed and the unaimed reading use.
_IS_A = r"(?:a|an|such\s+a|an\s+absolute|a\s+complete|a\s+total|a\s+bit\s+of\s+a)\s+"
GRIEVANCE_PATTERNS: tuple[tuple[str, str, str], ...] = (
    ("a joke", "joke shambles farce circus mess disgrace embarrassment disaster pantomime charade",
     r"(?:\b(?:is|was|are|were|felt\s+like|seemed|seems|looked\s+like)|'s|'re)\s+"
               + _IS_A + r"(?:joke|shambles|farce|circus|mess|disgrace|embarrassment|"
               r"disaster|pantomime|charade)\b"),
    ("no idea", "idea clue",
     r"\b(?:you|they|he|she|your\s+\w+|the\s+(?:recruiter|panel|team|company))"
                r"\s+(?:\w+\s+)?(?:have|has|had)\s+(?:no|not\s+a)\s+(?:idea|clue)\b"),
    ("no idea", "clue",
     r"\b(?:you|they|he|she|you're|they're|your\s+\w+)\s+(?:\w+\s+)?(?:haven't|"
                r"hasn't|hadn't)\s+(?:got\s+)?a\s+clue\b"),
    ("should be ashamed", "ashamed embarrassed mortified fired sacked disciplined retrained",
     r"\bshould\s+be\s+(?:ashamed|embarrassed|mortified|fired|sacked|"
                          r"disciplined|retrained)\b"),
    ("decency", "decency courtesy manners respect professionalism",
     r"\b(?:ha(?:ve|d)\s+the|common|basic|simple|no|lack\s+of|an\s+ounce\s+of)\s+"
                r"(?:decency|courtesy|manners|respect|professionalism)\b"),
    ("not prepared", "not",
     r"\b(?:was|were|is|are|seemed|looked)\s+(?:clearly\s+|obviously\s+|"
                     r"completely\s+|totally\s+|simply\s+)?not\s+(?:prepared|ready|interested|"
                     r"listening|paying\s+attention)\b"),
    ("not prepared", "hadn't didn't never not",
     r"\b(?:you|they|he|she|your\s+\w+)\s+(?:\w+\s+)?(?:hadn't|had\s+not|"
                     r"didn't|did\s+not|never)\s+(?:even\s+)?(?:read|prepared|prepare|looked\s+"
                     r"at|opened)\b"),
    ("ignoring", "ignoring ignored ignore ignores",
     r"\b(?:you|you're|you've|they|they're|your\s+\w+)\s+(?:\w+\s+){0,3}?"
                 r"(?:ignoring|ignored|ignore|ignores)\s+(?:me|my|applicants|candidates|people|"
                 r"emails|messages|calls)\b"),
    ("treated like this", "treat treats treated treating",
     r"\btreat(?:s|ed|ing)?\s+(?:them|us|me|people|candidates|applicants|"
                          r"anyone|others)\s+(?:like\s+(?:this|that|dirt|numbers|cattle|"
                          r"garbage|rubbish|a\s+number|children)|this\s+way|that\s+way)\b"),
    ("competence doubt", "know knows|phone calendar diary telephone email inbox reply answer "
                         "read write send",
     r"\bknows?\s+how\s+to\s+(?:use\s+(?:a|the)\s+(?:phone|calendar|"
                         r"diary|telephone|email|inbox)|reply|answer|read|write\s+back|send\s+"
                         r"(?:an?\s+)?(?:email|reply|invite))\b"),
    ("ironic tag", "special lucky exception only",
     r",?\s+or\s+(?:was|am|is\s+it\s+just)\s+(?:i|me)\s+(?:just\s+)?"
                   r"(?:special|lucky|the\s+exception|the\s+only\s+one)\b"),
    ("too important", "too|important grand good senior mighty",
     r"\btoo\s+(?:important|grand|good|senior|high\s+and\s+mighty)\s+to\s+"
                      r"(?:write|reply|respond|answer|return|call|bother|acknowledge|send)\b"),
    ("word of mouth", "treat treats",
     r"\b(?:tell|warn)\s+(?:everyone|everybody|anyone|people|others|my\s+\w+)"
                      r"\s+(?:\w+\s+){0,6}?how\s+(?:\w+\s+){1,3}?treats?\b"),
    ("word of mouth", "glassdoor reddit twitter",
     r"\b(?:review|post|write)\s+(?:\w+\s+){0,3}?(?:on|to)\s+(?:glassdoor|"
                      r"reddit|twitter)\b"),
    ("out of you", "straight simple clear honest|out",
     r"\b(?:straight|simple|clear|honest)\s+(?:answer|reply|response|decision|word|update)"
     r"\s+out\s+of\s+(?:you|them|anyone|your\s+\w+)\b"),
    ("the worst", "worst",
     r"\b(?:yours|your\s+\w+|you|they|it)\s+(?:was|were|is|are|has\s+been|"
                  r"have\s+been)\s+(?:by\s+far\s+|easily\s+|simply\s+)?the\s+worst\b"),
    ("the worst", "worst worst-run",
     r"\bthe\s+worst(?:-\w+)?\s+(?:\w+\s+)?(?:interview|process|experience|"
                  r"recruitment|hiring|employer|company|treatment|communication)s?\s+"
                  r"(?:i(?:'ve|\s+have)?|of\s+my|ever)\b"),
    ("how you treat", "treat",
     r"\b(?:this\s+is\s+how|how\s+not\s+to|dread\s+to\s+think\s+how)\s+(?:\w+\s+){0,2}?"
     r"treat\b"),
    ("so little", "little",
     r"\b(?:means?|meant|matters?|mattered|cares?|cared|values?|valued|counts?|counted)\s+"
     r"(?:so|very|this)\s+little\b"),
    ("put up with", "put|with",
     r"\b(?:willing\s+to\s+|can\s+|could\s+)?put\s+up\s+with\s+(?:your|you|this|that|them|"
     r"such)\b"),
    ("couldn't even", "even",
     r"\b(?:you|they|he|she|your\s+\w+|the\s+(?:interviewer|recruiter|panel|manager|team|"
     r"company))\s+(?:couldn't|could\s+not|can't|cannot|didn't|did\s+not|wouldn't|"
     r"would\s+not)\s+even\b"),
    ("word of mouth", "every any|forum review site platform",
     r"\b(?:on|in)\s+(?:every|any)\s+(?:forum|review\s+site|platform|site)\b"),
    ("worth nothing", "nothing worthless",
     r"\b(?:worth|means?|meant|counts?\s+for|counted\s+for)\s+nothing\b|\bworthless\b"),
    ("late and no apology", "late apologise apologize apologised apologized apology",
     r"\b(?:you|they|he|she|your\s+\w+|the\s+(?:interviewer|recruiter|panel|manager))\s+"
     r"(?:was|were|arrived|turned\s+up|showed\s+up)\s+(?:\w+\s+){0,2}?(?:minutes|an\s+hour|"
     r"hours)\s+late\b|\b(?:didn't|did\s+not|never|without)\s+(?:even\s+)?(?:apologi[sz]e|"
     r"apologi[sz]ing|an\s+apology|a\s+word\s+of\s+apology)\b"),
    ("says otherwise", "otherwise different",
     r"\b(?:says|said|suggests|suggested|proves|proved|shows|showed)\s+otherwise\b"
     r"|\btells\s+a\s+different\s+story\b"),
    ("own deadlines", "keep stick",
     r"\b(?:can't|cannot|couldn't|could\s+not|don't|didn't|never)\s+(?:seem\s+to\s+)?(?:keep|"
     r"stick)\s+to\s+(?:their|your|its|his|her)\s+(?:own\s+)?(?:deadlines?|dates?|timelines?|"
     r"word|promises?)\b"),
    ("made a mess", "mess hash",
     r"\bmade\s+(?:a\s+|such\s+a\s+)?(?:mess|hash)\s+of\b|\bthe\s+mess\s+(?:you|they)\s+"
     r"made\b"),
    ("allergic", "allergic", r"\ballergic\s+to\b"),
    ("do their job", "job jobs", r"\bdo\s+(?:their|your|his|her)\s+(?:own\s+)?jobs?\b"),
    ("wakes up", "wake wakes woke", r"\b(?:ever\s+)?(?:wakes?|woke)\s+up\b"),
    ("wasted my time", "waste wasted wasting",
     r"\b(?:you|they|he|she|your\s+\w+)\s+(?:\w+\s+){0,2}?wast(?:e|ed|ing)\s+(?:my|our)\b"),
    ("didn't know what", "didn't don't doesn't not|know",
     r"\b(?:didn't|did\s+not|don't|doesn't)\s+(?:seem\s+to\s+|even\s+)?know\s+what\s+(?:they|"
     r"you|he|she)\s+(?:were|was|are|is)\s+(?:looking\s+for|doing|hiring\s+for|asking)\b"),
    ("with respect", "respect", r"^\s*with\s+(?:all\s+(?:due\s+)?)?respect\s*,"),
    ("least prepared", "least",
     r"\bthe\s+least\s+(?:prepared|organi[sz]ed|professional|competent|"
                       r"interested|respectful|courteous|helpful|engaged|attentive|"
                       r"welcoming)\b"),
    ("could at least", "could should might|have",
     r"\b(?:you|they|he|she|someone|somebody|anyone|your\s+\w+|the\s+"
                       r"(?:company|team|panel|recruiter|firm))\s+(?:could|should|might)\s+"
                       r"(?:at\s+least\s+|even\s+|easily\s+|just\s+)?(?:at\s+least\s+)?"
                       r"have\s+(?:told|let|said|sent|replied|answered|called|written|"
                       r"given|mentioned|warned|informed|bothered|had\s+the|read|checked|"
                       r"responded|emailed|explained)\b"),
    ("could at least", "could might|least even",
     r"\b(?:could|might)\s+(?:at\s+least|even)\s+(?:tell|let|reply|answer|"
                       r"send|give|have|read|respond|acknowledge|call)\b"),
    ("care denied", "nobody no no-one|cares care cared bother bothers bothered",
     r"\b(?:nobody|no\s+one|no-one)\s+(?:\w+\s+){0,4}?(?:cares?|cared|"
                    r"bothers?|bothered)\b"),
    ("care denied", "care bother bothered",
     r"\b(?:you|they|he|she|your\s+\w+|the\s+(?:company|team|panel|"
                    r"recruiter|firm))\s+(?:\w+\s+){0,2}?(?:don't|doesn't|didn't|never|"
                    r"couldn't|can't|won't)\s+(?:even\s+|really\s+)?(?:care|bother|"
                    r"bothered)\b"),
    ("care denied", "bothered",
     r"\b(?:couldn't|could\s+not|can't|cannot)\s+(?:even\s+)?be\s+"
                    r"bothered\b"),
)
# Whatever it names in a note to them, calling it a farce is about their side.
FARCE = re.compile(r"\b(?:is|was|are|were|felt\s+like|seemed|seems|looked\s+like)\s+"
                   + _IS_A + r"(?:joke|shambles|farce|circus|charade|pantomime|black\s+hole)\b"
                   r"(?!\s+(?:about|that|"
                   r"i|he|she))")
# Charges that need no name of theirs: in a note to them, they are about them.
NOT_EVEN = re.compile(
    r"\bnot\s+even\s+(?:a|an|one|the)\s+(?:[a-z\-]+\s+)?"
    r"(?:email|reply|call|word|note|response|acknowledg\w*|thank\s+you|rejection|courtesy|"
    r"line)\b")
NOBODY_READ = re.compile(
    r"\b(?:nobody|no\s+one|no-one)\s+(?:\w+\s+){0,3}?(?:even\s+)?(?:read|looked\s+at|opened|"
    r"checked|glanced\s+at|listened\s+to)\s+(?:my|the|a\s+word)\b")
HAD_BETTER = re.compile(
    r"\b(?:had|seen|received|got|experienced)\s+better\s+(?:interviews?|service|"
    r"communication|manners|treatment|organi[sz]ation|feedback|experiences?)\s+(?:at|from|in)\b")
DESERVE = re.compile(
    r"\bwhat\s+(?:i|we)\s+(?:did|have\s+done|had\s+done)\s+to\s+deserve\b"
    r"|\bdeserve\s+(?:this|that)\s+(?:level|kind|sort)\s+of\b")
FOR_SHOW = re.compile(
    r"\b(?:just|only|purely)\s+for\s+show\b|\bbox-ticking\b|\ba\s+box\s+to\s+tick\b|\btick-box\b|\bforegone\s+"
    r"conclusion\b|\balready\s+had\s+someone\s+in\s+mind\b|\b(?:job|role|position|vacancy)"
    r"\s+(?:\w+\s+){0,2}?(?:never\s+existed|was\s+never\s+real|(?:was|is)\s+(?:fake|a\s+"
    r"ghost))\b")
MORE_FROM_A = re.compile(
    r"\b(?:had|got|received|get)\s+(?:more|better)\s+(?:feedback|communication|responses?|"
    r"replies|manners|courtesy|warmth|sense)\s+(?:out\s+)?(?:from|of)\s+(?:a|an|my)\b")
NEXT_CANDIDATE = re.compile(
    r"\b(?:quicker|faster|better|kinder|more\s+\w+)\s+(?:\w+\s+)?(?:with|for|to|than)\s+"
    r"(?:your|the)\s+next\s+(?:candidate|applicant|hire|one|person)\b")
SAYS_EVERYTHING = re.compile(
    r"\bhung\s+up\s+on\s+me\b|\bwhich\s+says\s+(?:everything|it\s+all|a\s+lot|all\s+i\s+"
    r"need)\b")
TREATED_AS = re.compile(
    r"\btreated\s+(?:me\s+|us\s+|candidates\s+)?(?:as|like)\s+(?:an?\s+)?(?:afterthought|"
    r"number|inconvenience|nuisance|option|nobody|child|children|criminal|suspect)\b"
    r"|\btreat\s+(?:\w+\s+){0,2}?(?:better|worse)\s+than\b"
    r"|\b(?:feel|felt|feels)\s+like\s+(?:an?\s+)?(?:interrogations?|ambush|cross-examination|"
    r"torture|inquisition)\b")
EVEN_WAS = re.compile(r"\beven\s+(?:was|is|were|are|means|meant)\s*[.?!]*\s*$")
NOT_RECOMMEND = re.compile(
    r"\b(?:won't|will\s+not|wouldn't|would\s+not|never|can't|cannot)\s+(?:be\s+)?"
    r"recommend(?:ing)?\s+(?:you|your|this|them|working|anyone)\b")
COUNTED_FAILURE = re.compile(
    r"\b(?:twice|three\s+times|four\s+times|several\s+times|\d+\s+times|repeatedly)\b"
    r"[^.?!]{0,30}?\b(?:and|but)\s+(?:then\s+)?(?:never|nothing|still)\b")
RIDDLED = re.compile(r"\briddled\s+with\b|\bfull\s+of\s+(?:mistakes|errors|typos)\b")
BETTER_THINGS = re.compile(r"\b(?:have|got)\s+better\s+things\s+to\s+do\b")
WASTING_TIME = re.compile(
    r"\bwast(?:e|es|ed|ing)\s+(?:candidates'|people's|applicants'|everyone's|so\s+many\s+"
    r"people's)\s+time\b")
NOBODY_DOES = re.compile(
    r"\b(?:and|but)\s+(?:nobody|no\s+one|no-one)\s+(?:ever\s+)?(?:does|did|do)\b"
    r"|\b(?:nothing|silence)\s+in\s+return\b|\bgot\s+(?:only\s+)?silence\b")
CHARGED: tuple[tuple[str, str, str], ...] = (
    ("common decency", "decency courtesy",
     r"\b(?:common|basic|simple)\s+(?:decency|courtesy)\b"),
    ("wasted enough", "wasted",
     r"\bwasted\s+(?:enough|so\s+much|too\s+much|far\s+too\s+much)\s+(?:of\s+)?(?:my|our)\s+"
     r"time\b"),
    ("anyone actually", "actually",
     r"\b(?:anyone|anybody|someone)\s+(?:there\s+|at\s+\w+\s+)?(?:is\s+)?actually\s+(?:reading|"
     r"read|reads|listening|working|looking)\b"),
    ("at least the coffee", "least",
     r"^\s*at\s+least\s+(?:the|your)\s+\w+(?:\s+\w+)?\s+(?:was|were|is|are)\s+(?:good|nice|"
     r"great|decent|lovely|excellent|free)\b"),
    ("more interested in", "interested|than",
     r"\bmore\s+interested\s+in\s+(?:\w+\s+){1,3}?than\s+(?:in\s+)?(?:me|my|the\s+interview|"
     r"candidates|listening)\b"),
    ("lined up", "start beginning outset",
     r"\b(?:lined\s+up|in\s+mind)\s+from\s+the\s+(?:start|beginning|outset)\b"),
    ("all the precision of", "precision organisation organization professionalism efficiency "
                             "warmth charm urgency",
     r"\bwith\s+all\s+the\s+(?:\w+\s+)?(?:precision|organi[sz]ation|professionalism|efficiency|"
     r"warmth|charm|urgency)\s+of\s+an?\b"),
    ("forgotten", "forgotten",
     r"\b(?:been|was|were)\s+(?:clearly|completely|obviously)\s+forgotten\b|\b(?:you've|you\s+"
     r"have|they've|you)\s+forgotten\s+(?:about\s+)?me\b"),
    ("in for", "they're he's she's they've are|know knows|what",
     r"\bknows?\s+what\s+(?:they're|they\s+are|he's|she's|they've\s+got)\s+(?:in\s+for|let\s+"
     r"themselves\s+in\s+for)\b"),
    ("made it easy", "easy",
     r"\bmade\s+it\s+(?:very\s+|so\s+|really\s+)?easy\s+(?:for\s+me\s+)?to\s+(?:accept|choose|"
     r"walk|say\s+no|decline|go\s+elsewhere|look\s+elsewhere)\b"),
    ("didn't realise it meant", "meant",
     r"\bi\s+didn't\s+(?:realise|realize|know)\s+(?:that\s+)?[^.?!]{0,40}?\bmeant\b"),
    ("oh good, another", "another oh",
     r"^\s*(?:oh\s+(?:good|great|joy|wonderful|lovely)|great|brilliant|wonderful|lovely|"
     # "Oh good, another ..." or "Oh joy!" alone; "Oh good, the link works now" is glad
     r"fantastic)\s*,\s+another\b|^\s*oh\s+(?:good|great|joy|wonderful|lovely)\s*[,!.]*\s*$"),
)
MORE_THAN_I = re.compile(
    r"\b(?:more|better)\s+(?:professional|organi[sz]ed|respectful|courteous|considerate|"
    r"honest)\s+(?:\w+\s+)?than\s+(?:i|mine|me|what\s+i)\b")
VANISHED = re.compile(
    r"\b(?:vanish|vanished|vanishes|disappear|disappeared|disappears)\s+(?:into\s+(?:thin\s+"
    r"air|a\s+(?:black\s+hole|void)|the\s+(?:void|ether))|without\s+(?:a\s+)?trace)\b"
    r"|\binto\s+(?:a|the|your)\s+black\s+hole\b")
# A superlative of the writer's experience with them: in a note to them it is about them.
NEVER_SO = re.compile(r"\bnever\s+(?:seen|known|met|experienced|been(?:\s+treated)?|come\s+"
                   r"across)\b[^.?!]{0,60}?\b(?:so\s+(?:badly|poorly|rudely|carelessly|"
                   r"shabbily|coldly|dismissively|unprofessionally|rude|little|"
                   r"insulted|disrespected|humiliated|belittled|patronised|patronized|"
                   r"mistreated|ignored|embarrassed|disappointed\s+(?:by|in))|such\s+"
                   r"(?:rude|poor|bad|shoddy|careless|disrespectful|unprofessional))\b")
_GRIEVANCE = tuple(_pat(*g) for g in GRIEVANCE_PATTERNS)


UNAIMED = (
    Pat("a farce", (frozenset({"joke", "shambles", "farce", "circus", "charade",
                               "pantomime", "hole"}),), FARCE),
    Pat("never so", (frozenset({"never"}),), NEVER_SO),
    Pat("not even", (frozenset({"not"}), frozenset({"even"})), NOT_EVEN),
    Pat("nobody read", (frozenset({"nobody", "no", "no-one"}),), NOBODY_READ),
    Pat("had better", (frozenset({"better"}),), HAD_BETTER),
    Pat("more than I", (frozenset({"more", "better"}), frozenset({"than"})), MORE_THAN_I),
    Pat("what I did to deserve", (frozenset({"deserve"}),), DESERVE),
    Pat("next candidate", (frozenset({"next"}),), NEXT_CANDIDATE),
    Pat("says everything", (frozenset({"hung", "says"}),), SAYS_EVERYTHING),
    Pat("for show", (frozenset({"show", "box-ticking", "tick-box", "tick", "foregone", "mind",
                                "existed", "real", "fake", "ghost"}),), FOR_SHOW),
    Pat("more from a", (frozenset({"more", "better"}), frozenset({"from", "of"})),
        MORE_FROM_A),
    Pat("treated as", (frozenset({"treated", "treat", "feel", "felt", "feels"}),), TREATED_AS),
    Pat("even was", (frozenset({"even"}),), EVEN_WAS),
    Pat("not recommending", (frozenset({"recommend", "recommending"}),), NOT_RECOMMEND),
    Pat("counted failure", (frozenset({"twice", "times", "repeatedly"}),), COUNTED_FAILURE),
    Pat("riddled", (frozenset({"riddled", "full"}),), RIDDLED),
    Pat("better things", (frozenset({"things"}), frozenset({"better"})), BETTER_THINGS),
    Pat("wasting time", (frozenset({"waste", "wastes", "wasted", "wasting"}),), WASTING_TIME),
    Pat("nobody does", (frozenset({"nobody", "no", "no-one", "return", "silence"}),),
        NOBODY_DOES),
    *(_pat(*c) for c in CHARGED),
    Pat("vanished", (frozenset({"vanish", "vanished", "vanishes", "disappear", "disappeared",
                                "disappears", "black"}),), VANISHED),
)

_UNAIMED_NAMES = frozenset(p.name for p in UNAIMED)


# A stretch of time a judgment can describe instead of them: "an awful quarter", "a
# dreadful winter for the depot" (sympathy, not a grievance), unless the sentence speaks of
# how they treated the writer (valence.TREATED).
PERIOD = frozenset({"quarter", "quarters", "year", "years", "winter", "summer", "spring",
                    "autumn", "week", "weeks", "month", "months", "season", "close",
                    "stretch", "spell", "patch", "launch", "period", "time", "few"})
_HOW_TREATED = TREATED - {"me", "my"}  # "thank you for making room for me" treats me well


def grievance(low: str, words: list[str], company: frozenset[str],
              pats: tuple[Pat, ...] | None = None) -> list[str] | None:
    """tone.negative, a grievance aimed at them: the sentence names the reader or their
    side and judges their competence or conduct; the writer's own failings ("I was a bit
    disorganised") and a negated judgment ("not at all chaotic") are not theirs."""
    if pats is None:
        pats = UNAIMED + _GRIEVANCE
    if about_the_work(words):  # "the backlog you described is a mess worth untangling"
        return None
    unaimed = tuple(p for p in pats if p.name in _UNAIMED_NAMES)
    aimed_pats = tuple(p for p in pats if p.name not in _UNAIMED_NAMES)
    for pat in unaimed:
        m = pat.regex.search(low)
        if m:
            return [" ".join(m.group().split())]
    for i, w in enumerate(words):
        if w in CONDUCT_WORDS:
            near = words[max(0, i - UNAIMED_BEFORE):i]
            if SELF.isdisjoint(near) and NEGATORS.isdisjoint(near):
                return [w]
    aimed = [w for w in words if w in AIMED or w in company]
    if not aimed:
        return None
    for i, w in enumerate(words):
        if w in COMPETENCE:
            near = words[max(0, i - SELF_BEFORE):i]
            if any(x in SELF for x in near) or any(x in NEGATORS for x in near):
                continue
            if not PERIOD.isdisjoint(words[i + 1:i + 3]) and _HOW_TREATED.isdisjoint(words):
                continue  # "after such an awful quarter": a hard time of theirs (round seven)
            return [w, aimed[0]]
    for pat in aimed_pats:
        m = pat.regex.search(low)
        if m:
            return [" ".join(m.group().split()), aimed[0]]
    return None


# -- a failed expectation (echoic reminder) ----------------------------------------------
# Kreuz and Glucksberg (1989), "How to be sarcastic: the echoic reminder theory of verbal
# irony": sarcasm reminds the reader of an expectation they failed. In a note to an
# employer: the courtesy it "would have been nice" to get, a reply "too much to hope for",
# not holding one's breath, expecting better.
EXPECTATIONS: tuple[tuple[str, str, str], ...] = (
    ("too much to ask", "much|ask hope expect trouble effort bother work",
     r"\btoo\s+much\s+(?:to\s+(?:ask|hope|expect)|(?:trouble|effort|bother|work)\s+to)\b"),
    ("you'd think", "think thought hope expected",
     r"\b(?:(?:you'd|you\s+would|one\s+would|one'd)\s+(?:think|hope|have\s+thought|have\s+"
     r"hoped)|(?:i'd|i\s+would)\s+have\s+(?:thought|hoped|expected))\s+(?:that\s+)?(?:a|an|"
     r"the|your|someone|somebody|a\s+company|you|they)\b"),
    ("let me guess", "guess", r"^\s*let\s+me\s+guess\b"),
    ("not surprised", "surprised",
     r"\b(?:can't\s+say\s+i'm|i'm\s+not|not\s+that\s+i'm)\s+(?:at\s+all\s+|really\s+)?"
     r"surprised,?\s+(?:given|after|considering)\b"),
    ("rather no than nothing", "rather",
     r"\brather\s+(?:hear|get|have)\s+(?:a\s+)?no\s+than\s+(?:nothing|silence)\b"),
    ("under the impression", "impression assumed thought|professional serious respectable "
                             "reputable competent organised organized better",
     r"\bi\s+(?:was\s+under\s+the\s+impression|had\s+assumed|had\s+thought|always\s+thought)"
     r"\b[^.?!]{0,60}?\b(?:professional|serious|respectable|reputable|competent|organi[sz]ed|"
     r"better)\b"),
    ("would have cost nothing", "cost taken take hard difficult",
     r"\bwould\s+(?:have\s+)?(?:cost|taken|take)\s+(?:you|them|anyone|someone)\s+(?:nothing|"
     r"a\s+minute|two\s+minutes|five\s+minutes|seconds)\b"
     r"|\bhow\s+(?:hard|difficult)\s+(?:can|could|would|is)\s+it\s+(?:be|have\s+been)?\b"),
    ("grateful you replied", "grateful thankful glad replied responded answered bothered back",
     r"\b(?:should|must)\s+be\s+(?:grateful|thankful|glad)\b|\b(?:replied|responded|answered|"
     r"bothered|wrote\s+back|got\s+back)\s+at\s+all\b"),
    ("feel free to ignore", "ignore", r"\bfeel\s+free\s+to\s+ignore\b"),
    ("remind me why", "remind", r"\bremind\s+me\s+(?:again\s+)?why\b"),
    ("settle for a rejection", "settle rejection",
     r"\bsettle\s+for\s+(?:a|an|any)\s+(?:rejection|no|reply|answer|form\s+letter)\b"
     r"|\ba\s+rejection\s+would\s+be\s+(?:better|nice|preferable|welcome|a\s+relief)\b"),
    ("holding my breath", "breath", r"\b(?:hold|holding)\s+my\s+breath\b"),
    ("would have been nice", "would|have|been",
     r"\bit\s+would\s+have\s+been\s+(?:nice|good|helpful|polite|courteous|decent|great|"
     r"kind|useful|professional)\s+(?:to|if)\b"),
    ("would it have killed", "killed hurt", r"\bwould\s+it\s+have\s+(?:killed|hurt)\b"),
    ("expected better", "expected",
     r"\bexpected\s+(?:much\s+|a\s+lot\s+|far\s+)?(?:better|more)\s+(?:from|of)\b"),
    ("mock sympathy", "must|hard difficult tough exhausting",
     r"\bmust\s+be\s+(?:so\s+)?(?:hard|difficult|tough|exhausting)\s+to\s+(?:find|spare|make|"
     r"type|write|send|pick\s+up|reply|answer|return)\b"),
    ("I'd expect", "expect expected",
     r"\b(?:i'd|i\s+would|you'd|one\s+would|anyone\s+would)\s+(?:have\s+)?expect(?:ed)?\s+"
     r"(?:a\s+company|an?\s+(?:employer|firm|organi[sz]ation|business)|you|your|better)\b"),
    ("that answers it", "answers take",
     r"\b(?:that|this)\s+answers\s+my\s+question\b|\btake\s+(?:that|it|this|the\s+silence)"
     r"\s+as\s+a\s+(?:no|rejection)\b"),
    ("good luck finding", "luck",
     r"\bgood\s+luck\s+(?:finding|getting|hiring|keeping)\s+(?:someone|anyone|somebody|"
     r"people|candidates|staff)\b"),
    ("the silence means no", "silence",
     r"\bi(?:'ll|\s+will)\s+(?:just\s+)?(?:assume|take\s+it)\s+(?:the|your)\s+silence\b"),
)
_EXPECTATION = tuple(_pat(*e) for e in EXPECTATIONS)


def expectation(low: str, words: list[str],
                pats: tuple[Pat, ...] = _EXPECTATION) -> list[str] | None:
    """tone.negative, a failed expectation held up to them (the echoic reminder)."""
    for pat in pats:
        m = pat.regex.search(low)
        if m:
            return [" ".join(m.group().split())]
    return None


# -- imperatives at the reader ------------------------------------------------------------
# Advice lead-ins: "maybe", "perhaps", "next time", "in future", "going forward".
_LEAD = r"(?:maybe|perhaps|next\s+time|in\s+(?:the\s+)?future|going\s+forward|" \
        r"for\s+next\s+time)"
# Verbs of their conduct towards candidates: advising them on these is telling them how
# to do their job.
CONDUCT = ("read", "reply", "respond", "answer", "treat", "hire", "learn", "tell", "train",
           "communicate", "organise", "organize", "respect", "invest", "acknowledge",
           "return", "stop")
_ING = r"(?:reading|replying|responding|answering|treating|hiring|telling|training|" \
       r"communicating|organising|organizing|respecting|acknowledging|returning|checking|" \
       r"paying|showing|giving|letting|getting|being|keeping|writing|calling|emailing)"
IMPERATIVE = re.compile(
    rf"^\s*(?:(?:{_LEAD}\s*,?\s+){{1,2}}(?:just\s+)?(?:{'|'.join(CONDUCT)}|try|learn)\b"
    rf"|(?:don't|do\s+not)\s+(?:even\s+)?bother\b"
    rf"|(?:don't|do\s+not)\s+(?:trouble|strain|exert|inconvenience)\s+yoursel(?:f|ves)\b"
    rf"|(?:please\s+)?stop\s+(?:wasting|ignoring|ghosting|messing|stringing|advertising)\b"
    rf"|next\s+time\s+(?:you|your\s+\w+)\b[^.?!]{{0,60}}?,\s*(?:please\s+)?(?:make\s+sure|"
    rf"ensure|check|remember|try|consider|do|don't|tell|let)\b"
    rf"|(?:maybe|perhaps)\s*,?\s+(?:you|your\s+\w+|they|someone|somebody)\s+(?:could|should|"
    rf"might|can)\s+(?:\w+\s+)?(?:try|consider|start|learn|bother|manage|find\s+time)\b"
    rf"|(?:just\s+)?try\s+{_ING}\b"
    rf"|(?:do\s+|just\s+|please\s+)?learn\s+(?:to|how\s+to)\s+\w+"
    rf"|(?:just\s+)?(?:treat|hire|train|respect)\s+(?:the\s+next|your|people|candidates|"
    rf"applicants|someone|anyone|staff|recruiters|interviewers)\b"
    rf"|(?:just\s+)?read\s+(?:the\s+|my\s+|their\s+)?(?:cvs?|applications?|emails?|"
    rf"messages?|resumes?|covering\s+letters?|cover\s+letters?)\b)")
# Politeness formulas: imperatives every careers site recommends (never advice on their
# conduct).
POLITE = re.compile(
    r"^\s*(?:maybe|perhaps)?\s*,?\s*(?:please\s+)?(?:let\s+me\s+know|feel\s+free|find\s+"
    r"attached|see\s+attached|please\s+find|do\s+let\s+me\s+know|have\s+a\s+(?:great|good|"
    r"nice|lovely|wonderful)|give\s+my\s+(?:best|regards|thanks)|pass\s+(?:on\s+)?my|"
    r"enjoy|take\s+care|keep\s+me\s+(?:in\s+mind|posted)|don't\s+hesitate|do\s+not\s+"
    r"hesitate|say\s+hello|thank\s+you|thanks|be\s+well|stay\s+well|give\s+\w+\s+my)\b")
IMPERATIVE_ANCHORS = frozenset({*CONDUCT, "maybe", "perhaps", "next", "future", "going",
                                "try", "learn", "bother", "suggest", "recommend", "advise",
                                "should", "must", "ought", "want", "trouble", "strain",
                                "exert", "inconvenience", "stop"})


# Advice on how they run things, anywhere in a sentence: "I suggest you review how your
# staff communicate", "you might want to rethink your process".
ADVISE = re.compile(
    r"\b(?:i\s+(?:would\s+|'d\s+|strongly\s+)?(?:suggest|recommend|advise)(?:\s+that)?|"
    r"you\s+(?:should|need\s+to|must|ought\s+to|might\s+want\s+to|may\s+want\s+to))\s+"
    r"(?:you\s+)?(?:\w+\s+)?(?:review|rethink|reconsider|improve|fix|train|look\s+(?:at|into)|"
    r"work\s+on|sort\s+out|learn|overhaul|revisit|tell|remind)\s+(?:\w+\s+){0,2}?(?:how|your|the\s+way|"
    r"process|communication|candidates|applicants|recruiters|staff|interviewers|manners)\b")


def imperative(low: str, words: list[str]) -> list[str] | None:
    """tone.negative, an imperative at the reader: the sentence opens by telling them how
    to conduct themselves ("Maybe try reading the CV", "Learn to reply", "Next time, hire
    ..."), and is not a politeness formula ("Let me know", "Have a great weekend")."""
    if POLITE.match(low):
        return None
    m = IMPERATIVE.match(low) or ADVISE.search(low)
    if m is None:
        return None
    return [" ".join(m.group().split())]


# -- impatience ---------------------------------------------------------------------------
PROMISE = re.compile(
    r"\b(?:(?:you|they|he|she|your\s+\w+|the\s+(?:recruiter|panel|team))\s+(?:\w+\s+)?"
    r"(?:said|promised|told\s+(?:me|us)|assured\s+(?:me|us)|swore|guaranteed|committed)"
    r"|as\s+(?:you\s+)?promised|you\s+were\s+(?:going|supposed)\s+to"
    r"|i\s+was\s+(?:told|promised|assured)"
    r"|your\s+(?:own\s+)?(?:timeline|deadline|estimate|promised\s+date)(?:\s+of\s+\w+\s+\w+)?"
    r")\b")
# The charge that turns a recalled date into an accusation (RULEBOOK "tone.impatient":
# "I still haven't heard"); "still" only as a charge, never "still interested".
CHARGE = re.compile(
    r"\bstill\s+(?:nothing|no\b|not\b|haven't|hasn't|have\s+not|has\s+not|waiting|"
    r"without|silence|silent|zero)"
    r"|\b(?:still\s+)?in\s+(?:the\s+dark|limbo)\b|\bfound\s+out\s+(?:from|on|via|through)\b"
    r"|\bwith\s+still\b|\b(?:yet\s+|and\s+)?here\s+we\s+are\b|"
    r"\b(?:and\s+)?we(?:'re|\s+are)\s+now\s+(?:at|in|on|into|past)\b|\b(?:nothing|no\s+\w+|not\s+a\s+\w+)\s+"
    r"yet\b|,\s*yet\b|\bno\s+(?:word|news|reply|response|answer|update|call|email)\b"
    # "no reply is needed" offers them an out, it charges nothing
    r"(?!\s+(?:is\s+|was\s+|at\s+all\s+)?(?:needed|necessary|required|expected))"
    r"|\bnot\s+(?:a|one)\s+(?:single\s+)?(?:word|reply|person|email|call|peep)\b"
    r"|\bnothing\s+(?:from|at\s+all|so\s+far)\b|\b(?:nobody|no\s+one|no-one)\s+(?:\w+\s+){0,3}?"
    r"(?:has|have|had)\s+(?:yet\s+)?(?:replied|written|been\s+in\s+touch|got(?:ten)?\s+back|"
    r"called|responded|answered|contacted|acknowledged)\b|\?!|!\?"
    r"|\b(?:it\s+is|it's|today\s+is)\s+(?:now\s+)?(?:the\s+\d|\w+day\b|day\s+\w+)"
    r"|\bwhich\s+(?:monday|tuesday|wednesday|thursday|friday|week|month|day|year)\s*\?"
    r"|\bthen\s+(?:nothing|silence|radio\s+silence|crickets)\b|^\s*(?:nothing|silence|"
    r"crickets)\s*[.!]|\band\s+counting\b|\bnow\s+(?:written|emailed|called|messaged|"
    r"chased)\b"
    r"|\bit\s+(?:has|'s)\s+now\s+been\b|\b(?:it\s+has|it's)\s+been\s+(?:over|more\s+than)\b")
_NUMBER = (r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
           r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:-\w+)?|thirty(?:-\w+)?|"
           r"several|many|\d+)")
ELAPSED = re.compile(
    rf"\b(?:{_NUMBER}\s+(?:weeks|months|days|working\s+days)|week\s+(?:{_NUMBER})\b|"
    r"another\s+(?:week|month|fortnight)|(?:over|more\s+than)\s+(?:a|one)\s+"
    r"(?:week|month)|a\s+(?:whole\s+)?(?:month|fortnight)|(?:waiting|waited)\s+(?:since|for)|since\s+"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|last\s+\w+)|only\s+been|(?:written|emailed|called|messaged|asked|chased|"
    r"followed\s+up|tried)\s+(?:you\s+)?(?:now\s+)?(?:twice|three\s+times|four\s+times|"
    r"five\s+times|several\s+times|\d+\s+times|repeatedly))\b")
# "I'm sure you're very busy, but four weeks is a long time": their being busy granted, then
# the wait held against them (with an elapsed time in the sentence).
BUSY_BUT = re.compile(
    r"\b(?:i\s+know|i'm\s+sure|i\s+am\s+sure|i\s+realis|i\s+realiz|i\s+understand|i\s+"
    r"appreciate|i\s+get)\w*\s+(?:that\s+)?(?:you(?:'re|\s+are)|everyone(?:'s|\s+is)|things\s+"
    r"are|it(?:'s|\s+is))\s+(?:\w+\s+)?(?:busy|swamped|hectic|slammed|stretched)\b[^.?!]{0,12}?"
    r"\bbut\b")
MOCK_PATIENCE = re.compile(
    r"\b(?:no\s+rush|no\s+hurry|no\s+pressure|no\s+need\s+to\s+(?:rush|hurry)|"
    r"(?:don't|do\s+not)\s+(?:rush|hurry)|good\s+things\s+take\s+time|no\s+worries|"
    r"(?:waiting|waited)\s+patiently|"
    r"feel\s+free\s+to\s+take\s+(?:another|more|a\s+few\s+more)|take\s+(?:all\s+)?(?:the|your)\s+time(?:\s+you\s+need)?|"
    r"in\s+your\s+own\s+(?:good\s+)?time|whenever\s+(?:you|it\s+suits))\b")
# A word every impatience pattern holds (one at least): the note-level gate.
IMPATIENCE_ANCHORS = frozenset({
    "said", "promised", "told", "assured", "swore", "guaranteed", "committed", "going",
    "timeline", "deadline", "estimate", "supposed", "rush", "hurry", "take", "own",
    "whenever", "been", "over", "weeks", "pressure", "still", "chasing", "spent", "spend",
    "spending", "give", "which", "consider", "last", "measured", "worries", "patiently",
    "busy", "swamped", "hectic", "slammed", "stretched"})
# Time gone by since their promise, said as a punchline ("That was a fortnight ago."):
# neither the length they promised ("you said it would take three weeks") nor a date
# recalled to check in ("as that date has passed", RULEBOOK's advice) is a charge.
PASSED = re.compile(
    r"\b(?:that\s+was\s+(?:\w+\s+){0,3}?(?:ago|weeks|days|months|a\s+(?:month|fortnight))"
    r"|(?:has|have)\s+(?:turned|become|stretched)\s+(?:into\s+)?(?:a|two|three|four|five|"
    r"six|several)\s+(?:weeks?|months?))\b")
# Chasing and ultimatums stand alone: no recalled promise needed.
CHASING = re.compile(
    r"\b(?:spent|spend|spending)\s+(?:more\s+)?(?:time\s+)?chasing\b"
    r"|\bchasing\s+(?:you|your\s+\w+|this|them)\s+(?:for|since)\b"
    r"|\bstill\b[^.?!]{0,40}?\bas\s+(?:it\s+was|you\s+said|they\s+said)\b[^.?!]{0,30}?"
    r"\bago\b"
    r"|\bmeasured\s+in\s+(?:weeks|months|years)\b"
    r"|\blike\s+(?:the|my)\s+last\s+(?:two|three|four|five|few|several|\d+)\b"
    r"|\bi(?:'ll|\s+will)\s+give\s+you\s+until\b|\bafter\s+which\s+i(?:'ll|\s+will)\b"
    r"|\bconsider\s+(?:the\s+matter|this|it|my\s+application)\s+(?:closed|withdrawn|dead)\b")
COUNT = re.compile(r"\b(?:it\s+has|it's|it\s+is)\s+(?:now\s+|only\s+)?been\b|\bover\s+a\s+"
                   r"month\b|\bweeks\s+(?:later|on)\b")


_AHEAD = ("in ", "within ", "another ", "next ")


def _ahead(low: str, at: int) -> bool:
    """An elapsed time that lies ahead ("I'll check in again in two weeks"), not behind."""
    before = low[max(0, at - 9):at]
    return before.endswith(_AHEAD)


def impatience(low: str, words: list[str], after: str) -> list[str] | None:
    """tone.impatient: a promise quoted back with a charge in this sentence or the next
    (`after`); mock patience beside an elapsed time; time counted with a charge."""
    promise = PROMISE.search(low)
    if promise:
        charge = (CHARGE.search(low) or PASSED.search(low, promise.end())
                  or CHARGE.search(after) or PASSED.search(after))
        if charge:
            return [" ".join(promise.group().split()), " ".join(charge.group().split())]
    chase = CHASING.search(low)
    if chase:
        return [" ".join(chase.group().split())]
    mock = MOCK_PATIENCE.search(low) or BUSY_BUT.search(low)
    if mock:
        elapsed = ELAPSED.search(low)
        if elapsed and not _ahead(low, elapsed.start()):
            return [" ".join(mock.group().split()), " ".join(elapsed.group().split())]
    count = COUNT.search(low)
    if count:
        charge = CHARGE.search(low, count.end())
        if charge and ELAPSED.search(low):
            return [" ".join(count.group().split()), " ".join(charge.group().split())]
    return None


# Shouting at them for an answer (round seven): "Any update???", "So... any decision?!",
# "Update please!!!", "ANY NEWS?". Doubled marks or capitals on a request for news; an
# excited "Thank you!!" is no request and passes.
SHOUT = re.compile(r"[?!][?!]")
_SHOUTS = ("??", "?!", "!?", "!!")  # the note-level gate: substring tests, in C
_CAPS_WORDS = ("NEWS", "UPDATE", "ANSWER", "REPLY", "RESPOND", "RESPONSE", "WAITING",
               "DECISION", "ASAP", "HELLO", "ANYONE", "ANYBODY", "WHY", "WHEN", "NOW")
CAPS = re.compile(r"\b(?:[A-Z]{2,}[ \t]+){0,3}(?:" + "|".join(_CAPS_WORDS) + r")S?\b[ \t]*[?!]")
ASKED = frozenset({
    "update", "updates", "news", "answer", "reply", "response", "respond", "decision",
    "decided", "waiting", "wait", "hear", "heard", "word", "anything", "hello", "well",
    "anyone", "anybody", "please", "yet", "offer", "still", "why", "when"})
SHORT_SHOUT = 3  # a shouted question this short ("Well???") asks for news whatever it says;
# a short exclamation ("Wow!!") is delight


def shouting(text: str, low: str, start: int, end: int) -> tuple[int, int, str] | None:
    """(start, end, marks) of a request for news shouted at them, or None."""
    region = low[start:end]
    marks = any(map(region.__contains__, _SHOUTS))
    for m in SHOUT.finditer(low, start, end) if marks else ():
        a = m.start()
        while a > start and low[a - 1] not in ".!?\n":
            a -= 1
        words = _WORD.findall(low, a, m.start())
        short = len(words) <= SHORT_SHOUT and "?" in m.group()
        if words and (short or not ASKED.isdisjoint(words)):
            return a, m.end(), m.group()
    if not any(map(text[start:end].__contains__, _CAPS_WORDS)):
        return None
    caps = CAPS.search(text, start, end)
    return (caps.start(), caps.end(), caps.group()) if caps else None


# -- the check ----------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _positive() -> frozenset[str]:
    """Every word the sarcasm reading takes as praise: the table and VADER's +1.5 up."""
    return POSITIVE_WORDS | frozenset(w for w, v in lexicon().items() if v >= PRAISE)


@dataclass(frozen=True)
class Reading:
    """One reading: the rule it tells, its name and why."""

    rule: str
    name: str
    why: str


SARCASM = Reading(NEGATIVE, "sarcasm as contrast", "praise set against how they treated you")
GRIEVANCE = Reading(NEGATIVE, "grievance", "a judgment of their competence or conduct")
ECHO = Reading(NEGATIVE, "failed expectation",
               "reminding them of the courtesy they did not show")
ADVICE = Reading(NEGATIVE, "imperative", "telling them how to do their job")
IMPATIENCE = Reading(IMPATIENT, "impatience", "their promise or your wait held against them")
READINGS = (SARCASM, GRIEVANCE, ECHO, ADVICE, IMPATIENCE)
_ALL: dict[Reading, tuple[Pat, ...]] = {SARCASM: _SITUATION, GRIEVANCE: UNAIMED + _GRIEVANCE,
                                        ECHO: _EXPECTATION}


def _index(pats: tuple[Pat, ...]) -> dict[str, tuple[Pat, ...]]:
    """Each word of a pattern's first anchor group -> the patterns it opens."""
    out: dict[str, list[Pat]] = {}
    for p in pats:
        for w in p.anchors[0]:
            out.setdefault(w, []).append(p)
    return {w: tuple(ps) for w, ps in out.items()}


_INDEX = {r: _index(pats) for r, pats in _ALL.items()}
_KEYS = {r: frozenset(index) for r, index in _INDEX.items()}
_ORDER = {p: i for pats in _ALL.values() for i, p in enumerate(pats)}
_SAYS = frozenset({"nothing", "says"})  # sarcasm's "Nothing says ... like ..." construction


def _open(r: Reading, words: frozenset[str]) -> tuple[Pat, ...]:
    """The patterns of a reading whose every anchor group meets the words, in table
    order: one set intersection finds the candidates, the rest is a handful of checks."""
    hits = _KEYS[r] & words
    if not hits:
        return ()
    index = _INDEX[r]
    found = {p for w in hits for p in index[w] if p.rest(words)}
    return tuple(sorted(found, key=_ORDER.__getitem__)) if found else ()


def gates(words: frozenset[str], within: dict[Reading, tuple[Pat, ...]] | None = None
          ) -> dict[Reading, tuple[Pat, ...]]:
    """The readings some sentence of a note (or a sentence) with these words could show,
    each with the patterns worth trying (set lookups in C; most notes get none); `within`
    narrows the answer to what an earlier gate (the note's) left open."""
    live: dict[Reading, tuple[Pat, ...]] = {}

    def keep(r: Reading, pats: tuple[Pat, ...]) -> tuple[Pat, ...]:
        return pats if within is None else tuple(p for p in pats if p in within[r])

    if (within is None or SARCASM in within) and not _positive().isdisjoint(words):
        sit = keep(SARCASM, _open(SARCASM, words))
        if sit or _SAYS <= words:
            live[SARCASM] = sit
    if within is None or GRIEVANCE in within:
        grieve = keep(GRIEVANCE, _open(GRIEVANCE, words))
        if grieve or not COMPETENCE.isdisjoint(words):
            live[GRIEVANCE] = grieve
    if within is None or ECHO in within:
        echo = keep(ECHO, _open(ECHO, words))
        if echo:
            live[ECHO] = echo
    if (within is None or ADVICE in within) and not IMPERATIVE_ANCHORS.isdisjoint(words):
        live[ADVICE] = ()
    if (within is None or IMPATIENCE in within) and not IMPATIENCE_ANCHORS.isdisjoint(words):
        live[IMPATIENCE] = ()
    return live


def read_sentence(low: str, after: str, company: frozenset[str],
                  live: dict[Reading, tuple[Pat, ...]] | None = None
                  ) -> tuple[Reading, list[str]] | None:
    """The first reading a sentence shows (lowercase, quotes blanked) and its words;
    `after` is the next sentence (impatience reads a promise's charge there); `live`
    narrows the readings and patterns tried (`gates`), all of them by default."""
    words = _WORD.findall(low)
    if live is not None:  # the note's gates, narrowed to this sentence's words
        live = gates(frozenset(words), live)
    for r in READINGS:
        if live is not None and r not in live:
            continue
        pats = live[r] if live is not None else _ALL.get(r, ())
        if r is SARCASM:
            found = sarcasm(low, words, pats)
        elif r is GRIEVANCE:
            found = grievance(low, words, company, pats)
        elif r is ECHO:
            found = expectation(low, words, pats)
        elif r is ADVICE:
            found = imperative(low, words)
        else:
            found = impatience(low, words, after)
        if found:
            return r, found
    return None


def check(out: Collector) -> None:
    """At most one finding per rule, on the first sentence showing a reading, and only
    for a rule nothing before (phrase families, valence, cues) has found."""
    rules = {r for r in (NEGATIVE, IMPATIENT)
             if out.wants(r) and not any(f.rule == r for f in out.findings)}
    if not rules:
        return
    p = out.parsed
    if IMPATIENT in rules:
        shout = shouting(p.masked, p.lower_masked, *p.body)
        if shout is not None:
            a, b, marks = shout
            out.add(IMPATIENT, a + len(p.masked[a:b]) - len(p.masked[a:b].lstrip()), b,
                    why=f" - shouting: a request for news shouted at them (\"{marks.strip()}\")")
            rules.discard(IMPATIENT)
            if not rules:
                return
    live = {r: pats for r, pats in gates(p.word_set).items() if r.rule in rules}
    if not live:
        return
    low = p.lower_masked
    company = company_words(out.ctx.company)
    spans = sentences(low, *p.body)  # after the greeting (or subject), before the sign-off
    for k, (a, b) in enumerate(spans):
        after = low[spans[k + 1][0]:spans[k + 1][1]] if k + 1 < len(spans) else ""
        found = read_sentence(low[a:b], after, company, live)
        if found is None:
            continue
        reading, carriers = found
        lead = len(low[a:b]) - len(low[a:b].lstrip())
        quoted = ", ".join(f'"{c}"' for c in dict.fromkeys(carriers))
        out.add(reading.rule, a + lead, b,
                why=f" - {reading.name}: {reading.why} ({quoted})")
        rules.discard(reading.rule)
        live = {r: pats for r, pats in live.items() if r.rule in rules}
        if not live:
            return
