"""The morning digest (`followup worker`): what a student's day holds, as an email's text.

Pure: the nightly plan hands over the day's due steps (`DueStep`), this writes the subject
and the body. Only what is due that day is in it (the agenda's "Due now" section): no
overdue backlog, no coming-up list, nothing about anyone else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from followup.core import kinds
from followup.core.limits import clean_line

# What one digest holds at most (the mail stays readable and bounded whatever the records
# hold): each name, company, role or person cut to a line of FIELD characters, each step one
# line, at most STEPS steps (then "and N more"); the whole body is then at most about
# STEPS * (5 * FIELD + 60) characters, some 66 KB.
FIELD = 120
STEPS = 100


@dataclass(frozen=True, slots=True)
class DueStep:
    """One step of the day: which opportunity, what to do, for whom, by when, and why."""

    opportunity: str
    company: str
    role: str
    kind: str
    to: str | None
    due: date
    rules: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"opportunity": self.opportunity, "company": self.company, "role": self.role,
                "kind": self.kind, "to": self.to, "due": self.due.isoformat(),
                "rules": list(self.rules)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DueStep:
        return cls(str(d["opportunity"]), str(d["company"]), str(d["role"]), str(d["kind"]),
                   None if d.get("to") is None else str(d["to"]), date.fromisoformat(d["due"]),
                   tuple(str(r) for r in d.get("rules", ())))


def _day(d: date) -> str:
    return f"{d:%a} {d.day} {d:%b}"


def _field(value: str | None, default: str = "") -> str:
    """A value from the student's records as one line of a mail: no line break, control,
    bidi override or zero-width character (a company "Acme\r\nBcc: ..." or "Acme\u202e"
    is shown as plain text on its own line), spaces collapsed, cut at FIELD characters."""
    return clean_line(value or "", FIELD) or default


def _label(kind: str) -> str:
    # A kind this version does not know is shown from its name (kinds.kind), cleaned too.
    return _field(kinds.label(kind), "step")


def digest_text(name: str, day: date, steps: list[DueStep]) -> tuple[str, str]:
    """(subject, body) of the digest of `day`; `steps` are the steps due that day.

    The subject holds no record text at all; the body is one line per step (at most STEPS),
    every record value cleaned to one line (`_field`)."""
    n = len(steps)
    subject = f"followup: {n} step{'s' if n != 1 else ''} due today, {_day(day)}"
    lines = [f"Good morning {_field(name, 'there')},", "",
             f"Due today ({_day(day)}):" if steps else "Nothing is due today.", ""]
    ordered = sorted(steps, key=lambda s: (s.due, s.company.lower(), s.opportunity))
    for s in ordered[:STEPS]:
        who = f" to {_field(s.to)}" if _field(s.to) else ""
        rules = _field(", ".join(s.rules[:20]))
        lines.append(f"- {_field(s.company, '?')}, {_field(s.role, '?')}: {_label(s.kind)}{who} "
                     f"[{rules}]")
    if n > STEPS:
        lines.append(f"- and {n - STEPS} more: followup today shows them all")
    lines += ["", "You get this because you asked for the morning digest; turn it off with",
              "PUT /api/v1/digest {\"on\": false}."]
    return subject, "\n".join(lines).rstrip() + "\n"
