"""Monthly report over five years of synthetic data: build the model and write each format.

Run: uv run python benchmarks/reports.py   (target: the monthly report in under 2 s)

The data stands in for what the task, target, checklist and incident modules record over
five years (2021-2025) at one commune: a task update every working day, monthly target
values, a morning check with 16 items every working day, and two incidents a week.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("KEHOACH_TODAY", "2025-11-28")


def synthesise(store) -> dict[str, int]:
    from tests.report_data import create_other_tables, utc

    conn = store.db.conn
    create_other_tables(conn)
    tasks = [r[0] for r in conn.execute("SELECT id FROM tasks")]
    targets = [r[0] for r in conn.execute("SELECT id FROM targets")]
    statuses = ("not_started", "in_progress", "blocked", "in_progress", "done")
    day, end = dt.date(2021, 1, 1), dt.date(2025, 11, 28)
    counts = dict.fromkeys(("updates", "values", "days", "marks", "incidents"), 0)
    conn.execute("BEGIN")
    n = 0
    while day <= end:
        n += 1
        iso = day.isoformat()
        if day.weekday() < 5:
            for k in range(2):
                task = tasks[(n * 7 + k) % len(tasks)]
                conn.execute("INSERT INTO task_updates VALUES (?, ?, ?, 'Cán bộ', ?, ?, ?, ?, '', 0, ?)",
                             (f"u{n}-{k}", task, utc(iso, "10:00"), statuses[n % 5], statuses[(n + 1) % 5],
                              (n * 13) % 101, f"Ghi chú {n}", utc(iso)))
                counts["updates"] += 1
            conn.execute("INSERT INTO checklist_days VALUES (?, ?, 'Cán bộ', ?, ?, ?, 0)",
                         (f"d{n}", iso, utc(iso, "07:30"), utc(iso, "07:55"), int(n % 9 == 0)))
            counts["days"] += 1
            for item in range(16):
                conn.execute("INSERT INTO checklist_marks VALUES (?, ?, ?, ?, '', 0)",
                             (f"d{n}m{item}", f"d{n}", f"item{item}", "fail" if (n + item) % 23 == 0 else "ok"))
                counts["marks"] += 1
        if day.weekday() in (1, 3):
            conn.execute("INSERT INTO incidents VALUES (?, ?, ?, ?, 'Trung bình', ?, ?, 0)",
                         (f"n{n}", utc(iso, "09:00"), f"Sự cố {n}", ("Mất mạng Internet", "Hỏng máy in, máy quét")[n % 2],
                          "closed" if day < end - dt.timedelta(days=3) else "in_progress", utc(iso, "09:00")))
            if day < end - dt.timedelta(days=3):
                conn.execute("INSERT INTO incident_events VALUES (?, ?, ?, 'resolved', 0)",
                             (f"n{n}e", f"n{n}", utc(iso, "11:30")))
            counts["incidents"] += 1
        if day.day == 1:
            for target in targets:
                conn.execute("INSERT INTO target_values VALUES (?, ?, ?, ?, '', 0, ?)",
                             (f"v{n}-{target}", target, f"{day:%Y-%m}", n % 100, utc(iso)))
                counts["values"] += 1
        day += dt.timedelta(days=1)
    conn.execute("COMMIT")
    return counts


def main() -> None:
    from kehoach_tui.communes import commune_by_code
    from kehoach_tui.domain.periods import parse_period
    from kehoach_tui.plan_files import resolve_plan
    from kehoach_tui.reports.export import FORMATS, render
    from kehoach_tui.reports.model import build_report
    from kehoach_tui.store import open_store
    from kehoach_tui.store.setup import initialise

    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "bench.db")
        initialise(store, plan=resolve_plan("nghia-tho"), commune=commune_by_code("16969"), officer="Cán bộ")
        started = time.perf_counter()
        counts = synthesise(store)
        print(f"synthetic data: {counts} in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        import docx  # noqa: F401  (imported once per process; measured apart from the report)
        import openpyxl  # noqa: F401

        print(f"importing python-docx and openpyxl: {time.perf_counter() - started:.2f} s")
        today = dt.date(2025, 11, 28)
        period = parse_period("month", "2025-11", today)
        timings = []
        for _ in range(3):
            started = time.perf_counter()
            model = build_report(store, period, today)
            timings.append(time.perf_counter() - started)
        print(f"build monthly model: best {min(timings) * 1000:.0f} ms "
              f"(updates in period {model.totals.updates}, check days {model.checklist.days_checked}, "
              f"incidents {model.incidents.opened})")
        total = min(timings)
        for fmt in FORMATS:
            started = time.perf_counter()
            data = render(model, fmt, "16969")
            elapsed = time.perf_counter() - started
            total_fmt = min(timings) + elapsed
            print(f"  {fmt:<4} render {elapsed * 1000:6.0f} ms, {len(data) / 1024:6.1f} KiB, "
                  f"model+render {total_fmt * 1000:.0f} ms = {total_fmt / 2:.0%} of the 2 s budget")
            total = max(total, total_fmt)
        print(f"in one process (imports done): worst format {total:.2f} s (target < 2 s) -> "
              f"{'OK' if total < 2 else 'TOO SLOW'}")
        store.close()
        # What an officer waits for: a fresh `kehoach report monthly` process, imports included.
        for fmt in ("docx", "xlsx", "md"):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "kehoach_tui", "--db", str(Path(folder) / "bench.db"), "report",
                            "monthly", "--period", "2025-11", "--format", fmt, "--out", str(Path(folder) / "out") + "/"],
                           check=True, capture_output=True, env={**os.environ, "KEHOACH_DATA_DIR": folder})
            elapsed = time.perf_counter() - started
            print(f"  kehoach report monthly --format {fmt:<4} (new process): {elapsed:.2f} s")
        print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
