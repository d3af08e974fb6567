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
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from followup.core.errors import NotFoundError, UsageError
from followup.core.model import Channel, Direction, Status, Touch, TouchKind

if TYPE_CHECKING:
    from followup.mailbox.imap import FolderState, ImapSettings, Mailbox
    from followup.mailbox.matching import Index
    from followup.mailbox.reading import Mail
    from followup.store import Store
    from followup.store.mailbox import Outcome, Review

__all__ = ["BATCH", "SyncReport", "accept", "check_settings", "decide_message", "ignore",
           "is_loopback", "remember_draft", "review_dict", "settings_from_config", "setup",
           "sync", "waiting", "watch"]

BATCH = 200  # messages a transaction: a killed sync redoes at most this many


@dataclass
class SyncReport:
    """What one sync did, per outcome (logged, queued, skipped, unrelated)."""

    folders: dict[str, int] = field(default_factory=dict)  # messages read per folder
    counts: dict[str, int] = field(default_factory=dict)
    bodies: int = 0

    def add(self, outcome: str) -> None:
        self.counts[outcome] = self.counts.get(outcome, 0) + 1


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
    from followup.mailbox.imap import SECURITY

    if not host.strip() or any(ch.isspace() for ch in host.strip()):
        raise UsageError(f"--host: not a host name: {host!r}")
    if not 1 <= port <= 65535:
        raise UsageError(f"--port: {port} is not a TCP port (1-65535)")
    if not user.strip():
        raise UsageError("--user: the IMAP login is empty")
    if security not in SECURITY:
        raise UsageError(f"--security: {security!r} is not one of {', '.join(SECURITY)}")
    if auth not in ("password", "xoauth2"):
        raise UsageError(f"--auth: {auth!r} is not password or xoauth2")


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
          cafile: str | None = None, environ: Mapping[str, str] | None = None) -> bool:
    """Check the settings, try the login when a password (or token) is at hand, then save
    them (never the password). True when the login was tried and worked."""
    from followup.config import settings as config
    from followup.mailbox.imap import ImapSettings, Mailbox, credential, has_credential

    check_settings(host, port, user, security, auth)
    settings = ImapSettings(host.strip(), port, user.strip(), security, auth, cafile or None,
                            timeout=30)
    tried = has_credential(settings, environ)
    if tried:
        with Mailbox(settings, credential(settings, environ)) as box:
            box.folders()
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
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 1].rstrip() + "…"


