"""The mailbox sync's figures: a first sync of N messages and a no-op sync, against Dovecot.

Starts the test suite's Dovecot (tests/mailbox_server.py: root, loopback, a throwaway
maildir), fills INBOX with N synthetic messages (`mailbox_server.synthetic`: personal mail,
newsletters, and mail from the fixture cases' people and companies) plus the fixture
mailbox, imports the fixture cases, then times `service.inbox.sync` in this process: the
first sync (every header read, bodies where they could matter, touches and review items
written) and a second one with nothing new (goal: no FETCH at all, under 1 s).

    python bench/bench_mail.py --messages 500          # a quick look
    python bench/bench_mail.py --messages 10000 --json # what bench/run.py records
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import mailbox_server  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "mailbox"


def run(messages: int) -> dict[str, Any]:
    why = mailbox_server.available()
    if why is not None:
        return {"skipped": why}
    work = Path(tempfile.mkdtemp(prefix="followup-bench-mail-"))
    os.environ["FOLLOWUP_HOME"] = str(work / "home")
    server = mailbox_server.start()
    try:
        user = "bench"
        server.add_user(user)
        began = time.perf_counter()
        for folder in ("Sent", "INBOX"):
            for path in sorted((FIXTURES / folder).glob("*.eml")):
                server.deliver(folder, path.read_bytes(), user=user)
        server.deliver_many("INBOX", mailbox_server.synthetic(messages), user=user)
        filled = time.perf_counter() - began

        from followup.core import caseio
        from followup.mailbox.imap import ImapSettings, Mailbox
        from followup.service import inbox
        from followup.service.records import import_cases, open_store

        store = open_store(str(work / "bench.db"))
        import_cases(store, [caseio.loads(p.read_text(), str(p))
                             for p in sorted((FIXTURES / "cases").glob("*.json"))])
        settings = ImapSettings("127.0.0.1", server.port, user, "none")
        today = date(2026, 3, 26)
        with Mailbox(settings, mailbox_server.PASSWORD) as box:
            start = time.perf_counter()
            first = inbox.sync(store, box, today)
            first_s = time.perf_counter() - start
        with Mailbox(settings, mailbox_server.PASSWORD) as box:  # a new run of the command
            start = time.perf_counter()
            again = inbox.sync(store, box, today)
            noop_s = time.perf_counter() - start
            noop_bodies = box.bodies_fetched
        store.close()
        total = messages + sum(1 for _ in FIXTURES.glob("*/*.eml"))
        return {"messages": total, "fill_seconds": filled, "first_sync_seconds": first_s,
                "first_counts": first.counts, "bodies_read": first.bodies,
                "noop_sync_seconds": noop_s, "noop_read": sum(again.folders.values()),
                "noop_bodies": noop_bodies}
    finally:
        mailbox_server.remove(server)
        shutil.rmtree(work, ignore_errors=True)


def section(r: dict[str, Any]) -> list[str]:
    """The bench/results.md section."""
    lines = ["## Mailbox sync (Dovecot on loopback, `bench/bench_mail.py`)", ""]
    if "skipped" in r:
        return lines + [f"Not measured: {r['skipped']}.", ""]
    rate = r["messages"] / r["first_sync_seconds"]
    first_ok, noop_ok = r["first_sync_seconds"] < 60, r["noop_sync_seconds"] < 1
    counts = ", ".join(f"{v:,} {k}" for k, v in sorted(r["first_counts"].items()))
    return lines + [
        "| what | time | goal |",
        "| --- | --- | --- |",
        f"| first sync of {r['messages']:,} messages ({rate:,.0f}/s; {r['bodies_read']:,} "
        f"bodies read; {counts}) | {r['first_sync_seconds']:.2f} s | under 60 s: "
        f"{'met' if first_ok else '**not met**'} |",
        f"| no-op sync (nothing new: {r['noop_read']} messages and {r['noop_bodies']} bodies "
        f"read) | {r['noop_sync_seconds'] * 1000:.0f} ms | under 1 s: "
        f"{'met' if noop_ok else '**not met**'} |",
        "", f"Filling the maildir took {r['fill_seconds']:.1f} s (not part of the sync).", ""]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--messages", type=int, default=10_000)
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    opts = ap.parse_args()
    result = run(opts.messages)
    print(json.dumps(result) if opts.json else "\n".join(section(result)))


if __name__ == "__main__":
    main()
