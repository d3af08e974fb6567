"""The use cases both faces call: the CLI and the web app hold no rule and no query.

Each function takes a `Store` and plain values (the caller parses input and reads the
clock), checks what it is given, and raises a `FollowupError` naming what is wrong before
anything is written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from followup.caseio import check_ident, check_text
from followup.errors import FollowupError, NotFoundError, UsageError
from followup.model import (
    Candidate,
    Case,
    Channel,
    Direction,
    Interview,
    Opportunity,
    Persistence,
    Person,
    Promise,
    PromiseChannel,
    Status,
    Touch,
    TouchKind,
)
from followup.store import Store, new_person_slug, new_slug

if TYPE_CHECKING:
    from followup.ical import Invite, PlannedItem
    from followup.lint import Finding
    from followup.mail import SmtpSettings
    from followup.planner import Action, Pipeline, Plan
    from followup.policy import Policy


def open_store(db: str | None) -> Store:
    return Store.open(db)


def _text(value: str | None, option: str, required: bool = False) -> str | None:
    if value is None:
        if required:
            raise UsageError(f"{option}: missing")
        return None
    return check_text(value, option, required=required)


# -- opportunities ---------------------------------------------------------------------


def add_opportunity(
    store: Store, *, company: str, role: str, field: str | None = None,
    persistence: Persistence | None = None, listing: str | None = None,
    applied_on: date | None = None, send_letter: bool = False, slug: str | None = None,
) -> Case:
    company = _text(company, "--company", required=True) or ""
    role = _text(role, "--role", required=True) or ""
    with store.writing() as conn:
        taken = store.slugs(conn)
        if slug is not None:
            check_ident(slug, "--id")
            if slug in taken:
                raise FollowupError(f"--id: opportunity {slug!r} exists already")
        case = Case(
            opportunity=Opportunity(
                id=slug or new_slug(company, role, taken), company=company, role=role,
                field=_text(field, "--field"), persistence=persistence,
                listing=_text(listing, "--listing-file"), applied_on=applied_on,
                send_letter=send_letter,
            ),
        )
        store.save_case(case, conn=conn)
    return case


def edit_opportunity(store: Store, ref: str, **changes: object) -> Case:
    """Change opportunity fields; `None` leaves a field as it is."""
    wanted = {k: v for k, v in changes.items() if v is not None}
    for key in ("company", "role", "field", "listing"):
        if key in wanted:
            _text(str(wanted[key]), f"--{key}", required=key in ("company", "role"))

    def change(case: Case) -> Case:
        return replace(case, opportunity=replace(case.opportunity, **wanted))  # type: ignore[arg-type]

    return store.update_case(ref, change)


def replace_case(store: Store, ref: str, new: Case) -> Case:
    """`followup edit` in an editor: the whole case file, validated, replaces the stored one."""
    return store.update_case(ref, lambda _old: new)


def set_status(store: Store, ref: str, status: Status) -> str:
    return store.set_status(ref, status)


def delete_opportunity(store: Store, ref: str) -> str:
    return store.delete(ref)


# -- people and interviews -------------------------------------------------------------


def find_person(case: Case, ref: str, option: str) -> Person:
    """A person by id, by exact name, or by an unambiguous first name / id prefix."""
    for p in case.people:
        if p.id == ref:
            return p
    folded = ref.casefold().strip()
    exact = [p for p in case.people if p.name.casefold() == folded]
    if len(exact) == 1:
        return exact[0]
    loose = [p for p in case.people
             if p.id.startswith(folded) or p.name.casefold().split()[0] == folded]
    if len(loose) == 1:
        return loose[0]
    known = ", ".join(f"{p.id} ({p.name})" for p in case.people) or "nobody yet"
    what = "is ambiguous" if loose else "matches nobody"
    raise NotFoundError(f"{option}: {ref!r} {what} in {case.opportunity.id}; known: {known}")


def add_person(
    store: Store, ref: str, *, name: str, title: str | None = None, email: str | None = None,
    phone: str | None = None, contact: bool = False,
) -> Person:
    name = _text(name, "--name", required=True) or ""
    added: list[Person] = []

    def change(case: Case) -> Case:
        if any(p.name.casefold() == name.casefold() for p in case.people):
            raise FollowupError(f"--name: {name!r} is already recorded for {case.opportunity.id}")
        person = Person(
            id=new_person_slug(name, {p.id for p in case.people}), name=name,
            title=_text(title, "--title"), email=_text(email, "--email"),
            phone=_text(phone, "--phone"), contact=contact,
        )
        added.append(person)
        people = tuple(replace(p, contact=False) if contact else p for p in case.people)
        return replace(case, people=(*people, person))

    store.update_case(ref, change)
    return added[0]


@dataclass(frozen=True)
class RecordedInterview:
    case: Case
    interview: Interview
    new_people: tuple[Person, ...]


def record_interview(
    store: Store, ref: str, *, at: datetime, with_names: Sequence[str],
    round: int | None = None, format: str | None = None, topics: Sequence[str] = (),
    next_steps: Sequence[str] = (), promised_by: date | None = None,
    promised_channel: PromiseChannel | None = None, promised_who: str | None = None,
    promised_said: str | None = None,
) -> RecordedInterview:
    """Add an interview; `with_names` naming someone new creates that person."""
    for n, value in enumerate(topics):
        _text(value, f"--topic[{n}]", required=True)
    for n, value in enumerate(next_steps):
        _text(value, f"--next-step[{n}]", required=True)
    result: list[RecordedInterview] = []

    def change(case: Case) -> Case:
        people = list(case.people)
        created: list[Person] = []
        ids: list[str] = []
        for raw in with_names:
            name = _text(raw, "--with", required=True) or ""
            probe = replace(case, people=tuple(people))
            try:
                person = find_person(probe, name, "--with")
            except NotFoundError:
                person = Person(id=new_person_slug(name, {p.id for p in people}),
                                name=name.strip())
                people.append(person)
                created.append(person)
            if person.id not in ids:
                ids.append(person.id)
        probe = replace(case, people=tuple(people))
        who = find_person(probe, promised_who, "--promised-by").id if promised_who else None
        if promised_by is None and (promised_channel or promised_who):
            raise UsageError("--promised-channel/--promised-by need --promised (the date)")
        if who is None and promised_by is not None and ids:
            who = ids[0]
        existing = {i.id for i in case.interviews}
        number = round or (max((i.round or 0 for i in case.interviews), default=0) + 1)
        slug = f"r{number}"
        n = 2
        while slug in existing:
            slug, n = f"r{number}-{n}", n + 1
        interview = Interview(
            id=slug, at=at, round=number, format=_text(format, "--format"),
            interviewers=tuple(ids), topics=tuple(topics), next_steps=tuple(next_steps),
            promised=Promise(by=promised_by, channel=promised_channel, who=who,
                             said=_text(promised_said, "--promised"))
            if promised_by else None,
        )
        new = replace(case, people=tuple(people), interviews=(*case.interviews, interview))
        result.append(RecordedInterview(new, interview, tuple(created)))
        return new

    store.update_case(ref, change)
    return result[0]


# -- touches ---------------------------------------------------------------------------


def log_touch(
    store: Store, ref: str, *, kind: TouchKind, channel: Channel, at: datetime,
    to: str | None = None, from_: str | None = None, note: str | None = None,
    new_by: date | None = None,
) -> tuple[Case, Touch]:
    """Record a contact: `to` for what the candidate sent, `from_` for what they sent."""
    if to and from_:
        raise UsageError("--to and --from: give one (to: you wrote to them; from: they wrote)")
    direction = Direction.IN if from_ else Direction.OUT
    if new_by is not None and direction is not Direction.IN:
        raise UsageError("--new-by: only a message from them (--from) can give a new date")
    case = store.load_case(ref)
    person = find_person(case, to or from_ or "", "--from" if from_ else "--to") \
        if (to or from_) else None
    touch = Touch(at=at, direction=direction, channel=channel, kind=kind,
                  person=person.id if person else None, new_by=new_by,
                  note=_text(note, "--note"))
    store.add_touch(case.opportunity.id, touch)
    # An offer or rejection from them closes the opportunity (RULEBOOK section 1).
    if direction is Direction.IN and kind in (TouchKind.OFFER, TouchKind.REJECTION):
        store.set_status(case.opportunity.id,
                         Status.OFFER if kind is TouchKind.OFFER else Status.REJECTED)
    return store.load_case(case.opportunity.id), touch


# -- the candidate ---------------------------------------------------------------------


def update_profile(store: Store, **changes: str | None) -> Candidate:
    current = store.get_candidate()
    wanted = {k: _text(v, f"--{k}") for k, v in changes.items() if v is not None}
    new = replace(current, **wanted)  # type: ignore[arg-type]
    store.save_candidate(new)
    return new


def add_value(store: Store, text: str) -> Candidate:
    """A line of value a follow-up can bring (content.value): a course, a result, a quote."""
    line = _text(text, "VALUE", required=True) or ""
    current = store.get_candidate()
    new = replace(current, values=(*current.values, line.strip()))
    store.save_candidate(new)
    return new


# -- import / export -------------------------------------------------------------------


def import_cases(store: Store, cases: Sequence[Case], *, replace_existing: bool = False) -> None:
    """All or nothing: one transaction, so a clash in the tenth case writes none of them."""
    with store.writing() as conn:
        taken = store.slugs(conn)
        if not replace_existing:
            for case in cases:
                if case.opportunity.id in taken:
                    raise FollowupError(f"opportunity {case.opportunity.id!r} exists already "
                                        "(use --replace to overwrite it)")
        for case in cases:
            store.save_case(case, replace_existing=replace_existing, conn=conn)
    # The case file's candidate fills what the profile lacks; it never overwrites it.
    incoming = next((c.candidate for c in cases if c.candidate != Candidate()), None)
    if incoming is not None:
        current = store.get_candidate()
        merged = Candidate(
            name=current.name or incoming.name, email=current.email or incoming.email,
            phone=current.phone or incoming.phone, country=current.country or incoming.country,
            timezone=current.timezone or incoming.timezone,
            values=current.values or incoming.values,
        )
        if merged != current:
            store.save_candidate(merged)


def last_contact(case: Case) -> Touch | None:
    touches = case.sorted_touches()
    return touches[-1] if touches else None


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
    interview: Interview  # the new interview, or the one already recorded at that time
    new_people: tuple[Person, ...]
    created_opportunity: bool
    already_recorded: bool


def my_addresses(store: Store, extra: Sequence[str] = ()) -> list[str]:
    """The candidate's own addresses: the profile's and any given with `--me`."""
    mine = [store.get_candidate().email or "", *extra]
    return [m.strip().lower() for m in mine if m and m.strip()]


def match_invite(store: Store, invite: Invite) -> InviteMatch:
    """The opportunity an invite belongs to: one whose people's addresses are on it, else
    one whose company the invite names; otherwise a new one from the invite's words."""
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
        if addresses & known:
            scored.append((2, case))
        elif name in words or name.replace(" ", "") in labels or name.split()[0] in labels:
            scored.append((1, case))
    if scored:
        best = max(score for score, _ in scored)
        top = [case for score, case in scored if score == best]
        if len(top) == 1:
            opp = top[0].opportunity
            why = "people on the invite are recorded there" if best == 2 \
                else f"the invite names {opp.company}"
            return InviteMatch(opp.id, opp.company, opp.role, why)
        ids = ", ".join(c.opportunity.id for c in top)
        return InviteMatch(None, company, role,
                           f"several opportunities match ({ids}); name one with --opportunity")
    return InviteMatch(None, company, role, "no recorded opportunity matches the invite")


