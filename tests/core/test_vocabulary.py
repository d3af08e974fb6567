"""Each vocabulary table is defined once: a grep for one of its words finds one module.

Kinds and channels in `core/kinds.py`, the policy numbers' help on the `Policy` fields,
every date voice in `core/dates.py`. A face that writes its own copy of a label fails here
(the web's timeline, `describe.py` and the planner each kept one before issue 21)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

SRC = Path(__file__).parents[2] / "src" / "followup"

# (a word only its table says, the one module that may say it)
TABLES = [
    ('"Thank-you note"', "core/kinds.py"),  # a kind's label
    ('"preparing for the interview"', "core/kinds.py"),  # a kind's noun in a sentence
    ('"other means"', "core/kinds.py"),  # a channel after "by"
    ('"phone (leave a voicemail)"', "core/kinds.py"),  # a channel in a planner reason
    ('"least days between two follow-ups', "core/policy.py"),  # a policy's help
    ('"Wed"', "core/dates.py"),  # the person's date: "Wed 9 Dec"
    ('"Wednesday"', "core/dates.py"),  # the employer's date: "Wednesday 9 December"
    ('"tomorrow"', "core/dates.py"),  # relative words said (when.py reads them too)
]
READERS = {"core/when.py"}  # the date parser reads the words people type, it says none


def _saying(word: str) -> set[str]:
    return {str(p.relative_to(SRC)) for p in SRC.rglob("*.py")
            if word in p.read_text(encoding="utf-8")} - READERS


@pytest.mark.parametrize(("word", "home"), TABLES)
def test_each_table_is_defined_once(word: str, home: str) -> None:
    assert _saying(word) == {home}


def test_no_module_keeps_a_private_when() -> None:
    """The date voices of `followup today` and of drafts were two identical `_when`s."""
    found = {str(p.relative_to(SRC)) for p in SRC.rglob("*.py")
             if re.search(r"^def _when\(.*\b(today|day)\b.*date", p.read_text(), re.M)}
    assert found == set()


def test_the_two_findings_have_two_names() -> None:
    from followup import service
    from followup.core.lint import Finding

    assert not hasattr(service, "Finding")
    assert service.RecordProblem is not Finding
