"""Interviews remember the calendar invite they came from (its UID), so importing a
rescheduled copy of the invite moves the interview instead of adding a second one.

Nullable, no default: interviews recorded by hand, or before this revision, have none.
Adding a nullable column is a plain ALTER TABLE on both SQLite and PostgreSQL.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("interviews", sa.Column("invite_uid", sa.Text, nullable=True))
