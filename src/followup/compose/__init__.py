"""Drafts a candidate can edit and send: `draft(case, kind, to, today) -> Draft`.

Templates (Jinja2, package data) exist per kind and per tone: brief for fields like
accounting or law, warmer and longer for marketing and sales (RULEBOOK: audience,
`timing.persistence`). Several interviewers of one round get different notes: the
interviewer's index picks the wording variant and the topic. Every draft is checked with
the linter before it is returned; a version without the optional value line is tried when
the full one would draw a warning (length, mostly). Jinja2 is imported on first use only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol

from followup import kinds
from followup.errors import NotFoundError, UsageError
from followup.lint import KINDS, context_from_case, lint, promised_date
from followup.lint.content import DAYS as _DAYS
from followup.lint.content import MONTHS as _MONTHS
from followup.lint.content import say_date
from followup.model import Case, Person

if TYPE_CHECKING:
    from jinja2 import Environment

WARM_FIELDS = frozenset({"marketing", "sales", "business development", "business_development",
                         "bizdev", "advertising", "public relations", "pr", "communications"})
VARIANTS = 3


class ActionLike(Protocol):
    """What `draft` needs from a planned action (the planner's `Action` fits)."""

    @property
    def kind(self) -> str: ...

    @property
    def to(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class Draft:
    subject: str | None
    body: str
    kind: str
    to: str

    def text(self) -> str:
        """The message as a user edits it: a `Subject:` line first for email kinds."""
        if self.subject:
            return f"Subject: {self.subject}\n\n{self.body}"
        return self.body


def tone_for(field: str | None) -> str:
    return "warm" if field and field.strip().lower() in WARM_FIELDS else "brief"


@lru_cache(maxsize=1)
def _env() -> Environment:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(loader=PackageLoader("followup.compose", "templates"),
                       autoescape=False,
                       keep_trailing_newline=True, undefined=StrictUndefined)


def _when(day: date | None, today: date) -> str:
    if day is None:
        return "recently"
    delta = (today - day).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "yesterday"
    if 0 < delta < 7:
        return f"on {_DAYS[day.weekday()]}"
    return f"on {say_date(day)}"


def _signature(case: Case) -> str:
    c = case.candidate
    return "\n".join(x for x in (c.name, c.phone, c.email) if x)


def _tidy(text: str) -> str:
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    return text + "\n"


def variables(case: Case, kind: str, person: Person, today: date) -> dict[str, Any]:
    """What the templates see; `v` (0..2) is the interviewer's index, picking the wording."""
    iv = case.interview_for(person.id, today)
    index = iv.interviewers.index(person.id) if iv and person.id in iv.interviewers else 0
    topics = list(iv.topics) if iv else []
    topic = topics[index % len(topics)] if topics else "the challenges you described"
    topic2 = topics[(index + 1) % len(topics)] if len(topics) > 1 else None
    values = case.candidate.values
    promised = promised_date(case, today)
    value = values[index % len(values)].strip() if values else None
    if value and value[-1] not in ".!?":
        value += "."
    warm = tone_for(case.opportunity.field) == "warm"
    return {
        "v": index % VARIANTS, "name": person.name, "first": person.first_name,
        "title": person.title, "role": case.opportunity.role,
        "company": case.opportunity.company, "topic": topic, "topic2": topic2,
        "value": value,
        "promised": say_date(promised) if promised else None,
        "when": _when(iv.at.date() if iv else None, today),
        "dated": f"{today.day} {_MONTHS[today.month - 1]} {today.year}",
        "candidate_name": case.candidate.name or "your candidate",
        "phone": case.candidate.phone,
        "closing": "Best," if warm else "Best regards,",
        "signature": _signature(case),
    }


def draft(case: Case, kind: str, to_person_id: str | None, today: date,
          action: ActionLike | None = None) -> Draft:
    """A draft of `kind` for one person of the case, as of `today`.

    With `action` (a planned step), its kind and recipient win over the arguments.
    """
    if action is not None:
        kind = action.kind
        to_person_id = action.to or to_person_id
    if kind not in KINDS:
        raise UsageError(f"no draft for kind {kind!r} (kinds: {', '.join(KINDS)})")
    person = case.person(to_person_id)
    if person is None:
        known = ", ".join(p.id for p in case.people) or "none"
        raise NotFoundError(f"unknown person {to_person_id!r} (people: {known})")
    values = variables(case, kind, person, today)
    template = _env().get_template(f"{kind}.{tone_for(case.opportunity.field)}.j2")
    subject = kinds.subject(kind, case.opportunity.role, case.opportunity.company)
    ctx = context_from_case(case, kind, person.id)
    best: Draft | None = None
    for compact in (False, True):
        body = _tidy(template.render(compact=compact, **values))
        best = Draft(subject, body, kind, person.id)
        if not any(f.severity != "info" for f in lint(best.text(), ctx)):
            break
    assert best is not None
    return best
