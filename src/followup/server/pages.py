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

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Form, HTTPException, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from followup.core.errors import UsageError
from followup.server.session import (
    SessionConfig,
    SignInRequired,
    end_session,
    page_request,
    session_token,
    start_session,
)
from followup.service import centre
from followup.web.settings import WebSettings

__all__ = ["DESKTOP_ONLY", "EXPORT_HEADERS", "CentreWebSettings", "create_pages"]

# Route names of pages that act on the server machine's files, not on an account's records.
# The Inbox's review (`inbox`, `inbox_accept`, `inbox_ignore`) acts on the account's records,
# so it is served: what a student's mailbox sync queued waits there.
DESKTOP_ONLY = frozenset({"settings_save", "policy_save", "calendar_address", "calendar_feed",
                          "mail_setup", "mail_sync"})


@dataclass(frozen=True, slots=True)
class CentreWebSettings(WebSettings):
    """The web app's settings on the server: its day and time read the server's clocks."""

    clock: Callable[[], datetime] = datetime.now
    day: Callable[[], date] = date.today
    local_mailbox: bool = False  # each student's mailbox: the Mailbox page and the worker

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


# The account's bundle is a download, never kept by a cache on the way.
EXPORT_HEADERS = {"content-disposition": 'attachment; filename="followup-export.json"',
                  "cache-control": "no-store"}

router = APIRouter()


def _form(request: Request, *, status: int = 200, message: str = "", email: str = "",
          next: str = "/") -> Response:
    from followup.web.deps import render

    return render(request, "pages/signin.html", status=status, message=message, code=status,
                  email=email, next=_safe_next(next),
                  oidc=getattr(request.app.state, "oidc_name", None))  # server/oidc.py


def sign_in_form(request: Request, *, status: int, message: str) -> Response:
    """The sign-in page with a refusal on it (the OpenID Connect callback's too)."""
    return _form(request, status=status, message=message)


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


def _changing(request: Request) -> Iterator[centre.Caller]:
    """The password form's caller: signed in, a one-time password allowed."""
    config: SessionConfig = request.app.state.session
    with ExitStack() as stack:
        try:
            caller = stack.enter_context(centre.request(
                config.engine, session_token(request), config.clock(), changing_password=True))
        except centre.Unauthorized:
            raise SignInRequired("sign in first") from None
        request.state.followup_user = caller.user
        yield caller


Changing = Annotated[centre.Caller, Depends(_changing, scope="function")]


def _password_form(request: Request, caller: centre.Caller, *, status: int = 200,
                   message: str = "") -> Response:
    from followup.web.deps import render

    return render(request, "pages/password.html", status=status, message=message,
                  code=status, forced=caller.user.must_change)


@router.get("/password", name="password")
def password(request: Request, caller: Changing) -> Response:
    return _password_form(request, caller)


@router.post("/password", name="password_submit")
def password_submit(request: Request, caller: Changing,
                    current: Annotated[str, Form(max_length=1000)] = "",
                    new: Annotated[str, Form(max_length=1000)] = "",
                    repeated: Annotated[str, Form(max_length=1000)] = "") -> Response:
    try:
        centre.change_password(caller, current, new, repeated)
    except UsageError as e:
        return _password_form(request, caller, status=400, message=str(e))
    return RedirectResponse("/", status_code=303)


@router.get("/export", name="account_export")
def account_export(request: Request,
                   caller: Annotated[centre.Caller, Depends(page_request, scope="function")]
                   ) -> Response:
    """The signed-in person's whole account, to keep or to take to a desktop
    (`followup import followup-export.json`)."""
    import json
    text = json.dumps(centre.export_account(caller), ensure_ascii=False, indent=2) + "\n"
    return Response(text, media_type="application/json", headers=EXPORT_HEADERS)


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


def _to_password(request: Request, _exc: Exception) -> Response:
    url = request.url_for("password").path
    if request.headers.get("hx-request"):
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
    from followup.server.caseload import router as caseload  # the coach's pages (issue 27)

    pages.include_router(caseload)
    from followup.server.mailbox import router as mailbox  # a student's mailbox (issue 27)

    pages.include_router(mailbox)
    pages.add_exception_handler(SignInRequired, _to_sign_in)
    pages.add_exception_handler(centre.MustChangePassword, _to_password)
    return pages
