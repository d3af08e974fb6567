"""The terminal as Rich sees it, without importing Rich (about 40 ms of a command's start).

`followup today` writes one block of styled text: plain when stdout is not a terminal (a
pipe, a file, a test), else with ANSI styles, byte for byte what Rich's `Console.print` of
the same `Text` writes (tests/cli/test_term.py compares the two). Anything unusual (Windows
consoles, Jupyter, IDLE) goes through Rich itself: `rich_needed()`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from typing import TextIO

# SGR codes in Rich's order: attributes first, then the foreground colour (all standard
# colours, which Rich writes alike on 16-, 256- and true-colour terminals).
_ATTRIBUTES = {"bold": "1", "dim": "2"}
_COLOURS = {"red": "31", "yellow": "33", "cyan": "36"}
_CONTROL = dict.fromkeys((7, 8, 11, 12, 13))  # what Rich strips from text (rich.control)

Piece = tuple[str, str]  # (text, style), style "" or words of _ATTRIBUTES and _COLOURS


def rich_needed() -> bool:
    """True where Rich knows better: Windows consoles, Jupyter, IDLE."""
    import builtins

    stdin_module = getattr(sys.stdin, "__module__", "") or ""
    return (sys.platform == "win32" or hasattr(builtins, "get_ipython")
            or stdin_module.startswith("idlelib"))


def is_terminal(file: TextIO, environ: Mapping[str, str] = os.environ) -> bool:
    """Rich's `Console.is_terminal`: TTY_COMPATIBLE, then FORCE_COLOR, then isatty()."""
    tty = environ.get("TTY_COMPATIBLE", "")
    if tty in ("0", "1"):
        return tty == "1"
    force = environ.get("FORCE_COLOR")
    if force is not None:
        return force != ""
    try:
        return file.isatty()
    except (AttributeError, ValueError):  # no isatty, or a closed file
        return False


def _dumb(environ: Mapping[str, str]) -> bool:
    return environ.get("TERM", "").lower() in ("dumb", "unknown")


def width(file: TextIO, environ: Mapping[str, str] = os.environ) -> int:
    """The width `cli.common.console()` gives: COLUMNS, else 120 when not a terminal, else
    the terminal's own (80 when it says nothing or is dumb)."""
    columns = environ.get("COLUMNS")
    terminal = is_terminal(file, environ)
    if columns is not None and columns.isdigit():
        return int(columns)
    if not terminal and columns is None:
        return 120
    if terminal and _dumb(environ):
        return 80
    found = 0
    for fd in (0, 1, 2):
        try:
            found = os.get_terminal_size(fd).columns
        except (AttributeError, ValueError, OSError):
            continue
        break
    return found or 80


def render(pieces: Sequence[Piece], file: TextIO,
           environ: Mapping[str, str] = os.environ) -> str | None:
    """The pieces as Rich would write them to `file`: plain, or each styled piece wrapped
    in its SGR codes (colours dropped under NO_COLOR, attributes kept, as Rich does).
    None for a terminal and text with a tab, which Rich expands by cell widths: Rich then."""
    plain = not is_terminal(file, environ) or _dumb(environ)
    if plain:
        return "".join(text for text, _ in pieces).translate(_CONTROL)
    if any("\t" in text for text, _ in pieces):
        return None
    colour = environ.get("NO_COLOR", "") == ""
    out = []
    for text, style in pieces:
        text = text.translate(_CONTROL)
        words = style.split()
        codes = [code for name, code in _ATTRIBUTES.items() if name in words]
        if colour:
            codes += [code for name, code in _COLOURS.items() if name in words]
        if not codes:
            out.append(text)
            continue
        sgr = f"\x1b[{';'.join(codes)}m"  # each line of the piece in it, the newline bare
        out.append("\n".join(f"{sgr}{line}\x1b[0m" if line else ""
                              for line in text.split("\n")))
    return "".join(out)
