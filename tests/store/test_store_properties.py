"""Generated cases survive the store: save, load, export, import give the same case."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings

from followup.core import caseio
from followup.core.model import Case
from followup.store import Store
from tests.core.test_caseio import cases


@given(case=cases())
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_store_round_trip_is_lossless(tmp_path: Path, case: Case) -> None:
    store = Store.open(str(tmp_path / "props.db"))
    try:
        store.save_case(case, replace_existing=True)
        store.save_candidate(case.candidate)
        loaded = store.load_case(case.opportunity.id)
        assert loaded == case
        # and through a case file, as `followup export` then `followup import` do
        store.save_case(caseio.loads(caseio.dumps(loaded)), replace_existing=True)
        assert store.load_case(case.opportunity.id) == case
    finally:
        store.delete(case.opportunity.id)
        store.close()
