"""The web app through FastAPI's TestClient on a real SQLite file: pages, forms, security."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from starlette.routing import Route

from followup.core.model import Candidate, Case
from followup.service import open_store
from tests.web_helpers import make_client, token


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return make_client(tmp_path)


def add_acme(client: TestClient) -> str:
    t = token(client)
    r = client.post("/opportunities", data={
        "company": "Acme Analytics", "role": "Senior Data Analyst", "field": "finance",
        "csrf_token": t})
    assert r.status_code == 303, r.text
    assert r.headers["location"].split("?")[0] == "http://127.0.0.1:8765/o/acme-analyst"
    r = client.post("/o/acme-analyst/interviews", data={
        "at": "2026-03-02 10:00", "with_names": "Dana Whitfield, Priya Raman",
        "topics": "moving monthly reporting onto dbt", "promised": "next Wednesday",
        "promised_channel": "phone", "csrf_token": t})
    assert r.status_code == 303, r.text
    return t


# -- security --------------------------------------------------------------------------


def test_a_post_without_the_token_is_refused_and_writes_nothing(
        client: TestClient, tmp_path: Path) -> None:
    client.get("/")  # the browser holds a cookie, but the form lacks the field
    r = client.post("/opportunities", data={"company": "Evil", "role": "Heist"})
    assert r.status_code == 403
    assert "CSRF token missing or wrong" in r.text
    assert open_store(str(tmp_path / "web.db")).count() == 0


def test_a_post_with_a_wrong_token_is_refused(client: TestClient) -> None:
    token(client)
    r = client.post("/opportunities",
                    data={"company": "Evil", "role": "Heist", "csrf_token": "x" * 43})
    assert r.status_code == 403


def test_a_token_without_its_cookie_is_refused(client: TestClient, tmp_path: Path) -> None:
    """Another site can copy no cookie: a token from a page alone is not enough."""
    t = token(client)
    fresh = make_client(tmp_path)
    r = fresh.post("/opportunities", data={"company": "Evil", "role": "Heist", "csrf_token": t})
    assert r.status_code == 403


def test_htmx_requests_carry_the_token_in_a_header(client: TestClient) -> None:
    t = add_acme(client)
    page = client.get("/o/acme-analyst/compose?kind=thank_you&to=dana")
    assert f'"x-csrf-token": "{t}"' in page.text  # hx-headers on <body>
    ok = client.post("/o/acme-analyst/compose/lint", headers={"x-csrf-token": t},
                     data={"kind": "thank_you", "to": "dana", "text": "Hi"})
    assert ok.status_code == 200
    refused = client.post("/o/acme-analyst/compose/lint", headers={"x-csrf-token": "nope"},
                          data={"kind": "thank_you", "to": "dana", "text": "Hi"})
    assert refused.status_code == 403


def test_the_cookie_is_strict_and_http_only(client: TestClient) -> None:
    r = client.get("/")
    cookie = r.headers["set-cookie"].lower()
    assert "followup_csrf=" in cookie and "httponly" in cookie and "samesite=strict" in cookie


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8765", "127.0.0.2",
                                  "localhost.evil.example"])
def test_a_foreign_host_header_is_refused(client: TestClient, host: str) -> None:
    r = client.get("/", headers={"host": host})
    assert r.status_code == 400
    assert "Acme" not in r.text


@pytest.mark.parametrize("host", ["127.0.0.1:8765", "localhost:8765", "localhost"])
def test_loopback_hosts_are_served(client: TestClient, host: str) -> None:
    assert client.get("/", headers={"host": host}).status_code == 200


def test_a_configured_host_is_served_too(tmp_path: Path) -> None:
    from followup.web import WebSettings, create_app

    app = create_app(WebSettings(db=str(tmp_path / "x.db"), host="box.lan"))
    c = TestClient(app, base_url="http://box.lan:8765")
    assert c.get("/", headers={"host": "box.lan:8765"}).status_code == 200
    assert c.get("/", headers={"host": "evil.example"}).status_code == 400


def test_no_route_changes_state_on_get(client: TestClient) -> None:
    """Every route but the read-only pages and partials is a POST."""
    read_only = {"today", "pipeline", "opportunity", "opportunity_new", "interview_new",
                 "when_echo", "compose"}
    for route in client.app.routes:  # type: ignore[attr-defined]
        if isinstance(route, Route) and route.methods and "GET" in route.methods:
            assert route.name in read_only, route.name
    # and a mutating path answers GET with 405, not with a change
    assert client.get("/actions/done").status_code == 405


def test_company_names_are_escaped(client: TestClient) -> None:
    t = token(client)
    evil = "<script>alert(1)</script>"
    r = client.post("/opportunities", data={"company": evil, "role": "Analyst <b>x</b>",
                                            "csrf_token": t})
    assert r.status_code == 303
    slug = r.headers["location"].split("?")[0].rsplit("/", 1)[1]
    for path in (f"/o/{slug}", "/pipeline", "/"):
        page = client.get(path).text
        assert "<script>alert(1)</script>" not in page
    page = client.get(f"/o/{slug}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Analyst &lt;b&gt;x&lt;/b&gt;" in page


def test_pages_send_a_content_security_policy(client: TestClient) -> None:
    csp = client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp


# -- pages and forms -------------------------------------------------------------------


def test_add_opportunity_and_interview_then_see_thank_yous_on_today(client: TestClient) -> None:
    add_acme(client)
    page = client.get("/").text
    assert page.count("<strong>Thank-you note to") == 2
    assert "Dana Whitfield" in page and "Priya Raman" in page
    assert "timing.thank-you" in page
    assert "one-basket" in page  # one opportunity: the pipeline.one-basket warning


def test_a_bad_form_answers_400_with_the_form_and_one_line(client: TestClient,
                                                           tmp_path: Path) -> None:
    t = token(client)
    r = client.post("/opportunities", data={"company": "  ", "role": "Analyst",
                                            "csrf_token": t})
    assert r.status_code == 400
    assert re.search(r'role="alert"[^>]*>--company', r.text)
    assert 'value="Analyst"' in r.text  # what the user typed is kept
    assert open_store(str(tmp_path / "web.db")).count() == 0


def test_interview_form_rejects_a_bad_date_and_keeps_the_fields(client: TestClient) -> None:
    t = add_acme(client)
    r = client.post("/o/acme-analyst/interviews", data={
        "at": "31/02/2026", "with_names": "Dana Whitfield", "csrf_token": t})
    assert r.status_code == 400
    assert "when: not a date and time: &#39;31/02/2026&#39; (no such day)" in r.text
    assert 'value="Dana Whitfield"' in r.text


def test_the_promised_phrase_is_echoed_before_saving(client: TestClient) -> None:
    r = client.get("/when", params={"at": "2026-03-02 10:00", "promised": "next Wednesday"})
    assert "Promised: <strong>Wed 11 Mar</strong>" in r.text
    assert "(from ‘next Wednesday’)" in r.text
    bad = client.get("/when", params={"at": "2026-03-02 10:00", "promised": "someday maybe"})
    assert "promised: not a date: &#39;someday maybe&#39;" in bad.text


def test_opportunity_page_shows_everything_and_the_timeline(client: TestClient) -> None:
    add_acme(client)
    page = client.get("/o/acme-analyst").text
    assert "Promised a decision by <strong>Wed 11 Mar</strong> by phone" in page
    assert "moving monthly reporting onto dbt" in page
    svg = page[page.index('<svg class="chart"'):]
    assert "Interview r1 on Mon 2 Mar 2026 10:00 with Dana Whitfield, Priya Raman" in svg
    assert "Promised decision date Wed 11 Mar 2026" in svg
    assert "Today, Tue 3 Mar 2026" in svg
    assert svg.count('<g class="planned">') == 2  # a thank-you note to each


def test_editing_people_promises_and_touches(client: TestClient) -> None:
    t = add_acme(client)
    r = client.post("/o/acme-analyst/people/dana", data={
        "name": "Dana Whitfield", "title": "Head of Analytics", "email": "dana@acme.example",
        "contact": "1", "csrf_token": t})
    assert r.status_code == 303
    r = client.post("/o/acme-analyst/interviews/r1/promise", data={
        "by": "2026-03-13", "channel": "email", "who": "dana", "csrf_token": t})
    assert r.status_code == 303
    r = client.post("/o/acme-analyst/touches", data={
        "direction": "out", "kind": "thank_you", "channel": "email", "person": "dana",
        "at": "2026-03-02 17:30", "csrf_token": t})
    assert r.status_code == 303
    page = client.get("/o/acme-analyst").text
    assert "Head of Analytics" in page and "contact</span>" in page
    assert "Promised a decision by <strong>Fri 13 Mar</strong> by email" in page
    assert "Mon 2 Mar 17:30" in page
    r = client.post("/o/acme-analyst/touches/0/delete", data={"csrf_token": t})
    assert r.status_code == 303
    assert "Mon 2 Mar 17:30" not in client.get("/o/acme-analyst").text


def test_mark_done_logs_the_touch_and_snooze_hides_until_the_date(client: TestClient) -> None:
    t = add_acme(client)
    r = client.post("/actions/done", data={"opportunity": "acme-analyst", "kind": "thank_you",
                                           "to": "dana", "csrf_token": t})
    assert r.status_code == 303
    page = client.get("/").text
    assert page.count("<strong>Thank-you note to") == 1
    r = client.post("/actions/snooze", data={"opportunity": "acme-analyst", "kind": "thank_you",
                                             "to": "priya", "until": "2026-03-04",
                                             "csrf_token": t})
    assert r.status_code == 303
    page = client.get("/").text
    snoozed = page.split('id="h-snoozed"')[1]
    assert "<strong>Thank-you note to" not in page.split('id="h-snoozed"')[0]
    assert "Snoozed <small>(1)</small>" in page  # still shown, with its deadline (issue 22)
    assert "<strong>Thank-you note to" in snoozed and "Snoozed until Wed 4 Mar" in snoozed
    r = client.post("/actions/snooze", data={"opportunity": "acme-analyst", "kind": "thank_you",
                                             "to": "priya", "until": "2026-03-03",
                                             "csrf_token": t})
    assert r.status_code == 400
    assert "snooze: Tue 3 Mar 2026 is not after today" in r.text


def test_pipeline_board_has_every_stage(client: TestClient) -> None:
    add_acme(client)
    page = client.get("/pipeline").text
    for stage in ("applied", "interviewing", "waiting", "dormant", "closed"):
        assert f'id="stage-{stage}"' in page
    column = page[page.index('id="stage-interviewing"'):page.index('id="stage-waiting"')]
    assert "Acme Analytics" in column
    assert "Next: Thank-you note to Dana Whitfield" in column


def test_unknown_opportunity_is_a_404_page(client: TestClient) -> None:
    r = client.get("/o/nothing-here")
    assert r.status_code == 404
    assert "no opportunity &#39;nothing-here&#39;" in r.text
    assert "Traceback" not in r.text


def test_static_assets_ship_in_the_package(client: TestClient) -> None:
    js = client.get("/static/htmx.min.js")
    assert js.status_code == 200 and "Zero-Clause BSD" in js.text[:300]
    assert client.get("/static/style.css").status_code == 200


def test_download_eml_is_an_unsent_draft_to_the_person(client: TestClient) -> None:
    import email
    from email import policy

    t = add_acme(client)
    client.post("/o/acme-analyst/people/dana", data={
        "name": "Dana Whitfield", "email": "dana@acme.example", "csrf_token": t})
    r = client.post("/o/acme-analyst/compose/eml", data={
        "kind": "thank_you", "to": "dana", "csrf_token": t,
        "text": "Subject: Thank you for Monday\n\nDear Dana,\n\nThank you for your time."})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("message/rfc822")
    assert 'filename="acme-analyst-thank_you-dana.eml"' in r.headers["content-disposition"]
    msg = email.message_from_bytes(r.content, policy=policy.default)
    assert msg["Subject"] == "Thank you for Monday"
    assert msg["To"] == "Dana Whitfield <dana@acme.example>"
    assert msg["X-Unsent"] == "1"
    # .eml files carry the wire's CRLF line ends (one builder, mail.build_message, for all)
    assert msg.get_content().replace("\r\n", "\n") == "Dear Dana,\n\nThank you for your time.\n"


def test_mark_sent_logs_the_touch_and_clears_the_action(client: TestClient) -> None:
    t = add_acme(client)
    r = client.post("/o/acme-analyst/compose/sent", data={
        "kind": "thank_you", "to": "priya", "channel": "email", "csrf_token": t})
    assert r.status_code == 303 and r.headers["location"].split("?")[0].endswith("/")
    page = client.get("/").text
    assert page.count("<strong>Thank-you note to") == 1
    assert "Priya Raman" not in page
    case = client.get("/o/acme-analyst").text
    assert "Thank-you note by email to Priya Raman, Tue 3 Mar 2026 12:00" in case


def test_an_uploaded_invite_becomes_the_interview(client: TestClient) -> None:
    fixtures = Path(__file__).parents[1] / "fixtures" / "invites"
    t = token(client)
    client.post("/opportunities", data={"company": "Acme Analytics",
                                        "role": "Senior Data Analyst", "csrf_token": t})
    bad = client.post("/o/acme-analyst/invite", data={"csrf_token": t}, files={
        "invite": ("all_day.ics", (fixtures / "all_day.ics").read_bytes(), "text/calendar")})
    assert bad.status_code == 400
    assert "all_day.ics: an all-day event (2026-03-10) has no start time" in bad.text
    store = client.app.state.store  # type: ignore[attr-defined]
    assert store.load_case("acme").interviews == ()
    store.save_candidate(Candidate(name="Alex Morgan", email="alex@example.com"))  # skipped
    r = client.post("/o/acme-analyst/invite", data={"csrf_token": t}, files={
        "invite": ("google.ics", (fixtures / "google.ics").read_bytes(), "text/calendar")})
    assert r.status_code == 303, r.text
    case = store.load_case("acme")
    (interview,) = case.interviews
    assert interview.at == datetime(2026, 3, 2, 15, 0)  # 10:00 New York, in the test's UTC
    assert [(p.name, p.email) for p in case.people] == [
        ("Dana Whitfield", "dana@acme.example"), ("Priya Raman", "priya.raman@acme.example")]
    refused = client.post("/o/acme-analyst/invite", files={
        "invite": ("google.ics", (fixtures / "google.ics").read_bytes(), "text/calendar")})
    assert refused.status_code == 403  # no CSRF token, even for an upload


# -- editing and removing interviews, deleting an opportunity --------------------------


def _case(client: TestClient, ref: str = "acme-analyst") -> Case:
    case: Case = client.app.state.store.load_case(ref)  # type: ignore[attr-defined]
    return case


def test_editing_an_interview_changes_its_fields_and_keeps_id_and_promise(
        client: TestClient) -> None:
    t = add_acme(client)
    before = _case(client)
    (old,) = before.interviews
    page = client.get("/o/acme-analyst").text
    assert "Change this interview" in page
    assert 'value="2026-03-02 10:00"' in page
    assert 'value="Dana Whitfield, Priya Raman"' in page
    r = client.post("/o/acme-analyst/interviews/r1/edit", data={
        "at": "2026-03-02 14:30", "with_names": "Dana, Sam Okafor", "round": "2",
        "format": "video", "topics": "dbt migration\n\n  stakeholder reporting \n",
        "next_steps": "case study by Friday", "csrf_token": t})
    assert r.status_code == 303, r.text
    assert r.headers["location"].split("?")[0] == "http://127.0.0.1:8765/o/acme-analyst"
    after = _case(client)
    (new,) = after.interviews
    assert new.id == "r1" and new.promised == old.promised  # id and promise kept
    assert new.at == datetime(2026, 3, 2, 14, 30)
    assert new.round == 2 and new.format == "video"
    assert new.interviewers == ("dana", "sam")  # "Dana" found; Sam Okafor created
    assert new.topics == ("dbt migration", "stakeholder reporting")
    assert new.next_steps == ("case study by Friday",)
    assert [p.name for p in after.people] == ["Dana Whitfield", "Priya Raman", "Sam Okafor"]
    assert after.opportunity == before.opportunity and after.touches == before.touches
    # the planner follows: a thank-you to Sam now, none to Priya
    today = client.get("/").text
    assert "Sam Okafor" in today and "Priya Raman" not in today
    # emptied fields clear
    r = client.post("/o/acme-analyst/interviews/r1/edit", data={
        "at": "2026-03-02 14:30", "with_names": "", "round": "", "format": " ",
        "topics": "", "next_steps": "", "csrf_token": t})
    assert r.status_code == 303, r.text
    (cleared,) = _case(client).interviews
    assert (cleared.interviewers, cleared.round, cleared.format, cleared.topics,
            cleared.next_steps) == ((), None, None, (), ())
    assert cleared.promised == old.promised


@pytest.mark.parametrize(("field", "value", "message"), [
    ("at", "31/02/2026", "when: not a date and time: &#39;31/02/2026&#39;"),
    ("at", "", "when: missing"),
    ("round", "two", "round: &#39;two&#39; is not a number from 1 to 999"),
    ("round", "0", "round: &#39;0&#39; is not a number from 1 to 999"),
    ("at", "2026-03-20 10:00", "when: Fri 20 Mar 2026 is after the promised decision date"),
])
def test_a_bad_interview_edit_answers_400_keeps_the_form_and_changes_nothing(
        client: TestClient, field: str, value: str, message: str) -> None:
    t = add_acme(client)
    before = _case(client)
    data = {"at": "2026-03-02 11:00", "with_names": "Dana Whitfield, Zed New",
            "round": "3", "format": "panel", "topics": "a new topic", "csrf_token": t}
    data[field] = value
    r = client.post("/o/acme-analyst/interviews/r1/edit", data=data)
    assert r.status_code == 400
    alert = re.search(r'<p class="error" role="alert" id="form-error">([^<]*)</p>', r.text)
    assert alert and alert.group(1).startswith(message), alert
    assert "\n" not in alert.group(1)
    assert "<details open>" in r.text  # the failed form is open, with what was typed
    assert f'value="{value}"' in r.text and 'value="Dana Whitfield, Zed New"' in r.text
    assert ">a new topic</textarea>" in r.text
    assert _case(client) == before  # no interview field, no new person


def test_editing_an_unknown_interview_is_a_404(client: TestClient) -> None:
    t = add_acme(client)
    r = client.post("/o/acme-analyst/interviews/r9/edit",
                    data={"at": "2026-03-02 11:00", "csrf_token": t})
    assert r.status_code == 404
    assert "interview: no &#39;r9&#39; in acme-analyst; known: r1" in r.text


def test_removing_an_interview_drops_its_thank_yous(client: TestClient) -> None:
    t = add_acme(client)
    before = _case(client)
    assert client.get("/").text.count("<strong>Thank-you note to") == 2
    r = client.post("/o/acme-analyst/interviews/r1/delete", data={"csrf_token": t})
    assert r.status_code == 303
    after = _case(client)
    assert after.interviews == ()
    assert after.people == before.people and after.opportunity == before.opportunity
    assert "<strong>Thank-you note to" not in client.get("/").text
    assert "No interview yet." in client.get("/o/acme-analyst").text


def test_deleting_an_opportunity_needs_its_id_typed(client: TestClient) -> None:
    t = add_acme(client)
    store = client.app.state.store  # type: ignore[attr-defined]
    page = client.get("/o/acme-analyst").text
    assert "Delete this opportunity" in page and 'for="d-confirm"' in page
    for typed in ("", "acme", "acme-analyst-x", "ACME-ANALYST"):
        r = client.post("/o/acme-analyst/delete", data={"confirm": typed, "csrf_token": t})
        assert r.status_code == 400, typed
        assert re.search(r'id="form-error">confirm: type the id &#39;acme-analyst&#39;', r.text)
        assert store.count() == 1
    r = client.post("/o/acme-analyst/delete", data={"confirm": " acme-analyst ",
                                                    "csrf_token": t})
    assert r.status_code == 303
    assert r.headers["location"].split("?")[0] == "http://127.0.0.1:8765/pipeline"
    assert store.count() == 0
    assert client.get("/o/acme-analyst").status_code == 404
    assert "Acme Analytics" not in client.get("/pipeline").text


@pytest.mark.parametrize(("path", "data"), [
    ("/o/acme-analyst/interviews/r1/edit", {"at": "2026-03-02 11:00", "round": "5"}),
    ("/o/acme-analyst/interviews/r1/delete", {}),
    ("/o/acme-analyst/delete", {"confirm": "acme-analyst"}),
])
def test_the_new_edits_refuse_a_post_without_the_token(
        client: TestClient, path: str, data: dict[str, str]) -> None:
    add_acme(client)
    before = _case(client)
    r = client.post(path, data=data)
    assert r.status_code == 403
    assert _case(client) == before
