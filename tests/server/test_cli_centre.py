"""`followup centre init|add-user` and `followup server` as an operator runs them: real
processes, a real port, one-line errors with exit status 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from tests.server.conftest import needs_postgres
from tests.web.test_web_serve import free_port, wait_for

pytestmark = needs_postgres


def followup(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "followup", *args], capture_output=True,
                          text=True, env={**os.environ, **env}, timeout=120)


def one_line_error(done: subprocess.CompletedProcess[str], *words: str) -> None:
    assert done.returncode == 2, done
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    for word in words:
        assert word in done.stderr, done.stderr


@pytest.fixture
def role(db_url: str) -> Iterator[str]:
    name = f"app_{uuid.uuid4().hex[:12]}"
    yield name
    owner = create_engine(db_url, isolation_level="AUTOCOMMIT")
    with owner.connect() as conn:
        conn.exec_driver_sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                             f"WHERE usename = '{name}'")
        if conn.exec_driver_sql(f"SELECT 1 FROM pg_roles WHERE rolname = '{name}'").scalar():
            conn.exec_driver_sql(f"DROP OWNED BY {name}")
            conn.exec_driver_sql(f"DROP ROLE {name}")
    owner.dispose()


def test_init_add_user_and_a_server_process_answer(db_url: str, role: str) -> None:
    for _ in range(2):  # running it again is harmless
        done = followup("centre", "init", "--db", db_url, "--app-role", role,
                        FOLLOWUP_APP_PASSWORD="s3cret'%x")
        assert done.returncode == 0, done.stderr
        assert f"Role {role}: no superuser, no BYPASSRLS, owns no table" in done.stdout
    done = followup("centre", "add-user", "Ada@Uni.example", "--role", "student",
                    "--name", "Ada L", "--db", db_url, FOLLOWUP_PASSWORD="long enough pw")
    assert done.returncode == 0, done.stderr
    account = int(done.stdout.strip())
    port = free_port("127.0.0.1")
    app_url = make_url(db_url).set(username=role, password="s3cret'%x")
    proc = subprocess.Popen(
        [sys.executable, "-m", "followup", "server", "--db",
         app_url.render_as_string(hide_password=False), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}/api/v1"
    try:
        wait_for(f"{base}/audit", proc)
        request = urllib.request.Request(
            f"{base}/token", method="POST", headers={"content-type": "application/json"},
            data=json.dumps({"email": "ada@uni.example", "password": "long enough pw"}).encode())
        with urllib.request.urlopen(request, timeout=30) as r:
            signed = json.loads(r.read())
        assert (signed["account"], signed["role"]) == (account, "student")
        request = urllib.request.Request(
            f"{base}/opportunities", headers={"Authorization": f"Bearer {signed['token']}"})
        with urllib.request.urlopen(request, timeout=30) as r:
            assert json.loads(r.read()) == {"opportunities": []}
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/signin", timeout=30) as r:
            page = r.read().decode()  # the pages, from the same process
        assert 'name="password"' in page and 'name="csrf_token"' in page
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    assert f"followup server is at http://127.0.0.1:{port}/ (the API at /api/v1" in err
    assert "s3cret" not in err


def test_bad_input_is_one_line_and_exit_2(db_url: str, role: str, tmp_path: Path) -> None:
    one_line_error(followup("centre", "init", "--db", db_url, "--app-role", role),
                   "FOLLOWUP_APP_PASSWORD")
    one_line_error(followup("centre", "init", "--db", db_url, "--app-role", "Bad-Name",
                            FOLLOWUP_APP_PASSWORD="x"), "--app-role")
    one_line_error(followup("centre", "init", "--db", f"sqlite:///{tmp_path / 'a.db'}",
                            "--app-role", role, FOLLOWUP_APP_PASSWORD="x"), "PostgreSQL")
    assert followup("centre", "init", "--db", db_url, "--app-role", role,
                    FOLLOWUP_APP_PASSWORD="x").returncode == 0
    add = ("centre", "add-user", "ben@uni.example", "--name", "Ben", "--db", db_url)
    one_line_error(followup(*add, "--role", "dean", FOLLOWUP_PASSWORD="long enough pw"),
                   "--role")
    one_line_error(followup(*add, "--role", "coach", FOLLOWUP_PASSWORD="short"),
                   "FOLLOWUP_PASSWORD")
    one_line_error(followup("centre", "add-user", "not-an-address", "--name", "X", "--role",
                            "coach", "--db", db_url, FOLLOWUP_PASSWORD="long enough pw"),
                   "EMAIL")
    assert followup(*add, "--role", "coach", FOLLOWUP_PASSWORD="long enough pw").returncode == 0
    one_line_error(followup(*add, "--role", "coach", FOLLOWUP_PASSWORD="long enough pw"),
                   "ben@uni.example")
    one_line_error(followup("server", "--db", f"sqlite:///{tmp_path / 'a.db'}"), "PostgreSQL")
    app_url = make_url(db_url).set(username=role, password="x")
    one_line_error(followup("server", "--db", app_url.render_as_string(hide_password=False),
                            FOLLOWUP_SECRET_KEY="too short"), "FOLLOWUP_SECRET_KEY")
    owner = create_engine(db_url)
    with owner.connect() as conn:
        users = conn.exec_driver_sql("SELECT email, role FROM users").all()
    owner.dispose()
    assert users == [("ben@uni.example", "coach")]  # nothing else was written


def test_a_roster_is_added_whole_or_not_at_all(db_url: str, role: str,
                                                tmp_path: Path) -> None:
    assert followup("centre", "init", "--db", db_url, "--app-role", role,
                    FOLLOWUP_APP_PASSWORD="x").returncode == 0
    roster = tmp_path / "autumn.csv"

    def users() -> list[tuple[str, str, str]]:
        owner = create_engine(db_url)
        with owner.connect() as conn:
            rows = conn.exec_driver_sql("SELECT email, name, role FROM users ORDER BY email")
            found = [(r[0], r[1], r[2]) for r in rows]
        owner.dispose()
        return found

    for text, words in [
        ("email,name\nada@uni.example,Ada\nnot-an-address,Ben\n", "line 3 (email)"),
        ("email,name,role\nada@uni.example,Ada,student\nben@uni.example,Ben,dean\n",
         "line 3 (role)"),
        ("email,name,role\nada@uni.example,Ada,admin\n", "line 2: no admin"),
        ("email,name\nada@uni.example,Ada\nADA@uni.example,Ada L\n", "on the roster twice"),
        ("email,name\nada@uni.example,Ada,extra\n", "line 2: 3 columns"),
        ("mail,who\nada@uni.example,Ada\n", "line 1: the header"),
        ("email,name\nada@uni.example,\tAda\x07\n", "line 2 (name)"),
        ("email,name\n", "nobody"),
    ]:
        roster.write_text(text)
        one_line_error(followup("centre", "add-users", str(roster), "--db", db_url), words)
    assert users() == []  # nothing was written by any of them
    roster.write_text("email,name,role\nAda@uni.example,Ada Lovelace,\n"
                      "cora@uni.example,\"Cora, PhD\",coach\n\n")
    done = followup("centre", "add-users", str(roster), "--db", db_url)
    assert done.returncode == 0, done.stderr
    assert "Added 2 account(s)" in done.stdout
    assert users() == [("ada@uni.example", "Ada Lovelace", "student"),
                       ("cora@uni.example", "Cora, PhD", "coach")]
    one_line_error(followup("centre", "add-users", str(roster), "--db", db_url),
                   "ada@uni.example")  # a roster is added once
    add = ("centre", "add-user", "dan@uni.example", "--name", "Dan", "--db", db_url,
           "--no-password")
    one_line_error(followup(*add, "--role", "admin"), "OIDC-3")
    one_line_error(followup(*add, "--role", "student", FOLLOWUP_PASSWORD="long enough pw"),
                   "--no-password")
    assert followup(*add, "--role", "student").returncode == 0


def _children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        if entry.isdigit() and int(stat.rpartition(")")[2].split()[1]) == pid:
            out.append(int(entry))
    return out


def test_server_workers_share_one_port_and_one_session_key(db_url: str, role: str,
                                                           tmp_path: Path) -> None:
    """`--workers 2`: two processes on one port; a browser signed in on one is signed in on
    the other (one session key, made before they started), each request on a new
    connection; the key is made once, in the folder, 0600."""
    import httpx

    assert followup("centre", "init", "--db", db_url, "--app-role", role,
                    FOLLOWUP_APP_PASSWORD="pw").returncode == 0
    assert followup("centre", "add-user", "cora@uni.example", "--role", "coach", "--name",
                    "Cora", "--db", db_url, FOLLOWUP_PASSWORD="long enough pw").returncode == 0
    port = free_port("127.0.0.1")
    app_url = make_url(db_url).set(username=role, password="pw")
    env = {k: v for k, v in os.environ.items() if k != "FOLLOWUP_SECRET_KEY"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "followup", "server", "--db",
         app_url.render_as_string(hide_password=False), "--port", str(port), "--workers", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**env, "FOLLOWUP_HOME": str(tmp_path)})
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/signin", proc)
        assert len(_children(proc.pid)) >= 2  # uvicorn's supervisor and its two workers
        fresh = httpx.Limits(max_keepalive_connections=0)  # a new connection every request
        with httpx.Client(base_url=base, limits=fresh, timeout=30) as browser:
            browser.get("/signin")
            r = browser.post("/signin", data={
                "email": "cora@uni.example", "password": "long enough pw", "next": "/caseload",
                "csrf_token": browser.cookies["followup_csrf"]})
            assert r.status_code == 303, r.text
            pages = [browser.get("/caseload") for _ in range(8)]
        assert [p.status_code for p in pages] == [200] * 8
        assert all("No student has granted you access yet" in p.text for p in pages)
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=15)
    assert "(2 processes; the API at /api/v1" in err and "pw@" not in err
    key = tmp_path / "server-secret"
    assert key.exists() and key.stat().st_mode & 0o777 == 0o600
