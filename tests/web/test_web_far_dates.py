"""Far dates on the web (issue 20, item 6): `GET /when` with year 9999 (with or without a
browser's cookie) and the interview, promise and touch forms meet the limits the CLI's
records meet, in one line; nothing is a 500, nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.web.test_web import add_acme
from tests.web_helpers import make_client

LIMIT = "9999-12-31 is outside 1970-01-01 to 2036-03-03"  # ten years after TODAY


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    made = make_client(tmp_path)
    made.raise_server_exceptions = False  # a 500 must show as one, not as an exception
    return made


@pytest.mark.parametrize("query", [
    {"at": "9999-12-31 23:00"},
    {"at_pick": "9999-12-31T23:59"},
    {"at": "9999-12-31 23:00", "promised": "in two weeks"},  # was an OverflowError, a 500
    {"at_pick": "9999-12-31T23:59", "promised": "by Friday"},
])
def test_when_echo_names_the_limit_for_year_9999(client: TestClient,
                                                 query: dict[str, str]) -> None:
    client.cookies.clear()  # no token, no cookie: a GET needs none
    r = client.get("/when", params=query)
    assert r.status_code == 200
    assert f"when: {LIMIT}" in r.text


def test_a_phrase_too_far_for_python_is_a_400_not_a_500(client: TestClient) -> None:
    r = client.get("/when", params={"at": "2026-03-02 10:00",
                                    "promised": "in 9999999 weeks"})
    assert r.status_code in (200, 400)
    assert "out of range" in r.text or "more than a year" in r.text


def test_the_forms_refuse_year_9999_and_write_nothing(client: TestClient) -> None:
    t = add_acme(client)
    before = client.get("/o/acme-analyst").text
    r = client.post("/o/acme-analyst/interviews", data={
        "at": "9999-12-31 10:00", "with_names": "Dana Whitfield", "promised": "in two weeks",
        "csrf_token": t})
    assert r.status_code == 400 and f"when: {LIMIT}" in r.text
    r = client.post("/o/acme-analyst/interviews/r1/edit", data={
        "at": "9999-12-31 10:00", "with_names": "Dana Whitfield", "csrf_token": t})
    assert r.status_code == 400 and f"when: {LIMIT}" in r.text
    r = client.post("/o/acme-analyst/interviews/r1/promise", data={
        "by": "9999-12-31", "channel": "email", "csrf_token": t})
    assert r.status_code == 400 and "more than a year after the interview" in r.text
    r = client.post("/o/acme-analyst/touches", data={
        "direction": "out", "kind": "thank_you", "channel": "email",
        "at": "9999-12-31 17:30", "new_by": "in two weeks", "csrf_token": t})
    assert r.status_code == 400
    assert client.get("/o/acme-analyst").text == before
