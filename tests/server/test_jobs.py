"""The centre's background work (`followup worker`) on a real PostgreSQL, real procrastinate
workers (in a thread, and in a subprocess killed with SIGKILL) and a real SMTP server on
loopback (aiosmtpd): the nightly plan, the morning digest, sent once, only to who asked.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from email import message_from_bytes
from email.message import Message
from email.policy import default
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from aiosmtpd.controller import Controller
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, text

from followup.jobs.queue import Runtime, fan_out, make_app
from followup.jobs.worker import WorkerSettings, run, run_async
from followup.mail.outgoing import MailError, SmtpSettings
from followup.service import nightly
from followup.service.centre import centre_engine
from tests.server.conftest import Centre, case_text, needs_postgres
from tests.web.test_web_serve import free_port

pytestmark = needs_postgres

DAY = date(2026, 3, 23)  # Acme's check-in is due; St Mary's is overdue; Brightline is later
SENDER = "followup@uni.example"


@dataclass
class Sink:
    """An SMTP server's mailbox: what it accepted; `hold` keeps a message waiting
    (unanswered) until released, then refuses it: the mail of a worker that died."""

    messages: list[Message] = field(default_factory=list)
    hold: bool = False
    hold_after: int | None = None  # hold every message once this many were accepted
    started: threading.Event = field(default_factory=threading.Event)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.hold_after is not None and len(self.messages) >= self.hold_after:
            self.hold, self.hold_after = True, None
        if self.hold:
            self.started.set()
            while self.hold:
                await asyncio.sleep(0.05)
            return "451 4.3.0 try again later"
        self.messages.append(message_from_bytes(envelope.content, policy=default))
        return "250 OK"

    def to(self, address: str) -> list[Message]:
        return [m for m in self.messages if m["To"].addresses[0].addr_spec == address]


@pytest.fixture
def smtp() -> Iterator[tuple[Sink, int]]:
    sink = Sink()
    port = free_port("127.0.0.1")
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield sink, port
    finally:
        sink.hold = False
        controller.stop()


@pytest.fixture
def centre_jobs(centre_db: Centre) -> Centre:
    """Ada holds three opportunities and opted in; Ben holds Acme's twin and did not."""
    c = centre_db
    for who, names in (("ada", ("contract_example.json", "nursing_st_marys.json",
                                "marketing_brightline.json")),
                       ("ben", ("contract_example.json",))):
        for name in names:
            r = c.client().post("/api/v1/cases", content=case_text(name), headers=c.auth(who))
            assert r.status_code == 201, r.text
    r = c.client().put("/api/v1/digest", json={"on": True}, headers=c.auth("ada"))
    assert r.status_code == 200 and r.json() == {"on": True}, r.text
    return c


def runtime(c: Centre, port: int) -> Runtime:
    engine = centre_engine(c.app_url)
    c.engines.append(engine)
    mailer = nightly.Mailer(SmtpSettings("127.0.0.1", port, starttls=False, timeout=60),
                            SENDER)
    return Runtime(engine, mailer, ZoneInfo("UTC"))


def until_empty(c: Centre, rt: Runtime, concurrency: int = 1) -> None:
    run(c.app_url, rt, WorkerSettings(concurrency=concurrency, wait=False, signals=False,
                                      schedule=False))


def defer(c: Centre, task: str, **kwargs: Any) -> None:
    app = make_app(c.app_url)
    with app.open():
        app.tasks[task].defer(**kwargs)


def owner_rows(c: Centre, sql: str) -> list[Any]:
    engine = c.engine(c.owner_url)
    with engine.connect() as conn:
        return list(conn.execute(text(sql)).all())


@contextmanager
def worker_thread(c: Centre, rt: Runtime, settings: WorkerSettings) -> Iterator[None]:
    """A waiting worker in a thread of this process, stopped (cancelled) on leaving."""
    loop = asyncio.new_event_loop()
    task = loop.create_task(run_async(c.app_url, rt, settings))
    thread = threading.Thread(target=lambda: loop.run_until_complete(
        asyncio.gather(task, return_exceptions=True)), daemon=True)
    thread.start()
    try:
        yield
    finally:
        loop.call_soon_threadsafe(task.cancel)
        thread.join(timeout=60)
        loop.close()


