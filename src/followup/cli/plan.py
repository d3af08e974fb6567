"""Planning and settings commands: `plan`, `config set|get|unset|show`.

The commands parse options, call the pure planner and render; no rule lives here. The
planner, caseio and config are imported inside the commands so `followup --help` stays fast.
"""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from followup.cli import app, common
from followup.errors import CaseFileError, UsageError

if TYPE_CHECKING:
    from followup.model import Case
    from followup.planner import Action, Plan


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"


def read_case(path: Path) -> Case:
    from followup import caseio

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CaseFileError("", "no such file", str(path)) from None
    except (OSError, UnicodeDecodeError) as e:
        raise CaseFileError("", f"cannot read: {e}", str(path)) from None
    return caseio.loads(text, source=str(path))


def action_line(action: Action, case: Case, today: date, with_state: bool = True) -> str:
    """`Check in with Dana Whitfield by email on Mon 23 Mar (upcoming)`."""
    from followup.kinds import kind
    from followup.planner import in_words

    person = case.person(action.to)
    who = person.name if person is not None else "them"
    row = kind(action.kind.value)
    text = (row.verb or row.label).format(who=who)
    if action.channel is not None and row.says_channel:
        text += f" by {action.channel.value.replace('_', ' ')}"
    text += f" on {in_words(action.due, today)}"
    if action.latest is not None and action.latest != action.due:
        text += f", {in_words(action.latest, today)} at the latest"
    return f"{text} ({action.state.value})" if with_state else text


def render_text(plan: Plan, case: Case) -> str:
    from followup.planner import in_words

    lines = [f"{plan.opportunity} ({case.opportunity.company}, {case.opportunity.role}): "
             f"{plan.stage.value}, {plan.persistence.value}, as of "
             f"{in_words(plan.today)}"]
    if not plan.actions:
        lines.append("  Nothing to do.")
    for action in plan.actions:
        lines.append(f"- {action_line(action, case, plan.today)}")
        lines.append(f"  {action.why}")
        lines.append(f"  rules: {', '.join(action.rules)}")
    return "\n".join(lines)


@app.command("plan")
def plan_command(
    ctx: typer.Context,
    opportunity: Annotated[str | None, typer.Argument(
        metavar="[ID]", help="An opportunity in the database (id or unambiguous prefix).",
    )] = None,
    case_file: Annotated[Path | None, typer.Option(
        "--case", metavar="FILE", help="A case file (CONTRACT.md) to plan; no database.",
    )] = None,
    today: str | None = typer.Option(
        None, "--today", metavar="YYYY-MM-DD", help="Plan as of this date (default: today).",
    ),
    fmt: Annotated[Format, typer.Option(
        "--format", help="text for a person, json for scripts (CONTRACT.md).",
    )] = Format.TEXT,
) -> None:
    """Show the next follow-up steps for one opportunity, with the rules behind each.

    Examples: followup plan --case acme.json --today 2026-03-13 --format json
              followup plan acme
    """
    from followup import config
    from followup.planner import plan, plan_to_dict

    if (opportunity is None) == (case_file is None):
        raise UsageError("give an opportunity ID or --case FILE (one of them)")
    day = common.today(today)
    policies = config.policies()
    if case_file is not None:
        case = read_case(case_file)
        result = plan(case, day, policies)
    else:
        from followup import service

        assert opportunity is not None
        case, result = service.plan_case(common.store(ctx), opportunity, day, policies)
    if fmt is Format.JSON:
        typer.echo(json.dumps(plan_to_dict(result), indent=2, ensure_ascii=False))
    else:
        typer.echo(render_text(result, case))


@app.command("today")
def today_command(
    ctx: typer.Context,
    days: Annotated[int, typer.Option(
        "--days", min=0, help="Also list what becomes doable within N days.")] = 7,
    today: str | None = typer.Option(
        None, "--today", metavar="YYYY-MM-DD", help="As of this date (default: today).",
    ),
    fmt: Annotated[Format, typer.Option(
        "--format", help="text for a person, json for scripts.",
    )] = Format.TEXT,
) -> None:
    """List what to do now across all opportunities (overdue first), and the pipeline.

    Example: followup today --days 7
    """
    from followup import config, service
    from followup.planner import action_to_dict

    day = common.today(today)
    result = service.agenda(common.store(ctx), day, days=days, policies=config.policies())
    p = result.pipeline
    if fmt is Format.JSON:
        typer.echo(json.dumps({
            "today": day.isoformat(), "until": result.horizon.isoformat(),
            "actions": [{"opportunity": c.opportunity.id, **action_to_dict(a)}
                        for c, a in result.items],
            "pipeline": {"active": p.active, "waiting": p.waiting, "dormant": p.dormant,
                         "closed": p.closed, "warning": p.warning, "rules": list(p.rules)},
        }, indent=2, ensure_ascii=False))
        return
    from followup.cli.output import print_agenda

    print_agenda(result, lambda a, c, d: action_line(a, c, d, with_state=False))


@app.command("done")
def done_command(
    ctx: typer.Context,
    opportunity: Annotated[str, typer.Argument(metavar="ID", help="The opportunity.")],
    to: Annotated[str | None, typer.Option(
        "--to", metavar="PERSON", help="Which person's action (e.g. one thank-you of two).",
    )] = None,
    at: Annotated[str | None, typer.Option(metavar="WHEN", help="Default: now.")] = None,
    today: str | None = typer.Option(
        None, "--today", metavar="YYYY-MM-DD", help="Plan as of this date (default: today).",
    ),
) -> None:
    """Mark the next planned action done: logs its touch (move_on marks the case dormant).

    Example: followup done acme --to priya
    """
    from followup import config, service

    moment = common.now()
    if at is not None:
        from followup.when import parse_moment

        moment = parse_moment(at, "--at")
    day = common.today(today) if today is not None else moment.date()
    case, action = service.complete_action(common.store(ctx), opportunity, day, moment, to=to,
                                           policies=config.policies())
    typer.echo(f"Done: {action_line(action, case, day)}")


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
    from followup import config

    stored = config.set_value(key, value)
    typer.echo(f"{key} = {json.dumps(stored)}  ({config.config_path()})")


@config_app.command("get")
def config_get(
    key: str = typer.Argument(..., help="A dotted key, e.g. policy.standard.weekly_cap_days."),
) -> None:
    """Print the value of one setting as in force.

    Example: followup config get policy.standard.weekly_cap_days
    """
    from followup import config

    typer.echo(json.dumps(config.load_config().get(key)))


@config_app.command("unset")
def config_unset(
    key: str = typer.Argument(..., help="A dotted key, e.g. policy.standard.weekly_cap_days."),
) -> None:
    """Remove a setting from config.toml, back to its default.

    Example: followup config unset policy.standard.weekly_cap_days
    """
    from followup import config

    removed = config.unset_value(key)
    typer.echo(f"{key}: {'removed' if removed else 'was not set'} ({config.config_path()})")


@config_app.command("show")
def config_show(
    changed: bool = typer.Option(False, "--changed", help="Only settings not at the default."),
) -> None:
    """Print every setting in force and where it came from (default, file or env).

    Example: followup config show --changed
    """
    from followup import config

    loaded = config.load_config()
    typer.echo(f"# {loaded.path}")
    for key, entry in loaded.entries.items():
        if changed and entry.source == "default":
            continue
        typer.echo(f"{key} = {json.dumps(entry.value)}  # {entry.source}")
