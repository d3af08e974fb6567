"""The centre's JSON API (CONTRACT.md "Centre server") against a real PostgreSQL as the app
role: who reads whose records, consent and its end, tokens, the rate limit, the audit log."""

from __future__ import annotations

import json

from tests.conftest import table_dump
from tests.server.conftest import PASSWORD, Centre, case_text, later, needs_postgres

pytestmark = needs_postgres


def test_each_account_lists_only_its_own_opportunities(stocked: Centre) -> None:
    client = stocked.client()
    for who, mine in (("ada", "acme-analyst"), ("ben", "northwind-ae"),
                      ("cora", "hale-porter-associate"), ("adam", None)):
        r = client.get("/api/v1/opportunities", headers=stocked.auth(who))
        assert r.status_code == 200
        found = r.json()["opportunities"]
        assert [o["id"] for o in found] == ([mine] if mine else [])
    ada = client.get("/api/v1/opportunities", headers=stocked.auth("ada")).json()
    first = ada["opportunities"][0]
    assert (first["company"], first["role"]) == ("Acme Analytics", "Senior Data Analyst")
    assert first["stage"] in ("applied", "interviewing", "waiting", "dormant", "closed")
    assert first["next"] is None or {"kind", "due", "state", "rules", "why"} <= set(first["next"])


def test_nobody_reads_a_student_without_a_grant_and_404_tells_nothing(stocked: Centre) -> None:
    client = stocked.client()
    ada = stocked.ids["ada"]
    missing = max(stocked.ids.values()) + 1000
    for who in ("ben", "cora", "adam"):  # a student, a coach without a grant, an admin
        headers = stocked.auth(who)
        there = client.get(f"/api/v1/students/{ada}/opportunities", headers=headers)
        nowhere = client.get(f"/api/v1/students/{missing}/opportunities", headers=headers)
        assert there.status_code == nowhere.status_code == 404
        assert "acme" not in there.text.lower()
        assert there.json()["error"].replace(str(ada), "N") == \
            nowhere.json()["error"].replace(str(missing), "N")
    assert client.get("/api/v1/caseload", headers=stocked.auth("cora")).json() == \
        {"students": []}


def test_a_grant_opens_the_students_records_to_that_coach_and_the_audit_shows_it(
        stocked: Centre) -> None:
    client = stocked.client()
    ada, cora = stocked.auth("ada"), stocked.auth("cora")
    r = client.post("/api/v1/grants", json={"coach": "Cora@uni.example"}, headers=ada)
    assert r.status_code == 201
    own = client.get("/api/v1/opportunities", headers=ada).json()
    seen = client.get(f"/api/v1/students/{stocked.ids['ada']}/opportunities", headers=cora)
    assert seen.status_code == 200 and seen.json() == own
    load = client.get("/api/v1/caseload", headers=cora).json()["students"]
    assert [(s["account"], s["name"], s["opportunities"]) for s in load] == \
        [(stocked.ids["ada"], "Ada", 1)]
    nxt = own["opportunities"][0]["next"]
    assert load[0]["next_due"] == (nxt["due"] if nxt else None)
    assert load[0]["overdue"] == int(bool(nxt and nxt["state"] == "overdue"))
    # another coach, the admin and another student still see nothing of Ada
    for who in ("cole", "adam", "ben"):
        assert client.get(f"/api/v1/students/{stocked.ids['ada']}/opportunities",
                          headers=stocked.auth(who)).status_code == 404
    # Ben granted nobody: Cora's grant from Ada opens nothing of his
    assert client.get(f"/api/v1/students/{stocked.ids['ben']}/opportunities",
                      headers=cora).status_code == 404
    later(stocked, minutes=5)
    client.get(f"/api/v1/students/{stocked.ids['ada']}/opportunities", headers=cora)
    events = client.get("/api/v1/audit", headers=ada).json()["events"]
    assert [e["actor"] for e in events] == ["cora@uni.example"] * 3
    assert events[0]["action"] == "read opportunities"
    assert events[0]["at"] > events[-1]["at"]  # newest first
    assert {e["action"] for e in events} == {"read opportunities", "read caseload summary"}
    # Ada reading her own records is not an event; Cora's audit (nobody read her) is empty
    assert client.get("/api/v1/audit", headers=cora).json() == {"events": []}


def test_revoking_a_grant_ends_access_on_the_next_request(stocked: Centre) -> None:
    client = stocked.client()
    ada, cora = stocked.auth("ada"), stocked.auth("cora")
    assert client.post("/api/v1/grants", json={"coach": "cora@uni.example"},
                       headers=ada).status_code == 201
    url = f"/api/v1/students/{stocked.ids['ada']}/opportunities"
    assert client.get(url, headers=cora).status_code == 200
    assert client.delete("/api/v1/grants/cora@uni.example", headers=ada).status_code == 204
    assert client.get(url, headers=cora).status_code == 404
    assert client.get("/api/v1/caseload", headers=cora).json() == {"students": []}
    # granting again opens it again; the ended grant stays on record (owner's view)
    assert client.post("/api/v1/grants", json={"coach": "cora@uni.example"},
                       headers=ada).status_code == 201
    assert client.get(url, headers=cora).status_code == 200
    from sqlalchemy import create_engine

    owner = create_engine(stocked.owner_url)
    with owner.connect() as conn:
        rows = conn.exec_driver_sql("SELECT ended_at IS NULL FROM grants ORDER BY id").all()
    owner.dispose()
    assert [r[0] for r in rows] == [False, True]


