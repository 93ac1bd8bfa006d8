"""The one migration runner, for the commune database and the province database alike.

A database's migrations are a list of (number, SQL script); PRAGMA user_version holds the
number applied last. Each migration runs in its own write transaction, so a power cut
leaves the database at the previous version, never half way.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ..errors import StoreError
from ..i18n import t

if TYPE_CHECKING:
    from .db import Store

# (number, SQL script, or a function of the connection run inside the same transaction)
Migrations = Sequence[tuple[int, "str | Callable[[sqlite3.Connection], None]"]]


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def split_statements(sql: str) -> list[str]:
    """The statements of a script, cut where SQLite itself says a statement ends.

    A ';' inside a string literal, a comment or a trigger body does not end a statement,
    so cutting on every ';' would break such a migration. executescript() is no way out:
    it commits the open transaction first, and a migration must stay inside its own.
    The last statement may lack its ';'.
    """
    statements: list[str] = []
    current = ""
    pieces = sql.split(";")
    for number, piece in enumerate(pieces):
        current += piece
        if number == len(pieces) - 1:
            break
        current += ";"
        if sqlite3.complete_statement(current):
            if _has_sql(current):
                statements.append(current.strip())
            current = ""
    if _has_sql(current):
        statements.append(current.strip())
    return statements


def _has_sql(text: str) -> bool:
    """Something besides blanks, ';' and comments (a lone comment is no statement)."""
    lines = [line.split("--", 1)[0] for line in text.splitlines()]
    return bool("".join(lines).replace(";", "").strip())


def migrate(store: Store, migrations: Migrations, *, upto: int | None = None) -> int:
    """Apply every pending migration (up to `upto` when given), each in its own
    transaction. Returns the version reached; refuses a database newer than the list."""
    conn = store.conn
    known = migrations[-1][0] if migrations else 0
    current = schema_version(conn)
    if current > known:
        raise StoreError(t("error.db_newer", found=current, known=known))
    for number, sql in migrations:
        if number <= current or (upto is not None and number > upto):
            continue
        with store.writing():
            # Read again under the write lock: another window opening the same database at
            # the same moment may have applied this migration already.
            current = schema_version(conn)
            if current >= number:
                continue
            if callable(sql):  # a migration that must compute (store/changelog.py shrink_log)
                sql(conn)
            else:
                for statement in split_statements(sql):
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version={number}")
        current = number
    return current
