"""The pure planner in memory on one core: opportunities planned per second of CPU time.

Cases from bench/synth.py (the same generator `make bench` stores), planned with
`followup.core.planner.plan` as of synth's TODAY; the best of five runs of CPU time
(`time.process_time`: on a shared machine wall-clock figures swing with the other load).
`--profile` prints cProfile's top entries by internal time.

Run: .venv/bin/python bench/bench_planner.py [COUNT] [--profile]
"""

from __future__ import annotations

import cProfile
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import TODAY, make_cases  # noqa: E402

from followup.core.planner import plan  # noqa: E402


def main() -> None:
    count = next((int(a) for a in sys.argv[1:] if a.isdigit()), 20_000)
    cases = list(make_cases(count))

    def run() -> int:
        return sum(len(plan(case, TODAY).actions) for case in cases)

    actions = run()  # warm: holidays, imports
    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    print(f"{count:,} opportunities, {actions:,} actions: {best:.3f} s CPU, "
          f"{count / best:,.0f} opportunities/s")
    if "--profile" in sys.argv:
        profile = cProfile.Profile()
        profile.enable()
        run()
        profile.disable()
        pstats.Stats(profile).sort_stats("tottime").print_stats(12)


if __name__ == "__main__":
    main()
