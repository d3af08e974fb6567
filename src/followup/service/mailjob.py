"""A centre student's mailbox on the server, synced by the worker (issue 27).

The student sets their mailbox up on the centre (`PUT /api/v1/mailbox`, the Mailbox page):
where the IMAP server is, the login and the password. The settings are checked by the very
checks of the desktop's `followup mail setup` (`service.inbox.check_settings`); the password
is kept only encrypted with the centre's mailbox key (`mailbox.vault`), in the account's own
`mailbox_settings` row, which PostgreSQL's row-level security keeps from every other account.

The worker syncs each mailbox (`sync_account`): nightly, and on demand (the page's Sync
now). It runs as a request of that student would (one transaction, `app.account_id` set), and
through `service.inbox.sync_mailbox`, the same function `followup mail sync` runs. Two
workers never sync one mailbox at once: the sync holds a transaction-level advisory lock of
the account (the second waits, then finds nothing new). A retry logs nothing twice: the sync
skips every Message-ID it has read and starts after the folder's last UID. A mailbox that
fails (a wrong password, a server down) records one line the student reads, and the job
ends there: it never stops another account's sync (each account is its own job).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from followup.core.errors import FollowupError, UsageError

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

    from followup.mailbox.vault import Vault
    from followup.service.centre import Caller

__all__ = ["MailboxView", "SyncOutcome", "accounts_to_sync", "centre_vault", "mailbox_view",
           "remove_mailbox", "set_mailbox", "sync_account", "sync_wanted", "address_problem",
           "reachable_problem"]

log = logging.getLogger("followup.mailjob")

LOCK_CLASS = 0x6D61696C  # pg_advisory_xact_lock(class, account): "mail", the sync's lock
MAX_PASSWORD = 1000
RESULT_MAX = 300  # characters of the last sync's line


@dataclass(frozen=True, slots=True)
class MailboxView:
    """The settings as the student sees them: never the password, only whether one is kept."""

    host: str
    port: int
    security: str
    user: str
    password_stored: bool
    synced_at: datetime | None
    sync_ok: bool | None
    sync_result: str | None

    def to_dict(self) -> dict[str, Any]:
        last = None if self.synced_at is None else {
            "at": self.synced_at.isoformat(timespec="minutes"), "ok": bool(self.sync_ok),
            "result": self.sync_result or ""}
        return {"host": self.host, "port": self.port, "security": self.security,
                "user": self.user, "password_stored": self.password_stored, "last_sync": last}


@dataclass(frozen=True, slots=True)
class SyncOutcome:
    account: int
    synced: bool  # False: not set up, no such account, or it failed (`why` says)
    why: str  # the one line the student reads: the sync's summary, or what went wrong
    unfinished: bool = False  # stopped at its time budget: another job goes on


def centre_vault(files: tuple[str, ...] | list[str] | None) -> Vault:
    """The centre's mailbox keys (`--mailbox-key-file`, current first; none given:
    FOLLOWUP_MAILBOX_KEY_FILE or `mailbox-key` in the config folder): every web process
    and worker loads them at start, a bad file refused then with one line."""
    from followup.mailbox.vault import key_files, load_vault

    return load_vault(key_files(list(files) if files else None))


def _one_line(e: BaseException) -> str:
    text = " ".join(str(e).split()) or type(e).__name__
    return text[:RESULT_MAX]


def _student(caller: Caller) -> None:
    if caller.user.role != "student":
        raise UsageError("only a student's mailbox is synced on the centre")


def _row(conn: Connection, account: int) -> Any:
    from sqlalchemy import select

    from followup.store import schema as s

    m = s.mailbox_settings
    return conn.execute(select(m).where(m.c.account_id == account)).first()


def _view(row: Any) -> MailboxView:
    return MailboxView(row.host, int(row.port), row.security, row.login, bool(row.secret),
                       row.synced_at, row.sync_ok, row.sync_result)


def mailbox_view(caller: Caller) -> MailboxView | None:
    """GET /api/v1/mailbox: the caller's own settings, None when not set up."""
    row = _row(caller.conn, caller.user.account_id)
    return None if row is None else _view(row)


NOT_INTERNET = ("not an address on the internet (a private, local or reserved one); name "
                "your mail provider's IMAP server")


