"""The board's moves and the planner agree (issue 23): the stage is the planner's, the
status is the user's, one idea. For any case and day, a card given the status a column
stands for (core.planner.STAGE_STATUS, and each closing status the Closed drop asks for) lands
in that column when the status decides the stage (dormant, closed); `active` hands it back
to the planner, which gives every active column the same answer, so a drop among them can't
move it (the page says why instead)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from followup.core.model import Case, Status
from followup.core.planner import Stage, plan
from followup.web.views import STAGE_DROPS, STATUS_MOVES
from tests.core.test_planner_properties import cases, todays

CLOSING = [Status(v) for v, _ in STATUS_MOVES if Status(v).is_closed
           and Status(v) is not Status.DORMANT]


def _with(case: Case, status: Status) -> Case:
    return replace(case, opportunity=replace(case.opportunity, status=status))


@settings(max_examples=200, deadline=None)
@given(cases(), todays, st.sampled_from(sorted(STAGE_DROPS)), st.sampled_from(CLOSING))
def test_a_drop_lands_where_the_status_decides(case: Case, today: date, column: str,
                                               closing: Status) -> None:
    status = Status(STAGE_DROPS[column]) if STAGE_DROPS[column] else closing
    moved = plan(_with(case, status), today)
    if status is Status.ACTIVE:
        # the planner's answer, whichever active column took the drop
        assert {plan(_with(case, Status(STAGE_DROPS[c])), today).stage
                for c in STAGE_DROPS if STAGE_DROPS[c] == "active"} == {moved.stage}
    else:
        assert moved.stage.value == column
        assert moved.actions == ()  # a closed or dormant card plans nothing


def test_the_closed_column_asks_and_the_menu_offers_every_status() -> None:
    assert set(STAGE_DROPS) == {s.value for s in Stage}  # every column takes a drop
    assert STAGE_DROPS[Stage.CLOSED.value] == ""  # five ways to close: the menu asks
    assert {v for v, _ in STATUS_MOVES} == {s.value for s in Status}
