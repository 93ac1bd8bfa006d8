"""Store rules: pragmas, migrations, one transaction per change with its log entry."""

from __future__ import annotations

import json
import sqlite3

import pytest

from kehoach_tui.store import SCHEMA_VERSION, StoreError, open_store
from kehoach_tui.store.changelog import row_after
from kehoach_tui.store.rows import delete_row, insert_row, update_row


def count(store, table):
    return store.db.conn.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0]


def test_pragmas(store):
    conn = store.db.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_migrations_from_empty(store):
    assert store.db.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    tables = set(store.db.table_names())
    assert {"settings", "changes", "plans", "plan_groups", "tasks", "targets", "report_schedules"} <= tables


def test_migrate_each_step(db_path):
    """A database made at every earlier version opens and reaches the current one."""
    for version in range(0, SCHEMA_VERSION):
        path = db_path.with_name(f"v{version}.db")
        open_store(path, migrate_to=version).close()
        reopened = open_store(path)
        assert reopened.db.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        reopened.close()


def test_newer_schema_refused_untouched(db_path):
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 5}")
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="mới hơn"):
        open_store(db_path)
    assert db_path.read_bytes() == before


def test_insert_writes_row_and_change(seeded):
    with seeded.writing() as db:
        row = insert_row(db, "plan_groups", {"plan_id": seeded_plan(seeded), "code": "9", "title": "Thử", "position": 9},
                         actor="A", commune_code="16969")
    change = seeded.db.conn.execute(
        "SELECT entity, entity_id, op, before, after, seq FROM changes ORDER BY seq DESC LIMIT 1").fetchone()
    assert change[:3] == ("plan_groups", row["id"], "insert")
    # no image in the entry: the row is it, as the entry left it
    assert change[3] is None and change[4] is None
    assert row_after(seeded.db.conn, "plan_groups", row["id"], change[5])["title"] == "Thử"
    for column in ("id", "commune_code", "created_at", "updated_at", "updated_by", "version", "deleted"):
        assert column in row
    assert row["created_at"].endswith("Z")


def seeded_plan(store):
    return store.db.conn.execute("SELECT id FROM plans").fetchone()[0]


def test_exception_inside_store_function_leaves_nothing(seeded):
    rows, changes = count(seeded, "plan_groups"), count(seeded, "changes")
    with pytest.raises(RuntimeError), seeded.writing() as db:
        insert_row(db, "plan_groups", {"plan_id": seeded_plan(seeded), "code": "9", "title": "x", "position": 9},
                   actor="A", commune_code="16969")
        raise RuntimeError("boom")
    assert count(seeded, "plan_groups") == rows
    assert count(seeded, "changes") == changes


def test_failed_statement_rolls_back_earlier_ones(seeded):
    changes = count(seeded, "changes")
    with pytest.raises(sqlite3.IntegrityError), seeded.writing() as db:
        insert_row(db, "plan_groups", {"plan_id": seeded_plan(seeded), "code": "9", "title": "x", "position": 9},
                   actor="A", commune_code="16969")
        insert_row(db, "plan_groups", {"plan_id": "no-such-plan", "code": "8", "title": "y", "position": 8},
                   actor="A", commune_code="16969")  # foreign key fails
    assert count(seeded, "changes") == changes


def test_a_nested_write_that_fails_rolls_back_alone(seeded):
    """A store function called inside another's write gets a savepoint: its failure undoes
    its own rows, the outer write goes on and commits."""
    groups = count(seeded, "plan_groups")
    with seeded.writing() as db:
        insert_row(db, "plan_groups", {"plan_id": seeded_plan(seeded), "code": "9", "title": "x", "position": 9},
                   actor="A", commune_code="16969")
        with pytest.raises(RuntimeError), seeded.writing() as inner:
            insert_row(inner, "plan_groups", {"plan_id": seeded_plan(seeded), "code": "8", "title": "y",
                                              "position": 8}, actor="A", commune_code="16969")
            raise RuntimeError("boom")
        assert seeded.conn.in_transaction
    assert count(seeded, "plan_groups") == groups + 1
    assert seeded.conn.execute("SELECT code FROM plan_groups WHERE code IN ('8', '9')").fetchall() == [("9",)]


def test_writing_needs_no_sqlite_utils(db_path):
    """A command that writes one row does not import sqlite-utils (≈0.2 s on a slow PC)."""
    import subprocess
    import sys

    code = (
        "import sys\nfrom kehoach_tui.store import open_store\n"
        "from kehoach_tui.store.settings import put_settings\n"
        f"s = open_store({str(db_path)!r})\nput_settings(s, {{'k': 'v'}}, actor='A')\n"
        "assert s.conn.execute(\"SELECT count(*) FROM changes\").fetchone()[0] == 1\n"
        "print([m for m in sys.modules if m.split('.')[0] == 'sqlite_utils'])\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8")
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"


def test_update_bumps_version_and_logs_before_after(seeded):
    task_id = seeded.db.conn.execute("SELECT id FROM tasks WHERE code = '1.1'").fetchone()[0]
    with seeded.writing() as db:
        after = update_row(db, "tasks", task_id, {"progress": 40, "status": "in_progress"}, actor="B")
    assert after["version"] == 2 and after["updated_by"] == "B"
    before_json, after_json = seeded.db.conn.execute(
        "SELECT before, after FROM changes WHERE entity_id = ? AND op = 'update'", (task_id,)).fetchone()
    assert json.loads(before_json)["progress"] == 0 and json.loads(after_json)["progress"] == 40


def test_noop_update_writes_nothing(seeded):
    task_id = seeded.db.conn.execute("SELECT id FROM tasks WHERE code = '1.1'").fetchone()[0]
    changes = count(seeded, "changes")
    with seeded.writing() as db:
        update_row(db, "tasks", task_id, {"progress": 0}, actor="B")
    assert count(seeded, "changes") == changes


def test_delete_is_a_tombstone(seeded):
    task_id = seeded.db.conn.execute("SELECT id FROM tasks WHERE code = '1.1'").fetchone()[0]
    with seeded.writing() as db:
        delete_row(db, "tasks", task_id, actor="B")
    assert seeded.db.conn.execute("SELECT deleted, version FROM tasks WHERE id = ?", (task_id,)).fetchone() == (1, 2)


def test_writes_outside_transaction_refused(seeded):
    with pytest.raises(RuntimeError):
        insert_row(seeded.db, "plan_groups", {"code": "x"}, actor="A", commune_code="1")


def test_change_seq_monotonic(seeded):
    seqs = [r[0] for r in seeded.db.conn.execute("SELECT seq FROM changes ORDER BY rowid")]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)


def test_migrations_numbered_in_order():
    """Migrations are 1..N with no gap or repeat (a database at N never skips one)."""
    from kehoach_tui.store.migrations import MIGRATIONS

    numbers = [number for number, _ in MIGRATIONS]
    # 8 belongs to another area's branch; once both are merged it is in the list like the rest.
    reserved: set[int] = set()  # numbers kept free for another branch (none now)
    assert sorted(set(numbers) | reserved) == list(range(1, len(numbers) + len(reserved) + 1))
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
