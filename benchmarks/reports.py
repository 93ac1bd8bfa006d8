"""Monthly report over five years of data: build the model, write each format, and what an
officer waits for, a fresh `kehoach report monthly` process.

    uv run python benchmarks/reports.py [--rounds 5] [--quick | --tiny]

The data is benchmarks/fiveyears.py: five years at Nghĩa Thọ written through the areas' own
store functions (morning checks, task updates, incidents, target values, report texts and
runs). Goal (issue 17): the monthly .docx in a new process ≤ 0.8 s, with a warm bytecode cache.
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

PERIOD = f"{END:%Y-%m}"


def report_args(db: Path, out: Path, fmt: str = "docx") -> list[str]:
    return ["--db", str(db), "report", "monthly", "--period", PERIOD, "--format", fmt, "--out", f"{out}/"]


def report_process(db: Path, env: dict[str, str], out: Path, rounds: int, fmt: str = "docx") -> list[float]:
    """Wall seconds of `rounds` fresh `kehoach report monthly` processes."""
    return [measure.cli(report_args(db, out, fmt), env) for _ in range(rounds)]


def in_process(db: Path) -> None:
    """The model and each writer, imports done: where a report's time goes."""
    from kehoach_tui.domain.periods import parse_period
    from kehoach_tui.reports.export import FORMATS, render
    from kehoach_tui.reports.model import build_report
    from kehoach_tui.store import open_store

    store = open_store(db)
    started = time.perf_counter()
    import docx  # noqa: F401  (imported once per process; measured apart from the report)
    import openpyxl  # noqa: F401

    print(f"  importing python-docx and openpyxl: {time.perf_counter() - started:.2f} s")
    period = parse_period("month", PERIOD, END)
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        model = build_report(store, period, END)
        timings.append(time.perf_counter() - started)
    print(f"  build monthly model: best {min(timings) * 1000:.0f} ms "
          f"(updates in period {model.totals.updates}, check days {model.checklist.days_checked}, "
          f"incidents {model.incidents.opened})")
    for fmt in FORMATS:
        started = time.perf_counter()
        data = render(model, fmt, "16969")
        elapsed = time.perf_counter() - started
        print(f"  {fmt:<4} render {elapsed * 1000:6.0f} ms, {len(data) / 1024:6.1f} KiB")
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
        print(f"{size.label}, monthly report for {PERIOD}, in this process:")
        in_process(db)
        out = folder / "out"
        print(f"new process, {rounds} rounds{' after a warm-up' if size.warm_up else ''} (median):")
        for fmt in ("docx", "xlsx", "md"):
            if size.warm_up:
                report_process(db, env, out, 1, fmt)  # warm-up: bytecode cache, OS file cache
            seconds = measure.median(report_process(db, env, out, rounds, fmt))
            goal = " (goal ≤ 0.8 s)" if fmt == "docx" else ""
            print(f"  kehoach report monthly --format {fmt:<4}: {seconds:.2f} s{goal}")
    print(measure.load_average())


if __name__ == "__main__":
    main()
