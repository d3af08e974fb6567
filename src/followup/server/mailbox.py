"""A student's mailbox on the centre's pages (issue 27), beside the web app's pages in the
same signed-in app (`server/pages.py`): its templates, CSRF, Host checks and security
headers. Every action is service.mailjob's, as the API's (`/api/v1/mailbox`).

    GET  /mailbox           the settings (never the password), how the last sync went
    POST /mailbox           save them (form, CSRF); the password kept encrypted
    POST /mailbox/remove    forget the mailbox and its password
    POST /mailbox/sync      Sync now: one job on the centre's queue, run by a worker
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from starlette.responses import RedirectResponse, Response

from followup.core.errors import FollowupError
from followup.server.session import page_request
from followup.service import centre, mailjob

router = APIRouter()
CallerDep = Annotated[centre.Caller, Depends(page_request, scope="function")]
SAID = {"saved": "Saved: the worker syncs it tonight, or now with Sync now.",
        "removed": "Removed: the mailbox and its password are gone; what was logged stays.",
        "queued": "Queued: a worker syncs your mailbox in a moment; reload to see how it went.",
        "waiting": "A sync is waiting already: a worker runs it in a moment."}


def queue_sync(db: str, account: int) -> bool:
    """Sync now: one job on the centre's queue (jobs.queue.defer_sync), for the page and
    the API alike."""
    from followup.jobs.queue import defer_sync, make_app

    app = make_app(db)
    with app.open():
        return defer_sync(app, account)


def _page(request: Request, caller: centre.Caller, *, status: int = 200,
          error: str | None = None, form: dict[str, Any] | None = None) -> Response:
    from followup.web.deps import render

    view = mailjob.mailbox_view(caller)
    shown = form or {"host": "", "port": "", "security": "tls", "user": ""}
    if form is None and view is not None:
        shown = {"host": view.host, "port": view.port, "security": view.security,
                 "user": view.user}
    said = SAID.get(request.query_params.get("done", ""), "")
    return render(request, "pages/centre_mailbox.html", status=status, code=status,
                  mailbox=view, error=error, form=shown, said=said,
                  student=caller.user.role == "student")


@router.get("/mailbox", name="centre_mailbox")
def mailbox_page(request: Request, caller: CallerDep) -> Response:
    return _page(request, caller)


def _done(request: Request, what: str) -> Response:
    return RedirectResponse(f"{request.url_for('centre_mailbox').path}?done={what}",
                            status_code=303)


@router.post("/mailbox", name="centre_mailbox_save")
def mailbox_save(request: Request, caller: CallerDep,
                 host: Annotated[str, Form(max_length=300)] = "",
                 port: Annotated[str, Form(max_length=12)] = "",
                 security: Annotated[str, Form(max_length=20)] = "tls",
                 user: Annotated[str, Form(max_length=400)] = "",
                 password: Annotated[str, Form(max_length=2000)] = "") -> Response:
    form = {"host": host, "port": port, "security": security, "user": user}
    state = request.app.state
    try:
        if not port.strip().isdigit():
            raise FollowupError(f"port: {port.strip()[:12]!r} is not a TCP port (1-65535)")
        mailjob.set_mailbox(caller, state.mailbox_vault, host=host, port=int(port),
                            security=security, user=user, password=password or None,
                            loopback_ok=state.mailbox_loopback)
    except FollowupError as e:  # the form again, what was typed kept (never the password)
        return _page(request, caller, status=400, error=str(e).splitlines()[0], form=form)
    return _done(request, "saved")


@router.post("/mailbox/remove", name="centre_mailbox_remove")
def mailbox_remove(request: Request, caller: CallerDep) -> Response:
    mailjob.remove_mailbox(caller)
    return _done(request, "removed")


@router.post("/mailbox/sync", name="centre_mailbox_sync")
def mailbox_sync(request: Request, caller: CallerDep) -> Response:
    try:
        mailjob.sync_wanted(caller)
    except FollowupError as e:
        return _page(request, caller, status=400, error=str(e).splitlines()[0])
    queued = queue_sync(request.app.state.centre_db, caller.user.account_id)
    return _done(request, "queued" if queued else "waiting")
