"""Opening the database: pragmas, migrations, and the one write-transaction helper."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import StoreError
from ..i18n import t
from .migrations import MIGRATIONS

if TYPE_CHECKING:
    from sqlite_utils import Database

SCHEMA_VERSION = MIGRATIONS[-1][0]
BUSY_TIMEOUT_MS = 5000
PROVINCE_APPLICATION_ID = 0x4B485056  # "KHPV": the file is a province database


def explain(exc: BaseException) -> str:
    """One-line reason for an SQLite error (read-only folder, disk full, locked)."""
    text = str(exc).lower()
    if "readonly" in text or "read-only" in text or "full" in text or "disk i/o" in text:
        return t("error.db_readonly")
    if "locked" in text or "busy" in text:
        return t("error.db_busy")
    return str(exc)


class Store:
    """One SQLite connection, its sqlite-utils Database, and a lock so worker threads never
    interleave transactions.

    Reads use `conn` directly; the sqlite-utils Database (`db`) is built on first write, so
    opening the app to read costs no sqlite-utils import (start-up on slow PCs).
    """

    def __init__(self, conn: sqlite3.Connection, path: Path | None):
        self.conn = conn
        self.path = path
        self.lock = threading.RLock()
        self._db = None

    @property
    def db(self) -> Database:
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self.conn, execute_plugins=False)
        return self._db

    def execute(self, sql: str, params: tuple | dict = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    @contextmanager
    def writing(self) -> Iterator[Database]:
        """One atomic write: BEGIN IMMEDIATE (so two app windows queue rather than fail
        on a stale snapshot), then db.atomic(); any exception rolls everything back."""
        with self.lock:
            conn = self.conn
            if conn.in_transaction:  # nested store call: a savepoint inside the outer one
                with self.db.atomic():
                    yield self.db
                return
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise StoreError(explain(exc)) from exc
            try:
                with self.db.atomic():
                    yield self.db
                conn.execute("COMMIT")
            except sqlite3.OperationalError as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise StoreError(explain(exc)) from exc
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    def close(self) -> None:
        self.conn.close()


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


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(store: Store, *, upto: int | None = None) -> int:
    """Apply every pending migration, each in its own transaction. Returns the version."""
    conn = store.conn
    current = schema_version(conn)
    if current > SCHEMA_VERSION:
        raise StoreError(t("error.db_newer", found=current, known=SCHEMA_VERSION))
    for number, sql in MIGRATIONS:
        if number <= current or (upto is not None and number > upto):
            continue
        with store.writing():
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version={number}")
        current = number
    return current


def _statements(sql: str) -> list[str]:
    return [s.strip() for s in sql.split(";") if s.strip()]


def open_store(path: Path | str | None, *, migrate_to: int | None = None, create: bool = True) -> Store:
    """Open (creating folder and file when asked) and migrate. ":memory:" for tests."""
    memory = path in (None, ":memory:")
    try:
        if memory:
            conn = _connect(":memory:")
            file_path = None
        else:
            file_path = Path(path)
            if not file_path.exists():
                if not create:
                    raise StoreError(t("error.db_open", path=file_path, reason="không có tệp"))
                file_path.parent.mkdir(parents=True, exist_ok=True)
            conn = _connect(file_path)
        # Refuse a newer schema (or a province database) before touching anything.
        if conn.execute("PRAGMA application_id").fetchone()[0] == PROVINCE_APPLICATION_ID:
            conn.close()
            raise StoreError(t("error.db_is_province", path=path))
        found = schema_version(conn)
        if found > SCHEMA_VERSION:
            conn.close()
            raise StoreError(t("error.db_newer", found=found, known=SCHEMA_VERSION))
        _configure(conn, memory=memory)
    except sqlite3.DatabaseError as exc:
        raise StoreError(t("error.db_open", path=path, reason=explain(exc))) from exc
    except OSError as exc:
        raise StoreError(t("error.db_open", path=path, reason=exc.strerror or exc)) from exc
    store = Store(conn, file_path)
    try:
        migrate(store, upto=migrate_to)
    except sqlite3.DatabaseError as exc:
        store.close()
        raise StoreError(t("error.db_open", path=path, reason=explain(exc))) from exc
    return store
