"""The province at national scale: 3,321 communes × 12 months, imported month by month.

    uv run python benchmarks/province.py                 # the national run (about 20 minutes here)
    uv run python benchmarks/province.py --communes 166  # one province's worth
    uv run python benchmarks/province.py --tiny          # 5 communes × 2 months (the test suite's run)

One commune's year is made the way officers make it, with the app's own store functions:
the Nghĩa Thọ plan and its weekly and monthly reporting regime, every working day a morning
check of the 16 default items (one failing now and then), task updates with notes,
incidents opened, worked on and closed, each week's and month's report generated and marked
sent. Each month's changes are that month's bundle. Every commune of the country gets a copy
with its own code, ids and Ed25519 key; a month's bundles are written to a folder and
imported with `kehoach province import FOLDER`, in a child process whose peak RSS is read.

Goals (DESIGN.md, issue 15): `province status` ≤ 1 s, peak RSS ≤ 200 MiB, database
≤ 300 MB after 12 months, one month's national import ≤ 30 s. Figures are printed as
ratios to these goals (≤ 1.00 is within), with the load average of this shared machine.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOALS = {"status_s": 1.0, "status_rss_mib": 200.0, "db_mb": 300.0, "month_import_s": 30.0}
TEMPLATE_CODE = "16969"
YEAR = 2025
_UUID = re.compile(rb"[0-9a-f]{8}(?=-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})")


@dataclass
class Month:
    number: int
    seq_from: int
    seq_to: int
    created_at: str          # when its bundles are made: the first day of the next month
    data: bytes              # the template commune's data.jsonl
    counts: dict[str, int]


def _pin(day: dt.date) -> None:
    os.environ["KEHOACH_TODAY"] = day.isoformat()


def build_year(folder: Path, months: int) -> list[Month]:
    """The template commune's months, each as the records it changed (an incremental export)."""
    from kehoach_tui.communes import commune_by_code
    from kehoach_tui.domain.incident_models import IncidentDraft
    from kehoach_tui.domain.periods import PRESETS, month_period, week_period
    from kehoach_tui.domain.updates import UpdateError
    from kehoach_tui.plan_files import resolve_plan
    from kehoach_tui.store import checklist, incidents, open_store, reports, targets, tasks
    from kehoach_tui.store.setup import initialise
    from kehoach_tui.store.sync_state import changed_rows, last_seq
    from kehoach_tui.sync.bundle import encode_records
    from kehoach_tui.sync.export import _value

    first = dt.date(YEAR, 1, 1)
    _pin(first)
    store = open_store(folder / "template.db")
    store.conn.execute("PRAGMA synchronous=OFF")  # only to build the data quickly
    initialise(store, plan=resolve_plan("nghia-tho"), commune=commune_by_code(TEMPLATE_CODE), officer="Nguyễn Văn A")
    reports.apply_preset(store, PRESETS["nghia-tho"], actor="Nguyễn Văn A")
    checklist.ensure_items(store)
    items = [i.code for i in checklist.list_items(store)]
    codes = [r.code for r in tasks.task_records(store) if not tasks.children_of(store, r.code)]
    target_codes = [r[0] for r in store.conn.execute("SELECT code FROM targets ORDER BY position")]
    result: list[Month] = []
    seq = 0
    day_number = 0
    for month in range(1, months + 1):
        start = dt.date(YEAR, month, 1)
        end = month_period(start).end
        day = start
        while day <= end:
            _pin(day)
            if day.weekday() < 5:
                day_number += 1
                at = dt.datetime.combine(day, dt.time(0, 50), tzinfo=dt.UTC)
                for n, code in enumerate(items):
                    state = "fail" if (n + day_number) % 29 == 0 else "ok"
                    checklist.mark_item(store, day, code, state, actor="Nguyễn Văn A", at=at)
                checklist.finish_day(store, day, actor="Nguyễn Văn A", at=at + dt.timedelta(minutes=25))
                for code in codes[(day_number * 3) % len(codes):][:3]:
                    record = tasks.get_record(store, code)
                    progress = min(100, (record.progress if record else 0) + 5)
                    status = "done" if progress == 100 else "in_progress"
                    with contextlib.suppress(UpdateError):  # a finished task takes no more updates
                        tasks.record_update(store, code, status=status, progress=progress, today=day,
                                            note="Đã rà soát, cập nhật dữ liệu; tiếp tục thực hiện theo kế hoạch")
                if day_number % 9 == 0:
                    found = incidents.open_incident(store, IncidentDraft(
                        title="Mất kết nối mạng tại Bộ phận một cửa", category="mat mang",
                        opened_at=f"{day:%d/%m/%Y} 09:10"), actor="Nguyễn Văn A")
                    # the times the officer gives (downtime is reckoned from them), not the clock's
                    incidents.change_status(store, found.id, "in_progress", actor="Nguyễn Văn A", note="Đã báo nhà mạng",
                                            at=f"{day:%d/%m/%Y} 09:30")
                    incidents.change_status(store, found.id, "resolved", actor="Nguyễn Văn A",
                                            note="Khởi động lại bộ định tuyến", at=f"{day:%d/%m/%Y} 11:00")
                if day.weekday() == 4:  # Friday: the weekly report, sent in the afternoon
                    run = reports.record_run(store, week_period(day), fmt="docx", file_path="/bao-cao/tuan.docx",
                                             sha256=hashlib.sha256(day.isoformat().encode()).hexdigest(),
                                             size_bytes=40_000, actor="Nguyễn Văn A")
                    late = day_number % 7 == 0
                    sent = dt.datetime.combine(day + dt.timedelta(days=1 if late else 0), dt.time(9, 30),
                                               tzinfo=dt.UTC)
                    _pin(sent.date())
                    reports.mark_run_sent(store, run.id, actor="Nguyễn Văn A", at=sent)
                    _pin(day)
            day += dt.timedelta(days=1)
        _pin(end)
        for code in target_codes[:6]:
            targets.record_target_value(store, code, str(10 * month), f"{YEAR}-{month:02d}", today=end)
        run = reports.record_run(store, month_period(start), fmt="docx", file_path="/bao-cao/thang.docx",
                                 sha256=hashlib.sha256(start.isoformat().encode()).hexdigest(), size_bytes=60_000,
                                 actor="Nguyễn Văn A")
        reports.mark_run_sent(store, run.id, actor="Nguyễn Văn A",
                              at=dt.datetime.combine(end, dt.time(8, 0), tzinfo=dt.UTC))
        store.conn.execute("INSERT INTO sync_receipts (manifest_sha256, province_code, seq_from, seq_to, imported_at,"
                           " received_at) VALUES (?, '38', 0, ?, ?, '')", (f"m{month}", seq, f"{month:04d}"))
        _, seq_to, rows = changed_rows(store, full=False)
        records = [(table, {k: _value(v) for k, v in row.items()}) for table, row in rows]
        counts: dict[str, int] = {}
        for entity, _ in records:
            counts[entity] = counts.get(entity, 0) + 1
        made = end + dt.timedelta(days=1)
        result.append(Month(month, seq, seq_to, f"{made.isoformat()}T01:00:00.000000Z", encode_records(records),
                            dict(sorted(counts.items()))))
        seq = max(seq, last_seq(store))
    store.close()
    return result


