"""Where a timeline's labels go so that none covers another or runs off the chart.

Each item is a mark spanning `[lo, hi]` on the x axis (a dot: lo == hi; a planned step: the
dashes from "not before" to "at the latest") with a label `width` wide. Items are placed in
x order, greedily: the label goes right of the mark, or left of it when it would run past
the right edge; in the first row (0, then 1, 2 ...) where neither the mark nor the label
overlaps anything already there. A row is a line of the lane: the mark moves down with
its label, so two thank-you notes on the same day stack instead of printing over each
other. Pure geometry, tested on crowded cases in tests/test_timeline_labels.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

CHAR = 7.0  # px per character of a 12 px system-ui label, rounded up (bold included)
GAP = 6.0  # between a mark and its label, and between neighbours


@dataclass(frozen=True, slots=True)
class Item:
    lo: float
    hi: float
    width: float


@dataclass(frozen=True, slots=True)
class Placed:
    row: int
    x: float  # where the text is anchored
    anchor: str  # "start" (text runs right of x) or "end" (text ends at x)
    left: float  # the label's extent, for tests and overlap checks
    right: float


def label_width(text: str) -> float:
    return len(text) * CHAR


def place(items: Sequence[Item], left: float, right: float, max_rows: int = 8) -> list[Placed]:
    """One `Placed` per item, in the items' order."""
    order = sorted(range(len(items)), key=lambda i: (items[i].lo, items[i].hi))
    rows: list[list[tuple[float, float]]] = []  # occupied intervals per row
    out: dict[int, Placed] = {}
    for i in order:
        it = items[i]
        start_left = it.hi + GAP
        if start_left + it.width <= right:
            label = (start_left, start_left + it.width, "start", start_left)
        elif it.lo - GAP - it.width >= left:
            label = (it.lo - GAP - it.width, it.lo - GAP, "end", it.lo - GAP)
        else:  # wider than either side: pin it to the right edge
            label = (right - it.width, right, "end", right)
        lo = min(it.lo, label[0]) - GAP / 2
        hi = max(it.hi, label[1]) + GAP / 2
        chosen = None
        for r in range(max_rows):
            if r == len(rows):
                rows.append([])
            if all(hi <= a or lo >= b for a, b in rows[r]):
                chosen = r
                break
        if chosen is None:  # every row taken: the least crowded one (still inside the chart)
            chosen = min(range(len(rows)), key=lambda r: len(rows[r]))
        rows[chosen].append((lo, hi))
        out[i] = Placed(chosen, label[3], label[2], label[0], label[1])
    return [out[i] for i in range(len(items))]
