"""The opportunity's timeline as geometry for a server-rendered SVG (no JavaScript).

Interviews, every touch (out and in, coloured by channel) and the planned steps ahead share
one date axis, with the promised dates and today marked. This module only computes where
things go; `partials/timeline.html` draws them, autoescaping every label.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Protocol

from followup.kinds import CHANNEL_WORDS
from followup.kinds import LABELS as KIND_WORDS
from followup.model import Case, Direction
from followup.web.views import day, moment, short_day

WIDTH = 960
LEFT = 120
RIGHT = 24
TOP = 28
LANE = 46
CHANNEL_COLOURS = {  # readable on white, distinct for the common colour-blindnesses
    "email": "#1f6fb2", "phone": "#1a8a4a", "voicemail": "#0f8b8d", "letter": "#8a5a14",
    "in_person": "#7b3fa0", "message": "#c2410c", "other": "#555555",
}


class PlannedStep(Protocol):
    """What the timeline reads of a planner `Action`."""

    @property
    def kind(self) -> object: ...
    @property
    def to(self) -> str | None: ...
    @property
    def channel(self) -> object: ...
    @property
    def not_before(self) -> date: ...
    @property
    def due(self) -> date: ...
    @property
    def latest(self) -> date | None: ...


@dataclass(frozen=True, slots=True)
class Mark:
    x: float
    y: float
    label: str
    title: str
    colour: str = "#333333"
    filled: bool = True


@dataclass(frozen=True, slots=True)
class Span:
    x1: float
    x2: float
    x_due: float
    y: float
    label: str
    title: str
    colour: str


@dataclass(frozen=True, slots=True)
class Timeline:
    width: int
    height: int
    axis_y: float
    lanes: tuple[tuple[float, str], ...]
    ticks: tuple[tuple[float, str], ...]
    interviews: tuple[Mark, ...]
    touches: tuple[Mark, ...]
    planned: tuple[Span, ...]
    promised: tuple[Mark, ...]
    today: Mark
    legend: tuple[tuple[str, str], ...] = field(default=())
    left: int = LEFT
    right: int = WIDTH - RIGHT


def _as_datetime(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.combine(value, datetime.min.time()).replace(hour=12)


def build(case: Case, actions: Sequence[PlannedStep], today: date) -> Timeline:
    """Place every event of `case` and every planned step on one axis around `today`."""
    people = {p.id: p.name for p in case.people}
    promises: list[tuple[date, str]] = []
    for iv in case.interviews:
        if iv.promised is not None:
            promises.append((iv.promised.by, f"promised at {iv.id}"))
    for t in case.touches:
        if t.new_by is not None:
            promises.append((t.new_by, "new date in a reply"))
    moments: list[datetime] = [_as_datetime(today)]
    moments += [iv.at for iv in case.interviews] + [t.at for t in case.touches]
    moments += [_as_datetime(d) for d, _ in promises]
    for a in actions:
        moments += [_as_datetime(a.not_before), _as_datetime(a.latest or a.due)]
    if case.opportunity.applied_on:
        moments.append(_as_datetime(case.opportunity.applied_on))
    start = datetime.combine(min(moments).date() - timedelta(days=2), datetime.min.time())
    end = datetime.combine(max(moments).date() + timedelta(days=3), datetime.min.time())
    span_s = max((end - start).total_seconds(), 1.0)
    plot = WIDTH - RIGHT - LEFT

    def x(value: date | datetime) -> float:
        return round(LEFT + (_as_datetime(value) - start).total_seconds() / span_s * plot, 1)

    lane_y = {name: TOP + 20 + n * LANE
              for n, name in enumerate(("interviews", "out", "in", "planned"))}
    axis_y = lane_y["planned"] + LANE - 6
    lanes = ((lane_y["interviews"], "Interviews"), (lane_y["out"], "You wrote"),
             (lane_y["in"], "They wrote"), (lane_y["planned"], "Planned"))

    days = (end - start).days
    step = 1 if days <= 16 else 7 if days <= 120 else 28
    first = start.date()
    if step > 1:  # weekly ticks on Mondays
        first += timedelta(days=(7 - first.weekday()) % 7)
    ticks = []
    d = first
    while d <= end.date():
        ticks.append((x(datetime.combine(d, datetime.min.time())), short_day(d)))
        d += timedelta(days=step)

    crowd: Counter[tuple[str, date]] = Counter()

    def nudge(lane: str, when: datetime) -> float:
        n = crowd[(lane, when.date())]
        crowd[(lane, when.date())] += 1
        return lane_y[lane] + (0 if n == 0 else (-1) ** n * 9 * ((n + 1) // 2))

    interviews = tuple(
        Mark(x(iv.at), lane_y["interviews"], iv.id,
             f"Interview {iv.id} on {moment(iv.at)}"
             + (f" with {', '.join(people.get(p, p) for p in iv.interviewers)}"
                if iv.interviewers else ""))
        for iv in case.sorted_interviews()
    )
    touches = []
    applied = case.opportunity.applied_on
    if applied and not any(t.kind.value == "application" for t in case.touches):
        touches.append(Mark(x(applied), nudge("out", _as_datetime(applied)), "applied",
                            f"Applied on {day(applied)}", CHANNEL_COLOURS["other"]))
    for t in case.sorted_touches():
        lane = "out" if t.direction is Direction.OUT else "in"
        who = people.get(t.person or "", "")
        arrow = "to" if t.direction is Direction.OUT else "from"
        title = (f"{KIND_WORDS.get(t.kind.value, t.kind.value)} by "
                 f"{CHANNEL_WORDS.get(t.channel.value, t.channel.value)}"
                 + (f" {arrow} {who}" if who else "") + f", {moment(t.at)}")
        touches.append(Mark(x(t.at), nudge(lane, t.at), t.kind.value.replace("_", " "), title,
                            CHANNEL_COLOURS.get(t.channel.value, "#555555")))
    planned = []
    for a in actions:
        kind = str(getattr(a.kind, "value", a.kind))
        channel = str(getattr(a.channel, "value", a.channel or "other"))
        last = a.latest or a.due
        who = people.get(a.to or "", "")
        title = (f"Planned: {KIND_WORDS.get(kind, kind)}" + (f" to {who}" if who else "")
                 + f", due {day(a.due)}" + (f", at the latest {day(a.latest)}" if a.latest else ""))
        planned.append(Span(x(a.not_before), max(x(last), x(a.not_before) + 4), x(a.due),
                            nudge("planned", _as_datetime(a.due)),
                            KIND_WORDS.get(kind, kind), title,
                            CHANNEL_COLOURS.get(channel, "#555555")))
    promised = tuple(Mark(x(by), lane_y["interviews"], f"promised {short_day(by)}",
                          f"Promised decision date {day(by)} ({why})", "#b45309")
                     for by, why in sorted(set(promises)))
    legend = tuple((CHANNEL_WORDS[c], colour) for c, colour in CHANNEL_COLOURS.items()
                   if c in CHANNEL_WORDS)
    return Timeline(
        width=WIDTH, height=int(axis_y + 34), axis_y=axis_y, lanes=lanes, ticks=tuple(ticks),
        interviews=interviews, touches=tuple(touches), planned=tuple(planned),
        promised=promised, today=Mark(x(_as_datetime(today)), TOP, "today",
                                      f"Today, {day(today)}", "#c81e1e"),
        legend=legend,
    )
