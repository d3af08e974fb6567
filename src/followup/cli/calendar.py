"""Calendar and email commands: `import-invite`, `calendar export`, `send`.

Each parses its options, reads the files it is given and the clock, and calls
`followup.service`; `followup.calendar.ical` and `followup.mail.outgoing` are imported inside the
commands, so the rest of the CLI never pays for `icalendar` or `smtplib`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from followup.cli import FollowupGroup, app
from followup.cli import common as c
from followup.core.dates import say_moment
from followup.core.errors import UsageError
from followup.core.kinds import label
from followup.core.model import TouchKind

if TYPE_CHECKING:
    from followup.calendar.ical import Invite
    from followup.core.model import Case
    from followup.mail.outgoing import SmtpSettings
    from followup.service import Store

calendar_app = typer.Typer(cls=FollowupGroup, no_args_is_help=True,
                           help="Your plan as a calendar file (.ics).")
app.add_typer(calendar_app, name="calendar")


def _read_bytes(path: Path, what: str) -> bytes:
    """An invite, an `.eml` or a draft: read with the invite's cap (cli.files)."""
    from followup.cli.files import INVITE_BYTES, read_bytes

    return read_bytes(path, INVITE_BYTES, "an invite or an email", what)


def _confirm(question: str, yes: bool, hint: str) -> None:
    """Ask in a terminal; a script says `--yes`. No answer, no write."""
    if yes:
        return
    if not sys.stdin.isatty():
        raise UsageError(f"{hint}; not a terminal, so confirm with --yes "
                         "(or choose with --opportunity)")
    if not typer.confirm(question, default=False):
        raise typer.Exit(1)


def _show_invite(invite: Invite) -> None:
    when = f"{say_moment(invite.start)}"
    if invite.end is not None:
        when += f"-{invite.end:%H:%M}"
    when += f" ({invite.zone_name})"
    if invite.source_zone and invite.source_zone != invite.zone_name:
        when += f", sent in {invite.source_zone}"
    kind = {"CANCEL": "Cancelled", "REPLY": "Reply to"}.get(invite.method, "Invite")
    typer.echo(f"{kind}: {invite.summary or '(no title)'}")
    typer.echo(f"  when:  {when}")
    for person in invite.people:
        notes = [n for n in (
            "name from the address" if person.name_from_address else "",
            f"title: {person.title}" if person.title else "",
            person.partstat.lower() if invite.method == "REPLY" and person.partstat else "")
            if n]
        note = f"  ({'; '.join(notes)})" if notes else ""
        address = f" <{person.email}>" if person.email else ""
        typer.echo(f"  with:  {person.name}{address}{note}")
    for skip in invite.skipped:
        typer.echo(f"  skip:  {skip.label} ({skip.reason})")
    for line in invite.notes:
        typer.echo(f"  note:  {line}")


