"""Fresh single sentences for tone.negative (tests/core/lint/data/impolite_sentences.toml):
rude lines by Culpeper's impoliteness formulae and innocent lines with the same words, each
group in a tuning part and a held-out part. Used by tests/core/lint/test_lint_impoliteness.py
and scripts/lint_sentences.py.

Round nine's set (tests/core/lint/data/round9_sentences.toml, `load_round9`) holds hostile
lines under the rule each group must draw (tone.negative, tone.impatient, tone.name-drop)
and innocent lines in the same words; `Line.rule` names it. Round ten's set
(data/round10_sentences.toml, `load_round10`) is read the same way and adds innocent-only
groups (the false alarms of blind batches K and L), whose `rule` names the rule that
misread them. Round eleven's set (data/round11_sentences.toml, `load_round11`) adds greeting
groups (`greeting = true`): each line is a thank-you's greeting to Ms. Nia Brook with two
other people recorded (`GREET_CTX`), and counts by names.wrong-recipient. Round twelve's
set (data/round12_sentences.toml, `load_round12`) and round thirteen's
(data/round13_sentences.toml, `load_round13`: sarcasm and hostility in fresh words) and its
second pass's (data/round13b_sentences.toml, `load_round13b`: the hostile shapes in other
words, backhanded compliments, condescension, stock office phrases) and round fourteen's
(data/round14_sentences.toml, `load_round14`: blind batches P and Q's misses and false
alarms in general form) are read like round ten's.

A line is linted inside a short note whose other sentence draws nothing, so what it draws
is its own: a rude line counts when it draws `tone.negative`, an innocent line when it draws
any tone rule but the pronoun ratio (a suggestion every first-person note draws)."""

from __future__ import annotations

import re
import time
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from followup.core.lint import LintContext, lint, readings
from followup.core.model import Person

DATA = Path(__file__).parent / "data" / "impolite_sentences.toml"
ROUND9 = Path(__file__).parent / "data" / "round9_sentences.toml"
ROUND10 = Path(__file__).parent / "data" / "round10_sentences.toml"
ROUND11 = Path(__file__).parent / "data" / "round11_sentences.toml"
ROUND12 = Path(__file__).parent / "data" / "round12_sentences.toml"
ROUND13 = Path(__file__).parent / "data" / "round13_sentences.toml"
ROUND13B = Path(__file__).parent / "data" / "round13b_sentences.toml"
ROUND14 = Path(__file__).parent / "data" / "round14_sentences.toml"
CTX = LintContext(kind="check_in", company="Harlow Foods", role="Designer",
                  people=("Nia Brook",), candidate="Sam Lee")
QUIET = "tone.you-i-ratio"  # a suggestion on any note that says "I" more than "you"
# The readings' tests (rounds nine and ten) read a body inside a final note to Nia.
FINAL_CTX = LintContext(kind="final", company="Pylon Engineering", role="Designer",
                        people=("Nia Brook",), candidate="Sam Lee")
# Round eleven's greeting lines: a thank-you for Ms. Nia Brook, a panel of three recorded.
GREET_CTX = LintContext(kind="thank_you", company="Harlow Foods", role="Designer",
                        people=("Ms. Nia Brook", "Dr. Omar Haddad", "Lena Fischer"),
                        recipient=Person(id="nia", name="Ms. Nia Brook"), candidate="Sam Lee")


@dataclass(frozen=True)
class Line:
    text: str
    rude: bool
    group: str  # the formula (rude) or the words shared with it (innocent)
    part: str  # "tune" or "heldout"
    batch: str  # "a" (written first) or "b" (written after the first tuning)
    rule: str = "tone.negative"  # the rule a rude (hostile) line must draw
    greeting: bool = False  # the line is a greeting (round eleven), linted by `greeted`


KEYS = {"tune": ("tune", "a"), "heldout": ("heldout", "a"), "tune_b": ("tune", "b"),
        "heldout_b": ("heldout", "b")}


def load(part: str | None = None, batch: str | None = None) -> list[Line]:
    """Every line of the set, or of one part and batch."""
    data = tomllib.loads(DATA.read_text("utf-8"))
    out = []
    for kind in ("rude", "innocent"):
        for group, table in data[kind].items():
            for key, (p, b) in KEYS.items():
                if part in (None, p) and batch in (None, b) and key in table:
                    out.extend(Line(t, kind == "rude", group, p, b) for t in table[key])
    return out


