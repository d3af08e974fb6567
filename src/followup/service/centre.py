"""The career centre's use cases (`followup centre ...`, `followup server`, CONTRACT.md
"Centre server"): accounts, sign-in, consent, the caseload, the audit log.

Each request is one transaction on the app's role with the caller's account set (`SET
LOCAL app.account_id`): what a caller may read is decided by PostgreSQL's policies
(`store.centre`), and these functions only add what a policy cannot say (a 404 that tells
nothing about whether an account exists, the audit entry of every read by someone else).
The planning is the same service the desktop uses: the server decides nothing it does not.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from followup.core.errors import FollowupError, UsageError
from followup.store.centre import User

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

    from followup.store.centre import RequestStore

__all__ = ["FAILURE_LIMIT", "FAILURE_WINDOW", "ROLES", "TOKEN_LIFETIME", "Caller",
           "NO_PASSWORD", "NotVisible", "TooManyFailures", "Unauthorized", "User", "add_user",
           "add_users", "audit_log", "parse_roster",
           "Deactivated", "MustChangePassword", "authenticate", "change_password",
           "deactivate_account", "delete_account", "export_account", "open_session",
           "reactivate_account", "reset_password",
           "centre_engine", "end_grant", "grant_coach", "import_case",
           "init_centre", "own_opportunities", "request", "sign_in", "sign_out",
           "student_opportunities"]

ROLES = ("student", "coach", "admin")
TOKEN_LIFETIME = timedelta(hours=12)
FAILURE_LIMIT = 10  # failed sign-ins per address or per client ...
FAILURE_WINDOW = timedelta(minutes=1)  # ... within this window, then 429
MIN_PASSWORD = 8
# Stored in place of a hash for an account that signs in through the identity provider only
# (`add-user --no-password`, `add-users`): shadow(5)'s "!" for a locked password. No
# password can ever match it; `reset-password` gives the account one.
NO_PASSWORD = "!"
MAX_ROSTER = 100_000  # rows of one `add-users` file


class Unauthorized(FollowupError):
    """No valid credentials: a wrong pair, or a token unknown, expired or revoked (401)."""


class NotVisible(FollowupError):
    """Nothing the caller may see by that name (404), saying nothing of whether it exists."""


class TooManyFailures(FollowupError):
    """Too many failed sign-ins from one address or client within a minute (429)."""


class Deactivated(Unauthorized):
    """The right pair for an account an admin deactivated: its history is kept, nobody
    signs in (401; said only to who knows the password)."""


class MustChangePassword(FollowupError):
    """An admin reset the password to a one-time one: choose a new one first (403)."""


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _password_hasher() -> Any:
    from pwdlib import PasswordHash

    return PasswordHash.recommended()  # argon2id


def centre_engine(url: str) -> Engine:
    """The server's engine on PostgreSQL, as the app role (its schema must be current)."""
    from followup.store import StoreError, make_engine
    from followup.store.migrate import HEAD, current_revision

    engine = make_engine(url)
    if engine.dialect.name != "postgresql":
        engine.dispose()
        raise UsageError(f"--db: the centre server runs on PostgreSQL, not {url.split(':')[0]}")
    try:
        revision = current_revision(engine)
    except Exception as e:  # a refused connection, a bad password: one line, no traceback
        engine.dispose()
        raise StoreError(f"cannot open database: {str(e).splitlines()[0][:200]}") from None
    if revision != HEAD:
        engine.dispose()
        raise UsageError("--db: the database is not set up for this followup; run "
                         "`followup centre init` as its owner")
    return engine


def init_centre(owner_url: str, app_role: str, password: str | None) -> list[str]:
    """`followup centre init`: the schema, the app role, the policies; the tables secured."""
    from followup.jobs.install import install_queue
    from followup.store import StoreError
    from followup.store.centre import protected_tables, secure
    from followup.store.connect import Connected

    if not password:
        raise UsageError("FOLLOWUP_APP_PASSWORD: set the app role's password in it")
    store = Connected.open(owner_url)  # creates or upgrades the schema
    try:
        if store.engine.dialect.name != "postgresql":
            raise UsageError("--db: row-level security needs PostgreSQL")
        try:
            with store.engine.begin() as conn:
                secure(conn, app_role, password)
                install_queue(conn, app_role)  # `followup worker`'s job queue
        except FollowupError:
            raise
        except Exception as e:  # not the owner, no CREATEROLE: one line
            raise StoreError(f"centre init: {str(getattr(e, 'orig', e)).splitlines()[0]}"
                             ) from None
    finally:
        store.close()
    return protected_tables()


