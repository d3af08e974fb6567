"""The centre's admin actions on a real PostgreSQL: deactivate (history kept, sign-in
refused, sessions ended), reset to a one-time password, delete (nothing kept), and the
admin who still reads no student's records."""

from __future__ import annotations

import subprocess
import sys

from sqlalchemy import create_engine, text

from followup.service import centre
from followup.store.schema import metadata
from tests.conftest import table_dump
from tests.server.conftest import PASSWORD, Centre, needs_postgres
from tests.server.test_pages import browser, csrf, sign_in

pytestmark = needs_postgres


def opportunities(c: Centre, who: str) -> list[str]:
    r = c.client().get("/api/v1/opportunities", headers=c.auth(who))
    assert r.status_code == 200, r.text
    return [o["id"] for o in r.json()["opportunities"]]


def test_deactivating_locks_the_board_and_keeps_its_history(stocked: Centre) -> None:
    page = sign_in(stocked, "ada")
    headers = stocked.auth("ada")
    assert centre.deactivate_account(stocked.owner_url, "Ada@uni.example",
                                     stocked.clock.now) == 2  # the token and the session
    client = stocked.client()
    assert client.get("/api/v1/opportunities", headers=headers).status_code == 401
    assert page.get("/pipeline").status_code == 303
    refused = client.post("/api/v1/token", json={"email": "ada@uni.example",
                                                 "password": PASSWORD})
    assert refused.status_code == 401 and "deactivated" in refused.json()["error"]
    form = browser(stocked)
    r = form.post("/signin", data={"email": "ada@uni.example", "password": PASSWORD,
                                   "csrf_token": csrf(form)})
    assert r.status_code == 401 and "deactivated" in r.text
    # a wrong password says nothing of the deactivation
    wrong = client.post("/api/v1/token", json={"email": "ada@uni.example", "password": "x"})
    assert wrong.json()["error"] == "wrong email or password"
    centre.reactivate_account(stocked.owner_url, "ada@uni.example")
    stocked.tokens.pop("ada")
    assert opportunities(stocked, "ada") == ["acme-analyst"]  # the history, as it was


def test_a_reset_password_is_one_time_and_must_be_changed(stocked: Centre) -> None:
    old = stocked.auth("ben")
    one_time = centre.reset_password(stocked.owner_url, "ben@uni.example", None,
                                     stocked.clock.now)
    assert len(one_time) >= 12
    client = stocked.client()
    assert client.get("/api/v1/opportunities", headers=old).status_code == 401
    assert client.post("/api/v1/token", json={"email": "ben@uni.example",
                                              "password": PASSWORD}).status_code == 401
    api = client.post("/api/v1/token", json={"email": "ben@uni.example",
                                             "password": one_time})
    assert api.status_code == 403 and "one-time" in api.json()["error"]
    ben = sign_in(stocked, "ben", one_time)
    r = ben.get("/pipeline")
    assert r.status_code == 303 and r.headers["location"] == "/password"
    form = ben.get("/password")
    assert form.status_code == 200 and "one-time password" in form.text
    token = csrf(ben)
    bad = ben.post("/password", data={"csrf_token": token, "current": "nope",
                                      "new": "a new passphrase", "repeated": "a new passphrase"})
    assert bad.status_code == 400 and "current password: wrong" in bad.text
    differ = ben.post("/password", data={"csrf_token": token, "current": one_time,
                                         "new": "a new passphrase", "repeated": "another"})
    assert differ.status_code == 400 and "differ" in differ.text
    assert ben.get("/pipeline").status_code == 303  # still the one-time password
    done = ben.post("/password", data={"csrf_token": token, "current": one_time,
                                       "new": "a new passphrase", "repeated": "a new passphrase"})
    assert done.status_code == 303
    assert "Northwind" in ben.get("/pipeline").text
    assert client.post("/api/v1/token", json={"email": "ben@uni.example",
                                              "password": "a new passphrase"}).status_code == 200


