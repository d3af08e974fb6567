"""The first schema: accounts, the candidate, opportunities and what hangs off them.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("name", name="uq_accounts_name"),
    )
    op.create_table(
        "candidates",
        sa.Column("account_id", sa.Integer,
                  sa.ForeignKey("accounts.id", ondelete="CASCADE",
                                name="fk_candidates_account_id_accounts"),
                  primary_key=True),
        sa.Column("name", sa.Text),
        sa.Column("email", sa.Text),
        sa.Column("phone", sa.Text),
        sa.Column("country", sa.String(8)),
        sa.Column("timezone", sa.String(64)),
    )
    op.create_table(
        "opportunities",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("account_id", sa.Integer,
                  sa.ForeignKey("accounts.id", ondelete="CASCADE",
                                name="fk_opportunities_account_id_accounts"),
                  nullable=False),
        sa.Column("slug", sa.String(80), nullable=False),
        sa.Column("company", sa.Text, nullable=False),
        sa.Column("role", sa.Text, nullable=False),
        sa.Column("field", sa.Text),
        sa.Column("persistence", sa.String(16)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("listing", sa.Text),
        sa.Column("applied_on", sa.Date),
        sa.Column("send_letter", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("account_id", "slug", name="uq_opportunities_account_slug"),
    )
    op.create_table(
        "people",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("opportunity_id", sa.Integer,
                  sa.ForeignKey("opportunities.id", ondelete="CASCADE",
                                name="fk_people_opportunity_id_opportunities"),
                  nullable=False),
        sa.Column("slug", sa.String(80), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("email", sa.Text),
        sa.Column("phone", sa.Text),
        sa.Column("contact", sa.Boolean, nullable=False),
        sa.UniqueConstraint("opportunity_id", "slug", name="uq_people_opportunity_slug"),
    )
    op.create_table(
        "interviews",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("opportunity_id", sa.Integer,
                  sa.ForeignKey("opportunities.id", ondelete="CASCADE",
                                name="fk_interviews_opportunity_id_opportunities"),
                  nullable=False),
        sa.Column("slug", sa.String(80), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("round", sa.Integer),
        sa.Column("format", sa.Text),
        sa.Column("topics", sa.JSON, nullable=False),
        sa.Column("next_steps", sa.JSON, nullable=False),
        sa.Column("promised_by", sa.Date),
        sa.Column("promised_channel", sa.String(16)),
        sa.Column("promised_who", sa.Integer,
                  sa.ForeignKey("people.id", ondelete="SET NULL",
                                name="fk_interviews_promised_who_people")),
        sa.Column("promised_said", sa.Text),
        sa.UniqueConstraint("opportunity_id", "slug", name="uq_interviews_opportunity_slug"),
    )
    op.create_table(
        "interviewers",
        sa.Column("interview_id", sa.Integer,
                  sa.ForeignKey("interviews.id", ondelete="CASCADE",
                                name="fk_interviewers_interview_id_interviews"),
                  primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.Integer,
                  sa.ForeignKey("people.id", ondelete="CASCADE",
                                name="fk_interviewers_person_id_people"),
                  nullable=False),
    )
    op.create_table(
        "touches",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("opportunity_id", sa.Integer,
                  sa.ForeignKey("opportunities.id", ondelete="CASCADE",
                                name="fk_touches_opportunity_id_opportunities"),
                  nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("direction", sa.String(8), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("person_id", sa.Integer,
                  sa.ForeignKey("people.id", ondelete="SET NULL",
                                name="fk_touches_person_id_people")),
        sa.Column("new_by", sa.Date),
        sa.Column("note", sa.Text),
    )
