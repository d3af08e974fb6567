"""One sha256 over every finding the linter draws on the project's own notes: the check that a
speed change left the findings byte-identical (issue 24).

What is linted, in a fixed order: every note of the field corpus (tests/core/lint/field,
tuning and held-out: this script only hashes them and prints no text), one interview's notes
together as `lint_many` (personal.copy-paste) and each note alone with `lint`; the good/bad
corpora (tests/core/lint/good, bad); every sentence of tests/core/lint/data/*.toml, alone and
inside the short note the sentence tests wrap it in; and the 1,000 notes of
bench/bench_lint.py. Each finding is hashed as (rule, severity, message, line, column,
excerpt, suggestion) after a label naming the note.

Run: .venv/bin/python scripts/lint_findings_digest.py
Prints the digest and the counts; the digest must not change when only speed changes.
"""

from __future__ import annotations

import hashlib
import sys
import tomllib
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "core" / "lint"))
sys.path.insert(0, str(ROOT / "bench"))
from bench_lint import CONTEXT, make_notes  # noqa: E402
from corpus import FieldNote, load, load_field  # noqa: E402
from sentences import CTX, note  # noqa: E402

from followup.core.lint import Finding, lint, lint_many  # noqa: E402

DATA = ROOT / "tests" / "core" / "lint" / "data"


def _strings(value: object) -> Iterator[str]:
    """Every string in a TOML document, in document order."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _line(f: Finding) -> str:
    return repr((f.rule, f.severity, f.message, f.line, f.column, f.excerpt, f.suggestion))


def main() -> None:
    h = hashlib.sha256()
    counts: dict[str, int] = defaultdict(int)

    def feed(section: str, label: str, findings: list[Finding]) -> None:
        h.update(f"# {section} {label}\n".encode())
        for f in findings:
            h.update(_line(f).encode() + b"\n")
        counts[section + " notes"] += 1
        counts[section + " findings"] += len(findings)

    field = load_field()
    groups: dict[str, list[FieldNote]] = defaultdict(list)
    for n in field:
        groups[n.group or str(n.path)].append(n)
        feed("field", f"{n.part}/{n.path.name}", lint(n.text, n.context))
    for key in sorted(groups):
        members = groups[key]
        texts = [m.text for m in members]
        labels = [m.path.name for m in members]
        for m in members:
            for label, findings in zip(labels, lint_many(texts, m.context, labels=labels),
                                       strict=True):
                feed("field-group", f"{m.path.name}:{label}", findings)
    for folder in ("good", "bad"):
        for c in load(ROOT / "tests" / "core" / "lint" / folder):
            feed("corpus", f"{folder}/{c.path.name}", lint(c.text, c.context))
    for path in sorted(DATA.glob("*.toml")):
        doc = tomllib.loads(path.read_text("utf-8"))
        for i, s in enumerate(_strings(doc)):
            feed("sentences", f"{path.name}#{i}", lint(note(s), CTX))
            feed("sentences-alone", f"{path.name}#{i}", lint(s, CTX))
    for i, text in enumerate(make_notes(1000)):
        feed("bench", str(i), lint(text, CONTEXT))
    print(h.hexdigest())
    for k in sorted(counts):
        print(f"  {k}: {counts[k]}")


if __name__ == "__main__":
    main()
