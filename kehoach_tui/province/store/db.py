"""Opening the province database: same durability rules as the commune store (WAL,
synchronous=FULL, one Store.writing() per change), its own schema and migrations, run by
the same migrate() as the commune's."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ...errors import StoreError, os_reason
from ...i18n import t
from ...store.db import PROVINCE_APPLICATION_ID, Store, _configure, _connect, explain
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
