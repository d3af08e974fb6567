"""Each student's mailbox synced by the centre's worker (issue 27), end to end: a real
PostgreSQL with the app role (`scripts/with-postgres.sh`), Debian's Dovecot
(tests/mailbox_server.py), real `followup worker` processes and real procrastinate workers.

What a student cares about: their sent note and the reply land in their own records and in
no one else's; a wrong password says so in one line and does not stop anyone else's sync;
a job that runs twice logs each message once; the password is nowhere in clear, and no
other account can reach their settings, which the database itself enforces.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from followup.jobs.queue import Runtime, make_app
from followup.jobs.worker import WorkerSettings, run
from followup.mailbox.vault import load_vault
from followup.server import ServerSettings, create_server
from followup.service import mailjob
from followup.service.centre import centre_engine
from tests import mailbox_server
from tests.mailbox.conftest import dovecot, needs_dovecot  # noqa: F401 - the fixture
from tests.server.conftest import Centre, needs_postgres
from tests.server.test_pages import browser, csrf, sign_in

pytestmark = [needs_postgres, needs_dovecot]

MAIL = Path(__file__).parents[1] / "fixtures" / "mailbox"
NOTE = MAIL / "Sent" / "01-thank-you-dana.eml"  # Alex's thank-you to Dana (Acme)
REPLY = MAIL / "INBOX" / "01-reply-dana-new-date.eml"  # Dana's answer, in its thread
LATER = MAIL / "INBOX" / "02-reply-dana-personal-thread.eml"  # her next one, days later
SECRET = mailbox_server.PASSWORD  # Dovecot's one password: what must never show in clear


def message_id(path: Path) -> str:
    found = re.search(r"^Message-ID: (<[^>]+>)", path.read_text(), re.M)
    assert found
    return found[1]


@dataclass
class MailCentre:
    c: Centre
    server: mailbox_server.Dovecot
    key: Path
    users: dict[str, str]  # "ada" -> her Dovecot login

    def api(self) -> TestClient:
        return self.c.client()

    def put(self, who: str, **fields: Any) -> Any:
        body = {"host": "127.0.0.1", "port": self.server.port, "security": "none",
                "user": self.users.get(who, who), "password": SECRET, **fields}
        return self.api().put("/api/v1/mailbox", json={k: v for k, v in body.items()
                                                        if v is not None},
                              headers=self.c.auth(who))

    def get(self, who: str) -> Any:
        r = self.api().get("/api/v1/mailbox", headers=self.c.auth(who))
        assert r.status_code == 200, r.text
        return r.json()["mailbox"]

    def deliver(self, who: str, folder: str, path: Path) -> None:
        self.server.deliver(folder, path.read_bytes(), user=self.users[who])

    def owner(self, sql: str, **params: Any) -> list[Any]:
        with self.c.engine(self.c.owner_url).connect() as conn:
            return list(conn.execute(text(sql), params).all())

    def logged(self, who: str) -> list[str]:
        """The Message-IDs of the touches in `who`'s records, one per touch."""
        return sorted(r[0] for r in self.owner(
            "SELECT t.message_id FROM touches t JOIN opportunities o ON o.id = t.opportunity_id "
            "WHERE o.account_id = :a AND t.message_id IS NOT NULL", a=self.c.ids[who]))

    def worker(self, *extra: str) -> subprocess.CompletedProcess[str]:
        """A real `followup worker` process that stops once the queue is empty."""
        done = subprocess.run(
            [sys.executable, "-m", "followup", "worker", "--db", self.c.app_url,
             "--smtp-host", "127.0.0.1", "--smtp-port", "2525", "--no-smtp-starttls",
             "--from", "followup@uni.example", "--until-empty", "--mailbox-key-file",
             str(self.key), "--allow-loopback-mailbox", "--no-schedule", *extra],
            capture_output=True, text=True, timeout=300, check=False)
        assert done.returncode == 0, done.stderr[-3000:]
        return done


