"""The change log: every user-visible change, with what it was and enough to revert it.

`followup undo` and the web app's Undo button read it. `undo` holds, as JSON, the state of
each opportunity (or the profile) before the change; `after` a fingerprint of the state the
change left, so an undo refuses when something not in the log changed it since.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "changes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("account_id", sa.Integer,
                  sa.ForeignKey("accounts.id", ondelete="CASCADE",
                                name="fk_changes_account_id_accounts"),
                  nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("what", sa.Text, nullable=False),
        sa.Column("undo", sa.Text, nullable=False),
        sa.Column("after", sa.String(64), nullable=False),
        sa.Column("undone_at", sa.DateTime),
    )
    op.create_index("ix_changes_account_id", "changes", ["account_id", "id"])
