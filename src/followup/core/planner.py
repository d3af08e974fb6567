"""The planner: what to do next for one opportunity, and why (RULEBOOK.md section 1).

`plan(case, today)` is pure: no I/O, no clock, nothing of ours outside the core. Each rule id
appears in a comment where it is decided, so `grep -rn timing.weekly-cap src/` lands there.

Readings this module adds to the rulebook's (documented for the lead and the users):

- Only what had happened by `today` counts: touches dated after `today` are ignored, so a
  plan "as of" a past date replays the history as it stood then.
- Stages. `closed`: a closed status other than `dormant`, or an offer or rejection message
  from them. `dormant`: status `dormant`, or the ladder's `move_on` is due. `interviewing`: an
  interview is scheduled after `today`, or thank-you notes (or the letter) are outstanding.
  `waiting`: interviews held, the ladder runs. `applied`: no interview recorded.
- The ladder is sequential: while thank-you notes or the letter are listed, the check-in is
  not (it is a later step; a stale note is dropped and the check-in takes its place).
- A follow-up touch is an outgoing touch of kind `check_in` or `final` (calls and voicemails
  are logged as check-ins with their channel). The ladder's position is the number of them
  since the last reset (the last held interview or their last message, whichever is later).
- A promise stands when it is the latest made (at an interview or in their message) and it
  was made at or after the last held interview, or its date is not before that interview.
- `move_on` is not an outgoing action, so its date does not roll off weekends; it has no `to`
  and no channel. Check-ins, the final and `move_on` have no `latest`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from operator import attrgetter
from typing import Any, NamedTuple

from followup.core import kinds
from followup.core.dates import say
from followup.core.days import business_day_after, normalize_country, roll_forward
from followup.core.model import (
    FOLLOW_UP_TOUCHES,
    Case,
    Channel,
    Direction,
    Interview,
    Persistence,
    PromiseChannel,
    StandingPromise,
    Status,
    Touch,
    TouchKind,
    at_or_after,
    ladder,
    standing_promise,
)
from followup.core.policy import DEFAULT_POLICIES, Policy
from followup.core.reasons import TEMPLATES, Clause, Fact, clause, render, sentence

in_words = say  # the one date style (followup.core.dates), kept under its old name

STALE_THANK_YOU_DAYS = 7  # RULEBOOK "Stale thank-you"
MIN_ACTIVE = 3  # pipeline.one-basket: "several" opportunities


class Stage(StrEnum):
    APPLIED = "applied"
    INTERVIEWING = "interviewing"
    WAITING = "waiting"
    CLOSED = "closed"
    DORMANT = "dormant"


# The status a stage stands for when a card is moved to it (the board's drag and drop): the
# planner's stage and the user's status are one idea. Dormant is a status of its own; applied,
# interviewing and waiting are all `active` (the planner picks which from the records); closed
# has five statuses (offer, accepted, declined, rejected, withdrawn), so None: ask which.
STAGE_STATUS: dict[Stage, Status | None] = {
    Stage.APPLIED: Status.ACTIVE,
    Stage.INTERVIEWING: Status.ACTIVE,
    Stage.WAITING: Status.ACTIVE,
    Stage.CLOSED: None,
    Stage.DORMANT: Status.DORMANT,
}


class ActionKind(StrEnum):
    PREPARE = "prepare"
    THANK_YOU = "thank_you"
    LETTER = "letter"
    CHECK_IN = "check_in"
    FINAL = "final"
    MOVE_ON = "move_on"
    APPLICATION_FOLLOW_UP = "application_follow_up"


class State(StrEnum):
    OVERDUE = "overdue"
    DUE = "due"
    UPCOMING = "upcoming"


FOLLOW_UP_KINDS = frozenset(k for k in ActionKind if kinds.kind(k.value).follow_up)
_KIND_ORDER = {k: i for i, k in enumerate(ActionKind)}
_AT = attrgetter("at")


@dataclass(frozen=True, slots=True)
class Action:
    """One thing to do: `not_before` <= do it <= `due` (`latest` when the rule gives one)."""

    kind: ActionKind
    to: str | None  # a Person id; None for move_on or when nobody is recorded
    channel: Channel | None  # None for move_on
    not_before: date
    due: date
    latest: date | None
    state: State
    rules: tuple[str, ...]  # rule ids, in the order they were applied
    steps: tuple[Clause, ...] = ()  # the reason's parts: each a template and the facts cited
    said_on: date | None = None  # the day the reason is told on (the plan's `today`)

    # The words are rendered from `steps` when a face or the JSON asks, not for every case
    # planned: most plans are read for their dates and states (issue 24: the structured
    # steps were built and rendered eagerly, half the planner's time).
    @property
    def why(self) -> str:
        """The whole reason, one sentence (CONTRACT.md)."""
        return _reason(self.steps, self.said_on)[0]

    @property
    def because(self) -> str:
        """The reason without what and when, for a face that shows those."""
        return _reason(self.steps, self.said_on)[1]


def _reason(steps: tuple[Clause, ...], today: date | None) -> tuple[str, str]:
    """(why, because) from a step's clauses (one template per rule): the last clause makes
    the sentence; on the ladder the earlier ones are its `because` (joined by "; ") and its
    `then` (how the date follows)."""
    if not steps:
        return "", ""
    *first, last = steps
    causes = [c for c in first if not TEMPLATES[c.template].then]
    then = "".join(render(c, today) for c in first if c not in causes)
    if causes:  # the ladder
        because = "; ".join(render(c, today) for c in causes)
        why = render(last, today, because=because, then=then)
    else:
        because = render(last, today, field="because")
        why = render(last, today)
    return sentence(why), sentence(because) if because else ""


@dataclass(frozen=True, slots=True)
class Plan:
    opportunity: str
    today: date
    stage: Stage
    persistence: Persistence
    actions: tuple[Action, ...]  # sorted by due date


@dataclass(frozen=True, slots=True)
class Pipeline:
    """Counts over all opportunities, with the pipeline.one-basket warning."""

    active: int  # applied, interviewing or waiting
    waiting: int
    dormant: int
    closed: int
    warning: str | None
    rules: tuple[str, ...]


_Promise = StandingPromise


class _First(NamedTuple):
    """The first check-in's date and how the reason says it (ladder step 2)."""

    due: date
    rules: tuple[str, ...]
    because: tuple[Clause, ...]  # what happened
    then: tuple[Clause, ...]  # how the date follows from it

