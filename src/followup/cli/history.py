"""`followup undo`: revert the last change (from the CLI or the web app), after saying what
it was."""

from __future__ import annotations

from typing import Annotated

import typer

from followup.cli import app
from followup.cli import common as c
from followup.core.dates import say_moment


@app.command("undo")
def undo(
    ctx: typer.Context,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Don't ask.")] = False,
) -> None:
    """Undo the last change (a touch logged, a status set, a deletion ...), after showing it.

    Example: followup undo --yes
    """
    from followup import service

    st = c.store(ctx)
    last = service.last_change(st)
    if last is None:
        typer.echo("Nothing to undo.")
        return
    typer.echo(f"Last change ({say_moment(last.at)}): {last.what}")
    if not yes and not typer.confirm("Undo it?"):
        raise typer.Exit(1)
    done = service.undo(st, last.id)
    typer.echo(f"Undone: {done.what}")
