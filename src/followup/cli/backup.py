"""`followup backup` and `followup restore`: copies of the SQLite database, checked both ways.

The work is in `followup.service.backups`; these commands read `--db`/FOLLOWUP_DB and report.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from followup.cli import app


def _db(ctx: typer.Context) -> str | None:
    root = ctx.find_root()
    return root.obj.get("db") if isinstance(root.obj, dict) else None


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

    from followup.service.backups import backup_database, plural

    info = backup_database(_db(ctx), file.expanduser() if file is not None else None,
                           datetime.now())
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

    from followup.service.backups import database_file, inspect_backup, plural, restore_database

    db = database_file(_db(ctx))
    source = file.expanduser()
    info = inspect_backup(source)
    if not yes and not typer.confirm(
        f"Replace {db} with {source} ({plural(info.opportunities)})?"
    ):
        raise typer.Exit(1)
    info, saved = restore_database(_db(ctx), source, datetime.now())
    typer.echo(f"Restored {plural(info.opportunities)} from {source}")
    if saved is not None:
        typer.echo(f"The database it replaced is saved as {saved}")
