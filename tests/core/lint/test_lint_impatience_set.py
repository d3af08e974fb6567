"""tone.impatient on a fresh measuring set (tests/core/lint/data/impatience_sentences.toml):
100 impatient check-in sentences (mock patience beside time counted, a third chaser in a
week, "any update???", a promise quoted back with a charge, ultimatums) and 100 polite ones
in the same words (dates, "still", "following up", "as promised", "I know you're busy",
another offer's deadline). Written before round seven changed any impatience rule; the
figure then and the floor now are below (issue 22, round seven "alarms")."""

from __future__ import annotations

import tomllib
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from followup.core.lint import LintContext, lint

DATA = Path(__file__).parent / "data" / "impatience_sentences.toml"
CTX = LintContext(kind="check_in", company="Pylon Engineering", role="Designer",
                  people=("Nia Brook",), candidate="Sam Lee")
# Measured once before tuning: 54 of 100 impatient caught, 3 of 100 polite flagged;
# after round seven tuned on it: 100 of 100 and 0 of 100 (a tuning figure now).
CAUGHT_FLOOR = 97  # impatient sentences that must draw tone.impatient, of 100
FLAGGED_CEILING = 1  # polite sentences that may draw tone.impatient or tone.negative


def sentences() -> dict[str, list[str]]:
    with DATA.open("rb") as f:
        data = tomllib.load(f)
    return {"impatient": list(data["impatient"]), "polite": list(data["polite"])}


def rules(sentence: str) -> set[str]:
    note = f"Dear Nia,\n\n{sentence}\n\nBest regards,\nSam Lee\n"
    return {f.rule for f in lint(note, CTX) if f.severity in ("error", "warning")}


def measure() -> tuple[list[str], list[str]]:
    """(impatient sentences missed, polite sentences flagged)."""
    s = sentences()
    missed = [x for x in s["impatient"] if "tone.impatient" not in rules(x)]
    flagged = [x for x in s["polite"]
               if rules(x) & {"tone.impatient", "tone.negative"}]
    return missed, flagged


def test_the_set_is_the_size_it_says_and_has_no_repeats() -> None:
    s = sentences()
    assert len(s["impatient"]) == 100 and len(s["polite"]) == 100
    assert len(set(s["impatient"] + s["polite"])) == 200


def test_impatience_is_caught_and_the_same_words_said_politely_pass() -> None:
    missed, flagged = measure()
    assert 100 - len(missed) >= CAUGHT_FLOOR, missed
    assert len(flagged) <= FLAGGED_CEILING, flagged


_SET = sentences()
THANKS = LintContext(kind="thank_you", company="Pylon Engineering", role="Designer",
                     people=("Nia Brook",), candidate="Sam Lee")
OPENING = ("Thank you for the interview on Tuesday and for the tour of the test rig. "
           "I'm very interested in the Designer role at Pylon Engineering.")


def test_the_second_probe_written_after_tuning() -> None:
    """Measured once before it was tuned on: 13 of 25 caught, 1 of 45 polite flagged."""
    with DATA.open("rb") as f:
        data = tomllib.load(f)
    caught = [x for x in data["probe_impatient"] if "tone.impatient" in rules(x)]
    assert len(caught) >= 24, sorted(set(data["probe_impatient"]) - set(caught))
    loud = [x for x in data["probe_polite"]
            if any(f.severity in ("error", "warning") for f in lint(
                f"Dear Nia,\n\n{OPENING} {x}\n\nBest regards,\nSam Lee\n", THANKS))]
    assert loud == []


@given(st.lists(st.sampled_from(_SET["polite"]), min_size=1, max_size=6, unique=True))
def test_polite_check_in_lines_together_draw_no_impatience(lines: list[str]) -> None:
    assert "tone.impatient" not in rules(" ".join(lines))


@given(st.lists(st.sampled_from(_SET["polite"]), max_size=5, unique=True),
       st.sampled_from(_SET["impatient"]), st.integers(0, 5))
def test_an_impatient_line_among_polite_ones_is_still_found(
        lines: list[str], line: str, at: int) -> None:
    lines.insert(min(at, len(lines)), line)
    assert "tone.impatient" in rules(" ".join(lines))


def test_the_held_out_probe_keeps_its_measured_figure() -> None:
    """Never tuned on (see the data file): the figure measured once stands as a floor, so
    a change that loses ground on wordings nobody tuned for shows here."""
    with DATA.open("rb") as f:
        data = tomllib.load(f)
    caught = [x for x in data["heldout_impatient"] if "tone.impatient" in rules(x)]
    flagged = [x for x in data["heldout_polite"]
               if rules(x) & {"tone.impatient", "tone.negative"}]
    assert len(caught) >= 4 and flagged == []


if __name__ == "__main__":  # the figure, for the round's notes
    m, f = measure()
    print(f"impatient caught: {100 - len(m)} of 100; polite flagged: {len(f)} of 100")
    for x in m:
        print("  missed:", x)
    for x in f:
        print("  flagged:", x, sorted(rules(x)))
