"""One error family for everything a user can get wrong.

Adapters catch `FollowupError` in one place each (the CLI turns it into one line and exit 2,
the web app into a 400 page), so a user mistake never shows a traceback.
"""

from __future__ import annotations


class FollowupError(Exception):
    """A problem the user can fix; the message is one line saying what and where."""

    exit_code = 2


class CaseFileError(FollowupError):
    """A case file (or any record input) with a bad field; `path` is the field path."""

    def __init__(self, path: str, problem: str, source: str | None = None) -> None:
        self.path = path
        self.problem = problem
        self.source = source
        where = f"{source}: " if source else ""
        super().__init__(f"{where}{path}: {problem}" if path else f"{where}{problem}")


class NotFoundError(FollowupError):
    """An id or prefix that matches nothing (or more than one thing)."""


class UsageError(FollowupError):
    """An option or argument the command cannot use."""


class ConflictError(FollowupError):
    """The record changed while the user was editing it: nothing was saved."""
