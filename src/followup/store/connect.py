"""Opening a database: where it is, its URL, the engine, a store bound to one account.

`--db`/`FOLLOWUP_DB` may be a path or an SQLAlchemy URL. A plain SQLite file is read with the
standard library's sqlite3 (`followup today` never imports SQLAlchemy); SQLAlchemy is made
when first needed. Writes on SQLite take the lock up front (`BEGIN IMMEDIATE`) so two
processes wait for each other under the busy timeout instead of failing on a lock upgrade.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from followup.core.errors import FollowupError
from followup.core.model import Case
from followup.store import read
from followup.store.read import Decode, Rows

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

DEFAULT_ACCOUNT = "default"
BUSY_TIMEOUT_S = 30
# A writer waits this long at most for another process's write to finish, then gives up
# with one line (StoreError). It polls with short random sleeps rather than leaving it to
# SQLite's busy handler, whose sleeps grow to 100 ms: a process that writes again at once
# would then win the lock nearly every time, and the other starve (issue 12).
WRITE_WAIT_S = 30.0
# After a write, this process lets COOLDOWN_S pass before it starts another one: a process
# writing in a loop would otherwise take the lock back within microseconds, and a waiter
# polling every few milliseconds would never see it free (the starvation of issue 12).
COOLDOWN_S = 0.01
_last_write = 0.0  # time.monotonic() when this process last ended a write transaction


class StoreError(FollowupError):
    """The database can't be opened or used (bad URL, not a followup database ...)."""


def default_db_path() -> Path:
    from followup.config.paths import home_dir

    return home_dir() / "followup.db"


def database_url(db: str | None) -> str:
    """`--db`/`FOLLOWUP_DB` may be a path or any SQLAlchemy URL; None means the default file."""
    if not db:
        path = default_db_path()
    elif "://" in db:
        return db
    else:
        path = Path(db).expanduser()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # new folders: yours alone
    return f"sqlite:///{path}"


def _file_to_create(url: str) -> Path | None:
    """The SQLite file a URL names, when opening it may create it (not `mode=ro`)."""
    if (plain := sqlite_file(url)) is not None:  # the common case, without SQLAlchemy
        return Path(plain).expanduser()
    if not url.startswith("sqlite") or ("?" in url and sqlite_read_only(url)):
        return None
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:
        return None  # make_engine says what is wrong with it
    if parsed.drivername not in ("sqlite", "sqlite+pysqlite"):
        return None  # a driver we don't have: refused by make_engine, nothing created
    file = parsed.database
    if not file or file == ":memory:" or file.startswith("file:"):
        return None
    return Path(file).expanduser()


def _create(path: Path) -> None:
    """A new database file, 0600 from the start (SQLite's -wal and -shm take its mode)."""
    from followup.store.files import create_private

    try:
        create_private(path)
    except PermissionError:
        pass  # a read-only folder: SQLite says what it can't do when it tries
    except OSError as e:
        raise StoreError(f"{path}: cannot create the database ({e.strerror})") from None


def sqlite_file(url: str) -> str | None:
    """The file a plain `sqlite:///PATH` URL names (read with sqlite3), else None."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or any(c in url for c in "?%#"):
        return None
    path = url[len(prefix):]
    return path if path and path != ":memory:" else None


# What a `sqlite:///PATH?...` URL may ask for; anything else is refused, never ignored.
SQLITE_MODES = {"ro": True, "rw": False, "rwc": False}


def sqlite_read_only(url: str) -> bool:
    """Whether a SQLite URL asks for read-only (`?mode=ro`); a query option followup would
    otherwise ignore (SQLAlchemy drops `mode` without `uri=true`) is a one-line refusal."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    options = dict(parsed.query)
    unknown = sorted(set(options) - {"mode", "uri"})
    if unknown:
        raise StoreError(f"--db: the SQLite option {unknown[0]!r} is not supported "
                         "(only mode=ro, mode=rw, mode=rwc)")
    mode = options.get("mode", "rwc")
    if not isinstance(mode, str) or mode not in SQLITE_MODES:
        raise StoreError(f"--db: mode={mode!r} is not supported (ro, rw or rwc)")
    if options.get("uri", "true") not in ("true", "1"):
        raise StoreError("--db: uri must be true when given")
    if parsed.database in (None, "", ":memory:") and mode == "ro":
        raise StoreError("--db: mode=ro needs a database file")
    return SQLITE_MODES[mode]


