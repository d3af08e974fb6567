"""Planning and settings commands: `plan`, `config set|get|unset|show`.

The commands parse options, call the pure planner and render; no rule lives here. The
planner, caseio and config are imported inside the commands so `followup --help` stays fast.
"""

from __future__ import annotations

import json
import re
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from followup.cli import app
from followup.errors import CaseFileError, UsageError

if TYPE_CHECKING:
    from followup.model import Case
    from followup.planner import Action, Plan


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_today(value: str | None) -> date:
    """`--today YYYY-MM-DD`, else the real date: the only place the clock is read."""
    if value is None:
        return date.today()
    if _DATE.fullmatch(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise UsageError(f"--today: not a date (YYYY-MM-DD): {value!r}")


def read_case(path: Path) -> Case:
    from followup import caseio

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CaseFileError("", "no such file", str(path)) from None
    except (OSError, UnicodeDecodeError) as e:
        raise CaseFileError("", f"cannot read: {e}", str(path)) from None
    return caseio.loads(text, source=str(path))


_VERBS = {
    "prepare": "Prepare for the interview with {who}",
    "thank_you": "Send a thank-you note to {who}",
    "letter": "Post a letter to {who}",
    "check_in": "Check in with {who}",
    "final": "Send the final message to {who}",
    "move_on": "Move on: mark the opportunity dormant",
    "application_follow_up": "Follow up on the application with {who}",
}


def action_line(action: Action, case: Case, today: date) -> str:
    """`Check in with Dana Whitfield by email on Mon 23 Mar (upcoming)`."""
    from followup.planner import in_words

    person = case.person(action.to)
    who = person.name if person is not None else "them"
    text = _VERBS[action.kind.value].format(who=who)
    if action.channel is not None and action.kind.value != "prepare":
        text += f" by {action.channel.value.replace('_', ' ')}"
    text += f" on {in_words(action.due, today)}"
    if action.latest is not None and action.latest != action.due:
        text += f", {in_words(action.latest, today)} at the latest"
    return f"{text} ({action.state.value})"


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
    case_file: Annotated[Path, typer.Option(
        "--case", metavar="FILE", help="A case file (CONTRACT.md) to plan; no database.",
    )],
    today: str | None = typer.Option(
        None, "--today", metavar="YYYY-MM-DD", help="Plan as of this date (default: today).",
    ),
    fmt: Annotated[Format, typer.Option(
        "--format", help="text for a person, json for scripts (CONTRACT.md).",
    )] = Format.TEXT,
) -> None:
    """Show the next follow-up steps for one opportunity, with the rules behind each.

    Example: followup plan --case acme.json --today 2026-03-13 --format json
    """
    from followup import config
    from followup.planner import plan, plan_to_dict

    day = parse_today(today)
    case = read_case(case_file)
    result = plan(case, day, config.policies())
    if fmt is Format.JSON:
        typer.echo(json.dumps(plan_to_dict(result), indent=2, ensure_ascii=False))
    else:
        typer.echo(render_text(result, case))


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
