"""Sign-in by OpenID Connect against a real provider on loopback (tests/server/idp.py,
authlib's server side): the whole browser round trip through real HTTP, the ID token's
checks each broken on purpose, the account rules OIDC-1..OIDC-4, and no secret in the logs
or the database.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from fastapi.testclient import TestClient

from followup.server import ServerSettings, create_server
from followup.service.oidc import Provider
from tests.server.conftest import Centre, needs_postgres
from tests.server.idp import KEY, OTHER_KEY, Person, TestProvider, running

pytestmark = needs_postgres

BASE = "http://127.0.0.1"  # a Host the pages answer to
SECRET = b"a test secret that signs sessions, 32+ bytes"


@dataclass
class Flow:
    centre: Centre
    idp: TestProvider

    def client(self) -> TestClient:
        return TestClient(self.centre.app, base_url=BASE, follow_redirects=False)

    def to_provider(self, browser: TestClient) -> str:
        """The sign-in button: our redirect to the provider's authorization endpoint."""
        r = browser.get("/signin/oidc")
        assert r.status_code == 303, r.text
        assert r.headers["location"].startswith(f"{self.idp.base}/authorize?")
        return r.headers["location"]

    def provider_answer(self, authorize_url: str) -> str:
        """The provider's redirect back to us (a real HTTP call to it)."""
        r = httpx.get(authorize_url, follow_redirects=False)
        assert r.status_code == 302, r.text
        back = urlsplit(r.headers["location"])
        assert back.path == "/signin/oidc/callback"
        return f"{back.path}?{back.query}"

    def sign_in(self, browser: TestClient, who: str | None = None) -> httpx.Response:
        if who is not None:
            self.idp.who = who
        return browser.get(self.provider_answer(self.to_provider(browser)))


@contextmanager
def provider_for(centre_db: Centre) -> Iterator[Flow]:
    idp = TestProvider(clock=centre_db.clock, redirect_uris=[f"{BASE}/signin/oidc/callback"],
                       people={
        "s-ada": Person("s-ada", "Ada@uni.example", name="Ada"),
        "s-ben": Person("s-ben", "ben@uni.example", email_verified=False, name="Ben"),
        "s-adam": Person("s-adam", "adam@uni.example", name="Adam"),
        "s-zoe": Person("s-zoe", "zoe@uni.example", name="Zoe"),
        "s-cora": Person("s-cora", "cora@uni.example", name="Cora")})
    with running(idp):
        provider = Provider.configured("Uni Login", idp.metadata_url, idp.client_id,
                                       idp.client_secret)
        centre_db.app = create_server(ServerSettings(
            db=centre_db.app_url, clock=centre_db.clock, oidc=provider, secret=SECRET,
            today=lambda: centre_db.clock.now.date()))
        yield Flow(centre_db, idp)


@pytest.fixture
def flow(centre_db: Centre) -> Iterator[Flow]:
    """The centre's five people, no records, and the provider."""
    with provider_for(centre_db) as made:
        yield made


@pytest.fixture
def stocked_flow(stocked: Centre) -> Iterator[Flow]:
    """The same with Ada's, Ben's and Cora's records."""
    with provider_for(stocked) as made:
        yield made


def one_line_refusal(r: httpx.Response, status: int, words: str) -> None:
    assert r.status_code == status, r.text
    line = r.text.split('role="alert">', 1)[1].split("</p>", 1)[0]
    assert "\n" not in line and words in line, line
    assert "Traceback" not in r.text


def test_the_sign_in_page_offers_the_provider(flow: Flow) -> None:
    page = flow.client().get("/signin")
    assert page.status_code == 200
    assert re.search(r'<a class="button primary" href="[^"]*/signin/oidc">Sign in with Uni '
                     r"Login</a>", page.text), page.text[-800:]


