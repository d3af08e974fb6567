"""Every test gets its own FOLLOWUP_HOME: no test ever touches a real home directory.

`db_url` is the database a store test runs on: a fresh SQLite file, or, when
FOLLOWUP_TEST_DB is a `postgresql://` URL (`make test-pg`), a fresh schema in that
database, dropped afterwards. Tests that are SQLite by nature mark themselves `sqlite_only`.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

CASES = Path(__file__).parent / "cases"
TEST_DB = os.environ.get("FOLLOWUP_TEST_DB", "")
ON_POSTGRES = TEST_DB.startswith("postgresql")

sqlite_only = pytest.mark.skipif(ON_POSTGRES, reason="SQLite by nature (file, pragmas, WAL)")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("FOLLOWUP_HOME", str(home))
    monkeypatch.delenv("FOLLOWUP_DB", raising=False)
    monkeypatch.setenv("TZ", "UTC")
    return home


@pytest.fixture
def db_url(tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file, or a PostgreSQL schema of its own."""
    if not ON_POSTGRES:
        yield f"sqlite:///{tmp_path / 'f.db'}"
        return
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(TEST_DB, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    url = make_url(TEST_DB).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()


def table_dump(url: str) -> list[tuple[str, list[str]]]:
    """Every row of every table, in a stable order: 'nothing was written' on any database."""
    from sqlalchemy import create_engine, select

    from followup.store.schema import metadata

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [(t.name, sorted(repr(tuple(r)) for r in conn.execute(select(t))))
                    for t in metadata.sorted_tables]
    finally:
        engine.dispose()
