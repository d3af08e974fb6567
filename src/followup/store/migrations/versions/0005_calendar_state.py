"""Calendars in sync: the newest copy of each invite, what the exported calendar last said
about each event, and the subscription feed's secret (its hash only).

Three new tables, nothing changed in the old ones: a plain CREATE TABLE on SQLite and
PostgreSQL alike.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "invite_revisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("account_id", sa.Integer, sa.ForeignKey(
            "accounts.id", ondelete="CASCADE",
            name="fk_invite_revisions_account_id_accounts"), nullable=False),
        sa.Column("uid", sa.Text, nullable=False),
        sa.Column("sequence", sa.Integer, nullable=False),
        sa.Column("stamp", sa.DateTime),
        sa.Column("method", sa.String(16), nullable=False),
        sa.UniqueConstraint("account_id", "uid", name="uq_invite_revisions_account_uid"),
    )
    op.create_table(
        "calendar_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("account_id", sa.Integer, sa.ForeignKey(
            "accounts.id", ondelete="CASCADE",
            name="fk_calendar_events_account_id_accounts"), nullable=False),
        sa.Column("uid", sa.String(120), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("sequence", sa.Integer, nullable=False),
        sa.Column("modified", sa.DateTime, nullable=False),
        sa.UniqueConstraint("account_id", "uid", name="uq_calendar_events_account_uid"),
    )
    op.create_table(
        "calendar_feeds",
        sa.Column("account_id", sa.Integer, sa.ForeignKey(
            "accounts.id", ondelete="CASCADE",
            name="fk_calendar_feeds_account_id_accounts"), primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("token_hash", name="uq_calendar_feeds_token_hash"),
    )
