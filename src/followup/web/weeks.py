"""The Calendar page: the next weeks' interviews and steps by day, and the address of the
calendar feed (`/calendar/<secret>.ics`) to subscribe to from a calendar app.

The feed's secret is stored only as a hash, so the page cannot show an address made
earlier: "Make a subscription address" makes a new one (the old one stops working) and
shows it once.
"""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Request
from starlette.responses import Response

from followup import service
from followup.web.deps import SettingsDep, StoreDep, render, request_context

router = APIRouter()
WEEKS = 4


def _page(request: Request, store: service.Store, settings: SettingsDep,
          address: str | None = None) -> Response:
    today = settings.current_day()
    days = service.weeks_ahead(store, today, weeks=WEEKS,
                               policies=request_context(request).policies)
    return render(request, "pages/calendar.html", nav="calendar", days=days, weeks=WEEKS,
                  address=address, feed_made=service.feed_created(store))


@router.get("/calendar", name="calendar_page")
def calendar_page(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    return _page(request, store, settings)


@router.post("/calendar/address", name="calendar_address")
def calendar_address(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    token = service.new_feed_token(store, now=datetime.now(UTC))
    address = str(request.url_for("calendar_feed", token=token))
    response = _page(request, store, settings, address=address)
    response.headers["Cache-Control"] = "no-store"  # the secret stays off disk caches
    return response
