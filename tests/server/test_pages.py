"""The web app's pages on the centre server (a real PostgreSQL, the app role): sign-in,
sessions, CSRF, and each signed-in person on their own account only."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.server.conftest import PASSWORD, Centre, later, needs_postgres

pytestmark = needs_postgres

BASE = "http://127.0.0.1"


def browser(c: Centre) -> TestClient:
    return TestClient(c.app, base_url=BASE, follow_redirects=False)


def csrf(client: TestClient) -> str:
    if "followup_csrf" not in client.cookies:
        client.get("/signin")
    return str(client.cookies["followup_csrf"])


def sign_in(c: Centre, who: str, password: str = PASSWORD) -> TestClient:
    client = browser(c)
    r = client.post("/signin", data={"email": f"{who}@uni.example", "password": password,
                                     "next": "/pipeline", "csrf_token": csrf(client)})
    assert r.status_code == 303, r.text
    assert r.headers["location"] == "/pipeline"
    return client


def test_pages_need_a_sign_in_and_the_session_cookie_is_guarded(stocked: Centre) -> None:
    client = browser(stocked)
    for path in ("/", "/pipeline", "/o/acme-analyst", "/insights"):
        r = client.get(path)
        assert r.status_code == 303 and r.headers["location"].startswith("/signin"), path
        assert "acme" not in r.text.lower()
    assert client.get("/o/acme-analyst").headers["location"] == "/signin?next=%2Fo%2Facme-analyst"
    htmx = client.get("/pipeline", headers={"hx-request": "true"})
    assert htmx.headers["hx-redirect"].startswith("/signin")
    form = client.get("/signin")
    assert form.status_code == 200
    assert re.search(r'name="csrf_token" value="[^"]+"', form.text)
    # the sign-in form itself needs the CSRF pair (login CSRF)
    refused = client.post("/signin", data={"email": "ada@uni.example", "password": PASSWORD})
    assert refused.status_code == 403
    wrong = client.post("/signin", data={"email": "ada@uni.example", "password": "nope",
                                         "csrf_token": csrf(client)})
    assert wrong.status_code == 401 and "wrong email or password" in wrong.text
    assert "followup_session" not in wrong.headers.get("set-cookie", "")
    ok = client.post("/signin", data={"email": "ADA@uni.example", "password": PASSWORD,
                                      "next": "//evil.example/", "csrf_token": csrf(client)})
    assert ok.status_code == 303 and ok.headers["location"] == "/"  # no open redirect
    cookie = ok.headers["set-cookie"].lower()
    assert "followup_session=" in cookie and "httponly" in cookie and "samesite=lax" in cookie
    assert "max-age=" in cookie
    assert client.get("/").status_code == 200


def test_a_forged_or_foreign_session_cookie_signs_nobody_in(stocked: Centre) -> None:
    ada = sign_in(stocked, "ada")
    stolen = str(ada.cookies["followup_session"])
    other = browser(stocked)
    other.cookies.set("followup_session", stolen[:-3] + "AAA")
    assert other.get("/pipeline").status_code == 303
    other.cookies.set("followup_session", stolen)  # the real cookie works (it is a bearer)
    assert other.get("/pipeline").status_code == 200


def test_each_student_sees_only_their_own_pages(stocked: Centre) -> None:
    ada, ben = sign_in(stocked, "ada"), sign_in(stocked, "ben")
    mine = ada.get("/o/acme-analyst")
    assert mine.status_code == 200 and "Acme Analytics" in mine.text
    assert "Acme" in ada.get("/pipeline").text
    theirs = ben.get("/o/acme-analyst")
    assert theirs.status_code == 404 and "Acme" not in theirs.text, theirs.text[-1500:]
    assert "Acme" not in ben.get("/pipeline").text and "Acme" not in ben.get("/").text
    assert "Northwind" in ben.get("/pipeline").text
    assert ben.get("/o/northwind-ae").status_code == 200
    assert ada.get("/o/northwind-ae").status_code == 404
    # a write through a page cannot reach another account's opportunity either
    r = ben.post("/o/acme-analyst/touches", data={"csrf_token": csrf(ben), "note": "x"})
    assert r.status_code == 404, r.text[-500:]
    assert ben.post("/o/northwind-ae/touches", data={"csrf_token": csrf(ben), "note": "x"}
                    ).status_code == 303  # the same form on his own: written
    assert "Acme" in ada.get("/pipeline").text


def test_a_coach_with_a_grant_still_sees_only_their_own_pages(stocked: Centre) -> None:
    """The grant opens the API's student calls (and the caseload); the pages are the signed-in
    person's own board, whatever the database would let them read."""
    student = stocked.client()
    r = student.post("/api/v1/grants", json={"coach": "cora@uni.example"},
                     headers=stocked.auth("ada"))
    assert r.status_code == 201
    cora = sign_in(stocked, "cora")
    assert cora.get("/o/acme-analyst").status_code == 404
    board = cora.get("/pipeline").text
    assert "Hale" in board and "Acme" not in board


