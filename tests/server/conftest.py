"""A career centre on a real PostgreSQL (`scripts/with-postgres.sh`): its own schema, an app
role made by `centre init`, four people, and the API on the app role.

Skipped cleanly unless FOLLOWUP_TEST_DB is a PostgreSQL URL: row-level security is
PostgreSQL's, and nothing here is worth testing on SQLite.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url

from followup.server import ServerSettings, create_server
from followup.service import centre
from tests.conftest import CASES, ON_POSTGRES

# every module here: `pytestmark = needs_postgres`
needs_postgres = pytest.mark.skipif(
    not ON_POSTGRES, reason="the centre server runs on PostgreSQL: set FOLLOWUP_TEST_DB "
    "(scripts/with-postgres.sh)")

PASSWORD = "correct horse battery"
START = datetime(2026, 3, 13, 9, 0)


@dataclass
class Clock:
    now: datetime = START

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Centre:
    owner_url: str
    app_url: str
    role: str
    ids: dict[str, int]  # "ada" -> account id
    clock: Clock
    app: Any = None
    engines: list[Engine] = field(default_factory=list)
    tokens: dict[str, str] = field(default_factory=dict)

    def client(self, address: str = "testclient") -> TestClient:
        return TestClient(self.app, client=(address, 50000))

    def engine(self, url: str | None = None) -> Engine:
        engine = create_engine(url or self.app_url)
        self.engines.append(engine)
        return engine

    def token(self, who: str, client: TestClient | None = None) -> str:
        r = (client or self.client()).post(
            "/api/v1/token", json={"email": f"{who}@uni.example", "password": PASSWORD})
        assert r.status_code == 200, r.text
        return str(r.json()["token"])

    def auth(self, who: str) -> dict[str, str]:
        """A bearer header for `who`, signing in once per test (argon2 is slow on purpose)."""
        if who not in self.tokens:
            self.tokens[who] = self.token(who)
        return {"Authorization": f"Bearer {self.tokens[who]}"}


PEOPLE = {"ada": "student", "ben": "student", "cora": "coach", "cole": "coach",
          "adam": "admin"}


@pytest.fixture
def centre_db(db_url: str) -> Iterator[Centre]:
    """An initialised centre with five accounts and the API, no records yet."""
    role = f"app_{uuid.uuid4().hex[:12]}"
    centre.init_centre(db_url, role, "app-secret")
    ids = {who: centre.add_user(db_url, f"{who}@uni.example", role=kind,
                                name=who.capitalize(), password=PASSWORD, now=START)
           for who, kind in PEOPLE.items()}
    app_url = make_url(db_url).set(username=role, password="app-secret")
    made = Centre(db_url, app_url.render_as_string(hide_password=False), role, ids, Clock())
    made.app = create_server(ServerSettings(db=made.app_url, clock=made.clock,
                                            today=lambda: made.clock.now.date()))
    try:
        yield made
    finally:
        for engine in made.engines:
            engine.dispose()
        made.app = None
        import gc

        gc.collect()  # the server's engine goes with its app
        owner = create_engine(db_url, isolation_level="AUTOCOMMIT")
        with owner.connect() as conn:
            conn.exec_driver_sql(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                f"WHERE usename = '{role}'")
            conn.exec_driver_sql(f"DROP OWNED BY {role}")
            conn.exec_driver_sql(f"DROP ROLE {role}")
        owner.dispose()


def case_text(name: str) -> str:
    return (CASES / name).read_text()


@pytest.fixture
def stocked(centre_db: Centre) -> Centre:
    """Ada holds acme-analyst, Ben northwind-ae; Cora (a coach) holds hale-porter-associate."""
    for who, name in (("ada", "contract_example.json"), ("ben", "sales_northwind.json"),
                      ("cora", "law_hale_porter.json")):
        r = centre_db.client().post("/api/v1/cases", content=case_text(name),
                                    headers=centre_db.auth(who))
        assert r.status_code == 201, r.text
    return centre_db


def later(c: Centre, **delta: float) -> None:
    c.clock.now = c.clock.now + timedelta(**delta)
