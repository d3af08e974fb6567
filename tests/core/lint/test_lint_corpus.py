"""The lint corpus: every good note is clean, every bad note draws exactly its header's rules.

Prints per-rule precision and recall over both folders (run with `-s` to see it, or
`python bench/lint_corpus_report.py`).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[2] / "core" / "lint"))
from corpus import HERE, load, report, run  # noqa: E402

GOOD = load(HERE / "good")
BAD = load(HERE / "bad")
FIRED = run(GOOD + BAD)


def test_corpus_size() -> None:
    assert len(GOOD) >= 15
    assert len(BAD) >= 40
    assert len({n.context.kind for n in GOOD}) == 5  # every kind has a good note


@pytest.mark.parametrize("note", GOOD, ids=lambda n: n.path.stem)
def test_good_note_is_clean(note) -> None:  # type: ignore[no-untyped-def]
    assert not note.expect
    assert FIRED[note.path] == frozenset()


@pytest.mark.parametrize("note", BAD, ids=lambda n: n.path.stem)
def test_bad_note_draws_exactly_its_rules(note) -> None:  # type: ignore[no-untyped-def]
    assert note.expect, "a bad note must list the rules it triggers"
    assert FIRED[note.path] == note.expect


def test_every_error_and_warning_rule_has_a_bad_note() -> None:
    from followup.core.lint import RULES

    covered = set().union(*(n.expect for n in BAD))
    assert covered == {r for r, rule in RULES.items() if rule.severity != "info"}


def test_report_prints_precision_and_recall() -> None:
    text = report(GOOD + BAD, FIRED)
    print("\n" + text)
    rows = {line.split()[0]: line.split()[1:] for line in text.splitlines()[1:]}
    assert text.splitlines()[0].split() == ["rule", "tp", "fp", "fn", "precision", "recall"]
    tp, fp, fn, precision, recall = rows["tone.call-me-back"]
    assert int(tp) >= 4 and precision == "1.00" and recall == "1.00"
    assert "content.mirror" not in rows  # info rules are not in the corpus expectations
