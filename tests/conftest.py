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
    # The terminal's size is the runner's, not the test's (pytest-xdist workers get
    # COLUMNS=80): output is checked at the width the CLI picks when piped.
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)
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
    """Every row of every table, in a stable order: 'nothing was written' on any database.
    The stored plans are left out: derived data a read may keep (issue 24)."""
    from sqlalchemy import create_engine, select

    from followup.store.schema import metadata

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [(t.name, sorted(repr(tuple(r)) for r in conn.execute(select(t))))
                    for t in metadata.sorted_tables if t.name != "plans"]
    finally:
        engine.dispose()


# -- markers: what a test needs beyond Python (registered in pyproject.toml) -------------
# `make test-fast` leaves these out for the edit loop; `make test` and CI run everything.

TESTS = Path(__file__).parent
# Whole files that are slow by nature, with the reason.
SLOW = {
    "store/test_robustness_db.py": "two processes writing at once, a writer killed mid-batch",
    "store/test_writers.py": "concurrent writers waiting on each other's locks",
    "service/test_plan_all.py": "worker processes",
    "web/test_web_serve.py": "a real uvicorn server in a subprocess",
    "calendar/test_calendar_clients.py": "khal and calcurse read the exported calendar",
    "cli/test_robustness.py": "Hypothesis through the whole CLI, and real processes",
    "cli/test_fuzz.py": "Hypothesis through the whole CLI",
    "calendar/test_invite_fuzz.py": "Hypothesis over invitations",
    "test_architecture.py": "fresh interpreters measure what each module imports",
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """`browser` by directory, `mailserver` by fixture (the Dovecot one), `slow` by file."""
    for item in items:
        rel = Path(str(item.path)).relative_to(TESTS).as_posix()
        if rel.startswith("web/browser/"):
            item.add_marker(pytest.mark.browser)
        if "dovecot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.mailserver)
        if rel in SLOW:
            item.add_marker(pytest.mark.slow)


# `--hypothesis-profile=fast` (make test-fast): fewer examples per property in the edit
# loop, drawn afresh on every run, so the loop keeps exploring. `--hypothesis-profile=ci`
# (make test, hence CI): Hypothesis's own numbers, derandomized, so one commit always gives
# the same verdict; a case the loop found is pinned with @example where it was fixed.
try:
    from hypothesis import settings as _hypothesis_settings

    _hypothesis_settings.register_profile("fast", max_examples=15, deadline=None)
    _hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
except ImportError:  # pragma: no cover
    pass
