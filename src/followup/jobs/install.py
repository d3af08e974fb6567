"""The queue's own tables and functions in the centre's database (`followup centre init`).

procrastinate's schema is applied once, as the database owner, in the schema the owner
works in; the app role gets the rights a worker needs (read and write the queue's tables,
use their sequences). The queue's rows hold task names, account ids and days, never a
record of anyone's search, so they need no row-level security.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Connection

QUEUE_TABLES = ("procrastinate_jobs", "procrastinate_events", "procrastinate_periodic_defers",
                "procrastinate_workers")


def install_queue(conn: Connection, app_role: str) -> bool:
    """Create the queue's schema if it is missing; grant the app role. True if created."""
    from procrastinate.schema import SchemaManager

    present = conn.exec_driver_sql("SELECT to_regclass('procrastinate_jobs')").scalar()
    if present is None:
        raw = conn.connection.driver_connection
        assert raw is not None
        with raw.cursor() as cursor:  # one script of many statements, no parameters
            cursor.execute(SchemaManager.get_schema())
    schema = conn.exec_driver_sql("SELECT current_schema()").scalar()
    conn.exec_driver_sql(f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "{schema}" '
                         f"TO {app_role}")
    conn.exec_driver_sql(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {', '.join(QUEUE_TABLES)} "
                         f"TO {app_role}")
    return present is None
