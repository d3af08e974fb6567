"""Recording what happened: opportunities, people, interviews, touches, the profile.

Each function checks what it is given and raises a `FollowupError` naming what is wrong
before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from followup.core.addresses import check_email
from followup.core.caseio import Snooze, check_ident, check_text
from followup.core.dates import say
from followup.core.errors import CaseFileError, FollowupError, NotFoundError, UsageError
from followup.core.model import (
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
    pass

__all__ = ["PROFILE_FIELDS", "PROFILE_MAX", "RecordedInterview", "add_opportunity",
           "add_person", "add_value", "check_incoming", "check_promised",
           "delete_interview", "delete_opportunity", "delete_opportunity_confirmed",
           "delete_touch", "deletion_summary", "edit_interview", "edit_opportunity",
           "edit_person", "export_all", "export_snoozes", "find_person", "generation",
           "import_cases", "keep_text", "last_contact", "load_case", "load_cases",
           "log_touch", "open_store", "profile", "profile_problems", "record_interview",
           "replace_case", "set_promise", "set_status", "store_exists", "update_profile",
           "write_file"]


def open_store(db: str | None, clock: Callable[[], datetime] | None = None) -> Store:
    """The store `db` names, stamping what it writes with `clock` (the face's reading of
    the clock: the web's fixed day in tests and demos); the system clock if none."""
    store = Store.open(db)
    if clock is not None:
        store.clock = clock
    return store


def store_exists(db: str | None) -> bool:
    """Whether `db` (a path, a URL, or None for the default file) names a database that is
    already there: commands that only read (lint's profile) never create one."""
    from pathlib import Path

    from followup.store import default_db_path, sqlite_file

    if db and "://" in db:
        path = sqlite_file(db)
        return path is None or Path(path).exists()
    return (Path(db).expanduser() if db else default_db_path()).exists()


# Options holding free text (line breaks allowed); every other one is a single line, with
# no control character (followup.core.limits): a name "Dana\r\nBcc: ..." is refused here.
_FREE_TEXT = frozenset({"--listing-file", "--listing", "--note", "note", "--promised", "said",
                        "VALUE"})


def _text(value: str | None, option: str, required: bool = False) -> str | None:
    if value is None:
        if required:
            raise UsageError(f"{option}: missing")
        return None
    return check_text(value, option, required=required, line=option not in _FREE_TEXT)


def _round(value: int | None, option: str) -> None:
    from followup.core.limits import round_problem

    if value is not None and (problem := round_problem(value)):
        raise UsageError(f"{option}: {problem}")


def _email(value: str | None, option: str) -> str | None:
    """An address checked and normalised (addresses.check_email); None stays None."""
    if value is None:
        return None
    return check_email(_text(value, option) or "", option)


def _lines(values: Sequence[str], option: str) -> None:
    """Topics and next steps: each a non-empty line of text."""
    for n, value in enumerate(values):
        _text(value, f"{option}[{n}]", required=True)


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


def generation(case: Case) -> str:
    """The record's change generation as the user saw it: a fingerprint of everything in
    the case file (any write meanwhile, a reply logged by `mail sync --watch`, changes it)."""
    from followup.store.changes import fingerprint

    return fingerprint([case])


def replace_case(store: Store, ref: str, new: Case, seen: str | None = None) -> Case:
    """`followup edit` in an editor: the whole case file, validated, replaces the stored one.

    `seen`: the generation the edit started from; when the stored case is no longer that
    one, nothing is saved (`ConflictError`): the edit would silently undo what was written
    meanwhile.
    """
    from followup.core.errors import ConflictError

    def change(old: Case) -> Case:
        if seen is not None and generation(old) != seen:
            raise ConflictError(f"{old.opportunity.id} changed while you were editing it "
                                "(a touch logged, a status set ...); nothing was saved")
        return new

    return store.update_case(ref, change)


def keep_text(data: bytes, name: str, now: datetime) -> Path:
    """Keep text a user wrote that could not be saved (an edit refused): `edits/` in the
    data folder, 0600; the path is for the one-line error."""
    import re

    from followup.config.paths import home_dir
    from followup.store.files import write_private

    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", name)[:60].strip(".-") or "edit"
    path = home_dir() / "edits" / f"{stem}-{now:%Y%m%d-%H%M%S-%f}.txt"
    write_private(path, data)
    return path


def set_status(store: Store, ref: str, status: Status, seen: str | None = None) -> str:
    """Set the status a user chose. `seen`: the case's generation on the page the move was
    made from (the board's Move); when the stored case is no longer that one, nothing is
    written (`ConflictError`): a move from an older tab would silently undo what another
    tab, the CLI or `mail sync` wrote since. None (the CLI): no check, no stale page."""
    from followup.core.errors import ConflictError

    def check(case: Case) -> None:
        if generation(case) != seen:
            raise ConflictError(f"{case.opportunity.company} changed since this page was "
                                "loaded: reload to see the change")

    return store.set_status(ref, status, None if seen is None else check)


def delete_opportunity(store: Store, ref: str) -> str:
    return store.delete(ref)


def deletion_summary(store: Store, ref: str) -> tuple[str, str]:
    """(id, what `delete` asks about), read raw: a case holding a row no reader takes can
    still be named and deleted."""
    slug, what, touches = store.summary(ref)
    return slug, f"{slug} ({what}) with {touches} touch{'' if touches == 1 else 'es'}"


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
            title=_text(title, "--title"), email=_email(email, "--email"),
            phone=_text(phone, "--phone"), contact=contact,
        )
        added.append(person)
        people = tuple(replace(p, contact=False) if contact else p for p in case.people)
        return replace(case, people=(*people, person))

    store.update_case(ref, change)
    return added[0]