def test_a_page_write_lands_in_the_signed_in_account_only(stocked: Centre) -> None:
    ben = sign_in(stocked, "ben")
    r = ben.post("/opportunities", data={"csrf_token": csrf(ben), "company": "Birchwood Labs",
                                         "role": "Account Executive"})
    assert r.status_code == 303, r.text
    client = stocked.client()
    companies = {who: [o["company"] for o in client.get(
        "/api/v1/opportunities", headers=stocked.auth(who)).json()["opportunities"]]
        for who in ("ada", "ben")}
    assert "Birchwood Labs" in companies["ben"] and "Birchwood Labs" not in companies["ada"]
    # without the CSRF token, nothing is written
    r = ben.post("/opportunities", data={"company": "Nope Inc", "role": "Analyst"})
    assert r.status_code == 403
    assert "Nope Inc" not in ben.get("/pipeline").text


def test_every_form_on_the_pages_carries_the_csrf_token(stocked: Centre) -> None:
    ada = sign_in(stocked, "ada")
    token = csrf(ada)
    for path in ("/", "/pipeline", "/o/acme-analyst", "/opportunities/new", "/insights"):
        page = ada.get(path)
        assert page.status_code == 200, path
        forms = re.findall(r"<form[^>]*method=\"post\"[^>]*>(.*?)</form>", page.text, re.S)
        assert forms, path
        for form in forms:
            assert f'name="csrf_token" value="{token}"' in form, (path, form[:200])


def test_sign_out_revokes_the_session_on_the_server(stocked: Centre) -> None:
    ada = sign_in(stocked, "ada")
    kept = str(ada.cookies["followup_session"])
    assert ada.post("/signout", data={}).status_code == 403  # CSRF on sign-out too
    r = ada.post("/signout", data={"csrf_token": csrf(ada)})
    assert r.status_code == 303 and r.headers["location"].endswith("/signin")
    replay = browser(stocked)
    replay.cookies.set("followup_session", kept)  # a copy of the cookie kept elsewhere
    assert replay.get("/pipeline").status_code == 303


def test_a_session_expires(stocked: Centre) -> None:
    ada = sign_in(stocked, "ada")
    later(stocked, hours=9)
    assert ada.get("/pipeline").status_code == 303


def test_sign_in_is_rate_limited_like_the_api(stocked: Centre) -> None:
    client = browser(stocked)
    for _ in range(10):
        r = client.post("/signin", data={"email": "ben@uni.example", "password": "bad",
                                         "csrf_token": csrf(client)})
        assert r.status_code == 401
    r = client.post("/signin", data={"email": "ben@uni.example", "password": PASSWORD,
                                     "csrf_token": csrf(client)})
    assert r.status_code == 429 and "too many failed sign-ins" in r.text
    api = stocked.client().post("/api/v1/token", json={"email": "ben@uni.example",
                                                       "password": PASSWORD})
    assert api.status_code == 429


def test_desktop_only_pages_and_foreign_hosts_are_refused(stocked: Centre) -> None:
    ada = sign_in(stocked, "ada")
    assert ada.post("/settings/policy", data={"csrf_token": csrf(ada), "key": "x",
                                              "value": "1"}).status_code == 404
    for path in ("/inbox/mailbox", "/inbox/sync"):  # this machine's mailbox: the desktop's
        assert ada.post(path, data={"csrf_token": csrf(ada)}).status_code == 404
    inbox = ada.get("/inbox")  # the review of what her sync queued is hers to see
    assert inbox.status_code == 200 and 'id="mail-form"' not in inbox.text
    evil = TestClient(stocked.app, base_url="http://evil.example", follow_redirects=False)
    assert evil.get("/signin").status_code == 400
