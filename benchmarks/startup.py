"""Start-up time and memory: kehoach vs a bare Textual app showing one Label.

Each round starts both programs in a pseudo-terminal (80x24), alternating which goes first,
and measures the time from fork to the first frame that shows the app's text (the screen an
officer waits for) and to the frame showing the plan's data, then quits with Ctrl+Q and reads
the child's peak RSS. Prints both medians, the ratio and the peak RSS. Children run with a
warm bytecode cache (benchmarks/measure.py). Not a test: run it by hand.

    uv run python benchmarks/startup.py [--rounds 9] [--tiny]

Goal (issue 17): ratio ≤ 1.3 and RSS ≤ bare + 20 MiB.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import measure  # noqa: E402


def start(argv: list[str], env: dict[str, str], first: str, data: str | None = None):
    """(seconds to the first frame, seconds to the data or None, peak RSS MiB)."""
    app = measure.PtyApp(argv, env)
    try:
        shown = app.wait_for(first)
        with_data = app.wait_for(data) if data else None
    finally:
        rss = app.quit()
    return shown, with_data, rss


def main() -> None:
    from kehoach_tui.i18n import t

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--tiny", action="store_true", help="one round, no warm-up: checks that it runs")
    args = parser.parse_args()
    rounds = 1 if args.tiny else args.rounds
    print(measure.load_average())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "kehoach.db"
        env = measure.child_env(measure.pycache_dir(folder), KEHOACH_DATA_DIR=str(folder / "data"))
        subprocess.run([*measure.APP, "--db", str(db), "init", "--officer", "Nguyễn Thị Hoa"], check=True, env=env, capture_output=True)
        programs = {
            "bare": (measure.bare_app(folder), env, measure.BARE_MARKER),
            # first frame: the overview's section title; data: the first group's row
            "kehoach": ([*measure.APP, "--db", str(db)], env, t("overview.plan_progress"),
                        measure.screen_markers()["overview"]),
        }
        times: dict[str, list[float]] = {"bare": [], "kehoach": []}
        data_times: list[float] = []
        rss: dict[str, list[float]] = {"bare": [], "kehoach": []}
        if not args.tiny:
            start(*programs["bare"])  # warm the bytecode cache and the OS file cache for both
            start(*programs["kehoach"])
        for round_no in range(rounds):
            order = ["bare", "kehoach"] if round_no % 2 == 0 else ["kehoach", "bare"]
            for name in order:
                seconds, data_seconds, peak = start(*programs[name])
                times[name].append(seconds)
                rss[name].append(peak)
                if data_seconds is not None:
                    data_times.append(data_seconds)
    bare_t, app_t = measure.median(times["bare"]), measure.median(times["kehoach"])
    bare_m, app_m = measure.median(rss["bare"]), measure.median(rss["kehoach"])
    data_t = measure.median(data_times)
    print(f"rounds: {rounds} (alternating order, 80x24 pty, seeded Nghĩa Thọ database)")
    print(f"bare Textual app : median {bare_t * 1000:7.1f} ms   peak RSS {bare_m:6.1f} MiB")
    print(f"kehoach          : median {app_t * 1000:7.1f} ms   peak RSS {app_m:6.1f} MiB  (first frame)")
    print(f"kehoach, data    : median {data_t * 1000:7.1f} ms   (plan progress shown; ratio {data_t / bare_t:.2f})")
    print(f"ratio            : {app_t / bare_t:.2f}  (goal <= 1.30)")
    print(f"RSS difference   : {app_m - bare_m:+.1f} MiB  (goal <= +20 MiB)")
    print(measure.load_average())


if __name__ == "__main__":
    main()
