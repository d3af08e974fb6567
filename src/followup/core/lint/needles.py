"""The literal strings the linter's substring gates look for, found in one pass.

Several checks skip their regexes unless some literal string occurs in the note: a reply
header's words (`parse.THREAD_MARKS`), the cues' needles, the irony markers, a family's
literals (`Family.may_occur`). Each such test is a substring search over the whole note,
and a note went through some two hundred of them. Here every registered string goes into
one Aho-Corasick automaton (pyahocorasick, in C), built on first use, and one pass over a
lowercase view of a note says which of them occur and where (`Found`). A gate then asks
`Found.any`: a set intersection answers "none" for most notes, and the offsets answer for a
part of the note.

Exact: the automaton reports every occurrence of every string it holds, overlapping ones
included, so a string occurs in text[start:end] exactly when one of its occurrences starts
at or after `start` and ends at or before `end`. A string registered after a note was read
(or the empty string, which the automaton cannot hold) is searched for the plain way.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

_STRINGS: set[str] = set()
_AUTOMATON: list[tuple[Any, frozenset[str]]] = []  # (the automaton, its strings), built lazily


def register(strings: Iterable[str]) -> frozenset[str]:
    """Add strings a gate looks for (at import); returns them as a set for `Found.any`."""
    group = frozenset(strings)
    if not group <= _STRINGS:
        _STRINGS.update(group)
        _AUTOMATON.clear()  # built again, with them, on next use
    return group


def _automaton() -> tuple[Any, frozenset[str]]:
    if not _AUTOMATON:
        import ahocorasick  # lazily: the import builds nothing

        auto = ahocorasick.Automaton()
        held = frozenset(s for s in _STRINGS if s)
        for s in held:
            auto.add_word(s, s)
        auto.make_automaton()
        _AUTOMATON.append((auto, held))
    return _AUTOMATON[0]


class Found:
    """Where the registered strings occur in one text (one pass of the automaton)."""

    __slots__ = ("at", "held", "strings", "text")

    def __init__(self, text: str) -> None:
        auto, held = _automaton()
        at: dict[str, list[int]] = {}
        if held:
            for end, s in auto.iter(text):
                at.setdefault(s, []).append(end - len(s) + 1)
        self.text = text
        self.held = held  # the strings the automaton looked for
        self.at = at  # string -> the offsets it starts at, in order
        self.strings = frozenset(at)  # the strings occurring anywhere

    def any(self, group: frozenset[str], start: int = 0, end: int | None = None) -> bool:
        """Whether some string of `group` occurs in text[start:end]: the same answer as
        `any(text.find(s, start, end) >= 0 for s in group)`."""
        if not group <= self.held:  # not looked for (registered later, or ""): plainly
            return any(self.text.find(s, start, end) >= 0 for s in group)
        hits = self.strings.intersection(group)
        if not hits:
            return False
        stop = len(self.text) if end is None else end
        if start <= 0 and stop >= len(self.text):
            return True
        return any(start <= a and a + len(s) <= stop for s in hits for a in self.at[s])
