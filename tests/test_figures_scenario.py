"""A month recorded as an officer records it, with known answers for every figure of
`kehoach report figures --json`; the same figures on any later day."""

from __future__ import annotations

import json

import pytest

from kehoach_tui.cli import main
from tests import figures_scenario as scenario
from tests.report_data import on_day


def figures(capsys, db_path, *args) -> dict:
    try:
        main(["--db", str(db_path), "report", "figures", *args, "--json"])
    except SystemExit as exc:
        assert not exc.code, capsys.readouterr().err
    out, err = capsys.readouterr()
    assert not err, err
    return json.loads(out)


def contract(found: dict) -> dict:
    """The keys the issue names (the document may carry more)."""
    return {key: found[key] for key in ("period", "tasks", "checklist", "incidents", "targets", "not_updated",
                                        "due_next")}


@pytest.fixture
def store(db_path):
    from kehoach_tui.store import open_store

    with on_day("2025-10-30"):
        s = open_store(db_path)
    scenario.setup(s)
    yield s
    s.close()


def test_november_figures_match_what_was_recorded(store, db_path, capsys):
    scenario.record(store)
    with on_day("2025-12-10"):
        found = figures(capsys, db_path, "monthly", "--period", "2025-11")
    assert contract(found) == scenario.NOVEMBER
    # Every count is an integer; met is true/false/null.
    for section in ("tasks", "checklist", "incidents"):
        assert all(type(v) is int for v in found[section].values()), section
    assert {t["met"] for t in found["targets"]} == {True, False, None}
    # The value recorded after the month is not a figure of it, but it is not hidden either.
    assert found["recorded_later"] == [{"code": "CT5", "month": "2025-11", "value": 10, "recorded_on": "2025-12-03"},
                                       {"code": "CT13", "month": "2025-11", "value": 78,
                                        "recorded_on": "2025-12-04"}]
    assert found["not_updated_titles"]["3.4.b"] == "Hoạt động Bộ phận một cửa liên tục"


def test_an_earlier_week_gives_the_same_figures_later(store, db_path, capsys):
    scenario.record(store, until="2025-11-09")
    with on_day("2025-11-10"):
        then = figures(capsys, db_path, "weekly", "--period", "2025-W45")
    assert contract(then) == scenario.WEEK_45
    scenario.record(store, since="2025-11-09")
    with on_day("2025-12-10"):
        later = figures(capsys, db_path, "weekly", "--period", "2025-W45")
    assert later == then


def test_november_regenerated_after_the_december_corrections(store, db_path, capsys):
    scenario.record(store, until="2025-12-01")
    with on_day("2025-12-01"):
        first = figures(capsys, db_path, "monthly", "--period", "2025-11")
    scenario.record(store, since="2025-12-01")
    with on_day("2026-01-15"):
        again = figures(capsys, db_path, "monthly", "--period", "2025-11")
    assert contract(again) == contract(first) == scenario.NOVEMBER


def test_longer_periods_and_custom_ranges(store, db_path, capsys):
    scenario.record(store)
    with on_day("2025-12-10"):
        quarter = figures(capsys, db_path, "quarterly", "--period", "2025-Q4")
        half = figures(capsys, db_path, "half-yearly", "--period", "2025-H2")
        year = figures(capsys, db_path, "yearly", "--period", "2025")
        cut = figures(capsys, db_path, "yearly", "--period", "2025", "--mid-month")
        custom = figures(capsys, db_path, "custom", "--from", "01/11/2025", "--to", "30/11/2025")
    assert quarter["period"] == {"start": "2025-10-01", "end": "2025-12-31"}
    assert half["period"] == {"start": "2025-07-01", "end": "2025-12-31"}
    assert year["period"] == {"start": "2025-01-01", "end": "2025-12-31"}
    # Nghị định 09/2019/NĐ-CP: the year's figures run from 15/12 of the year before to 14/12.
    assert cut["period"] == {"start": "2024-12-15", "end": "2025-12-14"}
    assert contract(custom)["incidents"] == scenario.NOVEMBER["incidents"]
    assert contract(custom)["tasks"] == scenario.NOVEMBER["tasks"]
    # The quarter runs to 10/12 (today): the December update of 2.2 is in, the incident was
    # fixed on 02/12, and the morning check of 01/12 counts.
    assert quarter["tasks"]["done"] == 4 and quarter["incidents"]["open_at_end"] == 0
    assert quarter["checklist"]["days_checked"] == 20


def test_the_figures_read_as_text_without_json(store, db_path, capsys):
    scenario.record(store)
    with on_day("2025-12-10"):
        main(["--db", str(db_path), "report", "figures", "monthly", "--period", "2025-11"])
    out = capsys.readouterr().out
    assert "tính đến hết ngày 30/11/2025" in out
    assert "chưa cập nhật 16" in out and "2 ngày 20 giờ 40 phút" in out
    assert "CT4: 62,5% → 71,3% / 80% ✗" in out
