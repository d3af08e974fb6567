"""The coach's caseload and coach notes (issue 27) on a real PostgreSQL: who sees whom
through the pages, the API and raw SQL as the app role; the "needs attention" filter held
to its pure definition (core.caseload) over generated cards."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from followup.core import caseload as core
from tests.server.conftest import Centre, needs_postgres
from tests.server.test_isolation import as_app
from tests.server.test_pages import browser, sign_in

pytestmark = needs_postgres


def grant(c: Centre, student: str, coach: str) -> None:
    r = c.client().post("/api/v1/grants", json={"coach": f"{coach}@uni.example"},
                        headers=c.auth(student))
    assert r.status_code == 201, r.text


def revoke(c: Centre, student: str, coach: str) -> None:
    r = c.client().delete(f"/api/v1/grants/{coach}@uni.example", headers=c.auth(student))
    assert r.status_code == 204


def names_on_page(html: str) -> list[str]:
    return re.findall(r'<a href="[^"]*/caseload/\d+">([^<]*)</a>', html)


def csrf(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found
    return found.group(1)


def test_a_coach_sees_only_granted_students_and_a_revoked_grant_is_gone_next_request(
        stocked: Centre) -> None:
    client = stocked.client()
    grant(stocked, "ada", "cora")
    grant(stocked, "ben", "cole")
    cora, cole = sign_in(stocked, "cora"), sign_in(stocked, "cole")
    page = cora.get("/caseload")
    assert page.status_code == 200
    assert names_on_page(page.text) == ["Ada"]
    assert "Ben" not in page.text and "northwind" not in page.text.lower()
    assert names_on_page(cole.get("/caseload").text) == ["Ben"]
    # the student's page: her opportunity and its timeline, read-only, and audited
    ada = stocked.ids["ada"]
    one = cora.get(f"/caseload/{ada}")
    assert one.status_code == 200 and "Acme Analytics" in one.text and "<svg" in one.text
    events = client.get("/api/v1/audit", headers=stocked.auth("ada")).json()["events"]
    assert {e["action"] for e in events} == {"read caseload summary", "read timeline"}
    assert {e["actor"] for e in events} == {"cora@uni.example"}
    revoke(stocked, "ada", "cora")
    assert names_on_page(cora.get("/caseload").text) == []
    assert cora.get(f"/caseload/{ada}").status_code == 404
    assert client.get("/api/v1/caseload", headers=stocked.auth("cora")).json() == \
        {"students": []}


def test_students_admins_and_ungranted_coaches_get_the_same_404(stocked: Centre) -> None:
    grant(stocked, "ada", "cora")
    ada = stocked.ids["ada"]
    missing = max(stocked.ids.values()) + 1000
    for who in ("ada", "adam"):  # a student (even about herself) and an admin
        page = sign_in(stocked, who)
        for path in ("/caseload", f"/caseload/{ada}"):
            r = page.get(path)
            assert r.status_code == 404, (who, path)
            assert "Acme" not in r.text
        assert 'href="/caseload"' not in page.get("/").text  # no Caseload in the menu
    cole = sign_in(stocked, "cole")
    there, nowhere = cole.get(f"/caseload/{ada}"), cole.get(f"/caseload/{missing}")
    assert there.status_code == nowhere.status_code == 404
    assert there.text == nowhere.text  # nothing says whether the account exists
    stranger = browser(stocked).get("/caseload")  # nobody signed in
    assert stranger.status_code == 303 and stranger.headers["location"].startswith("/signin")
    assert "Caseload" in sign_in(stocked, "cora").get("/").text


def test_a_private_note_is_read_by_its_author_only_pages_api_and_raw_sql(
        stocked: Centre) -> None:
    client = stocked.client()
    grant(stocked, "ada", "cora")
    grant(stocked, "ada", "cole")  # another coach holding Ada's grant too
    ada, cora = stocked.ids["ada"], stocked.auth("cora")
    page = sign_in(stocked, "cora")
    form = {"csrf_token": csrf(page.get(f"/caseload/{ada}").text),
            "body": "Struggles with <b>salary</b> talk"}
    r = page.post(f"/caseload/{ada}/notes", data=form)
    assert r.status_code == 303 and r.headers["location"].endswith(f"/caseload/{ada}#notes")
    r = client.post(f"/api/v1/students/{ada}/notes",
                    json={"body": "Great mock interview today", "shared": True}, headers=cora)
    assert r.status_code == 201
    # the author sees both, the note escaped
    mine = page.get(f"/caseload/{ada}").text
    assert "Struggles with &lt;b&gt;salary&lt;/b&gt; talk" in mine and "<b>salary" not in mine
    assert [n["shared"] for n in client.get(f"/api/v1/students/{ada}/notes",
                                            headers=cora).json()["notes"]] == [True, False]
    # the student reads only the shared one
    hers = client.get("/api/v1/notes", headers=stocked.auth("ada")).json()["notes"]
    assert [(n["body"], n["author"]) for n in hers] == [("Great mock interview today", "Cora")]
    # another coach of Ada's reads neither, through the page or the API
    assert "salary" not in sign_in(stocked, "cole").get(f"/caseload/{ada}").text
    assert client.get(f"/api/v1/students/{ada}/notes",
                      headers=stocked.auth("cole")).json() == {"notes": []}
    # ... nor through raw SQL as the app role, whoever it claims to be
    for who, seen in (("ada", {"Great mock interview today"}), ("cole", set()),
                      ("ben", set()), ("adam", set())):
        with as_app(stocked, stocked.ids[who]) as conn:
            assert {r[0] for r in conn.exec_driver_sql("SELECT body FROM coach_notes")} == seen
    with as_app(stocked, None) as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM coach_notes").scalar() == 0
    # Cole cannot write a note in Cora's name, nor about a student who did not grant him
    with as_app(stocked, stocked.ids["cole"]) as conn, pytest.raises(DBAPIError):
        conn.execute(text("INSERT INTO coach_notes (student_account_id, author_account_id, "
                          "shared, body, created_at) VALUES (:s, :a, true, 'x', now())"),
                     {"s": ada, "a": stocked.ids["cora"]})
    with as_app(stocked, stocked.ids["cole"]) as conn, pytest.raises(DBAPIError):
        conn.execute(text("INSERT INTO coach_notes (student_account_id, author_account_id, "
                          "shared, body, created_at) VALUES (:s, :a, false, 'x', now())"),
                     {"s": stocked.ids["ben"], "a": stocked.ids["cole"]})
    # once Ada revokes Cora, Cora reads her own notes about Ada no more
    revoke(stocked, "ada", "cora")
    assert client.get(f"/api/v1/students/{ada}/notes", headers=cora).status_code == 404
    with as_app(stocked, stocked.ids["cora"]) as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM coach_notes").scalar() == 0


def test_a_bad_note_is_refused_in_one_line_and_nothing_is_written(stocked: Centre) -> None:
    client = stocked.client()
    grant(stocked, "ada", "cora")
    ada, cora = stocked.ids["ada"], stocked.auth("cora")
    page = sign_in(stocked, "cora")
    token = csrf(page.get(f"/caseload/{ada}").text)
    empty = page.post(f"/caseload/{ada}/notes", data={"csrf_token": token, "body": "  "})
    assert empty.status_code == 400 and "note: write something first" in empty.text
    long = page.post(f"/caseload/{ada}/notes", data={"csrf_token": token, "body": "x" * 4001})
    assert long.status_code == 400 and "at most 4000" in long.text
    assert "x" * 4001 in long.text  # what was typed is kept in the form
    forged = page.post(f"/caseload/{ada}/notes", data={"body": "hello"})  # no token
    assert forged.status_code == 403
    for body in ({"body": 5}, {"body": "ok", "shared": "yes"}, [1]):
        r = client.post(f"/api/v1/students/{ada}/notes", json=body, headers=cora)
        assert r.status_code == 400 and "\n" not in r.json()["error"]
    assert client.get(f"/api/v1/students/{ada}/notes", headers=cora).json() == {"notes": []}


def test_the_attention_filter_shows_exactly_the_students_with_a_reason(
        stocked: Centre) -> None:
    client = stocked.client()
    grant(stocked, "ada", "cora")
    grant(stocked, "ben", "cora")
    cora = stocked.auth("cora")
    every = client.get("/api/v1/caseload", headers=cora).json()["students"]
    assert [s["name"] for s in every] == ["Ada", "Ben"]
    # one opportunity each: both below pipeline.one-basket, so both need attention
    partial = sign_in(stocked, "cora").get("/caseload?attention=1",
                                           headers={"HX-Request": "true"})
    assert partial.status_code == 200 and partial.text.lstrip().startswith("<section")
    assert names_on_page(partial.text) == ["Ada", "Ben"]
    assert "fewer than 3 active opportunities" in partial.text


# -- the one statement, held to core.caseload over generated cards -----------------------

TODAY = date(2026, 3, 13)
STAGES = ("applied", "interviewing", "waiting", "dormant", "closed")
STATUSES = ("active", "offer", "accepted", "rejected", "dormant")
# dates near today and last touches near the promised date, where `<` and `<=` differ
days = st.integers(-4, 4).map(lambda n: TODAY + timedelta(days=n))


def _card(stage: str, status: str, due: date | None, span: int, promised: date | None,
          shift: int | None, hour: int, planned: date) -> tuple[object, ...]:
    anchor = promised or TODAY
    touched = None if shift is None else datetime.combine(
        anchor + timedelta(days=shift), datetime.min.time()).replace(hour=hour)
    end = None if due is None else due + timedelta(days=span)
    return (stage, status, due, end, promised, touched, planned)


cards = st.builds(
    _card, st.sampled_from(STAGES), st.sampled_from(STATUSES), st.none() | days,
    st.integers(0, 2), st.none() | days, st.none() | st.integers(-2, 2), st.integers(0, 23),
    st.sampled_from((TODAY, TODAY - timedelta(days=1))))


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(per_student=st.lists(st.lists(cards, max_size=5), min_size=2, max_size=2))
def test_the_caseload_statement_sums_cards_as_the_core_does(
        centre_db: Centre, per_student: list[list[tuple[object, ...]]]) -> None:
    from followup.service.caseload import caseload_rows
    from followup.service.centre import Caller
    from followup.store.caseload import write_cards
    from followup.store.centre import User, set_caller

    students = (centre_db.ids["ada"], centre_db.ids["ben"])
    cora = centre_db.ids["cora"]
    owner = create_engine(centre_db.owner_url)
    made: dict[int, list[core.Card]] = {}
    try:
        with owner.begin() as conn:
            conn.exec_driver_sql("DELETE FROM opportunities")
            conn.exec_driver_sql("DELETE FROM grants")
            for account, rows in zip(students, per_student, strict=True):
                conn.execute(text("INSERT INTO grants (student_account_id, coach_account_id, "
                                  "started_at) VALUES (:s, :c, now())"),
                             {"s": account, "c": cora})
                made[account] = []
                for n, (stage, status, due, end, promised, touched, planned) in enumerate(rows):
                    conn.execute(text(
                        "INSERT INTO opportunities (account_id, slug, company, role, status, "
                        "send_letter, created_at) VALUES (:a, :s, 'C', 'R', :st, false, now())"),
                        {"a": account, "s": f"o{n}", "st": status})
                    made[account].append(core.Card(
                        f"o{n}", str(status), str(stage), "check_in" if due else None, due,
                        end, promised, touched, planned))  # type: ignore[arg-type]
                write_cards(conn, account, made[account])  # the cards and their summary
    finally:
        owner.dispose()
    engine = create_engine(centre_db.app_url)  # as the app role, under the policies
    user = User(0, cora, "cora@uni.example", "Cora", "coach")
    try:
        with engine.connect() as conn, conn.begin():
            set_caller(conn, cora)
            caller = Caller(user, conn, engine, datetime(2026, 3, 13, 9))
            got = {s.account: s for s in caseload_rows(caller, TODAY)}
            flagged = {s.account for s in caseload_rows(caller, TODAY, attention=True)}
    finally:
        engine.dispose()
    want = {a: core.standing(cs, TODAY) for a, cs in made.items()}
    assert {a: s.standing for a, s in got.items()} == want
    assert flagged == {a for a, s in want.items() if core.reasons(s)}
    assert {a: s.stage for a, s in got.items()} == {a: core.headline(s) for a, s in want.items()}


def test_a_students_write_on_the_pages_reaches_the_caseload_on_the_next_request(
        stocked: Centre) -> None:
    from tests.server.test_pages import csrf as cookie_csrf

    grant(stocked, "ada", "cora")
    cora = stocked.auth("cora")

    def ada_row() -> dict[str, object]:
        found = stocked.client().get("/api/v1/caseload", headers=cora).json()["students"]
        return dict(found[0])

    own = stocked.client().get("/api/v1/opportunities", headers=stocked.auth("ada")).json()
    assert own["opportunities"][0]["next"] is not None  # a step planned while active
    assert ada_row()["next_due"] == own["opportunities"][0]["next"]["due"]
    ada = sign_in(stocked, "ada")
    r = ada.post("/o/acme-analyst/status", data={"status": "withdrawn",
                                                "csrf_token": cookie_csrf(ada)})
    assert r.status_code == 303, r.text
    assert ada_row()["next_due"] is None  # withdrawn: nothing planned, the card says so


# -- paging: a page at a time by need, never an ungranted student -------------------------

POOL = 7  # students made once per test, reused by every example


def _pool(c: Centre) -> list[int]:
    """POOL extra student accounts (made on the first call; by the owner, as `add-user`
    would, without argon2: nobody signs in as them)."""
    owner = create_engine(c.owner_url)
    made = []
    try:
        with owner.begin() as conn:
            for k in range(POOL):
                email = f"pupil-{k}@uni.example"
                found = conn.execute(text("SELECT account_id FROM users WHERE email = :e"),
                                     {"e": email}).scalar()
                if found is None:
                    found = conn.execute(text(
                        "INSERT INTO accounts (name, created_at) VALUES (:e, now()) "
                        "RETURNING id"), {"e": email}).scalar()
                    conn.execute(text(
                        "INSERT INTO users (account_id, email, name, role, password_hash, "
                        "created_at) VALUES (:a, :e, :n, 'student', 'x', now())"),
                        {"a": found, "e": email, "n": f"Pupil {k % 3}"})  # names repeat
                made.append(int(found))
    finally:
        owner.dispose()
    return made


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(per_student=st.lists(st.lists(cards, max_size=4), min_size=POOL, max_size=POOL),
       whose=st.lists(st.sampled_from(("cora", "cole", "ended", "none")), min_size=POOL,
                      max_size=POOL),
       size=st.integers(1, 4), attention=st.booleans())
def test_every_page_is_the_next_slice_by_need_and_holds_only_granted_students(
        centre_db: Centre, per_student: list[list[tuple[object, ...]]], whose: list[str],
        size: int, attention: bool) -> None:
    """Walking the pages gives exactly the coach's granted students (the filter's, if on),
    each once, in core.caseload.need_order (caseload.by-need), with the right count on
    every page; an ungranted or ended grant's student is on none, and each page audits
    exactly the students it shows."""
    from followup.service.caseload import caseload_page
    from followup.service.centre import Caller
    from followup.store.caseload import write_cards
    from followup.store.centre import User, set_caller

    pupils = _pool(centre_db)
    cora, cole = centre_db.ids["cora"], centre_db.ids["cole"]
    owner = create_engine(centre_db.owner_url)
    standings: dict[int, core.Standing] = {}
    try:
        with owner.begin() as conn:
            for table in ("opportunities", "grants", "audit_events", "caseload_students"):
                conn.exec_driver_sql(f"DELETE FROM {table}")
            for account, rows, who in zip(pupils, per_student, whose, strict=True):
                if who != "none":
                    conn.execute(text(
                        "INSERT INTO grants (student_account_id, coach_account_id, started_at,"
                        " ended_at) VALUES (:s, :c, now(), :end)"),
                        {"s": account, "c": cole if who == "cole" else cora,
                         "end": datetime(2026, 3, 1) if who == "ended" else None})
                made = []
                for n, (stage, status, due, end, promised, touched, planned) in enumerate(rows):
                    conn.execute(text(
                        "INSERT INTO opportunities (account_id, slug, company, role, status, "
                        "send_letter, created_at) VALUES (:a, :s, 'C', 'R', :st, false, now())"),
                        {"a": account, "s": f"o{n}", "st": status})
                    made.append(core.Card(f"o{n}", str(status), str(stage),
                                          "check_in" if due else None, due, end, promised,
                                          touched, planned))  # type: ignore[arg-type]
                write_cards(conn, account, made)
                standings[account] = core.standing(made, TODAY)
    finally:
        owner.dispose()
    names = {a: f"Pupil {k % 3}" for k, a in enumerate(pupils)}
    mine = [a for a, who in zip(pupils, whose, strict=True) if who == "cora"]
    if attention:
        mine = [a for a in mine if core.reasons(standings[a])]
    want = sorted(mine, key=lambda a: core.need_order(standings[a], names[a], a))
    engine = create_engine(centre_db.app_url)  # as the app role, under the policies
    owner = create_engine(centre_db.owner_url)  # reads the audit log: the app role may not
    user = User(0, cora, "cora@uni.example", "Cora", "coach")
    seen: list[int] = []
    try:
        pages = -(-len(want) // size) or 1
        for number in range(1, pages + 2):  # one past the end: empty, the count still right
            at = datetime(2026, 3, 13, 9, number)  # each page's audit entries by their time
            with engine.connect() as conn, conn.begin():
                set_caller(conn, cora)
                got = caseload_page(Caller(user, conn, engine, at), TODAY,
                                    attention=attention, page=number, size=size)
            with owner.connect() as conn:
                audited = [int(a) for a in conn.execute(text(
                    "SELECT account_id FROM audit_events WHERE actor_account_id = :c "
                    "AND at = :at ORDER BY account_id"), {"c": cora, "at": at}).scalars()]
            shown = [s.account for s in got.students]
            assert got.total == len(want) and got.pages == pages
            assert len(shown) <= size and (number > pages or shown or not want)
            assert audited == sorted(shown)  # every student shown, and only they, audited
            assert all(s.standing == standings[s.account] for s in got.students)
            seen += shown
    finally:
        engine.dispose()
        owner.dispose()
    assert seen == want


def test_the_page_links_walk_the_caseload_and_a_bad_page_is_refused(
        stocked: Centre) -> None:
    from followup.service.caseload import PAGE_SIZE
    from followup.store.caseload import write_cards

    cora = stocked.ids["cora"]
    owner = create_engine(stocked.owner_url)
    extra = PAGE_SIZE + 5
    try:
        with owner.begin() as conn:
            for k in range(extra):
                account = conn.execute(text(
                    "INSERT INTO accounts (name, created_at) VALUES (:e, now()) RETURNING id"),
                    {"e": f"many-{k}"}).scalar()
                conn.execute(text(
                    "INSERT INTO users (account_id, email, name, role, password_hash, "
                    "created_at) VALUES (:a, :e, :n, 'student', 'x', now())"),
                    {"a": account, "e": f"many-{k}@uni.example", "n": f"Many {k:03}"})
                conn.execute(text("INSERT INTO grants (student_account_id, coach_account_id, "
                                  "started_at) VALUES (:s, :c, now())"),
                             {"s": account, "c": cora})
                write_cards(conn, int(account), [])  # no opportunity: pipeline.one-basket
    finally:
        owner.dispose()
    grant(stocked, "ben", "cole")  # another coach's student: on no page of Cora's
    page = sign_in(stocked, "cora")
    first = page.get("/caseload")
    assert first.status_code == 200
    assert f"{extra} students, by need: 1–{PAGE_SIZE} on this page" in first.text
    assert len(names_on_page(first.text)) == PAGE_SIZE
    nxt = re.search(r'<a rel="next" href="([^"]+)"', first.text)
    assert nxt and nxt.group(1).endswith("/caseload?page=2")
    second = page.get("/caseload?page=2", headers={"HX-Request": "true"})
    assert second.text.lstrip().startswith("<section")
    names = names_on_page(first.text) + names_on_page(second.text)
    assert sorted(names) == [f"Many {k:03}" for k in range(extra)]  # each once, all there
    assert "Ben" not in names and 'rel="next"' not in second.text
    assert 'rel="prev"' in second.text
    filtered = page.get("/caseload?attention=1&page=2")
    assert "/caseload?attention=1&amp;page=1" in filtered.text  # the filter kept across pages
    for bad in ("0", "x", "-1", "99999999999"):
        r = page.get(f"/caseload?page={bad}")
        assert r.status_code == 400 and "page: a whole number" in r.text
    past = page.get("/caseload?page=9")
    assert past.status_code == 200 and "No students on page 9: there are 2 pages" in past.text


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(cards, min_size=1, max_size=6))
def test_the_migrations_backfill_sums_existing_cards_as_write_cards_does(
        centre_db: Centre, rows: list[tuple[object, ...]]) -> None:
    """0016 fills `caseload_students` from the cards a centre already kept, in SQL: the
    same row `write_cards` writes from Python, on any day."""
    import importlib

    from followup.store.caseload import summary_row, write_cards

    backfill = importlib.import_module(
        "followup.store.migrations.versions.0016_caseload_students").BACKFILL
    ada = centre_db.ids["ada"]
    owner = create_engine(centre_db.owner_url)
    try:
        with owner.begin() as conn:
            conn.exec_driver_sql("DELETE FROM opportunities")
            made = []
            for n, (stage, status, due, end, promised, touched, planned) in enumerate(rows):
                conn.execute(text(
                    "INSERT INTO opportunities (account_id, slug, company, role, status, "
                    "send_letter, created_at) VALUES (:a, :s, 'C', 'R', :st, false, now())"),
                    {"a": ada, "s": f"o{n}", "st": status})
                made.append(core.Card(f"o{n}", str(status), str(stage),
                                      "check_in" if due else None, due, end, promised,
                                      touched, planned))  # type: ignore[arg-type]
            write_cards(conn, ada, made)
            conn.exec_driver_sql("DELETE FROM caseload_students")
            conn.exec_driver_sql(backfill)
            got = conn.execute(text(
                "SELECT account_id, opportunities, active, accepted, stages, last_touch, "
                "next_due, planned_on, ends, promises FROM caseload_students")).mappings().all()
    finally:
        owner.dispose()
    assert [dict(r) for r in got] == [summary_row(ada, made)]
