"""Screen switching as an officer sees it: the app in an 80x24 pseudo-terminal, timed from the
key press to the moment the new screen's own text has been painted.

    uv run python benchmarks/screens.py [--rounds 5] [--quick | --tiny]

Each round is a fresh app process on the five-year database (benchmarks/fiveyears.py): it
waits for the first screen with its data, then visits screens 2–6 for the first time, then
switches among them again ("later switch": the screen exists, only its data is refreshed).
The app as the officer runs it prepares screens 2–6 while Tổng quan is read (app.py:
PREPARED), so a first visit finds its screen built unless the key came first; each round
also tours an app with KEHOACH_PREPARE=0, where every first visit builds its screen, styles
and fills it (printed, not a goal). The tour presses a key as soon as the last screen is
painted and quiet for 150 ms: quicker than an officer reads. Goals (issue 17): first visit
≤ 150 ms, later switch ≤ 80 ms, painted.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import measure  # noqa: E402
from benchmarks.fiveyears import END  # noqa: E402

ORDER = ("overview", "tasks", "checklist", "incidents", "reports", "sync")
LATER = ("tasks", "checklist", "incidents", "reports", "sync", "overview", "tasks", "checklist")


def key_of(mode: str) -> bytes:
    return str(ORDER.index(mode) + 1).encode()


def tour(db: Path, env: dict[str, str]) -> tuple[dict[str, float], list[float]]:
    """One app process: seconds to paint each screen on its first visit, and every later switch."""
    markers = measure.screen_markers()
    app = measure.PtyApp([*measure.APP, "--db", str(db)], env)
    try:
        app.wait_for(markers["overview"])
        first = {}
        for mode in ORDER[1:]:
            app.press(key_of(mode))
            first[mode] = app.wait_for(markers[mode])
        later = []
        for mode in LATER:
            app.press(key_of(mode))
            later.append(app.wait_for(markers[mode]))
    finally:
        app.quit()
    return first, later


def measure_screens(db: Path, env: dict[str, str], rounds: int
                    ) -> tuple[dict[str, list[float]], list[float], dict[str, list[float]]]:
    """Every round's first-visit times per screen, all later-switch times, and the first
    visits with nothing prepared."""
    first: dict[str, list[float]] = {mode: [] for mode in ORDER[1:]}
    cold: dict[str, list[float]] = {mode: [] for mode in ORDER[1:]}
    later: list[float] = []
    for _ in range(rounds):
        visits, switches = tour(db, env)
        for mode, seconds in visits.items():
            first[mode].append(seconds)
        later.extend(switches)
        for mode, seconds in tour(db, {**env, "KEHOACH_PREPARE": "0"})[0].items():
            cold[mode].append(seconds)
    return first, later, cold


def report(first: dict[str, list[float]], later: list[float], cold: dict[str, list[float]]) -> None:
    for mode, values in first.items():
        print(f"  first visit {mode:<10} median {measure.median(values) * 1000:6.0f} ms"
              f"   (max {max(values) * 1000:.0f} ms, n={len(values)};"
              f" nothing prepared: {measure.median(cold[mode]) * 1000:.0f} ms)")
    print(f"  later switch          median {measure.median(later) * 1000:6.0f} ms"
          f"   (max {max(later) * 1000:.0f} ms, n={len(later)})")


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
        if size.warm_up:
            tour(db, env)  # warm-up: bytecode cache, OS file cache
        first, later, cold = measure_screens(db, env, rounds)
    print(f"{size.label}, {rounds} rounds, 80x24 pty, today {END:%d/%m/%Y}:")
    report(first, later, cold)
    print(measure.load_average())


if __name__ == "__main__":
    main()
