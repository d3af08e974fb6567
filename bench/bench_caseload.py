"""The coach's caseload page at load: 50 coaches at once on a 10,000-student centre.

On a PostgreSQL the caller owns (`scripts/with-postgres.sh` makes a throwaway one):
`centre init` with an app role, bench/centre_synth.py's centre (10,000 students x 20
opportunities, 50 coaches of 200 students each, their caseload cards planned), then
`followup server`'s app in a child process of its own (uvicorn, `--workers` processes on
one port, on loopback, its day fixed to the synthetic data's), and here, in this process,
one signed-in browser per coach (a session cookie from /signin). Two ways to load it:

- closed loop: each coach asks for /caseload again as soon as its answer arrives (no think
  time): the server's saturation throughput, and the latency of a queue that never drains;
- people (`--think MIN MAX`, default 2-10 s): each coach loads a page, reads it for a time
  drawn uniformly from MIN..MAX seconds, then clicks on (the next page, the filter, back
  to the first), for `--people-seconds`: what 50 coaches signed in at once get.

Every page is checked (200, its rows counted); the 1-minute load average is read at the
end of each pass, and the server's CPU seconds per page from /proc. `--profile FILE`
samples the server process with py-spy during the closed loop (workers 1) and prints where
its time goes.

    scripts/with-postgres.sh .venv/bin/python bench/bench_caseload.py
    scripts/with-postgres.sh .venv/bin/python bench/bench_caseload.py --students 2000 \
        --coaches 10 --requests 20 --people-seconds 30       # a quick look
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import centre_synth  # noqa: E402
from synth import TODAY  # noqa: E402
from web_load import _wait_up, free_port, group_cpu, quantile  # noqa: E402

APP_ROLE = "bench_caseload_app"
APP_PASSWORD = "bench-app-password"
SECRET = "bench-secret-key-" + "x" * 32


def bench_app() -> Any:
    """One server process's app (uvicorn's factory): its clock at noon of the data's day."""
    from followup.server import ServerSettings, create_server

    noon = datetime(TODAY.year, TODAY.month, TODAY.day, 12, 0)
    return create_server(ServerSettings(db=os.environ["BENCH_APP_URL"], clock=lambda: noon,
                                        today=lambda: TODAY, secret=SECRET.encode()))


def serve(port: int, workers: int) -> None:
    """The child: the centre server on loopback, `workers` processes on one port (as
    `followup server --workers` runs them: uvicorn's supervisor)."""
    import uvicorn

    if workers == 1:
        uvicorn.run(bench_app(), host="127.0.0.1", port=port, log_level="warning",
                    server_header=False)
        return
    from uvicorn.supervisors import Multiprocess

    cfg = uvicorn.Config("bench_caseload:bench_app", factory=True, host="127.0.0.1",
                         port=port, log_level="warning", server_header=False,
                         workers=workers)
    Multiprocess(cfg, sockets=[cfg.bind_socket()]).run()


async def _sign_in(base: str, email: str, limits: Any) -> Any:
    import httpx

    http = httpx.AsyncClient(base_url=base, limits=limits, timeout=60.0)
    form = await http.get("/signin")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
    assert token, form.text[:200]
    r = await http.post("/signin", data={"email": email, "password": centre_synth.PASSWORD,
                                         "next": "/caseload", "csrf_token": token.group(1)})
    assert r.status_code == 303, (r.status_code, r.text[:200])
    return http


# What a coach clicks on after reading a page (the people pass): the pager, the filter.
CLICKS = ("/caseload", "/caseload?page=2", "/caseload?attention=1", "/caseload?page=3",
          "/caseload?page=2", "/caseload")


async def hammer(base: str, coaches: list[str], requests: int, seconds: float,
                 attention: bool, server: int, think: tuple[float, float] | None = None
                 ) -> dict[str, Any]:
    """Closed loop (`think` None: the next request as soon as the answer arrives), or
    people reading each page for a uniform MIN..MAX seconds before clicking on."""
    import httpx

    limits = httpx.Limits(max_connections=2, max_keepalive_connections=2)
    browsers = []
    for email in coaches:  # one after another: argon2 is slow on purpose
        browsers.append(await _sign_in(base, email, limits))
    path = "/caseload?attention=1" if attention else "/caseload"
    latencies: list[float] = []
    rows: list[int] = []
    errors = 0
    for http in browsers:  # a first page each: connections open, plans cached nowhere
        (await http.get(path)).raise_for_status()
    deadline = time.perf_counter() + seconds
    rng = random.Random(27)  # the same reading times each run

    async def client(k: int, http: Any) -> None:
        nonlocal errors
        if think is not None:  # the coaches do not all arrive in the same instant
            await asyncio.sleep(rng.uniform(0, think[1]))
        for n in range(requests if think is None else 1_000_000):
            if time.perf_counter() > deadline:
                return
            start = time.perf_counter()
            r = await http.get(path if think is None else CLICKS[(k + n) % len(CLICKS)])
            latencies.append(time.perf_counter() - start)
            errors += r.status_code != 200
            rows.append(len(re.findall(r'/caseload/\d+"', r.text)))
            if think is not None:
                await asyncio.sleep(rng.uniform(*think))

    cpu = group_cpu(server)
    began = time.perf_counter()
    await asyncio.gather(*(client(k, h) for k, h in enumerate(browsers)))
    wall = time.perf_counter() - began
    cpu = group_cpu(server) - cpu
    load = os.getloadavg()[0]
    for http in browsers:
        await http.aclose()
    return {"n": len(latencies), "errors": errors, "rps": len(latencies) / wall,
            "p50": quantile(latencies, 0.50), "p95": quantile(latencies, 0.95),
            "p99": quantile(latencies, 0.99), "mean": statistics.fmean(latencies),
            "rows": statistics.fmean(rows) if rows else 0.0, "load": load,
            "cpu_ms": 1000 * cpu / max(1, len(latencies))}


