"""Every benchmark runs at its tiny size (not timed), so none can silently break again.

Each script is run as a person runs it, in its own process, and must exit 0 and print its
figures. A new script in benchmarks/ must be listed here with the line it prints; the
helper modules are listed apart.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "benchmarks"
HELPERS = {"measure.py", "fiveyears.py"}

# script -> a line fragment it prints once its figures are measured
PRINTS = {
    "backup.py": "daily check when today's backup exists",
    "checklist.py": "30 ↔ 90 days (d)",
    "crash.py": "half-applied:",
    "incidents.py": "keystroke to redrawn list",
    "mail.py": "Outbox listing with",
    "plans.py": "switch between two installed plans",
    "province.py": "not the national run",
    "reports.py": "kehoach report monthly --format docx",
    "run_all.py": "figures within their goal",
    "screens.py": "later switch",
    "startup.py": "RSS difference",
    "sync.py": "first import",
    "tasks_search.py": "keystroke → refreshed list painted",
}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pycache(tmp_path_factory) -> Path:
    """One bytecode cache for every benchmark's children: each compiles nothing twice."""
    return tmp_path_factory.mktemp("pycache")


def test_every_benchmark_has_a_tiny_run():
    scripts = {p.name for p in BENCHMARKS.glob("*.py")} - HELPERS - {"__init__.py"}
    assert scripts == set(PRINTS)


@pytest.mark.parametrize("script", sorted(PRINTS))
def test_benchmark_runs_tiny(script, tmp_path, pycache):
    env = {k: v for k, v in os.environ.items() if k not in ("KEHOACH_TODAY", "KEHOACH_DB")}
    env.update(KEHOACH_DATA_DIR=str(tmp_path / "data"), KEHOACH_BENCH_PYCACHE=str(pycache))
    done = subprocess.run([sys.executable, str(BENCHMARKS / script), "--tiny"], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=300, check=False)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    assert PRINTS[script] in done.stdout, done.stdout[-2000:]
    if script == "run_all.py":  # every figure of the table, and the load average twice
        for figure in ("first screen with data", "peak RSS", "tasks --json", "task update", "checklist mark",
                       "--help", "--version", "first visit: tasks", "later screen switch",
                       "check history grid open", "30↔90 toggle", "monthly report .docx",
                       "50,000 task updates", "5 realistic years: database", "backups kept"):
            assert figure in done.stdout, figure
        assert done.stdout.count("load average") >= 3

