"""Drafts: every kind for every person of every case lints clean for its kind, and the
interviewers of one interview get different notes that don't trip personal.copy-paste."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from followup.core import caseio
from followup.core.compose import Draft, draft, tone_for
from followup.core.errors import FollowupError
from followup.core.lint import KINDS, context_from_case, lint, lint_many
from followup.core.lint.parse import parse
from followup.core.lint.similarity import THRESHOLD, similarity
from followup.core.model import Case
from followup.demo import demo_cases

CASES = sorted((Path(__file__).parents[2] / "cases").glob("*.json"))


def load(path: Path) -> Case:
    return caseio.loads(path.read_text(encoding="utf-8"), str(path))


def day_after(case: Case) -> date:
    return max(iv.at.date() for iv in case.interviews) + timedelta(days=1)


PEOPLE = [(path, kind, person.id) for path in CASES for kind in KINDS
          for person in load(path).people]


def test_there_are_several_cases_of_different_fields() -> None:
    fields = {load(p).opportunity.field for p in CASES}
    assert len(CASES) >= 5 and {"finance", "marketing", "sales", "law"} <= fields


@pytest.mark.parametrize(("path", "kind", "person"), PEOPLE,
                         ids=[f"{p.stem}-{k}-{i}" for p, k, i in PEOPLE])
def test_every_draft_lints_clean(path: Path, kind: str, person: str) -> None:
    case = load(path)
    d = draft(case, kind, person, day_after(case))
    problems = [(f.rule, f.message) for f in lint(d.text(), context_from_case(case, kind, person))
                if f.severity != "info"]
    assert problems == []


@pytest.mark.parametrize(("path", "kind", "person"), PEOPLE,
                         ids=[f"{p.stem}-{k}-{i}" for p, k, i in PEOPLE])
def test_draft_holds_the_case_facts(path: Path, kind: str, person: str) -> None:
    case = load(path)
    d = draft(case, kind, person, day_after(case))
    text = d.text()
    who = case.person(person)
    assert who is not None
    assert who.first_name in text  # greeting uses the exact recorded name
    assert case.opportunity.company in text and case.opportunity.role in text
    assert case.candidate.phone is None or case.candidate.phone in text
    assert case.candidate.name is None or case.candidate.name in text
    topics = [t for iv in case.interviews for t in iv.topics]
    assert any(t in text for t in topics)
    assert text.startswith("Subject: ") == (kind in {"thank_you", "check_in", "final"})
    assert (d.kind, d.to) == (kind, person)


def test_promised_timeline_is_recalled() -> None:
    case = load(CASES[0].parent / "contract_example.json")
    text = draft(case, "check_in", "dana", date(2026, 3, 23)).text()
    assert "You mentioned you expected to decide on the Senior Data Analyst role by " \
           "Friday 20 March" in text


def test_value_line_comes_from_the_candidate() -> None:
    case = load(CASES[0].parent / "marketing_brightline.json")
    text = draft(case, "thank_you", "sofia", date(2026, 4, 23)).text()
    assert case.candidate.values[0] in text


INTERVIEWS = [(path, kind, iv.id) for path in CASES for kind in KINDS
              for iv in load(path).interviews if len(iv.interviewers) > 1]


@pytest.mark.parametrize(("path", "kind", "interview"), INTERVIEWS,
                         ids=[f"{p.stem}-{k}-{i}" for p, k, i in INTERVIEWS])
def test_interviewers_of_one_interview_get_different_notes(path: Path, kind: str,
                                                           interview: str) -> None:
    case = load(path)
    iv = next(i for i in case.interviews if i.id == interview)
    today = iv.at.date() + timedelta(days=1)
    texts = [draft(case, kind, who, today).text() for who in iv.interviewers]
    assert len(set(texts)) == len(texts)
    bodies = [parse(t).body_words for t in texts]
    for i in range(len(bodies)):
        for j in range(i + 1, len(bodies)):
            assert similarity(bodies[i], bodies[j]) < THRESHOLD
    results = lint_many(texts, context_from_case(case, kind))
    assert not [f for r in results for f in r if f.rule == "personal.copy-paste"]


def test_tone_follows_the_field() -> None:
    assert tone_for("marketing") == "warm" and tone_for("Sales") == "warm"
    assert tone_for("law") == tone_for("finance") == tone_for(None) == "brief"
    case = load(CASES[0].parent / "marketing_brightline.json")
    assert draft(case, "thank_you", "sofia", date(2026, 4, 23)).body.startswith("Hi Sofia,")
    law = load(CASES[0].parent / "law_hale_porter.json")
    assert draft(law, "thank_you", "eleanor", date(2026, 6, 3)).body.startswith(
        "Dear Eleanor Hale,")


def test_text_puts_the_subject_first() -> None:
    d = Draft("Hello", "Dear Dana,\n", "thank_you", "dana")
    assert d.text() == "Subject: Hello\n\nDear Dana,\n"
    assert Draft(None, "Hi Dana, ...\n", "voicemail", "dana").text() == "Hi Dana, ...\n"


def test_action_wins_over_arguments() -> None:
    class Action:
        kind = "final"
        to = "priya"

    case = load(CASES[0].parent / "contract_example.json")
    d = draft(case, "thank_you", "dana", date(2026, 4, 1), action=Action())
    assert (d.kind, d.to) == ("final", "priya")


def test_unknown_person_or_kind() -> None:
    case = load(CASES[0].parent / "contract_example.json")
    with pytest.raises(FollowupError, match="unknown person 'zoe'"):
        draft(case, "thank_you", "zoe", date(2026, 3, 3))
    with pytest.raises(FollowupError, match="no draft for kind 'fax'"):
        draft(case, "fax", "dana", date(2026, 3, 3))


def test_compose_and_lint_do_not_import_adapters() -> None:
    import subprocess
    import sys

    code = ("import sys, followup.core.lint, followup.core.compose; "
            "bad = [m for m in sys.modules if re.match(r'(typer|sqlalchemy|fastapi|jinja2|"
            "followup\\.(cli|store|web))', m)]; print(bad)")
    out = subprocess.run([sys.executable, "-c", "import re; " + code], capture_output=True,
                         text=True, check=True).stdout.strip()
    assert out == "[]"
    assert re.fullmatch(r"\[\]", out)


DEMO_DAY = date(2026, 11, 25)  # any day works: the demo's dates are relative to it
DEMO = [(case, kind, person.id) for case in demo_cases(DEMO_DAY)
        for kind in KINDS for person in case.people]


@pytest.mark.parametrize(("case", "kind", "person"), DEMO,
                         ids=[f"{c.opportunity.id}-{k}-{p}" for c, k, p in DEMO])
def test_every_demo_draft_lints_clean(case: Case, kind: str, person: str) -> None:
    d = draft(case, kind, person, DEMO_DAY)
    problems = [(f.rule, f.message) for f in lint(d.text(), context_from_case(case, kind, person))
                if f.severity != "info"]
    assert problems == []
