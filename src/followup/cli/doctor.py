"""`followup doctor`: find stored records outside the limits, and repair them (issue 12).

Such a record (written by an older version, or by hand in the database) is skipped by the
agenda with a warning; this command lists each with what is wrong and what `--fix` would
do (followup.core.repair says what repair means for each kind of fault).
"""

from __future__ import annotations

from typing import Annotated

import typer

from followup.cli import app
from followup.cli import common as c


@app.command()
def doctor(
    ctx: typer.Context,
    fix: Annotated[bool, typer.Option("--fix", help="Repair what is found (the flag is the "
                                      "confirmation; back up first: followup backup).")
                   ] = False,
    today: Annotated[str | None, typer.Option(metavar="DATE", help="Default: today.")] = None,
) -> None:
    """List stored records the tool would refuse today, and repair them with --fix.

    Exit status: 0 when nothing is wrong (or all was repaired), 1 when problems remain.

    Examples: followup doctor
              followup doctor --fix
    """
    from followup import service

    store = c.store(ctx)
    found, left = service.doctor(store, c.today(today), fix)
    if not found:
        typer.echo("no problem found")
        return
    for f in found:
        typer.echo(f"{f.record}:")
        for problem in f.problems:
            typer.echo(f"  problem: {problem}")
        for repair in f.repairs:
            typer.echo(f"  {'repaired' if fix else 'repair'}: {repair}")
    if not fix:
        typer.echo(f"{len(found)} record(s) with problems; `followup doctor --fix` "
                   "repairs them")
        raise typer.Exit(1)
    typer.echo(f"repaired {len(found)} record(s)")
    if left:
        typer.echo(f"{len(left)} record(s) still with problems", err=True)
        raise typer.Exit(1)
