"""Calendar and email commands: `import-invite`, `calendar export`, `send`.

Each parses its options, reads the files it is given and the clock, and calls
`followup.service`; `followup.ical` and `followup.mail` are imported inside the commands,
so the rest of the CLI never pays for `icalendar` or `smtplib`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from followup.cli import FollowupGroup, app
from followup.cli import common as c
from followup.errors import UsageError

if TYPE_CHECKING:
    from followup.ical import Invite

calendar_app = typer.Typer(cls=FollowupGroup, no_args_is_help=True,
                           help="Your plan as a calendar file (.ics).")
app.add_typer(calendar_app, name="calendar")


def _read_bytes(path: Path, what: str) -> bytes:
    try:
        return sys.stdin.buffer.read() if str(path) == "-" else path.read_bytes()
    except OSError as e:
        raise UsageError(f"{what}: cannot read {path}: {e.strerror or e}") from None


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
    when = f"{invite.start:%a %d %b %Y %H:%M}"
    if invite.end is not None:
        when += f"-{invite.end:%H:%M}"
    when += f" ({invite.zone_name})"
    if invite.source_zone and invite.source_zone != invite.zone_name:
        when += f", sent in {invite.source_zone}"
    typer.echo(f"Invite: {invite.summary or '(no title)'}")
    typer.echo(f"  when:  {when}")
    for person in invite.people:
        note = "  (name from the address)" if person.name_from_address else ""
        address = f" <{person.email}>" if person.email else ""
        typer.echo(f"  with:  {person.name}{address}{note}")
    for skip in invite.skipped:
        typer.echo(f"  skip:  {skip.label} ({skip.reason})")


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
    and people who declined. All-day and recurring events are refused.

    Example: followup import-invite ~/Downloads/invite.ics
    """
    from followup import ical, service

    st = c.store(ctx)
    zone, zone_name = ical.local_zone(tz or st.get_candidate().timezone)
    invite = ical.parse_invite(_read_bytes(file, "FILE"), str(file), zone=zone,
                               zone_name=zone_name, me=service.my_addresses(st, me or []))
    if not invite.people:
        raise UsageError(f"{file}: nobody but you on the invite; add the interviewers with "
                         "`followup add interview --with`")
    _show_invite(invite)
    if opportunity is not None:
        result = service.invite_to_interview(st, invite, ref=opportunity, round=round)
    else:
        match = service.match_invite(st, invite)
        if match.ref is not None and company is None and role is None:
            _confirm(f"Add it to {match.ref} ({match.company}, {match.role})?", yes,
                     f"{file}: would add it to {match.ref} ({match.reason})")
            result = service.invite_to_interview(st, invite, ref=match.ref, round=round)
        else:
            company = company or match.company
            role = role or match.role
            if not company or not role:
                missing = " and ".join(o for o, v in (("--company", company), ("--role", role))
                                       if not v)
                raise UsageError(f"{file}: cannot tell the {missing[2:].replace('--', '')} "
                                 f"from the invite; give {missing} or --opportunity")
            _confirm(f"Record it as a new opportunity: {company}, {role}?", yes,
                     f"{file}: would record a new opportunity {company}, {role} "
                     f"({match.reason})")
            result = service.invite_to_interview(st, invite, company=company, role=role,
                                                 round=round)
    opp = result.case.opportunity
    iv = result.interview
    if result.already_recorded:
        typer.echo(f"Already recorded: {opp.id} {iv.id} on {iv.at:%a %d %b %Y %H:%M}; "
                   "nothing changed.")
        return
    if result.created_opportunity:
        typer.echo(f"Added {opp.id}: {opp.company}, {opp.role}")
    names = ", ".join(
        f"{p.name}{' (new)' if p in result.new_people else ''}"
        for p in (result.case.person(i) for i in iv.interviewers) if p is not None)
    typer.echo(f"Recorded {opp.id} {iv.id} (round {iv.round}) on "
               f"{iv.at:%a %d %b %Y %H:%M} with {names}")
