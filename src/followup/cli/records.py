"""Record-keeping commands: what happened, who was there, what they promised.

Every command parses its options, calls one `followup.service` function and renders the
result; the rules live in the core.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from followup.cli import FollowupGroup, app
from followup.cli import common as c
from followup.core.dates import say, say_moment
from followup.core.errors import UsageError
from followup.core.kinds import CHANNEL_WORDS, label
from followup.core.model import Channel, Persistence, PromiseChannel, Status, TouchKind

add_app = typer.Typer(cls=FollowupGroup, no_args_is_help=True,
                      help="Record an opportunity, a person, an interview or a line of value.")
app.add_typer(add_app, name="add")

OppOption = c.OldOpportunityOption  # the old `-o ID`, kept for scripts


def _day(value: str | None, option: str, base: date | None = None,
         country: str | None = None, since: str = "the interview") -> date | None:
    if value is None:
        return None
    from followup.core.when import parse_day

    return parse_day(value, option, base, country, since)


def _country(ctx: typer.Context) -> str | None:
    """The candidate's country: how numeric dates are read (12/10) and which holidays."""
    return c.store(ctx).get_candidate().country


def _read_text(path: Path | None, option: str) -> str | None:
    """A listing or a case file (`-`: standard input), read with its cap (cli.files)."""
    from followup.cli import files

    if path is None:
        return None
    if option == "FILE":
        return files.read_text(path, files.CASE_FILE_BYTES, "a case file or a bundle", option)
    return files.read_text(path, files.LISTING_BYTES, "a listing", option)


@add_app.command("opportunity")
def add_opportunity(
    ctx: typer.Context,
    company: Annotated[str, typer.Option(help="Company name, spelled as they spell it.")],
    role: Annotated[str, typer.Option(help="The role's title, as in the listing.")],
    field: Annotated[str | None, typer.Option(
        help="Field (finance, law, sales, marketing ...): sets tone and persistence.")] = None,
    persistence: Annotated[Persistence | None, typer.Option(
        help="How hard to push; default: persistent for sales, else standard.")] = None,
    listing_file: Annotated[Path | None, typer.Option(
        "--listing-file", help="The job listing as text ('-' reads standard input).")] = None,
    applied_on: Annotated[str | None, typer.Option(
        "--applied-on", metavar="DATE", help="When you applied (YYYY-MM-DD).")] = None,
    letter: Annotated[bool, typer.Option(
        "--letter/--no-letter", help="Plan a mailed letter after interviews.")] = False,
    id: Annotated[str | None, typer.Option(
        "--id", help="Choose the id instead of deriving it from company and role.")] = None,
) -> None:
    """Record an opportunity you applied for.

    Example: followup add opportunity --company "Acme Analytics" --role "Senior Data Analyst"
    --field finance --applied-on 2026-02-10
    """
    from followup import service

    case = service.add_opportunity(
        c.store(ctx), company=company, role=role, field=field, persistence=persistence,
        listing=_read_text(listing_file, "--listing-file"),
        applied_on=_day(applied_on, "--applied-on"), send_letter=letter, slug=id,
    )
    typer.echo(f"Added {case.opportunity.id}: {company}, {role}")


@add_app.command("person")
def add_person(
    ctx: typer.Context,
    *,
    opportunity: c.OpportunityArg = None,
    old_opportunity: OppOption = None,
    name: Annotated[str, typer.Option(help="Full name, exactly as they write it.")],
    title: Annotated[str | None, typer.Option(help="Their job title.")] = None,
    email: Annotated[str | None, typer.Option(help="Email address.")] = None,
    phone: Annotated[str | None, typer.Option(help="Phone number.")] = None,
    contact: Annotated[bool, typer.Option(
        "--contact", help="The person to write to about the decision.")] = False,
) -> None:
    """Record someone at the company (interviewer, recruiter, hiring manager).

    Example: followup add person acme --name "Dana Whitfield" --title "Head of Analytics"
    --email dana@acme.example --contact
    """
    from followup import service

    person = service.add_person(c.store(ctx), c.opportunity(opportunity, old_opportunity),
                                name=name, title=title, email=email,
                                phone=phone, contact=contact)
    typer.echo(f"Added {person.id}: {person.name}")


