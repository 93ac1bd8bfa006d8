"""The national benchmark, at a tiny size: it builds a commune's months with the app's own
store functions, imports them month by month through `kehoach province import`, and reads
`province status`; here only that it runs and what it imports adds up (not timed)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))


def test_tiny_national_run(tmp_path, monkeypatch, capsys):
    import province as bench

    from kehoach_tui.communes import communes_of

    communes = list(communes_of("38"))[:4]
    figures = bench.run(tmp_path, communes, 2, quiet=True)
    bench.report(figures, len(communes), 2)
    out = capsys.readouterr().out
    assert "ratio" in out and "not the national run" in out
    assert len(figures["imports"]) == 2 and figures["db_bytes"] > 0
    totals = json.loads(figures["totals"])
    assert totals["communes"] == 166 and totals["expected"] > 0
    assert totals["received"] == totals["on_time"] + totals["late"] and totals["late"] > 0
    assert totals["gaps"] == {} and not {c.code for c in communes} & set(totals["not_sent_data"])
