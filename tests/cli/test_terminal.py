"""Nothing stored reaches the terminal raw (issue 20, item 3's terminal part).

A company name or a mail subject holding "ESC ] 0 ; ... BEL" (set the window title), "ESC
[ 2 J" (clear the screen) or NUL, written by a hostile mail or a hand-edited row, must be
shown as text by every command, Rich tables and plain lines alike: `limits.terminal_safe`
is the one function, applied to all CLI output (cli.common.terminal_output, SafeConsole).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from followup.cli import app
from followup.core.limits import terminal_safe

# What an attacker would store (each named by what a terminal does with it).
HOSTILE = {
    "title": "\x1b]0;owned\x07",  # OSC 0: sets the window title
    "clear": "\x1b[2J\x1b[H",  # CSI: clears the screen, cursor home
    "clipboard": "\x1b]52;c;ZXZpbA==\x07",  # OSC 52: writes the clipboard
    "reset": "\x1bc",  # RIS: resets the terminal
    "nul": "\x00",
    "c1-csi": "\x9b31m",  # the 8-bit CSI
    "bidi": "\u202e",  # right-to-left override: "exe.doc" shown as "cod.exe"
}
RAW = tuple("\x1b\x00\x9b\x07\u202e")


def run(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--db", str(db), *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "t.db"
    assert run(path, "add", "opportunity", "--company", "Acme", "--role", "Analyst",
               "--applied-on", "2026-02-01")[0] == 0
    assert run(path, "add", "person", "acme", "--name", "Dana Whitfield")[0] == 0
    assert run(path, "log", "acme", "--kind", "application", "--to", "dana",
               "--note", "sent", "--at", "2026-02-01 09:00")[0] == 0
    payload = "".join(HOSTILE.values())
    with sqlite3.connect(path) as conn:  # as a hostile mail or a hand edit would leave it
        conn.execute("UPDATE opportunities SET company = ?", (f"Acme{payload}Co",))
        conn.execute("UPDATE people SET title = ?", (f"Lead{payload}",))
        conn.execute("UPDATE touches SET note = ?", (f"hello{payload}world",))
        conn.execute(
            "INSERT INTO mail_reviews (account_id, message_id, state, reason, at, direction,"
            " sender_name, sender_email, subject, excerpt, opportunity, kind, created_at)"
            " VALUES (1, '<m1@x>', 'waiting', ?, '2026-03-02 10:00:00', 'in', ?,"
            " 'dana@acme.example', ?, 'x', 'acme-analyst', 'reply', '2026-03-02 10:00:00')",
            (f"unsure{payload}", f"Dana{payload}", f"Re: next steps{payload}"))
    return path


@pytest.mark.parametrize("command", [["show", "acme"], ["inbox"], ["list"],
                                     ["today", "--today", "2026-03-03"],
                                     ["plan", "acme", "--today", "2026-03-03"]])
def test_a_stored_escape_sequence_never_reaches_the_terminal(db: Path,
                                                             command: list[str]) -> None:
    code, out, err = run(db, *command)
    assert code == 0, err
    for char in RAW:
        assert char not in out and char not in err, (command, char, out)
    # the text around the sequences is still shown (Rich drops the BEL that ends an OSC,
    # so its words may show as text: visible, never obeyed)
    if command[0] == "show":
        assert "Acme" in out and "Co —" in out and "hello" in out and "world" in out
    if command[0] == "inbox":
        assert "Re: next steps" in out
    if command[0] in ("list", "today", "plan"):
        assert "Acme" in out  # the stored name is printed: the check is not vacuous


def test_plain_errors_are_cleaned_too(db: Path) -> None:
    """An id typed with an escape sequence comes back in the error line as text."""
    code, out, err = run(db, "show", "zz\x1b]0;owned\x07")
    assert code == 2
    assert err.startswith("error: ") and "\x1b" not in err and "\x07" not in err


def test_json_output_keeps_the_data_escaped(db: Path) -> None:
    """`--json`/export keep every character (escaped as \\uXXXX), so nothing is lost."""
    import json

    code, out, _ = run(db, "export", "acme")
    assert code == 0
    assert "\x1b" not in out and "\x9b" not in out and "\u202e" not in out
    data = json.loads(out)
    assert data["opportunity"]["company"] == "Acme" + "".join(HOSTILE.values()) + "Co"


def test_terminal_safe_examples() -> None:
    assert terminal_safe("plain text, ünïcode, 李\n\tok") == "plain text, ünïcode, 李\n\tok"
    assert terminal_safe("a\x1b[31mred\x1b[0m") == "ared"
    assert terminal_safe("t\x1b]0;title\x07x") == "tx"
    assert terminal_safe("t\x1b]0;no end") == "t0;no end"  # the rest shown as text
    assert terminal_safe("n\x00u\x7fl\x85l") == "null"
    assert terminal_safe("a\x9b2Jb") == "ab"  # the 8-bit CSI, with its sequence


@given(st.text())
def test_terminal_safe_leaves_nothing_a_terminal_obeys(text: str) -> None:
    out = terminal_safe(text)
    assert all(ch in "\n\t" or not (ord(ch) < 0x20 or 0x7f <= ord(ch) <= 0x9f) for ch in out)
    assert not set(out) & set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert terminal_safe(out) == out  # cleaning twice changes nothing
    if text.isprintable():
        assert out == text  # ordinary text is never touched