def commune_key(code: str):
    from nacl.signing import SigningKey

    from kehoach_tui.sync.keys import KeyPair

    return KeyPair("commune", code, SigningKey(uuid.uuid5(uuid.NAMESPACE_OID, code).bytes * 2))


def bundle_for(month: Month, commune, province: str) -> bytes:
    """The template month as this commune's: its code, its ids (a prefix of its own), its key."""
    from kehoach_tui.sync.bundle import FORMAT, FORMAT_VERSION, canonical

    key = commune_key(commune.code)
    prefix = f"{int(commune.code):08x}".encode()
    data = _UUID.sub(prefix, month.data).replace(b'"commune_code":"' + TEMPLATE_CODE.encode() + b'"',
                                                 b'"commune_code":"' + commune.code.encode() + b'"')
    manifest = {"format": FORMAT, "format_version": FORMAT_VERSION, "schema_version": 8, "app_version": "0.1.0",
                "commune_code": commune.code, "commune_name": commune.name, "province_code": province,
                "kind": "incremental", "seq_from": month.seq_from, "seq_to": month.seq_to,
                "created_at": month.created_at, "counts": month.counts, "records": sum(month.counts.values()),
                "data_sha256": hashlib.sha256(data).hexdigest(), "data_size": len(data), "public_key": key.public_hex}
    body = canonical(manifest)
    out = _zip([("manifest.json", body), ("manifest.sig", key.sign(body).hex().encode()), ("data.jsonl", data)])
    return out


