"""A synthetic career centre on PostgreSQL: N students x M opportunities, coaches, grants.

Seeded, so two runs load the same centre. Each student's opportunities are bench/synth.py's
cases (the same generator `make bench` plans); coaches are granted round-robin (coach k gets
students k, k + C, k + 2C, ...: 10,000 students and 50 coaches make 200 each), and a few
grants have ended, as a real centre's would. Every row goes in by PostgreSQL's COPY (psycopg),
with keys numbered here, so 10,000 x 20 loads in about a minute on 2 cores; the sequences
are moved past the keys afterwards so the app's own inserts go on from there.

    python bench/centre_synth.py --db postgresql+psycopg://me@127.0.0.1:5432/centre
    python bench/centre_synth.py --db ... --students 1000 --opportunities 20 --coaches 10

The schema is created (or upgraded) first; `--app-role NAME` also runs `centre init`'s
security (the role's password from FOLLOWUP_APP_PASSWORD). Every user's password is
PASSWORD (hashed once: argon2 is slow on purpose). Students are student-N@uni.example,
coaches coach-N@uni.example, one admin admin@uni.example.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synth import CANDIDATE, TODAY, make_case  # noqa: E402

PASSWORD = "bench password"
CREATED = datetime(TODAY.year, TODAY.month, 1, 8, 0)  # accounts and grants made
ENDED_SHARE = 0.03  # grants ended before today (the student took their consent back)
BATCH = 500  # students per COPY round: bounded memory whatever N is


@dataclass(frozen=True)
class Loaded:
    students: list[int]  # account ids, in student order
    coaches: list[int]
    admin: int
    grants: dict[int, list[int]]  # coach account -> students whose grant stands
    opportunities: int
    touches: int
    seconds: float


def student_email(n: int) -> str:
    return f"student-{n}@uni.example"


def coach_email(n: int) -> str:
    return f"coach-{n}@uni.example"


def _raw_url(url: str) -> str:
    """A SQLAlchemy URL as libpq takes it (no `+psycopg`)."""
    scheme, _, rest = url.partition("://")
    return scheme.split("+")[0] + "://" + rest


def _next_ids(cur: Any, tables: Sequence[str]) -> dict[str, int]:
    out = {}
    for t in tables:
        cur.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {t}")
        out[t] = int(cur.fetchone()[0])
    return out


def _copy(cur: Any, table: str, columns: str, rows: Iterable[Sequence[Any]]) -> int:
    n = 0
    with cur.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            n += 1
    return n


def _has_table(cur: Any, name: str) -> bool:
    cur.execute("SELECT to_regclass(%s) IS NOT NULL", (name,))
    return bool(cur.fetchone()[0])


def load(url: str, students: int = 10_000, opportunities: int = 20, coaches: int = 50,
         seed: int = 7, say: Any = None, planned_on: date | None = TODAY) -> Loaded:
    """Create the schema if needed and load the centre; the accounts and grants made.

    `planned_on`: also keep each opportunity's caseload card as planned that day (the
    derived data the nightly plan writes, where the schema has `caseload_cards`)."""
    import psycopg
    from pwdlib import PasswordHash

    from followup.core.planner import plan
    from followup.store.connect import Connected

    started = time.perf_counter()
    Connected.open(url).close()  # the schema, at HEAD
    digest = PasswordHash.recommended().hash(PASSWORD)
    rng = random.Random(seed)
    tables = ("accounts", "users", "opportunities", "people", "interviews", "touches",
              "grants")
    with psycopg.connect(_raw_url(url)) as conn, conn.cursor() as cur:
        cur.execute("SELECT 1 FROM users WHERE email = %s", (coach_email(0),))
        if cur.fetchone() is not None:
            raise SystemExit("centre_synth: this database holds a synthetic centre already")
        ids = _next_ids(cur, tables)
        with_cards = planned_on is not None and _has_table(cur, "caseload_cards")
        with_sums = with_cards and _has_table(cur, "caseload_students")
        # -- accounts and users: coaches, one admin, then the students
        people_rows: list[tuple[str, str, str]] = (
            [(coach_email(k), f"Coach {k}", "coach") for k in range(coaches)]
            + [("admin@uni.example", "Centre Admin", "admin")]
            + [(student_email(n), f"Student {n}", "student") for n in range(students)])
        first_account, first_user = ids["accounts"], ids["users"]
        _copy(cur, "accounts", "id, name, created_at",
              ((first_account + k, email, CREATED) for k, (email, _n, _r)
               in enumerate(people_rows)))
        _copy(cur, "users", "id, account_id, email, name, role, password_hash, created_at",
              ((first_user + k, first_account + k, email, name, role, digest, CREATED)
               for k, (email, name, role) in enumerate(people_rows)))
        coach_ids = [first_account + k for k in range(coaches)]
        admin = first_account + coaches
        student_ids = [admin + 1 + n for n in range(students)]
        _copy(cur, "candidates", "account_id, name, email, phone, country, timezone",
              ((a, f"Student {n}", student_email(n), CANDIDATE.phone, CANDIDATE.country,
                None) for n, a in enumerate(student_ids)))
        # -- grants: round-robin, a few ended
        grants: dict[int, list[int]] = {c: [] for c in coach_ids}
        grant_rows = []
        for n, student in enumerate(student_ids):
            if not coach_ids:
                break
            coach = coach_ids[n % len(coach_ids)]
            ended = CREATED if rng.random() < ENDED_SHARE else None
            grant_rows.append((ids["grants"] + len(grant_rows), student, coach, CREATED, ended))
            if ended is None:
                grants[coach].append(student)
        _copy(cur, "grants", "id, student_account_id, coach_account_id, started_at, ended_at",
              grant_rows)
        # -- the records, BATCH students at a time
        next_id = dict(ids)
        total_opps = total_touches = 0
        for lo in range(0, students, BATCH):
            opp_rows: list[tuple[Any, ...]] = []
            person_rows: list[tuple[Any, ...]] = []
            iv_rows: list[tuple[Any, ...]] = []
            ivr_rows: list[tuple[Any, ...]] = []
            touch_rows: list[tuple[Any, ...]] = []
            card_rows: list[tuple[Any, ...]] = []
            sum_rows: list[tuple[Any, ...]] = []
            for n in range(lo, min(students, lo + BATCH)):
                account = student_ids[n]
                cards: list[Any] = []
                for k in range(opportunities):
                    case = make_case(k, rng)
                    op = case.opportunity
                    oid = next_id["opportunities"]
                    next_id["opportunities"] += 1
                    opp_rows.append((
                        oid, account, op.id, op.company, op.role, op.field,
                        op.persistence.value if op.persistence else None, op.status.value,
                        op.listing, op.applied_on, op.send_letter, CREATED))
                    pids: dict[str, int] = {}
                    for pos, p in enumerate(case.people):
                        pids[p.id] = next_id["people"]
                        next_id["people"] += 1
                        person_rows.append((pids[p.id], oid, p.id, pos, p.name, p.title,
                                            p.email, p.phone, p.contact))
                    for pos, iv in enumerate(case.interviews):
                        iid = next_id["interviews"]
                        next_id["interviews"] += 1
                        pr = iv.promised
                        iv_rows.append((
                            iid, oid, iv.id, pos, iv.at, iv.round, iv.format,
                            json.dumps(list(iv.topics)), json.dumps(list(iv.next_steps)),
                            pr.by if pr else None,
                            pr.channel.value if pr and pr.channel else None,
                            pids[pr.who] if pr and pr.who else None,
                            pr.said if pr else None))
                        ivr_rows.extend((iid, m, pids[who])
                                        for m, who in enumerate(iv.interviewers))
                    for t in case.touches:
                        touch_rows.append((
                            next_id["touches"], oid, t.at, t.direction.value, t.channel.value,
                            t.kind.value, pids[t.person] if t.person else None, t.new_by,
                            t.note))
                        next_id["touches"] += 1
                    if with_cards:
                        assert planned_on is not None
                        cards.append(_card(case, plan, planned_on))
                        card_rows.append(_card_row(oid, account, cards[-1]))
                if with_sums:  # each student's cards summed, as store.caseload.write_cards does
                    from followup.store.caseload import summary_row

                    sum_rows.append(tuple(summary_row(account, cards).values()))
            total_opps += _copy(cur, "opportunities",
                                "id, account_id, slug, company, role, field, persistence, "
                                "status, listing, applied_on, send_letter, created_at",
                                opp_rows)
            _copy(cur, "people", "id, opportunity_id, slug, position, name, title, email, "
                  "phone, contact", person_rows)
            _copy(cur, "interviews", "id, opportunity_id, slug, position, at, round, format, "
                  "topics, next_steps, promised_by, promised_channel, promised_who, "
                  "promised_said", iv_rows)
            _copy(cur, "interviewers", "interview_id, position, person_id", ivr_rows)
            total_touches += _copy(cur, "touches", "id, opportunity_id, at, direction, "
                                   "channel, kind, person_id, new_by, note", touch_rows)
            _copy(cur, "caseload_cards", "opportunity_id, account_id, status, stage, next_kind, "
                  "next_due, next_end, promised_by, last_touch, planned_on", card_rows)
            if with_sums:
                _copy(cur, "caseload_students", "account_id, opportunities, active, accepted, "
                      "stages, last_touch, next_due, planned_on, ends, promises", sum_rows)
            if say is not None:
                say(f"  {min(students, lo + BATCH)}/{students} students")
        for t in tables:  # the app's own inserts go on after our keys
            cur.execute(f"SELECT setval(pg_get_serial_sequence('{t}', 'id'), "
                        f"GREATEST((SELECT MAX(id) FROM {t}), 1))")
        conn.commit()
        cur.execute("ANALYZE")
    return Loaded(student_ids, coach_ids, admin, grants, total_opps, total_touches,
                  time.perf_counter() - started)


def _card(case: Any, planner: Any, today: date) -> Any:
    """The card the nightly plan would keep (service.caseload.refresh_cards: no snoozes
    here, so the next step is the plan's first)."""
    from followup.core.caseload import card

    p = planner(case, today)
    return card(case, p, p.actions[0] if p.actions else None, today)


def _card_row(oid: int, account: int, c: Any) -> tuple[Any, ...]:
    return (oid, account, c.status, c.stage, c.next_kind, c.next_due, c.next_end,
            c.promised_by, c.last_touch, c.planned_on)


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True, help="the owner's PostgreSQL URL")
    ap.add_argument("--students", type=int, default=10_000)
    ap.add_argument("--opportunities", type=int, default=20)
    ap.add_argument("--coaches", type=int, default=50)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--app-role", help="also run `centre init` with this app role")
    opts = ap.parse_args(argv)
    if opts.app_role:
        from followup.service.centre import init_centre

        init_centre(opts.db, opts.app_role, os.environ.get("FOLLOWUP_APP_PASSWORD"))
    done = load(opts.db, opts.students, opts.opportunities, opts.coaches, opts.seed,
                say=lambda s: print(s, file=sys.stderr))
    granted = sum(len(v) for v in done.grants.values())
    print(f"{len(done.students)} students, {len(done.coaches)} coaches, {granted} standing "
          f"grants, {done.opportunities} opportunities, {done.touches} touches in "
          f"{done.seconds:.1f} s")


if __name__ == "__main__":
    main()