def make_engine(url: str) -> Engine:
    from sqlalchemy import create_engine, event
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"not a database URL: {url!r}") from None
    read_only = False
    try:
        if parsed.get_backend_name() != "sqlite":
            return create_engine(url, pool_pre_ping=True)
        read_only = sqlite_read_only(url)
        if read_only:
            target = f"{Path(str(parsed.database)).expanduser().resolve().as_uri()}?mode=ro"

            def creator() -> sqlite3.Connection:
                return sqlite3.connect(target, uri=True, timeout=BUSY_TIMEOUT_S,
                                       check_same_thread=False)

            engine = create_engine("sqlite://", creator=creator)
        else:
            engine = create_engine(parsed.set(query={}),
                                   connect_args={"timeout": BUSY_TIMEOUT_S})
    except (ArgumentError, ImportError, ValueError, TypeError) as e:
        # An unknown dialect (bogus://x), a driver not installed, a bad query option.
        raise StoreError(f"cannot open database {url!r}: "
                         f"{str(e).splitlines()[0] if str(e) else type(e).__name__}") from None

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves, below
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
        if read_only:
            cur.execute("PRAGMA query_only=1")
        elif parsed.database not in (None, "", ":memory:"):
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "commit")
    @event.listens_for(engine, "rollback")
    def _on_end(conn: Connection) -> None:
        global _last_write
        if conn.get_execution_options().get("followup_write", False):
            import time

            _last_write = time.monotonic()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get("followup_write", False)
        if immediate and read_only:
            raise StoreError(f"{parsed.database}: opened read-only (mode=ro in --db); "
                             "nothing was written")
        if immediate:
            _begin_write(conn)
        else:
            conn.exec_driver_sql("BEGIN")

    return engine


def _is_busy(error: Exception) -> bool:
    text = str(getattr(error, "orig", error)).lower()
    return "database is locked" in text or "database is busy" in text


