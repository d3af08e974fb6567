"""`followup today` served without Typer (cli.lean) writes what the Typer command writes:
the same bytes on stdout and stderr and the same exit status, for every command line the
lean parser takes; anything else it leaves to Typer (issue 24)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from followup.cli import lean
from tests.conftest import CASES

TYPER = ("import sys\nfrom followup.cli.root import app\n"
         "app(args=sys.argv[1:], prog_name='followup')")
TODAY = ["--today", "2026-03-20"]
SERVED = [
    ["today", *TODAY],
    ["today", "--today=2026-03-20", "--days", "30"],
    ["today", "--days=0", *TODAY, "--json"],
    ["today", *TODAY, "--format", "json"],
    ["today", *TODAY, "--format=text", "--days", "3", "--days", "14"],  # the last counts
    ["--db", "{db}", "today", *TODAY],
    ["--db={db}", "today", *TODAY, "--format", "json"],
    ["today", "--today", "2026-02-30"],  # refused by the command: one line, exit 2
    ["today", "--today", "tomorrow"],
    ["today", "--today", "9999-12-31"],
    ["today", *TODAY, "--days", "99999999"],
    ["--db", "{tmp}/missing-folder/x/y.db", "today", *TODAY],
]
LEFT_TO_TYPER = [
    [], ["--help"], ["today", "--help"], ["today", "-h"], ["--version"], ["tody"],
    ["today", "--days"], ["today", "--days", "-1"], ["today", "--days", "two"],
    ["today", "--days", "+3"], ["today", "--format", "xml"], ["today", "--json=yes"],
    ["today", "--today", "--json"], ["today", "extra"], ["today", "--dys", "3"],
    ["list"], ["plan", "acme"], ["today", "today"], ["--db", "", "today"],
    ["today", "--today", "\udcff"], ["--db"], ["today", "--"],
]


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    work = tmp_path_factory.mktemp("lean")
    env = {**os.environ, "FOLLOWUP_HOME": str(work / "home"),
           "FOLLOWUP_DB": str(work / "f.db"), "TZ": "UTC", "COLUMNS": "90"}
    cli = [sys.executable, "-m", "followup"]
    for args in (["import", str(CASES / "contract_example.json")],
                 ["profile", "--country", "US"]):
        subprocess.run([*cli, *args], env=env, check=True, capture_output=True)
    return env


def run(argv: list[str], env: dict[str, str], typer: bool) -> tuple[int, str, str]:
    head = [sys.executable, "-c", TYPER] if typer else [sys.executable, "-m", "followup"]
    done = subprocess.run([*head, *argv], env=env, capture_output=True, text=True)
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize("argv", SERVED, ids=" ".join)
def test_lean_today_writes_what_typer_writes(argv: list[str], env: dict[str, str]) -> None:
    argv = [a.format(db=env["FOLLOWUP_DB"], tmp=Path(env["FOLLOWUP_HOME"]).parent)
            for a in argv]
    assert lean.parse(argv) is not None
    lean_out, typer_out = run(argv, env, typer=False), run(argv, env, typer=True)
    assert lean_out == typer_out
    code, out, err = lean_out
    assert "Traceback" not in err
    assert (code, bool(out)) in ((0, True), (2, False)), lean_out


@pytest.mark.parametrize("argv", LEFT_TO_TYPER, ids=" ".join)
def test_anything_else_is_left_to_typer(argv: list[str]) -> None:
    assert lean.parse(argv) is None


def test_a_bad_command_line_still_gets_typer_s_one_line(env: dict[str, str]) -> None:
    code, out, err = run(["today", "--days", "-1"], env, typer=False)
    assert (code, out) == (2, "")
    assert err.startswith("error: ") and err.count("\n") == 1 and "--days" in err


def test_lean_today_reads_the_database_the_environment_names(env: dict[str, str],
                                                              tmp_path: Path) -> None:
    """FOLLOWUP_DB as Typer reads it (`envvar`); --db over it; an empty one is unset."""
    other = {**env, "FOLLOWUP_DB": str(tmp_path / "empty.db")}
    code, out, _ = run(["today", *TODAY], other, typer=False)
    assert code == 0 and "Nothing to do" in out
    code, out, _ = run(["--db", env["FOLLOWUP_DB"], "today", *TODAY], other, typer=False)
    assert code == 0 and "Pipeline: 1 active" in out
