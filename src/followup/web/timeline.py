"""The opportunity's timeline as geometry for a server-rendered SVG (no JavaScript).

Interviews, every touch (out and in, coloured by channel) and the planned steps ahead share
one date axis, with the promised dates and today marked. This module only computes where
things go; `partials/timeline.html` draws them, autoescaping every label.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from followup.core.kinds import CHANNEL_WORDS
from followup.core.kinds import LABELS as KIND_WORDS
from followup.core.model import Case, Direction
from followup.web.views import PlannedStep, day, moment, short_day

WIDTH = 960
LEFT = 120
RIGHT = 24
TOP = 28
LANE = 46
CHANNEL_COLOURS = {  # readable on white, distinct for the common colour-blindnesses
    "email": "#1f6fb2", "phone": "#1a8a4a", "voicemail": "#0f8b8d", "letter": "#8a5a14",
    "in_person": "#7b3fa0", "message": "#c2410c", "other": "#555555",
}


@dataclass(frozen=True, slots=True)
class Mark:
    x: float
    y: float
    label: str
    title: str
    colour: str = "#333333"
    filled: bool = True
    tx: float = 0.0  # where the label is anchored (labels.place)
    anchor: str = "start"


@dataclass(frozen=True, slots=True)
class Span:
    x1: float
    x2: float
    x_due: float
    y: float
    label: str
    title: str
    colour: str
    tx: float = 0.0
    anchor: str = "start"


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
    top: float = TOP
    dividers: tuple[float, ...] = ()


def _as_datetime(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.combine(value, datetime.min.time()).replace(hour=12)


ROW = 16  # px between two rows of one lane


@dataclass
class _Draft:
    """A mark before its row is known; `span` (not before, at the latest, due) for a
    planned step."""

    lane: str
    x: float
    lo: float
    hi: float
    label: str
    title: str
    colour: str
    span: tuple[float, float, float] | None = None


def build(case: Case, actions: Sequence[PlannedStep], today: date) -> Timeline:
    """Place every event of `case` and every planned step on one axis around `today`,
    each label in a free row of its lane (labels.place): none overlaps or is cut off."""
    from followup.web.labels import Item, label_width, place

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

    drafts: list[_Draft] = []

    def mark(lane: str, at: float, label: str, title: str, colour: str) -> None:
        drafts.append(_Draft(lane, at, at - 7, at + 7, label, title, colour))

    drafts.append(_Draft("top", x(today), x(today), x(today), "today",
                         f"Today, {day(today)}", "#c81e1e"))
    for by, why in sorted(set(promises)):
        drafts.append(_Draft("top", x(by), x(by), x(by), f"promised {short_day(by)}",
                             f"Promised decision date {day(by)} ({why})", "#b45309"))
    for iv in case.sorted_interviews():
        mark("interviews", x(iv.at), iv.id,
             f"Interview {iv.id} on {moment(iv.at)}"
             + (f" with {', '.join(people.get(p, p) for p in iv.interviewers)}"
                if iv.interviewers else ""), "#111827")
    applied = case.opportunity.applied_on
    if applied and not any(t.kind.value == "application" for t in case.touches):
        mark("out", x(applied), "applied", f"Applied on {day(applied)}",
             CHANNEL_COLOURS["other"])
    for t in case.sorted_touches():
        lane = "out" if t.direction is Direction.OUT else "in"
        who = people.get(t.person or "", "")
        arrow = "to" if t.direction is Direction.OUT else "from"
        title = (f"{KIND_WORDS.get(t.kind.value, t.kind.value)} by "
                 f"{CHANNEL_WORDS.get(t.channel.value, t.channel.value)}"
                 + (f" {arrow} {who}" if who else "") + f", {moment(t.at)}")
        label = t.kind.value.replace("_", " ") + (f" ({who.split()[0]})" if who else "")
        mark(lane, x(t.at), label, title, CHANNEL_COLOURS.get(t.channel.value, "#555555"))
    for a in actions:
        kind = str(getattr(a.kind, "value", a.kind))
        channel = str(getattr(a.channel, "value", a.channel or "other"))
        last = a.latest or a.due
        who = people.get(a.to or "", "")
        title = (f"Planned: {KIND_WORDS.get(kind, kind)}" + (f" to {who}" if who else "")
                 + f", due {day(a.due)}" + (f", at the latest {day(a.latest)}" if a.latest else ""))
        x1, x2 = x(a.not_before), max(x(last), x(a.not_before) + 4)
        label = KIND_WORDS.get(kind, kind) + (f" ({who.split()[0]})" if who else "")
        colour = CHANNEL_COLOURS.get(channel, "#555555")
        drafts.append(_Draft("planned", x(a.due), x1 - 6, x2 + 6, label, title, colour,
                             (x1, x2, x(a.due))))

    lanes_order = ("top", "interviews", "out", "in", "planned")
    names = {"interviews": "Interviews", "out": "You wrote", "in": "They wrote",
             "planned": "Planned"}
    placed: dict[int, tuple[int, float, str]] = {}
    rows_in: dict[str, int] = {}
    for lane in lanes_order:
        mine = [n for n, d in enumerate(drafts) if d.lane == lane]
        spots = place([Item(drafts[n].lo, drafts[n].hi, label_width(drafts[n].label))
                       for n in mine], LEFT, WIDTH - 4)
        for n, p in zip(mine, spots, strict=True):
            placed[n] = (p.row, p.x, p.anchor)
        rows_in[lane] = max((p.row for p in spots), default=0) + 1
    lane_top: dict[str, float] = {}
    y = float(TOP)
    dividers = []
    for lane in lanes_order:
        lane_top[lane] = y + (ROW / 2 if lane != "top" else 0)
        y += rows_in[lane] * ROW + (12 if lane != "top" else 4)
        if lane not in ("top", "planned"):
            dividers.append(y - 6)
    axis_y = y
    interviews: list[Mark] = []
    touches: list[Mark] = []
    planned: list[Span] = []
    promised: list[Mark] = []
    today_mark: Mark | None = None
    for n, dr in enumerate(drafts):
        row, tx, anchor = placed[n]
        yy = lane_top[dr.lane] + row * ROW + (ROW / 2 if dr.lane == "top" else 0)
        if dr.span is not None:
            x1, x2, xd = dr.span
            planned.append(Span(x1, x2, xd, yy, dr.label, dr.title, dr.colour, tx, anchor))
            continue
        made = Mark(dr.x, yy, dr.label, dr.title, dr.colour, True, tx, anchor)
        if dr.lane == "top" and n == 0:
            today_mark = made
        elif dr.lane == "top":
            promised.append(made)
        elif dr.lane == "interviews":
            interviews.append(made)
        else:
            touches.append(made)
    assert today_mark is not None
    lanes = tuple((lane_top[k], names[k]) for k in lanes_order if k != "top")

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
    legend = tuple((CHANNEL_WORDS[c], colour) for c, colour in CHANNEL_COLOURS.items()
                   if c in CHANNEL_WORDS)
    return Timeline(
        width=WIDTH, height=int(axis_y + 30), axis_y=axis_y, lanes=lanes, ticks=tuple(ticks),
        interviews=tuple(interviews), touches=tuple(touches), planned=tuple(planned),
        promised=tuple(promised), today=today_mark, legend=legend,
        top=lane_top["interviews"] - ROW / 2, dividers=tuple(dividers),
    )
