"""Rows no reader can take (issue 20, item 5): `doctor` finds them, `--fix` repairs or
removes them, `delete` works anyway, `export --all` says what it could not export.

Each fault is written straight into a real SQLite file, as a hand edit or a broken tool
would leave it. SQLite by nature (its columns take any value).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from followup.cli import app
from tests.conftest import CASES

EXAMPLE = CASES / "contract_example.json"


def run(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--db", str(db), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


def ids(db: Path) -> set[str]:
    code, out, _ = run(db, "list", "--json")
    assert code == 0
    return {r["id"] for r in json.loads(out)}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "d.db"
    assert run(path, "import", str(EXAMPLE))[0] == 0
    assert run(path, "add", "opportunity", "--company", "Initech", "--role", "Analyst")[0] == 0
    return path


def sql(db: Path, *statements: str) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        for statement in statements:
            conn.execute(statement)


FAULTS = {
    "direction-sideways": ("UPDATE touches SET direction = 'sideways' WHERE id = 1",
                           "touches row 1: direction: 'sideways' is not one of in, out",
                           "row removed"),
    "channel-pigeon": ("UPDATE touches SET channel = 'pigeon' WHERE id = 1",
                       "channel: 'pigeon' is not one of", "row removed"),
    "status-odd": ("UPDATE opportunities SET status = 'maybe' WHERE slug = 'acme-analyst'",
                   "status: 'maybe' is not one of", "status set to 'active'"),
    "interview-at": ("UPDATE interviews SET at = 'soon'", "at: 'soon' is not a date and time",
                     "row removed"),
    "promised-by": ("UPDATE interviews SET promised_by = '2026-02-30'",
                    "promised_by: '2026-02-30' is not a date", "promised_by cleared"),
    "topics-json": ("UPDATE interviews SET topics = '[\"cut'",
                    "topics: '[\"cut' is not a JSON list of texts", "topics emptied"),
    "round-text": ("UPDATE interviews SET round = 'second'",
                   "round: holds str 'second', not integer", "round cleared"),
    "name-blob": ("UPDATE people SET name = x'ff00' WHERE slug = 'dana'",
                  "name: holds bytes", "name made text"),
    "ghost-interviewer": ("UPDATE interviewers SET person_id = 999",
                          "no such person in the opportunity", "interviewer removed"),
}


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_doctor_finds_and_fix_repairs_every_unreadable_row(db: Path, name: str) -> None:
    statement, problem, repair = FAULTS[name]
    sql(db, statement)
    code, out, _ = run(db, "doctor")
    assert code == 1 and problem in out and f"repair: {repair}" in out, out
    code, out, err = run(db, "doctor", "--fix")
    assert code == 0, (out, err)
    assert f"repaired: {repair}" in out
    assert run(db, "doctor") == (0, "no problem found\n", "")
    assert ids(db) == {"acme-analyst", "initech-analyst"}  # the case is back in the list
    code, _, err = run(db, "show", "acme")
    assert code == 0 and err == ""


def test_doctor_finds_and_drops_foreign_triggers_and_views(db: Path) -> None:
    sql(db, "CREATE TRIGGER hide AFTER INSERT ON touches BEGIN DELETE FROM touches"
            " WHERE id = new.id; END",
        "CREATE VIEW everything AS SELECT * FROM touches")
    code, out, _ = run(db, "doctor")
    assert code == 1
    assert "a trigger 'hide' that followup never makes" in out
    assert "a view 'everything' that followup never makes" in out
    assert run(db, "doctor", "--fix")[0] == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE type IN"
                            " ('trigger', 'view')").fetchone()[0] == 0
    # the trigger no longer swallows what is logged
    assert run(db, "log", "acme", "--kind", "other", "--to", "dana", "--note", "kept")[0] == 0
    touches = json.loads(run(db, "export", "acme")[1])["touches"]
    assert touches[-1]["note"] == "kept"


def test_delete_works_on_a_case_no_reader_can_take(db: Path) -> None:
    sql(db, "UPDATE touches SET direction = 'sideways' WHERE id = 1")
    assert ids(db) == {"initech-analyst"}  # skipped, with a warning
    code, out, err = run(db, "delete", "acme", "--yes")
    assert (code, out) == (0, "Deleted acme-analyst\n"), err
    assert "cannot bring it back" in err
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM touches").fetchone()[0] == 0


def test_export_all_says_what_it_could_not_export(db: Path, tmp_path: Path) -> None:
    sql(db, "UPDATE touches SET direction = 'sideways' WHERE id = 1")
    out_file = tmp_path / "all.json"
    code, out, err = run(db, "export", "--all", "-o", str(out_file))
    assert code == 1
    assert "not exported: " in err and "'acme-analyst'" in err
    assert err.splitlines()[-1] == ("error: 1 opportunity could not be exported (see above; "
                                    "`followup doctor` repairs them)")
    bundle = json.loads(out_file.read_text())
    assert [c["opportunity"]["id"] for c in bundle["cases"]] == ["initech-analyst"]


def test_after_doctor_fix_every_command_reads_every_case(tmp_path: Path) -> None:
    """Hostile values in random columns (tests/restore_mutations.py): whatever they are,
    `doctor --fix` leaves nothing `doctor` finds, and list, today and export --all all
    run clean, so no case is left out."""
    import random

    from tests.restore_mutations import seed, set_value

    live, pristine, _ = seed(tmp_path)
    rnd = random.Random(12)
    for n in range(12):
        for extra in ("-wal", "-shm"):
            Path(f"{live}{extra}").unlink(missing_ok=True)
        live.write_bytes(pristine)
        done = [set_value(live, rnd) for _ in range(3)]
        code, out, err = run(live, "doctor", "--fix")
        assert code == 0, (done, out, err)
        assert run(live, "doctor") == (0, "no problem found\n", ""), done
        for args in (("list", "--json"), ("today",), ("export", "--all")):
            code, _, err = run(live, *args)
            assert code == 0 and "warning" not in err, (n, done, args, err)