def _zip(members: list[tuple[str, bytes]]) -> bytes:
    """As sync/container.pack, at level 6: the bundles are built before the clock starts,
    and level 9 only costs the builder time."""
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name, content in members:
            info = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return buffer.getvalue()


def province_db(folder: Path, communes) -> Path:
    """A province database listing every commune given, each with its key registered."""
    from kehoach_tui.province.registry import init_province
    from kehoach_tui.province.store.db import open_province

    path = folder / "tinh.db"
    store = open_province(path, create=True)
    init_province(store, "38", actor="bench")
    keys = [(c.code, commune_key(c.code).public_hex) for c in communes]
    with store.writing() as db:  # the national run: every commune listed under one database
        db.conn.executemany("INSERT OR IGNORE INTO communes (commune_code, name) VALUES (?, ?)",
                            [(c.code, c.name) for c in communes])
        db.conn.executemany("UPDATE communes SET public_key = ?, registered_at = '2025-01-01T00:00:00Z'"
                            " WHERE commune_code = ?", [(k, code) for code, k in keys])
        db.conn.executemany("INSERT INTO commune_keys (commune_code, epoch, public_key, registered_at) VALUES"
                            " (?, 0, ?, '2025-01-01T00:00:00Z')", keys)
    store.close()
    return path


def _child(args: list[str], today: str) -> tuple[float, float, str]:
    """Run `kehoach ARGS` in a child process: (wall seconds, peak RSS MiB, stdout)."""
    env = {**os.environ, "KEHOACH_TODAY": today}
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "kehoach_tui", *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    out, err = proc.communicate()
    wall = time.perf_counter() - started
    usage = _children_peak()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"kehoach {' '.join(args)} failed: {err.decode()[-2000:]}")
    return wall, usage, out.decode("utf-8", "replace")


def _children_peak() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux


def _peak_of(args: list[str], today: str) -> tuple[float, float, str]:
    """Like _child, but the peak RSS of this one child (a fresh interpreter that runs it)."""
    code = ("import resource, sys, time\nfrom kehoach_tui.cli import main\nt = time.perf_counter()\n"
            "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "sys.stderr.write(f'@@{time.perf_counter() - t:.3f} '"
            " f'{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f}@@')\n")
    env = {**os.environ, "KEHOACH_TODAY": today}
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True)
    wall = time.perf_counter() - started
    marker = re.search(rb"@@([\d.]+) ([\d.]+)@@", proc.stderr)
    if marker is None:
        raise SystemExit(f"kehoach {' '.join(args)} failed: {proc.stderr.decode()[-2000:]}")
    inside, rss = float(marker.group(1)), float(marker.group(2))
    return wall, rss, f"{inside:.3f}"


