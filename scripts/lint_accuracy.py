"""The linter's accuracy on the field corpus (tests/core/lint/field), part by part: the
tuning part (the notes the rules were tuned on) and the held-out part (written before any
rule change for them, never tuned on). Per rule and per kind, with the two targets of issue
22 judged on the held-out part, printed and written to docs/lint-accuracy.md.

Run: .venv/bin/python scripts/lint_accuracy.py          (prints and rewrites the doc)
     .venv/bin/python scripts/lint_accuracy.py --check  (prints nothing; exit 1 if the doc is stale)
     .venv/bin/python scripts/lint_accuracy.py --tuning (the tuning part only; writes nothing)
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "core" / "lint"))
from corpus import LOUD, FieldNote, field_scores, load_field, run_field, targets  # noqa: E402

DOC = ROOT / "docs" / "lint-accuracy.md"
GOOD_TARGET = 0.10  # at most this share of good notes draws a warning or an error
BAD_TARGET = 0.90  # at least this share of bad notes draws the fault they stand for
# Rules of thumb: their severity per kind follows the share of good notes they flag there
# (RULEBOOK section 2). The hard faults keep theirs whatever the figures.
THUMB = ("length.words", "length.voicemail", "length.one-liner", "tone.you-i-ratio",
         "personal.copy-paste", "content.thanks", "content.interest", "content.specifics")
# Batches by the letters a note's file name starts with (`n41_...` is `n`, `na03_...` is `na`:
# every single letter is taken, so later batches use two), in the order they were written:
# what each batch says depends on when it was written (docs/lint-accuracy.head.md says why).
BATCHES = {"heldout": {"n": "A", "x": "A", "m": "B", "y": "B", "e": "E", "k": "G",
                       "ne": "R", "nf": "S"},
           "tuning": {"g": "first rules", "b": "first rules", "h": "round 1 held-out",
                      "t": "round 1", "u": "round 2", "c": "round 2 held-out C",
                      "d": "round 2 held-out D", "f": "round 4 held-out F",
                      "w": "round 4", "r": "round 6 readings",
                      "q": "round 6 lexicon", "p": "round 6 held-out H",
                      "s": "round 7 impoliteness", "v": "round 7 alarms",
                      "j": "round 7 held-out I",
                      "l": "round 8 held-out J",
                      "i": "rounds 9-11 readings",
                      "o": "round 9 held-out K", "a": "round 9 held-out L",
                      "z": "round 10 held-out M",
                      "na": "round 11 held-out N",
                      "nb": "round 12 held-out O",
                      "nc": "round 13 held-out P", "nd": "round 13 held-out Q"}}
LEADING_LETTERS = re.compile(r"[a-z]+")


def _prefix(name: str) -> str:
    """The batch key of a note's file name: its leading letters."""
    m = LEADING_LETTERS.match(name)
    return m.group() if m else ""


PART_TITLES = {"heldout": "Held-out part (`field/heldout/`: the targets are judged here)",
               "tuning": "Tuning part (`field/tuning/`: the rules were tuned on these)"}


@dataclass(frozen=True)
class Figures:
    """One part's figures: the two target shares and the markdown that shows them."""

    part: str
    notes: int
    good: int
    bad: int
    loud: int
    missed: int
    text: str

    @property
    def false_alarms(self) -> float:
        return self.loud / self.good if self.good else 0.0

    @property
    def recall(self) -> float:
        return (self.bad - self.missed) / self.bad if self.bad else 1.0


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "-"


def _pct(a: int, b: int, places: int = 0) -> str:
    """A share; the target figures to a tenth of a percent (10 of 97 is 10.3%, not 10%)."""
    return f"{a / b:.{places}%}" if b else "-"