def invite_to_interview(
    store: Store, invite: Invite, *, ref: str | None = None, company: str | None = None,
    role: str | None = None, round: int | None = None,
) -> ImportedInvite:
    """Record the interview an invite describes, its people with their addresses.

    With `ref`, into that opportunity; else a new opportunity from `company` and `role`, all
    in one transaction. People already recorded (same address, else same name) are reused
    and get the address when they had none. An interview already recorded at that very time
    is left as it is: importing the same invite twice changes nothing.
    """
    from followup.ical import round_from_summary

    if ref is None:
        company = _text(company, "--company", required=True)
        role = _text(role, "--role", required=True)
    result: list[ImportedInvite] = []

    def change(case: Case) -> Case:
        same = next((i for i in case.interviews if i.at == invite.start), None)
        if same is not None:
            result.append(ImportedInvite(case, same, (), False, True))
            return case
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
        number = round or round_from_summary(invite.summary) or (
            max((i.round or 0 for i in case.interviews), default=0) + 1)
        existing = {i.id for i in case.interviews}
        slug, k = f"r{number}", 2
        while slug in existing:
            slug, k = f"r{number}-{k}", k + 1
        interview = Interview(id=slug, at=invite.start, round=number, format=invite.format,
                              interviewers=tuple(ids))
        new = replace(case, people=tuple(people), interviews=(*case.interviews, interview))
        result.append(ImportedInvite(new, interview, tuple(created), False, False))
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


