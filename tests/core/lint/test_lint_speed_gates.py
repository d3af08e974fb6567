"""The linter's speed gates (bench/results.md, section 3) change no finding:
`valence._tagged` finds a tag standing as its own sentence as the one MULTILINE regex it
replaced did (kept here as the reference), on texts made of tags, words, stops and
whitespace. (The field corpus's figures are held by `scripts/lint_accuracy.py --check`; a
frozen copy of every finding was used to check the speed work once and not kept: it would
fail on every deliberate rule change.)
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from followup.core.lint import valence

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
