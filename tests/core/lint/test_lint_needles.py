"""The gates' one pass (`needles.Found`, an Aho-Corasick automaton) answers exactly what a
substring search of each string would: on texts made of the registered strings, their
pieces and other characters, for any part of the text and any group of strings."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from followup.core.lint import cues, needles, readings, tone, valence
from followup.core.lint.needles import Found, register
from followup.core.lint.parse import _THREAD_MARKS, parse

GROUPS = [_THREAD_MARKS, valence._MARKER_SET, tone._ENDORSE,
          *(c.needle_set for c in cues.CUES)]
_STRINGS = sorted(set().union(*GROUPS))
_PIECES = st.one_of(st.sampled_from(_STRINGS),
                    st.sampled_from(_STRINGS).map(lambda s: s[: len(s) // 2]),
                    st.sampled_from(_STRINGS).map(lambda s: s[len(s) // 2:]),
                    st.sampled_from([" ", "\n", "x", "'", '"', "\u00e9", "\U0001f600", "-"]))


def _plain(text: str, group: frozenset[str], start: int, end: int) -> bool:
    return any(text.find(s, start, end) >= 0 for s in group)


@given(st.lists(_PIECES, max_size=25), st.sampled_from(GROUPS), st.integers(0, 400),
       st.integers(0, 400))
def test_found_answers_as_a_substring_search(pieces: list[str], group: frozenset[str],
                                             a: int, b: int) -> None:
    text = "".join(pieces)
    found = Found(text)
    assert found.any(group) == _plain(text, group, 0, len(text))
    assert found.any(group, a, b) == _plain(text, group, a, b)
    assert found.any(group, a) == any(s in text[a:] for s in group)


@given(st.lists(_PIECES, max_size=25))
def test_every_occurrence_is_reported_overlapping_ones_too(pieces: list[str]) -> None:
    text = "".join(pieces)
    found = Found(text)
    for s in _STRINGS:
        starts = [i for i in range(len(text)) if text.startswith(s, i)]
        assert found.at.get(s, []) == starts, s


def test_a_string_registered_after_a_text_was_read_is_searched_plainly() -> None:
    found = Found("we were left in the dark about it")
    late = frozenset({"left in the dark about"})  # not registered when the text was read
    assert found.any(late) and not found.any(late, 10)
    assert register(late) == late and not Found("nothing").any(late)
    assert Found("we were left in the dark about it").any(late)
    assert Found("abc").any(frozenset({""}))  # the empty string occurs everywhere
    needles._STRINGS.discard("left in the dark about")  # leave the registry as it was
    needles._AUTOMATON.clear()


def test_the_note_is_read_once_when_no_quote_is_blanked() -> None:
    p = parse("Dear Nia,\n\nThanks again, at least for the call.\n\nBest,\nSam\n")
    assert p.found_masked is p.found and p.found.text is p.lower
    q = parse('Dear Nia,\n\nThanks for the "feedback" at least.\n\nBest,\nSam\n')
    assert q.found_masked is not q.found and q.found_masked.text is q.lower_masked


_SHOUT_PIECES = st.sampled_from(
    [*readings._CAPS_WORDS, *(w.lower() for w in readings._CAPS_WORDS), "News", "nEWS", "??",
     "?!", "!!", "!?", "?", "!", " ", "\n", ".", "ANY", "any", "update", "Dana", "\u0130",
     "WHYS", "S", "\t"])


@given(st.lists(_SHOUT_PIECES, max_size=20), st.integers(0, 60), st.integers(0, 60))
def test_shouting_reads_the_same_with_the_notes_one_pass(pieces: list[str], a: int,
                                                         b: int) -> None:
    from followup.core.lint.parse import lower_same_length

    text = "".join(pieces)
    low = lower_same_length(text)
    found = Found(low)
    assert readings.shouting(text, low, a, b, found) == readings.shouting(text, low, a, b)
    assert (readings._caps_word(text, found, a, b)
            == any(w in text[a:b] for w in readings._CAPS_WORDS))


_ANCHOR_WORDS = sorted({w for pats in readings._ALL.values() for p in pats
                        for g in p.anchors for w in g})


@given(st.frozensets(st.sampled_from([*_ANCHOR_WORDS, "the", "thanks", "x"]), max_size=40))
def test_every_reading_opens_together_what_it_opens_alone(words: frozenset[str]) -> None:
    # readings._opened: one intersection for every reading, the same as `_open` of each
    opened = readings._opened(words)
    for r in readings._ALL:
        assert opened.get(r, ()) == readings._open(r, words), r.name
