"""The pages and the HTMX endpoints. Thin: parse the form, call `followup.service`, render.

Every state change is a POST (checked for its CSRF token by the app-wide dependency) that
answers with a redirect (post/redirect/get), or a partial when HTMX asked for one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.templating import Jinja2Templates
from starlette.responses import RedirectResponse, Response

from followup import service
from followup.errors import FollowupError, UsageError
from followup.kinds import DRAFTABLE_ACTIONS
from followup.model import Channel, Persistence, PromiseChannel, Status, TouchKind
from followup.service import Store
from followup.web.app import WebSettings

router = APIRouter()


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _settings(request: Request) -> WebSettings:
    settings: WebSettings = request.app.state.settings
    return settings


StoreDep = Annotated[Store, Depends(_store)]
SettingsDep = Annotated[WebSettings, Depends(_settings)]
OptText = Annotated[str | None, Form()]


def render(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, name, context, status_code=status)


def back_to(request: Request, route: str, **params: str) -> RedirectResponse:
    """Post/redirect/get: a reload never repeats the POST."""
    return RedirectResponse(str(request.url_for(route, **params)), status_code=303)


def _blank(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def _enum(kind: Any, value: str | None, option: str) -> Any:
    if not _blank(value):
        return None
    try:
        return kind(value)
    except ValueError:
        known = ", ".join(m.value for m in kind)
        raise UsageError(f"{option}: {value!r} is not one of {known}") from None


def _day(value: str | None, option: str, base: date | None = None) -> date | None:
    from followup.when import parse_day

    text = _blank(value)
    return parse_day(text, option, base) if text else None


def _form(**values: object) -> defaultdict[str, object]:
    """What the user typed, for a form shown again; a field not given reads as empty."""
    return defaultdict(str, values)


def _lines(value: str | None) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


# -- opportunities ---------------------------------------------------------------------


@router.get("/opportunities/new", name="opportunity_new")
def opportunity_new(request: Request) -> Response:
    return render(request, "pages/opportunity_new.html", nav="new", form=_form(),
                  error=None)


@router.post("/opportunities", name="opportunity_create")
def opportunity_create(
    request: Request, store: StoreDep,
    company: Annotated[str, Form()] = "", role: Annotated[str, Form()] = "",
    field: OptText = None, persistence: OptText = None, listing: OptText = None,
    applied_on: OptText = None, send_letter: OptText = None,
) -> Response:
    try:
        case = service.add_opportunity(
            store, company=company, role=role, field=_blank(field),
            persistence=_enum(Persistence, persistence, "persistence"),
            listing=_blank(listing), applied_on=_day(applied_on, "applied on"),
            send_letter=bool(send_letter),
        )
    except FollowupError as e:
        form = _form(company=company, role=role, field=field, persistence=persistence,
                     listing=listing, applied_on=applied_on, send_letter=bool(send_letter))
        return render(request, "pages/opportunity_new.html", status=400, form=form,
                      error=str(e))
    return back_to(request, "opportunity", ref=case.opportunity.id)


@router.get("/o/{ref}", name="opportunity")
def opportunity(request: Request, ref: str, store: StoreDep, settings: SettingsDep) -> Response:
    return _opportunity_page(request, store, settings, ref)


def _opportunity_page(request: Request, store: Store, settings: WebSettings, ref: str, *,
                      status: int = 200, error: str | None = None, failed: str = "",
                      form: Mapping[str, object] | None = None) -> Response:
    """The opportunity page; after a refused edit (400), `failed` names the form that
    shows `error` and keeps what the user typed (`form`)."""
    from followup.web import timeline

    today = settings.current_day()
    with service.collecting() as notes:
        case, plan = service.plan_case(store, ref, today, _policies())
    actions = plan.actions
    return render(
        request, "pages/opportunity.html", status=status, error=error, failed=failed,
        notes=notes,
        form=_form(**(form or {})),
        case=case, actions=actions, stage=plan.stage.value,
        draftable=DRAFTABLE,
        people={p.id: p for p in case.people},
        timeline=timeline.build(case, actions, today),
        statuses=[s.value for s in Status], channels=[c.value for c in Channel],
        touch_kinds=[k.value for k in TouchKind],
        promise_channels=[c.value for c in PromiseChannel],
        persistences=[p.value for p in Persistence],
        now=settings.current_time(),
    )


@router.post("/o/{ref}/edit", name="opportunity_edit")
def opportunity_edit(
    request: Request, ref: str, store: StoreDep,
    company: Annotated[str, Form()] = "", role: Annotated[str, Form()] = "",
    field: OptText = None, persistence: OptText = None, listing: OptText = None,
    applied_on: OptText = None, send_letter: OptText = None,
) -> Response:
    case = service.edit_opportunity(
        store, ref, company=company, role=role, field=_blank(field) or "",
        persistence=_enum(Persistence, persistence, "persistence"),
        listing=_blank(listing) or "", applied_on=_day(applied_on, "applied on"),
        send_letter=bool(send_letter),
    )
    return back_to(request, "opportunity", ref=case.opportunity.id)


@router.post("/o/{ref}/delete", name="opportunity_delete")
def opportunity_delete(request: Request, ref: str, store: StoreDep, settings: SettingsDep,
                       confirm: Annotated[str, Form()] = "") -> Response:
    """Deleting needs the opportunity's id typed in: a stray click deletes nothing."""
    case = service.load_case(store, ref)
    try:
        service.delete_opportunity_confirmed(store, case.opportunity.id, confirm)
    except UsageError as e:
        return _opportunity_page(request, store, settings, case.opportunity.id, status=400,
                                 error=str(e), failed="delete", form={"confirm": confirm})
    return back_to(request, "pipeline")


