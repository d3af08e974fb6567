"""The offensive-language reading's threshold, chosen on the tuning part only (never the
held-out part): the highest recall on the tuning part's bad tone.negative notes the other
readings miss, with no good tuning note (the published good notes `g*`/`h*` included)
flagged. Prints each note's highest sentence probability and the chosen threshold.

Run: .venv/bin/python scripts/offensive_threshold.py
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "core" / "lint"))
from corpus import load_field, run_field  # noqa: E402

from followup.core.lint import offensive  # noqa: E402
from followup.core.lint.parse import parse  # noqa: E402


def top(text: str) -> float:
    """The highest sentence probability of a note's body, as the reading scores it."""
    p = parse(text)
    low = p.lower_masked
    m = offensive.model()
    return max((m.probability(low[a:b]) for a, b in p.body_sentences), default=0.0)


def main() -> None:
    notes = load_field("tuning")
    saved, offensive.THRESHOLD = offensive.THRESHOLD, 2.0  # the other readings alone
    try:
        fired = run_field(notes)
    finally:
        offensive.THRESHOLD = saved
    good = [n for n in notes if n.good and "tone.negative" not in fired[n.path]]
    bad = [n for n in notes if not n.good and "tone.negative" in n.expect]
    missed = [n for n in bad if "tone.negative" not in fired[n.path]]
    g_top = sorted(((top(n.text), n.path.name) for n in good), reverse=True)
    b_top = sorted(((top(n.text), n.path.name) for n in missed), reverse=True)
    print("good tuning notes, highest sentence p (top 5):")
    for s, name in g_top[:5]:
        print(f"  {s:.3f} {name}")
    print(f"bad tone.negative tuning notes the other readings miss ({len(missed)} of {len(bad)}):")
    for s, name in b_top:
        print(f"  {s:.3f} {name}")
    ceiling = g_top[0][0] if g_top else 0.0
    threshold = math.floor(ceiling * 100 + 1) / 100
    gained = sum(1 for s, _ in b_top if s >= threshold)
    print(f"threshold {threshold:.2f} (above the best good note's {ceiling:.3f}): "
          f"{len(bad) - len(missed) + gained} of {len(bad)} bad caught on tuning "
          f"(+{gained}), 0 good flagged")
    alone = sum(1 for n in bad if top(n.text) >= threshold)
    print(f"the model alone at {threshold:.2f}: {alone} of {len(bad)} bad tone.negative "
          f"tuning notes")


if __name__ == "__main__":
    main()
