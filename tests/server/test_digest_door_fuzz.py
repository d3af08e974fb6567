"""`PUT /api/v1/digest` fed any body (issue 20's bar on today's door): every body that is not
exactly `{"on": true|false}` from a student gets a one-line 4xx naming what is wrong, and
writes nothing (the opt-in row stays as it was); never a 500. Hypothesis over JSON-ish
bodies and bytes, plus the crafted ones (deep nesting, huge numbers, NaN, bad UTF-8,
a body past the size cap), on a real PostgreSQL.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from tests.server.conftest import Centre, needs_postgres

pytestmark = needs_postgres

CRAFTED = [b"", b"null", b"true", b"[]", b'"on"', b"{", b'{"on": 1}', b'{"on": "true"}',
           b'{"on": null}', b'{"off": true}', b'{"on": NaN}', b'{"on": 1e999}',
           b"[" * 100_000 + b"]" * 100_000, b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
           b'{"on": ' + b"9" * 100_000 + b"}", b"\xff\xfe{\x00", b'{"on": tru\xc3e}',
           b'{"on": true, "on": "x"}', b" " * 2_000_001 + b'{"on": true}']

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["on", "off", "On", ""]) | st.text(max_size=5), inner, max_size=3),
    max_leaves=8)
bodies = json_values.map(lambda v: json.dumps(v).encode()).filter(
    lambda b: json.loads(b) not in ({"on": True}, {"on": False})) | st.binary(max_size=60)


def _opted_in(c: Centre) -> bool:
    with c.engine(c.owner_url).connect() as conn:
        return conn.execute(text("SELECT count(*) FROM digest_settings WHERE account_id = :a"),
                            {"a": c.ids["ada"]}).scalar() == 1


def _refused(c: Centre, body: bytes, who: str = "ada") -> None:
    r = c.client().put("/api/v1/digest", content=body, headers={
        **c.auth(who), "Content-Type": "application/json"})
    assert 400 <= r.status_code < 500, (body[:80], r.status_code, r.text[:200])
    error = r.json()["error"]
    assert "\n" not in error and "Traceback" not in error and len(error) < 200


def test_crafted_digest_bodies_are_refused_in_one_line_and_write_nothing(
        centre_db: Centre) -> None:
    c = centre_db
    for body in CRAFTED:
        _refused(c, body)
        assert not _opted_in(c)
    assert c.client().put("/api/v1/digest", json={"on": True},
                          headers=c.auth("ada")).status_code == 200
    for body in CRAFTED:
        _refused(c, body)
        assert _opted_in(c)  # still on: a bad body turns nothing off


def test_a_coach_or_admin_cannot_opt_in(centre_db: Centre) -> None:
    for who in ("cora", "root"):
        if who in centre_db.ids:
            _refused(centre_db, b'{"on": true}', who)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(bodies)
def test_any_other_body_is_a_one_line_4xx(centre_db: Centre, body: bytes) -> None:
    _refused(centre_db, body)
    assert not _opted_in(centre_db)
