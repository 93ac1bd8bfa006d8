"""Sync figures: bundle size for a month of one commune, province import speed.

    uv run python benchmarks/sync.py            # all figures (a few minutes: 3,321 bundles)
    uv run python benchmarks/sync.py --quick    # skip the national run

A month of one commune is made the way officers make it: the Nghĩa Thọ plan installed,
then 22 working days of morning checks (a day row and 12 marks), task progress updates
with notes, incidents opened and closed, weekly and monthly reports. Tables of areas built
elsewhere are stood in for by tables with the synced columns, as export discovers them.
Each commune of the province (or of the country) gets a copy of that month with its own
code, ids and Ed25519 key; the bundles are built before the clock starts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

os.environ.setdefault("KEHOACH_TODAY", "2025-11-28")

from nacl.signing import SigningKey  # noqa: E402

from kehoach_tui.communes import all_communes, commune_by_code, communes_of  # noqa: E402
from kehoach_tui.plan_files import resolve_plan  # noqa: E402
from kehoach_tui.store import open_store  # noqa: E402
from kehoach_tui.store.migrations import SYNCED  # noqa: E402
from kehoach_tui.store.rows import insert_row, query, update_row  # noqa: E402
from kehoach_tui.store.setup import initialise  # noqa: E402
from kehoach_tui.sync.bundle import build_bundle  # noqa: E402
from kehoach_tui.sync.keys import KeyPair  # noqa: E402

STAND_INS = {
    "task_updates": "task_code TEXT, note TEXT, progress INTEGER",
    "checklist_days": "day TEXT, done_at TEXT, ok INTEGER",
    "checklist_marks": "day TEXT, item_code TEXT, result TEXT, note TEXT",
    "incidents": "title TEXT, status TEXT, opened_at TEXT, closed_at TEXT, note TEXT",
    "reports": "period TEXT, period_start TEXT, due_date TEXT, sent_at TEXT, title TEXT",
}
CHECK_ITEMS = [f"3.4.c.{i}" for i in range(1, 13)]


def make_month(folder: Path):
    """A commune database holding the plan and one month of work; returns the store."""
    store = open_store(folder / "commune.db")
    commune = commune_by_code("16969")
    initialise(store, plan=resolve_plan("nghia-tho"), commune=commune, officer="Nguyễn Văn A")
    with store.writing() as db:
        for table, columns in STAND_INS.items():
            db.conn.execute(f"CREATE TABLE {table} ({SYNCED}, {columns})")
    tasks = query(store, "SELECT id, code FROM tasks ORDER BY position")
    start = dt.date(2025, 11, 1)
    days = [start + dt.timedelta(days=i) for i in range(30) if (start + dt.timedelta(days=i)).weekday() < 5]
    actor, code = "Nguyễn Văn A", commune.code
    for n, day in enumerate(days):
        with store.writing() as db:
            insert_row(db, "checklist_days", {"day": day.isoformat(), "done_at": f"{day}T01:15:00Z", "ok": 1},
                       actor=actor, commune_code=code)
            for item in CHECK_ITEMS:
                insert_row(db, "checklist_marks", {"day": day.isoformat(), "item_code": item, "result": "ok",
                                                   "note": ""}, actor=actor, commune_code=code)
            for task in tasks[(n * 3) % len(tasks):(n * 3) % len(tasks) + 3]:
                update_row(db, "tasks", task["id"], {"status": "in_progress", "progress": min(100, 10 + n * 4)},
                           actor=actor)
                insert_row(db, "task_updates", {"task_code": task["code"], "progress": min(100, 10 + n * 4),
                                                "note": "Đã rà soát, cập nhật dữ liệu; tiếp tục thực hiện theo kế hoạch"},
                           actor=actor, commune_code=code)
            if n % 5 == 0:
                row = insert_row(db, "incidents", {"title": "Mất kết nối mạng tại bộ phận một cửa", "status": "open",
                                                   "opened_at": f"{day}T02:00:00Z", "note": ""},
                                 actor=actor, commune_code=code)
                update_row(db, "incidents", row["id"], {"status": "closed", "closed_at": f"{day}T05:00:00Z",
                                                        "note": "Khởi động lại bộ định tuyến"}, actor=actor)
            if day.weekday() == 3:
                insert_row(db, "reports", {"period": "weekly", "period_start": day.isoformat(),
                                           "due_date": day.isoformat(), "sent_at": f"{day}T00:30:00Z",
                                           "title": "Báo cáo tuần"}, actor=actor, commune_code=code)
    with store.writing() as db:
        insert_row(db, "reports", {"period": "monthly", "period_start": "2025-11-01", "due_date": "2025-11-25",
                                   "sent_at": "2025-11-24T08:00:00Z", "title": "Báo cáo tháng 11"},
                   actor=actor, commune_code=code)
    return store


def month_records(store, since_seq: int) -> list[tuple[str, dict]]:
    from kehoach_tui.sync.export import collect

    with store.writing() as db:
        db.conn.execute("INSERT INTO sync_receipts (manifest_sha256, province_code, seq_from, seq_to, imported_at,"
                        " received_at) VALUES ('x', '40', 0, ?, '', '')", (since_seq,))
    _, _, records = collect(store, full=False)
    with store.writing() as db:
        db.conn.execute("DELETE FROM sync_receipts")
    return records


def kib(n: int) -> str:
    return f"{n / 1024:.1f} KiB"


def bundles_for(communes, template: list[tuple[str, dict]], province: str) -> tuple[list, dict]:
    """One bundle per commune: the template month with that commune's code, ids and key."""
    items, keys = [], {}
    for commune in communes:
        key = KeyPair("commune", commune.code, SigningKey(uuid.uuid5(uuid.NAMESPACE_OID, commune.code).bytes * 2))
        keys[commune.code] = key.public_hex
        rows = []
        for entity, row in template:
            copy = dict(row)
            copy["id"] = str(uuid.uuid5(uuid.NAMESPACE_URL, commune.code + row["id"]))
            copy["commune_code"] = commune.code
            rows.append((entity, copy))
        data, _ = build_bundle(rows, key=key, header={
            "schema_version": 6, "app_version": "0.1.0", "commune_code": commune.code,
            "commune_name": commune.name, "province_code": province, "kind": "incremental",
            "seq_from": 0, "seq_to": 5000, "created_at": "2025-11-28T09:00:00.000000Z"})
        items.append((f"{commune.code}.khsync", data))
    return items, keys


