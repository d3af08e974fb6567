"""The `/api/v1` routes: JSON in, JSON out, one transaction per request (service.centre).

Errors are one JSON line, `{"error": "..."}`: 400 for a bad body or case file (the field
path named), 401 without a valid token, 404 for what the caller may not see, 429 after too
many failed sign-ins. Route bodies run in the thread pool: the database calls block.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.middleware.trustedhost import TrustedHostMiddleware

from followup.core.errors import FollowupError
from followup.service import caseload as caseload_service
from followup.service import centre
from followup.service.oidc import Provider

MAX_BODY = 2_000_000  # bytes: a case file of a few hundred opportunities fits
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")



@dataclass
class ServerSettings:
    db: str
    host: str = "127.0.0.1"
    clock: Callable[[], datetime] = field(default=datetime.now)
    today: Callable[[], date] = field(default=date.today)
    oidc: Provider | None = None  # sign-in by OpenID Connect (server/oidc.py), when set
    oidc_redirect: str | None = None  # the callback URL registered with the provider
    hosts: tuple[str, ...] = ()  # the names the pages answer to besides loopback's
    secret: bytes | None = None  # signs sessions; None: FOLLOWUP_SECRET_KEY or a 0600 file
    # the students' mailbox passwords, encrypted (mailbox/vault.py): the key files, current
    # first (none: FOLLOWUP_MAILBOX_KEY_FILE or `mailbox-key` in the config folder)
    mailbox_keys: tuple[str, ...] = ()
    mailbox_loopback: bool = False  # a mailbox on this machine (tests, a demo): else refused


class BadRequest(FollowupError):
    """A body that is not the JSON the call takes (400)."""


_STATUS: tuple[tuple[type[FollowupError], int], ...] = (
    (centre.Unauthorized, 401), (centre.NotVisible, 404), (centre.TooManyFailures, 429),
    (centre.MustChangePassword, 403))


def _error(e: FollowupError) -> JSONResponse:
    status = next((code for kind, code in _STATUS if isinstance(e, kind)), 400)
    headers = {"www-authenticate": "Bearer"} if status == 401 else None
    return JSONResponse({"error": str(e).splitlines()[0] if str(e) else type(e).__name__},
                        status_code=status, headers=headers)


async def _body(request: Request) -> bytes:
    data = b""
    async for chunk in request.stream():
        data += chunk
        if len(data) > MAX_BODY:
            raise BadRequest(f"body: larger than {MAX_BODY} bytes")
    return data


async def _json(request: Request) -> Any:
    """The body as JSON, or a one-line 400: not JSON, bad UTF-8, or nested so deep that the
    parser runs out of stack ("[" * 100000 raises RecursionError, not ValueError)."""
    try:
        return json.loads(await _body(request))
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise BadRequest("body: not JSON") from None


async def _json_object(request: Request, keys: tuple[str, ...]) -> dict[str, str]:
    value = await _json(request)
    if not isinstance(value, dict):
        raise BadRequest("body: a JSON object is expected")
    for key in keys:
        if not isinstance(value.get(key), str) or not value[key]:
            raise BadRequest(f"{key}: a string is required")
    return {k: value[k] for k in keys}


def _token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def create_server(settings: ServerSettings) -> FastAPI:
    engine = centre.centre_engine(settings.db)
    api = FastAPI(title="followup server", docs_url=None, redoc_url=None, openapi_url=None)
    if settings.host in LOOPBACK:  # DNS rebinding: a foreign Host is refused
        api.add_middleware(TrustedHostMiddleware,
                           allowed_hosts=["127.0.0.1", "localhost", "[::1]", "testserver"])

    @api.exception_handler(FollowupError)
    async def _on_error(_request: Request, e: FollowupError) -> JSONResponse:
        return _error(e)

    def in_request(request: Request, work: Callable[[centre.Caller], Any]) -> Any:
        with centre.request(engine, _token(request), settings.clock()) as caller:
            return work(caller)

    async def call(request: Request, work: Callable[[centre.Caller], Any]) -> Any:
        return await run_in_threadpool(in_request, request, work)

    @api.post("/api/v1/token")
    async def token(request: Request) -> JSONResponse:
        body = await _json_object(request, ("email", "password"))
        client = request.client.host if request.client else "unknown"
        done = await run_in_threadpool(centre.sign_in, engine, body["email"], body["password"],
                                       client, settings.clock())
        return JSONResponse({"token": done.token, "account": done.account, "role": done.role})

    @api.delete("/api/v1/token")
    async def sign_out(request: Request) -> Response:
        await run_in_threadpool(centre.sign_out, engine, _token(request) or "",
                                settings.clock())
        return Response(status_code=204)

    @api.post("/api/v1/cases")
    async def cases(request: Request) -> JSONResponse:
        data = await _body(request)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise BadRequest("body: not UTF-8") from None
        ids = await call(request, lambda c: caseload_service.import_case(c, text))
        return JSONResponse({"imported": ids}, status_code=201)

    @api.get("/api/v1/opportunities")
    async def opportunities(request: Request) -> JSONResponse:
        found = await call(request, lambda c: centre.own_opportunities(c, settings.today()))
        return JSONResponse({"opportunities": found})

    @api.post("/api/v1/grants")
    async def grant(request: Request) -> JSONResponse:
        body = await _json_object(request, ("coach",))
        await call(request, lambda c: centre.grant_coach(c, body["coach"]))
        return JSONResponse({"coach": body["coach"].strip().lower()}, status_code=201)

    @api.delete("/api/v1/grants/{coach_email}")
    async def revoke(request: Request, coach_email: str) -> Response:
        await call(request, lambda c: centre.end_grant(c, coach_email))
        return Response(status_code=204)

    @api.get("/api/v1/caseload")
    async def caseload(request: Request) -> JSONResponse:
        found = await call(request, lambda c: caseload_service.caseload(c, settings.today()))
        return JSONResponse({"students": found})

    @api.get("/api/v1/students/{account}/opportunities")
    async def student(request: Request, account: str) -> JSONResponse:
        number = int(account) if account.isdigit() and len(account) <= 12 else -1
        found = await call(request, lambda c: centre.student_opportunities(
            c, number, settings.today()))
        return JSONResponse({"opportunities": found})

    @api.get("/api/v1/export")
    async def export(request: Request) -> JSONResponse:
        from followup.server.pages import EXPORT_HEADERS

        bundle = await call(request, centre.export_account)
        return JSONResponse(bundle, headers=EXPORT_HEADERS)

    @api.put("/api/v1/digest")
    async def digest(request: Request) -> JSONResponse:
        from followup.service.nightly import set_digest

        value = await _json(request)
        if isinstance(value, dict) and (extra := sorted(set(value) - {"on"})):
            from followup.core.limits import show

            # {"on": true, "of": false} is a typo, not a setting: refused, nothing written
            raise BadRequest(f"{show(extra[0])[:40]}: not a field here (only \"on\")")
        if not isinstance(value, dict) or not isinstance(value.get("on"), bool):
            raise BadRequest('on: true or false is required ({"on": true})')
        on = await call(request, lambda c: set_digest(c, value["on"]))
        return JSONResponse({"on": on})

    @api.get("/api/v1/audit")
    async def audit(request: Request) -> JSONResponse:
        return JSONResponse({"events": await call(request, centre.audit_log)})

    # -- coach notes (docs/centre.md; CONTRACT.md does not define them) --------------

    @api.get("/api/v1/students/{account}/notes")
    async def notes(request: Request, account: str) -> JSONResponse:
        from followup.service import caseload

        found = await call(request, lambda c: caseload.notes_for(c, _number(account)))
        return JSONResponse({"notes": [_note(n) for n in found]})

    @api.post("/api/v1/students/{account}/notes")
    async def add_note(request: Request, account: str) -> JSONResponse:
        from followup.service import caseload

        try:
            body = json.loads(await _body(request))
        except (ValueError, UnicodeDecodeError):
            raise BadRequest("body: not JSON") from None
        if not isinstance(body, dict) or not isinstance(body.get("body"), str):
            raise BadRequest("body: a JSON object with the note's text in \"body\"")
        shared = body.get("shared", False)
        if not isinstance(shared, bool):
            raise BadRequest("shared: true or false")
        made = await call(request, lambda c: caseload.add_note(
            c, _number(account), body["body"], shared=shared))
        return JSONResponse({"id": made, "shared": shared}, status_code=201)

    @api.get("/api/v1/notes")
    async def my_notes(request: Request) -> JSONResponse:
        from followup.service import caseload

        found = await call(request, caseload.my_notes)
        return JSONResponse({"notes": [_note(n) for n in found]})

    vault = _mailbox_api(api, settings, call)
    pages = _pages(settings, engine)
    pages.state.mailbox_vault, pages.state.centre_db = vault, settings.db
    pages.state.mailbox_loopback = settings.mailbox_loopback
    api.mount("/", pages)  # after every /api/v1 route: those match first
    return api


MAILBOX_FIELDS = ("host", "port", "security", "user", "password")


def mailbox_fields(value: Any) -> dict[str, Any]:
    """PUT /api/v1/mailbox's body, each field's type checked (the values: service.mailjob);
    an unknown field is refused, not ignored (a typo is not a setting)."""
    from followup.core.limits import show

    if not isinstance(value, dict):
        raise BadRequest("body: a JSON object is expected")
    if extra := sorted(set(value) - set(MAILBOX_FIELDS)):
        raise BadRequest(f"{show(extra[0])[:40]}: not a field here "
                         f"(only {', '.join(MAILBOX_FIELDS)})")
    for key in ("host", "security", "user"):
        if not isinstance(value.get(key), str):
            raise BadRequest(f"{key}: a string is required")
    port = value.get("port")
    if not isinstance(port, int) or isinstance(port, bool):
        raise BadRequest("port: a whole number is required (993 for tls, 143 for starttls)")
    password = value.get("password")
    if password is not None and not isinstance(password, str):
        raise BadRequest("password: a string, or left out to keep the stored one")
    return {"host": value["host"], "port": port, "security": value["security"],
            "user": value["user"], "password": password or None}


def _mailbox_api(api: FastAPI, settings: ServerSettings, call: Any) -> Any:
    """A student's mailbox on the centre (service.mailjob; CONTRACT.md names no such call:
    the shapes follow the digest's)."""
    from followup.server.mailbox import queue_sync
    from followup.service import mailjob

    vault = mailjob.centre_vault(settings.mailbox_keys)
    api.state.mailbox_vault = vault

    @api.get("/api/v1/mailbox")
    async def mailbox(request: Request) -> JSONResponse:
        view = await call(request, mailjob.mailbox_view)
        return JSONResponse({"mailbox": None if view is None else view.to_dict()})

    @api.put("/api/v1/mailbox")
    async def set_mailbox(request: Request) -> JSONResponse:
        fields = mailbox_fields(await _json(request))
        view = await call(request, lambda c: mailjob.set_mailbox(
            c, vault, loopback_ok=settings.mailbox_loopback, **fields))
        return JSONResponse({"mailbox": view.to_dict()})

    @api.delete("/api/v1/mailbox")
    async def remove_mailbox(request: Request) -> Response:
        await call(request, mailjob.remove_mailbox)
        return Response(status_code=204)

    @api.post("/api/v1/mailbox/sync")
    async def sync_now(request: Request) -> JSONResponse:
        who = await call(request, lambda c: mailjob.sync_wanted(c) and c.user.account_id)
        queued = await run_in_threadpool(queue_sync, settings.db, who)
        return JSONResponse({"queued": queued}, status_code=202)

    return vault


