"""docs/rules.md is generated from the rule tables and names every rule the code applies."""

from __future__ import annotations

import re
from pathlib import Path

from followup.core.lint.rules import RULES, severity_label
from followup.core.reasons import TEMPLATES
from followup.core.rules_doc import PLAN_RULES, render

ROOT = Path(__file__).parents[2]
SRC = ROOT / "src" / "followup" / "core"


def test_docs_rules_md_is_up_to_date() -> None:
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == render(), (
        "docs/rules.md is stale: run `make rules-doc`")


def test_every_planner_rule_in_the_code_is_explained_and_no_other() -> None:
    used = set()
    for path in (SRC / "planner.py", SRC / "reasons.py"):
        used |= set(re.findall(r'"((?:timing|pipeline)\.[a-z-]+)', path.read_text()))
    assert used == set(PLAN_RULES)


def test_every_reason_template_belongs_to_a_rule() -> None:
    assert {t.split("/")[0] for t in TEMPLATES} - {"ladder.check-in"} <= set(PLAN_RULES)


def test_every_lint_rule_is_in_the_reference() -> None:
    text = render()
    for rule_id, rule in RULES.items():
        assert f"| `{rule_id}` | {severity_label(rule)} |" in text


def test_the_readme_points_into_the_project() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "../shared" not in readme
    assert "docs/rules.md" in readme
