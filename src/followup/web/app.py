"""The app factory: settings in, a FastAPI app out; no module-level state."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import HTTPException
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.responses import Response

from followup.core.errors import ConflictError, FollowupError, NotFoundError
from followup.web import security, views
from followup.web.settings import WebSettings

HERE = Path(__file__).parent


def make_templates() -> Jinja2Templates:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every template, whatever its name: user text is always escaped
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # templates ship with the package: no stat() per include
    )
    views.install_filters(env)

    def context(request: Request) -> dict[str, Any]:
        settings: WebSettings = request.app.state.settings
        return {"csrf_token": security.csrf_token(request), "today": settings.current_day(),
                "csrf_field": security.FIELD, "csrf_header": security.HEADER,
                "toast": toast(request),
                # the centre server's signed-in user (server/session.py); None on the desktop
                "signed_in": getattr(request.state, "followup_user", None)}

    return Jinja2Templates(env=env, context_processors=[context])


def toast(request: Request) -> dict[str, Any] | None:
    """`?done=ID` on a page: the change just made, for the toast (with Undo while it is
    still the latest change)."""
    from followup import service
    from followup.web.deps import request_store

    refused: dict[str, Any] | None = getattr(request.state, "followup_refused", None)
    if refused is not None:  # a change refused (a stale Move): the reason, no Undo
        return refused
    done = request.query_params.get("done", "")
    if not done.isdigit() or request.method != "GET":
        return None
    try:
        store = request_store(request)
    except HTTPException:  # the centre server's error page, after its request ended
        return None
    try:
        change = service.change(store, int(done))
    except FollowupError:
        return None
    last = service.last_change(store)
    from urllib.parse import urlencode

    query = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "done"])
    return {"id": change.id, "what": change.what, "undone": change.undone_at is not None,
            "undoable": last is not None and last.id == change.id,
            "next": request.url.path + (f"?{query}" if query else "")}


def create_app(settings: WebSettings | None = None, *, per_request: Sequence[Any] = (),
               secret: bytes | None = None, hosts: Sequence[str] = ()) -> FastAPI:
    """The desktop web app; the centre server (`server/pages.py`) builds the same app with
    `per_request`: dependencies run before every page (they sign the user in and put the
    request's own store on `request.state.followup_store`, see `deps.request_store`), so
    no store is opened here and nothing is cached across requests. `secret` signs the CSRF
    tokens instead of the `web-secret` file; `hosts`: more Host names to answer to."""
    from followup import service
    from followup.config import holidays as holiday_cache
    from followup.service import open_store
    from followup.web.feed import router as feed_router
    from followup.web.inbox import router as inbox_router
    from followup.web.insights import router as insights_router
    from followup.web.pagecache import PageCache, PageFront
    from followup.web.pages import router as pages
    from followup.web.routes import router
    from followup.web.server import FORM_BYTES
    from followup.web.weeks import router as weeks_router

    settings = settings or WebSettings()
    holiday_cache.install()
    service.import_all()  # the service imports its modules lazily; a server, all at start

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if app.state.store is not None:
            app.state.store.close()

    # Bodies are counted against their cap as they arrive (a route may set its own).
    app = FastAPI(title="followup", lifespan=lifespan, docs_url=None, redoc_url=None,
                  openapi_url=None, dependencies=[Depends(security.check_csrf)],
                  max_body_size=FORM_BYTES)
    app.state.settings = settings
    app.state.templates = make_templates()
    if per_request:  # one store per request: no cache may serve one account's page to another
        from followup.web.pagecache import NoPageCache, NoPlanCache

        app.state.store = None
        app.state.plans = NoPlanCache()
        app.state.pages = NoPageCache()
    else:
        app.state.store = open_store(settings.db, clock=settings.current_time)
        app.state.plans = service.PlanCache()
        app.state.pages = PageCache()
    import threading

    app.state.mail_lock = threading.Lock()  # one mailbox sync at a time (web/inbox.py)
    from followup.config.settings import config_dir

    app.state.csrf_secret = secret or security.load_secret(config_dir())
    # Plain ASGI layers (no BaseHTTPMiddleware task per request), innermost first: kept
    # pages answered before routing (never with a per-request store: nothing is kept), the
    # CSRF cookie, the Host check, the headers.
    if not per_request:
        app.add_middleware(PageFront)
    app.add_middleware(security.CsrfCookie)
    # Added late, so it runs early: a foreign Host never reaches a route (DNS rebinding).
    app.add_middleware(TrustedHostMiddleware,
                       allowed_hosts=[*security.allowed_hosts(settings.host), *hosts])
    # Outermost: the same security headers on every answer, the Host refusal's included.
    app.add_middleware(security.SecurityHeaders)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for each in (router, pages, inbox_router, insights_router, feed_router, weeks_router):
        app.include_router(each, dependencies=list(per_request))

    async def followup_error(request: Request, exc: Exception) -> Response:
        status = (404 if isinstance(exc, NotFoundError)
                  else 409 if isinstance(exc, ConflictError) else 400)
        return error_page(request, str(exc), status)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        return error_page(request, str(exc.detail), exc.status_code)

    async def out_of_range(request: Request, exc: Exception) -> Response:
        # What the CLI says in one line (cli.FollowupGroup): a value Python gives up on
        # (a date phrase "in 99999999 weeks") is the user's input, a 400, never a 500.
        return error_page(request, "a value is out of range "
                          f"({(str(exc).splitlines() or [''])[0][:100]})", 400)

    app.add_exception_handler(FollowupError, followup_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(OverflowError, out_of_range)
    app.add_exception_handler(RecursionError, out_of_range)
    return app


def error_page(request: Request, message: str, status: int) -> Response:
    """One error page (a partial for HTMX swaps): the message, never a traceback. A hint
    at a CLI command ("see `followup list`") is for the terminal: the page links instead."""
    import re

    message = re.sub(r"\s*\(see `followup [^`]*`\)", "", message)
    templates: Jinja2Templates = request.app.state.templates
    name = "partials/error.html" if request.headers.get("hx-request") else "pages/error.html"
    return templates.TemplateResponse(request, name, {"message": message, "status": status},
                                      status_code=status)


def worker_app() -> Any:
    """The app in one worker process (uvicorn's factory): the settings `serve_workers` put
    in the environment before it started the workers."""
    import json
    import os
    from datetime import date

    from followup.web.server import SETTINGS_VARIABLE

    given = json.loads(os.environ[SETTINGS_VARIABLE])
    today = date.fromisoformat(given["today"]) if given["today"] else None
    return create_app(WebSettings(db=given["db"], host=given["host"], port=given["port"],
                                  today=today))
