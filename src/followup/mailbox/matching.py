"""Which opportunity and person a message belongs to, most certain first.

1. the thread: In-Reply-To/References name a message we wrote (a draft, a `send`) or one
   already logged: certain;
2. a recorded person's address (From for mail in, To/Cc for mail the candidate sent):
   certain when only one open opportunity has it;
3. the company's domain (taken from its people's addresses, or the company's name in the
   domain): certain for mail the candidate sent there, a question for mail from an unknown
   sender;
4. mail relayed by an applicant-tracking system (`classify.relay_of`: no-reply addresses at
   the ATS's domains, "via", "on behalf of"): the company and role it names, in its display
   name, ATS address, subject or signature: certain when one open opportunity fits;
5. the names in the message (the sender's display name, a recorded name or the company in
   the text): always a question.

Nothing here reads the database or the clock: `service.inbox` builds the `Index` from the
stored cases and passes each message in.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from followup.core.model import Case, Direction, Status, TouchKind
from followup.mailbox.reading import Mail, sent_scores

# Addresses at these belong to people, not to a company: never a company's domain.
FREEMAIL = frozenset({
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com",
    "yahoo.com", "ymail.com", "icloud.com", "me.com", "mac.com", "aol.com", "proton.me",
    "protonmail.com", "pm.me", "gmx.de", "gmx.net", "gmx.com", "web.de", "mail.com",
    "yandex.ru", "yandex.com", "fastmail.com", "hey.com", "zoho.com", "t-online.de",
    "orange.fr", "free.fr", "laposte.net", "libero.it", "qq.com", "163.com", "naver.com",
})


@dataclass(frozen=True, slots=True)
class Known:
    """A Message-ID we wrote or logged: where it belongs."""

    opportunity: str
    person: str | None
    kind: str | None


@dataclass
class Index:
    """What the matching looks messages up in, built once per sync."""

    cases: dict[str, Case]
    me: frozenset[str]  # the candidate's own addresses
    by_message: dict[str, Known]
    by_address: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    by_domain: dict[str, set[str]] = field(default_factory=dict)
    company_words: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def build(cls, cases: list[Case], me: set[str], by_message: dict[str, Known]) -> Index:
        index = cls({c.opportunity.id: c for c in cases},
                    frozenset(a.lower() for a in me if a), dict(by_message))
        by_address: dict[str, list[tuple[str, str]]] = defaultdict(list)
        by_domain: dict[str, set[str]] = defaultdict(set)
        for case in cases:
            slug = case.opportunity.id
            for p in case.people:
                if p.email and "@" in p.email:
                    email = p.email.strip().lower()
                    by_address[email].append((slug, p.id))
                    domain = email.rpartition("@")[2]
                    if domain not in FREEMAIL:
                        by_domain[domain].add(slug)
            for t in case.touches:
                if t.message_id and t.message_id not in index.by_message:
                    index.by_message[t.message_id] = Known(slug, t.person, t.kind.value)
            index.company_words[slug] = _company_words(case.opportunity.company)
        index.by_address, index.by_domain = dict(by_address), dict(by_domain)
        return index

    def domain_opportunities(self, domain: str) -> set[str]:
        """Opportunities whose company uses `domain` (or a parent domain of it)."""
        if not domain or domain in FREEMAIL:
            return set()
        found: set[str] = set()
        parts = domain.split(".")
        for n in range(len(parts) - 1):
            found |= self.by_domain.get(".".join(parts[n:]), set())
        if found:
            return found
        labels = {_fold(x) for x in parts[:-1]}  # acme.example, acmeanalytics.com
        for slug, words in self.company_words.items():
            if words and ("".join(words) in labels or (len(words[0]) >= 4 and words[0] in labels)):
                found.add(slug)
        return found


@dataclass(frozen=True, slots=True)
class Proposal:
    """What the sync makes of one message."""

    outcome: str  # log | queue | skip
    reason: str
    direction: Direction = Direction.IN
    opportunity: str | None = None
    person: str | None = None
    kind: TouchKind = TouchKind.REPLY
    new_by: date | None = None
    status: Status | None = None
    snooze_until: date | None = None
    choices: tuple[str, ...] = ()  # other opportunities it may belong to
    new_address: str | None = None  # an address the person wrote from, not yet recorded


_STOP = {"the", "inc", "llc", "ltd", "gmbh", "co", "corp", "and", "of", "a", "an", "group",
         "company", "ag", "sa", "plc", "limited", "technologies", "labs"}


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _company_words(company: str) -> list[str]:
    words = re.findall(r"[a-z0-9]+", _fold(company))
    return [w for w in words if w not in _STOP] or words


def _name_key(name: str) -> str:
    return " ".join(re.findall(r"[a-z]+", _fold(name)))


def direction_of(mail: Mail, index: Index, in_sent: bool) -> Direction:
    return Direction.OUT if in_sent or mail.sender_email in index.me else Direction.IN


def _prefer_open(slugs: list[str], index: Index) -> list[str]:
    open_ = [s for s in slugs if not index.cases[s].opportunity.status.is_closed]
    return open_ or slugs


def _person_in(case: Case, email: str, name: str) -> str | None:
    for p in case.people:
        if p.email and p.email.strip().lower() == email:
            return p.id
    key = _name_key(name)
    if key:
        for p in case.people:
            if _name_key(p.name) == key:
                return p.id
    return None


def _counterparts(mail: Mail, direction: Direction, index: Index) -> list[tuple[str, str]]:
    if direction is Direction.IN:
        return [(mail.sender_name, mail.sender_email)]
    return [(n, e) for n, e in mail.recipients if e not in index.me]


def match_headers(mail: Mail, index: Index, direction: Direction) -> Proposal | None:
    """Steps 1-3 (thread, address, domain); None when only the text could tell."""
    people = _counterparts(mail, direction, index)
    # 1. the thread; a note the candidate sent may itself be a draft we wrote (its own id)
    own = (mail.message_id,) if direction is Direction.OUT else ()
    for ref in own + mail.in_reply_to:
        known = index.by_message.get(ref)
        if known is not None and known.opportunity in index.cases:
            case = index.cases[known.opportunity]
            person = next((p for n, e in people if (p := _person_in(case, e, n))), None)
            new_address = None
            if person is None and known.person is not None \
                    and case.person(known.person) is not None:
                # a reply from an address we don't know, in the thread of our note to them:
                # the person the note was sent to, and their new address offered
                person = known.person
                if direction is Direction.IN and mail.sender_email not in index.me:
                    new_address = mail.sender_email or None
            return Proposal("log", f"in the thread of {ref}", direction, known.opportunity,
                            person, new_address=new_address)
    for _name, email in people:  # 2. a recorded person's address
        found = index.by_address.get(email, [])
        if not found:
            continue
        slugs = _prefer_open(list(dict.fromkeys(s for s, _ in found)), index)
        if len(slugs) == 1:
            person = next(p for s, p in found if s == slugs[0])
            return Proposal("log", f"from {email}, recorded" if direction is Direction.IN
                            else f"to {email}, recorded", direction, slugs[0], person)
        return Proposal("queue", f"{email} is recorded in {len(slugs)} opportunities",
                        direction, slugs[0], next(p for s, p in found if s == slugs[0]),
                        choices=tuple(slugs))
    for name, email in people:  # 3. the company's domain
        slugs = _prefer_open(sorted(index.domain_opportunities(email.rpartition("@")[2])),
                             index)
        if not slugs:
            continue
        if direction is Direction.OUT and len(slugs) == 1:
            return Proposal("log", f"to {email} at the company's domain", direction, slugs[0])
        return Proposal("queue", f"unknown sender {name + ' ' if name else ''}<{email}> "
                        "at the company's domain" if direction is Direction.IN else
                        f"to {email} at a domain of {len(slugs)} opportunities",
                        direction, slugs[0], None, choices=tuple(slugs))
    return None


_STRONG = ("the sender's name", "the ATS address", "the subject", "the signature")
_ROLE_STOP = {"the", "a", "an", "of", "and", "for", "to", "in", "at", "i", "ii", "iii", "sr",
              "jr", "senior", "junior", "lead", "staff", "principal", "remote", "hybrid"}


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"[a-z0-9]+", _fold(text))) + " "


def _names_role(case: Case, words: str) -> bool:
    role = [w for w in re.findall(r"[a-z0-9]+", _fold(case.opportunity.role))
            if w not in _ROLE_STOP]
    return bool(role) and all(f" {w} " in words for w in role)


def match_relay(mail: Mail, index: Index, direction: Direction) -> Proposal | None:
    """Step 4: mail an applicant-tracking system relayed, by the company and role it names.

    Certain (logged) when the company is named where the ATS puts it (display name, ATS
    address, subject, signature) and one open opportunity at that company fits (its role
    named, or the only one there); a company named only in the running text, or several
    opportunities left, is a question.
    """
    from followup.mailbox.classify import company_texts, relay_of

    if direction is Direction.OUT:
        return None
    ats = relay_of(mail)
    via = re.search(r"\b(via|on behalf of)\b", mail.sender_name, re.I) is not None
    if ats is None and not via and mail.auto is None:
        return None
    texts = company_texts(mail)
    everything = _words(f"{mail.subject}\n{mail.text[:4000]}")
    best: tuple[int, str, list[str]] | None = None
    for rank, (where, text) in enumerate(texts):
        words = _words(text)
        slugs = [slug for slug, cw in index.company_words.items()
                 if cw and len(" ".join(cw)) >= 3 and f" {' '.join(cw)} " in words]
        if slugs:
            best = (rank, where, slugs)
            break
    if best is None:
        return None
    _rank, where, slugs = best
    companies = {index.cases[s].opportunity.company.casefold() for s in slugs}
    slugs = _prefer_open(slugs, index)
    by_role = [s for s in slugs if _names_role(index.cases[s], everything)]
    pick = by_role if len(by_role) == 1 else slugs
    source = f"relayed by {ats}" if ats else "sent on the company's behalf"
    company = index.cases[pick[0]].opportunity.company
    role_note = f" and the role {index.cases[pick[0]].opportunity.role}" if by_role else ""
    reason = f"{source}: {where} names {company}{role_note}"
    if len(pick) == 1 and len(companies) == 1 and where in _STRONG:
        return Proposal("log", reason, direction, pick[0])
    return Proposal("queue", reason + (f"; {len(pick)} opportunities fit" if len(pick) > 1
                                       else ""), direction, pick[0], choices=tuple(pick))


def match_text(mail: Mail, index: Index, direction: Direction) -> Proposal | None:
    """Step 5: the sender's display name, or a recorded name or company in the text."""
    if direction is Direction.OUT:
        return None
    sender_key = _name_key(mail.sender_name)
    found: list[tuple[str, str | None, str]] = []
    for slug, case in index.cases.items():
        for p in case.people:
            key = _name_key(p.name)
            if key and len(key.split()) >= 2 and key == sender_key:
                found.append((slug, p.id, f"the sender's name is {p.name}'s"))
    if not found:
        folded = _fold(f"{mail.subject}\n{mail.text}")
        words = " " + " ".join(re.findall(r"[a-z0-9]+", folded)) + " "
        for slug, case in index.cases.items():
            company = " ".join(index.company_words.get(slug, []))
            if len(company) >= 4 and f" {company} " in words:
                found.append((slug, None, f"the text names {case.opportunity.company}"))
                continue
            for p in case.people:
                key = _name_key(p.name)
                if key and len(key.split()) >= 2 and f" {key} " in words:
                    found.append((slug, None, f"the text names {p.name}"))
                    break
    if not found:
        return None
    slugs = _prefer_open(list(dict.fromkeys(s for s, _, _ in found)), index)
    first = next(f for f in found if f[0] == slugs[0])
    who = f"{mail.sender_name} <{mail.sender_email}>" if mail.sender_name \
        else f"<{mail.sender_email}>"
    return Proposal("queue", f"unknown sender {who}: {first[2]}", direction, slugs[0],
                    first[1], choices=tuple(slugs))