# -- edits the web app's opportunity page makes ----------------------------------------


def edit_person(
    store: Store, ref: str, person_id: str, *, name: str, title: str | None = None,
    email: str | None = None, phone: str | None = None, contact: bool = False,
) -> Person:
    """Replace one person's details (an empty field clears it)."""
    name = _text(name, "name", required=True) or ""
    changed: list[Person] = []

    def change(case: Case) -> Case:
        old = find_person(case, person_id, "person")
        if any(p.id != old.id and p.name.casefold() == name.casefold() for p in case.people):
            raise FollowupError(f"name: {name!r} is already recorded for {case.opportunity.id}")
        new = replace(old, name=name.strip(), title=_blank(title, "title"),
                      email=_blank(email, "email"), phone=_blank(phone, "phone"), contact=contact)
        changed.append(new)
        people = tuple(new if p.id == old.id else
                       (replace(p, contact=False) if contact else p) for p in case.people)
        return replace(case, people=people)

    store.update_case(ref, change)
    return changed[0]


def _blank(value: str | None, option: str) -> str | None:
    """A form's empty field means "none"."""
    if value is None or not value.strip():
        return None
    return _text(value.strip(), option)


def set_promise(
    store: Store, ref: str, interview_id: str, *, by: date | None,
    channel: PromiseChannel | None = None, who: str | None = None, said: str | None = None,
) -> Interview:
    """Set, change or (with `by=None`) clear what they promised at one interview."""
    changed: list[Interview] = []

    def change(case: Case) -> Case:
        found = [i for i in case.interviews if i.id == interview_id]
        if not found:
            known = ", ".join(i.id for i in case.interviews) or "none yet"
            raise NotFoundError(f"interview: no {interview_id!r} in {case.opportunity.id}; "
                                f"known: {known}")
        old = found[0]
        if by is not None and by < old.at.date():
            raise UsageError(f"promised: {by:%a %d %b %Y} is before the interview "
                             f"({old.at:%a %d %b %Y})")
        person = find_person(case, who, "promised by").id if who else None
        if by is None:
            promise = None
        else:
            promise = Promise(by=by, channel=channel,
                              who=person or (old.interviewers[0] if old.interviewers else None),
                              said=_blank(said, "said"))
        new = replace(old, promised=promise)
        changed.append(new)
        return replace(case, interviews=tuple(new if i.id == old.id else i
                                              for i in case.interviews))

    store.update_case(ref, change)
    return changed[0]


