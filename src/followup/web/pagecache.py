"""Rendered pages kept until the database changes: Today, Pipeline and an opportunity's
page under 50 clients.

Rendering 75 cards takes tens of milliseconds in Jinja; 50 clients asking at once would
queue behind each other. A page is kept per (database generation, day, config, Host, URL), so
any write (here or from the CLI: `Store.generation()`) makes the next request render
afresh. The one per-browser part of a page, its CSRF token, is stored as a placeholder and
filled in for each request, so one rendering serves every browser without sharing tokens.

`PageFront` answers a GET for a kept page before FastAPI routes it: no dependency solved,
no threadpool hop, the Host already checked and the CSRF cookie already set by the layers
outside it (issue 24: under 50 clients the routing and the hops cost more than the page).
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
from starlette.types import ASGIApp, Receive, Scope, Send

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

    def find(self, request: Request, extra: Hashable) -> Response | None:
        """The kept page for this request with its browser's token, if current."""
        key = self._key(request, extra)
        with self._lock:
            found = self._pages.get(key)
            if found is None:
                return None
            self._pages.move_to_end(key)
        body, headers = found
        return Response(body.replace(HOLE.encode(), security.csrf_token(request).encode()),
                        200, headers)

    async def serve(self, request: Request, extra: Hashable,
                    render: Callable[[], Response]) -> Response:
        """The kept page if current, else `render()` in the threadpool (database reads
        never block the event loop), kept when it is a plain 200."""
        token = security.csrf_token(request)
        found = self.find(request, extra)
        if found is not None:
            return found
        key = self._key(request, extra)
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


def page_extra(request: Request) -> Hashable:
    """What else a kept page depends on: the day and the policies (as `routes._kept` keys)."""
    from followup.web.deps import request_context

    cx = request_context(request)
    return (cx.today, cx.policy_key)


class PageFront:
    """ASGI middleware: a GET whose page is kept is answered here (see the module doc);
    anything else goes on to the app. Inside the Host check and the CSRF cookie."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET":
            request = Request(scope)
            pages: PageCache | None = getattr(request.app.state, "pages", None)
            found = pages.find(request, page_extra(request)) if pages is not None else None
            if found is not None:
                await found(scope, receive, send)
                return
        await self.app(scope, receive, send)


class NoPageCache(PageCache):
    """The centre server's: every page rendered for its request. A store's generation is
    one account's (or what its policies let it see), so a kept page could be served to
    another account: nothing is kept."""

    def find(self, request: Request, extra: Hashable) -> Response | None:
        return None

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
