"""Drafts a candidate can edit and send: `draft(case, kind, to, today) -> Draft`.

Templates (Jinja2, package data) exist per kind and per tone: brief for fields like
accounting or law, warmer and longer for marketing and sales (RULEBOOK: audience,
`timing.persistence`). Each paragraph has three wordings; the interviewer's index picks
them (and the topic), so up to six interviewers of one round get different notes
(`personal.copy-paste`). Every draft is linted before it is returned: its own wording, then
the others, each with and without the value line, until one has no warning. The draft is
always signed (no profile name: a `UsageError` saying how to set it), names the person as
recorded (`Dr. Okafor` keeps the title), mentions a value only when it fits the role
(`compose.fit`), and without recorded topics says nothing it would have to make up.
Jinja2 is imported on first use only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol

from followup.core import kinds
from followup.core.compose.fit import fitting
from followup.core.dates import MONTH_NAMES as _MONTHS
from followup.core.dates import say_since
from followup.core.dates import say_written as say_date
from followup.core.errors import NotFoundError, UsageError
from followup.core.lint import KINDS, Finding, context_from_case, lint, promised_date
from followup.core.model import Case, Person

if TYPE_CHECKING:
    from collections.abc import Iterator

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

    return Environment(loader=PackageLoader("followup.core.compose", "templates"),
                       autoescape=False,
                       keep_trailing_newline=True, undefined=StrictUndefined)


HONORIFICS = frozenset({"dr", "dr.", "prof", "prof.", "professor", "mr", "mr.", "ms", "ms.",
                        "mrs", "mrs.", "mx", "mx.", "sir", "dame"})


def salutation(person: Person, warm: bool) -> str:
    """The name a greeting uses, exactly as recorded: the first name in a warm note, the
    full name in a brief one; with a title ("Dr. Amara Okafor") the title and surname."""
    parts = person.name.split()
    if len(parts) > 1 and parts[0].lower() in HONORIFICS:
        surname = parts[2:] if len(parts) > 2 else parts[1:]
        return f"{parts[0]} {' '.join(surname)}"
    return parts[0] if warm and parts else person.name


def _signature(case: Case) -> str:
    c = case.candidate
    return "\n".join(x for x in (c.name, c.phone, c.email) if x)


# Doubled punctuation a name can bring ("at Initech Inc." + "."): mended after rendering.
_MENDS = (
    (re.compile(r"\.\.(?!\.)"), "."),  # "Inc.." -> "Inc."
    (re.compile(r"([!?])\."), r"\1"),  # a value ending in "!" or "?" then "."
    (re.compile(r"\.([!?])"), r"\1"),
    (re.compile(r",\s*,"), ","),
    (re.compile(r"[ \t]+([.,;:!?])"), r"\1"),  # no space before punctuation
    (re.compile(r"([.,;:]) {2,}"), r"\1 "),
)


def _tidy(text: str) -> str:
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    for pattern, repl in _MENDS:
        text = pattern.sub(repl, text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    return text + "\n"


_FORMATS = {"phone": "phone interview", "video": "video interview", "onsite": "visit",
            "on-site": "visit", "in person": "visit", "panel": "panel interview"}


def _format(value: str | None) -> str:
    """"the video interview", "the visit": what the meeting was, for a note without topics."""
    if not value or not value.strip():
        return "interview"
    v = value.strip().lower()
    return _FORMATS.get(v, v if "interview" in v else f"{v} interview")


def _ensure_signer(case: Case) -> None:
    """A draft is always signed: without the candidate's name there is no draft."""
    if not (case.candidate.name and case.candidate.name.strip()):
        raise UsageError('no name to sign the draft with: set yours with '
                         '`followup profile --name "Your Name"` (in a case file: '
                         'candidate.name)')


