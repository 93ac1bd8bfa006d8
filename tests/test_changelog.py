"""The change log holds diffs (store/changelog.py): every record, walked back through its
entries, reaches the state its insert made, and migrations 11 and 13 turn a log of whole
before/after rows into exactly the entries written today."""

from __future__ import annotations

import json
import sqlite3

from kehoach_tui.store import open_store
from kehoach_tui.store.changelog import DERIVED, dumps, rows_at, synced_entities
from kehoach_tui.store.rows import delete_row, insert_row, update_row
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
    """Each row walked back through all its entries must reach what its insert wrote:
    version 1, stamped by the insert entry, not deleted; and every version bump on the way
    had its entry (the versions count down one by one to 1)."""
    conn = store.db.conn
    problems = []
    for table in synced_entities(conn):
        rows = rows_at(conn, table)
        inserts = dict(conn.execute(
            "SELECT entity_id, at FROM changes WHERE entity = ? AND op = 'insert'", (table,)))
        for entity_id, row in rows.items():
            if entity_id not in inserts:
                problems.append(f"{table} {entity_id}: no insert entry")
                continue
            version = row["version"]
            for before, after in conn.execute(
                    "SELECT before, after FROM changes WHERE entity = ? AND entity_id = ? AND op != 'insert'"
                    " ORDER BY seq DESC", (table, entity_id)):
                if json.loads(after)["version"] != version:
                    problems.append(f"{table} {entity_id}: entry for version {json.loads(after)['version']}"
                                    f" where {version} was due")
                row.update(json.loads(before))
                version -= 1
            if version != 1 or row["version"] != 1 or row["deleted"] or row["created_at"] != inserts[entity_id]:
                problems.append(f"{table} {entity_id}: walks back to version {version}, not to its insert")
        problems += [f"{table} {i}: entry without row" for i in inserts if i not in rows]
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
        for entity, before, after in updates:  # only what changed, its old value, the new version
            old, new = json.loads(before), json.loads(after)
            assert set(old) == set(new) - {"updated_at", "updated_by"} and "version" in old, (entity, old, new)
            assert not set(DERIVED) & set(new), entity
            assert all(old[k] != new[k] for k in old), (entity, old, new)
            assert new["version"] == old["version"] + 1, (entity, old, new)
        tombstone = json.loads(conn.execute("SELECT after FROM changes WHERE op = 'delete'").fetchone()[0])
        assert set(tombstone) == {"deleted", "version"} and tombstone["deleted"] == 1
        # an insert logs no image: the row is it
        entities = synced_entities(conn)
        marks = ", ".join("?" for _ in entities)
        assert not conn.execute(f"SELECT count(*) FROM changes WHERE op = 'insert' AND after IS NOT NULL"
                                f" AND entity IN ({marks})", entities).fetchone()[0]
    finally:
        store.close()


def _whole_rows(conn: sqlite3.Connection) -> None:
    """Rewrite the log as schema 10 wrote it: whole rows before and after every change (each
    row's states found by walking back from the table through its entries)."""
    for entity in synced_entities(conn):
        for entity_id, row in rows_at(conn, entity).items():
            entries = conn.execute("SELECT seq, at, actor, op, before, after FROM changes"
                                   " WHERE entity = ? AND entity_id = ? ORDER BY seq", (entity, entity_id)).fetchall()
            states = [dict(row)]  # after each entry, newest first
            for n in range(len(entries) - 1, 0, -1):
                _, _, _, _, before, _ = entries[n]
                _, at, actor, _, _, _ = entries[n - 1]
                states.append({**states[-1], **json.loads(before), "updated_at": at, "updated_by": actor})
            states.reverse()
            for (seq, _, _, op, _, _), n in zip(entries, range(len(entries)), strict=True):
                if op == "insert":
                    conn.execute("UPDATE changes SET after = ? WHERE seq = ?", (json.dumps(states[n]), seq))
                else:
                    conn.execute("UPDATE changes SET before = ?, after = ? WHERE seq = ?",
                                 (json.dumps(states[n - 1]), json.dumps(states[n]), seq))


def test_migrations_11_and_13_turn_whole_rows_into_the_same_entries(db_path):
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


def _reference_rows_at(conn, entity: str, moment: str) -> dict:
    """rows_at as first written: the whole table, every later entry undone, and who and when
    looked up for every row (not only the rows the undoing reached)."""
    from kehoach_tui.store.changelog import unpack_after

    cursor = conn.execute(f"SELECT * FROM [{entity}]")
    names = [c[0] for c in cursor.description]
    rows = {r["id"]: r for r in (dict(zip(names, row, strict=True)) for row in cursor)}
    for entity_id, op, before in conn.execute("SELECT entity_id, op, before FROM changes WHERE entity = ?"
                                              " AND at >= ? ORDER BY seq DESC", (entity, moment)):
        if entity_id in rows:
            if op == "insert":
                del rows[entity_id]
            else:
                rows[entity_id].update(json.loads(before) if before else {})
    for entity_id, at, actor, after in conn.execute(
            "SELECT c.entity_id, c.at, c.actor, c.after FROM changes c JOIN (SELECT max(seq) AS seq FROM changes"
            " WHERE entity = ? AND at < ? GROUP BY entity_id) m ON c.seq = m.seq", (entity, moment)):
        if entity_id in rows:
            stamp = unpack_after(after, at=at, actor=actor)
            rows[entity_id]["updated_at"], rows[entity_id]["updated_by"] = stamp["updated_at"], stamp["updated_by"]
    return rows


def test_rows_as_they_stood_read_once_with_fewer_columns_are_the_same(db_path):
    from kehoach_tui.store.changelog import rows_at_each

    store = open_store(db_path)
    try:
        _recorded(store)
        conn = store.db.conn
        moments = [at for (at,) in conn.execute("SELECT DISTINCT at FROM changes ORDER BY at")]
        moments = [*moments[:: max(1, len(moments) // 12)], moments[-1] + "Z"]  # and after the last entry
        compared = 0
        for entity in ("tasks", "incidents", "incident_events", "checklist_marks", "checklist_days",
                       "target_values", "report_runs", "plan_groups"):
            columns = [c for (c,) in conn.execute(f"SELECT name FROM pragma_table_info('{entity}')")][2:5]
            each = rows_at_each(conn, entity, moments)
            narrow = rows_at_each(conn, entity, moments, columns=columns)
            for moment, whole, few in zip(moments, each, narrow, strict=True):
                reference = _reference_rows_at(conn, entity, moment)
                assert whole == reference, (entity, moment)
                assert few.keys() == reference.keys(), (entity, moment)
                for key, row in reference.items():
                    wanted = ("id", "deleted", *columns)
                    assert {k: few[key].get(k) for k in wanted} == {k: row[k] for k in wanted}, (entity, moment)
                compared += len(reference)
        assert compared > 500
    finally:
        store.close()
