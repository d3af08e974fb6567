from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from followup.cli import app

CASES = Path(__file__).parents[1] / "cases"
EXAMPLE = CASES / "contract_example.json"
runner = CliRunner()


def test_plan_json_on_the_contract_example() -> None:
    result = runner.invoke(app, ["plan", "--case", str(EXAMPLE), "--today", "2026-03-13",
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "opportunity": "acme-analyst", "today": "2026-03-13", "stage": "waiting",
        "persistence": "standard",
        "actions": [{
            "kind": "check_in", "to": "dana", "channel": "email", "not_before": "2026-03-23",
            "due": "2026-03-23", "latest": None, "state": "upcoming",
            "rules": ["timing.reply-resets", "timing.promised-date", "timing.match-channel"],
            "why": "Dana said on Thu 12 Mar the decision moves to Fri 20 Mar, so check in by "
                   "email on Mon 23 Mar, the first business day after.",
        }],
    }


def test_plan_text_for_a_person() -> None:
    result = runner.invoke(app, ["plan", "--case", str(EXAMPLE), "--today", "2026-03-13"])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "acme-analyst (Acme Analytics, Senior Data Analyst): waiting, standard, as of "
        "Fri 13 Mar 2026\n"
        "- Check in with Dana Whitfield by email on Mon 23 Mar (upcoming). Dana said on Thu 12 "
        "Mar the decision moves to Fri 20\n"
        "  Mar.\n"
        "  rules: timing.reply-resets, timing.promised-date, timing.match-channel\n"
    )


def test_at_80_columns_each_action_is_said_once_under_a_hanging_indent() -> None:
    result = runner.invoke(app, ["plan", "--case", str(EXAMPLE), "--today", "2026-03-13"],
                           env={"COLUMNS": "80"})
    lines = result.stdout.splitlines()
    assert lines[:2] == [
        "acme-analyst (Acme Analytics, Senior Data Analyst): waiting, standard, as of Fri",
        "  13 Mar 2026"]
    assert lines[2:5] == [
        "- Check in with Dana Whitfield by email on Mon 23 Mar (upcoming). Dana said on",
        "  Thu 12 Mar the decision moves to Fri 20 Mar.",
        "  rules: timing.reply-resets, timing.promised-date, timing.match-channel"]
    assert all(len(line) <= 80 for line in lines)
    assert result.stdout.count("Mon 23 Mar") == 1


def test_bad_case_file_is_one_line_naming_the_field(tmp_path: Path) -> None:
    data = json.loads(EXAMPLE.read_text())
    data["interviews"][0]["at"] = "31/02/2026"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    result = runner.invoke(app, ["plan", "--case", str(bad), "--today", "2026-03-13"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f'error: {bad}: interviews[0].at: not a date: "31/02/2026"\n'


def test_missing_case_file_and_bad_today(tmp_path: Path) -> None:
    result = runner.invoke(app, ["plan", "--case", str(tmp_path / "no.json")])
    missing = tmp_path / "no.json"
    assert (result.exit_code, result.stderr) == (2, f"error: {missing}: no such file\n")
    result = runner.invoke(app, ["plan", "--case", str(EXAMPLE), "--today", "13/03/2026"])
    assert (result.exit_code, result.stderr) == (
        2, "error: --today: not a date (YYYY-MM-DD): '13/03/2026'\n")


def test_config_set_get_show_round_trip(_isolated_home: Path) -> None:
    path = _isolated_home / "config.toml"
    result = runner.invoke(app, ["config", "set", "policy.standard.grace_business_days", "2"])
    assert (result.exit_code, result.stdout) == (
        0, f"policy.standard.grace_business_days = 2  ({path})\n")
    result = runner.invoke(app, ["config", "get", "policy.standard.grace_business_days"])
    assert result.stdout == "2\n"
    result = runner.invoke(app, ["config", "show", "--changed"])
    assert result.stdout == f"# {path}\npolicy.standard.grace_business_days = 2  # {path}\n"
    full = runner.invoke(app, ["config", "show"]).stdout.splitlines()
    assert len([line for line in full if line.startswith("policy.")]) == 28  # 27 + learn
    assert "policy.persistent.weekly_cap_days = 3  # default" in full
    # the setting reaches the planner: 2nd business day after Fri 20 Mar
    result = runner.invoke(app, ["plan", "--case", str(EXAMPLE), "--today", "2026-03-13",
                                 "--format", "json"])
    assert json.loads(result.stdout)["actions"][0]["due"] == "2026-03-24"


def test_config_errors_exit_2() -> None:
    result = runner.invoke(app, ["config", "set", "policy.standard.nope", "2"])
    assert (result.exit_code, result.stderr) == (
        2, "error: policy.standard.nope: unknown setting (see `followup config show`)\n")


def test_database_plan_done_today(tmp_path: Path) -> None:
    db = ["--db", str(tmp_path / "f.db")]
    assert runner.invoke(app, [*db, "import", str(EXAMPLE)]).exit_code == 0
    by_id = runner.invoke(app, [*db, "plan", "acme", "--today", "2026-03-13", "--format", "json"])
    by_file = runner.invoke(app, ["plan", "--case", str(EXAMPLE), "--today", "2026-03-13",
                                  "--format", "json"])
    assert by_id.exit_code == 0, by_id.output
    assert by_id.stdout == by_file.stdout
    agenda = runner.invoke(app, [*db, "today", "--today", "2026-03-20", "--days", "3",
                                 "--format", "json"])
    data = json.loads(agenda.stdout)
    assert [(a["opportunity"], a["kind"], a["due"]) for a in data["actions"]] == [
        ("acme-analyst", "check_in", "2026-03-23")]
    assert data["pipeline"]["rules"] == ["pipeline.one-basket"]
    nothing = runner.invoke(app, [*db, "today", "--today", "2026-03-20", "--days", "0"])
    assert nothing.stdout == (
        "Fri 20 Mar\nNothing to do today.\n\n"
        "Pipeline: 1 active (1 waiting), 0 dormant, 0 closed.\n"
        "Only 1 active opportunity: keep at least 3 going while you wait. "
        "(pipeline.one-basket)\n")
    week = runner.invoke(app, [*db, "today", "--today", "2026-03-20"])
    assert week.stdout.splitlines()[:6] == [
        "Fri 20 Mar", "", "Coming up (to Fri 27 Mar)",
        "  acme-analyst  Acme Analytics · Senior Data Analyst",
        "    • Check in with Dana Whitfield by email on Mon 23 Mar. Dana said on Thu 12 Mar the "
        "decision moves to Fri 20 Mar.", ""]
    done = runner.invoke(app, [*db, "done", "acme", "--at", "2026-03-23T09:00",
                               "--today", "2026-03-23"])
    assert done.exit_code == 0, done.output
    assert done.stdout == "Done: Check in with Dana Whitfield by email on Mon 23 Mar (due)\n"
    after = runner.invoke(app, [*db, "plan", "acme", "--today", "2026-03-23", "--format", "json"])
    (action,) = json.loads(after.stdout)["actions"]
    assert (action["kind"], action["channel"], action["due"]) == (
        "check_in", "voicemail", "2026-03-30")


def test_plan_needs_an_id_or_a_case() -> None:
    result = runner.invoke(app, ["plan"])
    assert (result.exit_code, result.stderr) == (
        2, "error: give an opportunity ID or --case FILE (one of them)\n")