def add_user(owner_url: str, email: str, *, role: str, name: str, password: str | None,
             now: datetime, no_password: bool = False) -> int:
    """`followup centre add-user`: a new account and its user; the account's id.

    `no_password`: the account signs in through the university's identity provider only
    (OIDC-2 ties the identity at its first sign-in); an admin always has a password (OIDC-3).
    """
    from followup.store.centre import add_user as insert_user
    from followup.store.connect import Connected

    address, name = _checked_person(email, name, role, email_at="EMAIL", role_at="--role",
                                    name_at="--name")
    if no_password:
        if password:
            raise UsageError("FOLLOWUP_PASSWORD: --no-password takes none (unset it)")
        if role == "admin":
            raise UsageError("--no-password: an admin signs in with a password only (OIDC-3)")
        digest = NO_PASSWORD
    else:
        if not password or len(password) < MIN_PASSWORD:
            raise UsageError(f"FOLLOWUP_PASSWORD: set a password of {MIN_PASSWORD} characters "
                             "or more in it (or --no-password: the identity provider only)")
        digest = _password_hasher().hash(password)
    store = Connected.open(owner_url)
    try:
        with store.engine.begin() as conn:
            return insert_user(conn, address, name, role, digest, now)
    finally:
        store.close()


def _checked_person(email: str, name: str, role: str, *, email_at: str, role_at: str,
                    name_at: str) -> tuple[str, str]:
    """(address, name) of a new user, or a one-line UsageError naming where (`*_at`) the
    wrong value was given."""
    from followup.core.addresses import check_email
    from followup.core.limits import text_problem

    address = check_email(email.strip(), email_at).lower()
    if role not in ROLES:
        raise UsageError(f"{role_at}: one of {', '.join(ROLES)}, not {role[:40]!r}")
    if not name.strip():
        raise UsageError(f"{name_at}: the person's name, not empty")
    if problem := text_problem(name.strip(), line=True):
        raise UsageError(f"{name_at}: {problem}")
    return address, name.strip()


def parse_roster(roster: str, source: str = "FILE") -> dict[str, tuple[str, str]]:
    """A roster's people, address -> (name, role), every row checked; or the first wrong
    row as one UsageError naming `source`'s line. No I/O: `add_users` writes them."""
    import csv

    reader = csv.reader(roster.splitlines())
    people: dict[str, tuple[str, str]] = {}
    try:
        header = [h.strip().lower() for h in next(reader, [])]
        if "email" not in header or "name" not in header or not set(header) <= {
                "email", "name", "role"}:
            raise UsageError(f"{source} line 1: the header is email,name[,role], not "
                             f"{','.join(header)[:80]!r}")
        for row in reader:
            _roster_row(people, row, header, f"{source} line {reader.line_num}")
            if len(people) > MAX_ROSTER:
                raise UsageError(f"{source}: more than {MAX_ROSTER:,} people; split the "
                                 "roster")
    except csv.Error as e:  # a NUL byte, a field over csv's size limit
        raise UsageError(f"{source} line {reader.line_num}: not CSV ({e})") from None
    if not people:
        raise UsageError(f"{source}: nobody on the roster")
    return people


def _roster_row(people: dict[str, tuple[str, str]], row: list[str], header: list[str],
                where: str) -> None:
    if not any(cell.strip() for cell in row):
        return
    if len(row) != len(header):
        raise UsageError(f"{where}: {len(row)} columns, the header has {len(header)}")
    cells = dict(zip(header, row, strict=True))
    role = cells.get("role", "").strip().lower() or "student"
    if role == "admin":
        raise UsageError(f"{where}: no admin by roster (an admin has a password: `add-user`)")
    address, name = _checked_person(cells["email"], cells["name"], role,
                                    email_at=f"{where} (email)", role_at=f"{where} (role)",
                                    name_at=f"{where} (name)")
    if address in people:
        raise UsageError(f"{where}: {address} is on the roster twice")
    people[address] = (name, role)