_ORDINALS = ("first", "second", "third", "fourth", "fifth")


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _ordinal(n: int) -> str:
    return _ORDINALS[n - 1] if 1 <= n <= len(_ORDINALS) else f"{n}th"


def _answer_channel(channel: Channel | PromiseChannel) -> Channel | None:
    """The channel that answers theirs (timing.match-channel); None when nothing matches."""
    if channel in (Channel.EMAIL, PromiseChannel.EMAIL):
        return Channel.EMAIL
    if channel in (Channel.PHONE, Channel.VOICEMAIL, PromiseChannel.PHONE):
        return Channel.PHONE
    if channel is Channel.MESSAGE:
        return Channel.MESSAGE
    return None


def _channel_words(channel: Channel) -> str:
    return kinds.channel(channel.value).answer


def _after(touch: Touch, moment: datetime) -> bool:
    return at_or_after(touch.at, moment)


_IN, _OUT = Direction.IN, Direction.OUT


class _Planner:
    def __init__(self, case: Case, today: date, policy: Policy,
                 persistence: Persistence = Persistence.STANDARD) -> None:
        self.case = case
        self.today = today
        self.policy = policy
        self.country = normalize_country(case.candidate.country)  # once, not per day rolled
        # Both in time order: cut at the end of `today` once (a datetime compare, no
        # `.date()` per item), and split the touches by direction (comprehensions: the
        # planner's hottest lines, issue 24).
        end = datetime.combine(today + timedelta(days=1), time(0))
        interviews = case.sorted_interviews()
        cut = bisect_left(interviews, end, key=_AT)
        self.held = list(interviews[:cut])
        self.scheduled = list(interviews[cut:])
        every = case.sorted_touches()
        self.touches = touches = list(every[:bisect_left(every, end, key=_AT)])
        self.incoming = [t for t in touches if t.direction is _IN]
        self.outgoing = outgoing = [t for t in touches if t.direction is _OUT]
        self.follow_ups = [t for t in outgoing if t.kind in FOLLOW_UP_TOUCHES]
        self.persistent_note = (
            ("timing.persistence",) if persistence is not Persistence.STANDARD else ())

    # -- helpers ------------------------------------------------------------------------

    def words(self, d: date) -> str:
        return in_words(d, self.today)

    def first_name(self, person_id: str | None) -> str:
        person = self.case.person(person_id)
        return person.first_name if person is not None else "They"

    def roll(self, d: date) -> date:
        return roll_forward(d, self.country)

    def action(self, kind: ActionKind, to: str | None, channel: Channel | None,
               not_before: date, due: date, latest: date | None,
               rules: Iterable[str], steps: tuple[Clause, ...]) -> Action:
        """The step, its reason kept as clauses (rendered when asked: `Action.why`)."""
        end = latest if latest is not None else due
        if self.today < not_before:
            state = State.UPCOMING
        elif self.today > end:
            state = State.OVERDUE
        else:
            state = State.DUE
        return Action(kind, to, channel, not_before, due, latest, state, tuple(rules), steps,
                      self.today)

    # -- the plan -----------------------------------------------------------------------

    def stage_if_closed(self) -> Stage | None:
        status = self.case.opportunity.status
        if status is Status.DORMANT:
            return Stage.DORMANT
        if status.is_closed:  # `offer` included: the candidate decides
            return Stage.CLOSED
        # An offer or rejection message from them closes the opportunity.
        if any(t.kind in (TouchKind.OFFER, TouchKind.REJECTION) for t in self.incoming):
            return Stage.CLOSED
        return None

    def run(self) -> tuple[Stage, list[Action]]:
        closed = self.stage_if_closed()
        if closed is not None:
            return closed, []
        actions = [self.prepare(i) for i in self.scheduled]
        notes: list[Action] = []
        for interview in self.held:
            notes.extend(self.thank_yous(interview))
        letter = self.letter()
        if letter is not None:
            notes.append(letter)
        actions.extend(notes)
        if self.scheduled or notes:
            # timing.next-round: no check-ins before a scheduled interview; and the ladder is
            # sequential, so the check-in waits until the notes are done or dropped.
            return Stage.INTERVIEWING, actions
        if self.held:
            step = self.ladder_step()
            if step.kind is ActionKind.MOVE_ON and self.today >= step.due:
                return Stage.DORMANT, [step]
            return Stage.WAITING, [step]
        follow_up = self.application_follow_up()
        return Stage.APPLIED, [] if follow_up is None else [follow_up]

    def prepare(self, interview: Interview) -> Action:
        # timing.close-out: a reminder on the interview's day to ask next steps, the decision
        # date and who to contact, then record them.
        day = interview.at.date()
        rules = ["timing.close-out"]
        if self.held:
            rules.append("timing.next-round")
        who = [self.first_name(p) for p in interview.interviewers]
        with_whom = f" with {_and(who)}" if who else ""
        channel = Channel.PHONE if "phone" in (interview.format or "").lower() else (
            Channel.IN_PERSON)
        return self.action(
            ActionKind.PREPARE, interview.interviewers[0] if interview.interviewers else None,
            channel, day, day, None, rules,
            (clause("timing.close-out", with_whom=with_whom, day=day),))

    def stale(self, interview: Interview) -> bool:
        # Stale thank-you: a missing note is dropped when today >= interview + 7 days.
        return self.today >= interview.at.date() + timedelta(days=STALE_THANK_YOU_DAYS)

    def thank_yous(self, interview: Interview) -> list[Action]:
        # timing.thank-you: each interviewer, after every round; due +24 h, latest +48 h.
        # RULEBOOK "Order of operations": the due day is not rolled off the weekend (email
        # reaches them any day; send it while the interview is fresh), the latest is.
        if self.stale(interview):
            return []
        day = interview.at.date()
        due = (interview.at + timedelta(hours=self.policy.thank_you_due_hours)).date()
        latest = self.roll(
            (interview.at + timedelta(hours=self.policy.thank_you_latest_hours)).date())
        later_round = any(i.at < interview.at for i in self.held)
        rules = ("timing.thank-you", "timing.next-round") if later_round else (
            "timing.thank-you",)
        out = []
        for person_id in dict.fromkeys(interview.interviewers):
            done = any(t.kind is TouchKind.THANK_YOU and t.person == person_id
                       and _after(t, interview.at) for t in self.outgoing)
            if done:
                continue
            out.append(self.action(
                ActionKind.THANK_YOU, person_id, Channel.EMAIL, day, due, latest, rules,
                (clause("timing.thank-you", name=self.first_name(person_id), day=day,
                        by=self.by(due, latest)),)))
        return out

    def by(self, due: date, latest: date) -> str:
        """`Wed 25 Nov, Fri 27 Nov at the latest`, or one date when both fall on the same day."""
        if latest == due:
            return self.words(due)
        return f"{self.words(due)}, {self.words(latest)} at the latest"

    def letter(self) -> Action | None:
        # timing.letter: opted in only; beside the latest round's notes, to the contact person.
        if not self.case.opportunity.send_letter or not self.held:
            return None
        interview = self.held[-1]
        if self.stale(interview):
            return None
        if any(t.channel is Channel.LETTER and _after(t, interview.at) for t in self.outgoing):
            return None
        contact = self.case.contact
        to = contact.id if contact is not None else (
            interview.interviewers[0] if interview.interviewers else None)
        day = interview.at.date()
        due, latest = self.roll(day), self.roll(day + timedelta(days=1))
        name = f" to {self.first_name(to)}" if to is not None else ""
        return self.action(
            ActionKind.LETTER, to, Channel.LETTER, day, due, latest, ("timing.letter",),
            (clause("timing.letter", to=name, due=due, latest=latest),))

    # -- the ladder after the interviews ----------------------------------------------

    def promise(self) -> _Promise | None:
        return standing_promise(self.held, self.touches)  # Case.standing_promise

    def recipient(self, promise: _Promise | None) -> str | None:
        """RULEBOOK "Recipient": latest promise or message, else the contact, else the latest
        round's first interviewer."""
        events: list[tuple[datetime, str]] = [(t.at, t.person) for t in self.incoming
                                              if t.person is not None]
        if promise is not None and promise.who is not None:
            events.append((promise.made, promise.who))
        if events:
            return max(events, key=lambda e: e[0])[1]
        if self.case.contact is not None:
            return self.case.contact.id
        for interview in reversed(self.held):
            if interview.interviewers:
                return interview.interviewers[0]
        return None

    def ladder_step(self) -> Action:
        state = ladder(self.held, self.touches)  # Case.ladder
        assert state is not None  # called once an interview is held
        last, last_reply, sent = state.last, state.reply, state.sent
        promise = self.promise()
        to = self.recipient(promise)
        cap = self.policy.weekly_cap_days

        finals = [t for t in sent if t.kind is TouchKind.FINAL]
        if finals:
            # timing.move-on: the final went unanswered; stop, mark the opportunity dormant.
            final_day = finals[-1].at.date()
            due = final_day + timedelta(days=self.policy.days_after_final)
            return self.action(
                ActionKind.MOVE_ON, None, None, due, due, None,
                ("timing.move-on", *self.persistent_note),
                (clause("timing.move-on", final=final_day, due=due),))

        if not sent:
            first = self.first_contact(last, last_reply, promise)
        else:
            previous = sent[-1].at.date()
            # Spacing: each further contact falls the cap's days after the previous one.
            first = _First(previous + timedelta(days=cap), (),
                           (clause("timing.switch-channel/unanswered", day=previous),), ())
        due, rules, because, then = first
        if promise is not None:
            # timing.promised-date: never before the grace day after the date they gave.
            grace = business_day_after(promise.by, self.policy.grace_business_days,
                                       self.country)
            if grace > due:
                due = grace
                if "timing.promised-date" not in rules:
                    rules = (*rules, "timing.promised-date")
                    then = (*then, clause("timing.promised-date/wait", by=promise.by))
        if self.follow_ups:
            # timing.weekly-cap: counts every outgoing follow-up touch, before a reply too.
            previous = self.follow_ups[-1].at.date()
            capped = previous + timedelta(days=cap)
            if capped >= due and (capped > due or sent):
                then = ((clause("timing.weekly-cap/after", days=cap, day=previous),)
                        if capped > due else (*then, clause("timing.weekly-cap/later", days=cap)))
                due = capped
                rules = (*rules, "timing.weekly-cap")
        due = self.roll(due)

        if len(sent) >= self.policy.check_ins:
            # timing.final: the check-ins went unanswered; one last, explicit email.
            kind, channel = ActionKind.FINAL, Channel.EMAIL
            rules = ("timing.final", *rules)
            step = clause("timing.final", due=due)
        elif sent:
            # timing.switch-channel: the other channel, a cap's wait after the unanswered one.
            kind = ActionKind.CHECK_IN
            channel = Channel.EMAIL if sent[-1].channel in (
                Channel.PHONE, Channel.VOICEMAIL) else Channel.VOICEMAIL
            rules = (*rules, "timing.switch-channel")
            step = clause("timing.switch-channel", due=due, channel=_channel_words(channel))
        else:
            kind = ActionKind.CHECK_IN
            channel, matched = self.first_channel(promise)
            rules = (*rules, *matched)
            step = clause("ladder.check-in", due=due, channel=_channel_words(channel))
        return self.action(kind, to, channel, due, due, None, (*rules, *self.persistent_note),
                           (*because, *then, step))

    def first_contact(self, last: Interview, reply: Touch | None,
                      promise: _Promise | None) -> _First:
        """The first check-in's date before the cap and the roll (ladder step 2)."""
        wait = timedelta(days=self.policy.no_date_days)
        ordinal = _ordinal(self.policy.grace_business_days)
        if reply is not None and (promise is None or reply.at > promise.made):
            # timing.reply-resets: a vague reply gets a check-in a week later, or the standing
            # date's grace day if that is later. timing.slow-process: no news is not bad news.
            rules: tuple[str, ...] = ("timing.reply-resets",)
            because = (clause("timing.reply-resets", name=self.first_name(reply.person),
                              day=reply.at.date()),)
            due = reply.at.date() + wait
            then = (self.learned("reply") or
                    clause("timing.reply-resets/after", days=self.policy.no_date_days),)
            if self.policy.learned is not None:
                rules = (*rules, "timing.learned")
            if promise is not None:
                grace = business_day_after(promise.by, self.policy.grace_business_days,
                                           self.country)
                if grace >= due:
                    rules = (*(r for r in rules if r != "timing.learned"),
                             "timing.promised-date")
                    then = (clause("timing.promised-date/grace", ordinal=ordinal,
                                   by=promise.by),)
                    due = grace
            return _First(due, (*rules, "timing.slow-process"), because, then)
        if promise is not None:
            # timing.promised-date: the grace-th business day after the date they named.
            facts: dict[str, Fact] = {"name": self.first_name(promise.who),
                                      "made": promise.made.date(), "by": promise.by}
            if promise.from_reply:
                rules, said = ("timing.reply-resets",), clause("timing.reply-resets/moved",
                                                                **facts)
            else:
                rules, said = (), clause("timing.promised-date", **facts)
            return _First(
                business_day_after(promise.by, self.policy.grace_business_days, self.country),
                (*rules, "timing.promised-date"), (said,),
                (clause("timing.promised-date/after", ordinal=ordinal),))
        # timing.no-date: no date named, check in a week after the last interview.
        learned = self.learned("interview")
        return _First(last.at.date() + wait,
                      ("timing.no-date", "timing.learned") if learned else ("timing.no-date",),
                      (clause("timing.no-date", day=last.at.date()),),
                      (learned or clause("timing.no-date/after",
                                         days=self.policy.no_date_days),))

    def learned(self, since: str) -> Clause | None:
        """timing.learned: the wait follows the candidate's own median days to reply."""
        found = self.policy.learned
        if found is None:
            return None
        return clause(f"timing.learned/{since}", days=found.days,
                      median=str(found.median).removesuffix(".0"), answered=found.answered)

    def first_channel(self, promise: _Promise | None) -> tuple[Channel, tuple[str, ...]]:
        # timing.match-channel: the channel of the latest promise, else of their last message.
        answer = _answer_channel(promise.channel) if promise and promise.channel else None
        if answer is not None:
            return answer, ("timing.match-channel",)
        if self.incoming:
            channel = _answer_channel(self.incoming[-1].channel)
            if channel is not None:
                return channel, ("timing.match-channel",)
        return Channel.EMAIL, ()

    def application_follow_up(self) -> Action | None:
        # timing.application: no word back after applying; follow up within two weeks.
        applied = self.case.opportunity.applied_on
        applications = [t for t in self.outgoing if t.kind is TouchKind.APPLICATION]
        if applied is not None:
            start = datetime.combine(applied, time(0))
        elif applications:
            start = applications[0].at
        else:
            return None
        if any(t.kind is not TouchKind.APPLICATION and _after(t, start) for t in self.outgoing):
            return None  # done
        if any(_after(t, start) for t in self.incoming):
            return None  # they answered: nothing follows until an interview is recorded
        day = start.date()
        due = day + timedelta(days=self.policy.application_due_days)
        latest = day + timedelta(days=self.policy.application_latest_days)
        rules = ["timing.application"]
        if self.follow_ups:
            capped = self.follow_ups[-1].at.date() + timedelta(days=self.policy.weekly_cap_days)
            if capped > due:
                due, latest = capped, max(latest, capped)
                rules.append("timing.weekly-cap")
        due, latest = self.roll(due), self.roll(latest)
        rules.extend(self.persistent_note)
        to = self.recipient(None)
        name = f" with {self.first_name(to)}" if to is not None else ""
        return self.action(
            ActionKind.APPLICATION_FOLLOW_UP, to, Channel.EMAIL, due, due, latest, rules,
            (clause("timing.application", day=day, with_whom=name, by=self.by(due, latest)),))


