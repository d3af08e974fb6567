"""The large restore fuzz run (issue 20): N mutated backups through `followup restore`.

A live database seeded with every example case, a good backup of it, then N times: the
backup mutated one to three ways (tests/restore_mutations.py: wrong columns, tables,
indexes, triggers, views, unknown revisions, hostile values in any column, rows deleted,
files cut short or damaged) and restored over a fresh copy of the live database. Each must
be refused in one line with the live file unchanged byte for byte, or restored with every
later command (list, today, doctor, export --all) exiting 0. Prints each failure, the
counts, the slowest input and the peak memory; exits 1 on any failure.

    .venv/bin/python scripts/fuzz_restore.py --count 2000 --seed 1
"""

from __future__ import annotations

import argparse
import collections
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.restore_mutations import seed, trial  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rnd = random.Random(args.seed)
    folder = Path(tempfile.mkdtemp(prefix="fuzz-restore-"))
    import os

    os.environ["FOLLOWUP_HOME"] = str(folder / "home")
    live, pristine, good = seed(folder)
    outcome: collections.Counter[str] = collections.Counter()
    reasons: collections.Counter[str] = collections.Counter()
    slowest, slowest_what = 0.0, ""
    started = time.perf_counter()
    failures = 0
    for n in range(args.count):
        t0 = time.perf_counter()
        what, detail = trial(live, pristine, good, folder / "bad.db", rnd)
        spent = time.perf_counter() - t0
        if spent > slowest:
            slowest, slowest_what = spent, detail.splitlines()[0][:100] if detail else what
        outcome[what] += 1
        if what == "refused":
            # the kind of refusal, without the path and the values
            reasons[detail.split(": ", 2)[-1].split("(")[0].split(":")[0][:60]] += 1
        elif what != "restored":
            failures += 1
            print(f"--- input {n}: {what}\n{detail}\n", flush=True)
    total = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.count} mutated backups in {total:.1f} s (seed {args.seed})")
    for what, count in outcome.most_common():
        print(f"  {count:6d}  {what}")
    print("refusals by kind (top 12):")
    for why, count in reasons.most_common(12):
        print(f"  {count:6d}  {why}")
    print(f"slowest input: {slowest:.2f} s ({slowest_what})")
    print(f"peak memory of the whole run (max RSS): {peak_mb:.0f} MB")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
