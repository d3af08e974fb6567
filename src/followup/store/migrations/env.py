"""Alembic environment: runs on the connection `followup.store.migrate` hands it."""

from __future__ import annotations

from alembic import context

from followup.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,  # SQLite can't ALTER most things; batch mode copies the table
)
with context.begin_transaction():
    context.run_migrations()