@add_app.command("interview")
def add_interview(
    ctx: typer.Context,
    *,
    opportunity: c.OpportunityArg = None,
    old_opportunity: OppOption = None,
    at: Annotated[str, typer.Option(metavar="WHEN", help='Date and time: "2026-03-02 10:00", '
                                    '"tomorrow 3pm", "Monday 10am", "yesterday 17:40".')],
    with_: Annotated[list[str] | None, typer.Option(
        "--with", metavar="NAME", help="An interviewer (repeat); new names are added.")] = None,
    round: Annotated[int | None, typer.Option(min=1, help="Round number (default: next).")] = None,
    format: Annotated[str | None, typer.Option(help="phone, video, onsite ...")] = None,
    topic: Annotated[list[str] | None, typer.Option(
        "--topic", help="Something specific you discussed (repeat).")] = None,
    next_step: Annotated[list[str] | None, typer.Option(
        "--next-step", help="A next step they named (repeat).")] = None,
    promised: Annotated[str | None, typer.Option(
        metavar="DATE|PHRASE",
        help='When they said they would decide: a date, "12/10" (read by your country), '
        '"next Wednesday", "early next week", "mid-December", "in two weeks".')] = None,
    promised_channel: Annotated[PromiseChannel | None, typer.Option(
        "--promised-channel", help="How they said they'd tell you.")] = None,
    promised_by: Annotated[str | None, typer.Option(
        "--promised-by", metavar="PERSON", help="Who promised (default: first interviewer).")
    ] = None,
) -> None:
    """Record an interview, held or scheduled, and what they promised.

    Example: followup add interview acme --at "2026-03-02 10:00" --with "Dana Whitfield"
    --with "Priya Raman" --topic "moving monthly reporting onto dbt"
    --promised "next Wednesday" --promised-channel phone --promised-by dana
    """
    from followup import service
    from followup.core.when import parse_moment

    country = _country(ctx)
    moment = parse_moment(at, "--at", c.now(), country)
    promised_day = _day(promised, "--promised", base=moment.date(), country=country)
    done = service.record_interview(
        c.store(ctx), c.opportunity(opportunity, old_opportunity), at=moment,
        with_names=with_ or [], round=round,
        format=format, topics=topic or [], next_steps=next_step or [],
        promised_by=promised_day, promised_channel=promised_channel, promised_who=promised_by,
        promised_said=promised if promised and promised_day and promised != str(promised_day)
        else None,
    )
    iv = done.interview
    names = ", ".join(p.name for p in done.new_people)
    typer.echo(f"Added interview {iv.id} ({say_moment(iv.at)})"
               + (f"; new people: {names}" if names else ""))
    if iv.promised:
        typer.echo(f"Promised: {say(iv.promised.by)}"
                   + (f" (from {promised!r})" if promised != str(iv.promised.by) else ""))


@add_app.command("value")
def add_value(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(metavar="VALUE",
                                        help="A course, a result, a short testimonial.")],
) -> None:
    """Record something of value your follow-ups can mention (content.value).

    Example: followup add value "Finished the dbt Fundamentals course"
    """
    from followup import service

    cand = service.add_value(c.store(ctx), text)
    typer.echo(f"Recorded ({len(cand.values)} in all).")


@app.command()
def profile(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option(help="Your name, for signatures.")] = None,
    email: Annotated[str | None, typer.Option(help="Your email address.")] = None,
    phone: Annotated[str | None, typer.Option(help="Your phone number.")] = None,
    country: Annotated[str | None, typer.Option(
        help="ISO country code for public holidays (US, GB, DE ...).")] = None,
    timezone: Annotated[str | None, typer.Option(help="IANA zone, e.g. America/New_York.")
                        ] = None,
) -> None:
    """Show or set who you are: name and phone for drafts, country for holidays.

    Example: followup profile --name "Alex Morgan" --phone "+1 555 0100" --country US
    """
    from followup import service

    if country is not None:
        country = country.upper()
    st = c.store(ctx)
    if any(v is not None for v in (name, email, phone, country, timezone)):
        cand = service.update_profile(st, name=name, email=email, phone=phone, country=country,
                                      timezone=timezone)
    else:
        cand = service.profile(st)
    for name_, value in (("name", cand.name), ("email", cand.email), ("phone", cand.phone),
                         ("country", cand.country), ("timezone", cand.timezone)):
        typer.echo(f"{name_:9} {value or '-'}")
    for value in cand.values:
        typer.echo(f"value     {value}")


