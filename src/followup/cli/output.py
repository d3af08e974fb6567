"""How things look: Rich views for a person, plain dicts for `--json` (a contract)."""

from __future__ import annotations

from datetime import date
from typing import Any

from followup.cli.common import console
from followup.model import Case, Direction


def _when(d: date | None, today: date) -> str:
    if d is None:
        return "-"
    days = (d - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    return f"{d:%a %d %b}" + (f" {d.year}" if d.year != today.year else "")


def stage_of(case: Case, today: date) -> str:
    """applied | interviewing | waiting | closed | dormant, for a listing."""
    status = case.opportunity.status
    if status.value == "dormant":
        return "dormant"
    if status.is_closed:
        return "closed"
    if not case.interviews:
        return "applied"
    if any(i.at.date() > today for i in case.interviews):
        return "interviewing"
    return "waiting"


def summaries(cases: list[Case], today: date) -> list[dict[str, Any]]:
    rows = []
    for case in cases:
        touches = case.sorted_touches()
        last = touches[-1] if touches else None
        rows.append({
            "id": case.opportunity.id,
            "company": case.opportunity.company,
            "role": case.opportunity.role,
            "status": case.opportunity.status.value,
            "stage": stage_of(case, today),
            "last_contact": last.at.date().isoformat() if last else None,
            "last_contact_direction": last.direction.value if last else None,
            "next_step": None,
        })
    return rows


def print_list(rows: list[dict[str, Any]]) -> None:
    from rich.table import Table

    out = console()
    if not rows:
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
    today = date.today()
    for r in rows:
        last = date.fromisoformat(r["last_contact"]) if r["last_contact"] else None
        arrow = {"in": "← ", "out": "→ "}.get(r["last_contact_direction"] or "", "")
        table.add_row(r["id"], r["company"], r["role"], r["stage"],
                      arrow + _when(last, today) if last else "-", r["next_step"] or "-")
    out.print(table)


def print_case(case: Case) -> None:
    from rich.markup import escape

    out = console(soft_wrap=True)
    o = case.opportunity
    out.print(f"[bold]{escape(o.company)}[/] — {escape(o.role)}  [dim]({o.id})[/]")
    details = [f"status {o.status.value}", f"persistence {o.effective_persistence.value}"]
    if o.field:
        details.append(f"field {escape(o.field)}")
    if o.applied_on:
        details.append(f"applied {o.applied_on:%a %d %b %Y}")
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
            out.print(f"  {i.id:10} {i.at:%a %d %b %Y %H:%M}"
                      + (f" {escape(i.format)}" if i.format else "")
                      + (f" with {escape(who)}" if who else ""))
            for topic in i.topics:
                out.print(f"             topic: {escape(topic)}")
            for n in i.next_steps:
                out.print(f"             next step: {escape(n)}")
            if i.promised:
                pr = i.promised
                by = case.person(pr.who)
                out.print(f"             promised: {pr.by:%a %d %b %Y}"
                          + (f" by {pr.channel.value}" if pr.channel else "")
                          + (f" ({escape(by.name)})" if by else "")
                          + (f' "{escape(pr.said)}"' if pr.said else ""))
    if case.touches:
        out.print("\n[bold]Touches[/]")
        for t in case.sorted_touches():
            sender = case.person(t.person)
            arrow = "→" if t.direction is Direction.OUT else "←"
            line = (f"  {t.at:%a %d %b %Y %H:%M} {arrow} {t.kind.value:12} {t.channel.value:9}"
                    + (f" {escape(sender.name)}" if sender else ""))
            if t.new_by:
                line += f"  new date {t.new_by:%a %d %b}"
            if t.note:
                line += f"  [dim]{escape(t.note)}[/]"
            out.print(line)
