"""The wheel carries the seeds, the commune list and the stylesheet."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(shutil.which("uv") is None, reason="uv not installed")
def test_wheel_ships_seeds_and_data(tmp_path):
    subprocess.run(["uv", "build", "--wheel", "-q", "-o", str(tmp_path)], cwd=ROOT, check=True,
                   capture_output=True)
    wheel = next(tmp_path.glob("*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "kehoach_tui/seeds/nghia-tho.toml" in names
    assert "kehoach_tui/data/communes.csv" in names
    assert "kehoach_tui/app.tcss" in names
    from kehoach_tui.app import STYLESHEETS

    for sheet in STYLESHEETS:  # the one app stylesheet, every file of it
        assert f"kehoach_tui/{sheet}" in names
    for seed in (ROOT / "seeds").glob("*.toml"):
        assert f"kehoach_tui/seeds/{seed.name}" in names
