"""The content rules of RULEBOOK.md section 2 as data: one row per rule id.

Messages, suggestions and the kinds a rule applies to live here, not in the checks, so
`followup lint --explain RULE` and the checks can never disagree. Ids are a public contract.
"""

from __future__ import annotations

from dataclasses import dataclass

from followup.core.kinds import MESSAGE_KINDS, SHORT_NOTES

ERROR = "error"
WARNING = "warning"
SUGGESTION = "suggestion"  # a rule of thumb: shown, never counted as a problem (as in Vale)
INFO = "info"
SEVERITIES = (ERROR, WARNING, SUGGESTION, INFO)  # most severe first

KINDS = MESSAGE_KINDS
_ALL = frozenset(KINDS)
_SHORT = SHORT_NOTES


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: str
    rule: str  # the rulebook's sentence
    message: str  # str.format template; fields per check
    suggestion: str
    source: str
    kinds: frozenset[str] = _ALL
    # per kind, a severity other than `severity`: where a rule of thumb flags more than 1 in
    # 10 of the notes of that kind the experts publish as good (RULEBOOK section 2)
    by_kind: tuple[tuple[str, str], ...] = ()

    def severity_for(self, kind: str) -> str:
        """The severity this rule reports on a note of this kind."""
        for k, sev in self.by_kind:
            if k == kind:
                return sev
        return self.severity


