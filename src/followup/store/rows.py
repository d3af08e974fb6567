"""The rows a case becomes: one builder per table, shared by every write path.

`save_case` (one case, one INSERT per row), `save_cases` (bulk, one multi-row INSERT per
table) and `add_touch` all build their rows here, so a new column is added once, and free
text is stored one way whatever door it came by (line ends as LF).
`person_ids` maps a Person id (slug) to its row key in the same opportunity.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from followup.core.limits import line_ends
from followup.core.model import Interview, Opportunity, Person, Touch


def _free(text: str | None) -> str | None:
    """Free text as stored: line ends made LF (a bare CR from a form or a mail too)."""
    return None if text is None else line_ends(text)


def opportunity_row(account: int, op: Opportunity, created: datetime) -> dict[str, Any]:
    return {
        "account_id": account, "slug": op.id, "company": op.company, "role": op.role,
        "field": op.field, "persistence": op.persistence.value if op.persistence else None,
        "status": op.status.value, "listing": _free(op.listing), "applied_on": op.applied_on,
        "send_letter": op.send_letter, "created_at": created,
    }


def person_row(opp_id: int, person: Person, position: int) -> dict[str, Any]:
    return {
        "opportunity_id": opp_id, "slug": person.id, "position": position, "name": person.name,
        "title": person.title, "email": person.email, "phone": person.phone,
        "contact": person.contact,
    }


def interview_row(opp_id: int, iv: Interview, position: int,
                  person_ids: Mapping[str, int]) -> dict[str, Any]:
    pr = iv.promised
    return {
        "opportunity_id": opp_id, "slug": iv.id, "position": position, "at": iv.at,
        "round": iv.round, "format": iv.format, "topics": list(iv.topics),
        "next_steps": list(iv.next_steps),
        "promised_by": pr.by if pr else None,
        "promised_channel": pr.channel.value if pr and pr.channel else None,
        "promised_who": person_ids[pr.who] if pr and pr.who else None,
        "promised_said": _free(pr.said) if pr else None,
        "invite_uid": iv.invite_uid,
    }


def interviewer_rows(interview_id: int, iv: Interview,
                     person_ids: Mapping[str, int]) -> list[dict[str, Any]]:
    return [{"interview_id": interview_id, "position": n, "person_id": person_ids[who]}
            for n, who in enumerate(iv.interviewers)]


def touch_row(opp_id: int, touch: Touch, person_ids: Mapping[str, int]) -> dict[str, Any]:
    return {
        "opportunity_id": opp_id, "at": touch.at, "direction": touch.direction.value,
        "channel": touch.channel.value, "kind": touch.kind.value,
        "person_id": person_ids[touch.person] if touch.person else None,
        "new_by": touch.new_by, "note": _free(touch.note), "message_id": touch.message_id,
    }
