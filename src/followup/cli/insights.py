"""`followup stats`: what the candidate's own records say works (CONTRACT.md "Stats").

The command parses its options, calls `service.insights` and renders: JSON exactly as the
contract gives it, or the same figures in words, each with its n and, where one exists, the
published figure it can be held against.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from followup.cli import app, common
from followup.cli.common import Format

if TYPE_CHECKING:
    from followup.core.stats import Rate, Stats


def _percent(rate: Rate) -> str:
    if rate.rate is None or rate.ci95 is None:
        return "no follow-up to judge yet"
    low, high = rate.ci95
    return (f"{rate.rate:.0%} answered ({rate.answered} of {rate.n}; "
            f"95% interval {low:.0%} to {high:.0%})")


def stats_lines(s: Stats) -> list[str]:
    """The figures for a person, one line each, each with its n."""
    from followup.core.kinds import label
    from followup.core.stats import median, number, published

    def compare(key: str) -> list[str]:
        found = published(key)
        return [] if found is None else [
            f"    published: {found.figure} ({found.source}; {found.caveat})"]

    unanswered = s.follow_ups.n - s.follow_ups.answered
    out = [f"As of {s.today.isoformat()}, over {s.opportunities} "
           f"{'opportunity' if s.opportunities == 1 else 'opportunities'}:", "",
           f"Follow-ups: {_percent(s.follow_ups)}",
           f"  no response observed: {unanswered} of {s.follow_ups.n}"
           " (not a rejection: they simply did not answer within 30 days)",
           *compare("unanswered"),
           f"  pending (sent in the last 30 days, no touch since): {s.pending}"]
    if s.by_kind:
        out += ["", "By kind:"]
        for kind, rate in s.by_kind.items():
            out += [f"  {label(kind)}: {_percent(rate)}", *compare(kind)]
    if s.by_channel:
        out += ["", "By channel:"]
        out += [f"  {channel.replace('_', ' ')}: {_percent(rate)}"
                for channel, rate in s.by_channel.items()]
    middle = number(median(s.reply_days))
    out += ["", f"Days to reply: median {middle if middle is not None else '-'} "
                f"(n = {len(s.reply_days)})"]
    slip = number(s.median_slip_days)
    out += ["", f"Promises (n = {s.promises_n}): {s.kept} kept, {s.slipped} slipped"
                + (f" (median {slip} {'day' if slip == 1 else 'days'} late)"
                   if slip is not None else "")
                + f", {s.broken} broken; {s.open} still open",
            "", f"Funnel: {s.opportunities} opportunities, {s.interviewed} interviewed, "
                f"{s.offers} with an offer"]
    return out


@app.command("stats")
def stats_command(
    ctx: typer.Context,
    today: common.TodayOption = None,
    fmt: common.FormatOption = Format.TEXT,
    as_json: common.JsonOption = False,
) -> None:
    """What your own records say works: reply rates with their n and a 95% interval, days
    to reply, promises kept, slipped and broken, the funnel.

    Examples: followup stats
              followup stats --today 2026-12-01 --format json
    """
    from followup import service

    result = service.insights(common.store(ctx), common.today(today))
    if common.wants_json(fmt, as_json):
        from followup.core.stats import to_dict

        common.echo_json(to_dict(result))
        return
    typer.echo("\n".join(stats_lines(result)))
