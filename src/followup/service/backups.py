"""`followup backup` and `followup restore`: the database file from `--db`, copied or put
back, checked both ways (the work is in `followup.store.backup`)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from followup.store.backup import BackupInfo

__all__ = ["backup_database", "database_file", "inspect_backup", "plural",
           "restore_database"]


def database_file(db: str | None) -> Path:
    """The SQLite file `--db`/FOLLOWUP_DB names (PostgreSQL has pg_dump: said in the error)."""
    from followup.store import database_url
    from followup.store.backup import sqlite_path

    return sqlite_path(database_url(db))


def backup_database(db: str | None, dest: Path | None, now: datetime) -> BackupInfo:
    """Copy the database to `dest` (default: backups/ beside it, named by date and time)."""
    from followup.store.backup import backup, default_backup_path

    path = database_file(db)
    return backup(path, dest if dest is not None else default_backup_path(path, now))


def inspect_backup(source: Path) -> BackupInfo:
    from followup.store.backup import inspect

    return inspect(source)


def restore_database(db: str | None, source: Path, now: datetime
                     ) -> tuple[BackupInfo, Path | None]:
    """Put a backup in place (what it replaces is saved first) and bring its schema up to
    date now, so the next command does not pay for it."""
    from followup.store import Store
    from followup.store.backup import restore

    path = database_file(db)
    info, saved = restore(source, path, now)
    Store.open(str(path)).close()
    return info, saved


def plural(n: int) -> str:
    from followup.store.backup import plural as words

    return words(n)
