"""The figure definitions of domain/figures.py, one rule at a time, on plain data."""

from __future__ import annotations

import datetime as dt

import pytest

from kehoach_tui.config import TZ
from kehoach_tui.domain import figures as fig
from kehoach_tui.reports.layout import duration


def at(day: str, clock: str = "00:00") -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=TZ)


def task(code: str, parent: str = "", *, lead=(), partners=(), text="", kind="none", due=None, status="not_started",
         progress=0) -> fig.TaskDef:
    return fig.TaskDef(code=code, parent_code=parent, group_code="3", title=f"Nhiệm vụ {code}", lead_units=lead,
                       partner_units=partners, deadline_text=text, deadline_kind=kind, due_date=due, trigger_date=None,
                       status=status, progress=progress)


NOVEMBER = fig.window(dt.date(2025, 11, 1), dt.date(2025, 11, 30), dt.date(2025, 12, 1), dt.date(2025, 12, 31),
                      today=dt.date(2025, 12, 10), now=at("2025-12-10", "09:00"), tz=TZ)


def test_sub_items_inherit_units_partners_and_deadline_when_their_own_are_empty():
    parent = task("3.5", lead=("Công an xã",), partners=("Các đơn vị",), text="Thường xuyên", kind="recurring")
    bare, own = task("3.5.a", "3.5"), task("3.5.b", "3.5", lead=("Văn phòng",), due=dt.date(2025, 12, 1))
    a, b = fig.with_inheritance([parent, bare, own])[1:]
    assert (a.lead_units, a.partner_units, a.deadline_kind) == (("Công an xã",), ("Các đơn vị",), "recurring")
    assert (b.lead_units, b.partner_units, b.due_date, b.deadline_kind) == (
        ("Văn phòng",), ("Các đơn vị",), dt.date(2025, 12, 1), "none")  # its own date stays


@pytest.mark.parametrize(("leaves", "expected"), [
    ([("done", 100), ("blocked", 0), ("no_update", 0)], "in_progress"),  # 3.5.b done: not "Tạm dừng"
    ([("blocked", 10), ("no_update", 0)], "blocked"),
    ([("done", 100), ("not_applicable", 0)], "done"),
    ([("not_applicable", 0)], "not_applicable"),
    ([("not_started", 0), ("no_update", 0)], "not_started"),
    ([("no_update", 0), ("no_update", 0)], "no_update"),
])
def test_a_heading_takes_its_status_from_its_leaves(leaves, expected):
    assert fig.heading_status(leaves) == expected


def test_no_update_is_not_the_same_as_not_started():
    said = fig.UpdateFact("1.2", at("2025-11-05", "09:00"), "not_started", "not_started", 0, 0, note="Chờ kinh phí")
    facts = fig.Facts(plan_code="x", tasks=[task("1.1"), task("1.2")], updates=[said], targets=[], values=[],
                      previous_values=[], current_values=[], workdays=None)
    found = {f.code: f for f in fig.task_figures(facts, NOVEMBER, {})}
    assert (found["1.1"].status, found["1.2"].status) == ("no_update", "not_started")
    counts = fig.count_tasks(list(found.values()))
    assert (counts.no_update, counts.not_started, counts.total) == (1, 1, 2)


def test_an_update_recorded_after_the_period_does_not_count_in_it():
    later = fig.UpdateFact("1.1", at("2025-12-02", "08:00"), "not_started", "done", 0, 100)
    facts = fig.Facts(plan_code="x", tasks=[task("1.1")], updates=[later], targets=[], values=[],
                      previous_values=[], current_values=[], workdays=None)
    (only,) = fig.task_figures(facts, NOVEMBER, {})
    assert (only.status, only.updates_in_period) == ("no_update", 0)


def incident(number, opened, moves, *, interrupted=True, dossiers=0):
    return fig.IncidentFact(number=number, title="x", category="c", severity="s", interrupted=interrupted,
                            dossiers=dossiers, opened_at=opened, moves=tuple(moves))


def test_downtime_from_the_times_given_only_for_interrupting_incidents():
    fixed = incident(1, at("2025-11-04", "08:10"), [(at("2025-11-04", "10:20"), "resolved")], dossiers=3)
    printer = incident(2, at("2025-11-12", "14:00"), [(at("2025-11-12", "16:00"), "resolved")], interrupted=False)
    reopened = incident(3, at("2025-11-27", "09:00"), [(at("2025-11-27", "11:30"), "resolved"),
                                                       (at("2025-11-28", "08:00"), "reopened")], dossiers=5)
    found = fig.incident_figures([fixed, printer, reopened], NOVEMBER)
    # still down at the end: counted to the end of the period, not to the day the report is made
    assert [i.downtime_minutes for i in found.lines] == [130, 0, 150 + 64 * 60]
    assert (found.count, found.interrupting, found.dossiers_delayed, found.open_at_end) == (3, 2, 8, 1)
    assert duration(found.downtime_minutes) == "2 ngày 20 giờ 40 phút"


def test_an_incident_down_across_the_period_start_counts_only_inside():
    old = incident(1, at("2025-10-31", "20:00"), [(at("2025-11-01", "02:00"), "resolved")])
    found = fig.incident_figures([old], NOVEMBER)
    assert (found.count, found.downtime_minutes) == (0, 120)


def test_a_running_period_counts_downtime_up_to_now():
    win = fig.window(dt.date(2025, 11, 1), dt.date(2025, 11, 30), dt.date(2025, 12, 1), dt.date(2025, 12, 31),
                     today=dt.date(2025, 11, 5), now=at("2025-11-05", "17:00"), tz=TZ)
    found = fig.incident_figures([incident(1, at("2025-11-04", "14:00"), [])], win)
    assert found.downtime_minutes == 27 * 60


@pytest.mark.parametrize(("minutes", "text"), [(0, "0 phút"), (45, "45 phút"), (130, "2 giờ 10 phút"),
                                               (120, "2 giờ"), (2 * 1440 + 15 * 60 + 10, "2 ngày 15 giờ 10 phút"),
                                               (1440, "1 ngày")])
def test_durations_read_in_days_hours_minutes(minutes, text):
    assert duration(minutes) == text


def test_morning_check_compliance():
    days = [dt.date(2025, 11, d) for d in (3, 4, 5)]
    facts = [fig.CheckDayFact(days[0], True, False), fig.CheckDayFact(days[1], True, True)]
    marks = [fig.CheckMarkFact(days[0], "MAY_IN", "Máy in", "fail"), fig.CheckMarkFact(days[1], "MAY_IN", "Máy in", "ok"),
             fig.CheckMarkFact(dt.date(2025, 11, 8), "MAY_IN", "Máy in", "fail")]  # a Saturday: not a working day
    found = fig.checklist_figures(days, facts, marks)
    assert (found.working_days, found.days_checked, found.days_on_time, found.items_failed) == (3, 2, 1, 1)


def test_targets_value_previous_and_met():
    goal = fig.TargetDef("CT4", "Hồ sơ trực tuyến", "%", 80.0, ">=", dt.date(2025, 12, 31))
    value = fig.TargetValueFact("CT4", "2025-11", 71.3, "", at("2025-11-28"))
    before = fig.TargetValueFact("CT4", "2025-10", 62.5, "", at("2025-10-31"))
    facts = fig.Facts(plan_code="x", tasks=[], updates=[], targets=[goal], values=[before, value],
                      previous_values=[before], current_values=[before, value], workdays=None)
    (found,) = fig.target_figures(facts, "2025-11", "2025-10")
    assert (found.value, found.previous, found.met) == (71.3, 62.5, False)
