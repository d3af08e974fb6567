"""Writers that never starve (issue 12): two processes, each writing as fast as it can.

The issue's reproducer: one process logs touches, the other adds people, to the same
opportunity, 1,000 each; before the fix the logger starved and writes failed with
"database is locked". `FOLLOWUP_STRESS_N` sets the count (default 150 in `make test`;
scripts/fuzz.py runs 1,000). Real processes, a real SQLite file.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from followup.cli import app
from followup.core import caseio
from followup.core.model import Status
from followup.store import Store, StoreError
from tests.conftest import CASES, sqlite_only

N = int(os.environ.get("FOLLOWUP_STRESS_N", "150"))

WORKER = textwrap.dedent("""
    import sys
    import time
    from datetime import datetime, timedelta
    from followup import service
    from followup.core.model import Channel, TouchKind

    url, job, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = service.open_store(url)
    start = datetime(2026, 3, 2, 9, 0)
    print("ready", flush=True)
    sys.stdin.readline()
    began = time.time()
    for n in range(count):
        if job == "log":
            service.log_touch(store, "acme", kind=TouchKind.OTHER, channel=Channel.EMAIL,
                              at=start + timedelta(minutes=n), to="dana", note=f"log-{n}")
        else:
            service.add_person(store, "acme", name=f"Person {n:05d}")
    print("done", began, time.time(), flush=True)
""")


def seeded(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    store = Store.open(url)
    store.save_case(caseio.loads((CASES / "contract_example.json").read_text()))
    store.close()
    return url


@sqlite_only
def test_a_logger_and_a_person_adder_both_finish(tmp_path: Path) -> None:
    url = seeded(tmp_path)
    procs = [subprocess.Popen([sys.executable, "-c", WORKER, url, job, str(N)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
             for job in ("log", "people")]
    for p in procs:
        assert p.stdout is not None and p.stdout.readline() == "ready\n"
    for p in procs:
        assert p.stdin is not None
        p.stdin.write("go\n")
        p.stdin.flush()
    results = [p.communicate(timeout=1800) for p in procs]
    spans = []
    for proc, (out, err) in zip(procs, results, strict=True):
        assert (proc.returncode, err) == (0, ""), err[-2000:]
        word, began, ended = out.split()
        spans.append((float(began), float(ended)))
    (a0, a1), (b0, b1) = spans
    assert a0 < b1 and b0 < a1  # they were writing at the same time
    case = Store.open(url).load_case("acme")
    assert sorted(t.note for t in case.touches if (t.note or "").startswith("log-")) == \
        sorted(f"log-{n}" for n in range(N))
    assert len([p for p in case.people if p.name.startswith("Person ")]) == N


@sqlite_only
def test_a_wait_past_the_bound_is_one_clear_line(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import followup.store.connect as store_module

    url = seeded(tmp_path)
    monkeypatch.setattr(store_module, "WRITE_WAIT_S", 0.5)
    holder = sqlite3.connect(tmp_path / "w.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        started = time.monotonic()
        with pytest.raises(StoreError, match=r"busy: another process kept it locked for over "
                                             r"0.5 s; try again"):
            Store.open(url).set_status("acme", Status.DORMANT)
        assert time.monotonic() - started < 30  # it gives up after its wait: no hang
        result = CliRunner().invoke(app, ["--db", url, "status", "acme", "dormant"])
        assert result.exit_code == 2
        assert result.stderr.count("\n") == 1 and "busy" in result.stderr
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert Store.open(url).set_status("acme", Status.DORMANT) == "acme-analyst"
