"""Incident list speed: with 10,000 incidents, how long a filter or search keystroke takes to
refresh the list (target: median under 50 ms).

    uv run python benchmarks/incidents.py [--count 10000] [--tiny]

Builds a temporary database, then drives the real screen headless: for each keystroke the
time from the key press to the redrawn table (query + table fill), and separately the store
query alone.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("KEHOACH_TODAY", "2025-11-05")

TITLES = [
    "Mất mạng Internet tại bộ phận một cửa", "Máy in kẹt giấy", "Lỗi ký số hồ sơ hộ tịch",
    "Không đăng nhập được Cổng dịch vụ công", "Mất điện, UPS hết pin", "Camera không ghi hình",
    "Tin nhắn lừa đảo giả danh Công an", "Máy tính tiếp dân số 2 không khởi động",
    "Đường truyền số liệu chuyên dùng chập chờn", "Phần mềm một cửa báo lỗi khi tiếp nhận hồ sơ",
]


def build(path: Path, count: int):
    from kehoach_tui.communes import commune_by_code
    from kehoach_tui.domain.incident_models import search_key
    from kehoach_tui.domain.incidents import STATUSES
    from kehoach_tui.plan_files import resolve_plan
    from kehoach_tui.store import open_store
    from kehoach_tui.store.incidents import catalog
    from kehoach_tui.store.rows import insert_row
    from kehoach_tui.store.setup import initialise

    store = open_store(path)
    initialise(store, plan=resolve_plan("nghia-tho"), commune=commune_by_code("16969"), officer="Bench")
    cat = catalog(store)
    rng = random.Random(7)
    start = dt.datetime(2023, 1, 1, tzinfo=dt.UTC)
    with store.writing() as db:  # the store's own row writer, one transaction
        for number in range(1, count + 1):
            category = rng.choice(cat.categories)
            opened = start + dt.timedelta(minutes=rng.randrange(0, 3 * 365 * 24 * 60))
            row = {
                "number": number, "opened_at": opened.strftime("%Y-%m-%dT%H:%M:%S.%fZ"), "reporter": "Bench",
                "category": category.code, "category_name": category.name,
                "severity": rng.choice(["high", "medium", "low"]),
                "title": f"{rng.choice(TITLES)} lần {number}", "status": rng.choice(STATUSES),
                "status_at": opened.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
                "description": "Mô tả chi tiết sự cố, ảnh hưởng người dân và cách xử lý ban đầu.",
            }
            row["search_key"] = search_key(row)
            insert_row(db, "incidents", row, actor="Bench", commune_code="16969")
    return store


async def keystrokes(store, tiny: bool = False) -> tuple[list[float], list[float], list[float]]:
    from textual.widgets import DataTable, Select

    from kehoach_tui.app import KehoachApp
    from kehoach_tui.screens.incidents import IncidentsScreen

    timings: list[float] = []
    refreshes: list[float] = []
    refresh_cpu: list[float] = []
    app = KehoachApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, IncidentsScreen)
        original = screen.refresh_data

        def timed_refresh() -> None:
            began, cpu = time.perf_counter(), time.process_time()
            original()
            refreshes.append(time.perf_counter() - began)
            refresh_cpu.append(time.process_time() - cpu)

        screen.refresh_data = timed_refresh
        table = screen.query_one("#incident-table", DataTable)
        await pilot.press("slash")
        for text in ("mat mang",) if tiny else ("mat mang", "may in", "lua dao cong an", "ho tich", "cong dich vu"):
            for key in [*text, *["backspace"] * len(text)]:
                began = time.perf_counter()
                await pilot.press(key if key != " " else "space")
                await pilot.pause()
                timings.append(time.perf_counter() - began)
        for selector, values in (("#incident-status", ["*", "open", "closed", "*"]),
                                 ("#incident-severity", ["high", "low", "*"]),
                                 ("#incident-period", ["year", "30d", "all"]),
                                 ("#incident-category", ["security", "power", "*"])):
            for value in values:
                began = time.perf_counter()
                screen.query_one(selector, Select).value = value
                await pilot.pause()
                timings.append(time.perf_counter() - began)
        assert table.row_count > 0
    return timings, refreshes, refresh_cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--tiny", action="store_true", help="60 incidents, one query: checks that it runs")
    args = parser.parse_args()
    if args.tiny:
        args.count = 60
    from kehoach_tui.domain.incident_models import IncidentFilter
    from kehoach_tui.screens.incidents import PAGE
    from kehoach_tui.store.incidents import list_incidents

    with tempfile.TemporaryDirectory() as folder:
        os.environ["KEHOACH_DATA_DIR"] = folder
        began = time.perf_counter()
        store = build(Path(folder) / "bench.db", args.count)
        print(f"built {args.count:,} incidents in {time.perf_counter() - began:.1f} s")
        queries = []
        for search in ("", "mat mang", "lua dao cong an", "xyz"):
            for status in (None, "open"):
                began = time.perf_counter()
                list_incidents(store, IncidentFilter(search=search, status=status, limit=PAGE))
                queries.append(time.perf_counter() - began)
        timings, refreshes, refresh_cpu = asyncio.run(keystrokes(store, args.tiny))
        store.close()
    ms = lambda xs: statistics.median(xs) * 1000  # noqa: E731
    print(f"store query alone:              median {ms(queries):6.1f} ms  (n={len(queries)})")
    print(f"list refresh (query + table):   median {ms(refreshes):6.1f} ms  max {max(refreshes) * 1000:6.1f} ms  (n={len(refreshes)})")
    print(f"list refresh, CPU time:         median {ms(refresh_cpu):6.1f} ms  (less sensitive to a busy machine)")
    print(f"keystroke to redrawn list:      median {ms(timings):6.1f} ms  max {max(timings) * 1000:6.1f} ms  (n={len(timings)})")
    print(f"target 50 ms: refresh ratio {ms(refreshes) / 50:.2f} (CPU {ms(refresh_cpu) / 50:.2f}), "
          f"keystroke ratio {ms(timings) / 50:.2f}")
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
          if hasattr(os, "getloadavg") else "")


if __name__ == "__main__":
    main()
