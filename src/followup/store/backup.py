"""Backups of a SQLite database that are safe while it is in use, and checked restores.

SQLite's online backup API copies a consistent snapshot page by page while other processes
keep reading and writing (a plain file copy of a WAL database can miss the WAL or catch a
half-written page). A backup is written to a temporary name (0600), checked, then renamed,
so a crash never leaves a truncated file under the name the user gave. A restore checks
before it replaces (issue 20): the backup opened read-only, SQLite's integrity check, its
revision one of ours, its schema the one our migrations make at that revision, no trigger
or view; then a private copy upgraded to our schema, compared with it again, and every row
and record read and held to the limits. Only then is the live database (first backed up)
replaced; a refusal is one line and the live file is untouched. PostgreSQL has its own
tools (pg_dump), named in the message.
"""

from __future__ import annotations

import os
import re
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from followup.core.errors import FollowupError
from followup.core.limits import show
from followup.store.files import create_private, make_folder, refuse_special
from followup.store.migrate import HEAD, MIGRATIONS

# The tables every revision of the schema has; a file without them is not ours.
REQUIRED_TABLES = frozenset({"alembic_version", "accounts", "opportunities", "people",
                             "interviews", "touches"})
BUSY_TIMEOUT_S = 30


class BackupError(FollowupError):
    """A backup can't be written, or a file can't be restored: always one line (SQLite's
    own messages, an integrity check's report, may hold several)."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    revision: str
    opportunities: int


def sqlite_path(url: str) -> Path:
    """The file behind a SQLAlchemy URL, or a one-line refusal for other databases."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        raise BackupError(f"backup and restore work on a SQLite database file, not "
                          f"{parsed.get_backend_name()}; for PostgreSQL use pg_dump and "
                          "pg_restore")
    return Path(str(parsed.database))


def default_backup_path(db: Path, now: datetime) -> Path:
    """`backups/followup-20260313-091500.db` next to the database."""
    return db.parent / "backups" / f"{db.stem}-{now:%Y%m%d-%H%M%S}{db.suffix or '.db'}"


def _readonly(path: Path) -> sqlite3.Connection:
    """The file opened read-only: nothing a check does can change the user's backup."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                           timeout=BUSY_TIMEOUT_S)
    conn.execute("PRAGMA query_only=1")
    # Names and values that are not UTF-8 are read with U+FFFD: judged, never a crash.
    conn.text_factory = lambda raw: raw.decode("utf-8", "replace")
    return conn


def plural(n: int) -> str:
    return f"{n} opportunit{'y' if n == 1 else 'ies'}"


KNOWN_REVISIONS = frozenset(p.name.split("_", 1)[0]
                            for p in (MIGRATIONS / "versions").glob("[0-9]*_*.py"))


def _revision_problem(rev: object) -> str | None:
    if isinstance(rev, str) and rev in KNOWN_REVISIONS:
        return None
    if isinstance(rev, str) and re.fullmatch(r"[0-9]{4}", rev) and rev > HEAD:
        return (f"made by a newer followup (schema {rev}, this one knows up to {HEAD}); "
                "upgrade followup first")
    return f"unknown schema revision {show(rev if isinstance(rev, str | int) else repr(rev))}"


Signature = dict[str, tuple[tuple[tuple[str, str, int, int], ...], tuple[str, ...]]]


def signature(conn: sqlite3.Connection) -> Signature:
    """Each table's columns (name, type, not null, key) and named indexes: what a schema is,
    as far as every reader and writer of ours is concerned."""
    out: Signature = {}
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    for table in sorted(tables):
        quoted = '"' + table.replace('"', '""') + '"'
        columns = tuple(sorted((str(r[1]), str(r[2]).upper(), int(r[3]), int(r[5]))
                               for r in conn.execute(f"PRAGMA table_info({quoted})")))
        indexes = tuple(sorted(str(r[1]) for r in conn.execute(f"PRAGMA index_list({quoted})")
                               if not str(r[1]).startswith("sqlite_autoindex")))
        out[table] = (columns, indexes)
    return out


_EXPECTED: dict[str, Signature] = {}


def expected_signature(revision: str) -> Signature:
    """The schema our migrations make at `revision` (made once per process, in a temporary
    file, by the same Alembic scripts that upgrade a real database)."""
    if revision not in _EXPECTED:
        import tempfile

        from sqlalchemy import create_engine

        from followup.store.migrate import upgrade

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "reference.db"
            engine = create_engine(f"sqlite:///{path}")
            try:
                upgrade(engine, revision)
            finally:
                engine.dispose()
            with closing(sqlite3.connect(path)) as conn:
                _EXPECTED[revision] = signature(conn)
    return _EXPECTED[revision]


def _schema_problem(found: Signature, expected: Signature) -> str | None:
    """The first difference between a backup's schema and ours, in words."""
    for table in sorted(set(expected) | set(found)):
        if table not in found:
            return f"no {table} table"
        if table not in expected:
            return f"a table {show(table)} that followup never makes"
        (cols, idx), (want_cols, want_idx) = found[table], expected[table]
        have = {c[0]: c for c in cols}
        want = {c[0]: c for c in want_cols}
        for name in sorted(set(have) | set(want)):
            if name not in have:
                return f"{table} has no column {name}"
            if name not in want:
                return f"{table} has a column {show(name)} that followup never makes"
            if have[name] != want[name]:
                return f"{table}.{name} is not declared as followup declares it"
        if idx != want_idx:
            odd = sorted(set(idx) ^ set(want_idx))
            return f"{table} has other indexes than followup makes ({', '.join(odd)[:80]})"
    return None


