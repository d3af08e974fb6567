"""Calendar invites become interviews: match the invite to an opportunity, then record it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from followup.core.dates import say_moment
from followup.core.errors import UsageError
from followup.core.limits import MAX_ITEMS
from followup.core.model import (
    Case,
    Interview,
    Opportunity,
    Person,
)
from followup.service.contexts import Context
from followup.service.records import _text
from followup.store import Store, new_person_slug, new_slug

if TYPE_CHECKING:
    from followup.calendar.ical import Attendee, Invite

__all__ = ["Cancellation", "Confirm", "ImportedInvite", "InviteMatch", "InviteOutcome",
           "ReplyResult", "apply_reply", "cancel_interview", "cancellation", "find_invited",
           "go_on", "import_invite", "invite_to_interview", "match_invite", "my_addresses",
           "older_copy", "read_invite", "remember_copy", "reply_target"]



# -- calendar invites ------------------------------------------------------------------


@dataclass(frozen=True)
class InviteMatch:
    """Where an invite should go: an existing opportunity (`ref`) or a new one."""

    ref: str | None
    company: str | None
    role: str | None
    reason: str


@dataclass(frozen=True)
class ImportedInvite:
    case: Case
    interview: Interview  # the new or moved interview, or the one already recorded
    new_people: tuple[Person, ...]
    created_opportunity: bool
    already_recorded: bool
    moved_from: datetime | None = None  # a rescheduled invite: the interview's old time
    linked: bool = False  # already recorded by hand: it now remembers the invite's UID


def my_addresses(store: Store, extra: Sequence[str] = ()) -> list[str]:
    """The candidate's own addresses: the profile's and any given with `--me`."""
    mine = [store.get_candidate().email or "", *extra]
    return [m.strip().lower() for m in mine if m and m.strip()]


def read_invite(store: Store, data: bytes, source: str, *, me: Sequence[str] = (),
                tz: str | None = None) -> Invite:
    """Parse an invitation in the candidate's zone (`tz`, else the profile's, else the
    machine's), skipping the candidate's own addresses; refuse one with nobody else on it."""
    from followup.calendar.ical import local_zone, parse_invite

    zone, zone_name = local_zone(tz or store.get_candidate().timezone)
    invite = parse_invite(data, source, zone=zone, zone_name=zone_name,
                          me=my_addresses(store, me))
    if len(invite.people) > MAX_ITEMS and invite.method in ("REQUEST", "PUBLISH"):
        # limits.MAX_ITEMS: what is recorded can always be exported and imported again
        raise UsageError(f"{source}: {len(invite.people):,} people on the invite besides you; "
                         f"an interview records at most {MAX_ITEMS} interviewers, so this is "
                         "no interview (record one with `followup add interview --with`)")
    if not invite.people and invite.method in ("REQUEST", "PUBLISH"):
        raise UsageError(f"{source}: nobody but you on the invite; add the interviewers with "
                         "`followup add interview --with`")
    return invite


def match_invite(store: Store, invite: Invite) -> InviteMatch:
    """The opportunity an invite belongs to: one with an interview from the same invite (its
    UID: a rescheduled copy), else one whose people's addresses are on it, else one whose
    company the invite names; otherwise a new one from the invite's words."""
    from followup.calendar.ical import company_domains, domain_label, suggest_company_role

    candidate = store.get_candidate()
    company, role = suggest_company_role(invite, [candidate.name] if candidate.name else [])
    addresses = {p.email for p in invite.people if p.email}
    words = f"{invite.summary}\n{invite.description}".casefold()
    labels = {domain_label(d) for d in company_domains(invite)}
    scored: list[tuple[int, Case]] = []
    for case in store.load_cases(active_only=True):
        known = {p.email.lower() for p in case.people if p.email}
        name = case.opportunity.company.casefold()
        if invite.uid and any(i.invite_uid == invite.uid for i in case.interviews):
            scored.append((3, case))
        elif addresses & known:
            scored.append((2, case))
        elif name in words or name.replace(" ", "") in labels or name.split()[0] in labels:
            scored.append((1, case))
    if scored:
        best = max(score for score, _ in scored)
        top = [case for score, case in scored if score == best]
        if len(top) == 1:
            opp = top[0].opportunity
            why = {3: "an earlier copy of the invite is recorded there",
                   2: "people on the invite are recorded there"}.get(
                best, f"the invite names {opp.company}")
            return InviteMatch(opp.id, opp.company, opp.role, why)
        ids = ", ".join(c.opportunity.id for c in top)
        return InviteMatch(None, company, role,
                           f"several opportunities match ({ids}); name one with --opportunity")
    return InviteMatch(None, company, role, "no recorded opportunity matches the invite")


