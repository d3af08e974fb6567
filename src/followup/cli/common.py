"""What every command shares: the store from `--db`, the clock, the console."""

from __future__ import annotations

import os
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from followup.service import Context, Store


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"


# Options every command that needs them shares, declared once.
TodayOption = Annotated[str | None, typer.Option(
    "--today", metavar="YYYY-MM-DD", help="As of this date (default: today).")]
FormatOption = Annotated[Format, typer.Option(
    "--format", help="text for a person, json for scripts.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Same as --format json.")]
OpportunityArg = Annotated[str | None, typer.Argument(
    metavar="ID", help="The opportunity: its id or an unambiguous prefix.", show_default=False)]
# Before the opportunity was positional everywhere: `log -o acme` still works, unlisted.
OldOpportunityOption = Annotated[str | None, typer.Option(
    "--opportunity", "-o", metavar="ID", hidden=True)]


def opportunity(positional: str | None, old: str | None = None) -> str:
    """The opportunity named by the positional ID (or the old `-o ID`), exactly once."""
    from followup.core.errors import UsageError

    if positional is not None and old is not None and positional != old:
        raise UsageError(f"ID: give the opportunity once ({positional!r} or {old!r})")
    ref = positional if positional is not None else old
    if not ref:
        raise UsageError("ID: which opportunity? (see `followup list`)")
    return ref


def wants_json(fmt: Format, as_json: bool) -> bool:
    return as_json or fmt is Format.JSON


def store(ctx: typer.Context) -> Store:
    """The store named by the root `--db` option (or FOLLOWUP_DB), opened once per command."""
    from followup.service import open_store

    root = ctx.find_root()
    obj = root.obj if isinstance(root.obj, dict) else {}
    if "store" not in obj:
        obj["store"] = open_store(obj.get("db"), clock=now)
        root.obj = obj
        root.call_on_close(obj["store"].close)
    return obj["store"]  # type: ignore[no-any-return]


def today(value: str | None = None, option: str = "--today") -> date:
    """`--today YYYY-MM-DD`, else the real date: only the faces read the clock; the core is
    handed the date."""
    if value is None:
        return date.today()
    text = value.strip()
    from followup.core.errors import UsageError

    if len(text) == 10 and text[4] == text[7] == "-":
        try:
            day = date.fromisoformat(text)
        except ValueError:
            pass
        else:
            from followup.core.limits import day_problem

            if problem := day_problem(day):  # the planner counts forward from it
                raise UsageError(f"{option}: {problem}")
            return day

    raise UsageError(f"{option}: not a date (YYYY-MM-DD): {value!r}")


def now() -> datetime:
    return datetime.now().replace(second=0, microsecond=0)


def console(stderr: bool = False, soft_wrap: bool = False) -> Console:
    from rich.console import Console

    out = Console(stderr=stderr, highlight=False, soft_wrap=soft_wrap)
    if not out.is_terminal and "COLUMNS" not in os.environ:
        out.width = 120  # piped or captured: don't squeeze tables into 80 columns
    return out


def echo_json(data: object) -> None:
    import json

    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


def edit_text(text: str, suffix: str = ".txt") -> str | None:
    """Open `text` in $VISUAL/$EDITOR; return what was saved, or None if nothing changed."""
    import os
    import shlex
    import subprocess
    import tempfile

    from followup.core.errors import UsageError

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, f"followup{suffix}")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        try:
            subprocess.run([*shlex.split(editor), path], check=True)
        except (OSError, subprocess.CalledProcessError) as e:
            raise UsageError(f"$EDITOR ({editor}) failed: {e}") from None
        with open(path, encoding="utf-8") as f:
            saved = f.read()
    return None if saved == text else saved


def context(ctx: typer.Context, day: date, moment: datetime | None = None) -> Context:
    """The command's context, built once: its store, the config's policies, the day it
    runs as of and the clock's reading (only the faces read the clock)."""
    from followup import service

    return service.context(store(ctx), day, moment)
