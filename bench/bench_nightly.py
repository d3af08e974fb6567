"""The centre's nightly run: the plan of every account and the morning digest of every
student who opted in, on a synthetic centre (bench/centre_synth.py), with N workers.

    scripts/with-postgres.sh .venv/bin/python bench/bench_nightly.py            # 10,000 x 20
    scripts/with-postgres.sh .venv/bin/python bench/bench_nightly.py --students 1000

Loads the centre into a fresh schema of FOLLOWUP_TEST_DB (or --db, as the owner), makes an
app role with `centre init`, opts every student in (the worst case: one email each), starts
an SMTP server on loopback (aiosmtpd) that counts what it accepts, queues the night's plan
of every account and times `followup worker` processes, side by side, from the queueing
until every plan is recorded and every digest sent (then they are stopped).
`--py-spy PATH` runs the first worker under py-spy (its samples: --py-spy-output).

Besides the wall time it reports the CPU seconds the workers and PostgreSQL spent (the
server's processes read from /proc when it runs on this machine): on a shared machine the
wall time is mostly waiting for a core, the CPU seconds say what an idle one would do.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from centre_synth import Loaded, load  # noqa: E402
from synth import TODAY  # noqa: E402

SENDER = "followup@uni.example"


class Counter:
    def __init__(self) -> None:
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            self.count += 1
        return "250 OK"


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class BenchCentre:
    owner_url: str
    app_url: str
    loaded: Loaded
    postmaster: int | None  # the server's process on this machine (its CPU), else None


def _postmaster(owner_url: str) -> int | None:
    """The PostgreSQL server's main process, when it runs here and /proc shows it."""
    from sqlalchemy import create_engine

    with create_engine(owner_url).connect() as conn:
        backend = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar()
    try:
        stat = Path(f"/proc/{backend}/stat").read_text()
    except OSError:
        return None
    return int(stat.rpartition(")")[2].split()[1])  # the backend's parent


def postgres_cpu(postmaster: int | None) -> float:
    """CPU seconds of the server so far: its main process, the backends and helpers alive
    now, and every child that ended (counted in the main process's cutime/cstime)."""
    if postmaster is None:
        return 0.0
    tick = os.sysconf("SC_CLK_TCK")

    def fields(pid: int | str) -> list[str] | None:
        try:
            return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            return None

    main = fields(postmaster)
    if main is None:
        return 0.0
    total = sum(int(v) for v in main[11:15])  # utime, stime, cutime, cstime
    for pid in os.listdir("/proc"):
        if pid.isdigit() and (f := fields(pid)) is not None and f[1] == str(postmaster):
            total += int(f[11]) + int(f[12])
    return total / tick


