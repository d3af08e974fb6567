"""The centre server's tables and PostgreSQL's row-level security (`followup centre init`).

Plain SQL on one connection the caller holds, so a request's reads and writes share one
transaction. The policies read `current_setting('app.account_id')`, which the server sets
with `SET LOCAL` at the start of every request: a request sees its caller's own rows, plus,
for reading, the records of students whose grant to the caller stands. Child tables (people,
interviews, touches, interviewers) follow their opportunity. The app's role owns nothing,
is no superuser and has no BYPASSRLS, so the database, not only the app, keeps accounts
apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from followup.core.errors import UsageError
from followup.store import Store

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

# The caller's account id as the policies read it (NULL when unset: then nothing matches).
CALLER = "NULLIF(current_setting('app.account_id', true), '')::integer"


def _granted(column: str) -> str:
    return (f"EXISTS (SELECT 1 FROM grants g WHERE g.student_account_id = {column} "
            f"AND g.coach_account_id = {CALLER} AND g.ended_at IS NULL)")


# Tables keyed by account: the owner reads and writes; a granted coach reads the RECORDS.
RECORDS = ("candidates", "candidate_values", "opportunities", "snoozes", "caseload_cards",
           "caseload_students")
PRIVATE = ("changes", "mail_folders", "mail_messages", "mail_reviews", "invite_revisions",
           "calendar_events", "calendar_feeds", "digest_settings", "job_runs",
           "plans", "mailbox_settings")
CHILDREN = ("people", "interviews", "touches")  # through opportunity_id
# Identity tables the sign-in reads before any account is known: no record of anyone's
# search is in them; the app role may only read users, and keep tokens and failures.
IDENTITY_GRANTS = {
    "users": "SELECT",
    "api_tokens": "SELECT, INSERT, UPDATE",
    "login_failures": "SELECT, INSERT, DELETE",
    "oidc_identities": "SELECT, INSERT, UPDATE",  # sign-in by OpenID Connect (store/oidc.py)
    "oidc_logins": "SELECT, INSERT, DELETE",
    "alembic_version": "SELECT",
}


def _policies() -> dict[str, list[str]]:
    """Every protected table -> the policies on it (CREATE POLICY bodies after the name).

    Every column of the guarded row is qualified with its table's name: unqualified inside
    a subquery, `id` would be the subquery's own (`grants.id`), not the row's.
    """
    def own_opp(t: str) -> str:
        return (f"EXISTS (SELECT 1 FROM opportunities o WHERE o.id = {t}.opportunity_id "
                f"AND o.account_id = {CALLER})")

    def seen_opp(t: str) -> str:  # RLS on opportunities decides which are seen
        return f"EXISTS (SELECT 1 FROM opportunities o WHERE o.id = {t}.opportunity_id)"

    out: dict[str, list[str]] = {}
    for t in RECORDS + PRIVATE:
        out[t] = [f"own FOR ALL USING ({t}.account_id = {CALLER}) "
                  f"WITH CHECK ({t}.account_id = {CALLER})"]
    for t in RECORDS:
        out[t].append(f"granted FOR SELECT USING ({_granted(f'{t}.account_id')})")
    for t in CHILDREN:
        out[t] = [f"own FOR ALL USING ({own_opp(t)}) WITH CHECK ({own_opp(t)})",
                  f"granted FOR SELECT USING ({seen_opp(t)})"]
    own_iv = ("EXISTS (SELECT 1 FROM interviews i JOIN opportunities o ON o.id = "
              "i.opportunity_id WHERE i.id = interviewers.interview_id "
              f"AND o.account_id = {CALLER})")
    out["interviewers"] = [
        f"own FOR ALL USING ({own_iv}) WITH CHECK ({own_iv})",
        "granted FOR SELECT USING (EXISTS (SELECT 1 FROM interviews i "
        "WHERE i.id = interviewers.interview_id))"]
    out["accounts"] = [f"own FOR SELECT USING (accounts.id = {CALLER})",
                       f"granted FOR SELECT USING ({_granted('accounts.id')})"]
    out["grants"] = [
        f"student FOR ALL USING (grants.student_account_id = {CALLER}) "
        f"WITH CHECK (grants.student_account_id = {CALLER})",
        f"coach FOR SELECT USING (grants.coach_account_id = {CALLER})"]
    out["audit_events"] = [
        f"subject FOR SELECT USING (audit_events.account_id = {CALLER})",
        f"reader FOR INSERT WITH CHECK (audit_events.actor_account_id = {CALLER} "
        f"AND {_granted('audit_events.account_id')})"]
    # A coach's note: its author reads and writes it while the student's grant stands; the
    # student reads it once shared. Another coach never sees it (issue 27).
    author = (f"coach_notes.author_account_id = {CALLER} "
              f"AND {_granted('coach_notes.student_account_id')}")
    out["coach_notes"] = [
        f"author FOR ALL USING ({author}) WITH CHECK ({author})",
        f"student FOR SELECT USING (coach_notes.student_account_id = {CALLER} "
        "AND coach_notes.shared)"]
    return out


_PRIVILEGES = {"accounts": "SELECT", "grants": "SELECT, INSERT, UPDATE",
               "audit_events": "SELECT, INSERT"}
ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def secure(conn: Connection, app_role: str, password: str) -> None:
    """Create or update the app's login role, its privileges and every policy (idempotent)."""
    if not ROLE_NAME.fullmatch(app_role):
        raise UsageError(f"--app-role: not a role name {app_role!r} "
                         "(lower-case letters, digits and _)")
    me = conn.exec_driver_sql("SELECT current_user").scalar()
    if me == app_role:
        raise UsageError(f"--app-role: {app_role!r} is the owner connecting; name another role")
    exists = conn.exec_driver_sql("SELECT 1 FROM pg_roles WHERE rolname = %(r)s",
                                  {"r": app_role}).scalar()
    from psycopg import sql

    statement = sql.SQL("{} ROLE {} WITH LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE "
                        "NOINHERIT PASSWORD {}").format(
        sql.SQL("ALTER" if exists else "CREATE"), sql.Identifier(app_role), sql.Literal(password))
    raw: Any = conn.connection.driver_connection  # psycopg quotes the password, % and ' too
    with raw.cursor() as cursor:
        cursor.execute(statement)
    schema = conn.exec_driver_sql("SELECT current_schema()").scalar()
    conn.exec_driver_sql(f'GRANT USAGE ON SCHEMA "{schema}" TO {app_role}')
    conn.exec_driver_sql(f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "{schema}" '
                         f"TO {app_role}")
    for table, privileges in IDENTITY_GRANTS.items():
        conn.exec_driver_sql(f"GRANT {privileges} ON {table} TO {app_role}")
    # a user changes their own password (the one-time one an admin set): those columns only
    conn.exec_driver_sql(f"GRANT UPDATE (password_hash, must_change_password) ON users "
                         f"TO {app_role}")
    for table, policies in _policies().items():
        conn.exec_driver_sql(f"GRANT {_PRIVILEGES.get(table, 'SELECT, INSERT, UPDATE, DELETE')}"
                             f" ON {table} TO {app_role}")
        conn.exec_driver_sql(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        conn.exec_driver_sql(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        for old in conn.exec_driver_sql(
                "SELECT policyname FROM pg_policies WHERE schemaname = current_schema() "
                "AND tablename = %(t)s", {"t": table}).scalars().all():
            conn.exec_driver_sql(f'DROP POLICY "{old}" ON {table}')
        for body in policies:
            conn.exec_driver_sql(f"CREATE POLICY {body}".replace(" FOR ", f" ON {table} FOR ", 1))


def protected_tables() -> list[str]:
    return sorted(_policies())


# -- users, tokens, failures (read before the caller's account is set) -----------------


@dataclass(frozen=True)
class User:
    id: int
    account_id: int
    email: str
    name: str
    role: str
    must_change: bool = False  # an admin set a one-time password (0011)
    deactivated: bool = False  # history kept, sign-in refused (0011)


def _user(row: Any) -> User:
    mapping = row._mapping
    return User(int(row.id), int(row.account_id), row.email, row.name, row.role,
                bool(mapping.get("must_change_password", False)),
                mapping.get("deactivated_at") is not None)


def add_user(conn: Connection, email: str, name: str, role: str, password_hash: str,
             now: datetime) -> int:
    from sqlalchemy import insert, select

    from followup.store import schema as s

    if conn.execute(select(s.users.c.id).where(s.users.c.email == email)).first():
        raise UsageError(f"EMAIL: {email!r} has an account already")
    if conn.execute(select(s.accounts.c.id).where(s.accounts.c.name == email)).first():
        raise UsageError(f"EMAIL: an account named {email!r} exists already")
    account = conn.execute(insert(s.accounts).values(name=email, created_at=now))
    account_id = int(account.inserted_primary_key[0])  # type: ignore[index]
    conn.execute(insert(s.users).values(account_id=account_id, email=email, name=name,
                                        role=role, password_hash=password_hash, created_at=now))
    return account_id


def user_by_email(conn: Connection, email: str) -> tuple[User, str] | None:
    """The user and their password hash."""
    from sqlalchemy import select

    from followup.store import schema as s

    row = conn.execute(select(s.users).where(s.users.c.email == email)).first()
    return None if row is None else (_user(row), row.password_hash)


def failures(conn: Connection, keys: tuple[str, ...], since: datetime) -> int:
    """The most failures any of `keys` has had since `since`."""
    from sqlalchemy import func, select

    from followup.store import schema as s

    f = s.login_failures
    rows = conn.execute(select(f.c.key, func.count()).where(f.c.key.in_(keys), f.c.at >= since)
                        .group_by(f.c.key)).all()
    return max((int(n) for _key, n in rows), default=0)


def add_failure(conn: Connection, keys: tuple[str, ...], now: datetime, forget: datetime) -> None:
    from sqlalchemy import delete, insert

    from followup.store import schema as s

    f = s.login_failures
    conn.execute(delete(f).where(f.c.at < forget))
    conn.execute(insert(f), [{"key": k, "at": now} for k in keys])


def add_token(conn: Connection, user_id: int, token_hash: str, now: datetime,
              expires: datetime) -> None:
    from sqlalchemy import text

    conn.execute(text("INSERT INTO api_tokens (user_id, token_hash, created_at, expires_at) "
                      "VALUES (:u, :h, :now, :exp)"),
                 {"u": user_id, "h": token_hash, "now": now, "exp": expires})


def user_for_token(conn: Connection, token_hash: str, now: datetime) -> User | None:
    """The user a token stands for while it is neither expired nor revoked."""
    from sqlalchemy import text

    row = conn.execute(text(
        "SELECT u.id, u.account_id, u.email, u.name, u.role, u.must_change_password "
        "FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = :h "
        "AND t.revoked_at IS NULL AND t.expires_at > :now AND u.deactivated_at IS NULL"),
        {"h": token_hash, "now": now}).first()
    return None if row is None else _user(row)


def revoke_token(conn: Connection, token_hash: str, now: datetime) -> None:
    from sqlalchemy import text

    conn.execute(text("UPDATE api_tokens SET revoked_at = :now WHERE token_hash = :h "
                      "AND revoked_at IS NULL"), {"h": token_hash, "now": now})


def revoke_all_tokens(conn: Connection, user_id: int, now: datetime) -> int:
    """Every token and session of a user ends now (deactivation, a password reset)."""
    from sqlalchemy import text

    done = conn.execute(text("UPDATE api_tokens SET revoked_at = :now WHERE user_id = :u "
                             "AND revoked_at IS NULL"), {"u": user_id, "now": now})
    return int(done.rowcount)


def set_password(conn: Connection, user_id: int, password_hash: str, *,
                 must_change: bool) -> None:
    from sqlalchemy import text

    conn.execute(text("UPDATE users SET password_hash = :h, must_change_password = :m "
                      "WHERE id = :u"), {"h": password_hash, "m": must_change, "u": user_id})


def set_deactivated(conn: Connection, user_id: int, at: datetime | None) -> None:
    """As the owner: `at` deactivates (history kept), None activates again."""
    from sqlalchemy import text

    conn.execute(text("UPDATE users SET deactivated_at = :at WHERE id = :u"),
                 {"at": at, "u": user_id})


def delete_account(conn: Connection, user: User) -> None:
    """As the owner: the account and everything of it (every table's rows go with the
    account, ON DELETE CASCADE), and its failed sign-ins (keyed by its address)."""
    from sqlalchemy import text

    conn.execute(text("DELETE FROM login_failures WHERE key = :k"), {"k": f"email:{user.email}"})
    conn.execute(text("DELETE FROM accounts WHERE id = :a"), {"a": user.account_id})


def set_caller(conn: Connection, account_id: int) -> None:
    """`SET LOCAL app.account_id`: for this transaction only, whatever the pool does next."""
    from sqlalchemy import text

    conn.execute(text("SELECT set_config('app.account_id', :a, true)"), {"a": str(account_id)})


# -- grants and the audit log (under the caller's policies) ----------------------------


def start_grant(conn: Connection, student: int, coach: int, now: datetime) -> None:
    from sqlalchemy import text

    standing = conn.execute(text(
        "SELECT 1 FROM grants WHERE student_account_id = :s AND coach_account_id = :c "
        "AND ended_at IS NULL"), {"s": student, "c": coach}).first()
    if standing is None:
        conn.execute(text("INSERT INTO grants (student_account_id, coach_account_id, "
                          "started_at) VALUES (:s, :c, :now)"),
                     {"s": student, "c": coach, "now": now})


def end_grant(conn: Connection, student: int, coach: int, now: datetime) -> None:
    from sqlalchemy import text

    conn.execute(text("UPDATE grants SET ended_at = :now WHERE student_account_id = :s "
                      "AND coach_account_id = :c AND ended_at IS NULL"),
                 {"s": student, "c": coach, "now": now})


def granted_students(conn: Connection, coach: int) -> list[tuple[int, str, str]]:
    """(account id, name, email) of every student whose grant to `coach` stands."""
    from sqlalchemy import text

    rows = conn.execute(text(
        "SELECT u.account_id, u.name, u.email FROM grants g JOIN users u "
        "ON u.account_id = g.student_account_id WHERE g.coach_account_id = :c "
        "AND g.ended_at IS NULL AND u.role = 'student' ORDER BY u.name, u.account_id"),
        {"c": coach}).all()
    return sorted({(int(r[0]), r[1], r[2]) for r in rows}, key=lambda t: (t[1], t[0]))


def audit(conn: Connection, subject: int, actor: User, action: str, now: datetime) -> None:
    from sqlalchemy import text

    conn.execute(text("INSERT INTO audit_events (account_id, actor_account_id, actor, action, "
                      "at) VALUES (:s, :a, :e, :what, :now)"),
                 {"s": subject, "a": actor.account_id, "e": actor.email, "what": action,
                  "now": now})


def audit_events(conn: Connection, subject: int) -> list[tuple[datetime, str, str]]:
    from sqlalchemy import text

    rows = conn.execute(text("SELECT at, actor, action FROM audit_events WHERE account_id = :s "
                             "ORDER BY at DESC, id DESC"), {"s": subject}).all()
    return [(r[0], r[1], r[2]) for r in rows]


# -- a store inside the request's transaction ------------------------------------------


class RequestStore(Store):
    """One account's store on the request's connection: reads share its transaction, and a
    write is a savepoint in it (a failed write leaves nothing; the request still commits
    once, at its end)."""

    def __init__(self, engine: Engine, account: str, conn: Connection) -> None:
        super().__init__(engine, account)
        self._conn = conn

    @property
    def writes(self) -> int:
        """Write transactions so far in this request (the caseload's cards follow them)."""
        return self._writes

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        yield self._conn

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        conn = self._conn
        with conn.begin_nested():
            self._open_log(conn)
            yield conn
            self._flush_log(conn)
        self._writes += 1
