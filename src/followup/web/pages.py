"""Pages beyond the daily loop: Undo (the change log's toast button) and the profile and
settings page. Thin, like routes.py: parse the form, call `followup.service`, render."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from followup import service
from followup.core.errors import FollowupError, UsageError
from followup.web.deps import StoreDep, render

router = APIRouter()


def _local(path: str) -> str:
    """Only a path on this site (an open redirect is a phishing tool)."""
    return path if path.startswith("/") and not path.startswith("//") else "/"


@router.post("/undo", name="undo")
def undo(request: Request, store: StoreDep, change: Annotated[str, Form()] = "",
         next: Annotated[str, Form()] = "/") -> Response:
    """Undo the change a toast names, only if it is still the latest one."""
    if not change.isdigit():
        raise UsageError("undo: which change? (the toast's Undo button says)")
    done = service.undo(store, int(change))
    target = _local(next)
    sep = "&" if "?" in target else "?"
    return RedirectResponse(f"{target}{sep}done={done.id}", status_code=303)


PROFILE_FIELDS = (
    ("name", "Your name", "Signs every draft.", "name"),
    ("email", "Your email", "The From of a downloaded .eml; in the signature.", "email"),
    ("phone", "Your phone", "In the signature, and read out in a voicemail.", "tel"),
    ("country", "Country", "ISO code (US, GB, DE ...): its public holidays are not business "
     "days.", "country"),
    ("timezone", "Time zone", "IANA name (Europe/London ...): invitations are converted into it.",
     "off"),
)


# The policy numbers in words, each with its unit; the table puts the three persistences
# side by side (config keys stay out of sight: `followup config` shows them).
POLICY_WORDS: dict[str, tuple[str, str]] = {
    "thank_you_due_hours": ("Thank-you note due", "hours after the interview"),
    "thank_you_latest_hours": ("Thank-you note at the latest", "hours after the interview"),
    "grace_business_days": ("Check in after a promised date", "business days after it"),
    "no_date_days": ("Check in when no date was promised", "days after the interview"),
    "weekly_cap_days": ("Time between two follow-ups", "days at least"),
    "unanswered_before_move_on": ("Unanswered follow-ups before moving on",
                                  "the final one included"),
    "days_after_final": ("Move on after the final message", "days after it"),
    "application_due_days": ("Follow up on an application", "days after applying"),
    "application_latest_days": ("Follow up on an application at the latest",
                                "days after applying"),
}


def _policy_rows(form: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """One row a policy number, with a cell per persistence: its key, value (what was typed,
    after a refused save) and whether it differs from the default."""
    from followup.config.settings import load_config
    from followup.core.model import Persistence
    from followup.core.policy import FIELDS

    config = load_config()
    rows = []
    for name in FIELDS:
        label, unit = POLICY_WORDS.get(name, (name.replace("_", " "), ""))
        cells = []
        for level in Persistence:
            key = f"policy.{level.value}.{name}"
            entry = config.entry(key)
            value = form[key] if form is not None and key in form else entry.value
            cells.append({"key": key, "level": level.value, "value": value,
                          "id": key.replace(".", "-"), "changed": entry.source != "default"})
        rows.append({"name": name, "label": label, "unit": unit, "cells": cells})
    return rows


@router.get("/settings", name="settings")
def settings_page(request: Request, store: StoreDep) -> Response:
    return _settings(request, store)


def _settings(request: Request, store: Any, *, status: int = 200, errors: dict[str, str] | None
              = None, form: dict[str, str] | None = None, saved: str = "",
              policy_form: dict[str, str] | None = None) -> Response:
    from followup.core.model import Persistence

    candidate = store.get_candidate()
    values = form or {k: getattr(candidate, k) or "" for k, *_ in PROFILE_FIELDS}
    signature = "\n".join(x for x in (values.get("name"), values.get("phone"),
                                      values.get("email")) if x)
    return render(request, "pages/settings.html", status=status, nav="settings",
                  fields=PROFILE_FIELDS, values=values, errors=errors or {},
                  signature=signature, policies=_policy_rows(policy_form), saved=saved,
                  levels=[p.value for p in Persistence])


@router.post("/settings", name="settings_save")
async def settings_save(request: Request, store: StoreDep) -> Response:
    """The profile and the policy numbers, one form and one Save: each field checked on
    its own, errors shown beside it; nothing is written while any is wrong."""
    from starlette.concurrency import run_in_threadpool

    from followup.config import settings as config

    form = await request.form()
    values = {k: str(form.get(k, "")).strip() for k, *_ in PROFILE_FIELDS}
    errors = service.profile_problems(values)  # the checks of `followup profile`
    typed = {k: str(v).strip() for k, v in form.multi_items()
             if k.startswith("policy.") and k in config.SETTINGS}
    current = config.load_config()
    policy_changes: dict[str, str | None] = {
        k: (v or None) for k, v in typed.items()
        if v != str(current.entry(k).value) or (not v and current.entry(k).source != "default")}
    if not errors and policy_changes:
        errors = await run_in_threadpool(config.set_values, policy_changes)
    if errors:
        return await run_in_threadpool(_settings, request, store, status=400, errors=errors,
                                       form=values, policy_form=typed)
    await run_in_threadpool(lambda: service.update_profile(store, **values))
    from followup.web.deps import back_to

    return back_to(request, "settings")


@router.post("/settings/policy", name="policy_save")
def policy_save(request: Request, store: StoreDep, key: Annotated[str, Form()] = "",
                value: Annotated[str, Form()] = "") -> Response:
    """One policy number, written to config.toml as `followup config set` does."""
    from followup.config import settings as config

    if not key.startswith("policy.") or key not in config.SETTINGS:
        raise UsageError(f"setting {key!r}: not a policy")
    try:
        if value.strip():
            config.set_value(key, value.strip())
        else:
            config.unset_value(key)
    except FollowupError as e:
        return _settings(request, store, status=400, errors={key: str(e)})
    return _settings(request, store, saved=key)
