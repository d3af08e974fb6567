"""`cli.term` writes `followup today` as Rich would, without importing Rich: the same bytes
for every terminal setting Rich reads (TTY_COMPATIBLE, FORCE_COLOR, NO_COLOR, TERM,
COLUMNS, isatty), checked against Rich itself."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.control import strip_control_codes
from rich.text import Text

from followup.cli import term

ENVIRONMENTS = [
    {}, {"FORCE_COLOR": "1"}, {"FORCE_COLOR": ""}, {"TTY_COMPATIBLE": "0"},
    {"TTY_COMPATIBLE": "1"}, {"NO_COLOR": "1"}, {"NO_COLOR": "1", "FORCE_COLOR": "1"},
    {"TERM": "dumb"}, {"TERM": "xterm-256color", "COLORTERM": "truecolor"},
    {"TERM": "linux"}, {"COLUMNS": "70"}, {"COLUMNS": "wide"}, {"TERM": "UNKNOWN"},
]


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def as_rich(pieces: list[term.Piece], file: io.StringIO, env: dict[str, str]) -> str:
    """What `followup today` wrote through Rich before `cli.term` (output.print_agenda)."""
    text = Text()
    for chunk, style in pieces:
        text.append(chunk, style)
    out = Console(file=file, highlight=False, soft_wrap=True, _environ=env)
    if out.color_system is None:
        file.write(strip_control_codes(text.plain))
    else:
        out.print(text, end="")
    return file.getvalue()


def rich_width(file: io.StringIO, env: dict[str, str]) -> int:
    """`cli.common.console().width`, on this file and environment."""
    out = Console(file=file, highlight=False, _environ=env)
    if not out.is_terminal and "COLUMNS" not in env:
        out.width = 120
    return out.width


STYLES = ["", "bold", "dim", "bold red", "bold yellow", "bold cyan", "yellow", "red"]
pieces = st.lists(st.tuples(
    st.text(st.sampled_from("ab Zé·•\n\t\x07\x08\x0b\x0c\r\x1b[3m→"), max_size=12),
    st.sampled_from(STYLES)), max_size=12)


@pytest.mark.parametrize("tty", [False, True], ids=["piped", "terminal"])
@pytest.mark.parametrize("env", ENVIRONMENTS, ids=str)
@settings(max_examples=40, deadline=None)
@given(pieces=pieces)
def test_render_writes_what_rich_writes(pieces: list[term.Piece], env: dict[str, str],
                                        tty: bool) -> None:
    file = Tty() if tty else io.StringIO()
    theirs = as_rich(pieces, Tty() if tty else io.StringIO(), env)
    ours = term.render(pieces, file, env)
    if ours is None:  # a tab on a terminal: left to Rich, which expands it by cell widths
        assert "\t" in "".join(text for text, _ in pieces)
        return
    assert ours == theirs


@pytest.mark.parametrize("tty", [False, True], ids=["piped", "terminal"])
@pytest.mark.parametrize("env", ENVIRONMENTS, ids=str)
def test_terminal_and_width_are_rich_s(env: dict[str, str], tty: bool) -> None:
    file = Tty() if tty else io.StringIO()
    assert term.is_terminal(file, env) == Console(file=file, _environ=env).is_terminal
    assert term.width(file, env) == rich_width(file, env)


def test_a_styled_heading_on_a_terminal() -> None:
    """The bytes themselves, so a change in both Rich and us still shows."""
    pieces = [("Overdue", "bold red"), ("\n  ", ""), ("acme", "bold"), (" note", "dim")]
    assert term.render(pieces, Tty(), {}) == (
        "\x1b[1;31mOverdue\x1b[0m\n  \x1b[1macme\x1b[0m\x1b[2m note\x1b[0m")
    assert term.render(pieces, Tty(), {"NO_COLOR": "1"}).startswith("\x1b[1mOverdue\x1b[0m")
    assert term.render(pieces, io.StringIO(), {}) == "Overdue\n  acme note"