def delete_touch(store: Store, ref: str, index: int) -> Touch:
    """Remove a touch logged by mistake; `index` is its place in `case.touches`."""
    removed: list[Touch] = []

    def change(case: Case) -> Case:
        if not 0 <= index < len(case.touches):
            raise NotFoundError(f"touch: no touch number {index} in {case.opportunity.id}")
        removed.append(case.touches[index])
        return replace(case, touches=case.touches[:index] + case.touches[index + 1:])

    store.update_case(ref, change)
    return removed[0]


def snooze_action(store: Store, ref: str, *, kind: str, to: str | None, until: date,
                  today: date) -> str:
    """Hide a planned action from the agenda until `until` (a later day than `today`)."""
    if until <= today:
        raise UsageError(f"snooze: {until:%a %d %b %Y} is not after today "
                         f"({today:%a %d %b %Y})")
    return store.snooze(ref, kind, to or None, until)


# -- composing a message (the web app's compose page) ----------------------------------


@dataclass(frozen=True)
class Checked:
    """A message's lint result for the compose page: findings, body words and the cap."""

    words: int
    limit: int
    findings: tuple[Finding, ...]


_MESSAGE_KINDS = {"thank_you": "thank_you", "letter": "letter", "check_in": "check_in",
                  "final": "final", "application_follow_up": "check_in"}
