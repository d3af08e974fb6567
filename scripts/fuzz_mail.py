"""The mailbox fuzz run (issue 20): crafted mail through the sync's own reading and a real Dovecot.

Every input (tests/mail_mutations.py: fixture messages broken the ways hostile mail is) is
read by the functions the sync uses for one message (`service.inbox.judge`, then `read_one`),
timed and with its peak memory traced; anything escaping them is a traceback. With
`--dovecot` (root, Debian's dovecot-imapd: scripts/setup-dovecot.sh) the same inputs are then
delivered to a throwaway Dovecot in rounds and read by `followup mail sync` in a subprocess
after each round: a sync that fails, times out, or leaves its high-water mark short of the last
message is a stuck sync.

    .venv/bin/python scripts/fuzz_mail.py --count 2000 --seed 1 --dovecot
Prints the figures (and every traceback); exits 1 if there was a traceback or a stuck sync.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback
import tracemalloc
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.mail_mutations import mutate  # noqa: E402

TODAY = date(2026, 3, 26)


@dataclass
class Figures:
    inputs: int = 0
    tracebacks: list[str] = field(default_factory=list)
    outcomes: collections.Counter[str] = field(default_factory=collections.Counter)
    worst_time: tuple[float, str] = (0.0, "")
    worst_memory: tuple[int, str] = (0, "")
    syncs: int = 0
    stuck: list[str] = field(default_factory=list)
    worst_sync: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"inputs": self.inputs, "tracebacks": len(self.tracebacks),
                "outcomes": dict(self.outcomes),
                "worst_seconds_per_input": round(self.worst_time[0], 3),
                "worst_input_by_time": self.worst_time[1],
                "worst_peak_mib_per_input": round(self.worst_memory[0] / 2**20, 2),
                "worst_input_by_memory": self.worst_memory[1],
                "syncs": self.syncs, "stuck_syncs": len(self.stuck),
                "worst_sync_seconds": round(self.worst_sync, 2)}


def read_one_input(raw: bytes, index: Any, zone: Any, label: str, figures: Figures) -> None:
    """One message through the sync's reading, timed and traced."""
    from followup.mailbox.reading import MAX_HEADER_BYTES, head_of
    from followup.service.inbox import judge, read_one
    from followup.store.mailbox import Outcome

    tracemalloc.start()
    started = time.perf_counter()
    try:
        head = judge(head_of(raw)[:MAX_HEADER_BYTES + 1],
                     datetime(2026, 3, 20, tzinfo=UTC), TODAY)
        outcome = head if isinstance(head, Outcome) else read_one(
            head, raw, index, in_sent=False, zone=zone)
        figures.outcomes[outcome.decision] += 1
    except BaseException:  # noqa: BLE001 - what the fuzz run is looking for
        figures.tracebacks.append(f"{label}\n{traceback.format_exc()}")
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    figures.inputs += 1
    if elapsed > figures.worst_time[0]:
        figures.worst_time = (elapsed, label)
    if peak > figures.worst_memory[0]:
        figures.worst_memory = (peak, label)


def _index() -> tuple[Any, Any]:
    from zoneinfo import ZoneInfo

    from followup.core.caseio import cases_from_json
    from followup.mailbox.matching import Index

    folder = ROOT / "tests" / "fixtures" / "mailbox"
    cases = [c for p in sorted(folder.glob("cases/*.json")) + sorted(
        folder.glob("ats/cases/*.json")) for c in cases_from_json(json.loads(p.read_text()))]
    return Index.build(cases, {"alex.morgan@example.com"}, {}), ZoneInfo("America/New_York")


def through_dovecot(inputs: list[tuple[str, bytes]], figures: Figures, per_round: int,
                    timeout: float) -> None:
    """Deliver the inputs to a real Dovecot in rounds; `followup mail sync` after each."""
    from tests import mailbox_server

    why = mailbox_server.available()
    if why is not None:
        raise SystemExit(f"fuzz_mail: --dovecot: {why}")
    server = mailbox_server.start()
    work = Path(tempfile.mkdtemp(prefix="fuzz-mail-"))
    try:
        user = f"fuzz{uuid.uuid4().hex[:8]}"
        server.add_user(user)
        db = work / "f.db"
        env = {**os.environ, "FOLLOWUP_HOME": str(work / "home"),
               "FOLLOWUP_IMAP_PASSWORD": mailbox_server.PASSWORD}
        base = [sys.executable, "-m", "followup", "--db", str(db)]
        for case in sorted((ROOT / "tests" / "fixtures" / "mailbox").glob("*cases/*.json")):
            subprocess.run([*base, "import", str(case)], env=env, check=True,
                           capture_output=True)
        subprocess.run([*base, "mail", "setup", "--host", "127.0.0.1", "--port",
                        str(server.port), "--user", user, "--security", "none"], env=env,
                       check=True, capture_output=True)
        delivered = 0
        for start in range(0, len(inputs), per_round):
            chunk = inputs[start:start + per_round]
            for _label, raw in chunk:
                server.deliver("INBOX", raw, user=user)
            delivered += len(chunk)
            began = time.perf_counter()
            try:
                done = subprocess.run([*base, "mail", "sync", "--today", TODAY.isoformat()],
                                      env=env, capture_output=True, text=True, timeout=timeout)
                failed = done.returncode != 0 or "Traceback" in done.stderr
                detail = done.stderr.strip()[-2000:]
            except subprocess.TimeoutExpired:
                failed, detail = True, f"no end within {timeout:g} s"
            took = time.perf_counter() - began
            figures.syncs += 1
            figures.worst_sync = max(figures.worst_sync, took)
            conn = sqlite3.connect(db)
            last = conn.execute("SELECT last_uid FROM mail_folders WHERE folder = 'INBOX'"
                                ).fetchone()
            conn.close()
            if failed or last is None or last[0] < delivered:
                labels = ", ".join(label for label, _ in chunk[:5])
                figures.stuck.append(f"round {figures.syncs} ({labels} ...): high-water mark "
                                     f"{last[0] if last else None} of {delivered}; {detail}")
    finally:
        mailbox_server.remove(server)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dovecot", action="store_true",
                        help="also deliver every input to a real Dovecot and sync it")
    parser.add_argument("--round", type=int, default=100, help="messages per sync")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per sync")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    rnd = random.Random(args.seed)
    index, zone = _index()
    figures = Figures()
    inputs: list[tuple[str, bytes]] = []
    kinds: collections.Counter[str] = collections.Counter()
    for n in range(args.count):
        source, how, raw = mutate(rnd)
        label = f"#{n} {how} of {source} ({len(raw):,} bytes)"
        kinds.update(how.split("+"))
        read_one_input(raw, index, zone, label, figures)
        inputs.append((label, raw))
    if args.dovecot:
        through_dovecot(inputs, figures, args.round, args.timeout)
    result = figures.as_dict() | {"mutations": dict(sorted(kinds.items())),
                                  "seed": args.seed}
    for text in figures.tracebacks + figures.stuck:
        print(text, file=sys.stderr)  # noqa: T201 - a script's report
    print(json.dumps(result, indent=None if args.json else 2))  # noqa: T201
    return 1 if figures.tracebacks or figures.stuck else 0


if __name__ == "__main__":
    sys.exit(main())