def test_a_student_signs_in_and_reaches_their_pages(stocked_flow: Flow) -> None:
    flow = stocked_flow
    browser = flow.client()
    assert browser.get("/o/acme-analyst").status_code == 303  # to the sign-in first
    r = flow.sign_in(browser, "s-ada")
    assert r.status_code == 303, r.text
    assert r.headers["location"] == "/"
    assert "followup_session" in browser.cookies
    assert "followup_oidc" not in browser.cookies  # used up
    mine = browser.get("/o/acme-analyst")
    assert mine.status_code == 200 and "Acme Analytics" in mine.text
    assert browser.get("/o/northwind-ae").status_code == 404  # Ben's, not hers
    # the next sign-in finds the same account by its (issuer, sub), not by its address
    flow.idp.people["s-ada"].email = "ada.lovelace@alumni.example"
    again = flow.client()
    assert flow.sign_in(again, "s-ada").status_code == 303
    assert "Acme Analytics" in again.get("/o/acme-analyst").text
    # and the API, by its token, sees the same account
    assert [o["id"] for o in flow.centre.client().get(
        "/api/v1/opportunities", headers=flow.centre.auth("ada")).json()["opportunities"]
    ] == ["acme-analyst"]


def test_a_deactivated_account_does_not_sign_in(flow: Flow) -> None:
    from followup.service import centre

    assert flow.sign_in(flow.client(), "s-ada").status_code == 303
    centre.deactivate_account(flow.centre.owner_url, "ada@uni.example", flow.centre.clock.now)
    browser = flow.client()
    one_line_refusal(flow.sign_in(browser, "s-ada"), 403, "deactivated")
    assert "followup_session" not in browser.cookies


def test_the_authorization_request_uses_pkce_state_and_nonce(flow: Flow) -> None:
    url = flow.to_provider(flow.client())
    query = parse_qs(urlsplit(url).query)
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["code_challenge"][0]) >= 43
    assert len(query["state"][0]) >= 32 and len(query["nonce"][0]) >= 32
    assert query["response_type"] == ["code"]
    assert "openid" in query["scope"][0].split()
    assert "client_secret" not in url and flow.idp.client_secret not in url


def test_a_replayed_answer_is_refused(flow: Flow) -> None:
    """The same answer again, with the very cookie it came with (an eavesdropper, a
    back button): the state was used up by the first."""
    flow.idp.who = "s-ada"
    browser = flow.client()
    answer = flow.provider_answer(flow.to_provider(browser))
    cookie = {"cookie": f"followup_oidc={browser.cookies['followup_oidc']}"}
    assert browser.get(answer).status_code == 303
    one_line_refusal(flow.client().get(answer, headers=cookie), 401, "used already")


def test_an_answer_in_another_browser_is_refused(flow: Flow) -> None:
    flow.idp.who = "s-ada"
    answer = flow.provider_answer(flow.to_provider(flow.client()))
    one_line_refusal(flow.client().get(answer), 401, "not started in this browser")


def test_an_expired_sign_in_is_refused(flow: Flow) -> None:
    from tests.server.conftest import later

    flow.idp.who = "s-ada"
    browser = flow.client()
    answer = flow.provider_answer(flow.to_provider(browser))
    later(flow.centre, minutes=11)
    one_line_refusal(browser.get(answer), 401, "expired")


@pytest.mark.parametrize(("tamper", "words"), [
    ({"aud": "another-client"}, "another client"),
    ({"nonce": "not-the-nonce-we-sent"}, "nonce"),
    ({"iss": "https://idp.attacker.example"}, "another provider"),
    ({"exp": 1_000_000_000}, "expired"),
])
def test_a_wrong_id_token_is_refused(flow: Flow, tamper: dict[str, object],
                                     words: str) -> None:
    flow.idp.tamper = tamper
    browser = flow.client()
    one_line_refusal(flow.sign_in(browser, "s-ada"), 401, words)
    assert "followup_session" not in browser.cookies


def test_a_forged_id_token_is_refused(flow: Flow) -> None:
    """Signed by a key that is not the provider's, under the provider's key id."""
    flow.idp.forge_key, flow.idp.forge_kid = OTHER_KEY, "k1"
    one_line_refusal(flow.sign_in(flow.client(), "s-ada"), 401, "signature")


