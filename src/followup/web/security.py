"""Defences of a server that only ever listens on the user's own machine.

- Host header: only `127.0.0.1`, `localhost` or the configured host (DNS rebinding: a page
  on evil.example resolved to 127.0.0.1 still sends `Host: evil.example`).
- CSRF: a token in a SameSite=Strict, HttpOnly cookie, repeated in every state-changing
  form (a hidden field) and every HTMX request (a header); a POST without a matching pair
  is refused. The token is signed by the server (`nonce.HMAC-SHA256(secret, nonce)`), so a
  pair an attacker chose (a cookie planted by a sibling subdomain, say) is refused too.
- The secret: 32 random bytes in `web-secret` beside config.toml, created with mode 0600.
  A file rather than the database: a backup, an export or a shared PostgreSQL server never
  carries it, and deleting the file rotates it (every open page then reloads once).
- Origin: a POST whose `Origin` is not this server's own, or whose `Sec-Fetch-Site` says
  cross-site, is refused whatever its token (browsers send both on every POST).
- Every answer, the 400 for a foreign Host included, carries the same security headers
  (`SecurityHeaders`, the outermost layer).
- No state change on GET: every mutating route is a POST (a test walks the route table).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path
from typing import Any

from fastapi import HTTPException, Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

COOKIE = "followup_csrf"
FIELD = "csrf_token"
HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SECRET_FILE = "web-secret"
HEADERS = {
    "content-security-policy":
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}


def load_secret(folder: Path, name: str = SECRET_FILE) -> bytes:
    """A signing key: read from `folder/name` (`web-secret` by default), made (0600) if
    missing. The centre server's session key uses it too (`server/session.py`)."""
    path = folder / name
    try:
        data = path.read_bytes()
        if len(data) >= 32:
            return data
    except OSError:
        pass
    folder.mkdir(parents=True, exist_ok=True)
    data = secrets.token_bytes(32)
    tmp = path.with_name(f"{name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.replace(tmp, path)
    return data


def _sign(secret: bytes, nonce: str) -> str:
    return hmac.new(secret, nonce.encode(), hashlib.sha256).hexdigest()


def new_token(secret: bytes) -> str:
    nonce = secrets.token_urlsafe(24)
    return f"{nonce}.{_sign(secret, nonce)}"


def valid_token(secret: bytes, token: str) -> bool:
    """Made by this server: the signature matches its nonce."""
    nonce, dot, signature = token.partition(".")
    if not dot or not nonce or len(token) > 200:
        return False
    return hmac.compare_digest(_sign(secret, nonce), signature)


class SecurityHeaders:
    """ASGI middleware: the security headers on every response, whoever made it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k.encode(), v.encode()) for k, v in HEADERS.items()
                         if k.encode() not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, with_headers)


def _secret(request: Request) -> bytes:
    secret: Any = getattr(request.app.state, "csrf_secret", None)
    if not isinstance(secret, bytes):
        raise HTTPException(status_code=500, detail="no CSRF secret")
    return secret


def allowed_hosts(configured: str) -> list[str]:
    """The Host names this server answers to; an IPv6 address as a Host header writes it,
    in brackets (`[::1]`)."""
    hosts = ["127.0.0.1", "localhost"]
    if configured not in hosts and configured not in ("0.0.0.0", "::"):
        hosts.append(f"[{configured}]" if ":" in configured else configured)
    return hosts


def url_host(host: str) -> str:
    """The host as a URL writes it: `[::1]` for an IPv6 address, 127.0.0.1 for "any"."""
    if host in ("0.0.0.0", "::"):
        return "127.0.0.1"
    return f"[{host}]" if ":" in host else host


def csrf_token(request: Request) -> str:
    """The browser's token: from its cookie, or a new one the middleware will set."""
    token = getattr(request.state, "csrf", None)
    if isinstance(token, str):
        return token
    cookie = request.cookies.get(COOKIE, "")
    secret = _secret(request)
    token = cookie if valid_token(secret, cookie) else new_token(secret)
    request.state.csrf = token
    return token


class CsrfCookie:
    """ASGI middleware: make sure every browser holds a token signed by this server (the
    `Set-Cookie` goes on the answer when its cookie is missing or not ours).

    Plain ASGI rather than `@app.middleware("http")`: Starlette's `BaseHTTPMiddleware` runs
    each request in a task of its own with streams between them, a cost every request paid
    under load (issue 24). The token is kept in the request's state (`csrf_token`), where
    the routes and the page cache read it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        token = csrf_token(request)
        if request.cookies.get(COOKIE) == token:
            await self.app(scope, receive, send)
            return

        async def with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                cookie = Response()
                cookie.set_cookie(COOKIE, token, httponly=True, samesite="strict", path="/")
                message["headers"] = [*message.get("headers", []),
                                      *(h for h in cookie.raw_headers if h[0] == b"set-cookie")]
            await send(message)

        await self.app(scope, receive, with_cookie)


def same_origin(request: Request) -> bool:
    """The browser says the request comes from this server's own pages (or says nothing:
    a script, not a browser, and the token alone decides).

    `Sec-Fetch-Site` is set by the browser and cannot be forged by a page, so when present it
    decides. Without it (an older browser), `Origin` must be this server; `Origin: null` is
    what Chromium sends from our own pages under `Referrer-Policy: no-referrer`, so it is
    trusted only beside `Sec-Fetch-Site: same-origin`.
    """
    site = request.headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        return False
    origin = request.headers.get("origin")
    if origin is None or (origin == "null" and site is not None):
        return True
    host = request.headers.get("host", "")
    return origin in (f"http://{host}", f"https://{host}")


async def check_csrf(request: Request) -> None:
    """An app-wide dependency: a state-changing request must carry the cookie's token."""
    if request.method in SAFE_METHODS:
        return
    if not same_origin(request):
        raise HTTPException(status_code=403, detail="cross-site request refused "
                            "(Origin or Sec-Fetch-Site is not this server)")
    cookie = request.cookies.get(COOKIE, "")
    sent = request.headers.get(HEADER, "")
    if not sent:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()  # cached: the route's Form() parameters reuse it
            value = form.get(FIELD)
            sent = value if isinstance(value, str) else ""
    if (not cookie or not sent or not secrets.compare_digest(cookie, sent)
            or not valid_token(_secret(request), cookie)):
        raise HTTPException(status_code=403, detail="CSRF token missing or wrong: "
                            "reload the page and try again")
