"""The `followup` command line: Typer parses, the core decides, `cli.output` renders.

This package's own module stays light: `main()` first offers the command line to
`cli.lean` (plain `followup today`, without Typer, Click or Rich: issue 24), and only
imports the Typer app (`cli.root`) for everything else. `app`, `FollowupGroup`,
`RootGroup` and `usage_line` are `cli.root`'s, loaded on first use; each command group
lives in its own module and registers itself on `app` when imported (`COMMANDS`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from followup.cli.commands import COMMANDS, HELP_ORDER

if TYPE_CHECKING:
    from followup.cli.root import FollowupGroup, RootGroup, app, usage_line

__all__ = ["COMMANDS", "HELP_ORDER", "FollowupGroup", "RootGroup", "app", "main", "usage_line"]


_ROOT = ("app", "FollowupGroup", "RootGroup", "usage_line")


def __getattr__(name: str) -> Any:
    """`from followup.cli import app` (each command module does): the Typer app, built on
    first use."""
    if name in _ROOT:
        from followup.cli import root

        return getattr(root, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """The `followup` executable: one command, then exit.

    The cycle collector is off for the command (`serve` turns it back on): a one-shot command
    makes next to no cyclic garbage, and each collection would walk every case loaded
    (60 ms of `followup today` on 1,000 opportunities). Reference counting frees as usual.
    """
    import gc
    import sys

    gc.disable()
    from followup.cli import lean

    lean.run(sys.argv[1:])  # exits when it served the command line
    from followup.cli.root import app

    app()