@app.command()
def log(
    ctx: typer.Context,
    *,
    opportunity: c.OpportunityArg = None,
    old_opportunity: OppOption = None,
    kind: Annotated[TouchKind, typer.Option(help="What it was.")],
    channel: Annotated[Channel, typer.Option(help="How it went.")] = Channel.EMAIL,
    to: Annotated[str | None, typer.Option(
        "--to", metavar="PERSON", help="You wrote or called them.")] = None,
    from_: Annotated[str | None, typer.Option(
        "--from", metavar="PERSON", help="They wrote or called you.")] = None,
    at: Annotated[str | None, typer.Option(
        metavar="WHEN", help='When: "yesterday 17:40", "Monday 10am", ISO (default: now).')] = None,
    note: Annotated[str | None, typer.Option(help="A few words to remember it by.")] = None,
    new_by: Annotated[str | None, typer.Option(
        "--new-by", metavar="DATE", help='A new decision date they gave ("by the 20th").')] = None,
) -> None:
    """Log a contact: a note you sent (--to) or a message from them (--from).

    Examples: followup log acme --kind thank_you --channel email --to dana
              followup log acme --kind reply --from dana --new-by 2026-03-20
    """
    from followup import service
    from followup.core.when import parse_moment

    country = _country(ctx)
    moment = parse_moment(at, "--at", c.now(), country, "past") if at else c.now()
    if new_by is not None and from_ is None:  # said before the date is read: the cause
        raise UsageError("--new-by: only a message from them (--from) can give a new date")
    new_day = _day(new_by, "--new-by", base=moment.date(), country=country, since="the contact")
    case, touch = service.log_touch(
        c.store(ctx), c.opportunity(opportunity, old_opportunity), kind=kind, channel=channel,
        at=moment, to=to, from_=from_, note=note, new_by=new_day,
    )
    who = case.person(touch.person)
    arrow = "from" if touch.direction.value == "in" else "to"
    typer.echo(f"Logged {label(touch.kind.value).lower()} {arrow} "
               f"{who.name if who else 'them'} by {CHANNEL_WORDS[touch.channel.value]} on "
               f"{say_moment(touch.at)}")
    if new_day is not None and new_by is not None and new_by.strip() != str(new_day):
        typer.echo(f"New date: {say(new_day)} (from {new_by!r})")
    if case.opportunity.status.is_closed:
        typer.echo(f"{case.opportunity.id} is now {case.opportunity.status.value}.")


@app.command()
def status(
    ctx: typer.Context,
    opportunity: Annotated[str, typer.Argument(metavar="ID")],
    new_status: Annotated[Status, typer.Argument(metavar="STATUS",
                                                 help="active, offer, accepted, declined, "
                                                 "rejected, withdrawn or dormant.")],
) -> None:
    """Set where an opportunity stands; closed ones get no more actions.

    Example: followup status acme rejected
    """
    from followup import service

    slug = service.set_status(c.store(ctx), opportunity, new_status)
    typer.echo(f"{slug}: {new_status.value}")


@app.command("list")
def list_(
    ctx: typer.Context,
    fmt: c.FormatOption = c.Format.TEXT,
    as_json: c.JsonOption = False,
    today: c.TodayOption = None,
) -> None:
    """Every opportunity: company, role, stage, last contact and the next step.

    Example: followup list --format json
    """
    from followup import service
    from followup.cli.formatters import formatter

    day = c.today(today)
    cards = service.opportunities(c.context(ctx, day))
    formatter(fmt, as_json).opportunities(cards, day)


@app.command()
def show(
    ctx: typer.Context,
    opportunity: Annotated[str, typer.Argument(metavar="ID")],
    fmt: c.FormatOption = c.Format.TEXT,
    as_json: c.JsonOption = False,
) -> None:
    """Everything about one opportunity: people, interviews, promises, touches in time order.

    With --format json: the case file (CONTRACT.md).

    Example: followup show acme
    """
    from followup import service
    from followup.cli.formatters import formatter

    formatter(fmt, as_json).case(service.load_case(c.store(ctx), opportunity))