def figures(part: str) -> Figures:
    from followup.core.lint import KINDS, RULES
    from followup.core.lint.rules import severity_label

    notes = load_field(part)
    fired = run_field(notes)
    loud, missed = targets(notes, fired)
    good = [n for n in notes if n.good]
    bad = [n for n in notes if not n.good]
    rows = ["| rule | severity | tp | fp | fn | precision | recall |",
            "|---|---|---:|---:|---:|---:|---:|"]
    for rule, (tp, fp, fn) in field_scores(notes, fired).items():
        if tp + fp + fn:
            rows.append(f"| `{rule}` | {severity_label(RULES[rule])} | {tp} | {fp} | {fn} | "
                        f"{_ratio(tp, tp + fp)} | {_ratio(tp, tp + fn)} |")
    kinds = ["| kind | good notes | with a warning or error | bad notes | caught for their fault |",
             "|---|---:|---:|---:|---:|"]
    for k in KINDS:
        g = [n for n in good if n.context.kind == k]
        b = [n for n in bad if n.context.kind == k]
        lg = sum(1 for n in loud if n.context.kind == k)
        mb = sum(1 for n in missed if n.context.kind == k)
        if g or b:
            kinds.append(f"| {k} | {len(g)} | {lg} ({_pct(lg, len(g))}) | {len(b)} | "
                         f"{len(b) - mb} ({_pct(len(b) - mb, len(b))}) |")
    batches = ["| batch | files | good notes | with a warning or error | bad notes | "
               "caught for their fault |", "|---|---|---:|---:|---:|---:|"]
    names = BATCHES.get(part, {})
    for batch in dict.fromkeys(names.values()):
        mine = [n for n in notes if names.get(_prefix(n.path.name)) == batch]
        g = sum(n.good for n in mine)
        b = len(mine) - g
        lg = sum(1 for n in loud if n in mine)
        mb = sum(1 for n in missed if n in mine)
        prefixes = ", ".join(f"`{k}*`" for k, v in names.items() if v == batch)
        batches.append(f"| {batch} | {prefixes} | {g} | {lg} ({_pct(lg, g)}) | {b} | "
                       f"{b - mb} ({_pct(b - mb, b)}) |")
    title = PART_TITLES[part]
    lines = [f"### {title}", "",
             f"{len(notes)} notes: {len(good)} good, {len(bad)} bad.", "",
             f"- Good notes drawing a warning or an error: {len(loud)} of {len(good)} "
             f"({_pct(len(loud), len(good), 1)}; target at most {GOOD_TARGET:.0%})"
             + "".join(f"\n  - `{n.path.name}` ({n.context.kind}): "
                       + ", ".join(f"{r} ({s})" for r, s in sorted(fired[n.path].items())
                                   if s in LOUD) for n in loud),
             f"- Bad notes drawing the fault they stand for: {len(bad) - len(missed)} of "
             f"{len(bad)} ({_pct(len(bad) - len(missed), len(bad), 1)}; target at least "
             f"{BAD_TARGET:.0%})"
             + "".join(f"\n  - missed `{n.path.name}`: {n.expect[0]}" for n in missed),
             "", "Per batch:", "", *batches, "", "Per kind:", "", *kinds, "",
             "Per rule (a finding at any severity counts; rules that never spoke are left out):",
             "", *rows]
    return Figures(part, len(notes), len(good), len(bad), len(loud), len(missed),
                   "\n".join(lines))


def thumb_shares(notes: list[FieldNote] | None = None) -> dict[tuple[str, str], tuple[int, int]]:
    """(rule, kind) -> (good notes of that kind the rule flags at any severity, good notes
    of that kind), on the tuning part: the figures a rule of thumb's severity follows."""
    from followup.core.lint.rules import applies

    notes = load_field("tuning") if notes is None else notes
    fired = run_field(notes)
    good = [n for n in notes if n.good]
    per_kind = Counter(n.context.kind for n in good)
    out: dict[tuple[str, str], tuple[int, int]] = {}
    for rule in THUMB:
        for kind, total in per_kind.items():
            if applies(rule, kind):
                hit = sum(1 for n in good if n.context.kind == kind and rule in fired[n.path])
                out[(rule, kind)] = (hit, total)
    return out


def thumb_table() -> str:
    from followup.core.lint import KINDS, RULES

    shares = thumb_shares()
    kinds = [k for k in KINDS if any(key[1] == k for key in shares)]
    rows = ["| rule | " + " | ".join(kinds) + " |", "|---|" + "---|" * len(kinds)]
    for rule in THUMB:
        cells = []
        for k in kinds:
            if (rule, k) not in shares:
                cells.append("-")
                continue
            hit, total = shares[(rule, k)]
            cells.append(f"{hit}/{total}: {RULES[rule].severity_for(k)}")
        rows.append(f"| `{rule}` | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def table() -> tuple[str, float, float]:
    """The markdown and the two target figures on the held-out part."""
    held = figures("heldout")
    tuning = figures("tuning")
    body = "\n\n".join([
        held.text, tuning.text,
        "### Rules of thumb per kind (tuning part)\n\n"
        "Good notes of each kind a rule of thumb flags (at any severity), and the severity it "
        "reports on that kind. Above 1 in 10, a rule of thumb is shown at `suggestion` for "
        "that kind (RULEBOOK section 2); `tests/core/lint/test_lint_field.py` checks it.\n\n"
        + thumb_table()])
    return body, held.false_alarms, held.recall


def render(body: str) -> str:
    head = (ROOT / "docs" / "lint-accuracy.head.md").read_text(encoding="utf-8")
    return head.rstrip("\n") + "\n\n## Figures\n\n" \
        "Made by `scripts/lint_accuracy.py` (do not edit by hand).\n\n" + body + "\n"


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(
        description="The linter's accuracy on the field corpus, tuning and held-out parts "
                    "(docs/lint-accuracy.md).")
    how = ap.add_mutually_exclusive_group()
    how.add_argument("--tuning", action="store_true",
                     help="print the tuning part only (the held-out part unseen); write nothing")
    how.add_argument("--check", action="store_true",
                     help="print nothing; exit 1 if docs/lint-accuracy.md is stale")
    # an unknown flag exits 2 with the usage, never runs the held-out part by mistake
    args = ap.parse_args(argv)
    if args.tuning:  # while tuning: the tuning part only, the held-out part unseen
        print(figures("tuning").text)
        return 0
    body, false_alarms, recall = table()
    text = render(body)
    if args.check:  # quiet: the doc lists held-out misses, which rule authors must not read
        if DOC.read_text(encoding="utf-8") != text:
            print(f"{DOC} is stale: run scripts/lint_accuracy.py", file=sys.stderr)
            return 1
        return 0
    print(body)
    DOC.write_text(text, encoding="utf-8")
    ok = false_alarms <= GOOD_TARGET and recall >= BAD_TARGET
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
