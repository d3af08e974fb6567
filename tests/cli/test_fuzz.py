"""Fuzzing in `make test` (issue 12): real case files broken, and hostile CLI arguments.

The strategies live in tests/fuzzing.py; scripts/fuzz.py runs the same checks at scale
(10,000 case files, 500 CLI invocations). Here the counts stay small so CI stays fast;
FOLLOWUP_FUZZ_EXAMPLES raises them. Each example: exit 0, or exit 2 with one line on
stderr and the database's digest unchanged; never a traceback.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from followup.cli import app
from tests.conftest import CASES, sqlite_only
from tests.fuzzing import case_texts, check_import, cli_args, run_checked

EXAMPLES = int(os.environ.get("FOLLOWUP_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def seeded_db(folder: str) -> Path:
    db = Path(folder) / "fuzz.db"
    runner = CliRunner()
    case = Path(folder) / "seed.json"
    case.write_text((CASES / "contract_example.json").read_text())
    assert runner.invoke(app, ["--db", str(db), "import", str(case)]).exit_code == 0
    assert runner.invoke(app, ["--db", str(db), "profile", "--country", "US"]).exit_code == 0
    return db


@sqlite_only
def test_broken_real_case_files_never_give_a_traceback() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = seeded_db(folder)

        @FUZZ
        @given(case_texts(), st.booleans())
        def one(text: str, replace: bool) -> None:
            check_import(db, text, replace)

        one()


@sqlite_only
def test_hostile_cli_arguments_never_give_a_traceback() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = seeded_db(folder)
        cwd = os.getcwd()
        os.chdir(folder)  # whatever a command writes by mistake lands here
        try:
            @settings(FUZZ, max_examples=max(EXAMPLES // 2, 20))
            @given(cli_args())
            def one(args: list[str]) -> None:
                run_checked(db, args)

            one()
        finally:
            os.chdir(cwd)


def test_the_real_files_import_cleanly(tmp_path: Path) -> None:
    """The starting points are sound: each real case imports (so breaking it is the test)."""
    from tests.fuzzing import REAL

    for n, data in enumerate(REAL):
        path = tmp_path / f"{n}.json"
        path.write_text(json.dumps(data))
        assert run_checked(tmp_path / f"{n}.db", ["import", str(path)]) == 0, data


def test_what_export_all_writes_import_takes_back(tmp_path: Path) -> None:
    """Every real case (and a snooze) in one database: its backup imports into an empty one
    and exports again byte for byte (issue 12: a backup that cannot be restored is none)."""
    import copy

    from followup.service import open_store
    from tests.fuzzing import REAL

    db = tmp_path / "all.db"
    seen: set[str] = set()
    for n, data in enumerate(REAL):
        cases = data["cases"] if "cases" in data else [data]
        fresh = []
        for case in cases:
            case = copy.deepcopy(case)
            case["opportunity"]["id"] = f"{case['opportunity']['id']}-{n}"
            if case["opportunity"]["id"] not in seen:
                seen.add(case["opportunity"]["id"])
                fresh.append(case)
        path = tmp_path / f"{n}.json"
        path.write_text(json.dumps({"version": 1, "cases": fresh}))
        assert run_checked(db, ["import", str(path)]) == 0
    open_store(str(db)).snooze(sorted(seen)[0], "check_in", None, date(2026, 12, 31))
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert run_checked(db, ["export", "--all", "-o", str(first)]) == 0
    assert run_checked(tmp_path / "restored.db", ["import", str(first)]) == 0
    assert run_checked(tmp_path / "restored.db", ["export", "--all", "-o", str(second)]) == 0
    assert json.loads(first.read_text())["snoozes"]
    assert first.read_text() == second.read_text()
