"""Several writers, and a writer killed mid-batch, on a real database (SQLite or PostgreSQL).

The writers are separate processes, as a user's CLI and web app would be.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

from followup.core import caseio
from followup.store import Store
from tests.conftest import CASES, ON_POSTGRES, table_dump

WRITER = textwrap.dedent("""
    import sys
    import time
    from datetime import datetime, timedelta
    from followup.core.model import Channel, Direction, Touch, TouchKind
    from followup.store import Store

    url, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = Store.open(url)
    start = datetime(2026, 3, 2, 9, 0)
    print("ready", flush=True)
    sys.stdin.readline()  # both start together
    began = time.time()
    for n in range(count):  # one transaction each, as `followup log` does
        store.add_touch("acme", Touch(at=start + timedelta(minutes=n), direction=Direction.OUT,
                                      channel=Channel.EMAIL, kind=TouchKind.CHECK_IN,
                                      person="dana", note=f"{name}-{n}"))
    print("done", began, time.time(), flush=True)
""")

BATCHER = textwrap.dedent("""
    import sys
    from datetime import datetime, timedelta
    from followup.core.model import Channel, Direction, Touch, TouchKind
    from followup.store import Store

    url, size = sys.argv[1], int(sys.argv[2])
    store = Store.open(url)
    start = datetime(2026, 3, 2, 9, 0)
    for batch in range(10_000):
        touches = [Touch(at=start + timedelta(minutes=k), direction=Direction.OUT,
                         channel=Channel.EMAIL, kind=TouchKind.OTHER, note=f"{batch}:{k}")
                   for k in range(size)]
        print("begin", batch, flush=True)
        store.add_touches("acme", touches)
        print("committed", batch, flush=True)
""")


def seeded(db_url: str) -> None:
    store = Store.open(db_url)
    store.save_case(caseio.loads((CASES / "contract_example.json").read_text()))
    store.close()


def notes(db_url: str) -> list[str]:
    store = Store.open(db_url)
    try:
        return [t.note or "" for t in store.load_case("acme").touches]
    finally:
        store.close()


def test_two_processes_logging_at_once_lose_nothing(db_url: str) -> None:
    seeded(db_url)
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, db_url, name, "1000"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
             for name in ("a", "b")]
    for p in procs:
        assert p.stdout is not None and p.stdout.readline() == "ready\n"
    for p in procs:
        assert p.stdin is not None
        p.stdin.write("go\n")
        p.stdin.flush()
    results = [p.communicate(timeout=300) for p in procs]
    spans = []
    for proc, (out, err) in zip(procs, results, strict=True):
        assert "locked" not in err.lower()
        assert (proc.returncode, err) == (0, "")
        word, began, ended = out.split()
        assert word == "done"
        spans.append((float(began), float(ended)))
    (a0, a1), (b0, b1) = spans
    assert a0 < b1 and b0 < a1  # they were writing at the same time
    logged = [n for n in notes(db_url) if n[:2] in ("a-", "b-")]
    assert sorted(logged) == sorted(f"{w}-{n}" for w in "ab" for n in range(1000))
    # Each writer's own touches stay in the order it wrote them.
    for w in "ab":
        mine = [int(n[2:]) for n in logged if n.startswith(w)]
        assert mine == list(range(1000))


def test_a_writer_killed_mid_batch_leaves_whole_batches_only(db_url: str) -> None:
    seeded(db_url)
    before = len(notes(db_url))
    size = 20_000  # a few hundred milliseconds of INSERTs: the kill lands inside one
    proc = subprocess.Popen([sys.executable, "-c", BATCHER, db_url, str(size)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    committed = -1
    started = -1
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        word, number = proc.stdout.readline().split()
        if word == "committed":
            committed = int(number)
        else:
            started = int(number)
            if committed >= 3:  # several batches in, and one just begun: kill it inside
                time.sleep(0.05)
                break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert started == committed + 1

    if not ON_POSTGRES:
        import sqlite3

        path = db_url.removeprefix("sqlite:///")
        with sqlite3.connect(path) as conn:  # recovers the WAL, then checks every page
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    batches: dict[int, set[int]] = {}
    for note in notes(db_url)[before:]:
        batch, k = note.split(":")
        batches.setdefault(int(batch), set()).add(int(k))
    # Every batch it reported committed is there in full; nothing of the one in flight.
    assert sorted(batches) == list(range(committed + 1))
    assert all(rows == set(range(size)) for rows in batches.values())
    assert table_dump(db_url)  # and the database still reads as a whole
