"""The editor fuzz run (issue 20): `followup edit` with editors that write garbage.

$EDITOR is a real program (a small Python script) that, on each run, does one thing drawn
at random: writes random bytes, text that is not UTF-8, the case file cut short or with a
hostile value at a random place, deletes the file, puts a folder, a FIFO or a link to
/dev/zero in its place, exits with an error, or edits well while another `followup` writes
the same case meanwhile. Each run must end in exit 0 (saved, or no change) with the
database readable and `doctor` clean, or in exit 2 with one line on stderr, the database
unchanged, and, when it says the text is kept, that file there and 0600. Prints each
failure, the counts, the slowest input and the peak memory; exits 1 on any failure.

    .venv/bin/python scripts/fuzz_editor.py --count 500 --seed 1
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import resource
import stat
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import table_dump  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from followup.cli import app  # noqa: E402

# The editor: reads what to do from FUZZ_EDITOR_PLAN (JSON), does it to the file it is given.
EDITOR = r'''
import json, os, pathlib, random, subprocess, sys
p = pathlib.Path(sys.argv[1])
plan = json.loads(os.environ["FUZZ_EDITOR_PLAN"])
rnd = random.Random(plan["seed"])
kind = plan["kind"]
text = p.read_bytes()


def retitle(data):
    """A real edit: the role becomes another one each time."""
    case = json.loads(data)
    case["opportunity"]["role"] = f"Analyst {rnd.randrange(10**6)}"
    return json.dumps(case, indent=2).encode()


if kind == "random-bytes":
    p.write_bytes(bytes(rnd.randrange(256) for _ in range(rnd.randrange(2000))))
elif kind == "not-utf8":
    at = rnd.randrange(len(text))
    p.write_bytes(text[:at] + bytes([rnd.choice([0x80, 0xc3, 0xff, 0xfe, 0xed])]) + text[at:])
elif kind == "cut":
    p.write_bytes(text[:rnd.randrange(len(text))])
elif kind == "hostile-value":
    data = json.loads(text)
    parent, key = None, None
    node = data
    for _ in range(rnd.randint(1, 4)):
        if isinstance(node, dict) and node:
            parent, key = node, rnd.choice(sorted(node))
        elif isinstance(node, list) and node:
            parent, key = node, rnd.randrange(len(node))
        else:
            break
        node = parent[key]
    if parent is not None:
        parent[key] = plan["value"]
    p.write_text(json.dumps(data, ensure_ascii=rnd.random() < 0.5), "utf-8",
                 errors="surrogatepass")
elif kind == "delete":
    p.unlink()
elif kind == "folder":
    p.unlink(); p.mkdir()
elif kind == "fifo":
    p.unlink(); os.mkfifo(p)
elif kind == "dev-zero":
    p.unlink(); p.symlink_to("/dev/zero")
elif kind == "fail":
    p.write_bytes(retitle(text)); sys.exit(rnd.choice([1, 2, 127]))
elif kind == "conflict":
    p.write_bytes(retitle(text))
    subprocess.run([sys.executable, "-m", "followup", "--db", plan["db"], "log", "acme",
                    "--kind", "other", "--to", "dana", "--note", "meanwhile"], check=True)
elif kind == "good":
    p.write_bytes(retitle(text))
'''

KINDS = ("random-bytes", "not-utf8", "cut", "hostile-value", "hostile-value", "hostile-value",
         "delete", "folder", "fifo", "dev-zero", "fail", "conflict", "good")
VALUES: tuple[object, ...] = (
    None, "", "\x1b]0;owned\x07", "Dana\u202eevil", "nul\x00", "\ud800", "9999-12-31",
    "9999-12-31T10:00:00", "sideways", -1, 2**70, 1e308, [], {}, "x" * 100_001, True,
    "2026-02-30", "../x", "a\r\nBcc: x@y", [[[[[[]]]]]], "\u200b",
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rnd = random.Random(args.seed)
    folder = Path(tempfile.mkdtemp(prefix="fuzz-editor-"))
    os.environ["FOLLOWUP_HOME"] = str(folder / "home")
    script = folder / "editor.py"
    script.write_text(EDITOR)
    os.environ["EDITOR"] = f"{sys.executable} {script}"
    runner = CliRunner()
    outcome: collections.Counter[str] = collections.Counter()
    slowest, slowest_what = 0.0, ""
    failures = 0
    started = time.perf_counter()
    db, fresh = folder / "e.db", 0
    for n in range(args.count):
        # A fresh database every 50 runs keeps it small, and whenever an edit that was
        # rightly saved renamed the case (a hostile value may be a valid new id).
        if n % 50 == 0 or runner.invoke(app, ["--db", str(db), "export", "acme"]).exit_code:
            fresh += 1
            db = folder / f"e{fresh}.db"
            for extra in ("", "-wal", "-shm"):
                Path(f"{db}{extra}").unlink(missing_ok=True)
            seeded = runner.invoke(app, ["--db", str(db), "import", str(
                ROOT / "tests" / "cases" / "contract_example.json")])
            assert seeded.exit_code == 0, seeded.stderr
        kind = rnd.choice(KINDS)
        plan = {"kind": kind, "seed": rnd.randrange(2**32), "value": rnd.choice(VALUES),
                "db": str(db)}
        try:
            os.environ["FUZZ_EDITOR_PLAN"] = json.dumps(plan)
        except (ValueError, UnicodeEncodeError):
            continue
        url = f"sqlite:///{db}"
        before = table_dump(url)
        t0 = time.perf_counter()
        result = runner.invoke(app, ["--db", str(db), "edit", "acme"])
        spent = time.perf_counter() - t0
        if spent > slowest:
            slowest, slowest_what = spent, kind
        problem = judge(result, url, before, kind, runner, db)
        fine = "saved or no change" if result.exit_code == 0 else "refused in one line"
        outcome[f"{kind}: {problem or fine}"] += 1
        if problem:
            failures += 1
            print(f"--- input {n} ({plan!r:.200}): {problem}\n{result.stdout}{result.stderr}",
                  flush=True)
    total = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.count} editor runs in {total:.1f} s (seed {args.seed})")
    for what, count in sorted(outcome.items()):
        print(f"  {count:6d}  {what}")
    print(f"slowest input: {slowest:.2f} s ({slowest_what})")
    print(f"peak memory of the whole run (max RSS): {peak_mb:.0f} MB")
    return 1 if failures else 0


def judge(result: object, url: str, before: object, kind: str, runner: CliRunner,
          db: Path) -> str | None:
    """None when the run met the bar, else what went wrong."""
    exc = getattr(result, "exception", None)
    code, err = getattr(result, "exit_code", -1), getattr(result, "stderr", "")
    if exc is not None and not isinstance(exc, SystemExit):
        return f"traceback: {exc!r}"
    if code == 0:
        doctor = runner.invoke(app, ["--db", str(db), "doctor"])
        if doctor.exit_code != 0:
            return f"saved, but doctor says: {doctor.stdout[-300:]}"
        if kind not in ("good", "hostile-value", "conflict") and table_dump(url) != before:
            return f"a {kind} editor changed the database"
        return None
    if code != 2 or not err.startswith("error: ") or err.count("\n") != 1:
        return f"exit {code}, not one line"
    if kind != "conflict" and table_dump(url) != before:
        return "refused, but the database changed"
    if "your text is kept in " in err:
        kept = Path(err.rsplit("your text is kept in ", 1)[1].strip())
        if not kept.is_file() or stat.S_IMODE(kept.stat().st_mode) != 0o600:
            return f"the kept text is not at {kept} (0600)"
    elif kind in ("not-utf8", "cut", "hostile-value", "conflict", "fail"):
        return "refused without keeping the text"
    return None


if __name__ == "__main__":
    sys.exit(main())
