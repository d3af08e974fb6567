"""Lint throughput: 1,000 generated ~150-word notes in-process, median notes/s of 5 runs.

Run: .venv/bin/python bench/bench_lint.py [--notes N] [--runs R] [--cpu]
`--cpu` times the process's CPU time instead of the wall clock: on a machine shared with
other work the wall clock measures the neighbours too.
The target (STYLE.md) is 2,000+ notes/s on the project's 2-core machines.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import date

from followup.core.lint import LintContext, lint
from followup.core.lint.parse import parse
from followup.core.model import Person

SENTENCES = [
    "Thank you for your time today and for walking me through the role.",
    "Your plan for moving monthly reporting onto dbt stood out to me.",
    "A first model for the revenue report could be running within your first month.",
    "I'm very interested in the Senior Data Analyst role at Acme Analytics.",
    "You mentioned a decision by Friday 20 March, so I'll check in after that.",
    "Your team's stakeholder dashboards could share one list of certified metrics.",
    "Since we spoke, I finished the dbt Fundamentals course you suggested.",
    "Would you let me know whether you need anything else for your decision?",
    "It was a pleasure to meet Priya Raman and hear how your analysts work.",
    "You can reach me at +1 555 0100 any time before then.",
    "Your questions about data quality were sharp, and they made the work concrete.",
    "The reporting backlog you described is the kind of problem worth solving early.",
]

CONTEXT = LintContext(
    kind="thank_you", recipient=Person("dana", "Dana Whitfield", "Head of Analytics"),
    people=("Dana Whitfield", "Priya Raman"), company="Acme Analytics",
    role="Senior Data Analyst", candidate="Alex Morgan",
    topics=("moving monthly reporting onto dbt", "stakeholder dashboards"),
    listing="We are looking for a senior data analyst to own our reporting, build "
            "stakeholder dashboards and move monthly reporting onto dbt.",
    promised=date(2026, 3, 20))


def make_notes(n: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    notes = []
    for _ in range(n):
        body: list[str] = []
        while sum(len(s.split()) for s in body) < 143:  # bodies average ~150 words
            body.append(rng.choice(SENTENCES))
        notes.append("Subject: Thank you\n\nDear Dana,\n\n" + " ".join(body)
                     + "\n\nBest regards,\nAlex Morgan\n+1 555 0100\n")
    return notes


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--notes", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--cpu", action="store_true", help="CPU time, not the wall clock")
    args = ap.parse_args()
    clock = time.process_time if args.cpu else time.perf_counter
    notes = make_notes(args.notes)
    lint(notes[0], CONTEXT)  # warm the caches (listing keys, name targets)
    rates = []
    for _ in range(args.runs):
        start = clock()
        for text in notes:
            lint(text, CONTEXT)
        rates.append(len(notes) / (clock() - start))
    words = statistics.mean(len(parse(t).body_words) for t in notes)
    print(f"{len(notes)} notes, bodies of {words:.0f} words on average, {args.runs} runs"
          f"{' (CPU time)' if args.cpu else ''}: "
          f"median {statistics.median(rates):,.0f} notes/s "
          f"(min {min(rates):,.0f}, max {max(rates):,.0f})")


if __name__ == "__main__":
    main()
