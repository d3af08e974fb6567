"""The mail log (`followup mail log`): what the sync made of every message it read.

`mail_messages` gains when the message was written, who sent it, its subject, its class
(CONTRACT.md "Mailbox decisions"), the date it names, the sync's decision (logged, queued,
skipped) and the reason; `mail_reviews` gains `new_address`, an address a recorded person
wrote from that the review offers to their record. Rows read before this revision keep
nulls there (the log shows them as such).

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_COLUMNS = (
    ("at", sa.DateTime), ("sender", sa.Text), ("subject", sa.Text),
    ("mail_class", sa.String(20)), ("named_date", sa.Date), ("decision", sa.String(16)),
    ("reason", sa.Text),
)


def upgrade() -> None:
    with op.batch_alter_table("mail_messages") as batch:
        for name, kind in _COLUMNS:
            batch.add_column(sa.Column(name, kind, nullable=True))
    with op.batch_alter_table("mail_reviews") as batch:
        batch.add_column(sa.Column("new_address", sa.Text, nullable=True))
    op.create_index("ix_mail_messages_account_at", "mail_messages", ["account_id", "at"])


def downgrade() -> None:
    op.drop_index("ix_mail_messages_account_at", "mail_messages")
    with op.batch_alter_table("mail_reviews") as batch:
        batch.drop_column("new_address")
    with op.batch_alter_table("mail_messages") as batch:
        for name, _kind in reversed(_COLUMNS):
            batch.drop_column(name)