def _attendees(case: Case, invite: Invite) -> tuple[tuple[Person, ...], tuple[Person, ...],
                                                   list[str]]:
    """The case's people with the invite's added or given their address, the new ones, and
    the ids of everyone on the invite in its order. Linear in people and attendees: the
    lookups are dictionaries (an all-hands invite has thousands of attendees)."""
    people = list(case.people)
    by_email = {p.email.lower(): n for n, p in reversed(list(enumerate(people))) if p.email}
    by_name = {p.name.casefold(): n for n, p in reversed(list(enumerate(people)))}
    taken = {p.id for p in people}
    counters: dict[str, int] = {}
    created: list[Person] = []
    ids: list[str] = []
    listed: set[str] = set()
    for attendee in invite.people:
        n = by_email.get(attendee.email, -1) if attendee.email else -1
        if n < 0:
            n = by_name.get(attendee.name.casefold(), -1)
        if n < 0:
            person = Person(id=new_person_slug(attendee.name, taken, counters), name=attendee.name,
                            title=attendee.title, email=attendee.email)
            n = len(people)
            people.append(person)
            created.append(person)
            taken.add(person.id)
            by_name.setdefault(person.name.casefold(), n)
            if person.email:
                by_email.setdefault(person.email, n)
        else:
            person = people[n]
            if (person.email is None and attendee.email) or (
                    person.title is None and attendee.title):
                person = replace(person, email=person.email or attendee.email,
                                 title=person.title or attendee.title)
                people[n] = person
                if person.email:
                    by_email.setdefault(person.email.lower(), n)
        if person.id not in listed:
            listed.add(person.id)
            ids.append(person.id)
    return tuple(people), tuple(created), ids


def invite_to_interview(
    store: Store, invite: Invite, *, ref: str | None = None, company: str | None = None,
    role: str | None = None, round: int | None = None,
) -> ImportedInvite:
    """Record the interview an invite describes, its people with their addresses.

    With `ref`, into that opportunity; else a new opportunity from `company` and `role`, all
    in one transaction. People already recorded (same address, else same name) are reused
    and get the address when they had none. An interview recorded from the same invite (its
    UID) is moved to the invite's time, gaining anyone new on it: calendars resend an invite
    with the same UID when it is rescheduled. An interview already recorded at that very
    time is left as it is (importing the same invite twice changes nothing), except that one
    recorded by hand learns the invite's UID, so a later reschedule moves it.
    """
    from followup.calendar.ical import round_from_summary

    if ref is None:
        company = _text(company, "--company", required=True)
        role = _text(role, "--role", required=True)
    result: list[ImportedInvite] = []

    def change(case: Case) -> Case:
        uid = invite.uid or None
        earlier = next((i for i in case.interviews if uid and i.invite_uid == uid), None)
        if earlier is not None and earlier.at == invite.start:
            result.append(ImportedInvite(case, earlier, (), False, True))
            return case
        if earlier is None:
            same = next((i for i in case.interviews if i.at == invite.start), None)
            if same is not None:
                if same.invite_uid is None and uid:  # recorded by hand: remember the invite
                    linked = replace(same, invite_uid=uid)
                    case = replace(case, interviews=tuple(
                        linked if i is same else i for i in case.interviews))
                    result.append(ImportedInvite(case, linked, (), False, True, linked=True))
                    return case
                result.append(ImportedInvite(case, same, (), False, True))
                return case
        people, created, ids = _attendees(case, invite)
        if earlier is not None:  # the same invite, rescheduled: move the interview
            moved = replace(earlier, at=invite.start, interviewers=(
                *earlier.interviewers, *(i for i in ids if i not in earlier.interviewers)))
            new = replace(case, people=people, interviews=tuple(
                moved if i is earlier else i for i in case.interviews))
            result.append(ImportedInvite(new, moved, created, False, False,
                                         moved_from=earlier.at))
            return new
        number = round or round_from_summary(invite.summary) or (
            max((i.round or 0 for i in case.interviews), default=0) + 1)
        existing = {i.id for i in case.interviews}
        slug, k = f"r{number}", 2
        while slug in existing:
            slug, k = f"r{number}-{k}", k + 1
        interview = Interview(id=slug, at=invite.start, round=number, format=invite.format,
                              interviewers=tuple(ids), invite_uid=uid)
        new = replace(case, people=people, interviews=(*case.interviews, interview))
        result.append(ImportedInvite(new, interview, created, False, False))
        return new

    if ref is not None:
        store.update_case(ref, change)
        remember_copy(store, invite)
        return result[0]
    with store.writing() as conn:
        opportunity = Opportunity(id=new_slug(company or "", role or "", store.slugs(conn)),
                                  company=company or "", role=role or "")
        case = change(Case(opportunity=opportunity))
        store.save_case(case, conn=conn)
    remember_copy(store, invite)
    return replace(result[0], created_opportunity=True)


