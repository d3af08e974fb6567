"""The coach's caseload, summed per student: one row per student beside their cards.

`caseload_students` is derived data, written with the student's `caseload_cards` (the same
transaction, store.caseload.write_cards): the counts and dates that do not depend on the
day, and the dates the overdue and promise counts are counted from on any day
(core.caseload.Summary). The caseload page reads ~200 of these rows instead of summing
~4,000 cards per request (bench/results.md, "Caseload page under load"). Backfilled from
the cards already kept. Under forced row-level security like the cards (`followup centre
init` adds its policies).

Revision ID: 0016
Revises: 0015
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

DATES = sa.ARRAY(sa.Date).with_variant(sa.JSON(), "sqlite")

# The cards summed as core.caseload.summary does (PostgreSQL; SQLite keeps no centre).
BACKFILL = """
INSERT INTO caseload_students (account_id, opportunities, active, accepted, stages,
                               last_touch, next_due, planned_on, ends, promises)
SELECT c.account_id, count(*),
       count(*) FILTER (WHERE c.stage IN ('applied', 'interviewing', 'waiting')),
       bool_or(c.status = 'accepted'),
       array_to_string(ARRAY(SELECT DISTINCT x FROM unnest(array_agg(c.stage)
           || array_agg(c.status) FILTER (WHERE c.status IN ('offer', 'accepted'))) x
           ORDER BY x), ' '),
       max(c.last_touch), min(c.next_due), min(c.planned_on),
       COALESCE(array_agg(c.next_end ORDER BY c.next_end)
                FILTER (WHERE c.next_end IS NOT NULL), '{}'),
       COALESCE(array_agg(c.promised_by ORDER BY c.promised_by) FILTER (
           WHERE c.stage IN ('applied', 'interviewing', 'waiting')
             AND c.promised_by IS NOT NULL
             AND (c.last_touch IS NULL OR c.last_touch < c.promised_by + 1)), '{}')
FROM caseload_cards c GROUP BY c.account_id
"""


def upgrade() -> None:
    op.create_table(
        "caseload_students",
        sa.Column("account_id", sa.Integer,
                  sa.ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("opportunities", sa.Integer, nullable=False),
        sa.Column("active", sa.Integer, nullable=False),
        sa.Column("accepted", sa.Boolean, nullable=False),
        sa.Column("stages", sa.String(200), nullable=False),  # space-separated, sorted
        sa.Column("last_touch", sa.DateTime),
        sa.Column("next_due", sa.Date),
        sa.Column("planned_on", sa.Date),
        sa.Column("ends", DATES, nullable=False),
        sa.Column("promises", DATES, nullable=False),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(BACKFILL)


def downgrade() -> None:
    op.drop_table("caseload_students")
