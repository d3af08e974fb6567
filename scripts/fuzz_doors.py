"""The larger fuzz run of the doors opened with the centre and the Inbox (issue 20's bar):
N random tries at each of four doors, counting what held and printing anything that did not.

- digest: hostile record text (CR/LF, NUL, controls, bidi, zero-width, long lines, any
  Unicode) through core.digest and mail.outgoing to the bytes an SMTP server gets, parsed
  back: one To, only the headers we set, one printable line per step, bounded size.
- inbox: the Inbox setup form with hostile host, port and CA file (a device, a FIFO, a
  directory, a sparse 50 MB file): 303 (saved, a valid name) or a one-line 400, never 5xx.
- move: the board's Move with hostile ids, statuses and `next`: a 4xx changes nothing; a
  redirect never leaves the site.
- worker: `followup worker` with hostile options: one line, exit 2, before connecting.

No network is used (the form is posted without a password, so no login is tried).

    .venv/bin/python scripts/fuzz_doors.py --count 500 --seed 1
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from datetime import UTC, date, datetime
from email import message_from_bytes
from email.policy import default
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

NASTY = ["\r", "\n", "\r\n", "\x00", "\x1b[31m", "\x1b]0;t\x07", "\x85", "\u2028", "\u202e",
         "\u2066", "\u200b", "\ufeff", "\x7f", "\x9b", "Bcc: x@evil.example", "=?utf-8?q?x?=",
         "<script>", "é", "日本", "\U0001f600", " ", "-", ".", "/", "\\", "..", "%0d%0a",
         "xn--", "[", "]", ":", "@", "²", "٩", "0", "9", "a", "Z"]


def text(rng: random.Random, most: int = 12) -> str:
    parts = [rng.choice(NASTY) if rng.random() < 0.6 else
             "".join(chr(rng.randrange(0x20, 0x3000)) for _ in range(rng.randrange(1, 6)))
             for _ in range(rng.randrange(0, most))]
    s = "".join(parts)
    return s * rng.randrange(50, 3000) if rng.random() < 0.05 else s


def digest_try(rng: random.Random) -> str:
    from followup.core.digest import FIELD, STEPS, DueStep, digest_text
    from followup.core.limits import clean_line
    from followup.mail.outgoing import Draft, build_message, to_bytes

    day = date(2026, 3, 23)
    steps = [DueStep(text(rng), text(rng), text(rng), rng.choice(["check_in", text(rng)]),
                     rng.choice([None, text(rng)]), day, tuple(text(rng) for _ in range(2)))
             for _ in range(rng.choice([0, 1, 3, 8, STEPS + 5]))]
    who = clean_line(text(rng), 80)
    subject, body = digest_text(who, day, steps)
    raw = to_bytes(build_message(Draft(subject, body), to_name=who or None,
                                 to_email="ada@uni.example", from_name="followup",
                                 from_email="f@uni.example",
                                 date=datetime(2026, 3, 23, 7, tzinfo=UTC)))
    mail = message_from_bytes(raw, policy=default)
    assert set(mail.keys()) <= {"From", "To", "Subject", "Date", "Message-ID", "MIME-Version",
                                "Content-Type", "Content-Transfer-Encoding"}, mail.keys()
    assert [a.addr_spec for a in mail["To"].addresses] == ["ada@uni.example"]
    lines = mail.get_content().splitlines()
    assert sum(ln.startswith("- ") for ln in lines) == min(len(steps), STEPS) + (
        len(steps) > STEPS)
    assert all(ln.isprintable() and len(ln) <= 5 * FIELD + 60 for ln in lines)
    assert len(raw) < 200_000
    return "held"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=300, help="tries per door")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    home = tempfile.mkdtemp(prefix="fuzz-doors-")
    os.environ["FOLLOWUP_HOME"] = home
    os.environ.pop("FOLLOWUP_SMTP_PASSWORD", None)

    from fastapi.testclient import TestClient
    from tests.keyring_memory import installed
    from tests.web_helpers import token
    from typer.testing import CliRunner

    from followup import service
    from followup.cli import app
    from followup.core.caseio import loads
    from followup.web import WebSettings, create_app

    tmp = Path(home)
    os.mkfifo(tmp / "fifo")
    with (tmp / "huge.pem").open("wb") as f:
        f.truncate(50_000_000)
    cafiles = ["", "/dev/zero", "/dev/null", str(tmp / "fifo"), str(tmp), str(tmp / "huge.pem"),
               str(tmp / "none.pem"), "~/../../etc/shadow", "x" * 5000]
    db = str(tmp / "web.db")
    store = service.open_store(db)
    for path in sorted((ROOT / "tests/fixtures/mailbox/cases").glob("*.json")):
        service.import_cases(store, [loads(path.read_text(encoding="utf-8"))])
    store.close()
    client = TestClient(create_app(WebSettings(db=db)), base_url="http://127.0.0.1:8765",
                        follow_redirects=False)
    ref = "acme-analyst"

    def status_of() -> str:
        s = service.open_store(db)
        try:
            return service.load_case(s, ref).opportunity.status.value
        finally:
            s.close()

    def inbox_try(rng: random.Random) -> str:
        host = rng.choice([text(rng, 6), "imap.example.org", "127.0.0.1", "bücher.example",
                           "[::1]", "h" * rng.choice([63, 64, 300, 10_000])])
        port = rng.choice([text(rng, 3), "993", "0", "65536", "9" * 5000, "²", "-1"])
        r = client.post("/inbox/mailbox", data={
            "host": host, "port": port, "user": "ada", "security": "tls", "auth": "password",
            "cafile": rng.choice(cafiles), "csrf_token": token(client, "/inbox")})
        assert r.status_code in (303, 400), r.status_code
        return f"{r.status_code}"

    def move_try(rng: random.Random) -> str:
        before = status_of()
        target = rng.choice([ref, ref, text(rng, 4), "..", "a" * 3000])
        status = rng.choice(["active", "dormant", "rejected", text(rng, 3), ""])
        nxt = rng.choice(["/pipeline", "//evil.example", "/\\evil.example", text(rng, 5),
                          "https://evil.example"])
        form = {"status": status, "next": nxt}
        if rng.random() > 0.1:
            form["csrf_token"] = token(client, "/pipeline")
        from urllib.parse import quote

        r = client.post(f"/o/{quote(target, safe='')}/status", data=form,
                        headers={"Host": "evil.example"} if rng.random() < 0.05 else {})
        assert r.status_code in (303, 400, 403, 404, 405, 421), r.status_code
        if r.status_code != 303:
            assert status_of() == before
        else:
            where = r.headers["location"]
            assert where.startswith(("/", "http://127.0.0.1:8765/")) and not where.startswith(
                "//") and "\\" not in where and "\r" not in where, where
        return f"{r.status_code}"

    def worker_try(rng: random.Random) -> str:
        option, value = rng.choice([
            ("--tz", rng.choice([text(rng, 4), "America", "Europe/", "UTC"])),
            ("--smtp-host", text(rng, 6)), ("--from", text(rng, 6) + "@uni.example"),
            ("--smtp-cafile", rng.choice(cafiles[1:])), ("--smtp-port", text(rng, 2)),
            ("--concurrency", text(rng, 2)), ("--stalled-after", rng.choice(["nan", "inf",
                                                                            text(rng, 2)]))])
        opts = {"--db": "postgresql+psycopg://app@127.0.0.1:1/centre",
                "--smtp-host": "mail.uni.example", "--from": "f@uni.example", option: value}
        argv = ["worker", "--until-empty"] + [x for kv in opts.items() for x in kv]
        r = CliRunner().invoke(app, argv)
        out = r.output.strip().splitlines()
        assert r.exit_code == 2 and len(out) == 1 and "Traceback" not in r.output, r.output
        return "refused" if option in out[0] else "checked, then no database"

    doors = {"digest": digest_try, "inbox": inbox_try, "move": move_try, "worker": worker_try}
    failures = 0
    with installed():
        for name, door in doors.items():
            seen: Counter[str] = Counter()
            worst = 0.0
            for i in range(args.count):
                started = time.perf_counter()
                try:
                    seen[door(rng)] += 1
                except Exception:  # noqa: BLE001 - the point: count what did not hold
                    failures += 1
                    seen["FAILED"] += 1
                    print(f"{name} try {i}:", traceback.format_exc(limit=4), file=sys.stderr)
                worst = max(worst, time.perf_counter() - started)
            print(f"{name:7} {args.count} tries  {dict(seen)}  worst {worst * 1000:.0f} ms")
    print(f"{len(doors) * args.count} tries, {failures} that did not hold")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