def _number(account: str) -> int:
    return int(account) if account.isdigit() and len(account) <= 12 else -1


def _note(n: Any) -> dict[str, Any]:
    from followup.core.caseio import format_datetime

    return {"id": n.id, "author": n.author, "shared": n.shared, "body": n.body,
            "at": format_datetime(n.at)}


def _pages(settings: ServerSettings, engine: Any) -> FastAPI:
    from followup.config.settings import config_dir
    from followup.server.pages import create_pages
    from followup.server.session import SessionConfig, load_server_secret

    secret = settings.secret or load_server_secret(config_dir())
    session = SessionConfig(engine, secret, secure=settings.host not in LOOPBACK,
                            clock=settings.clock)
    pages = create_pages(session, host=settings.host, hosts=list(settings.hosts),
                         clock=settings.clock, day=settings.today)
    if settings.oidc is not None:  # "Sign in with NAME" beside the password form
        from followup.server.oidc import oidc_routes
        from followup.server.session import start_session
        from followup.service.oidc import OidcClient

        pages.include_router(oidc_routes(
            engine, OidcClient(settings.oidc), settings.clock,
            secure=settings.host not in LOOPBACK, start_session=start_session,
            redirect_uri=settings.oidc_redirect))
        pages.state.oidc_name = settings.oidc.name
    return pages