def test_grants_name_a_coach_or_get_404(stocked: Centre) -> None:
    client = stocked.client()
    ada = stocked.auth("ada")
    for address in ("nobody@uni.example", "ben@uni.example", "adam@uni.example"):
        r = client.post("/api/v1/grants", json={"coach": address}, headers=ada)
        assert r.status_code == 404, address
        assert client.delete(f"/api/v1/grants/{address}", headers=ada).status_code == 404
    assert client.post("/api/v1/grants", json={}, headers=ada).status_code == 400
    assert client.post("/api/v1/grants", content=b"{", headers=ada).status_code == 400


def test_tokens_expire_and_revoke(centre_db: Centre) -> None:
    client = centre_db.client()
    token = centre_db.token("ada")
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/opportunities", headers=headers).status_code == 200
    later(centre_db, hours=11, minutes=59)
    assert client.get("/api/v1/opportunities", headers=headers).status_code == 200
    later(centre_db, minutes=2)
    r = client.get("/api/v1/opportunities", headers=headers)
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    fresh = {"Authorization": f"Bearer {centre_db.token('ada')}"}
    assert client.delete("/api/v1/token", headers=fresh).status_code == 204
    assert client.get("/api/v1/opportunities", headers=fresh).status_code == 401
    # only the hash is stored: the token itself is nowhere in the database
    dump = json.dumps(table_dump(centre_db.owner_url))
    assert token not in dump and PASSWORD not in dump


def test_401_without_a_valid_token_on_every_call(centre_db: Centre) -> None:
    client = centre_db.client()
    calls = [("get", "/api/v1/opportunities"), ("post", "/api/v1/cases"),
             ("post", "/api/v1/grants"), ("delete", "/api/v1/grants/cora@uni.example"),
             ("get", "/api/v1/caseload"), ("get", "/api/v1/students/1/opportunities"),
             ("get", "/api/v1/audit")]
    for headers in ({}, {"Authorization": "Bearer not-a-token"},
                    {"Authorization": "Basic YWRhOng="}):
        for method, url in calls:
            kwargs = {"json": {"coach": "cora@uni.example"}} if method == "post" else {}
            r = getattr(client, method)(url, headers=headers, **kwargs)
            assert r.status_code == 401, (method, url, headers)
    assert client.post("/api/v1/token", json={"email": "ada@uni.example",
                                              "password": "wrong"}).status_code == 401
    assert client.post("/api/v1/token", json={"email": "who@uni.example",
                                              "password": PASSWORD}).status_code == 401


def test_ten_failures_a_minute_per_address_then_429(centre_db: Centre) -> None:
    wrong = {"email": "ada@uni.example", "password": "guess"}
    for n in range(10):  # from ten different clients: the address is what counts
        assert centre_db.client(f"10.0.0.{n}").post("/api/v1/token",
                                                     json=wrong).status_code == 401
    right = {"email": "ada@uni.example", "password": PASSWORD}
    other = centre_db.client("10.0.1.1")
    assert other.post("/api/v1/token", json=right).status_code == 429
    assert other.post("/api/v1/token", json={"email": "ben@uni.example",
                                             "password": PASSWORD}).status_code == 200
    later(centre_db, seconds=61)
    assert other.post("/api/v1/token", json=right).status_code == 200


def test_ten_failures_a_minute_per_client_then_429(centre_db: Centre) -> None:
    client = centre_db.client("10.9.9.9")
    for n in range(10):  # ten different addresses from one client
        r = client.post("/api/v1/token", json={"email": f"x{n}@uni.example", "password": "p"})
        assert r.status_code == 401
    r = client.post("/api/v1/token", json={"email": "ada@uni.example", "password": PASSWORD})
    assert r.status_code == 429 and "error" in r.json()
    assert centre_db.client("10.9.9.8").post(
        "/api/v1/token", json={"email": "ada@uni.example", "password": PASSWORD}
    ).status_code == 200


def test_a_bad_case_file_is_400_with_its_field_and_writes_nothing(centre_db: Centre) -> None:
    client = centre_db.client()
    headers = centre_db.auth("ada")
    before = table_dump(centre_db.owner_url)
    bad = json.loads(case_text("contract_example.json"))
    bad["interviews"][0]["at"] = "someday"
    r = client.post("/api/v1/cases", content=json.dumps(bad), headers=headers)
    assert r.status_code == 400 and "interviews[0].at" in r.json()["error"]
    assert client.post("/api/v1/cases", content=b"\xff\xfe", headers=headers).status_code == 400
    assert client.post("/api/v1/cases", content=b"[1,", headers=headers).status_code == 400
    after = [t for t in table_dump(centre_db.owner_url) if t[0] != "api_tokens"]
    assert after == [t for t in before if t[0] != "api_tokens"]
    good = case_text("contract_example.json")
    assert client.post("/api/v1/cases", content=good, headers=headers).status_code == 201
    again = client.post("/api/v1/cases", content=good, headers=headers)
    assert again.status_code == 400 and "acme-analyst" in again.json()["error"]


def test_two_accounts_may_hold_the_same_opportunity_id(centre_db: Centre) -> None:
    client = centre_db.client()
    for who in ("ada", "ben"):
        r = client.post("/api/v1/cases", content=case_text("contract_example.json"),
                        headers=centre_db.auth(who))
        assert r.status_code == 201, r.text
        assert [o["id"] for o in client.get("/api/v1/opportunities", headers=centre_db.auth(
            who)).json()["opportunities"]] == ["acme-analyst"]


def test_a_foreign_host_is_refused_on_loopback(centre_db: Centre) -> None:
    r = centre_db.client().get("/api/v1/audit", headers={"Host": "evil.example",
                                                         **centre_db.auth("ada")})
    assert r.status_code == 400
