"""The centre's mailbox syncs by the worker (issue 27): S students, each with a Dovecot
mailbox of N synthetic messages plus the fixture mailbox, synced by real `followup worker`
processes on PostgreSQL: the night's first sync of every mailbox, then a night with
nothing new (every job a no-op sync).

    scripts/with-postgres.sh .venv/bin/python bench/bench_mailjob.py --students 20 --messages 500
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import mailbox_server  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "mailbox"
PASSWORD = "bench-password-1"


def _night(app_url: str, key: Path, workers: int) -> float:
    """Queue one sync per student, run the workers until the queue is empty; seconds."""
    from followup.jobs.queue import fan_out_mail, make_app
    from followup.service.centre import centre_engine

    engine = centre_engine(app_url)
    queue = make_app(app_url)
    started = time.perf_counter()
    with queue.open():
        fan_out_mail(queue, engine)
    command = [sys.executable, "-m", "followup", "worker", "--db", app_url, "--smtp-host",
               "127.0.0.1", "--no-smtp-starttls", "--from", "bench@uni.example",
               "--until-empty", "--mailbox-key-file", str(key), "--allow-loopback-mailbox",
               "--no-schedule"]
    running = [subprocess.Popen([*command, "--name", f"w{k}"], stderr=subprocess.DEVNULL)
               for k in range(workers)]
    for w in running:
        w.wait()
    engine.dispose()
    return time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default=os.environ.get("FOLLOWUP_TEST_DB"))
    ap.add_argument("--students", type=int, default=20)
    ap.add_argument("--messages", type=int, default=500, help="synthetic messages a mailbox")
    ap.add_argument("--workers", type=int, default=2)
    opts = ap.parse_args()
    if not opts.db or not opts.db.startswith("postgresql"):
        raise SystemExit("bench_mailjob: a PostgreSQL URL is needed (scripts/with-postgres.sh)")
    if (why := mailbox_server.available()) is not None:
        raise SystemExit(f"bench_mailjob: no Dovecot here: {why}")

    from datetime import datetime

    from fastapi.testclient import TestClient
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from followup.server import ServerSettings, create_server
    from followup.service import centre

    work = Path(tempfile.mkdtemp(prefix="followup-bench-mailjob-"))
    os.environ["FOLLOWUP_HOME"] = str(work / "home")
    key = work / "mailbox-key"
    server = mailbox_server.start()
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    role = f"app_{schema}"
    admin = create_engine(opts.db, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    owner_url = make_url(opts.db).update_query_dict(
        {"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
    result: dict[str, Any] = {}
    try:
        centre.init_centre(owner_url, role, "bench-app")
        app_url = make_url(owner_url).set(username=role, password="bench-app") \
            .render_as_string(hide_password=False)
        api = TestClient(create_server(ServerSettings(db=app_url, mailbox_keys=(str(key),),
                                                      mailbox_loopback=True)))
        cases = [p.read_text() for p in sorted((FIXTURES / "cases").glob("*.json"))]
        began = time.perf_counter()
        for n in range(opts.students):
            email, user = f"s{n}@uni.example", f"s{n}"
            centre.add_user(owner_url, email, role="student", name=f"S {n}",
                            password=PASSWORD, now=datetime(2026, 3, 1))
            token = api.post("/api/v1/token", json={"email": email, "password": PASSWORD}
                             ).json()["token"]
            auth = {"Authorization": f"Bearer {token}"}
            for case in cases:
                assert api.post("/api/v1/cases", content=case, headers=auth).status_code == 201
            server.add_user(user)
            for folder in ("Sent", "INBOX"):
                for path in sorted((FIXTURES / folder).glob("*.eml")):
                    server.deliver(folder, path.read_bytes(), user=user)
            server.deliver_many("INBOX", mailbox_server.synthetic(opts.messages, seed=n),
                                user=user)
            r = api.put("/api/v1/mailbox", headers=auth, json={
                "host": "127.0.0.1", "port": server.port, "security": "none", "user": user,
                "password": mailbox_server.PASSWORD})
            assert r.status_code == 200, r.text
        loaded = time.perf_counter() - began
        first = _night(app_url, key, opts.workers)
        noop = _night(app_url, key, opts.workers)
        with create_engine(owner_url).connect() as conn:
            outcomes = conn.execute(text("SELECT sync_ok, count(*) FROM mailbox_settings "
                                         "GROUP BY sync_ok")).all()
            read = conn.execute(text("SELECT count(*) FROM mail_messages")).scalar()
            failed = conn.execute(text("SELECT count(*) FROM procrastinate_jobs "
                                       "WHERE status = 'failed'")).scalar()
        per_box = opts.messages + sum(1 for _ in FIXTURES.glob("*/*.eml"))
        result = {"students": opts.students, "messages_per_mailbox": per_box,
                  "workers": opts.workers, "load_seconds": round(loaded, 1),
                  "first_night_seconds": round(first, 1),
                  "messages_per_second": round(opts.students * per_box / first, 1),
                  "noop_night_seconds": round(noop, 1),
                  "synced_ok": {str(k): v for k, v in outcomes}, "messages_read": read,
                  "failed_jobs": failed}
    finally:
        mailbox_server.remove(server)
        with admin.connect() as conn:
            conn.exec_driver_sql(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                 f"WHERE usename = '{role}'")
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
            conn.exec_driver_sql(f"DROP OWNED BY {role}")
            conn.exec_driver_sql(f"DROP ROLE {role}")
        admin.dispose()
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