def wait_until(what: Any, seconds: float = 90) -> None:
    """Poll for a condition (not a timed assertion: the deadline only ends a hung test)."""
    deadline = time.monotonic() + seconds
    while not what():
        assert time.monotonic() < deadline, "gave up waiting"
        time.sleep(0.1)


# -- the nightly plan and the digest -------------------------------------------------------


def test_the_digest_holds_only_what_is_due_today_and_goes_only_to_who_opted_in(
        centre_jobs: Centre, smtp: tuple[Sink, int]) -> None:
    c, (sink, port) = centre_jobs, smtp
    rt = runtime(c, port)
    app = make_app(c.app_url)
    with app.open():
        assert fan_out(app, rt.engine, DAY, batch=2) == len(c.ids)  # every account, 2 a job
    assert len(owner_rows(c, "SELECT 1 FROM procrastinate_jobs")) == (len(c.ids) + 1) // 2
    until_empty(c, rt)

    assert [m["To"].addresses[0].addr_spec for m in sink.messages] == ["ada@uni.example"]
    mail = sink.messages[0]
    body = mail.get_content()
    assert "Acme Analytics" in body  # its check-in is due on DAY
    assert "St. Mary" not in body  # overdue since the 16th: not "due today"
    assert "Brightline" not in body  # nothing to do there yet
    assert "1 step due today" in mail["Subject"]
    assert mail["From"].addresses[0].addr_spec == SENDER
    assert mail["Message-ID"] == f"<digest-{c.ids['ada']}-{DAY}@uni.example>"
    assert sink.to("ben@uni.example") == []  # Ben holds the same due step, did not opt in
    plans = owner_rows(c, f"SELECT account_id FROM job_runs WHERE kind = 'plan' "
                          f"AND day = '{DAY}' ORDER BY account_id")
    assert [r[0] for r in plans] == sorted(c.ids.values())
    recorded = json.loads(owner_rows(c, f"SELECT result FROM job_runs WHERE kind = 'plan' "
                                        f"AND account_id = {c.ids['ada']}")[0][0])
    assert [d["company"] for d in recorded["due"]] == ["Acme Analytics"]
    assert recorded["opportunities"] == 3 and recorded["overdue"] == 1


def test_a_duplicated_digest_job_sends_one_email(centre_jobs: Centre,
                                                  smtp: tuple[Sink, int]) -> None:
    c, (sink, port) = centre_jobs, smtp
    rt = runtime(c, port)
    for _ in range(3):  # three copies in the queue at once (no queueing lock on them)
        defer(c, "followup.send_digest", account=c.ids["ada"], day=DAY.isoformat())
    until_empty(c, rt, concurrency=3)  # run side by side: two wait on the day's lock
    defer(c, "followup.send_digest", account=c.ids["ada"], day=DAY.isoformat())
    until_empty(c, rt)  # and a late retry
    assert len(sink.to("ada@uni.example")) == 1
    assert len(owner_rows(c, "SELECT 1 FROM job_runs WHERE kind = 'digest'")) == 1


def test_a_planned_night_twice_records_once(centre_jobs: Centre,
                                            smtp: tuple[Sink, int]) -> None:
    c, (sink, port) = centre_jobs, smtp
    rt = runtime(c, port)
    app = make_app(c.app_url)
    with app.open():
        fan_out(app, rt.engine, DAY)
        fan_out(app, rt.engine, DAY)
    until_empty(c, rt, concurrency=2)
    counts = owner_rows(c, "SELECT account_id, count(*) FROM job_runs WHERE kind = 'plan' "
                           "GROUP BY account_id")
    assert sorted(n for _a, n in counts) == [1] * len(c.ids)
    assert len(sink.messages) == 1


def test_a_failed_send_leaves_no_lock_and_the_retry_sends(centre_jobs: Centre,
                                                          smtp: tuple[Sink, int]) -> None:
    c, (sink, port) = centre_jobs, smtp
    rt = runtime(c, port)
    assert rt.mailer is not None
    dead = nightly.Mailer(SmtpSettings("127.0.0.1", free_port("127.0.0.1"), starttls=False), SENDER)
    now = datetime(2026, 3, 23, 7, tzinfo=UTC)
    with pytest.raises(MailError):
        nightly.send_digest(rt.engine, c.ids["ada"], DAY, now, dead)
    assert owner_rows(c, "SELECT 1 FROM job_runs WHERE kind = 'digest'") == []
    assert nightly.send_digest(rt.engine, c.ids["ada"], DAY, now, rt.mailer).sent
    assert nightly.send_digest(rt.engine, c.ids["ada"], DAY, now, rt.mailer).why == \
        "sent already"
    assert nightly.send_digest(rt.engine, c.ids["ben"], DAY, now, rt.mailer).why == \
        "not opted in"
    assert len(sink.messages) == 1


