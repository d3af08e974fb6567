"""What every router shares: the request's store and settings (FastAPI dependencies), the
form field types, `render` and `back_to` (post/redirect/get). Routers import this module
and never each other; the app factory (`web/app.py`) includes the routers."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Form, Request
from fastapi.templating import Jinja2Templates
from starlette.responses import RedirectResponse, Response

from followup import service
from followup.service import Context, Store
from followup.web.settings import WebSettings

__all__ = ["CtxDep", "OptText", "SettingsDep", "StoreDep", "back_to", "render",
           "request_context", "request_settings", "request_store"]


def request_store(request: Request) -> Store:
    """The app's store; on the centre server, the request's own (`request.state`, set by
    the server's sign-in dependency: one account, one transaction, PostgreSQL's policies)."""
    store: Store | None = getattr(request.state, "followup_store", None)
    if store is None:
        store = request.app.state.store
        if store is None:  # a page reached without the server's sign-in: never a 500
            from fastapi import HTTPException

            raise HTTPException(status_code=404, detail="not found")
    return store


def request_settings(request: Request) -> WebSettings:
    settings: WebSettings = request.app.state.settings
    return settings


def request_context(request: Request) -> Context:
    """The request's context, built once per request (FastAPI caches a dependency): the
    store, the config's policies, the settings' day and the clock's reading. Kept on
    `request.state`, so a helper that asks again gets the same one."""
    found: Context | None = getattr(request.state, "followup_context", None)
    if found is None:
        settings = request_settings(request)
        found = service.context(request_store(request), settings.current_day(),
                                settings.current_time())
        request.state.followup_context = found
    return found


# The dependencies themselves are `async`: FastAPI runs a plain `def` dependency in its
# threadpool, two hops a request for what is an attribute read (issue 24).
async def _store_dep(request: Request) -> Store:
    return request_store(request)


async def _settings_dep(request: Request) -> WebSettings:
    return request_settings(request)


async def _context_dep(request: Request) -> Context:
    return request_context(request)  # a stat() of config.toml at most


StoreDep = Annotated[Store, Depends(_store_dep)]
SettingsDep = Annotated[WebSettings, Depends(_settings_dep)]
CtxDep = Annotated[Context, Depends(_context_dep)]
OptText = Annotated[str | None, Form()]


def render(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, name, context, status_code=status)


def back_to(request: Request, route: str, *, next: str | None = None,
            **params: str) -> RedirectResponse:
    """Post/redirect/get: a reload never repeats the POST. The page it leads to shows a
    toast with the change just made (`?done=` its id in the change log) and Undo.
    `next`: a path on this site to go back to instead (the page the form was on)."""
    url = str(request.url_for(route, **params))
    anchor = ""
    if next and next.startswith("/") and not next.startswith("//"):
        url, _, anchor = next.partition("#")
        url = url.split("?")[0]
    last = service.last_change(request_store(request))
    if last is not None and request.method == "POST":
        url += f"?done={last.id}"
    return RedirectResponse(url + (f"#{anchor}" if anchor else ""), status_code=303)
