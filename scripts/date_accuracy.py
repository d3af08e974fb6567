"""How many date phrases read as expected: the held-out list (tests/fixtures/dates/held_out.tsv,
written before the code for it and never tuned on) and the tuning list (tuning.tsv, the phrases
the readings were built against). An expected "ask" counts only when the reader asks (a
`DateAmbiguous` showing the readings), "refuse" only when it refuses; never a date taken.

Run: .venv/bin/python scripts/date_accuracy.py [-v]
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from followup.core.when import DateNotUnderstood, read_date_phrase

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "dates"


def load(name: str) -> list[tuple[date, str | None, str, str, str]]:
    """(interview day, country, phrase, expected, pattern) per line of a fixture file."""
    rows = []
    for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        day, country, phrase, expected, pattern = line.split("\t")
        rows.append((date.fromisoformat(day), None if country == "-" else country, phrase,
                     expected, pattern))
    return rows


def reading(phrase: str, day: date, country: str | None) -> str:
    """What the reader makes of a phrase: an ISO date, "ask" or "refuse"."""
    try:
        return read_date_phrase(phrase, day, country).isoformat()
    except DateNotUnderstood as e:
        return "ask" if getattr(e, "readings", None) else "refuse"


def score(name: str, verbose: bool) -> tuple[int, int]:
    rows = load(name)
    right = 0
    for day, country, phrase, expected, _pattern in rows:
        got = reading(phrase, day, country)
        right += got == expected
        if verbose and got != expected:
            print(f"  miss {name}: {phrase!r} ({day}, {country}): {got}, expected {expected}")
    return right, len(rows)


def main() -> int:
    verbose = "-v" in sys.argv
    for name in ("held_out.tsv", "tuning.tsv"):
        if (FIXTURES / name).exists():
            right, total = score(name, verbose)
            print(f"{name}: {right}/{total} right")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
