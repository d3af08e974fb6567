"""Planning and settings commands: `plan`, `config set|get|unset|show`.

The commands parse options, call the pure planner and render; no rule lives here. The
planner, caseio and config are imported inside the commands so `followup --help` stays fast.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from followup.cli import app, common
from followup.cli.common import Format
from followup.cli.formatters import action_line
from followup.core.dates import say, say_moment
from followup.core.errors import CaseFileError, UsageError

if TYPE_CHECKING:
    from followup.core.model import Case


def read_case(path: Path) -> Case:
    from followup.cli import files
    from followup.core import caseio

    if not path.exists():
        raise CaseFileError("", "no such file", str(path))
    text = files.read_text(path, files.CASE_FILE_BYTES, "a case file")
    return caseio.loads(text, source=str(path))


@app.command("plan")
def plan_command(
    ctx: typer.Context,
    opportunity: Annotated[str | None, typer.Argument(
        metavar="[ID]", help="An opportunity in the database (id or unambiguous prefix).",
    )] = None,
    case_file: Annotated[Path | None, typer.Option(
        "--case", metavar="FILE", help="A case file (CONTRACT.md) to plan; no database.",
    )] = None,
    today: common.TodayOption = None,
    fmt: common.FormatOption = Format.TEXT,
    as_json: common.JsonOption = False,
) -> None:
    """Show the next follow-up steps for one opportunity, with the rules behind each.

    Examples: followup plan --case acme.json --today 2026-03-13 --format json
              followup plan acme
    """
    from followup.cli.formatters import formatter
    from followup.core.planner import plan

    if (opportunity is None) == (case_file is None):
        raise UsageError("give an opportunity ID or --case FILE (one of them)")
    day = common.today(today)
    snoozed: dict[tuple[str, str | None], date] = {}
    if case_file is not None:
        from followup.service.contexts import policies_in_force

        case = read_case(case_file)
        result = plan(case, day, policies_in_force())
    else:
        from followup import service

        assert opportunity is not None
        cx = common.context(ctx, day)
        case, result = service.plan_case(cx, opportunity)
        snoozed = service.snoozed_steps(cx.store, case.opportunity.id, day)
    formatter(fmt, as_json).plan(result, case, snoozed)


@app.command("today")
def today_command(
    ctx: typer.Context,
    days: Annotated[int, typer.Option(
        "--days", min=0, help="Also list what becomes doable within N days.")] = 7,
    today: common.TodayOption = None,
    fmt: common.FormatOption = Format.TEXT,
    as_json: common.JsonOption = False,
) -> None:
    """List what to do now across all opportunities (overdue first), and the pipeline.

    Example: followup today --days 7
    """
    from followup.cli.lean import show_today

    day = common.today(today)
    show_today(common.store(ctx), day, days, common.wants_json(fmt, as_json))


@app.command("done")
def done_command(
    ctx: typer.Context,
    opportunity: Annotated[str, typer.Argument(metavar="ID", help="The opportunity.")],
    to: Annotated[str | None, typer.Option(
        "--to", metavar="PERSON", help="Which person's action (e.g. one thank-you of two).",
    )] = None,
    at: Annotated[str | None, typer.Option(
        metavar="WHEN", help='When: "yesterday 17:40", "now", ISO (default: now).')] = None,
    early: Annotated[bool, typer.Option(
        "--early", help="Mark it done although it is not due yet.")] = False,
    today: common.TodayOption = None,
) -> None:
    """Mark the next planned action done: logs its touch (move_on marks the case dormant).

    A step that is not due yet is refused unless --early.

    Example: followup done acme --to priya
    """
    from followup import service

    moment = common.now()
    if at is not None:
        from followup.core.when import parse_moment

        moment = parse_moment(at, "--at", moment,
                              common.store(ctx).get_candidate().country, "past")
    day = common.today(today) if today is not None else moment.date()
    case, action = service.complete_action(common.context(ctx, day, moment), opportunity,
                                           to=to, early=early)
    typer.echo(f"Done: {action_line(action, case, day)}")
    if at is not None and not re.fullmatch(r"\d{4}-\d\d-\d\d([ T][\d:]+)?", at.strip()):
        typer.echo(f"At: {say_moment(moment)} (from {at!r})")


@app.command("snooze")
def snooze_command(
    ctx: typer.Context,
    opportunity: Annotated[str, typer.Argument(metavar="ID", help="The opportunity.")],
    until: Annotated[str, typer.Argument(
        metavar="DATE", help='Until when: a date or a phrase ("next Monday", "in 3 days").')],
    to: Annotated[str | None, typer.Option(
        "--to", metavar="PERSON", help="Which person's action (default: the next one).")] = None,
    yes: Annotated[bool, typer.Option(
        "--yes", "-y", help="Snooze past the step's last day without asking.")] = False,
    today: common.TodayOption = None,
) -> None:
    """Hide the next planned action from `today` until a later date. `today` and `plan`
    still list it, with "snoozed until ..."; a snooze past its last day is said first and
    asked about (--yes: take it without asking).

    Example: followup snooze acme "next Monday"
    """
    import sys

    from followup import service
    from followup.core.when import parse_day

    day = common.today(today)
    wake = parse_day(until, "DATE", day, since="today")
    cx = common.context(ctx, day)
    try:
        case, action = service.snooze_next(cx, opportunity, wake, to=to, past_deadline=yes)
    except service.SnoozePastDeadline as e:
        if not sys.stdin.isatty():
            raise UsageError(f"DATE: {e} (add --yes to snooze it anyway)") from None
        typer.echo(f"warning: {e}", err=True)
        if not typer.confirm("Snooze it anyway?", default=False):
            typer.echo("Not snoozed.")
            raise typer.Exit(1) from None
        case, action = service.snooze_next(cx, opportunity, wake, to=to, past_deadline=True)
    typer.echo(f"Snoozed until {say(wake, day)}: {action_line(action, case, day, False)}")


config_app = typer.Typer(
    help="Read and change settings (config.toml in FOLLOWUP_HOME or the user config dir).",
    no_args_is_help=True,
)
app.add_typer(config_app, name="config")


@config_app.command("set")
def config_set(
    key: str = typer.Argument(..., help="A dotted key, e.g. policy.standard.weekly_cap_days."),
    value: str = typer.Argument(..., help="The new value."),
) -> None:
    """Store a setting in config.toml.

    Example: followup config set policy.standard.weekly_cap_days 10
    """
    from followup.config import settings as config

    stored = config.set_value(key, value)
    typer.echo(f"{key} = {json.dumps(stored)}  ({config.config_path()})")


@config_app.command("get")
def config_get(
    key: str = typer.Argument(..., help="A dotted key, e.g. policy.standard.weekly_cap_days."),
) -> None:
    """Print the value of one setting as in force.

    Example: followup config get policy.standard.weekly_cap_days
    """
    from followup.config import settings as config

    typer.echo(json.dumps(config.load_config().get(key)))


@config_app.command("unset")
def config_unset(
    key: str = typer.Argument(..., help="A dotted key, e.g. policy.standard.weekly_cap_days."),
) -> None:
    """Remove a setting from config.toml, back to its default.

    Example: followup config unset policy.standard.weekly_cap_days
    """
    from followup.config import settings as config

    removed = config.unset_value(key)
    typer.echo(f"{key}: {'removed' if removed else 'was not set'} ({config.config_path()})")


@config_app.command("show")
def config_show(
    changed: bool = typer.Option(False, "--changed", help="Only settings not at the default."),
) -> None:
    """Print every setting in force and where it came from (default, file or env).

    Example: followup config show --changed
    """
    from followup.config import settings as config

    loaded = config.load_config()
    typer.echo(f"# {loaded.path}")
    for key, entry in loaded.entries.items():
        if changed and entry.source == "default":
            continue
        typer.echo(f"{key} = {json.dumps(entry.value)}  # {entry.source}")
