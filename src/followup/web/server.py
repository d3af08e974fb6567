"""The HTTP server `followup serve` runs: uvicorn, with the limits a server that can't be
frozen needs (issue 20, items 2 and 7).

- A deadline for receiving each request, headers and body (`REQUEST_SECONDS`): uvicorn has
  none (its keep-alive timer only covers the wait between requests, and every byte restarts
  it), so a client that sends one byte every few seconds held a connection for ever. When
  it passes, a request whose headers never ended gets a 408 and the connection is closed; a
  body still arriving is cut off (the route sees the client gone).
- Request bodies capped while they stream in (FastAPI's `max_body_size`: `FORM_BYTES` for
  the app, `UPLOAD_BYTES` on the upload route), by their declared length first: an upload
  is never read whole before the check.
- SIGTERM (and Ctrl-C) stop the server: in-flight requests get `SHUTDOWN_SECONDS`, then
  are cancelled; parsing runs off the event loop (the routes), so the loop always hears
  the signal.
"""

from __future__ import annotations

import asyncio
import os
from typing import TYPE_CHECKING, Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from followup.calendar.budget import MAX_FILE_BYTES

if TYPE_CHECKING:
    import uvicorn

    from followup.web.settings import WebSettings

REQUEST_SECONDS = 60.0  # 25 MB in a minute is 3.4 Mbit/s: any real link, loopback by far
KEEP_ALIVE_SECONDS = 5
SHUTDOWN_SECONDS = 3
UPLOAD_BYTES = MAX_FILE_BYTES + 1_000_000  # an invite's cap, with room for the form around it
FORM_BYTES = 2_000_000  # any other body: a note or a listing is at most 100,000 characters

__all__ = ["FORM_BYTES", "REQUEST_SECONDS", "SETTINGS_VARIABLE", "UPLOAD_BYTES",
           "DeadlineProtocol", "config", "serve_workers"]

SETTINGS_VARIABLE = "FOLLOWUP_WEB_SETTINGS"  # how `serve_workers` hands each worker its settings

_TOO_LONG = b"the request took too long to arrive\r\n"
_TIMEOUT = (b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\n"
            b"connection: close\r\ncontent-length: %d\r\n\r\n%s" % (len(_TOO_LONG), _TOO_LONG))


class DeadlineProtocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline for each request to arrive whole."""

    request_seconds: float = REQUEST_SECONDS
    _deadline: asyncio.TimerHandle | None = None

    def _arm(self) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(self.request_seconds, self._expire)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def handle_events(self) -> None:
        super().handle_events()
        if self.conn.their_state in (h11.DONE, h11.MUST_CLOSE, h11.CLOSED,
                                     h11.SWITCHED_PROTOCOL):
            self._disarm()  # the request is in: answering it takes what it takes

    def on_response_complete(self) -> None:
        if not self.transport.is_closing():
            self._arm()  # the next request on this connection starts its own clock
        super().on_response_complete()

    def _expire(self) -> None:
        self._deadline = None
        if self.transport.is_closing() or self.conn.their_state is h11.DONE:
            return
        if self.conn.their_state is h11.IDLE and (self.cycle is None
                                                   or self.cycle.response_complete):
            self.transport.write(_TIMEOUT)  # the headers never ended: say why
        self.transport.close()


def config(app: Any, host: str, port: int,
           request_seconds: float = REQUEST_SECONDS) -> uvicorn.Config:
    """The server settings `followup serve` runs with (tests start the same, with a
    shorter deadline)."""
    import uvicorn

    protocol = type("DeadlineProtocol", (DeadlineProtocol,),
                    {"request_seconds": request_seconds})
    return uvicorn.Config(app, host=host, port=port, log_level="warning", server_header=False,
                          http=protocol, timeout_keep_alive=KEEP_ALIVE_SECONDS,
                          timeout_graceful_shutdown=SHUTDOWN_SECONDS, lifespan="on")


def serve_workers(settings: WebSettings, workers: int) -> None:
    """`followup serve --workers N`: N processes sharing the listening socket (uvicorn's
    supervisor), each with its own app, store connection and page cache. SQLite in WAL
    mode lets them read at once; a write in one shows in the others through
    `Store.generation()` (PRAGMA data_version), which every cache is keyed on."""
    import json

    import uvicorn
    from uvicorn.supervisors import Multiprocess

    from followup.config import holidays as holiday_cache

    holiday_cache.install()
    os.environ[SETTINGS_VARIABLE] = json.dumps({
        "db": settings.db, "host": settings.host, "port": settings.port,
        "today": settings.today.isoformat() if settings.today else None})
    cfg = uvicorn.Config("followup.web.app:worker_app", factory=True, host=settings.host,
                         port=settings.port, log_level="warning", server_header=False,
                         http=DeadlineProtocol, timeout_keep_alive=KEEP_ALIVE_SECONDS,
                         timeout_graceful_shutdown=SHUTDOWN_SECONDS, lifespan="on",
                         workers=workers)
    Multiprocess(cfg, sockets=[cfg.bind_socket()]).run()
