"""The follow-up linter: `lint(text, context) -> findings` (RULEBOOK.md section 2).

Pure: no I/O but reading the package's own data (phrases.toml, words.txt) at import. One
module per rule family; the rule table (ids, severities, messages) lives in `rules`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from followup.core.errors import NotFoundError
from followup.core.lint import content, length, names, tone
from followup.core.lint.base import Collector, Finding, LintContext
from followup.core.lint.parse import Parsed, parse
from followup.core.lint.rules import KINDS, RULES, SEVERITY_ORDER
from followup.core.lint.similarity import THRESHOLD, similarity
from followup.core.model import Case

__all__ = ["KINDS", "RULES", "Finding", "LintContext", "Report", "context_from_case", "lint",
           "lint_many", "lint_reports"]


@dataclass(frozen=True, slots=True)
class Report:
    """One note's result: its body word count and its findings in reading order."""

    words: int
    findings: tuple[Finding, ...]

    @property
    def has_error(self) -> bool:
        return any(f.severity == "error" for f in self.findings)


def _sort(findings: list[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(findings, key=lambda f: (f.line, f.column,
                                                 SEVERITY_ORDER[f.severity], f.rule)))


def _check(parsed: Parsed, context: LintContext) -> Collector:
    out = Collector(parsed, context)
    length.check(out)
    tone.check(out)
    names.check(out)
    content.check(out)
    return out


def lint(text: str, context: LintContext | None = None) -> list[Finding]:
    """Check one note; findings sorted by position, then severity."""
    ctx = context or LintContext()
    return list(_sort(_check(parse(text), ctx).findings))


def lint_reports(texts: Sequence[str], context: LintContext | None = None,
                 labels: Sequence[str] | None = None) -> list[Report]:
    """Check several notes for the same interview, personal.copy-paste included."""
    ctx = context or LintContext()
    parsed = [parse(t) for t in texts]
    outs = [_check(p, ctx) for p in parsed]
    names_ = list(labels) if labels is not None else [f"note {i + 1}" for i in range(len(texts))]
    words = [p.body_words for p in parsed]
    # personal.copy-paste: every pair of bodies at or above the documented threshold
    for i in range(len(parsed)):
        for j in range(i + 1, len(parsed)):
            score = similarity(words[i], words[j])
            if score >= THRESHOLD:
                outs[i].add("personal.copy-paste", other=names_[j], score=score)
                outs[j].add("personal.copy-paste", other=names_[i], score=score)
    return [Report(len(p.body_words), _sort(o.findings)) for p, o in zip(parsed, outs, strict=True)]


def lint_many(texts: Sequence[str], context: LintContext | None = None,
              labels: Sequence[str] | None = None) -> list[list[Finding]]:
    return [list(r.findings) for r in lint_reports(texts, context, labels)]


def promised_date(case: Case, today: date | None = None) -> date | None:
    """The standing promised date (`Case.standing_promise`). With `today`, only what was
    known by then counts (a draft dated 2 March can't cite a new date given on 12 March)."""
    promise = case.standing_promise(today)
    return promise.by if promise is not None else None


def context_from_case(case: Case, kind: str = "thank_you", to: str | None = None,
                      disabled: frozenset[str] = frozenset()) -> LintContext:
    """Names, topics, listing and promised date of a case, for a note to person `to`."""
    recipient = None
    if to is not None:
        recipient = case.person(to)
        if recipient is None:
            known = ", ".join(p.id for p in case.people) or "none"
            raise NotFoundError(f"unknown person {to!r} (people: {known})")
    iv = case.interview_for(to)
    topics = iv.topics if iv is not None else ()
    return LintContext(
        kind=kind, recipient=recipient, people=tuple(p.name for p in case.people),
        company=case.opportunity.company, role=case.opportunity.role,
        candidate=case.candidate.name, topics=tuple(topics), listing=case.opportunity.listing,
        promised=promised_date(case), disabled=disabled,
        titles=tuple(p.title for p in case.people if p.title))
