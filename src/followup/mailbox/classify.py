"""What an incoming mail is (CONTRACT.md "Mailbox decisions"), and which company it speaks for.

Classes: `reply`, `status_update`, `interview_invite`, `rejection`, `offer`,
`application_ack`, `auto_reply`, `bounce`, `unrelated` (and `sent` for the candidate's own).
The words are data (`PHRASES`): each family has a class, a weight and a pattern; the subject
counts twice, a sentence that only says what *might* happen ("if your profile matches, we will
contact you to schedule an interview") counts for nothing. The class with the highest score
wins, ties going to the one earlier in `PRIORITY` (a rejection that thanks you for applying is
a rejection). A class is *certain* when it leads the next one by `MARGIN` or more.

Applicant-tracking systems (`ATS`) send from their own domains, from no-reply addresses, with
the company only in the display name ("Acme via Greenhouse", "Acme Hiring Team"), in the
subject, in the signature, in the sender's local part or sub-domain (Workday's
`acme@myworkday.com`, `acme.wd5.myworkdayjobs.com`), or "on behalf of" it (a `Sender:`
unlike `From:`). `relay_of` says which ATS relayed a mail and `company_texts` gathers where
the company may be named; `mailbox.matching.match_relay` matches it to an opportunity by the
company and role it names.

Patterns written for this project after the ATS's published notification templates and the
issues other trackers' users filed about misclassified mail (a survey while the application is
reviewed is an acknowledgement; "unfortunately" alone decides nothing; a job alert that says
"interview" is not an invitation). Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from followup.mailbox.reading import Mail, decision_date

CLASSES = ("sent", "reply", "status_update", "interview_invite", "rejection", "offer",
           "application_ack", "auto_reply", "bounce", "unrelated")
# Ties go to the class named first: a rejection thanks you for applying; an invitation
# often says "thank you for applying" too.
PRIORITY = ("rejection", "offer", "interview_invite", "status_update", "application_ack",
            "unrelated")
MARGIN = 2  # a lead of this many points makes a class certain
# A decision said in so many words outranks whatever the subject suggests: these points (one
# strong phrase) make the class, whatever else scores.
DECISIVE = {"rejection": 4, "offer": 5}

# Applicant-tracking systems by the domains they send from (a parent domain matches too).
ATS: dict[str, str] = {
    "greenhouse.io": "Greenhouse", "greenhouse-mail.io": "Greenhouse",
    "lever.co": "Lever", "hire.lever.co": "Lever",
    "myworkday.com": "Workday", "myworkdayjobs.com": "Workday", "workday.com": "Workday",
    "smartrecruiters.com": "SmartRecruiters", "smartrecruitersmail.com": "SmartRecruiters",
    "ashbyhq.com": "Ashby", "ashbymail.com": "Ashby",
    "icims.com": "iCIMS", "jobvite.com": "Jobvite", "jobvite-inc.com": "Jobvite",
    "workable.com": "Workable", "workablemail.com": "Workable",
    "bamboohr.com": "BambooHR", "applytojob.com": "JazzHR", "jazz.co": "JazzHR",
    "breezy.hr": "Breezy HR", "recruitee.com": "Recruitee", "teamtailor.com": "Teamtailor",
    "teamtailor-mail.com": "Teamtailor", "personio.de": "Personio", "personio.com": "Personio",
    "successfactors.com": "SAP SuccessFactors", "successfactors.eu": "SAP SuccessFactors",
    "taleo.net": "Oracle Taleo", "oraclecloud.com": "Oracle Recruiting",
    "pinpointhq.com": "Pinpoint", "rippling.com": "Rippling", "paylocity.com": "Paylocity",
    "ultipro.com": "UKG", "ukg.com": "UKG", "dayforcehcm.com": "Dayforce", "gem.com": "Gem",
}
# Job boards: their own mail is alerts and marketing, unless it is a receipt for an
# application sent through them.
JOB_BOARDS = frozenset({
    "linkedin.com", "indeed.com", "indeedemail.com", "glassdoor.com", "ziprecruiter.com",
    "monster.com", "dice.com", "wellfound.com", "otta.com", "welcometothejungle.com",
    "stepstone.de", "xing.com", "simplyhired.com", "careerbuilder.com", "hired.com",
})


@dataclass(frozen=True, slots=True)
class Phrase:
    cls: str
    weight: int
    pattern: re.Pattern[str]
    example: str  # a sentence it must find (tests run every one)
    needs: tuple[str, ...]  # the pattern can only match text holding one of these (lower case)


# The cheap pre-check before the pattern (as Vale's existence rules do): a family whose
# words are absent costs a few substring tests, not a regular-expression scan.
def _p(cls: str, weight: int, pattern: str, example: str) -> Phrase:
    needs = _NEEDS_BY_EXAMPLE[example]
    return Phrase(cls, weight, re.compile(pattern, re.I), example, needs)


_NEEDS_BY_EXAMPLE: dict[str, tuple[str, ...]] = {
    "we have decided to move forward with other candidates": (
        "with other", "with another", "with a different", "with candidates",
        "with applicants"),
    "we will not be moving forward with your application": ("with you", "with the next"),
    "we are pursuing other candidates": ("other candidates", "candidates who",
                                         "candidates whose"),
    "we regret to inform you that the position has been filled": (
        "filled", "regret", "selected", "successful", "offer"),
    "we are no longer considering your application": (
        "no longer", "won't be", "right fit", "right match", "your application"),
    "unfortunately": ("unfortunately",),
    "we are delighted to extend you an offer": ("offer",),
    "Congratulations, we would love you to join the team": ("offer", "congratulations"),
    "we would like to invite you for an interview": (
        "invite", "schedule", "set up", "arrange", "book", "move you forward"),
    "please select a time that suits you": ("time", "slot", "availability", "calendly",
                                           "goodtime", "cal.com", "schedul"),
    "Interview invitation: Data Analyst": ("interview",),
    "could you share your availability for a phone screen": (
        "screen", "interview", "availability", "times work", "days work", "times suit",
        "days suit"),
    "we are still reviewing applications and expect to make a decision by March 20": (
        "still", "currently", "delayed", "taking longer", "next stage", "next step",
        "next round", "on hold", "update on", "news on", "decision"),
    "Your application status has been updated": ("status", "stage", "updated", "moved",
                                                 "get back to you"),
    "We have received your application for Data Analyst": (
        "receiv", "submit", "receipt", "complete", "confirmation"),
    "Thank you for applying to Acme": ("thank",),
    "Our team will review your application": ("review", "sent to"),
    "5 new jobs matching your search": ("job", "role", "opening", "recommended"),
    "we would like to invite you to apply for our open roles": (
        "apply", "open roles", "open positions", "talent", "newsletter", "webinar",
        "hiring event"),
}


PHRASES: tuple[Phrase, ...] = (
    # rejection: the decision words, never "unfortunately" alone
    _p("rejection", 4, r"\b(decided|chosen|decision|elected|opted) (not )?to (move|go|proceed"
       r"|continue)( forward| ahead)? with (other|another|a different|candidates|applicants)",
       "we have decided to move forward with other candidates"),
    _p("rejection", 4, r"\b(not|won't|will not|unable to) (be )?(moving|move|proceed(ing)?|"
       r"progress(ing)?|continu(e|ing)) (forward |further )?with (your|you|the next)",
       "we will not be moving forward with your application"),
    _p("rejection", 4, r"\bpursu(e|ing) other candidates|\bother candidates whose\b|"
       r"\bcandidates (who|whose) (more closely|better) (match|fit|align)",
       "we are pursuing other candidates"),
    _p("rejection", 4, r"\b(position|role|vacancy|opening) has (now )?been filled\b|"
       r"\bregret to (inform|let you know|tell you)\b|\bnot (been )?(selected|successful)\b|"
       r"\bunable to offer you\b|\bwill not be offering\b|\bnot (be )?able to offer you\b",
       "we regret to inform you that the position has been filled"),
    _p("rejection", 3, r"\bno longer (being )?consider(ed|ing) (you|your)\b|"
       r"\bwon't be (moving|taking) (you|your application)\b|\bnot the right (fit|match)\b|"
       r"\b(closed|withdrawn|declined) your application\b",
       "we are no longer considering your application"),
    _p("rejection", 1, r"\bunfortunately\b", "unfortunately"),
    # offer
    _p("offer", 5, r"\b(pleased|happy|delighted|excited|thrilled) to (extend|offer|make)( you)?"
       r"( an?)?( formal| verbal| written)? offer\b|\bwe would like to offer you\b|"
       r"\bwe'd like to offer you\b|\boffer of employment\b|\boffer letter\b",
       "we are delighted to extend you an offer"),
    _p("offer", 3, r"\b(extend|make|making|extending)( you)? (an|a formal|a verbal|our) offer\b|"
       r"\bcongratulations\b.{0,80}\b(offer|join(ing)? (us|the team))\b",
       "Congratulations, we would love you to join the team"),
    # interview invitation or scheduling
    _p("interview_invite", 4, r"\b(like|love|want|happy|pleased|excited) to (invite|schedule|"
       r"set up|arrange|book|move you forward to) (you )?(for |to )?(an? |the |your )?"
       r"(next |first |final |second |onsite |on-site |video |phone |technical )?"
       r"(round|interview|call|chat|conversation|screen|meeting)",
       "we would like to invite you for an interview"),
    _p("interview_invite", 4, r"\b(select|pick|choose|book|schedule|let us know|share|send)"
       r" (a |your |some )?(time|times|slot|slots|availability)\b|"
       r"\b(calendly\.com|goodtime\.io|cal\.com|schedule\.(lever|greenhouse)|"
       r"ashbyhq\.com/schedul|app\.greenhouse\.io/(interview|schedul))",
       "please select a time that suits you"),
    _p("interview_invite", 3, r"\binterview (invitation|request|confirmation|scheduled|"
       r"invite)\b|\binvitation to (an? )?interview\b|\b(your|an) interview (is|has been) "
       r"(scheduled|confirmed|booked)\b|\bnext (step|round) (is|will be) an? (interview|call)",
       "Interview invitation: Data Analyst"),
    _p("interview_invite", 2, r"\b(phone|video|technical|recruiter|initial) (screen|interview)\b"
       r"|\bwhat (times|days) (work|suit)\b|\byour availability\b",
       "could you share your availability for a phone screen"),
    # status update: where things stand
    _p("status_update", 3, r"\b(still|currently) (reviewing|considering|evaluating|"
       r"interviewing)\b|\b(process|decision) (is|has been|will be) (delayed|taking longer)\b|"
       r"\b(moved|advanced|progressed) (you |your application )?to the next (stage|step|round)"
       r"|\bon hold\b|\b(update|news) on (the |your )?(timeline|process|application|candidacy)"
       r"|\b(expect|hope) to (make|reach|have) a (final )?decision\b",
       "we are still reviewing applications and expect to make a decision by March 20"),
    _p("status_update", 2, r"\b(status|stage) of your application (has|was) (changed|updated)|"
       r"\byour application (status )?(has been|was) (updated|moved)\b|"
       r"\bget back to you (by|before|within|early|next|in)\b",
       "Your application status has been updated"),
    # an automatic receipt
    _p("application_ack", 4, r"\b(we('ve| have)?|has been|was) (successfully )?(received|"
       r"submitted)\b.{0,40}\bapplication\b|\bapplication\b.{0,40}\b(has been|was|is) "
       r"(successfully )?(received|submitted|complete)\b|\bapplication (received|submitted|"
       r"confirmation)\b|\breceipt of your application\b",
       "We have received your application for Data Analyst"),
    _p("application_ack", 3, r"\bthank(s| you) for (applying|your application|submitting|your "
       r"interest in (joining|working))\b|\bthanks again for applying\b",
       "Thank you for applying to Acme"),
    _p("application_ack", 2, r"\b(while|as) (the |our )?(team|we) (is |are )?review(s|ing)? "
       r"your application\b|\b(we|team|recruiters?) will (carefully )?review (your|it)\b|"
       r"\byour application (was|has been) sent to\b",
       "Our team will review your application"),
    # unrelated: alerts, marketing, outreach about other openings
    _p("unrelated", 4, r"\bjob alert\b|\bjobs? (you|that) (may|might|could) (be interested|"
       r"like)|\brecommended (jobs|roles|for you)\b|\bnew jobs? (for you|matching|near you)\b|"
       r"\b\d+\+? new (jobs|roles|openings)\b|\bsimilar (jobs|roles)\b|\bunsubscribe from "
       r"(job|these) alerts\b",
       "5 new jobs matching your search"),
    _p("unrelated", 3, r"\b(invit(e|ation|ing) you to apply|encourage you to apply|"
       r"open (roles|positions) (that|which) (match|fit)|talent (community|network|newsletter)"
       r"|our newsletter|webinar|hiring event)\b",
       "we would like to invite you to apply for our open roles"),
)
# A sentence about what may happen later decides nothing ("if ... we will contact you").
_CONDITIONAL = re.compile(r"\b(if|should|once|whether|in case|may be in touch)\b", re.I)
_CONDITIONAL_CLASSES = frozenset({"interview_invite", "offer", "rejection"})


@dataclass(frozen=True, slots=True)
class Verdict:
    """What an incoming mail is, how sure that is, and the date it names."""

    cls: str
    certain: bool
    why: str  # the phrase family or header that decided, for the mail log's reason
    date: date | None = None
    ats: str | None = None  # the tracking system that relayed it


def _domain_suffixes(domain: str) -> list[str]:
    parts = domain.lower().split(".")
    return [".".join(parts[n:]) for n in range(len(parts) - 1)]


def relay_of(mail: Mail) -> str | None:
    """The applicant-tracking system a mail came through (its From, Sender or Reply-To at
    one of the ATS's domains), or None."""
    for address in (mail.sender_email, *mail.relay.split()):
        for suffix in _domain_suffixes(address.rpartition("@")[2]):
            if suffix in ATS:
                return ATS[suffix]
    return None


def from_job_board(mail: Mail) -> bool:
    return any(s in JOB_BOARDS for s in _domain_suffixes(mail.sender_email.rpartition("@")[2]))


def _sentences(text: str) -> list[str]:
    flat = " ".join(text.split())
    return [s for s in re.split(r"(?<=[.!?;:])\s+|\n", flat) if s][:60]


def scores(subject: str, text: str) -> tuple[dict[str, int], dict[str, str]]:
    """Points per class, and the example of the family that gave each class its points."""
    points: dict[str, int] = {}
    found: dict[str, str] = {}
    flat = " ".join(text.split())
    units: list[tuple[str, int]] | None = None
    low = f"{subject}\n{flat}".lower()
    for phrase in PHRASES:
        # the cheap pre-check, then one search over the whole text: most mail has none of a
        # family's words
        if not any(word in low for word in phrase.needs):
            continue
        if not phrase.pattern.search(subject) and not phrase.pattern.search(flat):
            continue
        if units is None:
            units = [(subject, 2)] + [(s, 1) for s in _sentences(text)]
        for unit, factor in units:
            if not unit or not phrase.pattern.search(unit):
                continue
            if factor == 1 and phrase.cls in _CONDITIONAL_CLASSES \
                    and _CONDITIONAL.search(unit):
                continue
            points[phrase.cls] = points.get(phrase.cls, 0) + phrase.weight * factor
            found.setdefault(phrase.cls, phrase.example)
            break  # a family counts once (its best place: the subject is tried first)
    return points, found


def classify(mail: Mail, *, outgoing: bool = False, matched: bool = False) -> Verdict:
    """The class of one mail (the text should be its new text, quoted history cut).

    `matched`: the mail already belongs to an opportunity (its thread, a recorded address):
    a mail with no job words is then a `reply`; otherwise it is `unrelated`.
    """
    if outgoing:
        return Verdict("sent", True, "the candidate's own note")
    if mail.auto == "bounce":
        return Verdict("bounce", True, "a delivery failure report")
    ats = relay_of(mail)
    points, found = scores(mail.subject, mail.text)
    ranked = sorted(points.items(), key=lambda kv: (-kv[1], PRIORITY.index(kv[0])))
    if mail.auto == "out-of-office" or (mail.auto == "auto-reply" and not ranked):
        return Verdict("auto_reply", True, mail.auto, ats=ats)
    if matched and mail.auto is None and not from_job_board(mail):
        # a person writing about an opportunity of ours (an agency mentioning it): the
        # words of alerts and outreach don't make it unrelated; it stays a question
        ranked = [(c, p) for c, p in ranked if c != "unrelated"]
    decisive = [(c, p) for c, p in ranked if p >= DECISIVE.get(c, 99)]
    if decisive:  # "An update on your application" that declines is a rejection
        cls, top = decisive[0]
        other = next((p for c, p in decisive if c != cls), 0)
        return Verdict(cls, top - other >= MARGIN, f"says: {found[cls]!r}", None, ats)
    if ranked and ranked[0][1] >= 2:
        cls, top = ranked[0]
        if cls == "rejection" and top < 3:  # "unfortunately" and nothing else
            cls, top = (ranked[1] if len(ranked) > 1 else ("reply", 0))
            if cls == "reply" or top < 2:
                return _fallback(mail, matched, ats)
        second = next((p for c, p in ranked if c != cls), 0)
        when = _named_date(cls, mail)
        return Verdict(cls, top - second >= MARGIN, f"says: {found[cls]!r}" if cls in found
                       else cls, when, ats)
    return _fallback(mail, matched, ats)


def _fallback(mail: Mail, matched: bool, ats: str | None) -> Verdict:
    if mail.auto == "newsletter" or from_job_board(mail):
        return Verdict("unrelated", True, "a newsletter or job board's mail", ats=ats)
    if ats is not None:
        return Verdict("status_update", False, f"from {ats}, with no decision words",
                       _named_date("status_update", mail), ats)
    if matched:
        return Verdict("reply", True, "a personal answer",
                       _named_date("reply", mail), ats)
    return Verdict("unrelated", True, "no job words, no opportunity", ats=ats)


def _named_date(cls: str, mail: Mail) -> date | None:
    if cls not in ("reply", "status_update", "interview_invite"):
        return None
    return decision_date(mail.text, mail.at.date()) if cls != "interview_invite" \
        else _interview_day(mail)


_INTERVIEW_DAY = re.compile(r"\b(interview|call|meet|chat|screen|onsite|on-site)\b", re.I)


def _interview_day(mail: Mail) -> date | None:
    """The day an invitation names for the interview, when it names one."""
    from followup.mailbox.reading import _DATE_PHRASE, phrase_day

    for sentence in _sentences(mail.text)[:40]:
        if not _INTERVIEW_DAY.search(sentence):
            continue
        for m in _DATE_PHRASE.finditer(sentence):
            found = phrase_day(m.group(1), mail.at.date())
            if found is not None:
                return found
    return None


# -- where an ATS mail names the company ---------------------------------------------------

_DISPLAY_NOISE = re.compile(r"\b(via|on behalf of|through)\b.*$|\b(hiring|recruiting|talent|"
                            r"careers?|people|hr|jobs|recruitment|acquisition|team|no-?reply|"
                            r"notifications?)\b", re.I)


def company_texts(mail: Mail) -> list[tuple[str, str]]:
    """(where, text) pairs an ATS mail may name the company in, most telling first: the
    display name (before "via"), the local part and sub-domain at the ATS, the subject, the
    signature (the last lines), then the whole text."""
    out: list[tuple[str, str]] = []
    name = mail.sender_name
    before_via = re.split(r"\b(?:via|on behalf of|through)\b", name, maxsplit=1, flags=re.I)
    out.append(("the sender's name", " ".join(_DISPLAY_NOISE.sub(" ", before_via[0]).split())))
    if len(before_via) > 1:  # "Greenhouse on behalf of Acme": the company after
        out.append(("the sender's name", _DISPLAY_NOISE.sub(" ", before_via[-1])))
    for address in (mail.sender_email, *mail.relay.split()):
        local, _, domain = address.partition("@")
        suffix = next((s for s in _domain_suffixes(domain) if s in ATS), None)
        if suffix is not None:
            sub = domain[:-len(suffix)].strip(".")
            out.append(("the ATS address", f"{local.replace('.', ' ')} {sub.replace('.', ' ')}"))
    out.append(("the subject", mail.subject))
    lines = [line for line in mail.text.splitlines() if line.strip()]
    out.append(("the signature", " ".join(lines[-4:])))
    out.append(("the text", mail.text[:4000]))
    return out
