"""The pieces the pages are drawn from: highlighted spans and the timeline's geometry."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from followup.core.model import (
    Case,
    Channel,
    Direction,
    Interview,
    Opportunity,
    Person,
    Promise,
    Touch,
    TouchKind,
)
from followup.web import timeline
from followup.web.views import Segment, highlight


@dataclass(frozen=True)
class Spot:
    line: int
    column: int
    excerpt: str
    severity: str


def test_highlight_marks_the_excerpt_at_its_line_and_column() -> None:
    text = "Hi Dana,\nCould you call me back soon?\nBest,"
    segments = highlight(text, [Spot(2, 11, "call me back", "error")])
    assert segments == [Segment("Hi Dana,\nCould you "), Segment("call me back", 0, "error"),
                        Segment(" soon?\nBest,")]
    assert "".join(s.text for s in segments) == text


def test_highlight_skips_overlaps_and_findings_without_an_excerpt() -> None:
    text = "I really need this job"
    segments = highlight(text, [Spot(1, 1, "", "warning"), Spot(1, 3, "really need", "error"),
                                Spot(1, 10, "need this", "error")])
    assert [s.finding for s in segments] == [None, 1, None]
    assert "".join(s.text for s in segments) == text


def test_highlight_finds_a_shifted_excerpt_on_its_line() -> None:
    segments = highlight("a\nxx call me", [Spot(2, 1, "call me", "error")])
    assert segments[-1] == Segment("call me", 0, "error")


def case() -> Case:
    return Case(
        opportunity=Opportunity("acme", "Acme", "Analyst", applied_on=date(2026, 2, 10)),
        people=(Person("dana", "Dana Whitfield"),),
        interviews=(Interview("r1", datetime(2026, 3, 2, 10), interviewers=("dana",),
                              promised=Promise(date(2026, 3, 11))),),
        touches=(Touch(datetime(2026, 3, 2, 17, 30), Direction.OUT, Channel.EMAIL,
                       TouchKind.THANK_YOU, "dana"),
                 Touch(datetime(2026, 3, 12, 9), Direction.IN, Channel.PHONE,
                       TouchKind.REPLY, "dana", new_by=date(2026, 3, 20))),
    )


def test_timeline_puts_everything_on_one_axis_in_date_order() -> None:
    t = timeline.build(case(), [], date(2026, 3, 13))
    assert t.left <= t.touches[0].x < t.interviews[0].x < t.touches[1].x  # applied first
    assert t.touches[0].label == "applied"
    thank_you, reply = t.touches[1], t.touches[2]
    assert thank_you.x < t.today.x < t.promised[1].x
    assert thank_you.y < reply.y  # you wrote above, they wrote below
    assert thank_you.colour == timeline.CHANNEL_COLOURS["email"]
    assert reply.colour == timeline.CHANNEL_COLOURS["phone"]
    assert [m.label for m in t.promised] == ["promised 11 Mar", "promised 20 Mar"]
    assert reply.title == "Reply by phone from Dana Whitfield, Thu 12 Mar 2026 09:00"
    assert all(t.left <= x <= t.right for x, _ in t.ticks)