def guess_sent_kind(mail: Mail, case: Case, at: datetime, known: Known | None,
                    person: str | None = None) -> TouchKind:
    """Thank-you, check-in or final for a note the candidate sent: the draft's kind when we
    wrote it; else a weighing of its subject and opening (`reading.sent_scores`), the day
    relative to the interview (within 3 days of one not yet thanked for: a thank-you) and
    what the plan had due for that person on that day (the planner, as `followup today`
    would have shown it). Ties go to the plan's kind, then thank-you, check-in, final."""
    if known is not None and known.kind in {"thank_you", "check_in", "final"}:
        return TouchKind(known.kind)
    points = sent_scores(mail.subject, mail.text)
    before = [i for i in case.interviews if i.at <= at]
    if before:
        last = max(i.at for i in before)
        thanked = any(t.direction is Direction.OUT and t.kind is TouchKind.THANK_YOU
                      and t.at >= last for t in case.touches)
        if not thanked and at - last <= timedelta(days=3):
            points["thank_you"] += 2
        else:
            points["check_in"] += 1
    from followup.core.planner import plan

    due = next((a.kind.value for a in plan(case, at.date()).actions
                if a.kind.value in points and (person is None or a.to in (None, person))), None)
    if due is not None:
        points[due] += 2
    order = ([due] if due else []) + ["thank_you", "check_in", "final"]
    best = max(points.values())
    if best == 0:
        return TouchKind.CHECK_IN
    return TouchKind(next(k for k in order if points[k] == best))
