"""A note pasted with the thread it answers is linted without that thread, and addresses
and links are no words of tone, pronoun or name rules (lint/parse.py).

The thread shapes stand for what mail programs put under a reply: Gmail's "On <date>,
<name> <address> wrote:" (folded onto two lines when long), Outlook's separator line and
"From:/Sent:/To:/Subject:" block, "-----Original Message-----", Apple Mail's "Begin
forwarded message:", and French Gmail's "a écrit :"."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from followup.core.lint import LintContext, lint
from followup.core.lint.parse import parse, thread_start
from followup.core.model import Person

CTX = LintContext(people=("Priya Shah", "Sam Ortiz"), company="Acme Analytics",
                  role="Data Analyst", candidate="Jordan Lee",
                  recipient=Person("priya", "Priya Shah"))

NOTE = ("Subject: Re: Your application\n\nHi Priya,\n\nThank you for letting me know, and for "
        "the time you and Sam gave me over three interviews. I enjoyed the churn model "
        "discussion, and I would be glad to be considered for future Data Analyst roles at "
        "Acme Analytics.\n\nBest regards,\nJordan Lee\n")
# What they wrote: their "call me back", their names in addresses and in lower case.
THEIRS = ("Dear Jordan,\nUnfortunately we have decided to move forward with another "
          "candidate. I know this is frustrating. Please call me back if you have questions.\n"
          "priya\n")
HEADERS = {
    "gmail": "On Tue, 3 Nov 2026 at 10:02, Priya Shah <priya.shah@acme.com> wrote:\n",
    "gmail folded": "On Tue, 3 Nov 2026 at 10:02, Priya Shah <\npriya.shah@acme.com> wrote:\n",
    "outlook": ("________________________________\nFrom: Priya Shah <priya.shah@acme.com>\n"
                "Sent: Tuesday, November 3, 2026 10:02 AM\nTo: Jordan Lee <jl@example.com>\n"
                "Subject: Your application\n\n"),
    "original message": ("-----Original Message-----\nFrom: Priya Shah\nSent: Tuesday, "
                         "November 3, 2026 10:02\nTo: Jordan Lee\nSubject: Your application\n\n"),
    "forwarded": ("Begin forwarded message:\n\nFrom: Priya Shah <priya.shah@acme.com>\n"
                  "Subject: Your application\nDate: 3 November 2026 at 10:02\n"
                  "To: Jordan Lee <jl@example.com>\n\n"),
    "french": "Le mar. 3 nov. 2026 à 10:02, Priya Shah <priya.shah@acme.com> a écrit :\n",
}


def rules(text: str) -> list[tuple[str, int, int]]:
    return sorted((f.rule, f.line, f.column) for f in lint(text, CTX))


def test_the_thread_they_wrote_is_not_linted() -> None:
    alone = rules(NOTE)
    assert not {r for r, _, _ in alone} & {"tone.call-me-back", "names.spelling"}
    for shape, header in HEADERS.items():
        assert rules(NOTE + "\n" + header + THEIRS) == alone, shape


def test_without_its_header_the_same_text_is_the_writers() -> None:
    """What hides their words is the header: pasted bare, the words are the note's."""
    found = {r for r, _, _ in rules(NOTE + "\n" + THEIRS)}
    assert {"tone.call-me-back", "names.spelling"} <= found


def test_a_sentence_about_what_they_wrote_is_no_header() -> None:
    inline = NOTE.replace("I enjoyed", "On Monday you wrote: the team is growing. Call me back "
                          "when you can. I enjoyed")
    assert thread_start(inline) is None
    assert "tone.call-me-back" in {r for r, _, _ in rules(inline)}


def test_the_thread_counts_for_no_length() -> None:
    long_thread = HEADERS["gmail"] + ("We reviewed many strong applications. " * 60) + "\n"
    assert parse(NOTE + "\n" + long_thread).body_words == parse(NOTE).body_words
    assert "length.scroll" not in {r for r, _, _ in rules(NOTE + "\n" + long_thread)}


_THEIR_LINE = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
                      max_size=80)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(sorted(HEADERS)), st.lists(_THEIR_LINE, max_size=8))
def test_whatever_the_thread_holds_the_findings_are_the_notes(
        shape: str, lines: list[str]) -> None:
    """Property: any text below a reply header leaves the note's findings as they were."""
    text = NOTE + "\n" + HEADERS[shape] + "\n".join(lines) + "\n"
    assert rules(text) == rules(NOTE)


def test_addresses_and_links_are_no_names_or_pronouns() -> None:
    body = NOTE.replace("Acme Analytics.\n", "Acme Analytics. I copied sam.ortiz@acme.com, and "
                        "the notebook is at github.com/jordanlee/priya-sam-notes.\n")
    assert "names.spelling" not in {r for r, _, _ in rules(body)}
    # the same names in prose, lower case, are still a misspelling
    prose = NOTE.replace("Acme Analytics.\n", "Acme Analytics. I copied sam on it.\n")
    assert "names.spelling" in {r for r, _, _ in rules(prose)}
    signed = NOTE + "jordan.lee@example.com | linkedin.com/in/jordan-lee\n"
    assert rules(signed) == rules(NOTE)


_HEADER_BITS = ["On ", "Tue, 3 Nov 2026 at 10:02", " wrote:", "\n", " ", "From:", "Sent:",
                "To:", "Subject:", "-----", "_____", "Original Message", "Forwarded message",
                ">", " a écrit :", " schrieb:", "Von:", "De :", "<p@acme.com>", "Priya Shah",
                "\t", ",", "Begin forwarded message:", "*From:*", "Sent from my iPhone"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_HEADER_BITS) | _THEIR_LINE, max_size=60),
       st.integers(0, 3))
def test_header_soup_anywhere_never_breaks_the_note(bits: list[str], where: int) -> None:
    """Fuzz: pieces of reply headers mixed into a note, anywhere: parsing keeps every offset
    (views of the same length as the text), and a thread, when one is cut, starts at a
    line start after the note's first line and leaves the text before it as it was."""
    lines = NOTE.split("\n")
    text = "\n".join([*lines[:where + 2], "".join(bits), *lines[where + 2:]])
    p = parse(text)
    assert len(p.folded) == len(p.masked) == len(text.replace("\r\n", "\n").replace("\r", "\n"))
    cut = thread_start(p.original)
    if cut is not None:
        assert cut > 0 and p.original[cut - 1] == "\n"
        assert p.folded[:cut].rstrip() == parse(text[:cut]).folded.rstrip()
    lint(text, CTX)  # and the linter reads it through