def test_rotated_keys_are_fetched_again(flow: Flow) -> None:
    """The provider rotates its key (a new key id): the keys are fetched once more and the
    sign-in goes through; a token under a key id the provider never published does not."""
    assert flow.sign_in(flow.client(), "s-ada").status_code == 303
    flow.idp.key = OTHER_KEY  # published at /jwks under the key id "k2" from now on
    assert flow.sign_in(flow.client(), "s-ada").status_code == 303
    flow.idp.forge_key, flow.idp.forge_kid = KEY, "k9"
    one_line_refusal(flow.sign_in(flow.client(), "s-ada"), 401, "signature")


@pytest.mark.parametrize(("who", "words"), [
    ("s-zoe", "no account for zoe@uni.example"),  # OIDC-4: nobody invited her
    ("s-ben", "vouches for no email"),  # OIDC-2: an unverified address ties nothing
    ("s-adam", "an admin signs in with their password"),  # OIDC-3
])
def test_an_identity_without_an_account_is_refused(flow: Flow, who: str, words: str) -> None:
    browser = flow.client()
    one_line_refusal(flow.sign_in(browser, who), 403, words)
    assert "followup_session" not in browser.cookies


def test_entra_ids_domain_owner_verified_claim_vouches_for_the_address(flow: Flow) -> None:
    """Entra ID sends no email_verified; its optional xms_edov claim says the address is in
    a domain the tenant verified (OIDC-2). Without it, the same token ties nothing."""
    flow.idp.people["s-ada"].email_verified = None
    one_line_refusal(flow.sign_in(flow.client(), "s-ada"), 403, "vouches for no email")
    flow.idp.people["s-ada"].claims = {"xms_edov": True}
    assert flow.sign_in(flow.client(), "s-ada").status_code == 303


def test_an_operator_may_trust_the_providers_addresses(flow: Flow) -> None:
    """--oidc-trust-email: the university's own tenant issues only its own addresses."""
    flow.idp.people["s-ada"].email_verified = None
    c = flow.centre
    c.app = create_server(ServerSettings(
        db=c.app_url, clock=c.clock, today=lambda: c.clock.now.date(), secret=SECRET,
        oidc=Provider.configured("Uni Login", flow.idp.metadata_url, flow.idp.client_id,
                                 flow.idp.client_secret, trust_email=True)))
    assert flow.sign_in(flow.client(), "s-ada").status_code == 303
    one_line_refusal(flow.sign_in(flow.client(), "s-zoe"), 403, "no account for")


def test_a_second_identity_cannot_take_an_account(flow: Flow) -> None:
    assert flow.sign_in(flow.client(), "s-ada").status_code == 303
    flow.idp.people["s-eve"] = Person("s-eve", "ada@uni.example", name="Eve")
    one_line_refusal(flow.sign_in(flow.client(), "s-eve"), 403, "another identity")


def test_the_provider_refusing_is_one_line(flow: Flow) -> None:
    browser = flow.client()
    flow.idp.who = None  # the person did not sign in at the provider: access_denied
    answer = flow.provider_answer(flow.to_provider(browser))
    one_line_refusal(browser.get(answer), 401, "the identity provider refused")


def test_a_provider_serving_another_issuer_is_refused(flow: Flow) -> None:
    """Discovery: the metadata's issuer must be the one whose URL served it (a mix-up)."""
    flow.idp.metadata_issuer = "https://login.attacker.example"
    one_line_refusal(flow.client().get("/signin/oidc"), 502, "does not serve this URL")


def test_pending_sign_ins_are_capped(flow: Flow, monkeypatch: pytest.MonkeyPatch) -> None:
    """Starting sign-ins fills a table before anyone is known: past the cap, a 429; lapsed
    ones free their place."""
    from followup.service import oidc
    from tests.server.conftest import later

    monkeypatch.setattr(oidc, "MAX_PENDING", 3)
    browser = flow.client()
    for _ in range(3):
        flow.to_provider(browser)
    one_line_refusal(browser.get("/signin/oidc"), 429, "too many sign-ins")
    later(flow.centre, minutes=11)
    flow.to_provider(browser)


