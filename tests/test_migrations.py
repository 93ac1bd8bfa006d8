"""Migrations: a database made by each earlier schema version opens and migrates with its
data intact; one from a newer version is refused with a clear message and left untouched.

tests/data/schema-v<N>.sql are databases made by released schema versions (kept as SQL so
they diff); each later version must open them. When a migration is added, add the file for
the version it replaces (see the header of schema-v1.sql for how it was made).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kehoach_tui.cli import main
from kehoach_tui.store import SCHEMA_VERSION, StoreError, open_store
from kehoach_tui.store.plans import get_task, list_tasks
from kehoach_tui.store.rows import update_row
from kehoach_tui.store.setup import is_initialised

from .crash_harness import log_mismatches

DATA = Path(__file__).parent / "data"
FROZEN = sorted(DATA.glob("schema-v*.sql"))


def build(sql_file: Path, target: Path) -> Path:
    conn = sqlite3.connect(target)
    conn.executescript(sql_file.read_text(encoding="utf-8"))
    conn.close()
    return target


def table_counts(conn) -> dict[str, int]:
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {n: conn.execute(f"SELECT count(*) FROM [{n}]").fetchone()[0] for n in names}


@pytest.mark.parametrize("sql_file", FROZEN, ids=[p.stem for p in FROZEN])
def test_frozen_database_of_an_earlier_version_opens(sql_file, tmp_path):
    path = build(sql_file, tmp_path / "old.db")
    raw = sqlite3.connect(path)
    before = table_counts(raw)
    raw.close()
    store = open_store(path)
    try:
        conn = store.db.conn
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        after = table_counts(conn)
        assert {k: after[k] for k in before} == before  # nothing lost on the way
        assert is_initialised(store) and len(list_tasks(store)) == 34
        assert get_task(store, "3.4.c").progress == 40
        assert log_mismatches(store) == []
        with store.writing() as db:  # and it can be written at the new version
            update_row(db, "tasks", get_task(store, "1.1").id, {"progress": 10}, actor="T")
    finally:
        store.close()


def test_frozen_files_exist_for_every_released_version():
    assert FROZEN, "tests/data/schema-v1.sql is missing"
    assert int(FROZEN[0].stem.split("v")[1]) == 1


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_each_earlier_version_with_data_migrates(version, tmp_path):
    from kehoach_tui.communes import commune_by_code
    from kehoach_tui.plan_files import resolve_plan
    from kehoach_tui.store.setup import initialise

    path = tmp_path / f"v{version}.db"
    store = open_store(path, migrate_to=version)
    initialise(store, plan=resolve_plan("nghia-tho"), commune=commune_by_code("16969"), officer="A")
    store.close()
    store = open_store(path)
    try:
        assert store.db.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert len(list_tasks(store)) == 34
    finally:
        store.close()


def _newer(path: Path, *, wal: bool) -> None:
    conn = sqlite3.connect(path)
    if wal:
        conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE future (x)")
    conn.execute("INSERT INTO future VALUES (1)")
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("wal", [False, True], ids=["rollback-journal", "wal"])
def test_newer_version_refused_and_untouched(tmp_path, wal):
    path = tmp_path / "new.db"
    _newer(path, wal=wal)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="phiên bản mới hơn"):
        open_store(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.db"]


def test_newer_version_refused_by_cli_and_tui_start(tmp_path, capsys):
    path = tmp_path / "new.db"
    _newer(path, wal=True)
    before = path.read_bytes()
    for args in (["tasks"], [], ["init"]):
        code = 0
        try:
            main(["--db", str(path), *args])
        except SystemExit as exc:
            code = exc.code
        _, err = capsys.readouterr()
        assert code == 1 and "mới hơn" in err and "Traceback" not in err, args
        assert len(err.strip().splitlines()) == 1
    assert path.read_bytes() == before


# --- the one runner both databases use (store/migrate.py) -------------------------------------

TRICKY = """
-- a comment; with a semicolon
CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL DEFAULT 'a; b');
CREATE TABLE log (note_id INTEGER, said TEXT);
CREATE TRIGGER notes_logged AFTER INSERT ON notes BEGIN
    INSERT INTO log (note_id, said) VALUES (new.id, 'first; ');
    INSERT INTO log (note_id, said) VALUES (new.id, 'second');
END;
INSERT INTO notes (body) VALUES ('x;y;z')
"""


def test_statements_are_split_where_sqlite_ends_them():
    from kehoach_tui.store.migrate import split_statements

    statements = split_statements(TRICKY)
    assert len(statements) == 4  # the leading comment travels with the first statement
    assert statements[0].endswith("DEFAULT 'a; b');")
    assert statements[2].startswith("CREATE TRIGGER") and statements[2].endswith("END;")
    assert statements[3] == "INSERT INTO notes (body) VALUES ('x;y;z')"  # last one needs no ';'
    assert split_statements("  ;\n-- only a comment\n") == []


def test_one_runner_applies_a_tricky_migration_in_one_transaction(tmp_path):
    from kehoach_tui.store.db import Store, _connect
    from kehoach_tui.store.migrate import migrate

    store = Store(_connect(tmp_path / "x.db"), tmp_path / "x.db")
    try:
        assert migrate(store, [(1, TRICKY)]) == 1
        conn = store.conn
        assert conn.execute("SELECT body FROM notes").fetchall() == [("x;y;z",)]
        assert conn.execute("SELECT said FROM log ORDER BY rowid").fetchall() == [("first; ",), ("second",)]
        assert conn.execute("INSERT INTO notes DEFAULT VALUES RETURNING body").fetchone() == ("a; b",)
        # a failing migration leaves the version and the tables as they were
        with pytest.raises(StoreError, match="missing"):
            migrate(store, [(1, TRICKY), (2, "CREATE TABLE later (x); SELECT * FROM missing")])
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'later'").fetchone()[0] == 0
        with pytest.raises(StoreError, match="mới hơn"):
            migrate(store, [])
    finally:
        store.close()


def test_province_database_uses_the_same_runner(tmp_path):
    from kehoach_tui.province.store.db import open_province
    from kehoach_tui.province.store.schema import PROVINCE_SCHEMA_VERSION

    store = open_province(tmp_path / "province.db", create=True)
    try:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == PROVINCE_SCHEMA_VERSION
    finally:
        store.close()
