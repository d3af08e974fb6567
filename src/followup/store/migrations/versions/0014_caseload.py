"""The coach's caseload (issue 27): each opportunity's planned digest, and coach notes.

`caseload_cards` is derived data, one row per opportunity: the planner's stage, its next
step's dates, the standing promised date and the last touch, as planned on `planned_on`.
It is rewritten whenever the account's records change and by the nightly plan, so the
caseload page reads a coach's 200 students in one statement instead of planning 4,000
cases per request. `coach_notes` are a coach's notes about a student: private to their
author, or shared with the student. Both are under forced row-level security on PostgreSQL
(`followup centre init`).

Revision ID: 0014
Revises: 0013
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "caseload_cards",
        sa.Column("opportunity_id", sa.Integer,
                  sa.ForeignKey("opportunities.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("account_id", sa.Integer,
                  sa.ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("next_kind", sa.String(32)),
        sa.Column("next_due", sa.Date),
        sa.Column("next_end", sa.Date),
        sa.Column("promised_by", sa.Date),
        sa.Column("last_touch", sa.DateTime),
        sa.Column("planned_on", sa.Date, nullable=False),
    )
    op.create_index("ix_caseload_cards_account_id", "caseload_cards", ["account_id"])
    op.create_table(
        "coach_notes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("student_account_id", sa.Integer,
                  sa.ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("author_account_id", sa.Integer,
                  sa.ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("shared", sa.Boolean, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_coach_notes_student", "coach_notes", ["student_account_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_coach_notes_student", "coach_notes")
    op.drop_table("coach_notes")
    op.drop_index("ix_caseload_cards_account_id", "caseload_cards")
    op.drop_table("caseload_cards")
