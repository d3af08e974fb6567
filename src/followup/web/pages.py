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


def _policy_rows() -> list[dict[str, Any]]:
    from followup.config.settings import SETTINGS, load_config

    config = load_config()
    rows = []
    for key, setting in SETTINGS.items():
        if key.startswith("policy."):
            entry = config.entry(key)
            rows.append({"key": key, "help": setting.help, "value": entry.value,
                         "source": entry.source, "id": key.replace(".", "-")})
    return rows


@router.get("/settings", name="settings")
def settings_page(request: Request, store: StoreDep) -> Response:
    return _settings(request, store)


def _settings(request: Request, store: Any, *, status: int = 200, errors: dict[str, str] | None
              = None, form: dict[str, str] | None = None, saved: str = "") -> Response:
    candidate = store.get_candidate()
    values = form or {k: getattr(candidate, k) or "" for k, *_ in PROFILE_FIELDS}
    signature = "\n".join(x for x in (values.get("name"), values.get("phone"),
                                      values.get("email")) if x)
    return render(request, "pages/settings.html", status=status, nav="settings",
                  fields=PROFILE_FIELDS, values=values, errors=errors or {},
                  signature=signature, policies=_policy_rows(), saved=saved)


@router.post("/settings", name="settings_save")
async def settings_save(request: Request, store: StoreDep) -> Response:
    """The profile: each field checked on its own, errors shown beside it."""
    from starlette.concurrency import run_in_threadpool

    form = await request.form()
    values = {k: str(form.get(k, "")).strip() for k, *_ in PROFILE_FIELDS}
    errors = service.profile_problems(values)  # each beside its field; the same checks
    if errors:                                 # as `followup profile` (update_profile)
        return await run_in_threadpool(_settings, request, store, status=400, errors=errors,
                                       form=values)
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
