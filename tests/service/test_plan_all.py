"""`plan_all`: every plan of an account, the same on one process or several."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from followup.core import caseio
from followup.core.errors import UsageError
from followup.core.model import Status
from followup.core.planner import plan
from followup.service import Context, plan_all
from followup.store import Store
from tests.conftest import CASES

TODAY = date(2026, 3, 20)


def seeded(db_url: str, count: int) -> Store:
    example = caseio.loads((CASES / "contract_example.json").read_text())
    store = Store.open(db_url)
    statuses = list(Status)
    store.save_cases([
        replace(example, opportunity=replace(example.opportunity, id=f"acme-{n}",
                                             status=statuses[n % len(statuses)]))
        for n in range(count)])
    return store


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_plans_every_case_in_id_order(db_url: str, workers: int) -> None:
    store = seeded(db_url, 7)
    expected = [plan(c, TODAY) for c in store.load_cases()]
    got = plan_all(Context(store, TODAY), workers=workers)
    assert [p.opportunity for p in got] == [f"acme-{n}" for n in range(7)]
    assert got == expected


def test_more_workers_than_cases_and_an_empty_account(db_url: str) -> None:
    store = seeded(db_url, 1)
    assert [p.opportunity for p in plan_all(Context(store, TODAY), workers=4)] == ["acme-0"]
    assert plan_all(Context(Store(store.url, account="nobody"), TODAY), workers=2) == []


def test_workers_must_be_positive(db_url: str) -> None:
    with pytest.raises(UsageError, match="workers"):
        plan_all(Context(Store.open(db_url), TODAY), workers=0)