@pytest.fixture
def mc(centre_db: Centre, dovecot: mailbox_server.Dovecot,  # noqa: F811 - the fixture
       tmp_path: Path) -> Iterator[MailCentre]:
    """Ada and Ben each hold Acme's opportunity (the same people, the same addresses) and a
    Dovecot mailbox of their own; the API allows a mailbox on loopback (Dovecot's)."""
    key = tmp_path / "mailbox-key"
    c = centre_db
    c.app = create_server(ServerSettings(db=c.app_url, clock=c.clock,
                                         today=lambda: c.clock.now.date(),
                                         mailbox_keys=(str(key),), mailbox_loopback=True))
    users = {}
    for who in ("ada", "ben"):
        users[who] = f"{who}{uuid.uuid4().hex[:8]}"
        dovecot.add_user(users[who])
        r = c.client().post("/api/v1/cases", content=(MAIL / "cases" / "acme.json").read_text(),
                            headers=c.auth(who))
        assert r.status_code == 201, r.text
    yield MailCentre(c, dovecot, key, users)


def every_table_text(m: MailCentre) -> str:
    """Every row of every table of the centre's schema, as text (the owner reads all)."""
    out = []
    tables = [r[0] for r in m.owner("SELECT table_name FROM information_schema.tables "
                                    "WHERE table_schema = current_schema()")]
    assert "mailbox_settings" in tables and "procrastinate_jobs" in tables
    for table in tables:
        out += [repr(tuple(row)) for row in m.owner(f'SELECT * FROM "{table}"')]
    return "\n".join(out)


# -- the settings: the API's shapes, its refusals, nothing of the password shown ------------


def test_a_student_sets_shows_and_removes_their_mailbox(mc: MailCentre) -> None:
    assert mc.get("ada") is None
    r = mc.put("ada")
    assert r.status_code == 200, r.text
    shown = r.json()["mailbox"]
    assert shown == {"host": "127.0.0.1", "port": mc.server.port, "security": "none",
                     "user": mc.users["ada"], "password_stored": True, "last_sync": None}
    assert mc.get("ada") == shown and mc.get("ben") is None  # Ben sees none of it
    kept = mc.put("ada", password=None)  # the same server: the stored password stays
    assert kept.status_code == 200 and kept.json()["mailbox"]["password_stored"]
    assert mc.api().delete("/api/v1/mailbox", headers=mc.c.auth("ada")).status_code == 204
    assert mc.get("ada") is None
    assert mc.owner("SELECT 1 FROM mailbox_settings") == []


@pytest.mark.parametrize(("fields", "said"), [
    ({"port": "143"}, "port:"), ({"port": 0}, "port: 0 is not a TCP port"),
    ({"port": True}, "port:"), ({"security": "ssl"}, "security: 'ssl' is not one of"),
    ({"host": "imap.example.org\r\nX: y"}, "host:"), ({"host": ""}, "host:"),
    ({"user": "  "}, "user:"), ({"user": "a\nb"}, "user:"), ({"pasword": "x"}, '"pasword"'),
    ({"host": "imap.example.org", "security": "none"}, "security: none would send"),
    ({"password": "x\r\nA1 LOGOUT"}, "password:"), ({"password": 5}, "password:"),
])
def test_a_bad_setting_is_refused_naming_the_field_and_nothing_is_kept(
        mc: MailCentre, fields: dict[str, Any], said: str) -> None:
    assert mc.put("ada").status_code == 200
    before = mc.owner("SELECT host, port, security, login, secret FROM mailbox_settings")
    r = mc.put("ada", **fields)
    assert r.status_code == 400, r.text
    error = r.json()["error"]
    assert said in error and "\n" not in error
    assert mc.owner("SELECT host, port, security, login, secret FROM mailbox_settings") == before


def test_the_password_is_asked_again_wherever_it_would_go_elsewhere(mc: MailCentre) -> None:
    new = mc.put("ben", password=None)
    assert new.status_code == 400 and new.json()["error"].startswith("password: required")
    assert mc.put("ada").status_code == 200
    for change in ({"port": mc.server.tls_port}, {"user": "someone-else"},
                   {"host": "localhost"}):
        r = mc.put("ada", password=None, **change)
        assert r.status_code == 400 and r.json()["error"].startswith("password:"), change
    coach = mc.put("cora")
    assert coach.status_code == 400 and "student" in coach.json()["error"]
    for bad in (b"{", b"[]", b'"x"'):
        r = mc.api().put("/api/v1/mailbox", content=bad, headers=mc.c.auth("ada"))
        assert r.status_code == 400 and "body" in r.json()["error"], bad


