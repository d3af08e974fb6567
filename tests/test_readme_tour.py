"""The README's examples run as tests, so the documentation cannot drift from the program.

A `console` block that follows `<!-- replayed: ... -->` is executed line by line against a
fresh database (each `$ followup ...` through the CLI, `$ cat FILE` writing FILE from the
lines shown) and what each command prints must be what the README shows. Every other
`console` block (mail servers, the real clock, an interactive question) is checked for
drift too: each command and each option it names must exist.

After a deliberate change of output, regenerate the README from the program:
`FOLLOWUP_README_WRITE=1 .venv/bin/python -m pytest -q tests/test_readme_tour.py`.
"""

from __future__ import annotations

import os
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from followup.cli import app

README = Path(__file__).parents[1] / "README.md"
REPLAYED = "<!-- replayed by tests/test_readme_tour.py -->"
WIDTH = "100"  # the terminal width the README's output is shown at


@dataclass
class Block:
    start: int  # index of the first line inside the fence
    end: int  # index of the closing fence
    replayed: bool
    lines: list[str]


def blocks(lines: list[str]) -> list[Block]:
    found, n = [], 0
    while n < len(lines):
        if lines[n].strip() == "```console":
            end = next(k for k in range(n + 1, len(lines)) if lines[k].strip() == "```")
            before = next((lines[k] for k in range(n - 1, -1, -1) if lines[k].strip()), "")
            found.append(Block(n + 1, end, before.strip() == REPLAYED, lines[n + 1:end]))
            n = end
        n += 1
    return found


def commands(block: Block) -> list[tuple[str, list[str]]]:
    """(command line, the lines shown after it) for each `$ ...` of a block."""
    out: list[tuple[str, list[str]]] = []
    for line in block.lines:
        if line.startswith("$ "):
            out.append((line[2:], []))
        else:
            out[-1][1].append(line)
    return out


def _argv(command: str) -> list[str]:
    return shlex.split(command, comments=True)


def run(tmp: Path, command: str) -> str:
    argv = _argv(command)
    if argv[0] == "cat":
        return (tmp / argv[1]).read_text(encoding="utf-8")
    assert argv[0] == "followup", command
    old = Path.cwd()
    os.chdir(tmp)  # `note.txt` and friends are read from where the tour stands
    try:
        done = CliRunner().invoke(app, ["--db", str(tmp / "tour.db"), *argv[1:]],
                                  env={"COLUMNS": WIDTH})
    finally:
        os.chdir(old)
    assert done.exit_code in (0, 1), f"{command}\n{done.stderr}{done.output}"
    return done.stdout


def replay(block: Block, tmp: Path) -> list[str]:
    """The block as the program prints it now."""
    shown: list[str] = []
    for command, expected in commands(block):
        argv = _argv(command)
        if argv[0] == "cat":  # the file the next commands read: written as shown
            text = "\n".join(expected).rstrip("\n") + "\n"
            (tmp / argv[1]).write_text(text, encoding="utf-8")
        printed = run(tmp, command).rstrip("\n").split("\n")
        shown += [f"$ {command}", *printed]
        if expected and expected[-1] == "":  # keep the blank line between commands
            shown.append("")
    return shown


LINES = README.read_text(encoding="utf-8").split("\n")
BLOCKS = blocks(LINES)


def test_the_tour_is_replayed() -> None:
    assert sum(b.replayed for b in BLOCKS) >= 2, "the tour and the lint example"


@pytest.mark.parametrize("n", [n for n, b in enumerate(BLOCKS) if b.replayed])
def test_a_replayed_block_prints_what_the_readme_shows(n: int, tmp_path: Path) -> None:
    block = BLOCKS[n]
    now = replay(block, tmp_path)
    if os.environ.get("FOLLOWUP_README_WRITE") == "1":
        text = README.read_text(encoding="utf-8").split("\n")
        text[block.start:block.end] = now
        README.write_text("\n".join(text), encoding="utf-8")
        return
    assert now == block.lines


def _help(path: list[str]) -> str:
    done = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "200"})
    assert done.exit_code == 0, f"followup {' '.join(path)}: {done.output}"
    return done.output


@pytest.mark.parametrize("command", [one.strip() for b in BLOCKS if not b.replayed
                                     for c, _ in commands(b) for one in c.split("&&")
                                     if one.strip().startswith("followup ")])
def test_every_other_example_names_commands_and_options_that_exist(command: str) -> None:
    argv = _argv(command)[1:]
    path = [a for a in argv[:2] if not a.startswith("-") and re.fullmatch(r"[a-z-]+", a)]
    help_text = _help(path[:1])
    if len(path) > 1 and re.search(rf"^\s*│?\s*{re.escape(path[1])}\b", help_text, re.M):
        help_text = _help(path)
    for option in (a.split("=")[0] for a in argv if a.startswith("--")):
        assert option in help_text, f"{command}: {option} is not an option"
