"""Sign-in by OpenID Connect: pending sign-ins and the identities tied to users (0013).

Plain SQL on a connection the caller holds, read before any account is known (these tables
have no row-level security; the app role may only do what is below with them).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from followup.store.centre import User, _user

if TYPE_CHECKING:
    from sqlalchemy import Connection


def add_login(conn: Connection, state_hash: str, nonce: str, now: datetime,
              expires: datetime) -> None:
    """A sign-in sent to the provider; lapsed ones are forgotten on the way."""
    from sqlalchemy import delete, insert

    from followup.store import schema as s

    t = s.oidc_logins
    conn.execute(delete(t).where(t.c.expires_at < now))
    conn.execute(insert(t).values(state_hash=state_hash, nonce=nonce, created_at=now,
                                  expires_at=expires))


def pending_logins(conn: Connection, now: datetime) -> int:
    """How many sign-ins are with the provider and not lapsed."""
    from sqlalchemy import func, select

    from followup.store import schema as s

    t = s.oidc_logins
    return int(conn.execute(select(func.count()).select_from(t)
                            .where(t.c.expires_at >= now)).scalar_one())


def take_login(conn: Connection, state_hash: str, now: datetime) -> str | None:
    """The nonce of a pending sign-in, which is gone afterwards: a state is good once. None
    for a state unknown, used already or lapsed."""
    from sqlalchemy import delete

    from followup.store import schema as s

    t = s.oidc_logins
    row = conn.execute(delete(t).where(t.c.state_hash == state_hash)
                       .returning(t.c.nonce, t.c.expires_at)).first()
    if row is None or row.expires_at < now:
        return None
    return str(row.nonce)


def user_for_identity(conn: Connection, issuer: str, subject: str, now: datetime
                      ) -> User | None:
    """The user an identity was tied to (its last sign-in noted), or None."""
    from sqlalchemy import text

    row = conn.execute(text(
        "SELECT u.id, u.account_id, u.email, u.name, u.role, u.must_change_password, "
        "u.deactivated_at FROM oidc_identities i "
        "JOIN users u ON u.id = i.user_id WHERE i.issuer = :iss AND i.subject = :sub"),
        {"iss": issuer, "sub": subject}).first()
    if row is None:
        return None
    conn.execute(text("UPDATE oidc_identities SET last_seen_at = :now "
                      "WHERE issuer = :iss AND subject = :sub"),
                 {"now": now, "iss": issuer, "sub": subject})
    return _user(row)


def has_identity(conn: Connection, issuer: str, user_id: int) -> bool:
    """Whether the user is tied to an identity of this issuer already."""
    from sqlalchemy import text

    return conn.execute(text("SELECT 1 FROM oidc_identities WHERE issuer = :iss "
                             "AND user_id = :u"), {"iss": issuer, "u": user_id}).first() \
        is not None


def tie_identity(conn: Connection, issuer: str, subject: str, user_id: int,
                 now: datetime) -> None:
    from sqlalchemy import insert

    from followup.store import schema as s

    conn.execute(insert(s.oidc_identities).values(
        issuer=issuer, subject=subject, user_id=user_id, created_at=now, last_seen_at=now))
