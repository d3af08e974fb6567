"""The pages and the HTMX endpoints. Thin: parse the form, call `followup.service`, render.

Every state change is a POST (checked for its CSRF token by the app-wide dependency) that
answers with a redirect (post/redirect/get), or a partial when HTMX asked for one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from followup import service
from followup.core.errors import ConflictError, FollowupError, UsageError
from followup.core.kinds import DRAFTABLE_ACTIONS
from followup.core.model import Channel, Persistence, PromiseChannel, Status, TouchKind
from followup.service import Store
from followup.web.deps import (
    OptText,
    SettingsDep,
    StoreDep,
    back_to,
    render,
    request_context,
)
from followup.web.server import UPLOAD_BYTES
from followup.web.settings import WebSettings

router = APIRouter()


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


def _day(value: str | None, option: str, base: date | None = None,
         country: str | None = None, since: str = "the interview") -> date | None:
    from followup.core.when import parse_day

    text = _blank(value)
    if not text:
        return None
    day = parse_day(text, option, base, country, since)
    return _within_limits(day, option, base or date.today())


def _moment(value: str | None, store: Store, now: datetime,
            direction: Literal["future", "past", "nearest"] = "nearest") -> datetime | None:
    """A When field: the date-time picker's `2026-03-02T10:00` or a phrase ("tomorrow 3pm"),
    read with the candidate's country; None when empty."""
    from followup.core.when import parse_moment

    text = _blank(value)
    if not text:
        return None
    moment = parse_moment(text, "when", now, store.get_candidate().country, direction)
    _within_limits(moment.date(), "when", now.date())
    return moment


def _within_limits(day: date, option: str, today: date) -> date:
    """A date the store would take (core.limits, as the CLI's records meet them), checked
    as soon as it is read: a promise is read from the interview's day, so an interview in
    9999 is refused before anything is counted from it."""
    from followup.core.limits import ahead_of, day_problem

    problem = day_problem(day, ahead_of(today))
    if problem is not None:
        raise UsageError(f"{option}: {problem}")
    return day


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
async def opportunity(request: Request, ref: str, store: StoreDep,
                      settings: SettingsDep) -> Response:
    return await _kept(request, settings,
                       lambda: _opportunity_page(request, store, settings, ref))


