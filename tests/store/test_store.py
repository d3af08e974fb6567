"""The store on a real SQLite file: migrations, round trips, accounts, ids."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, inspect, text

from followup.core import caseio
from followup.core.errors import FollowupError, NotFoundError
from followup.store import Store, new_person_slug, new_slug
from followup.store.migrate import HEAD, MIGRATIONS, upgrade
from followup.store.schema import metadata
from tests.conftest import CASES, sqlite_only


def example():
    return caseio.loads((CASES / "contract_example.json").read_text())


def test_head_is_the_last_migration() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD


def test_migrated_schema_equals_the_metadata(db_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    store = Store.open(db_url)
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_a_database_at_the_first_migration_upgrades_in_place(db_url: str) -> None:
    engine = create_engine(db_url)
    upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO accounts (id, name, created_at) "
                          "VALUES (1, 'default', '2026-01-01 00:00:00')"))
        conn.execute(text(
            "INSERT INTO opportunities (id, account_id, slug, company, role, status, send_letter,"
            " created_at) VALUES (1, 1, 'old-job', 'Old Co', 'Clerk', 'active', false,"
            " '2026-01-01 00:00:00')"))
    assert _revision(engine) == "0001"

    store = Store.open(db_url)
    assert _revision(engine) == HEAD
    engine.dispose()
    case = store.load_case("old-job")
    assert (case.opportunity.company, case.opportunity.role) == ("Old Co", "Clerk")
    store.save_candidate(case.candidate.__class__(values=("A new course",)))  # 0002's table
    assert store.get_candidate().values == ("A new course",)


def test_a_database_at_0003_upgrades_to_0004_keeping_its_rows(db_url: str) -> None:
    engine = create_engine(db_url)
    upgrade(engine, "0003")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO accounts (id, name, created_at) "
                          "VALUES (1, 'default', '2026-01-01 00:00:00')"))
        conn.execute(text(
            "INSERT INTO opportunities (id, account_id, slug, company, role, status, send_letter,"
            " created_at) VALUES (1, 1, 'old-job', 'Old Co', 'Clerk', 'active', false,"
            " '2026-01-01 00:00:00')"))
        conn.execute(text(
            "INSERT INTO people (id, opportunity_id, slug, position, name, contact)"
            " VALUES (1, 1, 'dana', 0, 'Dana Whitfield', true)"))
        conn.execute(text(
            "INSERT INTO interviews (id, opportunity_id, slug, position, at, round, format,"
            " topics, next_steps) VALUES (1, 1, 'r1', 0, '2026-03-02 10:00:00', 1, 'video',"
            " '[\"dbt\"]', '[]')"))
        conn.execute(text(
            "INSERT INTO interviewers (interview_id, position, person_id) VALUES (1, 0, 1)"))
        columns = {c["name"] for c in inspect(conn).get_columns("interviews")}
    assert "invite_uid" not in columns
    assert _revision(engine) == "0003"

    store = Store.open(db_url)
    assert _revision(engine) == HEAD  # 0004 and every later revision
    with engine.connect() as conn:
        assert "invite_uid" in {c["name"] for c in inspect(conn).get_columns("interviews")}
    engine.dispose()
    case = store.load_case("old-job")
    (interview,) = case.interviews
    assert (interview.id, interview.at, interview.round, interview.format) == (
        "r1", datetime(2026, 3, 2, 10, 0), 1, "video")
    assert interview.interviewers == ("dana",) and interview.topics == ("dbt",)
    assert interview.invite_uid is None
    store.update_case("old-job", lambda c: replace(
        c, interviews=(replace(c.interviews[0], invite_uid="abc@example.com"),)))
    assert store.load_case("old-job").interviews[0].invite_uid == "abc@example.com"


def _revision(engine: Engine) -> str:
    with engine.connect() as conn:
        return str(conn.execute(text("SELECT version_num FROM alembic_version")).scalar())


@sqlite_only
def test_refuses_a_database_that_is_not_ours(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE photos (id INTEGER)")
    with pytest.raises(FollowupError, match="not a followup database"):
        Store.open(str(path))


@sqlite_only
def test_pragmas_on_a_real_file(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "f.db"))
    with store.reading() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_save_and_load_round_trip(db_url: str) -> None:
    store = Store.open(db_url)
    case = example()
    store.save_case(case)
    store.save_candidate(case.candidate)
    assert store.load_case("acme-analyst") == case
    assert store.load_cases() == [case]
    with pytest.raises(FollowupError, match="exists already"):
        store.save_case(case)


def test_accounts_do_not_see_each_other(db_url: str) -> None:
    first = Store.open(db_url)
    first.save_case(example())
    second = Store(first.engine, account="student-2")
    assert second.load_cases() == []
    second.save_case(example())  # the same slug is fine in another account
    assert [c.opportunity.id for c in second.load_cases()] == ["acme-analyst"]
    second.delete("acme")
    assert [c.opportunity.id for c in first.load_cases()] == ["acme-analyst"]


def test_prefixes_resolve_only_when_unambiguous(db_url: str) -> None:
    store = Store.open(db_url)
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


def test_deleting_cascades(db_url: str) -> None:
    store = Store.open(db_url)
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


def test_applied_on_survives(db_url: str) -> None:
    store = Store.open(db_url)
    store.save_case(example())
    assert store.load_case("acme-analyst").opportunity.applied_on == date(2026, 2, 10)
