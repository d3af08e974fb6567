"""What a change did, in the user's words: the line the change log, the web's toast and
`followup undo` show ("Logged a thank-you note by email to Dana Whitfield at Acme").

Pure: two versions of a case in, one sentence out. The store calls it on every write, so
every kind of edit gets a description without each caller writing one.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from followup.core import kinds
from followup.core.dates import say
from followup.core.model import Case, Direction, Interview, Touch


def _where(case: Case) -> str:
    return case.opportunity.company


def _person(case: Case, pid: str | None) -> str:
    found = case.person(pid) if pid else None
    return found.name if found else ""


def touch_words(case: Case, t: Touch) -> str:
    return touch_phrase(t, _person(case, t.person))


def touch_phrase(t: Touch, who: str) -> str:
    """`a thank-you note by email to Dana Whitfield` (`who`: the person's name or "")."""
    kind = kinds.kind(t.kind.value).words
    by = kinds.channel(t.channel.value).by
    if t.direction is Direction.IN:
        return f"a {kind} by {by}" + (f" from {who}" if who else "")
    return f"a {kind} by {by}" + (f" to {who}" if who else "")


def logged_words(touches: list[tuple[Touch, str]], company: str) -> str:
    """`Logged a check-in by email to Dana at Acme` (one touch) or `Logged 5 touches at Acme`."""
    if len(touches) == 1:
        t, who = touches[0]
        return f"Logged {touch_phrase(t, who)} at {company}"
    return f"Logged {len(touches)} touches at {company}"


def _interview_words(iv: Interview) -> str:
    return f"the interview {iv.id} ({iv.at:%d %b %H:%M})"


def describe(before: Case | None, after: Case | None) -> str:
    """One sentence for the change from `before` to `after` (None: absent)."""
    if before is None and after is None:
        return "Nothing changed"
    if before is None:
        assert after is not None
        o = after.opportunity
        return f"Added {o.company} ({o.role})"
    if after is None:
        o = before.opportunity
        return f"Deleted {o.company} ({o.role})"
    at = _where(after)
    parts: list[str] = []
    old_touches, new_touches = list(before.touches), list(after.touches)
    added_t = [t for t in new_touches if t not in old_touches]
    removed_t = [t for t in old_touches if t not in new_touches]
    parts += [f"logged {touch_words(after, t)}" for t in added_t]
    parts += [f"removed {touch_words(before, t)}" for t in removed_t]
    old_iv = {i.id: i for i in before.interviews}
    new_iv = {i.id: i for i in after.interviews}
    parts += [f"added {_interview_words(new_iv[k])}" for k in new_iv if k not in old_iv]
    parts += [f"removed {_interview_words(old_iv[k])}" for k in old_iv if k not in new_iv]
    for k in new_iv:
        if k in old_iv and new_iv[k] != old_iv[k]:
            was, now = old_iv[k], new_iv[k]
            if was.promised != now.promised and (was.at, was.interviewers, was.topics) == (
                    now.at, now.interviewers, now.topics):
                parts.append(f"changed the promised date of {k}" + (
                    f" to {say(now.promised.by)}" if now.promised else " (cleared)"))
            else:
                parts.append(f"changed {_interview_words(now)}")
    old_p = {p.id: p for p in before.people}
    new_p = {p.id: p for p in after.people}
    if not any(p.startswith("added the interview") for p in parts):
        parts += [f"added {new_p[k].name}" for k in new_p if k not in old_p]
    parts += [f"removed {old_p[k].name}" for k in old_p if k not in new_p]
    parts += [f"changed {new_p[k].name}'s details" for k in new_p
              if k in old_p and new_p[k] != old_p[k]]
    a, b = before.opportunity, after.opportunity
    if a.status != b.status:
        parts.append(f"set the status to {b.status.value}")
    if replace(a, id=b.id, status=b.status) != b:  # any other field: a new one too
        parts.append("changed the details")
    if not parts:
        return f"Saved {at} unchanged"
    text = "; ".join(parts)
    return f"{text[0].upper()}{text[1:]} at {at}"


def snooze_words(case: Case, kind: str, person: str | None, until: date) -> str:
    who = _person(case, person)
    what = kinds.kind(kind).words
    return (f"Snoozed the {what}" + (f" to {who}" if who else "")
            + f" at {_where(case)} until {say(until)}")
