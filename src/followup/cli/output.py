"""How things look: Rich views for a person, plain dicts for `--json` (a contract)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from followup.cli.common import console
from followup.core.dates import say, say_moment, say_near
from followup.core.kinds import CHANNEL_WORDS, kind
from followup.core.model import Case, Direction

if TYPE_CHECKING:
    from followup.core.planner import Action
    from followup.service import Agenda, Card


def print_list(cards: list[Card], today: date) -> None:
    """`followup list`: one row per opportunity; stage and next step come from the planner."""
    from rich.markup import escape
    from rich.table import Table

    out = console()
    if not cards:
        out.print("No opportunities yet. Add one: followup add opportunity --company ... "
                  "--role ...")
        return
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("id", no_wrap=True)
    table.add_column("company")
    table.add_column("role")
    table.add_column("stage", no_wrap=True)
    table.add_column("last contact", no_wrap=True)
    table.add_column("next step")
    for card in cards:
        case, o, last, n = card.case, card.case.opportunity, card.last, card.next
        arrow = {"in": "← ", "out": "→ "}.get(last.direction.value if last else "", "")
        step = "-"
        if n is not None:
            who = case.person(n.to)
            step = kind(n.kind.value).short + (f" {who.first_name}" if who else "") + ", " + (
                say_near(n.due, today))
            if n.state.value == "overdue":
                step = f"[red]{escape(step)} (overdue)[/]"
            else:
                step = escape(step)
        table.add_row(escape(o.id), escape(o.company), escape(o.role), card.plan.stage.value,
                      arrow + say_near(last.at.date(), today) if last else "-", step)
    out.print(table)


def wrap(text: str, first: str, rest: str, width: int) -> str:
    import textwrap

    if width <= 0:
        return first + text
    return textwrap.fill(text, width=width, initial_indent=first, subsequent_indent=rest,
                         break_long_words=False, break_on_hyphens=False)


_SECTIONS = (("overdue", "Overdue", "red"), ("due", "Due now", "yellow"),
             ("upcoming", "Coming up", "cyan"))


def print_agenda(agenda: Agenda, line: Callable[[Action, Case, date], str],
                 width: int = 0, *, snoozed_line: Callable[[Action, Case, date, date], str]
                 = lambda a, c, d, u: "") -> None:
    """`followup today`: overdue, due, coming up; grouped by opportunity; then the pipeline.
    Each action is one wrapped item at `width` (0: no wrapping).

    Built as one list of (text, style) pieces and written once: a `print` call with markup
    per line cost 0.4 s for 1,000 opportunities. `cli.term` writes the pieces as Rich
    would (plain when piped, ANSI styles on a terminal) without importing Rich; Rich itself
    writes them only where `term.rich_needed()`.
    """
    import sys

    from followup.cli import term

    today = agenda.today
    pieces: list[term.Piece] = []

    def add(text: str, style: str = "") -> None:
        pieces.append((text, style))

    add(say(today, today), "bold")
    add("\n")
    if not agenda.items:
        add("Nothing to do" + (f" until {say_near(agenda.horizon, today)}.\n"
                               if agenda.horizon > today else " today.\n"))
    by_state: dict[str, dict[str, list[tuple[Case, Action]]]] = {}
    for state, items in agenda.sections.items():  # decided by service.agenda
        for case, action in items:  # in due order: each group keeps its first item's place
            by_state.setdefault(state, {}).setdefault(case.opportunity.id, []).append(
                (case, action))
    for state, title, colour in _SECTIONS:
        groups = by_state.get(state)
        if not groups:
            continue
        heading = title if state != "upcoming" \
            else f"{title} (to {say_near(agenda.horizon, today)})"
        add("\n")
        add(heading, f"bold {colour}")
        add("\n")
        for group in groups.values():
            o = group[0][0].opportunity
            add("  ")
            add(o.id, "bold")
            add(f"  {o.company} · {o.role}\n")
            for case, action in group:
                # each action said once, wrapped under its bullet (a hanging indent)
                add(wrap(line(action, case, today), "    • ", "      ", width) + "\n")
    if agenda.snoozed:  # still shown, with their state and deadline: a snooze hides nothing
        add("\n")
        add(f"Snoozed ({len(agenda.snoozed)})", "bold")
        add("\n")
        for case, action, until in agenda.snoozed:
            o = case.opportunity
            add("  ")
            add(o.id, "bold")
            add(f"  {o.company} · {o.role}\n")
            said = snoozed_line(action, case, today, until)
            add(wrap(f"{said}.", "    • ", "      ", width) + "\n")
    p = agenda.pipeline
    add("\n")
    add("Pipeline", "bold")
    add(f": {p.active} active ({p.waiting} waiting), {p.dormant} dormant, {p.closed} closed.\n")
    if p.warning:
        add(p.warning, "yellow")
        add(" ")
        add("(pipeline.one-basket)", "dim")
        add("\n")
    written = None if term.rich_needed() else term.render(pieces, sys.stdout)
    if written is None:
        print_pieces_with_rich(pieces)
        return
    sys.stdout.write(written)
    sys.stdout.flush()


def print_pieces_with_rich(pieces: list[tuple[str, str]]) -> None:
    """The pieces as one Rich `Text` (what `cli.term.render` stands in for)."""
    from rich.text import Text

    text = Text()
    for chunk, style in pieces:
        text.append(chunk, style)
    out = console(soft_wrap=True)
    if out.color_system is None:  # piped or NO_COLOR: the plain text, as Rich would print it
        from followup.core.limits import terminal_safe

        out.file.write(terminal_safe(text.plain))  # the stream behind the filter: clean here
        out.file.flush()
    else:
        out.print(text, end="")


def print_case(case: Case) -> None:
    from rich.markup import escape

    out = console(soft_wrap=True)
    o = case.opportunity
    out.print(f"[bold]{escape(o.company)}[/] — {escape(o.role)}  [dim]({o.id})[/]")
    details = [f"status {o.status.value}", f"persistence {o.effective_persistence.value}"]
    if o.field:
        details.append(f"field {escape(o.field)}")
    if o.applied_on:
        details.append(f"applied {say(o.applied_on)}")
    if o.send_letter:
        details.append("letter: yes")
    out.print("  " + " · ".join(details))
    if case.people:
        out.print("\n[bold]People[/]")
        for p in case.people:
            bits = [x for x in (p.title, p.email, p.phone) if x]
            star = " (contact)" if p.contact else ""
            out.print(f"  {p.id:10} {escape(p.name)}{star}"
                      + (f" — {escape(', '.join(bits))}" if bits else ""))
    if case.interviews:
        out.print("\n[bold]Interviews[/]")
        for i in case.sorted_interviews():
            who = ", ".join(p.name for p in case.people if p.id in i.interviewers)
            out.print(f"  {i.id:10} {say_moment(i.at)}"
                      + (f" {escape(i.format)}" if i.format else "")
                      + (f" with {escape(who)}" if who else ""))
            for topic in i.topics:
                out.print(f"             topic: {escape(topic)}")
            for n in i.next_steps:
                out.print(f"             next step: {escape(n)}")
            if i.promised:
                pr = i.promised
                by = case.person(pr.who)
                out.print(f"             promised: {say(pr.by)}"
                          + (f" by {CHANNEL_WORDS[pr.channel.value]}" if pr.channel else "")
                          + (f" ({escape(by.name)})" if by else "")
                          + (f' "{escape(pr.said)}"' if pr.said else ""))
    if case.touches:
        out.print("\n[bold]Touches[/]")
        for t in case.sorted_touches():
            sender = case.person(t.person)
            arrow = "→" if t.direction is Direction.OUT else "←"
            line = (f"  {say_moment(t.at)} {arrow} {kind(t.kind.value).short:13} "
                    f"{CHANNEL_WORDS[t.channel.value]:9}"
                    + (f" {escape(sender.name)}" if sender else ""))
            if t.new_by:
                line += f"  new date {say(t.new_by)}"
            if t.note:
                line += f"  [dim]{escape(t.note)}[/]"
            out.print(line)