_DONE_TOUCHES = {"thank_you": TouchKind.THANK_YOU, "letter": TouchKind.OTHER,
                 "check_in": TouchKind.CHECK_IN, "final": TouchKind.FINAL,
                 "application_follow_up": TouchKind.CHECK_IN, "voicemail": TouchKind.CHECK_IN}


def message_kind(action_kind: str, channel: str | None = None) -> str:
    """The linter's and composer's kind for a planned action (a phone check-in is a
    voicemail script)."""
    if action_kind == "check_in" and channel in ("phone", "voicemail"):
        return "voicemail"
    if action_kind in _MESSAGE_KINDS:
        return _MESSAGE_KINDS[action_kind]
    if action_kind == "voicemail":
        return "voicemail"
    raise UsageError(f"kind: nothing to write for {action_kind!r} "
                     f"(kinds: {', '.join(sorted(_MESSAGE_KINDS))})")


def draft_message(store: Store, ref: str, *, kind: str, to: str | None, today: date,
                  channel: str | None = None) -> tuple[Case, str]:
    """The composer's draft for one planned action, as the text the user edits."""
    from followup.compose import draft

    case = store.load_case(ref)
    person = find_person(case, to, "to").id if to else None
    if person is None:
        raise UsageError(f"to: whom to write? {case.opportunity.id} has "
                         + (", ".join(p.name for p in case.people) or "nobody recorded yet"))
    return case, draft(case, message_kind(kind, channel), person, today).text()


def next_message(
    store: Store, ref: str, today: date, *, kind: str | None = None, to: str | None = None,
    policies: Mapping[Persistence, Policy] | None = None,
) -> tuple[Case, str, str]:
    """What `followup draft ID` writes when not told: the planner's next message.

    The first planned action that is a message (not `prepare` or `move_on`), for `to` when
    given; with nothing planned, a thank-you to the contact person.
    """
    from followup.planner import ActionKind, plan

    case = store.load_case(ref)
    wanted = find_person(case, to, "--to").id if to else None
    if kind is None:
        for action in plan(case, today, policies).actions:
            if action.kind in (ActionKind.PREPARE, ActionKind.MOVE_ON) or action.to is None:
                continue
            if wanted is None or action.to == wanted:
                kind = message_kind(action.kind.value,
                                    action.channel.value if action.channel else None)
                wanted = action.to
                break
    person = wanted or (case.contact.id if case.contact else None) or (
        case.people[0].id if case.people else None)
    if person is None:
        raise UsageError(f"{case.opportunity.id}: nobody to write to yet "
                         "(add someone: followup add person)")
    return case, kind or "thank_you", person


