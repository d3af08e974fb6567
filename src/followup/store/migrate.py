"""Create or upgrade the schema in place with Alembic, only when it is behind.

Checking the version is one SELECT; Alembic itself (about 100 ms to import) is loaded only
when there is something to do, so an up-to-date database costs start-up nothing.
Migrations are append-only: a new one goes in `migrations/versions/` and bumps `HEAD`
(a test checks the two agree and that a migrated schema equals `schema.metadata`).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, inspect, text

from followup.errors import FollowupError

HEAD = "0003"
MIGRATIONS = Path(__file__).parent / "migrations"


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        if "alembic_version" not in tables:
            if tables - {"sqlite_sequence"}:
                raise FollowupError(f"{engine.url.database or engine.url}: "
                                    "not a followup database (it has other tables)")
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


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
