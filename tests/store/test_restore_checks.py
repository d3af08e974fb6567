"""`followup restore` checks before it replaces (issue 20, item 5).

Each broken backup of the issue as a test: refused in one line, exit 2, and the live
database untouched (every byte of the file, and its mode). SQLite by nature.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from followup.cli import app
from tests.conftest import CASES

EXAMPLE = CASES / "contract_example.json"


def run(db: Path | str, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--db", str(db), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def live(tmp_path: Path) -> Path:
    path = tmp_path / "live" / "followup.db"
    assert run(path, "import", str(EXAMPLE))[0] == 0
    run(path, "add", "opportunity", "--company", "Initech", "--role", "Data Engineer")
    return path


@pytest.fixture
def good(live: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "good.db"
    assert run(live, "backup", str(copy))[0] == 0
    return copy


def _sql(*statements: str) -> Callable[[Path], None]:
    def mutate(path: Path) -> None:
        with sqlite3.connect(path) as conn:
            for sql in statements:
                conn.execute(sql)
    return mutate


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


BROKEN = {
    # wrong columns: restored with exit 0 before, then a traceback on every command
    "extra-column": (_sql("ALTER TABLE touches ADD COLUMN evil TEXT"),
                     'touches has a column "evil" that followup never makes'),
    "missing-column": (_sql("ALTER TABLE touches DROP COLUMN note"),
                       "touches has no column note"),
    "extra-table": (_sql("CREATE TABLE notes (id INTEGER)"),
                    'a table "notes" that followup never makes'),
    # an unknown migration revision: tracebacks during and after
    "unknown-revision": (_sql("UPDATE alembic_version SET version_num = '*'"),
                         'unknown schema revision "*"'),
    "revision-blob": (_sql("UPDATE alembic_version SET version_num = x'00'"),
                      "unknown schema revision"),
    "two-revisions": (_sql("INSERT INTO alembic_version VALUES ('0001')"),
                      "2 schema revisions"),
    # a hidden trigger was restored and doctor said nothing
    "trigger": (_sql("CREATE TRIGGER t AFTER INSERT ON touches BEGIN DELETE FROM touches; END"),
                'holds a trigger "t" that followup never makes'),
    "view": (_sql("CREATE VIEW v AS SELECT 1"), 'holds a view "v" that followup never makes'),
    "extra-index": (_sql("CREATE INDEX ix_evil ON touches (kind)"),
                    "touches has other indexes than followup makes (ix_evil)"),
    "truncated": (_truncate, "not a followup database"),
    # rows a reader would refuse, and records outside the limits
    "direction-sideways": (_sql("UPDATE touches SET direction = 'sideways'"),
                           "direction: 'sideways' is not one of in, out"),
    "date-garbage": (_sql("UPDATE interviews SET at = 'garbage'"),
                     "at: 'garbage' is not a date and time"),
    "blob-name": (_sql("UPDATE people SET name = x'ff00'"), "name: holds bytes"),
    "not-utf8-name": (_sql("UPDATE people SET name = CAST(x'41ff' AS TEXT)"),
                      "name: text that is not UTF-8"),
    "year-9999": (_sql("UPDATE touches SET at = '9999-12-31 10:00:00.000000'"),
                  "touches[0].at: 9999-12-31 is outside"),
    "ghost-interviewer": (_sql("PRAGMA foreign_keys=OFF",
                               "UPDATE interviewers SET person_id = 999"),
                          "no such person in the opportunity"),
    "bad-snooze-kind": (_sql("INSERT INTO snoozes (account_id, opportunity, kind, until,"
                             " created_at) VALUES (1, 'acme-analyst', 'nap', '2026-03-10',"
                             " '2026-03-01 10:00:00')"), "kind: 'nap' is not one of"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_backup_is_refused_and_the_live_database_untouched(
        live: Path, good: Path, tmp_path: Path, name: str) -> None:
    mutate, says = BROKEN[name]
    bad = tmp_path / f"{name}.db"
    bad.write_bytes(good.read_bytes())
    mutate(bad)
    backup_before = file_digest(bad)
    ids = {r["id"] for r in json.loads(run(live, "list", "--json")[1])}
    # after `list`: a read keeps the plans it made (issue 24); the file is settled then
    before, mode = file_digest(live), stat.S_IMODE(live.stat().st_mode)
    code, out, err = run(live, "restore", str(bad), "--yes")
    assert (code, out) == (2, ""), (code, out, err)
    assert err.startswith(f"error: {bad}: ") and err.count("\n") == 1, err
    assert says in err, err
    assert file_digest(live) == before and stat.S_IMODE(live.stat().st_mode) == mode
    assert file_digest(bad) == backup_before  # opened read-only: the backup is untouched too
    assert not list(live.parent.glob(".*restore*"))  # no work file left behind
    code, out, _ = run(live, "list", "--json")  # and every command still works
    assert code == 0 and {r["id"] for r in json.loads(out)} == ids


def test_a_refused_backup_can_be_repaired_with_doctor_then_restored(
        live: Path, good: Path, tmp_path: Path) -> None:
    """The refusal says how: doctor --fix on a copy, then restore the copy."""
    bad = tmp_path / "bad.db"
    bad.write_bytes(good.read_bytes())
    _sql("UPDATE touches SET direction = 'sideways' WHERE id = 1")(bad)
    assert run(live, "restore", str(bad), "--yes")[0] == 2
    assert run(bad, "doctor", "--fix")[0] == 0
    code, out, err = run(live, "restore", str(bad), "--yes")
    assert code == 0, err
    assert out.startswith(f"Restored 2 opportunities from {bad}")


def test_a_good_backup_restores_and_every_file_is_private(live: Path, good: Path) -> None:
    assert stat.S_IMODE(good.stat().st_mode) == 0o600
    run(live, "delete", "initech", "--yes")
    code, out, _ = run(live, "restore", str(good), "--yes")
    assert code == 0
    saved = Path(out.splitlines()[1].removeprefix("The database it replaced is saved as "))
    for path in (live, saved):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(saved.parent.stat().st_mode) == 0o700


def test_the_database_and_its_wal_are_created_private(tmp_path: Path) -> None:
    db = tmp_path / "new" / "followup.db"
    assert run(db, "add", "opportunity", "--company", "A", "--role", "B")[0] == 0
    for path in db.parent.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


@pytest.mark.parametrize("target", ["device", "fifo", "folder-link"])
def test_backup_and_export_refuse_what_is_not_a_regular_file(
        live: Path, tmp_path: Path, target: str) -> None:
    if target == "device":
        path = Path("/dev/null")
    elif target == "fifo":
        path = tmp_path / "pipe"
        os.mkfifo(path)
    else:
        path = tmp_path / "link"
        path.symlink_to("/dev/null")
    before = path.stat()
    for args in (["backup", str(path)], ["export", "--all", "-o", str(path)]):
        code, _, err = run(live, *args)
        assert code == 2, (args, err)
        assert "not a regular file" in err and err.count("\n") == 1, err
    after = path.stat()
    assert (after.st_mode, after.st_ino, after.st_rdev) == (before.st_mode, before.st_ino,
                                                            before.st_rdev)


def test_export_is_private(live: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.json"
    assert run(live, "export", "--all", "-o", str(out))[0] == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_a_read_only_url_never_writes(live: Path) -> None:
    url = f"sqlite:///{live}?mode=ro"
    before = file_digest(live)
    code, out, _ = run(url, "list", "--json")
    assert code == 0 and len(json.loads(out)) == 2
    for args in (["add", "opportunity", "--company", "Z", "--role", "Y"],
                 ["log", "acme", "--kind", "thank_you"], ["delete", "acme", "--yes"],
                 ["status", "acme", "rejected"]):
        code, _, err = run(url, *args)
        assert code == 2 and "opened read-only" in err and err.count("\n") == 1, (args, err)
    assert file_digest(live) == before


def test_a_sqlite_url_option_we_would_ignore_is_refused(live: Path) -> None:
    code, _, err = run(f"sqlite:///{live}?cache=shared", "list")
    assert (code, err) == (2, "error: --db: the SQLite option 'cache' is not supported "
                              "(only mode=ro, mode=rw, mode=rwc)\n")
