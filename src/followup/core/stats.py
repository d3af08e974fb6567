"""What the candidate's own records say works (CONTRACT.md "Stats"): pure, no I/O, no clock.

`stats(cases, today)` reads every opportunity (closed ones included) as it stood on `today`:
touches and interviews dated after `today` are not known yet, as in the planner. The
definitions are CONTRACT.md's, word for word where they decide a number:

- a **follow-up** is an outgoing touch of kind application, thank_you, check_in or final;
- it is **answered** when the next touch of the same opportunity after it (time order) is
  incoming and falls within 30 days (`days_to_reply`: the difference of the two dates);
- it is **pending** when no touch follows it and it lies less than 30 days before `today`
  (counted apart, out of `n` and of the rates); every other follow-up is **unanswered**:
  "no response observed", its own outcome, never a rejection;
- a **promise** (an interview's `promised.by`, or an incoming touch's `new_by`) is **kept**
  when the first incoming touch after it was made falls on or before its date, **slipped**
  when later (`slip` in days), **broken** when no incoming touch came and its date lies 30
  days or more before `today`; else it is open and out of `n`;
- rates with the 95% Wilson score interval (z = 1.959964), rounded to 4 places.

`learned_wait` (issue 25, off by default): with at least `LEARN_MIN_ANSWERED` answered
follow-ups, the check-in wait follows the observed median days to reply, within the bounds
the rulebook's table gives for a first follow-up (`timing.learned`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from operator import attrgetter
from typing import Any

from followup.core.model import (
    Case,
    Channel,
    Direction,
    Persistence,
    Status,
    Touch,
    TouchKind,
    at_or_after,
)
from followup.core.policy import DEFAULT_POLICIES, Learned, Policy

Z95 = 1.959964  # CONTRACT.md: the 95% Wilson score interval
WINDOW_DAYS = 30  # answered within, pending for, broken after (CONTRACT.md)
FOLLOW_UP_KINDS = (TouchKind.APPLICATION, TouchKind.THANK_YOU, TouchKind.CHECK_IN,
                   TouchKind.FINAL)
OFFER_STATUSES = frozenset({Status.OFFER, Status.ACCEPTED, Status.DECLINED})
LEARN_MIN_ANSWERED = 20  # issue 25: learning needs at least this many answered follow-ups


class Outcome:
    """What became of one follow-up (the vocabulary the faces show)."""

    ANSWERED = "answered"
    UNANSWERED = "unanswered"  # no response observed: never "rejected"
    PENDING = "pending"


OUTCOME_WORDS: Mapping[str, str] = {
    Outcome.ANSWERED: "answered",
    Outcome.UNANSWERED: "no response observed",
    Outcome.PENDING: "still within 30 days",
}


@dataclass(frozen=True, slots=True)
class Rate:
    """answered out of n (pending ones left out), with its 95% Wilson interval."""

    n: int
    answered: int

    @property
    def rate(self) -> float | None:
        return None if self.n == 0 else round(self.answered / self.n, 4)

    @property
    def ci95(self) -> tuple[float, float] | None:
        found = wilson(self.answered, self.n)
        return None if found is None else (round(found[0], 4), round(found[1], 4))


@dataclass(frozen=True, slots=True)
class Stats:
    today: date
    follow_ups: Rate
    pending: int
    by_kind: Mapping[str, Rate]
    by_channel: Mapping[str, Rate]
    reply_days: tuple[int, ...]  # days to reply of each answered follow-up, sorted
    kept: int
    slipped: int
    broken: int
    open: int
    slips: tuple[int, ...]  # days late of each slipped promise, sorted
    opportunities: int
    interviewed: int
    offers: int

    @property
    def promises_n(self) -> int:
        return self.kept + self.slipped + self.broken

    @property
    def median_reply_days(self) -> float | None:
        return median(self.reply_days)

    @property
    def median_slip_days(self) -> float | None:
        return median(self.slips)


def wilson(successes: int, n: int, z: float = Z95) -> tuple[float, float] | None:
    """The Wilson score interval for `successes` out of `n`; None when n = 0."""
    if n <= 0:
        return None
    p = successes / n
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def median(values: Sequence[int]) -> float | None:
    """The middle value of sorted `values`, the mean of the middle two for an even count."""
    if not values:
        return None
    mid = len(values) // 2
    if len(values) % 2:
        return float(values[mid])
    return (values[mid - 1] + values[mid]) / 2


def number(value: float | None) -> int | float | None:
    """6.0 -> 6, 3.5 -> 3.5: a whole number written as one (CONTRACT.md's example)."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


class _Tally:
    __slots__ = ("answered", "n")

    def __init__(self) -> None:
        self.n = 0
        self.answered = 0


def stats(cases: Iterable[Case], today: date) -> Stats:
    """Every figure of CONTRACT.md's "Stats" over `cases`, as they stood on `today`."""
    total, pending = _Tally(), 0
    kinds: dict[TouchKind, _Tally] = {}
    channels: dict[Channel, _Tally] = {}
    reply_days: list[int] = []
    kept = slipped = broken = still_open = 0
    slips: list[int] = []
    opportunities = interviewed = offers = 0
    follow_up_kinds = frozenset(FOLLOW_UP_KINDS)
    cutoff = datetime.combine(today + timedelta(days=1), time(0))  # after today: not known
    for case in cases:
        opportunities += 1
        touches = _known(case, cutoff)
        held = [i for i in case.interviews if i.at < cutoff]
        if held:
            interviewed += 1
        if case.opportunity.status in OFFER_STATUSES or any(
                t.direction is Direction.IN and t.kind is TouchKind.OFFER for t in touches):
            offers += 1
        # Follow-ups: answered, unanswered or pending.
        for n, touch in enumerate(touches):
            if touch.direction is not Direction.OUT or touch.kind not in follow_up_kinds:
                continue
            kind = kinds.get(touch.kind) or kinds.setdefault(touch.kind, _Tally())
            channel = channels.get(touch.channel) or channels.setdefault(touch.channel, _Tally())
            after = touches[n + 1] if n + 1 < len(touches) else None
            day = touch.at.date()
            if after is None and (today - day).days < WINDOW_DAYS:
                pending += 1
                continue
            total.n += 1
            kind.n += 1
            channel.n += 1
            if after is not None and after.direction is Direction.IN:
                gap = (after.at.date() - day).days
                if gap <= WINDOW_DAYS:
                    total.answered += 1
                    kind.answered += 1
                    channel.answered += 1
                    reply_days.append(gap)
        # Promises: kept, slipped, broken or open.
        incoming = [t for t in touches if t.direction is Direction.IN]
        made: list[tuple[date, Any]] = []
        for interview in held:
            if interview.promised is not None:
                first = next((t for t in incoming if at_or_after(t.at, interview.at)), None)
                made.append((interview.promised.by, first))
        for n, touch in enumerate(incoming):
            if touch.new_by is not None:
                made.append((touch.new_by, incoming[n + 1] if n + 1 < len(incoming) else None))
        for by, first in made:
            if first is not None:
                late = (first.at.date() - by).days
                if late <= 0:
                    kept += 1
                else:
                    slipped += 1
                    slips.append(late)
            elif (today - by).days >= WINDOW_DAYS:
                broken += 1
            else:
                still_open += 1
    order = {k: i for i, k in enumerate(TouchKind)}
    return Stats(
        today=today,
        follow_ups=Rate(total.n, total.answered),
        pending=pending,
        by_kind={k.value: Rate(t.n, t.answered)
                 for k, t in sorted(kinds.items(), key=lambda kv: order[kv[0]])},
        by_channel={k.value: Rate(t.n, t.answered)
                    for k, t in sorted(channels.items(), key=lambda kv: kv[0].value)},
        reply_days=tuple(sorted(reply_days)),
        kept=kept, slipped=slipped, broken=broken, open=still_open,
        slips=tuple(sorted(slips)),
        opportunities=opportunities, interviewed=interviewed, offers=offers,
    )


_AT = attrgetter("at")


def _known(case: Case, cutoff: datetime) -> list[Touch]:
    """The touches before `cutoff` in `Case.sorted_touches` order: sorted by time alone
    (fast) unless two share a moment, where the full tie-break decides."""
    touches = sorted((t for t in case.touches if t.at < cutoff), key=_AT)
    for a, b in zip(touches, touches[1:], strict=False):
        if a.at == b.at:
            return [t for t in case.sorted_touches() if t.at < cutoff]
    return touches


def _rate_dict(rate: Rate) -> dict[str, Any]:
    ci = rate.ci95
    return {"n": rate.n, "answered": rate.answered, "rate": rate.rate,
            "ci95": None if ci is None else [ci[0], ci[1]]}


def to_dict(s: Stats) -> dict[str, Any]:
    """Exactly CONTRACT.md's stats JSON, keys in its order."""
    follow_ups = _rate_dict(s.follow_ups)
    return {
        "today": s.today.isoformat(),
        "follow_ups": {
            "n": follow_ups["n"], "answered": follow_ups["answered"], "pending": s.pending,
            "rate": follow_ups["rate"], "ci95": follow_ups["ci95"],
            "by_kind": {k: _rate_dict(r) for k, r in s.by_kind.items()},
            "by_channel": {k: _rate_dict(r) for k, r in s.by_channel.items()},
            "days_to_reply": {"n": len(s.reply_days), "median": number(s.median_reply_days)},
        },
        "promises": {"n": s.promises_n, "kept": s.kept, "slipped": s.slipped,
                     "broken": s.broken, "median_slip_days": number(s.median_slip_days)},
        "funnel": {"opportunities": s.opportunities, "interviewed": s.interviewed,
                   "offers": s.offers},
    }


# -- what the figures can be held against (vocabulary as data; the faces read it) -------


@dataclass(frozen=True, slots=True)
class Published:
    """A published figure a candidate's own can be held against, with its source."""

    key: str  # which of our figures it sits beside
    figure: str
    source: str
    url: str
    caveat: str


PUBLISHED: tuple[Published, ...] = (
    Published(
        "check_in", "about 21% reply to a second email after the first got no answer",
        "Yesware, sales emails of its users, Q1 2014 (over 500,000 emails)",
        "https://www.yesware.com/blog/email-frequency/",
        "sales email, not hiring: a rough yardstick for a check-in"),
    Published(
        "thank_you", "80% of HR managers weigh thank-you notes; notes came from 24% of "
        "applicants", "Accountemps (Robert Half) survey of US HR managers, November 2017",
        "https://press.roberthalf.com/2017-11-20-Thank-You-Notes-Can-Tip-Scale-in-Job-"
        "Candidates-Favor-Yet-Few-Write-Them",
        "about sending notes at all, not about replies to them"),
    Published(
        "unanswered", "61% of job seekers say they were ghosted after a job interview",
        "Greenhouse, State of Job Hunting report, December 2024 (2,500+ workers in the US, "
        "UK and Germany)",
        "https://www.unleash.ai/artificial-intelligence/greenhouse-61-of-job-seekers-have-"
        "been-ghosted-during-the-recruitment-process/",
        "share of people ever ghosted, not share of messages unanswered"),
)


def published(key: str) -> Published | None:
    return next((p for p in PUBLISHED if p.key == key), None)


# -- learning (issue 25): the check-in wait from the candidate's own replies ------------

# The rulebook's bounds for a first follow-up's wait: no shorter than the shortest "no date
# named" wait of its table (persistent: 5 days), no longer than the longest wait it gives
# before a first follow-up (the application's "within two weeks": 14 days).
LEARN_LOW = min(p.no_date_days for p in DEFAULT_POLICIES.values())
LEARN_HIGH = max(p.application_latest_days for p in DEFAULT_POLICIES.values())


def learned_wait(s: Stats) -> Learned | None:
    """The check-in wait the candidate's replies suggest (timing.learned); None with fewer
    than `LEARN_MIN_ANSWERED` answered follow-ups."""
    middle = s.median_reply_days
    if len(s.reply_days) < LEARN_MIN_ANSWERED or middle is None:
        return None
    days = min(LEARN_HIGH, max(LEARN_LOW, math.ceil(middle)))
    return Learned(days=days, median=middle, answered=len(s.reply_days))


def learned_policies(policies: Mapping[Persistence, Policy], cases: Sequence[Case],
                     today: date) -> dict[Persistence, Policy]:
    """`policies` with the check-in wait learned where a policy asks for it (`learn`);
    the ask is resolved either way, so a second call changes nothing."""
    if not any(p.learn for p in policies.values()):
        return dict(policies)
    wait = learned_wait(stats(cases, today))
    out: dict[Persistence, Policy] = {}
    for level, policy in policies.items():
        if not policy.learn:
            out[level] = policy
        elif wait is None:
            out[level] = replace(policy, learn=False)
        else:
            out[level] = replace(policy, learn=False, learned=wait, no_date_days=wait.days)
    return out