def address_problem(address: str, loopback_ok: bool) -> str | None:
    """Why the centre must not connect to `address` (an IP address; a name: None), or None.

    A student's mailbox is a host on the internet. An address of the centre's own networks
    (private, link-local such as a cloud's metadata service at 169.254.169.254, loopback,
    reserved, multicast) would let a student make the centre's worker knock on its
    neighbours' doors and read what answers in the sync's one-line result (SSRF)."""
    import ipaddress

    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return None  # a name: its addresses are checked when the worker connects
    if ip.is_loopback and loopback_ok:
        return None
    if not ip.is_global or ip.is_multicast:
        return f"{address} is {NOT_INTERNET}"
    return None


def reachable_problem(host: str, port: int, loopback_ok: bool) -> str | None:
    """`address_problem` for every address `host` resolves to, just before the worker
    connects (a name may point anywhere: it is checked as late as can be), or None. A name
    that does not resolve is left to the connection to report, as on the desktop."""
    import socket

    name = host.strip().strip("[]")
    try:
        found = socket.getaddrinfo(name, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return None
    for *_, sockaddr in found:
        if address_problem(str(sockaddr[0]), loopback_ok) is not None:
            return f"{name} resolves to {sockaddr[0]}, {NOT_INTERNET}"
    return None


def _checked(host: str, port: int, security: str, user: str, *, loopback_ok: bool) -> None:
    """The desktop's checks (`inbox.check_settings`), named as the API's fields; and the
    centre's own: no plain-text login, and no server on the centre's own machine unless
    the centre allows it (a student's mailbox must not reach the centre's loopback)."""
    from followup.service.inbox import check_settings, is_loopback

    try:
        check_settings(host, port, user, security, "password")
    except UsageError as e:
        raise UsageError(str(e).removeprefix("--")) from None
    if len(user) > 320 or not user.isprintable():
        raise UsageError("user: one line of at most 320 characters")
    if is_loopback(host) and not loopback_ok:
        raise UsageError(f"host: {host.strip()} is the centre's own machine; name your mail "
                         "provider's IMAP server")
    if (problem := address_problem(host.strip().strip("[]"), loopback_ok)) is not None:
        raise UsageError(f"host: {problem}")
    if security == "none" and not is_loopback(host):
        raise UsageError("security: none would send your password unencrypted; use tls or "
                         "starttls")


def set_mailbox(caller: Caller, vault: Vault, *, host: str, port: int, security: str,
                user: str, password: str | None, loopback_ok: bool = False) -> MailboxView:
    """PUT /api/v1/mailbox: check, then keep the settings and the password (encrypted).

    The password may be left out only to change nothing about where it is sent: a new
    mailbox, another server, port, security or login needs it again, so a stolen session
    can't point the stored password at a server of its choosing."""
    from sqlalchemy import insert, update

    from followup.store import schema as s

    _student(caller)
    _checked(host, port, security, user, loopback_ok=loopback_ok)
    host, user = host.strip(), user.strip()
    if password is not None and (len(password) > MAX_PASSWORD or not password.isprintable()):
        raise UsageError(f"password: one line of at most {MAX_PASSWORD} characters")
    account = caller.user.account_id
    old = _row(caller.conn, account)
    same = old is not None and (old.host, int(old.port), old.security, old.login) == (
        host, port, security, user)
    if not password and not same:
        raise UsageError("password: required for a new mailbox, or when its server, port, "
                         "security or login changes")
    m = s.mailbox_settings
    values: dict[str, Any] = {"host": host, "port": port, "security": security, "login": user,
                              "updated_at": caller.now}
    if password:
        values["secret"] = vault.seal(password)
    if old is not None and not same:  # another mailbox: its folders are read from the start
        _forget_folders(caller)  # (every Message-ID read stays: nothing is logged twice)
    if old is None:
        caller.conn.execute(insert(m).values(account_id=account, **values))
    else:
        if password:  # a new password: the last sync's failure no longer stands
            values.update(synced_at=None, sync_ok=None, sync_result=None)
        caller.conn.execute(update(m).where(m.c.account_id == account).values(**values))
    view = mailbox_view(caller)
    assert view is not None
    return view


def _forget_folders(caller: Caller) -> None:
    from sqlalchemy import delete

    from followup.store import schema as s

    f = s.mail_folders
    caller.conn.execute(delete(f).where(f.c.account_id == caller.user.account_id))


def remove_mailbox(caller: Caller) -> bool:
    """DELETE /api/v1/mailbox: the settings and the encrypted password go, and how far each
    folder was read; what the syncs logged stays in the records (and each Message-ID read,
    so a mailbox set up again logs nothing twice). False when there was nothing to remove."""
    from sqlalchemy import delete

    from followup.store import schema as s

    m = s.mailbox_settings
    done = caller.conn.execute(delete(m).where(m.c.account_id == caller.user.account_id))
    _forget_folders(caller)
    return bool(done.rowcount)


def sync_wanted(caller: Caller) -> bool:
    """Sync now: the caller has a mailbox set up (else a clear error)."""
    _student(caller)
    if _row(caller.conn, caller.user.account_id) is None:
        raise UsageError("mailbox: not set up yet (host, port, security, user, password)")
    return True


def accounts_to_sync(engine: Engine) -> list[int]:
    """Every active student's account, in id order: the night's fan-out, one job each.

    Read from `users` (the identity table) only: whether a student set up a mailbox is in
    their own row, which no one else may read, so each job looks for itself."""
    from sqlalchemy import text

    with engine.connect() as conn:
        return [int(r[0]) for r in conn.execute(text(
            "SELECT account_id FROM users WHERE deactivated_at IS NULL AND role = 'student' "
            "ORDER BY account_id")).all()]


def sync_account(engine: Engine, vault: Vault, account: int, today: date, now: datetime, *,
                 budget: float | None = None, loopback_ok: bool = False) -> SyncOutcome:
    """Sync one student's mailbox into their records, as they would (module docstring).

    `now` (naive, the database's zone) stamps the outcome; `budget`: seconds after which
    the sync stops at a batch's end (`unfinished`: the queue runs another); `loopback_ok`:
    a mailbox on the worker's own machine is allowed (tests, a demo), as the server's."""
    from sqlalchemy import text, update

    from followup.mailbox.imap import ImapSettings
    from followup.service.inbox import sync_mailbox
    from followup.store import schema as s
    from followup.store.centre import RequestStore, set_caller

    with engine.connect() as conn, conn.begin():
        set_caller(conn, account)
        name = conn.execute(text("SELECT name FROM accounts WHERE id = :a"),
                            {"a": account}).scalar()
        if name is None:
            return SyncOutcome(account, False, "no such account")
        if conn.dialect.name == "postgresql":  # held until the commit: one sync at a time
            conn.execute(text("SELECT pg_advisory_xact_lock(:c, :a)"),
                         {"c": LOCK_CLASS, "a": account})
        row = _row(conn, account)
        if row is None:
            return SyncOutcome(account, False, "not set up")
        store = RequestStore(engine, str(name), conn)
        unfinished = False
        saved = conn.begin_nested()
        try:
            if problem := reachable_problem(row.host, int(row.port), loopback_ok):
                raise UsageError(f"host: {problem}")
            secret = vault.open(row.secret)
            settings = ImapSettings(row.host, int(row.port), row.login, row.security,
                                    "password", None)
            report = sync_mailbox(store, settings, secret, today, budget=budget)
            ok, line, unfinished = True, report.summary(), report.unfinished
        except FollowupError as e:  # a wrong password, a server down: said, not raised
            ok, line = False, _one_line(e)
        except Exception as e:  # noqa: BLE001 - one mailbox never stops the worker
            ok, line = False, f"the sync failed ({type(e).__name__}); it is tried again tonight"
        if saved.is_active:
            try:  # what the batches wrote before a failure is kept (each one is whole)
                saved.commit()
            except Exception:  # noqa: BLE001 - the failure broke the savepoint: undone
                saved.rollback()
        if ok and store.writes:  # the records changed: the coach's caseload cards follow
            from followup.service.caseload import refresh_cards

            refresh_cards(store, today)
        values: dict[str, Any] = {"synced_at": now, "sync_ok": ok, "sync_result": line}
        if ok and (fresh := vault.fresh(row.secret)) is not None:
            values["secret"] = fresh  # made with an older key: now under the current one
        m = s.mailbox_settings
        conn.execute(update(m).where(m.c.account_id == account).values(**values))
        if not ok:
            log.warning("mailbox sync of account %s: %s", account, line)
        return SyncOutcome(account, ok, line, unfinished)