def add_users(owner_url: str, roster: str, now: datetime, *, source: str = "FILE") -> int:
    """`followup centre add-users FILE`: a term's students (and coaches) from a CSV with the
    columns email, name and (optional) role, each signing in through the identity provider
    (no password: hashing ten thousand would take an hour, and nobody would hand them out).

    Every row is checked before anything is written (`parse_roster`); the first wrong row is
    one line naming the file's line, and then nothing is added. An address with an account
    already is such an error too (a roster is added once; `add-user` adds a late student).
    Returns the count.
    """
    from followup.store.centre import add_user as insert_user
    from followup.store.connect import Connected

    people = parse_roster(roster, source)
    store = Connected.open(owner_url)
    try:
        with store.engine.begin() as conn:  # all or nothing
            for address, (name, role) in people.items():
                insert_user(conn, address, name, role, NO_PASSWORD, now)
    finally:
        store.close()
    return len(people)


# -- signing in ------------------------------------------------------------------------


@dataclass(frozen=True)
class SignedIn:
    token: str
    account: int
    role: str


def authenticate(engine: Engine, email: str, password: str, client: str, now: datetime
                 ) -> User:
    """The user of a right pair; a failure is counted against the address and the client,
    and either's 10th failure in a minute makes every further try a 429 (the API's token
    call and the pages' sign-in form share the count)."""
    from followup.store import centre as sc

    address = email.strip().lower()
    keys = (f"email:{address[:250]}", f"client:{client[:250]}")
    with engine.begin() as conn:
        if sc.failures(conn, keys, now - FAILURE_WINDOW) >= FAILURE_LIMIT:
            raise TooManyFailures("too many failed sign-ins: wait a minute")
    found = None
    with engine.connect() as conn:
        found = sc.user_by_email(conn, address)
    hasher = _password_hasher()
    if found is None:
        hasher.verify(password, _DUMMY_HASH())  # the same time whether the address exists
        ok = False
    elif found[1] == NO_PASSWORD:  # identity provider only: no password matches
        hasher.verify(password, _DUMMY_HASH())
        ok = False
    else:
        ok = hasher.verify(password, found[1])
    if not ok or found is None:
        with engine.begin() as conn:
            sc.add_failure(conn, keys, now, now - FAILURE_WINDOW)
        raise Unauthorized("wrong email or password")
    if found[0].deactivated:
        raise Deactivated("this account is deactivated: ask the centre's admin")
    return found[0]


def open_session(engine: Engine, user: User, now: datetime,
                 lifetime: timedelta = TOKEN_LIFETIME) -> str:
    """A new token for a user whose identity is proven (a password, an OpenID provider):
    stored hashed, expiring after `lifetime`, revoked by `sign_out`."""
    from followup.store import centre as sc

    token = secrets.token_urlsafe(32)
    with engine.begin() as conn:
        sc.add_token(conn, user.id, _hash_token(token), now, now + lifetime)
    return token


def sign_in(engine: Engine, email: str, password: str, client: str, now: datetime
            ) -> SignedIn:
    """POST /api/v1/token: a new bearer token for a right pair (`authenticate`); none
    while the password is a one-time one an admin set."""
    user = authenticate(engine, email, password, client, now)
    if user.must_change:
        raise MustChangePassword("the password is a one-time one: sign in on the pages and "
                                 "choose a new one")
    return SignedIn(open_session(engine, user, now), user.account_id, user.role)


_dummy: list[str] = []


def _DUMMY_HASH() -> str:  # noqa: N802 - a constant made once, lazily
    if not _dummy:
        _dummy.append(_password_hasher().hash(secrets.token_hex(16)))
    return _dummy[0]


def sign_out(engine: Engine, token: str, now: datetime) -> None:
    """The token is revoked at once: its next request is a 401."""
    from followup.store import centre as sc

    with engine.begin() as conn:
        if sc.user_for_token(conn, _hash_token(token), now) is None:
            raise Unauthorized("sign in first")
        sc.revoke_token(conn, _hash_token(token), now)


# -- one request -----------------------------------------------------------------------


@dataclass
class Caller:
    """Who is asking, inside their request's transaction."""

    user: User
    conn: Connection
    engine: Engine
    now: datetime

    def store(self, account: str | None = None) -> RequestStore:
        from followup.store.centre import RequestStore

        return RequestStore(self.engine, account or self.user.email, self.conn)


