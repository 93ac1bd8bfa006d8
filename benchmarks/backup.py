"""What the automatic daily backup costs at start-up.

    uv run python benchmarks/backup.py [--tiny]

Prints: the check when today's backup exists (every start after the first of the day),
the time to make a backup of a fresh database and of a grown one, and `kehoach tasks`
wall time on the first start of a day (backup made inline) against a later start.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed(func, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def grow(db_path: Path, updates: int) -> None:
    from kehoach_tui.store import open_store
    from kehoach_tui.store.rows import update_row

    store = open_store(db_path)
    store.db.conn.execute("PRAGMA synchronous=OFF")  # only to build the test data quickly
    ids = [r[0] for r in store.db.conn.execute("SELECT id FROM tasks")]
    with store.writing() as db:
        for n in range(updates):
            update_row(db, "tasks", ids[n % len(ids)], {"gap": f"ghi chú tiến độ số {n} " * 4, "progress": n % 101}, actor="B")
    store.close()


def main() -> None:
    tiny = "--tiny" in sys.argv[1:]  # a small database and few repeats: checks that it runs
    repeat = 1 if tiny else 5
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        os.environ["KEHOACH_DATA_DIR"] = str(folder / "data")
        os.environ.setdefault("KEHOACH_TODAY", "2025-11-05")
        from kehoach_tui.store.backup import daily_path, ensure_daily_backup, write_backup
        from tests.crash_harness import prepare

        db = folder / "kehoach.db"
        prepare(db)
        ensure_daily_backup(db)
        check = timed(lambda: ensure_daily_backup(db), 20 if tiny else 2000)
        print(f"daily check when today's backup exists: {check * 1e6:.0f} µs")

        fresh = timed(lambda: write_backup(db, folder / "b.db"), repeat)
        print(f"backup of a fresh database ({db.stat().st_size / 1024:.0f} KiB): {fresh * 1000:.0f} ms")
        big = folder / "lon.db"
        prepare(big)
        updates = 200 if tiny else 20_000
        grow(big, updates)
        grown = timed(lambda: write_backup(big, folder / "c.db"), repeat)
        print(f"backup after {updates:,} task updates ({big.stat().st_size / 1024 / 1024:.1f} MiB): {grown * 1000:.0f} ms")

        env = dict(os.environ)
        command = [sys.executable, "-m", "kehoach_tui", "--db", str(db), "tasks"]

        def cli() -> None:
            subprocess.run(command, env=env, check=True, capture_output=True, cwd=ROOT)

        def first_of_day() -> None:
            daily_path(db).unlink(missing_ok=True)
            cli()

        later = timed(cli, repeat)
        first = timed(first_of_day, repeat)
        print(f"`kehoach tasks`, later start of the day:  {later * 1000:.0f} ms")
        print(f"`kehoach tasks`, first start of the day:  {first * 1000:.0f} ms "
              f"(+{(first - later) * 1000:.0f} ms, ratio {first / later:.2f})")
        print("TUI: the backup runs in a worker thread after the first screen is shown, so start-up does not wait for it.")


if __name__ == "__main__":
    main()
