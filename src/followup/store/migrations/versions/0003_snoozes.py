"""Snoozed actions: "not before this date", set from the web app's Today page.

Keyed by the opportunity's slug (not its row id) because `Store.update_case` rewrites an
opportunity's rows on every edit; a snooze must survive an edit.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "snoozes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("account_id", sa.Integer,
                  sa.ForeignKey("accounts.id", ondelete="CASCADE",
                                name="fk_snoozes_account_id_accounts"),
                  nullable=False),
        sa.Column("opportunity", sa.String(80), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("person", sa.String(80)),
        sa.Column("until", sa.Date, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_snoozes_account_opportunity", "snoozes", ["account_id", "opportunity"])
