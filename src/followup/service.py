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


# -- planning --------------------------------------------------------------------------


@dataclass(frozen=True)
class Agenda:
    """`followup today`: what to do across all opportunities, and the pipeline's shape."""

    today: date
    horizon: date
    items: tuple[tuple[Case, Action], ...]  # doable by `horizon` (not_before <= it), by due
    plans: tuple[Plan, ...]  # every opportunity's plan, closed ones included
    pipeline: Pipeline


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
    items = sorted(
        ((c, a) for c, p in zip(cases, plans, strict=True) for a in p.actions
         if a.not_before <= horizon),
        key=lambda item: (item[1].due, item[0].opportunity.id),
    )
    return Agenda(today, horizon, tuple(items), tuple(plans), pipeline_summary(plans))


def complete_action(
    store: Store, ref: str, today: date, at: datetime, *, to: str | None = None,
    policies: Mapping[Persistence, Policy] | None = None,
) -> tuple[Case, Action]:
    """`followup done`: log the touch that completes the next planned action.

    The first action that is due or overdue (else the first listed), for `to` when given.
    `move_on` marks the opportunity dormant; `prepare` is done by the interview itself.
    """
    from followup.planner import ActionKind, State

    case, result = plan_case(store, ref, today, policies)
    actions = list(result.actions)
    if to is not None:
        person = find_person(case, to, "--to")
        actions = [a for a in actions if a.to == person.id]
    if not actions:
        raise NotFoundError(f"{case.opportunity.id}: nothing planned"
                            + (f" for {to!r}" if to else ""))
    action = next((a for a in actions if a.state is not State.UPCOMING), actions[0])
    if action.kind is ActionKind.PREPARE:
        raise UsageError("prepare is done by holding the interview; record what they said "
                         "with `followup add interview` or `followup edit`")
    if action.kind is ActionKind.MOVE_ON:
        store.set_status(case.opportunity.id, Status.DORMANT)
        return store.load_case(case.opportunity.id), action
    kind = {
        ActionKind.THANK_YOU: TouchKind.THANK_YOU,
        ActionKind.LETTER: TouchKind.OTHER,
        ActionKind.CHECK_IN: TouchKind.CHECK_IN,
        ActionKind.FINAL: TouchKind.FINAL,
        ActionKind.APPLICATION_FOLLOW_UP: TouchKind.CHECK_IN,
    }[action.kind]
    touch = Touch(at=at, direction=Direction.OUT, channel=action.channel or Channel.EMAIL,
                  kind=kind, person=action.to)
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
