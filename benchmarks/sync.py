"""Sync figures: bundle size for a month of one commune, province import speed.

    uv run python benchmarks/sync.py            # all figures (a few minutes: 3,321 bundles)
    uv run python benchmarks/sync.py --quick    # skip the national run
    uv run python benchmarks/sync.py --tiny     # a few communes only (the test suite's run)

A month of one commune is made the way officers make it, through the areas' own store
functions (benchmarks/fiveyears.py over one month): the Nghĩa Thọ plan installed and its first
bundle acknowledged by the province (a real export, import and receipt), then each working
day the morning check, task progress updates with notes, incidents moved along their
lifecycle, weekly and monthly reports, target values. The incremental bundle of that month is
what `kehoach export` writes. Each commune of the province (or of the country) gets a copy of
that month with its own code, ids and Ed25519 key; the bundles are built before the clock
starts. The national run imports each of the 34 provinces' communes into that province's
own database, as the provinces would.
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

from benchmarks import fiveyears  # noqa: E402
from kehoach_tui import __version__  # noqa: E402
from kehoach_tui.communes import communes_of, provinces  # noqa: E402
from kehoach_tui.store.db import SCHEMA_VERSION  # noqa: E402
from kehoach_tui.sync.bundle import build_bundle  # noqa: E402
from kehoach_tui.sync.keys import KeyPair  # noqa: E402

COMMUNE, PROVINCE = "16969", "40"
MONTH_END = dt.date(2025, 11, 28)


def acknowledge_first_bundle(folder: Path):
    """after_setup for the month: the plan's first bundle exported, imported by the province,
    and its receipt imported back, so the month's export carries only the month."""
    def run(store) -> None:
        from kehoach_tui.province.importer import import_bundles
        from kehoach_tui.province.registry import init_province, province_key, register_commune
        from kehoach_tui.province.store.db import open_province
        from kehoach_tui.store.sync_state import put_trusted_key
        from kehoach_tui.sync.commune_import import import_receipt
        from kehoach_tui.sync.export import export_bundle
        from kehoach_tui.sync.keys import ensure_key

        first = export_bundle(store, folder / "usb")
        province = open_province(folder / "province-home.db", create=True)
        init_province(province, PROVINCE, actor="Sở")
        register_commune(province, COMMUNE, ensure_key("commune", COMMUNE).public_hex, actor="Sở")
        summary = import_bundles(province, [(first.path.name, first.path.read_bytes())],
                                 receipts_dir=folder / "receipts-home")
        put_trusted_key(store, "province", PROVINCE, province_key(province).public_hex, actor="Cán bộ")
        receipt = next((folder / "receipts-home").iterdir())
        assert summary.files[0].status == "imported" and import_receipt(store, receipt.read_bytes(),
                                                                          actor="Cán bộ").applied
        province.close()
    return run


def make_month(folder: Path, days: int = 28):
    """A commune database holding the plan (acknowledged) and `days` days of work."""
    built = fiveyears.build(folder / "commune.db", years=days / 365, backups=False, end=MONTH_END,
                            after_setup=acknowledge_first_bundle(folder))
    return built


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
            "schema_version": SCHEMA_VERSION, "app_version": __version__, "commune_code": commune.code,
            "commune_name": commune.name, "province_code": province, "kind": "incremental",
            "seq_from": 0, "seq_to": 5000, "created_at": "2025-11-28T09:00:00.000000Z"})
        items.append((f"{commune.code}.khsync", data))
    return items, keys


def province_with(path: Path, province: str, keys: dict):
    """A province database with every commune's key registered, as the Sở does it."""
    from kehoach_tui.province.registry import init_province, register_commune
    from kehoach_tui.province.store.db import open_province

    store = open_province(path, create=True)
    init_province(store, province, actor="bench")
    for code, key in keys.items():
        register_commune(store, code, key, actor="bench")
    return store


def timed_import(store, items, receipts: Path) -> tuple[float, float, object]:
    """(wall seconds, CPU seconds of this process, summary). CPU time is printed too because
    wall time on a shared machine depends on what else runs."""
    from kehoach_tui.province.importer import import_bundles

    started, cpu = time.perf_counter(), time.process_time()
    summary = import_bundles(store, items, receipts_dir=receipts)
    return time.perf_counter() - started, time.process_time() - cpu, summary


def run_provinces(folder: Path, label: str, groups: dict[str, list], template, limit: float) -> None:
    """Import each province's communes into that province's database; times are summed."""
    started = time.perf_counter()
    built = {code: bundles_for(communes, template, code) for code, communes in groups.items() if communes}
    build = time.perf_counter() - started
    first = first_cpu = again = again_cpu = 0.0
    records = size = bundles = 0
    bad = []
    unchanged = True
    for code, (items, keys) in built.items():
        store = province_with(folder / f"province-{code}-{len(items)}.db", code, keys)
        receipts = folder / f"receipts-{code}-{len(items)}"
        wall, cpu, summary = timed_import(store, items, receipts)
        first, first_cpu = first + wall, first_cpu + cpu
        bad += [f for f in summary.files if f.status != "imported"]
        records += sum(f.new for f in summary.files)
        wall, cpu, summary2 = timed_import(store, items, receipts)
        again, again_cpu = again + wall, again_cpu + cpu
        unchanged = unchanged and all(f.status == "already" for f in summary2.files)
        size += sum(len(d) for _, d in items)
        bundles += len(items)
        store.close()
    print(f"{label}: {bundles} bundles, {records:,} records, {kib(size)} in all (built in {build:.1f} s)")
    print(f"  first import  {first:6.2f} s wall, {first_cpu:6.2f} s CPU  ({records / first:,.0f} records/s)"
          f"   limit {limit:.0f} s  {'OK' if first <= limit and not bad else 'OVER'}")
    print(f"  re-import     {again:6.2f} s wall, {again_cpu:6.2f} s CPU  = {100 * again / first:.0f}% of the first"
          f" (limit 30%)  {'OK' if again <= 0.3 * first and unchanged else 'OVER'}; changed nothing: {unchanged}")
    print(f"  load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
          if hasattr(os, "getloadavg") else "")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="skip the 3,321-commune run")
    parser.add_argument("--tiny", action="store_true", help="a few days and communes: checks that it runs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["KEHOACH_DATA_DIR"] = str(folder / "data")
        built = make_month(folder, days=5 if args.tiny else 28)
        from kehoach_tui.store import open_store
        from kehoach_tui.sync.export import collect, export_bundle

        store = open_store(built.db)
        month = export_bundle(store, folder / "usb")
        print(f"One month of one commune (incremental, {built.days} working days): {month.manifest.records} "
              f"records, {kib(month.size)} (limit 50 KiB) {'OK' if month.size <= 50 * 1024 else 'OVER'}")
        full = export_bundle(store, folder / "usb", full=True)
        print(f"  the same plus the whole plan (--full): {full.manifest.records} records, {kib(full.size)}")
        _, _, template = collect(store, full=False)
        store.close()
        thanh_hoa = communes_of("38")
        if args.tiny:
            run_provinces(folder, "Tỉnh Thanh Hóa, 3 communes × 1 month", {"38": thanh_hoa[:3]}, template, 5)
            return
        run_provinces(folder, f"Tỉnh Thanh Hóa, {len(thanh_hoa)} communes × 1 month", {"38": thanh_hoa},
                      template, 5)
        if not args.quick:
            groups = {code: communes_of(code) for code, _ in provinces()}
            total = sum(len(c) for c in groups.values())
            run_provinces(folder, f"All {total:,} communes × 1 month, each in its province's database",
                          groups, template, 60)


if __name__ == "__main__":
    main()
