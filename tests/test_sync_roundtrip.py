"""The whole loop: edit → export → province import → status → receipt → next export."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest

from kehoach_tui.province.importer import import_bundles
from kehoach_tui.province.registry import province_key
from kehoach_tui.province.status import commune_statuses
from kehoach_tui.store.rows import delete_row, query, update_row
from kehoach_tui.store.sync_state import acknowledged_seq, put_trusted_key
from kehoach_tui.sync.commune_import import import_own_bundle, import_receipt
from kehoach_tui.sync.errors import SyncError
from kehoach_tui.sync.export import export_bundle
from kehoach_tui.sync.keys import ensure_key, fingerprint, key_path, load_key
from tests.conftest import TODAY
from tests.sync_helpers import NGHE_AN, NGHIA_THO, dump, province_store

DAY = dt.date.fromisoformat(TODAY)


def _items(*results):
    return [(r.path.name, r.path.read_bytes()) for r in results]


def _task(store, code):
    return query(store, "SELECT * FROM tasks WHERE code = ?", (code,))[0]


def test_key_created_once_owner_only(seeded):
    pair = ensure_key("commune", NGHIA_THO)
    assert len(pair.public_hex) == 64 and int(pair.public_hex, 16) >= 0
    assert load_key("commune", NGHIA_THO).public_hex == pair.public_hex
    assert ensure_key("commune", NGHIA_THO).public_hex == pair.public_hex
    if os.name != "nt":
        assert stat.S_IMODE(key_path("commune", NGHIA_THO).stat().st_mode) == 0o600
    digits = fingerprint(pair.public_hex)
    assert len(digits) == 24 and digits.replace("-", "").isdigit()


def test_round_trip(seeded, tmp_path):
    usb = tmp_path / "usb"
    first = export_bundle(seeded, usb)
    assert first.path.exists() and first.path.name.startswith("xa-nghia-tho_16969_seq0-")
    assert first.manifest.counts["tasks"] == 34 and first.manifest.kind == "incremental"

    province = province_store(tmp_path, ensure_key("commune", NGHIA_THO).public_hex)
    receipts = tmp_path / "receipts"
    summary = import_bundles(province, _items(first), receipts_dir=receipts)
    [outcome] = summary.files
    assert outcome.status == "imported" and outcome.new == first.manifest.records and outcome.updated == 0
    [status] = commune_statuses(province, DAY, only=NGHIA_THO)
    assert status.tasks_total == 30 and status.tasks_done == 0 and status.bundles == 1  # leaves, as the report counts
    assert status.open_incidents is None and status.check_rate is None  # areas not present: "—"

    # receipt back to the commune
    put_trusted_key(seeded, "province", NGHE_AN, province_key(province).public_hex, actor="A")
    receipt_bytes = (receipts / outcome.receipt.split("/")[-1]).read_bytes()
    applied = import_receipt(seeded, receipt_bytes, actor="A")
    assert applied.applied and acknowledged_seq(seeded) == first.manifest.seq_to
    assert not import_receipt(seeded, receipt_bytes, actor="A").applied  # replayed receipt: no-op
    assert export_bundle(seeded, usb) is None  # nothing new: nothing written
    assert len(list(usb.iterdir())) == 1

    # an edit and a deletion travel alone in the next export
    with seeded.writing() as db:
        update_row(db, "tasks", _task(seeded, "1.1")["id"], {"status": "done", "progress": 100}, actor="A")
        delete_row(db, "targets", query(db, "SELECT id FROM targets LIMIT 1")[0]["id"], actor="A")
    second = export_bundle(seeded, usb)
    assert second.manifest.seq_from == first.manifest.seq_to
    assert second.manifest.counts == {"targets": 1, "tasks": 1}
    summary = import_bundles(province, _items(second), receipts_dir=receipts)
    assert (summary.files[0].new, summary.files[0].updated) == (0, 2)
    [status] = commune_statuses(province, DAY, only=NGHIA_THO)
    assert status.tasks_done == 1
    deleted = province.db.conn.execute(
        "SELECT count(*) FROM records WHERE entity = 'targets' AND deleted = 1").fetchone()[0]
    assert deleted == 1

    # re-import of both: a no-op, not an error
    before = dump(tmp_path / "province.db")
    again = import_bundles(province, _items(first, second), receipts_dir=receipts)
    assert [f.status for f in again.files] == ["already", "already"]
    assert dump(tmp_path / "province.db") == before


def test_full_export_carries_everything(seeded, tmp_path):
    first = export_bundle(seeded, tmp_path)
    full = export_bundle(seeded, tmp_path, full=True)
    assert full.manifest.kind == "full" and full.manifest.seq_from == 0
    assert full.manifest.records == first.manifest.records
    assert full.path != first.path


def test_dry_run_changes_nothing(seeded, tmp_path):
    bundle = export_bundle(seeded, tmp_path / "usb")
    province = province_store(tmp_path, ensure_key("commune", NGHIA_THO).public_hex)
    before = dump(tmp_path / "province.db")
    summary = import_bundles(province, _items(bundle), dry_run=True, receipts_dir=tmp_path / "r")
    assert summary.files[0].status == "imported" and summary.files[0].new == bundle.manifest.records
    assert dump(tmp_path / "province.db") == before
    assert not (tmp_path / "r").exists()


def test_export_picks_up_tables_added_later(seeded, tmp_path):
    """Any table with the synced columns is exported: areas built later need no change here."""
    from kehoach_tui.store.migrations import SYNCED
    from kehoach_tui.store.rows import insert_row

    with seeded.writing() as db:
        db.conn.execute(f"CREATE TABLE later_area ({SYNCED}, title TEXT NOT NULL)")
        insert_row(db, "later_area", {"title": "Mất mạng [@click=app.quit]"}, actor="A", commune_code=NGHIA_THO)
    bundle = export_bundle(seeded, tmp_path)
    assert bundle.manifest.counts["later_area"] == 1


def test_open_incidents_reach_province_status(seeded, tmp_path):
    from kehoach_tui.domain.incident_models import IncidentDraft
    from kehoach_tui.store.incidents import open_incident

    open_incident(seeded, IncidentDraft(title="Mất mạng [@click=app.quit]", category="mat mang"), actor="A")
    bundle = export_bundle(seeded, tmp_path)
    assert bundle.manifest.counts["incidents"] == 1
    province = province_store(tmp_path, ensure_key("commune", NGHIA_THO).public_hex)
    import_bundles(province, _items(bundle), receipts_dir=tmp_path / "r")
    [status] = commune_statuses(province, DAY, only=NGHIA_THO)
    assert status.open_incidents == 1


def test_receipt_needs_trusted_province_key(seeded, tmp_path):
    bundle = export_bundle(seeded, tmp_path)
    province = province_store(tmp_path, ensure_key("commune", NGHIA_THO).public_hex)
    summary = import_bundles(province, _items(bundle), receipts_dir=tmp_path / "r")
    data = Path(summary.files[0].receipt).read_bytes()
    with pytest.raises(SyncError, match="Chưa cài khóa"):
        import_receipt(seeded, data, actor="A")
    put_trusted_key(seeded, "province", NGHE_AN, "ab" * 32, actor="A")
    with pytest.raises(SyncError, match="khóa lạ"):
        import_receipt(seeded, data, actor="A")
    assert acknowledged_seq(seeded) == 0


def test_spare_copy_on_second_pc(seeded, tmp_path):
    """A second PC keeps a copy: import the commune's bundle into an empty database;
    newer versions win."""
    from kehoach_tui.store import open_store
    from kehoach_tui.store.plans import list_tasks
    from kehoach_tui.store.setup import is_initialised

    first = export_bundle(seeded, tmp_path)
    spare = open_store(tmp_path / "spare.db")
    outcome = import_own_bundle(spare, first.path.read_bytes(), actor="B")
    assert outcome.new == first.manifest.records and is_initialised(spare)
    assert len(list_tasks(spare)) == 34
    with seeded.writing() as db:
        update_row(db, "tasks", _task(seeded, "1.2")["id"], {"status": "in_progress"}, actor="A")
    second = export_bundle(seeded, tmp_path)
    again = import_own_bundle(spare, second.path.read_bytes(), actor="B")
    assert (again.new, again.updated) == (0, 1)
    assert _task(spare, "1.2")["status"] == "in_progress"
    stale = import_own_bundle(spare, first.path.read_bytes(), actor="B")
    assert stale.updated == 0 and _task(spare, "1.2")["status"] == "in_progress"
    spare.close()