@router.post("/o/{ref}/status", name="opportunity_status")
def opportunity_status(request: Request, ref: str, store: StoreDep,
                       status: Annotated[str, Form()] = "") -> Response:
    slug = service.set_status(store, ref, _enum(Status, status, "status") or Status.ACTIVE)
    return back_to(request, "opportunity", ref=slug)


@router.post("/o/{ref}/people", name="person_add")
def person_add(
    request: Request, ref: str, store: StoreDep, name: Annotated[str, Form()] = "",
    title: OptText = None, email: OptText = None, phone: OptText = None,
    contact: OptText = None,
) -> Response:
    service.add_person(store, ref, name=name, title=_blank(title), email=_blank(email),
                       phone=_blank(phone), contact=bool(contact))
    return back_to(request, "opportunity", ref=ref)


@router.post("/o/{ref}/people/{person_id}", name="person_edit")
def person_edit(
    request: Request, ref: str, person_id: str, store: StoreDep,
    name: Annotated[str, Form()] = "", title: OptText = None, email: OptText = None,
    phone: OptText = None, contact: OptText = None,
) -> Response:
    service.edit_person(store, ref, person_id, name=name, title=title, email=email,
                        phone=phone, contact=bool(contact))
    return back_to(request, "opportunity", ref=ref)


# -- interviews ------------------------------------------------------------------------


@router.get("/o/{ref}/interviews/new", name="interview_new")
def interview_new(request: Request, ref: str, store: StoreDep) -> Response:
    case = service.load_case(store, ref)
    return render(request, "pages/interview_new.html", case=case, form=_form(), error=None,
                  promise_channels=[c.value for c in PromiseChannel])


def _promised_day(at: str | None, promised: str | None) -> tuple[datetime | None, date | None]:
    """The interview's moment and the promised phrase read relative to its day."""
    from followup.when import parse_moment

    moment = parse_moment(at or "", "when") if _blank(at) else None
    base = moment.date() if moment else None
    by = _day(promised, "promised", base)
    if moment is not None:
        service.check_promised(moment.date(), by, promised, "promised")
    return moment, by


