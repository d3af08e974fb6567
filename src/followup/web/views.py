"""How values read on a page: dates in words, kinds and channels in plain English.

Locale-independent on purpose (the same page on every machine), like the CLI's output.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from jinja2 import Environment

from followup.core.dates import say, say_at, say_short
from followup.core.kinds import CHANNEL_WORDS
from followup.core.kinds import LABELS as KIND_WORDS


def day(value: date | datetime | None) -> str:
    """`Mon 2 Mar 2026`."""
    if value is None:
        return ""
    return say(value)


def short_day(value: date | datetime) -> str:
    """`2 Mar` (core/dates.py)."""
    return say_short(value)


def moment(value: datetime | None) -> str:
    """`Mon 2 Mar 2026 10:00` (no time when it is midnight: a date alone was given)."""
    return "" if value is None else say_at(value)


def words(value: object, table: dict[str, str]) -> str:
    key = getattr(value, "value", value)
    return table.get(str(key), str(key).replace("_", " ")) if key is not None else ""


def install_filters(env: Environment) -> None:
    env.filters["day"] = day
    env.filters["short_day"] = short_day
    env.filters["moment"] = moment
    env.filters["kind"] = lambda v: words(v, KIND_WORDS)
    env.filters["channel"] = lambda v: words(v, CHANNEL_WORDS)
    env.filters["iso"] = lambda v: v.isoformat() if v is not None else ""
    env.filters["opp_path"] = opp_path
    env.globals["error_field"] = error_field
    from followup.service.planning import action_badge

    env.filters["badge"] = action_badge


def error_field(error: str | None, names: Sequence[str]) -> str | None:
    """Which of a form's fields an error message names (`--company: ...`, `when: ...`),
    so it is shown beside that field; None: the form's own error line shows it."""
    if not error:
        return None
    head = error.split(":", 1)[0].strip().lstrip("-").replace("-", " ").replace("_", " ")
    for name in names:
        if head.casefold() == name.replace("_", " ").casefold():
            return name
    return None


def opp_path(ref: str) -> str:
    """`/o/REF`: the opportunity page's path, without `url_for` (which walks every route:
    a third of the time of a page of 75 cards)."""
    from urllib.parse import quote

    return "/o/" + quote(ref, safe="")


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of the message; `finding` is the index of the finding it shows, if any."""

    text: str
    finding: int | None = None
    severity: str | None = None


class _Located(Protocol):
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...
    @property
    def excerpt(self) -> str: ...
    @property
    def severity(self) -> str: ...


def highlight(text: str, findings: Sequence[_Located]) -> list[Segment]:
    """Cut `text` into plain runs and the spans the findings point at (1-based line and
    column, the excerpt's length); overlapping spans keep the first."""
    starts = [0]
    for n, ch in enumerate(text):
        if ch == "\n":
            starts.append(n + 1)
    spans: list[tuple[int, int, int, str]] = []
    for i, f in enumerate(findings):
        if not f.excerpt or not 1 <= f.line <= len(starts):
            continue
        begin = starts[f.line - 1] + f.column - 1
        end = begin + len(f.excerpt)
        if text[begin:end] != f.excerpt:  # be safe: find it on that line instead
            line_end = starts[f.line] if f.line < len(starts) else len(text)
            found = text.find(f.excerpt, starts[f.line - 1], line_end)
            if found < 0:
                continue
            begin, end = found, found + len(f.excerpt)
        if any(b < end and begin < e for b, e, _, _ in spans):
            continue
        spans.append((begin, end, i, f.severity))
    out: list[Segment] = []
    at = 0
    for begin, end, i, severity in sorted(spans):
        if begin > at:
            out.append(Segment(text[at:begin]))
        out.append(Segment(text[begin:end], i, severity))
        at = end
    if at < len(text):
        out.append(Segment(text[at:]))
    return out
