"""Load phrases.toml once and compile each family into one regular expression."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib.resources import files

from followup.lint.parse import FOLD, lower_same_length


@dataclass(frozen=True, slots=True)
class Family:
    """A phrase family. `pattern` reads lowercased, apostrophe-folded text (faster than
    IGNORECASE); `search` does that folding for callers holding raw text."""

    name: str
    rule: str
    pattern: re.Pattern[str]
    match: tuple[str, ...]
    no_match: tuple[str, ...]
    anchors: frozenset[str] = frozenset()  # empty: no shortcut
    literals: tuple[str, ...] = ()  # every match contains one of these; empty: no shortcut

    def may_match(self, words: frozenset[str]) -> bool:
        """False when none of the anchor words occurs, so the pattern cannot match."""
        return not self.anchors or not self.anchors.isdisjoint(words)

    def may_occur(self, text: str, start: int, end: int) -> bool:
        """False when none of the literals occurs in text[start:end] (lowercased, folded),
        so the pattern cannot match there: a substring test is far cheaper than a scan."""
        return not self.literals or any(text.find(s, start, end) >= 0 for s in self.literals)

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(lower_same_length(text.translate(FOLD)))


def _load() -> dict[str, Family]:
    data = tomllib.loads(files("followup.lint").joinpath("phrases.toml").read_text("utf-8"))
    out: dict[str, Family] = {}
    for name, fam in data["families"].items():
        joined = "|".join(f"(?:{p})" for p in fam["patterns"])
        out[name] = Family(name, fam["rule"], re.compile(joined),
                           tuple(fam.get("match", ())), tuple(fam.get("no_match", ())),
                           frozenset(fam.get("anchors", ())), tuple(fam.get("literals", ())))
    return out


FAMILIES = _load()
