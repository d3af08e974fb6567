"""The `followup` command line through Typer: every command but the lean `today` (cli.lean).

Each command group lives in its own module and registers itself on `app` when imported;
`RootGroup` imports a module only when one of its commands is asked for (`COMMANDS`).
`FollowupGroup` turns every `FollowupError` into one line on stderr and exit status 2
(todoman's `catch_errors` habit), for `main()` and `CliRunner` alike, so a user mistake
never shows a traceback. Modules import heavy libraries inside the command that
needs them: `followup --help` must stay fast.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import Any

import click
import typer
from click import Context
from typer.core import TyperGroup

from followup.cli.commands import COMMANDS, HELP_ORDER
from followup.core.errors import FollowupError

_SURROGATE = re.compile(r"[\ud800-\udfff]")
_DID_YOU_MEAN = re.compile(r"\s*\(?Did you mean[^?]*\?\)?")


def _suggestion(e: click.UsageError) -> str | None:
    """The one closest command or option name to what was mistyped, if any is close."""
    from difflib import get_close_matches

    if isinstance(e, click.NoSuchOption):
        names = list(e.possibilities or ())
        if not names and e.ctx is not None:
            names = [o for p in e.ctx.command.params for o in (*p.opts, *p.secondary_opts)]
        found = get_close_matches(e.option_name, names, n=1, cutoff=0.6)
        return found[0] if found else None
    typo = re.match(r"No such command '([^']+)'", e.message)
    if typo and e.ctx is not None and isinstance(e.ctx.command, click.Group):
        found = get_close_matches(typo.group(1), e.ctx.command.list_commands(e.ctx), n=1)
        return found[0] if found else None
    return None


def usage_line(e: click.UsageError) -> str:
    """Click's usage error as one line: what is wrong, one suggestion, where to get help.

    Click and Typer each add their own "Did you mean" (twice for `followup tody`, two
    names for `--dys`): both are dropped and the single closest name put back.
    """
    text = " ".join(_DID_YOU_MEAN.sub("", e.format_message()).split())
    hint = _suggestion(e)
    if hint:
        text = f"{text.rstrip('.')}. Did you mean {hint!r}?"
    where = e.ctx.command_path if e.ctx is not None else "followup"
    return f"error: {text} (see '{where} -h')"


class FollowupGroup(TyperGroup):
    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             windows_expand_args: bool = True, **extra: Any) -> Any:
        """Click's errors as one line on stderr and exit 2 (no Rich box), as README says."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode,
                                windows_expand_args, **extra)
        from followup.cli.common import terminal_output

        with terminal_output():  # nothing stored or typed reaches the terminal raw
            return self._main(args, prog_name, complete_var, windows_expand_args, **extra)

    def _main(self, args: Sequence[str] | None, prog_name: str | None,
              complete_var: str | None, windows_expand_args: bool, **extra: Any) -> Any:
        given = sys.argv[1:] if args is None else list(args)
        for n, arg in enumerate(given, 1):
            # Bytes that are not UTF-8 on the command line arrive as lone surrogates
            # (surrogateescape): no database or terminal can take them back.
            if _SURROGATE.search(arg):
                shown = arg.encode("utf-8", "backslashreplace").decode()[:40]
                typer.echo(f"error: argument {n} ({shown!r}) is not valid UTF-8 text",
                           err=True)
                sys.exit(2)
        try:
            rv = super().main(given, prog_name, complete_var, False, windows_expand_args,
                              **extra)
        except click.exceptions.NoArgsIsHelpError as e:
            e.show()
            sys.exit(e.exit_code)
        except click.UsageError as e:
            typer.echo(usage_line(e), err=True)
            sys.exit(2)
        except click.ClickException as e:
            typer.echo(f"error: {' '.join(e.format_message().split())}", err=True)
            sys.exit(e.exit_code)
        except click.Abort:
            typer.echo("Aborted.", err=True)
            sys.exit(1)
        sys.exit(rv if isinstance(rv, int) and not isinstance(rv, bool) else 0)

    def invoke(self, ctx: Context) -> Any:
        from followup.core.notices import warnings_to

        shown: set[str] = set()

        def show(message: str) -> None:  # each warning once, as it comes
            if message not in shown:
                shown.add(message)
                typer.echo(f"warning: {message}", err=True)

        try:
            with warnings_to(show):
                return super().invoke(ctx)
        except FollowupError as e:
            # One plain line (not Rich's error box): scripts grep it, people read it.
            typer.echo(f"error: {e}", err=True)
            raise typer.Exit(e.exit_code) from None
        except (OverflowError, RecursionError) as e:
            # A value so large or deep that Python gives up on it (a date phrase "in
            # 99999999999 days"): the user's input, so one line and exit 2, not a traceback.
            typer.echo(f"error: a value is out of range ({str(e).splitlines()[0][:100]})",
                       err=True)
            raise typer.Exit(2) from None

    def list_commands(self, ctx: Context) -> list[str]:
        """The daily loop first (today, draft, done), then recording, then the rest."""
        rank = {name: n for n, name in enumerate(HELP_ORDER)}
        return sorted(self.commands, key=lambda name: rank.get(name, len(rank)))


class RootGroup(FollowupGroup):
    """`followup` itself: a command's module is imported when the command is asked for.

    `followup today` imports `cli.plan` only, never the web, calendar, mail or lint
    commands (and what they import); `--help`, completion and a mistyped name list every
    command, so they import them all. `COMMANDS` says which module registers which name
    (tests/cli/test_startup.py checks it against the commands the modules register).
    """

    def get_command(self, ctx: Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self._load(COMMANDS[cmd_name])
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: Context) -> list[str]:
        for module in dict.fromkeys(COMMANDS.values()):
            self._load(module)
        return super().list_commands(ctx)

    def _load(self, module: str) -> None:
        """Import `followup.cli.<module>`, then turn what it registered into commands."""
        from typer.main import get_command_from_info, get_command_name, get_group_from_info

        __import__(f"followup.cli.{module}")  # (not importlib: `-X importtime` sees this)
        for info in app.registered_commands:
            assert info.callback is not None
            name = info.name or get_command_name(info.callback.__name__)
            if name not in self.commands:
                self.add_command(get_command_from_info(
                    info, pretty_exceptions_short=app.pretty_exceptions_short,
                    rich_markup_mode=app.rich_markup_mode), name)
        for group in app.registered_groups:
            if group.name and group.name not in self.commands:
                self.add_command(get_group_from_info(
                    group, pretty_exceptions_short=app.pretty_exceptions_short,
                    rich_markup_mode=app.rich_markup_mode,
                    suggest_commands=app.suggest_commands), group.name)



app = typer.Typer(
    name="followup",
    cls=RootGroup,
    help="Plan, draft and lint the follow-up after a job interview.",
    no_args_is_help=True,
    add_completion=True,  # --install-completion / --show-completion (bash, zsh, fish ...)
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from followup import __version__

        typer.echo(f"followup {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    db: str | None = typer.Option(
        None, "--db", metavar="PATH|URL", envvar="FOLLOWUP_DB", show_envvar=True,
        help="Database file or SQLAlchemy URL (default: followup.db in the user data dir).",
    ),
    version: bool = typer.Option(
        False, "--version", is_eager=True, callback=_version, help="Show the version and exit.",
    ),
) -> None:
    from followup.config import holidays as holiday_cache

    holiday_cache.install()
    ctx.obj = {"db": db}