def _load_set(path: Path, batch: str, part: str | None) -> list[Line]:
    """A round's lines (every one, or one part): a hostile line carries its group's rule;
    innocent lines share the group name of the hostile lines they mirror, or name their own
    rule (an innocent-only group)."""
    data = tomllib.loads(path.read_text("utf-8"))
    out = []
    for kind in ("hostile", "innocent"):
        for group, table in data[kind].items():
            rule = table.get("rule") or data["hostile"][group]["rule"]
            greeting = bool(table.get("greeting", False))
            for p in ("tune", "heldout"):
                if part in (None, p):
                    out.extend(Line(t, kind == "hostile", group, p, batch, rule, greeting)
                               for t in table.get(p, ()))
    return out


def load_round9(part: str | None = None) -> list[Line]:
    """Round nine's lines (every one, or one part)."""
    return _load_set(ROUND9, "r9", part)


def load_round10(part: str | None = None) -> list[Line]:
    """Round ten's lines (every one, or one part)."""
    return _load_set(ROUND10, "r10", part)


def load_round11(part: str | None = None) -> list[Line]:
    """Round eleven's lines (every one, or one part)."""
    return _load_set(ROUND11, "r11", part)


def load_round12(part: str | None = None) -> list[Line]:
    """Round twelve's lines (every one, or one part)."""
    return _load_set(ROUND12, "r12", part)


def load_round13(part: str | None = None) -> list[Line]:
    """Round thirteen's lines (every one, or one part)."""
    return _load_set(ROUND13, "r13", part)


def load_round13b(part: str | None = None) -> list[Line]:
    """Round thirteen's second pass's lines (every one, or one part)."""
    return _load_set(ROUND13B, "r13b", part)


def load_round14(part: str | None = None) -> list[Line]:
    """Round fourteen's lines (every one, or one part)."""
    return _load_set(ROUND14, "r14", part)


def greeted(greeting: str) -> set[str]:
    """The name and tone rules a thank-you with this greeting draws (`GREET_CTX`)."""
    text = (f"{greeting}\n\nThank you for your time on Friday. I enjoyed hearing how the "
            f"packaging line is planned, and I am very interested in the Designer role at "
            f"Harlow Foods.\n\nBest regards,\nSam Lee\n")
    return {f.rule for f in lint(text, GREET_CTX)
            if f.rule.startswith(("tone.", "names.")) and f.rule != QUIET}


def note(line: str) -> str:
    return (f"Dear Nia,\n\n{line} I remain very interested in the Designer role.\n\n"
            f"Best regards,\nSam Lee\n")


def final_note(body: str) -> str:
    """A body as a final note to Nia, signed by Sam Lee (`FINAL_CTX`)."""
    return f"Dear Nia,\n\n{body}\n\nBest regards,\nSam Lee\n"


def tone_messages(text: str, ctx: LintContext = FINAL_CTX) -> dict[str, str]:
    """rule -> message of the tone rules a whole note draws (the pronoun ratio aside)."""
    return {f.rule: f.message for f in lint(text, ctx)
            if f.rule.startswith("tone.") and f.rule != QUIET}


def tone_rules(line: str) -> set[str]:
    """The tone rules a line draws (the pronoun ratio left out)."""
    return {f.rule for f in lint(note(line), CTX)
            if f.rule.startswith("tone.") and f.rule != QUIET}


def wrong(line: Line) -> bool:
    """A rude line without its rule (tone.negative unless the set says otherwise), or an
    innocent line with any tone finding."""
    rules = greeted(line.text) if line.greeting else tone_rules(line.text)
    return line.rule not in rules if line.rude else bool(rules)


# -- checks every round's new patterns share (rounds thirteen and fourteen) ---------------------
LONG = 50_000  # characters of a pattern's opening repeated: a runaway pattern takes minutes


def assert_linear(regex: re.Pattern[str], openings: Iterable[str], label: str = "") -> None:
    """No runaway backtracking: the regex searched over 50,000 characters made of each
    opening repeated finishes well under a second."""
    for opening in openings:
        text = (opening * (LONG // len(opening) + 1))[:LONG]
        start = time.perf_counter()
        regex.search(text)
        assert time.perf_counter() - start < 1.0, (label, opening)


def assert_past_its_gate(pat: readings.Pat, lines: Iterable[str]) -> None:
    """A match the gates would never let the pattern try is a silent miss: every line the
    pattern matches holds one of its needles and meets its anchor words."""
    for line in lines:
        low = line.lower()
        if pat.regex.search(low):
            assert any(n in low for n in pat.needles), (pat.name, line)
            assert pat.may(frozenset(readings._WORD.findall(low))), (pat.name, line)
