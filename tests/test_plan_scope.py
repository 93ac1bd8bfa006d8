"""Scope: a duty the plan gives one named unit holds only that unit's users; a task "Đã hoàn
thành và thực hiện thường xuyên" is done and still asks for its regular note."""

from __future__ import annotations

import json


def codes(db_path) -> list[str]:
    from kehoach_tui.store import open_store
    from kehoach_tui.store.reports import schedules

    store = open_store(db_path)
    try:
        return [schedule.code for schedule, _ in schedules(store)]
    finally:
        store.close()


def test_final_report_of_van_phong_tinh_uy_only(capsys, db_path, cli):
    cli("--db", str(db_path), "init", "--plan", "thanh-hoa")
    assert codes(db_path) == ["daily", "weekly", "monthly"]
    code, out, _ = cli("--db", str(db_path), "settings", "--json")
    final = next(s for s in json.loads(out)["schedules"] if s["code"] == "final")
    assert final["unit"] == "Văn phòng Tỉnh ủy" and final["applies"] is False
    code, _, err = cli("--db", str(db_path), "settings", "unit", "Văn phòng Tỉnh uỷ")  # either spelling
    assert code == 0, err
    assert codes(db_path) == ["daily", "weekly", "monthly", "final"]
    cli("--db", str(db_path), "settings", "unit", "Sở Nội vụ")
    assert "final" not in codes(db_path)
    cli("--db", str(db_path), "settings", "unit", "--clear")
    assert "final" not in codes(db_path)
    code, _, err = cli("--db", str(db_path), "settings", "unit")
    assert code == 1 and "--clear" in err


def test_a_commune_following_the_province_plan_is_not_held_to_it(capsys, db_path, cli):
    from kehoach_tui.communes import communes_of

    commune = communes_of("38")[0]
    code, _, err = cli("--db", str(db_path), "init", "--plan", "thanh-hoa", "--commune", commune.code)
    assert code == 0, err
    assert "final" not in codes(db_path)


def test_son_thuy_final_report_holds_everyone(capsys, db_path, cli):
    cli("--db", str(db_path), "init", "--plan", "son-thuy")
    assert codes(db_path) == ["monthly", "final"]


def test_done_and_recurring_still_asks_for_its_note(capsys, db_path, cli):
    cli("--db", str(db_path), "init", "--plan", "thanh-hoa")
    code, out, _ = cli("--db", str(db_path), "tasks", "--json")
    rows = {r["code"]: r for r in json.loads(out)}
    for code_ in ("46", "48"):
        assert rows[code_]["status"] == "done" and rows[code_]["recurring"] and rows[code_]["needs_note"]
        assert rows[code_]["due"] == "đã hoàn thành, thường xuyên"
    assert not rows["4"]["recurring"] and not rows["4"]["needs_note"]  # "Đã hoàn thành" only
    cli("--db", str(db_path), "task", "update", "46", "--note", "Tập huấn 2 lớp trong tuần")
    code, out, _ = cli("--db", str(db_path), "tasks", "--json")
    rows = {r["code"]: r for r in json.loads(out)}
    assert rows["46"]["status"] == "done" and not rows["46"]["needs_note"] and rows["48"]["needs_note"]


def test_report_names_a_done_recurring_task_without_its_note(db_path, capsys, cli):
    import datetime as dt

    from kehoach_tui.domain.periods import month_period
    from kehoach_tui.reports.model import build_report
    from kehoach_tui.store import open_store

    cli("--db", str(db_path), "init", "--plan", "thanh-hoa")
    cli("--db", str(db_path), "task", "update", "46", "--note", "Tập huấn")
    store = open_store(db_path)
    try:
        model = build_report(store, month_period(dt.date(2025, 11, 1)), dt.date(2025, 11, 5))
    finally:
        store.close()
    silent = [line.code for line in model.recurring_silent]
    assert "48" in silent and "46" not in silent and "4" not in silent
