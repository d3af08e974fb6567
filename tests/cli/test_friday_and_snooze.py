"""Issue 22 through the CLI on a real SQLite file: after a Friday interview `today` lists the
thank-you note as due now (not "Coming up ... Mon"); a snoozed step stays visible with its
state, its deadline and "snoozed until ..."; a snooze past the step's last day is said first
and taken only with --yes (or a yes at the prompt), nothing written otherwise."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from followup.cli import app

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> list[str]:
    db = ["--db", str(tmp_path / "friday.db")]
    assert runner.invoke(app, [*db, "add", "opportunity", "--company", "Acme", "--role",
                               "Analyst"]).exit_code == 0
    added = runner.invoke(app, [*db, "add", "interview", "-o", "acme", "--at",
                                "2026-03-06 15:00", "--with", "Ann Lee"])  # a Friday
    assert added.exit_code == 0, added.output
    return db


def _sections(out: str) -> dict[str, str]:
    """`today`'s text cut at its headings: "Due now", "Coming up", "Snoozed", ..."""
    found: dict[str, str] = {}
    heading = ""
    for line in out.splitlines():
        if line and not line.startswith(" "):
            heading = line.split(" (")[0]
            found[heading] = ""
        else:
            found[heading] = found.get(heading, "") + line + "\n"
    return found


def test_friday_interview_thank_you_is_due_now_on_friday(db: list[str]) -> None:
    out = runner.invoke(app, [*db, "today", "--today", "2026-03-06"]).stdout
    sections = _sections(out)
    assert "Coming up" not in sections
    assert ("Send a thank-you note to Ann Lee by email on Sat 7 Mar, Mon 9 Mar at the latest"
            in sections["Due now"])
    saturday = _sections(runner.invoke(app, [*db, "today", "--today", "2026-03-07"]).stdout)
    assert "thank-you" in saturday["Due now"]
    plan = json.loads(runner.invoke(app, [*db, "plan", "acme", "--today", "2026-03-06",
                                          "--json"]).stdout)
    (note,) = plan["actions"]
    assert (note["not_before"], note["due"], note["latest"], note["state"]) == (
        "2026-03-06", "2026-03-07", "2026-03-09", "due")


def test_snoozed_to_its_last_day_stays_visible_everywhere(db: list[str]) -> None:
    snoozed = runner.invoke(app, [*db, "snooze", "acme", "Monday", "--today", "2026-03-06"])
    assert snoozed.exit_code == 0, snoozed.output
    assert snoozed.stdout.startswith("Snoozed until Mon 9 Mar: Send a thank-you note")
    today = _sections(runner.invoke(app, [*db, "today", "--today", "2026-03-06"]).stdout)
    assert "Due now" not in today
    assert ("Send a thank-you note to Ann Lee by email on Sat 7 Mar, Mon 9 Mar at the latest "
            "(due), snoozed until Mon 9 Mar." in " ".join(today["Snoozed"].split()))
    plan = runner.invoke(app, [*db, "plan", "acme", "--today", "2026-03-06"]).stdout
    assert "(due), snoozed until Mon 9 Mar." in " ".join(plan.split())
    # on its last day the snooze is over: due now, on both
    monday = _sections(runner.invoke(app, [*db, "today", "--today", "2026-03-09"]).stdout)
    assert "thank-you" in monday["Due now"] and "Snoozed" not in monday


def test_snooze_past_the_last_day_is_refused_without_yes_and_writes_nothing(
        db: list[str]) -> None:
    refused = runner.invoke(app, [*db, "snooze", "acme", "2026-03-10", "--today",
                                  "2026-03-06"])
    assert refused.exit_code == 2
    assert refused.stderr == (
        "error: DATE: snoozing the thank-you note until Tue 10 Mar passes its last day "
        "(Mon 9 Mar): it would be overdue when it shows again (add --yes to snooze it "
        "anyway)\n")
    backup = json.loads(runner.invoke(app, [*db, "export", "--all"]).stdout)
    assert not backup.get("snoozes")
    taken = runner.invoke(app, [*db, "snooze", "acme", "2026-03-10", "--yes", "--today",
                                "2026-03-06"])
    assert taken.exit_code == 0, taken.output
    plan = runner.invoke(app, [*db, "plan", "acme", "--today", "2026-03-06"]).stdout
    assert "snoozed until Tue 10 Mar (after its last day)" in " ".join(plan.split())