def test_no_secret_in_the_logs_or_the_database(flow: Flow,
                                               caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    browser = flow.client()
    url = flow.to_provider(browser)
    verifier = browser.cookies["followup_oidc"].split(".", 1)[1]
    flow.idp.who = "s-ada"
    assert browser.get(flow.provider_answer(url)).status_code == 303
    issued = flow.idp.issued[-1]
    secrets = [flow.idp.client_secret, verifier, browser.cookies["followup_session"],
               issued["access_token"], issued["id_token"]]
    # what this process logged, less the test provider's own (its werkzeug threads)
    logged = "\n".join(f"{r.name} {r.getMessage()}" for r in caplog.records
                       if "process_request_thread" not in r.threadName)
    assert logged  # the HTTP clients did log: the check below means something
    from sqlalchemy import create_engine, inspect

    owner = create_engine(flow.centre.owner_url)
    try:
        with owner.connect() as conn:
            dump = "\n".join(
                str(row) for table in inspect(conn).get_table_names()
                for row in conn.exec_driver_sql(f"SELECT * FROM {table}"))
    finally:
        owner.dispose()
    for secret in secrets:
        assert secret not in logged
        assert secret not in dump
    assert "s-ada" in dump  # the identity is kept


def test_a_server_process_offers_and_starts_the_sign_in(centre_db: Centre) -> None:
    """`followup server --oidc-*` as an operator runs it: the button on the sign-in page,
    the redirect to the provider, the client secret from the environment and nowhere in
    what the process prints."""
    import os
    import subprocess
    import sys

    from tests.web.test_web_serve import free_port, wait_for

    idp = TestProvider(clock=centre_db.clock)
    with running(idp):
        port = free_port("127.0.0.1")
        proc = subprocess.Popen(
            [sys.executable, "-m", "followup", "server", "--db", centre_db.app_url,
             "--port", str(port), "--oidc-metadata", idp.metadata_url,
             "--oidc-client-id", idp.client_id, "--oidc-name", "Uni <Login>"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "FOLLOWUP_OIDC_CLIENT_SECRET": idp.client_secret,
                 "FOLLOWUP_SECRET_KEY": SECRET.decode()})
        base = f"http://127.0.0.1:{port}"
        try:
            wait_for(f"{base}/signin", proc)
            page = httpx.get(f"{base}/signin")
            assert "Sign in with Uni &lt;Login&gt;</a>" in page.text  # escaped
            start = httpx.get(f"{base}/signin/oidc", follow_redirects=False)
            assert start.status_code == 303
            assert start.headers["location"].startswith(f"{idp.base}/authorize?")
            assert "redirect_uri=http%3A%2F%2F127.0.0.1%3A" in start.headers["location"]
        finally:
            proc.terminate()
            out, err = proc.communicate(timeout=10)
    assert idp.client_secret not in out + err


def test_a_roster_account_signs_in_by_the_provider_and_never_by_a_password(
        flow: Flow) -> None:
    """`centre add-users`: no password is stored, none matches (not even "!", the marker
    itself), and the university's sign-in ties the identity at the first visit (OIDC-2)."""
    from followup.service import centre
    from followup.store.connect import Connected

    assert centre.add_users(flow.centre.owner_url, "email,name\nZed@uni.example,Zed Ng\n",
                            flow.centre.clock.now) == 1
    api = flow.centre.client()
    for guess in ("", "!", centre.NO_PASSWORD, "long enough pw"):
        r = api.post("/api/v1/token", json={"email": "zed@uni.example", "password": guess})
        assert r.status_code in (400, 401), (guess, r.text)
    flow.idp.people["s-zed"] = Person("s-zed", "zed@uni.example", name="Zed")
    browser = flow.client()
    assert flow.sign_in(browser, "s-zed").status_code == 303
    assert browser.get("/").status_code == 200
    store = Connected.open(flow.centre.owner_url)
    with store.engine.connect() as conn:
        stored = conn.exec_driver_sql(
            "SELECT password_hash FROM users WHERE email = 'zed@uni.example'").scalar()
    store.close()
    assert stored == centre.NO_PASSWORD
