"""Sessions for the centre's pages: who is signed in, in a signed cookie.

The contract other sign-in methods (OpenID Connect, ...) build on:

- `start_session(request, response, user)`: call it once the person's identity is proven
  (a right password, an IdP's callback). It opens a server-side session (a token stored
  hashed in `api_tokens`, expiring after `SESSION_LIFETIME`) and sets the cookie
  `followup_session` on `response`: the token, signed and timestamped with the server's
  secret (itsdangerous), HttpOnly, SameSite=Lax, Secure unless the server listens on
  loopback, Max-Age the session's lifetime. Then redirect (303) to the page asked for.
- `current_user` (a FastAPI dependency): the signed-in `User`, or `SignInRequired`, which
  the server answers with a redirect to `/signin?next=...` (HTMX: `HX-Redirect`).
- `end_session(request, response)`: revokes the session server-side (its next request
  is a stranger's, whatever the browser keeps) and clears the cookie. Deactivating an
  account or resetting its password revokes all its sessions the same way.
- Every page a session reaches runs in one transaction on the app's role with
  `app.account_id` set to the user's account (`page_request`): PostgreSQL's row-level
  security decides what it reads.

The secret: `FOLLOWUP_SECRET_KEY` (every web process of a centre must share it), or 32
random bytes in `server-secret` beside config.toml, made with mode 0600.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import Request
from starlette.responses import Response

from followup.core.errors import FollowupError
from followup.service import centre

if TYPE_CHECKING:
    from sqlalchemy import Engine

__all__ = ["COOKIE", "SESSION_LIFETIME", "SessionConfig", "SignInRequired", "current_user",
           "end_session", "load_server_secret", "page_request", "session_token", "start_session"]

COOKIE = "followup_session"
SESSION_LIFETIME = timedelta(hours=8)  # a working day; the token row expires with it
SECRET_ENV = "FOLLOWUP_SECRET_KEY"
SECRET_FILE = "server-secret"
_SALT = "followup.session"


class SignInRequired(FollowupError):
    """No valid session: the pages send the browser to the sign-in form."""


@dataclass(frozen=True)
class SessionConfig:
    """What the session functions need, kept on `app.state.session` by the server."""

    engine: Engine
    secret: bytes
    secure: bool  # the Secure flag: off only when the server listens on loopback
    clock: Callable[[], datetime]


def load_server_secret(folder: Path) -> bytes:
    """`FOLLOWUP_SECRET_KEY` (UTF-8, 32 characters or more), else the 0600 file."""
    from followup.core.errors import UsageError

    given = os.environ.get(SECRET_ENV)
    if given is not None:
        if len(given) < 32:
            raise UsageError(f"{SECRET_ENV}: 32 characters or more (it signs the sessions)")
        return given.encode()
    from followup.web.security import load_secret

    return load_secret(folder, SECRET_FILE)


def _config(request: Request) -> SessionConfig:
    found: SessionConfig = request.app.state.session
    return found


def _serializer(config: SessionConfig) -> Any:
    from itsdangerous import URLSafeTimedSerializer

    return URLSafeTimedSerializer(config.secret, salt=_SALT)


def session_token(request: Request) -> str | None:
    """The session's token from a cookie signed by this server within its lifetime."""
    from itsdangerous import BadSignature

    cookie = request.cookies.get(COOKIE, "")
    if not cookie or len(cookie) > 500:
        return None
    try:
        token = _serializer(_config(request)).loads(
            cookie, max_age=int(SESSION_LIFETIME.total_seconds()))
    except BadSignature:  # expired, tampered with, or signed with another secret
        return None
    return token if isinstance(token, str) else None


def start_session(request: Request, response: Response, user: centre.User) -> None:
    """Sign `user` in on this browser (see the module's contract)."""
    config = _config(request)
    token = centre.open_session(config.engine, user, config.clock(), SESSION_LIFETIME)
    response.set_cookie(COOKIE, _serializer(config).dumps(token),
                        max_age=int(SESSION_LIFETIME.total_seconds()), path="/",
                        httponly=True, samesite="lax", secure=config.secure)


def end_session(request: Request, response: Response) -> None:
    """Sign this browser out: the session is revoked server-side, the cookie cleared."""
    config = _config(request)
    token = session_token(request)
    if token:
        try:
            centre.sign_out(config.engine, token, config.clock())
        except centre.Unauthorized:
            pass  # already expired or revoked: signed out all the same
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="lax",
                           secure=config.secure)


def page_request(request: Request) -> Iterator[centre.Caller]:
    """A dependency of every page: the signed-in caller, inside their request's transaction
    (`app.account_id` set), their own store on `request.state.followup_store` for the
    web app's routes (`web/deps.request_store`). Committed when the page returns."""
    config = _config(request)
    with ExitStack() as stack:
        try:
            caller = stack.enter_context(
                centre.request(config.engine, session_token(request), config.clock()))
        except centre.Unauthorized:
            raise SignInRequired("sign in first") from None
        request.state.followup_user = caller.user
        request.state.followup_store = store = caller.store()
        try:
            yield caller
            if store.writes:  # the account's records changed: its caseload cards follow (27)
                from followup.service.caseload import refresh_cards

                refresh_cards(store, config.clock().date())
        finally:  # its connection goes back to the pool: an error page must not use it
            request.state.followup_store = None


def current_user(request: Request) -> centre.User:
    """The signed-in user, or `SignInRequired` (a short read of the session, outside any
    page's transaction: for routes that need only who is asking)."""
    config = _config(request)
    try:
        with centre.request(config.engine, session_token(request), config.clock()) as caller:
            return caller.user
    except centre.Unauthorized:
        raise SignInRequired("sign in first") from None