def test_the_centre_s_own_machine_is_refused_unless_allowed(centre_db: Centre) -> None:
    r = centre_db.client().put("/api/v1/mailbox", headers=centre_db.auth("ada"), json={
        "host": "127.0.0.1", "port": 143, "security": "starttls", "user": "ada",
        "password": "pw"})
    assert r.status_code == 400 and r.json()["error"].startswith("host: 127.0.0.1 is the "
                                                                 "centre's own machine")


@pytest.mark.parametrize("host", ["10.1.2.3", "192.168.0.10", "172.16.5.5", "169.254.169.254",
                                  "100.64.0.1", "0.0.0.0", "[fd00::1]", "fe80::1", "224.0.0.1"])
def test_an_address_of_the_centre_s_networks_is_refused(centre_db: Centre, host: str) -> None:
    """SSRF: a student's mailbox must not make the worker knock on the centre's neighbours
    (a cloud's metadata service, a database on the private network)."""
    r = centre_db.client().put("/api/v1/mailbox", headers=centre_db.auth("ada"), json={
        "host": host, "port": 993, "security": "tls", "user": "ada", "password": "pw"})
    assert r.status_code == 400, r.text
    error = r.json()["error"]
    assert error.startswith("host: ") and "not an address on the internet" in error, error
    assert "\n" not in error


def test_a_name_resolving_into_the_centre_s_networks_is_refused_when_the_worker_connects(
        mc: MailCentre) -> None:
    """A name is checked as late as can be: its addresses just before the connection.
    A name set before this check existed (written here straight into the table) that
    resolves to loopback, which this worker does not allow: the sync says so in one line,
    and reads nothing."""
    from followup.mailbox.vault import load_vault
    from followup.service import mailjob

    assert mc.put("ada").status_code == 200
    with mc.c.engine(mc.c.owner_url).begin() as conn:
        conn.execute(text("UPDATE mailbox_settings SET host = 'localhost'"))
    mc.deliver("ada", "INBOX", REPLY)
    done = mailjob.sync_account(centre_engine(mc.c.app_url), load_vault([mc.key]),
                                mc.c.ids["ada"], date(2026, 3, 26), datetime(2026, 3, 26, 1))
    assert not done.synced
    assert done.why.startswith("host: localhost resolves to "), done
    assert ", not an address on the internet" in done.why and "\n" not in done.why
    assert mc.logged("ada") == []
    assert mailjob.reachable_problem("192.0.2.1", 993, False) is not None  # documentation net
    assert mailjob.address_problem("127.0.0.1", loopback_ok=True) is None


def test_no_account_reaches_another_s_mailbox_settings_the_database_enforces_it(
        mc: MailCentre) -> None:
    assert mc.put("ada").status_code == 200
    ada, ben = mc.c.ids["ada"], mc.c.ids["ben"]
    engine = mc.c.engine()  # the app role: no superuser, no BYPASSRLS, owns nothing
    for who in (ben, mc.c.ids["cora"]):
        with engine.connect() as conn, conn.begin():
            conn.execute(text("SELECT set_config('app.account_id', :a, true)"), {"a": str(who)})
            assert conn.execute(text("SELECT * FROM mailbox_settings")).all() == []
            gone = conn.execute(text("UPDATE mailbox_settings SET host = 'evil.example' "
                                     "WHERE account_id = :a"), {"a": ada})
            assert gone.rowcount == 0
            assert conn.execute(text("DELETE FROM mailbox_settings")).rowcount == 0
    with engine.connect() as conn, conn.begin():  # no account set: nothing at all
        assert conn.execute(text("SELECT count(*) FROM mailbox_settings")).scalar() == 0
    with pytest.raises(Exception, match="row-level security"), engine.connect() as conn, \
            conn.begin():
        conn.execute(text("SELECT set_config('app.account_id', :a, true)"), {"a": str(ben)})
        conn.execute(text("INSERT INTO mailbox_settings (account_id, host, port, security, "
                          "login, secret, updated_at) VALUES (:a, 'h', 1, 'tls', 'u', 's', "
                          "now())"), {"a": ada})
    # a grant opens a student's records to a coach, not the mailbox
    assert mc.api().post("/api/v1/grants", json={"coach": "cora@uni.example"},
                         headers=mc.c.auth("ada")).status_code == 201
    with engine.connect() as conn, conn.begin():
        conn.execute(text("SELECT set_config('app.account_id', :a, true)"),
                     {"a": str(mc.c.ids["cora"])})
        assert conn.execute(text("SELECT * FROM mailbox_settings")).all() == []
    assert [r[0] for r in mc.owner("SELECT host FROM mailbox_settings")] == ["127.0.0.1"]


