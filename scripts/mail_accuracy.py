"""How well the mailbox classes and matches ATS-relayed mail: the tuning and held-out fixtures.

Each fixture in tests/fixtures/mailbox/ats/{tuning,heldout} says in `X-Fixture-Expect` its
class, opportunity (`-` for none, `a|b` for either) and decision; this reads every one through
the functions the sync uses (`service.inbox.judge` and `read_one`) against the opportunities in
ats/cases, and prints the share right per set. The held-out set was written before any tuning
and is never tuned on; tests/mailbox/test_mailbox_ats.py checks the same through Dovecot and
`followup mail log --format json`.

Run: .venv/bin/python scripts/mail_accuracy.py [--json]
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ATS = ROOT / "tests" / "fixtures" / "mailbox" / "ats"
TODAY = date(2026, 3, 26)


def expectation(raw: bytes) -> tuple[str, str, str]:
    head = raw.split(b"\n\n", 1)[0].decode()
    line = next(x for x in head.splitlines() if x.startswith("X-Fixture-Expect: "))
    cls, opportunity, decision = line.split(": ", 1)[1].split()
    return cls, opportunity, decision


def run(folder: Path) -> list[dict[str, Any]]:
    from zoneinfo import ZoneInfo

    from followup.core.caseio import cases_from_json
    from followup.mailbox.matching import Index
    from followup.mailbox.reading import head_of
    from followup.service.inbox import judge, read_one
    from followup.store.mailbox import Outcome

    cases = [c for path in sorted((ATS / "cases").glob("*.json"))
             for c in cases_from_json(json.loads(path.read_text()), str(path))]
    index = Index.build(cases, {"alex.morgan@example.com"}, {})
    out = []
    for path in sorted(folder.glob("*.eml")):
        raw = path.read_bytes()
        head = judge(head_of(raw), datetime(2026, 3, 20, tzinfo=UTC), TODAY)
        got = head if isinstance(head, Outcome) else read_one(
            head, raw, index, in_sent=False, zone=ZoneInfo("America/New_York"))
        cls, opportunity, decision = expectation(raw)
        want_opp = opportunity.split("|") if opportunity != "-" else [None]
        ok = (got.cls == cls and got.opportunity in want_opp and got.decision == decision)
        out.append({"file": path.name, "ok": ok, "want": [cls, opportunity, decision],
                    "got": [got.cls, got.opportunity or "-", got.decision],
                    "reason": got.reason})
    return out


def main() -> int:
    figures = {}
    for name in ("tuning", "heldout"):
        rows = run(ATS / name)
        right = sum(r["ok"] for r in rows)
        figures[name] = {"right": right, "total": len(rows),
                         "misses": [r for r in rows if not r["ok"]]}
    if "--json" in sys.argv:
        print(json.dumps(figures, indent=2))  # noqa: T201 - a script's output
        return 0
    for name, f in figures.items():
        print(f"{name}: {f['right']}/{f['total']} right "  # noqa: T201
              f"(class, opportunity and decision)")
        for miss in f["misses"]:
            print(f"  {miss['file']}: want {' '.join(miss['want'])}, "  # noqa: T201
                  f"got {' '.join(miss['got'])} ({miss['reason']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
