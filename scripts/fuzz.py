#!/usr/bin/env python3
"""The large fuzz run of issue 12: many broken case files and hostile CLI invocations.

    nice .venv/bin/python scripts/fuzz.py --cases 10000 --cli 500

Same strategies and the same bar as tests/test_fuzz.py (tests/fuzzing.py): exit 0, or
exit 2 with one line on stderr and the database unchanged; every breach is counted (not
stopped at) and the first few printed. Exit status 1 if any breach. Not part of `make
test` (minutes, not seconds); the figures of a run go in the closing note of issue 12.
"""

from __future__ import annotations

import argparse
import collections
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000, help="case files to import")
    parser.add_argument("--cli", type=int, default=500, help="CLI invocations")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    from hypothesis import HealthCheck, given, seed, settings
    from hypothesis import strategies as st
    from tests.fuzzing import Outcome, case_texts, check_import, cli_args, run_checked

    figures: collections.Counter[str] = collections.Counter()
    started = time.monotonic()
    breaches: list[str] = []
    run = settings(deadline=None, database=None, derandomize=False,
                   suppress_health_check=list(HealthCheck))

    def record(kind: str, check: object, *params: object) -> None:
        try:
            code = check(*params)  # type: ignore[operator]
            figures[f"{kind} exit {code}"] += 1
        except Outcome as e:
            figures[f"{kind} breach"] += 1
            if len(breaches) < 20:
                breaches.append(str(e))
                print("BREACH", str(e)[:500], flush=True)
        figures[kind] += 1
        if figures[kind] % 500 == 0:  # progress, in case the run is cut short
            print(f"{kind}: {figures[kind]:,} run, {figures[kind + ' breach']} breaches, "
                  f"{time.monotonic() - started:.0f} s", flush=True)

    home = tempfile.mkdtemp(prefix="followup-fuzz-")
    os.environ["FOLLOWUP_HOME"] = home
    os.chdir(home)  # whatever a command writes lands here
    db = Path(home) / "fuzz.db"
    from tests.cli.test_fuzz import seeded_db

    seeded_db(home)

    @seed(args.seed)
    @settings(run, max_examples=args.cases)
    @given(case_texts(), st.booleans())
    def cases(text: str, replace: bool) -> None:
        record("case file", check_import, db, text, replace)

    @seed(args.seed)
    @settings(run, max_examples=args.cli)
    @given(cli_args())
    def cli(argv: list[str]) -> None:
        record("cli", run_checked, db, argv)

    # Hypothesis stops early when it has seen every distinct example it can make; run
    # again with the next seed until the count is reached.
    for kind, test, wanted in (("case file", cases, args.cases), ("cli", cli, args.cli)):
        n = 0
        while figures[kind] < wanted and n < 50:
            test._hypothesis_internal_use_seed = args.seed + n  # type: ignore[attr-defined]
            test()
            n += 1
    took = time.monotonic() - started
    for key in sorted(figures):
        print(f"{key:24} {figures[key]:>8,}")
    print(f"{'seconds':24} {took:>8.0f}")
    for line in breaches:
        print("BREACH", line, flush=True)
    print(f"tracebacks or other breaches: {figures['case file breach'] + figures['cli breach']}")
    return 1 if breaches else 0


if __name__ == "__main__":
    sys.exit(main())