# -- the sync by a worker ---------------------------------------------------------------


def test_a_worker_logs_each_student_s_mail_in_their_own_records_only(
        mc: MailCentre, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    mc.deliver("ada", "Sent", NOTE)
    mc.deliver("ada", "INBOX", REPLY)
    assert mc.put("ada").status_code == 200
    assert mc.put("ben", password="not-" + SECRET).status_code == 200  # a wrong one
    for who in ("ada", "ben"):
        r = mc.api().post("/api/v1/mailbox/sync", headers=mc.c.auth(who))
        assert r.status_code == 202 and r.json() == {"queued": True}, r.text
    again = mc.api().post("/api/v1/mailbox/sync", headers=mc.c.auth("ada"))
    assert again.json() == {"queued": False}  # one is waiting: a second click adds none

    done = mc.worker()

    assert mc.logged("ada") == sorted([message_id(NOTE), message_id(REPLY)])
    assert mc.logged("ben") == []  # the same Dana, the same company: not his mail
    ada, ben = mc.get("ada")["last_sync"], mc.get("ben")["last_sync"]
    assert ada["ok"] and ada["result"].startswith("Read 2 new messages: 2 logged"), ada
    assert not ben["ok"]
    assert re.fullmatch(rf"127\.0\.0\.1:\d+: login as {mc.users['ben']} refused: .+",
                        ben["result"]), ben
    assert mc.owner("SELECT 1 FROM procrastinate_jobs WHERE status <> 'succeeded'") == []
    # nowhere in clear: not a table, not the worker's output, not this process's log
    assert SECRET not in every_table_text(mc)
    assert SECRET not in done.stdout + done.stderr
    assert SECRET not in caplog.text
    assert mc.users["ben"] in done.stderr  # its failure is logged, one line, no password


def test_a_duplicated_sync_job_logs_each_message_once(mc: MailCentre) -> None:
    mc.deliver("ada", "Sent", NOTE)
    mc.deliver("ada", "INBOX", REPLY)
    assert mc.put("ada").status_code == 200
    engine = centre_engine(mc.c.app_url)
    mc.c.engines.append(engine)
    rt = Runtime(engine, None, vault=load_vault([mc.key]), mailbox_loopback=True)
    app = make_app(mc.c.app_url)
    with app.open():  # three copies at once, no queueing lock: a retry, a double tick
        for _ in range(3):
            app.tasks["followup.sync_mailbox"].defer(account=mc.c.ids["ada"])
    run(mc.c.app_url, rt, WorkerSettings(concurrency=3, wait=False, signals=False, schedule=False))
    assert mc.logged("ada") == sorted([message_id(NOTE), message_id(REPLY)])
    assert len(mc.owner("SELECT message_id FROM mail_messages")) == 2

    mc.deliver("ada", "INBOX", LATER)  # the next sync reads only what is new
    with app.open():
        app.tasks["followup.sync_mailbox"].defer(account=mc.c.ids["ada"])
        app.tasks["followup.sync_mailbox"].defer(account=mc.c.ids["ada"])
    run(mc.c.app_url, rt, WorkerSettings(concurrency=2, wait=False, signals=False, schedule=False))
    assert mc.logged("ada") == sorted([message_id(NOTE), message_id(REPLY), message_id(LATER)])
    assert mc.get("ada")["last_sync"]["result"].startswith("Read 0 new messages")

    # removed and set up again: every folder is read from the start, nothing logged twice
    assert mc.api().delete("/api/v1/mailbox", headers=mc.c.auth("ada")).status_code == 204
    assert mc.owner("SELECT 1 FROM mail_folders") == []
    assert mc.put("ada").status_code == 200
    again = mailjob.sync_account(engine, rt.vault, mc.c.ids["ada"], date(2026, 3, 26),
                                 datetime(2026, 3, 26, 1), loopback_ok=True)
    assert again.why.startswith("Read 3 new messages: 0 logged"), again
    assert mc.logged("ada") == sorted([message_id(NOTE), message_id(REPLY), message_id(LATER)])


def test_a_failing_mailbox_does_not_stop_the_others_and_a_hostile_mail_is_skipped(
        mc: MailCentre) -> None:
    mc.deliver("ada", "INBOX", REPLY)
    mc.server.deliver("INBOX", b"From: \x00\xff\r\nSubject: =?x?q?\r\n\r\n" + b"\xff" * 5000,
                      user=mc.users["ada"])
    assert mc.put("ada").status_code == 200
    assert mc.put("ben", port=mailbox_server.free_port()).status_code == 200  # nothing there
    engine = centre_engine(mc.c.app_url)
    mc.c.engines.append(engine)
    vault = load_vault([mc.key])
    day, now = date(2026, 3, 26), datetime(2026, 3, 26, 1, 0)
    ben = mailjob.sync_account(engine, vault, mc.c.ids["ben"], day, now, loopback_ok=True)
    assert not ben.synced and "cannot connect" in ben.why and "\n" not in ben.why
    ada = mailjob.sync_account(engine, vault, mc.c.ids["ada"], day, now, loopback_ok=True)
    assert ada.synced and ada.why.startswith("Read 2 new messages: 1 logged"), ada
    assert mc.logged("ada") == [message_id(REPLY)]
    cora = mailjob.sync_account(engine, vault, mc.c.ids["cora"], day, now, loopback_ok=True)
    assert (cora.synced, cora.why) == (False, "not set up")


def test_a_rotated_key_still_opens_the_password_and_the_sync_moves_it_to_the_new_key(
        mc: MailCentre, tmp_path: Path) -> None:
    mc.deliver("ada", "INBOX", REPLY)
    assert mc.put("ada").status_code == 200  # sealed with the first key
    new = tmp_path / "mailbox-key-2"
    load_vault([new])  # made, 0600
    engine = centre_engine(mc.c.app_url)
    mc.c.engines.append(engine)
    before = mc.owner("SELECT secret FROM mailbox_settings")[0][0]
    done = mailjob.sync_account(engine, load_vault([new, mc.key]), mc.c.ids["ada"],
                                date(2026, 3, 26), datetime(2026, 3, 26, 1), loopback_ok=True)
    assert done.synced, done
    after = mc.owner("SELECT secret FROM mailbox_settings")[0][0]
    assert after != before and load_vault([new]).open(after) == SECRET
    os.remove(mc.key)  # the old key may go now
    again = mailjob.sync_account(engine, load_vault([new]), mc.c.ids["ada"],
                                 date(2026, 3, 26), datetime(2026, 3, 26, 1), loopback_ok=True)
    assert again.synced and again.why.startswith("Read 0 new messages"), again


# -- the page ------------------------------------------------------------------------------


def test_the_mailbox_page_sets_it_up_with_csrf_and_queues_a_sync(mc: MailCentre) -> None:
    ada = sign_in(mc.c, "ada")
    page = ada.get("/mailbox")
    assert page.status_code == 200 and "Not set up yet" in page.text
    assert re.search(r'href="[^"]*/mailbox"[^>]*>Mailbox</a>', page.text)  # the menu
    form = {"host": "127.0.0.1", "port": str(mc.server.port), "security": "starttls",
            "user": mc.users["ada"], "password": SECRET}
    assert ada.post("/mailbox", data=form).status_code == 403  # no CSRF token: refused
    assert mc.get("ada") is None
    bad = ada.post("/mailbox", data={**form, "port": "x9", "csrf_token": csrf(ada)})
    assert bad.status_code == 400 and "port:" in bad.text
    assert SECRET not in bad.text  # the form comes back without the password
    ok = ada.post("/mailbox", data={**form, "csrf_token": csrf(ada)})
    assert ok.status_code == 303 and ok.headers["location"] == "/mailbox?done=saved"
    shown = ada.get("/mailbox").text
    assert f"Reading <strong>{mc.users['ada']}</strong>" in shown and SECRET not in shown
    assert "Not synced yet" in shown
    queued = ada.post("/mailbox/sync", data={"csrf_token": csrf(ada)})
    assert queued.headers["location"] == "/mailbox?done=queued"
    assert len(mc.owner("SELECT 1 FROM procrastinate_jobs WHERE task_name = "
                        "'followup.sync_mailbox'")) == 1
    gone = ada.post("/mailbox/remove", data={"csrf_token": csrf(ada)})
    assert gone.status_code == 303 and mc.get("ada") is None
    coach = sign_in(mc.c, "cora").get("/mailbox")
    assert coach.status_code == 200 and "Only a student's mailbox" in coach.text
    assert browser(mc.c).get("/mailbox").status_code == 303  # signed out: to the sign-in


def test_the_worker_refuses_a_key_file_others_may_read(mc: MailCentre) -> None:
    load_vault([mc.key])
    mc.key.chmod(0o644)
    done = subprocess.run(
        [sys.executable, "-m", "followup", "worker", "--db", mc.c.app_url, "--smtp-host",
         "127.0.0.1", "--from", "followup@uni.example", "--until-empty",
         "--mailbox-key-file", str(mc.key)], capture_output=True, text=True, timeout=120,
        check=False)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1].endswith(f"chmod 600 {mc.key}")
    assert "Traceback" not in done.stderr