def _sort_key(action: Action) -> tuple[date, int, str, str]:
    # channels are StrEnums: a member sorts as its value, no `.value` read needed
    return (action.due, _KIND_ORDER[action.kind], action.to or "", action.channel or "")


def plan(case: Case, today: date,
         policies: Mapping[Persistence, Policy] | None = None) -> Plan:
    """The next steps for `case` as of `today`, in due order (CONTRACT.md plan output)."""
    persistence = case.opportunity.effective_persistence
    policy = (policies if policies is not None else DEFAULT_POLICIES)[persistence]
    status = case.opportunity.status
    if status is not Status.ACTIVE:
        # Closed or dormant by its status (`_Planner.stage_if_closed`): no actions, so none of
        # the history is sorted or read (issue 24: most of a long pipeline is closed).
        return Plan(case.opportunity.id, today,
                    Stage.DORMANT if status is Status.DORMANT else Stage.CLOSED, persistence, ())
    stage, actions = _Planner(case, today, policy, persistence).run()
    return Plan(case.opportunity.id, today, stage, persistence,
                tuple(sorted(actions, key=_sort_key)) if len(actions) > 1 else tuple(actions))


def action_to_dict(action: Action) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": action.kind.value}
    if action.to is not None:
        out["to"] = action.to
    out["channel"] = action.channel.value if action.channel is not None else None
    out["not_before"] = action.not_before.isoformat()
    out["due"] = action.due.isoformat()
    out["latest"] = action.latest.isoformat() if action.latest is not None else None
    out["state"] = action.state.value
    out["rules"] = list(action.rules)
    out["why"] = action.why
    return out


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """Exactly CONTRACT.md's plan JSON: keys in its order, ISO dates, `to` absent when None."""
    return {
        "opportunity": plan.opportunity,
        "today": plan.today.isoformat(),
        "stage": plan.stage.value,
        "persistence": plan.persistence.value,
        "actions": [action_to_dict(a) for a in plan.actions],
    }