def _interviewers(case: Case, with_names: Sequence[str],
                  option: str) -> tuple[list[Person], list[Person], list[str]]:
    """The people named at an interview: each known one found, each new one created.

    Returns every person of the case (the new ones appended), the new ones, and the
    interviewers' ids in the order given.
    """
    people = list(case.people)
    created: list[Person] = []
    ids: list[str] = []
    for raw in with_names:
        name = _text(raw, option, required=True) or ""
        probe = replace(case, people=tuple(people))
        try:
            person = find_person(probe, name, option)
        except NotFoundError:
            person = Person(id=new_person_slug(name, {p.id for p in people}),
                            name=name.strip())
            people.append(person)
            created.append(person)
        if person.id not in ids:
            ids.append(person.id)
    return people, created, ids


@dataclass(frozen=True)
class RecordedInterview:
    case: Case
    interview: Interview
    new_people: tuple[Person, ...]


def load_case(store: Store, ref: str) -> Case:
    """One opportunity's case by id or unambiguous prefix (the opportunity page)."""
    return store.load_case(ref)


def load_cases(store: Store) -> list[Case]:
    """Every case of the account (`followup export --all`)."""
    return store.load_cases()


def export_all(store: Store) -> tuple[list[Case], list[str]]:
    """`followup export --all`: every case that can be read, and one line for each that
    cannot (a stored row no reader takes: `followup doctor` names it), never a case left
    out in silence."""
    from followup.core.notices import collecting

    with collecting() as skipped:
        cases = store.load_cases()
    return cases, list(skipped)


def write_file(path: Path, text: str, what: str = "") -> None:
    """An export or a draft written whole, 0600, never onto a device or a FIFO."""
    from followup.store.files import write_private

    try:
        write_private(path, text.encode("utf-8"), what)
    except OSError as e:
        raise UsageError(f"{what}cannot write {path}: {e.strerror}") from None


def profile(store: Store) -> Candidate:
    """Who the candidate is (`followup profile`): name, contact details, country, values."""
    return store.get_candidate()


def check_promised(at: date, by: date | None, phrase: str | None, field: str) -> None:
    """A decision date promised at an interview can't come before that interview."""
    if by is not None and by < at:
        raise UsageError(f"{field}: {phrase or by.isoformat()!r} is {say(by)}, "
                         "before the interview")


def check_incoming(incoming: bool, person: str | None, field: str) -> None:
    """A message from them needs a person: whose reply resets the ladder, whose date stands."""
    if incoming and not person:
        raise UsageError(f"{field}: say who wrote (a message from them needs a person)")