def test_the_hourly_tick_queues_one_sync_per_student_at_the_mail_hour(mc: MailCentre) -> None:
    from datetime import UTC
    from zoneinfo import ZoneInfo

    engine = centre_engine(mc.c.app_url)
    mc.c.engines.append(engine)
    rt = Runtime(engine, None, ZoneInfo("Europe/Berlin"), vault=load_vault([mc.key]),
                 mailbox_loopback=True)
    app = make_app(mc.c.app_url, rt)
    tick = app.tasks["followup.mail_nightly"]
    with app.open():
        assert tick(timestamp=int(datetime(2026, 3, 23, 1, tzinfo=UTC).timestamp())) == \
            {"queued": 0}  # 01:00 UTC is 02:00 in Berlin: the plan's hour, not the mail's
        at_one_there = int(datetime(2026, 3, 23, 0, tzinfo=UTC).timestamp())
        assert tick(timestamp=at_one_there) == {"queued": 2}  # Ada and Ben, no coach
        assert tick(timestamp=at_one_there) == {"queued": 0}  # still waiting: none added
    queued = mc.owner("SELECT args FROM procrastinate_jobs "
                      "WHERE task_name = 'followup.sync_mailbox'")
    assert sorted(r[0]["account"] for r in queued) == sorted([mc.c.ids["ada"], mc.c.ids["ben"]])