@contextmanager
def bench_centre(db: str, students: int, opportunities: int) -> Iterator[BenchCentre]:
    """A synthetic centre in a fresh schema, every student opted in to the digest; the
    schema and the app role dropped on leaving."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from followup.service.centre import init_centre

    schema = f"bench_{uuid.uuid4().hex[:8]}"
    role = f"app_{schema}"
    admin = create_engine(db, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    try:
        owner = make_url(db).update_query_dict({"options": f"-csearch_path={schema}"})
        owner_url = owner.render_as_string(hide_password=False)
        init_centre(owner_url, role, "bench-app")
        app_url = make_url(owner_url).set(username=role, password="bench-app"
                                          ).render_as_string(hide_password=False)
        loaded = load(owner_url, students, opportunities, coaches=max(1, students // 200))
        with create_engine(owner_url).begin() as conn:
            conn.execute(text("INSERT INTO digest_settings (account_id, since) "
                              "SELECT account_id, now() FROM users WHERE role = 'student'"))
            conn.exec_driver_sql("ANALYZE")
        print(f"loaded {len(loaded.students)} students x {opportunities} in "
              f"{loaded.seconds:.0f} s", file=sys.stderr)
        yield BenchCentre(owner_url, app_url, loaded, _postmaster(owner_url))
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
            conn.exec_driver_sql(f"DROP OWNED BY {role}")
            conn.exec_driver_sql(f"DROP ROLE IF EXISTS {role}")
        admin.dispose()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default=os.environ.get("FOLLOWUP_TEST_DB"),
                    help="the owner's PostgreSQL URL (default: FOLLOWUP_TEST_DB)")
    ap.add_argument("--students", type=int, default=10_000)
    ap.add_argument("--opportunities", type=int, default=20)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--concurrency", type=int, default=2, help="jobs at once per worker")
    ap.add_argument("--py-spy", metavar="PATH", help="run the first worker under py-spy record")
    ap.add_argument("--py-spy-output", default="nightly.pyspy.txt",
                    help="where py-spy writes its samples (collapsed stacks)")
    ap.add_argument("--batch", type=int, default=None,
                    help="accounts per nightly job (default: followup.jobs.queue.BATCH)")
    opts = ap.parse_args()
    if not opts.db or not opts.db.startswith("postgresql"):
        raise SystemExit("bench_nightly: a PostgreSQL URL is needed (scripts/with-postgres.sh)")

    from aiosmtpd.controller import Controller
    from sqlalchemy import create_engine, text

    from followup.jobs.queue import BATCH, fan_out, make_app
    from followup.service.centre import centre_engine

    with bench_centre(opts.db, opts.students, opts.opportunities) as centre:
        owner_url, app_url = centre.owner_url, centre.app_url
        counter = Counter()
        port = free_port()
        smtp = Controller(counter, hostname="127.0.0.1", port=port)
        smtp.start()
        engine = centre_engine(app_url)
        queue = make_app(app_url)
        load_before = os.getloadavg()[0]
        pg_before = postgres_cpu(centre.postmaster)
        cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        with queue.open():
            accounts = fan_out(queue, engine, TODAY, opts.batch or BATCH)
        command = [sys.executable, "-m", "followup", "worker", "--db", app_url, "--smtp-host",
                   "127.0.0.1", "--smtp-port", str(port), "--no-smtp-starttls", "--from",
                   SENDER, "--concurrency", str(opts.concurrency), "--no-schedule"]
        workers = []
        for k in range(opts.workers):
            argv = [*command, "--name", f"w{k}"]
            if opts.py_spy and k == 0:  # the first worker under the sampling profiler
                argv = [opts.py_spy, "record", "--format", "raw", "--rate", "200",
                        "--threads", "--output", opts.py_spy_output, "--", *argv]
            workers.append(subprocess.Popen(argv, stderr=subprocess.DEVNULL,
                                            stdout=subprocess.DEVNULL))
        # The workers wait for work, as they do at a centre; they are stopped (SIGTERM, a
        # graceful stop) once every plan is recorded and no job is left to do or doing.
        with create_engine(owner_url).connect() as watch:
            while True:
                time.sleep(0.2)
                left = watch.execute(text(
                    "SELECT (SELECT count(*) FROM procrastinate_jobs WHERE status IN "
                    "('todo', 'doing')) + (SELECT :n - count(*) FROM job_runs WHERE "
                    "kind = 'plan')"), {"n": accounts}).scalar()
                watch.commit()
                if not left or any(w.poll() is not None for w in workers):
                    break
        seconds = time.perf_counter() - started
        for w in workers:
            w.send_signal(signal.SIGINT if opts.py_spy else signal.SIGTERM)
        for w in workers:
            w.wait()
        cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        pg_cpu = postgres_cpu(centre.postmaster) - pg_before
        worker_cpu = (cpu_after.ru_utime + cpu_after.ru_stime
                      - cpu_before.ru_utime - cpu_before.ru_stime)
        load_average = os.getloadavg()[0]
        smtp.stop()
        with create_engine(owner_url).connect() as conn:
            runs = dict(conn.execute(text("SELECT kind, count(*) FROM job_runs "
                                          "GROUP BY kind")).all())
            jobs = dict(conn.execute(text("SELECT status, count(*) FROM procrastinate_jobs "
                                          "GROUP BY status")).all())
        engine.dispose()
    print(json.dumps({"students": len(centre.loaded.students), "accounts": accounts,
                      "opportunities": centre.loaded.opportunities, "workers": opts.workers,
                      "concurrency": opts.concurrency, "batch": opts.batch or BATCH,
                      "seconds": round(seconds, 1),
                      "plans": runs.get("plan", 0), "digest_runs": runs.get("digest", 0),
                      "emails": counter.count, "failed_jobs": jobs.get("failed", 0),
                      "workers_cpu_seconds": round(worker_cpu, 1),
                      "postgres_cpu_seconds": round(pg_cpu, 1),
                      "load_average_before": round(load_before, 2),
                      "load_average": round(load_average, 2)}))


if __name__ == "__main__":
    main()