@router.get("/when", name="when_echo")
def when_echo(request: Request, at: Annotated[str, Query()] = "",
              promised: Annotated[str, Query()] = "") -> Response:
    """The promised-date phrase, parsed and echoed back before anything is saved."""
    try:
        moment, by = _promised_day(at, promised)
        message = None
    except FollowupError as e:
        moment, by, message = None, None, str(e)
    return render(request, "partials/when_echo.html", moment=moment, by=by, phrase=promised,
                  error=message)


@router.post("/o/{ref}/interviews", name="interview_create")
def interview_create(
    request: Request, ref: str, store: StoreDep,
    at: Annotated[str, Form()] = "", with_names: Annotated[str, Form()] = "",
    round: OptText = None, format: OptText = None, topics: OptText = None,
    next_steps: OptText = None, promised: OptText = None, promised_channel: OptText = None,
    promised_by: OptText = None,
) -> Response:
    case = service.load_case(store, ref)
    try:
        moment, by = _promised_day(at, promised)
        if moment is None:
            raise UsageError("when: missing (use YYYY-MM-DD HH:MM)")
        service.record_interview(
            store, case.opportunity.id, at=moment, with_names=_names(with_names),
            round=_round(round), format=_blank(format), topics=_lines(topics),
            next_steps=_lines(next_steps), promised_by=by,
            promised_channel=_enum(PromiseChannel, promised_channel, "promised channel"),
            promised_who=_blank(promised_by), promised_said=_blank(promised),
        )
    except FollowupError as e:
        form = _form(at=at, with_names=with_names, round=round, format=format, topics=topics,
                     next_steps=next_steps, promised=promised,
                     promised_channel=promised_channel, promised_by=promised_by)
        return render(request, "pages/interview_new.html", status=400, case=case, form=form,
                      error=str(e), promise_channels=[c.value for c in PromiseChannel])
    return back_to(request, "opportunity", ref=case.opportunity.id)


def _round(value: str | None) -> int | None:
    if not _blank(value):
        return None
    text = (value or "").strip()
    # ASCII digits only ("²".isdigit() is true), and few: int() of 5,000 digits raises.
    if not (text.isascii() and text.isdigit() and len(text) <= 3) or int(text) < 1:
        raise UsageError(f"round: {text[:20]!r} is not a number from 1 to 999")
    return int(text)


def _names(value: str) -> list[str]:
    """Comma-separated (or one a line) names."""
    return [n.strip() for n in value.replace("\n", ",").split(",") if n.strip()]


@router.post("/o/{ref}/interviews/{interview_id}/edit", name="interview_edit")
def interview_edit(
    request: Request, ref: str, interview_id: str, store: StoreDep, settings: SettingsDep,
    at: Annotated[str, Form()] = "", with_names: Annotated[str, Form()] = "",
    round: OptText = None, format: OptText = None, topics: OptText = None,
    next_steps: OptText = None,
) -> Response:
    from followup.when import parse_moment

    case = service.load_case(store, ref)
    try:
        if not _blank(at):
            raise UsageError("when: missing (use YYYY-MM-DD HH:MM)")
        service.edit_interview(
            store, case.opportunity.id, interview_id, at=parse_moment(at, "when"),
            with_names=_names(with_names), round=_round(round), format=format,
            topics=_lines(topics), next_steps=_lines(next_steps),
        )
    except FollowupError as e:
        if not any(i.id == interview_id for i in case.interviews):
            raise  # no such interview: the 404 page, there is no form to show again
        form = {"at": at, "with_names": with_names, "round": round or "",
                "format": format or "", "topics": topics or "", "next_steps": next_steps or ""}
        return _opportunity_page(request, store, settings, case.opportunity.id, status=400,
                                 error=str(e), failed=f"interview-{interview_id}", form=form)
    return back_to(request, "opportunity", ref=case.opportunity.id)


@router.post("/o/{ref}/interviews/{interview_id}/delete", name="interview_delete")
def interview_delete(request: Request, ref: str, interview_id: str,
                     store: StoreDep) -> Response:
    case = service.load_case(store, ref)
    service.delete_interview(store, case.opportunity.id, interview_id)
    return back_to(request, "opportunity", ref=case.opportunity.id)


