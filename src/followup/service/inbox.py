"""Replies and sent notes from the mailbox: the sync, and the review queue's decisions.

`sync` reads INBOX and the Sent folder read-only, in UID order from where the last sync
stopped (UIDVALIDITY + last UID per folder), Sent first so a reply finds the note it answers.
Each message is matched (mailbox.matching); certain ones are logged as touches with their
Message-ID, uncertain ones queued; what a reply proposes (a new decision date, an offer, a
rejection, an out-of-office's return date) is queued too, never applied silently.
Each batch is written in one transaction with the folder's new last UID, so a sync killed at
any point loses nothing and logs nothing twice.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from followup.core.errors import NotFoundError, UsageError
from followup.core.model import Channel, Direction, Status, Touch, TouchKind

if TYPE_CHECKING:
    from followup.mailbox.imap import FolderState, ImapSettings, Mailbox
    from followup.mailbox.matching import Index
    from followup.mailbox.reading import Mail
    from followup.store import Store
    from followup.store.mailbox import Outcome, Review

__all__ = ["BATCH", "OUTCOME_WORDS", "MailboxSetup", "SyncReport", "accept", "check_settings",
           "current_setup", "decide_message", "ignore", "is_loopback", "remember_draft",
           "review_dict", "settings_from_config", "setup", "sync", "sync_mailbox", "sync_now",
           "sync_summary", "waiting", "watch"]

BATCH = 200  # messages a transaction: a killed sync redoes at most this many


# A sync's outcomes as every face says them, in this order ("Read 22 new messages: ...").
OUTCOME_WORDS: tuple[tuple[str, str], ...] = (
    ("logged", "logged"), ("queued", "to review"),
    ("skipped", "skipped (automatic, receipts, unreadable)"), ("unrelated", "unrelated"))


def sync_summary(read: int, counts: Mapping[str, int]) -> str:
    """The one line a sync ends with: "Read 22 new messages: 8 logged, 6 to review, ..."."""
    said = ", ".join(f"{counts.get(key, 0)} {words}" for key, words in OUTCOME_WORDS)
    return f"Read {read} new message{'' if read == 1 else 's'}: {said}."


@dataclass
class SyncReport:
    """What one sync did, per outcome (logged, queued, skipped, unrelated)."""

    folders: dict[str, int] = field(default_factory=dict)  # messages read per folder
    counts: dict[str, int] = field(default_factory=dict)
    bodies: int = 0
    unfinished: bool = False  # stopped at its time budget: the next sync goes on

    def add(self, outcome: str) -> None:
        self.counts[outcome] = self.counts.get(outcome, 0) + 1

    def summary(self) -> str:
        return sync_summary(sum(self.folders.values()), self.counts)


def settings_from_config(config: Any = None) -> ImapSettings:
    """The `imap.*` settings; a clear error when `followup mail setup` was never run."""
    from followup.config import settings as cfg
    from followup.mailbox.imap import ImapSettings

    c = cfg.load_config() if config is None else config
    host = str(c.get("imap.host") or "")
    if not host:
        raise UsageError("the mailbox is not set up: followup mail setup --host H --port N "
                         "--user U --security tls")
    return ImapSettings(host=host, port=int(c.get("imap.port")), user=str(c.get("imap.user")),
                        security=str(c.get("imap.security")), auth=str(c.get("imap.auth")),
                        cafile=str(c.get("imap.cafile")) or None)


def check_settings(host: str, port: int, user: str, security: str, auth: str) -> None:
    from followup.core.limits import host_problem
    from followup.mailbox.imap import SECURITY

    if problem := host_problem(host):  # CRLF, spaces, 10k characters, a bad IDN label
        raise UsageError(f"--host: {problem}")
    if not 1 <= port <= 65535:
        raise UsageError(f"--port: {port} is not a TCP port (1-65535)")
    if not user.strip():
        raise UsageError("--user: the IMAP login is empty")
    if security not in SECURITY:
        raise UsageError(f"--security: {security!r} is not one of {', '.join(SECURITY)}")
    if auth not in ("password", "xoauth2"):
        raise UsageError(f"--auth: {auth!r} is not password or xoauth2")


@dataclass(frozen=True, slots=True)
class MailboxSetup:
    """The saved `imap.*` settings as a form shows them, and whether a password (or
    token) is at hand in the environment or the keyring (never the secret itself)."""

    host: str
    port: int
    user: str
    security: str
    auth: str
    cafile: str
    secret_at_hand: bool


def current_setup(config: Any = None) -> MailboxSetup | None:
    """The mailbox as set up (`followup mail setup` or the web's form); None when not."""
    from followup.config import settings as cfg
    from followup.mailbox.imap import has_credential

    c = cfg.load_config() if config is None else config
    if not str(c.get("imap.host") or ""):
        return None
    s = settings_from_config(c)
    return MailboxSetup(s.host, s.port, s.user, s.security, s.auth, s.cafile or "",
                        has_credential(s))


def is_loopback(host: str) -> bool:
    import ipaddress

    name = host.strip().strip("[]").lower()
    if name in ("localhost", "localhost.localdomain") or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def setup(host: str, port: int, user: str, security: str, *, auth: str = "password",
          cafile: str | None = None, environ: Mapping[str, str] | None = None,
          password: str | None = None, timeout: float = 30) -> bool:
    """Check the settings, try the login when a password (or token) is at hand, then save
    them (never the password). True when the login was tried and worked.

    `password`: one typed in (the web's form): the login is tried with it and, when it
    works, it is kept in the OS keyring (`imap.keep_secret`), never in the config or the
    database; no keyring, nothing saved."""
    from followup.config import settings as config
    from followup.mail.tls import cafile_problem
    from followup.mailbox.imap import (
        PASSWORD_ENV,
        TOKEN_ENV,
        ImapSettings,
        Mailbox,
        credential,
        has_credential,
        keep_secret,
    )

    check_settings(host, port, user, security, auth)
    if cafile and (problem := cafile_problem(cafile)):  # /dev/zero, a FIFO, a directory
        raise UsageError(f"--cafile: {problem}")
    settings = ImapSettings(host.strip(), port, user.strip(), security, auth, cafile or None,
                            timeout=timeout)
    if password:
        environ = {TOKEN_ENV if auth == "xoauth2" else PASSWORD_ENV: password}
    tried = has_credential(settings, environ)
    if tried:
        with Mailbox(settings, credential(settings, environ)) as box:
            box.folders()
    if password:
        keep_secret(settings, password)
    for key, value in (("imap.host", settings.host), ("imap.port", str(port)),
                       ("imap.user", settings.user), ("imap.security", security),
                       ("imap.auth", auth), ("imap.cafile", cafile or "")):
        config.set_value(key, value)
    return tried


# -- the sync -----------------------------------------------------------------------


def _zone(tz: str | None) -> Any:
    if tz:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            return ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return None


def _local(at: datetime, zone: Any) -> datetime:
    """CONTRACT.md: an email's Date in the candidate's zone (else the machine's), naive."""
    return (at.astimezone(zone) if zone is not None else at.astimezone()).replace(
        tzinfo=None, microsecond=0)


def _index(store: Store, me: set[str]) -> Index:
    from followup.mailbox.matching import Index, Known
    from followup.store import mailbox as sm

    cases = store.load_cases()
    written = {w.message_id: Known(w.opportunity, w.person, w.kind)
               for w in sm.messages(store).values()
               if w.opportunity and w.outcome in ("written", "logged")}
    candidate = cases[0].candidate if cases else store.get_candidate()
    if candidate.email:
        me.add(candidate.email.lower())
    return Index.build(cases, me, written)


def _excerpt(text: str, limit: int = 300) -> str:
    """A one-line excerpt of a mail's text: a one-line field like any typed one (no control,
    format or zero-width character), at most `limit` characters."""
    from followup.core.limits import clean_line

    return clean_line(text[:limit * 8], limit)


def _logged(mail: Mail, at: datetime | None, outcome: str, cls: str | None, reason: str,
            **kw: Any) -> Outcome:
    """An outcome with what the mail log shows of it."""
    from followup.store.mailbox import Outcome

    return Outcome(mail.message_id, outcome, at=at, sender=mail.sender_email or None,
                   subject=mail.subject or None, cls=cls, reason=reason[:500], **kw)


def skipped(mail: Mail, reason: str, at: datetime | None = None, cls: str | None = None
            ) -> Outcome:
    """A message recorded as read and left alone, with the reason (`mail log` shows it)."""
    return _logged(mail, at, "skipped", cls, reason, kind=mail.auto)


# What each incoming class logs as a touch; `application_ack`, `auto_reply`, `bounce` and
# `unrelated` log none (an automatic receipt is not a reply and resets nothing).
_TOUCH_OF_CLASS = {"reply": TouchKind.REPLY, "status_update": TouchKind.REPLY,
                   "interview_invite": TouchKind.REPLY, "rejection": TouchKind.REJECTION,
                   "offer": TouchKind.OFFER}
_WORDS_OF_CLASS = {"reply": "a reply", "status_update": "a status update",
                   "interview_invite": "an interview invitation", "rejection": "a rejection",
                   "offer": "an offer", "application_ack": "an automatic receipt",
                   "auto_reply": "an automatic reply", "bounce": "a bounce",
                   "unrelated": "unrelated mail", "sent": "your note"}


def decide_message(mail: Mail, index: Index, *, in_sent: bool, zone: Any,
                   stripped: bool = True) -> Outcome:
    """What to do with one fully read message (the heart of the sync, without I/O): its
    class (mailbox.classify), its opportunity and person (mailbox.matching), and whether
    that is certain enough to log, or queued with the reason, or left alone."""
    from followup.mailbox import matching, reading
    from followup.mailbox.classify import classify, scores

    direction = matching.direction_of(mail, index, in_sent)
    at = _local(mail.at, zone)
    dated = f" ({mail.dated})" if mail.dated else ""
    if mail.auto == "bounce":
        return skipped(mail, "a delivery failure report" + dated, at, "bounce")
    prop = matching.match_headers(mail, index, direction) or \
        matching.match_relay(mail, index, direction) or \
        matching.match_text(mail, index, direction)
    if not stripped and (prop is not None or scores(mail.subject, mail.text)[0]):
        # the quoted history is not the sender's word; cut only where it can matter
        mail = replace(mail, text=reading.new_text(mail.text))
    verdict = classify(mail, outgoing=direction is Direction.OUT,
                       matched=prop is not None)
    cls = verdict.cls
    if cls == "unrelated" and prop is not None and prop.reason.startswith("in the thread"):
        cls = "reply"  # they answered in our thread, whatever words they used
    what = _WORDS_OF_CLASS[cls]
    if prop is None or prop.opportunity is None:
        if cls in ("rejection", "offer", "interview_invite", "status_update") \
                and direction is Direction.IN:
            question = (f"{what} ({verdict.why}) that matches no opportunity: "
                        "which one is it?")
            kind = _TOUCH_OF_CLASS[cls].value
            return _logged(mail, at, "queued", cls, question + dated, kind=kind,
                           named_date=verdict.date, review={
                               "at": at, "direction": "in", "kind": kind, "reason": question,
                               "subject": mail.subject[:300] or None,
                               "excerpt": _excerpt(mail.text) or None, "opportunity": None,
                               "person": None, "sender_name": mail.sender_name or None,
                               "sender_email": mail.sender_email or None})
        why = "sent to no one recorded" if direction is Direction.OUT \
            else f"{what}: no opportunity matches"
        return _logged(mail, at, "unrelated", cls, why + dated, kind=mail.auto)
    case = index.cases[prop.opportunity]
    common = {"named_date": verdict.date}
    where = prop.reason
    if cls == "unrelated":  # an alert or a newsletter naming the company is not about ours
        return _logged(mail, at, "skipped", cls, f"{what} ({verdict.why}), though {where}"
                       + dated, kind=mail.auto)
    if cls in ("application_ack", "bounce") or \
            (cls == "auto_reply" and mail.auto != "out-of-office"):
        return _logged(mail, at, "skipped", cls, f"{what} ({verdict.why}): not a reply, "
                       f"resets nothing; {where}" + dated, opportunity=prop.opportunity,
                       person=prop.person, kind=mail.auto, **common)
    review: dict[str, Any] = {
        "at": at, "direction": direction.value, "subject": mail.subject[:300] or None,
        "excerpt": _excerpt(mail.text) or None, "opportunity": prop.opportunity,
        "person": prop.person,
        "sender_name": (mail.sender_name if direction is Direction.IN
                        else (mail.recipients[0][0] if mail.recipients else "")) or None,
        "sender_email": (mail.sender_email if direction is Direction.IN
                         else (mail.recipients[0][1] if mail.recipients else "")) or None,
    }
    if cls == "auto_reply":  # out of office: not a reply; a return date proposes a snooze
        back = reading.return_date(mail.text, at.date())
        if back is None or back <= at.date():
            return _logged(mail, at, "skipped", cls, f"out of office, no return date; {where}"
                           + dated, opportunity=prop.opportunity, person=prop.person,
                           kind=mail.auto)
        reason = f"out of office until {back.isoformat()}: snooze the follow-up?"
        return _logged(mail, at, "queued", cls, f"{reason} {where}" + dated,
                       opportunity=prop.opportunity, person=prop.person, kind="snooze",
                       named_date=back,
                       review={**review, "kind": "snooze", "snooze_until": back,
                               "reason": reason})
    new_by: date | None = None
    status: Status | None = None
    if direction is Direction.OUT:
        # a draft we wrote and the user sent keeps its Message-ID, and with it its kind
        kind = matching.guess_sent_kind(mail, case, at, index.by_message.get(mail.message_id),
                                        prop.person)
        note = mail.subject[:200] or None
        certain = True
    else:
        kind = _TOUCH_OF_CLASS[cls]
        certain = verdict.certain
        if cls in ("reply", "status_update"):
            new_by = verdict.date
        elif kind in (TouchKind.OFFER, TouchKind.REJECTION) and (
                case.opportunity.status is Status.ACTIVE or kind is TouchKind.OFFER):
            wanted = Status.OFFER if kind is TouchKind.OFFER else Status.REJECTED
            status = wanted if case.opportunity.status is not wanted else None
        note = _excerpt(mail.text, 200) or mail.subject[:200] or None
    touch = Touch(at=at, direction=direction, channel=Channel.EMAIL, kind=kind,
                  person=prop.person, note=note, message_id=mail.message_id)
    proposals = []
    if new_by is not None:
        proposals.append(f"new decision date {new_by.isoformat()}")
    if status is not None:  # never applied unasked: the person accepts it in `inbox`
        proposals.append(f"status {status.value}")
    if prop.new_address is not None and prop.person is not None:
        proposals.append(f"record {prop.new_address} for {prop.person}")
    review.update(kind=kind.value, new_by=new_by, status=status.value if status else None,
                  new_address=prop.new_address)
    label = f"{what} ({verdict.why})" if direction is Direction.IN else what
    if prop.outcome == "log" and certain:
        index.by_message[mail.message_id] = matching.Known(prop.opportunity, prop.person,
                                                           kind.value)
        reason = f"{label}; {where}"
        return _logged(mail, at, "logged", cls,
                       reason + (f"; proposes {', '.join(proposals)}" if proposals else "")
                       + dated, opportunity=prop.opportunity, person=prop.person,
                       kind=kind.value, touch=touch,
                       review={**review, "reason": "logged; proposes " + ", ".join(proposals)}
                       if proposals else None, **common)
    reason = where if certain else f"{label}, not certain; {where}"
    reason += f"; proposes {', '.join(proposals)}" if proposals else ""
    if prop.choices and len(prop.choices) > 1:
        reason += f" (or: {', '.join(c for c in prop.choices if c != prop.opportunity)})"
    return _logged(mail, at, "queued", cls, reason + dated, opportunity=prop.opportunity,
                   person=prop.person, kind=kind.value, review={**review, "reason": reason},
                   **common)


def _needs_body(mail: Mail, index: Index, in_sent: bool) -> bool:
    """Whether the text could change the outcome: not for a bounce, nor a newsletter that
    no tracking system relayed, nor mail the candidate sent to no one recorded."""
    from followup.mailbox import matching
    from followup.mailbox.classify import relay_of

    if mail.auto == "bounce":
        return False
    direction = matching.direction_of(mail, index, in_sent)
    if matching.match_headers(mail, index, direction) is not None:
        return True
    if direction is Direction.OUT:
        return False
    return mail.auto != "newsletter" or relay_of(mail) is not None


def _unreadable_head(raw: bytes, arrived: datetime | None, today: date, reason: str) -> Mail:
    """What can be said of a message whose headers can't be read: an id, an arrival time."""
    import re

    from followup.mailbox.reading import Mail, message_ids, stable_id

    found = re.search(rb"^message-id:[ \t]*(<[^<>\s]{1,400}>)", raw[:65536], re.I | re.M)
    ids = message_ids(found.group(1).decode("ascii", "replace")) if found else ()
    at = arrived or datetime.combine(today, datetime.min.time(), UTC)  # never the clock
    return Mail(message_id=ids[0] if ids else stable_id(raw), at=at,
                sender_name="", sender_email="", recipients=(), subject="", in_reply_to=(),
                auto=None, dated=reason)


def judge(raw_head: bytes, arrived: datetime | None, today: date) -> Mail | Outcome:
    """One message's header block read alone: its `Mail`, or the skipped `Outcome` saying
    why it can't be read. Nothing a message holds can stop the messages after it; its
    dates meet the limits of typed ones (1970 to ten years after `today`)."""
    from followup.core.limits import ahead_of
    from followup.mailbox.reading import Unreadable, read_headers

    try:
        return read_headers(raw_head, arrived, ahead_of(today))
    except Unreadable as e:
        reason = e.reason
    except Exception as e:  # noqa: BLE001 - one message never stops a sync (issue 20)
        reason = f"its headers can't be read ({type(e).__name__})"
    head = _unreadable_head(raw_head, arrived, today, reason)
    return skipped(head, f"unreadable: {reason}",
                   head.at.replace(tzinfo=None) if head.at.tzinfo is None else
                   head.at.astimezone().replace(tzinfo=None, microsecond=0))


def read_one(head: Mail, raw: bytes, index: Index, *, in_sent: bool, zone: Any) -> Outcome:
    """One whole message read under the budgets and decided; an unreadable one (or one that
    trips anything at all) is skipped with the reason."""
    from followup.mailbox.reading import MAX_TEXT, Budget, Unreadable, body_text, parse_body

    budget = Budget()
    try:
        mail = replace(head, text=body_text(parse_body(raw, budget), budget)[:MAX_TEXT])
        budget.check("the text")
        outcome = decide_message(mail, index, in_sent=in_sent, zone=zone, stripped=False)
        budget.check("the decision")
        return outcome
    except Unreadable as e:
        reason = e.reason
    except Exception as e:  # noqa: BLE001 - one message never stops a sync (issue 20)
        reason = f"can't be read ({type(e).__name__})"
    return skipped(head, f"unreadable: {reason}", _safe_local(head.at, zone))


def _safe_local(at: datetime, zone: Any) -> datetime | None:
    try:
        return _local(at, zone)
    except (OverflowError, ValueError):
        return None


def _save(store: Store, folder: str, uidvalidity: int, chunk: list[int],
          outcomes: list[tuple[int, Outcome]]) -> None:
    """The batch in one transaction; when the store refuses it (one outcome it can't take),
    each message alone, a refused one kept as skipped with the reason: the folder's
    high-water mark always moves past every message read."""
    from followup.core.errors import FollowupError
    from followup.store import mailbox as sm

    try:
        sm.save_batch(store, folder, uidvalidity, chunk[-1], [o for _u, o in outcomes])
        return
    except Exception:  # noqa: BLE001 - retried one by one below, each refusal recorded
        pass
    for uid, o in outcomes:
        try:
            sm.save_batch(store, folder, uidvalidity, uid, [o])
        except (FollowupError, Exception) as e:  # noqa: BLE001 - see above
            why = " ".join(str(e).split())[:120] or type(e).__name__
            plain = replace(o, outcome="skipped", touch=None, review=None,
                            reason=f"unreadable: the store refused it ({why})")
            sm.save_batch(store, folder, uidvalidity, uid, [plain])
    sm.save_batch(store, folder, uidvalidity, chunk[-1], [])


def sync(store: Store, box: Mailbox, today: date, *, since_days: int = 365,
         timezone: str | None = None, batch: int = BATCH,
         progress: Callable[[str, int], None] | None = None,
         stop: Callable[[], bool] | None = None) -> SyncReport:
    """Read what is new in INBOX and Sent since the last sync; log, queue or skip it.

    Every message is judged alone (`judge`, `read_one`): one that can't be read within the
    budgets is recorded as skipped with its reason and the sync goes on past it. `stop`,
    asked after each batch (each one saved whole): True ends the sync there, `unfinished`
    set; the next sync picks up where it stopped."""
    from followup.mailbox.reading import HEADER_FIELDS
    from followup.store import mailbox as sm
    from followup.store.mailbox import Outcome

    report = SyncReport()
    folders = sorted(box.folders(), key=lambda f: not f[1])  # Sent first
    news: list[tuple[str, bool, FolderState, int]] = []
    for folder, in_sent in folders:  # a no-op sync stops here: no SEARCH, no FETCH
        state = sm.folder_state(store, folder)
        info = box.examine(folder)
        after = state[1] if state is not None and state[0] == info.uidvalidity else 0
        report.folders[folder] = 0
        if state is None or state[0] != info.uidvalidity or info.uidnext is None \
                or info.uidnext - 1 > after:
            news.append((folder, in_sent, info, after))
    if not news:
        return report
    index = _index(store, {box.settings.user.lower()} if "@" in box.settings.user else set())
    tz = timezone or next((c.candidate.timezone for c in index.cases.values()
                           if c.candidate.timezone), None)
    zone = _zone(tz)
    seen = {m for m, w in sm.messages(store).items() if w.outcome != "written"}
    earliest = min([today - timedelta(days=since_days)] + [
        d - timedelta(days=30) for c in index.cases.values()
        for d in ([c.opportunity.applied_on] if c.opportunity.applied_on else [])
        + [i.at.date() for i in c.interviews] + [t.at.date() for t in c.touches]])
    for n, (folder, in_sent, info, after) in enumerate(news):
        if box.current != folder:
            info = box.examine(folder)  # select it again: the last EXAMINE was another's
        uids = box.new_uids(after, earliest if after == 0 else None)
        report.folders[folder] = len(uids)
        if not uids:
            last = max(after, (info.uidnext or 1) - 1)
            sm.save_batch(store, folder, info.uidvalidity, last, [])
            continue
        for start in range(0, len(uids), batch):
            chunk = uids[start:start + batch]
            heads = {uid: judge(raw, arrived, today)
                     for uid, raw, arrived in box.headers(chunk, HEADER_FIELDS)}
            outcomes: list[tuple[int, Outcome]] = []
            wanted = [u for u, h in heads.items() if not isinstance(h, Outcome)
                      and h.message_id not in seen and _needs_body(h, index, in_sent)]
            full = dict(box.bodies(wanted)) if wanted else {}
            report.bodies += len(full)
            for uid in chunk:
                head = heads.get(uid)
                if head is None or head.message_id in seen:
                    continue
                if isinstance(head, Outcome):
                    outcome = head
                elif uid in full:
                    outcome = read_one(head, full[uid], index, in_sent=in_sent, zone=zone)
                else:
                    outcome = _head_only(head, index, in_sent, zone)
                seen.add(outcome.message_id)
                outcomes.append((uid, outcome))
                report.add(outcome.outcome)
            _save(store, folder, info.uidvalidity, chunk, outcomes)
            if progress is not None:
                progress(folder, start + len(chunk))
            if stop is not None and stop() and (start + batch < len(uids)
                                                or n < len(news) - 1):
                report.unfinished = True
                return report
    return report


def sync_now(store: Store, today: date, *, budget: float | None = None,
             batch: int = BATCH, config: Any = None) -> SyncReport:
    """`followup mail sync` once, as every face runs it: the saved `imap.*` settings, the
    password from the environment or the keyring, `imap.since_days`. `budget`: seconds
    after which the sync stops at the next batch's end (the web's Sync now button; what
    was read is saved, the rest waits for the next sync); the IMAP timeout is kept within
    it too."""
    from followup.config import settings as cfg
    from followup.mailbox.imap import credential

    conf = cfg.load_config() if config is None else config
    settings = settings_from_config(conf)
    return sync_mailbox(store, settings, credential(settings), today,
                        since_days=int(conf.get("imap.since_days")), budget=budget, batch=batch)


def sync_mailbox(store: Store, settings: ImapSettings, secret: str, today: date, *,
                 since_days: int = 365, budget: float | None = None,
                 batch: int = BATCH) -> SyncReport:
    """One sync of one mailbox into one account's store: the home of `mail sync` on a
    desktop (`sync_now`) and of a centre student's sync by the worker (service.mailjob)."""
    import time

    from followup.mailbox.imap import Mailbox

    if budget is not None:
        settings = replace(settings, timeout=max(1.0, min(settings.timeout, budget)))
    end = None if budget is None else time.monotonic() + budget
    with Mailbox(settings, secret) as box:
        return sync(store, box, today, since_days=since_days, batch=max(1, batch),
                    stop=None if end is None else lambda: time.monotonic() > end)


def _head_only(head: Mail, index: Index, in_sent: bool, zone: Any) -> Outcome:
    """A message whose body was not worth reading: a bounce, a newsletter, a note sent to
    no one recorded."""
    from followup.mailbox import matching

    at = _safe_local(head.at, zone)
    if head.auto == "bounce":
        return skipped(head, "a delivery failure report", at, "bounce")
    if head.auto is not None:
        return skipped(head, f"{head.auto}: no tracking system relayed it", at,
                       "auto_reply" if head.auto in ("auto-reply", "out-of-office")
                       else "unrelated")
    if matching.direction_of(head, index, in_sent) is Direction.OUT:
        return _logged(head, at, "unrelated", "sent", "sent to no one recorded")
    return _logged(head, at, "unrelated", "unrelated", "no opportunity matches")


def watch(store: Store, box: Mailbox, today: Callable[[], date], *, since_days: int = 365,
          timeout: float = 300, rounds: int | None = None,
          on_sync: Callable[[SyncReport], None] | None = None) -> None:
    """`mail sync --watch`: sync, then IDLE on INBOX until something arrives, and again."""
    done = 0
    while rounds is None or done < rounds:
        report = sync(store, box, today(), since_days=since_days)
        if on_sync is not None:
            on_sync(report)
        done += 1
        if rounds is not None and done >= rounds:
            return
        from followup.store import mailbox as sm

        info = box.examine("INBOX")
        state = sm.folder_state(store, info.name)
        if state is not None and state[0] == info.uidvalidity and info.uidnext is not None \
                and info.uidnext - 1 <= state[1]:
            box.wait_for_news(timeout)  # else mail came in while syncing: go again now


# -- the mail log -------------------------------------------------------------------


def mail_log(store: Store, limit: int | None = None) -> list[dict[str, Any]]:
    """`followup mail log`: every message the sync read, newest first, with its class,
    opportunity, person, the date it names, the decision and the reason (CONTRACT.md
    "Mailbox decisions"); skipped ones included."""
    from followup.store import mailbox as sm

    if limit is not None and limit < 1:
        raise UsageError(f"--limit: {limit} is not a positive number")
    return [{"message_id": e.message_id,
             "at": e.at.isoformat(timespec="minutes") if e.at else None,
             "from": e.sender, "subject": e.subject, "class": e.cls,
             "opportunity": e.opportunity, "person": e.person,
             "date": e.named_date.isoformat() if e.named_date else None,
             "decision": e.decision, "reason": e.reason}
            for e in sm.log(store, limit)]


# -- the review queue ---------------------------------------------------------------


def waiting(store: Store) -> list[Review]:
    from followup.store import mailbox as sm

    return sm.reviews(store)


def review_dict(r: Review) -> dict[str, Any]:
    """`followup inbox --format json`: one item, dates in ISO form. `address` (and `from`
    or `to`) is the other side's address: for an unknown sender, the one to record."""
    side = "from" if r.direction is Direction.IN else "to"
    return {
        "id": r.id, "message_id": r.message_id, "at": r.at.isoformat(timespec="minutes"),
        "direction": r.direction.value, "name": r.sender_name, "address": r.sender_email,
        side: r.sender_email, "subject": r.subject, "excerpt": r.excerpt, "reason": r.reason,
        "opportunity": r.opportunity, "person": r.person, "kind": r.kind,
        "new_by": r.new_by.isoformat() if r.new_by else None,
        "status": r.status,
        "snooze_until": r.snooze_until.isoformat() if r.snooze_until else None,
        "new_address": r.new_address,
        "state": r.state,
    }


def accept(store: Store, number: int, opportunity: str | None = None) -> str:
    """Do what the item proposes: log its touch (adding an unknown sender as a person),
    set its new date, change the status, or snooze; remembered, so it is asked once."""
    from followup.service.records import add_person
    from followup.store import mailbox as sm

    r = sm.review(store, number)
    if r.state != "waiting":
        raise UsageError(f"inbox: item {number} is already {r.state}")
    ref = opportunity or r.opportunity
    if ref is None:
        raise UsageError(f"inbox {number}: pick the opportunity (--opportunity ID)")
    case = store.load_case(ref)
    slug = case.opportunity.id
    done: list[str] = []
    if r.kind == "snooze":
        assert r.snooze_until is not None
        for kind in ("check_in", "final"):
            store.snooze(slug, kind, r.person if case.person(r.person) else None,
                         r.snooze_until)
        sm.decide(store, number, "accepted", opportunity=slug)
        return f"{slug}: follow-ups snoozed until {r.snooze_until.isoformat()}"
    person = r.person if case.person(r.person) is not None else None
    email = (r.sender_email or "").lower()
    if person is None and email:
        person = next((p.id for p in case.people if (p.email or "").lower() == email), None)
        if person is None and r.sender_name and r.direction is Direction.IN \
                and not any(p.name.casefold() == r.sender_name.casefold() for p in case.people):
            person = add_person(store, slug, name=r.sender_name, email=r.sender_email).id
            done.append(f"added {r.sender_name} <{r.sender_email}>")
    touch = Touch(at=r.at, direction=r.direction, channel=Channel.EMAIL, kind=TouchKind(r.kind),
                  person=person, new_by=r.new_by if r.direction is Direction.IN else None,
                  note=r.excerpt[:200] if r.excerpt and r.direction is Direction.IN
                  else r.subject, message_id=r.message_id)
    if r.new_address and person is not None:
        # they wrote from an address not on record, in the thread of our note to them
        from followup.service.records import edit_person

        old = case.person(person)
        if old is not None and (old.email or "").lower() != r.new_address.lower():
            edit_person(store, slug, person, name=old.name, title=old.title,
                        email=r.new_address, phone=old.phone, contact=old.contact)
            done.append(f"recorded {r.new_address} for {old.name}")
    sm.decide(store, number, "accepted", touch=touch, opportunity=slug, new_by=r.new_by)
    done.append(f"logged {r.kind}")
    if r.new_by is not None:
        done.append(f"new date {r.new_by.isoformat()}")
    if r.status is not None:
        store.set_status(slug, Status(r.status))
        done.append(f"status {r.status}")
    return f"{slug}: " + "; ".join(done)


def ignore(store: Store, number: int) -> None:
    from followup.store import mailbox as sm

    sm.review(store, number)
    sm.decide(store, number, "ignored")


def remember_draft(store: Store, case_id: str, person: str | None, kind: str | None,
                   data: bytes, origin: str = "draft") -> str | None:
    """Record the Message-ID of a draft we wrote, so the reply to it is matched by thread."""
    from followup.mailbox.reading import message_ids, parse
    from followup.store import mailbox as sm

    ids = message_ids(str(parse(data).get("Message-ID", "")))
    if not ids:
        return None
    try:
        sm.remember_written(store, ids[0], origin=origin, opportunity=case_id, person=person,
                            kind=kind)
    except NotFoundError:
        return None
    return ids[0]
