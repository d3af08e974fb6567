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


def digest_text(name: str, day: date, steps: list[DueStep]) -> tuple[str, str]:
    """(subject, body) of the digest of `day`; `steps` are the steps due that day."""
    n = len(steps)
    subject = f"followup: {n} step{'s' if n != 1 else ''} due today, {_day(day)}"
    lines = [f"Good morning {name.strip() or 'there'},", "",
             f"Due today ({_day(day)}):" if steps else "Nothing is due today.", ""]
    for s in sorted(steps, key=lambda s: (s.due, s.company.lower(), s.opportunity)):
        who = f" to {s.to}" if s.to else ""
        lines.append(f"- {s.company}, {s.role}: {kinds.label(s.kind)}{who} "
                     f"[{', '.join(s.rules)}]")
    lines += ["", "You get this because you asked for the morning digest; turn it off with",
              "PUT /api/v1/digest {\"on\": false}."]
    return subject, "\n".join(lines).rstrip() + "\n"
