"""The board's Move checks the case's generation (service.set_status `seen`): for any
case, the generation of the case as the board reads it (`Store.load_cases`, the snapshot's
read) is the one the write's check computes in its transaction, so a move from a current
page is always taken; after any other write to the case, the same move is refused with
nothing written. `seen=None` (the CLI) never checks. Real SQLite files."""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup import service
from followup.core.caseio import to_dict
from followup.core.errors import ConflictError
from followup.core.model import Case, Channel, Status, TouchKind
from followup.service import open_store
from tests.conftest import sqlite_only
from tests.core.test_planner_properties import cases

pytestmark = [sqlite_only]
MOVES = st.sampled_from(list(Status))


@settings(max_examples=40, deadline=None)
@given(cases(), MOVES, MOVES)
def test_a_current_generation_is_taken_and_a_stale_one_writes_nothing(
        case: Case, first: Status, second: Status) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(str(Path(folder) / "g.db"))
        try:
            service.import_cases(store, [case])
            ref = case.opportunity.id
            shown = service.generation(store.load_cases()[0])  # the board's read
            assert service.set_status(store, ref, first, shown) == ref
            assert store.load_case(ref).opportunity.status is first
            # the page shown before that move is stale now, unless the move changed nothing
            before = to_dict(store.load_case(ref))
            last = service.last_change(store)
            if first is case.opportunity.status:
                service.set_status(store, ref, second, shown)
            else:
                with pytest.raises(ConflictError, match="changed since this page was loaded"):
                    service.set_status(store, ref, second, shown)
                assert to_dict(store.load_case(ref)) == before
                assert service.last_change(store) == last  # not even a log entry
            service.set_status(store, ref, second)  # the CLI: no generation, no check
            assert store.load_case(ref).opportunity.status is second
        finally:
            store.close()


def test_a_touch_logged_meanwhile_makes_the_page_stale(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "t.db"))
    try:
        case = service.add_opportunity(store, company="Acme", role="Analyst")
        ref = case.opportunity.id
        shown = service.generation(store.load_cases()[0])
        service.log_touch(store, ref, kind=TouchKind.CHECK_IN, channel=Channel.EMAIL,
                          at=datetime(2026, 3, 2, 9, 0))
        with pytest.raises(ConflictError) as refused:
            service.set_status(store, ref, Status.WITHDRAWN, shown)
        assert str(refused.value) == ("Acme changed since this page was loaded: "
                                      "reload to see the change")
        assert store.load_case(ref).opportunity.status is Status.ACTIVE
        assert len(store.load_case(ref).touches) == 1  # the touch logged is kept
    finally:
        store.close()
