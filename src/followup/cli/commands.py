"""Which module registers each `followup` command, in `--help` order: read by the lean
entry point, the Typer root group (to load a command's module by name) and the tests."""

from __future__ import annotations

__all__ = ["COMMANDS", "HELP_ORDER"]

# Which module registers each command (imported when the command runs), in `--help` order.
COMMANDS: dict[str, str] = {
    "today": "plan", "plan": "plan", "draft": "lint", "lint": "lint", "done": "plan",
    "undo": "history", "snooze": "plan", "add": "records", "log": "records",
    "import-invite": "calendar", "status": "records", "list": "records", "show": "records",
    "edit": "records", "delete": "records", "profile": "records", "send": "calendar",
    "calendar": "calendar", "stats": "insights", "export": "records", "import": "records",
    "serve": "web", "config": "plan", "backup": "backup", "restore": "backup",
    "doctor": "doctor", "mail": "mailbox", "inbox": "mailbox", "server": "centre",
    "centre": "centre", "worker": "jobs",
}
HELP_ORDER = tuple(COMMANDS)
