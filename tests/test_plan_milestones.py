"""Milestones: a task with several dated steps is due for the next one, and each can be
overdue (Đồng Nai 2.5, 3.1, 4.1, 5.1–5.3)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from kehoach_tui.domain.plan import PlanError, parse_plan
from kehoach_tui.plan_files import resolve_plan

D = dt.date


def test_dong_nai_milestones():
    tasks = {t.code: t for t in resolve_plan("dong-nai").tasks}
    dues = {code: [m.due for m in t.milestones] for code, t in tasks.items() if t.milestones}
    assert dues == {
        "2.5": [D(2025, 9, 30), D(2025, 12, 31)],
        "3.1": [D(2025, 12, 31), D(2026, 12, 31)],
        "4.1": [D(2025, 8, 31), D(2025, 9, 30)],
        "5.1": [D(2025, 9, 30), D(2025, 10, 31)],
        "5.2": [D(2025, 6, 30), D(2025, 12, 31)],
        "5.3": [D(2025, 10, 31), D(2025, 11, 30)],
    }
    first = tasks["3.1"].milestones[0]
    assert first.source == "003 §II.1.b" and "ít nhất 30%" in first.text  # the 2025 goal, dated by its phase
    assert all(m.source for t in tasks.values() for m in t.milestones)


TASK = ('format = 1\n[plan]\ncode = "x"\ntitle = "X"\nlevel = "commune"\n[[groups]]\ncode = "1"\n'
        '[[tasks]]\ncode = "1.1"\ngroup = "1"\ntitle = "T"\n[[tasks.milestones]]\n')


def test_milestone_needs_origin_and_date():
    with pytest.raises(PlanError, match="source hoặc assumed"):
        parse_plan(TASK + 'text = "xong 30/9/2025"\n')
    with pytest.raises(PlanError, match="không đọc được ngày"):
        parse_plan(TASK + 'text = "xong sớm"\nassumed = "xã đặt"\n')
    plan = parse_plan(TASK + 'text = "xong sớm"\nassumed = "xã đặt"\ndue = 2025-10-15\n')
    assert plan.tasks[0].milestones[0].due == D(2025, 10, 15)


@pytest.fixture
def dong_nai(db_path, capsys, cli):
    cli("--db", str(db_path), "init", "--plan", "dong-nai")
    return db_path


def rows(cli, db_path, *args):
    code, out, err = cli("--db", str(db_path), "tasks", "--json", *args)
    assert code == 0, err
    return {r["code"]: r for r in json.loads(out)}


def test_each_milestone_can_be_overdue(capsys, dong_nai, cli):
    found = rows(cli, dong_nai)
    assert found["4.1"]["due"] == "31/08/2025 (1/2)" and found["4.1"]["overdue"]
    assert found["2.5"]["overdue"]  # 30/9/2025 passed, though the task is due 31/12/2025
    assert found["5.3"]["overdue"] and found["5.3"]["due"] == "31/10/2025 (1/2)"
    assert not found["5.4"]["overdue"]  # one date, not yet due
    cli("--db", str(dong_nai), "task", "milestone", "4.1", "1", "--done", "28/08/2025")
    assert rows(cli, dong_nai)["4.1"]["due"] == "30/09/2025 (2/2)"
    cli("--db", str(dong_nai), "task", "milestone", "4.1", "2", "--done", "29/09/2025")
    assert not rows(cli, dong_nai)["4.1"]["overdue"]
    cli("--db", str(dong_nai), "task", "milestone", "4.1", "2", "--undo")
    assert rows(cli, dong_nai)["4.1"]["overdue"]
    assert "4.1" in rows(cli, dong_nai, "--overdue")


def test_the_2025_goal_of_3_1_is_overdue_in_2026(capsys, dong_nai, monkeypatch, cli):
    assert not rows(cli, dong_nai)["3.1"]["overdue"]
    monkeypatch.setenv("KEHOACH_TODAY", "2026-01-05")
    found = rows(cli, dong_nai)["3.1"]
    assert found["overdue"] and found["due"] == "31/12/2025 (1/2)"


def test_milestone_errors(capsys, dong_nai, cli):
    code, _, err = cli("--db", str(dong_nai), "task", "milestone", "4.1", "3")
    assert code == 1 and "mốc 3" in err
    code, _, err = cli("--db", str(dong_nai), "task", "milestone", "4.1", "1", "--done", "31/02/2025")
    assert code == 1 and "31/02/2025" in err


def test_show_lists_milestones(capsys, dong_nai, cli):
    code, out, _ = cli("--db", str(dong_nai), "task", "show", "5.2")
    assert code == 0 and "Mốc 1: 30/06/2025 — 10 hồ sơ /năm (đến 30/6/2025) — quá hạn" in out


def test_report_counts_an_overdue_milestone_as_of_its_period(dong_nai):
    from kehoach_tui.domain.periods import month_period
    from kehoach_tui.reports.model import build_report
    from kehoach_tui.store import open_store
    from kehoach_tui.store.milestones import mark_milestone

    store = open_store(dong_nai)
    try:
        september = month_period(D(2025, 9, 1))
        lines = {line.code: line for line in build_report(store, september, D(2025, 11, 5)).overdue_tasks}
        assert "4.1" in lines and lines["4.1"].deadline == "31/08/2025 (1/2)"
        mark_milestone(store, "4.1", 1, D(2025, 10, 20))  # met after September: September's report stays
        lines = {line.code: line for line in build_report(store, september, D(2025, 11, 5)).overdue_tasks}
        assert "4.1" in lines
    finally:
        store.close()


def test_assumed_milestone_is_shown_as_the_communes(capsys, db_path, tmp_path, cli):
    plan = tmp_path / "x.toml"
    plan.write_text(TASK.replace('code = "x"', 'code = "mocxa"') + 'text = "bàn giao"\nassumed = "xã tự đặt"\n'
                    'due = 2025-12-01\n[[targets]]\ncode = "CT1"\nlabel = "L"\n', encoding="utf-8")
    cli("--db", str(db_path), "init", "--plan", str(plan), "--commune", "16969")
    found = rows(cli, db_path)["1.1"]
    assert found["due_assumed"] and found["due"] == "01/12/2025 (1/1)"
    code, out, _ = cli("--db", str(db_path), "tasks")
    assert "(xã đặt)" in out
    code, out, _ = cli("--db", str(db_path), "report", "monthly", "--period", "2025-11", "--format", "md", "--out", "-")
    assert "hạn theo thiết lập của xã" in out


def test_revision_keeps_the_day_a_milestone_was_met(capsys, dong_nai, cli):
    from kehoach_tui.config import seeds_dir

    cli("--db", str(dong_nai), "task", "milestone", "5.1", "1", "--done", "25/09/2025")
    code, _, err = cli("--db", str(dong_nai), "plan", "import", str(seeds_dir() / "dong-nai.toml"))
    assert code == 0, err
    assert rows(cli, dong_nai)["5.1"]["milestones"][0]["done_on"] == "2025-09-25"
