"""Create or upgrade the schema in place with Alembic, only when it is behind.

Checking the version is one SELECT; Alembic itself (about 100 ms to import) is loaded only
when there is something to do, so an up-to-date database costs start-up nothing. A SQLite
file is checked with sqlite3 (`sqlite_revision`), without SQLAlchemy.
Migrations are append-only: a new one goes in `migrations/versions/` and bumps `HEAD`
(a test checks the two agree and that a migrated schema equals `schema.metadata`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from followup.core.errors import FollowupError

if TYPE_CHECKING:
    from sqlalchemy import Engine

HEAD = "0016"
MIGRATIONS = Path(__file__).parent / "migrations"


def _revision(tables: set[str], version: Callable[[], str | None], where: object) -> str | None:
    """The schema's revision, None for an empty database; refuse a database not ours."""
    if "alembic_version" not in tables:
        if tables - {"sqlite_sequence"}:
            raise FollowupError(f"{where}: not a followup database (it has other tables)")
        return None
    return version()


def current_revision(engine: Engine) -> str | None:
    from sqlalchemy import inspect, text

    with engine.connect() as conn:
        return _revision(
            set(inspect(conn).get_table_names()),
            lambda: conn.execute(text("SELECT version_num FROM alembic_version")).scalar(),
            engine.url.database or engine.url)


def sqlite_revision(conn: sqlite3.Connection, path: str) -> str | None:
    """`current_revision` for a SQLite file, read with sqlite3 alone."""
    def version() -> str | None:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return None if row is None else str(row[0])

    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
              if not r[0].startswith("sqlite_")}  # as SQLAlchemy's inspector
    return _revision(tables, version, path)


def ensure_schema(engine: Engine) -> None:
    revision = current_revision(engine)
    if revision == HEAD:
        return
    if revision is not None and not any((MIGRATIONS / "versions").glob(f"{revision}_*.py")):
        raise FollowupError(f"database revision {revision} is newer than this followup; "
                            "upgrade followup")
    upgrade(engine, HEAD)


def upgrade(engine: Engine, target: str = "head") -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, target)
