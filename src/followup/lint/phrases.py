"""Load phrases.toml once and compile each family into one regular expression."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib.resources import files


@dataclass(frozen=True, slots=True)
class Family:
    name: str
    rule: str
    pattern: re.Pattern[str]
    match: tuple[str, ...]
    no_match: tuple[str, ...]


def _load() -> dict[str, Family]:
    data = tomllib.loads(files("followup.lint").joinpath("phrases.toml").read_text("utf-8"))
    out: dict[str, Family] = {}
    for name, fam in data["families"].items():
        joined = "|".join(f"(?:{p})" for p in fam["patterns"])
        out[name] = Family(name, fam["rule"], re.compile(joined, re.IGNORECASE),
                           tuple(fam.get("match", ())), tuple(fam.get("no_match", ())))
    return out


FAMILIES = _load()