@router.post("/o/{ref}/invite", name="invite_upload")
async def invite_upload(request: Request, ref: str, store: StoreDep) -> Response:
    """An `.ics` invitation (or the `.eml` that carried it) uploaded on the Add interview
    page: the same reading as `followup import-invite`, into this opportunity."""
    case = service.load_case(store, ref)
    form = await request.form()
    upload = form.get("invite")
    try:
        if upload is None or isinstance(upload, str) or not upload.filename:
            raise UsageError("invite: choose an .ics or .eml file")
        data = await upload.read()
        invite = service.read_invite(store, data, upload.filename)
        service.invite_to_interview(store, invite, ref=case.opportunity.id)
    except FollowupError as e:
        return render(request, "pages/interview_new.html", status=400, case=case,
                      form=_form(), error=str(e),
                      promise_channels=[c.value for c in PromiseChannel])
    return back_to(request, "opportunity", ref=case.opportunity.id)


@router.post("/o/{ref}/interviews/{interview_id}/promise", name="promise_set")
def promise_set(
    request: Request, ref: str, interview_id: str, store: StoreDep,
    by: OptText = None, channel: OptText = None, who: OptText = None, said: OptText = None,
) -> Response:
    case = service.load_case(store, ref)
    base = next((i.at.date() for i in case.interviews if i.id == interview_id), None)
    service.set_promise(store, case.opportunity.id, interview_id,
                        by=_day(by, "promised", base),
                        channel=_enum(PromiseChannel, channel, "channel"), who=_blank(who),
                        said=said)
    return back_to(request, "opportunity", ref=case.opportunity.id)


# -- touches ---------------------------------------------------------------------------


@router.post("/o/{ref}/touches", name="touch_add")
def touch_add(
    request: Request, ref: str, store: StoreDep, settings: SettingsDep,
    kind: Annotated[str, Form()] = "", channel: Annotated[str, Form()] = "",
    direction: Annotated[str, Form()] = "out", person: OptText = None, at: OptText = None,
    note: OptText = None, new_by: OptText = None,
) -> Response:
    from followup.when import parse_moment

    moment = parse_moment(at or "", "when") if _blank(at) else settings.current_time()
    who = _blank(person)
    service.check_incoming(direction == "in", who, "from")
    case, _ = service.log_touch(
        store, ref, kind=_enum(TouchKind, kind, "kind") or TouchKind.OTHER,
        channel=_enum(Channel, channel, "channel") or Channel.EMAIL, at=moment,
        to=who if direction != "in" else None, from_=who if direction == "in" else None,
        note=_blank(note), new_by=_day(new_by, "new date", moment.date()),
    )
    return back_to(request, "opportunity", ref=case.opportunity.id)


@router.post("/o/{ref}/touches/{index}/delete", name="touch_delete")
def touch_delete(request: Request, ref: str, index: int, store: StoreDep) -> Response:
    service.delete_touch(store, ref, index)
    return back_to(request, "opportunity", ref=ref)


# -- today and the pipeline ------------------------------------------------------------

DRAFTABLE = DRAFTABLE_ACTIONS


def _policies() -> Any:
    from followup.config import policies

    return policies()


