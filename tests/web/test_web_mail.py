"""The Inbox page sets up the mailbox and syncs it (issue 23), against the real Dovecot the
mailbox tests start: the same checks and service as `followup mail setup|sync`, the password
in the keyring only (never in the config, the database or the address), a refused form
saving nothing, and a sync stopped at its time budget finishing later without a duplicate."""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from followup import service
from followup.core.caseio import loads
from followup.service import open_store
from tests import mailbox_server
from tests.conftest import sqlite_only
from tests.keyring_memory import MemoryKeyring, installed
from tests.mailbox.conftest import dovecot, needs_dovecot  # noqa: F401 - the fixture
from tests.web_helpers import token

FIXTURES = Path(__file__).parents[1] / "fixtures" / "mailbox"
DAY = date(2026, 3, 26)  # the fixture mailbox's today
pytestmark = [sqlite_only]


@pytest.fixture
def ring() -> Iterator[Any]:
    with installed() as backend:
        yield backend


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    from followup.web import WebSettings, create_app

    db = str(tmp_path / "web.db")
    store = open_store(db)
    for path in sorted((FIXTURES / "cases").glob("*.json")):
        service.import_cases(store, [loads(path.read_text(encoding="utf-8"))])
    store.close()
    app = create_app(WebSettings(db=db, today=DAY))
    return TestClient(app, base_url="http://127.0.0.1:8765", follow_redirects=False)


def _mailbox(server: mailbox_server.Dovecot) -> str:
    user = f"web{uuid.uuid4().hex[:8]}"
    server.add_user(user)
    for folder in ("Sent", "INBOX"):
        for path in sorted((FIXTURES / folder).glob("*.eml")):
            server.deliver(folder, path.read_bytes(), user=user)
    return user


def _setup(client: TestClient, **fields: str) -> Any:
    return client.post("/inbox/mailbox", data={**fields, "csrf_token": token(client, "/inbox")})


def _config() -> str:
    path = Path(os.environ["FOLLOWUP_HOME"])
    return "".join(p.read_text(errors="replace") for p in path.rglob("*") if p.is_file()
                   and p.suffix in (".toml", ".json", ".ini", ".cfg", ""))