# Where the server's time goes: a py-spy stack's frames -> what they are doing, first match
# from the innermost frame outwards (bench/results.md's profile table).
STAGES = (
    ("the caseload statement", ("store/caseload.py:students", "caseload.py (students)",
                                "students (followup/store/caseload.py")),
    ("the audit insert", ("audit_reads", "audit_caseload")),
    ("the session check (token row, SET LOCAL)", ("user_for_token", "set_caller")),
    ("the session cookie (itsdangerous)", ("itsdangerous",)),
    ("connection checkout/commit (pool)", ("sqlalchemy/pool", "_checkout", "do_commit",
                                           "commit (psycopg", "do_ping")),
    ("url_for in the template (Starlette's route search)", ("url_for",)),
    ("rendering (Jinja2)", ("jinja2",)),
    ("the rest of the app (FastAPI, Starlette, routing)", ("fastapi", "starlette")),
    ("HTTP and the event loop (uvicorn, h11, asyncio)", ("uvicorn/", "h11/", "asyncio/",
                                                         "selectors")),
)


def profile_summary(raw: Path) -> list[tuple[str, float]]:
    """py-spy's raw (collapsed) stacks -> each stage's share of the busy samples (a pool
    thread waiting for work, the event loop waiting in epoll: idle, left out)."""
    counts: dict[str, int] = {}
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, n = line.rpartition(" ")
        if not n.isdigit():
            continue
        frames = stack.split(";")
        if frames[-1].startswith(("Condition.wait ", "EpollSelector.select ")):
            continue
        if any("signin" in f or "argon2" in f for f in frames):
            continue  # the coaches signing in before the loop (argon2: slow on purpose)
        where = "other"
        for label, marks in STAGES:
            if any(m in f for f in frames for m in marks):
                where = label
                break
        counts[where] = counts.get(where, 0) + int(n)
        total += int(n)
    return sorted(((k, v / max(1, total)) for k, v in counts.items()), key=lambda kv: -kv[1])


