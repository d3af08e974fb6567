"""`followup backup` and `followup restore`: copies of the SQLite database, checked both ways.

The work is in `followup.store.backup`; these commands only find the database file from
`--db`/FOLLOWUP_DB and report.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from followup.cli import app


def _db_file(ctx: typer.Context) -> Path:
    from followup.store import database_url
    from followup.store.backup import sqlite_path

    root = ctx.find_root()
    db = root.obj.get("db") if isinstance(root.obj, dict) else None
    return sqlite_path(database_url(db))


@app.command("backup")
def backup_command(
    ctx: typer.Context,
    file: Annotated[Path | None, typer.Argument(
        metavar="[FILE]", help="Where to write (a file or a folder; default: backups/ next "
                               "to the database, with the date and time in the name).")] = None,
) -> None:
    """Copy the database to a file, safely even while followup is running.

    Example: followup backup ~/Documents/followup-march.db
    """
    from datetime import datetime

    from followup.store.backup import backup, default_backup_path, plural

    db = _db_file(ctx)
    dest = file.expanduser() if file is not None else default_backup_path(db, datetime.now())
    info = backup(db, dest)
    typer.echo(f"Backed up {plural(info.opportunities)} to {info.path}")


@app.command("restore")
def restore_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A file `followup backup` wrote.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Don't ask.")] = False,
) -> None:
    """Replace the database with a backup (the current one is backed up first; asks first).

    Example: followup restore ~/Documents/followup-march.db
    """
    from datetime import datetime

    from followup.store.backup import inspect, plural, restore

    db = _db_file(ctx)
    source = file.expanduser()
    info = inspect(source)
    if not yes and not typer.confirm(
        f"Replace {db} with {source} ({plural(info.opportunities)})?"
    ):
        raise typer.Exit(1)
    info, saved = restore(source, db, datetime.now())
    from followup.store import Store

    Store.open(str(db)).close()  # upgrade an older backup's schema in place, now
    typer.echo(f"Restored {plural(info.opportunities)} from {source}")
    if saved is not None:
        typer.echo(f"The database it replaced is saved as {saved}")
