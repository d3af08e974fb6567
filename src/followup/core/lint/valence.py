"""tone.negative by structure and valence, for sarcasm and bitterness in words no phrase
list has met (RULEBOOK "tone.negative"; docs/lint-accuracy.md, round three).

A phrase list knows the published phrasings; it misses "It is reassuring to see how much
you value people's time" because none of its words is rude. What carries sarcasm and
bitterness is structure, read here sentence by sentence:

- the words' valence, from VADER's lexicon (Hutto and Gilbert, ICWSM 2014: 7,500 words
  rated -4..+4 by ten raters; MIT licence, the `vadersentiment` package), flipped after a
  negation as VADER does;
- whom the sentence is about: the reader (you, your, the company's name, the panel, the
  recruiters) or the writer alone ("I was disappointed" is the writer's own feeling, fine);
- what it is about: their treatment of the writer (time, weeks, waiting, rounds, the
  decision, how they run things), the tables below;
- irony markers: hyperbole, a mock-assumption ("I can only assume", "no doubt", "I
  suppose", "evidently"), a tag that turns the sentence round ("oh wait", "just saying").

Readings (each finding says which, with its words):
- sarcasm: praise (positive valence) in a sentence about the reader's treatment of the
  writer, with an irony marker;
- bitterness: negative valence aimed at the reader or their process, not the writer's own
  feeling, and not a politeness formula ("sorry to bother you", "no pressure").

Pure: the lexicon is package data (vaderSentiment's own `vader_lexicon.txt`, read with
importlib.resources like the linter's other tables), loaded once, lazily, the first time a
note reaches a sentence that could need it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

from followup.core.lint.base import Collector
from followup.core.lint.needles import Found, register

RULE = "tone.negative"
POSITIVE = 1.5  # sarcasm: a sentence's praise (lexicon sum) at least this
NEGATIVE = -1.9  # bitterness: a sentence's negative valence at most this
NEGATION_SCALAR = -0.74  # VADER's N_SCALAR: "not good" reads as mildly negative
AT_THEM = 6  # bitterness: the reader named at most this many words before the word
SHORT = 5  # a sentence this short aimed at them is an exclamation about them
NEGATION_WINDOW = 3  # words before a rated word that can negate it (VADER reads three)

# A lowercase word of the tone readings (valence, cues, readings.py).
WORD = re.compile(r"[a-z]+(?:['\-][a-z]+)*")
_WORD = WORD


# Function words in a company's name name nobody (round eleven: "the" of "The Grand
# Ambassador Hotel" made every sentence with "the" a sentence aimed at the hotel).
NAME_FUNCTION_WORDS = frozenset({"the", "a", "an", "of", "and", "for", "in", "on", "at", "to",
                                 "by", "with", "de", "la", "le", "et", "und"})


@lru_cache(maxsize=256)
def company_words(company: str | None) -> frozenset[str]:
    """The words of the company's name, lowercase and function words aside: a sentence
    naming them is aimed at them (the tone readings' `company`)."""
    if not company:
        return frozenset()
    return frozenset(WORD.findall(company.lower())) - NAME_FUNCTION_WORDS

NEGATORS = frozenset({
    "not", "no", "never", "nobody", "nothing", "none", "neither", "nor", "hardly",
    "without", "isn't", "aren't", "wasn't", "weren't", "don't", "doesn't", "didn't",
    "won't", "wouldn't", "can't", "cannot", "couldn't", "shouldn't", "haven't", "hasn't",
    "hadn't"})

# "No doubt you'll win it", "without a doubt the best tour": a negator before these
# affirms what follows, it negates nothing (round nine).
AFFIRMED = frozenset({"doubt", "doubts", "question", "wonder"})

# Aimed at the reader or their side of the process.
READER = frozenset({
    "you", "your", "yours", "yourself", "yourselves", "you're", "you've", "you'll",
    "you'd", "panel", "panel's", "recruiter", "recruiters", "interviewer", "hiring",
    "firm", "firms", "company", "company's", "hr", "management", "they", "them",
    "everyone", "nobody"})

# Their treatment of the writer: time, delay, silence, the process.
TREATMENT = frozenset({
    "time", "weeks", "week", "month", "months", "days", "day", "again", "waiting",
    "wait", "waited", "reply", "replies", "replied", "respond", "response", "answer",
    "silence", "updated", "update", "updates", "decision", "decided", "process",
    "applicants", "candidates", "candidate", "people", "people's", "treat", "treats",
    "treated", "form", "email", "emails", "interview", "interviews", "file", "hearing",
    "phone", "minutes"})

# Their success said to repeat itself ("Harwell won the award again", "your clinic was
# rated outstanding again"): "again" after one of these words counts their achievements,
# not their treatment of the writer, so it makes no sarcasm (round twelve; a note
# congratulating a second win in a row, howtowritealetter.net). "Moved again" still counts.
ACHIEVED = frozenset({
    "won", "win", "wins", "winning", "award", "awards", "awarded", "prize", "prizes",
    "rated", "voted", "topped", "tops", "ranked", "shortlisted", "named", "crowned",
    "recognised", "recognized", "honoured", "honored", "record", "title", "medal", "trophy",
    "accolade", "outstanding", "champions", "champion", "grown", "grew", "growing", "expanded",
    "expanding", "doubled", "sold", "booked", "oversubscribed", "promoted", "praised", "hiring",
    "recruiting", "launched", "launching", "investing"})

# Irony markers (Kreuz and Roberts 1995: hyperbole; Kovaz, Kreuz and Riordan 2013:
# interjections; mock assumption and mock certainty). STRONG ones make a sentence aimed
# at the reader sarcastic on their own; the others need praise about their treatment.
STRONG: tuple[tuple[str, ...], ...] = (
    ("we", "both", "know"), ("i", "can", "only", "assume"), ("so-called",),
    ("oh", "wait"), ("just", "saying"))
IRONY: tuple[tuple[str, ...], ...] = (
    *STRONG, ("only",), ("no", "doubt"), ("i", "suppose"), ("evidently",),
    ("apparently",), ("surely",), ("i'm", "sure"), ("i", "am", "sure"),
    ("funny", "idea"), ("so", "much", "for"))
_PADDED = {group: tuple(" ".join(m) for m in group) for group in (STRONG, IRONY)}
# A sentence that is only a tag turning the one before round: "Again.", "Oh wait, you
# didn't.", "Just saying."
TAGS = frozenset({("again",), ("just", "saying"), ("oh", "wait", "you", "didn't"),
                  ("oh", "wait", "you", "haven't"), ("not",), ("or", "not")})

# Words whose valence is a politeness formula or the writer's own feeling, never aimed
# at the reader: "sorry to bother you", "no pressure", "I was disappointed".
POLITE = frozenset({
    "sorry", "bother", "pressure", "miss", "unfortunately", "disappointed",
    "disappointing", "disappointment", "no", "hard", "nervous", "worry", "worried",
    "rejection", "rejected", "reject", "badly", "loss", "tough", "difficult", "problem",
    "problems", "afraid", "sad", "regret", "please", "sure", "thank", "thanks",
    "thankful", "grateful", "appreciate", "appreciated", "interest", "interested",
    "hope", "hoped", "hopefully", "welcome", "glad", "like", "want", "honestly",
    "clearly", "kind", "kindly", "care", "careful", "ok", "okay", "fine", "best",
    "well", "yes", "fair", "agree", "joke", "huge", "big", "fun", "funny"})

SELF = frozenset({"i", "i'm", "i've", "i'd", "i'll", "me", "my", "myself", "we"})


@lru_cache(maxsize=1)
def lexicon() -> dict[str, float]:
    """VADER's word -> mean valence (-4..+4), read once from its package data."""
    text = files("vaderSentiment").joinpath("vader_lexicon.txt").read_text("utf-8")
    out: dict[str, float] = {}
    for line in text.splitlines():
        word, _, rest = line.partition("\t")
        if rest and word.isascii() and word[:1].isalpha():
            out[word] = float(rest.split("\t", 1)[0])
    return out


def _found(words: list[str], markers: tuple[tuple[str, ...], ...]) -> list[str]:
    """The markers (word sequences) that occur in words, as text: one substring test each
    on the words joined with spaces."""
    joined = " " + " ".join(words) + " "
    return [m for m in _PADDED[markers] if f" {m} " in joined]


# "Lost none of", "lose nothing of": a loss denied is a quality kept ("you have lost none of
# the charm I remember", a compliment; round thirteen b): neither the loss nor the negation
# of what follows is read.
LOST = frozenset({"lose", "loses", "losing", "lost"})
KEPT = frozenset({"none", "nothing", "little", "no"})


def _kept(words: list[str], i: int) -> bool:
    """Whether words[i] is the loss or the negation of a loss denied ("lost none of")."""
    w = words[i]
    if w in LOST:
        return i + 1 < len(words) and words[i + 1] in KEPT
    return w in KEPT and i > 0 and words[i - 1] in LOST


def scored(words: list[str]) -> list[tuple[str, float]]:
    """Each rated word with its valence, flipped (VADER's scalar) after a negation."""
    lex = lexicon()
    out = []
    for i, w in enumerate(words):
        v = lex.get(w)
        if v is None or w in POLITE or w in NEGATORS or (w in LOST and _kept(words, i)):
            continue
        if v < 0 and w.endswith("ly") and lex.get(words[i + 1] if i + 1 < len(words) else "",
                                                   0.0) > 0:
            continue  # a degree word before praise: "dangerously good", "awfully kind"
        lo = max(0, i - NEGATION_WINDOW)
        if any(x in NEGATORS and words[j + 1] not in AFFIRMED and not _kept(words, j)
               for j, x in enumerate(words[lo:i], lo)):
            v *= NEGATION_SCALAR
        out.append((w, v))
    return out


# The work's problems, which a good note offers to solve or recalls as they described them
# ("the backlog you described is a mess worth untangling", "I'd love to help untangle the
# chaos of the old codes", "you said the worst part of the old reporting was the batch"):
# a sentence with a verb of solving, or their own account of the work, and no word of how
# they treated the writer judges the work, not them. The readings of tone.negative that
# judge them (bitterness here, sarcasm and grievance in readings.py) skip it.
SOLVING = frozenset({
    "help", "helping", "fix", "fixing", "fixed", "solve", "solving", "solved", "tackle",
    "tackling", "tackled", "untangle", "untangling", "untangled", "improve", "improving",
    "rebuild", "rebuilding", "streamline", "streamlining", "automate", "automating",
    "simplify", "simplifying", "modernise", "modernize", "modernising", "modernizing",
    "clean", "cleaning", "sort", "sorting", "reduce", "reducing", "overhaul", "rework"})
RECALLED = frozenset({"described", "mentioned", "explained", "said", "told", "showed",
                      "walked", "outlined", "shared"})
TREATED = frozenset({
    "hiring", "hire", "hired", "interview", "interviews", "interviewed", "interviewer",
    "interviewers", "recruiter", "recruiters", "recruitment", "recruiting", "candidate",
    "candidates", "applicant", "applicants", "application", "applications", "reply",
    "replies", "replied", "respond", "response", "responses", "responded", "feedback",
    "email", "emails", "call", "calls", "update", "updates", "decision", "communication",
    "scheduling", "rejection", "rejected", "ghosted", "silence", "hear", "heard", "me",
    "my", "offer", "wait", "waiting", "weeks", "months"})


# Their account recalled as a noun ("your point that most tenancies fail early") or told
# candidly ("you were open about how brutal the close was"): round seven.
ACCOUNT = frozenset({"point", "points", "comment", "comments", "remark", "description",
                     "account", "observation", "story", "example", "picture", "summary",
                     "warning", "honesty", "candour", "candor"})
CANDID = frozenset({"open", "honest", "candid", "frank", "upfront", "up-front", "clear",
                    "straight", "realistic"})


def _recalled(words: list[str]) -> bool:
    """Their own account of the work: "you described", "your point that", "you were
    open about"."""
    n = len(words)
    for i, w in enumerate(words[:-1]):
        nxt = words[i + 1]
        if (w == "you" and nxt in RECALLED) or (w == "your" and (
                nxt in ACCOUNT or (i + 2 < n and words[i + 2] in ACCOUNT))):
            return True  # "your point that", "your frank account of"
        if w == "you" and nxt == "were" and i + 2 < n and words[i + 2] in CANDID:
            return True
    return False


def about_the_work(words: list[str], recalled: bool = True) -> bool:
    """Whether a sentence judges the work, not them: a verb of solving (or, with
    `recalled`, their account: "you described", "your point that", "you were open about")
    and no word of how they treated the writer."""
    if not TREATED.isdisjoint(words):
        return False
    if not SOLVING.isdisjoint(words):
        return True
    return recalled and _recalled(words)


# Sympathy with a hard time of theirs ("after such a brutal quarter", "the backlog sounds
# exhausting", "I know it's been a punishing year", "sorry to hear about the outage"): the
# negative word names their situation, not a charge against them (round seven; published
# thank-you notes acknowledge a busy or hard season, workcoachcafe, manager-tools). Never
# with a word of how they treated the writer; a competence judgment is read as a grievance
# in readings.py whatever the frame.
SYMPATHY = tuple(f" {m} " for m in (
    "after such", "sounds", "sounded", "must be", "must have been", "i know", "i imagine",
    "i can imagine", "i hope", "i'm sorry", "sorry to hear", "i was sorry", "good luck",
    "wishing you", "i wish"))


def sympathetic(words: list[str]) -> bool:
    """A sentence of sympathy with their hard situation, not about how they treated the
    writer."""
    if not TREATED.isdisjoint(words):
        return False
    joined = " " + " ".join(words) + " "
    return any(m in joined for m in SYMPATHY)


# Round fourteen (tone.negative; blind batches P's nc06 and Q's nd09): a negative word
# that names the work's topic is no charge: a compound with a word of the work against it
# ("fraud alerts", "crime prevention", "abuse reporting", "scam warnings") or the object of
# an approach or a fight ("your approach to fraud", "the fight against payment fraud"). The
# banking and QA thank-yous published by bpeassistant.com and postpatra.com recall the
# bank's fraud work and the candidate's own test failures cut; "your approach to hiring is a
# fraud" and "your company's failures" still charge them.
REMEDY = frozenset({
    "alert", "alerts", "prevention", "detection", "protection", "reduction", "awareness",
    "reporting", "warnings", "warning", "controls", "checks", "screening", "monitoring",
    "investigation", "investigations", "analysts", "analyst", "unit", "squad", "policy",
    "policies", "training", "response", "recovery", "rate", "rates", "triage", "cases",
    "safeguards", "hotline", "teams", "team"})
# The negative nouns a job's work is about (VADER rates them; none is an adjective, so "your
# awful response" is never a topic).
TOPICS = frozenset({
    "fraud", "frauds", "scam", "scams", "crime", "crimes", "abuse", "theft", "thefts",
    "error", "errors", "failure", "failures", "defect", "defects", "fire", "fires",
    "violence", "harm", "waste", "poverty", "disease", "diseases", "pain", "debt", "debts",
    "loss", "losses", "injury", "injuries", "hazard", "hazards", "outage", "outages", "bug",
    "bugs", "threat", "threats", "attack", "attacks", "spam", "corruption", "bullying",
    "harassment", "neglect", "addiction", "homelessness", "pollution", "flood", "floods",
    "flooding", "danger", "dangers", "stress", "illness", "cancer", "infection",
    "infections", "accident", "accidents", "vandalism", "misinformation", "malware"})
AGAINST = (("approach", "to"), ("approaches", "to"), ("fight", "against"),
           ("war", "on"), ("work", "on"), ("work", "against"), ("stand", "against"),
           ("campaign", "against"), ("guard", "against"), ("protect", "against"),
           ("protection", "from"), ("protecting", "against"))
# "my current company", "our firm", "my old team's panel": a word of the reader's side owned
# by the writer names the writer's employer, not them (round fourteen, nd09's "At my current
# company I reduced our flaky failures").
OWNERS = frozenset({"my", "our"})
# The reader's own words: never the writer's, whatever "my" stands near them.
YOU_WORDS = frozenset({"you", "your", "yours", "yourself", "yourselves", "you're", "you've",
                       "you'll", "you'd", "they", "them"})


def _topic(words: list[str], i: int) -> bool:
    """Whether words[i], a negative word, names the work's topic: a noun of the work
    (`TOPICS`) in a compound with a word of the work against it, or the object of an
    approach or a fight (up to two words before it: "your approach to payment fraud")."""
    if words[i] not in TOPICS:
        return False
    if i + 1 < len(words) and words[i + 1] in REMEDY:
        return True
    for j in range(max(0, i - 4), i - 1):
        if (words[j], words[j + 1]) in AGAINST and i - (j + 2) <= 2:
            return True
    return False


def _owned(words: list[str], k: int) -> bool:
    """Whether words[k], a word of the reader's side, is the writer's ("my current
    company", "our panel"): "my" or "our" in the two words before it."""
    return words[k] not in YOU_WORDS and not OWNERS.isdisjoint(words[max(0, k - 2):k])


def _at_them(words: list[str], word: str, company: frozenset[str]) -> bool:
    """A negative word said of the reader: they are named in the few words before it
    ("you wasted", "your panel was clueless"), or the sentence is a short exclamation
    ("For shame, Acme."); never the writer's feeling ("I was shocked"), the work's topic
    ("your approach to fraud alerts") or the writer's own employer ("at my current
    company ... our failures")."""
    i = words.index(word)
    before = words[max(0, i - AT_THEM):i]
    if any(w in SELF for w in before[-3:]) or _topic(words, i):
        return False
    lo = max(0, i - AT_THEM)
    # the writer's own employer names nobody of theirs, unless the sentence has named
    # them before ("Your interviewer's remarks about my previous company were in very poor
    # taste" is about their interviewer)
    mine = YOU_WORDS.isdisjoint(words[:i])
    aimed = [k for k, w in enumerate(before) if (w in READER or w in company)
             and not (mine and _owned(words, lo + k))]
    if aimed and _recalled(before[aimed[-1]:]):
        return False  # inside their own account: "your point that most tenancies fail"
    return bool(aimed) or len(words) <= SHORT


def again_not_theirs(words: list[str]) -> bool:
    """Whether a sentence's "again" repeats their success ("won the award again") or the
    writer's own state ("I was nervous again"), not their treatment of the writer: a word
    of success before it, or the writer the last one named in the few words before it."""
    at = words.index("again")
    if not ACHIEVED.isdisjoint(words[:at]):
        return True
    for w in reversed(words[max(0, at - AT_THEM):at]):
        if w in READER:
            return False
        if w in SELF:
            return True
    return False


def reading(words: list[str], company: frozenset[str]) -> tuple[str, list[str]] | None:
    """The sentence's reading ("sarcasm" or "bitterness") and the words that carry it."""
    aimed = [w for w in words if w in READER or w in company]
    if not aimed:
        return None
    strong = _found(words, STRONG)
    if strong:
        return "mock certainty", strong[:1] + aimed[:1]
    rated = scored(words)
    neg = [(w, v) for w, v in rated if v < 0 and _at_them(words, w, company)]
    if (sum(v for _, v in neg) <= NEGATIVE and not about_the_work(words)
            and not sympathetic(words)):
        return "bitterness", [w for w, _ in neg] + aimed[:1]
    pos = [(w, v) for w, v in rated if v > 0]
    treated = [w for w in words if w in TREATMENT]
    if "again" in treated and again_not_theirs(words):
        treated = [w for w in treated if w != "again"]  # their success, or the writer's lot
    irony = _found(words, IRONY)
    if sum(v for _, v in pos) >= POSITIVE and treated and irony and not _wish_for_the_hire(
            treated, irony, rated, words):
        return "sarcasm", [w for w, _ in pos] + treated[:1] + irony[:1]
    return None


# The people the writer's "I'm sure ... will" can wish well: the candidate they hired.
HIRED_PEOPLE = frozenset({"candidate", "candidates", "people", "applicants"})
_SURE = frozenset({"i'm sure", "i am sure", "no doubt"})
# A forecast or a wish for them: "... will be a great fit", "..., and I wish them well".
_GOODWILL = frozenset({"will", "they'll", "he'll", "she'll", "wish", "wishing", "luck"})


def _wish_for_the_hire(treated: list[str], irony: list[str], rated: list[tuple[str, float]],
                       words: list[str]) -> bool:
    """A gracious wish for the person they chose (round thirteen): "I am sure the
    candidate you picked will be a great fit" or "The role went to the strongest candidate,
    I'm sure, and I wish them well" names a candidate, not how they treated the
    writer, and forecasts praise with no word against them; "I'm sure your next reply will
    be wonderfully prompt" (a reply), "no doubt the candidates you rejected will be
    thrilled" (a negative word) and "I'm sure your internal candidate will be thrilled with
    my ideas" (the writer after the marker) stay sarcasm."""
    if not (set(treated) <= HIRED_PEOPLE and set(irony) <= _SURE):
        return False
    at = words.index("sure") if "sure" in words else words.index("doubt")
    clause = words[at + 1:]
    for k, w in enumerate(clause):  # the wish runs to "and", "but" ("..., and I wish
        if w in ("and", "but", "so"):  # them well" is the writer's own goodwill)
            clause = clause[:k]
            break
    return (SELF.isdisjoint(clause)
            and not _GOODWILL.isdisjoint(words)
            and all(v > 0 for _, v in rated))


@lru_cache(maxsize=1)
def _negative_words() -> frozenset[str]:
    """The lexicon's negative words that can carry bitterness (politeness left out)."""
    return frozenset(w for w, v in lexicon().items() if v < 0 and w not in POLITE)


_MARKERS = tuple(" ".join(m) for m in IRONY)
_MARKER_SET = register(_MARKERS)
# A tag standing as its own sentence: "(?:^|[.!?][ \t\n]+)(?:tags)[ \t]*[.!?]" (MULTILINE).
# Searched as the tag and its stop alone, a pattern opening with literal words that the
# regex engine scans for in C; what comes before is then checked at each hit (`_tagged`).
_TAG_GATE = re.compile("(?:" + "|".join(" ".join(t) for t in TAGS) + ")[ \t]*[.!?]")


def _tagged(low: str) -> bool:
    """Whether a tag stands as its own sentence: at the start of a line, or after . ! ?
    and one or more spaces, tabs or line breaks."""
    for m in _TAG_GATE.finditer(low):
        at = m.start()
        if at == 0 or low[at - 1] == "\n":
            return True
        j = at
        while j and low[j - 1] in " \t\n":
            j -= 1
        if j < at and j and low[j - 1] in ".!?":
            return True
    return False


# A tag standing as its own sentence is whole words of the note (after a line break or
# spaces, before its stop): a note without every word of some tag holds none, and the
# regex pass of `_tagged` is left out by set lookups.
_TAG_WORDS = tuple(frozenset(t) for t in TAGS)


def _may_tag(words: frozenset[str]) -> bool:
    """False when the note's words (`Parsed.word_set`) lack a word of every tag."""
    return any(t <= words for t in _TAG_WORDS)


def _may_read(words: frozenset[str], low: str, found: Found | None = None) -> bool:
    """False when no sentence of the note can have a reading: no negative word, no irony
    marker, no tag (most notes). Set tests, and the markers looked up in the note's one
    pass (`found`, over `low`) or searched for."""
    marked = (found.any(_MARKER_SET) if found is not None and found.text is low
              else any(map(low.__contains__, _MARKERS)))
    return (not _negative_words().isdisjoint(words) or marked
            or (_may_tag(words) and _tagged(low)))


def _praise(words: list[str]) -> bool:
    """Thanks or praise about their treatment of the writer (what a tag can turn round)."""
    return (any(w in TREATMENT for w in words)
            and sum(v for _, v in scored(words) if v > 0) + 1.5 * ("thanks" in words
                                                                    or "thank" in words)
            >= POSITIVE)


def _quoted(words: list[str]) -> list[str]:
    return [f'"{w}"' for w in dict.fromkeys(words)]


_WHY = {"sarcasm": "praise of how they treated you, with an ironic marker",
        "mock certainty": "an ironic marker aimed at them",
        "tag": "a tag that turns the sentence before it round",
        "bitterness": "negative words aimed at them"}


def check(out: Collector) -> None:
    """tone.negative, by reading: one finding per note, on the first sentence that reads
    as sarcasm or bitterness (the phrase families may have found others)."""
    if not out.wants(RULE) or any(f.rule == RULE for f in out.findings):
        return
    p = out.parsed
    low = p.lower_masked
    if not _may_read(p.word_set, low, p.found_masked):
        return
    start, end = p.body  # after the greeting (or subject), before the sign-off
    company = company_words(out.ctx.company)
    before = False  # the sentence before praised their treatment or spoke of them
    for a, b in p.body_sentences_masked:  # split once for the tone readings
        words = _WORD.findall(low, a, b)
        found = reading(words, company)
        if found is None and before and tuple(words) in TAGS:
            found = "tag", [" ".join(words)]
        if found is None:
            before = _praise(words) or any(w in READER or w in company for w in words)
            continue
        why, carriers = found
        out.add(RULE, a + len(low[a:b]) - len(low[a:b].lstrip()), b,
                why=f" - {why}: {_WHY[why]} ({', '.join(_quoted(carriers))})")
        return