def inspect(path: Path) -> BackupInfo:
    """Check, read-only, that `path` is a whole followup database this version can open:
    SQLite's integrity check, our tables with our columns at its revision, a revision we
    know, no trigger or view (followup makes none)."""
    refuse_special(path)
    if not path.is_file():
        raise BackupError(f"{path}: no such file")
    try:
        with closing(_readonly(path)) as conn:
            check = conn.execute("PRAGMA integrity_check(1)").fetchone()[0]
            if check != "ok":
                raise BackupError(f"{path}: the database is damaged (integrity check: "
                                  f"{str(check)[:120]})")
            tables = {r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            missing = REQUIRED_TABLES - tables
            if missing:
                raise BackupError(f"{path}: not a followup database "
                                  f"(no {', '.join(sorted(missing))} table)")
            for kind, name in conn.execute(
                    "SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'view')"
                    " ORDER BY type, name"):
                raise BackupError(f"{path}: holds a {kind} {show(str(name))} that followup "
                                  "never makes (it could change what is written); refused")
            revisions = conn.execute("SELECT version_num FROM alembic_version").fetchall()
            if len(revisions) != 1:
                raise BackupError(f"{path}: not a followup database ({len(revisions)} schema "
                                  "revisions)")
            rev = revisions[0][0]
            if problem := _revision_problem(rev):
                raise BackupError(f"{path}: {problem}")
            found = signature(conn)
            count = conn.execute("SELECT count(*) FROM opportunities").fetchone()[0]
    except sqlite3.DatabaseError as e:
        raise BackupError(f"{path}: not a followup database ({str(e)[:120]})") from None
    except UnicodeDecodeError:  # SQLite's own message quoted bytes of the damaged file
        raise BackupError(f"{path}: not a followup database (the file is damaged)") from None
    if problem := _schema_problem(found, expected_signature(str(rev))):
        raise BackupError(f"{path}: not the schema followup {rev} makes ({problem}); refused")
    return BackupInfo(path=path, revision=str(rev), opportunities=int(count))


def backup(db: Path, dest: Path) -> BackupInfo:
    """Copy the live database `db` to `dest` (a file, or a folder to put a dated file in),
    0600 like the database."""
    if not db.is_file():
        raise BackupError(f"{db}: no database to back up yet")
    if dest.is_dir():
        dest = dest / default_backup_path(db, datetime.now()).name
    refuse_special(dest)
    if dest.exists() and dest.resolve() == db.resolve():
        raise BackupError(f"{dest}: that is the database itself")
    partial = dest.with_name(f".{dest.name}.partial-{os.getpid()}")
    try:
        make_folder(dest.parent)
        partial.unlink(missing_ok=True)
        create_private(partial)
        with closing(sqlite3.connect(db, timeout=BUSY_TIMEOUT_S)) as source, \
                closing(sqlite3.connect(partial)) as target:
            source.backup(target)
            # One self-contained file: the copy does not need a -wal beside it.
            target.execute("PRAGMA journal_mode=DELETE")
        info = inspect(partial)
        os.replace(partial, dest)
    except sqlite3.Error as e:
        raise BackupError(f"cannot back up {db}: {e}") from None
    except OSError as e:
        raise BackupError(f"cannot write {dest}: {e.strerror}") from None
    finally:
        partial.unlink(missing_ok=True)
    return BackupInfo(path=dest, revision=info.revision, opportunities=info.opportunities)


def verify(source: Path, work: Path, today: date) -> BackupInfo:
    """Everything `restore` checks before it touches the live database.

    `inspect` (read-only), then a private copy in `work` brought up to our schema by our
    migrations and compared with the schema they make, then every row read the way every
    reader reads it (`store.audit`) and every record held to `core.limits`.
    """
    from followup.core import limits
    from followup.core.notices import collecting
    from followup.store import Store, audit

    info = inspect(source)
    create_private(work)
    try:
        with closing(_readonly(source)) as src, closing(sqlite3.connect(work)) as target:
            src.backup(target)
    except (sqlite3.Error, UnicodeDecodeError) as e:
        raise BackupError(f"{source}: cannot be read whole ({str(e)[:120]})") from None
    where = f"{source}: refused"
    try:
        Store.open(str(work)).close()  # the migrations, on the copy
    except FollowupError as e:
        raise BackupError(f"{where}: its schema cannot be brought up to date ({e})") from None
    except Exception as e:  # noqa: BLE001 - Alembic on a hand-made schema: any error is a no
        first = str(getattr(e, "orig", e)).splitlines()[0][:120] if str(e) else type(e).__name__
        raise BackupError(f"{where}: its schema cannot be brought up to date ({first})") from None
    with closing(sqlite3.connect(work)) as conn:
        problem = _schema_problem(signature(conn), expected_signature(HEAD))
        accounts = [str(r[0]) for r in conn.execute("SELECT name FROM accounts ORDER BY id")]
    if problem:
        raise BackupError(f"{where}: once upgraded, not the schema followup makes ({problem})")
    with audit.sqlite_rows(str(work)) as rows:
        faults = audit.faults(rows, sqlite=True)
    fix = ("(repair a copy first: followup --db COPY doctor --fix, then restore the copy; "
           "the live database is untouched)")
    if faults:
        more = f" and {len(faults) - 1} more" if len(faults) > 1 else ""
        raise BackupError(f"{where}: {faults[0].record}: {faults[0].problem}{more} {fix}")
    latest = limits.ahead_of(today)
    for account in accounts:
        store = Store.open(str(work), account)
        try:
            with collecting() as skipped:
                cases = store.load_cases()
            candidate = store.get_candidate()
        finally:
            store.close()
        if skipped:
            raise BackupError(f"{where}: {skipped[0]} {fix}")
        for path, problem in limits.candidate_problems(candidate, "profile"):
            raise BackupError(f"{where}: {path}: {problem} {fix}")
        for case in cases:
            for path, problem in limits.case_problems(case, latest, candidate=False):
                raise BackupError(f"{where}: {case.opportunity.id[:80]}: {path}: {problem} "
                                  f"{fix}")
    return info


def restore(source: Path, db: Path, now: datetime) -> tuple[BackupInfo, Path | None]:
    """Replace the database `db` with the backup `source`; returns the copy of the old one.

    Nothing is replaced until `verify` has passed on a private copy; the copy, already at
    our schema, then goes through the backup API into the live file, so a process that has
    the database open sees either the old content or the new, never a mix.
    """
    refuse_special(db)
    if db.exists() and source.exists() and source.resolve() == db.resolve():
        raise BackupError(f"{source}: that is the database itself")
    make_folder(db.parent)
    work = db.with_name(f".{db.name}.restore-{os.getpid()}")
    try:
        _unlink_all(work)
        info = verify(source, work, now.date())
        with closing(sqlite3.connect(work)) as copy:  # derived data: made again on the
            copy.execute("DELETE FROM plans")      # next read, on this version's basis
            copy.commit()
        saved = None
        if db.exists():
            saved = backup(db, db.parent / "backups" /
                           f"{db.stem}-before-restore-{now:%Y%m%d-%H%M%S}"
                           f"{db.suffix or '.db'}").path
        create_private(db)
        try:
            with closing(sqlite3.connect(work)) as src, \
                    closing(sqlite3.connect(db, timeout=BUSY_TIMEOUT_S)) as target:
                src.backup(target)
        except sqlite3.Error as e:
            raise BackupError(f"cannot restore into {db}: {e}") from None
    finally:
        _unlink_all(work)
    return info, saved


def _unlink_all(path: Path) -> None:
    for extra in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{extra}").unlink(missing_ok=True)
