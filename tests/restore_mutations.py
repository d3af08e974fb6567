"""Broken backups, made from a good one: what `followup restore` must refuse or take whole.

Shared by tests/store/test_restore_fuzz.py (a few dozen in `make test`) and
scripts/fuzz_restore.py (the large run). Each mutation stands for a way a backup goes bad in
the world: a schema changed by hand or by another tool (wrong columns, tables, indexes, a
trigger or a view), a migration revision we never wrote, rows edited by hand (values of the
wrong kind, words outside the vocabulary, dates far away, control characters), rows deleted
under their references, and the file itself cut short or damaged (a copy interrupted, a bad
disk). Every one is applied with sqlite3 or to the bytes, never through followup.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

TABLES = ("opportunities", "people", "interviews", "interviewers", "touches", "snoozes",
          "candidates", "candidate_values", "accounts", "changes", "mail_reviews",
          "mail_messages", "alembic_version")

# Values a hand edit or another tool might leave in any column.
HOSTILE: tuple[object, ...] = (
    None, "", "sideways", "garbage", "9999-12-31", "9999-12-31 10:00:00", "0001-01-01",
    "2026-02-30", "1969-12-31 23:59:59", "2026-03-02T10:00:00+05:00", "[", "[1, 2]",
    '{"a": 1}', "[\"ok\"]", "x" * 5000, "\x1b]0;owned\x07", "Dana\u202eevil", "nul\x00byte",
    "../../etc", -1, 0, 2**63 - 1, 1.5, b"\xff\xfe", b"", "active", "out", "email",
    "thank_you", "\ud800".encode("utf-8", "surrogatepass"),
)

Mutation = Callable[[Path, random.Random], str]


def _sql(path: Path, *statements: str, params: tuple[object, ...] = ()) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA foreign_keys=OFF")
        for statement in statements:
            conn.execute(statement, params if "?" in statement else ())
        conn.commit()
    finally:
        conn.close()


def _columns(path: Path, table: str) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


def _rowids(path: Path, table: str) -> list[int]:
    with sqlite3.connect(path) as conn:
        return [r[0] for r in conn.execute(f"SELECT rowid FROM {table}")]


def set_value(path: Path, rnd: random.Random) -> str:
    table = rnd.choice(TABLES)
    rows = _rowids(path, table)
    columns = _columns(path, table)
    if not rows or not columns:
        return f"nothing in {table}"
    column, row = rnd.choice(columns), rnd.choice(rows)
    value = rnd.choice(HOSTILE)
    if isinstance(value, str) and rnd.random() < 0.3:
        value = value.encode("utf-8")  # the same text stored as a BLOB
    try:
        _sql(path, f'UPDATE {table} SET "{column}" = ? WHERE rowid = ?', params=(value, row))
    except sqlite3.Error as e:  # a constraint: the backup stays as it was
        return f"{table}.{column} = {value!r:.40} refused by SQLite ({e})"
    return f"{table}.{column} row {row} = {value!r:.40}"


def delete_rows(path: Path, rnd: random.Random) -> str:
    table = rnd.choice(TABLES)
    _sql(path, f"DELETE FROM {table} WHERE rowid % ? = 0", params=(rnd.randint(1, 3),))
    return f"rows deleted from {table}"


def add_column(path: Path, rnd: random.Random) -> str:
    table = rnd.choice(TABLES)
    _sql(path, f"ALTER TABLE {table} ADD COLUMN extra_{rnd.randint(0, 99)} TEXT")
    return f"column added to {table}"


def drop_column(path: Path, rnd: random.Random) -> str:
    table = rnd.choice(TABLES)
    column = rnd.choice(_columns(path, table))
    try:
        _sql(path, f'ALTER TABLE {table} DROP COLUMN "{column}"')
    except sqlite3.Error as e:
        return f"{table}.{column} not dropped ({e})"
    return f"{table}.{column} dropped"


def rename_column(path: Path, rnd: random.Random) -> str:
    table = rnd.choice(TABLES)
    column = rnd.choice(_columns(path, table))
    try:
        _sql(path, f'ALTER TABLE {table} RENAME COLUMN "{column}" TO "{column}_x"')
    except sqlite3.Error as e:
        return f"{table}.{column} not renamed ({e})"
    return f"{table}.{column} renamed"


def drop_table(path: Path, rnd: random.Random) -> str:
    table = rnd.choice(TABLES)
    _sql(path, f"DROP TABLE {table}")
    return f"{table} dropped"


def add_table(path: Path, rnd: random.Random) -> str:
    _sql(path, f"CREATE TABLE other_{rnd.randint(0, 99)} (id INTEGER PRIMARY KEY, x TEXT)")
    return "table added"


def add_trigger(path: Path, rnd: random.Random) -> str:
    table = rnd.choice(TABLES[:6])
    _sql(path, f"CREATE TRIGGER t_{rnd.randint(0, 99)} AFTER INSERT ON {table}"
               f" BEGIN DELETE FROM {table}; END")
    return f"trigger on {table}"


def add_view(path: Path, rnd: random.Random) -> str:
    _sql(path, f"CREATE VIEW v_{rnd.randint(0, 99)} AS SELECT * FROM {rnd.choice(TABLES)}")
    return "view added"


def add_index(path: Path, rnd: random.Random) -> str:
    table = rnd.choice(TABLES)
    column = rnd.choice(_columns(path, table))
    try:
        _sql(path, f'CREATE INDEX ix_other_{rnd.randint(0, 99)} ON {table} ("{column}")')
    except sqlite3.Error as e:
        return f"no index ({e})"
    return f"index on {table}.{column}"


def set_revision(path: Path, rnd: random.Random) -> str:
    value = rnd.choice(["0001", "0003", "0006", "9999", "0008", "*", "", "0007 ", "abc",
                        "../0001", None, 7, b"0007"])
    if rnd.random() < 0.2:
        _sql(path, "INSERT INTO alembic_version VALUES ('0002')")
        return "two revisions"
    try:
        _sql(path, "UPDATE alembic_version SET version_num = ?", params=(value,))
    except sqlite3.Error as e:
        return f"revision kept ({e})"
    return f"revision {value!r}"


def truncate(path: Path, rnd: random.Random) -> str:
    data = path.read_bytes()
    cut = rnd.randint(0, len(data) - 1)
    path.write_bytes(data[:cut])
    return f"cut at {cut} of {len(data)} bytes"


def flip_bytes(path: Path, rnd: random.Random) -> str:
    data = bytearray(path.read_bytes())
    for _ in range(rnd.randint(1, 16)):
        data[rnd.randrange(len(data))] = rnd.randrange(256)
    path.write_bytes(bytes(data))
    return "bytes flipped"


def zero_page(path: Path, rnd: random.Random) -> str:
    data = bytearray(path.read_bytes())
    page = rnd.randrange(max(1, len(data) // 4096))
    data[page * 4096:(page + 1) * 4096] = bytes(min(4096, len(data) - page * 4096))
    path.write_bytes(bytes(data))
    return f"page {page} zeroed"


MUTATIONS: tuple[Mutation, ...] = (
    set_value, set_value, set_value, set_value, delete_rows, add_column, drop_column,
    rename_column, drop_table, add_table, add_trigger, add_view, add_index, set_revision,
    truncate, flip_bytes, zero_page,
)


def mutate(path: Path, rnd: random.Random) -> list[str]:
    """Apply one to three mutations to the backup at `path`; what was done, in words."""
    done = []
    for _ in range(rnd.choice((1, 1, 1, 2, 3))):
        try:
            done.append(rnd.choice(MUTATIONS)(path, rnd))
        except (sqlite3.Error, UnicodeDecodeError, IndexError, ValueError) as e:
            done.append(f"stopped: {e}")  # the file is already past reading
            break
    return done


def seed(folder: Path) -> tuple[Path, bytes, bytes]:
    """A live database with a few cases of every kind, its bytes, and a good backup's."""
    from typer.testing import CliRunner

    from followup.cli import app

    cases = Path(__file__).parent / "cases"
    live = folder / "live.db"
    runner = CliRunner()
    for case in sorted(cases.glob("*.json")):
        runner.invoke(app, ["--db", str(live), "import", str(case)])
    runner.invoke(app, ["--db", str(live), "profile", "--name", "Alex Morgan", "--country",
                        "US", "--timezone", "America/New_York"])
    runner.invoke(app, ["--db", str(live), "snooze", "acme", "2026-12-01"])
    backup = folder / "good.db"
    runner.invoke(app, ["--db", str(live), "backup", str(backup)])
    with sqlite3.connect(live) as conn:  # one file, no -wal beside it, for byte compares
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return live, live.read_bytes(), backup.read_bytes()


