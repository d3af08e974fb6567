"""`followup worker` refuses bad settings before it touches a queue: one line naming the
option, exit status 2, no traceback (the worker itself runs in tests/server/test_jobs.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from followup.cli import app

runner = CliRunner()
GOOD = ["--smtp-host", "127.0.0.1", "--from", "followup@uni.example", "--tz", "UTC"]


@pytest.mark.parametrize(("change", "words"), [
    (["--tz", "Mars/Olympus"], ("--tz", "Mars/Olympus")),
    (["--tz", "../../etc/passwd"], ("--tz",)),
    (["--from", "not an address"], ("--from",)),
    (["--smtp-host", "two words"], ("--smtp-host",)),
    ([], ("--db", "PostgreSQL")),  # everything else right: the SQLite file is refused
])
def test_a_bad_setting_is_one_line_and_status_2(tmp_path: Path, change: list[str],
                                               words: tuple[str, ...]) -> None:
    args = ["worker", "--db", f"sqlite:///{tmp_path / 'f.db'}", *GOOD, *change]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    assert not (tmp_path / "f.db").exists()  # nothing made on the way
