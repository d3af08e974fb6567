"""The centre's admin actions: a deactivated account, a one-time password.

`users.deactivated_at`: set, the account's history is kept but nobody signs in to it and
its tokens and sessions are refused; cleared, it is active again.
`users.must_change_password`: an admin reset the password to a one-time one; the user
must choose a new one before anything else.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("deactivated_at", sa.DateTime, nullable=True))
        batch.add_column(sa.Column("must_change_password", sa.Boolean, nullable=False,
                                   server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("must_change_password")
        batch.drop_column("deactivated_at")
