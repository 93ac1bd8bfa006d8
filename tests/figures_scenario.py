"""November 2025 at Nghĩa Thọ, recorded day by day through the areas' store functions with
"today" pinned to the day each thing was recorded, and the answers worked out by hand.

Times the officer gives (incident events) are separate from the day they were recorded: the
outage of 04/11 fixed at 10:20 is recorded that evening, the reopening of 28/11 the same day.
Some things arrive after the month: a December update, a value for November recorded on
03/12, a correction on 04/12 and a morning check corrected on 02/12; none may change the
November figures.
"""

from __future__ import annotations

import datetime as dt

from kehoach_tui.config import TZ
from tests.report_data import on_day

OFFICER = "Lê Thị B"


def at(day: str, clock: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=TZ)


# (day recorded, code, status, progress, note, evidence)
UPDATES = [
    ("2025-11-03", "1.1", "in_progress", 40, "Dự thảo kế hoạch hành động", ""),
    ("2025-11-04", "2.5", "in_progress", 20, "Số hóa hồ sơ năm 2024", ""),
    ("2025-11-05", "1.3", "in_progress", 50, "Cấp mã định danh cho các bộ phận", ""),
    ("2025-11-06", "3.3.a", "in_progress", 60, "Văn bản điện tử đạt 60%", ""),
    ("2025-11-07", "3.4.a", "blocked", 10, "Thiếu máy quét", ""),
    ("2025-11-10", "2.1", "in_progress", 30, "Làm sạch dữ liệu hộ tịch", ""),
    ("2025-11-12", "3.5.b", "done", 100, "Phân công cán bộ phụ trách", "Quyết định số 198/QĐ-UBND"),
    ("2025-11-12", "3.5.a", "not_started", 0, "Chờ bố trí kinh phí", ""),
    ("2025-11-14", "4.3", "in_progress", 25, "Tuyên truyền trên loa truyền thanh", ""),
    ("2025-11-18", "4.5.b", "done", 100, "Thành lập Tổ công tác", "Quyết định số 205/QĐ-UBND"),
    ("2025-11-20", "1.1", "done", 100, "Ban hành kế hoạch", "Kế hoạch số 12/KH-UBND"),
    ("2025-11-25", "4.4", "not_applicable", 0, "Không có đối tượng trên địa bàn", ""),
    ("2025-12-09", "2.2", "done", 100, "Sau kỳ báo cáo", ""),
]

# (day recorded, target, month, value)
VALUES = [
    ("2025-10-31", "CT4", "2025-10", 62.5), ("2025-10-31", "CT5", "2025-10", 9),
    ("2025-11-20", "CT12", "2025-11", 100),
    ("2025-11-28", "CT4", "2025-11", 71.3), ("2025-11-28", "CT13", "2025-11", 75),
    ("2025-12-03", "CT5", "2025-11", 10),     # recorded after the month
    ("2025-12-04", "CT13", "2025-11", 78),    # a correction after the month
]

# Working days of November 2025: 20 (no holiday). Checked on 19 (not 14/11); late on 04/11
# and 19/11; Máy in failed on 05/11, 06/11 and 28/11 (the last corrected to OK on 02/12).
WORKDAYS = [dt.date(2025, 11, d) for d in (3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 17, 18, 19, 20, 21, 24, 25, 26,
                                          27, 28)]
LATE = {dt.date(2025, 11, 4): "08:20", dt.date(2025, 11, 19): "08:15"}
PRINTER_FAILS = {dt.date(2025, 11, 5), dt.date(2025, 11, 6), dt.date(2025, 11, 28)}

