"""`followup draft ID`: the planner's next message from the database, clean for the linter."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from followup.cli import app
from tests.conftest import CASES

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> list[str]:
    db = ["--db", str(tmp_path / "f.db")]
    assert runner.invoke(app, [*db, "import", str(CASES / "contract_example.json")]).exit_code == 0
    return db


def lint(text: str, kind: str, to: str, tmp_path: Path) -> dict:  # type: ignore[type-arg]
    note = tmp_path / "note.txt"
    note.write_text(text)
    result = runner.invoke(app, ["lint", str(note), "--kind", kind, "--case",
                                 str(CASES / "contract_example.json"), "--to", to,
                                 "--format", "json"])
    return json.loads(result.stdout)["files"][0]  # type: ignore[no-any-return]


def test_default_is_the_planners_next_action(db: list[str], tmp_path: Path) -> None:
    # On 13 Mar the plan's next step is the check-in with Dana (CONTRACT.md's example).
    result = runner.invoke(app, [*db, "draft", "acme", "--today", "2026-03-13"])
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("Subject: ")
    assert "Dana" in text and "Friday 20 March" in text
    report = lint(text, "check_in", "dana", tmp_path)
    assert [f for f in report["findings"] if f["severity"] != "info"] == []


def test_kind_and_person_can_be_chosen(db: list[str], tmp_path: Path) -> None:
    result = runner.invoke(app, [*db, "draft", "acme", "--kind", "thank_you", "--to", "Priya",
                                 "--today", "2026-03-02"])
    assert result.exit_code == 0, result.output
    assert "Priya" in result.stdout and "Dana" not in result.stdout.split("\n\n", 2)[1]
    report = lint(result.stdout, "thank_you", "priya", tmp_path)
    assert [f for f in report["findings"] if f["severity"] != "info"] == []


def test_edit_lints_what_was_saved(db: list[str], tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    script = tmp_path / "editor.py"
    script.write_text("import sys, pathlib\np = pathlib.Path(sys.argv[1])\n"
                      "p.write_text(p.read_text() + '\\nCould you call me back?\\n')\n")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    out = tmp_path / "draft.txt"
    result = runner.invoke(app, [*db, "draft", "acme", "--today", "2026-03-13", "--edit",
                                 "--out", str(out)])
    assert result.exit_code == 1
    assert "Could you call me back?" in out.read_text()
    assert "error tone.call-me-back" in result.stderr


def test_nobody_to_write_to(tmp_path: Path) -> None:
    db = ["--db", str(tmp_path / "f.db")]
    runner.invoke(app, [*db, "add", "opportunity", "--company", "Initech", "--role", "Analyst"])
    result = runner.invoke(app, [*db, "draft", "initech"])
    assert (result.exit_code, result.stderr) == (
        2, "error: initech-analyst: nobody to write to yet (add someone: followup add person)\n")
