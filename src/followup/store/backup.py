"""Backups of a SQLite database that are safe while it is in use, and checked restores.

SQLite's online backup API copies a consistent snapshot page by page while other processes
keep reading and writing (a plain file copy of a WAL database can miss the WAL or catch a
half-written page). A backup is written to a temporary name, checked, then renamed, so a
crash never leaves a truncated file under the name the user gave. A restore first checks
that the file is a followup database this version can read, and keeps a backup of what it
replaces. PostgreSQL has its own tools (pg_dump), named in the message.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from followup.core.errors import FollowupError
from followup.store.migrate import HEAD, MIGRATIONS

# The tables every revision of the schema has; a file without them is not ours.
REQUIRED_TABLES = frozenset({"alembic_version", "accounts", "opportunities", "people",
                             "interviews", "touches"})
BUSY_TIMEOUT_S = 30


class BackupError(FollowupError):
    """A backup can't be written, or a file can't be restored."""


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    revision: str
    opportunities: int


def sqlite_path(url: str) -> Path:
    """The file behind a SQLAlchemy URL, or a one-line refusal for other databases."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        raise BackupError(f"backup and restore work on a SQLite database file, not "
                          f"{parsed.get_backend_name()}; for PostgreSQL use pg_dump and "
                          "pg_restore")
    return Path(str(parsed.database))


def default_backup_path(db: Path, now: datetime) -> Path:
    """`backups/followup-20260313-091500.db` next to the database."""
    return db.parent / "backups" / f"{db.stem}-{now:%Y%m%d-%H%M%S}{db.suffix or '.db'}"


def _readonly(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                           timeout=BUSY_TIMEOUT_S)


def plural(n: int) -> str:
    return f"{n} opportunit{'y' if n == 1 else 'ies'}"


def inspect(path: Path) -> BackupInfo:
    """Check that `path` is a whole followup database this version can open."""
    if not path.is_file():
        raise BackupError(f"{path}: no such file")
    try:
        with closing(_readonly(path)) as conn:
            tables = {r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            missing = REQUIRED_TABLES - tables
            if missing:
                raise BackupError(f"{path}: not a followup database "
                                  f"(no {', '.join(sorted(missing))} table)")
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            check = conn.execute("PRAGMA integrity_check").fetchone()[0]
            count = conn.execute("SELECT count(*) FROM opportunities").fetchone()[0]
    except sqlite3.DatabaseError as e:
        raise BackupError(f"{path}: not a followup database ({e})") from None
    if check != "ok":
        raise BackupError(f"{path}: the database is damaged (integrity check: {check})")
    if revision is None:
        raise BackupError(f"{path}: not a followup database (no schema revision)")
    rev = str(revision[0])
    if not any((MIGRATIONS / "versions").glob(f"{rev}_*.py")):
        raise BackupError(f"{path}: made by a newer followup (schema {rev}, this one knows up "
                          f"to {HEAD}); upgrade followup first")
    return BackupInfo(path=path, revision=rev, opportunities=int(count))


def backup(db: Path, dest: Path) -> BackupInfo:
    """Copy the live database `db` to `dest` (a file, or a folder to put a dated file in)."""
    if not db.is_file():
        raise BackupError(f"{db}: no database to back up yet")
    if dest.is_dir():
        dest = dest / default_backup_path(db, datetime.now()).name
    if dest.exists() and dest.resolve() == db.resolve():
        raise BackupError(f"{dest}: that is the database itself")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise BackupError(f"cannot write {dest}: {e.strerror}") from None
    partial = dest.with_name(f".{dest.name}.partial-{os.getpid()}")
    try:
        with closing(sqlite3.connect(db, timeout=BUSY_TIMEOUT_S)) as source, \
                closing(sqlite3.connect(partial)) as target:
            source.backup(target)
            # One self-contained file: the copy does not need a -wal beside it.
            target.execute("PRAGMA journal_mode=DELETE")
        info = inspect(partial)
        os.replace(partial, dest)
    except sqlite3.Error as e:
        raise BackupError(f"cannot back up {db}: {e}") from None
    except OSError as e:
        raise BackupError(f"cannot write {dest}: {e.strerror}") from None
    finally:
        partial.unlink(missing_ok=True)
    return BackupInfo(path=dest, revision=info.revision, opportunities=info.opportunities)


def restore(source: Path, db: Path, now: datetime) -> tuple[BackupInfo, Path | None]:
    """Replace the database `db` with the backup `source`; returns the copy of the old one.

    The copy goes through the backup API into the live file, so a process that has the
    database open sees either the old content or the new, never a mix; the schema is then
    upgraded in place if the backup is older.
    """
    info = inspect(source)
    if db.exists() and source.resolve() == db.resolve():
        raise BackupError(f"{source}: that is the database itself")
    saved = None
    if db.exists():
        saved = backup(db, db.parent / "backups" /
                       f"{db.stem}-before-restore-{now:%Y%m%d-%H%M%S}{db.suffix or '.db'}").path
    db.parent.mkdir(parents=True, exist_ok=True)
    try:
        with closing(_readonly(source)) as src, \
                closing(sqlite3.connect(db, timeout=BUSY_TIMEOUT_S)) as target:
            src.backup(target)
    except sqlite3.Error as e:
        raise BackupError(f"cannot restore into {db}: {e}") from None
    return info, saved
