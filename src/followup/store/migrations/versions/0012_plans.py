"""Stored plans (issue 24): each opportunity's plan and agenda lines, kept with the case's
change generation and the basis (day, policies, profile, version) it was planned on, so a
read plans only the cases a write touched. Derived data: `followup doctor --fix` rebuilds
it. On PostgreSQL the table is the account's own (`followup centre init` sets its policy).

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "plans",
        sa.Column("opportunity_id", sa.Integer,
                  sa.ForeignKey("opportunities.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("account_id", sa.Integer,
                  sa.ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("generation", sa.String(64), nullable=False),
        sa.Column("basis", sa.String(64), nullable=False),
        sa.Column("plan", sa.Text, nullable=False),
        sa.Column("lines", sa.Text, nullable=False),
    )
    op.create_index("ix_plans_account", "plans", ["account_id"])


def downgrade() -> None:
    op.drop_index("ix_plans_account", "plans")
    op.drop_table("plans")
