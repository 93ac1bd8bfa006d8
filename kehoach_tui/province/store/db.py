"""Opening the province database: same durability rules as the commune store (WAL,
synchronous=FULL, one Store.writing() per change), its own schema and migrations, run by
the same migrate() as the commune's."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ...atomic_write import flush_file
from ...errors import StoreError, os_reason
from ...i18n import t
from ...store.db import PROVINCE_APPLICATION_ID, Store, _configure, _connect, explain
from ...store.kinds import DatabaseKind, Described
from ...store.migrate import migrate, schema_version
from .schema import PROVINCE_MIGRATIONS, PROVINCE_SCHEMA_VERSION


def open_province(path: Path | str, *, create: bool = False) -> Store:
    """The province database at path. create=True makes a new one (province init);
    otherwise a missing file or a commune database is refused with a one-line reason."""
    path = Path(path)
    if not path.exists() and not create:
        raise StoreError(t("province.err_no_db", path=path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = _connect(path)
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = schema_version(conn)
        empty = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
        if app_id != PROVINCE_APPLICATION_ID and not (create and empty and version == 0):
            conn.close()
            raise StoreError(t("province.err_not_province_db", path=path))
        if version > PROVINCE_SCHEMA_VERSION:
            conn.close()
            raise StoreError(t("error.db_newer", found=version, known=PROVINCE_SCHEMA_VERSION))
        _configure(conn, memory=False)
        conn.execute("PRAGMA cache_size=-32768")  # 32 MiB: a national import touches a big index
        if app_id != PROVINCE_APPLICATION_ID:
            conn.execute(f"PRAGMA application_id={PROVINCE_APPLICATION_ID}")
    except sqlite3.DatabaseError as exc:
        raise StoreError(t("error.db_open", path=path, reason=explain(exc))) from exc
    except OSError as exc:
        raise StoreError(t("error.db_open", path=path, reason=os_reason(exc))) from exc
    store = Store(conn, path)
    try:
        migrate(store, PROVINCE_MIGRATIONS)
    except sqlite3.DatabaseError as exc:
        store.close()
        raise StoreError(t("error.db_open", path=path, reason=explain(exc))) from exc
    return store


def _identity(conn: sqlite3.Connection) -> str:
    row = conn.execute("SELECT value FROM meta WHERE key = 'province_code'").fetchone()
    return row[0] if row else ""


def _describe(conn: sqlite3.Connection) -> Described:
    name = conn.execute("SELECT value FROM meta WHERE key = 'province_name'").fetchone()
    keys = conn.execute("SELECT count(*) FROM communes WHERE public_key IS NOT NULL").fetchone()[0]
    bundles, last = conn.execute("SELECT count(*), max(imported_at) FROM bundles").fetchone()
    return Described(name[0] if name else "", keys, bundles, last or "")


def province_kind() -> DatabaseKind:
    """The province database, as doctor, backup and restore see it."""
    return DatabaseKind("province", PROVINCE_APPLICATION_ID, PROVINCE_SCHEMA_VERSION, ("meta", "communes", "audit"),
                        open_province, "province", _identity, _describe)


@contextmanager
def commits_synced_later(store: Store) -> Iterator[None]:
    """Commits that do not each wait for the disk: in WAL mode, synchronous=NORMAL keeps the
    database whole through a power cut and may only lose the last commits; sync_log()
    makes every commit so far durable. The import commits each bundle on its own and syncs
    before it writes receipts, so no receipt ever names a bundle the disk might lose."""
    store.conn.execute("PRAGMA synchronous=NORMAL")
    try:
        yield
    finally:
        try:
            sync_log(store)
        finally:
            store.conn.execute("PRAGMA synchronous=FULL")


def sync_log(store: Store) -> None:
    """Flush the write-ahead log to the disk: every transaction committed so far survives a
    power cut."""
    if store.path is None:
        return
    try:
        flush_file(Path(f"{store.path}-wal"))
    except FileNotFoundError:
        return  # checkpointed and removed: the database file itself was synced
