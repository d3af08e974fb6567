"""What the web app says back: a toast with Undo after each action, errors beside their
fields, Mark sent asking first when the linter finds errors, a recipient form instead of a
dead-end 400, one reading of the agenda on both faces, search on the pipeline."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from followup import service
from followup.cli import app as cli
from followup.demo import demo_candidate, demo_cases
from tests.web_helpers import TODAY, make_client, token


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    c = make_client(tmp_path)
    store = service.open_store(str(tmp_path / "web.db"))
    service.import_cases(store, demo_cases(TODAY))
    store.save_candidate(demo_candidate())
    store.close()
    return c


def _toast(html: str) -> str:
    found = re.search(r'<div class="toast" id="toast"[^>]*>\s*<p>(.*?)</p>', html, re.S)
    assert found, "no toast on the page"
    return re.sub(r"\s+", " ", found.group(1)).strip()


def test_an_action_leads_to_a_toast_whose_undo_reverts_it(client: TestClient) -> None:
    t = token(client)
    r = client.post("/actions/done", data={"opportunity": "globex-executive",
                                           "kind": "thank_you", "to": "hank",
                                           "csrf_token": t})
    assert r.status_code == 303
    page = client.get(r.headers["location"])
    assert _toast(page.text) == "Logged a thank-you note by email to Hank Scorpio at Globex."
    change = re.search(r'name="change" value="(\d+)"', page.text)
    assert change
    assert "Hank Scorpio" not in page.text.split('id="h-due"')[1].split("</section>")[0]
    undone = client.post("/undo", data={"change": change.group(1), "next": "/",
                                        "csrf_token": t})
    again = client.get(undone.headers["location"])
    assert _toast(again.text).startswith("Undone: Logged a thank-you note")
    assert 'name="change"' not in again.text  # nothing more to undo from this toast
    assert "Hank Scorpio" in again.text.split('id="h-due"')[1].split("</section>")[0]


def test_an_old_toast_cannot_undo_a_newer_change(client: TestClient) -> None:
    t = token(client)
    first = client.post("/actions/snooze", data={"opportunity": "globex-executive",
                                                 "kind": "thank_you", "to": "hank",
                                                 "until": "2026-03-10", "confirm": "yes",
                                                 "csrf_token": t})  # past its last day
    old = re.search(r"done=(\d+)", first.headers["location"])
    assert old
    client.post("/actions/snooze", data={"opportunity": "globex-executive",
                                         "kind": "thank_you", "to": "mindy",
                                         "until": "2026-03-10", "confirm": "yes",
                                         "csrf_token": t})
    r = client.post("/undo", data={"change": old.group(1), "next": "/", "csrf_token": t})
    assert r.status_code == 400
    assert "not the latest" in r.text


def test_errors_show_beside_their_fields(client: TestClient) -> None:
    t = token(client)
    r = client.post("/opportunities", data={"company": "", "role": "Analyst",
                                            "csrf_token": t})
    assert r.status_code == 400
    assert re.search(r'id="company"[^>]*aria-invalid="true"[^>]*autofocus', r.text)
    assert 'id="company-error"' in r.text and 'id="form-error"' not in r.text
    r = client.post("/settings", data={"name": "Alex", "email": "not-an-address",
                                       "country": "XX", "timezone": "Mars/Base",
                                       "csrf_token": t})
    assert r.status_code == 400
    for field in ("email", "country", "timezone"):
        assert f'id="p-{field}-error"' in r.text


def test_the_profile_saves_and_signs_the_drafts(client: TestClient) -> None:
    t = token(client)
    r = client.post("/settings", data={"name": "Sam Rivera", "email": "sam@rivera.example.com",
                                       "phone": "+1 555 0199", "country": "gb",
                                       "timezone": "Europe/London", "csrf_token": t})
    assert r.status_code == 303
    page = client.get(r.headers["location"])
    assert "Updated your profile" in _toast(page.text)
    assert 'value="GB"' in page.text
    draft = client.get("/o/globex-executive/compose?kind=thank_you&to=hank")
    assert "Sam Rivera" in draft.text


def test_mark_sent_with_lint_errors_asks_first(client: TestClient, tmp_path: Path) -> None:
    t = token(client)
    data = {"kind": "thank_you", "to": "hank", "csrf_token": t,
            "text": "Hi Hank,\n\nCould you call me back?\n"}
    r = client.post("/o/globex-executive/compose/sent", data=data)
    assert r.status_code == 409
    assert 'id="send-anyway"' in r.text and "Mark sent anyway" in r.text
    assert "Could you call me back?" in r.text  # the text kept as typed
    store = service.open_store(str(tmp_path / "web.db"))
    assert not store.load_case("globex-executive").touches
    r = client.post("/o/globex-executive/compose/sent", data={**data, "anyway": "1"})
    assert r.status_code == 303
    assert len(store.load_case("globex-executive").touches) == 1


def test_draft_it_without_a_recipient_offers_to_add_one(client: TestClient) -> None:
    t = token(client)
    client.post("/opportunities", data={"company": "Nobody Yet", "role": "Analyst",
                                        "csrf_token": t})
    page = client.get("/o/nobody-analyst/compose?kind=application_follow_up")
    assert page.status_code == 200 and 'id="no-recipient"' in page.text
    nxt = re.search(r'name="next" value="([^"]+)"', page.text)
    assert nxt
    r = client.post("/o/nobody-analyst/people", data={
        "name": "Rita Recruiter", "email": "rita@nobody.example.com", "contact": "1",
        "next": nxt.group(1).replace("&amp;", "&"), "csrf_token": t})
    assert r.status_code == 303
    assert re.search(r"/o/nobody-analyst/compose\?kind=application_follow_up.*to=rita",
                     r.headers["location"])
    draft = client.get(r.headers["location"])
    assert "Rita" in draft.text and "Your message to rita@nobody.example.com" in draft.text


def test_phone_and_letter_steps_open_their_own_pages(client: TestClient) -> None:
    script = client.get("/o/acme-analyst/compose?kind=check_in&to=dana&channel=phone")
    assert "Call script for Dana Whitfield" in script.text
    assert 'href="tel:+15550142"' in script.text and "Download .eml" not in script.text
    letter = client.get("/o/wayne-accountant/compose?kind=letter&to=lucius&channel=letter")
    assert "Print the letter" in letter.text and 'id="letter"' in letter.text
    assert "Download .eml" not in letter.text
    today = client.get("/").text
    assert "Call script</a>" in today and "Write the letter</a>" in today


def test_due_now_never_lists_tomorrow_and_both_faces_agree(client: TestClient,
                                                          tmp_path: Path) -> None:
    page = client.get("/").text
    due_now = page.split('id="h-due"')[1].split("</section>")[0]
    coming = page.split('id="h-upcoming"')[1].split("</section>")[0]
    tomorrow = TODAY + timedelta(days=1)
    for card in due_now.split('<li class="action')[1:]:
        # a thank-you note is due now from the interview's day (RULEBOOK "Order of
        # operations", issue 22); any other step due tomorrow is coming up
        if f"due {tomorrow:%a} {tomorrow.day} {tomorrow:%b %Y}" in card:
            assert "<strong>Thank-you note</strong>" in card
    assert "next 7 days" in coming
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "web.db"), "today", "--today",
                                      TODAY.isoformat(), "--format", "json"])
    assert result.exit_code == 0, result.output
    import json

    cli_until = date.fromisoformat(json.loads(result.output)["until"])
    assert cli_until == TODAY + timedelta(days=service.COMING_UP_DAYS)


def test_a_snoozed_step_is_not_overdue_on_the_pipeline(client: TestClient) -> None:
    t = token(client)
    before = client.get("/pipeline").text
    hooli = before.split("/o/hooli-counsel")[1].split("</article>")[0]
    assert "overdue" in hooli
    client.post("/actions/snooze", data={"opportunity": "hooli-counsel", "kind": "check_in",
                                         "to": "gavin", "until": "2026-03-09",
                                         "csrf_token": t})
    after = client.get("/pipeline").text
    hooli = after.split("/o/hooli-counsel")[1].split("</article>")[0]
    assert "overdue" not in hooli and "snoozed until Mon 9 Mar" in hooli


def test_the_pipeline_searches_and_filters(client: TestClient) -> None:
    page = client.get("/pipeline?q=dana").text
    assert "/o/acme-analyst" in page and "/o/globex-executive" not in page
    page = client.get("/pipeline?stage=dormant").text
    assert 'id="stage-applied" data-stage="applied" open hidden' in page


def test_an_empty_account_gets_onboarding_not_a_warning(tmp_path: Path) -> None:
    page = make_client(tmp_path / "empty").get("/").text
    assert 'id="onboarding"' in page and "Add your first opportunity" in page
    assert "Only 0 active" not in page


def test_the_demo_draft_that_says_when_draws_no_next_step_finding(client: TestClient) -> None:
    """"You'll hear from me next week" says when you'll follow up (issue 23)."""
    page = client.get("/o/globex-executive/compose?kind=thank_you&to=hank").text
    assert "You&#39;ll hear from me next week" in page or "You'll hear from me next week" in page
    assert 'data-rule="content.next-step"' not in page
