"""Scenario files: a case (or several) and the plan the RULEBOOK gives on given days.

Each `tests/cases/scenarios/NAME.json` holds {"case": CASE-FILE, "checks": [{"today", "stage",
"expect": [action dicts as in CONTRACT.md's plan JSON, "why" optional]}]} or, for the
pipeline, {"cases": [...], "checks": [{"today", "pipeline": {...}}]}. The expected dates were
computed by hand from RULEBOOK.md section 1 (weekends, US holidays), not by running the code.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from followup.core import caseio
from followup.core.planner import pipeline_summary, plan, plan_to_dict

SCENARIOS = Path(__file__).parents[1] / "cases" / "scenarios"
RULEBOOK = Path(__file__).resolve().parents[3] / "shared" / "spec" / "RULEBOOK.md"
FILES = sorted(SCENARIOS.glob("*.json"))


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _checks() -> list[Any]:
    out = []
    for path in FILES:
        for i, check in enumerate(_load(path)["checks"]):
            out.append(pytest.param(path, check, id=f"{path.stem}@{check['today']}#{i}"))
    return out


def _comparable(actual: dict[str, Any], expected: dict[str, Any]) -> dict[str, Any]:
    """The actual action without `why` (or `rules`) when the scenario leaves it out."""
    return {k: v for k, v in actual.items() if k not in ("why", "rules") or k in expected}


@pytest.mark.parametrize(("path", "check"), _checks())
def test_scenario(path: Path, check: dict[str, Any]) -> None:
    data = _load(path)
    today = date.fromisoformat(check["today"])
    if "pipeline" in check:
        cases = [caseio.from_dict(c, str(path)) for c in data["cases"]]
        summary = pipeline_summary(plan(c, today) for c in cases)
        want = check["pipeline"]
        got = {"active": summary.active, "waiting": summary.waiting,
               "dormant": summary.dormant, "closed": summary.closed,
               "rules": list(summary.rules)}
        assert got == want
        assert (summary.warning is not None) == bool(want["rules"])
        return
    case = caseio.from_dict(data["case"], str(path))
    result = plan_to_dict(plan(case, today))
    assert result["stage"] == check["stage"]
    assert result["today"] == check["today"]
    actual = [_comparable(a, e) for a, e in zip(result["actions"], check["expect"], strict=False)]
    assert len(result["actions"]) == len(check["expect"]), result["actions"]
    assert actual == check["expect"]
    for action in result["actions"]:
        assert action["why"].endswith(".") and "\n" not in action["why"]


def _section_one_ids() -> set[str]:
    text = RULEBOOK.read_text(encoding="utf-8")
    section = text.split("## 1.", 1)[1].split("\n## 2.", 1)[0]
    return set(re.findall(r"^\| `([a-z-]+\.[a-z-]+)` \|", section, flags=re.MULTILINE))


def test_every_section_one_rule_has_a_scenario() -> None:
    if not RULEBOOK.exists():
        pytest.skip(f"RULEBOOK.md not found at {RULEBOOK} (CI keeps ../shared beside the clone)")
    ids = _section_one_ids()
    assert len(ids) >= 16
    covered: set[str] = set()
    for path in FILES:
        for check in _load(path)["checks"]:
            for action in check.get("expect", []):
                covered.update(action.get("rules", []))
            covered.update(check.get("pipeline", {}).get("rules", []))
    assert sorted(ids - covered) == []
    assert sorted(covered - ids) == []  # no made-up ids in the expectations