_TABLE = (
    # length.words, tone.you-i-ratio: rules of thumb at `suggestion`, the severity their
    # accuracy on the field corpus earns (docs/lint-accuracy.md; RULEBOOK section 2).
    Rule("length.words", SUGGESTION, "A thank-you note or check-in stays within 150 words.",
         "{words} words; keep a {kind_name} within {limit}.",
         "Cut the recap of your resume; keep one specific point and one next step.",
         "CB", _SHORT),
    Rule("length.scroll", ERROR,
         "An email so long the reader must scroll (over 250 words) is too long.",
         "{words} words; over {limit} the reader has to scroll.",
         "Cut it to the thanks, one specific point, your interest and the next step.",
         "GD", _ALL - {"letter"}),
    Rule("length.one-page", ERROR, "A mailed letter fits one page (about 350 words).",
         "{words} words; a mailed letter must fit one page (about {limit}).",
         "Cut to one page: thanks, what you'd bring, your interest.",
         "CL", frozenset({"letter"})),
    Rule("length.voicemail", WARNING,
         "A voicemail or phone script is brief: name, number, why you call, your interest, "
         "in about 30 seconds (75 words).",
         "{words} words; a voicemail over {limit} words runs past 30 seconds.",
         "Keep to your name, the role, your interest, one question and your number.",
         "GD, CB", frozenset({"voicemail"})),
    Rule("length.one-liner", WARNING,
         "A one-line \"can you call me back?\" is not a follow-up: say where things stand "
         "and why you're writing (under 25 words).",
         "{words} words; a note under {limit} words reads as a one-liner.",
         "Say where things stand, why you're writing, and restate your interest.",
         "GD", _SHORT),
    Rule("tone.you-i-ratio", SUGGESTION,
         "Say \"you\" about twice as often as \"I\": focus on them.",
         "{you} you-words against {i} I-words (ratio {ratio:.2f}); aim for 2.0 or more.",
         "Turn sentences about yourself into sentences about their team and problems.",
         "CB"),
    Rule("tone.desperate", ERROR, "No neediness.",
         "Sounds needy: \"{excerpt}\".",
         "Show what you'd bring to them instead of how much you need the job.",
         "CB, AAM"),
    Rule("tone.impatient", ERROR, "No impatience or rudeness, no demands for an answer.",
         "Sounds impatient or demanding{why}: \"{excerpt}\".",
         "Ask politely: \"Would you let me know when you expect to decide?\"",
         "GD"),
    Rule("tone.call-me-back", ERROR,
         "Never ask them to call you back. Say you'll follow up again, and give your number "
         "in case they want to reach you.",
         "Asks them to call back: \"{excerpt}\".",
         "Say when you'll follow up, and add \"You can reach me at <number>\".",
         "GD"),
    Rule("tone.name-drop", ERROR,
         "Don't mention someone senior in their company who could put in a good word.",
         "Name-drops {name}: \"{excerpt}\".",
         "Leave them out; let them put in a word themselves.",
         "GD"),
    Rule("tone.gimmick", WARNING,
         "No gimmicks: gifts, flowers, showing up unannounced, stunts.",
         "Gimmick: \"{excerpt}\".",
         "Let the note do the work; skip gifts and visits.",
         "GD"),
    Rule("tone.negative", ERROR,
         "Always gracious and positive: no scathing, sarcastic, bitter or profane words, no "
         "complaint about the process or the people, even after a rejection.",
         "Reads as negative (sarcastic, bitter, rude or profane){why}: \"{excerpt}\".",
         "Keep it gracious: thank them, say what you enjoyed, and leave the door open.",
         "GD, CB"),
    Rule("names.spelling", ERROR,
         "Every name (the person's, the company's) is spelled exactly as recorded.",
         "\"{excerpt}\" looks like a misspelling of \"{name}\".",
         "Write \"{name}\" exactly as recorded.",
         "GD"),
    Rule("names.wrong-recipient", ERROR,
         "The greeting names the person the note is for, not someone else from the interview.",
         "The greeting names {name}, but this note is for {recipient}.",
         "Greet {recipient}.",
         "GD"),
    Rule("personal.copy-paste", WARNING,
         "Each interviewer gets their own note: two notes for the same interview that are "
         "nearly the same text warn.",
         "Nearly the same text as {other} (similarity {score:.2f}).",
         "Write each interviewer about what you discussed with them.",
         "GD"),
    Rule("content.thanks", WARNING, "A thank-you note thanks them for their time.",
         "Doesn't thank them.",
         "Thank them for their time.",
         "CB, GD", frozenset({"thank_you", "letter"})),
    Rule("content.interest", WARNING,
         "Every follow-up restates interest in this position (this one, not any job).",
         "Doesn't restate your interest in this role.",
         "Add a sentence saying you're still excited about {target}.",
         "GD, AAM, CL",
         # final: 1 of 7 good tuning finals flagged in round four (a reply to a rejection
         # asking to be considered "next time"): above 1 in 10 (docs/lint-accuracy.md)
         by_kind=(("final", SUGGESTION),)),
    Rule("content.specifics", WARNING,
         "A thank-you note refers to something specific from the interview (a recorded topic "
         "or challenge) and how you'd tackle it.",
         "Mentions nothing specific from the interview ({what}).",
         "Name one thing you discussed (a problem, a project, a question) and how you'd "
         "tackle it.",
         "CB, GD", frozenset({"thank_you", "letter"})),
    Rule("content.mirror", INFO,
         "Mirror the job listing: use a few of its own key words and phrases.",
         "Uses {used} of the listing's key words; try {keys}.",
         "Use two or three of the listing's own words for what you'd do.",
         "CL"),
    Rule("content.next-step", INFO, "A thank-you note says when you'll follow up.",
         "Doesn't say when you'll follow up.",
         "Add \"I'll check in next week if I haven't heard by then.\"",
         "GD", frozenset({"thank_you"})),
    Rule("content.where-left-off", INFO,
         "A check-in recalls where you left off: the date or timeline they gave.",
         "Doesn't recall the timeline they gave ({promised}).",
         "Add \"You mentioned you'd decide by {promised}.\"",
         "GD", frozenset({"check_in"})),
    Rule("content.value", INFO,
         "A follow-up brings something of value: a relevant article, a finished course, a "
         "new result, a short testimonial.",
         "Brings nothing new of value.",
         "Add one line: an article, a finished course, a new result or a testimonial.",
         "GD, CL, AAM", frozenset({"check_in", "final", "letter"})),
    Rule("content.other-options", INFO,
         "The final message says you are talking with other companies and need to plan.",
         "Doesn't say you're talking with other companies.",
         "Add \"I'm talking with other companies and need to plan.\"",
         "AAM", frozenset({"final"})),
)

RULES: dict[str, Rule] = {r.id: r for r in _TABLE}
SEVERITY_ORDER = {sev: n for n, sev in enumerate(SEVERITIES)}
LOUD = frozenset({ERROR, WARNING})  # what a note must not carry to pass (drafts included)


def severity_label(rule: Rule) -> str:
    """The severity as the docs say it: "warning (voicemail: suggestion)" when kinds differ."""
    if not rule.by_kind:
        return rule.severity
    return rule.severity + " (" + "; ".join(f"{k}: {sev}" for k, sev in rule.by_kind) + ")"


def applies(rule_id: str, kind: str) -> bool:
    """Whether the rulebook's "Which kinds" lets this rule look at a note of this kind."""
    return kind in RULES[rule_id].kinds
