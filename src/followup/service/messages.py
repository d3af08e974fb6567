"""What to say: drafts, lint for the compose box, `.eml` files, sending, marking sent."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from followup.core import kinds
from followup.core.errors import FollowupError, NotFoundError, UsageError
from followup.core.kinds import EMAIL_KINDS
from followup.core.model import (
    Case,
    Channel,
    Direction,
    Person,
    Touch,
    TouchKind,
)
from followup.service.contexts import Context
from followup.service.drafts import draft_for_action, message_kind
from followup.service.records import _text, find_person, log_touch
from followup.store import Store

if TYPE_CHECKING:
    from followup.core.lint import Finding, LintContext
    from followup.core.planner import Action
    from followup.mail.outgoing import SmtpSettings

__all__ = ["Checked", "LintBlocked", "Outgoing", "Prepared", "check_message",
           "draft_message", "email_draft", "lint_email", "lint_gate", "mark_sent",
           "message_eml", "note_context", "outgoing_email", "prepare_email", "send_email",
           "split_subject", "unsent_email"]


# -- composing a message (the web app's compose page) ----------------------------------


@dataclass(frozen=True)
class Checked:
    """A message's lint result for the compose page: findings, body words and the cap."""

    words: int
    limit: int
    findings: tuple[Finding, ...]


def draft_message(store: Store, ref: str, *, kind: str, to: str | None, today: date,
                  channel: str | None = None) -> tuple[Case, str]:
    """The composer's draft for one planned action, as the text the user edits."""
    from followup.core.compose import draft

    case = store.load_case(ref)
    person = find_person(case, to, "to").id if to else None
    if person is None:
        raise UsageError(f"to: whom to write? {case.opportunity.id} has "
                         + (", ".join(p.name for p in case.people) or "nobody recorded yet"))
    return case, draft(case, message_kind(kind, channel), person, today).text()

def note_context(case: Case, *, kind: str, to: str | None = None,
                 disabled: frozenset[str] = frozenset()) -> LintContext:
    """What the linter knows for a note about a recorded opportunity: its people, topics,
    listing and promised date, the recipient (`to`: an id, a name or a first name) and the
    signer from the profile. `followup lint ID FILE` and the web's compose box share it."""
    from followup.core.lint import context_from_case

    person = find_person(case, to, "--to").id if to else None
    return context_from_case(case, kind, person, disabled)


def check_message(case: Case, *, kind: str, to: str | None, text: str,
                  channel: str | None = None) -> Checked:
    """Lint a message being written, with the case's names, topics and listing."""
    from followup.core.lint import lint_reports

    mkind = message_kind(kind, channel)
    person = find_person(case, to, "to").id if to else None
    report = lint_reports([text], note_context(case, kind=mkind, to=person))[0]
    return Checked(report.words, kinds.kind(mkind).word_cap or kinds.SCROLL_WORDS,
                   report.findings)


def split_subject(text: str) -> tuple[str | None, str]:
    """`Subject: ...` on the first line, then the body (how drafts are written)."""
    first, _, rest = text.lstrip("\ufeff").partition("\n")
    if first.lower().startswith("subject:"):
        return first.split(":", 1)[1].strip() or None, rest.lstrip("\n")
    return None, text


def unsent_email(case: Case, *, to: str | None, text: str, at: datetime) -> tuple[bytes, str]:
    """A draft as an unsent `.eml` a mail program opens as a draft, and its mailto: link:
    `followup draft --eml` and the web app's "Download .eml" alike. Written even before a
    subject or an address is known (the mail program asks for what is missing)."""
    from followup.mail import outgoing as mail

    subject, body = split_subject(text)
    person = find_person(case, to, "to") if to else None
    draft = mail.Draft(subject or f"{case.opportunity.role} at {case.opportunity.company}",
                       body)
    address = person.email if person else None
    msg = mail.build_message(
        draft, to_name=person.name if person else None, to_email=address,
        from_name=case.candidate.name, from_email=case.candidate.email,
        date=at if at.tzinfo else at.astimezone(), unsent=True)
    return mail.to_bytes(msg), mail.mailto_link(draft, address or "")


def message_eml(case: Case, *, to: str | None, text: str, at: datetime) -> bytes:
    """The `.eml` of `unsent_email` alone (the web app's download)."""
    return unsent_email(case, to=to, text=text, at=at)[0]


class LintBlocked(FollowupError):
    """A message with lint errors, not sent nor marked sent: the user fixes the draft or
    says to go on anyway (`--force`, "Mark sent anyway"). Exit status 1: nothing was wrong
    with the command, the draft is what stopped it."""

    exit_code = 1

    def __init__(self, findings: Sequence[Finding], override: str) -> None:
        self.findings = tuple(findings)
        n = sum(1 for f in findings if f.severity == "error")
        super().__init__(f"not sent: lint found {n} error{'s' if n > 1 else ''} "
                         f"(fix the draft, or {override})")


def lint_gate(findings: Sequence[Finding], *, anyway: bool, override: str = "--force") -> None:
    """The one rule, for sending and for marking sent: a lint error stops the message
    unless the user said to go on anyway (warnings never do)."""
    if not anyway and any(f.severity == "error" for f in findings):
        raise LintBlocked(findings, override)


