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
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from followup.core.digest import DueStep, digest_text
from followup.core.errors import UsageError

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

    from followup.mail.outgoing import SmtpSettings
    from followup.service.centre import Caller

__all__ = ["DigestOutcome", "Mailer", "PlanOutcome", "accounts_to_plan", "digest_wanted",
           "WorkerSetup", "plan_account", "send_digest", "set_digest", "start_worker"]

PLAN, DIGEST = "plan", "digest"  # job_runs.kind


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
    """Every account with an active user, in id order: the nightly fan-out (one job per
    account); a deactivated account's board is locked, so it is neither planned nor mailed.

    Read from `users`, the identity table the app role reads before any account is set;
    no record of anyone's search is read here."""
    from sqlalchemy import text

    with engine.connect() as conn:
        return [int(r[0]) for r in conn.execute(text(
            "SELECT account_id FROM users WHERE deactivated_at IS NULL "
            "ORDER BY account_id")).all()]


def _due_today(conn: Connection, engine: Engine, name: str, day: date) -> tuple[int, int,
                                                                                 list[DueStep]]:
    """(opportunities, overdue, the steps due `day`), planned as `followup today` plans."""
    from followup.core.planner import State
    from followup.service.contexts import Context
    from followup.service.planning import agenda
    from followup.store.centre import RequestStore

    found = agenda(Context(RequestStore(engine, name, conn), day), days=0)
    steps = [DueStep(c.opportunity.id, c.opportunity.company, c.opportunity.role,
                     a.kind.value, a.to, a.due, tuple(a.rules))
             for c, a in found.sections["due"]]
    overdue = sum(1 for p in found.plans for a in p.actions[:1] if a.state is State.OVERDUE)
    return len(found.plans), overdue, steps


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


def plan_account(engine: Engine, account: int, day: date, now: datetime) -> PlanOutcome:
    """The nightly plan of one account for `day`: recorded once (the day's lock row), with
    the steps due that day, which the morning digest sends."""
    with engine.connect() as conn, conn.begin():
        name = _begin_as(conn, account)
        if name is None:
            return PlanOutcome(account, False, 0, False)
        opportunities, overdue, steps = _due_today(conn, engine, name, day)
        recorded = _take(conn, account, day, PLAN, now, {
            "opportunities": opportunities, "overdue": overdue,
            "due": [s.to_dict() for s in steps]})
        if recorded:  # the coach's caseload reads the night's plan (service.caseload, 27)
            from followup.service.caseload import refresh_cards
            from followup.store.centre import RequestStore

            refresh_cards(RequestStore(engine, name, conn), day)
        # A digest only when something is due: no empty mail, no job for nothing.
        wanted = bool(steps) and _wants_digest(conn, account)
        return PlanOutcome(account, recorded, len(steps), wanted)


def _planned_steps(conn: Connection, engine: Engine, account: int, name: str,
                   day: date) -> list[DueStep]:
    """The steps the night's plan found due `day`; planned now if the night's run is missing."""
    from sqlalchemy import text

    row = conn.execute(text("SELECT result FROM job_runs WHERE account_id = :a AND day = :d "
                            "AND kind = :k"), {"a": account, "d": day, "k": PLAN}).first()
    if row is not None:
        try:
            return [DueStep.from_dict(d) for d in json.loads(row[0])["due"]]
        except (KeyError, TypeError, ValueError, AttributeError):
            pass  # a record this version can't read (hand-edited, older): planned again
    return _due_today(conn, engine, name, day)[2]


def send_digest(engine: Engine, account: int, day: date, now: datetime,
                mailer: Mailer) -> DigestOutcome:
    """The morning digest of `day` to one student who opted in: the steps due that day and
    nothing else, sent once whatever the queue repeats (module docstring). `now` is aware
    (the mail's Date); the database keeps it naive, in its own zone."""
    from sqlalchemy import text

    from followup.core.limits import clean_line
    from followup.mail.outgoing import Draft, build_message, send, to_bytes

    with engine.connect() as conn, conn.begin():
        name = _begin_as(conn, account)
        if name is None:
            return DigestOutcome(account, False, "no such account")
        if not _wants_digest(conn, account):
            return DigestOutcome(account, False, "not opted in")
        steps = _planned_steps(conn, engine, account, name, day)
        result = {"due": len(steps), "to": name}
        if not _take(conn, account, day, DIGEST, now.replace(tzinfo=None), result):
            return DigestOutcome(account, False, "sent already")
        if not steps:  # recorded, so a retry does not look again; no empty mail
            return DigestOutcome(account, False, "nothing due")
        user = conn.execute(text("SELECT name FROM users WHERE account_id = :a"),
                            {"a": account}).first()
        # The student's name as stored may hold anything an older version let in: cleaned
        # to one line here, so a name "Ada\r\nBcc: ..." neither injects a header nor stops
        # the digest (build_message refuses a line break in a name).
        who = clean_line(str(user[0]) if user else "", 80)
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