def _begin_write(conn: Connection) -> None:
    """`BEGIN IMMEDIATE`, retried with short random sleeps until `WRITE_WAIT_S` has passed.

    In WAL mode the write lock is taken here or not at all, so this is the only statement
    that can find the database busy; the transaction's body then runs undisturbed.
    """
    import random
    import time

    from sqlalchemy.exc import OperationalError

    import followup.store.connect as me  # the bound as set now (tests lower it)

    limit = me.WRITE_WAIT_S
    rest = _last_write + COOLDOWN_S - time.monotonic()
    if rest > 0:
        time.sleep(rest)  # our turn was just now: let a waiting process have one
    deadline = time.monotonic() + limit
    delay = 0.001
    conn.exec_driver_sql("PRAGMA busy_timeout=0")  # our loop does the waiting, fairly
    try:
        while True:
            try:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
                return
            except OperationalError as e:
                if not _is_busy(e):
                    raise
                if time.monotonic() >= deadline:
                    raise StoreError(f"the database is busy: another process kept it locked "
                                     f"for over {limit:g} s; try again") from None
            time.sleep(random.uniform(delay / 2, delay))  # well inside COOLDOWN_S
            delay = min(delay * 1.5, COOLDOWN_S / 3)
    finally:
        conn.exec_driver_sql(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")


def _pk(result: Any) -> int:
    """The new row's id from an INSERT result."""
    return int(result.inserted_primary_key[0])


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cycle collector while building many objects that hold no cycles.

    Each collection walks every live object, so building a million touches would trigger
    ever longer ones (40% of `load_cases` at 100,000 cases); reference counting still frees
    everything as usual.
    """
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def _sqlite_reader(path: str) -> Iterator[sqlite3.Connection]:
    """A sqlite3 connection for reading, closed afterwards (we issue BEGIN ourselves)."""
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        yield conn
    finally:
        conn.close()


def _sa_rows(conn: Connection) -> Rows:
    from sqlalchemy import text

    return lambda sql, params: conn.execute(text(sql), params).mappings().all()


def _load(rows: Rows, decode: Decode, acc: int, where: str,
          params: dict[str, Any]) -> list[Case]:
    with gc_paused():
        return read.cases(rows, decode, acc, where, params)


def system_clock() -> datetime:
    """The default clock of a store nobody handed one: now, to the second."""
    return datetime.now().replace(microsecond=0)


class Connected:
    """One account in one database: its connection, transactions and ids."""

    def __init__(self, engine: Engine | str, account: str = DEFAULT_ACCOUNT) -> None:
        """`engine`: an SQLAlchemy engine, or a URL (the engine is made when first needed)."""
        if isinstance(engine, str):
            self.url, self._engine = engine, None
        else:
            self.url, self._engine = engine.url.render_as_string(hide_password=False), engine
        self.account_name = account
        self._account_id: int | None = None
        self._sqlite_file = sqlite_file(self.url)
        self._writes = 0  # bumped on each commit through this store (generation())
        self._watch: sqlite3.Connection | None = None
        self._generation_lock = threading.Lock()
        # The clock the store stamps rows with: handed in by the face that opened it
        # (`service.open_store(db, clock=...)`); the system clock only by default.
        self.clock: Callable[[], datetime] = system_clock

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = make_engine(self.url)
        return self._engine

    @classmethod
    def open(cls, db: str | None = None, account: str = DEFAULT_ACCOUNT) -> Self:
        """Open (creating or upgrading in place) the database `db` names.

        An up-to-date SQLite file is checked with sqlite3 alone; anything else (a new file,
        an old schema, another database) goes through SQLAlchemy and Alembic.
        """
        from followup.store.migrate import HEAD, sqlite_revision

        url = database_url(db)
        if url.startswith("sqlite") and "?" in url and sqlite_read_only(url):
            return cls._open_read_only(url, account)
        if (new := _file_to_create(url)) is not None:
            _create(new)  # 0600 before SQLite makes it (its -wal and -shm take its mode)
        path = sqlite_file(url)
        if path is not None:
            try:
                with _sqlite_reader(path) as conn:
                    if sqlite_revision(conn, path) == HEAD:
                        return cls(url, account)
            except sqlite3.Error:
                pass  # SQLAlchemy below opens it again and says what is wrong
        return cls._open_engine(url, account)

    @classmethod
    def _open_read_only(cls, url: str, account: str) -> Self:
        """`?mode=ro`: read as it is, never written; no schema upgrade either."""
        from sqlalchemy.engine import make_url

        from followup.store.migrate import HEAD, sqlite_revision

        path = Path(str(make_url(url).database)).expanduser()
        try:
            with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                                         timeout=BUSY_TIMEOUT_S)) as conn:
                revision = sqlite_revision(conn, str(path))
        except sqlite3.Error as e:
            raise StoreError(f"cannot open database {str(path)!r} read-only: {e}") from None
        if revision != HEAD:
            raise StoreError(f"{path}: opened read-only (mode=ro), but its schema needs an "
                             "upgrade; open it once without mode=ro")
        return cls(make_engine(url), account)

    @classmethod
    def _open_engine(cls, url: str, account: str) -> Self:
        from sqlalchemy.exc import DBAPIError

        from followup.store.migrate import ensure_schema

        engine = make_engine(url)
        try:
            ensure_schema(engine)
        except DBAPIError as e:
            engine.dispose()
            raise StoreError(f"cannot open database {engine.url!r}: "
                             f"{str(e.orig).splitlines()[0]}") from None
        return cls(engine, account)

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
        if self._watch is not None:
            self._watch.close()
            self._watch = None

    # -- transactions -------------------------------------------------------------------

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """One write transaction; what it changed goes into the change log as one entry,
        committed with it (store/changes.py)."""
        with self.engine.connect().execution_options(followup_write=True) as conn:
            with conn.begin():
                self._open_log(conn)
                yield conn
                self._flush_log(conn)
            self._writes += 1

    def _open_log(self, conn: Connection) -> None:
        """A hook: `changes.Logged` starts the transaction's change-log entry."""

    def _flush_log(self, conn: Connection) -> None:
        """A hook: `changes.Logged` writes the entry, in the same transaction."""

    def generation(self) -> tuple[int, int]:
        """Changes whenever the database does (this process's writes or another's): the
        key of the web app's caches. SQLite: `PRAGMA data_version` on one connection kept
        for it; elsewhere the latest change-log id."""
        with self._generation_lock:
            if self._sqlite_file is not None:
                if self._watch is None:
                    self._watch = sqlite3.connect(self._sqlite_file, isolation_level=None,
                                                  check_same_thread=False)
                version = int(self._watch.execute("PRAGMA data_version").fetchone()[0])
                return self._writes, version
        with self.reading() as conn:
            latest = conn.exec_driver_sql("SELECT max(id) FROM changes").scalar()
        return self._writes, int(latest or 0)

    @contextmanager
    def _rows(self) -> Iterator[tuple[Rows, Decode]]:
        """One read transaction: sqlite3 on a SQLite file, else SQLAlchemy."""
        if self._sqlite_file is not None:
            with _sqlite_reader(self._sqlite_file) as conn:
                conn.row_factory = sqlite3.Row
                conn.execute("BEGIN")  # one snapshot for all the SELECTs
                try:
                    yield (lambda sql, params: conn.execute(sql, params).fetchall()), \
                        read.FROM_TEXT
                finally:
                    conn.execute("ROLLBACK")
        else:
            with self.reading() as conn:
                yield _sa_rows(conn), read.decode_for(conn.dialect.name)

    def _account(self, rows: Rows) -> int:
        if self._account_id is None:
            found = read.account_id(rows, self.account_name)
            if found is None:
                return -1  # nothing stored yet for this account; reads find nothing
            self._account_id = found
        return self._account_id

    def account_id(self, conn: Connection) -> int:
        """The account's row id; inside `writing()` the account is created if new."""
        if self._account_id is None:
            found = read.account_id(_sa_rows(conn), self.account_name)
            if found is None:
                if not conn.get_execution_options().get("followup_write"):
                    return -1
                from sqlalchemy import insert

                from followup.store import schema as s

                found = _pk(conn.execute(
                    insert(s.accounts).values(name=self.account_name, created_at=self.clock())
                ))
            self._account_id = int(found)
        return self._account_id

    # -- ids ----------------------------------------------------------------------------

    def resolve(self, conn: Connection, ref: str) -> tuple[int, str]:
        """An opportunity id or an unambiguous prefix of one -> (row id, slug)."""
        return read.resolve(_sa_rows(conn), self.account_id(conn), ref)

    def slugs(self, conn: Connection) -> set[str]:
        return read.slugs(_sa_rows(conn), self.account_id(conn))