@contextmanager
def request(engine: Engine, token: str | None, now: datetime, *,
            changing_password: bool = False) -> Iterator[Caller]:
    """One transaction for the whole request, the caller's account set in it first. A
    deactivated account's tokens are refused; with a one-time password, nothing but
    `change_password` is served."""
    from followup.store import centre as sc

    if not token:
        raise Unauthorized("sign in first (Authorization: Bearer TOKEN)")
    with engine.connect() as conn, conn.begin():
        user = sc.user_for_token(conn, _hash_token(token), now)
        if user is None:
            raise Unauthorized("the token is unknown, expired or revoked: sign in again")
        if user.must_change and not changing_password:
            raise MustChangePassword("the password is a one-time one: choose a new one first")
        sc.set_caller(conn, user.account_id)
        yield Caller(user, conn, engine, now)


def _cards(store: RequestStore, today: date) -> list[dict[str, Any]]:
    from followup.core.planner import action_to_dict
    from followup.service.contexts import Context
    from followup.service.planning import opportunities

    return [{"id": card.case.opportunity.id, "company": card.case.opportunity.company,
             "role": card.case.opportunity.role, "stage": card.plan.stage.value,
             "next": action_to_dict(card.next) if card.next is not None else None}
            for card in opportunities(Context(store, today))]


def own_opportunities(caller: Caller, today: date) -> list[dict[str, Any]]:
    """GET /api/v1/opportunities: the caller's own, as `followup list` plans them."""
    return _cards(caller.store(), today)


def import_case(caller: Caller, text: str) -> list[str]:
    """POST /api/v1/cases: a case file (or bundle) into the caller's account, all or nothing."""
    from followup.core import caseio
    from followup.service.records import import_cases

    cases, snoozes = caseio.read_bundle(caseio.parse_json(text, "case file"), "case file")
    store = caller.store()
    import_cases(store, cases, snoozes=snoozes)
    return [c.opportunity.id for c in cases]


def export_account(caller: Caller) -> dict[str, Any]:
    """GET /api/v1/export, Export on the pages: the caller's whole account as the bundle
    `followup export --all` writes (every case with the profile, the snoozes), which
    `followup import` on a desktop reads, and POST /api/v1/cases takes back. A case no
    reader takes refuses the export rather than leave it out in silence."""
    from followup.core import caseio
    from followup.service.records import export_all, export_snoozes

    store = caller.store()
    cases, skipped = export_all(store)
    if skipped:
        raise UsageError(f"export: {len(skipped)} opportunit"
                         f"{'y' if len(skipped) == 1 else 'ies'} could not be read "
                         f"({skipped[0]}); ask the centre's admin to run `followup doctor`")
    return caseio.bundle_to_dict(cases, export_snoozes(store))


def _coach(caller: Caller, email: str) -> User:
    from followup.store.centre import user_by_email

    found = user_by_email(caller.conn, email.strip().lower())
    if found is None or found[0].role != "coach":
        raise NotVisible(f"no coach has the address {email!r}")
    return found[0]


def grant_coach(caller: Caller, coach_email: str) -> None:
    """POST /api/v1/grants: the caller (a student) lets that coach read their records."""
    from followup.store.centre import start_grant

    if caller.user.role != "student":
        raise UsageError("only a student grants a coach access to their records")
    coach = _coach(caller, coach_email)
    start_grant(caller.conn, caller.user.account_id, coach.account_id, caller.now)


def end_grant(caller: Caller, coach_email: str) -> None:
    """DELETE /api/v1/grants/{coach}: the coach's access ends with this transaction."""
    from followup.store.centre import end_grant as finish

    coach = _coach(caller, coach_email)
    finish(caller.conn, caller.user.account_id, coach.account_id, caller.now)


def _student(caller: Caller, account: int) -> tuple[int, str, str]:
    from followup.store.centre import granted_students

    if caller.user.role != "coach":
        raise NotVisible(f"no student {account} in your caseload")
    for student in granted_students(caller.conn, caller.user.account_id):
        if student[0] == account:
            return student
    raise NotVisible(f"no student {account} in your caseload")


