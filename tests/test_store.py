"""The store on a real SQLite file: migrations, round trips, accounts, ids."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from followup import caseio
from followup.errors import FollowupError, NotFoundError
from followup.store import Store, new_person_slug, new_slug
from followup.store.migrate import HEAD, MIGRATIONS, upgrade
from followup.store.schema import metadata

from .conftest import CASES


def example():
    return caseio.loads((CASES / "contract_example.json").read_text())


def test_head_is_the_last_migration() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD


def test_migrated_schema_equals_the_metadata(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    store = Store.open(str(tmp_path / "fresh.db"))
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_a_database_at_the_first_migration_upgrades_in_place(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO accounts (id, name, created_at) "
                          "VALUES (1, 'default', '2026-01-01 00:00:00')"))
        conn.execute(text(
            "INSERT INTO opportunities (id, account_id, slug, company, role, status, send_letter,"
            " created_at) VALUES (1, 1, 'old-job', 'Old Co', 'Clerk', 'active', 0,"
            " '2026-01-01 00:00:00')"))
    engine.dispose()
    assert _revision(path) == "0001"

    store = Store.open(str(path))
    assert _revision(path) == HEAD
    case = store.load_case("old-job")
    assert (case.opportunity.company, case.opportunity.role) == ("Old Co", "Clerk")
    store.save_candidate(case.candidate.__class__(values=("A new course",)))  # 0002's table
    assert store.get_candidate().values == ("A new course",)


def _revision(path: Path) -> str:
    with sqlite3.connect(path) as db:
        return str(db.execute("SELECT version_num FROM alembic_version").fetchone()[0])


def test_refuses_a_database_that_is_not_ours(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE photos (id INTEGER)")
    with pytest.raises(FollowupError, match="not a followup database"):
        Store.open(str(path))


def test_pragmas_on_a_real_file(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "f.db"))
    with store.reading() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "f.db"))
    case = example()
    store.save_case(case)
    store.save_candidate(case.candidate)
    assert store.load_case("acme-analyst") == case
    assert store.load_cases() == [case]
    with pytest.raises(FollowupError, match="exists already"):
        store.save_case(case)


def test_accounts_do_not_see_each_other(tmp_path: Path) -> None:
    first = Store.open(str(tmp_path / "f.db"))
    first.save_case(example())
    second = Store(first.engine, account="student-2")
    assert second.load_cases() == []
    second.save_case(example())  # the same slug is fine in another account
    assert [c.opportunity.id for c in second.load_cases()] == ["acme-analyst"]
    second.delete("acme")
    assert [c.opportunity.id for c in first.load_cases()] == ["acme-analyst"]


def test_prefixes_resolve_only_when_unambiguous(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "f.db"))
    store.save_case(example())
    other = caseio.from_dict({"version": 1, "opportunity": {
        "id": "acme-engineer", "company": "Acme", "role": "Engineer"}})
    store.save_case(other)
    assert store.load_case("acme-e").opportunity.id == "acme-engineer"
    with pytest.raises(NotFoundError, match="ambiguous: acme-analyst, acme-engineer"):
        store.load_case("acme")
    with pytest.raises(NotFoundError, match="no opportunity 'zzz'"):
        store.load_case("zzz")
    with pytest.raises(NotFoundError):
        store.load_case("acme%")  # LIKE wildcards are taken literally


def test_deleting_cascades(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "f.db"))
    store.save_case(example())
    store.delete("acme-analyst")
    with store.reading() as conn:
        for table in ("people", "interviews", "interviewers", "touches"):
            assert conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() == 0


def test_slugs() -> None:
    assert new_slug("Acme Analytics", "Senior Data Analyst", set()) == "acme-analyst"
    assert new_slug("Acme Analytics", "Senior Data Analyst", {"acme-analyst"}) == "acme-analyst-2"
    assert new_slug("The Café Co", "Barista", set()) == "cafe-barista"
    assert new_person_slug("Dana Whitfield", set()) == "dana"
    assert new_person_slug("Dana Scully", {"dana"}) == "dana-s"
    assert new_person_slug("Dana Scully", {"dana", "dana-s", "dana-scully"}) == "dana-2"


def test_applied_on_survives(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "f.db"))
    store.save_case(example())
    assert store.load_case("acme-analyst").opportunity.applied_on == date(2026, 2, 10)
