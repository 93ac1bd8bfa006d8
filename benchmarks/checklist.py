"""Morning check benchmark: 5 years of history, the 90-day grid, and `checklist probe` offline.

    uv run python benchmarks/checklist.py

Targets: the 90-day grid (query + render) under 100 ms with ≈1,300 working days × 16 items
of history; `kehoach checklist probe` under 5 s with no network.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("KEHOACH_TODAY", "2025-11-05")


def build_history(path: Path) -> tuple[int, float]:
    """Five years of finished checks, written the way the app writes them (rows + change log)."""
    from kehoach_tui.communes import commune_by_code
    from kehoach_tui.config import TZ
    from kehoach_tui.plan_files import resolve_plan
    from kehoach_tui.store import checklist as cl
    from kehoach_tui.store import open_store
    from kehoach_tui.store.setup import initialise

    store = open_store(path)
    initialise(store, plan=resolve_plan("nghia-tho"), commune=commune_by_code("16969"), officer="Bench")
    cl.ensure_items(store)
    codes = [item.code for item in cl.list_items(store)]
    end = dt.date(2025, 11, 4)
    days = list(cl.checklist_settings(store).calendar().workdays(end - dt.timedelta(days=5 * 365), end))
    begin = time.perf_counter()
    # one transaction per day, as an officer's morning would be at most a few
    with store.writing():
        for n, day in enumerate(days):
            moment = dt.datetime.combine(day, dt.time(7, 30), tzinfo=TZ)
            for i, code in enumerate(codes):
                state = "fail" if (n + i) % 23 == 0 else "na" if code == "CAMERA" and n % 2 else "ok"
                cl.mark_item(store, day, code, state, at=moment)
            cl.finish_day(store, day, at=moment + dt.timedelta(minutes=15 + n % 40))
    seconds = time.perf_counter() - begin
    store.close()
    return len(days), seconds


def time_grid(path: Path, days: int, rounds: int = 20) -> tuple[float, float, float]:
    """Median ms of: history() (the query); + render_grid() (building the grid Text);
    + drawing that Text to terminal lines (what the widget does for a frame)."""
    import io

    from rich.console import Console

    from kehoach_tui.screens.checklist_history import render_grid
    from kehoach_tui.store import checklist as cl
    from kehoach_tui.store import open_store

    console = Console(width=200, file=io.StringIO(), color_system="truecolor")
    store = open_store(path)
    query_ms, build_ms, draw_ms = [], [], []
    for _ in range(rounds):
        begin = time.perf_counter()
        data = cl.history(store, days=days)
        queried = time.perf_counter()
        labels, cells = render_grid(data)
        built = time.perf_counter()
        console.render_lines(labels, pad=False)
        console.render_lines(cells, pad=False)
        drawn = time.perf_counter()
        query_ms.append((queried - begin) * 1000)
        build_ms.append((built - begin) * 1000)
        draw_ms.append((drawn - begin) * 1000)
    store.close()
    mid = rounds // 2
    return sorted(query_ms)[mid], sorted(build_ms)[mid], sorted(draw_ms)[mid]


def time_screen(path: Path) -> tuple[float, float]:
    """Median ms, in a headless app at 120x40, from a key press to the screen idle again:
    toggling the history grid 30 ↔ 90 days, and (for scale) switching between two modes."""
    from kehoach_tui.app import KehoachApp
    from kehoach_tui.store import open_store

    store = open_store(path)

    async def timed(pilot, key: str) -> float:
        begin = time.perf_counter()
        await pilot.press(key)
        await pilot.pause()
        return (time.perf_counter() - begin) * 1000

    async def run() -> tuple[float, float]:
        app = KehoachApp(store)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("2", "1")
            await pilot.pause()
            modes = [await timed(pilot, key) for key in "212121"]
            await pilot.press("3", "h")
            await pilot.pause()
            grid = [await timed(pilot, "d") for _ in range(6)]
        return sorted(grid)[3], sorted(modes)[3]

    try:
        return asyncio.run(run())
    finally:
        store.close()


def time_probe_store(path: Path) -> float:
    from kehoach_tui.config import today
    from kehoach_tui.store import checklist as cl
    from kehoach_tui.store import open_store

    store = open_store(path)
    begin = time.perf_counter()
    cl.run_probes_and_record(store, today())
    seconds = time.perf_counter() - begin
    store.close()
    return seconds


def time_cli(path: Path, *args: str) -> tuple[float, str]:
    begin = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "kehoach_tui", "--db", str(path), *args],
                          capture_output=True, text=True, encoding="utf-8", check=False)
    seconds = time.perf_counter() - begin
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return seconds, done.stdout


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["KEHOACH_DATA_DIR"] = folder
        path = Path(folder) / "bench.db"
        days, build_s = build_history(path)
        size_mib = path.stat().st_size / 2**20
        print(f"history: {days} working days × 16 items = {days * 16:,} marks "
              f"(written in {build_s:.1f} s, database {size_mib:.1f} MiB)")
        for window in (30, 90):
            query, build, draw = time_grid(path, window)
            print(f"{window}-day grid: query {query:.1f} ms, + build {build:.1f} ms, + draw {draw:.1f} ms "
                  f"(target < 100 ms: {100 / draw:.1f}× under)")
        grid_ms, mode_ms = time_screen(path)
        print(f"in the app (120x40, key press to idle, Textual frame included): 30↔90-day toggle "
              f"{grid_ms:.0f} ms; for scale, switching Tổng quan↔Nhiệm vụ {mode_ms:.0f} ms")
        probe_s = time_probe_store(path)
        print(f"probes + recording, in process (no network): {probe_s * 1000:.0f} ms")
        start_s, _ = time_cli(path, "checklist", "--json")
        cli_s, out = time_cli(path, "checklist", "probe")
        print("kehoach checklist probe (no network):")
        print("  " + "\n  ".join(out.strip().splitlines()))
        print(f"checklist probe: {cli_s:.2f} s wall (target < 5 s: {5 / cli_s:.1f}× under); "
              f"of which process start-up, as `checklist --json` takes: {start_s:.2f} s")

if __name__ == "__main__":
    main()
