"""`make bench`: start-up, planner, store and linter figures into bench/results.md.

Every figure is measured in a child process of its own (`run.py --part NAME`), so its peak
RSS (from `os.wait4`) is that figure's alone. In-process figures repeat inside the child and
report the median and the spread (min-max); start-up figures are whole processes, repeated,
each as a ratio to `python -c "import sqlite3"` measured in the same run.

    python bench/run.py                    # the full run, about 2-3 minutes on 2 cores
    python bench/run.py --opportunities 20000 --out /tmp/r.md   # a quicker look
    python bench/bench_mail.py --messages 500                  # only the mailbox sync
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from synth import CANDIDATE, TODAY, make_cases, make_note  # noqa: E402

BIN = Path(sys.executable).parent
TABLES = {  # the rows `Store.load_cases` reads, column for column
    "opportunities": "id, slug, company, role, field, persistence, status, listing, applied_on,"
                     " send_letter",
    "people": "id, opportunity_id, slug, name, title, email, phone, contact",
    "interviews": "id, opportunity_id, slug, at, round, format, topics, next_steps, promised_by,"
                  " promised_channel, promised_who, promised_said",
    "interviewers": "interview_id, person_id",
    "touches": "opportunity_id, at, direction, channel, kind, person_id, new_by, note",
}


def spread(samples: Sequence[float]) -> dict[str, float]:
    return {"median": statistics.median(samples), "min": min(samples), "max": max(samples),
            "n": len(samples)}


def timed(fn: Callable[[], Any], repeat: int) -> tuple[dict[str, float], Any]:
    samples, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - start)
    return spread(samples), result


# -- parts: each runs in its own process and prints one JSON object ----------------------


def part_build(db: str, count: int) -> dict[str, Any]:
    """Bulk-load `count` synthetic cases through `Store.save_cases` (not a goal, for context)."""
    from followup.store import Store

    start = time.perf_counter()
    store = Store.open(db)
    store.save_candidate(CANDIDATE)
    batch: list[Any] = []
    touches = 0
    for case in make_cases(count):
        batch.append(case)
        touches += len(case.touches)
        if len(batch) == 5000:
            store.save_cases(batch)
            batch = []
    store.save_cases(batch)
    store.close()
    return {"seconds": time.perf_counter() - start, "opportunities": count, "touches": touches}


def part_select(db: str, repeat: int) -> dict[str, Any]:
    """A bare SELECT of the rows the store reads, with sqlite3 and no objects built."""
    import sqlite3

    def run() -> int:
        conn = sqlite3.connect(db)
        rows = sum(len(conn.execute(f"SELECT {cols} FROM {table}").fetchall())
                   for table, cols in TABLES.items())
        conn.close()
        return rows

    stats, rows = timed(run, repeat)
    return {"time": stats, "rows": rows}


def _plan_all(cases: Sequence[Any]) -> int:
    from followup.core.planner import plan

    actions = 0
    for case in cases:
        actions += len(plan(case, TODAY).actions)
    return actions


def part_planner(db: str, repeat: int) -> dict[str, Any]:
    """The pure planner over cases already in memory."""
    from followup.store import Store

    cases = Store.open(db).load_cases()
    stats, actions = timed(lambda: _plan_all(cases), repeat)
    return {"time": stats, "opportunities": len(cases), "actions": actions}


def part_store_planner(db: str, repeat: int, workers: int = 1) -> dict[str, Any]:
    """Open the store, load every case and plan each: `service.plan_all(workers=...)`."""
    import resource

    from followup.service import Context, plan_all
    from followup.store import Store

    cpu: list[float] = []

    def run() -> tuple[int, int]:
        before = os.times()
        store = Store.open(db)
        plans = plan_all(Context(store, TODAY), workers=workers)
        store.close()
        after = os.times()
        cpu.append(sum(after[:4]) - sum(before[:4]))  # user + system, this process + workers
        return len(plans), sum(len(p.actions) for p in plans)

    def load() -> int:
        store = Store.open(db)
        n = len(store.load_cases())
        store.close()
        return n

    stats, (count, actions) = timed(run, repeat)
    load_stats, _ = timed(load, repeat) if workers == 1 else ({}, 0)
    workers_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"time": stats, "load": load_stats, "opportunities": count, "actions": actions,
            "workers_rss_mb": workers_rss, "cpu": spread(cpu)}


def part_limits(db: str, repeat: int) -> dict[str, Any]:
    """What issue 12's checks cost: the read path's `runs_safely` on every case (each
    `today`), and the full `case_problems` every write (and `followup doctor`) runs."""
    from followup.core import limits
    from followup.store import Store

    cases = Store.open(db).load_cases()
    safe, bad = timed(lambda: sum(limits.runs_safely(c) is not None for c in cases), repeat)
    full, problems = timed(lambda: sum(len(list(limits.case_problems(c, candidate=False)))
                                       for c in cases), repeat)
    return {"runs_safely": safe, "case_problems": full, "opportunities": len(cases),
            "bad": bad + problems}


def part_lint(db: str, notes: int, repeat: int) -> dict[str, Any]:
    """150-word thank-you notes through `lint(text, context)`, contexts built beforehand."""
    from followup.core.lint import context_from_case, lint
    from followup.store import Store

    cases = Store.open(db).load_cases()
    rng = random.Random(11)
    work = []
    for n in range(notes):
        case = cases[n % len(cases)]
        work.append((make_note(case, rng), context_from_case(case, "thank_you",
                                                               case.people[0].id)))
    words = statistics.mean(len(text.split()) for text, _ in work)
    lint(*work[0])  # first call: lazy tables, regex compiles

    cpu: list[float] = []

    def run() -> int:
        began = time.process_time()
        found = sum(len(lint(text, ctx)) for text, ctx in work)
        cpu.append(time.process_time() - began)
        return found

    stats, findings = timed(run, repeat)
    return {"time": stats, "cpu": spread(cpu), "notes": notes, "words": words,
            "findings": findings}


def part_invite(workdir: str, attendees: int, repeat: int) -> dict[str, Any]:
    """An all-hands invite read (issue 12: 10,000 attendees took 34 s before), and the
    largest panel an interview records (limits.MAX_ITEMS) read and recorded."""
    from followup import service
    from followup.calendar import ical
    from followup.core.limits import MAX_ITEMS
    from followup.store import Store

    def make(n: int) -> bytes:
        lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "METHOD:REQUEST", "BEGIN:VEVENT",
                 "UID:all-hands@acme.example", "DTSTAMP:20260401T120000Z",
                 "DTSTART:20260505T140000Z", "SUMMARY:All hands - Acme Analytics - Analyst",
                 "ORGANIZER;CN=Dana Whitfield:mailto:dana@acme.example"]
        lines += [f"ATTENDEE;CN=Person {k} Example;PARTSTAT=NEEDS-ACTION:"
                  f"mailto:p{k}@acme.example" for k in range(n)]
        return "\r\n".join([*lines, "END:VEVENT", "END:VCALENDAR", ""]).encode()

    from zoneinfo import ZoneInfo

    big, panel = make(attendees), make(MAX_ITEMS - 1)
    ical.parse_invite(make(2), "warm.ics", zone=ZoneInfo("UTC"), zone_name="UTC")  # imports
    read_stats, people = timed(lambda: len(ical.parse_invite(
        big, "all-hands.ics", zone=ZoneInfo("UTC"), zone_name="UTC").people), repeat)
    stores = iter([Store.open(str(Path(workdir) / f"invite-{n}.db")) for n in range(repeat)])

    def record() -> int:
        store = next(stores)
        invite = service.read_invite(store, panel, "panel.ics", tz="UTC")
        done = service.invite_to_interview(store, invite, company="Acme", role="Analyst")
        store.close()
        return len(done.interview.interviewers)

    record_stats, panel_people = timed(record, repeat)
    return {"time": read_stats, "attendees": attendees, "people": people,
            "record": record_stats, "panel": panel_people}


def part_stats(db: str, repeat: int) -> dict[str, Any]:
    """Issue 25: `followup stats` over every opportunity, in memory (`core.stats.stats`)
    and through the store (`service.insights`: load every case, then the figures)."""
    from followup.core.stats import stats
    from followup.service import insights
    from followup.store import Store

    cases = Store.open(db).load_cases()
    pure, found = timed(lambda: stats(cases, TODAY), repeat)

    def whole() -> Any:
        store = Store.open(db)
        try:
            return insights(store, TODAY)
        finally:
            store.close()

    through, _ = timed(whole, repeat)
    return {"time": pure, "store": through, "opportunities": len(cases),
            "follow_ups": found.follow_ups.n + found.pending, "promises": found.promises_n}


PARTS: dict[str, Callable[..., dict[str, Any]]] = {
    "stats": part_stats,
    "build": part_build, "select": part_select, "planner": part_planner,
    "store_planner": part_store_planner, "lint": part_lint, "invite": part_invite,
    "limits": part_limits,
}


# -- the parent: runs parts and processes, writes the report ---------------------------


def child(part: str, *args: str, env: dict[str, str] | None = None
          ) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, str(Path(__file__)), "--part", part, *args],
                            stdout=subprocess.PIPE, env=env)


def reap(proc: subprocess.Popen[bytes]) -> tuple[dict[str, Any], float]:
    """Wait for a child: (its JSON, its peak RSS in MB)."""
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"bench part {proc.args} failed ({proc.returncode})")
    return json.loads(out), usage.ru_maxrss / 1024


def run_part(part: str, *args: str) -> dict[str, Any]:
    result, rss = reap(child(part, *args))
    result["rss_mb"] = rss
    return result


def process_times(argv: list[str], repeat: int, env: dict[str, str],
                  before: Callable[[], None] | None = None) -> dict[str, Any]:
    """Whole-process wall time and peak RSS; one warm-up run first (page cache, .pyc);
    `before` runs ahead of each run, untimed."""
    samples, cpu, rss, code = [], [], 0.0, 0
    for n in range(repeat + 1):
        if before is not None:
            before()
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            err = proc.stderr.read().decode() if proc.stderr else ""
            words = [ln.strip(" │╭╮╰╯─") for ln in err.splitlines()]
            return {"error": f"exit {code}: " + " ".join(w for w in words if w)[:120]}
        if n:
            samples.append(elapsed)
            cpu.append(usage.ru_utime + usage.ru_stime)
            rss = max(rss, usage.ru_maxrss / 1024)
    return {"time": spread(samples), "cpu": spread(cpu), "rss_mb": rss}


# -- todoman, side by side ------------------------------------------------------------

TODOMAN_VENV = HERE / ".venv-todoman"  # throwaway, kept between runs (gitignored)
TODOMAN = "todoman==4.7.0"


def forget_plans(db: str, how: str) -> None:
    """Make the stored plans (issue 24) of a benchmark database useless: each on another
    basis (`basis`, as a new day finds them) or gone (`empty`)."""
    import sqlite3

    with sqlite3.connect(db) as conn:
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'plans'").fetchone():
            conn.execute("UPDATE plans SET basis = 'yesterday'" if how == "basis"
                         else "DELETE FROM plans")
    conn.close()


def todoman_bin() -> Path | str:
    """`todo` from a venv of its own (pip, the machine's index): the path, or why not."""
    todo = TODOMAN_VENV / "bin" / "todo"
    if todo.exists():
        return todo
    made = subprocess.run([sys.executable, "-m", "venv", str(TODOMAN_VENV)],
                          capture_output=True, text=True)
    if made.returncode == 0:
        made = subprocess.run([str(TODOMAN_VENV / "bin" / "python"), "-m", "pip", "install",
                               "-q", TODOMAN], capture_output=True, text=True)
    if made.returncode != 0 or not todo.exists():
        shutil.rmtree(TODOMAN_VENV, ignore_errors=True)
        return f"cannot install {TODOMAN}: {(made.stderr or made.stdout).strip()[-200:]}"
    return todo


def todoman_home(work: Path, count: int) -> dict[str, str]:
    """`count` open to-dos as .ics files in one list, and a config pointing at them; the
    environment to run `todo` in. Each to-do is like an agenda line: a summary, a due date
    spread over the coming weeks, a description."""
    from datetime import timedelta

    folder = work / "todoman" / "calendars" / "followup"
    folder.mkdir(parents=True)
    rng = random.Random(7)
    stamp = "20260101T090000Z"
    for n in range(count):
        due = TODAY + timedelta(days=rng.randint(-5, 30))
        (folder / f"todo-{n:05d}.ics").write_text(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//followup bench//EN\r\n"
            f"BEGIN:VTODO\r\nUID:todo-{n:05d}@bench.followup\r\nDTSTAMP:{stamp}\r\n"
            f"CREATED:{stamp}\r\nSUMMARY:Check in with person {n} at company {n % 97}\r\n"
            f"DUE;VALUE=DATE:{due:%Y%m%d}\r\nSTATUS:NEEDS-ACTION\r\n"
            f"DESCRIPTION:Planned follow-up number {n}\r\nEND:VTODO\r\nEND:VCALENDAR\r\n",
            encoding="utf-8")
    config = work / "todoman" / "config"
    (config / "todoman").mkdir(parents=True)
    (config / "todoman" / "config.py").write_text(
        f'path = "{folder.parent}/*"\ndate_format = "%Y-%m-%d"\ntime_format = "%H:%M"\n'
        f'default_list = "followup"\ncache_path = "{work / "todoman" / "cache.sqlite3"}"\n',
        encoding="utf-8")
    return {**os.environ, "XDG_CONFIG_HOME": str(config), "TZ": "UTC", "NO_COLOR": "1"}


def has_module(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--opportunities", type=int, default=100_000)
    ap.add_argument("--small", type=int, default=1_000, help="opportunities for start-up runs")
    ap.add_argument("--notes", type=int, default=2_000)
    ap.add_argument("--attendees", type=int, default=10_000, help="attendees on one invite")
    ap.add_argument("--mail-messages", type=int, default=10_000,
                    help="messages in the mailbox sync figures (bench/bench_mail.py)")
    ap.add_argument("--startup-repeat", type=int, default=15)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--workdir", default=str(HERE / ".data"))
    ap.add_argument("--out", default=str(HERE / "results.md"))
    ap.add_argument("--web", type=int, default=1_000,
                    help="opportunities for the web load bench (0: skip it)")
    ap.add_argument("--web-clients", type=int, default=50)
    ap.add_argument("--web-requests", type=int, default=40, help="per client and page")
    ap.add_argument("--web-only", action="store_true", help="only the web load bench")
    ap.add_argument("--web-workers", type=int, nargs="+", default=[1, 2],
                    help="`followup serve --workers` values to measure, each in turn")
    ap.add_argument("--startup-only", action="store_true",
                    help="only the start-up table (and todoman), on --small opportunities")
    ap.add_argument("--lint-only", action="store_true",
                    help="only the linter section: rewrite its row in --out")
    ap.add_argument("--part", choices=sorted(PARTS), help=argparse.SUPPRESS)
    ap.add_argument("args", nargs="*", help=argparse.SUPPRESS)
    opts = ap.parse_args()
    if opts.part:
        fn = PARTS[opts.part]
        args = [int(a) if a.isdigit() else a for a in opts.args]
        sys.stdout.write(json.dumps(fn(*args)))
        return

    if opts.lint_only:
        lint_only(opts)
        return
    began = time.perf_counter()
    work = Path(opts.workdir)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    small, big = str(work / "small.db"), str(work / "big.db")
    results: dict[str, Any] = {}

    def say(text: str) -> None:
        print(f"[{time.perf_counter() - began:6.1f}s] {text}", flush=True)

    if opts.web_only:
        say(f"web load bench: {opts.web} opportunities, {opts.web_clients} clients")
        text = web_bench(work, opts)
        Path(opts.out).write_text(text)
        print(text)
        shutil.rmtree(work, ignore_errors=True)
        return
    say(f"building {opts.small} and {opts.opportunities} synthetic opportunities")
    results["build_small"] = run_part("build", small, str(opts.small))
    if not opts.startup_only:
        results["build"] = run_part("build", big, str(opts.opportunities))
        say(f"built: {results['build']}")

    env = {**os.environ, "FOLLOWUP_HOME": str(work / "home"), "FOLLOWUP_DB": small,
           "TZ": "UTC"}
    env.pop("PYTHONPATH", None)
    # As installed: pip writes each module's bytecode at install time, so a user's command
    # never compiles source. A shell with PYTHONDONTWRITEBYTECODE (as CI and sandboxes
    # set) would otherwise compile ~40 of our modules on every run (about 0.1 s).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([py_exe(), "-m", "compileall", "-q", str(ROOT / "src")], check=True,
                   stdout=subprocess.DEVNULL)
    py = sys.executable
    followup = str(BIN / "followup")
    startup = {
        "python -c 'import sqlite3'": [py, "-c", "import sqlite3"],
        "followup --help": [followup, "--help"],
        "followup today": [followup, "today", "--today", TODAY.isoformat()],
        "followup plan --case": [followup, "plan", "--case", str(work / "case.json"),
                                 "--today", TODAY.isoformat()],
    }
    from followup.core import caseio

    (work / "case.json").write_text(caseio.dumps(next(make_cases(1))))
    results["startup"] = {}
    for name, argv in startup.items():
        say(f"start-up: {name}")
        results["startup"][name] = process_times(argv, opts.startup_repeat, env)
    # Issue 24: the row above reads the plans the warm-up run stored (a second `today` on
    # the same day). These make every case plan again before each run: on a new day (each
    # stored plan on another basis, its case unchanged), and with the table empty (after a
    # restore, or a write to every case: each case's generation made again too).
    for name, how in (("followup today, a new day (every plan made again)", "basis"),
                      ("followup today, no stored plan", "empty")):
        say(f"start-up: {name}")
        results["startup"][name] = process_times(
            startup["followup today"], opts.startup_repeat, env,
            before=lambda how=how: forget_plans(small, how))
    say(f"todoman: `todo list` on {opts.small} to-dos")
    todo = todoman_bin()
    if isinstance(todo, str):
        results["todoman"] = {"error": todo}
    else:
        # the warm-up run fills todoman's cache, as a user's second `todo list` would find it
        results["todoman"] = process_times([str(todo), "list"], opts.startup_repeat,
                                           todoman_home(work, opts.small))

    if opts.startup_only:
        text = "\n".join(report_startup(results, opts))
        Path(opts.out).write_text(text + "\n")
        print(text)
        shutil.rmtree(work, ignore_errors=True)
        return
    say("bare SELECT")
    results["select"] = run_part("select", big, str(opts.repeat))
    if has_module("followup.core.planner"):
        say("pure planner")
        results["planner"] = run_part("planner", big, str(opts.repeat))
        say("store + planner, one process")
        results["store_planner"] = run_part("store_planner", big, str(opts.repeat))
        say("store + planner, two worker processes")
        results["store_planner_2"] = run_part("store_planner", big, str(opts.repeat), "2")
    if has_module("followup.core.limits"):
        say("limits (issue 12)")
        results["limits"] = run_part("limits", big, str(opts.repeat))
    if has_module("followup.core.stats"):
        say("stats (issue 25)")
        results["stats"] = run_part("stats", big, str(opts.repeat))
    if has_module("followup.core.lint"):
        say("linter")
        results["lint"] = run_part("lint", small, str(opts.notes), str(opts.repeat))
    if has_module("followup.calendar.ical"):
        say(f"an invite with {opts.attendees} attendees")
        results["invite"] = run_part("invite", str(work), str(opts.attendees), str(opts.repeat))
    say(f"mailbox sync of {opts.mail_messages} messages (Dovecot)")
    done = subprocess.run([sys.executable, str(HERE / "bench_mail.py"), "--messages",
                           str(opts.mail_messages), "--json"], capture_output=True, text=True)
    try:
        results["mail"] = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        results["mail"] = {"skipped": (done.stderr.strip().splitlines() or ["no output"])[-1]}
    corpus = HERE / "lint_corpus_report.py"
    if corpus.exists():  # the linter's accuracy on its corpus (not a speed figure)
        say("lint corpus report")
        done = subprocess.run([sys.executable, str(corpus)], capture_output=True, text=True)
        results["lint_corpus"] = done.stdout.strip() or done.stderr.strip()
    web_text = ""
    if opts.web:
        say(f"web load bench: {opts.web} opportunities, {opts.web_clients} clients")
        web_text = web_bench(work, opts)
    results["total_seconds"] = time.perf_counter() - began
    (work / "results.json").write_text(json.dumps(results, indent=2))
    Path(opts.out).write_text(report(results, opts) + ("\n" + web_text if web_text else ""))
    say(f"wrote {opts.out}")
    shutil.rmtree(work, ignore_errors=True)


def py_exe() -> str:
    return sys.executable


def web_bench(work: Path, opts: argparse.Namespace) -> str:
    """Today, Pipeline and an opportunity page under load (bench/web_load.py)."""
    import web_load

    db = str(work / "web.db")
    run_part("build", db, str(opts.web))
    parts = [f"## Web app under load ({opts.web:,} opportunities)\n"]
    for workers in opts.web_workers:  # one per core against one: the choice, with figures
        result = web_load.run(db, TODAY.isoformat(), opts.web_clients, opts.web_requests,
                              home=str(work / "home"), workers=workers)
        parts.append(web_load.report(result, opts.web))
    return "\n".join(parts)


# -- the report ------------------------------------------------------------------------


def ms(stats: dict[str, float]) -> str:
    return (f"{stats['median'] * 1000:.0f} ms ({stats['min'] * 1000:.0f}-"
            f"{stats['max'] * 1000:.0f}, n={stats['n']})")


def sec(stats: dict[str, float]) -> str:
    return f"{stats['median']:.2f} s ({stats['min']:.2f}-{stats['max']:.2f}, n={stats['n']})"


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


LINT_GOAL = 4_000  # notes/s: 20x proselint's 4.7-6.3 ms a note on this machine (issue 24)


def lint_row(lt: dict[str, Any]) -> str:
    """The linter's row of section 3: wall time, and the CPU time beside it (on a machine
    shared with other work the wall clock measures the neighbours too)."""
    rate = lt["notes"] / lt["time"]["median"]
    cpu = f" (CPU: {lt['notes'] / lt['cpu']['median']:,.0f})" if "cpu" in lt else ""
    return (f"| {lt['notes']:,} thank-you notes of {lt['words']:.0f} words, `lint(text, "
            f"context)` | {sec(lt['time'])} | {rate:,.0f}{cpu} | {lt['rss_mb']:.0f} MB | "
            f"{LINT_GOAL:,}/s or more: {verdict(rate >= LINT_GOAL)} |")


def lint_only(opts: argparse.Namespace) -> None:
    """`--lint-only`: run the linter section alone and rewrite its row in --out."""
    work = Path(opts.workdir)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    small = str(work / "small.db")
    run_part("build", small, str(opts.small))
    row = lint_row(run_part("lint", small, str(opts.notes), str(opts.repeat)))
    out = Path(opts.out)
    lines = out.read_text().splitlines() if out.exists() else []
    note = (f"The linter row is from `bench/run.py --lint-only` (load average "
            f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores as it ran: the wall clock "
            "counts the neighbours, the CPU time beside it less so).")
    at = [i for i, line in enumerate(lines) if "`lint(text, context)`" in line]
    if at:
        lines[at[0]] = row
        if at[0] + 2 < len(lines) and lines[at[0] + 2].startswith("The linter row is from"):
            lines[at[0] + 2] = note
        else:
            lines[at[0] + 1:at[0] + 1] = ["", note]
    else:
        lines += ["## 3. Linter throughput (in-process, one core)", "",
                  "| what | time | notes/s | peak RSS | goal |", "| --- | --- | --- | --- | --- |",
                  row, "", note]
    out.write_text("\n".join(lines) + "\n")
    print(row)
    shutil.rmtree(work, ignore_errors=True)


def report_startup(r: dict[str, Any], opts: argparse.Namespace) -> list[str]:
    """Section 1: whole-process start-up, wall and CPU time (user + system) side by side
    with the bare interpreter and todoman, from the same run."""
    lines = [
        "## 1. CLI start-up (whole processes)",
        "",
        f"Commands on a {opts.small:,}-opportunity database, bytecode compiled as pip "
        "installs it; `python bench/run.py --startup-only` runs this section alone.",
        "",
        "| command | wall time | ratio | CPU time | CPU ratio | peak RSS | goal |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    base = r["startup"]["python -c 'import sqlite3'"]["time"]["median"]
    cpu_base = max(r["startup"]["python -c 'import sqlite3'"]["cpu"]["median"], 1e-9)
    for name, res in r["startup"].items():
        if "error" in res:
            lines.append(f"| `{name}` | not measured: {res['error']} | | | | | |")
            continue
        ratio = res["time"]["median"] / base
        goal = ""
        if name == "followup today":
            goal = f"within 5x: {verdict(ratio <= 5)}"
        lines.append(f"| `{name}` | {ms(res['time'])} | {ratio:.1f}x | {ms(res['cpu'])} | "
                     f"{res['cpu']['median'] / cpu_base:.1f}x | {res['rss_mb']:.0f} MB | {goal} |")
    todo = r.get("todoman", {})
    today = r["startup"].get("followup today", {})
    if "error" in todo:
        lines.append(f"| `todo list` (todoman) | not measured: {todo['error']} | | | | | |")
    elif "time" in todo:
        ratio = todo["time"]["median"] / base
        lines.append(f"| `todo list` (todoman {TODOMAN.split('==')[1]}, {opts.small:,} "
                     f"to-dos) | {ms(todo['time'])} | {ratio:.1f}x | {ms(todo['cpu'])} | "
                     f"{todo['cpu']['median'] / cpu_base:.1f}x | {todo['rss_mb']:.0f} MB | |")
        if "time" in today:
            faster = todo["time"]["median"] / today["time"]["median"]
            by_cpu = todo["cpu"]["median"] / max(today["cpu"]["median"], 1e-9)
            own = today["cpu"]["median"] / max(
                r["startup"]["python -c 'import sqlite3'"]["cpu"]["median"], 1e-9)
            lines += ["", f"`followup today` on {opts.small:,} opportunities against todoman's "
                      f"`todo list` on {opts.small:,} to-dos (`.ics` files in one list, its "
                      f"cache warm), side by side in this run: {faster:.1f}x faster by wall "
                      f"time ({by_cpu:.1f}x by CPU time, user + system); goal 3x or more: "
                      f"{verdict(faster >= 3)}. By CPU time `followup today` is {own:.1f}x "
                      "the bare interpreter (the wall-time ratio above is the goal; CPU time "
                      "shows what a busy machine hides)."]
    return lines


def report(r: dict[str, Any], opts: argparse.Namespace) -> str:
    b = r["build"]
    lines = [
        "# Benchmarks",
        "",
        f"- date: {date.today().isoformat()}",
        f"- machine: `nproc` = {os.cpu_count()}, Python {platform.python_version()} "
        f"({platform.machine()}, {platform.system()} {platform.release()}), "
        f"SQLite {__import__('sqlite3').sqlite_version}",
        "- command: `make bench` (= `.venv/bin/python bench/run.py`); "
        f"the whole run took {r['total_seconds']:.0f} s",
        f"- data: `bench/synth.py`, seed 7: {b['opportunities']:,} opportunities, "
        f"{b['touches']:,} touches (2-4 people, 1-3 interviews each, mixed statuses), "
        f"bulk-loaded with `Store.save_cases` in {b['seconds']:.1f} s; start-up runs use a "
        f"{opts.small:,}-opportunity database",
        "- times are medians with (min-max, n runs); RSS is each process's peak "
        "(`ru_maxrss` from `os.wait4`)",
        "",
    ]
    lines += report_startup(r, opts)
    lines += ["", f"## 2. Planner throughput ({b['opportunities']:,} opportunities from SQLite)",
              ""]
    sel = r["select"]
    if "planner" in r:
        n = r["planner"]["opportunities"]
        pure, one, two = r["planner"], r["store_planner"], r["store_planner_2"]
        lines += [
            "| what | time | opportunities/s | peak RSS | goal |",
            "| --- | --- | --- | --- | --- |",
            f"| bare `SELECT` of the same rows (sqlite3, {sel['rows']:,} rows) | "
            f"{sec(sel['time'])} | | {sel['rss_mb']:.0f} MB | |",
            f"| store load only (`load_cases`) | {sec(one['load'])} | "
            f"{n / one['load']['median']:,.0f} | | |",
            f"| pure planner (cases in memory), 1 core | {sec(pure['time'])} | "
            f"{n / pure['time']['median']:,.0f} | {pure['rss_mb']:.0f} MB | "
            f"50,000/s or more: {verdict(n / pure['time']['median'] >= 50_000)} |",
            f"| store + planner, 1 process (`service.plan_all(workers=1)`) | "
            f"{sec(one['time'])} | {n / one['time']['median']:,.0f} | "
            f"{one['rss_mb']:.0f} MB | |",
            f"| store + planner, 2 worker processes (`service.plan_all(workers=2)`) | "
            f"{sec(two['time'])} | {n / two['time']['median']:,.0f} | "
            f"{two['workers_rss_mb']:.0f} MB per worker | "
            f"all in under 5 s on 2 cores: {verdict(two['time']['median'] < 5)} |",
            "",
            f"Store + planner is {one['time']['median'] / sel['time']['median']:.1f}x the bare "
            f"`SELECT` (one process); the planner proposed {pure['actions']:,} actions. "
            f"CPU time (user + system, all processes): {sec(one['cpu'])} on one process, "
            f"{sec(two['cpu'])} on two workers; a two-worker wall time much above half the "
            "latter means the cores were shared with other work during the run.",
        ]
    else:
        lines.append(f"Bare `SELECT`: {sec(sel['time'])}; the planner is not on this branch.")
    lines += ["", "## 3. Linter throughput (in-process, one core)", ""]
    if "lint" in r:
        lines += ["| what | time | notes/s | peak RSS | goal |",
                  "| --- | --- | --- | --- | --- |", lint_row(r["lint"])]
    else:
        lines.append("The linter is not on this branch.")
    if "mail" in r:
        from bench_mail import section

        lines += [""] + section(r["mail"])
    if "limits" in r:
        lm = r["limits"]
        lines += ["", f"## Limits (issue 12), {lm['opportunities']:,} opportunities in memory",
                  "", f"- `limits.runs_safely` on each (what `today` adds): "
                  f"{sec(lm['runs_safely'])}",
                  f"- `limits.case_problems` on each (what every write and `doctor` run): "
                  f"{sec(lm['case_problems'])}", f"- records outside the limits: {lm['bad']}"]
    if "stats" in r:
        st = r["stats"]
        lines += ["", f"## Stats (issue 25), {st['opportunities']:,} opportunities", "",
                  f"- `core.stats.stats` over cases in memory ({st['follow_ups']:,} follow-ups, "
                  f"{st['promises']:,} promises): {sec(st['time'])}",
                  f"- `followup stats` without start-up: open the store, load every case, "
                  f"the figures (`service.insights`): {sec(st['store'])}"]
    lines += ["", "## 4. Memory", "",
              "Peak RSS is in the tables above, per process. The planner figures hold all "
              f"{b['opportunities']:,} cases in memory at once.", ""]
    if "invite" in r:
        iv = r["invite"]
        lines += ["## 5. Invites", "",
                  "| what | time | peak RSS | goal |", "| --- | --- | --- | --- |",
                  f"| read an invite with {iv['attendees']:,} attendees (`parse_invite`) | "
                  f"{sec(iv['time'])} | {iv['rss_mb']:.0f} MB | linear (was 34 s at 10,000) |",
                  f"| read and record the largest panel ({iv['panel']} interviewers, "
                  f"`read_invite` + `invite_to_interview`) | {sec(iv['record'])} | | |", ""]
    if "lint_corpus" in r:
        lines += ["## Lint corpus (`bench/lint_corpus_report.py`, accuracy rather than speed)", "",
                  "The corpus was written alongside the linter: read it as \"the linter does "
                  "what its authors meant\", not as field accuracy.", "", "```",
                  r["lint_corpus"], "```", ""]
    lines += ["`bench/bench_lint.py` is the linter's own quick throughput check "
              "(fixed sentences, no store).", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
