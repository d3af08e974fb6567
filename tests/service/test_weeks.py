"""The calendar page's use case: the weeks ahead, day by day (service.weeks_ahead)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from followup import service
from followup.demo import demo_cases
from tests.web_helpers import TODAY


def test_every_day_is_there_with_overdue_steps_on_today(tmp_path: Path) -> None:
    store = service.open_store(str(tmp_path / "w.db"))
    service.import_cases(store, demo_cases(TODAY))
    days = service.weeks_ahead(store, TODAY, weeks=2)
    assert [d.day for d in days] == [TODAY + timedelta(days=n) for n in range(14)]
    overdue = [a for _, a in days[0].actions if a.state.value == "overdue"]
    assert overdue, "an overdue step is listed on today, when to do it"
    for d in days[1:]:
        assert all(a.due == d.day for _, a in d.actions)  # a step on the day it is due
    scheduled = [(d.day, iv.at) for d in days for _, iv in d.interviews]
    assert scheduled and all(at.date() == day for day, at in scheduled)
    store.close()
