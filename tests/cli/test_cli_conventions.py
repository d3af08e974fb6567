"""One way to use the CLI: positional ids, --format/--json, --version, snooze, done --early."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from followup import __version__
from followup.cli import app

EXAMPLE = Path(__file__).parents[1] / "cases" / "contract_example.json"
runner = CliRunner()


def _db(tmp_path: Path) -> list[str]:
    db = ["--db", str(tmp_path / "f.db")]
    assert runner.invoke(app, [*db, "import", str(EXAMPLE)]).exit_code == 0
    return db


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert (result.exit_code, result.stdout) == (0, f"followup {__version__}\n")


def test_completion_is_offered() -> None:
    assert "--install-completion" in runner.invoke(app, ["--help"]).stdout


def test_json_is_the_same_as_format_json_everywhere(tmp_path: Path) -> None:
    db = _db(tmp_path)
    for command in (["today", "--today", "2026-03-20"], ["plan", "acme", "--today", "2026-03-13"],
                    ["list", "--today", "2026-03-13"], ["show", "acme"]):
        as_format = runner.invoke(app, [*db, *command, "--format", "json"])
        as_flag = runner.invoke(app, [*db, *command, "--json"])
        assert as_format.exit_code == 0, (command, as_format.output)
        assert as_format.stdout == as_flag.stdout
        json.loads(as_flag.stdout)


def test_the_opportunity_is_positional_and_the_old_option_still_works(tmp_path: Path) -> None:
    db = _db(tmp_path)
    new = runner.invoke(app, [*db, "log", "acme", "--kind", "check_in", "--to", "dana",
                              "--at", "2026-03-23 09:00"])
    old = runner.invoke(app, [*db, "log", "-o", "acme", "--kind", "other", "--to", "dana",
                              "--at", "2026-03-24 09:00"])
    assert (new.exit_code, old.exit_code) == (0, 0), (new.output, old.output)
    added = runner.invoke(app, [*db, "add", "person", "acme", "--name", "Sam Lee"])
    assert added.exit_code == 0, added.output
    none = runner.invoke(app, [*db, "log", "--kind", "other"])
    assert (none.exit_code, none.stderr) == (
        2, "error: ID: which opportunity? (see `followup list`)\n")
    twice = runner.invoke(app, [*db, "log", "acme", "-o", "other", "--kind", "other"])
    assert twice.exit_code == 2 and "give the opportunity once" in twice.stderr


def test_done_refuses_a_step_not_yet_due_unless_early(tmp_path: Path) -> None:
    db = _db(tmp_path)
    early = runner.invoke(app, [*db, "done", "acme", "--today", "2026-03-16",
                                "--at", "2026-03-16 09:00"])
    assert early.exit_code == 2
    assert early.stderr == ("error: acme-analyst: nothing is due yet; the next step, check-in, "
                            "is from Mon 23 Mar (add --early to mark it done now)\n")
    show = runner.invoke(app, [*db, "show", "acme", "--json"])
    assert len(json.loads(show.stdout)["touches"]) == len(
        json.loads(EXAMPLE.read_text())["touches"])  # nothing written
    ok = runner.invoke(app, [*db, "done", "acme", "--early", "--today", "2026-03-16",
                             "--at", "2026-03-16 09:00"])
    assert ok.exit_code == 0, ok.output
    assert ok.stdout.startswith("Done: Check in with Dana Whitfield")


def test_snooze_hides_the_next_step_until_the_date(tmp_path: Path) -> None:
    db = _db(tmp_path)
    result = runner.invoke(app, [*db, "snooze", "acme", "2026-03-25", "--today", "2026-03-20"])
    assert (result.exit_code, result.stdout) == (
        0, "Snoozed until Wed 25 Mar: Check in with Dana Whitfield by email on Mon 23 Mar\n")
    hidden = json.loads(runner.invoke(app, [*db, "today", "--today", "2026-03-23",
                                            "--json"]).stdout)
    assert hidden["actions"] == []
    back = json.loads(runner.invoke(app, [*db, "today", "--today", "2026-03-25",
                                          "--json"]).stdout)
    assert [a["kind"] for a in back["actions"]] == ["check_in"]
    past = runner.invoke(app, [*db, "snooze", "acme", "2026-03-19", "--today", "2026-03-20"])
    assert past.exit_code == 2 and past.stderr.startswith(
        "error: DATE: '2026-03-19' is Thu 19 Mar 2026, before today")


def test_one_date_style_and_no_internal_names(tmp_path: Path) -> None:
    db = _db(tmp_path)
    shown = runner.invoke(app, [*db, "show", "acme"]).stdout
    assert "thank_you" not in shown and "check_in" not in shown
    today = runner.invoke(app, [*db, "today", "--today", "2026-03-20"]).stdout
    assert "Fri 20 Mar" in today and "March" not in today
