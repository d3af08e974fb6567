"""The queue's app and tasks (procrastinate). Each task calls one `service.nightly` use case.

- `followup.nightly` (periodic, hourly): at the night hour of the centre's zone, fans out
  one `followup.plan_accounts` job per batch of BATCH accounts for that day (a job per
  account would spend more on the queue's round trips than on the account: bench/results.md);
- `followup.plan_accounts`: each account's plan of the day, recorded once (one transaction
  per account); the students among them who asked for the digest and have something due
  get one `followup.send_digests` job, scheduled at the morning hour;
- `followup.send_digests`: their morning digests, each sent once;
- `followup.plan_account`, `followup.send_digest`: the same for one account (jobs an
  earlier version queued, and a digest sent by hand);
- `followup.mail_nightly` (periodic, hourly): at the mail hour, one `followup.sync_mailbox`
  job per student; `followup.sync_mailbox`: one student's mailbox synced into their
  records (service.mailjob), also deferred by the Mailbox page's Sync now (`defer_sync`).

The `job_runs` row of each account, day and kind (service.nightly) keeps a duplicated job,
a retry or a batch that a dead worker left halfway from doing any account's work twice; a
digest job's queueing lock keeps a second copy out of the queue while one waits. A batch in
which some accounts failed records the others and fails, so the queue's retry runs it again:
it redoes only the failed ones.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence
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

log = logging.getLogger("followup.worker")

NIGHT_HOUR = 2  # the nightly plan, in the centre's zone
MAIL_HOUR = 1  # the mailbox syncs: before the plan, so the night's plan sees the replies
SYNC_BUDGET = 600.0  # seconds of one sync job; a longer first sync goes on in another job
MORNING_HOUR = 7  # the digest goes out then
RETRY = {"max_attempts": 5, "wait": 30, "exponential_wait": 2}  # a failed job, seconds
BATCH = 100  # accounts per nightly job: ~1 s of work, 100 jobs for 10,000 accounts


@dataclass
class Runtime:
    """What the tasks need, given once per worker process."""

    engine: Engine
    mailer: Mailer | None
    zone: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    vault: Vault | None = None  # the centre's mailbox keys: the mailbox syncs need them
    mailbox_loopback: bool = False  # a mailbox on this machine (tests, a demo): else refused


def conninfo(url: str) -> str:
    """libpq's URI from the SQLAlchemy URL (`postgresql+psycopg://` -> `postgresql://`)."""
    from sqlalchemy.engine import make_url

    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def morning(day: date, zone: ZoneInfo) -> datetime:
    """When the digest of `day` goes out (aware)."""
    return datetime.combine(day, time(MORNING_HOUR), tzinfo=zone)


