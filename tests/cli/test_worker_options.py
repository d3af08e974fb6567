"""`followup worker` fed hostile options (issue 20's bar on today's door): each bad value is
one line naming the option, exit status 2, before any connection to the database or the
SMTP server is made (the database URL here points at a port nothing listens on, so a check
that ran too late would show as a connection error instead). Hypothesis over host names."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from followup.cli import app

NOWHERE = "postgresql+psycopg://app@127.0.0.1:1/centre"
GOOD = {"--db": NOWHERE, "--smtp-host": "mail.uni.example", "--from": "f@uni.example"}


def _worker(**changed: str) -> tuple[int, str]:
    args = ["worker", "--until-empty"]
    for option, value in {**GOOD, **changed}.items():
        args += [option, value]
    result = CliRunner().invoke(app, args)
    return result.exit_code, result.output


def _refused(option: str, value: str) -> None:
    code, output = _worker(**{option: value})
    lines = output.strip().splitlines()
    assert code == 2, (option, value[:40], code, output[-300:])
    assert len(lines) == 1 and option in lines[0] and "Traceback" not in output, output
    assert "cannot open database" not in output  # checked before connecting


def test_bad_worker_options_are_one_line_errors_before_any_connection(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for value in ("America", "Europe", "", "../../etc/passwd", "Mars/Olympus", "x" * 5_000,
                  "UTC\n"):
        _refused("--tz", value)
    for value in ("mail\r\nRCPT TO:<x@y>", "mail uni", "h" * 10_000, "-x-", "a..b", "\x00",
                  "mail.uni.example\u202e"):
        _refused("--smtp-host", value)
    for value in ("f@uni.example\r\nBcc: x@y", "nobody", "", "a@" + "b" * 500):
        _refused("--from", value)
    for value in ("/dev/zero", str(fifo), str(tmp_path), str(tmp_path / "none.pem")):
        _refused("--smtp-cafile", value)
    for option, value in (("--smtp-port", "0"), ("--smtp-port", "65536"),
                          ("--smtp-port", "²"), ("--concurrency", "0"),
                          ("--concurrency", "10000"), ("--stalled-after", "nan"),
                          ("--stalled-after", "0")):
        _refused(option, value)


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=30))
def test_any_smtp_host_is_one_line_either_refused_or_a_name_we_look_up(host: str) -> None:
    """Refused by name before connecting, or a DNS/IDN name or IP literal taken as given
    (then the unreachable database is what stops the run): one line, exit 2, either way."""
    from followup.core.limits import host_problem

    code, output = _worker(**{"--smtp-host": host})
    lines = output.strip().splitlines()
    assert code == 2 and len(lines) == 1 and "Traceback" not in output, output
    if host_problem(host):
        assert "--smtp-host" in lines[0]
    else:
        assert "cannot open database" in lines[0]