@app.command()
def edit(
    ctx: typer.Context,
    opportunity: Annotated[str, typer.Argument(metavar="ID")],
    company: Annotated[str | None, typer.Option(help="New company name.")] = None,
    role: Annotated[str | None, typer.Option(help="New role.")] = None,
    field: Annotated[str | None, typer.Option(help="New field.")] = None,
    persistence: Annotated[Persistence | None, typer.Option(help="New persistence.")] = None,
    listing_file: Annotated[Path | None, typer.Option("--listing-file",
                                                      help="Replace the listing.")] = None,
    applied_on: Annotated[str | None, typer.Option("--applied-on", metavar="DATE")] = None,
    letter: Annotated[bool | None, typer.Option("--letter/--no-letter")] = None,
    person: Annotated[str | None, typer.Option(
        "--person", metavar="PERSON", help="Edit this person instead (with the options below).")
    ] = None,
    name: Annotated[str | None, typer.Option(help="The person's new name.")] = None,
    title: Annotated[str | None, typer.Option(help="The person's title.")] = None,
    email: Annotated[str | None, typer.Option(help="The person's email.")] = None,
    phone: Annotated[str | None, typer.Option(help="The person's phone.")] = None,
    contact: Annotated[bool | None, typer.Option(
        "--contact/--no-contact", help="Make the person the contact.")] = None,
) -> None:
    """Change an opportunity or one of its people; no option: the case file in $EDITOR.

    The edited file is validated like an import: a mistake changes nothing.

    Examples: followup edit acme --role "Lead Data Analyst"
              followup edit acme --person dana --email dana@acme.example --contact
              EDITOR=nano followup edit acme
    """
    from followup import service
    from followup.core import caseio

    st = c.store(ctx)
    person_fields = (name, title, email, phone, contact)
    if person is None and any(v is not None for v in person_fields):
        raise UsageError("--name/--title/--email/--phone/--contact need --person PERSON")
    if person is not None:
        case = service.load_case(st, opportunity)
        old = service.find_person(case, person, "--person")
        changed = service.edit_person(
            st, case.opportunity.id, old.id, name=name or old.name,
            title=old.title if title is None else title,
            email=old.email if email is None else email,
            phone=old.phone if phone is None else phone,
            contact=old.contact if contact is None else contact)
        typer.echo(f"Updated {changed.id}: {changed.name}")
        return
    if any(v is not None for v in (company, role, field, persistence, listing_file,
                                   applied_on, letter)):
        case = service.edit_opportunity(
            st, opportunity, company=company, role=role, field=field, persistence=persistence,
            listing=_read_text(listing_file, "--listing-file"),
            applied_on=_day(applied_on, "--applied-on"), send_letter=letter)
        typer.echo(f"Updated {case.opportunity.id}")
        return
    from followup.core.errors import FollowupError

    case = service.load_case(st, opportunity)
    seen = service.generation(case)  # compared again inside the write: no lost update
    slug = case.opportunity.id

    def keep(data: bytes) -> Path:
        return service.keep_text(data, slug, c.now_exact())

    edited = c.edit_text(caseio.dumps(case), ".json", keep)
    if edited is None:
        typer.echo("No change.")
        return
    try:
        new = caseio.loads(edited, source="edited case")
        service.replace_case(st, slug, new, seen)
    except FollowupError as e:  # a mistake or a conflict: the user's text is not lost
        kept = FollowupError(f"{e}; your text is kept in {keep(edited.encode())}")
        kept.exit_code = e.exit_code
        raise kept from None
    typer.echo(f"Updated {new.opportunity.id}")


