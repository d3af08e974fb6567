"""`PUT /api/v1/mailbox` fed any body (the bar on every door from outside): anything but a
well-formed mailbox on the internet gets a one-line 4xx naming what is wrong and writes
nothing; never a 500. Hypothesis over field values of every JSON type and over raw bytes,
plus crafted bodies, on a real PostgreSQL; the vault's key is a file of the test's own.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from followup.server import ServerSettings, create_server
from tests.server.conftest import Centre, needs_postgres

pytestmark = needs_postgres

GOOD = {"host": "imap.uni.example", "port": 993, "security": "tls", "user": "ada",
        "password": "app password"}
CRAFTED = [b"", b"null", b"[]", b"{", b'{"host": "imap.uni.example"}',
           json.dumps({**GOOD, "port": 1e999}).encode(), json.dumps({**GOOD, "port": -1}).encode(),
           json.dumps({**GOOD, "port": "993"}).encode(),
           json.dumps({**GOOD, "host": "x" * 100_000}).encode(),
           json.dumps({**GOOD, "host": "imap\r\n.uni.example"}).encode(),
           json.dumps({**GOOD, "host": "169.254.169.254"}).encode(),
           json.dumps({**GOOD, "security": "none"}).encode(),
           json.dumps({**GOOD, "user": "a\x00b"}).encode(),
           json.dumps({**GOOD, "password": "p" * 100_000}).encode(),
           json.dumps({**GOOD, "extra": 1}).encode(),
           b'{"host":' * 50_000 + b"1" + b"}" * 50_000, b"\xff\xfe{\x00"]

values = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40) \
    | st.lists(st.integers(), max_size=2)
field_bodies = st.fixed_dictionaries({}, optional={k: values for k in GOOD}).map(
    lambda d: json.dumps({**GOOD, **d}).encode())
bodies = field_bodies | st.binary(max_size=80)


@pytest.fixture
def centre(centre_db: Centre, tmp_path: Path) -> Iterator[Centre]:
    c = centre_db
    c.app = create_server(ServerSettings(db=c.app_url, clock=c.clock,
                                         today=lambda: c.clock.now.date(),
                                         mailbox_keys=(str(tmp_path / "mailbox-key"),)))
    yield c


def _rows(c: Centre) -> int:
    with c.engine(c.owner_url).connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM mailbox_settings")).scalar() or 0)


def _answer(c: Centre, body: bytes) -> int:
    r = c.client().put("/api/v1/mailbox", content=body, headers={
        **c.auth("ada"), "Content-Type": "application/json"})
    assert r.status_code < 500, (body[:80], r.status_code, r.text[:200])
    if r.status_code != 200:
        assert 400 <= r.status_code < 500
        error = r.json()["error"]
        assert "\n" not in error and "Traceback" not in error and len(error) < 300, error
    return r.status_code


def test_crafted_mailbox_bodies_are_refused_in_one_line_and_write_nothing(
        centre: Centre) -> None:
    for body in CRAFTED:
        assert _answer(centre, body) >= 400, body[:80]
        assert _rows(centre) == 0


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(body=bodies)
def test_any_mailbox_body_is_kept_whole_or_refused_in_one_line(centre: Centre,
                                                                 body: bytes) -> None:
    before = _rows(centre)
    status = _answer(centre, body)
    assert _rows(centre) == (1 if status == 200 else before)
