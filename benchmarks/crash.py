"""The long crash run: kill the writer 200+ times and print what survived.

    uv run python -m benchmarks.crash [--cycles 200] [--seed 1] [--tiny]

Prints cycles, acknowledged operations, lost (must be 0), half-applied (must be 0),
operations that committed just before the kill without being acknowledged, and the time.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.crash_harness import run_cycles  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cycles", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-delay", type=float, default=0.25)
    parser.add_argument("--tiny", action="store_true", help="3 cycles: checks that it runs")
    args = parser.parse_args()
    if args.tiny:
        args.cycles = 3
    with tempfile.TemporaryDirectory() as folder:
        os.environ.setdefault("KEHOACH_DATA_DIR", folder)
        started = time.perf_counter()
        figures = run_cycles(Path(folder) / "crash.db", args.cycles, seed=args.seed, max_delay=args.max_delay)
        elapsed = time.perf_counter() - started
    print(f"cycles:                       {figures.cycles}")
    print(f"acknowledged operations:      {figures.acknowledged}")
    print(f"lost:                         {figures.lost}")
    print(f"half-applied:                 {figures.partial}")
    print(f"integrity failures:           {figures.integrity_failures}")
    print(f"row/change-log mismatches:    {figures.log_mismatches}")
    print(f"started, not acknowledged:    {figures.started_unacknowledged}")
    print(f"  of which committed anyway:  {figures.committed_unacknowledged}")
    print(f"time:                         {elapsed:.1f} s ({elapsed / max(figures.cycles, 1) * 1000:.0f} ms/cycle)")
    for name, count in sorted(figures.acknowledged_by_operation.items()):
        print(f"  acknowledged {name + ':':20}{count}")
    for problem in figures.problems[:20]:
        print("  problem:", problem)
    sys.exit(0 if figures.ok else 1)


if __name__ == "__main__":
    main()
