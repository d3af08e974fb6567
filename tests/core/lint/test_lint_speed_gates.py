"""The linter's speed gates (bench/results.md, section 3) change no finding:
the phrase scanner's trigger stops at every word where a match can start (below), and
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
from followup.core.lint.parse import FOLD, lower_same_length
from followup.core.lint.phrases import FAMILIES
from followup.core.lint.spans import _ALL

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



# -- the phrase scanner's trigger reads a pattern's second word (issue 24) -----------------
#
# `phrases._trigger` stops only at words where some pattern opening there can match: its
# first word and, after spaces, the start of its second. A word the trigger passes by must
# start no match of any family: checked on every example of every family, and on the words
# of the examples run together in any order with any spacing. (`test_lint_scanner.py`
# checks the scanner's matches as a whole against `finditer`.)

_EXAMPLES = [lower_same_length(ex.translate(FOLD)) for name in _ALL.families
             for ex in FAMILIES[name].match]
_WORDS = sorted({w for ex in _EXAMPLES for w in re.findall(r"[^\W_]+(?:'[^\W_]+)?", ex)})
_SPACES = [" ", "  ", "\t", "\n", " - ", ", ", "'"]
_SCANNED = [name for fam, name in enumerate(_ALL.families)
            if fam not in {f for f, _ in _ALL.always}]  # the others are scanned whole


def _starts(text: str) -> set[int]:
    """Where a match of some family starts, by `finditer` over its whole alternation."""
    return {m.start() for name in _SCANNED for m in FAMILIES[name].pattern.finditer(text)}


def _stops(text: str) -> set[int]:
    """The word starts the trigger stops at, and the apostrophe before one ("'d love")."""
    out = set()
    for m in _ALL.trigger.finditer(text):
        out.add(m.start())
        if m.start() and text[m.start() - 1] == "'":
            out.add(m.start() - 1)
    return out


def test_every_example_match_starts_where_the_trigger_stops() -> None:
    for ex in _EXAMPLES:
        assert _starts(ex) <= _stops(ex), ex


@given(st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_SPACES)), max_size=12))
def test_no_match_starts_at_a_word_the_trigger_passes_by(pairs: list[tuple[str, str]]) -> None:
    text = "".join(w + s for w, s in pairs)
    assert _starts(text) <= _stops(text), text


def test_the_second_word_decides_where_the_trigger_stops() -> None:
    # "still" opens patterns only with a second word ("still have", "still no", ...)
    # "it" opens patterns only as "it's" or before "is"/"was": not at "it." (issue 24)
    assert [m.group() for m in _ALL.trigger.finditer("we still like it.")] == ["like"]
    assert "it" in [m.group() for m in _ALL.trigger.finditer("it's late.")]
    assert "still" in [m.group() for m in _ALL.trigger.finditer("we still have not heard.")]
    # "was" before "late": no pattern opening with "was" goes on with it
    assert "was" not in [m.group() for m in _ALL.trigger.finditer("it was late.")]


def test_a_second_word_is_read_only_where_it_must_follow() -> None:
    from followup.core.lint.phrases import SPACES, WILD, _first_words

    assert _first_words(r"\byou\s+said\b", spaced=True) == {("you" + SPACES + "said", False)}
    assert _first_words(r"\byou(?:'ve|\s+have)\s+not\b", spaced=True) == {
        ("you've" + SPACES + "not", False), ("you" + SPACES + "have", False)}
    # an optional word: the one after it may come second too
    assert _first_words(r"\bstill\s+(?:no\s+)?news\b", spaced=True) == {
        ("still" + SPACES + "no", False), ("still" + SPACES + "news", False)}
    # a repeated word ("very very glad"): nothing past the first word is sure
    assert _first_words(r"\b(?:very\s+)+glad\b", spaced=True) == {("very", True)}
    # a wildcard second word ("the \w+"): read past to the literal third word
    assert _first_words(r"\bthe\s+\w+\s+was\b", spaced=True) == {
        ("the" + SPACES + WILD + SPACES + "was", False)}
    # an optional wildcard word: not read past (its cost at import), the first word alone
    assert _first_words(r"\byou\s+(?:\w+\s+)?ignored\b", spaced=True) == {("you", True)}
    # no literal within the first three words: the first word alone
    assert _first_words(r"\bthe\s+\w+\s+\w+\s+was\b", spaced=True) == {("the", True)}
    assert _first_words(r"\ba\s+(?:\w+\s+){0,2}?note\b", spaced=True) == {("a", True)}


# -- the body is scanned only for the content families a note's rules read (issue 24) ------

def test_a_family_no_rule_of_the_note_reads_is_left_out_and_changes_no_finding() -> None:
    from followup.core.lint import KINDS, LintContext, _check, _sort, lint
    from followup.core.lint.base import Collector
    from followup.core.lint.parse import parse
    from followup.core.lint.spans import CONTENT, READER, spans

    lines = [ex for name in CONTENT for ex in FAMILIES[name].match[:3]]
    for kind in KINDS:
        ctx = LintContext(kind=kind, company="Harlow Foods", role="Designer",
                          people=("Nia Brook",), candidate="Sam Lee")
        for line in lines:
            text = f"Dear Nia,\n\n{line} Thank you for your time.\n\nBest regards,\nSam Lee\n"
            out = Collector(parse(text), ctx)
            got = spans(out.parsed, out.wants)
            assert {n for n in CONTENT if n in got} == {
                n for n in CONTENT if out.wants(READER[n])}, (kind, line)
            every = parse(text)
            every.spans = spans(parse(text))  # every family, as before the change
            assert list(_sort(_check(every, ctx).findings)) == lint(text, ctx), (kind, line)


@given(st.lists(_PIECES, max_size=30))
def test_a_note_the_tag_gate_passes_by_holds_no_tag(pieces: list[str]) -> None:
    from followup.core.lint.parse import parse

    p = parse("Dear Nia,\n\n" + "".join(pieces) + "\n\nBest regards,\nSam Lee\n")
    if not valence._may_tag(p.word_set):
        assert _REFERENCE.search(p.lower_masked) is None


# -- an ASCII text is read with ASCII word classes (lintspeed5) ------------------------------
#
# `[^\W_]` on a character below 128 is [0-9A-Za-z]: the ASCII copies of the word pattern
# and of the scanner's trigger find the same words on any ASCII text.

_ASCII = st.text(alphabet=st.characters(max_codepoint=127), max_size=80)


@given(_ASCII)
def test_the_ascii_word_pattern_finds_the_same_words(text: str) -> None:
    from followup.core.lint.parse import WORD, WORD_ASCII, words_of

    assert WORD_ASCII.findall(text) == WORD.findall(text)
    assert words_of(text) is WORD_ASCII
    assert words_of(text + "\u00e9") is WORD


def _ascii_trigger() -> re.Pattern[str]:
    return _ALL.trigger_for(True)  # compiled once, on first need: a 30 kB regex


@given(st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_SPACES + ["_", "\x1c"])),
                max_size=12), _ASCII)
def test_the_ascii_trigger_stops_where_the_trigger_stops(pairs: list[tuple[str, str]],
                                                         noise: str) -> None:
    fast = _ascii_trigger()
    for text in ("".join(w + s for w, s in pairs), noise.lower()):
        if text.isascii():
            assert ([m.span() for m in fast.finditer(text)]
                    == [m.span() for m in _ALL.trigger.finditer(text)]), text


@given(st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_SPACES + ["_", "\x1c"])),
                max_size=12), st.text(max_size=80))
def test_the_scan_stops_where_the_trigger_stops(pairs: list[tuple[str, str]],
                                                noise: str) -> None:
    # `Scanner.stops_for`, the trigger as the scan runs it (over the text with a space put
    # before it, a match starting one character before its word), in both classes
    for text in ("".join(w + s for w, s in pairs), noise.lower(), "x" + noise, noise):
        want = [(m.start(), m.group()) for m in _ALL.trigger.finditer(text)]
        for ascii_ in (False, True) if text.isascii() else (False,):
            got = [(m.start(), m.group()[1:])
                   for m in _ALL.stops_for(ascii_).finditer(" " + text)]
            assert got == want, text


def test_a_note_with_one_accent_is_scanned_as_before() -> None:
    from followup.core.lint import LintContext, lint

    ctx = LintContext(company="Harlow Foods", people=("Nia Brook",), candidate="Sam Lee")
    plain = ("Dear Nia,\n\nI am desperate for this job. Why have you not replied?"
             "\n\nBest,\nSam Lee\n")
    accented = plain.replace("Why", "Caf\u00e9. Why")
    assert [f.rule for f in lint(plain, ctx)] == [f.rule for f in lint(accented, ctx)]


# -- the body is split into sentences once when no quote is blanked (lintspeed5) -------------

_SENTENCE_PIECES = st.one_of(
    st.sampled_from(["Dr.", "e.g.", "St.", "No.", "Mr", "I.E.", ". ", "! ", "? ", "?!", "\n",
                     "\n\n", "\n- ", "\n* ", "\u2022 ", '." ', ".) ", "'", "\t", "  ", "Ok.",
                     "Thanks", "WE", "\u0130", "\u1e9e", "\u2160.", "\u24b6.", "\u00c9t\u00e9."]),
    st.text(min_size=1, max_size=3))


@given(st.lists(_SENTENCE_PIECES, max_size=30))
def test_lowercasing_splits_the_same_sentences(pieces: list[str]) -> None:
    from followup.core.lint.parse import lower_same_length, sentences

    text = "".join(pieces)
    assert sentences(lower_same_length(text), 0, len(text)) == sentences(text, 0, len(text))


def test_a_note_without_quotes_shares_its_split() -> None:
    from followup.core.lint.parse import parse

    p = parse("Dear Nia,\n\nThanks, Dr. Okafor. See you St. Mary's!\n\nBest,\nSam\n")
    assert p.body_sentences_masked is p.body_sentences
    q = parse('Dear Nia,\n\nThanks for the "feedback." Really.\n\nBest,\nSam\n')
    assert q.body_sentences_masked is not q.body_sentences


def test_lowercasing_keeps_every_character_what_the_split_reads_it_as() -> None:
    # every code point `lower_same_length` lowers: still a word character (`\w`: alnum or
    # "_") or not, a space or not, the same punctuation, and lowered once for good
    marks = set(".!?\n\"')-*\u2022")
    for i in range(0x110000):
        c = chr(i)
        low = c.lower()
        if len(low) == 1 and low != c:
            assert (c.isalnum(), c.isspace(), c in marks) == (
                low.isalnum(), low.isspace(), low in marks), hex(i)
            assert low.lower() == low, hex(i)


# -- a family searched whole tries its opening boundary once a position (lintspeed5) --------

_EVERY_EXAMPLE = [lower_same_length(x.translate(FOLD)) for f in FAMILIES.values()
                  for x in (*f.match, *f.no_match)]
_EXAMPLE_WORDS = sorted({w for x in _EVERY_EXAMPLE for w in re.findall(r"\S+", x)})


def test_every_family_searcher_finds_what_its_pattern_finds_on_the_examples() -> None:
    from followup.core.lint.phrases import searcher

    text = " ".join(_EVERY_EXAMPLE)
    for name, family in FAMILIES.items():
        fast = searcher(name)
        assert fast is searcher(name)  # compiled once
        assert ([m.span() for m in fast.finditer(text)]
                == [m.span() for m in family.pattern.finditer(text)]), name


@given(st.sampled_from(sorted(FAMILIES)),
       st.lists(st.tuples(st.sampled_from(_EXAMPLE_WORDS), st.sampled_from(_SPACES)),
                max_size=14), st.integers(0, 40))
def test_a_family_searcher_matches_as_its_pattern(name: str, pairs: list[tuple[str, str]],
                                                  start: int) -> None:
    from followup.core.lint.phrases import searcher

    text = "".join(w + s for w, s in pairs)
    fast, plain = searcher(name).search(text, start), FAMILIES[name].pattern.search(text, start)
    assert (fast and fast.span()) == (plain and plain.span())


def test_a_scanner_compiles_each_trigger_on_first_need() -> None:
    from followup.core.lint.phrases import scanner

    fresh = scanner(("thanks", "value"))
    assert fresh.lazy == fresh.lazy_stops == {}  # built without compiling its trigger
    for text, ascii_ in (("thank you, i can help.", [True]),
                         ("thank you, caf\u00e9.", [True, False])):
        assert fresh.scan(text, 0, len(text)) == [
            [m.span() for m in FAMILIES[n].pattern.finditer(text)] for n in fresh.families]
        # an ASCII text: the ASCII trigger only, in the form the scan runs (`stops_for`)
        assert list(fresh.lazy_stops) == ascii_
        assert fresh.lazy == {}


@given(_ASCII)
def test_the_ascii_capitals_pattern_finds_the_same_tokens(text: str) -> None:
    from followup.core.lint.names import _CAP_START, _CAP_START_ASCII

    assert ([m.span() for m in _CAP_START_ASCII.finditer(text)]
            == [m.span() for m in _CAP_START.finditer(text)])


@given(st.lists(_SENTENCE_PIECES, max_size=12), st.integers(0, 12))
def test_the_abbreviation_shortcut_answers_as_the_word_before_the_period(
        pieces: list[str], back: int) -> None:
    from followup.core.lint.parse import _ABBREV, _RUN, _abbreviation

    text = "".join(pieces) + "."
    dot_end = len(text)
    lo = max(0, dot_end - 1 - back)
    run = _RUN.match(text[lo:dot_end - 1][::-1])  # the reading before the shortcut
    assert _abbreviation(text, lo, dot_end) == (
        run is not None and run.group()[::-1].lower() in _ABBREV)
