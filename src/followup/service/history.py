"""The change log, for both faces: what the last change was, and undoing it.

Every write through the store is logged in the same transaction (store/changes.py), so the
CLI's `followup undo` and the web app's Undo button revert the same thing.
"""

from __future__ import annotations

from followup.store import Store
from followup.store.changes import Change, UndoError

__all__ = ["Change", "UndoError", "change", "last_change", "undo"]


def last_change(store: Store) -> Change | None:
    """What `undo` would revert now (None: nothing to undo)."""
    return store.last_change()


def change(store: Store, change_id: int) -> Change:
    return store.change(change_id)


def undo(store: Store, change_id: int | None = None) -> Change:
    """Revert the latest change; with `change_id`, only if it still is the latest (a page
    showing an old toast must not undo something newer)."""
    return store.undo(change_id)
