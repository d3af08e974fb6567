"""The types every rule module shares: the finding, the context, and the collector.

Kept apart from `__init__` so rule modules can import them without an import cycle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from followup.core.kinds import kind
from followup.core.lint.parse import Parsed
from followup.core.lint.rules import RULES, applies
from followup.core.model import Person


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one note; `line`/`column` are 1-based (CONTRACT.md lint output)."""

    rule: str
    severity: str
    line: int
    column: int
    excerpt: str
    message: str
    suggestion: str

    def as_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "severity": self.severity, "line": self.line,
                "column": self.column, "excerpt": self.excerpt, "message": self.message,
                "suggestion": self.suggestion}


@dataclass(frozen=True, slots=True)
class LintContext:
    """What the linter knows besides the text; every field may be missing (rule skipped)."""

    kind: str = "thank_you"
    recipient: Person | None = None
    people: tuple[str, ...] = ()  # full names of every recorded person
    company: str | None = None
    role: str | None = None
    candidate: str | None = None  # the candidate's own name
    topics: tuple[str, ...] = ()
    listing: str | None = None
    promised: date | None = None
    disabled: frozenset[str] = field(default_factory=frozenset)
    titles: tuple[str, ...] = ()  # recorded people's titles: never name-drops


class _Safe(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _target(ctx: LintContext) -> str:
    if ctx.role and ctx.company:
        return f"the {ctx.role} role at {ctx.company}"
    return f"the {ctx.role} role" if ctx.role else "this role"


class Collector:
    """Gathers findings for one note; `wants` gates a rule by kind and suppressions."""

    def __init__(self, parsed: Parsed, ctx: LintContext) -> None:
        self.parsed = parsed
        self.ctx = ctx
        self.findings: list[Finding] = []
        self._off = ctx.disabled | parsed.disabled

    def wants(self, rule_id: str) -> bool:
        return rule_id not in self._off and applies(rule_id, self.ctx.kind)

    def add(self, rule_id: str, start: int | None = None, end: int | None = None,
            **fields: Any) -> None:
        if not self.wants(rule_id):
            return
        rule = RULES[rule_id]
        if start is None:
            line, column, excerpt = 1, 1, ""
        else:
            line, column = self.parsed.position(start)
            excerpt = self.parsed.excerpt(start, end if end is not None else start)
        values = _Safe(excerpt=excerpt, kind_name=kind(self.ctx.kind).note,
                       target=_target(self.ctx),
                       **fields)
        self.findings.append(Finding(rule_id, rule.severity_for(self.ctx.kind), line, column,
                                     excerpt,
                                     rule.message.format_map(values),
                                     rule.suggestion.format_map(values)))