def start_worker(c: Centre, port: int, name: str) -> subprocess.Popen[str]:
    """A `followup worker` process that takes a silent worker for dead after 2 s."""
    return subprocess.Popen(
        [sys.executable, "-m", "followup", "worker", "--db", c.app_url, "--smtp-host",
         "127.0.0.1", "--smtp-port", str(port), "--no-smtp-starttls", "--from", SENDER,
         "--stalled-after", "2", "--name", name, "--no-schedule"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def kill(worker: subprocess.Popen[str]) -> None:
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait(30)


def opt_in(c: Centre, who: str) -> None:
    r = c.client().put("/api/v1/digest", json={"on": True}, headers=c.auth(who))
    assert r.status_code == 200, r.text


def test_a_worker_killed_halfway_through_a_batch_of_digests_leaves_the_rest_to_another(
        centre_jobs: Centre, smtp: tuple[Sink, int]) -> None:
    c, (sink, port) = centre_jobs, smtp
    opt_in(c, "ben")  # Ben holds Acme's twin: a step due on DAY too
    defer(c, "followup.send_digests", accounts=[c.ids["ada"], c.ids["ben"]],
          day=DAY.isoformat())
    sink.hold_after = 1  # Ada's mail goes through; Ben's stays unanswered: the batch is mid-run
    first = start_worker(c, port, "first")
    try:
        if not sink.started.wait(90):
            first.kill()
            pytest.fail(f"the first worker never sent: {first.communicate()[1][-2000:]}")
        kill(first)
    finally:
        if first.poll() is None:
            first.kill()
            first.wait(30)
    sink.hold = False
    assert len(sink.messages) == 1
    assert [r[0] for r in owner_rows(c, "SELECT status FROM procrastinate_jobs")] == ["doing"]
    rt = runtime(c, port)
    with worker_thread(c, rt, WorkerSettings(name="second", stalled_after=2, rescue_every=0.5,
                                             signals=False, schedule=False)):
        wait_until(lambda: owner_rows(c, "SELECT 1 FROM procrastinate_jobs") == [])
    assert len(sink.to("ada@uni.example")) == 1  # sent before the kill, not again
    assert len(sink.to("ben@uni.example")) == 1  # sent by the second worker
    assert len(owner_rows(c, "SELECT 1 FROM job_runs WHERE kind = 'digest'")) == 2


def test_a_worker_killed_halfway_through_a_batch_of_plans_leaves_the_rest_to_another(
        centre_jobs: Centre, smtp: tuple[Sink, int]) -> None:
    """The first worker records Ada's plan, then waits on Ben's lock row, which this test
    holds (an uncommitted row of the same account, day and kind): it is mid-batch when
    killed. Another finishes the batch: Ben planned, Ada's plan not made again, and the
    digests of both sent once."""
    c, (sink, port) = centre_jobs, smtp
    ada, ben = c.ids["ada"], c.ids["ben"]
    opt_in(c, "ben")
    holder = c.engine(c.owner_url).connect()
    holder.begin()
    holder.execute(text("SELECT set_config('app.account_id', :a, true)"), {"a": str(ben)})
    holder.execute(text("INSERT INTO job_runs (account_id, day, kind, at, result) "
                        "VALUES (:a, :d, 'plan', :at, '{}')"),
                   {"a": ben, "d": DAY, "at": datetime(2026, 3, 23, 2)})
    defer(c, "followup.plan_accounts", accounts=[ada, ben], day=DAY.isoformat())
    first = start_worker(c, port, "first")
    try:
        wait_until(lambda: owner_rows(c, f"SELECT 1 FROM job_runs WHERE account_id = {ada}"
                                         " AND kind = 'plan'"))
        wait_until(lambda: owner_rows(c, "SELECT 1 FROM pg_stat_activity WHERE "
                                         "wait_event_type = 'Lock'"))
        kill(first)
    finally:
        if first.poll() is None:
            first.kill()
            first.wait(30)
        holder.rollback()
        holder.close()
    ada_run = owner_rows(c, f"SELECT id, at, result FROM job_runs WHERE account_id = {ada} "
                            "AND kind = 'plan'")
    assert owner_rows(c, f"SELECT 1 FROM job_runs WHERE account_id = {ben}") == []
    assert sink.messages == []  # the batch died before its digests were queued
    rt = runtime(c, port)
    with worker_thread(c, rt, WorkerSettings(name="second", stalled_after=2, rescue_every=0.5,
                                             signals=False, schedule=False)):
        wait_until(lambda: len(sink.messages) >= 2)
        wait_until(lambda: owner_rows(c, "SELECT 1 FROM procrastinate_jobs") == [])
    assert owner_rows(c, f"SELECT id, at, result FROM job_runs WHERE account_id = {ada} "
                         "AND kind = 'plan'") == ada_run  # not made again
    plans = owner_rows(c, "SELECT account_id, result FROM job_runs WHERE kind = 'plan' "
                          "ORDER BY account_id")
    assert [a for a, _ in plans] == [ada, ben]
    assert [d["company"] for d in json.loads(plans[1][1])["due"]] == ["Acme Analytics"]
    assert sorted(m["To"].addresses[0].addr_spec for m in sink.messages) == [
        "ada@uni.example", "ben@uni.example"]


# -- the opt-in and who sees the day's runs --------------------------------------------------


def test_the_digest_opt_in_is_a_students_own_switch(centre_jobs: Centre) -> None:
    c = centre_jobs
    client = c.client()
    assert client.put("/api/v1/digest", json={"on": False},
                      headers=c.auth("ada")).json() == {"on": False}
    assert client.put("/api/v1/digest", json={"on": True},
                      headers=c.auth("ben")).status_code == 200
    coach = client.put("/api/v1/digest", json={"on": True}, headers=c.auth("cora"))
    assert coach.status_code == 400 and "student" in coach.json()["error"]
    for bad in (b"{", b'{"on": "yes"}', b"[]"):
        r = client.put("/api/v1/digest", content=bad, headers=c.auth("ben"))
        assert r.status_code == 400, r.text
    assert owner_rows(c, "SELECT account_id FROM digest_settings") == [(c.ids["ben"],)]


def test_the_runs_and_opt_ins_are_each_accounts_own_under_row_level_security(
        centre_jobs: Centre, smtp: tuple[Sink, int]) -> None:
    c, (_sink, port) = centre_jobs, smtp
    rt = runtime(c, port)
    for who in ("ada", "ben"):
        nightly.plan_account(rt.engine, c.ids[who], DAY, datetime(2026, 3, 23, 2))
    r = c.client().post("/api/v1/grants", json={"coach": "cora@uni.example"},
                        headers=c.auth("ada"))
    assert r.status_code == 201
    engine = create_engine(c.app_url)
    c.engines.append(engine)
    for who, sees in (("ada", {c.ids["ada"]}), ("ben", {c.ids["ben"]}), ("cora", set())):
        with engine.connect() as conn, conn.begin():
            conn.execute(text("SELECT set_config('app.account_id', :a, true)"),
                         {"a": str(c.ids[who])})
            runs = {r[0] for r in conn.execute(text("SELECT account_id FROM job_runs"))}
            optins = {r[0] for r in conn.execute(text("SELECT account_id FROM digest_settings"))}
            assert runs == sees, who  # Cora's grant opens Ada's records, not her runs
            assert optins == (sees & {c.ids["ada"]}), who
    with engine.connect() as conn, conn.begin():  # no account set: nothing at all
        assert conn.execute(text("SELECT count(*) FROM job_runs")).scalar() == 0


def test_only_a_scheduling_worker_keeps_the_clock(centre_db: Centre) -> None:
    """`followup worker` queues the hourly ticks from the wall clock; `--no-schedule` (and
    every worker in these tests, which drive the night by hand) runs only what is queued,
    the ticks still runnable by name. A suite run at 02:00 UTC once planned the real day
    beside the test's."""
    def ticks(schedule: bool) -> dict[str, str]:
        app = make_app(centre_db.app_url, schedule=schedule)
        assert {"followup.nightly", "followup.mail_nightly"} <= set(app.tasks)
        return {p.task.name: p.cron for p in app.periodic_registry.periodic_tasks.values()}

    assert ticks(True) == {"followup.nightly": "0 * * * *", "followup.mail_nightly": "0 * * * *"}
    assert ticks(False) == {}


def test_the_hourly_tick_plans_only_at_the_night_hour_of_the_centre_s_zone(
        centre_jobs: Centre, smtp: tuple[Sink, int]) -> None:
    c, (_sink, port) = centre_jobs, smtp
    rt = runtime(c, port)
    rt.zone = ZoneInfo("America/New_York")  # 02:00 there is 06:00 UTC in March (EDT)
    app = make_app(c.app_url, rt)
    tick = app.tasks["followup.nightly"]
    with app.open():
        at_two_utc = int(datetime(2026, 3, 23, 2, tzinfo=UTC).timestamp())
        assert tick(timestamp=at_two_utc) == {"planned": 0}
        at_two_there = int(datetime(2026, 3, 23, 6, tzinfo=UTC).timestamp())
        assert tick(timestamp=at_two_there) == {"planned": len(c.ids)}
    queued = owner_rows(c, "SELECT args FROM procrastinate_jobs "
                           "WHERE task_name = 'followup.plan_accounts'")
    assert sorted(a for r in queued for a in r[0]["accounts"]) == sorted(c.ids.values())
    assert {r[0]["day"] for r in queued} == {"2026-03-23"}


# -- hostile record text in the digest (issue 20's bar on this door) ---------------------
# A stored name and a night's plan whose company, role, person and rule ids hold CR/LF, NUL,
# controls, bidi overrides, 10,000-character lines and non-ASCII, written as the owner (as a
# hand-edited row or an older version's would be: the API refuses such one-line text).
# What arrives through aiosmtpd parses as one message to the one student, with no injected
# header, one readable line per step, and a bounded size.

EVIL = ["Acme\r\nBcc: victim@evil.example", "Nul\x00Co", "Bidi \u202egpj.exe",
        "Esc \x1b]0;pwned\x07", "Zero\u200bwidth", "Ünïcødé 日本 \U0001f600", "L" * 10_000,
        "Line\u2028sep\x85next", "=?utf-8?b?QmNjOiB4?="]


def test_hostile_record_text_arrives_as_one_clean_line_per_step(
        centre_jobs: Centre, smtp: tuple[Sink, int]) -> None:
    c, (sink, port) = centre_jobs, smtp
    rt = runtime(c, port)
    ada = c.ids["ada"]
    due = [{"opportunity": f"o{i}", "company": e, "role": EVIL[-1 - i], "kind": "check_in",
            "to": e, "due": DAY.isoformat(), "rules": [e, "timing.check_in"]}
           for i, e in enumerate(EVIL)]
    with c.engine(c.owner_url).begin() as conn:
        conn.execute(text("UPDATE users SET name = :n WHERE account_id = :a"),
                     {"n": "Ada\r\nBcc: victim@evil.example\u202e", "a": ada})
        conn.execute(text("INSERT INTO job_runs (account_id, day, kind, at, result) "
                          "VALUES (:a, :d, 'plan', :at, :r)"),
                     {"a": ada, "d": DAY, "at": datetime(2026, 3, 23, 2),
                      "r": json.dumps({"opportunities": 9, "overdue": 0, "due": due})})

    out = nightly.send_digest(rt.engine, ada, DAY, datetime(2026, 3, 23, 7, tzinfo=UTC),
                              rt.mailer)

    assert out.sent, out
    assert len(sink.messages) == 1
    mail = sink.messages[0]
    assert [a.addr_spec for a in mail["To"].addresses] == ["ada@uni.example"]
    assert mail["Bcc"] is None and mail["Cc"] is None
    assert "victim" not in str(mail["To"]) or "\n" not in str(mail["To"])
    assert set(mail.keys()) <= {"From", "To", "Subject", "Date", "Message-ID", "MIME-Version",
                                "Content-Type", "Content-Transfer-Encoding"}
    assert mail["Subject"] == "followup: 9 steps due today, Mon 23 Mar"
    assert mail.get_content_type() == "text/plain"  # no HTML part to escape
    body = mail.get_content()
    steps = [ln for ln in body.splitlines() if ln.startswith("- ")]
    assert len(steps) == len(EVIL)
    for line in body.splitlines():
        assert line.isprintable(), repr(line)  # no control, bidi or zero-width character
        assert len(line) <= 700
    assert "Ünïcødé 日本 \U0001f600" in body  # non-ASCII kept as written
    assert "Bidi gpj.exe" in body and "Acme Bcc: victim@evil.example" in body  # shown, inert
    assert len(mail.as_bytes()) < 30_000


def test_an_unreadable_night_record_is_planned_again_not_a_stuck_digest(
        centre_jobs: Centre, smtp: tuple[Sink, int]) -> None:
    c, (sink, port) = centre_jobs, smtp
    rt = runtime(c, port)
    with c.engine(c.owner_url).begin() as conn:
        conn.execute(text("INSERT INTO job_runs (account_id, day, kind, at, result) "
                          "VALUES (:a, :d, 'plan', :at, :r)"),
                     {"a": c.ids["ada"], "d": DAY, "at": datetime(2026, 3, 23, 2),
                      "r": json.dumps({"due": [{"company": 3}, "x"]})})
    out = nightly.send_digest(rt.engine, c.ids["ada"], DAY,
                              datetime(2026, 3, 23, 7, tzinfo=UTC), rt.mailer)
    assert out.sent and "Acme Analytics" in sink.messages[0].get_content()


# -- the night's read of a whole account and its batches (store.account) ------------------


def as_student(c: Centre, who: str) -> tuple[Any, Any]:
    """A connection of the app role in a transaction with `who`'s account set, and the
    store of that account on it (what a request of theirs would read)."""
    from followup.store.centre import RequestStore, set_caller

    engine = c.engine()
    conn = engine.connect()
    conn.begin()
    set_caller(conn, c.ids[who])
    return conn, RequestStore(engine, f"{who}@uni.example", conn)


def test_the_whole_account_read_at_once_is_the_account_read_table_by_table(
        centre_jobs: Centre) -> None:
    from followup.store.account import read_account

    c = centre_jobs
    conn, store = as_student(c, "ada")
    try:
        slug = store.load_cases()[0].opportunity.id
        conn.execute(text('INSERT INTO snoozes (account_id, opportunity, kind, person, "until",'
                          " created_at) VALUES (:a, :o, 'check_in', NULL, :u, :at)"),
                     {"a": c.ids["ada"], "o": slug, "u": date(2026, 3, 30),
                      "at": datetime(2026, 3, 20, 9)})
        whole, _ = read_account(conn, c.ids["ada"])
        assert whole.cases == store.load_cases()  # people, interviews, touches, in order
        assert whole.candidate == store.get_candidate()
        assert whole.snoozes == store.snoozes() == {(slug, "check_in", None): date(2026, 3, 30)}
        assert whole.stored == store.stored_plans()
        assert sorted(whole.locked) == sorted(cs.opportunity.id for cs in whole.cases)
    finally:
        conn.rollback()
        conn.close()


def test_the_plans_the_night_keeps_are_the_plans_a_request_would_make(
        centre_jobs: Centre) -> None:
    from followup.service.health import planned
    from followup.service.snapshot import take_snapshot

    c = centre_jobs
    engine = centre_engine(c.app_url)
    c.engines.append(engine)
    done = nightly.plan_account(engine, c.ids["ada"], DAY, datetime(2026, 3, 23, 2))
    assert done.recorded and done.due == 1 and done.digest
    conn, store = as_student(c, "ada")
    try:
        kept = take_snapshot(store, DAY)  # the stored plans, read back
        assert kept.replanned == 0 and len(kept.plans) == 3
        assert list(kept.plans) == [p for _, p in planned(store.load_cases(), DAY)]
    finally:
        conn.rollback()
        conn.close()
    cards = owner_rows(c, f"SELECT planned_on FROM caseload_cards WHERE account_id = "
                          f"{c.ids['ada']}")
    assert [r[0] for r in cards] == [DAY] * 3  # the caseload's cards, from the same plans


def test_a_case_a_writer_holds_is_planned_but_its_plan_not_kept(centre_jobs: Centre) -> None:
    """A write locks the opportunity before it forgets its stored plan (store.plans): the
    night must neither wait for it nor keep a plan the write is about to make stale."""
    c = centre_jobs
    engine = centre_engine(c.app_url)
    c.engines.append(engine)
    kept = (f"SELECT o.slug, p.basis FROM plans p JOIN opportunities o ON o.id = "
            f"p.opportunity_id WHERE p.account_id = {c.ids['ada']} ORDER BY o.slug")
    before = dict(owner_rows(c, kept))  # kept by the server's import, on its own day
    conn, store = as_student(c, "ada")
    try:
        held = next(cs.opportunity.id for cs in store.load_cases()
                    if cs.opportunity.company == "Acme Analytics")
        from followup.store import plans

        assert plans.lock(conn, c.ids["ada"], [held]) == {held}  # a writer at work
        done = nightly.plan_account(engine, c.ids["ada"], DAY, datetime(2026, 3, 23, 2))
    finally:
        conn.rollback()
        conn.close()
    assert done.recorded and done.due == 1  # Acme's check-in is still in the day's plan
    after = dict(owner_rows(c, kept))
    assert after[held] == before[held]  # the import's plan, not rewritten by the night
    assert all(basis != before.get(slug) for slug, basis in after.items() if slug != held)
    assert len(after) == 3


def test_a_batch_records_every_account_but_the_one_that_fails_and_then_only_that_one(
        centre_jobs: Centre) -> None:
    """Ben's night fails inside PostgreSQL (a trigger refusing his lock row, as a full disk
    or a lost connection would): Ada and Cora are recorded all the same, Ben left for the
    retry, which records him and redoes nobody else."""
    c = centre_jobs
    ada, ben, cora = c.ids["ada"], c.ids["ben"], c.ids["cora"]
    engine = centre_engine(c.app_url)
    c.engines.append(engine)
    with c.engine(c.owner_url).begin() as conn:
        conn.exec_driver_sql(
            "CREATE FUNCTION refuse_ben() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"IF NEW.account_id = {ben} THEN RAISE EXCEPTION 'no room'; END IF; "
            "RETURN NEW; END $$")
        conn.exec_driver_sql("CREATE TRIGGER refuse_ben BEFORE INSERT ON job_runs "
                             "FOR EACH ROW EXECUTE FUNCTION refuse_ben()")
    night = datetime(2026, 3, 23, 2)
    first = nightly.plan_accounts(engine, [ada, ben, cora], DAY, night)
    assert [o.account for o in first.outcomes] == [ada, cora]
    assert [a for a, _ in first.failed] == [ben]
    assert "no room" not in str(first.failed)  # the error's kind only, no database text
    runs = "SELECT account_id, id FROM job_runs WHERE kind = 'plan' ORDER BY account_id"
    before = owner_rows(c, runs)
    assert [a for a, _ in before] == [ada, cora]
    with c.engine(c.owner_url).begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER refuse_ben ON job_runs")
    again = nightly.plan_accounts(engine, [ada, ben, cora], DAY, night)
    assert again.failed == []
    assert [(o.account, o.recorded) for o in again.outcomes] == [
        (ada, False), (ben, True), (cora, False)]
    assert again.outcomes[0].digest  # Ada's digest is still asked for, from her record
    after = owner_rows(c, runs)
    assert [row for row in after if row[0] != ben] == before  # nobody else redone


_NIGHTS = iter(range(1, 10_000))  # each example plans a night of its own: no state shared


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batches=st.lists(st.lists(st.sampled_from(["ada", "ben", "cora", "cole", "adam"]),
                                 max_size=6), min_size=1, max_size=4))
def test_however_the_night_is_cut_in_batches_and_repeated_each_account_is_planned_once(
        centre_jobs: Centre, batches: list[list[str]]) -> None:
    """Batches overlapping, repeated, an account twice in one batch: every account named
    is recorded exactly once for the night, by exactly one of the runs, and no other."""
    c = centre_jobs
    engine = centre_engine(c.app_url)
    c.engines.append(engine)
    day = date(2026, 4, 1) + timedelta(days=next(_NIGHTS))
    recorded: dict[int, int] = {}
    for batch in batches:
        done = nightly.plan_accounts(engine, [c.ids[w] for w in batch], day,
                                     datetime.combine(day, datetime.min.time()))
        assert done.failed == []
        assert [o.account for o in done.outcomes] == [c.ids[w] for w in batch]
        for o in done.outcomes:
            recorded[o.account] = recorded.get(o.account, 0) + o.recorded
    named = {c.ids[w] for batch in batches for w in batch}
    assert recorded == dict.fromkeys(named, 1)
    rows = owner_rows(c, f"SELECT account_id, count(*) FROM job_runs WHERE kind = 'plan' "
                         f"AND day = '{day}' GROUP BY account_id")
    assert dict(rows) == dict.fromkeys(named, 1)