def pipeline_summary(plans: Iterable[Plan], min_active: int = MIN_ACTIVE) -> Pipeline:
    """pipeline.one-basket: warn when fewer than `min_active` opportunities are active."""
    stages = [p.stage for p in plans]
    active = sum(s in (Stage.APPLIED, Stage.INTERVIEWING, Stage.WAITING) for s in stages)
    warning = None
    if active < min_active:
        # pipeline.one-basket: keep several opportunities active while you wait.
        warning = (f"Only {active} active {'opportunity' if active == 1 else 'opportunities'}: "
                   f"keep at least {min_active} going while you wait.")
    return Pipeline(
        active=active,
        waiting=stages.count(Stage.WAITING),
        dormant=stages.count(Stage.DORMANT),
        closed=stages.count(Stage.CLOSED),
        warning=warning,
        rules=("pipeline.one-basket",) if warning else (),
    )


# -- where the agenda lists a step (the faces' sections, the stored plans' lines) -------

AGENDA_SECTIONS = (("overdue", "Overdue"), ("due", "Due now"), ("upcoming", "Coming up"))


def agenda_section(action: Action, today: date) -> str:
    """Where the agenda lists an action, the same on both faces: `overdue` past its last
    day, `due` (due now) once its due day has come, else `upcoming`; an action that may be
    done early but is due tomorrow is coming up, not due now. A thank-you note is due now
    from the interview's day on (RULEBOOK "Order of operations": after a Friday interview
    it is due that Friday, not listed under "Coming up ... Mon")."""
    if action.state is State.OVERDUE:
        return "overdue"
    if action.state is State.DUE and (action.due <= today
                                      or kinds.kind(action.kind.value).due_from_start):
        return "due"
    return "upcoming"
