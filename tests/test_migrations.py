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
