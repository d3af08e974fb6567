"""The arrows point inward: the core imports no adapter, and start-up stays light."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).parents[1] / "src" / "followup"
CORE = ["model", "caseio", "errors", "days", "policy", "planner", "lint", "compose"]
ADAPTERS = ["sqlalchemy", "typer", "fastapi", "starlette", "uvicorn", "icalendar", "rich",
            "followup.store", "followup.cli", "followup.web", "followup.service"]


def loaded_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True, text=True, check=True).stdout
    return set(out.split())


@pytest.mark.parametrize("module", [m for m in CORE
                                    if (SRC / f"{m}.py").exists() or (SRC / m).is_dir()])
def test_core_module_imports_no_adapter(module: str) -> None:
    loaded = loaded_after(f"import followup.{module}")
    assert not {a for a in ADAPTERS if a in loaded}


def test_help_imports_no_database_or_web_code() -> None:
    loaded = loaded_after("import followup.cli")
    heavy = {"sqlalchemy", "fastapi", "jinja2", "icalendar", "dateparser", "holidays",
             "alembic", "rapidfuzz"}
    assert not heavy & loaded