def check_message(case: Case, *, kind: str, to: str | None, text: str,
                  channel: str | None = None) -> Checked:
    """Lint a message being written, with the case's names, topics and listing."""
    from followup.lint import context_from_case, lint_reports
    from followup.lint.length import PAGE_LIMIT, SCROLL_LIMIT, WORDS_LIMIT

    mkind = message_kind(kind, channel)
    person = find_person(case, to, "to").id if to else None
    report = lint_reports([text], context_from_case(case, mkind, person))[0]
    limit = (WORDS_LIMIT if mkind in ("thank_you", "check_in", "final")
             else PAGE_LIMIT if mkind == "letter" else SCROLL_LIMIT)
    return Checked(report.words, limit, report.findings)


def split_subject(text: str) -> tuple[str | None, str]:
    """`Subject: ...` on the first line, then the body (how drafts are written)."""
    first, _, rest = text.lstrip("\ufeff").partition("\n")
    if first.lower().startswith("subject:"):
        return first.split(":", 1)[1].strip() or None, rest.lstrip("\n")
    return None, text


def message_eml(case: Case, *, to: str | None, text: str, at: datetime) -> bytes:
    """The web app's "Download .eml": an unsent draft, even before a subject or an address
    is known (the mail program asks for what is missing)."""
    from followup import mail

    subject, body = split_subject(text)
    person = find_person(case, to, "to") if to else None
    draft = mail.Draft(subject or f"{case.opportunity.role} at {case.opportunity.company}",
                       body)
    msg = mail.build_message(
        draft, to_name=person.name if person else None,
        to_email=person.email if person else None, from_name=case.candidate.name,
        from_email=case.candidate.email, date=at if at.tzinfo else at.astimezone(),
        unsent=True)
    return mail.to_bytes(msg)


def mark_sent(store: Store, ref: str, *, kind: str, to: str | None, channel: str | None,
              at: datetime, note: str | None = None) -> Case:
    """Log the touch that completes a planned message: what was sent, to whom, how."""
    if kind not in _DONE_TOUCHES:
        raise UsageError(f"kind: {kind!r} is not something you send")
    case = store.load_case(ref)
    person = find_person(case, to, "to").id if to else None
    how = Channel(channel) if channel in {c.value for c in Channel} else Channel.EMAIL
    if kind == "letter":
        how = Channel.LETTER  # timing.letter: an outgoing letter touch marks it done
    store.add_touch(case.opportunity.id, Touch(at=at, direction=Direction.OUT, channel=how,
                                               kind=_DONE_TOUCHES[kind], person=person,
                                               note=_text(note, "note") if note else None))
    return store.load_case(case.opportunity.id)
# -- planning --------------------------------------------------------------------------


@dataclass(frozen=True)
class Agenda:
    """`followup today`: what to do across all opportunities, and the pipeline's shape."""

    today: date
    horizon: date
    items: tuple[tuple[Case, Action], ...]  # doable by `horizon` (not_before <= it), by due
    plans: tuple[Plan, ...]  # every opportunity's plan, closed ones included
    pipeline: Pipeline
    snoozed: tuple[tuple[Case, Action, date], ...] = ()  # hidden until the date given


def plan_case(store: Store, ref: str, today: date,
              policies: Mapping[Persistence, Policy] | None = None) -> tuple[Case, Plan]:
    from followup.planner import plan

    case = store.load_case(ref)
    return case, plan(case, today, policies)


def agenda(store: Store, today: date, *, days: int = 0,
           policies: Mapping[Persistence, Policy] | None = None) -> Agenda:
    """Every action doable within `days` of `today`, overdue ones included, in due order."""
    from followup.planner import pipeline_summary, plan

    if days < 0:
        raise UsageError(f"--days: must be 0 or more, not {days}")
    horizon = today + timedelta(days=days)
    cases = store.load_cases()
    plans = [plan(c, today, policies) for c in cases]
    sleeping = store.snoozes()
    items, snoozed = [], []
    for c, p in zip(cases, plans, strict=True):
        for a in p.actions:
            until = sleeping.get((c.opportunity.id, a.kind.value, a.to))
            if until is not None and until > today:
                snoozed.append((c, a, until))
            elif a.not_before <= horizon:
                items.append((c, a))
    items.sort(key=lambda item: (item[1].due, item[0].opportunity.id))
    return Agenda(today, horizon, tuple(items), tuple(plans), pipeline_summary(plans),
                  tuple(snoozed))


