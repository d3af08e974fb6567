"""The coach's caseload pages on the centre server (issue 27), beside the web app's pages
in the same signed-in app (`server/pages.py`): its templates, CSRF, Host checks and
security headers; HTMX for the "needs attention" filter.

    GET  /caseload                      the granted students by need, PAGE_SIZE a page
                                        (?attention=1: those needing it; ?page=N)
    GET  /caseload/{account}            one student: opportunities, timelines, notes
    POST /caseload/{account}/notes      a note, private or shared (form, CSRF)

For coaches only: a student, an admin, and a coach without the student's grant get the
same 404, whether or not the account exists. Each page is its request's transaction under
the caller's policies (`session.page_request`), and every read lands in the student's
audit log (service.caseload).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from starlette.responses import RedirectResponse, Response

from followup.core.caseload import REASONS
from followup.core.errors import FollowupError
from followup.server.session import page_request
from followup.service import caseload as service
from followup.service import centre

router = APIRouter()
CallerDep = Annotated[centre.Caller, Depends(page_request, scope="function")]
NOT_FOUND = "not found"  # one answer for all: nothing says whether the account exists


def _today(request: Request) -> date:
    from followup.web.deps import request_settings

    return request_settings(request).current_day()


def _account(text: str) -> int:
    return int(text) if text.isdigit() and len(text) <= 12 else -1


def _render(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    from followup.web.deps import render

    return render(request, name, status=status, reason_words=REASONS, **context)


@router.get("/caseload", name="caseload")
def caseload_page(request: Request, caller: CallerDep, attention: str = "",
                  page: str = "") -> Response:
    only = attention in ("1", "on", "true")
    try:
        number = service.page_number(page)
        found = service.caseload_page(caller, _today(request), attention=only, page=number)
    except centre.NotVisible:
        raise HTTPException(status_code=404, detail=NOT_FOUND) from None
    except FollowupError as e:  # a bad ?page=: one line, 400
        raise HTTPException(status_code=400, detail=str(e).splitlines()[0]) from None
    name = ("partials/caseload_students.html" if request.headers.get("hx-request")
            else "pages/caseload.html")
    return _render(request, name, found=found, students=found.students, attention=only)


def _student_page(request: Request, caller: centre.Caller, account: int, *,
                  status: int = 200, error: str | None = None,
                  form: dict[str, Any] | None = None) -> Response:
    from followup.web import timeline

    today = _today(request)
    try:
        found = service.student_file(caller, account, today)
    except centre.NotVisible:
        raise HTTPException(status_code=404, detail=NOT_FOUND) from None
    timelines = {c.case.opportunity.id: timeline.build(c.case, c.plan.actions, today)
                 for c in found.cards}
    return _render(request, "pages/caseload_student.html", status=status, student=found,
                   timelines=timelines, error=error, form=form or {})


@router.get("/caseload/{account}", name="caseload_student")
def student_page(request: Request, caller: CallerDep, account: str) -> Response:
    return _student_page(request, caller, _account(account))


@router.post("/caseload/{account}/notes", name="caseload_note")
def add_note(request: Request, caller: CallerDep, account: str,
             body: Annotated[str, Form(max_length=20_000)] = "",
             shared: Annotated[str, Form(max_length=10)] = "") -> Response:
    number = _account(account)
    try:
        service.add_note(caller, number, body, shared=shared in ("1", "on", "true"))
    except centre.NotVisible:
        raise HTTPException(status_code=404, detail=NOT_FOUND) from None
    except FollowupError as e:  # the page again, what was typed kept, the error beside it
        return _student_page(request, caller, number, status=400,
                             error=str(e).splitlines()[0],
                             form={"body": body, "shared": bool(shared)})
    url = request.url_for("caseload_student", account=str(number))
    return RedirectResponse(f"{url.path}#notes", status_code=303)
