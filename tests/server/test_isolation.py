"""What the database itself enforces: the app role reads another account's rows through no
query at all, whatever the app does (raw SQL as that role, row-level security forced)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, create_engine
from sqlalchemy.exc import DBAPIError

from followup.service import centre
from followup.store.centre import protected_tables
from followup.store.schema import metadata
from tests.server.conftest import Centre, needs_postgres

# every table that holds an account's records, and how its rows name the account
OWNER_OF = {
    "opportunities": "SELECT account_id FROM opportunities",
    "people": "SELECT o.account_id FROM people p JOIN opportunities o ON o.id = p.opportunity_id",
    "interviews": "SELECT o.account_id FROM interviews i "
                  "JOIN opportunities o ON o.id = i.opportunity_id",
    "touches": "SELECT o.account_id FROM touches t JOIN opportunities o ON o.id = t.opportunity_id",
    "interviewers": "SELECT o.account_id FROM interviewers v JOIN interviews i "
                    "ON i.id = v.interview_id JOIN opportunities o ON o.id = i.opportunity_id",
    "candidates": "SELECT account_id FROM candidates",
    "changes": "SELECT account_id FROM changes",
    "accounts": "SELECT id FROM accounts",
}

pytestmark = needs_postgres


@contextmanager
def as_app(c: Centre, account: int | None) -> Iterator[Connection]:
    """A raw connection as the app role, the account set as the server sets it."""
    engine = c.engine()
    with engine.connect() as conn, conn.begin():
        if account is not None:
            conn.exec_driver_sql(f"SET LOCAL app.account_id = '{account}'")
        yield conn


def owners(conn: Connection) -> dict[str, set[int]]:
    return {table: {int(r[0]) for r in conn.exec_driver_sql(sql)}
            for table, sql in OWNER_OF.items()}


def test_every_table_holding_account_data_is_forced_under_row_level_security(
        centre_db: Centre) -> None:
    holding = {t.name for t in metadata.sorted_tables
               if {"account_id", "opportunity_id", "interview_id"} & set(t.c.keys())
               and t.name not in ("users", "audit_events", "login_failures")}
    holding |= {"accounts", "grants", "audit_events"}
    assert holding <= set(protected_tables())
    owner = create_engine(centre_db.owner_url)
    with owner.connect() as conn:
        flags = dict(conn.exec_driver_sql(
            "SELECT c.relname, c.relrowsecurity AND c.relforcerowsecurity FROM pg_class c "
            "WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'").all())
    owner.dispose()
    assert {t for t in holding if not flags.get(t)} == set()


def test_the_app_role_is_no_superuser_has_no_bypassrls_and_owns_no_table(
        centre_db: Centre) -> None:
    with as_app(centre_db, None) as conn:
        me, superuser, bypass = conn.exec_driver_sql(
            "SELECT rolname, rolsuper, rolbypassrls FROM pg_roles "
            "WHERE rolname = current_user").one()
        owned = conn.exec_driver_sql(
            "SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner "
            "WHERE r.rolname = current_user").scalar()
        assert (me, superuser, bypass, owned) == (centre_db.role, False, False, 0)
        with pytest.raises(DBAPIError):  # nor can it lift the policies
            conn.exec_driver_sql("ALTER TABLE opportunities DISABLE ROW LEVEL SECURITY")


def test_init_again_is_harmless(stocked: Centre) -> None:
    centre.init_centre(stocked.owner_url, stocked.role, "app-secret")
    with as_app(stocked, stocked.ids["ada"]) as conn:
        assert owners(conn)["opportunities"] == {stocked.ids["ada"]}
    r = stocked.client().get("/api/v1/opportunities", headers=stocked.auth("ben"))
    assert [o["id"] for o in r.json()["opportunities"]] == ["northwind-ae"]


def test_raw_sql_as_the_app_role_sees_the_callers_rows_only(stocked: Centre) -> None:
    with as_app(stocked, None) as conn:  # no account set: nothing at all
        assert all(not found for found in owners(conn).values())
    for who in ("ada", "ben", "cora", "adam"):
        me = stocked.ids[who]
        with as_app(stocked, me) as conn:
            seen = owners(conn)
            assert seen["accounts"] == {me}
            assert all(found <= {me} for found in seen.values()), (who, seen)
            if who != "adam":
                assert seen["opportunities"] == seen["people"] == {me}
            assert conn.exec_driver_sql("SELECT count(*) FROM audit_events").scalar() == 0


def test_the_app_role_cannot_write_into_another_account(stocked: Centre) -> None:
    ada, ben = stocked.ids["ada"], stocked.ids["ben"]
    with as_app(stocked, ben) as conn:
        assert conn.exec_driver_sql(
            "UPDATE opportunities SET company = 'x' WHERE account_id = %(a)s", {"a": ada}
        ).rowcount == 0
        assert conn.exec_driver_sql("DELETE FROM people").rowcount == 2  # his own only
    with as_app(stocked, ben) as conn, pytest.raises(DBAPIError, match="row-level security"):
        conn.exec_driver_sql(
            "INSERT INTO snoozes (account_id, opportunity, kind, until, created_at) "
            "VALUES (%(a)s, 'acme-analyst', 'check_in', '2027-01-01', now())", {"a": ada})
    with as_app(stocked, ben) as conn, pytest.raises(DBAPIError, match="row-level security"):
        conn.exec_driver_sql(  # a grant in Ada's name, to himself
            "INSERT INTO grants (student_account_id, coach_account_id, started_at) "
            "VALUES (%(a)s, %(b)s, now())", {"a": ada, "b": ben})
    with as_app(stocked, ada) as conn:
        seen = owners(conn)
        assert seen["people"] == seen["touches"] == {ada}  # Ben's delete took none of hers
        assert conn.exec_driver_sql("SELECT count(*) FROM people").scalar() == 2


def test_a_granted_coach_reads_but_cannot_change_and_revoking_closes_it(
        stocked: Centre) -> None:
    client = stocked.client()
    ada, cora = stocked.ids["ada"], stocked.ids["cora"]
    client.post("/api/v1/grants", json={"coach": "cora@uni.example"},
                headers=stocked.auth("ada"))
    with as_app(stocked, cora) as conn:
        seen = owners(conn)
        assert seen["opportunities"] == seen["people"] == seen["interviewers"] == {ada, cora}
        assert seen["touches"] == {ada}  # Cora logged none of her own
        assert conn.exec_driver_sql("SELECT count(*) FROM mail_messages").scalar() == 0
        assert conn.exec_driver_sql("SELECT count(*) FROM changes WHERE account_id = %(a)s",
                                    {"a": ada}).scalar() == 0  # private: not records
        assert conn.exec_driver_sql(
            "UPDATE opportunities SET company = 'x' WHERE account_id = %(a)s", {"a": ada}
        ).rowcount == 0
        assert conn.exec_driver_sql(
            "UPDATE grants SET ended_at = NULL, coach_account_id = %(c)s", {"c": cora}
        ).rowcount == 0
    client.delete("/api/v1/grants/cora@uni.example", headers=stocked.auth("ada"))
    with as_app(stocked, cora) as conn:
        assert owners(conn)["opportunities"] == {cora}


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sets(st.tuples(st.sampled_from(["ada", "ben"]), st.sampled_from(["cora", "cole"]))))
def test_a_coach_sees_exactly_the_students_whose_grant_stands(
        stocked: Centre, standing: set[tuple[str, str]]) -> None:
    ids = stocked.ids
    owner = create_engine(stocked.owner_url)
    with owner.begin() as conn:
        conn.exec_driver_sql("UPDATE grants SET ended_at = now() WHERE ended_at IS NULL")
        for student, coach in standing:
            conn.exec_driver_sql(
                "INSERT INTO grants (student_account_id, coach_account_id, started_at) "
                "VALUES (%(s)s, %(c)s, now())", {"s": ids[student], "c": ids[coach]})
    owner.dispose()
    for coach in ("cora", "cole"):
        expected = {ids[s] for s, c in standing if c == coach}
        with as_app(stocked, ids[coach]) as conn:
            seen = owners(conn)
        assert seen["opportunities"] - {ids[coach]} == expected
        assert seen["people"] - {ids[coach]} == expected
        assert seen["accounts"] - {ids[coach]} == expected
    for student in ("ada", "ben"):  # students never see each other, whoever they granted
        with as_app(stocked, ids[student]) as conn:
            assert all(found <= {ids[student]} for found in owners(conn).values())