@app.command()
def delete(
    ctx: typer.Context,
    opportunity: Annotated[str, typer.Argument(metavar="ID")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Don't ask.")] = False,
) -> None:
    """Delete an opportunity and everything recorded about it (asks first).

    Example: followup delete acme --yes
    """
    from followup import service

    st = c.store(ctx)
    slug, what = service.deletion_summary(st, opportunity)
    if not yes and not typer.confirm(f"Delete {what}?"):
        raise typer.Exit(1)
    service.delete_opportunity(st, slug)
    typer.echo(f"Deleted {slug}")


@app.command("export")
def export(
    ctx: typer.Context,
    opportunity: Annotated[str | None, typer.Argument(metavar="[ID]")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Every opportunity, as one bundle.")
                    ] = False,
    out: Annotated[Path | None, typer.Option("--output", "-o", help="File (default: stdout).")
                   ] = None,
    csv_dir: Annotated[Path | None, typer.Option(
        "--csv", metavar="DIR", help="Every record as four CSV files in DIR "
        "(docs/spreadsheets.md).")] = None,
    xlsx: Annotated[Path | None, typer.Option(
        "--xlsx", metavar="FILE", help="The same four tables as sheets of one workbook.")
                    ] = None,
) -> None:
    """Write a case file (CONTRACT.md), with --all a bundle of every case, or spreadsheets.

    Examples: followup export acme -o acme.json
              followup export --all -o backup.json
              followup export --csv sheets/
              followup export --xlsx followup.xlsx
    """

    from followup import service
    from followup.core import caseio

    st = c.store(ctx)
    if csv_dir is not None or xlsx is not None:
        if opportunity is not None or all_ or out is not None or (csv_dir and xlsx):
            raise UsageError("--csv DIR and --xlsx FILE write every record: give one of "
                             "them alone")
        if csv_dir is not None:
            for path in service.export_csv(st, csv_dir):
                typer.echo(f"Wrote {path}", err=True)
        else:
            assert xlsx is not None
            count = service.export_xlsx(st, xlsx)
            typer.echo(f"Wrote {xlsx} ({count} "
                       f"{'opportunity' if count == 1 else 'opportunities'})", err=True)
        return
    if all_ == (opportunity is not None):
        raise UsageError("give an opportunity ID or --all, not both or neither")
    skipped: list[str] = []
    if all_:
        cases, skipped = service.export_all(st)
        data = caseio.bundle_to_dict(cases, service.export_snoozes(st))
    else:
        data = caseio.to_dict(service.load_case(st, opportunity or ""))
    text = c.json_text(data) + "\n"
    if out is None:
        typer.echo(text, nl=False)
    else:
        service.write_file(out, text, "--output: ")
        typer.echo(f"Wrote {out}", err=True)
    if skipped:  # said last, where it is seen; the exit status says it to a script
        for line in skipped:
            typer.echo(f"not exported: {line}", err=True)
        typer.echo(f"error: {len(skipped)} opportunit{'y' if len(skipped) == 1 else 'ies'} "
                   "could not be exported (see above; `followup doctor` repairs them)",
                   err=True)
        raise typer.Exit(1)


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[Path | None, typer.Argument(
        metavar="[FILE]", help="Case file or bundle ('-' stdin).")] = None,
    replace_existing: Annotated[bool, typer.Option(
        "--replace", help="Overwrite opportunities with the same id.")] = False,
    csv_path: Annotated[Path | None, typer.Option(
        "--csv", metavar="DIR|FILE", help="The four CSV files `export --csv` wrote (DIR), or "
        "with --map one CSV file from another tracker.")] = None,
    mapping: Annotated[str | None, typer.Option(
        "--map", metavar="MAP", help="How to read another tracker's CSV: generic, huntr, or "
        "a mapping file (docs/spreadsheets.md).")] = None,
) -> None:
    """Read a case file, an `export --all` bundle or spreadsheets; all or nothing.

    Examples: followup import acme.json
              followup import --csv sheets/
              followup import --csv huntr-jobs.csv --map huntr
    """
    from followup import service
    from followup.core import caseio

    if csv_path is not None:
        if file is not None:
            raise UsageError("give a FILE or --csv, not both")
        if mapping is not None:
            if replace_existing:
                raise UsageError("--replace: a tracker's rows always become new opportunities")
            done = service.import_tracker(c.store(ctx), csv_path, mapping)
        else:
            done = service.import_csv(c.store(ctx), csv_path, replace_existing=replace_existing)
        count = len(done.opportunities)
        skipped = (f"; {done.skipped} {'row' if done.skipped == 1 else 'rows'} not applied to "
                   "yet left out") if done.skipped else ""
        typer.echo(f"Imported {count} {'opportunity' if count == 1 else 'opportunities'} "
                   f"from {csv_path}{skipped}")
        return
    if mapping is not None:
        raise UsageError("--map reads a CSV file: give it with --csv FILE")
    if file is None:
        raise UsageError("FILE: which case file? (or --csv DIR)")
    source = "<stdin>" if str(file) == "-" else str(file)
    text = _read_text(file, "FILE")
    cases, snoozes = caseio.read_bundle(caseio.parse_json(text or "", source), source)
    service.import_cases(c.store(ctx), cases, replace_existing=replace_existing,
                         snoozes=snoozes)
    for case in cases:
        typer.echo(f"Imported {case.opportunity.id}: {case.opportunity.company}, "
                   f"{case.opportunity.role}")

