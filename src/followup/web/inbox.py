"""The Inbox page: what the mailbox sync is unsure of, with accept / pick / ignore forms.

Thin like the other pages: the forms post (CSRF-checked by the app-wide dependency) to
`service.inbox`, then redirect back (post/redirect/get).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import Response

from followup.web.deps import StoreDep, back_to, render

router = APIRouter()


@router.get("/inbox", name="inbox")
def inbox_page(request: Request, store: StoreDep) -> Response:
    from followup.service import inbox

    items = inbox.waiting(store)
    slugs = sorted(c.opportunity.id for c in store.load_cases())
    return render(request, "pages/inbox.html", nav="inbox", items=items, slugs=slugs)


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