def _opportunity_page(request: Request, store: Store, settings: WebSettings, ref: str, *,
                      status: int = 200, error: str | None = None, failed: str = "",
                      form: Mapping[str, object] | None = None) -> Response:
    """The opportunity page; after a refused edit (400), `failed` names the form that
    shows `error` and keeps what the user typed (`form`)."""
    from followup.web import timeline

    cx = request_context(request)
    today = cx.today
    cache: service.PlanCache = request.app.state.plans
    with service.collecting() as notes:
        case, plan = service.plan_case(cx, ref,
                                       snapshot=cache.peek(store, today, cx.policies))
    actions = plan.actions
    snoozed = {(case.opportunity.id, k, p): until for (k, p), until in service.snoozed_steps(
        store, case.opportunity.id, today, cache.peek(store, today, cx.policies)).items()}
    return render(
        request, "pages/opportunity.html", status=status, error=error, failed=failed,
        notes=notes, snoozed=snoozed,
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
def opportunity_status(request: Request, ref: str, store: StoreDep, settings: SettingsDep,
                       status: Annotated[str, Form()] = "", next: OptText = None,
                       generation: Annotated[str, Form(max_length=100)] = "") -> Response:
    """`next`: the board's Move menu comes back to the board, at the card moved.
    `generation`: the case as the board showed it; a move from a page older than the case
    (another tab, the CLI, `mail sync` wrote since) is refused: the board again, 409, the
    reason in the toast, nothing written."""
    chosen = _enum(Status, status, "status")
    if chosen is None:  # a truncated or hand-made post reactivates nothing
        known = ", ".join(m.value for m in Status)
        raise UsageError(f"status: one of {known} is required")
    try:
        slug = service.set_status(store, ref, chosen, generation.strip() or None)
    except ConflictError as e:
        board = request.url_for("pipeline").path
        again = next if next and next.startswith(board + "#") else board
        request.state.followup_refused = {"id": None, "what": str(e), "undone": False,
                                          "undoable": False, "reload": again}
        return _pipeline(request, store, settings, "", "", status=409)
    return back_to(request, "opportunity", ref=slug, next=next)


@router.post("/o/{ref}/people", name="person_add")
def person_add(
    request: Request, ref: str, store: StoreDep, name: Annotated[str, Form()] = "",
    title: OptText = None, email: OptText = None, phone: OptText = None,
    contact: OptText = None, next: OptText = None,
) -> Response:
    person = service.add_person(store, ref, name=name, title=_blank(title),
                                email=_blank(email), phone=_blank(phone), contact=bool(contact))
    if next and next.startswith("/o/") and "/compose" in next:  # back to the draft, for them
        from urllib.parse import parse_qsl, urlencode, urlsplit

        parts = urlsplit(next)
        query = dict(parse_qsl(parts.query))
        query["to"] = person.id
        return RedirectResponse(f"{parts.path}?{urlencode(query)}", status_code=303)
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


def _promised_day(at: str | None, promised: str | None, store: Store, now: datetime,
                  at_pick: str | None = None) -> tuple[datetime | None, date | None]:
    """The interview's moment (the phrase field, else the picker) and the promised phrase
    read relative to its day."""
    moment = _moment(at, store, now) or _moment(at_pick, store, now)
    base = moment.date() if moment else None
    by = _day(promised, "promised", base, store.get_candidate().country)
    return moment, by


@router.get("/when", name="when_echo")
def when_echo(request: Request, store: StoreDep, settings: SettingsDep,
              at: Annotated[str, Query()] = "", at_pick: Annotated[str, Query()] = "",
              promised: Annotated[str, Query()] = "") -> Response:
    """The interview's time and the promised-date phrase, read and echoed back before
    anything is saved (an unreadable one says why, at once: the reader is bounded)."""
    try:
        moment, by = _promised_day(at, promised, store, settings.current_time(), at_pick)
        message = None
    except FollowupError as e:
        moment, by, message = None, None, str(e)
    return render(request, "partials/when_echo.html", moment=moment, by=by, phrase=promised,
                  error=message)


@router.post("/o/{ref}/interviews", name="interview_create")
def interview_create(
    request: Request, ref: str, store: StoreDep,
    settings: SettingsDep,
    at: Annotated[str, Form()] = "", with_names: Annotated[str, Form()] = "",
    round: OptText = None, format: OptText = None, topics: OptText = None,
    next_steps: OptText = None, promised: OptText = None, promised_channel: OptText = None,
    promised_by: OptText = None, at_pick: OptText = None,
) -> Response:
    case = service.load_case(store, ref)
    try:
        moment, by = _promised_day(at, promised, store, settings.current_time(), at_pick)
        if moment is None:
            raise UsageError("when: missing (pick a date and time, or type one: "
                             "'tomorrow 3pm', 2026-03-02 10:00)")
        service.record_interview(
            store, case.opportunity.id, at=moment, with_names=_names(with_names),
            round=_round(round), format=_blank(format), topics=_lines(topics),
            next_steps=_lines(next_steps), promised_by=by,
            promised_channel=_enum(PromiseChannel, promised_channel, "promised channel"),
            promised_who=_blank(promised_by), promised_said=_blank(promised),
        )
    except FollowupError as e:
        form = _form(at=at, at_pick=at_pick, with_names=with_names, round=round,
                     format=format, topics=topics,
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
    case = service.load_case(store, ref)
    try:
        moment = _moment(at, store, settings.current_time())
        if moment is None:
            raise UsageError("when: missing (use YYYY-MM-DD HH:MM or 'tomorrow 3pm')")
        service.edit_interview(
            store, case.opportunity.id, interview_id, at=moment,
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


@router.post("/o/{ref}/invite", name="invite_upload", max_body_size=UPLOAD_BYTES)
async def invite_upload(request: Request, ref: str, store: StoreDep) -> Response:
    """An `.ics` invitation (or the `.eml` that carried it) uploaded on the Add interview
    page: the same reading as `followup import-invite`, into this opportunity.

    The body arrives capped (web.server.BodyLimit); the reading runs in the threadpool,
    within its budgets (calendar.budget), so the event loop goes on serving everyone else."""
    case = await run_in_threadpool(service.load_case, store, ref)
    form = await request.form()
    upload = form.get("invite")
    try:
        if upload is None or isinstance(upload, str) or not upload.filename:
            raise UsageError("invite: choose an .ics or .eml file")
        data = await upload.read()
        name = upload.filename
        cx = request_context(request)

        def read_and_record() -> None:  # the upload is the confirmation
            service.import_invite(cx, data, name, ref=case.opportunity.id)

        await run_in_threadpool(read_and_record)
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
                        by=_day(by, "promised", base, store.get_candidate().country),
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
    moment = _moment(at, store, settings.current_time(), "past") or settings.current_time()
    who = _blank(person)
    service.check_incoming(direction == "in", who, "from")
    case, _ = service.log_touch(
        store, ref, kind=_enum(TouchKind, kind, "kind") or TouchKind.OTHER,
        channel=_enum(Channel, channel, "channel") or Channel.EMAIL, at=moment,
        to=who if direction != "in" else None, from_=who if direction == "in" else None,
        note=_blank(note), new_by=_day(new_by, "new date", moment.date(),
                                       store.get_candidate().country, "the contact"),
    )
    return back_to(request, "opportunity", ref=case.opportunity.id)


@router.post("/o/{ref}/touches/{index}/delete", name="touch_delete")
def touch_delete(request: Request, ref: str, index: int, store: StoreDep) -> Response:
    service.delete_touch(store, ref, index)
    return back_to(request, "opportunity", ref=ref)


# -- today and the pipeline ------------------------------------------------------------

DRAFTABLE = DRAFTABLE_ACTIONS


def _snapshot(request: Request, store: Store, day: date) -> Any:
    """Every case and plan, kept until the database changes (service.PlanCache)."""
    cache: service.PlanCache = request.app.state.plans
    return cache.get(store, day, request_context(request).policies)


PAGE = 20  # cards a Today section shows before "Show all": a page of 1,000 stays small


async def _kept(request: Request, settings: WebSettings,
                render: Callable[[], Response]) -> Response:
    """A page from the page cache (web/pagecache.py), rendered off the event loop."""
    from followup.web.pagecache import PageCache

    pages: PageCache = request.app.state.pages
    cx = request_context(request)
    return await pages.serve(request, (cx.today, cx.policy_key), render)


@router.get("/", name="today")
async def today(request: Request, store: StoreDep, settings: SettingsDep,
                show: Annotated[str, Query()] = "") -> Response:
    return await _kept(request, settings, lambda: _today(request, store, settings, show))


def _today(request: Request, store: Store, settings: WebSettings, show: str) -> Response:
    day = settings.current_day()
    with service.collecting() as notes:  # records skipped as bad (followup doctor)
        snap = _snapshot(request, store, day)
        agenda = service.agenda(request_context(request), days=service.COMING_UP_DAYS,
                                snapshot=snap)
    groups = agenda.sections  # decided by service.agenda, once
    onboarding = None
    if not agenda.plans:
        onboarding = {"profile": bool(store.get_candidate().name)}
    snoozed = {(c.opportunity.id, a.kind.value, a.to): until for c, a, until in agenda.snoozed}
    return render(request, "pages/today.html", nav="today", agenda=agenda, groups=groups,
                  snoozed=snoozed, sleeping=[(c, a) for c, a, _ in agenda.snoozed],
                  draftable=DRAFTABLE, page=PAGE, show=show, onboarding=onboarding,
                  days=service.COMING_UP_DAYS, notes=notes)


@router.get("/pipeline", name="pipeline")
async def pipeline(request: Request, store: StoreDep, settings: SettingsDep,
                   q: Annotated[str, Query(max_length=200)] = "",
                   stage: Annotated[str, Query(max_length=20)] = "") -> Response:
    """The board; `q` keeps the cards whose company, role, field or people match, `stage`
    one column (the page's script filters the same way as you type)."""
    return await _kept(request, settings, lambda: _pipeline(request, store, settings, q, stage))


def _pipeline(request: Request, store: Store, settings: WebSettings, q: str,
              stage: str, status: int = 200) -> Response:
    day = settings.current_day()
    with service.collecting() as notes:
        board = service.pipeline_board(request_context(request),
                                       snapshot=_snapshot(request, store, day))
    words = q.casefold().split()
    columns = []
    for column in board:
        cards = [c for c in column.cards if all(w in _haystack(c.case) for w in words)]
        columns.append((column.stage, cards))
    return render(request, "pages/pipeline.html", status, nav="pipeline", columns=columns,
                  q=q, stage=stage, total=sum(len(c.cards) for c in board),
                  haystack=_haystack, notes=notes)


def _haystack(case: Any) -> str:
    o = case.opportunity
    return " ".join([o.company, o.role, o.field or "", o.id, o.status.value,
                     *(p.name for p in case.people)]).casefold()


@router.post("/actions/done", name="action_done")
def action_done(
    request: Request, store: StoreDep, settings: SettingsDep,
    opportunity: Annotated[str, Form()] = "", kind: Annotated[str, Form()] = "",
    to: OptText = None, next: OptText = None,
) -> Response:
    service.complete_action(request_context(request), opportunity, to=_blank(to),
                            kind=_blank(kind), early=True)  # a click on that very card
    return back_to(request, "today", next=next)


@router.post("/actions/snooze", name="action_snooze")
def action_snooze(
    request: Request, store: StoreDep, settings: SettingsDep,
    opportunity: Annotated[str, Form()] = "", kind: Annotated[str, Form()] = "",
    to: OptText = None, until: Annotated[str, Form()] = "", next: OptText = None,
    confirm: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    """Snooze one step; a snooze past the step's last day is said first (409, a page with
    the warning and a button that confirms it), and taken only once confirmed."""
    day = settings.current_day()
    wake = _day(until, "snooze to") or day
    try:
        service.snooze_action(store, opportunity, kind=kind, to=_blank(to), until=wake,
                              today=day, past_deadline=confirm == "yes",
                              policies=request_context(request).policies)
    except service.SnoozePastDeadline as e:
        back = next if next and next.startswith("/") and not next.startswith("//") else ""
        return render(request, "pages/snooze_confirm.html", status=409, warning=str(e),
                      opportunity=opportunity, kind=kind, to=to or "", until=wake,
                      next=back)
    return back_to(request, "today", next=next)


# -- compose ---------------------------------------------------------------------------


@router.get("/o/{ref}/compose", name="compose")
def compose(request: Request, ref: str, store: StoreDep, settings: SettingsDep,
            kind: Annotated[str, Query()] = "thank_you", to: Annotated[str, Query()] = "",
            channel: Annotated[str, Query()] = "") -> Response:
    """The draft in an editor, linted as you type. A phone step opens as a call script, a
    letter as a printable page; with nobody to write to, a form to add them first."""
    case = store.load_case(ref)
    if not _blank(to) and not case.people:
        return render(request, "pages/recipient.html", status=200, case=case, kind=kind,
                      channel=channel, next=str(request.url.path) + "?" + str(request.url.query))
    return _compose_page(request, store, settings, ref, kind=kind, to=to, channel=channel)


def _compose_page(request: Request, store: Store, settings: WebSettings, ref: str, *,
                  kind: str, to: str, channel: str, text: str | None = None,
                  status: int = 200, ask: bool = False) -> Response:
    case, draft = service.draft_message(store, ref, kind=kind, to=_blank(to),
                                        today=settings.current_day(), channel=_blank(channel))
    text = draft if text is None else text
    checked = service.check_message(case, kind=kind, to=_blank(to), text=text,
                                    channel=_blank(channel))
    mode = service.message_kind(kind, _blank(channel))
    mode = "script" if mode == "voicemail" else "letter" if mode == "letter" else "email"
    return render(request, "pages/compose.html", status=status, case=case, kind=kind, to=to,
                  channel=channel, person=case.person(to or None), text=text, checked=checked,
                  rules=_rules(), mode=mode, ask=ask)


def _rules() -> Any:
    from followup.core.lint import RULES

    return RULES


@router.post("/o/{ref}/compose/lint", name="compose_lint")
def compose_lint(
    request: Request, ref: str, store: StoreDep, kind: Annotated[str, Form()] = "thank_you",
    to: OptText = None, channel: OptText = None, text: Annotated[str, Form()] = "",
    ask: OptText = None,
) -> Response:
    """HTMX, as the user types: the findings beside the text, no page reload, with the
    banner and the Mark sent button (out of band) drawn from the same findings."""
    case = service.load_case(store, ref)
    checked = service.check_message(case, kind=kind, to=_blank(to), text=text,
                                    channel=_blank(channel))
    mode = service.message_kind(kind, _blank(channel))
    mode = "script" if mode == "voicemail" else "letter" if mode == "letter" else "email"
    return render(request, "partials/findings.html", checked=checked, kind=kind, text=text,
                  rules=_rules(), live=True, ask=bool(ask), mode=mode)


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
    text: OptText = None, anyway: OptText = None,
) -> Response:
    """Mark it sent; with lint errors still in the text, ask first (the page again, with
    "Mark sent anyway")."""
    try:
        service.mark_sent(request_context(request), ref, kind=kind, to=_blank(to),
                          channel=_blank(channel), text=text, anyway=bool(anyway),
                          override="Mark sent anyway")
    except service.LintBlocked:  # ask first: the page again, with "Mark sent anyway"
        return _compose_page(request, store, settings, ref, kind=kind, to=to or "",
                             channel=channel or "", text=text, status=409, ask=True)
    return back_to(request, "today")
