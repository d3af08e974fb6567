"""A small run of scripts/fuzz_mail.py (the large one is run by hand, issue 20): crafted mail
through the sync's reading and a real Dovecot gives no traceback and no stuck sync."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import sqlite_only
from tests.mailbox.conftest import needs_dovecot

ROOT = Path(__file__).parents[2]
pytestmark = [needs_dovecot, sqlite_only]


def test_a_small_fuzz_run_through_dovecot_is_clean() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "fuzz_mail.py"), "--count",
                           "40", "--seed", "11", "--dovecot", "--round", "40", "--json"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert (figures["inputs"], figures["tracebacks"], figures["stuck_syncs"]) == (40, 0, 0)
    assert figures["syncs"] == 1
    assert sum(figures["outcomes"].values()) == 40
