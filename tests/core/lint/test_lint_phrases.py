"""Every phrase family's own examples (phrases.toml): `match` must match, `no_match` must not,
and anchored families must find an anchor word in each `match` example."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.core.lint import LintContext
from followup.core.lint.parse import FOLD, WORD, lower_same_length, sentences
from followup.core.lint.phrases import FAMILIES
from followup.core.lint.rules import RULES

CASES = [(f.name, ex, True) for f in FAMILIES.values() for ex in f.match] + \
        [(f.name, ex, False) for f in FAMILIES.values() for ex in f.no_match]


@pytest.mark.parametrize(("family", "example", "expected"), CASES)
def test_family_example(family: str, example: str, expected: bool) -> None:
    assert (FAMILIES[family].search(example) is not None) is expected


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_family_is_well_formed(family: str) -> None:
    fam = FAMILIES[family]
    assert fam.rule in RULES
    assert fam.match, "every family has examples that must match"
    for ex in fam.match:
        words = frozenset(WORD.findall(lower_same_length(ex.translate(FOLD))))
        assert fam.may_match(words), f"no anchor word in {ex!r}"


@pytest.mark.parametrize("example", [
    "could you give me a call back", "call me at your earliest convenience",
    "please return my call", "ring me back"])
def test_call_me_back_family_from_the_brief(example: str) -> None:
    assert FAMILIES["call-me-back"].search(example)


@pytest.mark.parametrize("example", ["You can reach me at 555-0100", "I'll call you next week"])
def test_offering_a_number_is_not_call_me_back(example: str) -> None:
    assert FAMILIES["call-me-back"].search(example) is None


@pytest.mark.parametrize("example", [
    "I still haven't heard anything back yet", "it's been weeks", "why haven't you",
    "as I said before", "I need an answer by Friday", "please respond by",
    "I still haven\u2019t heard anything"])
def test_impatient_family_from_the_brief(example: str) -> None:
    assert FAMILIES["impatient"].search(example)


def test_a_polite_question_is_not_impatient() -> None:
    assert FAMILIES["impatient"].search(
        "Would you let me know when you expect to decide?") is None


@pytest.mark.parametrize("example", [
    "I really need this job", "I'll take anything", "I would accept anything",
    "my only option", "please hire me", "desperate", "I\u2019ll take anything"])
def test_desperate_family_from_the_brief(example: str) -> None:
    assert FAMILIES["desperate"].search(example)


def test_anything_is_desperate_only_after_take_accept_or_do() -> None:
    assert FAMILIES["desperate"].search("Is there anything else you need?") is None
    assert FAMILIES["desperate"].search("I'd do anything for this") is not None


@pytest.mark.parametrize(("family", "example"), [
    ("gimmick", "flowers"), ("gimmick", "a dozen roses"), ("gimmick", "a bouquet"),
    ("gimmick", "gifts"), ("gimmick", "cupcakes"), ("gimmick", "cookies"),
    ("gimmick", "a basket"), ("gimmick-visit", "stop by your office"),
    ("gimmick-visit", "I will show up")])
def test_gimmick_families_from_the_brief(family: str, example: str) -> None:
    assert FAMILIES[family].search(example)


@pytest.mark.parametrize("family", sorted(f for f in FAMILIES if FAMILIES[f].literals))
def test_family_literals_occur_in_every_match(family: str) -> None:
    """`literals` let a note skip a family's scan: each `match` example holds one."""
    fam = FAMILIES[family]
    for ex in fam.match:
        low = lower_same_length(ex.translate(FOLD))
        assert fam.may_occur(low, 0, len(low)), f"no literal in {ex!r}"
        hit = fam.pattern.search(low)
        assert hit is not None
        assert fam.may_occur(low, hit.start(), hit.end()), f"match without a literal: {ex!r}"