def mark_sent(ctx: Context, ref: str, *, kind: str, to: str | None, channel: str | None,
              note: str | None = None, text: str | None = None, anyway: bool = False,
              override: str = "--anyway") -> Case:
    """Log the touch that completes a planned message: what was sent, to whom, how. With
    the `text` that went, its lint errors stop it first unless `anyway` (`lint_gate`)."""
    store, at = ctx.store, ctx.at
    done_by = kinds.kind(kind).done_by
    if done_by is None:
        raise UsageError(f"kind: {kind!r} is not something you send")
    case = store.load_case(ref)
    if text is not None:
        checked = check_message(case, kind=kind, to=to, text=text, channel=channel)
        lint_gate(checked.findings, anyway=anyway, override=override)
    person = find_person(case, to, "to").id if to else None
    how = Channel(channel) if channel in {c.value for c in Channel} else Channel.EMAIL
    if kinds.kind(kind).channel is Channel.LETTER:
        how = Channel.LETTER  # timing.letter: an outgoing letter touch marks it done
    store.add_touch(case.opportunity.id, Touch(at=at, direction=Direction.OUT, channel=how,
                                               kind=done_by, person=person,
                                               note=_text(note, "note") if note else None))
    return store.load_case(case.opportunity.id)

# -- calendar export and email ---------------------------------------------------------

@dataclass(frozen=True)
class Outgoing:
    """An email ready to go: the case, who it is for, what kind of note, the draft."""

    case: Case
    person: Person
    kind: TouchKind
    subject: str
    body: str


def outgoing_email(ctx: Context, ref: str, *, to: str | None = None,
                   kind: TouchKind | None = None) -> tuple[Outgoing, Action | None]:
    """Who the next email goes to and what kind it is: the plan's first due email action
    (for `to` when given), or exactly `to` and `kind` when both are given."""
    from followup.core.planner import State
    from followup.service.planning import plan_case

    case, result = plan_case(ctx, ref)
    person = find_person(case, to, "--to") if to else None
    action: Action | None = None
    if person is None or kind is None:
        actions = [a for a in result.actions if a.channel is Channel.EMAIL and a.to
                   and a.kind.value in EMAIL_KINDS
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
    if kind.value not in EMAIL_KINDS:
        raise UsageError(f"--kind: {kind.value} is not an email to send "
                         f"({', '.join(EMAIL_KINDS)})")
    if not person.email:
        raise UsageError(f"--to: no email address recorded for {person.name} "
                         f"(followup edit {case.opportunity.id})")
    return Outgoing(case, person, kind, "", ""), action


def lint_email(case: Case, kind: TouchKind, person_id: str, text: str) -> list[Finding]:
    """The linter's findings for a draft about to be sent."""
    from followup.core.lint import context_from_case, lint

    return list(lint(text, context_from_case(case, kind.value, person_id)))


@dataclass(frozen=True)
class Prepared:
    """An email about to be sent (`followup send`): the message as it will go, who sends
    it, and what the linter found; nothing is sent or logged yet."""

    outgoing: Outgoing
    data: bytes
    sender: str
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")


def prepare_email(ctx: Context, ref: str, *, to: str | None = None,
                  kind: TouchKind | None = None, draft: tuple[str, str] | None = None,
                  settings: SmtpSettings, at: datetime | None = None) -> Prepared:
    """The `send` use case up to the question: who it goes to, the draft (the one given,
    else the composer's for the planned email), the message with its headers, the lint
    findings. Refuses, before anything is sent, what cannot go: no address of yours, no
    SMTP host, nothing planned."""
    from dataclasses import replace

    from followup.mail import outgoing as mail

    today, at = ctx.today, at or ctx.at
    outgoing, action = outgoing_email(ctx, ref, to=to, kind=kind)
    if draft is None:
        if action is None:
            raise UsageError("--to with --kind and no --file: give the draft with --file")
        draft = draft_for_action(outgoing.case, action, today)
        assert draft is not None  # outgoing_email only picks email kinds the composer writes
    subject, body = draft
    outgoing = replace(outgoing, subject=subject, body=body)
    candidate = outgoing.case.candidate if outgoing.case.candidate.email \
        else ctx.candidate
    if not candidate.email:
        raise UsageError("your email address is not set (followup profile --email ADDRESS)")
    if not settings.host:
        raise UsageError("smtp.host is not set (followup config set smtp.host HOST)")
    made = mail.Draft(subject, body)
    msg = mail.build_message(made, to_name=outgoing.person.name,
                             to_email=outgoing.person.email or "", from_name=candidate.name,
                             from_email=candidate.email, date=at)
    findings = lint_email(outgoing.case, outgoing.kind, outgoing.person.id, made.text())
    return Prepared(outgoing, mail.to_bytes(msg), candidate.email, tuple(findings))


def send_email(store: Store, ready: Prepared, *, anyway: bool, settings: SmtpSettings,
               password: str | None, at: datetime) -> tuple[Case, Touch]:
    """Send, then log the touch: only a message the server accepted is recorded; a draft
    with lint errors is not sent unless `anyway` (`lint_gate`)."""
    from followup.mail import outgoing as mail

    lint_gate(ready.findings, anyway=anyway)
    outgoing, data, sender = ready.outgoing, ready.data, ready.sender
    assert outgoing.person.email
    mail.send(data, sender=sender, recipients=[outgoing.person.email], settings=settings,
              password=password)
    from followup.mailbox.reading import message_ids, parse

    ids = message_ids(str(parse(data).get("Message-ID", "")))  # threads its reply (inbox)
    return log_touch(store, outgoing.case.opportunity.id, kind=outgoing.kind,
                     channel=Channel.EMAIL, at=at, to=outgoing.person.id,
                     note=f"sent: {outgoing.subject}"[:200], message_id=ids[0] if ids else None)


def email_draft(case: Case, person_id: str, text: str, *, at: datetime) -> tuple[bytes, str]:
    """`followup draft --eml`: `unsent_email` for one person of the case."""
    return unsent_email(case, to=person_id, text=text, at=at)
