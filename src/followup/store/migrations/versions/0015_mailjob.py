"""A centre student's mailbox, synced by the worker (issue 27).

`mailbox_settings`: one row per account that set up its mailbox on the centre: where the
IMAP server is, the login, the password encrypted with the centre's mailbox key (Fernet,
mailbox/vault.py: never in clear, the key never in the database), and how the last sync
went (one line the student reads). Under forced row-level security on PostgreSQL like
every private table (`followup centre init`): no other account reaches it.

Revision ID: 0015
Revises: 0014
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mailbox_settings",
        sa.Column("account_id", sa.Integer,
                  sa.ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("host", sa.String(255), nullable=False),
        sa.Column("port", sa.Integer, nullable=False),
        sa.Column("security", sa.String(16), nullable=False),
        sa.Column("login", sa.String(320), nullable=False),
        sa.Column("secret", sa.Text, nullable=False),  # a Fernet token, never the password
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("synced_at", sa.DateTime),
        sa.Column("sync_ok", sa.Boolean),
        sa.Column("sync_result", sa.String(300)),
    )


def downgrade() -> None:
    op.drop_table("mailbox_settings")
