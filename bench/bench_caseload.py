"""The coach's caseload page at load: 50 coaches at once on a 10,000-student centre.

On a PostgreSQL the caller owns (`scripts/with-postgres.sh` makes a throwaway one):
`centre init` with an app role, bench/centre_synth.py's centre (10,000 students x 20
opportunities, 50 coaches of 200 students each, their caseload cards planned), then
`followup server`'s app in a child process of its own (uvicorn, one process, on loopback,
its day fixed to the synthetic data's), and here, in this process, one signed-in browser
per coach (a session cookie from /signin) asking for /caseload again as soon as its
answer arrives (closed loop). Every page is checked: 200 and the coach's 200-odd rows.

    scripts/with-postgres.sh .venv/bin/python bench/bench_caseload.py
    scripts/with-postgres.sh .venv/bin/python bench/bench_caseload.py --students 1000 \
        --coaches 10 --requests 20        # a quick look
"""

from __future__ import annotations

import argparse
import asyncio
import os
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
from web_load import _wait_up, free_port, quantile  # noqa: E402

APP_ROLE = "bench_caseload_app"
APP_PASSWORD = "bench-app-password"
SECRET = "bench-secret-key-" + "x" * 32


def serve(app_url: str, port: int) -> None:
    """The child: the centre server on loopback, its clock at noon of the data's day."""
    import uvicorn

    from followup.server import ServerSettings, create_server

    noon = datetime(TODAY.year, TODAY.month, TODAY.day, 12, 0)
    api = create_server(ServerSettings(db=app_url, clock=lambda: noon, today=lambda: TODAY,
                                       secret=SECRET.encode()))
    uvicorn.run(api, host="127.0.0.1", port=port, log_level="warning", server_header=False)


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


async def hammer(base: str, coaches: list[str], requests: int, seconds: float,
                 attention: bool) -> dict[str, Any]:
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

    async def client(http: Any) -> None:
        nonlocal errors
        for _ in range(requests):
            if time.perf_counter() > deadline:
                return
            start = time.perf_counter()
            r = await http.get(path)
            latencies.append(time.perf_counter() - start)
            errors += r.status_code != 200
            rows.append(len(re.findall(r'/caseload/\d+"', r.text)))

    began = time.perf_counter()
    await asyncio.gather(*(client(h) for h in browsers))
    wall = time.perf_counter() - began
    for http in browsers:
        await http.aclose()
    return {"n": len(latencies), "errors": errors, "rps": len(latencies) / wall,
            "p50": quantile(latencies, 0.50), "p95": quantile(latencies, 0.95),
            "p99": quantile(latencies, 0.99), "mean": statistics.fmean(latencies),
            "rows": statistics.fmean(rows) if rows else 0.0}


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
                                 {"coach": coach, "today": TODAY}).scalars().all()
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
    ap.add_argument("--serve", nargs=2, metavar=("APP_URL", "PORT"), help=argparse.SUPPRESS)
    opts = ap.parse_args()
    if opts.serve:
        serve(os.environ["BENCH_APP_URL"], int(opts.serve[1]))
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
        [sys.executable, __file__, "--serve", "env:BENCH_APP_URL", str(port)],
        env={**os.environ, "FOLLOWUP_SECRET_KEY": SECRET,
             "BENCH_APP_URL": app_url.render_as_string(hide_password=False)},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    coaches = [centre_synth.coach_email(k) for k in range(opts.coaches)]
    try:
        _wait_up(port, child, limit=120.0)
        results = {
            # one coach alone: the page's own time, no queue
            ("alone", False): asyncio.run(hammer(base, coaches[:1], opts.requests * 2,
                                                 opts.seconds, False)),
            ("all", False): asyncio.run(hammer(base, coaches, opts.requests, opts.seconds,
                                               False)),
            ("all", True): asyncio.run(hammer(base, coaches, opts.requests, opts.seconds,
                                              True))}
    finally:
        child.terminate()
        try:
            child.wait(10)
        except subprocess.TimeoutExpired:
            child.kill()
    per_coach = statistics.fmean(len(v) for v in loaded.grants.values())
    print(f"## Caseload page under load ({opts.students:,} students x {opts.opportunities} "
          f"opportunities, {opts.coaches} coaches)\n")
    print(f"- {opts.coaches} signed-in coaches at once on loopback, closed loop, up to "
          f"{opts.requests} requests each; about {per_coach:.0f} students per coach; one "
          "server process (uvicorn); goal: p95 under 100 ms\n")
    print("| page | coaches at once | requests | p50 | p95 | p99 | requests/s | students a page "
          "| errors |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for (who, attention), x in results.items():
        print(f"| /caseload{'?attention=1' if attention else ''} | "
              f"{1 if who == 'alone' else opts.coaches} | {x['n']} | "
              f"{x['p50'] * 1000:.1f} ms | {x['p95'] * 1000:.1f} ms | "
              f"{x['p99'] * 1000:.1f} ms | {x['rps']:.0f} | {x['rows']:.0f} | {x['errors']} |")
    print("\nThe page's one statement for coach 0, as the app role (EXPLAIN ANALYZE):\n")
    print("```\n" + statement_plan(opts.db, loaded.coaches[0]) + "\n```")


if __name__ == "__main__":
    main()
