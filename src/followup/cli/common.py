"""What every command shares: the store from `--db`, the clock, the console."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, BinaryIO, TextIO

if TYPE_CHECKING:
    import typer
    from rich.console import Console
    from rich.segment import Segment

    from followup.service import Context, Store


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"


# Options every command that needs them shares, declared once. Built on first use
# (`__getattr__`): `followup today` (cli.lean) imports this module without Typer.
_OPTION_NAMES = ("TodayOption", "FormatOption", "JsonOption", "OpportunityArg",
                 "OldOpportunityOption")
if TYPE_CHECKING:  # what each annotation is to a type checker
    TodayOption = str | None
    FormatOption = Format
    JsonOption = bool
    OpportunityArg = str | None
    OldOpportunityOption = str | None


@cache
def _options() -> dict[str, object]:
    import typer

    return {
        "TodayOption": Annotated[str | None, typer.Option(
            "--today", metavar="YYYY-MM-DD", help="As of this date (default: today).")],
        "FormatOption": Annotated[Format, typer.Option(
            "--format", help="text for a person, json for scripts.")],
        "JsonOption": Annotated[bool, typer.Option("--json", help="Same as --format json.")],
        "OpportunityArg": Annotated[str | None, typer.Argument(
            metavar="ID", help="The opportunity: its id or an unambiguous prefix.",
            show_default=False)],
        # Before the opportunity was positional everywhere: `log -o acme` still works.
        "OldOpportunityOption": Annotated[str | None, typer.Option(
            "--opportunity", "-o", metavar="ID", hidden=True)],
    }


def __getattr__(name: str) -> object:
    if name in _OPTION_NAMES:
        return _options()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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


def now_exact() -> datetime:
    return datetime.now()


class TerminalSafe(io.TextIOBase):
    """A text stream that passes everything written through `limits.terminal_safe`.

    `terminal_output()` puts one in front of stdout and stderr for the whole command, so
    every plain line (typer.echo, errors, warnings, prompts) is cleaned, whichever module
    printed it; Rich writes to the stream behind it (`unfiltered`) with each piece of text
    cleaned by `SafeConsole` instead, so its own colours survive.
    """

    def __init__(self, raw: TextIO) -> None:
        self.unfiltered = raw

    def write(self, text: str) -> int:
        from followup.core.limits import terminal_safe

        self.unfiltered.write(terminal_safe(text) if isinstance(text, str) else text)
        return len(text)

    def flush(self) -> None:
        self.unfiltered.flush()

    def isatty(self) -> bool:
        return self.unfiltered.isatty()

    def fileno(self) -> int:
        return self.unfiltered.fileno()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.unfiltered, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self.unfiltered, "errors", None)

    @property
    def buffer(self) -> BinaryIO:
        """Bytes on purpose (`calendar` writes an .ics file to stdout): not a terminal's
        text, passed as they are."""
        return self.unfiltered.buffer


@contextmanager
def terminal_output() -> Iterator[None]:
    """stdout and stderr cleaned of escape sequences and control characters meanwhile."""
    out, err = sys.stdout, sys.stderr
    sys.stdout = TerminalSafe(out)
    sys.stderr = TerminalSafe(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


def _unfiltered(stream: TextIO) -> TextIO:
    return stream.unfiltered if isinstance(stream, TerminalSafe) else stream


def console(stderr: bool = False, soft_wrap: bool = False) -> Console:
    from rich.console import Console
    from rich.segment import Segment

    from followup.core.limits import terminal_safe

    class SafeConsole(Console):
        """Rich with every piece of text passed through `terminal_safe` as it is written
        (a stored "\x1b[2J" in a note is shown as text, never obeyed); Rich's own styling
        is added after, so colours still work."""

        def _render_buffer(self, buffer: Iterable[Segment]) -> str:
            return super()._render_buffer(
                seg if seg.control else Segment(terminal_safe(seg.text), seg.style)
                for seg in buffer)

    out = SafeConsole(file=_unfiltered(sys.stderr if stderr else sys.stdout),
                      highlight=False, soft_wrap=soft_wrap)
    if not out.is_terminal and "COLUMNS" not in os.environ:
        out.width = 120  # piped or captured: don't squeeze tables into 80 columns
    return out


def json_text(data: object) -> str:
    """JSON as the CLI writes it: readable UTF-8, but the C1 controls, DEL and the
    characters that reorder or hide text escaped as \\uXXXX (the same data; they only
    occur inside strings), so the terminal filter has nothing to take out of it."""
    import json
    import re

    text = json.dumps(data, indent=2, ensure_ascii=False)
    return re.sub(r"[\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]",
                  lambda m: f"\\u{ord(m.group()):04x}", text)


def echo_json(data: object) -> None:
    import typer

    typer.echo(json_text(data))


def edit_text(text: str, suffix: str = ".txt",
              keep: Callable[[bytes], Path] | None = None) -> str | None:
    """Open `text` in $VISUAL/$EDITOR; return what was saved, or None if nothing changed.

    What the editor leaves is read as bytes: text that is not UTF-8, a file removed or
    replaced by a folder, an editor that fails, is one line (exit 2) and, with `keep`, the
    text is kept in the file `keep` writes and names (never lost with the temporary folder).
    """
    import shlex
    import subprocess
    import tempfile

    from followup.core.errors import UsageError

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"

    def kept(data: bytes) -> str:
        return f"; your text is kept in {keep(data)}" if keep is not None else ""

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, f"followup{suffix}")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        try:
            command = [*shlex.split(editor), path]
        except ValueError as e:
            raise UsageError(f"$EDITOR ({editor!r}) cannot be read: {e}") from None
        try:
            subprocess.run(command, check=True)
        except (OSError, subprocess.CalledProcessError) as e:
            raise UsageError(f"$EDITOR ({editor}) failed: {e}; nothing changed"
                             f"{kept(_saved(path) or text.encode())}") from None
        raw = _saved(path)
        if raw is None:
            raise UsageError(f"$EDITOR ({editor}) left no file to read; nothing changed"
                             f"{kept(text.encode())}")
    try:
        saved = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise UsageError(f"the edited text is not UTF-8 (byte {e.start}: "
                         f"{raw[e.start:e.start + 1]!r}); nothing changed{kept(raw)}") from None
    return None if saved == text else saved


def _saved(path: str) -> bytes | None:
    """What the editor left at `path`: None when it is gone or is no regular file (a
    folder, a FIFO, a link to /dev/zero: never read without end)."""
    import stat

    from followup.core.errors import UsageError
    from followup.core.limits import MAX_EDIT_BYTES

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        return None
    with os.fdopen(fd, "rb") as f:
        data = f.read(MAX_EDIT_BYTES + 1)
    if len(data) > MAX_EDIT_BYTES:
        raise UsageError(f"the edited file is over {MAX_EDIT_BYTES:,} bytes; nothing changed")
    return data


def context(ctx: typer.Context, day: date, moment: datetime | None = None) -> Context:
    """The command's context, built once: its store, the config's policies, the day it
    runs as of and the clock's reading (only the faces read the clock)."""
    from followup import service

    return service.context(store(ctx), day, moment)
