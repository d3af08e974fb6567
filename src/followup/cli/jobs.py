"""`followup worker`: one worker of the centre's background work (PostgreSQL job queue).

Run one per process, on as many machines as the work needs, all against the same
database as the app role. The SMTP password is read from FOLLOWUP_SMTP_PASSWORD, never from
the command line.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer

from followup.cli import app


@app.command("worker")
def worker(
    db: Annotated[str, typer.Option(
        "--db", metavar="APP_URL", help="The database, as the app role `centre init` made.")],
    smtp_host: Annotated[str, typer.Option(help="The SMTP server the digests go out by.")],
    sender: Annotated[str, typer.Option(
        "--from", metavar="ADDRESS", help="The digests' From address.")],
    smtp_port: Annotated[int, typer.Option(min=1, max=65535)] = 587,
    smtp_starttls: Annotated[bool, typer.Option(
        help="Require STARTTLS (turn off only for a server on this machine).")] = True,
    smtp_user: Annotated[str | None, typer.Option(help="Log in to the SMTP server as.")] = None,
    smtp_cafile: Annotated[str | None, typer.Option(
        help="A PEM CA bundle to trust for the SMTP server.")] = None,
    tz: Annotated[str, typer.Option(
        "--tz", metavar="ZONE", help="The centre's time zone: the night and morning hours.")
    ] = "UTC",
    concurrency: Annotated[int, typer.Option(min=1, max=32, help="Jobs at once.")] = 2,
    stalled_after: Annotated[float, typer.Option(
        min=1, max=3600, metavar="SECONDS",
        help="A worker silent this long is taken for dead; its jobs go back in the queue.")
    ] = 30.0,
    plan_now: Annotated[bool, typer.Option(
        help="Queue today's plan of every account now, not only at the night hour.")] = False,
    until_empty: Annotated[bool, typer.Option(
        help="Stop once the queue is empty (a one-off run) instead of waiting for work.")
    ] = False,
    schedule: Annotated[bool, typer.Option(
        help="Also queue the night's plan and the mailbox syncs at their hours (off: this "
        "worker runs only what is queued; another worker keeps the clock).")] = True,
    name: Annotated[str | None, typer.Option(help="This worker's name in the logs.")] = None,
    mailbox_key_file: Annotated[list[str] | None, typer.Option(
        "--mailbox-key-file", metavar="PATH",
        help="The key the students' mailbox passwords are encrypted with, the server's "
        "(repeat it while rotating, the current one first). Default: "
        "FOLLOWUP_MAILBOX_KEY_FILE, else mailbox-key in the config folder.")] = None,
    allow_loopback_mailbox: Annotated[bool, typer.Option(
        "--allow-loopback-mailbox", hidden=True,
        help="Sync mailboxes on this very machine (tests, a demo), as the server's option.")
    ] = False,
) -> None:
    """Run the centre's nightly plan, morning digests and the students' mailbox syncs:
    one worker per process.

    Example: followup worker --db postgresql+psycopg://followup_app@db/centre
             --smtp-host mail.uni.example --smtp-user followup --from followup@uni.example
             --tz Europe/Berlin   (the SMTP password in FOLLOWUP_SMTP_PASSWORD)
    """
    import logging
    import math

    from followup.core.errors import UsageError
    from followup.jobs.queue import Runtime, fan_out, make_app
    from followup.jobs.worker import WorkerSettings, run
    from followup.service.nightly import start_worker

    if not math.isfinite(stalled_after):  # click's range lets "nan" through (no comparison holds)
        raise UsageError(f"--stalled-after: {stalled_after} is not a number of seconds (1-3600)")
    setup = start_worker(db, smtp_host=smtp_host, smtp_port=smtp_port,
                         starttls=smtp_starttls, smtp_user=smtp_user, cafile=smtp_cafile,
                         sender=sender, zone=tz)
    from followup.service.mailjob import centre_vault

    runtime = Runtime(setup.engine, setup.mailer, setup.zone,
                      vault=centre_vault(mailbox_key_file),
                      mailbox_loopback=allow_loopback_mailbox)
    if plan_now:
        day = datetime.now(setup.zone).date()
        deferring = make_app(db)
        with deferring.open():
            count = fan_out(deferring, setup.engine, day)
        typer.echo(f"Queued the plan of {day:%Y-%m-%d} for {count} accounts", err=True)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(message)s")
    typer.echo(f"followup worker on the centre's queue, zone {tz} (Ctrl-C to stop)", err=True)
    run(db, runtime, WorkerSettings(name=name, concurrency=concurrency,
                                    stalled_after=stalled_after,
                                    rescue_every=max(stalled_after / 2, 0.5),
                                    wait=not until_empty, schedule=schedule))
