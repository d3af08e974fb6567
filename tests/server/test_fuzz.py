"""Random requests at the centre server (API and pages) on a real PostgreSQL: whatever the
method, path, headers and body, the answer is never a 5xx and never a traceback, and
nobody's records show up in an answer to someone who may not read them.

Not schemathesis: the API parses its bodies itself (CONTRACT.md's shapes, one-line errors
with the field's path), so FastAPI's OpenAPI schema would describe no body and its cases
would be the ones below, minus the pages."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.server.conftest import Centre, needs_postgres
from tests.server.test_pages import BASE

pytestmark = needs_postgres

SEGMENT = st.one_of(st.sampled_from(["acme-analyst", "northwind-ae", "1", "0", "-1", "..",
                                     "99999999999999999999", "ada@uni.example", "%00"]),
                    st.text(max_size=20))
PATHS = ["/api/v1/token", "/api/v1/cases", "/api/v1/opportunities", "/api/v1/grants",
         "/api/v1/grants/{}", "/api/v1/caseload", "/api/v1/students/{}/opportunities",
         "/api/v1/audit", "/api/v1/export", "/api/v1/{}", "/", "/pipeline", "/o/{}",
         "/o/{}/touches", "/o/{}/compose", "/signin", "/signout", "/password", "/export",
         "/insights", "/calendar", "/opportunities", "/{}", "/o/{}?done=1", "/?done={}"]
JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=30),
                    lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.sampled_from(["email", "password", "coach", "cases",
                                                       "version", "opportunity", "id"])
                                      | st.text(max_size=8), inner, max_size=4),
                    max_leaves=12)


@st.composite
def requests(draw: st.DrawFn) -> dict[str, Any]:
    path = draw(st.sampled_from(PATHS)).format(quote(draw(SEGMENT), safe=""))
    body = draw(st.one_of(JSON.map(lambda v: json.dumps(v).encode()), st.binary(max_size=60),
                          st.just(b"")))
    headers = {"content-type": draw(st.sampled_from(
        ["application/json", "application/x-www-form-urlencoded", "multipart/form-data",
         "text/plain", ""]))}
    who = draw(st.sampled_from(["ada", "cora", "adam", None, "junk"]))
    if draw(st.booleans()):
        headers["hx-request"] = "true"
    return {"method": draw(st.sampled_from(["GET", "POST", "DELETE", "PUT", "HEAD"])),
            "path": path, "body": body, "headers": headers, "who": who,
            "cookie": draw(st.booleans())}


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow])
@given(request=requests())
def test_random_requests_never_fail_the_server(stocked: Centre, request: dict[str, Any]
                                               ) -> None:
    from fastapi.testclient import TestClient

    client = TestClient(stocked.app, base_url=BASE, follow_redirects=False,
                        raise_server_exceptions=False)
    headers = dict(request["headers"])
    if request["who"] == "junk":
        headers["authorization"] = "Bearer not-a-token"
    elif request["who"] is not None:
        headers.update(stocked.auth(request["who"]))
    if request["cookie"]:
        client.get("/signin")  # a CSRF cookie, as a browser holds
    r = client.request(request["method"], request["path"], content=request["body"],
                       headers=headers)
    assert r.status_code < 500, (request, r.status_code, r.text[:300])
    assert "Traceback" not in r.text
    if request["who"] in ("cora", "adam", "junk", None):  # Ada granted nobody here
        assert "Acme Analytics" not in r.text, request
