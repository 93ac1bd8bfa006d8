"""Bundles checked ahead in a second process (province/ahead.py) give the same outcomes, the
same reasons and the same database as bundles checked in the importing process, and a
worker that dies leaves its bundles to be checked there."""

from __future__ import annotations

import os
import re
import shutil

from kehoach_tui.province import ahead
from kehoach_tui.province.importer import import_bundles
from tests.province_helpers import CUA_LO, as_commune, changed, key_for, rows_of, signed
from tests.sync_helpers import NGHIA_THO, dump, members, repack

NGHI_LOC = "16681"  # a third commune of Nghệ An (Phường Thành Vinh)


def _folder(seeded) -> list[tuple[str, bytes | str]]:
    """A morning's inbox: good bundles of three communes, the same file twice, one whose
    data was changed after signing, one with an impossible date, a later bundle that
    leaves a gap, and a file that could not be read."""
    records = rows_of(seeded)
    cua_lo = signed(as_commune(records, CUA_LO), CUA_LO, name="Phường Cửa Lò")
    tampered = repack(cua_lo, **{"data.jsonl": members(cua_lo)["data.jsonl"].replace(b'"version":1', b'"version":2', 1)})
    return [
        ("nghia-tho.khsync", signed(records)),
        ("cua-lo.khsync", cua_lo),
        ("cua-lo-lan-2.khsync", cua_lo),
        ("cua-lo-sua.khsync", tampered),
        ("nghi-loc-sai-ngay.khsync", signed(changed(as_commune(records, NGHI_LOC), "tasks", due_date="2025-13-45"),
                                            NGHI_LOC, name="Phường Thành Vinh")),
        ("nghi-loc.khsync", signed(as_commune(records, NGHI_LOC), NGHI_LOC, name="Phường Thành Vinh")),
        ("nghia-tho-sau.khsync", signed(records, seq_from=140, seq_to=200, kind="incremental")),
        ("hong.khsync", "Không đọc được tệp"),
    ]


def _province(tmp_path, name: str, keys: dict[str, str] | None = None):
    from tests.sync_helpers import province_store

    folder = tmp_path / name
    folder.mkdir()
    store = province_store(folder)
    from kehoach_tui.province.registry import register_commune

    keys = keys or {code: key_for(code).public_hex for code in (NGHIA_THO, CUA_LO, NGHI_LOC)}
    for code, public in keys.items():
        register_commune(store, code, public, actor="Sở")
    return store, folder


def _run(tmp_path, name: str, items, monkeypatch, *, parallel: bool, keys: dict[str, str] | None = None):
    store, folder = _province(tmp_path, name, keys)
    monkeypatch.setattr(ahead, "PARALLEL_FROM", 1 if parallel else 10**9)
    monkeypatch.setattr(ahead.os, "cpu_count", lambda: 2)
    try:
        summary = import_bundles(store, list(items), receipts_dir=folder / "r", total=len(items))
    finally:
        store.close()
    outcomes = [(f.source, f.status, f.reason, f.new, f.updated, f.unchanged, f.gaps, f.resend_from)
                for f in summary.files]
    receipts = sorted(p.name for p in (folder / "r").iterdir())
    return outcomes, receipts, folder / "province.db"


MOMENT = re.compile(r"'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z'")


def _same_rows(a, b) -> bool:
    """The two databases hold the same rows, but for the moments they were written at."""
    def rows(path):
        return [MOMENT.sub("'…'", line) for line in dump(path)]
    return rows(a) == rows(b)


def test_checked_ahead_gives_the_same_outcomes_and_database(seeded, tmp_path, monkeypatch):
    items = _folder(seeded)
    here = _run(tmp_path, "here", items, monkeypatch, parallel=False)
    ahead_ = _run(tmp_path, "ahead", items, monkeypatch, parallel=True)
    statuses = [o[1] for o in here[0]]
    assert statuses == ["imported", "imported", "already", "rejected", "rejected", "imported", "imported",
                        "rejected"], here[0]
    assert here[0][6][6], "the later bundle leaves a gap"
    assert ahead_[0] == here[0]
    assert ahead_[1] == here[1]
    assert _same_rows(here[2], ahead_[2])


