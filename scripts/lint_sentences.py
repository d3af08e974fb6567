"""tone.negative on fresh single sentences (tests/core/lint/data/impolite_sentences.toml):
the share of rude lines drawing tone.negative and of innocent lines drawing any tone rule,
per impoliteness formula, for one part of the set.

Run: .venv/bin/python scripts/lint_sentences.py --part tune [--batch a|b] [--misses]
     .venv/bin/python scripts/lint_sentences.py --part heldout   (figures only, never misses)
     .venv/bin/python scripts/lint_sentences.py --set round9 --part tune|heldout
       (round nine's set, tests/core/lint/data/round9_sentences.toml: each hostile line must
       draw its group's rule)
     .venv/bin/python scripts/lint_sentences.py --set round10 --part tune|heldout
       (round ten's set, tests/core/lint/data/round10_sentences.toml, read the same way)
     .venv/bin/python scripts/lint_sentences.py --set round11 --part tune|heldout
       (round eleven's set, tests/core/lint/data/round11_sentences.toml, with greeting lines)
     .venv/bin/python scripts/lint_sentences.py --set round12 --part tune|heldout
       (round twelve's set, tests/core/lint/data/round12_sentences.toml)
     .venv/bin/python scripts/lint_sentences.py --set round13 --part tune|heldout
       (round thirteen's set, tests/core/lint/data/round13_sentences.toml: sarcasm and
       hostility in fresh words)
     .venv/bin/python scripts/lint_sentences.py --set round13b --part tune|heldout
       (round thirteen's second pass, tests/core/lint/data/round13b_sentences.toml)
     .venv/bin/python scripts/lint_sentences.py --set round14 --part tune|heldout
       (round fourteen's set, tests/core/lint/data/round14_sentences.toml: blind batches P
       and Q's misses and false alarms in general form)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "core" / "lint"))
from sentences import (  # noqa: E402
    greeted,
    load,
    load_round9,
    load_round10,
    load_round11,
    load_round12,
    load_round13,
    load_round13b,
    load_round14,
    tone_rules,
    wrong,
)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--part", choices=("tune", "heldout"), required=True)
    ap.add_argument("--batch", choices=("a", "b"), default=None,
                    help="the first batch (a), the second (b), or both (default)")
    ap.add_argument("--set", choices=("impolite", "round9", "round10", "round11", "round12",
                             "round13", "round13b", "round14"),
                    default="impolite",
                    help="the impoliteness set (default), or round nine's to fourteen's")
    ap.add_argument("--misses", action="store_true",
                    help="list the tuning lines read wrong (never the held-out ones)")
    args = ap.parse_args()
    lines = (load_round9(args.part) if args.set == "round9" else
             load_round10(args.part) if args.set == "round10" else
             load_round11(args.part) if args.set == "round11" else
             load_round12(args.part) if args.set == "round12" else
             load_round13(args.part) if args.set == "round13" else
             load_round13b(args.part) if args.set == "round13b" else
             load_round14(args.part) if args.set == "round14" else load(args.part, args.batch))
    groups: dict[tuple[bool, str], list[int]] = {}
    for line in lines:
        g = groups.setdefault((line.rude, line.group), [0, 0])
        g[0] += 1
        g[1] += wrong(line)
        if args.misses and args.part == "tune" and wrong(line):
            drawn = greeted(line.text) if line.greeting else tone_rules(line.text)
            print(f"{'MISS' if line.rude else 'FLAG'} {line.group}: {line.text} {sorted(drawn)}")
    for rude in (True, False):
        total = sum(n for (r, _), (n, _) in groups.items() if r == rude)
        bad = sum(w for (r, _), (_, w) in groups.items() if r == rude)
        rule = "their rule" if args.set != "impolite" else "tone.negative"
        what = f"rude lines drawing {rule}" if rude else "innocent lines drawing a tone rule"
        hit = total - bad if rude else bad
        print(f"{args.part}: {what}: {hit} of {total} ({hit / total:.0%})")
        for (r, group), (n, w) in groups.items():
            if r == rude:
                print(f"  {group}: {n - w if rude else w} of {n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
