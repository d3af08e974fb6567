"""The Insights page's charts as geometry for server-drawn SVG (no JavaScript, no library).

Each chart is a handful of horizontal bars on a 0-100% scale, narrow enough (a 360-unit
viewBox, labels above the bars) to read on a 390 px phone; every chart has its text
equivalent (`rows`) and its n, and the template autoescapes every label. Only geometry
here: the figures come from `followup.core.stats`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from followup.core.kinds import label
from followup.core.stats import Published, Rate, Stats, published

WIDTH = 360
LEFT = 8
BAR = 300  # the 0-100% scale's length
ROW = 50  # one bar with its label above (and room for a published marker below)
TOP = 8

COLOURS = {"answered": "#1a8a4a", "unanswered": "#8a8f98", "pending": "#1f6fb2",
           "kept": "#1a8a4a", "slipped": "#b45309", "broken": "#b91c1c"}


@dataclass(frozen=True, slots=True)
class Segment:
    x: float
    width: float
    colour: str
    name: str
    count: int


@dataclass(frozen=True, slots=True)
class Bar:
    """One row: its label, filled segments, an interval whisker, a published marker."""

    y: float
    label: str
    text: str  # the row in words, for the table beside the chart
    segments: tuple[Segment, ...] = ()
    whisker: tuple[float, float] | None = None
    marker: float | None = None  # x of the published figure, when there is one


@dataclass(frozen=True, slots=True)
class Chart:
    key: str
    title: str
    description: str  # what a screen reader hears (the SVG's desc)
    n: int
    bars: tuple[Bar, ...]
    legend: tuple[tuple[str, str], ...] = ()
    sources: tuple[Published, ...] = field(default=())

    @property
    def height(self) -> int:
        return TOP + ROW * max(1, len(self.bars)) + 20

    @property
    def ticks(self) -> tuple[tuple[float, str], ...]:
        return tuple((LEFT + BAR * p / 100, f"{p}%") for p in (0, 25, 50, 75, 100))


def _x(share: float) -> float:
    return round(LEFT + BAR * share, 1)


def _rate_text(rate: Rate) -> str:
    if rate.rate is None or rate.ci95 is None:
        return "no follow-up to judge yet (n = 0)"
    low, high = rate.ci95
    return (f"{rate.rate:.0%} answered, {rate.answered} of {rate.n} "
            f"(95% interval {low:.0%} to {high:.0%})")


# The published figure a rate bar can be held against, as a share (Yesware's ~21%).
RATE_MARKS: Mapping[str, float] = {"check_in": 0.21}


def _stack(y: float, name: str, parts: tuple[tuple[str, int], ...], words: Mapping[str, str]
           ) -> Bar:
    total = sum(n for _, n in parts)
    segments, x = [], float(LEFT)
    for part, count in parts:
        width = BAR * count / total if total else 0.0
        if count:
            segments.append(Segment(round(x, 1), round(width, 1), COLOURS[part],
                                    words[part], count))
        x += width
    text = ", ".join(f"{words[p]} {n}" for p, n in parts) + f" (n = {total})"
    return Bar(y, name, text, tuple(segments))


def outcome_chart(s: Stats) -> Chart:
    words = {"answered": "answered", "unanswered": "no response observed",
             "pending": "pending (under 30 days)"}
    unanswered = s.follow_ups.n - s.follow_ups.answered
    bar = _stack(TOP + 16, "Every follow-up", (("answered", s.follow_ups.answered),
                                               ("unanswered", unanswered),
                                               ("pending", s.pending)), words)
    found = published("unanswered")
    return Chart("outcomes", "What became of your follow-ups",
                 f"Of {s.follow_ups.n + s.pending} follow-ups: {bar.text}. No response "
                 "observed is its own outcome, not a rejection.",
                 s.follow_ups.n + s.pending, (bar,),
                 tuple((COLOURS[k], v) for k, v in words.items()),
                 (found,) if found else ())


def rate_chart(key: str, title: str, rates: Mapping[str, Rate],
               name: Callable[[str], str]) -> Chart:
    bars = []
    sources = []
    for n, (item, rate) in enumerate(rates.items()):
        y = TOP + 16 + n * ROW
        segments: tuple[Segment, ...] = ()
        whisker = None
        if rate.rate is not None and rate.ci95 is not None:
            segments = (Segment(LEFT, round(BAR * rate.rate, 1), COLOURS["answered"],
                                "answered", rate.answered),)
            whisker = (_x(rate.ci95[0]), _x(rate.ci95[1]))
        mark = RATE_MARKS.get(item) if key == "by_kind" else None
        if key == "by_kind" and (found := published(item)):
            sources.append(found)
        bars.append(Bar(y, f"{name(item)} (n = {rate.n})", f"{name(item)}: {_rate_text(rate)}",
                        segments, whisker, _x(mark) if mark is not None else None))
    total = sum(r.n for r in rates.values())
    description = "; ".join(b.text for b in bars) or "no follow-ups yet"
    return Chart(key, title, description, total, tuple(bars),
                 ((COLOURS["answered"], "answered"), ("#222222", "95% interval")),
                 tuple(sources))


def promise_chart(s: Stats) -> Chart:
    words = {"kept": "kept", "slipped": "slipped", "broken": "broken"}
    bar = _stack(TOP + 16, "Dates they gave you", (("kept", s.kept), ("slipped", s.slipped),
                                                    ("broken", s.broken)), words)
    slip = s.median_slip_days
    late = "" if slip is None else f"; the slipped ones came a median of {slip:g} days late"
    return Chart("promises", "Did they keep the dates they named?",
                 f"{bar.text}{late}; {s.open} still open (not counted).", s.promises_n, (bar,),
                 tuple((COLOURS[k], v) for k, v in words.items()))


def funnel_chart(s: Stats) -> Chart:
    top = max(1, s.opportunities)
    bars = []
    for n, (name, count) in enumerate((("Opportunities", s.opportunities),
                                        ("Interviewed", s.interviewed),
                                        ("Offers", s.offers))):
        share = count / top
        bars.append(Bar(TOP + 16 + n * ROW, f"{name}: {count}", f"{name}: {count}",
                        (Segment(LEFT, round(BAR * share, 1), "#1f6fb2", name, count),)))
    return Chart("funnel", "From opportunity to offer",
                 "; ".join(b.text for b in bars), s.opportunities, tuple(bars))


def charts(s: Stats) -> tuple[Chart, ...]:
    return (
        outcome_chart(s),
        rate_chart("by_kind", "Reply rate by kind of follow-up", s.by_kind, label),
        rate_chart("by_channel", "Reply rate by channel", s.by_channel,
                   lambda c: c.replace("_", " ").capitalize()),
        promise_chart(s),
        funnel_chart(s),
    )
