"""The exported calendar read by two calendar programs people use: khal (from PyPI, a test
extra) and calcurse (Debian's, installed by scripts/setup-calcurse.sh from `make test`).
Each imports the file and lists the events on the days the plan says."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from followup.cli import app

INVITES = Path(__file__).parents[1] / "fixtures" / "invites"
EXPECTED = [
    ("2026-03-06", "Thank-you note to Bill Lumbergh: Initech"),
    ("2026-03-06", "Thank-you note to Sam O'Neil: Initech"),
    ("2026-03-06", "Thank-you note to Thanh Nguyen: Initech"),
    ("2026-03-16", "Prepare for the interview with Jörg Müller: Globex Corporation"),
]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export")
    db, out = folder / "f.db", folder / "plan.ics"
    runner = CliRunner()
    runner.invoke(app, ["--db", str(db), "profile", "--email", "alex@example.com"])
    for name in ("outlook.ics", "apple.ics"):
        result = runner.invoke(app, ["--db", str(db), "import-invite", str(INVITES / name),
                                     "--yes", "--tz", "America/New_York"])
        assert result.exit_code == 0, result.stderr
    result = runner.invoke(app, ["--db", str(db), "calendar", "export", "-o", str(out),
                                 "--today", "2026-03-06"])
    assert result.exit_code == 0, result.stderr
    return out


def test_khal_imports_and_lists_the_plan(exported: Path, tmp_path: Path) -> None:
    khal = Path(sys.executable).parent / "khal"
    assert khal.exists(), "khal is a test extra (pyproject.toml)"
    (tmp_path / "cal").mkdir()
    config = tmp_path / "config"
    config.write_text(f"""[calendars]
[[plan]]
path = {tmp_path / 'cal'}
type = calendar
[sqlite]
path = {tmp_path / 'khal.db'}
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = America/New_York
default_timezone = America/New_York
""")
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)}
    done = subprocess.run([str(khal), "-c", str(config), "import", "--batch", str(exported)],
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert len(list((tmp_path / "cal").iterdir())) == len(EXPECTED)
    listed = subprocess.run(
        [str(khal), "-c", str(config), "list", "2026-03-01", "60d", "--format",
         "{start-date}|{title}|{alarm-symbol}"],
        env=env, capture_output=True, text=True, timeout=60)
    assert listed.returncode == 0, listed.stderr
    rows = [line.split("|") for line in listed.stdout.splitlines() if "|" in line]
    assert sorted((day, title) for day, title, _ in rows) == EXPECTED
    assert all(alarm.strip() for _, _, alarm in rows)  # every event kept its alarm


def test_calcurse_imports_and_lists_the_plan(exported: Path, tmp_path: Path) -> None:
    calcurse = shutil.which("calcurse")
    if calcurse is None:
        pytest.skip("calcurse missing: run scripts/setup-calcurse.sh (make test does)")
    done = subprocess.run([calcurse, "-D", str(tmp_path), "-i", str(exported)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert f"0 apps / {len(EXPECTED)} events / 0 todos / 0 skipped" in done.stdout
    events = []
    for line in (tmp_path / "apts").read_text().splitlines():
        day, rest = line.split(" ", 1)
        month, dom, year = day.split("/")
        events.append((f"{year}-{month}-{dom}", rest.split(" ", 2)[2]))
    assert sorted(events) == EXPECTED
