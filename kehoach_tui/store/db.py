"""Opening the database: pragmas, migrations, and the one write-transaction helper."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import StoreError, os_reason
from ..i18n import t
from .migrate import migrate, schema_version
from .migrations import MIGRATIONS

if TYPE_CHECKING:
    from sqlite_utils import Database

SCHEMA_VERSION = MIGRATIONS[-1][0]
BUSY_TIMEOUT_MS = 5000
PROVINCE_APPLICATION_ID = 0x4B485056  # "KHPV": the file is a province database


def explain(exc: BaseException) -> str:
    """One-line reason for an SQLite error: disk full, read-only, locked, damaged file."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    if name == "SQLITE_FULL" or "disk is full" in text:
        return t("error.db_full")
    if name.startswith("SQLITE_READONLY") or "readonly" in text or "read-only" in text:
        return t("error.db_readonly")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text or "busy" in text:
        return t("error.db_busy")
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in text or "not a database" in text:
        return t("error.db_damaged")
    if name.startswith("SQLITE_IOERR") or "disk i/o" in text:
        return t("error.db_io")
    return str(exc)


class Store:
    """One SQLite connection and a lock so worker threads never interleave transactions.

    Reads use `conn` directly. A write runs in `writing()`, which hands the store functions
    a `Writer` (its `conn` is this connection); a store function called inside another's
    write gets a savepoint, so it can fail alone. None of this imports sqlite-utils: a
    command that writes one row does not pay for it. `db`, the sqlite-utils Database on the
    same connection, is still built on demand for whoever wants its helpers. Bulk writes
    stay plain `executemany` (province import: insert_all cost ~30% more CPU for the same rows).
    """

    def __init__(self, conn: sqlite3.Connection, path: Path | None, *, read_only: bool = False):
        self.conn = conn
        self.path = path
        # True when the data folder or file cannot be written: reading works, writes are
        # refused up front with a clear reason.
        self.read_only = read_only
        # The officer this window records as actor (chosen at start-up); None: the
        # database's current officer (store/officers.py).
        self.session_officer: str | None = None
        self.lock = threading.RLock()
        self._db: Database | None = None
        self._writer = Writer(self)

    @property
    def db(self) -> Database:
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self.conn, execute_plugins=False)
        return self._db

    def data_version(self) -> tuple[int, int]:
        """Changes to the data, cheaply: commits by other connections (PRAGMA data_version)
        and rows written through this one. Equal values: what was read is still current."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0], self.conn.total_changes

    def execute(self, sql: str, params: tuple | dict = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    @contextmanager
    def writing(self) -> Iterator[Writer]:
        """One atomic write: BEGIN IMMEDIATE (so two app windows queue rather than fail
        on a stale snapshot); any exception rolls everything back. Nested, a savepoint."""
        if self.read_only:
            raise StoreError(t("error.db_readonly"))
        with self.lock:
            conn = self.conn
            if conn.in_transaction:  # nested store call: a savepoint inside the outer one
                with self._writer.atomic():
                    yield self._writer
                return
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise StoreError(explain(exc)) from exc
            try:
                yield self._writer
                conn.execute("COMMIT")
            except sqlite3.OperationalError as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise StoreError(explain(exc)) from exc
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    @contextmanager
    def for_thread(self) -> Iterator[Store]:
        """This database on a connection of its own, for one worker thread; closed after.

        The UI thread goes on using `conn` meanwhile: the worker reads committed data only
        (WAL), and its writes wait on SQLite's lock (BEGIN IMMEDIATE, busy timeout) instead
        of running inside whatever the UI's connection has open. An in-memory database has
        no second connection, and a read-only one may be a private copy: the worker then
        shares this connection, holding `lock` so the two never interleave a transaction.
        """
        if self.path is None or self.read_only:
            with self.lock:
                yield self
            return
        conn = None
        try:
            conn = _connect(self.path)
            _configure(conn, memory=False)
        except (sqlite3.DatabaseError, StoreError) as exc:
            if conn is not None:
                conn.close()
            reason = explain(exc) if isinstance(exc, sqlite3.DatabaseError) else exc
            raise StoreError(t("error.db_open", path=self.path, reason=reason)) from exc
        other = Store(conn, self.path)
        other.session_officer = self.session_officer  # the worker writes as this window's officer
        try:
            yield other
        finally:
            other.close()

    def close(self) -> None:
        self.conn.close()


class Writer:
    """What `Store.writing()` yields: the connection (`conn`), inside the transaction, and
    `atomic()`, a savepoint for a part that may fail alone. Any other attribute is the
    sqlite-utils Database's (loaded then), so code written against it keeps working."""

    SAVEPOINT = "kehoach_write"  # SQLite's ROLLBACK TO / RELEASE name the innermost one

    def __init__(self, store: Store):
        self._store = store
        self.conn = store.conn

    @contextmanager
    def atomic(self) -> Iterator[Writer]:
        conn = self.conn
        if not conn.in_transaction:
            raise RuntimeError("atomic() belongs inside Store.writing()")
        conn.execute(f"SAVEPOINT {self.SAVEPOINT}")
        try:
            yield self
        except BaseException:
            # A RAISE(ROLLBACK) trigger can end the whole transaction, savepoint and all:
            # cleaning up then would hide the real error behind "no such savepoint".
            if conn.in_transaction:
                conn.execute(f"ROLLBACK TO SAVEPOINT {self.SAVEPOINT}")
                conn.execute(f"RELEASE SAVEPOINT {self.SAVEPOINT}")
            raise
        else:
            conn.execute(f"RELEASE SAVEPOINT {self.SAVEPOINT}")

    def __getattr__(self, name: str):
        return getattr(self._store.db, name)

    def __getitem__(self, table: str):
        return self._store.db[table]


