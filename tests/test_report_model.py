"""The report model's numbers on a fixed dataset (KEHOACH_TODAY=2025-11-05), and its
tolerance of modules that have not recorded anything yet."""

from __future__ import annotations

import datetime as dt

import pytest

from kehoach_tui.domain.periods import parse_period
from kehoach_tui.reports.model import build_report
from tests.report_data import fill, local

TODAY = dt.date(2025, 11, 5)


@pytest.fixture
def filled(seeded):
    fill(seeded)
    return seeded


NOW = local("2025-11-05", "17:00")


def monthly(store, text="2025-11", today=TODAY):
    return build_report(store, parse_period("month", text, today), today, NOW)


def _line(model, code):
    return next(t for g in model.groups for t in g.tasks if t.code == code)


def test_tasks_status_progress_and_updates_in_period(filled):
    model = monthly(filled)
    totals = model.totals
    # Counted by leaves: the 4 headings (3.3, 3.4, 3.5, 4.5) are not tasks. In progress: 2.5,
    # 3.4.c and 4.5.đ (carried by the incident log); blocked 3.4.a; the 25 others have no update.
    assert (totals.total, totals.done, totals.in_progress, totals.blocked, totals.not_started) == (30, 1, 3, 1, 0)
    assert totals.no_update == 25
    # 3.4 is derived from its sub-items: 3.4.c is under way, 3.4.a blocked → in progress
    assert _line(model, "3.4").status == "in_progress" and _line(model, "3.4").heading
    assert totals.updates == 4 and totals.overdue == 1
    # 4.1 was done only in December: at the end of November nothing had been recorded for it
    assert (_line(model, "4.1").status, _line(model, "4.1").progress) == ("no_update", 0)
    assert _line(model, "1.1").last_note == "Ban hành Kế hoạch số 12/KH-UBND"
    assert _line(model, "3.4").progress == 17  # derived: (0 + 0 + 50) / 3
    groups = {g.code: g for g in model.groups}
    assert (groups["1"].progress, groups["2"].progress, groups["3"].progress) == (25, 4, 3)
    assert [(u.task_code, u.status_after) for u in model.updates] == [
        ("1.1", "done"), ("2.5", "in_progress"), ("3.4.c", "in_progress"), ("3.4.a", "blocked")]
    assert [t.code for t in model.overdue_tasks] == ["3.4.b"]
    assert [t.code for t in model.due_next] == ["4.2"]
    silent = {t.code for t in model.recurring_silent}
    assert "1.3" in silent and "1.1" not in silent


def test_a_past_period_is_rebuilt_from_the_updates(filled):
    october = monthly(filled, "2025-10", TODAY)
    assert (_line(october, "1.1").status, _line(october, "1.1").progress) == ("in_progress", 30)
    assert _line(october, "2.5").status == "no_update"
    assert october.totals.updates == 1


def test_targets_take_the_latest_value_up_to_the_period(filled):
    targets = {t.code: t for t in monthly(filled).targets}
    assert (targets["CT4"].value, targets["CT4"].value_period, targets["CT4"].met) == (83, "11/2025", True)
    assert (targets["CT5"].value, targets["CT5"].met) == (9, False)
    assert targets["CT1"].value is None and targets["CT1"].met is None  # December value is later


def test_morning_check_compliance_and_availability(filled):
    check = monthly(filled).checklist
    assert (check.working_days, check.days_checked, check.days_on_time) == (3, 3, 2)
    items = {i.item: i for i in check.items}
    assert set(items) == {"INTERNET", "MAY_IN"}  # only the items answered in the period
    assert (items["INTERNET"].ok, items["INTERNET"].failed, items["INTERNET"].availability) == (3, 0, 100)
    assert (items["MAY_IN"].failed, items["MAY_IN"].not_applicable, items["MAY_IN"].availability) == (2, 1, 0)
    assert [i.label for i in check.failing] == ["Máy in"]


def test_incidents_opened_resolved_open_and_downtime(filled):
    incidents = monthly(filled).incidents
    assert (incidents.opened, incidents.resolved, incidents.still_open) == (2, 2, 1)
    # 8 h of the October outage inside November + 2 h 30 + 27 h still down at 17:00 on 05/11
    assert incidents.downtime_minutes == 480 + 150 + 27 * 60
    assert [i.downtime_minutes for i in incidents.lines] == [480, 150, 27 * 60]
    assert [i.title for i in incidents.lines][0] == "Mất mạng cũ"  # the one resolved in October is left out
    assert incidents.by_category == [("Hỏng máy in, máy quét", 1), ("Lỗi phần mềm một cửa/TTHC", 1)]


def test_sections_without_their_module_say_no_data(seeded):
    from kehoach_tui.reports.text_writer import render_markdown

    model = monthly(seeded)
    assert model.updates is None and model.checklist is None and model.incidents is None
    # 13 figures and, since issue 19, the three objectives of II.2 without a figure (qualitative).
    assert not model.target_values_recorded and len(model.targets) == 16
    text = render_markdown(model)
    assert text.count("Chưa có dữ liệu") >= 3


def test_officer_text_is_saved_per_period_and_cleaned(seeded):
    from kehoach_tui.store.reports import get_texts, save_texts

    period = parse_period("month", "2025-11", TODAY)
    save_texts(seeded, period, {"direction": "  Chỉ đạo\x1b[31m quyết liệt \r\n[@click=app.quit]x[/]  "}, actor="B")
    texts = get_texts(seeded, period)
    assert texts.direction == "Chỉ đạo[31m quyết liệt\n[@click=app.quit]x[/]"
    assert get_texts(seeded, parse_period("month", "2025-10", TODAY)).direction == ""
    save_texts(seeded, period, {"proposals": "Đề nghị cấp máy quét"}, actor="B")
    assert monthly(seeded).texts.proposals == "Đề nghị cấp máy quét"
    changes = seeded.db.conn.execute("SELECT op FROM changes WHERE entity = 'report_texts'").fetchall()
    assert [c[0] for c in changes] == ["insert", "update"]
    with pytest.raises(ValueError):
        save_texts(seeded, period, {"nonsense": "x"}, actor="B")
