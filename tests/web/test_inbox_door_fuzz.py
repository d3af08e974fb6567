"""The Inbox page's two forms attacked (issue 20's bar on today's door): the mailbox setup
form fed hostile host names (CRLF, spaces, 10,000 characters, bad IDN labels), ports out of
range or in other digits, CA file paths that are a device, a FIFO, a directory, a huge or
missing file; both forms without their CSRF token or under a foreign Host. Each is a
one-line 400/403 with nothing saved. Then against a real server: a mailbox server that
takes the connection and never answers gets a one-line 400 while other pages keep
answering, and one that answers garbage a one-line 400, never a 500.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup import service
from followup.web import WebSettings, create_app
from followup.web.server import config
from tests.conftest import sqlite_only
from tests.keyring_memory import installed
from tests.web.test_web_serve import free_port
from tests.web_helpers import token

pytestmark = [sqlite_only]


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    db = str(tmp_path / "web.db")
    service.open_store(db).close()
    app = create_app(WebSettings(db=db))
    with installed():
        yield TestClient(app, base_url="http://127.0.0.1:8765", follow_redirects=False)


def _config() -> str:
    home = Path(os.environ["FOLLOWUP_HOME"])
    return "".join(p.read_text(errors="replace") for p in home.rglob("*") if p.is_file())


def _refused(client: TestClient, **fields: str) -> str:
    before = _config()
    answer = client.post("/inbox/mailbox", data={
        "host": "imap.example.org", "port": "993", "user": "ada", "security": "tls",
        "auth": "password", **fields, "csrf_token": token(client, "/inbox")})
    assert answer.status_code == 400, (fields, answer.status_code)
    found = re.search(r'role="alert"[^>]*>\s*([^<]*)<', answer.text) or re.search(
        r'class="error"[^>]*>\s*([^<]*)<', answer.text)
    assert found, answer.text[:500]
    assert "\n" not in found.group(1).strip() and "Traceback" not in answer.text
    assert _config() == before  # nothing saved
    return found.group(1).strip()


HOSTS = ["imap.example.org\r\nX: y", "imap example.org", "h" * 10_000, "-bad-.example",
         "a..b", "\x00", "xn--", "imap.example.org\u202e", " "]
PORTS = ["0", "65536", "-1", "99999999999999999999999", "9" * 5_000, "²", "٩٩٣", "993.0",
         "0x3e1", "", "1e3"]


def test_hostile_hosts_and_ports_are_refused_in_one_line(client: TestClient) -> None:
    for host in HOSTS:
        assert "host" in _refused(client, host=host).lower()
    for port in PORTS:
        assert "port" in _refused(client, port=port).lower()


def test_ca_files_that_no_one_can_read_safely_are_refused(client: TestClient,
                                                          tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)  # opening it would block the page for good
    huge = tmp_path / "huge.pem"
    with huge.open("wb") as f:
        f.truncate(50_000_000)  # sparse: 50 MB that take no disk
    for path in ("/dev/zero", str(fifo), str(tmp_path), str(huge), str(tmp_path / "none.pem"),
                 "x" * 10_000):
        assert "cafile" in _refused(client, cafile=path).lower()


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.text(max_size=40).filter(lambda h: h.strip() and not re.fullmatch(
    r"[A-Za-z0-9_.-]+", h.strip())), st.text(max_size=8).filter(lambda p: not p.strip().isascii()
                                                                 or not p.strip().isdigit()))
def test_any_odd_host_or_port_is_a_400_never_a_500(client: TestClient, host: str,
                                                  port: str) -> None:
    answer = client.post("/inbox/mailbox", data={
        "host": host, "port": port, "user": "ada", "security": "tls", "auth": "password",
        "csrf_token": token(client, "/inbox")})
    assert answer.status_code == 400


def test_both_forms_need_their_token_and_our_host(client: TestClient) -> None:
    csrf = token(client, "/inbox")
    good = {"host": "127.0.0.1", "port": "1", "user": "ada", "security": "none",
            "csrf_token": csrf}
    for path in ("/inbox/mailbox", "/inbox/sync"):
        assert client.post(path, data={**good, "csrf_token": ""}).status_code == 403
        assert client.post(path, data={**good, "csrf_token": csrf[:-1] + "x"}).status_code == 403
        foreign = client.post(path, data=good, headers={"Host": "evil.example"})
        assert 400 <= foreign.status_code < 500
    assert "127.0.0.1" not in _config()


# -- against a real server -------------------------------------------------------------


class Silent:
    """A TCP server that accepts and then says nothing (or `garbage`) until stopped."""

    def __init__(self, garbage: bytes = b"") -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.sock.getsockname()[1])
        self.accepted = threading.Event()
        self.garbage = garbage
        self.held: list[socket.socket] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.held.append(conn)
            self.accepted.set()
            if self.garbage:
                conn.sendall(self.garbage)
                conn.close()

    def close(self) -> None:
        self.sock.close()
        for conn in self.held:
            conn.close()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    db = str(tmp_path / "served.db")
    service.open_store(db).close()
    port = free_port("127.0.0.1")
    server = uvicorn.Server(config(create_app(WebSettings(db=db)), "127.0.0.1", port))
    thread = threading.Thread(target=server.run)
    with installed():
        thread.start()
        try:
            while not server.started:
                threading.Event().wait(0.05)
            yield f"http://127.0.0.1:{port}"
        finally:
            server.should_exit = True
            thread.join(timeout=60)


def _post_setup(base: str, fields: dict[str, str]) -> tuple[int, str]:
    with urllib.request.urlopen(f"{base}/inbox", timeout=30) as r:
        page = r.read().decode()
        cookie = r.headers["set-cookie"].split(";")[0]
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert csrf
    data = urllib.parse.urlencode({**fields, "csrf_token": csrf.group(1)}).encode()
    request = urllib.request.Request(f"{base}/inbox/mailbox", data=data,
                                     headers={"Cookie": cookie})
    try:
        with urllib.request.urlopen(request, timeout=120) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def test_a_server_that_never_answers_gets_a_one_line_400_and_the_app_keeps_answering(
        served: str) -> None:
    silent = Silent()
    done: dict[str, Any] = {}
    fields = {"host": "127.0.0.1", "port": str(silent.port), "user": "ada",
              "security": "tls", "auth": "password", "password": "pw"}
    worker = threading.Thread(target=lambda: done.update(r=_post_setup(served, fields)))
    worker.start()
    try:
        assert silent.accepted.wait(60)  # the login try is now waiting on the silent server
        with urllib.request.urlopen(f"{served}/", timeout=30) as r:
            assert r.status == 200  # other pages answer meanwhile
        assert "r" not in done  # (the setup was still waiting when the page answered)
        worker.join(timeout=120)
        status, page = done["r"]
        assert status == 400 and "Traceback" not in page
        assert re.search(r"timed out|did not answer|cannot connect|time", page, re.I), page[-800:]
    finally:
        silent.close()


@pytest.mark.parametrize("garbage", [b"\x00\xff" * 500, b"* BYE\r\n",
                                     b"* OK " + b"A" * 200_000 + b"\r\n"])
def test_a_server_that_answers_garbage_gets_a_one_line_400(served: str, garbage: bytes) -> None:
    junk = Silent(garbage)
    try:
        status, page = _post_setup(served, {
            "host": "127.0.0.1", "port": str(junk.port), "user": "ada", "security": "none",
            "auth": "password", "password": "pw"})
        assert status == 400 and "Traceback" not in page, (status, page[-500:])
    finally:
        junk.close()