@router.get("/", name="today")
def today(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    day = settings.current_day()
    with service.collecting() as notes:  # records skipped as bad (followup doctor)
        agenda = service.agenda(store, day, days=14, policies=_policies())
    groups: dict[str, list[Any]] = {"overdue": [], "due": [], "upcoming": []}
    for case, action in agenda.items:
        groups[action.state.value].append((case, action))
    return render(request, "pages/today.html", nav="today", agenda=agenda, groups=groups,
                  draftable=DRAFTABLE, notes=notes)


@router.get("/pipeline", name="pipeline")
def pipeline(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    with service.collecting() as notes:
        board = service.pipeline_board(store, settings.current_day(), policies=_policies())
    return render(request, "pages/pipeline.html", nav="pipeline", board=board, notes=notes)


@router.post("/actions/done", name="action_done")
def action_done(
    request: Request, store: StoreDep, settings: SettingsDep,
    opportunity: Annotated[str, Form()] = "", kind: Annotated[str, Form()] = "",
    to: OptText = None,
) -> Response:
    service.complete_action(store, opportunity, settings.current_day(),
                            settings.current_time(), to=_blank(to), kind=_blank(kind),
                            policies=_policies())
    return back_to(request, "today")


@router.post("/actions/snooze", name="action_snooze")
def action_snooze(
    request: Request, store: StoreDep, settings: SettingsDep,
    opportunity: Annotated[str, Form()] = "", kind: Annotated[str, Form()] = "",
    to: OptText = None, until: Annotated[str, Form()] = "",
) -> Response:
    service.snooze_action(store, opportunity, kind=kind, to=_blank(to),
                          until=_day(until, "snooze to") or settings.current_day(),
                          today=settings.current_day())
    return back_to(request, "today")


# -- compose ---------------------------------------------------------------------------


@router.get("/o/{ref}/compose", name="compose")
def compose(request: Request, ref: str, store: StoreDep, settings: SettingsDep,
            kind: Annotated[str, Query()] = "thank_you", to: Annotated[str, Query()] = "",
            channel: Annotated[str, Query()] = "") -> Response:
    case, text = service.draft_message(store, ref, kind=kind, to=_blank(to),
                                       today=settings.current_day(), channel=_blank(channel))
    checked = service.check_message(case, kind=kind, to=_blank(to), text=text,
                                    channel=_blank(channel))
    return render(request, "pages/compose.html", case=case, kind=kind, to=to,
                  channel=channel, person=case.person(to), text=text, checked=checked,
                  segments=_segments(text, checked.findings), rules=_rules())


def _rules() -> Any:
    from followup.lint import RULES

    return RULES


def _segments(text: str, findings: Any) -> Any:
    from followup.web.views import highlight

    return highlight(text, findings)


@router.post("/o/{ref}/compose/lint", name="compose_lint")
def compose_lint(
    request: Request, ref: str, store: StoreDep, kind: Annotated[str, Form()] = "thank_you",
    to: OptText = None, channel: OptText = None, text: Annotated[str, Form()] = "",
) -> Response:
    """HTMX, as the user types: the findings beside the text, no page reload."""
    case = service.load_case(store, ref)
    checked = service.check_message(case, kind=kind, to=_blank(to), text=text,
                                    channel=_blank(channel))
    return render(request, "partials/findings.html", checked=checked, kind=kind,
                  segments=_segments(text, checked.findings), rules=_rules())


@router.post("/o/{ref}/compose/eml", name="compose_eml")
def compose_eml(
    request: Request, ref: str, store: StoreDep, settings: SettingsDep,
    kind: Annotated[str, Form()] = "thank_you", to: OptText = None,
    text: Annotated[str, Form()] = "",
) -> Response:
    import re

    if not re.fullmatch(r"[a-z_]{1,32}", kind):  # it names the file: checked before use
        raise UsageError(f"kind: not a message kind: {kind[:40]!r}")
    case = service.load_case(store, ref)
    data = service.message_eml(case, to=_blank(to), text=text, at=settings.current_time())
    who = _blank(to)
    from followup.service.inbox import remember_draft  # its reply is matched by thread

    person = case.person(who)
    remember_draft(store, case.opportunity.id, person.id if person else None, kind, data)
    name = f"{case.opportunity.id}-{kind}{'-' + who if who else ''}.eml"
    name = re.sub(r"[^A-Za-z0-9_.-]", "_", name)[:120]  # a header value: no quote, no CR/LF
    return Response(data, media_type="message/rfc822",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.post("/o/{ref}/compose/sent", name="compose_sent")
def compose_sent(
    request: Request, ref: str, store: StoreDep, settings: SettingsDep,
    kind: Annotated[str, Form()] = "thank_you", to: OptText = None, channel: OptText = None,
) -> Response:
    service.mark_sent(store, ref, kind=kind, to=_blank(to), channel=_blank(channel),
                      at=settings.current_time())
    return back_to(request, "today")