def record_interview(
    store: Store, ref: str, *, at: datetime, with_names: Sequence[str],
    round: int | None = None, format: str | None = None, topics: Sequence[str] = (),
    next_steps: Sequence[str] = (), promised_by: date | None = None,
    promised_channel: PromiseChannel | None = None, promised_who: str | None = None,
    promised_said: str | None = None,
) -> RecordedInterview:
    """Add an interview; `with_names` naming someone new creates that person."""
    _round(round, "--round")
    _lines(topics, "--topic")
    _lines(next_steps, "--next-step")
    check_promised(at.date(), promised_by, promised_said, "--promised")
    result: list[RecordedInterview] = []

    def change(case: Case) -> Case:
        people, created, ids = _interviewers(case, with_names, "--with")
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
    new_by: date | None = None, incoming: bool = False, message_id: str | None = None,
) -> tuple[Case, Touch]:
    """Record a contact: `to` for what the candidate sent, `from_` for what they sent."""
    check_incoming(incoming, from_, "--from")
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
                  note=_text(note, "--note"), message_id=message_id)
    store.add_touch(case.opportunity.id, touch)
    # An offer or rejection from them closes the opportunity (RULEBOOK section 1).
    if direction is Direction.IN and kind in (TouchKind.OFFER, TouchKind.REJECTION):
        store.set_status(case.opportunity.id,
                         Status.OFFER if kind is TouchKind.OFFER else Status.REJECTED)
    return store.load_case(case.opportunity.id), touch


# -- the candidate ---------------------------------------------------------------------


PROFILE_FIELDS = ("name", "email", "phone", "country", "timezone")
PROFILE_MAX = 200  # a profile field signs every draft: a name, an address, a phone number


def profile_problems(changes: Mapping[str, str | None]) -> dict[str, str]:
    """What is wrong with a profile change, by field (the settings page shows each beside
    its field; `update_profile` refuses with the first). None: not given; "": cleared."""
    from followup.core.limits import country_problem, zone_problem

    problems: dict[str, str] = {}
    for key, value in changes.items():
        if key not in PROFILE_FIELDS:
            problems[key] = f"not a profile field ({', '.join(PROFILE_FIELDS)})"
            continue
        if not value:
            continue
        if len(value) > PROFILE_MAX:
            problems[key] = f"too long ({len(value)} characters; at most {PROFILE_MAX})"
            continue
        try:
            _text(value, key)
            if key == "email":
                _email(value, key)
        except FollowupError as e:
            problems[key] = str(e).removeprefix(f"{key}: ")
            continue
        check = {"country": country_problem, "timezone": zone_problem}.get(key)
        if check is not None and (found := check(value)):
            problems[key] = found
    return problems


def update_profile(store: Store, **changes: str | None) -> Candidate:
    """`followup profile --name ...` and the settings page alike: every field checked the
    same way, nothing written when one is wrong. None leaves a field, "" clears it."""
    problems = profile_problems(changes)
    if problems:
        key, problem = next(iter(problems.items()))
        raise UsageError(f"--{key}: {problem}")
    current = store.get_candidate()
    wanted: dict[str, str | None] = {}
    for key, value in changes.items():
        if value is None:
            continue
        value = value.strip() or None
        if value and key == "email":
            value = _email(value, "--email")
        elif value and key == "country":
            value = value.upper()
        wanted[key] = value
    new = replace(current, **wanted)  # type: ignore[arg-type]
    if new != current:
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


