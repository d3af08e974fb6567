"""The one-pass scanner (`phrases.Scanner`, used by `spans`) finds, per family, exactly what
`finditer` over the family's whole alternation finds: the trigger regex that picks the words
a pattern opens with, and the joined regex tried at each of them, are shortcuts only."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from followup.core.lint.parse import FOLD, lower_same_length
from followup.core.lint.phrases import FAMILIES
from followup.core.lint.spans import (
    _ALL,
    _BODY,
    _INTEREST,
    _INTEREST_STARTS,
    _TONE,
    family_scanner,
)

# the name-drop families' own scanners too (`tone.check_name_drop`: a match anywhere)
SINGLE = ("senior-title", "endorsement")
SCANNERS = (_ALL, _TONE, _BODY, _INTEREST, _INTEREST_STARTS,
            *(family_scanner(name) for name in SINGLE))

# words of every family's examples (so matches happen), with the joints notes have
_EXAMPLES = [lower_same_length(ex.translate(FOLD)) for name in (*_ALL.families, *SINGLE)
             for ex in (*FAMILIES[name].match, *FAMILIES[name].no_match)]
_WORDS = sorted({w for ex in _EXAMPLES for w in re.findall(r"[^\W_]+|'", ex)})
_JOINTS = [" ", " ", " ", ", ", ". ", "? ", "\n", "'", "-", "_", "  "]
_PIECE = st.one_of(st.sampled_from(_WORDS), st.sampled_from(_JOINTS),
                   st.sampled_from(_EXAMPLES))


def _reference(name: str, text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in FAMILIES[name].pattern.finditer(text, start, end)]


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECE, max_size=40), st.data())
def test_scan_finds_what_finditer_finds(pieces: list[str], data: st.DataObject) -> None:
    text = "".join(pieces)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    for sc in SCANNERS:
        found = sc.scan(text, start, end)
        for name, got in zip(sc.families, found, strict=True):
            assert got == _reference(name, text, start, end), (name, text, start, end)


def test_scan_on_every_example_as_a_whole_text() -> None:
    for ex in _EXAMPLES:
        for sc in SCANNERS:
            found = sc.scan(ex, 0, len(ex))
            for name, got in zip(sc.families, found, strict=True):
                assert got == _reference(name, ex, 0, len(ex)), (name, ex)
