"""The larger invite fuzz run (issues 12 and 20): N invitations through `followup import-invite`.

Mutates the real fixtures in tests/fixtures/invites (tests/invite_mutations.py), imports each
into one database (so copies, cancellations and replies meet recorded interviews), and counts
what happened: recorded or refused in one line (exit 0 or 2), or a traceback (anything else).
With `--hostile`, that share of the inputs are built to cost time or memory instead
(`hostile()`: time-zone recurrence bombs, deep nesting, huge lines, countless lines,
components or MIME parts); the worst time and memory (tracemalloc's peak) per input are
printed for each kind. Prints every traceback and the figures; exits 1 if there was any.

    .venv/bin/python scripts/fuzz_invites.py --count 1000 --seed 1 --hostile 0.5
"""

from __future__ import annotations

import argparse
import collections
import random
import sys
import tempfile
import time
import traceback
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.invite_mutations import FILES, hostile, mutate  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from followup.cli import app  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--hostile", type=float, default=0.0,
                        help="the share of inputs built to cost time or memory (0 to 1)")
    parser.add_argument("--memory", action="store_true",
                        help="trace memory per input (tracemalloc: slows every input)")
    args = parser.parse_args()
    rnd = random.Random(args.seed)
    folder = Path(tempfile.mkdtemp(prefix="fuzz-invites-"))
    db = folder / "f.db"
    runner = CliRunner()
    runner.invoke(app, ["--db", str(db), "profile", "--name", "Alex Morgan", "--email",
                        "alex@example.com", "--timezone", "America/New_York"])
    outcome: collections.Counter[str] = collections.Counter()
    worst: dict[str, tuple[float, int]] = {}  # kind -> (seconds, bytes), each the worst
    if args.memory:
        tracemalloc.start()
    started = time.perf_counter()
    for n in range(args.count):
        source = rnd.choice(FILES)
        if rnd.random() < args.hostile:
            kind, data = hostile(rnd)
            suffix = ".eml" if data.startswith(b"From:") else ".ics"
        else:
            kind, suffix = "mutated fixture", source.suffix
            data = source.read_bytes() if n % 10 == 0 else mutate(source.read_bytes(), rnd)
        path = folder / f"{n}{suffix}"
        path.write_bytes(data)
        if args.memory:
            tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        one = time.perf_counter()
        result = runner.invoke(app, ["--db", str(db), "import-invite", str(path), "--yes",
                                     "--company", "Acme", "--role", "Analyst"])
        took, peak = time.perf_counter() - one, tracemalloc.get_traced_memory()[1] - base
        was = worst.get(kind, (0.0, 0))
        worst[kind] = (max(was[0], took), max(was[1], peak))
        one_line = result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
        if result.exit_code == 0:
            outcome["recorded or reported (exit 0)"] += 1
        elif result.exit_code == 2 and one_line:
            outcome["refused in one line (exit 2)"] += 1
        else:
            outcome["traceback or bad exit"] += 1
            print(f"--- {path} (from {source.name}): exit {result.exit_code}")
            if result.exc_info:
                traceback.print_exception(*result.exc_info)
            print(result.stderr)
        path.unlink()
    took = time.perf_counter() - started
    print(f"{args.count} invites (seed {args.seed}) in {took:.0f} s:")
    for what in ("recorded or reported (exit 0)", "refused in one line (exit 2)",
                 "traceback or bad exit"):
        print(f"  {what}: {outcome[what]}")
    import resource

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    print(f"the whole run's peak resident memory: {rss:.0f} MB")
    print("worst per input, by kind (time" + ("; peak memory traced)" if args.memory
                                              else ")") + ":")
    for kind, (took, peak) in sorted(worst.items()):
        print(f"  {kind}: {took:.2f} s" + (f"; {peak / 1e6:.1f} MB" if args.memory else ""))
    return 1 if outcome["traceback or bad exit"] else 0


if __name__ == "__main__":
    sys.exit(main())
