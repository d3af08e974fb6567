"""The centre's background work (`followup worker`): the nightly plan of every account and
the morning digest. The job queue (`followup.jobs`) only calls these; they decide.

Every call is one transaction on the app's role with the account set first (`SET LOCAL
app.account_id`), exactly as a request of that student would be: PostgreSQL's policies, not
the worker, decide what it reads and writes. The lock of a day's work is a unique row of
`job_runs` (account, day, kind), inserted in the transaction that records the work's result:

- a duplicated or retried plan job records nothing twice (`ON CONFLICT DO NOTHING`);
- a digest holds its lock row (uncommitted) while the mail goes out, so a second job of the
  same digest waits on the unique index and then finds it taken: one email. A failed send
  rolls the lock back and the queue's retry sends it later. The one window left is a worker
  dying after the SMTP server accepted the mail and before the commit: then the retry sends
  it again, with the same Message-ID (`<digest-ACCOUNT-DAY@...>`) so a mail store can drop
  the copy (at least once, never silently lost).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Generic, TypeVar
from zoneinfo import ZoneInfo

from followup.core.digest import DueStep, digest_text
from followup.core.errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from sqlalchemy import Connection, Engine

    from followup.mail.outgoing import SmtpSettings
    from followup.service.centre import Caller
    from followup.service.planning import Agenda
    from followup.store.account import Account

__all__ = ["Batch", "DigestOutcome", "Mailer", "PlanOutcome", "accounts_to_plan", "digest_wanted",
           "WorkerSetup", "plan_account", "plan_accounts", "send_digest", "send_digests",
           "set_digest", "start_worker"]

PLAN, DIGEST = "plan", "digest"  # job_runs.kind
log = logging.getLogger("followup.worker")
Outcome = TypeVar("Outcome")


@dataclass(frozen=True, slots=True)
class PlanOutcome:
    account: int
    recorded: bool  # False: today's plan was recorded already (a duplicate or a retry)
    due: int  # steps due today
    digest: bool  # something is due and the student wants the digest: the queue schedules it


@dataclass(frozen=True, slots=True)
class DigestOutcome:
    account: int
    sent: bool
    why: str  # "sent", "not opted in", "sent already", "nothing due", "no such account"


@dataclass(frozen=True, slots=True)
class Batch(Generic[Outcome]):
    """What a batch of accounts came to: the outcome of each account done, and each one
    that failed (its id and the error's kind: no record text, it goes to the logs)."""

    outcomes: list[Outcome]
    failed: list[tuple[int, str]]


@dataclass(frozen=True, slots=True)
class Mailer:
    """Where the digests go out: the centre's SMTP server and its sender address."""

    smtp: SmtpSettings
    sender: str
    password: str | None = None


def _begin_as(conn: Connection, account: int) -> str | None:
    """Set the transaction's account; the account's name (its email), None if none."""
    from sqlalchemy import text

    from followup.store.centre import set_caller

    set_caller(conn, account)
    row = conn.execute(text("SELECT name FROM accounts WHERE id = :a"), {"a": account}).first()
    return None if row is None else str(row[0])


def accounts_to_plan(engine: Engine) -> list[int]:
    """Every account with an active user, in id order: the nightly fan-out; a deactivated
    account's board is locked, so it is neither planned nor mailed.

    Read from `users`, the identity table the app role reads before any account is set;
    no record of anyone's search is read here."""
    from sqlalchemy import text

    with engine.connect() as conn:
        return [int(r[0]) for r in conn.execute(text(
            "SELECT account_id FROM users WHERE deactivated_at IS NULL "
            "ORDER BY account_id")).all()]


def _due(found: Agenda) -> tuple[int, int, list[DueStep]]:
    """(opportunities, overdue, the steps due that day) of the day's agenda, as `followup
    today` shows them."""
    from followup.core.planner import State

    steps = [DueStep(c.opportunity.id, c.opportunity.company, c.opportunity.role,
                     a.kind.value, a.to, a.due, tuple(a.rules))
             for c, a in found.sections["due"]]
    overdue = sum(1 for p in found.plans for a in p.actions[:1] if a.state is State.OVERDUE)
    return len(found.plans), overdue, steps


def _plan(conn: Connection, engine: Engine, whole: Account, name: str, day: date, *,
          cards: bool) -> tuple[int, int, list[DueStep]]:
    """The account (read whole, store.account) planned for `day` on `conn`'s transaction:
    every case planned once (the plans kept, and with `cards` the caseload's cards written,
    from the same snapshot); `_due` of its agenda."""
    from followup.service.contexts import Context
    from followup.service.planning import agenda
    from followup.service.snapshot import take_snapshot
    from followup.store.account import AccountStore

    store = AccountStore(engine, name, conn, whole)
    snapshot = take_snapshot(store, day)
    found = agenda(Context(store, day), days=0, snapshot=snapshot)
    if cards:  # the coach's caseload reads the night's plan (service.caseload, 27)
        from followup.service.caseload import refresh_cards

        refresh_cards(store, day, snapshot=snapshot)
    return _due(found)


def _wants_digest(conn: Connection, account: int) -> bool:
    from sqlalchemy import text

    return conn.execute(text("SELECT 1 FROM digest_settings WHERE account_id = :a"),
                        {"a": account}).first() is not None


def _take(conn: Connection, account: int, day: date, kind: str, now: datetime,
          result: dict[str, Any]) -> bool:
    """Insert the lock row of (account, day, kind) with its result; False if taken.

    A concurrent transaction holding the same row makes this wait until it ends."""
    from sqlalchemy import text

    row = conn.execute(text(
        "INSERT INTO job_runs (account_id, day, kind, at, result) VALUES (:a, :d, :k, :now, :r) "
        "ON CONFLICT (account_id, day, kind) DO NOTHING RETURNING id"),
        {"a": account, "d": day, "k": kind, "now": now, "r": json.dumps(result)}).first()
    return row is not None


# The first round trip of an account's night: its account set, its name, the day's lock row
# taken (nothing inserted for an account gone: the row's key would name no account), the
# result recorded by an earlier run when it was taken already, and the digest's opt-in.
_START = (
    "SELECT set_config('app.account_id', :a, true)",
    "SELECT name FROM accounts WHERE id = :acc",
    "INSERT INTO job_runs (account_id, day, kind, at, result) SELECT :acc, :d, :k, :now, '{}'"
    " WHERE EXISTS (SELECT 1 FROM accounts WHERE id = :acc)"
    " ON CONFLICT (account_id, day, kind) DO NOTHING RETURNING id",
    "SELECT result FROM job_runs WHERE account_id = :acc AND day = :d AND kind = :k",
    "SELECT 1 AS wanted FROM digest_settings WHERE account_id = :acc",
)
_RECORD = "UPDATE job_runs SET result = :r WHERE id = :id"


def _recorded_due(result: str) -> int:
    """How many steps an earlier run of the day found due (0 when its record is unreadable:
    the digest then plans again, `_planned_steps`)."""
    try:
        due = json.loads(result)["due"]
    except (KeyError, TypeError, ValueError):
        return 0
    return len(due) if isinstance(due, list) else 0


def plan_accounts(engine: Engine, accounts: Sequence[int], day: date,
                  now: datetime) -> Batch[PlanOutcome]:
    """The nightly plan of each account for `day`, one transaction per account (a batch of
    the nightly fan-out: one queue job for many accounts). Each account's day lock row is
    inserted first, in the transaction that records its plan, so a batch run again (a
    retry, a duplicate, a worker that died halfway) redoes none of the accounts done. An
    account that fails leaves nothing of its night and does not stop the others."""
    return _each(engine, accounts, lambda conn, account: _plan_one(conn, engine, account, day,
                                                                   now), "night's plan")


def _each(engine: Engine, accounts: Sequence[int], work: Callable[[Connection, int], Outcome],
          what: str, *, stop: type[Exception] | None = None) -> Batch[Outcome]:
    """`work` for each account in turn, on one connection (one pool checkout, one ping, for
    the batch); an account that fails is noted and the next one gets a fresh connection.
    An error of the type `stop` ends the batch there: the accounts left are failed too."""
    outcomes: list[Outcome] = []
    failed: list[tuple[int, str]] = []
    conn: Connection | None = None
    try:
        for n, account in enumerate(accounts):
            if conn is None:
                conn = engine.connect()
            try:
                outcomes.append(work(conn, account))
            except Exception as e:  # noqa: BLE001 - one account's failure is that account's
                log.warning("the %s of account %s failed: %s", what, account,
                            type(e).__name__)
                conn.close()
                conn = None
                if stop is not None and isinstance(e, stop):
                    failed.extend((a, type(e).__name__) for a in accounts[n:])
                    break
                failed.append((account, type(e).__name__))
    finally:
        if conn is not None:
            conn.close()
    return Batch(outcomes, failed)


def _plan_one(conn: Connection, engine: Engine, account: int, day: date,
              now: datetime) -> PlanOutcome:
    from followup.store.account import pipelined, read_account

    with conn.begin():
        params = {"a": str(account), "acc": account, "d": day, "k": PLAN, "now": now}
        # One round trip: the lock row and the whole account (read for nothing only when
        # the account's night was done already: a duplicate or a retry)
        whole, (_, name, taken, result, wants) = read_account(
            conn, account, before=[(sql, params) for sql in _START])
        if not name:
            return PlanOutcome(account, False, 0, False)
        if not taken:  # done already: nothing redone; its digest is still asked for
            due = _recorded_due(result[0]["result"]) if result else 0
            return PlanOutcome(account, False, due, bool(due) and bool(wants))
        opportunities, overdue, steps = _plan(conn, engine, whole, str(name[0]["name"]), day,
                                              cards=True)
        pipelined(conn, [(_RECORD, {"id": taken[0]["id"], "r": json.dumps({
            "opportunities": opportunities, "overdue": overdue,
            "due": [s.to_dict() for s in steps]})})])
        # A digest only when something is due: no empty mail, no job for nothing.
        return PlanOutcome(account, True, len(steps), bool(steps) and bool(wants))


def plan_account(engine: Engine, account: int, day: date, now: datetime) -> PlanOutcome:
    """The nightly plan of one account for `day`: recorded once (the day's lock row), with
    the steps due that day, which the morning digest sends."""
    with engine.connect() as conn:
        return _plan_one(conn, engine, account, day, now)


def _planned_steps(conn: Connection, engine: Engine, account: int, name: str,
                   result: str | None, day: date) -> list[DueStep]:
    """The steps the night's plan found due `day` (its recorded `result`); planned now if
    the night's run is missing or unreadable."""
    if result is not None:
        try:
            return [DueStep.from_dict(d) for d in json.loads(result)["due"]]
        except (KeyError, TypeError, ValueError, AttributeError):
            pass  # a record this version can't read (hand-edited, older): planned again
    from followup.store.account import read_account

    return _plan(conn, engine, read_account(conn, account)[0], name, day, cards=False)[2]


# The digest's first round trip: its account set, its name, the opt-in, the night's record
# and the student's name.
_DIGEST_START = (
    "SELECT set_config('app.account_id', :a, true)",
    "SELECT name FROM accounts WHERE id = :acc",
    "SELECT 1 AS wanted FROM digest_settings WHERE account_id = :acc",
    "SELECT result FROM job_runs WHERE account_id = :acc AND day = :d AND kind = 'plan'",
    "SELECT name FROM users WHERE account_id = :acc",
)


def send_digests(engine: Engine, accounts: Sequence[int], day: date, now: datetime,
                 mailer: Mailer) -> Batch[DigestOutcome]:
    """The morning digests of a batch of accounts, each sent once in its own transaction
    (`send_digest`). The SMTP server failing stops the batch there (the rest would fail
    too: each waiting for its timeout); an account that fails otherwise does not stop the
    others. Either way the queue's retry sends only the ones not sent."""
    from followup.mail.outgoing import MailError

    return _each(engine, accounts, lambda conn, account: _send_one(conn, engine, account, day,
                                                                   now, mailer),
                 "digest", stop=MailError)


def send_digest(engine: Engine, account: int, day: date, now: datetime,
                mailer: Mailer) -> DigestOutcome:
    """The morning digest of `day` to one student who opted in: the steps due that day and
    nothing else, sent once whatever the queue repeats (module docstring). `now` is aware
    (the mail's Date); the database keeps it naive, in its own zone."""
    with engine.connect() as conn:
        return _send_one(conn, engine, account, day, now, mailer)


def _send_one(conn: Connection, engine: Engine, account: int, day: date, now: datetime,
              mailer: Mailer) -> DigestOutcome:
    from followup.core.limits import clean_line
    from followup.mail.outgoing import Draft, build_message, send, to_bytes
    from followup.store.account import pipelined

    with conn.begin():
        params = {"a": str(account), "acc": account, "d": day}
        _, named, wants, night, user = pipelined(conn, [(sql, params) for sql in _DIGEST_START])
        if not named:
            return DigestOutcome(account, False, "no such account")
        name = str(named[0]["name"])
        if not wants:
            return DigestOutcome(account, False, "not opted in")
        steps = _planned_steps(conn, engine, account, name,
                               str(night[0]["result"]) if night else None, day)
        result = {"due": len(steps), "to": name}
        if not _take(conn, account, day, DIGEST, now.replace(tzinfo=None), result):
            return DigestOutcome(account, False, "sent already")
        if not steps:  # recorded, so a retry does not look again; no empty mail
            return DigestOutcome(account, False, "nothing due")
        # The student's name as stored may hold anything an older version let in: cleaned
        # to one line here, so a name "Ada\r\nBcc: ..." neither injects a header nor stops
        # the digest (build_message refuses a line break in a name).
        who = clean_line(str(user[0]["name"]) if user else "", 80)
        subject, body = digest_text(who, day, steps)
        msg = build_message(Draft(subject, body), to_name=who or None,
                            to_email=name, from_name="followup", from_email=mailer.sender,
                            date=now)
        del msg["Message-ID"]
        msg["Message-ID"] = (f"<digest-{account}-{day.isoformat()}@"
                             f"{mailer.sender.rpartition('@')[2]}>")
        send(to_bytes(msg), sender=mailer.sender, recipients=[name], settings=mailer.smtp,
             password=mailer.password)
        return DigestOutcome(account, True, "sent")


def digest_wanted(engine: Engine, account: int) -> bool:
    """Whether the student asked for the digest (read under their own account)."""
    with engine.connect() as conn, conn.begin():
        _begin_as(conn, account)
        return _wants_digest(conn, account)


def set_digest(caller: Caller, on: bool) -> bool:
    """PUT /api/v1/digest: the caller (a student) turns the morning digest on or off."""
    from sqlalchemy import text

    if caller.user.role != "student":
        raise UsageError("only a student gets the morning digest")
    if on:
        caller.conn.execute(text("INSERT INTO digest_settings (account_id, since) "
                                 "VALUES (:a, :now) ON CONFLICT (account_id) DO NOTHING"),
                            {"a": caller.user.account_id, "now": caller.now})
    else:
        caller.conn.execute(text("DELETE FROM digest_settings WHERE account_id = :a"),
                            {"a": caller.user.account_id})
    return on


@dataclass(frozen=True)
class WorkerSetup:
    engine: Engine
    mailer: Mailer
    zone: ZoneInfo


def start_worker(db: str, *, smtp_host: str, smtp_port: int, starttls: bool,
                 smtp_user: str | None, cafile: str | None, sender: str,
                 zone: str) -> WorkerSetup:
    """`followup worker`: every setting checked (one line naming the option) before any
    job runs; the database as the app role, at the current schema."""
    from zoneinfo import ZoneInfoNotFoundError

    from followup.core.addresses import check_email
    from followup.core.limits import host_problem, show, zone_problem
    from followup.mail.outgoing import SmtpSettings, smtp_password
    from followup.mail.tls import cafile_problem
    from followup.service.centre import centre_engine

    if zone_problem(zone) or not zone.strip():  # "America" is a directory: OSError
        raise UsageError(f"--tz: not a time zone {show(zone)} (e.g. Europe/Berlin)")
    try:
        where = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise UsageError(f"--tz: not a time zone {show(zone)} (e.g. Europe/Berlin)") from None
    address = check_email(sender, "--from")
    if problem := host_problem(smtp_host):
        raise UsageError(f"--smtp-host: {problem}")
    if cafile and (problem := cafile_problem(cafile)):  # checked now, not at each send
        raise UsageError(f"--smtp-cafile: {problem}")
    smtp = SmtpSettings(smtp_host.strip(), smtp_port, starttls, smtp_user or None,
                        cafile=cafile)
    password = smtp_password(smtp)
    return WorkerSetup(centre_engine(db), Mailer(smtp, address, password), where)
