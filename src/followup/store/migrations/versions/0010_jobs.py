"""The centre's background work (`followup worker`): the digest opt-in and the day's runs.

`digest_settings`: one row per account that opted in to the morning digest (no row: no
digest). `job_runs`: one row per account, day and kind of work (`plan`, `digest`), unique,
inserted in the same transaction as the work's record: the lock that makes a retried or
duplicated job do nothing twice. Both hold an account's data, so `followup centre init`
forces row-level security on them like on every other such table.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "digest_settings",
        sa.Column("account_id", sa.Integer,
                  sa.ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("since", sa.DateTime, nullable=False),
    )
    op.create_table(
        "job_runs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("account_id", sa.Integer,
                  sa.ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("result", sa.Text, nullable=False),
        sa.UniqueConstraint("account_id", "day", "kind", name="uq_job_runs_account_day_kind"),
    )


def downgrade() -> None:
    op.drop_table("job_runs")
    op.drop_table("digest_settings")
