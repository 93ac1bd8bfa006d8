"""Morning check benchmark: five years of history and the check history grid as it is painted.

    uv run python benchmarks/checklist.py [--rounds 5] [--quick | --tiny]

The grid is timed the way an officer sees it: the app runs in an 80x24 pseudo-terminal on the
five-year database (benchmarks/fiveyears.py); from the key press (h on Kiểm tra đầu giờ, then
d to toggle 30 ↔ 90 days) to the moment the grid's title for that window has been written to
the terminal: query, layout and paint included. Goals (issue 17): open ≤ 80 ms, toggle
≤ 50 ms, painted. For where the time goes, the query and the grid's Text are also timed
in this process. (`kehoach checklist probe` is not run here: its probes reach for hosts on
the Internet, and a benchmark sends nothing off this machine.)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import measure  # noqa: E402
from benchmarks.fiveyears import END  # noqa: E402

TOGGLES = 4  # per app process: 30 → 90 → 30 → 90 → 30


def grid_tour(db: Path, env: dict[str, str]) -> tuple[float, list[float]]:
    """One app process: seconds to paint the grid on its first open, and each toggle."""
    markers = measure.screen_markers()
    app = measure.PtyApp([*measure.APP, "--db", str(db)], env)
    try:
        app.wait_for(markers["overview"])
        app.press(b"3")
        app.wait_for(markers["checklist"])
        app.press(b"h")
        opened = app.wait_for(measure.history_marker(30))
        toggles = []
        for n in range(TOGGLES):
            app.press(b"d")
            toggles.append(app.wait_for(measure.history_marker(90 if n % 2 == 0 else 30)))
    finally:
        app.quit()
    return opened, toggles


def measure_grid(db: Path, env: dict[str, str], rounds: int) -> tuple[list[float], list[float]]:
    opens, toggles = [], []
    for _ in range(rounds):
        opened, switched = grid_tour(db, env)
        opens.append(opened)
        toggles.extend(switched)
    return opens, toggles


def in_process(db: Path, rounds: int = 10) -> None:
    """Median ms of history() (the query) and render_grid() (the grid's Text) per window."""
    from kehoach_tui.screens.checklist_history import render_grid
    from kehoach_tui.store import checklist as cl
    from kehoach_tui.store import open_store

    store = open_store(db)
    for window in (30, 90):
        query_ms, build_ms = [], []
        for _ in range(rounds):
            begin = time.perf_counter()
            data = cl.history(store, days=window, end=END)
            queried = time.perf_counter()
            render_grid(data)
            query_ms.append((queried - begin) * 1000)
            build_ms.append((time.perf_counter() - queried) * 1000)
        print(f"  {window}-day grid in this process: query {measure.median(query_ms):.1f} ms, "
              f"grid Text {measure.median(build_ms):.1f} ms")
    store.close()


def main() -> None:
    from benchmarks.run_all import SIZES, five_years

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=None)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--tiny", action="store_true")
    args = parser.parse_args()
    size = SIZES["tiny" if args.tiny else "quick" if args.quick else "full"]
    rounds = args.rounds or size.rounds
    print(measure.load_average())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db, env = five_years(folder, size)
        in_process(db)
        if size.warm_up:
            grid_tour(db, env)  # warm-up: bytecode cache, OS file cache
        opens, toggles = measure_grid(db, env, rounds)
        print(f"{size.label}, 80x24 pty, {rounds} app starts, key press to painted grid (median):")
        print(f"  open the grid (h)      {measure.median(opens) * 1000:6.0f} ms   (goal ≤ 80 ms)")
        print(f"  30 ↔ 90 days (d)       {measure.median(toggles) * 1000:6.0f} ms   (goal ≤ 50 ms, n={len(toggles)})")
    print(measure.load_average())


if __name__ == "__main__":
    main()
