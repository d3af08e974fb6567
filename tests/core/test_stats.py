"""core/stats: every figure of CONTRACT.md "Stats" on small cases computed by hand, and the
properties any history keeps (Hypothesis)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from followup.core.model import (
    Case,
    Channel,
    Direction,
    Interview,
    Opportunity,
    Promise,
    Status,
    Touch,
    TouchKind,
)
from followup.core.stats import (
    FOLLOW_UP_KINDS,
    PUBLISHED,
    median,
    number,
    published,
    stats,
    to_dict,
    wilson,
)

TODAY = date(2026, 12, 1)


def out(at: str, kind: TouchKind, channel: Channel = Channel.EMAIL) -> Touch:
    return Touch(datetime.fromisoformat(at), Direction.OUT, channel, kind)


def inn(at: str, kind: TouchKind = TouchKind.REPLY, new_by: str | None = None) -> Touch:
    return Touch(datetime.fromisoformat(at), Direction.IN, Channel.EMAIL, kind,
                 new_by=date.fromisoformat(new_by) if new_by else None)


def case(oid: str, *touches: Touch, interviews: tuple[Interview, ...] = (),
         status: Status = Status.ACTIVE) -> Case:
    return Case(Opportunity(oid, "Acme", "Analyst", status=status), interviews=interviews,
                touches=touches)


def interview(at: str, by: str | None = None) -> Interview:
    return Interview("r1", datetime.fromisoformat(at),
                     promised=Promise(date.fromisoformat(by)) if by else None)


# a: application answered in 3 days; two thank-you notes: the first is followed by the
#    second (outgoing: unanswered), the second by a reply 42 days later (unanswered); a
#    phone check-in 11 days ago with nothing after it (pending). The interview's promise
#    (10 Feb) is answered on 15 Mar (slipped 33 days); that reply's new date (20 Mar) never
#    got an answer and lies 256 days back (broken).
A = case(
    "a",
    out("2026-01-05T09:00", TouchKind.APPLICATION),
    inn("2026-01-08T12:00"),
    out("2026-02-01T17:00", TouchKind.THANK_YOU),
    out("2026-02-01T17:10", TouchKind.THANK_YOU),
    inn("2026-03-15T10:00", new_by="2026-03-20"),
    out("2026-11-20T10:00", TouchKind.CHECK_IN, Channel.PHONE),
    interviews=(interview("2026-02-01T09:00", "2026-02-10"),),
)
# b: a thank-you answered two days later; that reply kept the interview's promise (20 Nov)
#    and gave a new date (25 Nov) still open (6 days back); status offer.
B = case(
    "b",
    out("2026-11-10T17:00", TouchKind.THANK_YOU),
    inn("2026-11-12T09:00", new_by="2026-11-25"),
    interviews=(interview("2026-11-10T10:00", "2026-11-20"),),
    status=Status.OFFER,
)
# c: an interview only scheduled (after today): not interviewed.
C = case("c", interviews=(interview("2026-12-05T10:00"),))


def test_small_case_by_hand() -> None:
    s = stats([A, B, C], TODAY)
    assert to_dict(s) == {
        "today": "2026-12-01",
        "follow_ups": {
            "n": 4, "answered": 2, "pending": 1, "rate": 0.5, "ci95": [0.15, 0.85],
            "by_kind": {
                "application": {"n": 1, "answered": 1, "rate": 1.0, "ci95": [0.2065, 1.0]},
                "thank_you": {"n": 3, "answered": 1, "rate": 0.3333,
                              "ci95": [0.0615, 0.7923]},
                "check_in": {"n": 0, "answered": 0, "rate": None, "ci95": None},
            },
            "by_channel": {
                "email": {"n": 4, "answered": 2, "rate": 0.5, "ci95": [0.15, 0.85]},
                "phone": {"n": 0, "answered": 0, "rate": None, "ci95": None},
            },
            "days_to_reply": {"n": 2, "median": 2.5},
        },
        "promises": {"n": 3, "kept": 1, "slipped": 1, "broken": 1, "median_slip_days": 33},
        "funnel": {"opportunities": 3, "interviewed": 2, "offers": 1},
    }
    assert s.open == 1


def test_the_contract_example_intervals() -> None:
    # CONTRACT.md: 4 of 9 -> [0.1888, 0.7333]; 3 of 7 -> [0.1582, 0.7495]; 2 of 4 -> [.15, .85]
    assert [round(x, 4) for x in wilson(4, 9) or ()] == [0.1888, 0.7333]
    assert [round(x, 4) for x in wilson(3, 7) or ()] == [0.1582, 0.7495]
    assert [round(x, 4) for x in wilson(2, 4) or ()] == [0.15, 0.85]
    assert wilson(0, 0) is None


def test_thirty_days_is_the_edge_of_answered_pending_and_broken() -> None:
    sent = "2026-10-01T09:00"
    thirty = case("x", out(sent, TouchKind.CHECK_IN), inn("2026-10-31T09:00"))
    thirty_one = case("x", out(sent, TouchKind.CHECK_IN), inn("2026-11-01T09:00"))
    assert stats([thirty], TODAY).reply_days == (30,)
    assert stats([thirty_one], TODAY).follow_ups.answered == 0
    alone = case("x", out("2026-11-02T09:00", TouchKind.FINAL))  # 29 days back
    assert stats([alone], TODAY).pending == 1
    assert stats([alone], date(2026, 12, 2)).pending == 0  # 30 days: unanswered
    assert stats([alone], date(2026, 12, 2)).follow_ups.n == 1
    promise = case("p", interviews=(interview("2026-10-01T10:00", "2026-11-01"),))
    assert stats([promise], TODAY).broken == 1  # 30 days back
    assert stats([promise], date(2026, 11, 30)).open == 1  # 29 days back


def test_a_reply_on_the_promised_day_keeps_it_and_a_day_late_slips() -> None:
    on_time = case("k", inn("2026-11-01T18:00"),
                   interviews=(interview("2026-10-20T10:00", "2026-11-01"),))
    late = case("l", inn("2026-11-03T08:00"),
                interviews=(interview("2026-10-20T10:00", "2026-11-01"),))
    s = stats([on_time, late], TODAY)
    assert (s.kept, s.slipped, s.slips) == (1, 1, (2,))


def test_an_incoming_touch_is_never_a_follow_up_and_a_rejection_is_not_no_response() -> None:
    rejected = case("r", out("2026-10-01T09:00", TouchKind.APPLICATION),
                    inn("2026-10-05T09:00", TouchKind.REJECTION), status=Status.REJECTED)
    s = stats([rejected], TODAY)
    assert (s.follow_ups.n, s.follow_ups.answered) == (1, 1)  # a rejection is an answer


def test_touches_after_today_are_not_known_yet() -> None:
    later = case("f", out("2026-11-25T09:00", TouchKind.CHECK_IN), inn("2026-12-10T09:00"))
    s = stats([later], TODAY)
    assert (s.pending, s.follow_ups.n) == (1, 0)


def test_medians() -> None:
    assert median([]) is None
    assert median([4]) == 4
    assert median([1, 2, 6, 9]) == 4
    assert median([1, 2, 3, 10]) == 2.5
    assert number(6.0) == 6 and isinstance(number(6.0), int) and number(3.5) == 3.5


def test_every_published_figure_names_its_source() -> None:
    for p in PUBLISHED:
        assert p.source and p.url.startswith("https://") and p.caveat
    assert published("thank_you") is not None and published("nothing") is None


# -- properties ---------------------------------------------------------------------------

START = datetime(2026, 1, 1, 9, 0)
touches = st.builds(
    lambda day, minute, direction, kind, channel, new_by: Touch(
        START + timedelta(days=day, minutes=minute), direction, channel, kind,
        new_by=(START.date() + timedelta(days=new_by)
                if new_by is not None and direction is Direction.IN else None)),
    st.integers(0, 400), st.integers(0, 3), st.sampled_from(Direction),
    st.sampled_from(TouchKind), st.sampled_from(Channel),
    st.none() | st.integers(0, 400))
interviews = st.builds(
    lambda day, by: Interview("r", START + timedelta(days=day),
                              promised=Promise(START.date() + timedelta(days=by))
                              if by is not None else None),
    st.integers(0, 400), st.none() | st.integers(0, 400))
cases = st.lists(st.builds(
    lambda n, ts, ivs, status: Case(Opportunity(f"o{n}", "Acme", "Analyst", status=status),
                                    interviews=tuple(ivs), touches=tuple(ts)),
    st.integers(0, 9), st.lists(touches, max_size=12), st.lists(interviews, max_size=3),
    st.sampled_from(Status)), max_size=6)


@settings(max_examples=200, deadline=None)
@given(cases, st.integers(0, 450))
def test_properties(cs: list[Case], offset: int) -> None:
    today = START.date() + timedelta(days=offset)
    s = stats(cs, today)
    known = [t for c in cs for t in c.touches if t.at.date() <= today]
    sent = [t for t in known if t.direction is Direction.OUT and t.kind in FOLLOW_UP_KINDS]
    assert s.follow_ups.n + s.pending == len(sent)
    assert 0 <= s.follow_ups.answered <= s.follow_ups.n
    assert len(s.reply_days) == s.follow_ups.answered
    assert sum(r.n for r in s.by_kind.values()) == s.follow_ups.n
    assert sum(r.n for r in s.by_channel.values()) == s.follow_ups.n
    assert sum(r.answered for r in s.by_kind.values()) == s.follow_ups.answered
    for rate in (s.follow_ups, *s.by_kind.values(), *s.by_channel.values()):
        if rate.n == 0:
            assert rate.rate is None and rate.ci95 is None
        else:
            assert rate.ci95 is not None and rate.rate is not None
            low, high = rate.ci95
            assert 0 <= low <= rate.rate <= high <= 1
    assert all(0 <= d <= 30 for d in s.reply_days)
    assert all(d > 0 for d in s.slips) and len(s.slips) == s.slipped
    made = sum(1 for c in cs for i in c.interviews
               if i.promised is not None and i.at.date() <= today)
    made += sum(1 for t in known if t.new_by is not None)
    assert s.kept + s.slipped + s.broken + s.open == made
    assert 0 <= s.offers <= s.opportunities and 0 <= s.interviewed <= s.opportunities
    for values, middle in ((s.reply_days, s.median_reply_days), (s.slips, s.median_slip_days)):
        assert middle is None if not values else min(values) <= middle <= max(values)