def test_deleting_an_account_keeps_nothing_of_it(stocked: Centre) -> None:
    client = stocked.client()
    ada = stocked.ids["ada"]
    client.post("/api/v1/grants", json={"coach": "cora@uni.example"}, headers=stocked.auth("ada"))
    client.get(f"/api/v1/students/{ada}/opportunities", headers=stocked.auth("cora"))
    client.post("/api/v1/token", json={"email": "ada@uni.example", "password": "wrong"})
    sign_in(stocked, "ada")
    before = table_dump(stocked.owner_url)
    assert any("ada@uni.example" in row for _t, rows in before for row in rows)
    assert centre.delete_account(stocked.owner_url, "ada@uni.example") == ada
    after = table_dump(stocked.owner_url)
    assert not [(t, row) for t, rows in after for row in rows if "ada@uni.example" in row]
    engine = create_engine(stocked.owner_url)
    try:
        with engine.connect() as conn:
            for table in metadata.sorted_tables:
                for column in table.columns:
                    if column.name.endswith("account_id") or (
                            table.name == "accounts" and column.name == "id"):
                        n = conn.execute(text(f"SELECT count(*) FROM {table.name} WHERE "
                                              f"{column.name} = :a"), {"a": ada}).scalar()
                        assert n == 0, (table.name, column.name)
    finally:
        engine.dispose()
    # the others are as they were
    stocked.tokens.clear()
    assert opportunities(stocked, "ben") == ["northwind-ae"]
    assert opportunities(stocked, "cora") == ["hale-porter-associate"]
    assert client.get("/api/v1/caseload", headers=stocked.auth("cora")).json() == {"students": []}
    assert client.post("/api/v1/token", json={"email": "ada@uni.example",
                                              "password": PASSWORD}).status_code == 401


def test_an_admin_reads_no_students_records(stocked: Centre) -> None:
    client = stocked.client()
    client.post("/api/v1/grants", json={"coach": "cora@uni.example"}, headers=stocked.auth("ada"))
    admin = stocked.auth("adam")
    assert opportunities(stocked, "adam") == []
    assert client.get("/api/v1/caseload", headers=admin).json() == {"students": []}
    for who in ("ada", "ben"):
        r = client.get(f"/api/v1/students/{stocked.ids[who]}/opportunities", headers=admin)
        assert r.status_code == 404
    assert client.get("/api/v1/export", headers=admin).json()["cases"] == []
    page = sign_in(stocked, "adam")
    for path in ("/pipeline", "/"):
        assert "Acme" not in page.get(path).text and "Northwind" not in page.get(path).text
    assert page.get("/o/acme-analyst").status_code == 404
    # the admin actions themselves read nothing: the audit logs stay empty of the admin
    centre.deactivate_account(stocked.owner_url, "ben@uni.example", stocked.clock.now)
    centre.reactivate_account(stocked.owner_url, "ben@uni.example")
    stocked.tokens.pop("ben", None)
    for who in ("ada", "ben"):
        events = client.get("/api/v1/audit", headers=stocked.auth(who)).json()["events"]
        assert "adam@uni.example" not in {e["actor"] for e in events}


def followup(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "followup", *args], capture_output=True,
                          text=True, timeout=120)


def test_the_admin_commands_refuse_in_one_line(stocked: Centre) -> None:
    done = followup("centre", "delete", "ben@uni.example", "--db", stocked.owner_url)
    assert done.returncode == 2 and "--yes" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert opportunities(stocked, "ben") == ["northwind-ae"]  # nothing deleted
    done = followup("centre", "deactivate", "nobody@uni.example", "--db", stocked.owner_url)
    assert done.returncode == 2 and "no account has the address" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    done = followup("centre", "reset-password", "ben@uni.example", "--db", stocked.owner_url)
    assert done.returncode == 0, done.stderr
    one_time = done.stdout.split("one-time password ")[1].split()[0]
    r = stocked.client().post("/api/v1/token", json={"email": "ben@uni.example",
                                                     "password": one_time})
    assert r.status_code == 403  # right, and to be changed first
    done = followup("centre", "delete", "ben@uni.example", "--yes", "--db", stocked.owner_url)
    assert done.returncode == 0 and "nothing of it is kept" in done.stdout
