"""Ids a person can type: `acme-analyst` for an opportunity, `dana` for a person.

Pure rules the store, the service and the invite import share: ASCII, lower case, the
company's first and the role's last word, made unique with -2, -3 ...
"""

from __future__ import annotations

import re
import unicodedata


def new_slug(company: str, role: str, taken: set[str]) -> str:
    """`Acme Analytics` + `Senior Data Analyst` -> `acme-analyst`, made unique with -2, -3."""
    company_words = _words(company)
    role_words = _words(role)
    parts = company_words[:1] + role_words[-1:]
    base = "-".join(parts) or "opportunity"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def new_person_slug(name: str, taken: set[str], counters: dict[str, int] | None = None) -> str:
    """`Dana Whitfield` -> `dana`; a second Dana becomes `dana-w`, then `dana-2` ...

    Words are cut to 30 characters, so an id stays under caseio's 80 whatever the name;
    `counters` (kept by a caller adding many people) remembers the next number per name.
    """
    words = [w[:30] for w in _words(name)]
    candidates = [words[0]] if words else ["person"]
    if len(words) > 1:
        candidates.append(f"{words[0]}-{words[-1][0]}")
        candidates.append(f"{words[0]}-{words[-1]}")
    for c in candidates:
        if c not in taken:
            return c
    n = counters.get(candidates[0], 2) if counters is not None else 2
    while f"{candidates[0]}-{n}" in taken:
        n += 1
    if counters is not None:
        counters[candidates[0]] = n + 1
    return f"{candidates[0]}-{n}"


_STOP = {"the", "inc", "llc", "ltd", "gmbh", "co", "corp", "and", "of", "a", "an"}


def _words(text: str) -> list[str]:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return [w for w in words if w not in _STOP] or words

