"""The Dovecot server and the `World` (a database, a mailbox user, the CLI) mailbox tests share."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from followup.cli import app
from tests import mailbox_server

TODAY = "2026-03-26"

_why = mailbox_server.available()
# In CI (root, setup-dovecot.sh run) Dovecot must work; elsewhere its tests skip with the reason.
needs_dovecot = pytest.mark.skipif(_why is not None and not os.environ.get("CI"),
                                   reason=_why or "")


@pytest.fixture(scope="session")
def dovecot() -> Iterator[mailbox_server.Dovecot]:
    try:
        server = mailbox_server.start()
    except (RuntimeError, OSError) as e:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"dovecot could not start: {e}")
    yield server
    mailbox_server.remove(server)


@dataclass
class World:
    server: mailbox_server.Dovecot
    user: str
    db: Path
    home: Path

    def cli(self, *args: str, ok: bool = True) -> Any:
        result = CliRunner().invoke(app, ["--db", str(self.db), *args])
        if ok:
            assert result.exit_code == 0, (result.output, result.exception)
        return result

    def sync(self) -> dict[str, Any]:
        return json.loads(self.cli("mail", "sync", "--today", TODAY, "--format", "json").stdout)

    def inbox(self) -> list[dict[str, Any]]:
        return json.loads(self.cli("inbox", "--format", "json").stdout)

    def export(self, opp: str) -> dict[str, Any]:
        return json.loads(self.cli("export", opp).stdout)

    def log(self) -> list[dict[str, Any]]:
        return json.loads(self.cli("mail", "log", "--format", "json").stdout)