def variables(case: Case, kind: str, person: Person, today: date) -> dict[str, Any]:
    """What the templates see. The interviewer's index picks the wording of each paragraph
    (`va` opening, `vb` middle, `vc` closing), so up to six notes for one interview differ."""
    iv = case.interview_for(person.id, today)
    index = iv.interviewers.index(person.id) if iv and person.id in iv.interviewers else 0
    topics = list(iv.topics) if iv else []
    topic = topics[index % len(topics)] if topics else None
    topic2 = topics[(index + 1) % len(topics)] if len(topics) > 1 else None
    opp = case.opportunity
    values = fitting(case.candidate.values, opp.field, opp.role, topics)
    promised = promised_date(case, today)
    value = values[index % len(values)].strip() if values else None
    if value and value[-1] not in ".!?":
        value += "."
    warm = tone_for(opp.field) == "warm"
    shift = index // VARIANTS
    return {
        "v": index % VARIANTS, "va": index % VARIANTS,
        "vb": (index + shift) % VARIANTS, "vc": (index + 2 * shift) % VARIANTS,
        "name": person.name, "greet": salutation(person, warm),
        "first": salutation(person, True),
        "title": person.title, "role": opp.role,
        "company": opp.company, "topic": topic, "topic2": topic2,
        "value": value,
        "promised": say_date(promised) if promised else None,
        "when": say_since(iv.at.date() if iv else None, today),
        "fmt": _format(iv.format if iv else None),
        "next_step": iv.next_steps[0] if iv and iv.next_steps else None,
        "dated": f"{today.day} {_MONTHS[today.month - 1]} {today.year}",
        "candidate_name": case.candidate.name or "",
        "phone": case.candidate.phone,
        "closing": "Best," if warm else "Best regards,",
        "signature": _signature(case),
    }


def _clean(findings: list[Finding]) -> bool:
    return not any(f.severity in ("warning", "error") for f in findings)


def draft(case: Case, kind: str, to_person_id: str | None, today: date,
          action: ActionLike | None = None) -> Draft:
    """A draft of `kind` for one person of the case, as of `today`.

    With `action` (a planned step), its kind and recipient win over the arguments. The
    interviewer's own wording is tried first, then the other wordings, each with and without
    the value line, until one lints without a warning (the rulebook's thresholds, such as
    the you/I ratio, then hold whatever the names and topics are).
    """
    if action is not None:
        kind = action.kind
        to_person_id = action.to or to_person_id
    person = _recipient(case, kind, to_person_id)
    ctx = context_from_case(case, kind, person.id)
    first: Draft | None = None
    for made in _wordings(case, kind, person, today):  # rendered lazily
        first = first or made
        if _clean(lint(made.text(), ctx)):
            return made
    assert first is not None
    return first


def wordings(case: Case, kind: str, to_person_id: str, today: date) -> list[Draft]:
    """Every wording `draft` may choose from, in the order it tries them (the stance model's
    training reads them as innocent sentences: the linter must never call our own drafts
    hostile; tests/core/lint/stance_data.py)."""
    return list(_wordings(case, kind, _recipient(case, kind, to_person_id), today))


def _recipient(case: Case, kind: str, to_person_id: str | None) -> Person:
    """The person a note of `kind` goes to, or a usage error naming what is wrong."""
    if kind not in KINDS:
        raise UsageError(f"no draft for kind {kind!r} (kinds: {', '.join(KINDS)})")
    person = case.person(to_person_id)
    if person is None:
        known = ", ".join(p.id for p in case.people) or "none"
        raise NotFoundError(f"unknown person {to_person_id!r} (people: {known})")
    return person


def _wordings(case: Case, kind: str, person: Person, today: date) -> Iterator[Draft]:
    """The interviewer's own wording first, then the others, each with and without the
    value line."""
    _ensure_signer(case)
    values = variables(case, kind, person, today)
    template = _env().get_template(f"{kind}.{tone_for(case.opportunity.field)}.j2")
    subject = kinds.subject(kind, case.opportunity.role, case.opportunity.company)
    for turn in range(VARIANTS):
        for compact in (False, True):
            if compact and not values["value"]:
                continue
            step = {k: (values[k] + turn) % VARIANTS for k in ("va", "vb", "vc")}
            body = _tidy(template.render(**{**values, **step, "v": step["va"]},
                                         compact=compact))
            yield Draft(subject, body, kind, person.id)
