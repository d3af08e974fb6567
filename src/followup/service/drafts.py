"""The composer's words for a planned action: which kind of message it is, and its draft.

Below both `planning` (the calendar's subject lines) and `messages` (compose, send), so
neither imports the other to reach them."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from followup.core import kinds
from followup.core.errors import UsageError
from followup.core.kinds import EMAIL_KINDS
from followup.core.model import Case, Channel

if TYPE_CHECKING:
    from followup.core.planner import Action

__all__ = ["draft_for_action", "message_kind"]


def message_kind(action_kind: str, channel: str | None = None) -> str:
    """The linter's and composer's kind for a planned action (a phone check-in is a
    voicemail script)."""
    written = kinds.message_kind(action_kind, channel) if action_kind in kinds.KINDS else None
    if written is None:
        writable = sorted(k.name for k in kinds.KINDS.values() if k.writes)
        raise UsageError(f"kind: nothing to write for {action_kind!r} "
                         f"(kinds: {', '.join(writable)})")
    return written


def draft_for_action(case: Case, action: Action, today: date) -> tuple[str, str] | None:
    """(subject, body) of the composer's draft for an email action; None for other kinds."""
    if action.to is None or action.channel is not Channel.EMAIL \
            or action.kind.value not in EMAIL_KINDS:
        return None
    from followup.core.compose import draft

    made = draft(case, action.kind.value, action.to, today, action=action)
    assert made.subject is not None  # the email kinds' templates all have a subject
    return made.subject, made.body