@app.command("import-invite")
def import_invite(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(
        metavar="FILE", help="A meeting invitation: .ics, or an .eml with a text/calendar part.")],
    opportunity: Annotated[str | None, typer.Option(
        "--opportunity", "-o", metavar="ID",
        help="Add it to this opportunity (default: the one the invite matches, or a new one).")
    ] = None,
    company: Annotated[str | None, typer.Option(
        help="Company for a new opportunity (default: guessed from the invite).")] = None,
    role: Annotated[str | None, typer.Option(
        help="Role for a new opportunity (default: guessed from the invite).")] = None,
    round: Annotated[int | None, typer.Option(
        "--round", min=1, help="Interview round (default: from the title, else the next).")
    ] = None,
    me: Annotated[list[str] | None, typer.Option(
        "--me", metavar="EMAIL", help="Another address of yours to skip (repeatable).")] = None,
    tz: Annotated[str | None, typer.Option(
        "--tz", metavar="ZONE", help="Your IANA time zone (default: the profile's, else the "
        "machine's).")] = None,
    yes: Annotated[bool, typer.Option(
        "--yes", "-y", help="Take the suggested opportunity without asking.")] = False,
) -> None:
    """Record an interview from a calendar invitation: time, interviewers and addresses.

    Times are converted into your time zone; your own address is skipped, and so are rooms
    and people who declined. All-day and recurring events are refused. An older copy of an
    invite changes nothing; a reply updates who attends; a cancellation removes the
    interview (asked first, or --yes).

    Example: followup import-invite ~/Downloads/invite.ics
    """
    from followup import service

    shown: list[Invite] = []

    def confirm(invite: Invite, question: str, hint: str) -> None:
        _show_invite(invite)
        shown.append(invite)
        _confirm(question, yes, hint)

    done = service.import_invite(
        c.context(ctx, c.today()), _read_bytes(file, "FILE"), str(file), me=me or [], tz=tz,
        ref=opportunity, company=company, role=role, round=round, confirm=confirm)
    if not shown:
        _show_invite(done.invite)
    if done.older is not None:
        typer.echo(f"Older copy: {done.older}; nothing changed.")
        return
    if done.removed is not None:
        iv = done.removed.interview
        typer.echo(f"Removed {done.removed.case.opportunity.id} {iv.id} on "
                   f"{say_moment(iv.at)}: the invitation was cancelled.")
        return
    if done.reply is not None:
        reply = done.reply
        what = f"{reply.case.opportunity.id} {reply.interview.id}"
        changes = [f"{', '.join(reply.joined)} attending" if reply.joined else "",
                   f"{', '.join(reply.left)} declined" if reply.left else ""]
        said = "; ".join(c for c in changes if c)
        typer.echo(f"Updated {what}: {said}." if said
                   else f"Already recorded: {what}; nothing changed.")
        return
    result = done.imported
    assert result is not None
    opp = result.case.opportunity
    iv = result.interview
    if result.already_recorded:
        typer.echo(f"Already recorded: {opp.id} {iv.id} on {say_moment(iv.at)}; " + (
            "linked it to the invite, so a rescheduled copy will move it." if result.linked
            else "nothing changed."))
        return
    if result.created_opportunity:
        typer.echo(f"Added {opp.id}: {opp.company}, {opp.role}")
    new_ids = {p.id for p in result.new_people}
    names = ", ".join(
        f"{p.name}{' (new)' if p.id in new_ids else ''}"
        for p in (result.case.person(i) for i in iv.interviewers) if p is not None)
    if result.moved_from is not None:
        typer.echo(f"Moved {opp.id} {iv.id} from {say_moment(result.moved_from)} to "
                   f"{say_moment(iv.at)} (the invite was rescheduled); with {names}")
        return
    typer.echo(f"Recorded {opp.id} {iv.id} (round {iv.round}) on "
               f"{say_moment(iv.at)} with {names}")


@calendar_app.command("export")
def calendar_export(
    ctx: typer.Context,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE",
        help="Write the calendar here (default: standard output). Re-export to the same path "
        "and a calendar app subscribed to it follows the plan.")] = None,
    today: c.TodayOption = None,
    remind_at: Annotated[str, typer.Option(
        "--remind-at", metavar="HH:MM", help="The reminder's time on the morning it's due.")
    ] = "09:00",
) -> None:
    """Every planned action as an all-day event on its due day, with a morning reminder.

    Each action keeps its UID across exports, so importing a newer file moves the events
    instead of adding copies. The description says why, and gives the draft's subject line.

    Example: followup calendar export -o ~/followup.ics
    """
    from datetime import UTC, datetime, time

    from followup import service

    try:
        remind = time.fromisoformat(remind_at)
    except ValueError:
        raise UsageError(f"--remind-at: not a time of day (HH:MM): {remind_at!r}") from None
    made = service.plan_calendar(c.context(ctx, c.today(today)), now=datetime.now(UTC),
                                 remind_at=remind)
    data, count = made.data, made.events
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    try:
        output.write_bytes(data)
    except OSError as e:
        raise UsageError(f"--output: cannot write {output}: {e.strerror or e}") from None
    typer.echo(f"Wrote {count} event{'s' if count != 1 else ''} to {output}", err=True)


@calendar_app.command("feed")
def calendar_feed(
    ctx: typer.Context,
    rotate: Annotated[bool, typer.Option(
        "--rotate", help="Make a new address; the old one stops working.")] = False,
    host: Annotated[str, typer.Option(help="The host `followup serve` listens on.")
                    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="The port `followup serve` listens on.")] = 8765,
) -> None:
    """The address a calendar app subscribes to while `followup serve` runs.

    The address holds a secret: anyone with it can read your plan. Only its hash is
    stored, so it is shown once, when it is made; --rotate makes a new one.

    Example: followup calendar feed --rotate
    """
    from datetime import UTC, datetime

    from followup import service

    st = c.store(ctx)
    created = service.feed_created(st)
    if created is not None and not rotate:
        typer.echo(f"A feed address exists (made {say_moment(created)} UTC); it was "
                   "shown when it was made and only its hash is kept. "
                   "`followup calendar feed --rotate` makes a new one.")
        return
    token = service.new_feed_token(st, now=datetime.now(UTC))
    typer.echo(f"http://{host}:{port}/calendar/{token}.ics")
    typer.echo("Subscribe to it in your calendar app while `followup serve` runs; keep it "
               "secret." + (" The old address no longer works." if created else ""), err=True)