def _connect(path: Path | str) -> sqlite3.Connection:
    # isolation_level=None: no implicit BEGIN from the sqlite3 module; transactions are
    # opened only by Store.writing(), so nothing commits half of a change.
    return sqlite3.connect(
        str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )


def _configure(conn: sqlite3.Connection, *, memory: bool) -> None:
    if not memory:
        mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if mode.lower() != "wal":
            raise StoreError(f"journal_mode={mode}")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


def _open_read_only(file_path: Path) -> sqlite3.Connection | None:
    """The database in a folder (or a file) that cannot be written: open it for reading.

    mode=ro reads through an existing WAL; immutable=1 (needed when SQLite cannot create the
    -shm file) is used only when no -wal file holds commits the main file lacks.
    """
    uri = file_path.resolve().as_uri()
    wal = file_path.with_name(file_path.name + "-wal")
    queries = ["mode=ro"] + ([] if wal.exists() and wal.stat().st_size else ["immutable=1"])
    for query in queries:
        conn = sqlite3.connect(f"{uri}?{query}", uri=True, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.DatabaseError:
            conn.close()
    if wal.exists():
        return _open_copy(file_path, wal)
    return None


def _open_copy(file_path: Path, wal: Path) -> sqlite3.Connection | None:
    """Last resort for a read-only folder holding a -wal but no -shm (a crash, then the
    folder became read-only): read a private copy, so the commits in the WAL still show."""
    import shutil
    import tempfile

    try:
        folder = Path(tempfile.mkdtemp(prefix="kehoach-ro-"))
        copy = folder / file_path.name
        shutil.copyfile(file_path, copy)
        shutil.copyfile(wal, folder / wal.name)
        conn = sqlite3.connect(copy, isolation_level=None, check_same_thread=False)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except (OSError, sqlite3.DatabaseError):
        return None


def _writable(file_path: Path) -> bool:
    """Whether SQLite can write here. access() also sees read-only mounts and immutable files."""
    return os.access(file_path, os.W_OK) and os.access(file_path.parent, os.W_OK)


def _cannot_write(exc: sqlite3.DatabaseError) -> bool:
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_CANTOPEN", "SQLITE_READONLY"))


def open_store(path: Path | str | None, *, migrate_to: int | None = None, create: bool = True) -> Store:
    """Open (creating folder and file when asked) and migrate. ":memory:" for tests.

    A database that exists but cannot be written (read-only folder, USB stick with the
    write lock on) opens read-only: everything can be read, every write is refused clearly.
    """
    memory = path in (None, ":memory:")
    conn = None
    file_path = None if memory else Path(path)
    try:
        if memory:
            conn = _connect(":memory:")
        else:
            if not file_path.exists():
                if not create:
                    raise StoreError(t("error.db_open", path=file_path, reason="không có tệp"))
                file_path.parent.mkdir(parents=True, exist_ok=True)
            conn = _connect(file_path)
        # Refuse a newer schema (or a province database) before touching anything.
        _refuse_newer(conn, path)
        _configure(conn, memory=memory)
    except sqlite3.DatabaseError as exc:
        if conn is not None:
            conn.close()
        if file_path is not None and file_path.is_file() and _cannot_write(exc):
            return _read_only_store(file_path, exc)
        raise StoreError(t("error.db_open", path=path, reason=explain(exc))) from exc
    except OSError as exc:
        raise StoreError(t("error.db_open", path=path, reason=os_reason(exc))) from exc
    except StoreError:
        if conn is not None:
            conn.close()
        raise
    if file_path is not None and not _writable(file_path):
        # SQLite opened it (the WAL and its index were already there) but cannot write.
        conn.close()
        return _read_only_store(file_path, sqlite3.OperationalError("attempt to write a readonly database"))
    store = Store(conn, file_path)
    try:
        _backup_before_migrating(store, migrate_to)
        migrate(store, MIGRATIONS, upto=migrate_to)
    except sqlite3.DatabaseError as exc:
        store.close()
        raise StoreError(t("error.db_open", path=path, reason=explain(exc))) from exc
    return store


def _backup_before_migrating(store: Store, upto: int | None) -> None:
    """An existing database about to get a newer schema (the app was upgraded) is copied to
    the backups folder first; if the copy cannot be made, nothing is migrated."""
    found = schema_version(store.conn)
    if store.path is None or found < 1 or found >= (upto or SCHEMA_VERSION):
        return
    from .backup import before_migration

    try:
        before_migration(store.path)
    except StoreError:
        store.close()
        raise


def _refuse_newer(conn: sqlite3.Connection, path: Path | str | None) -> None:
    """A database this app must not open: a newer schema, or a province database."""
    if conn.execute("PRAGMA application_id").fetchone()[0] == PROVINCE_APPLICATION_ID:
        raise StoreError(t("error.db_is_province", path=path))
    found = schema_version(conn)
    if found > SCHEMA_VERSION:
        raise StoreError(t("error.db_newer", found=found, known=SCHEMA_VERSION))


def _read_only_store(file_path: Path, original: sqlite3.DatabaseError) -> Store:
    conn = _open_read_only(file_path)
    if conn is None:
        raise StoreError(t("error.db_open", path=file_path, reason=explain(original))) from original
    try:
        _refuse_newer(conn, file_path)
        if schema_version(conn) < SCHEMA_VERSION:
            raise StoreError(t("error.db_readonly_old", path=file_path))
        conn.execute("PRAGMA foreign_keys=ON")
    except BaseException:
        conn.close()
        raise
    return Store(conn, file_path, read_only=True)