def province_with(folder: Path, province: str, communes, keys: dict):
    from kehoach_tui.province.registry import init_province
    from kehoach_tui.province.store.db import open_province

    store = open_province(folder / f"province-{len(communes)}.db", create=True)
    init_province(store, province, actor="bench")
    with store.writing() as db:  # the national run: every commune listed under one database
        db.conn.executemany("INSERT OR IGNORE INTO communes (commune_code, name) VALUES (?, ?)",
                            [(c.code, c.name) for c in communes])
        db.conn.executemany("UPDATE communes SET public_key = ? WHERE commune_code = ?",
                            [(k, code) for code, k in keys.items()])
    return store


def timed_import(store, items, receipts: Path) -> tuple[float, float, object]:
    """(wall seconds, CPU seconds of this process, summary). CPU time is printed too because
    wall time on a shared machine depends on what else runs."""
    from kehoach_tui.province.importer import import_bundles

    started, cpu = time.perf_counter(), time.process_time()
    summary = import_bundles(store, items, receipts_dir=receipts)
    return time.perf_counter() - started, time.process_time() - cpu, summary


def run_province(folder: Path, label: str, communes, template, limit: float) -> None:
    started = time.perf_counter()
    items, keys = bundles_for(communes, template, "38")
    build = time.perf_counter() - started
    store = province_with(folder, "38", communes, keys)
    first, first_cpu, summary = timed_import(store, items, folder / f"receipts-{len(communes)}")
    bad = [f for f in summary.files if f.status != "imported"]
    records = sum(f.new for f in summary.files)
    again, again_cpu, summary2 = timed_import(store, items, folder / f"receipts-{len(communes)}")
    unchanged = all(f.status == "already" for f in summary2.files)
    size = sum(len(d) for _, d in items)
    print(f"{label}: {len(items)} bundles, {records:,} records, {kib(size)} in all (built in {build:.1f} s)")
    print(f"  first import  {first:6.2f} s wall, {first_cpu:6.2f} s CPU  ({records / first:,.0f} records/s)"
          f"   limit {limit:.0f} s  {'OK' if first <= limit and not bad else 'OVER'}")
    print(f"  re-import     {again:6.2f} s wall, {again_cpu:6.2f} s CPU  = {100 * again / first:.0f}% of the first"
          f" (limit 30%)  {'OK' if again <= 0.3 * first and unchanged else 'OVER'}; changed nothing: {unchanged}")
    print(f"  load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
          if hasattr(os, "getloadavg") else "")
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="skip the 3,321-commune run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["KEHOACH_DATA_DIR"] = str(folder / "data")
        store = make_month(folder)
        plan_seq = store.conn.execute("SELECT MAX(seq) FROM changes WHERE entity = 'setting'").fetchone()[0]
        from kehoach_tui.sync.export import export_bundle

        full = export_bundle(store, folder / "usb", full=True)
        month = month_records(store, plan_seq)
        key = KeyPair("commune", "16969", SigningKey.generate())
        data, manifest = build_bundle(month, key=key, header={
            "schema_version": 6, "app_version": "0.1.0", "commune_code": "16969", "commune_name": "Xã Nghĩa Thọ",
            "province_code": "40", "kind": "incremental", "seq_from": plan_seq, "seq_to": 5000,
            "created_at": "2025-11-28T09:00:00.000000Z"})
        print(f"One month of one commune (incremental): {manifest.records} records, {kib(len(data))} "
              f"(limit 50 KiB) {'OK' if len(data) <= 50 * 1024 else 'OVER'}")
        print(f"  the same plus the whole plan (--full): {full.manifest.records} records, {kib(full.size)}")
        store.close()
        template = month
        run_province(folder, "Tỉnh Thanh Hóa, 166 communes × 1 month", communes_of("38"), template, 5)
        if not args.quick:
            run_province(folder, "All 3,321 communes × 1 month", list(all_communes()), template, 60)


if __name__ == "__main__":
    main()
