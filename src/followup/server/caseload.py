"""The coach's caseload pages: server-rendered (Jinja2, the desktop app's style and
timeline), HTMX for the "needs attention" filter, CSRF on the notes form.

    GET  /caseload                      every granted student (?attention=1: those needing it)
    GET  /caseload/{account}            one student: opportunities, timelines, notes
    POST /caseload/{account}/notes      a note, private or shared (form, CSRF)

For coaches only: a student, an admin, and a coach without the student's grant get the
same 404, whether or not the account exists. Every page is one request transaction under
the caller's policies (service.centre.request) and every read lands in the student's audit
log (service.caseload).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Form, Request
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool
from starlette.responses import HTMLResponse, RedirectResponse, Response

from followup.core.errors import FollowupError
from followup.service import caseload as service
from followup.service import centre
from followup.web import security

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from followup.server.app import ServerSettings

HERE = Path(__file__).parent
WEB = HERE.parent / "web"

router = APIRouter()


def make_templates() -> Jinja2Templates:
    """The server's pages, and the desktop's partials (the timeline, the CSRF field)."""
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

    from followup.web import views

    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(HERE / "templates"),
                             FileSystemLoader(WEB / "templates")]),
        autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        auto_reload=False)
    views.install_filters(env)
    from followup.core.caseload import REASONS

    env.globals["reason_words"] = REASONS

    def context(request: Request) -> dict[str, Any]:
        return {"csrf_token": security.csrf_token(request), "csrf_field": security.FIELD,
                "csrf_header": security.HEADER}

    return Jinja2Templates(env=env, context_processors=[context])


def install(api: FastAPI, engine: Engine, settings: ServerSettings) -> None:
    """Add the pages to the server (its engine and clock on `api.state`)."""
    import secrets

    from fastapi.staticfiles import StaticFiles

    api.state.caseload_engine = engine
    api.state.caseload_settings = settings
    api.state.caseload_templates = make_templates()
    if not isinstance(getattr(api.state, "csrf_secret", None), bytes):
        api.state.csrf_secret = secrets.token_bytes(32)
    if not any(getattr(r, "name", None) == "static" for r in api.routes):
        api.mount("/static", StaticFiles(directory=WEB / "static"), name="static")
    api.include_router(router)


def _settings(request: Request) -> ServerSettings:
    found: ServerSettings = request.app.state.caseload_settings
    return found


def _token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def _in_request(request: Request, work: Callable[[centre.Caller], Any]) -> Any:
    engine: Engine = request.app.state.caseload_engine
    with centre.request(engine, _token(request), _settings(request).clock()) as caller:
        return work(caller)


def _render(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    templates: Jinja2Templates = request.app.state.caseload_templates
    context.setdefault("today", _settings(request).today())
    response = templates.TemplateResponse(request, name, context, status_code=status)
    token = security.csrf_token(request)  # the browser keeps the token the form repeats
    if request.cookies.get(security.COOKIE) != token:
        response.set_cookie(security.COOKIE, token, httponly=True, samesite="strict", path="/")
    response.headers.update(security.HEADERS)
    return response


def _error(request: Request, e: FollowupError) -> Response:
    status = {centre.Unauthorized: 401, centre.NotVisible: 404}.get(type(e), 400)
    message = "Not found." if status == 404 else str(e).splitlines()[0]
    return _render(request, "caseload/error.html", status=status, status_code=status,
                   message=message)


async def _page(request: Request, work: Callable[[centre.Caller], Any],
                show: Callable[[Any], Response]) -> Response:
    try:
        found = await run_in_threadpool(_in_request, request, work)
    except FollowupError as e:
        return _error(request, e)
    return show(found)


def _account(text: str) -> int:
    return int(text) if text.isdigit() and len(text) <= 12 else -1


@router.get("/caseload", name="caseload", response_class=HTMLResponse)
async def caseload_page(request: Request, attention: str = "") -> Response:
    today = _settings(request).today()
    only = attention in ("1", "on", "true")

    def show(students: list[service.Student]) -> Response:
        name = ("caseload/students.html" if request.headers.get("hx-request")
                else "caseload/caseload.html")
        return _render(request, name, students=students, attention=only, today=today)

    return await _page(request, lambda c: service.caseload_rows(c, today, attention=only),
                       show)


@router.get("/caseload/{account}", name="caseload_student", response_class=HTMLResponse)
async def student_page(request: Request, account: str) -> Response:
    today = _settings(request).today()

    def show(found: service.StudentFile) -> Response:
        return _render(request, "caseload/student.html", student=found, today=today,
                       timelines=_timelines(found, today), error=None, form={})

    return await _page(request, lambda c: service.student_file(c, _account(account), today),
                       show)


def _timelines(found: service.StudentFile, today: date) -> dict[str, Any]:
    from followup.web import timeline

    return {c.case.opportunity.id: timeline.build(c.case, c.plan.actions, today)
            for c in found.cards}


@router.post("/caseload/{account}/notes", name="caseload_note",
             dependencies=[Depends(security.check_csrf)])
async def add_note(request: Request, account: str, body: Annotated[str, Form()] = "",
                   shared: Annotated[str, Form()] = "") -> Response:
    number = _account(account)
    today = _settings(request).today()
    try:
        await run_in_threadpool(_in_request, request, lambda c: service.add_note(
            c, number, body, shared=shared in ("1", "on", "true")))
    except (centre.Unauthorized, centre.NotVisible) as e:
        return _error(request, e)
    except FollowupError as e:  # the page again, the text kept, the error beside the form
        message = str(e).splitlines()[0]

        def again(found: service.StudentFile) -> Response:
            return _render(request, "caseload/student.html", status=400, student=found,
                           today=today, timelines=_timelines(found, today), error=message,
                           form={"body": body, "shared": bool(shared)})

        return await _page(request, lambda c: service.student_file(c, number, today), again)
    url = request.url_for("caseload_student", account=str(number))
    return RedirectResponse(f"{url.path}#notes", status_code=303)
