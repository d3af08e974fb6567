"""The linter's accuracy on the field corpus (tests/core/lint/field): per-rule precision and
recall, and the two targets of issue 13, printed and written to docs/lint-accuracy.md.

Run: .venv/bin/python scripts/lint_accuracy.py          (prints and rewrites the doc)
     .venv/bin/python scripts/lint_accuracy.py --check  (exit 1 if the doc is stale)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "core" / "lint"))
from corpus import field_scores, load_field, run_field, targets  # noqa: E402

DOC = ROOT / "docs" / "lint-accuracy.md"
GOOD_TARGET = 0.10  # at most this share of good notes draws a warning or an error
BAD_TARGET = 0.90  # at least this share of bad notes draws the fault they stand for


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "-"


def table() -> tuple[str, float, float]:
    """The markdown table and the two target figures."""
    from followup.core.lint import RULES

    notes = load_field()
    fired = run_field(notes)
    scores = field_scores(notes, fired)
    rows = ["| rule | severity | tp | fp | fn | precision | recall |",
            "|---|---|---:|---:|---:|---:|---:|"]
    for rule, (tp, fp, fn) in scores.items():
        rows.append(f"| `{rule}` | {RULES[rule].severity} | {tp} | {fp} | {fn} | "
                    f"{_ratio(tp, tp + fp)} | {_ratio(tp, tp + fn)} |")
    good = [n for n in notes if n.good]
    bad = [n for n in notes if not n.good]
    loud, missed = targets(notes, fired)
    false_alarms = len(loud) / len(good)
    recall = (len(bad) - len(missed)) / len(bad)
    lines = [f"{len(notes)} notes: {len(good)} good, {len(bad)} bad.", "",
             *rows, "",
             f"- Good notes drawing a warning or an error: {len(loud)} of {len(good)} "
             f"({false_alarms:.0%}; target at most {GOOD_TARGET:.0%})"
             + "".join(f"\n  - `{n.path.name}`: "
                       + ", ".join(f"{r} ({s})" for r, s in sorted(fired[n.path].items())
                                   if s in ("error", "warning")) for n in loud),
             f"- Bad notes drawing the fault they stand for: {len(bad) - len(missed)} of "
             f"{len(bad)} ({recall:.0%}; target at least {BAD_TARGET:.0%})"
             + "".join(f"\n  - missed `{n.path.name}`: {n.expect[0]}" for n in missed)]
    return "\n".join(lines), false_alarms, recall


def render(body: str) -> str:
    head = (ROOT / "docs" / "lint-accuracy.head.md").read_text(encoding="utf-8")
    return head.rstrip("\n") + "\n\n## Figures\n\n" \
        "Made by `scripts/lint_accuracy.py` (do not edit by hand). A rule's tp/fp/fn count " \
        "notes, with a finding at any severity (info and suggestion included).\n\n" \
        + body + "\n"


def main(argv: list[str]) -> int:
    body, false_alarms, recall = table()
    print(body)
    text = render(body)
    if "--check" in argv:
        if DOC.read_text(encoding="utf-8") != text:
            print(f"{DOC} is stale: run scripts/lint_accuracy.py", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(text, encoding="utf-8")
    ok = false_alarms <= GOOD_TARGET and recall >= BAD_TARGET
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
