"""CSRF bound to the server, the Origin check, and headers on every answer (issue 12).

Real app, real SQLite file, Starlette's TestClient (a real ASGI round trip); the attacker
is a client that sets whatever cookie, token and headers it likes.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from followup.service import open_store
from followup.web import security
from tests.web_helpers import make_client, token

FORM = {"company": "Evil", "role": "Heist"}


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return make_client(tmp_path)


def count(tmp_path: Path) -> int:
    return open_store(str(tmp_path / "web.db")).count()


@pytest.mark.parametrize("pair", ["x" * 43, "attacker-nonce.0123456789abcdef",
                                  "abc." + "0" * 64])
def test_an_equal_cookie_and_token_the_attacker_chose_is_refused(
        client: TestClient, tmp_path: Path, pair: str) -> None:
    client.cookies.set(security.COOKIE, pair)
    r = client.post("/opportunities", data={**FORM, "csrf_token": pair})
    assert r.status_code == 403
    assert count(tmp_path) == 0


def test_a_token_signed_by_another_server_is_refused(client: TestClient, tmp_path: Path) -> None:
    forged = security.new_token(b"another server's secret, 32 bytes!")
    client.cookies.set(security.COOKIE, forged)
    r = client.post("/opportunities", data={**FORM, "csrf_token": forged})
    assert r.status_code == 403 and count(tmp_path) == 0


@pytest.mark.parametrize("headers", [
    {"origin": "http://evil.example"},
    {"origin": "null"},
    {"origin": "http://127.0.0.1:9999"},
    {"sec-fetch-site": "cross-site"},
    {"sec-fetch-site": "same-site"},
    {"origin": "http://evil.example", "sec-fetch-site": "same-origin"},
])
def test_a_valid_token_from_another_origin_is_refused(
        client: TestClient, tmp_path: Path, headers: dict[str, str]) -> None:
    t = token(client)
    r = client.post("/opportunities", data={**FORM, "csrf_token": t}, headers=headers)
    assert r.status_code == 403, r.text
    assert count(tmp_path) == 0


@pytest.mark.parametrize("headers", [
    {}, {"origin": "http://127.0.0.1:8765"},
    {"origin": "http://127.0.0.1:8765", "sec-fetch-site": "same-origin"},
    # Chromium's form POST from our own page under Referrer-Policy: no-referrer
    {"origin": "null", "sec-fetch-site": "same-origin"},
])
def test_the_servers_own_pages_still_post(client: TestClient, tmp_path: Path,
                                          headers: dict[str, str]) -> None:
    t = token(client)
    r = client.post("/opportunities", data={"company": "Acme", "role": "Analyst",
                                            "csrf_token": t}, headers=headers)
    assert r.status_code == 303, r.text
    assert count(tmp_path) == 1


def test_the_secret_is_kept_in_a_private_file_and_reused(tmp_path: Path) -> None:
    home = Path(os.environ["FOLLOWUP_HOME"])
    c1 = make_client(tmp_path)
    t = token(c1)
    path = home / security.SECRET_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert t.split(".")[1] not in path.read_bytes().hex()  # the signature, not the key
    c2 = make_client(tmp_path)  # a restarted server accepts the page's token
    c2.cookies.set(security.COOKIE, t)
    r = c2.post("/opportunities", data={"company": "Acme", "role": "Analyst", "csrf_token": t})
    assert r.status_code == 303


def test_a_foreign_host_answer_has_the_security_headers(client: TestClient) -> None:
    ok = client.get("/")
    refused = client.get("/", headers={"host": "evil.example"})
    assert refused.status_code == 400
    for name in ("content-security-policy", "x-content-type-options", "referrer-policy",
                 "x-frame-options"):
        assert refused.headers[name] == ok.headers[name], name


def test_the_compose_kind_never_reaches_the_download_header(client: TestClient) -> None:
    t = token(client)
    client.post("/opportunities", data={"company": "Acme", "role": "Analyst",
                                        "csrf_token": t})
    ref = "acme-analyst"
    bad = client.post(f"/o/{ref}/compose/eml", data={
        "kind": 'x"\r\nSet-Cookie: a=b', "text": "Hi", "csrf_token": t})
    assert bad.status_code == 400 and "set-cookie: a=b" not in str(bad.headers).lower()
    bad = client.post(f"/o/{ref}/compose/eml", data={
        "kind": "thank_you", "to": 'x"; evil', "text": "Hi", "csrf_token": t})
    assert bad.status_code in (400, 404)


def test_web_forms_refuse_line_breaks_in_names(client: TestClient, tmp_path: Path) -> None:
    from tests.conftest import table_dump

    t = token(client)
    client.post("/opportunities", data={"company": "Acme", "role": "Analyst",
                                        "csrf_token": t})
    url = f"sqlite:///{tmp_path / 'web.db'}"
    before = table_dump(url)
    for path, data in (
        ("/o/acme-analyst/people", {"name": "Dana\r\nBcc: evil@example.com"}),
        ("/o/acme-analyst/people", {"name": "Dana", "title": "Head\nof"}),
        ("/opportunities", {"company": "Evil\r\nCo", "role": "Heist"}),
        ("/o/acme-analyst/interviews", {"at": "2026-03-25 10:00",
                                        "with_names": "Eve\u2028Bcc: x@y.example"}),
        ("/o/acme-analyst/interviews", {"at": "9999-12-31 10:00", "with_names": "Eve"}),
        ("/o/acme-analyst/interviews", {"at": "2026-03-25 10:00", "with_names": "Eve",
                                        "round": "9" * 5000}),
    ):
        r = client.post(path, data={**data, "csrf_token": t})
        assert r.status_code == 400, (path, data, r.status_code)
    assert table_dump(url) == before