# -- copies, cancellations and replies (RFC 5546) ---------------------------------------


def _sent(moment: datetime | None) -> str:
    return f", sent {say_moment(moment)} UTC" if moment is not None else ""


def older_copy(store: Store, invite: Invite) -> str | None:
    """Why this copy is older than the newest one imported (SEQUENCE first, then DTSTAMP,
    RFC 5546 2.1.5), or None when it is as new or newer, or the first seen."""
    from followup.store.calendars import invite_revision

    if not invite.uid:
        return None
    seen = invite_revision(store, invite.uid)
    if seen is None:
        return None
    older = invite.sequence < seen.sequence or (
        invite.sequence == seen.sequence and invite.stamp is not None
        and seen.stamp is not None and invite.stamp < seen.stamp)
    if not older:
        return None
    what = "a cancellation" if seen.method == "CANCEL" else "a copy"
    return (f"an older copy of this invite (SEQUENCE {invite.sequence}{_sent(invite.stamp)}) "
            f"than {what} already imported (SEQUENCE {seen.sequence}{_sent(seen.stamp)})")


def remember_copy(store: Store, invite: Invite) -> None:
    """The newest copy so far: later, an older one changes nothing."""
    from followup.store.calendars import Revision, save_invite_revision

    if invite.uid:
        save_invite_revision(store, invite.uid,
                             Revision(invite.sequence, invite.stamp, invite.method))


def find_invited(store: Store, invite: Invite) -> tuple[Case, Interview] | None:
    """The interview recorded from this invite (its UID), in any opportunity."""
    if not invite.uid:
        return None
    for case in store.load_cases():
        for interview in case.interviews:
            if interview.invite_uid == invite.uid:
                return case, interview
    return None


@dataclass(frozen=True)
class Cancellation:
    case: Case
    interview: Interview


def cancellation(store: Store, invite: Invite) -> Cancellation:
    """The interview a METHOD:CANCEL (or STATUS:CANCELLED) invite cancels, checked: refused
    when none is recorded from it, or when notes on it would be lost."""
    found = find_invited(store, invite)
    if found is None:
        raise UsageError(f"{invite.source}: this is a cancellation (METHOD:CANCEL) of an "
                         "interview not recorded here; nothing changed")
    case, interview = found
    if interview.topics or interview.next_steps or interview.promised:
        raise UsageError(f"{invite.source}: the invitation for {case.opportunity.id} "
                         f"{interview.id} was cancelled, but the interview has notes (topics, "
                         "next steps or a promise); remove it yourself with `followup edit "
                         f"{case.opportunity.id}`")
    return Cancellation(case, interview)


def cancel_interview(store: Store, invite: Invite, found: Cancellation) -> Case:
    """Remove the cancelled interview (the planner then plans nothing for it); its people
    stay. The cancellation is remembered, so a stale copy of the invite cannot bring it
    back."""
    def change(case: Case) -> Case:
        return replace(case, interviews=tuple(
            i for i in case.interviews if i.id != found.interview.id))

    case = store.update_case(found.case.opportunity.id, change)
    remember_copy(store, invite)
    return case


@dataclass(frozen=True)
class ReplyResult:
    case: Case
    interview: Interview
    joined: tuple[str, ...]  # names now on the interview
    left: tuple[str, ...]  # names who declined, taken off it


def reply_target(store: Store, invite: Invite) -> tuple[Case, Interview]:
    """The interview a METHOD:REPLY answers, checked: refused with the reason when no
    interview came from that invite or nobody's answer is in it."""
    found = find_invited(store, invite)
    if found is None:
        raise UsageError(f"{invite.source}: a reply (METHOD:REPLY) to an invitation not "
                         "recorded here; nothing changed")
    if not _answers(invite):
        raise UsageError(f"{invite.source}: a reply (METHOD:REPLY) with no answer from anyone "
                         "but you (accepted, tentative or declined); nothing changed")
    return found


def _answers(invite: Invite) -> list[Attendee]:
    return [a for a in invite.people
            if a.partstat in ("ACCEPTED", "TENTATIVE", "DECLINED")
            and (invite.organizer is None or a is not invite.organizer)]


