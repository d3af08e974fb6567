"""`followup stats` on a real SQLite file: CONTRACT.md's JSON exactly, the same figures in
words with their n, bad input in one line with exit 2."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from followup.cli import app
from tests.conftest import CASES


def run(db: str, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--db", db, *args])
    return result.exit_code, result.stdout, result.stderr


def test_stats_json_on_the_contract_example(db_url: str) -> None:
    run(db_url, "import", str(CASES / "contract_example.json"))
    code, out, _ = run(db_url, "stats", "--today", "2026-05-01", "--format", "json")
    assert code == 0
    one = {"n": 2, "answered": 1, "rate": 0.5, "ci95": [0.0945, 0.9055]}
    assert json.loads(out) == {
        "today": "2026-05-01",
        "follow_ups": {"n": 2, "answered": 1, "pending": 0, "rate": 0.5,
                       "ci95": [0.0945, 0.9055], "by_kind": {"thank_you": one},
                       "by_channel": {"email": one}, "days_to_reply": {"n": 1, "median": 10}},
        # the interview's 11 Mar answered on 12 Mar (slipped 1 day); the reply's new date
        # 20 Mar got no answer and lies 42 days back (broken)
        "promises": {"n": 2, "kept": 0, "slipped": 1, "broken": 1, "median_slip_days": 1},
        "funnel": {"opportunities": 1, "interviewed": 1, "offers": 0}}
    # in March the second note is still pending and the reply's date still open
    march = json.loads(run(db_url, "stats", "--today", "2026-03-13", "--json")[1])
    assert march["follow_ups"]["pending"] == 0 and march["promises"]["n"] == 1


def test_stats_in_words_each_figure_with_its_n(db_url: str) -> None:
    run(db_url, "import", str(CASES / "contract_example.json"))
    code, out, _ = run(db_url, "stats", "--today", "2026-05-01")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "As of 2026-05-01, over 1 opportunity:"
    assert "Follow-ups: 50% answered (1 of 2; 95% interval 9% to 91%)" in lines
    assert any(line.startswith("  no response observed: 1 of 2 (not a rejection") for line in lines)
    assert "Days to reply: median 10 (n = 1)" in lines
    assert ("Promises (n = 2): 0 kept, 1 slipped (median 1 day late), 1 broken; 0 still open"
            in lines)
    assert any("Accountemps" in line for line in lines)


def test_stats_on_an_empty_account_and_bad_input(db_url: str) -> None:
    code, out, _ = run(db_url, "stats", "--today", "2026-05-01", "--json")
    assert code == 0 and json.loads(out)["follow_ups"]["rate"] is None
    assert json.loads(out)["follow_ups"]["ci95"] is None
    code, out, err = run(db_url, "stats", "--today", "31/02/2026")
    assert (code, out) == (2, "")
    assert err == "error: --today: not a date (YYYY-MM-DD): '31/02/2026'\n"
