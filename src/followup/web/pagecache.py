"""Rendered pages kept until the database changes: Today, Pipeline and an opportunity's
page under 50 clients.

Rendering 75 cards takes tens of milliseconds in Jinja; 50 clients asking at once would
queue behind each other. A page is kept per (database generation, day, config, Host, URL), so
any write (here or from the CLI: `Store.generation()`) makes the next request render
afresh. The one per-browser part of a page, its CSRF token, is stored as a placeholder and
filled in for each request, so one rendering serves every browser without sharing tokens.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from datetime import date
from typing import Any

from fastapi import Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from followup import service
from followup.web import security

HOLE = "\x00csrf\x00"  # never in a page's text: control characters are escaped out


class PageCache:
    def __init__(self, keep: int = 256) -> None:
        self._keep = keep
        self._pages: OrderedDict[Hashable, tuple[bytes, dict[str, str]]] = OrderedDict()
        self._lock = threading.Lock()

    def _key(self, request: Request, extra: Hashable) -> Hashable:
        """The Host is part of it: a page's links and forms carry the host it was asked
        by, so a page rendered for 127.0.0.1 served to `localhost` posts cross-origin
        (and is refused)."""
        store = request.app.state.store
        host = request.headers.get("host", "").lower()
        return (store.generation(), extra, host, request.url.path, request.url.query)

    async def serve(self, request: Request, extra: Hashable,
                    render: Callable[[], Response]) -> Response:
        """The kept page if current, else `render()` in the threadpool (database reads
        never block the event loop), kept when it is a plain 200."""
        token = security.csrf_token(request)
        key = self._key(request, extra)
        with self._lock:
            found = self._pages.get(key)
            if found is not None:
                self._pages.move_to_end(key)
        if found is not None:
            body, headers = found
            return Response(body.replace(HOLE.encode(), token.encode()), 200, headers)
        response = await run_in_threadpool(render)
        if response.status_code == 200 and response.media_type == "text/html":
            body = bytes(response.body)
            headers = {k: v for k, v in response.headers.items()
                       if k.lower() in ("content-type",)}
            with self._lock:
                self._pages[key] = (body.replace(token.encode(), HOLE.encode()), headers)
                while len(self._pages) > self._keep:
                    self._pages.popitem(last=False)
        return response


class NoPageCache(PageCache):
    """The centre server's: every page rendered for its request. A store's generation is
    one account's (or what its policies let it see), so a kept page could be served to
    another account: nothing is kept."""

    async def serve(self, request: Request, extra: Hashable,
                    render: Callable[[], Response]) -> Response:
        return await run_in_threadpool(render)


class NoPlanCache(service.PlanCache):
    """The centre server's: every plan made on the request's own store, none kept."""

    def peek(self, store: Any, today: date, policies: Mapping[Any, Any] | None = None
             ) -> None:
        return None

    def _get(self, store: Any, today: date, policies: Mapping[Any, Any] | None
             ) -> service.Snapshot:
        return service.take_snapshot(store, today, policies)
