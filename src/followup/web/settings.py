"""What the web app is started with (`followup serve`, tests): the database, the address,
a fixed day. Imported by the app factory and by every router; imports no router."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

__all__ = ["WebSettings"]


@dataclass(frozen=True, slots=True)
class WebSettings:
    db: str | None = None  # a path or SQLAlchemy URL; None: the default database
    host: str = "127.0.0.1"
    port: int = 8765
    today: date | None = None  # a fixed "today" (tests, demos); None reads the clock
    # The Inbox sets up and syncs this machine's mailbox (config file, OS keyring). False on
    # the centre server, where each student's mailbox is on its own page and a worker syncs
    # it; the Inbox there only reviews what the sync queued.
    local_mailbox: bool = True

    def current_day(self) -> date:
        return self.today or date.today()

    def current_time(self) -> datetime:
        """Now; on a fixed day, noon of that day (a touch logged "now" lands on it)."""
        if self.today is not None:
            return datetime.combine(self.today, datetime.min.time()).replace(hour=12)
        return datetime.now().replace(second=0, microsecond=0)
