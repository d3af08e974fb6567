"""Every command has help and appears in the README (sqlite-utils' test_docs habit)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import typer.main
from typer.testing import CliRunner

from followup.cli import COMMANDS, app

README = (Path(__file__).parents[1] / "README.md").read_text()


def commands(cmd: Any, path: list[str]) -> Iterator[tuple[list[str], Any]]:
    """Every leaf command, through click's own listing (the root group loads its command
    modules lazily, so `.commands` alone is empty until asked)."""
    if isinstance(cmd, click.Group):
        ctx = click.Context(cmd)
        for name in cmd.list_commands(ctx):
            yield from commands(cmd.get_command(ctx, name), [*path, name])
    else:
        yield path, cmd


def test_the_walk_reaches_every_command() -> None:
    found = {p[0] for p, _ in commands(typer.main.get_group(app), [])}
    assert found == set(COMMANDS)


def test_every_command_is_in_the_readme() -> None:
    missing = [" ".join(p) for p, _ in commands(typer.main.get_group(app), [])
               if f"followup {' '.join(p)}" not in README]
    assert missing == []


def test_every_command_has_help_with_an_example() -> None:
    runner = CliRunner()
    for path, cmd in commands(typer.main.get_group(app), []):
        name = " ".join(path)
        assert cmd.help and len(cmd.help.split()) > 3, name
        assert re.search(r"Examples?: followup ", cmd.help), f"{name} has no example"
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0 and "Example" in result.stdout, name