def _read_draft(path: Path) -> tuple[str, str]:
    """(subject, body) from a draft file: `followup draft` text or an `.eml` it wrote."""
    from followup.mail import outgoing as mail

    data = _read_bytes(path, "--file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"--file: {path} is not UTF-8 text") from None
    if not text.lower().startswith("subject:") and ":" in text.split("\n", 1)[0]:
        import email
        import email.policy

        msg = email.message_from_bytes(data, policy=email.policy.default)
        part = msg.get_body(preferencelist=("plain",)) if msg.is_multipart() else msg
        subject = str(msg.get("Subject", "")).strip()
        body = part.get_content() if part is not None else ""
        if subject and isinstance(body, str) and body.strip():
            return subject, body
    draft = mail.Draft.from_text(text, str(path))
    return draft.subject, draft.body


def _smtp_settings() -> SmtpSettings:
    from followup.config import settings as config
    from followup.mail.outgoing import SmtpSettings

    cfg = config.load_config()
    return SmtpSettings(host=str(cfg.get("smtp.host")), port=int(cfg.get("smtp.port")),
                        starttls=bool(cfg.get("smtp.starttls")),
                        user=str(cfg.get("smtp.user")) or None,
                        cafile=str(cfg.get("smtp.cafile")) or None)


@app.command("send")
def send(
    ctx: typer.Context,
    opportunity: Annotated[str, typer.Argument(metavar="ID", help="The opportunity.")],
    to: Annotated[str | None, typer.Option(
        "--to", metavar="PERSON", help="Who it goes to (default: the plan's next email).")
    ] = None,
    kind: Annotated[TouchKind | None, typer.Option(
        help="thank_you, check_in or final (default: the plan's next email).")] = None,
    file: Annotated[Path | None, typer.Option(
        "--file", metavar="FILE", help="Your edited draft (text with a Subject: line, or an "
        ".eml from `followup draft --eml`); default: a fresh draft.")] = None,
    today: c.TodayOption = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Send even when lint finds an error.")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Send without asking.")] = False,
) -> None:
    """Send a follow-up email over SMTP (smtp.* settings), then log it as done.

    Shows the whole message and the lint result first, and asks. A lint error stops it
    unless --force. The touch is logged only when the server accepted the message.

    Example: followup send acme --to dana --file thank-you-dana.eml
    """
    from datetime import datetime

    from followup import service
    from followup.mail import outgoing as mail

    settings = _smtp_settings()
    moment = datetime.now().astimezone().replace(microsecond=0)
    ready = service.prepare_email(
        c.context(ctx, c.today(today), moment), opportunity, to=to, kind=kind,
        draft=_read_draft(file) if file is not None else None, settings=settings)
    outgoing, data, findings = ready.outgoing, ready.data, ready.findings
    typer.echo(data.decode("utf-8", errors="replace").replace("\r\n", "\n"))
    typer.echo("-" * 60)
    if not findings:
        typer.echo("lint: no findings")
    for f in findings:
        typer.echo(f"lint: {f.line}:{f.column}: {f.severity} {f.rule} {f.message}")
    service.lint_gate(findings, anyway=force, override="--force")  # before asking
    _confirm(f"Send to {outgoing.person.name} <{outgoing.person.email}> via "
             f"{settings.host}:{settings.port}?", yes, "not sent")
    password = mail.smtp_password(settings)
    case, touch = service.send_email(c.store(ctx), ready, anyway=force, settings=settings,
                                     password=password,
                                     at=moment.replace(tzinfo=None, second=0))
    typer.echo(f"Sent to {outgoing.person.email}; logged {label(touch.kind.value).lower()} to "
               f"{outgoing.person.name} on {say_moment(touch.at)}")


def write_eml(case: Case, person_id: str, text: str, path: Path, *,
              store: Store | None = None, kind: str | None = None) -> None:
    """`followup draft --eml FILE`: the draft as an unsent email, and its mailto: link.
    With a `store`, its Message-ID is recorded, so the reply is matched by its thread."""
    from datetime import datetime

    from followup import service

    data, link = service.email_draft(case, person_id, text,
                                     at=datetime.now().astimezone().replace(microsecond=0))
    try:
        path.write_bytes(data)
    except OSError as e:
        raise UsageError(f"--eml: cannot write {path}: {e.strerror or e}") from None
    if store is not None:
        from followup.service.inbox import remember_draft

        remember_draft(store, case.opportunity.id, person_id, kind, data)
    typer.echo(f"Wrote {path}", err=True)
    typer.echo(link, err=True)