def _texts() -> list[str]:
    """Every example sentence and every corpus note, lowercased and folded as lint reads."""
    import sys

    from followup.core.lint.parse import parse

    sys.path.insert(0, str(Path(__file__).parents[2] / "core" / "lint"))
    from corpus import HERE, load, load_field

    notes = [n.text for n in load_field()] + [n.text for d in ("good", "bad")
                                              for n in load(HERE / d)]
    examples = [ex for f in FAMILIES.values() for ex in (*f.match, *f.no_match)]
    return [parse(t).lower_masked for t in notes] + [
        parse(f"Subject: x\n\nDear Dana,\n\n{ex}\n").lower_masked for ex in examples]


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_narrowing_a_family_finds_exactly_its_matches(family: str) -> None:
    """`Family.narrow` drops only patterns that cannot match: same matches as the whole."""
    from followup.core.lint.parse import WORD, _with_parts

    fam = FAMILIES[family]
    for text in _texts():
        words = _with_parts(WORD.findall(text))
        full = [(m.start(), m.end()) for m in fam.pattern.finditer(text)]
        for narrowed in (fam.narrow(text, 0, len(text), words), fam.narrow(text)):
            got = [(m.start(), m.end()) for m in narrowed.finditer(text)] if narrowed else []
            assert got == full, (family, text[:80])


def test_every_tone_and_content_family_is_indexed_by_its_first_words() -> None:
    """A pattern whose opening word the scanner cannot read ("\\d+", a class, a lookahead)
    sends its whole family to a full `finditer` on every note: lint speed fell to a
    quarter when one tone pattern opened with `(?:two|...|\\d+)`. Open with a word."""
    from followup.core.lint.spans import _ALL, _BODY, _INTEREST, _TONE

    for scan in (_ALL, _TONE, _BODY, _INTEREST):
        assert [scan.families[f] for f, _ in scan.always] == []


# -- round six (lexicon): a rude line is read wherever it sits in a real note ---------------

def _published_good_notes() -> list[tuple[str, LintContext]]:
    """The published good notes of the field corpus (`g*`, `h*`: none draws a tone rule),
    as (text, context). Only the tuning part: the held-out notes are never read here."""
    sys.path.insert(0, str(Path(__file__).parent))
    from corpus import load_field

    return [(n.text, n.context) for n in load_field("tuning")
            if n.good and n.path.name[0] in "gh"]


_GOOD = _published_good_notes()
_TONE_RULES = {"negative": "tone.negative", "impatient": "tone.impatient"}
_RUDE = [(f, ex) for f in _TONE_RULES for ex in FAMILIES[f].match]
_INNOCENT = [ex for f in _TONE_RULES for ex in FAMILIES[f].no_match]


def _insert(text: str, line: str, where: int) -> str:
    """`line` as a sentence of its own after the `where`-th sentence end of the body."""
    head, sep, body = text.partition("\n\n")
    # the ends the linter reads (not the period of "Mr."), after . ! ? only
    ends = [b for _, b in sentences(body, 0, len(body)) if body[b - 1] in ".!?"][:-1] or [0]
    at = ends[where % len(ends)]
    return head + sep + body[:at] + " " + line + body[at:]


def _styled(line: str, curly: bool, shout: bool) -> str:
    line = line.replace("'", "\u2019") if curly else line
    return line.upper() if shout else line


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(_RUDE), st.sampled_from(_GOOD), st.integers(0, 50), st.booleans(),
       st.booleans())
def test_a_rude_line_is_read_anywhere_in_a_good_note(rude: tuple[str, str],
                                                     good: tuple[str, LintContext], where: int,
                                                     curly: bool, shout: bool) -> None:
    """Every published phrasing of rudeness or impatience, dropped into any published good
    note at any sentence boundary, with curly apostrophes or in capitals, draws its rule."""
    from followup.core.lint import lint

    family, line = rude
    text, ctx = good
    rules = {f.rule for f in lint(_insert(text, _styled(line, curly, shout), where), ctx)}
    assert _TONE_RULES[family] in rules or (
        family == "impatient" and "tone.negative" in rules), (family, line)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(_INNOCENT), st.sampled_from(_GOOD), st.integers(0, 50),
       st.booleans())
def test_an_innocent_line_adds_no_phrase_match(line: str, good: tuple[str, LintContext],
                                               where: int, curly: bool) -> None:
    """The same words used innocently (`no_match`), in any published good note, give the
    negative and impatient families no match (the phrase lists' own promise), and the
    whole linter (valence, cues, readings) no tone finding the note did not have."""
    from followup.core.lint import lint
    from followup.core.lint.parse import parse
    from followup.core.lint.spans import spans

    text, ctx = good
    inserted = _insert(text, _styled(line, curly, False), where)
    found = spans(parse(inserted))
    assert found["negative"] == [] and found["impatient"] == [], line
    tone = set(_TONE_RULES.values())
    before = {f.rule for f in lint(text, ctx)} & tone
    assert {f.rule for f in lint(inserted, ctx)} & tone <= before, line