def student_opportunities(caller: Caller, account: int, today: date) -> list[dict[str, Any]]:
    """GET /api/v1/students/{account}/opportunities, for a coach the student granted; the
    read lands in the student's audit log."""
    from followup.store.centre import audit

    _id, _name, email = _student(caller, account)
    cards = _cards(caller.store(email), today)
    audit(caller.conn, account, caller.user, "read opportunities", caller.now)
    return cards


def audit_log(caller: Caller) -> list[dict[str, str]]:
    """GET /api/v1/audit: every read of the caller's records by someone else, newest first."""
    from followup.core.caseio import format_datetime
    from followup.store.centre import audit_events

    return [{"at": format_datetime(at), "actor": actor, "action": action}
            for at, actor, action in audit_events(caller.conn, caller.user.account_id)]


def change_password(caller: Caller, current: str, new: str, repeated: str) -> None:
    """The caller's own password, the current one proven; a one-time one is then gone."""
    from followup.store.centre import set_password, user_by_email

    found = user_by_email(caller.conn, caller.user.email)
    hasher = _password_hasher()
    if found is None or not hasher.verify(current, found[1]):
        raise UsageError("current password: wrong")
    if len(new) < MIN_PASSWORD:
        raise UsageError(f"new password: {MIN_PASSWORD} characters or more")
    if new != repeated:
        raise UsageError("new password: the two copies differ")
    if new == current:
        raise UsageError("new password: the same as the current one")
    set_password(caller.conn, caller.user.id, hasher.hash(new), must_change=False)


# -- admin actions (`followup centre ...`, as the database's owner) ----------------------


@contextmanager
def _as_owner(owner_url: str, email: str) -> Iterator[tuple[Connection, User]]:
    """One transaction as the owner, on the user with that address."""
    from followup.store.centre import user_by_email
    from followup.store.connect import Connected

    store = Connected.open(owner_url)
    try:
        with store.engine.begin() as conn:
            found = user_by_email(conn, email.strip().lower())
            if found is None:
                raise UsageError(f"EMAIL: no account has the address {email!r}")
            yield conn, found[0]
    finally:
        store.close()


def deactivate_account(owner_url: str, email: str, now: datetime) -> int:
    """`followup centre deactivate`: history kept, sign-in refused, every token and session
    ended at once; how many were ended."""
    from followup.store.centre import revoke_all_tokens, set_deactivated

    with _as_owner(owner_url, email) as (conn, user):
        set_deactivated(conn, user.id, now)
        return revoke_all_tokens(conn, user.id, now)


def reactivate_account(owner_url: str, email: str) -> None:
    """`followup centre reactivate`: the account signs in again, its history as it was."""
    from followup.store.centre import set_deactivated

    with _as_owner(owner_url, email) as (conn, user):
        set_deactivated(conn, user.id, None)


def reset_password(owner_url: str, email: str, password: str | None, now: datetime) -> str:
    """`followup centre reset-password`: a one-time password (the one given, or a new random
    one), to be changed at the next sign-in; every token and session ended. The admin
    hands it over; it is stored hashed like any other."""
    from followup.store.centre import revoke_all_tokens, set_password

    one_time = password or secrets.token_urlsafe(12)
    if len(one_time) < MIN_PASSWORD:
        raise UsageError(f"FOLLOWUP_PASSWORD: {MIN_PASSWORD} characters or more")
    with _as_owner(owner_url, email) as (conn, user):
        set_password(conn, user.id, _password_hasher().hash(one_time), must_change=True)
        revoke_all_tokens(conn, user.id, now)
    return one_time


def delete_account(owner_url: str, email: str) -> int:
    """`followup centre delete`: the account and everything of it, its records, tokens,
    grants given and held, audit log and failed sign-ins; the organisation keeps nothing
    of it. The account's id."""
    from sqlalchemy import text

    from followup.store import StoreError
    from followup.store.centre import delete_account as remove

    with _as_owner(owner_url, email) as (conn, user):
        remove(conn, user)
        left = conn.execute(text("SELECT count(*) FROM accounts WHERE id = :a"),
                            {"a": user.account_id}).scalar()
        if left:
            raise StoreError("delete: the account is still there (row-level security hides "
                             "it from this role: connect as the schema's owner)")
        return user.account_id