def make_app(db_url: str, runtime: Runtime | None = None, *,
             schedule: bool = True) -> procrastinate.App:
    """The queue on the centre's database; with a `runtime`, the tasks can run too (a
    worker); without, jobs can only be deferred. With `schedule`, a worker of this app also
    queues the hourly ticks (the night's plan, the mail syncs) from the wall clock; without,
    it runs only what is queued: the ticks are left to the centre's other workers, and a
    test that drives the night by hand is not joined by the real night (a suite run at
    02:00 UTC planned the real day beside the test's)."""
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

    def defer_digests(rt: Runtime, accounts: Sequence[int], day: str) -> None:
        """One job for the digests of `accounts` on `day`, at the morning hour; its lock
        (the day and the accounts) keeps a retried batch from queueing a second copy."""
        if not accounts:
            return
        key = hashlib.sha256(",".join(map(str, sorted(accounts))).encode()).hexdigest()[:16]
        try:
            send_digests.configure(
                queueing_lock=f"digests-{day}-{key}",
                schedule_at=max(morning(date.fromisoformat(day), rt.zone), rt.clock()),
            ).defer(accounts=list(accounts), day=day)
        except AlreadyEnqueued:
            pass

    @app.task(name="followup.plan_accounts", queue="nightly",
              retry=procrastinate.RetryStrategy(**RETRY))  # type: ignore[arg-type]
    def plan_accounts(accounts: list[int], day: str) -> dict[str, Any]:
        from followup.service.nightly import plan_accounts as plan

        rt = need()
        done = plan(rt.engine, accounts, date.fromisoformat(day),
                    local_now(rt).replace(tzinfo=None))
        defer_digests(rt, [o.account for o in done.outcomes if o.digest], day)
        if done.failed:  # recorded the others; the retry redoes only these
            raise RuntimeError(f"{len(done.failed)} of {len(accounts)} accounts failed: "
                               + ", ".join(f"{a} ({why})" for a, why in done.failed[:10]))
        return {"recorded": sum(o.recorded for o in done.outcomes),
                "digests": sum(o.digest for o in done.outcomes)}

    @app.task(name="followup.send_digests", queue="digest",
              retry=procrastinate.RetryStrategy(**RETRY))  # type: ignore[arg-type]
    def send_digests(accounts: list[int], day: str) -> dict[str, Any]:
        from followup.service.nightly import send_digests as send

        rt = need()
        if rt.mailer is None:
            raise RuntimeError("no SMTP server: start the worker with --smtp-host")
        done = send(rt.engine, accounts, date.fromisoformat(day), local_now(rt), rt.mailer)
        if done.failed:
            raise RuntimeError(f"{len(done.failed)} of {len(accounts)} digests not sent: "
                               + ", ".join(f"{a} ({why})" for a, why in done.failed[:10]))
        return {"sent": sum(o.sent for o in done.outcomes)}

    @app.task(name="followup.send_digest", queue="digest",
              retry=procrastinate.RetryStrategy(**RETRY))  # type: ignore[arg-type]
    def send_digest(account: int, day: str) -> dict[str, Any]:
        from followup.service.nightly import send_digest as send

        rt = need()
        if rt.mailer is None:
            raise RuntimeError("no SMTP server: start the worker with --smtp-host")
        done = send(rt.engine, account, date.fromisoformat(day), local_now(rt), rt.mailer)
        return {"sent": done.sent, "why": done.why}

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
                            now.replace(tzinfo=None), budget=SYNC_BUDGET,
                            loopback_ok=rt.mailbox_loopback)
        if done.unfinished:  # a long first sync: the rest in another job, not a retry
            defer_sync(app, account)
        return {"synced": done.synced, "why": done.why}

    @app.task(name="followup.mail_nightly", queue="mailbox", queueing_lock="mail-nightly")
    def mail_nightly(timestamp: int) -> dict[str, Any]:
        rt = need()
        if datetime.fromtimestamp(timestamp, rt.zone).hour != MAIL_HOUR:
            return {"queued": 0}
        return {"queued": fan_out_mail(app, rt.engine)}

    if schedule:
        app.periodic(cron="0 * * * *", periodic_id="hourly")(nightly)
        app.periodic(cron="0 * * * *", periodic_id="mail-hourly")(mail_nightly)
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


def fan_out(app: procrastinate.App, engine: Engine, day: date, batch: int = BATCH) -> int:
    """One `plan_accounts` job per `batch` accounts (in id order) for `day`, all queued in
    one statement; how many accounts (the accounts: service.nightly)."""
    from followup.service.nightly import accounts_to_plan

    if batch < 1:
        raise ValueError(f"batch: 1 account or more, not {batch}")
    accounts = accounts_to_plan(engine)
    jobs: list[dict[str, JSONValue]] = [
        {"accounts": list(accounts[start:start + batch]), "day": day.isoformat()}
        for start in range(0, len(accounts), batch)]
    if jobs:
        app.tasks["followup.plan_accounts"].batch_defer(*jobs)
    return len(accounts)


__all__ = ["BATCH", "MAIL_HOUR", "MORNING_HOUR", "NIGHT_HOUR", "Runtime", "conninfo",
           "defer_sync", "fan_out", "fan_out_mail", "make_app", "morning"]
