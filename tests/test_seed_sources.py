"""The bundled plans quote the source documents kept in seeds/sources word for word."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "seeds" / "sources"


def test_the_verifier_runs_with_no_argument_on_the_kept_sources():
    """`uv run python scripts/verify_seeds.py` checks every plan against seeds/sources: zero
    differences (tests/test_plan_verify.py corrupts the files and requires each to be caught)."""
    import subprocess
    import sys

    assert len(list(SOURCES.glob("*.txt"))) == 5
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "verify_seeds.py")], capture_output=True,
                         text=True, encoding="utf-8", cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