AFTER = (("list", "--json"), ("today",), ("doctor",), ("export", "--all"))


def trial(live: Path, pristine: bytes, good: bytes, bad: Path,
          rnd: random.Random) -> tuple[str, str]:
    """One mutated backup restored over a fresh copy of the live database.

    Returns (outcome, detail): "refused" (one line, exit 2, live bytes unchanged),
    "restored" (exit 0, and every later command, `doctor` included, exits 0: a restore
    takes only what doctor accepts), or a failure naming what went wrong.
    """
    import traceback

    from typer.testing import CliRunner

    from followup.cli import app

    for extra in ("-wal", "-shm"):
        Path(f"{live}{extra}").unlink(missing_ok=True)
    live.write_bytes(pristine)
    bad.write_bytes(good)
    done = "; ".join(mutate(bad, rnd))
    runner = CliRunner()
    result = runner.invoke(app, ["--db", str(live), "restore", str(bad), "--yes"])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        tb = "".join(traceback.format_exception(*result.exc_info)) if result.exc_info else ""
        return "traceback", f"{done}\n{tb}"
    if result.exit_code == 2:
        if not (result.stderr.startswith("error: ") and result.stderr.count("\n") == 1):
            return "refused in more than one line", f"{done}\n{result.stderr}"
        if live.read_bytes() != pristine:
            return "refused but the live database changed", done
        return "refused", result.stderr.strip()
    if result.exit_code != 0:
        return f"exit {result.exit_code}", f"{done}\n{result.stderr}"
    for args in AFTER:
        after = runner.invoke(app, ["--db", str(live), *args])
        if after.exception is not None and not isinstance(after.exception, SystemExit):
            tb = "".join(traceback.format_exception(*after.exc_info)) if after.exc_info else ""
            return f"restored, then {args[0]} gave a traceback", f"{done}\n{tb}"
        if after.exit_code != 0:
            return f"restored, then {args[0]} exit {after.exit_code}", \
                f"{done}\n{after.stdout[-400:]}{after.stderr[-400:]}"
    return "restored", done
