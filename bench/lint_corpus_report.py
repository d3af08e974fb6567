"""Per-rule precision and recall of the linter over tests/core/lint/good and tests/core/lint/bad.

Run: .venv/bin/python bench/lint_corpus_report.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "core" / "lint"))
from corpus import HERE, load, report, run  # noqa: E402


def main() -> None:
    notes = load(HERE / "good") + load(HERE / "bad")
    fired = run(notes)
    wrong = [n for n in notes if fired[n.path] != n.expect]
    print(f"{len(notes)} notes, {len(wrong)} with a different result than their header says")
    for n in wrong:
        print(f"  {n.path.name}: got {sorted(fired[n.path])}, expected {sorted(n.expect)}")
    print(report(notes, fired))


if __name__ == "__main__":
    main()