def decide_message(mail: Mail, index: Index, *, in_sent: bool, zone: Any,
                   stripped: bool = True) -> Outcome:
    """What to do with one fully read message (the heart of the sync, without I/O)."""
    from followup.mailbox import matching, reading
    from followup.store.mailbox import Outcome

    direction = matching.direction_of(mail, index, in_sent)
    at = _local(mail.at, zone)
    if mail.auto is not None and mail.auto != "out-of-office":
        return Outcome(mail.message_id, "skipped", kind=mail.auto)
    prop = matching.match_headers(mail, index, direction) or \
        matching.match_text(mail, index, direction)
    if prop is None or prop.opportunity is None:
        return Outcome(mail.message_id, "unrelated" if mail.auto is None else "skipped",
                       kind=mail.auto)
    if not stripped:  # only mail that matched is worth cutting the quoted history from
        mail = replace(mail, text=reading.new_text(mail.text))
    case = index.cases[prop.opportunity]
    review: dict[str, Any] = {
        "at": at, "direction": direction.value, "subject": mail.subject[:300] or None,
        "excerpt": _excerpt(mail.text) or None, "opportunity": prop.opportunity,
        "person": prop.person,
        "sender_name": (mail.sender_name if direction is Direction.IN
                        else (mail.recipients[0][0] if mail.recipients else "")) or None,
        "sender_email": (mail.sender_email if direction is Direction.IN
                         else (mail.recipients[0][1] if mail.recipients else "")) or None,
    }
    if mail.auto == "out-of-office":  # not a reply; a return date proposes a snooze
        back = reading.return_date(mail.text, at.date())
        if back is None or back <= at.date():
            return Outcome(mail.message_id, "skipped", kind=mail.auto)
        return Outcome(mail.message_id, "queued", prop.opportunity, prop.person, "snooze",
                       review={**review, "kind": "snooze", "snooze_until": back,
                               "reason": f"out of office until {back.isoformat()}: "
                                         "snooze the follow-up?"})
    new_by: date | None = None
    status: Status | None = None
    if direction is Direction.OUT:
        # a draft we wrote and the user sent keeps its Message-ID, and with it its kind
        kind = matching.guess_sent_kind(mail, case, at, index.by_message.get(mail.message_id),
                                        prop.person)
        note = mail.subject[:200] or None
    else:
        kind = TouchKind(reading.reply_kind(mail.text))
        if kind is TouchKind.REPLY:
            new_by = reading.decision_date(mail.text, at.date())
        elif case.opportunity.status is Status.ACTIVE or kind is TouchKind.OFFER:
            wanted = Status.OFFER if kind is TouchKind.OFFER else Status.REJECTED
            status = wanted if case.opportunity.status is not wanted else None
        note = _excerpt(mail.text, 200) or mail.subject[:200] or None
    touch = Touch(at=at, direction=direction, channel=Channel.EMAIL, kind=kind,
                  person=prop.person, note=note, message_id=mail.message_id)
    proposals = []
    if new_by is not None:
        proposals.append(f"new decision date {new_by.isoformat()}")
    if status is not None:
        proposals.append(f"status {status.value}")
    review.update(kind=kind.value, new_by=new_by, status=status.value if status else None)
    if prop.outcome == "log":
        index.by_message[mail.message_id] = matching.Known(prop.opportunity, prop.person,
                                                           kind.value)
        return Outcome(mail.message_id, "logged", prop.opportunity, prop.person, kind.value,
                       touch=touch,
                       review={**review, "reason": "logged; proposes " + ", ".join(proposals)}
                       if proposals else None)
    reason = prop.reason + (f"; proposes {', '.join(proposals)}" if proposals else "")
    if prop.choices and len(prop.choices) > 1:
        reason += f" (or: {', '.join(c for c in prop.choices if c != prop.opportunity)})"
    return Outcome(mail.message_id, "queued", prop.opportunity, prop.person, kind.value,
                   review={**review, "reason": reason})


def _needs_body(mail: Mail, index: Index, in_sent: bool) -> bool:
    """Whether the text could change the outcome: not for a bounce or a newsletter, nor for
    mail the candidate sent to no one recorded."""
    from followup.mailbox import matching

    if mail.auto in ("bounce", "newsletter", "auto-reply"):
        return False
    direction = matching.direction_of(mail, index, in_sent)
    if matching.match_headers(mail, index, direction) is not None:
        return True
    return direction is Direction.IN and mail.auto is None


def sync(store: Store, box: Mailbox, today: date, *, since_days: int = 365,
         timezone: str | None = None, batch: int = BATCH,
         progress: Callable[[str, int], None] | None = None) -> SyncReport:
    """Read what is new in INBOX and Sent since the last sync; log, queue or skip it."""
    from followup.mailbox.reading import HEADER_FIELDS, MAX_TEXT, body_text, parse, read_headers
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
    for folder, in_sent, info, after in news:
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
            heads = {uid: read_headers(raw) for uid, raw in box.headers(chunk, HEADER_FIELDS)}
            outcomes: list[Outcome] = []
            wanted = [u for u in chunk if heads[u].message_id not in seen
                      and _needs_body(heads[u], index, in_sent)]
            full = dict(box.bodies(wanted)) if wanted else {}
            report.bodies += len(full)
            for uid in chunk:
                head = heads[uid]
                if head.message_id in seen:
                    continue
                if uid in full:
                    # the header pass already said what kind of mail it is (its
                    # Content-Type included); the body adds only the text
                    mail = replace(head, text=body_text(parse(full[uid]))[:MAX_TEXT])
                    outcome = decide_message(mail, index, in_sent=in_sent, zone=zone,
                                             stripped=False)
                else:
                    outcome = Outcome(head.message_id, "skipped" if head.auto else "unrelated",
                                      kind=head.auto)
                seen.add(head.message_id)
                outcomes.append(outcome)
                report.add(outcome.outcome)
            sm.save_batch(store, folder, info.uidvalidity, chunk[-1], outcomes)
            if progress is not None:
                progress(folder, start + len(chunk))
    return report


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
