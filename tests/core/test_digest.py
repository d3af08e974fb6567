"""The morning digest's text (core.digest): one line per step due, the count in the subject,
and the steps read back from the night's record exactly as written."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from followup.core import kinds
from followup.core.digest import FIELD, DueStep, digest_text
from followup.core.limits import clean_line

names = st.text(st.characters(codec="utf-8", categories=("L", "N", "Zs", "P")),
                min_size=1, max_size=30).map(str.strip).filter(bool)
steps = st.builds(DueStep, opportunity=st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True),
                  company=names, role=names, kind=st.sampled_from(sorted(kinds.KINDS)),
                  to=st.none() | names, due=st.dates(date(2026, 1, 1), date(2027, 12, 31)),
                  rules=st.lists(st.sampled_from(["timing.check_in", "timing.thank_you"]),
                                 max_size=2).map(tuple))
DAY = date(2026, 3, 23)


@given(st.lists(steps, max_size=12), names)
def test_one_line_per_step_and_the_count_in_the_subject(due: list[DueStep], name: str) -> None:
    subject, body = digest_text(name, DAY, due)
    assert f"followup: {len(due)} step{'s' if len(due) != 1 else ''} due today" in subject
    listed = [line for line in body.splitlines() if line.startswith("- ")]
    assert len(listed) == len(due)
    for step in due:
        # each field as the digest shows record text: one line, spaces collapsed (a role
        # "0\xa00" reads "0 0"; Hypothesis found it)
        company, role = clean_line(step.company, FIELD), clean_line(step.role, FIELD)
        assert any(line.startswith(f"- {company}, {role}: "
                                   f"{kinds.label(step.kind)}") for line in listed)
    assert "\n" not in subject and "\r" not in subject


@given(steps)
def test_a_step_reads_back_as_written(step: DueStep) -> None:
    assert DueStep.from_dict(step.to_dict()) == step