def test_what_the_sync_queued_is_reviewed_on_the_student_s_inbox_only(mc: MailCentre) -> None:
    """The worker's sync queues what it is unsure of; the student reviews it on the Inbox
    page (the desktop's review, served on the centre without the desktop's mailbox form);
    nobody else reaches the item, by the page or by its number."""
    for path in sorted((MAIL / "INBOX").glob("*.eml")):
        mc.deliver("ada", "INBOX", path)
    assert mc.put("ada").status_code == 200
    done = mailjob.sync_account(centre_engine(mc.c.app_url), load_vault([mc.key]),
                                mc.c.ids["ada"], date(2026, 3, 26), datetime(2026, 3, 26, 1),
                                loopback_ok=True)
    assert done.synced, done
    waiting = mc.owner("SELECT id, subject, account_id FROM mail_reviews "
                       "WHERE state = 'waiting' ORDER BY id")
    assert waiting, done.why  # the fixtures hold mail the sync cannot be sure of
    assert {row[2] for row in waiting} == {mc.c.ids["ada"]}
    first = waiting[0][0]
    ada = sign_in(mc.c, "ada")
    page = ada.get("/inbox")
    assert page.status_code == 200, page.text[:300]
    assert re.search(r'set up on the <a href="[^"]*/mailbox">Mailbox</a> page', page.text)
    assert 'id="mail-form"' not in page.text and 'id="sync-form"' not in page.text
    assert f'id="item-{first}"' in page.text
    ben = sign_in(mc.c, "ben")
    assert f'id="item-{first}"' not in ben.get("/inbox").text
    stolen = ben.post(f"/inbox/{first}/ignore", data={"csrf_token": csrf(ben)})
    assert stolen.status_code in (400, 404), stolen.status_code
    assert ada.post(f"/inbox/{first}/ignore", data={}).status_code == 403  # no CSRF token
    ignored = ada.post(f"/inbox/{first}/ignore", data={"csrf_token": csrf(ada)})
    assert ignored.status_code == 303, ignored.text[:300]
    assert mc.owner("SELECT state FROM mail_reviews WHERE id = :i", i=first) == [("ignored",)]
    assert f'id="item-{first}"' not in ada.get("/inbox").text
    for desktop_only in ("/inbox/mailbox", "/inbox/sync"):  # the desktop's mailbox stays off
        assert ada.post(desktop_only, data={"csrf_token": csrf(ada)}).status_code == 404