def apply_reply(store: Store, invite: Invite) -> ReplyResult:
    """A METHOD:REPLY updates who attends the interview recorded from the invite: accepted
    or tentative puts the person among its interviewers, declined takes them off."""
    found = reply_target(store, invite)
    answers = _answers(invite)
    case, interview = found
    joined: list[str] = []
    left: list[str] = []

    def change(case: Case) -> Case:
        current = next(i for i in case.interviews if i.id == interview.id)
        coming = [a for a in answers if a.partstat != "DECLINED"]
        people, _, ids = _attendees(case, replace(invite, people=tuple(coming)))
        by_email = {p.email.lower(): p for p in people if p.email}
        by_name = {p.name.casefold(): p for p in people}
        declined = {p.id for a in answers if a.partstat == "DECLINED"
                    for p in [by_email.get(a.email or "") or by_name.get(a.name.casefold())]
                    if p is not None}
        names = {p.id: p.name for p in people}
        kept = [i for i in current.interviewers if i not in declined]
        added = [i for i in ids if i not in kept]
        joined.extend(names[i] for i in added)
        left.extend(names[i] for i in current.interviewers if i in declined)
        moved = replace(current, interviewers=(*kept, *added))
        return replace(case, people=people, interviews=tuple(
            moved if i.id == current.id else i for i in case.interviews))

    new = store.update_case(case.opportunity.id, change)
    remember_copy(store, invite)
    updated = next(i for i in new.interviews if i.id == interview.id)
    return ReplyResult(new, updated, tuple(joined), tuple(left))


# -- the whole use case: `followup import-invite` and the web's upload alike ----------------


Confirm = Callable[["Invite", str, str], None]
"""How a face asks before a write it was not told to make: (the invite, the question, the
one-line reason to give when it cannot ask). It returns to go on, raises to stop."""


def go_on(invite: Invite, question: str, hint: str) -> None:
    """A face whose request is itself the confirmation (the web's upload form)."""


@dataclass(frozen=True)
class InviteOutcome:
    """What importing one invitation did. `kind`: `older` (an older copy: nothing changed),
    `cancelled` (the interview removed), `reply` (who attends updated), `recorded` (a new
    interview, maybe a new opportunity), `moved` (a rescheduled invite moved it) or
    `already` (recorded before: nothing changed, or the invite's UID linked)."""

    invite: Invite
    kind: str
    older: str | None = None
    removed: Cancellation | None = None
    reply: ReplyResult | None = None
    imported: ImportedInvite | None = None


def import_invite(ctx: Context, data: bytes, source: str, *, me: Sequence[str] = (),
                  tz: str | None = None, ref: str | None = None, company: str | None = None,
                  role: str | None = None, round: int | None = None,
                  confirm: Confirm = go_on) -> InviteOutcome:
    """Import an invitation (RFC 5546): an older copy changes nothing; a CANCEL removes the
    interview recorded from it (asked first); a REPLY updates who attends; a REQUEST or
    PUBLISH records the interview into `ref`, else into the opportunity it matches (asked
    first), else into a new one from `company` and `role` (asked first), or moves the one a
    rescheduled copy came from. Every refusal comes before anything is written, the same
    for every face: a cancellation of an interview not recorded here is refused, never
    recorded as a new interview."""
    store = ctx.store
    invite = read_invite(store, data, source, me=me, tz=tz)
    older = older_copy(store, invite)
    if older is not None:
        return InviteOutcome(invite, "older", older=older)
    if invite.method == "CANCEL":
        found = cancellation(store, invite)
        iv = found.interview
        what = f"{found.case.opportunity.id} {iv.id} on {say_moment(iv.at)}"
        confirm(invite, f"The invitation was cancelled: remove {what}?",
                f"{source}: would remove {what} (the invitation was cancelled)")
        cancel_interview(store, invite, found)
        return InviteOutcome(invite, "cancelled", removed=found)
    if invite.method == "REPLY":
        reply_target(store, invite)  # refused before anything is asked
        return InviteOutcome(invite, "reply", reply=apply_reply(store, invite))
    if ref is None:
        match = match_invite(store, invite)
        if match.ref is not None and company is None and role is None:
            confirm(invite, f"Add it to {match.ref} ({match.company}, {match.role})?",
                    f"{source}: would add it to {match.ref} ({match.reason})")
            ref = match.ref
        else:
            company, role = company or match.company, role or match.role
            if not company or not role:
                missing = " and ".join(o for o, v in (("--company", company),
                                                      ("--role", role)) if not v)
                raise UsageError(f"{source}: cannot tell the "
                                 f"{missing[2:].replace('--', '')} from the invite; give "
                                 f"{missing} or --opportunity")
            confirm(invite, f"Record it as a new opportunity: {company}, {role}?",
                    f"{source}: would record a new opportunity {company}, {role} "
                    f"({match.reason})")
    if ref is not None:
        done = invite_to_interview(store, invite, ref=ref, round=round)
    else:
        done = invite_to_interview(store, invite, company=company, role=role, round=round)
    kind = "already" if done.already_recorded else "moved" if done.moved_from else "recorded"
    return InviteOutcome(invite, kind, imported=done)
