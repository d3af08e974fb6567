"""Where the nightly plan's time goes: one account after another, in this process.

    scripts/with-postgres.sh .venv/bin/python bench/profile_nightly.py --students 200

Loads a synthetic centre (bench_nightly.bench_centre), then plans every account with
`service.nightly` under cProfile (one thread: what a worker's job does, without the queue),
counting the statements sent to PostgreSQL and the time spent in each kind, and the CPU
PostgreSQL spent meanwhile. `--explain` adds EXPLAIN ANALYZE of each kind of statement, with
the parameters of its last run. The figures go in bench/results.md.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import re
import sys
import time
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_nightly import bench_centre, postgres_cpu  # noqa: E402
from synth import TODAY  # noqa: E402


def shape(sql: str) -> str:
    return re.sub(r"\s+", " ", sql).strip()[:110]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default=os.environ.get("FOLLOWUP_TEST_DB"))
    ap.add_argument("--students", type=int, default=200)
    ap.add_argument("--opportunities", type=int, default=20)
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--explain", action="store_true")
    ap.add_argument("--no-profile", action="store_true", help="time it without cProfile")
    ap.add_argument("--batch", type=int, default=0,
                    help="plan the accounts in batches of this many (plan_accounts), not one "
                         "by one")
    opts = ap.parse_args()
    if not opts.db or not opts.db.startswith("postgresql"):
        raise SystemExit("profile_nightly: a PostgreSQL URL is needed (scripts/with-postgres.sh)")

    from sqlalchemy import event

    from followup.service import nightly
    from followup.service.centre import centre_engine

    with bench_centre(opts.db, opts.students, opts.opportunities) as centre:
        engine = centre_engine(centre.app_url)
        accounts = nightly.accounts_to_plan(engine)
        counts: dict[str, int] = defaultdict(int)
        spent: dict[str, float] = defaultdict(float)
        last: dict[str, tuple[str, Any]] = {}
        started: list[float] = []

        from followup.store import account as whole

        pipelined = whole.pipelined
        trips = [0, 0]  # round trips, statements sent through store.account.pipelined

        def counted(conn: Any, statements: Any) -> Any:
            trips[0] += 1
            trips[1] += len(statements)
            for statement, parameters in statements:
                counts["(pipelined) " + shape(statement)] += 1
                last["(pipelined) " + shape(statement)] = (whole._pyformat(statement),
                                                            parameters)
            return pipelined(conn, statements)

        whole.pipelined = counted  # type: ignore[assignment]

        @event.listens_for(engine, "before_cursor_execute")
        def before(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any,
                   executemany: bool) -> None:
            started.append(time.perf_counter())

        @event.listens_for(engine, "after_cursor_execute")
        def after(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any,
                  executemany: bool) -> None:
            key = shape(statement)
            counts[key] += 1
            spent[key] += time.perf_counter() - started.pop()
            last[key] = (statement, parameters)

        now = datetime(TODAY.year, TODAY.month, TODAY.day, 2)
        nightly.plan_account(engine, accounts[0], TODAY, now)  # warm: imports, pool
        counts.clear()
        spent.clear()
        trips[:] = [0, 0]
        pg_before = postgres_cpu(centre.postmaster)
        cpu_before = time.process_time()
        wall = time.perf_counter()
        profile = cProfile.Profile()
        if not opts.no_profile:
            profile.enable()
        rest = accounts[1:]
        if opts.batch:
            for start in range(0, len(rest), opts.batch):
                nightly.plan_accounts(engine, rest[start:start + opts.batch], TODAY, now)
        else:
            for account in rest:
                nightly.plan_account(engine, account, TODAY, now)
        profile.disable()
        wall = time.perf_counter() - wall
        cpu = time.process_time() - cpu_before
        pg = postgres_cpu(centre.postmaster) - pg_before
        n = len(rest)
        alone = sum(counts.values()) - trips[1]
        print(f"{n} accounts: {wall / n * 1000:.1f} ms wall, {cpu / n * 1000:.1f} ms CPU "
              f"({'without' if opts.no_profile else 'under'} cProfile), PostgreSQL "
              f"{pg / n * 1000:.1f} ms CPU per account; {sum(counts.values()) / n:.1f} "
              f"statements per account in {(alone + trips[0]) / n:.1f} round trips "
              f"({trips[1] / n:.1f} of them in {trips[0] / n:.1f} pipelines)")
        for key, k in sorted(counts.items(), key=lambda kv: -spent[kv[0]]):
            print(f"{k / n:6.2f}/account {spent[key] / n * 1000:6.2f} ms  {key}")
        if not opts.no_profile:
            stats = pstats.Stats(profile)
            by_file: dict[str, float] = defaultdict(float)
            for (file, _line, _name), row in stats.stats.items():  # type: ignore[attr-defined]
                where = file.split("site-packages/")[-1].split("src/")[-1]
                by_file[where.rsplit("/", 1)[0] if "followup" not in where else where] += \
                    row[2]
            print("self time by module (followup) or package:")
            for where, t in sorted(by_file.items(), key=lambda kv: -kv[1])[:opts.top]:
                print(f"{t / n * 1000:7.2f} ms/account  {where}")
            for order in ("cumulative", "tottime"):
                out = io.StringIO()
                pstats.Stats(profile, stream=out).sort_stats(order).print_stats(opts.top)
                print(out.getvalue())
        if opts.explain:
            from followup.store.centre import set_caller

            with engine.connect() as conn, conn.begin():
                set_caller(conn, accounts[-1])
                for key, (statement, parameters) in last.items():
                    if not statement.lstrip().upper().startswith("SELECT") or \
                            "set_config" in statement or "FOR NO KEY" in statement:
                        continue
                    raw = conn.connection.driver_connection
                    assert raw is not None
                    with raw.cursor() as cur:
                        cur.execute("EXPLAIN (ANALYZE, BUFFERS OFF) " + statement, parameters)
                        plan = [r[0] for r in cur.fetchall()]
                    print(f"-- {key}\n   " + "\n   ".join(plan))
        engine.dispose()


if __name__ == "__main__":
    main()
