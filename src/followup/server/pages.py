"""The desktop web app's pages on the centre server, each signed-in student on their own
account; the sign-in form and sign-out.

The pages are the web app's own routes and templates (`web.create_app`), built with
`per_request=[page_request]`: before every page, `session.page_request` reads the session
cookie, opens the request's transaction with `app.account_id` set and puts the account's
`RequestStore` on `request.state`, where `web.deps.request_store` finds it. No store is
shared and no page or plan is cached across requests. The few pages that read or write the
machine's own files (config.toml's policies, the mailbox settings, the calendar feed's
address) belong to a desktop and answer 404 here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Form, HTTPException, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from followup.server.session import (
    SessionConfig,
    SignInRequired,
    end_session,
    page_request,
    start_session,
)
from followup.service import centre
from followup.web.settings import WebSettings

__all__ = ["DESKTOP_ONLY", "CentreWebSettings", "create_pages"]

# Route names of pages that act on the server machine's files, not on an account's records.
DESKTOP_ONLY = frozenset({"settings_save", "policy_save", "calendar_address", "calendar_feed",
                          "inbox", "inbox_accept", "inbox_ignore"})


@dataclass(frozen=True, slots=True)
class CentreWebSettings(WebSettings):
    """The web app's settings on the server: its day and time read the server's clocks."""

    clock: Callable[[], datetime] = datetime.now
    day: Callable[[], date] = date.today

    def current_day(self) -> date:
        return self.day()

    def current_time(self) -> datetime:
        return self.clock().replace(second=0, microsecond=0)


def _not_on_the_server(request: Request) -> None:
    route: Any = request.scope.get("route")
    if getattr(route, "name", None) in DESKTOP_ONLY:
        raise HTTPException(status_code=404, detail="not on the centre server: this page "
                            "acts on a desktop's own files")


def _safe_next(value: str) -> str:
    """A path on this site to go to after signing in; anything else goes to Today."""
    if value.startswith("/") and not value.startswith(("//", "/\\")) and len(value) < 2000 \
            and all(c.isprintable() for c in value):
        return value
    return "/"


router = APIRouter()


def _form(request: Request, *, status: int = 200, message: str = "", email: str = "",
          next: str = "/") -> Response:
    from followup.web.deps import render

    return render(request, "pages/signin.html", status=status, message=message, code=status,
                  email=email, next=_safe_next(next))


@router.get("/signin", name="signin")
def signin(request: Request, next: str = "/") -> Response:
    return _form(request, next=next)


@router.post("/signin", name="signin_submit")
async def signin_submit(request: Request, email: Annotated[str, Form(max_length=320)] = "",
                        password: Annotated[str, Form(max_length=1000)] = "",
                        next: Annotated[str, Form(max_length=2000)] = "/") -> Response:
    config: SessionConfig = request.app.state.session
    client = request.client.host if request.client else "unknown"
    try:
        user = await run_in_threadpool(centre.authenticate, config.engine, email, password,
                                       client, config.clock())
    except centre.TooManyFailures as e:
        return _form(request, status=429, message=str(e), email=email, next=next)
    except centre.Unauthorized as e:
        return _form(request, status=401, message=str(e), email=email, next=next)
    response = RedirectResponse(_safe_next(next), status_code=303)
    await run_in_threadpool(start_session, request, response, user)
    return response


@router.post("/signout", name="signout")
async def signout(request: Request) -> Response:
    response = RedirectResponse(request.url_for("signin").path, status_code=303)
    await run_in_threadpool(end_session, request, response)
    return response


def _to_sign_in(request: Request, _exc: Exception) -> Response:
    from urllib.parse import urlencode

    wanted = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    url = request.url_for("signin").path
    if wanted != "/":
        url += "?" + urlencode({"next": wanted})
    if request.headers.get("hx-request"):  # an HTMX swap: the whole page goes
        return Response(status_code=204, headers={"HX-Redirect": url})
    return RedirectResponse(url, status_code=303)


def create_pages(session: SessionConfig, *, host: str, hosts: list[str],
                 clock: Callable[[], datetime], day: Callable[[], date]) -> FastAPI:
    """The web app in multi-user mode, behind the sign-in (mounted at / by the server)."""
    import hashlib

    from followup.web import create_app

    settings = CentreWebSettings(host=host, clock=clock, day=day)
    csrf_key = hashlib.sha256(b"followup.csrf\0" + session.secret).digest()  # its own key
    pages = create_app(settings, secret=csrf_key, hosts=hosts,
                       per_request=[Depends(_not_on_the_server),
                                    Depends(page_request, scope="function")])
    pages.state.session = session
    pages.include_router(router)
    pages.add_exception_handler(SignInRequired, _to_sign_in)
    return pages