def statement_plan(owner_url: str, coach: int) -> str:
    """EXPLAIN ANALYZE of the page's one statement, as the app role with the coach set."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from followup.store.caseload import STUDENTS

    url = make_url(owner_url).set(username=APP_ROLE, password=APP_PASSWORD)
    engine = create_engine(url)
    try:
        with engine.connect() as conn, conn.begin():
            conn.execute(text("SELECT set_config('app.account_id', :a, true)"),
                         {"a": str(coach)})
            lines = conn.execute(text("EXPLAIN (ANALYZE, BUFFERS OFF) " + STUDENTS),
                                 {"coach": coach, "today": TODAY, "only": False,
                                  "limit": 50, "offset": 0}).scalars().all()
    finally:
        engine.dispose()
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default=os.environ.get("FOLLOWUP_TEST_DB"),
                    help="an owner's PostgreSQL URL (default: $FOLLOWUP_TEST_DB)")
    ap.add_argument("--students", type=int, default=10_000)
    ap.add_argument("--opportunities", type=int, default=20)
    ap.add_argument("--coaches", type=int, default=50)
    ap.add_argument("--requests", type=int, default=20, help="per coach")
    ap.add_argument("--seconds", type=float, default=120.0)
    ap.add_argument("--workers", type=int, default=1, help="server processes on the port")
    ap.add_argument("--think", nargs=2, type=float, default=(2.0, 10.0),
                    metavar=("MIN", "MAX"), help="the people pass's reading time, seconds")
    ap.add_argument("--people-seconds", type=float, default=120.0,
                    help="how long the people pass runs (0: not at all)")
    ap.add_argument("--profile", type=Path, help="py-spy's raw stacks of the closed loop")
    ap.add_argument("--serve", nargs=2, metavar=("WORKERS", "PORT"), help=argparse.SUPPRESS)
    opts = ap.parse_args()
    if opts.serve:
        serve(int(opts.serve[1]), int(opts.serve[0]))
        return
    if not opts.db or not opts.db.startswith("postgresql"):
        raise SystemExit("bench_caseload: --db (or FOLLOWUP_TEST_DB) must be a PostgreSQL URL")
    from sqlalchemy.engine import make_url

    from followup.service.centre import init_centre

    init_centre(opts.db, APP_ROLE, APP_PASSWORD)
    loaded = centre_synth.load(opts.db, opts.students, opts.opportunities, opts.coaches,
                               say=lambda s: print(s, file=sys.stderr))
    print(f"loaded {opts.students:,} students x {opts.opportunities} opportunities "
          f"({loaded.opportunities:,} opportunities, {loaded.touches:,} touches) in "
          f"{loaded.seconds:.0f} s", file=sys.stderr)
    app_url = make_url(opts.db).set(username=APP_ROLE, password=APP_PASSWORD)
    port = free_port()
    child = subprocess.Popen(  # the app role's URL by the environment, not the command line
        [sys.executable, __file__, "--serve", str(opts.workers), str(port)],
        env={**os.environ, "FOLLOWUP_SECRET_KEY": SECRET,
             "BENCH_APP_URL": app_url.render_as_string(hide_password=False)},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    coaches = [centre_synth.coach_email(k) for k in range(opts.coaches)]
    spy = None
    try:
        _wait_up(port, child, limit=120.0)
        time.sleep(0.5 * opts.workers)  # every worker up, not only the first
        group = child.pid  # its own session: the server and its workers, not this process
        results = {
            # one coach alone: the page's own time, no queue
            ("alone", False): asyncio.run(hammer(base, coaches[:1], opts.requests * 2,
                                                 opts.seconds, False, group))}
        if opts.profile:
            spy = subprocess.Popen(
                ["py-spy", "record", "--pid", str(child.pid), "--subprocesses", "--rate",
                 "200", "--format", "raw", "--output", str(opts.profile), "--nonblocking"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(1.0)
        results[("all", False)] = asyncio.run(hammer(base, coaches, opts.requests,
                                                     opts.seconds, False, group))
        if spy is not None:
            spy.send_signal(2)  # SIGINT: py-spy writes what it sampled and exits
            spy.wait(30)
            spy = None
        results[("all", True)] = asyncio.run(hammer(base, coaches, opts.requests,
                                                    opts.seconds, True, group))
        if opts.people_seconds > 0:
            results[("people", False)] = asyncio.run(hammer(
                base, coaches, 0, opts.people_seconds, False, group,
                think=(opts.think[0], opts.think[1])))
    finally:
        if spy is not None:
            spy.kill()
        child.terminate()
        try:
            child.wait(10)
        except subprocess.TimeoutExpired:
            child.kill()
    per_coach = statistics.fmean(len(v) for v in loaded.grants.values())
    print(f"## Caseload page under load ({opts.students:,} students x {opts.opportunities} "
          f"opportunities, {opts.coaches} coaches)\n")
    print(f"- {opts.coaches} signed-in coaches on loopback; about {per_coach:.0f} students "
          f"per coach, 50 a page; {opts.workers} server process(es) (uvicorn); closed loop: "
          f"up to {opts.requests} requests each, no think time; people: each reads a page "
          f"{opts.think[0]:g}-{opts.think[1]:g} s (uniform) then clicks on, for "
          f"{opts.people_seconds:g} s; goal: p95 under 100 ms\n")
    print("| load | page | coaches at once | requests | p50 | p95 | p99 | requests/s | "
          "server CPU a page | students a page | errors | load average (1 min) |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for (who, attention), x in results.items():
        kind = "people, think time" if who == "people" else "closed loop"
        page = "pager + filter" if who == "people" else (
            "/caseload?attention=1" if attention else "/caseload")
        print(f"| {kind} | {page} | {1 if who == 'alone' else opts.coaches} | {x['n']} | "
              f"{x['p50'] * 1000:.1f} ms | {x['p95'] * 1000:.1f} ms | "
              f"{x['p99'] * 1000:.1f} ms | {x['rps']:.1f} | {x['cpu_ms']:.1f} ms | "
              f"{x['rows']:.0f} | {x['errors']} | {x['load']:.1f} |")
    if opts.profile and opts.profile.exists():
        print("\nWhere the server's time went in the closed loop (py-spy, "
              "samples of its busy threads):\n")
        print("| stage | share of samples |\n| --- | ---: |")
        for label, share in profile_summary(opts.profile):
            print(f"| {label} | {share:.0%} |")
    print("\nThe page's one statement for coach 0, as the app role (EXPLAIN ANALYZE):\n")
    print("```\n" + statement_plan(opts.db, loaded.coaches[0]) + "\n```")


if __name__ == "__main__":
    main()
