"""The morning digest fed hostile record text (issue 20's bar, today's door): whatever a
name, company, role, person or rule id holds (CR/LF, NUL, C0/C1 controls, bidi overrides,
zero-width characters, 10,000-character lines, any Unicode), the subject holds no record
text, each due step stays one readable line, and the body is bounded. Hypothesis, pure."""

from __future__ import annotations

import unicodedata
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from followup.core.digest import FIELD, STEPS, DueStep, digest_text

DAY = date(2026, 3, 23)
# The characters a hostile or broken record could hold, weighted towards the dangerous ones.
nasty = st.sampled_from(["\r", "\n", "\r\n", "\x00", "\x1b[31m", "\x85", "\u2028", "\u202e",
                         "\u2066", "\u200b", "\ufeff", "\x7f", "\x9b", "Bcc: x@evil.example",
                         "=?utf-8?q?x?=", "<script>", "é", "日本", "\U0001f600", " " * 50])
# Long lines built by repetition (generating 10,000 random characters is slow and finds no more).
hostile = st.lists(nasty | st.text(max_size=20), max_size=8).map("".join) | st.builds(
    lambda piece, n: piece * n, nasty | st.text(min_size=1, max_size=5), st.integers(100, 4000))
steps = st.builds(DueStep, opportunity=st.text(max_size=30), company=hostile, role=hostile,
                  kind=hostile | st.sampled_from(["check_in", "thank_you"]),
                  to=st.none() | hostile, due=st.just(DAY),
                  rules=st.lists(hostile, max_size=3).map(tuple))

_BAD = {"Cc", "Cf", "Cs", "Zl", "Zp"}


@settings(max_examples=80, deadline=None)
@given(st.lists(steps, max_size=8), hostile)
def test_hostile_records_give_one_clean_line_per_step(due: list[DueStep], name: str) -> None:
    subject, body = digest_text(name, DAY, due)
    assert subject == f"followup: {len(due)} step{'s' if len(due) != 1 else ''} due today, " \
                      "Mon 23 Mar"  # no record text in a header at all
    lines = body.split("\n")
    assert len([ln for ln in lines if ln.startswith("- ")]) == len(due)
    assert len([ln for ln in lines if ln]) == len(due) + 4  # greeting, heading, 2 closing
    for line in lines:
        # nothing that breaks, hides or reorders a line; no line past what a reader scans
        assert not any(unicodedata.category(ch) in _BAD for ch in line), repr(line)
        assert len(line) <= 5 * FIELD + 60
        assert line == line.strip() or line.startswith("- ")


@settings(max_examples=5, deadline=None)
@given(st.integers(STEPS + 1, 3 * STEPS))
def test_the_body_is_bounded_whatever_the_number_of_steps(n: int) -> None:
    big = "x" * 5_000
    due = [DueStep(f"o{i}", big, big, "check_in", big, DAY, (big,) * 50) for i in range(n)]
    subject, body = digest_text(big, DAY, due)
    assert f"{n} steps due today" in subject  # the count is the true one
    assert sum(1 for ln in body.split("\n") if ln.startswith("- ")) == STEPS + 1
    assert f"and {n - STEPS} more" in body
    assert len(body.encode()) < STEPS * (5 * FIELD + 60) + 1_000