def import_cases(store: Store, cases: Sequence[Case], *, replace_existing: bool = False,
                 snoozes: Sequence[Snooze] = ()) -> None:
    """All or nothing: every case checked against `followup.core.limits` first, then one
    transaction writes the cases, the snoozes and the profile's missing fields."""
    from followup.core.limits import ahead_of, check_case

    latest = ahead_of(date.today())
    for n, case in enumerate(cases):
        try:
            check_case(case, latest)
        except CaseFileError as e:
            where = f"cases[{n}].{e.path}" if len(cases) > 1 else e.path
            raise CaseFileError(where, e.problem) from None
    with store.writing() as conn:
        taken = store.slugs(conn)
        if not replace_existing:
            for case in cases:
                if case.opportunity.id in taken:
                    raise FollowupError(f"opportunity {case.opportunity.id!r} exists already "
                                        "(use --replace to overwrite it)")
        for case in cases:
            store.save_case(case, replace_existing=replace_existing, conn=conn)
        store.save_snoozes(conn, [(z.opportunity, z.kind, z.person, z.until) for z in snoozes])
        # The case file's candidate fills what the profile lacks; it never overwrites it.
        incoming = next((c.candidate for c in cases if c.candidate != Candidate()), None)
        if incoming is not None:
            current = store.candidate(conn)
            merged = Candidate(
                name=current.name or incoming.name, email=current.email or incoming.email,
                phone=current.phone or incoming.phone,
                country=current.country or incoming.country,
                timezone=current.timezone or incoming.timezone,
                values=current.values or incoming.values,
            )
            if merged != current:
                store.save_candidate(merged, conn=conn)


def export_snoozes(store: Store) -> list[Snooze]:
    """The snoozes still in force or not, for `export --all` (a backup keeps them all)."""
    return [Snooze(opp, kind, person, until)
            for (opp, kind, person), until in sorted(store.snoozes().items(),
                                                     key=lambda kv: (kv[0][0], kv[0][1],
                                                                     kv[0][2] or ""))]


def last_contact(case: Case) -> Touch | None:
    touches = case.sorted_touches()
    return touches[-1] if touches else None

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
                      email=_email(_blank(email, "email"), "email"), phone=_blank(phone, "phone"),
                      contact=contact)
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
        check_promised(old.at.date(), by, said, "promised")
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


def _interview(case: Case, interview_id: str) -> Interview:
    for interview in case.interviews:
        if interview.id == interview_id:
            return interview
    known = ", ".join(i.id for i in case.interviews) or "none yet"
    raise NotFoundError(f"interview: no {interview_id!r} in {case.opportunity.id}; "
                        f"known: {known}")


def edit_interview(
    store: Store, ref: str, interview_id: str, *, at: datetime, with_names: Sequence[str],
    round: int | None, format: str | None, topics: Sequence[str], next_steps: Sequence[str],
) -> Interview:
    """Replace one interview's fields; its id and its promise stay.

    A name in `with_names` that matches nobody becomes a new person, as in
    `record_interview`. The promised date may not fall before the (moved) interview.
    """
    _round(round, "round")
    _lines(topics, "topics")
    _lines(next_steps, "next steps")
    changed: list[Interview] = []

    def change(case: Case) -> Case:
        old = _interview(case, interview_id)
        people, _, ids = _interviewers(case, with_names, "interviewers")
        if old.promised is not None and old.promised.by < at.date():
            raise UsageError(f"when: {say(at)} is after the promised decision date "
                             f"({say(old.promised.by)}); change that first")
        new = replace(old, at=at, round=round, format=_blank(format, "format"),
                      interviewers=tuple(ids), topics=tuple(t.strip() for t in topics),
                      next_steps=tuple(s.strip() for s in next_steps))
        changed.append(new)
        return replace(case, people=tuple(people),
                       interviews=tuple(new if i.id == old.id else i for i in case.interviews))

    store.update_case(ref, change)
    return changed[0]


def delete_interview(store: Store, ref: str, interview_id: str) -> Interview:
    """Remove an interview recorded by mistake; the planner then plans no thank-you for it.

    The people named at it stay: they may have written, or be met again.
    """
    removed: list[Interview] = []

    def change(case: Case) -> Case:
        old = _interview(case, interview_id)
        removed.append(old)
        return replace(case, interviews=tuple(i for i in case.interviews if i.id != old.id))

    store.update_case(ref, change)
    return removed[0]


def delete_opportunity_confirmed(store: Store, ref: str, typed: str) -> str:
    """Delete an opportunity only when `typed` is its full id (the web page's confirmation):
    a slip of the mouse, or a prefix that happens to resolve, deletes nothing."""
    slug = store.summary(ref)[0]
    if typed.strip() != slug:
        raise UsageError(f"confirm: type the id {slug!r} to delete this opportunity "
                         f"(got {typed.strip()!r}); nothing was deleted")
    return store.delete(slug)
