"""Where the agenda lists a planned step: overdue, due now, coming up.

Pure: a step and the day in, the section's name out. One home for `followup today`, the
web's Today page and the agenda lines kept with each stored plan (issue 24).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from followup.core.kinds import kind as kind_of

if TYPE_CHECKING:
    from followup.core.planner import Action

__all__ = ["AGENDA_SECTIONS", "agenda_section"]


AGENDA_SECTIONS = (("overdue", "Overdue"), ("due", "Due now"), ("upcoming", "Coming up"))


def agenda_section(action: Action, today: date) -> str:
    """Where the agenda lists an action, the same on both faces: `overdue` past its last
    day, `due` (due now) once its due day has come, else `upcoming`; an action that may be
    done early but is due tomorrow is coming up, not due now. A thank-you note is due now
    from the interview's day on (RULEBOOK "Order of operations": after a Friday interview
    it is due that Friday, not listed under "Coming up ... Mon")."""
    from followup.core.planner import State

    if action.state is State.OVERDUE:
        return "overdue"
    if action.state is State.DUE and (action.due <= today
                                      or kind_of(action.kind.value).due_from_start):
        return "due"
    return "upcoming"
