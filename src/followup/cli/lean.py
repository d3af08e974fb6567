"""`followup today` without Typer, Click or Rich: the command a user runs most (issue 24).

`run(argv)` serves the plain forms of `today` itself and returns for anything else, which
Typer then parses as always (`cli.root`). It takes only what it can read without doubt:

    [--db PATH|URL] today [--days N] [--today YYYY-MM-DD] [--format text|json] [--json]

(each option as `--opt VALUE` or `--opt=VALUE`, in any order, the last one counting, as
Click has it). Help, completion, a mistyped option, a value Click would refuse or read
differently (`--days -1`, a value starting with `-`), text that is not UTF-8: all go to
Typer, so its messages and exit statuses stay the only ones. What the command does is
`show_today`, which the Typer command calls too: one path, two parsers.

Together with the lazy `followup.cli` package this takes Typer and Click (about 70 ms a
start on this machine) off the command; tests/cli/test_lean.py runs both parsers on the
same command lines and compares what they write.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from followup.service import Store

# option -> (name it is kept under, whether it takes a value)
_ROOT_OPTIONS = {"--db": ("db", True)}
_TODAY_OPTIONS = {"--days": ("days", True), "--today": ("today", True),
                  "--format": ("format", True), "--json": ("json", False)}
_FORMATS = ("text", "json")


def parse(argv: Sequence[str]) -> dict[str, str] | None:
    """The options of a plain `today` command line, or None for Typer to read it."""
    found: dict[str, str] = {}
    options = _ROOT_OPTIONS
    args = list(argv)
    seen_command = False
    while args:
        arg = args.pop(0)
        if not seen_command and arg == "today":
            seen_command, options = True, _TODAY_OPTIONS
            continue
        name, eq, value = arg.partition("=")
        if name not in options:
            return None
        key, takes_value = options[name]
        if not takes_value:
            if eq:
                return None
            found[key] = ""
            continue
        if not eq:
            if not args:
                return None
            value = args.pop(0)
        if not value or value.startswith("-") or any(
                "\ud800" <= ch <= "\udfff" for ch in value):
            return None
        found[key] = value
    if not seen_command:
        return None
    days = found.get("days", "7")
    if not (days.isascii() and days.isdigit()):
        return None
    if found.get("format", "text") not in _FORMATS:
        return None
    return found


def run(argv: Sequence[str]) -> None:
    """Serve `argv` and exit if it is a plain `today`; else return (Typer's turn)."""
    if any(name.endswith("_COMPLETE") for name in os.environ if name.startswith("_FOLLOWUP")):
        return  # shell completion asks Typer
    found = parse(argv)
    if found is None:
        return
    from followup.cli.common import terminal_output

    with terminal_output():  # nothing stored or typed reaches the terminal raw
        code = _serve(found)
    sys.exit(code)


def _serve(found: dict[str, str]) -> int:
    from followup.config import holidays as holiday_cache
    from followup.core.errors import FollowupError
    from followup.core.notices import warnings_to

    shown: set[str] = set()

    def show(message: str) -> None:  # each warning once, as it comes (as cli.root does)
        if message not in shown:
            shown.add(message)
            sys.stderr.write(f"warning: {message}\n")
            sys.stderr.flush()

    def say_error(text: str) -> None:
        sys.stdout.flush()
        sys.stderr.write(f"error: {text}\n")
        sys.stderr.flush()

    holiday_cache.install()
    store: Store | None = None
    try:
        with warnings_to(show):
            from followup.cli import common
            from followup.service import open_store

            day = common.today(found.get("today"))
            store = open_store(found.get("db") or os.environ.get("FOLLOWUP_DB") or None,
                               clock=common.now)
            show_today(store, day, int(found.get("days", "7")),
                       found.get("format") == "json" or "json" in found)
    except FollowupError as e:
        say_error(str(e))
        return e.exit_code
    except (OverflowError, RecursionError) as e:
        say_error(f"a value is out of range ({str(e).splitlines()[0][:100]})")
        return 2
    finally:
        if store is not None:
            store.close()
    return 0


def show_today(store: Store, day: date, days: int, as_json: bool) -> None:
    """`followup today`: the agenda `days` ahead of `day`, in words or as the contract's
    JSON (both parsers call this)."""
    from followup import service
    from followup.cli.formatters import formatter

    result = service.agenda(service.context(store, day), days=days)
    formatter(as_json=as_json).agenda(result)
