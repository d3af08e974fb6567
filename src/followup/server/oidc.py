"""`/signin/oidc`: sign-in by the centre's OpenID Connect provider (service/oidc.py).

`GET /signin/oidc` sends the browser to the provider with a short-lived cookie binding the
answer to it; `GET /signin/oidc/callback` takes the answer, and once the service has proven
who it is, opens a session the way a password does (`start_session`) and goes to the pages.
A refusal is the sign-in page again, one line on it, with its status: 401 (not proven),
403 (no account for the identity), 429 (sign-ins under way past MAX_PENDING), 502 (the
provider did not answer properly).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from followup.core.errors import FollowupError
from followup.service import oidc

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from followup.service.centre import User

COOKIE = "followup_oidc"
PATH = "/signin/oidc"

StartSession = Callable[[Request, Response, "User"], None]

_STATUS: tuple[tuple[type[FollowupError], int], ...] = (
    (oidc.SignInRefused, 401), (oidc.NoAccount, 403), (oidc.TooManySignIns, 429),
    (oidc.ProviderUnavailable, 502))


def refusal(request: Request, e: FollowupError) -> Response:
    """The sign-in page again, the refusal's one line on it (escaped), with its status."""
    from followup.server.pages import sign_in_form

    status = next((code for kind, code in _STATUS if isinstance(e, kind)), 400)
    line = str(e).splitlines()[0] if str(e) else type(e).__name__
    answer = sign_in_form(request, status=status, message=line)
    answer.delete_cookie(COOKIE, path=PATH)
    return answer


def oidc_routes(engine: Engine, client: oidc.OidcClient, clock: Callable[[], datetime], *,
                secure: bool, start_session: StartSession,
                redirect_uri: str | None = None) -> APIRouter:
    """The two routes; `redirect_uri`: the callback's URL as registered with the provider
    (default: this server's own, as the request names it)."""
    router = APIRouter()

    def callback_url(request: Request) -> str:
        return redirect_uri or str(request.url_for("oidc_callback"))

    @router.get(PATH, name="oidc_begin")
    async def begin(request: Request) -> Response:
        try:
            started = await run_in_threadpool(oidc.begin, engine, client,
                                              callback_url(request), clock())
        except FollowupError as e:
            return refusal(request, e)
        answer = RedirectResponse(started.url, status_code=303)
        answer.set_cookie(COOKIE, started.cookie, max_age=int(
            oidc.LOGIN_LIFETIME.total_seconds()), path=PATH, httponly=True, samesite="lax",
            secure=secure)
        return answer

    @router.get(PATH + "/callback", name="oidc_callback")
    async def callback(request: Request) -> Response:
        params = {k: v[:2000] for k, v in request.query_params.items()}
        try:
            user = await run_in_threadpool(
                lambda: oidc.finish(engine, client, params=params,
                                    cookie=request.cookies.get(COOKIE), now=clock(),
                                    redirect_uri=callback_url(request)))
        except FollowupError as e:
            return refusal(request, e)
        answer = RedirectResponse("/", status_code=303)
        answer.delete_cookie(COOKIE, path=PATH)
        await run_in_threadpool(start_session, request, answer, user)
        return answer

    return router