# (day recorded, number, title, category, opened at, interrupted, dossiers)
INCIDENTS = [
    ("2025-11-04", 1, "Mất kết nối Internet", "internet", ("2025-11-04", "08:10"), True, 3),
    ("2025-11-12", 2, "Máy in Bộ phận một cửa hỏng", "printer_scanner", ("2025-11-12", "14:00"), False, 0),
    ("2025-11-27", 3, "Lỗi phần mềm một cửa", "one_stop", ("2025-11-27", "09:00"), True, 5),
]
# (day recorded, number, status, time given, note)
MOVES = [
    ("2025-11-04", 1, "reported", ("2025-11-04", "08:30"), "Báo nhóm Zalo hỗ trợ"),
    ("2025-11-04", 1, "resolved", ("2025-11-04", "10:20"), "Nhà mạng khôi phục đường truyền"),
    ("2025-11-05", 1, "closed", ("2025-11-05", "09:00"), ""),
    ("2025-11-12", 2, "resolved", ("2025-11-12", "16:00"), "Thay hộp mực"),
    ("2025-11-13", 2, "closed", ("2025-11-13", "08:00"), ""),
    ("2025-11-27", 3, "in_progress", ("2025-11-27", "10:00"), "Đã báo Sở"),
    ("2025-11-27", 3, "resolved", ("2025-11-27", "11:30"), "Khởi động lại máy chủ"),
    ("2025-11-28", 3, "reopened", ("2025-11-28", "08:00"), "Lỗi lại"),
    ("2025-12-02", 3, "resolved", ("2025-12-02", "09:00"), "Nhà cung cấp vá lỗi"),
    ("2025-12-03", 3, "closed", ("2025-12-03", "08:00"), ""),
]


def steps():
    """Every recording as (day, kind, payload), in the order an officer makes them."""
    out = [(day, "update", row) for day, *row in UPDATES]
    out += [(day, "value", row) for day, *row in VALUES]
    for day in WORKDAYS:
        if day != dt.date(2025, 11, 14):
            out.append((day.isoformat(), "check", day))
    out.append(("2025-12-01", "check", dt.date(2025, 12, 1)))
    out.append(("2025-12-02", "check_fix", dt.date(2025, 11, 28)))
    out += [(day, "incident", row) for day, *row in INCIDENTS]
    out += [(day, "move", row) for day, *row in MOVES]
    out.append(("2025-11-07", "run", ("2025-11-03", "2025-11-09")))
    order = {"update": 0, "value": 1, "check": 2, "check_fix": 3, "incident": 4, "move": 5, "run": 6}
    return sorted(out, key=lambda s: (s[0], order[s[1]]))


def setup(store) -> None:
    from kehoach_tui.communes import commune_by_code
    from kehoach_tui.plan_files import resolve_plan
    from kehoach_tui.store import checklist
    from kehoach_tui.store.setup import initialise

    with on_day("2025-10-30"):
        initialise(store, plan=resolve_plan("nghia-tho"), commune=commune_by_code("16969"), officer=OFFICER)
        checklist.ensure_items(store, OFFICER)
    # Plan data, not an area's record (no store function edits a plan task's due date).
    conn = store.db.conn
    conn.execute("UPDATE tasks SET due_date = '2025-11-15' WHERE code = '4.2'")
    conn.execute("UPDATE tasks SET due_date = '2025-12-20' WHERE code = '1.2'")


def record(store, until: str | None = None, since: str | None = None) -> None:
    """Apply the steps recorded on days since < day <= until."""
    for day, kind, payload in steps():
        if (until and day > until) or (since and day <= since):
            continue
        with on_day(day):
            _apply(store, kind, payload)


