"""`followup backup` / `followup restore` on real SQLite files (SQLite only by nature)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from followup.cli import app
from followup.store import Store
from tests.conftest import CASES

EXAMPLE = CASES / "contract_example.json"


def run(db: Path, *args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--db", str(db), *args], input=input)
    return result.exit_code, result.stdout, result.stderr


def ids(db: Path) -> list[str]:
    return [r["id"] for r in json.loads(run(db, "list", "--json")[1])]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "live" / "followup.db"
    assert run(path, "import", str(EXAMPLE))[0] == 0
    return path


def test_backup_then_restore_brings_back_what_was_deleted(db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    assert run(db, "backup", str(copy)) == (0, f"Backed up 1 opportunity to {copy}\n", "")
    assert not Path(f"{copy}-wal").exists()  # one self-contained file
    run(db, "delete", "acme", "--yes")
    assert ids(db) == []
    code, out, _ = run(db, "restore", str(copy), "--yes")
    assert code == 0
    first, second = out.splitlines()
    assert first == f"Restored 1 opportunity from {copy}"
    saved = Path(second.removeprefix("The database it replaced is saved as "))
    assert saved.parent == db.parent / "backups" and saved.is_file()
    assert ids(db) == ["acme-analyst"]
    assert ids(saved) == []  # the replaced state is kept, not lost


def test_backup_without_a_file_goes_next_to_the_database(db: Path) -> None:
    code, out, _ = run(db, "backup")
    assert code == 0
    written = Path(out.strip().rsplit(" to ", 1)[1])
    assert written.parent == db.parent / "backups"
    assert written.name.startswith("followup-") and written.suffix == ".db"
    assert ids(written) == ["acme-analyst"]


def test_a_backup_holds_committed_rows_only(db: Path, tmp_path: Path) -> None:
    """Taken while another connection is in the middle of a write transaction."""
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE opportunities SET role = 'half-written'")
    copy = tmp_path / "during.db"
    assert run(db, "backup", str(copy))[0] == 0
    writer.execute("COMMIT")
    writer.close()
    case = Store.open(str(copy)).load_case("acme")
    assert case.opportunity.role == "Senior Data Analyst"
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _digest(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return "\n".join(conn.iterdump())


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_text("hello, not a database\n" * 100),
         "not a followup database (file is not a database)"),
        (lambda p: p.write_bytes(b""),
         "not a followup database (no accounts, alembic_version, interviews, opportunities, "
         "people, touches table)"),
        (lambda p: sqlite3.connect(p).execute("CREATE TABLE photos (id INTEGER)"),
         "not a followup database (no accounts, alembic_version, interviews, opportunities, "
         "people, touches table)"),
        (None, "no such file"),
    ],
    ids=["text", "empty", "other-sqlite", "missing"],
)
def test_restore_refuses_what_is_not_a_followup_database(db: Path, tmp_path: Path, make: object,
                                                        message: str) -> None:
    bad = tmp_path / "bad.db"
    if make is not None:
        make(bad)  # type: ignore[operator]
    before = _digest(db)
    code, out, err = run(db, "restore", str(bad), "--yes")
    assert (code, out, err) == (2, "", f"error: {bad}: {message}\n")
    assert _digest(db) == before


def test_restore_refuses_a_backup_from_a_newer_followup(db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "newer.db"
    run(db, "backup", str(copy))
    with sqlite3.connect(copy) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    code, _, err = run(db, "restore", str(copy), "--yes")
    assert code == 2
    from followup.store.migrate import HEAD

    assert err == (f"error: {copy}: made by a newer followup (schema 9999, this one knows up "
                   f"to {HEAD}); upgrade followup first\n")


def test_restore_asks_first(db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    run(db, "backup", str(copy))
    run(db, "delete", "acme", "--yes")
    code, _, _ = run(db, "restore", str(copy), input="n\n")
    assert code == 1
    assert ids(db) == []


def test_restoring_an_older_schema_upgrades_it(db: Path, tmp_path: Path) -> None:
    from sqlalchemy import create_engine

    from followup.store.migrate import HEAD, upgrade

    old = tmp_path / "old.db"
    upgrade(create_engine(f"sqlite:///{old}"), "0001")
    assert run(db, "restore", str(old), "--yes")[0] == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD
    assert ids(db) == []


def test_backup_and_restore_refuse_other_databases(tmp_path: Path) -> None:
    url = "postgresql+psycopg://nobody@127.0.0.1:9/none"
    for args in (["backup"], ["restore", str(tmp_path / "x.db"), "--yes"]):
        result = CliRunner().invoke(app, ["--db", url, *args])
        assert (result.exit_code, result.stderr) == (
            2, "error: backup and restore work on a SQLite database file, not postgresql; "
               "for PostgreSQL use pg_dump and pg_restore\n")


def test_backup_refuses_to_overwrite_the_database(db: Path) -> None:
    code, _, err = run(db, "backup", str(db))
    assert (code, err) == (2, f"error: {db}: that is the database itself\n")
