"""One worker process (`followup worker --db APP_URL`): runs the queue's jobs, and with
every other worker brings back the jobs of a worker that died.

A worker writes a heartbeat every `stalled_after / 3` seconds. Every `rescue_every` seconds
it looks for jobs still `doing` under a worker whose heartbeat is older than `stalled_after`
(killed, its machine gone) and puts them back in the queue; any live worker then takes them.
The work itself cannot be done twice (service.nightly's day locks), so bringing back a job
that had half run is safe.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import procrastinate

    from followup.jobs.queue import Runtime

log = logging.getLogger("followup.worker")


@dataclass(frozen=True)
class WorkerSettings:
    name: str | None = None
    concurrency: int = 2  # jobs at once: a job waits on the database and SMTP half the time
    stalled_after: float = 30.0  # seconds without a heartbeat: the worker is taken for dead
    rescue_every: float = 15.0
    wait: bool = True  # False: stop once the queue is empty (the bench, tests)
    signals: bool = True  # Ctrl-C and SIGTERM stop it gracefully (a worker in a thread: no)
    schedule: bool = True  # also queue the hourly ticks (queue.make_app); False: run only


async def rescue_stalled(app: procrastinate.App, stalled_after: float) -> int:
    """Put back in the queue every job whose worker stopped beating; how many."""
    from procrastinate.exceptions import ConnectorException

    manager = app.job_manager
    back = 0
    for job in await manager.get_stalled_jobs(seconds_since_heartbeat=stalled_after):
        try:
            await manager.retry_job(job)  # only while it is still `doing`
        except ConnectorException:
            continue  # another worker brought it back first
        back += 1
        log.warning("job %s (%s) of a stalled worker is back in the queue", job.id,
                    job.task_name)
    return back


async def _rescuing(app: procrastinate.App, settings: WorkerSettings) -> None:
    while True:
        await rescue_stalled(app, settings.stalled_after)
        await asyncio.sleep(settings.rescue_every)


async def run_async(db_url: str, runtime: Runtime, settings: WorkerSettings) -> None:
    from followup.jobs.queue import make_app

    app = make_app(db_url, runtime, schedule=settings.schedule)
    async with app.open_async():
        rescuer = asyncio.create_task(_rescuing(app, settings))
        try:
            await app.run_worker_async(
                name=settings.name or "followup", concurrency=settings.concurrency,
                wait=settings.wait,
                update_heartbeat_interval=max(settings.stalled_after / 3, 0.2),
                stalled_worker_timeout=settings.stalled_after,
                fetch_job_polling_interval=1.0, delete_jobs="successful",
                install_signal_handlers=settings.signals)
        finally:
            rescuer.cancel()


def run(db_url: str, runtime: Runtime, settings: WorkerSettings) -> None:
    asyncio.run(run_async(db_url, runtime, settings))
