"""Calendar invites become interviews: match the invite to an opportunity, then record it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from followup.errors import UsageError
from followup.model import (
    Case,
    Interview,
    Opportunity,
    Person,
)
from followup.service.records import _text
from followup.store import Store, new_person_slug, new_slug

if TYPE_CHECKING:
    from followup.ical import Invite



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
    from followup.ical import local_zone, parse_invite

    zone, zone_name = local_zone(tz or store.get_candidate().timezone)
    invite = parse_invite(data, source, zone=zone, zone_name=zone_name,
                          me=my_addresses(store, me))
    if not invite.people:
        raise UsageError(f"{source}: nobody but you on the invite; add the interviewers with "
                         "`followup add interview --with`")
    return invite


def match_invite(store: Store, invite: Invite) -> InviteMatch:
    """The opportunity an invite belongs to: one with an interview from the same invite (its
    UID: a rescheduled copy), else one whose people's addresses are on it, else one whose
    company the invite names; otherwise a new one from the invite's words."""
    from followup.ical import company_domains, domain_label, suggest_company_role

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
    the ids of everyone on the invite in its order."""
    people = list(case.people)
    created: list[Person] = []
    ids: list[str] = []
    for attendee in invite.people:
        n, person = next(
            ((n, p) for n, p in enumerate(people)
             if attendee.email and p.email and p.email.lower() == attendee.email), (-1, None))
        if person is None:
            n, person = next(((n, p) for n, p in enumerate(people)
                              if p.name.casefold() == attendee.name.casefold()), (-1, None))
        if person is None:
            person = Person(id=new_person_slug(attendee.name, {p.id for p in people}),
                            name=attendee.name, email=attendee.email)
            people.append(person)
            created.append(person)
        elif person.email is None and attendee.email:
            person = replace(person, email=attendee.email)
            people[n] = person
        if person.id not in ids:
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
    from followup.ical import round_from_summary

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
        return result[0]
    with store.writing() as conn:
        opportunity = Opportunity(id=new_slug(company or "", role or "", store.slugs(conn)),
                                  company=company or "", role=role or "")
        case = change(Case(opportunity=opportunity))
        store.save_case(case, conn=conn)
    return replace(result[0], created_opportunity=True)
