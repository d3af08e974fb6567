"""The candidate's lines of value (content.value) and indexes for loading many cases.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "candidate_values",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("account_id", sa.Integer,
                  sa.ForeignKey("accounts.id", ondelete="CASCADE",
                                name="fk_candidate_values_account_id_accounts"),
                  nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_index("ix_candidate_values_account_id", "candidate_values", ["account_id"])
    op.create_index("ix_touches_opportunity_at", "touches", ["opportunity_id", "at"])
    op.create_index("ix_people_opportunity", "people", ["opportunity_id"])
    op.create_index("ix_interviews_opportunity", "interviews", ["opportunity_id"])
