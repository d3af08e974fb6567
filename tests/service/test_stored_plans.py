"""Stored plans (issue 24): whatever was written, a plan read from the table is the plan
planning the case afresh would make, and a read plans only the cases a write touched.

Everything goes through a real SQLite file and the service's own write functions; the
fresh plan is `service.health.planned` over the cases loaded from the same file.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    initialize,
    invariant,
    rule,
)

from followup.core.model import Case, Channel, Persistence, Status, TouchKind
from followup.core.policy import DEFAULT_POLICIES
from followup.service.contexts import Context
from followup.service.health import (
    collecting,
    diagnose,
    doctor,
    kept_plans,
    plan_basis,
    planned,
)
from followup.service.planning import agenda, snooze_action
from followup.service.records import (
    delete_opportunity,
    edit_opportunity,
    import_cases,
    log_touch,
    replace_case,
    set_status,
    update_profile,
)
from followup.service.snapshot import take_snapshot
from followup.store import Store
from followup.store.read import decode_plan
from tests.conftest import ON_POSTGRES
from tests.core.test_planner_properties import BASE, cases

pytestmark = pytest.mark.skipif(ON_POSTGRES, reason="counts rows in a SQLite file")

# Two policy sets the config could give: the table's, and one with other numbers.
POLICIES = {
    "default": dict(DEFAULT_POLICIES),
    "patient": {k: replace(p, no_date_days=p.no_date_days + 5, weekly_cap_days=10)
                for k, p in DEFAULT_POLICIES.items()},
}
_TEMPLATE: list[Path] = []
# After the generated cases' interviews (up to 60 days after BASE) and most of their touches
# (up to 100): a touch logged now is the latest, and changes the plan.
START = BASE + timedelta(days=100)


def _empty_db(folder: Path) -> Path:
    """A migrated, empty database file (migrated once, copied for each example)."""
    if not _TEMPLATE:
        keep = Path(tempfile.mkdtemp(prefix="plans-template-")) / "t.db"
        Store.open(str(keep)).close()
        _TEMPLATE.append(keep)
    path = folder / "f.db"
    shutil.copyfile(_TEMPLATE[0], path)
    return path


def _rows(path: Path) -> dict[str, tuple[str, str, str]]:
    """slug -> (basis, plan JSON, generation) as stored, read with sqlite3."""
    with sqlite3.connect(path) as conn:
        return {slug: (basis, plan, generation) for slug, basis, plan, generation in
                conn.execute("SELECT o.slug, p.basis, p.plan, p.generation FROM plans p"
                             " JOIN opportunities o ON o.id = p.opportunity_id")}


class StoredPlans(RuleBasedStateMachine):
    """Any sequence of writes, dates and policies; reads in between fill the table."""

    ids = Bundle("ids")

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="plans-sm-"))
        self.path = _empty_db(self.folder)
        self.store = Store.open(str(self.path))
        self.today = START
        self.policy = "default"
        self.made = 0

    def teardown(self) -> None:
        self.store.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    @property
    def ctx(self) -> Context:
        return Context(self.store, self.today, policies=POLICIES[self.policy])

    def fresh(self) -> dict[str, object]:
        with collecting():
            return {c.opportunity.id: p for c, p in planned(
                self.store.load_cases(), self.today, POLICIES[self.policy])}

    # -- writes ---------------------------------------------------------------------------

    @initialize(target=ids, case=cases())
    def first(self, case: Case) -> str:
        return self.add(case, active=True)

    @rule(target=ids, case=cases(), active=st.booleans())
    def add(self, case: Case, active: bool = True) -> str:
        """A new case, active more often than not (an open case has steps to change)."""
        self.made += 1
        slug = f"opp-{self.made}"
        status = Status.ACTIVE if active else case.opportunity.status
        import_cases(self.store, [replace(case, opportunity=replace(
            case.opportunity, id=slug, status=status))])
        return slug

    @rule(slug=ids, case=cases())
    def edit(self, slug: str, case: Case) -> None:
        replace_case(self.store, slug, replace(case, opportunity=replace(case.opportunity,
                                                                         id=slug)))

    @rule(slug=ids, persistence=st.sampled_from(Persistence))
    def edit_field(self, slug: str, persistence: Persistence) -> None:
        edit_opportunity(self.store, slug, persistence=persistence)

    @rule(slug=consumes(ids))
    def delete(self, slug: str) -> None:
        delete_opportunity(self.store, slug)

    @rule(slug=ids, days=st.integers(0, 10),
          kind=st.sampled_from([TouchKind.CHECK_IN, TouchKind.CHECK_IN, TouchKind.THANK_YOU]),
          incoming=st.booleans())
    def log(self, slug: str, days: int, kind: TouchKind, incoming: bool) -> None:
        """A touch up to a month before the day planned for: one the plan must count."""
        day = max(BASE, self.today - timedelta(days=days))
        at = datetime.combine(day, datetime.min.time()).replace(hour=9)
        case = self.store.load_case(slug)
        if incoming and not case.people:
            return  # a message from them needs someone to be from
        who = case.people[0].id if case.people else None
        log_touch(self.store, slug, kind=TouchKind.REPLY if incoming else kind,
                  channel=Channel.EMAIL, at=at, to=None if incoming else who,
                  from_=who if incoming else None, incoming=incoming)

    @rule(slug=ids, days=st.integers(1, 30))
    def snooze(self, slug: str, days: int) -> None:
        with collecting():
            plans = {c.opportunity.id: p for c, p in planned(
                [self.store.load_case(slug)], self.today, POLICIES[self.policy])}
        if slug in plans and plans[slug].actions:
            action = plans[slug].actions[0]
            snooze_action(self.store, slug, kind=action.kind.value, to=action.to,
                          until=self.today + timedelta(days=days), today=self.today,
                          past_deadline=True)

    @rule(slug=ids, status=st.sampled_from([Status.ACTIVE, *Status]))
    def status(self, slug: str, status: Status) -> None:
        set_status(self.store, slug, status)

    @rule(country=st.sampled_from(["", "US", "GB"]),
          zone=st.sampled_from(["", "Europe/Paris", "America/New_York"]))
    def profile(self, country: str, zone: str) -> None:
        update_profile(self.store, country=country, timezone=zone)

    @rule(name=st.sampled_from(sorted(POLICIES)))
    def policies(self, name: str) -> None:
        self.policy = name

    @rule(days=st.integers(-40, 30))
    def move_date(self, days: int) -> None:
        self.today = START + timedelta(days=days)

    # -- the invariant, and a read after every step ----------------------------------------

    @invariant()
    def stored_equals_fresh(self) -> None:
        """Every stored row on today's basis is its case's fresh plan (a write that left a
        stale one fails here); then a read, as `today`, `list`, the web pages and the
        feed make it, gives the fresh plans and keeps them for the next step."""
        fresh = self.fresh()
        candidate = self.store.get_candidate()
        basis = plan_basis(candidate, self.today, POLICIES[self.policy])
        for slug, (row_basis, text, _generation) in _rows(self.path).items():
            if row_basis == basis:
                assert decode_plan(text) == fresh.get(slug), slug
        with collecting():
            snap = take_snapshot(self.store, self.today, POLICIES[self.policy])
            shown = agenda(self.ctx)
        assert dict(zip([c.opportunity.id for c in snap.cases], snap.plans,
                        strict=True)) == fresh
        assert list(shown.plans) == list(snap.plans)


TestStoredPlans = StoredPlans.TestCase
TestStoredPlans.settings = settings(max_examples=40, stateful_step_count=25, deadline=None,
                                    suppress_health_check=[HealthCheck.too_slow])


# -- plain tests --------------------------------------------------------------------------

TODAY = BASE + timedelta(days=20)


def _store(tmp_path: Path, n: int) -> tuple[Store, Path]:
    from followup.core import caseio
    from tests.conftest import CASES

    example = caseio.loads((CASES / "contract_example.json").read_text())
    path = _empty_db(tmp_path)
    store = Store.open(str(path))
    import_cases(store, [replace(example, opportunity=replace(example.opportunity,
                                                              id=f"acme-{k}"))
                         for k in range(n)])
    return store, path


def test_a_write_replans_only_the_cases_it_touched(tmp_path: Path) -> None:
    store, path = _store(tmp_path, 6)
    assert take_snapshot(store, TODAY).replanned == 6  # the first read plans every case
    assert len(_rows(path)) == 6
    assert take_snapshot(store, TODAY).replanned == 0  # then reads them
    log_touch(store, "acme-2", kind=TouchKind.CHECK_IN, channel=Channel.EMAIL,
              at=datetime(2026, 1, 20, 9))
    set_status(store, "acme-4", Status.DORMANT)
    assert sorted(_rows(path)) == ["acme-0", "acme-1", "acme-3", "acme-5"]  # forgotten
    assert take_snapshot(store, TODAY).replanned == 2
    assert take_snapshot(store, TODAY).replanned == 0


def test_a_new_day_new_policies_or_profile_replan_every_case(tmp_path: Path) -> None:
    store, path = _store(tmp_path, 4)
    take_snapshot(store, TODAY)
    before = {slug: row[2] for slug, row in _rows(path).items()}
    assert take_snapshot(store, TODAY + timedelta(days=1)).replanned == 4
    assert take_snapshot(store, TODAY + timedelta(days=1), POLICIES["patient"]).replanned == 4
    update_profile(store, country="GB")
    assert take_snapshot(store, TODAY + timedelta(days=1), POLICIES["patient"]).replanned == 4
    # the cases did not change: each row keeps the generation it was first planned from
    assert {slug: row[2] for slug, row in _rows(path).items()} == before


def test_kept_plans_equal_fresh_plans_and_their_agenda_lines(tmp_path: Path) -> None:
    store, _ = _store(tmp_path, 3)
    cases = store.load_cases()
    made = kept_plans(store, cases, TODAY)
    read = kept_plans(store, store.load_cases(), TODAY)
    assert (made.replanned, read.replanned) == (3, 0)
    assert read.planned == made.planned == planned(cases, TODAY)
    assert read.lines == made.lines


def test_a_plan_made_while_a_write_changed_the_case_is_not_kept(tmp_path: Path) -> None:
    store, path = _store(tmp_path, 2)
    seen = store.data_version()
    old = store.load_cases()
    set_status(store, "acme-0", Status.DORMANT)  # between the read and the save
    kept = kept_plans(store, old, TODAY, seen=seen)
    assert kept.replanned == 2 and sorted(_rows(path)) == ["acme-1"]
    # with no write since the read, the save trusts what it read (no second read)
    seen = store.data_version()
    assert kept_plans(store, store.load_cases(), TODAY + timedelta(days=1), seen=seen
                      ).replanned == 2
    assert sorted(_rows(path)) == ["acme-0", "acme-1"]


def test_a_read_only_database_plans_without_keeping(tmp_path: Path) -> None:
    store, path = _store(tmp_path, 2)
    store.close()
    ro = Store.open(f"sqlite:///{path}?mode=ro")
    assert take_snapshot(ro, TODAY).replanned == 2 and _rows(path) == {}


def test_doctor_reports_a_stale_plan_and_rebuilds_the_table(tmp_path: Path) -> None:
    store, path = _store(tmp_path, 3)
    take_snapshot(store, TODAY)
    with sqlite3.connect(path) as conn:  # a hand edit behind the store's back
        conn.execute("UPDATE opportunities SET status = 'dormant' WHERE slug = 'acme-1'")
        conn.execute("UPDATE plans SET plan = 'garbage' WHERE opportunity_id ="
                     " (SELECT id FROM opportunities WHERE slug = 'acme-2')")
    found = [p for p in diagnose(store, TODAY) if p.record == "plans"]
    assert len(found) == 1
    assert found[0].problems == ("stored plan of 'acme-1' is stale (the case changed since)",
                                 "stored plan of 'acme-2' cannot be read")
    handled, left = doctor(store, TODAY, fix=True)
    assert [p.record for p in handled] == ["plans"] and left == []
    rows = _rows(path)
    assert sorted(rows) == ["acme-0", "acme-1", "acme-2"]
    fresh = {c.opportunity.id: p for c, p in planned(store.load_cases(), TODAY)}
    assert {slug: decode_plan(row[1]) for slug, row in rows.items()} == fresh
    assert json.loads(json.dumps(list(rows)))  # plain ids, nothing else


def test_plan_basis_names_what_a_plan_depends_on() -> None:
    from followup.core.model import Candidate

    one = plan_basis(Candidate(), date(2026, 3, 1), None)
    assert one == plan_basis(Candidate(), date(2026, 3, 1), None)
    assert len({one, plan_basis(Candidate(), date(2026, 3, 2), None),
                plan_basis(Candidate(country="US"), date(2026, 3, 1), None),
                plan_basis(Candidate(), date(2026, 3, 1), POLICIES["patient"])}) == 4


def test_a_restore_drops_the_stored_plans_and_the_next_read_makes_them(tmp_path: Path
                                                                       ) -> None:
    from followup.store.backup import backup, restore

    store, path = _store(tmp_path, 3)
    take_snapshot(store, TODAY)
    copy = backup(path, tmp_path / "copy.db").path
    assert len(_rows(copy)) == 3  # the backup holds them, as any table
    restore(copy, path, datetime(2026, 3, 1, 12))
    assert _rows(path) == {}
    assert take_snapshot(store, TODAY).replanned == 3 and len(_rows(path)) == 3
