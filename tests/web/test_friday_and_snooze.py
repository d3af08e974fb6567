"""Issue 22 on the web's Today and opportunity pages (a real SQLite file, the app in
process): a Friday interview's thank-you note is under "Due now" that Friday; a snoozed step
is listed with its state, its deadline and "snoozed until ..."; a snooze past the step's last
day is said on a page before anything is saved, and saved only once confirmed."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from followup.cli import app
from tests.web_helpers import make_client, token

FRIDAY = date(2026, 3, 6)


def _client(tmp_path: Path, today: date = FRIDAY) -> TestClient:
    db = ["--db", str(tmp_path / "web.db")]  # the file make_client opens
    runner = CliRunner()
    assert runner.invoke(app, [*db, "add", "opportunity", "--company", "Acme", "--role",
                               "Analyst"]).exit_code == 0
    assert runner.invoke(app, [*db, "add", "interview", "-o", "acme", "--at",
                               "2026-03-06 15:00", "--with", "Ann Lee"]).exit_code == 0
    return make_client(tmp_path, today)


def _section(page: str, name: str) -> str:
    found = re.search(rf'<section aria-labelledby="h-{name}" id="{name}">(.*?)</section>',
                      page, re.S)
    return found.group(1) if found else ""


def test_friday_interview_thank_you_is_due_now_on_the_today_page(tmp_path: Path) -> None:
    page = _client(tmp_path).get("/").text
    due = _section(page, "due")
    assert "<strong>Thank-you note to Ann Lee" in due
    assert "due Sat 7 Mar; at the latest Mon 9 Mar" in due
    assert ">due</span>" in due and ">ready</span>" not in due
    assert "Thank-you note" not in _section(page, "upcoming")


def _snooze(client: TestClient, until: str, **more: str) -> object:
    return client.post("/actions/snooze", data={
        "opportunity": "acme-analyst", "kind": "thank_you", "to": "ann", "until": until,
        "next": "/o/acme-analyst", "csrf_token": token(client), **more})


def test_a_snoozed_step_keeps_its_state_and_deadline_visible(tmp_path: Path) -> None:
    client = _client(tmp_path)
    r = _snooze(client, "2026-03-09")  # its last day
    assert r.status_code == 303  # type: ignore[attr-defined]
    today = client.get("/").text
    assert "Thank-you note" not in _section(today, "due")
    snoozed = _section(today, "snoozed")
    assert "due Sat 7 Mar; at the latest Mon 9 Mar" in snoozed
    assert "Snoozed until Mon 9 Mar" in snoozed and "state-due" in snoozed
    opportunity = client.get("/o/acme-analyst").text
    assert "Snoozed until Mon 9 Mar" in opportunity
    assert "after its last day" not in opportunity


def test_a_snooze_past_the_last_day_is_said_before_it_is_saved(tmp_path: Path) -> None:
    client = _client(tmp_path)
    r = _snooze(client, "2026-03-12")
    assert r.status_code == 409  # type: ignore[attr-defined]
    text = r.text  # type: ignore[attr-defined]
    assert ("Snoozing the thank-you note until Thu 12 Mar passes its last day (Mon 9 Mar): "
            "it would be overdue when it shows again.") in text
    assert 'name="confirm" value="yes"' in text and 'name="csrf_token"' in text
    assert "snoozed until" not in client.get("/o/acme-analyst").text.lower()  # nothing saved
    assert "Thank-you note" in _section(client.get("/").text, "due")
    r = _snooze(client, "2026-03-12", confirm="yes")
    assert r.status_code == 303  # type: ignore[attr-defined]
    page = client.get("/o/acme-analyst").text
    assert "Snoozed until Thu 12 Mar</strong>, after its last day" in page


def test_the_confirm_page_never_links_off_site(tmp_path: Path) -> None:
    client = _client(tmp_path)
    r = _snooze(client, "2026-03-12", next="//evil.example/")
    assert r.status_code == 409  # type: ignore[attr-defined]
    assert "evil.example" not in r.text  # type: ignore[attr-defined]
