"""The context of one command or one request: the store, the policies in force, the
candidate and the clock's reading, built once by the face and handed to every use case.

Only the faces read the clock (`followup --today`, the web's fixed day); the service and
the store are handed `today` and `now`. The policies are the config's, read once here
rather than at each call site (the CLI's twenty `policies=` and the web's own cache)."""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any

from followup.core.model import Candidate, Persistence
from followup.store import Store

if TYPE_CHECKING:
    from followup.core.policy import Policy

__all__ = ["Context", "context", "policies_in_force"]


@dataclass(frozen=True)
class Context:
    """What every use case is handed. `policies` None: the planner's defaults (tests)."""

    store: Store
    today: date
    now: datetime | None = None  # None: noon of `today` (a fixed day in tests)
    policies: Mapping[Persistence, Policy] | None = None

    @property
    def at(self) -> datetime:
        """The moment a write is stamped with: the face's `now`, else noon of `today`."""
        if self.now is None:
            return datetime.combine(self.today, datetime.min.time()).replace(hour=12)
        return self.now

    @cached_property
    def candidate(self) -> Candidate:
        """The profile, read at most once per command or request."""
        return self.store.get_candidate()

    @property
    def policy_key(self) -> Any:
        """A hashable stamp of the policies (the web's caches key on it)."""
        if self.policies is None:
            return None
        return tuple(sorted((k.value, v) for k, v in self.policies.items()))

    def on(self, today: date) -> Context:
        """The same context on another day (`followup plan --today` inside a command)."""
        return Context(self.store, today, self.now, self.policies)


_LOCK = threading.Lock()
_READ: dict[str, Any] = {}


def policies_in_force() -> Mapping[Persistence, Policy]:
    """The config's policies, read again only when config.toml or the environment change
    (a long-running `followup serve` sees an edit without a restart)."""
    from followup.config.settings import config_path, policies

    path = config_path()
    try:
        stamp: object = path.stat().st_mtime_ns
    except OSError:
        stamp = None
    key = (str(path), stamp, tuple(sorted((k, v) for k, v in os.environ.items()
                                          if k.startswith("FOLLOWUP_"))))
    with _LOCK:
        if _READ.get("key") != key:
            _READ.update(key=key, value=policies())
        found: Mapping[Persistence, Policy] = _READ["value"]
        return found


def context(store: Store, today: date, now: datetime | None = None, *,
            policies: Mapping[Persistence, Policy] | None = None) -> Context:
    """The context a face builds once: its clock reading, the config's policies."""
    return Context(store, today, now,
                   policies if policies is not None else policies_in_force())
