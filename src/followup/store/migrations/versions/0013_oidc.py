"""Sign-in by OpenID Connect on the centre server: identities and pending sign-ins.

`oidc_identities` ties an identity provider's (issuer, subject) to one user; `oidc_logins`
holds a sign-in between the redirect to the provider and its return (the SHA-256 of its
state, its nonce, when it lapses), deleted when the provider's answer comes back, so a state
is good once. Neither holds a record of anyone's search, and the sign-in reads both before
it knows the caller's account, so, like `users` and `api_tokens`, they have no row-level
security: the app role is granted only what the sign-in does with them (store/centre.py).

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "oidc_identities",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("issuer", sa.String(300), nullable=False),
        sa.Column("subject", sa.String(255), nullable=False),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("last_seen_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("issuer", "subject", name="uq_oidc_identities_issuer_subject"),
        sa.UniqueConstraint("issuer", "user_id", name="uq_oidc_identities_issuer_user_id"),
    )
    op.create_table(
        "oidc_logins",
        sa.Column("state_hash", sa.String(64), primary_key=True),
        sa.Column("nonce", sa.String(128), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_oidc_logins_expires_at", "oidc_logins", ["expires_at"])


def downgrade() -> None:
    op.drop_index("ix_oidc_logins_expires_at", "oidc_logins")
    op.drop_table("oidc_logins")
    op.drop_table("oidc_identities")
