"""What `followup doctor --fix` does to a record outside `followup.core.limits` (issue 12).

Pure: a case in, the repaired case and one line per change out; the service writes it.
Each kind of fault has one repair, chosen to lose as little as can be kept:
- an id that is not a slug: made one (bad characters become "-", "../x" becomes "x"),
  unique in its case (or account); references to a person follow it;
- an optional date out of range (applied on, new date in a reply): cleared;
- a required date out of range: the record it dates goes (a touch, an interview, a
  promise), since no date can be guessed for it;
- text with a control character: each becomes a space; a lone surrogate becomes U+FFFD;
  text over its length limit is cut there;
- a round outside 1 to 999: cleared; lists over their limit: cut to it;
- a profile country with no holiday calendar, or an unknown time zone: cleared.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Any

from followup.core import limits
from followup.core.model import Candidate, Case, Interview, Person, Promise, Touch

_NOT_SLUG = re.compile(r"[^A-Za-z0-9_.-]+")
_SURROGATES = re.compile(r"[\ud800-\udfff]")


def slug(value: str, taken: set[str], fallback: str) -> str:
    """`value` made a valid id not in `taken` (which it joins)."""
    base = _NOT_SLUG.sub("-", value)
    base = re.sub(r"\.{2,}", ".", base).strip(".-")[:limits.MAX_ID - 4] or fallback
    out, n = base, 2
    while out in taken or limits.id_problem(out):
        out, n = f"{base}-{n}", n + 1
    taken.add(out)
    return out


def text(value: str, *, line: bool) -> str:
    value = _SURROGATES.sub("\ufffd", value)
    pattern = limits._CONTROL_LINE if line else limits._CONTROL
    value = pattern.sub(" ", value)
    return value[:limits.MAX_LINE if line else limits.MAX_TEXT]


def _opt_text(value: str | None, *, line: bool) -> str | None:
    return None if value is None else text(value, line=line)


def _day_ok(value: date | None, latest: date) -> bool:
    return value is None or limits.day_problem(value, latest) is None


def candidate(c: Candidate) -> tuple[Candidate, list[str]]:
    notes: list[str] = []
    new = replace(c, name=_opt_text(c.name, line=True), email=_opt_text(c.email, line=True),
                  phone=_opt_text(c.phone, line=True),
                  values=tuple(text(v, line=False) for v in c.values[:limits.MAX_ITEMS]))
    if new != c:
        notes.append("profile: text cleaned (control characters, length)")
    if c.country and limits.country_problem(c.country):
        new = replace(new, country=None)
        notes.append(f"profile: country {c.country[:20]!r} cleared (no holiday calendar)")
    if c.timezone and limits.zone_problem(c.timezone):
        new = replace(new, timezone=None)
        notes.append(f"profile: time zone {c.timezone[:40]!r} cleared (unknown)")
    return new, notes


def case(old: Case, latest: date, taken: set[str]) -> tuple[Case, list[str]]:
    """`old` within the limits, and what changed; `taken`: the account's other ids."""
    notes: list[str] = []
    o = old.opportunity
    opp_id = o.id
    if limits.id_problem(o.id):
        opp_id = slug(o.id, taken, "opportunity")
        notes.append(f"id {o.id[:40]!r} is now {opp_id!r}")
    else:
        taken.add(o.id)
    opportunity = replace(
        o, id=opp_id, company=text(o.company, line=True), role=text(o.role, line=True),
        field=_opt_text(o.field, line=True), listing=_opt_text(o.listing, line=False),
        applied_on=o.applied_on if _day_ok(o.applied_on, latest) else None)
    if o.applied_on != opportunity.applied_on:
        notes.append(f"applied on {o.applied_on} cleared")
    person_ids: dict[str, str] = {}
    people_taken: set[str] = set()
    people: list[Person] = []
    for p in old.people[:limits.MAX_PEOPLE]:
        new_id = p.id if not limits.id_problem(p.id) and p.id not in people_taken \
            else slug(p.id, people_taken, "person")
        people_taken.add(new_id)
        if new_id != p.id:
            notes.append(f"person id {p.id[:40]!r} is now {new_id!r}")
        person_ids[p.id] = new_id
        people.append(replace(p, id=new_id, name=text(p.name, line=True) or new_id,
                              title=_opt_text(p.title, line=True),
                              email=_opt_text(p.email, line=True),
                              phone=_opt_text(p.phone, line=True)))

    def who(ref: str | None) -> str | None:
        return None if ref is None else person_ids.get(ref)

    interviews: list[Interview] = []
    iv_taken: set[str] = set()
    for iv in old.interviews[:limits.MAX_INTERVIEWS]:
        if limits.moment_problem(iv.at, latest):
            notes.append(f"interview {iv.id[:40]!r} at {iv.at:%Y-%m-%d} removed")
            continue
        new_id = iv.id if not limits.id_problem(iv.id) and iv.id not in iv_taken \
            else slug(iv.id, iv_taken, "interview")
        iv_taken.add(new_id)
        promise: Promise | None = iv.promised
        if promise is not None and not _day_ok(promise.by, latest):
            notes.append(f"interview {new_id!r}: promise by {promise.by} removed")
            promise = None
        elif promise is not None:
            promise = replace(promise, who=who(promise.who),
                              said=_opt_text(promise.said, line=False))
        rnd = iv.round if iv.round is None or not limits.round_problem(iv.round) else None
        interviews.append(replace(
            iv, id=new_id, round=rnd, format=_opt_text(iv.format, line=True),
            interviewers=tuple(x for x in (who(i) for i in iv.interviewers[:limits.MAX_ITEMS])
                               if x is not None),
            topics=tuple(text(t, line=True) for t in iv.topics[:limits.MAX_ITEMS]),
            next_steps=tuple(text(t, line=True) for t in iv.next_steps[:limits.MAX_ITEMS]),
            promised=promise, invite_uid=_opt_text(iv.invite_uid, line=True)))
    touches: list[Touch] = []
    for n, t in enumerate(old.touches[-limits.MAX_TOUCHES:]):
        if limits.moment_problem(t.at, latest):
            notes.append(f"touch {n} at {t.at:%Y-%m-%d} removed")
            continue
        new_by = t.new_by if _day_ok(t.new_by, latest) else None
        if new_by != t.new_by:
            notes.append(f"touch {n}: new date {t.new_by} cleared")
        touches.append(replace(t, person=who(t.person), new_by=new_by,
                               note=_opt_text(t.note, line=False)))
    new = replace(old, opportunity=opportunity, people=tuple(people),
                  interviews=tuple(interviews), touches=tuple(touches))
    if new != old and not notes:
        notes.append("text cleaned (control characters, length)")
    return new, notes


def describe(problems: Any) -> list[str]:
    return [f"{path}: {problem}" for path, problem in problems]
