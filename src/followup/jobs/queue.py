"""The queue's app and tasks (procrastinate). Each task calls one `service.nightly` use case.

- `followup.nightly` (periodic, hourly): at the night hour of the centre's zone, fans out
  one `followup.plan_account` job per account for that day;
- `followup.plan_account`: the account's plan of the day, recorded once; when the student
  asked for the digest, schedules their `followup.send_digest` at the morning hour;
- `followup.send_digest`: the morning digest, sent once;
- `followup.mail_nightly` (periodic, hourly): at the mail hour, one `followup.sync_mailbox`
  job per student; `followup.sync_mailbox`: one student's mailbox synced into their
  records (service.mailjob), also deferred by the Mailbox page's Sync now (`defer_sync`).

A job's queueing lock (`plan-ACCOUNT-DAY`, `digest-ACCOUNT-DAY`) keeps a second copy out of
the queue while one waits; the `job_runs` row (service.nightly) keeps a copy that got in
anyway, or a retry, from doing the work twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    import procrastinate
    from procrastinate.types import JSONValue
    from sqlalchemy import Engine

    from followup.mailbox.vault import Vault
    from followup.service.nightly import Mailer

NIGHT_HOUR = 2  # the nightly plan, in the centre's zone
MAIL_HOUR = 1  # the mailbox syncs: before the plan, so the night's plan sees the replies
SYNC_BUDGET = 600.0  # seconds of one sync job; a longer first sync goes on in another job
MORNING_HOUR = 7  # the digest goes out then
RETRY = {"max_attempts": 5, "wait": 30, "exponential_wait": 2}  # a failed job, seconds


@dataclass
class Runtime:
    """What the tasks need, given once per worker process."""

    engine: Engine
    mailer: Mailer | None
    zone: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    vault: Vault | None = None  # the centre's mailbox keys: the mailbox syncs need them


def conninfo(url: str) -> str:
    """libpq's URI from the SQLAlchemy URL (`postgresql+psycopg://` -> `postgresql://`)."""
    from sqlalchemy.engine import make_url

    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def morning(day: date, zone: ZoneInfo) -> datetime:
    """When the digest of `day` goes out (aware)."""
    return datetime.combine(day, time(MORNING_HOUR), tzinfo=zone)


def make_app(db_url: str, runtime: Runtime | None = None) -> procrastinate.App:
    """The queue on the centre's database; with a `runtime`, the tasks can run too (a
    worker); without, jobs can only be deferred."""
    import procrastinate
    from procrastinate.exceptions import AlreadyEnqueued

    app = procrastinate.App(connector=procrastinate.PsycopgConnector(
        conninfo=conninfo(db_url), min_size=1, max_size=4))

    def need() -> Runtime:
        if runtime is None:
            raise RuntimeError("this queue app defers jobs only; a worker runs them")
        return runtime

    def local_now(rt: Runtime) -> datetime:
        return rt.clock().astimezone(rt.zone)

    @app.task(name="followup.plan_account", queue="nightly",
              retry=procrastinate.RetryStrategy(**RETRY))  # type: ignore[arg-type]
    def plan_account(account: int, day: str) -> dict[str, Any]:
        from followup.service.nightly import plan_account as plan

        rt = need()
        the_day = date.fromisoformat(day)
        done = plan(rt.engine, account, the_day, local_now(rt).replace(tzinfo=None))
        if done.digest:  # the digest's own lock stops a second send; this, a second job
            try:
                send_digest.configure(
                    queueing_lock=f"digest-{account}-{day}",
                    schedule_at=max(morning(the_day, rt.zone), rt.clock()),
                ).defer(account=account, day=day)
            except AlreadyEnqueued:
                pass
        return {"recorded": done.recorded, "due": done.due, "digest": done.digest}

    @app.task(name="followup.send_digest", queue="digest",
              retry=procrastinate.RetryStrategy(**RETRY))  # type: ignore[arg-type]
    def send_digest(account: int, day: str) -> dict[str, Any]:
        from followup.service.nightly import send_digest as send

        rt = need()
        if rt.mailer is None:
            raise RuntimeError("no SMTP server: start the worker with --smtp-host")
        done = send(rt.engine, account, date.fromisoformat(day), local_now(rt), rt.mailer)
        return {"sent": done.sent, "why": done.why}

    @app.periodic(cron="0 * * * *", periodic_id="hourly")
    @app.task(name="followup.nightly", queue="nightly", queueing_lock="nightly")
    def nightly(timestamp: int) -> dict[str, Any]:
        rt = need()
        at = datetime.fromtimestamp(timestamp, rt.zone)
        if at.hour != NIGHT_HOUR:
            return {"planned": 0}
        return {"planned": fan_out(app, rt.engine, at.date())}

    @app.task(name="followup.sync_mailbox", queue="mailbox",
              retry=procrastinate.RetryStrategy(**RETRY))  # type: ignore[arg-type]
    def sync_mailbox(account: int) -> dict[str, Any]:
        from followup.service.mailjob import sync_account

        rt = need()
        if rt.vault is None:
            raise RuntimeError("no mailbox key: start the worker with --mailbox-key-file")
        now = local_now(rt)
        done = sync_account(rt.engine, rt.vault, account, now.date(),
                            now.replace(tzinfo=None), budget=SYNC_BUDGET)
        if done.unfinished:  # a long first sync: the rest in another job, not a retry
            defer_sync(app, account)
        return {"synced": done.synced, "why": done.why}

    @app.periodic(cron="0 * * * *", periodic_id="mail-hourly")
    @app.task(name="followup.mail_nightly", queue="mailbox", queueing_lock="mail-nightly")
    def mail_nightly(timestamp: int) -> dict[str, Any]:
        rt = need()
        if datetime.fromtimestamp(timestamp, rt.zone).hour != MAIL_HOUR:
            return {"queued": 0}
        return {"queued": fan_out_mail(app, rt.engine)}

    return app


def defer_sync(app: procrastinate.App, account: int) -> bool:
    """Queue one sync of the account's mailbox; False when one is waiting already (its
    queueing lock: a second click, or the night's, adds nothing)."""
    from procrastinate.exceptions import AlreadyEnqueued

    try:
        app.tasks["followup.sync_mailbox"].configure(
            queueing_lock=f"mail-{account}").defer(account=account)
    except AlreadyEnqueued:
        return False
    return True


def fan_out_mail(app: procrastinate.App, engine: Engine) -> int:
    """One `sync_mailbox` job per student (service.mailjob.accounts_to_sync)."""
    from procrastinate.exceptions import AlreadyEnqueued

    from followup.service.mailjob import accounts_to_sync

    queued = 0
    for account in accounts_to_sync(engine):
        try:
            app.tasks["followup.sync_mailbox"].configure(
                queueing_lock=f"mail-{account}").defer(account=account)
        except AlreadyEnqueued:
            continue
        queued += 1
    return queued


def fan_out(app: procrastinate.App, engine: Engine, day: date) -> int:
    """One `plan_account` job per account for `day` (the accounts: service.nightly)."""
    from followup.service.nightly import accounts_to_plan

    accounts = accounts_to_plan(engine)
    task = app.tasks["followup.plan_account"]
    for start in range(0, len(accounts), 1000):
        batch: list[dict[str, JSONValue]] = [{"account": a, "day": day.isoformat()}
                                             for a in accounts[start:start + 1000]]
        task.batch_defer(*batch)
    return len(accounts)


__all__ = ["MAIL_HOUR", "MORNING_HOUR", "NIGHT_HOUR", "Runtime", "conninfo", "defer_sync",
           "fan_out", "fan_out_mail", "make_app", "morning"]
