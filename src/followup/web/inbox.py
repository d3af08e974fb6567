"""The Inbox page: the mailbox's setup and its Sync now button, then what the sync is unsure
of, with accept / pick / ignore forms.

Thin like the other pages: the forms post (CSRF-checked by the app-wide dependency) to
`service.inbox` (the same `setup` and `sync_now` as `followup mail setup|sync`), then
redirect back (post/redirect/get). The sync runs in the thread pool (a `def` route, never on
the event loop), one at a time, within `SYNC_BUDGET` seconds: what it read by then is saved
and the next sync goes on from there. A password typed in goes to the OS keyring, never to
the config file, the database, the address or a log line.
"""

from __future__ import annotations

import threading
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from starlette.responses import RedirectResponse, Response

from followup.core.errors import FollowupError, UsageError
from followup.web.deps import OptText, SettingsDep, StoreDep, back_to, render

router = APIRouter()

SYNC_BUDGET = 20.0  # seconds a Sync now may take before it stops at a batch's end
# seconds the setup form's login try waits on each step (connect, greeting, TLS, login):
# a server that takes the connection and never answers gets a 400 in about this long
SETUP_TIMEOUT = 8.0
SYNC_BATCH = 50  # messages a transaction from the web: the budget is checked this often
SHOWN = 30  # mail log lines shown after a sync
SAVED = {  # ?mail= after the setup form: what the page says
    "checked": "Mailbox saved. Login checked: it works.",
    "untried": "Mailbox saved. No password at hand: type it in below (it is kept in the "
               "keyring), or set FOLLOWUP_IMAP_PASSWORD before starting followup web.",
}


def _lock(request: Request) -> threading.Lock:
    lock: threading.Lock = request.app.state.mail_lock
    return lock


@router.get("/inbox", name="inbox")
def inbox_page(request: Request, store: StoreDep,
               mail: Annotated[str, Query(max_length=20)] = "",
               read: Annotated[str, Query(max_length=9)] = "",
               unfinished: Annotated[str, Query(max_length=1)] = "") -> Response:
    """`?read=N&logged=N...`: the counts of the sync just run (a hand-edited address shows
    what it says, never an error: they are only words on the page)."""
    from followup.service import inbox

    counts = {k: request.query_params.get(k, "")[:9] for k, _ in inbox.OUTCOME_WORDS}
    synced = None
    if read.isdigit():
        synced = {"read": int(read), "unfinished": bool(unfinished),
                  "summary": inbox.sync_summary(int(read), {
                      k: int(v) for k, v in counts.items() if v.isdigit()})}
    return _page(request, store, saved=SAVED.get(mail), synced=synced)


def _page(request: Request, store: Any, *, status: int = 200, error: str | None = None,
          form: dict[str, str] | None = None, saved: str | None = None,
          synced: dict[str, Any] | None = None, failed: str = "") -> Response:
    from followup.service import inbox

    items = inbox.waiting(store)
    slugs = sorted(c.opportunity.id for c in store.load_cases())
    local = request.app.state.settings.local_mailbox  # False on the centre: no local config
    setup = inbox.current_setup() if local else None
    if form is None:
        form = {"host": setup.host, "port": str(setup.port), "user": setup.user,
                "security": setup.security, "auth": setup.auth, "cafile": setup.cafile} \
            if setup else {"host": "", "port": "993", "user": "", "security": "tls",
                           "auth": "password", "cafile": ""}
    log = inbox.mail_log(store, min(SHOWN, synced["read"])) \
        if synced and synced["read"] else []
    return render(request, "pages/inbox.html", status=status, nav="inbox", items=items,
                  slugs=slugs, setup=setup, form=form, error=error, saved=saved,
                  synced=synced, log=log, failed=failed, local_mailbox=local)


@router.post("/inbox/mailbox", name="mail_setup")
def mail_setup(request: Request, store: StoreDep, host: Annotated[str, Form()] = "",
               port: Annotated[str, Form()] = "", user: Annotated[str, Form()] = "",
               security: Annotated[str, Form()] = "tls",
               auth: Annotated[str, Form()] = "password", cafile: OptText = None,
               password: OptText = None) -> Response:
    """`followup mail setup` from a form: the same checks and login try (service.inbox.setup);
    the password, when typed, is kept in the keyring. Refused: the form again, as typed
    (but the password), with the error beside its field; nothing saved."""
    from followup.core.limits import number_problem, show
    from followup.service import inbox

    form = {"host": host, "port": port, "user": user, "security": security, "auth": auth,
            "cafile": cafile or ""}
    try:
        number = port.strip()
        if number_problem(number):  # "²" and 5,000 digits pass isdigit(); the range: below
            raise UsageError(f"--port: {show(number)} is not a TCP port (1-65535)")
        if security == "none" and not inbox.is_loopback(host):
            # The CLI warns; a page can't, so it refuses: a password in clear over a network.
            raise UsageError(f"--security: none would send the password to {host.strip()[:80]}"
                             " unencrypted; use tls or starttls (none is for a server on "
                             "this machine)")
        tried = inbox.setup(host, int(number), user, security, auth=auth,
                            cafile=(cafile or "").strip() or None, password=password or None,
                            timeout=SETUP_TIMEOUT)
    except FollowupError as e:
        return _page(request, store, status=400, error=str(e), form=form, failed="setup")
    return RedirectResponse(f"{request.url_for('inbox').path}?mail="
                            f"{'checked' if tried else 'untried'}#mailbox", status_code=303)


@router.post("/inbox/sync", name="mail_sync")
def mail_sync(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    """`followup mail sync` once (service.inbox.sync_now), within SYNC_BUDGET; the page then
    shows its counts and the mail log lines it wrote. A second click while one runs: 409."""
    from followup.service import inbox

    lock = _lock(request)
    if not lock.acquire(blocking=False):
        return _page(request, store, status=409,
                     error="a sync is already running: the page shows it when it is done")
    try:
        report = inbox.sync_now(store, settings.current_day(), budget=SYNC_BUDGET,
                                batch=SYNC_BATCH)
    except FollowupError as e:
        return _page(request, store, status=400, error=str(e))
    finally:
        lock.release()
    query = {"read": str(sum(report.folders.values())),
             **{k: str(report.counts.get(k, 0)) for k, _ in inbox.OUTCOME_WORDS}}
    if report.unfinished:
        query["unfinished"] = "1"
    return RedirectResponse(f"{request.url_for('inbox').path}?{urlencode(query)}#synced",
                            status_code=303)


@router.post("/inbox/{number}/accept", name="inbox_accept")
def inbox_accept(request: Request, store: StoreDep, number: int,
                 opportunity: Annotated[str, Form()] = "") -> Response:
    from followup.service import inbox

    inbox.accept(store, number, opportunity.strip() or None)
    return back_to(request, "inbox")


@router.post("/inbox/{number}/ignore", name="inbox_ignore")
def inbox_ignore(request: Request, store: StoreDep, number: int) -> Response:
    from followup.service import inbox

    inbox.ignore(store, number)
    return back_to(request, "inbox")
