"""The pieces the pages are drawn from: where a finding is, and the timeline's geometry."""

from __future__ import annotations

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
from followup.web.views import place


def test_a_finding_is_placed_by_paragraph_with_its_words_around_it() -> None:
    text = "Subject: Thanks\n\nHi Dana,\n\nCould you call me back soon?\nBest,"
    at = place(text, 5, 11, "call me back")
    assert at.where == "paragraph 2"  # "Hi Dana," is the first; the subject line is apart
    assert (at.before, at.excerpt, at.after) == ("Could you ", "call me back", " soon?")
    assert place(text, 1, 10, "Thanks").where == "the subject line"


def test_a_place_survives_crlf_and_a_shifted_column() -> None:
    text = "Hi,\r\n\r\nxx call me"  # a browser posts a textarea with CRLF
    at = place(text, 3, 1, "call me")
    assert (at.where, at.excerpt) == ("paragraph 2", "call me")


def test_a_long_line_is_cut_around_the_excerpt() -> None:
    line = "word " * 30 + "desperate" + " more" * 30
    at = place(line, 1, line.index("desperate") + 1, "desperate")
    assert at.excerpt == "desperate" and at.before.startswith("…") and at.after.endswith("…")
    assert len(at.before) <= 29 and len(at.after) <= 29


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
