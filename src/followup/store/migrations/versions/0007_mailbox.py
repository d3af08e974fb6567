"""The mailbox: touches keep their mail's Message-ID; sync state, written ids, review queue.

`touches.message_id` is nullable (touches typed by hand have none); the rule "no two touches
of one account share one" is kept by the store on every write path (touches carry no account
column, and a cross-table unique index is not portable). `mail_messages` holds one row per
Message-ID per account (unique), `mail_folders` the UIDVALIDITY and last UID per folder,
`mail_reviews` what waits for the user's decision.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("touches", sa.Column("message_id", sa.Text, nullable=True))
    op.create_index("ix_touches_message_id", "touches", ["message_id"])
    op.create_table(
        "mail_folders",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("account_id", sa.Integer,
                  sa.ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("folder", sa.Text, nullable=False),
        sa.Column("uidvalidity", sa.Integer, nullable=False),
        sa.Column("last_uid", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("account_id", "folder", name="uq_mail_folders_account_folder"),
    )
    op.create_table(
        "mail_messages",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("account_id", sa.Integer,
                  sa.ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("message_id", sa.Text, nullable=False),
        sa.Column("origin", sa.String(16), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("opportunity", sa.String(80)),
        sa.Column("person", sa.String(80)),
        sa.Column("kind", sa.String(16)),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("account_id", "message_id",
                            name="uq_mail_messages_account_message"),
    )
    op.create_table(
        "mail_reviews",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("account_id", sa.Integer,
                  sa.ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("message_id", sa.Text, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("direction", sa.String(8), nullable=False),
        sa.Column("sender_name", sa.Text),
        sa.Column("sender_email", sa.Text),
        sa.Column("subject", sa.Text),
        sa.Column("excerpt", sa.Text),
        sa.Column("opportunity", sa.String(80)),
        sa.Column("person", sa.String(80)),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("new_by", sa.Date),
        sa.Column("status", sa.String(16)),
        sa.Column("snooze_until", sa.Date),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("account_id", "message_id",
                            name="uq_mail_reviews_account_message"),
    )
    op.create_index("ix_mail_reviews_account_state", "mail_reviews", ["account_id", "state"])
