"""The linter on the field corpus (tests/core/lint/field): notes written after published
examples, in a tuning part and a held-out part. The issue 22 targets are judged on the
held-out part (never tuned on); the bad-note one is not met there (an expected failure,
strict), and docs/lint-accuracy.md shows the current figures."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "tests" / "core" / "lint"))
sys.path.insert(0, str(ROOT / "scripts"))
from corpus import LOUD, load_field, run_field, targets  # noqa: E402

from followup.core.lint import RULES  # noqa: E402

NOTES = load_field()
FIRED = run_field(NOTES)
GOOD = [n for n in NOTES if n.good]
BAD = [n for n in NOTES if not n.good]
HELD = [n for n in NOTES if n.part == "heldout"]
TUNING = [n for n in NOTES if n.part == "tuning"]


def test_the_corpus_covers_the_variety() -> None:
    assert len(TUNING) >= 100 and len(HELD) >= 60
    assert sum(n.good for n in HELD) >= 40 and sum(not n.good for n in HELD) >= 20
    for part in (TUNING, HELD):
        kinds = {n.context.kind for n in part if n.good}
        assert kinds >= {"thank_you", "check_in", "final", "letter", "voicemail"}
    for n in NOTES:
        assert n.source.startswith("http"), f"{n.path.name}: no source URL"
        assert n.stands_for, f"{n.path.name}: no 'stands for'"
        assert n.context.candidate, f"{n.path.name}: no signer"
        assert all(r in RULES for r in n.expect), f"{n.path.name}: unknown rule"
        assert n.good == (not n.expect), f"{n.path.name}: good notes list no rule"
    names = " ".join(p for n in NOTES for p in n.context.people)
    assert any(not c.isascii() for c in names) and "-" in names  # accents and hyphens
    assert any(len(n.context.people) >= 3 for n in NOTES)
    # every rule a user must act on has a bad note standing for it (one-page: letters only)
    stood_for = {n.expect[0] for n in BAD}
    assert {r for r, rule in RULES.items() if rule.severity in LOUD} - stood_for \
        <= {"length.one-page"}
    # the held-out part stands for the faults issue 22 names, each more than once
    held_faults = [n.expect[0] for n in HELD if not n.good]
    for fault in ("tone.negative", "names.spelling", "tone.impatient", "length.voicemail",
                  "tone.desperate"):
        assert held_faults.count(fault) >= 2, fault


@pytest.mark.parametrize("part", ["heldout", "tuning"])
def test_at_most_one_good_note_in_ten_draws_a_warning_or_error(part: str) -> None:
    notes = [n for n in NOTES if n.part == part]
    loud, _ = targets(notes, FIRED)
    good = [n for n in notes if n.good]
    assert len(loud) <= len(good) / 10, [(n.path.name, FIRED[n.path]) for n in loud]


# The held-out part met this target for the first time at 99 of 110 (90.0%), when blind
# batches R and S (two more authors) were measured once with round thirteen's rules, and
# stood at 100 of 110 at round fourteen's end; batches E and G, never read while the rules
# were written, still stand at 6 of 13 and 10 of 12: a margin of one note
# (docs/lint-accuracy.md). It was a strict xfail until then.
@pytest.mark.parametrize("part", ["heldout", "tuning"])
def test_nine_bad_notes_in_ten_draw_the_fault_they_stand_for(part: str) -> None:
    notes = [n for n in NOTES if n.part == part]
    _, missed = targets(notes, FIRED)
    bad = [n for n in notes if not n.good]
    assert len(missed) <= len(bad) / 10, [(n.path.name, n.expect[0]) for n in missed]


@pytest.mark.parametrize("rule", ["tone.impatient", "tone.desperate", "tone.call-me-back",
                                  "names.spelling", "names.wrong-recipient", "tone.name-drop",
                                  "tone.negative"])
def test_hard_faults_stay_errors(rule: str) -> None:
    assert RULES[rule].severity == "error" and not RULES[rule].by_kind


def test_rules_of_thumb_are_suggestions_and_gimmicks_and_one_liners_warn() -> None:
    assert RULES["tone.you-i-ratio"].severity == RULES["length.words"].severity == "suggestion"
    assert RULES["tone.gimmick"].severity == RULES["length.one-liner"].severity == "warning"


def test_a_rule_of_thumb_warns_on_a_kind_only_where_it_flags_few_good_notes() -> None:
    """RULEBOOK section 2: a rule of thumb flagging more than 1 in 10 of a kind's good
    notes (the tuning part's figures) is shown below warning on that kind."""
    import lint_accuracy

    shares = lint_accuracy.thumb_shares([n for n in NOTES if n.part == "tuning"])
    assert shares
    for (rule, kind), (hit, total) in shares.items():
        if RULES[rule].severity_for(kind) in LOUD:
            assert hit <= total / 10, (rule, kind, hit, total)


def test_the_accuracy_doc_is_current() -> None:
    import lint_accuracy

    # (the targets themselves: the two tests above, per part)
    body, _, _ = lint_accuracy.table()
    assert lint_accuracy.DOC.read_text(encoding="utf-8") == lint_accuracy.render(body), \
        "docs/lint-accuracy.md is stale: run scripts/lint_accuracy.py"


@pytest.mark.parametrize("argv", [["--help"], ["--tuning", "--check"], ["--heldout"]])
def test_the_accuracy_script_reads_no_note_on_a_wrong_flag(
        argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """`--help` or a flag it does not know prints the usage and stops (exit 0 or 2): it never
    runs the held-out part and prints its misses by mistake."""
    import lint_accuracy

    with pytest.raises(SystemExit) as stop:
        lint_accuracy.main(argv)
    assert stop.value.code == (0 if argv == ["--help"] else 2)
    out = capsys.readouterr()
    assert "usage:" in out.out + out.err
    assert "Held-out part" not in out.out + out.err


def test_every_field_note_belongs_to_a_batch_of_its_part() -> None:
    """A batch is named by the letters its files start with (`n41_...` is `n`, `na03_...` is
    `na`): a note whose letters name no batch of its part would count in no batch's row."""
    import lint_accuracy

    for n in NOTES:
        key = lint_accuracy._prefix(n.path.name)
        assert key in lint_accuracy.BATCHES[n.part], (n.path.name, key)
    assert lint_accuracy._prefix("na03_bad_x.txt") == "na"
    assert lint_accuracy._prefix("n41_good_x.txt") == "n"
