"""One pair of formatters every command prints through: words for a person, JSON for scripts.

Modelled on todoman's `formatters.py` (a default formatter and a porcelain one with the same
methods, picked once from the command line): a command builds its result through the service
and hands it to `formatter(fmt, as_json)`. The JSON here is the contract (CONTRACT.md's plan
JSON, the agenda, the list, the case file) and is built nowhere else; the human side wraps at
the terminal's width with a hanging indent and says each action once.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from followup.cli.common import Format, console, wants_json
from followup.core.dates import say
from followup.core.kinds import kind

if TYPE_CHECKING:
    from followup.core.model import Case
    from followup.core.planner import Action, Plan
    from followup.service import Agenda, Card


class Formatter(Protocol):
    def plan(self, plan: Plan, case: Case,
             snoozed: Mapping[tuple[str, str | None], date] | None = None) -> None: ...
    def agenda(self, agenda: Agenda) -> None: ...
    def opportunities(self, cards: list[Card], today: date) -> None: ...
    def case(self, case: Case) -> None: ...


def formatter(fmt: Format = Format.TEXT, as_json: bool = False) -> Formatter:
    """`--format json` or `--json`: the scripts' formatter; else the person's."""
    return JsonFormatter() if wants_json(fmt, as_json) else HumanFormatter()


# -- the words ---------------------------------------------------------------------------


def action_line(action: Action, case: Case, today: date, with_state: bool = True) -> str:
    """`Check in with Dana Whitfield by email on Mon 23 Mar (upcoming)`."""
    person = case.person(action.to)
    who = person.name if person is not None else "them"
    row = kind(action.kind.value)
    text = (row.verb or row.label).format(who=who)
    if action.channel is not None and row.says_channel:
        text += f" by {action.channel.value.replace('_', ' ')}"
    text += f" on {say(action.due, today)}"
    if action.latest is not None and action.latest != action.due:
        text += f", {say(action.latest, today)} at the latest"
    return f"{text} ({action.state.value})" if with_state else text


def snoozed_words(action: Action, until: date | None, today: date) -> str:
    """`, snoozed until Mon 7 Dec (after its last day)`, or nothing when not snoozed."""
    if until is None:
        return ""
    late = action.latest is not None and until > action.latest
    return f", snoozed until {say(until, today)}" + (" (after its last day)" if late else "")


def said_once(action: Action, case: Case, today: date, with_state: bool = False,
              until: date | None = None) -> str:
    """The action's line, then only the part of its reason the line does not say."""
    line = action_line(action, case, today, with_state) + snoozed_words(action, until, today)
    return f"{line}. {action.because}" if action.because else f"{line}."


def width() -> int:
    """The terminal's width (at least 40), as `common.console()` has it; without Rich."""
    import sys

    from followup.cli import term

    if term.rich_needed():
        return max(40, console().width)
    return max(40, term.width(sys.stdout))


def wrap(text: str, first: str, rest: str) -> str:
    """`text` at the terminal's width, the first line after `first`, the others under it."""
    from followup.cli.output import wrap as wrap_to

    return wrap_to(text, first, rest, width())


def plan_text(plan: Plan, case: Case,
              snoozed: Mapping[tuple[str, str | None], date] | None = None) -> str:
    lines = [wrap(f"{plan.opportunity} ({case.opportunity.company}, {case.opportunity.role}): "
                  f"{plan.stage.value}, {plan.persistence.value}, as of {say(plan.today)}",
                  "", "  ")]
    if not plan.actions:
        lines.append("  Nothing to do.")
    for action in plan.actions:
        until = (snoozed or {}).get((action.kind.value, action.to))
        lines.append(wrap(said_once(action, case, plan.today, with_state=True, until=until),
                          "- ", "  "))
        lines.append(wrap(f"rules: {', '.join(action.rules)}", "  ", "    "))
    return "\n".join(lines)


class HumanFormatter:
    def plan(self, plan: Plan, case: Case,
             snoozed: Mapping[tuple[str, str | None], date] | None = None) -> None:
        import typer

        typer.echo(plan_text(plan, case, snoozed))

    def agenda(self, agenda: Agenda) -> None:
        from followup.cli.output import print_agenda

        print_agenda(agenda, lambda a, c, d: said_once(a, c, d), width(),
                     snoozed_line=lambda a, c, d, u: action_line(a, c, d)
                     + snoozed_words(a, u, d))

    def opportunities(self, cards: list[Card], today: date) -> None:
        from followup.cli.output import print_list

        print_list(cards, today)

    def case(self, case: Case) -> None:
        from followup.cli.output import print_case

        print_case(case)


# -- the contract --------------------------------------------------------------------------


def _echo(data: object) -> None:
    """One JSON document and a newline, as `typer.echo` writes it (without Typer: `today`)."""
    import sys

    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def agenda_to_dict(agenda: Agenda) -> dict[str, Any]:
    from followup.core.planner import action_to_dict

    p = agenda.pipeline
    return {
        "today": agenda.today.isoformat(), "until": agenda.horizon.isoformat(),
        "actions": [{"opportunity": c.opportunity.id, **action_to_dict(a)}
                    for c, a in agenda.items],
        "pipeline": {"active": p.active, "waiting": p.waiting, "dormant": p.dormant,
                     "closed": p.closed, "warning": p.warning, "rules": list(p.rules)},
    }


def card_to_dict(card: Card) -> dict[str, Any]:
    """One row of `followup list --format json`."""
    from followup.core.planner import action_to_dict

    o, last = card.case.opportunity, card.last
    return {
        "id": o.id, "company": o.company, "role": o.role, "status": o.status.value,
        "stage": card.plan.stage.value,
        "last_contact": last.at.date().isoformat() if last else None,
        "last_contact_direction": last.direction.value if last else None,
        "next_step": action_to_dict(card.next) if card.next else None,
    }


class JsonFormatter:
    def plan(self, plan: Plan, case: Case,
             snoozed: Mapping[tuple[str, str | None], date] | None = None) -> None:
        from followup.core.planner import plan_to_dict

        _echo(plan_to_dict(plan))

    def agenda(self, agenda: Agenda) -> None:
        _echo(agenda_to_dict(agenda))

    def opportunities(self, cards: list[Card], today: date) -> None:
        _echo([card_to_dict(c) for c in cards])

    def case(self, case: Case) -> None:
        from followup.core import caseio

        _echo(caseio.to_dict(case))