def test_a_folder_imported_again_is_known_without_checking_its_records(seeded, tmp_path, monkeypatch):
    items = [item for item in _folder(seeded) if item[0] in ("nghia-tho.khsync", "cua-lo.khsync")]
    store, folder = _province(tmp_path, "again")
    monkeypatch.setattr(ahead, "PARALLEL_FROM", 1)
    monkeypatch.setattr(ahead.os, "cpu_count", lambda: 2)
    try:
        import_bundles(store, items, receipts_dir=folder / "r", total=2)
        seen = list(ahead.checked_ahead(items, total=2, held=lambda: [
            h for (h,) in store.conn.execute("SELECT data_sha256 FROM bundles")]))
        again = import_bundles(store, items, receipts_dir=folder / "r", total=2)
    finally:
        store.close()
    assert [checked.records_checked for _, _, checked in seen] == [False, False]
    assert [f.status for f in again.files] == ["already", "already"]


def _die(data: bytes, source: str):
    os._exit(3)  # the worker is killed (out of memory, a user's task manager)


def test_a_dead_worker_leaves_the_bundles_to_be_checked_here(seeded, tmp_path, monkeypatch):
    items = _folder(seeded)
    here = _run(tmp_path, "here", items, monkeypatch, parallel=False)
    monkeypatch.setattr(ahead, "check", _die)
    dead = _run(tmp_path, "dead", items, monkeypatch, parallel=True)
    assert dead[0] == here[0]
    assert _same_rows(here[2], dead[2])
    shutil.rmtree(tmp_path / "dead")


def _busy_bundle(cli, tmp_path, monkeypatch) -> bytes:
    """A commune's bundle holding every kind of record the writer reads: a morning check with
    marks of each state, an incident, a task update, report schedules and a run sent."""
    db = str(tmp_path / "busy.db")
    monkeypatch.setenv("KEHOACH_TODAY", "2025-10-31")
    assert cli("--db", db, "init")[0] == 0
    assert cli("--db", db, "report", "schedule", "--preset", "nghia-tho")[0] == 0
    for item, state in (("internet", "ok"), ("may in", "fail"), ("camera", "na")):
        assert cli("--db", db, "checklist", "mark", item, state)[0] == 0
    assert cli("--db", db, "checklist", "finish", "--yes")[0] == 0
    assert cli("--db", db, "incident", "open", "--title", "Mất điện", "--category", "power")[0] == 0
    assert cli("--db", db, "task", "update", "1.1", "--progress", "40")[0] == 0
    assert cli("--db", db, "report", "weekly", "--format", "md", "--out", str(tmp_path / "bc") + "/")[0] == 0
    assert cli("--db", db, "report", "sent-run", "--at", "31/10/2025 09:00")[0] == 0
    assert cli("--db", db, "export", "--out", str(tmp_path / "usb"))[0] == 0
    (path,) = (tmp_path / "usb").iterdir()
    return path.read_bytes()


def test_a_reduced_record_reads_as_the_record_it_came_from(cli, tmp_path, monkeypatch):
    from kehoach_tui.province.store.bundles import RAW_KEPT, Reduced, _fields, reduced, row_digest
    from kehoach_tui.sync.bundle import open_bundle

    records = open_bundle(_busy_bundle(cli, tmp_path, monkeypatch)).records()
    entities = {r.entity for r in records}
    assert {"checklist_marks", "checklist_days", "report_runs", "report_schedules", "tasks", "incidents",
            "task_updates", "plans"} <= entities
    for record in records:
        again = Reduced(*reduced(record))
        assert (again.entity, again.id, again.version, again.deleted) == (
            record.entity, record.id, record.version, record.deleted)
        for name in _fields(record.entity)._fields:
            assert getattr(again.model, name) == getattr(record.model, name, None), (record.entity, name)
        if record.entity in RAW_KEPT:
            assert (again.row_bytes, again.updated_at) == (record.row_bytes, record.updated_at)
        if again.digest is not None:
            assert again.digest == row_digest(record)


def test_a_busy_communes_bundle_checked_ahead_gives_the_same_database(cli, tmp_path, monkeypatch):
    from kehoach_tui.sync.bundle import open_bundle

    data = _busy_bundle(cli, tmp_path, monkeypatch)
    keys = {NGHIA_THO: open_bundle(data).manifest.public_key}
    items = [("busy.khsync", data)]
    here = _run(tmp_path, "here", items, monkeypatch, parallel=False, keys=keys)
    ahead_ = _run(tmp_path, "ahead", items, monkeypatch, parallel=True, keys=keys)
    assert [o[1] for o in here[0]] == ["imported"] and ahead_[0] == here[0]
    assert _same_rows(here[2], ahead_[2])
