"""`/calendar/<secret>.ics`: the plan as a calendar feed a calendar app subscribes to.

A GET with no side effect a client can see: it answers 304 when the client's copy (its
ETag, else its date) is current, so polling clients cost one hash. A wrong secret is a 404,
the same as a page that does not exist. The Host check is the app's (TrustedHostMiddleware).
"""

from __future__ import annotations

from email.utils import format_datetime, parsedate_to_datetime

from fastapi import APIRouter, Request
from starlette.responses import Response

from followup import service
from followup.service import Store
from followup.web.settings import WebSettings

router = APIRouter()


def _not_modified(request: Request, etag: str, last_modified_http: str,
                  made: service.PlanCalendar) -> bool:
    """RFC 9110 13.1: If-None-Match wins; If-Modified-Since only without it."""
    match = request.headers.get("if-none-match")
    if match is not None:
        tags = [t.strip().removeprefix("W/") for t in match.split(",")]
        return "*" in tags or etag in tags
    since = request.headers.get("if-modified-since")
    if since:
        try:
            when = parsedate_to_datetime(since)
        except (TypeError, ValueError, IndexError):
            return False
        return when.tzinfo is not None and made.last_modified <= when
    return False


@router.get("/calendar/{token}.ics", include_in_schema=False, name="calendar_feed")
def calendar_feed(request: Request, token: str) -> Response:
    from datetime import UTC, datetime


    store: Store = request.app.state.store
    settings: WebSettings = request.app.state.settings
    if not service.feed_token_ok(store, token):
        return Response("not found\n", status_code=404, media_type="text/plain")
    made = service.plan_calendar(service.context(store, settings.current_day()),
                                 now=datetime.now(UTC))
    headers = {"ETag": made.etag,
               "Last-Modified": format_datetime(made.last_modified, usegmt=True),
               "Cache-Control": "private, no-cache", "Referrer-Policy": "no-referrer"}
    if _not_modified(request, made.etag, headers["Last-Modified"], made):
        return Response(status_code=304, headers=headers)
    return Response(made.data, media_type="text/calendar; charset=utf-8", headers=headers)
