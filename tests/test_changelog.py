"""The change log holds diffs (store/changelog.py): every record folds back from them, and
migration 11 turns a log of whole before/after rows into exactly the diffs written today."""

from __future__ import annotations

import json
import sqlite3

from kehoach_tui.store import open_store
from kehoach_tui.store.changelog import STAMP, dumps, fold_all, synced_entities
from kehoach_tui.store.rows import delete_row, insert_row, query, update_row
from tests import figures_scenario as scenario
from tests.report_data import on_day


def _recorded(store) -> None:
    """The reports scenario's month (updates, values, checks, incidents, a run), plus a
    group added, renamed and tombstoned: every kind of entry."""
    from kehoach_tui.communes import commune_by_code
    from kehoach_tui.plan_files import resolve_plan
    from kehoach_tui.store import checklist
    from kehoach_tui.store.setup import initialise

    with on_day("2025-10-30"):
        initialise(store, plan=resolve_plan("nghia-tho"), commune=commune_by_code("16969"), officer=scenario.OFFICER)
        checklist.ensure_items(store, scenario.OFFICER)
    scenario.record(store)
    with store.writing() as db:
        plan = db.conn.execute("SELECT id FROM plans LIMIT 1").fetchone()[0]
        row = insert_row(db, "plan_groups", {"plan_id": plan, "code": "X", "title": "Nhóm", "position": 9},
                         actor="T", commune_code="16969")
        update_row(db, "plan_groups", row["id"], {"title": "Nhóm mới"}, actor="T")
        delete_row(db, "plan_groups", row["id"], actor="T")


def _mismatches(store) -> list[str]:
    conn = store.db.conn
    problems = []
    for table in synced_entities(conn):
        folded = fold_all(conn, table)
        for row in query(conn, f"SELECT * FROM [{table}]"):
            image = folded.pop(row["id"], None)
            if image is None:
                problems.append(f"{table} {row['id']}: no entry")
                continue
            # An insert logs the values given; a column left to its DEFAULT is not in it.
            problems += [f"{table} {row['id']}.{k}: {v!r} ≠ {row.get(k)!r}" for k, v in image.items()
                         if k not in row or row[k] != v]
        problems += [f"{table} {i}: entry without row" for i in folded]
    return problems


def test_every_record_folds_back_from_its_diffs(db_path):
    store = open_store(db_path)
    try:
        _recorded(store)
        assert _mismatches(store) == []
        conn = store.db.conn
        updates = conn.execute("SELECT entity, before, after FROM changes WHERE op != 'insert'"
                               " AND entity IN ('tasks', 'incidents', 'checklist_marks', 'plan_groups')").fetchall()
        assert updates
        for entity, before, after in updates:  # only what changed, with its old value
            old, new = json.loads(before), json.loads(after)
            assert set(old) == set(new) and set(STAMP) <= set(new), entity
            assert all(old[k] != new[k] for k in new if k not in STAMP), (entity, old, new)
        tombstone = json.loads(conn.execute("SELECT after FROM changes WHERE op = 'delete'").fetchone()[0])
        assert set(tombstone) == {"deleted", *STAMP} and tombstone["deleted"] == 1
    finally:
        store.close()


def _defaults(conn: sqlite3.Connection, table: str) -> dict:
    """The columns an insert leaves to their DEFAULT, as the row then read them."""
    return {name: conn.execute(f"SELECT {default}").fetchone()[0]
            for _, name, _, _, default, _ in conn.execute(f"PRAGMA table_info([{table}])") if default is not None}


def _whole_rows(conn: sqlite3.Connection) -> None:
    """Rewrite the log as schema 10 wrote it: whole rows before and after every change."""
    rows: dict[tuple[str, str], dict] = {}
    entities = set(synced_entities(conn))
    for seq, entity, entity_id, op, after in conn.execute(
            "SELECT seq, entity, entity_id, op, after FROM changes ORDER BY seq").fetchall():
        if entity not in entities:
            continue
        before = rows.get((entity, entity_id))
        image = {**_defaults(conn, entity), **json.loads(after)} if op == "insert" else {**before, **json.loads(after)}
        rows[(entity, entity_id)] = image
        if op != "insert":
            conn.execute("UPDATE changes SET before = ?, after = ? WHERE seq = ?",
                         (json.dumps(before), json.dumps(image), seq))


def test_migration_11_turns_whole_rows_into_the_same_diffs(db_path):
    store = open_store(db_path)
    try:
        _recorded(store)
        written = store.db.conn.execute("SELECT seq, before, after FROM changes ORDER BY seq").fetchall()
    finally:
        store.close()
    conn = sqlite3.connect(db_path)
    _whole_rows(conn)
    conn.execute("CREATE INDEX changes_entity ON changes(entity, entity_id)")
    conn.execute("ALTER TABLE sync_receipts DROP COLUMN resend_from")  # migration 12's: not there yet at 10
    conn.execute("PRAGMA user_version = 10")
    conn.commit()
    conn.close()
    store = open_store(db_path)
    try:
        conn = store.db.conn
        migrated = conn.execute("SELECT seq, before, after FROM changes ORDER BY seq").fetchall()
        assert migrated == [(seq, b and dumps(json.loads(b)), a and dumps(json.loads(a))) for seq, b, a in written]
        assert _mismatches(store) == []
        assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'changes_entity'").fetchone()
    finally:
        store.close()