def _apply(store, kind: str, payload) -> None:
    from kehoach_tui.domain.incident_models import IncidentDraft
    from kehoach_tui.domain.periods import week_period
    from kehoach_tui.store import checklist, incidents
    from kehoach_tui.store.reports import record_run
    from kehoach_tui.store.targets import record_target_value
    from kehoach_tui.store.tasks import record_update

    if kind == "update":
        code, status, progress, note, evidence = payload
        record_update(store, code, status=status, progress=progress, note=note, evidence=evidence, officer=OFFICER)
    elif kind == "value":
        code, month, value = payload
        record_target_value(store, code, value, month, note=f"Số liệu tháng {month}", officer=OFFICER)
    elif kind == "check":
        day = payload
        checklist.mark_item(store, day, "INTERNET", "ok", actor=OFFICER, at=at(day.isoformat(), "07:30"))
        state = "fail" if day in PRINTER_FAILS else "ok"
        checklist.mark_item(store, day, "MAY_IN", state, actor=OFFICER, at=at(day.isoformat(), "07:35"))
        checklist.finish_day(store, day, actor=OFFICER, at=at(day.isoformat(), LATE.get(day, "07:50")))
    elif kind == "check_fix":
        checklist.mark_item(store, payload, "MAY_IN", "ok", actor=OFFICER, note="Ghi nhầm, máy in vẫn chạy")
    elif kind == "incident":
        number, title, category, (day, clock), interrupted, dossiers = payload
        made = incidents.open_incident(store, IncidentDraft(
            title=title, category=category, severity="high", opened_at=at(day, clock),
            service_interrupted=interrupted, dossiers_delayed=dossiers), actor=OFFICER)
        assert made.number == number
    elif kind == "move":
        number, status, (day, clock), note = payload
        incidents.change_status(store, incidents.find_incident(store, str(number)).id, status, note=note, actor=OFFICER,
                                at=at(day, clock))
    elif kind == "run":
        period = week_period(dt.date.fromisoformat(payload[0]))
        record_run(store, period, fmt="docx", file_path="/tmp/bao-cao-tuan-45.docx", sha256="0" * 64,
                   size_bytes=1, actor=OFFICER, schedule_code="weekly")


NO_VALUE = {"value": None, "previous": None, "met": None}
GOALS = {"CT1": 100, "CT2": 100, "CT3": 100, "CT4": 80, "CT5": 12, "CT6": 2, "CT7": 100, "CT8": 30, "CT9": 100,
         "CT10": 100, "CT11": 100, "CT12": 100, "CT13": 80,
         # The plan's objectives without a number (qualitative targets): no goal, no value.
         "CT14": None, "CT15": None, "CT16": None}


def targets(known: dict[str, dict]) -> list[dict]:
    return [{"code": code, **NO_VALUE, "goal": goal, **known.get(code, {})} for code, goal in GOALS.items()]


NOVEMBER = {
    "period": {"start": "2025-11-01", "end": "2025-11-30"},
    "tasks": {"total": 30, "done": 3, "in_progress": 8, "not_started": 1, "no_update": 16, "blocked": 1,
              "not_applicable": 1, "overdue": 1},
    "checklist": {"working_days": 20, "days_checked": 19, "days_on_time": 17, "items_failed": 3},
    # 2 h 10 (04/11) + 2 h 30 (27/11) + 28/11 08:00 to the end of 30/11 (64 h); the printer
    # did not interrupt service.
    "incidents": {"count": 3, "interrupting": 2, "downtime_minutes": 130 + 150 + 64 * 60, "dossiers_delayed": 8,
                  "open_at_end": 1},
    "targets": targets({
        "CT4": {"value": 71.3, "previous": 62.5, "met": False},
        "CT5": {"value": 9, "previous": 9, "met": False},
        "CT12": {"value": 100, "met": True},
        "CT13": {"value": 75, "met": False},
    }),
    "not_updated": ["1.4", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3.b", "3.4.b", "3.5.c", "4.1", "4.2", "4.5.a",
                    "4.5.c", "4.5.d", "4.5.e"],
    "due_next": ["1.2", "CT1", "CT2", "CT3", "CT4", "CT5", "CT6", "CT7", "CT8", "CT13", "CT14", "CT15", "CT16"],
}

WEEK_45 = {
    "period": {"start": "2025-11-03", "end": "2025-11-09"},
    "tasks": {"total": 30, "done": 0, "in_progress": 7, "not_started": 0, "no_update": 22, "blocked": 1,
              "not_applicable": 0, "overdue": 0},
    "checklist": {"working_days": 5, "days_checked": 5, "days_on_time": 4, "items_failed": 2},
    "incidents": {"count": 1, "interrupting": 1, "downtime_minutes": 130, "dossiers_delayed": 3, "open_at_end": 0},
    "targets": targets({"CT4": {"value": 62.5, "previous": 62.5, "met": False},
                        "CT5": {"value": 9, "previous": 9, "met": False}}),
    "not_updated": ["1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3.b", "3.4.b", "3.5.a", "3.5.b", "3.5.c",
                    "4.1", "4.2", "4.3", "4.4", "4.5.a", "4.5.b", "4.5.c", "4.5.d", "4.5.e"],
    "due_next": ["4.2"],
}
