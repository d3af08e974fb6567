"""Dates as people say them, through the faces: `--promised "12/10"` by the candidate's
country, `--at "tomorrow 3pm"` in add interview, log and done, each echoed back; the web's
When field (a date-time picker or words) and its bounded echo (issue 12: a huge phrase is
refused at once, not after seconds of work and a 500)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from followup.cli import app
from followup.core.dates import say
from tests.web_helpers import make_client, token


def run(db: str, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--db", db, *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "dates.db")
    assert run(path, "add", "opportunity", "--company", "Acme", "--role", "Analyst")[0] == 0
    return path


def _promised(db: str) -> str:
    code, out, _ = run(db, "export", "acme")
    assert code == 0
    return str(json.loads(out)["interviews"][-1]["promised"]["by"])


@pytest.mark.parametrize(("country", "expected", "echo"),
                         [("US", "2026-12-10", "Thu 10 Dec 2026")])
def test_numeric_promise_is_read_by_the_country(db: str, country: str, expected: str,
                                                echo: str) -> None:
    """Issue 13: `--promised "12/10"` was saved as 1 Oct 2112."""
    assert run(db, "profile", "--name", "Alex Morgan", "--country", country)[0] == 0
    code, out, err = run(db, "add", "interview", "-o", "acme", "--at", "2026-12-01 10:00",
                         "--with", "Dana Whitfield", "--promised", "12/10")
    assert (code, err) == (0, "")
    assert f"Promised: {echo} (from '12/10')" in out
    assert _promised(db) == expected


def test_numeric_promise_far_off_is_asked_about_and_nothing_written(db: str) -> None:
    """Issue 22: in the UK `12/10` is 12 Oct 2027, 315 days after the interview: asked about
    with both readings, never taken silently."""
    assert run(db, "profile", "--name", "Alex Morgan", "--country", "GB")[0] == 0
    code, out, err = run(db, "add", "interview", "-o", "acme", "--at", "2026-12-01 10:00",
                         "--with", "Dana Whitfield", "--promised", "12/10")
    assert (code, out) == (2, "")
    assert err == ("error: --promised: '12/10' reads as Tue 12 Oct 2027, 315 days after Tue 1 "
                   "Dec 2026: did you mean Tue 12 Oct 2027 (2027-10-12) or Thu 10 Dec 2026 "
                   "(2026-12-10)? Give the date in full (YYYY-MM-DD) to say which\n")
    code, out, _ = run(db, "export", "acme")
    assert json.loads(out)["interviews"] == []


@pytest.mark.parametrize(("phrase", "echo"),
                         [("early next week", "Tue 8 Dec 2026"),
                          ("a couple of weeks", "Tue 15 Dec 2026"),
                          ("mid-December", "Tue 15 Dec 2026"),
                          ("after the holidays", "Mon 4 Jan 2027")])
def test_promise_phrases_are_echoed(db: str, phrase: str, echo: str) -> None:
    run(db, "profile", "--country", "US")
    code, out, err = run(db, "add", "interview", "-o", "acme", "--at", "2026-12-01 10:00",
                         "--with", "Dana Whitfield", "--promised", phrase)
    assert (code, err) == (0, "")
    assert f"Promised: {echo} (from '{phrase}')" in out


@pytest.mark.parametrize(("phrase", "message"), [
    ("in 3000000 business days", "error: --promised: 'in 3000000 business days' is more than "
     "a year away\n"),
    ("12/10/2112", "error: --promised: '12/10/2112' is more than a year after the interview "
     "(Tue 1 Dec 2026); give a date by Wed 1 Dec 2027\n"),
    ("when pigs fly", "error: --promised: not a date: 'when pigs fly' (did not understand "
     "'when', 'pigs', 'fly'; try 'next Wednesday', 'mid-December', 'in two weeks' or "
     "2026-03-20)\n"),
])
def test_bad_promises_are_one_line_and_write_nothing(db: str, phrase: str,
                                                     message: str) -> None:
    code, out, err = run(db, "add", "interview", "-o", "acme", "--at", "2026-12-01 10:00",
                         "--promised", phrase)
    assert (code, out, err) == (2, "", message)
    assert json.loads(run(db, "export", "acme")[1])["interviews"] == []


def test_at_takes_words_in_add_interview_log_and_done(db: str) -> None:
    tomorrow = date.today() + timedelta(days=1)
    code, out, err = run(db, "add", "interview", "-o", "acme", "--at", "tomorrow 3pm",
                         "--with", "Dana Whitfield")
    assert (code, err) == (0, "")
    assert f"({say(tomorrow)} 15:00)" in out
    yesterday = date.today() - timedelta(days=1)
    code, out, err = run(db, "log", "-o", "acme", "--kind", "other", "--to", "dana",
                         "--at", "yesterday 17:40")
    assert (code, err) == (0, "")
    assert f"on {say(yesterday)} 17:40" in out
    code, out, err = run(db, "log", "-o", "acme", "--kind", "reply", "--from", "dana",
                         "--at", "now", "--new-by", "in two weeks")
    assert (code, err) == (0, "")
    assert f"New date: {say(date.today() + timedelta(days=14))} (from 'in two weeks')" in out
    code, _, err = run(db, "log", "-o", "acme", "--kind", "other", "--to", "dana",
                       "--at", "tomorrow 25:00")
    assert code == 2 and err.startswith("error: --at: not a time of day: 25:00 in "
                                        "'tomorrow 25:00'") and err.count("\n") == 1


def test_done_at_a_phrase_is_echoed(db: str) -> None:
    run(db, "add", "interview", "-o", "acme", "--at", "2 hours ago", "--with", "Dana Whitfield")
    code, out, err = run(db, "done", "acme", "--at", "now")
    assert (code, err) == (0, "")
    now = datetime.now()
    assert f"At: {say(now)}" in out and "(from 'now')" in out


# -- the web ---------------------------------------------------------------------------


def test_web_when_is_a_date_time_picker_that_still_takes_words(tmp_path: Path) -> None:
    client = make_client(tmp_path)
    t = token(client)
    client.post("/opportunities", data={"company": "Acme Analytics", "role": "Analyst",
                                        "csrf_token": t})
    page = client.get("/o/acme-analyst/interviews/new").text
    assert 'type="datetime-local"' in page and 'name="at_pick"' in page
    assert 'id="at" name="at"' in page  # the words field stays
    r = client.post("/o/acme-analyst/interviews", data={
        "at_pick": "2026-03-02T10:00", "with_names": "Dana Whitfield",
        "promised": "early next week", "csrf_token": t})
    assert r.status_code == 303, r.text
    r = client.post("/o/acme-analyst/interviews", data={
        "at": "tomorrow 3pm", "with_names": "Dana Whitfield", "csrf_token": t})
    assert r.status_code == 303, r.text
    page = client.get("/o/acme-analyst").text
    assert "Tue 10 Mar 2026" in page  # early next week, said on Mon 2 Mar


def test_web_echo_reads_the_picker_and_refuses_huge_phrases_at_once(tmp_path: Path) -> None:
    client = make_client(tmp_path)
    r = client.get("/when", params={"at_pick": "2026-12-01T10:00", "promised": "10/12"})
    assert r.status_code == 200
    assert "Promised: <strong>Thu 10 Dec" in r.text  # no country: day/month (10 December)
    r = client.get("/when", params={"at_pick": "2026-12-01T10:00", "promised": "12/10"})
    assert "Promised: <strong>" not in r.text  # 12 Oct 2027 is 315 days on: asked about
    assert "did you mean Tue 12 Oct 2027 (2027-10-12) or Thu 10 Dec 2026 (2026-12-10)?" in r.text
    r = client.get("/when", params={"at": "2026-03-02 10:00",
                                    "promised": "in 3000000 business days"})
    assert r.status_code < 500
    assert "promised: &#39;in 3000000 business days&#39; is more than a year away" in r.text
    r = client.get("/when", params={"at": "tomorrow 3pm"})
    assert "Interview: <strong>" in r.text and "15:00" in r.text