def run(folder: Path, communes, months: int, *, quiet: bool = False) -> dict:
    """Build, import month by month, measure. Returns the figures."""
    say = (lambda *a: None) if quiet else print
    os.environ["KEHOACH_DATA_DIR"] = str(folder / "data")
    started = time.perf_counter()
    year = build_year(folder, months)
    say(f"template commune: {months} months built in {time.perf_counter() - started:.0f} s; records per month "
        + ", ".join(str(sum(m.counts.values())) for m in year))
    db = province_db(folder, communes)
    figures: dict = {"imports": [], "month_bytes": []}
    for month in year:
        inbox = folder / f"month-{month.number:02d}"
        inbox.mkdir()
        size = 0
        for commune in communes:
            data = bundle_for(month, commune, "38")
            size += len(data)
            (inbox / f"{commune.code}-{month.number:02d}.khsync").write_bytes(data)
        today = (dt.date(YEAR, month.number, 1) + dt.timedelta(days=32)).replace(day=1).isoformat()
        # the first province command of the day makes the daily backup: not the import's cost
        _child(["--db", str(db), "province", "key"], today)
        wall, rss, out = _peak_of(["--db", str(db), "province", "import", str(inbox), "--receipts",
                                   str(folder / "receipts")], today)
        refused = out.count("KHÔNG NHẬN")
        figures["imports"].append((wall, rss))
        figures["month_bytes"].append(size)
        say(f"  month {month.number:2d}: {len(communes)} bundles, {size / 1048576:.1f} MiB, import {wall:6.1f} s wall,"
            f" peak RSS {rss:5.0f} MiB, load {os.getloadavg()[0]:.1f}" + (f", {refused} REFUSED" if refused else ""))
        if refused:
            raise SystemExit("bundles were refused: the data is wrong, the figures would be")
        shutil.rmtree(inbox)
        shutil.rmtree(folder / "receipts", ignore_errors=True)
    import sqlite3

    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    figures["db_bytes"] = db.stat().st_size
    last = (dt.date(YEAR, months, 1) + dt.timedelta(days=32)).replace(day=1) + dt.timedelta(days=4)
    _peak_of(["--db", str(db), "province", "status"], last.isoformat())  # the day's backup is made here
    runs = [_peak_of(["--db", str(db), "province", "status"], last.isoformat()) for _ in range(3)]
    figures["status_wall"] = statistics.median(r[0] for r in runs)
    figures["status_inside"] = statistics.median(float(r[2]) for r in runs)
    figures["status_rss"] = max(r[1] for r in runs)
    _, _, out = _child(["--db", str(db), "province", "status", "--json", "--totals"], last.isoformat())
    figures["totals"] = out
    return figures


def report(figures: dict, communes: int, months: int) -> None:
    imports = figures["imports"]
    worst = max(w for w, _ in imports)
    typical = statistics.median(w for w, _ in imports)
    load = os.getloadavg()
    uptime = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip() if shutil.which("uptime") else ""
    print(f"\n{communes} communes × {months} months  ({uptime or f'load average {load[0]:.2f}'})")
    rows = [
        ("province status, CLI wall", figures["status_wall"], GOALS["status_s"], "s"),
        ("province status, inside the command", figures["status_inside"], GOALS["status_s"], "s"),
        ("province status, peak RSS", figures["status_rss"], GOALS["status_rss_mib"], "MiB"),
        ("database after the last month", figures["db_bytes"] / 1e6, GOALS["db_mb"], "MB"),
        ("one month's import, slowest", worst, GOALS["month_import_s"], "s"),
        ("one month's import, median", typical, GOALS["month_import_s"], "s"),
        ("import, peak RSS", max(r for _, r in imports), GOALS["status_rss_mib"], "MiB"),
    ]
    for label, value, goal, unit in rows:
        ratio = value / goal
        print(f"  {label:<38} {value:8.2f} {unit:<3}  goal {goal:g} {unit}  ratio {ratio:5.2f}"
              f"  {'OK' if ratio <= 1 else 'OVER'}")
    if communes != 3321 or months != 12:
        print("  (not the national run: the goals are for 3,321 communes × 12 months)")


def main() -> None:
    from kehoach_tui.communes import all_communes, communes_of

    parser = argparse.ArgumentParser()
    parser.add_argument("--communes", type=int, default=None, help="how many communes (default: all 3,321)")
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--keep", type=Path, default=None, help="copy the province database here at the end")
    parser.add_argument("--tiny", action="store_true", help="5 communes × 2 months: checks that it runs")
    args = parser.parse_args()
    if args.tiny:
        args.communes, args.months = 5, 2
    communes = list(all_communes())
    if args.communes:  # a province's worth or less: Thanh Hóa's own communes first
        own = list(communes_of("38"))
        communes = (own if args.communes <= len(own) else communes)[:args.communes]
    with tempfile.TemporaryDirectory(prefix="kehoach-province-") as tmp:
        figures = run(Path(tmp), communes, args.months)
        report(figures, len(communes), args.months)
        if args.keep:
            shutil.copy(Path(tmp) / "tinh.db", args.keep)


if __name__ == "__main__":
    main()
