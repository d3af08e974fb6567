"""The arrows point inward: the core imports no adapter, and start-up stays light."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).parents[1] / "src" / "followup"
CORE = sorted(p.stem for p in (SRC / "core").iterdir()
              if p.name not in {"__init__.py", "__pycache__"} and (p.suffix == ".py" or p.is_dir()))
ADAPTERS = ["sqlalchemy", "typer", "fastapi", "starlette", "uvicorn", "icalendar", "rich",
            "followup.store", "followup.cli", "followup.web", "followup.service",
            "followup.calendar", "followup.mail", "followup.mailbox", "followup.config"]


FACES = ["cli", "web", "server"]


def _imports(path: Path) -> set[str]:
    """Every module a file imports, at any depth (lazy imports in functions included)."""
    import ast

    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
    return found


@pytest.mark.parametrize("face", FACES)
def test_faces_import_no_store_module(face: str) -> None:
    """The CLI and the web app go through `followup.service`; only it opens the store."""
    offenders = {
        str(path.relative_to(SRC)): sorted(m for m in _imports(path)
                                           if m == "followup.store"
                                           or m.startswith("followup.store."))
        for path in sorted((SRC / face).rglob("*.py"))
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def loaded_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True, text=True, check=True).stdout
    return set(out.split())


@pytest.mark.parametrize("module", CORE)
def test_core_module_imports_no_adapter(module: str) -> None:
    loaded = loaded_after(f"import followup.core.{module}")
    assert not {a for a in ADAPTERS if a in loaded}


def test_help_imports_no_database_or_web_code() -> None:
    loaded = loaded_after("import followup.cli")
    heavy = {"sqlalchemy", "fastapi", "jinja2", "icalendar", "dateparser", "holidays",
             "alembic", "rapidfuzz"}
    assert not heavy & loaded


def test_a_warm_today_imports_neither_sqlalchemy_nor_holidays(tmp_path: Path) -> None:
    """Reads of an up-to-date SQLite file go through sqlite3; holidays come from the cache."""
    import json
    import os

    home = tmp_path / "home"
    env = {**os.environ, "FOLLOWUP_HOME": str(home), "FOLLOWUP_DB": str(tmp_path / "f.db")}
    cli = [sys.executable, "-m", "followup"]
    case = tmp_path / "case.json"
    case.write_text((Path(__file__).parent / "cases" / "contract_example.json").read_text())
    subprocess.run([*cli, "import", str(case)], env=env, check=True, capture_output=True)
    subprocess.run([*cli, "profile", "--country", "US"], env=env, check=True,
                   capture_output=True)
    show = ("import runpy, sys, json\n"
            "sys.argv = ['followup', 'today', '--today', '2026-03-20']\n"
            "try:\n    runpy.run_module('followup', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "sys.stderr.write(json.dumps(sorted(sys.modules)))\n")

    def today() -> tuple[str, set[str]]:
        done = subprocess.run([sys.executable, "-c", show], env=env, check=True,
                              capture_output=True, text=True)
        return done.stdout, set(json.loads(done.stderr))

    cold_out, cold = today()  # fills the holiday cache
    warm_out, warm = today()
    assert "acme-analyst" in warm_out and warm_out == cold_out
    assert "holidays" in cold
    assert not {"sqlalchemy", "alembic", "holidays"} & warm
