"""Mutated backups through `followup restore` (issue 20): each is refused in one line with
the live database untouched, or restored whole with every later command clean (`doctor`
included). A few dozen here; the large run is scripts/fuzz_restore.py."""

from __future__ import annotations

import random
from pathlib import Path

from tests.restore_mutations import seed, trial


def test_mutated_backups_are_refused_or_restored_whole(tmp_path: Path) -> None:
    live, pristine, good = seed(tmp_path)
    rnd = random.Random(20)
    seen: dict[str, int] = {}
    for n in range(40):
        outcome, detail = trial(live, pristine, good, tmp_path / f"bad{n}.db", rnd)
        assert outcome in ("refused", "restored"), f"{outcome}: {detail}"
        seen[outcome] = seen.get(outcome, 0) + 1
    assert seen.get("refused", 0) > 10  # the mutations do break backups
