"""Gaps closed: the province knows which change numbers it holds per commune; a bundle that
leaves a gap is imported and the gap is shown, the receipt asks for it, the commune's next
export sends it again. Overlaps with the same content change nothing; the same version of
a record with other content is a conflict."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from kehoach_tui.province.importer import import_bundles
from kehoach_tui.province.registry import province_key
from kehoach_tui.province.status import commune_statuses, gaps_of
from kehoach_tui.province.store.bundles import merge_range
from kehoach_tui.province.store.db import open_province
from kehoach_tui.store.rows import query, update_row
from kehoach_tui.store.sync_state import acknowledged_seq, put_trusted_key
from kehoach_tui.sync.commune_import import import_receipt
from kehoach_tui.sync.export import export_bundle
from kehoach_tui.sync.keys import ensure_key
from kehoach_tui.sync.receipt import read_receipt_bytes
from tests.conftest import TODAY
from tests.sync_helpers import NGHE_AN, NGHIA_THO, dump, province_store

DAY = dt.date.fromisoformat(TODAY)


def test_ranges_merge_and_gaps_are_what_lies_between():
    held = merge_range([], 0, 100)
    held = merge_range(held, 140, 200)
    assert held == [(0, 100), (140, 200)] and gaps_of(held) == [(101, 140)]
    assert merge_range(held, 100, 140) == [(0, 200)]
    assert merge_range(held, 50, 150) == [(0, 200)]
    assert gaps_of([(30, 40)]) == [(1, 30)]
    assert gaps_of([(0, 0), (0, 10)]) == []


def _edit(store, n: int) -> None:
    with store.writing() as db:
        row = query(db, "SELECT id, progress FROM tasks ORDER BY position LIMIT 1 OFFSET ?", (n,))[0]
        update_row(db, "tasks", row["id"], {"progress": (row["progress"] + 10) % 100}, actor="A")


def _import(province, tmp_path, result, receipts="r"):
    summary = import_bundles(province, [(result.path.name, result.path.read_bytes())], receipts_dir=tmp_path / receipts)
    [outcome] = summary.files
    return outcome


def _receipt_back(seeded, outcome):
    return import_receipt(seeded, Path(outcome.receipt).read_bytes(), actor="A")


@pytest.fixture
def loop(seeded, tmp_path):
    """A commune and a province that trust each other."""
    province = province_store(tmp_path, ensure_key("commune", NGHIA_THO).public_hex)
    put_trusted_key(seeded, "province", NGHE_AN, province_key(province).public_hex, actor="A")
    yield seeded, province
    province.close()


def test_a_province_restored_from_backup_sees_the_gap_and_gets_it_back(loop, tmp_path):
    seeded, province = loop
    first = export_bundle(seeded, tmp_path / "usb")
    _receipt_back(seeded, _import(province, tmp_path, first))
    province.close()
    shutil.copy(tmp_path / "province.db", tmp_path / "backup.db")  # the province's backup of that day
    province = open_province(tmp_path / "province.db")
    _edit(seeded, 0)
    second = export_bundle(seeded, tmp_path / "usb")
    _receipt_back(seeded, _import(province, tmp_path, second))
    assert acknowledged_seq(seeded) == second.manifest.seq_to
    province.close()
    shutil.copy(tmp_path / "backup.db", tmp_path / "province.db")  # the disk died: yesterday's copy back
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"province.db{suffix}").unlink(missing_ok=True)
    province = open_province(tmp_path / "province.db")
    _edit(seeded, 1)
    third = export_bundle(seeded, tmp_path / "usb")
    assert third.manifest.seq_from == second.manifest.seq_to

    outcome = _import(province, tmp_path, third)
    missing = (first.manifest.seq_to + 1, second.manifest.seq_to)
    assert outcome.status == "imported" and outcome.gaps == [missing]
    assert outcome.resend_from == first.manifest.seq_to
    receipt, _ = read_receipt_bytes(Path(outcome.receipt).read_bytes())
    assert receipt.resend_from == first.manifest.seq_to
    [status] = commune_statuses(province, DAY, only=NGHIA_THO)
    assert status.gaps == [missing]
    from kehoach_tui.province.present import gap_text

    assert gap_text(status.name, status.gaps) == f"thiếu thay đổi #{missing[0]}–#{missing[1]} của Xã Nghĩa Thọ"

    _receipt_back(seeded, outcome)
    assert acknowledged_seq(seeded) == first.manifest.seq_to  # the next export sends the gap again
    again = export_bundle(seeded, tmp_path / "usb")
    assert again.manifest.seq_from == first.manifest.seq_to and again.manifest.counts == {"tasks": 2}
    outcome = _import(province, tmp_path, again)
    assert outcome.status == "imported" and outcome.gaps == [] and outcome.resend_from is None
    [status] = commune_statuses(province, DAY, only=NGHIA_THO)
    assert status.gaps == []
    _receipt_back(seeded, outcome)
    assert acknowledged_seq(seeded) == again.manifest.seq_to
    receipt, _ = read_receipt_bytes(Path(outcome.receipt).read_bytes())
    assert receipt.resend_from is None


def test_a_receipt_without_a_gap_is_what_earlier_versions_wrote(loop, tmp_path):
    seeded, province = loop
    outcome = _import(province, tmp_path, export_bundle(seeded, tmp_path / "usb"))
    from tests.sync_helpers import members

    assert b"resend_from" not in members(Path(outcome.receipt).read_bytes())["receipt.json"]


def test_overlap_with_the_same_content_changes_nothing_new(loop, tmp_path):
    """No receipt came back, so the next export starts from 0 again: what was held already
    is unchanged, only the new change is new."""
    seeded, province = loop
    first = _import(province, tmp_path, export_bundle(seeded, tmp_path / "usb"))
    _edit(seeded, 0)
    second = _import(province, tmp_path, export_bundle(seeded, tmp_path / "usb"))
    assert second.status == "imported" and second.seq_from == 0
    assert (second.new, second.updated) == (0, 1) and second.unchanged == first.new - 1


def test_same_version_other_content_is_a_conflict(loop, tmp_path):
    seeded, province = loop
    first = export_bundle(seeded, tmp_path / "usb")
    _import(province, tmp_path, first)
    with seeded.writing() as db:  # the same version with another title: a forged or a broken history
        db.conn.execute("UPDATE tasks SET title = 'khác' WHERE code = '1.1'")
        db.conn.execute("INSERT INTO changes (at, actor, entity, entity_id, op) SELECT '2025-11-05T00:00:00Z', 'A',"
                        " 'tasks', id, 'update' FROM tasks WHERE code = '1.1'")
    before = dump(tmp_path / "province.db")
    outcome = _import(province, tmp_path, export_bundle(seeded, tmp_path / "usb"))
    assert outcome.status == "rejected" and "Xung đột" in outcome.reason and "tasks/" in outcome.reason
    assert dump(tmp_path / "province.db") == before


def test_a_bundle_made_earlier_fills_a_gap_without_undoing_newer_marks(tmp_path):
    """Marks are folded into their day: one made before a bundle already applied only fills
    in what is not known for the day."""
    from kehoach_tui.province.store.status import recent_check_days
    from tests.province_helpers import province_for, signed

    province = province_for(tmp_path, NGHIA_THO)

    def mark(code: str, state: str, version: int, made: str) -> tuple[str, dict]:
        return ("checklist_marks", {
            "id": f"m-{code}", "commune_code": NGHIA_THO, "created_at": made, "updated_at": made, "updated_by": "A",
            "version": version, "deleted": 0, "day_id": "d", "check_date": "2025-11-04", "item_code": code,
            "item_title": code, "state": state, "note": "", "source": "manual", "evidence": "", "marked_at": made})

    newer = signed([mark("INTERNET", "ok", 2, "2025-11-04T05:00:00Z")], seq_from=20, seq_to=30,
                   created_at="2025-11-04T06:00:00.000000Z")
    older = signed([mark("INTERNET", "fail", 1, "2025-11-04T01:00:00Z"), mark("DIEN_UPS", "fail", 1,
                                                                              "2025-11-04T01:00:00Z")],
                   seq_from=0, seq_to=20, created_at="2025-11-04T02:00:00.000000Z")
    summary = import_bundles(province, [("b.khsync", newer), ("a.khsync", older)], receipts_dir=tmp_path / "r")
    assert [f.status for f in summary.files] == ["imported", "imported"]
    assert summary.files[0].gaps == [(1, 20)] and summary.files[1].gaps == []
    [(_, _, _, answered, failed)] = recent_check_days(province, NGHIA_THO)
    assert bin(answered).count("1") == 2 and bin(failed).count("1") == 1  # INTERNET stays ok
    province.close()