def complete_action(
    store: Store, ref: str, today: date, at: datetime, *, to: str | None = None,
    kind: str | None = None, policies: Mapping[Persistence, Policy] | None = None,
) -> tuple[Case, Action]:
    """`followup done`: log the touch that completes the next planned action.

    The first action that is due or overdue (else the first listed), for `to` and of `kind`
    when given (the web app's "mark done" names both).
    `move_on` marks the opportunity dormant; `prepare` is done by the interview itself.
    """
    from followup.planner import ActionKind, State

    case, result = plan_case(store, ref, today, policies)
    actions = list(result.actions)
    if to is not None:
        person = find_person(case, to, "--to")
        actions = [a for a in actions if a.to == person.id]
    if kind:
        actions = [a for a in actions if a.kind.value == kind]
    if not actions:
        raise NotFoundError(f"{case.opportunity.id}: nothing planned"
                            + (f" for {to!r}" if to else "") + (f" of kind {kind}" if kind else ""))
    action = next((a for a in actions if a.state is not State.UPCOMING), actions[0])
    if action.kind is ActionKind.PREPARE:
        raise UsageError("prepare is done by holding the interview; record what they said "
                         "with `followup add interview` or `followup edit`")
    if action.kind is ActionKind.MOVE_ON:
        store.set_status(case.opportunity.id, Status.DORMANT)
        return store.load_case(case.opportunity.id), action
    touch = Touch(at=at, direction=Direction.OUT, channel=action.channel or Channel.EMAIL,
                  kind=_DONE_TOUCHES[action.kind.value], person=action.to)
    store.add_touch(case.opportunity.id, touch)
    return store.load_case(case.opportunity.id), action


# -- calendar export and email ---------------------------------------------------------

_EMAIL_DRAFT_KINDS = {"thank_you": "thank_you", "check_in": "check_in", "final": "final"}


def draft_for_action(case: Case, action: Action, today: date) -> tuple[str, str] | None:
    """(subject, body) of the composer's draft for an email action; None for other kinds."""
    if action.to is None or action.channel is not Channel.EMAIL \
            or action.kind.value not in _EMAIL_DRAFT_KINDS:
        return None
    from followup.compose import draft  # type: ignore[import-not-found,import-untyped,unused-ignore]

    made = draft(case, _EMAIL_DRAFT_KINDS[action.kind.value], action.to, today, action=action)
    return str(made.subject), str(made.body)


def calendar_items(store: Store, today: date,
                   policies: Mapping[Persistence, Policy] | None = None) -> list[PlannedItem]:
    """Every planned action of every open opportunity, with its draft's subject line."""
    from followup.ical import PlannedItem
    from followup.planner import plan

    items: list[PlannedItem] = []
    for case in store.load_cases(active_only=True):
        for action in plan(case, today, policies).actions:
            try:
                made = draft_for_action(case, action, today)
            except ModuleNotFoundError:  # the composer is not installed yet: no subject
                made = None
            items.append(PlannedItem(case, action, made[0] if made else None))
    items.sort(key=lambda i: (i.action.due, i.case.opportunity.id))
    return items


@dataclass(frozen=True)
class Outgoing:
    """An email ready to go: the case, who it is for, what kind of note, the draft."""

    case: Case
    person: Person
    kind: TouchKind
    subject: str
    body: str


