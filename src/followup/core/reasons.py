"""Why each step is planned, in words: one template per rule, filled with the step's facts.

The planner decides dates and records which rule decided what and the facts it cites (the
dates, the names, the numbers); the words live here, so a reason is phrased in one place and
every face renders the same sentence. `why` in the plan JSON (CONTRACT.md) is `sentence`;
`because` is the part a face shows beside a line that already says what and when.
Dates are written in the one date style (`followup.core.dates`), relative to the plan's day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from followup.core.dates import say


@dataclass(frozen=True, slots=True)
class Template:
    sentence: str  # the whole reason; `{because}` stands for the part below
    because: str = ""  # why, without what to do or when (lower case: it follows a line)
    then: bool = False  # says how the date follows ("7 days after it"), after the date


# Keyed by rule id; `/name` marks a second phrasing of the same rule (a date rule's clause
# that says how the date follows from the fact: "7 days after it").
TEMPLATES: dict[str, Template] = {
    "timing.close-out": Template(
        "Your interview{with_whom} is on {day}; {because}.",
        "before it ends, ask about the next steps, when they expect to decide and whom to "
        "contact, then record the answers"),
    "timing.thank-you": Template(
        "{because}; send a thank-you note by {by}.", "you met {name} on {day}"),
    "timing.letter": Template(
        "Post a one-page letter{to} on {due} (by {latest} at the latest) so it arrives while "
        "they still deliberate.",
        "a letter that lands while they deliberate keeps you in mind"),
    "timing.move-on": Template(
        "{because}; on {due} mark this opportunity dormant and put your energy into other "
        "openings.", "your final message on {final} got no answer"),
    "timing.application": Template(
        "{because}; follow up{with_whom} by email on {by}.",
        "you applied on {day} and have heard nothing"),
    # The ladder after the interviews: the clauses, then one sentence per kind of step.
    "timing.reply-resets": Template(
        "{name} replied on {day} without a new date; no news is not bad news"),
    "timing.reply-resets/moved": Template("{name} said on {made} the decision moves to {by}"),
    "timing.reply-resets/after": Template(", {days} days after the reply", then=True),
    "timing.promised-date": Template("{name} said on {made} to expect word by {by}"),
    "timing.promised-date/after": Template(", the {ordinal} business day after", then=True),
    "timing.promised-date/grace": Template(
        ", the {ordinal} business day after the date they gave ({by})", then=True),
    "timing.promised-date/wait": Template(
        ", not before the date they gave ({by}) has passed", then=True),
    "timing.no-date": Template("no decision date was named at the interview on {day}"),
    "timing.no-date/after": Template(", {days} days after it", then=True),
    "timing.learned/interview": Template(
        ", {days} days after it: your contacts replied in a median of {median} days "
        "({answered} answered follow-ups)", then=True),
    "timing.learned/reply": Template(
        ", {days} days after the reply: your contacts replied in a median of {median} days "
        "({answered} answered follow-ups)", then=True),
    "timing.switch-channel/unanswered": Template("your follow-up on {day} got no answer"),
    "timing.weekly-cap/after": Template(
        ", {days} days after your last follow-up on {day} (at most one a week)", then=True),
    "timing.weekly-cap/later": Template(", {days} days later", then=True),
    "timing.final": Template(
        "{because}, so send one last email on {due}{then}: still very interested, talking "
        "with other companies, would they share their timeline"),
    "timing.switch-channel": Template("{because}, so check in again by {channel} on {due}{then}"),
    "ladder.check-in": Template("{because}, so check in by {channel} on {due}{then}"),
}

Fact = date | str | int


class Clause(NamedTuple):
    """One templated phrase of a reason: which template, and the facts it cites.

    A named tuple, not a frozen dataclass: the planner builds one or more per step for every
    case it plans, and a frozen dataclass pays an `object.__setattr__` per field."""

    template: str
    facts: tuple[tuple[str, Fact], ...] = ()

    @property
    def rule(self) -> str:
        return self.template.split("/")[0]


def clause(template: str, **facts: Fact) -> Clause:
    if template not in TEMPLATES:
        raise KeyError(f"no reason template {template!r}")
    return Clause(template, tuple(facts.items()))


def _values(facts: Iterable[tuple[str, Fact]], today: date | None) -> dict[str, str]:
    return {k: say(v, today) if isinstance(v, date) else str(v) for k, v in facts}


def render(c: Clause, today: date | None, *, field: str = "sentence",
           **more: str) -> str:
    """The clause's words: its template's `sentence` (or `because`) with the facts filled."""
    t = TEMPLATES[c.template]
    values = _values(c.facts, today)
    if more:
        values.update(more)
    if field == "because":
        return t.because.format_map(values)
    if "{because}" in t.sentence and "because" not in values:
        values["because"] = t.because.format_map(values)
    return t.sentence.format_map(values)


def sentence(text: str) -> str:
    """A capital and a full stop, once."""
    text = text[:1].upper() + text[1:]
    return text if text.endswith(".") else text + "."