@needs_dovecot
def test_set_up_with_a_typed_password_then_sync_shows_what_was_logged(
        client: TestClient, dovecot: mailbox_server.Dovecot, ring: MemoryKeyring,  # noqa: F811
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    user = _mailbox(dovecot)
    page = client.get("/inbox")
    assert "Set up the mailbox" in page.text and 'id="sync-now"' not in page.text
    answer = _setup(client, host="127.0.0.1", port=str(dovecot.port), user=user,
                    security="none", auth="password", password=mailbox_server.PASSWORD)
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"].endswith("?mail=checked#mailbox")
    assert ring.secrets == {("followup-imap", user): mailbox_server.PASSWORD}
    page = client.get(answer.headers["location"])
    assert "Login checked: it works." in page.text
    assert f"Reading <strong>{user}</strong> at 127.0.0.1:{dovecot.port}" in page.text
    assert 'id="sync-now"' in page.text

    synced = client.post("/inbox/sync", data={"csrf_token": token(client, "/inbox")})
    assert synced.status_code == 303, synced.text
    page = client.get(synced.headers["location"])
    report = re.search(r'id="sync-report">([^<]*)', page.text)
    assert report and report.group(1).startswith("Read 22 new messages: ")
    logged = int(re.search(r"(\d+) logged", report.group(1)).group(1))  # type: ignore[union-attr]
    assert logged > 0
    assert page.text.count("<li><strong>") == 22  # every message read, with its decision
    assert 'id="mail-logged"' in page.text and "skipped or unrelated, and why" in page.text
    # what the CLI sees: the same log, the same touches
    store = open_store(str(tmp_path / "web.db"))
    assert sum(1 for e in service.inbox.mail_log(store) if e["decision"] == "logged") == logged
    store.close()
    # the password went nowhere but the keyring
    for where in (_config(), (tmp_path / "web.db").read_bytes().decode("latin-1"),
                  caplog.text, answer.headers["location"]):
        assert mailbox_server.PASSWORD not in where

    again = client.post("/inbox/sync", data={"csrf_token": token(client, "/inbox")})
    assert "read=0" in again.headers["location"]  # nothing new, nothing twice


@needs_dovecot
def test_a_refused_login_saves_nothing(client: TestClient, dovecot: mailbox_server.Dovecot,  # noqa: F811
                                       ring: MemoryKeyring) -> None:
    dovecot_port = dovecot.port
    # The static passdb takes any login with the test password: a wrong one is refused.
    answer = _setup(client, host="127.0.0.1", port=str(dovecot_port), user="someone",
                    security="none", auth="password", password="not-the-password")
    assert answer.status_code == 400
    assert "login as someone refused" in answer.text
    assert 'value="someone"' in answer.text and "not-the-password" not in answer.text
    assert ring.secrets == {}
    assert "Set up the mailbox" in client.get("/inbox").text  # still not set up


@pytest.mark.parametrize(("fields", "beside", "says"), [
    ({"host": "", "port": "993", "user": "me"}, "host", "not a host name"),
    ({"host": "imap.example.org", "port": "abc", "user": "me"}, "port", "not a TCP port"),
    ({"host": "imap.example.org", "port": "70000", "user": "me"}, "port", "not a TCP port"),
    ({"host": "imap.example.org", "port": "993", "user": " "}, "user", "login is empty"),
    ({"host": "imap.example.org", "port": "993", "user": "me", "security": "ssl3"},
     "security", "not one of"),
    ({"host": "imap.example.org", "port": "143", "user": "me", "security": "none"},
     "security", "unencrypted"),
    ({"host": "imap.example.org", "port": "993", "user": "me", "auth": "kerberos"},
     "auth", "not password or xoauth2"),
])
def test_bad_settings_are_named_beside_their_field_and_nothing_is_saved(
        client: TestClient, ring: MemoryKeyring, fields: dict[str, str], beside: str | None,
        says: str) -> None:
    answer = _setup(client, **{"security": "tls", "auth": "password", "password": "pw-1",
                               **fields})
    assert answer.status_code == 400
    assert says in answer.text
    assert "Traceback" not in answer.text
    if beside:
        assert re.search(rf'id="{beside}-error" role="alert">[^<]*{says}', answer.text)
    assert ring.secrets == {}
    assert "Set up the mailbox" in client.get("/inbox").text


@needs_dovecot
def test_no_keyring_no_setup(client: TestClient, dovecot: mailbox_server.Dovecot) -> None:  # noqa: F811
    from keyring.backends import fail

    user = _mailbox(dovecot)
    with installed(fail.Keyring()):
        answer = _setup(client, host="127.0.0.1", port=str(dovecot.port), user=user,
                        security="none", auth="password", password=mailbox_server.PASSWORD)
    assert answer.status_code == 400
    assert "no keyring on this machine to keep the password" in answer.text
    assert "FOLLOWUP_IMAP_PASSWORD" in answer.text
    assert "Set up the mailbox" in client.get("/inbox").text


def test_sync_before_setup_and_without_a_token_are_refused(client: TestClient) -> None:
    answer = client.post("/inbox/sync", data={"csrf_token": token(client, "/inbox")})
    assert answer.status_code == 400
    assert "the mailbox is not set up" in answer.text
    assert client.post("/inbox/sync").status_code == 403  # no CSRF token
    assert client.post("/inbox/mailbox", data={"host": "x"}).status_code == 403


@needs_dovecot
def test_a_sync_stopped_at_its_budget_finishes_later_without_duplicates(
        dovecot: mailbox_server.Dovecot, ring: MemoryKeyring, tmp_path: Path) -> None:  # noqa: F811
    """A budget already spent stops after the first batch (saved whole); the next sync
    reads the rest; together they log what one sync does, nothing twice."""
    from followup.service import inbox

    user = _mailbox(dovecot)
    stores = []
    for name in ("split", "whole"):
        store = open_store(str(tmp_path / f"{name}.db"))
        for path in sorted((FIXTURES / "cases").glob("*.json")):
            service.import_cases(store, [loads(path.read_text(encoding="utf-8"))])
        stores.append(store)
    inbox.setup("127.0.0.1", dovecot.port, user, "none", password=mailbox_server.PASSWORD)
    first = inbox.sync_now(stores[0], DAY, budget=0, batch=3)
    assert first.unfinished and sum(first.folders.values()) < 22
    rest = inbox.sync_now(stores[0], DAY, batch=3)
    assert not rest.unfinished
    inbox.sync_now(stores[1], DAY)

    def log(store: Any) -> list[tuple[str, str]]:
        return sorted((e["message_id"], e["decision"]) for e in inbox.mail_log(store))

    assert log(stores[0]) == log(stores[1])
    assert len(log(stores[1])) == len({m for m, _ in log(stores[1])}) == 22
    for store in stores:
        store.close()


def test_one_sync_at_a_time_and_the_report_reads_from_the_address(client: TestClient) -> None:
    lock = client.app.state.mail_lock  # type: ignore[attr-defined]
    csrf = token(client, "/inbox")
    with lock:  # a sync running in another request
        answer = client.post("/inbox/sync", data={"csrf_token": csrf})
    assert answer.status_code == 409
    assert "a sync is already running" in answer.text
    page = client.get("/inbox?read=40&logged=3&queued=1&unfinished=1")
    assert "Read 40 new messages: 3 logged, 1 to review, 0 skipped" in page.text
    assert "It stopped at its time limit: Sync now again reads the rest." in page.text
    for odd in ("read=-1", "read=abc&logged=x", "mail=nonsense", "logged=" + "9" * 40):
        shown = client.get(f"/inbox?{odd}")
        assert shown.status_code == 200 and 'id="sync-report"' not in shown.text
    assert client.get("/inbox?read=" + "9" * 40).status_code == 422  # past its length
