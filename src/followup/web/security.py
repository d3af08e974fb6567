"""Defences of a server that only ever listens on the user's own machine.

- Host header: only `127.0.0.1`, `localhost` or the configured host (DNS rebinding: a page
  on evil.example resolved to 127.0.0.1 still sends `Host: evil.example`).
- CSRF: a random token in a SameSite=Strict, HttpOnly cookie, repeated in every
  state-changing form (a hidden field) and every HTMX request (a header); a POST without a
  matching pair is refused. Another site can make the browser send the cookie, never read it.
- No state change on GET: every mutating route is a POST (a test walks the route table).
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable

from fastapi import HTTPException, Request
from starlette.responses import Response

COOKIE = "followup_csrf"
FIELD = "csrf_token"
HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def allowed_hosts(configured: str) -> list[str]:
    hosts = ["127.0.0.1", "localhost"]
    if configured not in hosts and configured not in ("0.0.0.0", "::"):
        hosts.append(configured)
    return hosts


def csrf_token(request: Request) -> str:
    """The browser's token: from its cookie, or a new one the middleware will set."""
    token = getattr(request.state, "csrf", None)
    if isinstance(token, str):
        return token
    cookie = request.cookies.get(COOKIE, "")
    token = cookie if len(cookie) >= 32 else secrets.token_urlsafe(32)
    request.state.csrf = token
    return token


async def csrf_cookie(request: Request,
                      call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    """Make sure every browser holds a token; add security headers to every response."""
    token = csrf_token(request)
    response = await call_next(request)
    if request.cookies.get(COOKIE) != token:
        response.set_cookie(COOKIE, token, httponly=True, samesite="strict", path="/")
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    )
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    return response


async def check_csrf(request: Request) -> None:
    """An app-wide dependency: a state-changing request must carry the cookie's token."""
    if request.method in SAFE_METHODS:
        return
    cookie = request.cookies.get(COOKIE, "")
    sent = request.headers.get(HEADER, "")
    if not sent:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()  # cached: the route's Form() parameters reuse it
            value = form.get(FIELD)
            sent = value if isinstance(value, str) else ""
    if not cookie or not sent or not secrets.compare_digest(cookie, sent):
        raise HTTPException(status_code=403, detail="CSRF token missing or wrong: "
                            "reload the page and try again")
