"""The linter's speed gates (bench/results.md, section 3) change no finding.

- `valence._tagged` finds a tag standing as its own sentence as the one MULTILINE regex
  it replaced did (kept here as the reference), on texts made of tags, words, stops and
  whitespace.
- Every finding of the field corpus (tests/core/lint/field) is the one frozen in
  `frozen_findings.json` before the speed work. A rule change that moves findings on
  purpose re-freezes them: `.venv/bin/python tests/core/lint/test_lint_speed_gates.py`.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from followup.core.lint import lint_many, valence

HERE = Path(__file__).resolve().parent
FROZEN = HERE / "frozen_findings.json"

# the gate as it was before the speed work: one search over the whole note
_REFERENCE = re.compile(
    "(?:^|[.!?][ \t\n]+)(?:" + "|".join(" ".join(t) for t in valence.TAGS)
    + ")[ \t]*[.!?]", re.MULTILINE)

_PIECES = st.sampled_from(
    [" ".join(t) for t in valence.TAGS]
    + ["again", "not", "or", "oh", "wait", "you", "just", "saying", "didn't", "thanks",
       "x", ".", "!", "?", ",", " ", "  ", "\t", "\n", "\n\n", "\"", "...", "?!"])


@given(st.lists(_PIECES, max_size=30))
def test_a_tag_is_found_exactly_where_the_one_regex_found_it(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert valence._tagged(text) == (_REFERENCE.search(text) is not None)


def _field() -> dict[str, list[list[object]]]:
    """Each field note's findings: rule, severity, line, column, excerpt, message."""
    sys.path.insert(0, str(HERE))
    from corpus import load_field  # the field corpus loader, shared with its tests

    out: dict[str, list[list[object]]] = {}
    notes = load_field()
    groups: dict[str, list[int]] = {}
    for i, n in enumerate(notes):
        groups.setdefault(n.group or str(n.path), []).append(i)
    for members in groups.values():
        texts = [notes[i].text for i in members]
        labels = [notes[i].path.name for i in members]
        for k, i in enumerate(members):
            found = lint_many(texts, notes[i].context, labels=labels)[k]
            out[f"{notes[i].part}/{notes[i].path.name}"] = [
                [f.rule, f.severity, f.line, f.column, f.excerpt, f.message] for f in found]
    return out


def test_every_field_finding_is_the_frozen_one() -> None:
    frozen = json.loads(FROZEN.read_text(encoding="utf-8"))
    got = _field()
    assert sorted(got) == sorted(frozen)
    moved = [name for name in sorted(got) if got[name] != frozen[name]]
    assert not moved, f"findings moved in {len(moved)} notes, first {moved[0]}"


if __name__ == "__main__":  # re-freeze after a deliberate rule change
    lines = [f"{json.dumps(k)}: {json.dumps(v)}" for k, v in sorted(_field().items())]
    FROZEN.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")
    print(f"wrote {FROZEN}")