def outgoing_email(store: Store, ref: str, today: date, *, to: str | None = None,
                   kind: TouchKind | None = None,
                   policies: Mapping[Persistence, Policy] | None = None
                   ) -> tuple[Outgoing, Action | None]:
    """Who the next email goes to and what kind it is: the plan's first due email action
    (for `to` when given), or exactly `to` and `kind` when both are given."""
    from followup.planner import State

    case, result = plan_case(store, ref, today, policies)
    person = find_person(case, to, "--to") if to else None
    action: Action | None = None
    if person is None or kind is None:
        actions = [a for a in result.actions if a.channel is Channel.EMAIL and a.to
                   and a.kind.value in _EMAIL_DRAFT_KINDS
                   and (person is None or a.to == person.id)
                   and (kind is None or a.kind.value == kind.value)]
        if not actions:
            raise NotFoundError(f"{case.opportunity.id}: no email planned"
                                + (f" to {person.name}" if person else "")
                                + "; name one with --to and --kind")
        action = next((a for a in actions if a.state is not State.UPCOMING), actions[0])
        person = case.person(action.to)
        kind = TouchKind(action.kind.value)
    assert person is not None and kind is not None
    if kind.value not in _EMAIL_DRAFT_KINDS:
        raise UsageError(f"--kind: {kind.value} is not an email to send "
                         f"({', '.join(_EMAIL_DRAFT_KINDS)})")
    if not person.email:
        raise UsageError(f"--to: no email address recorded for {person.name} "
                         f"(followup edit {case.opportunity.id})")
    return Outgoing(case, person, kind, "", ""), action


def lint_email(case: Case, kind: TouchKind, person_id: str, text: str) -> list[Any] | None:
    """The linter's findings for a draft; None when the linter is not installed."""
    try:
        from followup.lint import (  # type: ignore[import-not-found,import-untyped,unused-ignore]
            context_from_case,
            lint,
        )
    except ModuleNotFoundError:
        return None
    return list(lint(text, context_from_case(case, kind.value, person_id)))


def send_email(store: Store, outgoing: Outgoing, data: bytes, *, sender: str,
               settings: SmtpSettings, password: str | None, at: datetime) -> tuple[Case, Touch]:
    """Send, then log the touch: only a message the server accepted is recorded."""
    from followup import mail

    assert outgoing.person.email
    mail.send(data, sender=sender, recipients=[outgoing.person.email], settings=settings,
              password=password)
    return log_touch(store, outgoing.case.opportunity.id, kind=outgoing.kind,
                     channel=Channel.EMAIL, at=at, to=outgoing.person.id,
                     note=f"sent: {outgoing.subject}"[:200])
@dataclass(frozen=True)
class Card:
    """One opportunity on the pipeline board."""

    case: Case
    plan: Plan
    last: Touch | None
    next: Action | None


@dataclass(frozen=True)
class Column:
    stage: str
    cards: tuple[Card, ...]


BOARD_STAGES = ("applied", "interviewing", "waiting", "dormant", "closed")


def pipeline_board(store: Store, today: date, *,
                   policies: Mapping[Persistence, Policy] | None = None) -> list[Column]:
    """Every opportunity by the planner's stage, with its last contact and next step."""
    from followup.planner import plan

    cards: dict[str, list[Card]] = {stage: [] for stage in BOARD_STAGES}
    for case in store.load_cases():
        p = plan(case, today, policies)
        cards.setdefault(p.stage.value, []).append(
            Card(case, p, last_contact(case), p.actions[0] if p.actions else None))
    return [Column(stage, tuple(sorted(found, key=lambda c: c.case.opportunity.company.lower())))
            for stage, found in cards.items()]


def email_draft(case: Case, person_id: str, text: str, *, at: datetime) -> tuple[bytes, str]:
    """A draft as an unsent `.eml` (From: the candidate, To: the person) and a mailto: link."""
    from followup import mail

    person = find_person(case, person_id, "--to")
    if not person.email:
        raise UsageError(f"--eml: no email address recorded for {person.name} "
                         f"(followup edit {case.opportunity.id})")
    draft = mail.Draft.from_text(text, "draft")
    msg = mail.build_message(draft, to_name=person.name, to_email=person.email,
                             from_name=case.candidate.name, from_email=case.candidate.email,
                             date=at, unsent=True)
    return mail.to_bytes(msg), mail.mailto_link(draft, person.email)
