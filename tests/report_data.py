"""A fixed dataset for report tests, recorded through the areas' own store functions (task
updates, target values, the morning check, incidents) with KEHOACH_TODAY pinned to the day
each thing happened: November 2025 at Nghĩa Thọ, with a little of October before it and one
update in December after it."""

from __future__ import annotations

import contextlib
import datetime as dt
import os

from kehoach_tui.config import TZ

OFFICER = "Lê Thị B"


@contextlib.contextmanager
def on_day(day: str):
    """Run with "today" pinned to day (the surrounding pin is put back afterwards)."""
    before = os.environ.get("KEHOACH_TODAY")
    os.environ["KEHOACH_TODAY"] = day
    try:
        yield dt.date.fromisoformat(day)
    finally:
        if before is None:
            del os.environ["KEHOACH_TODAY"]
        else:
            os.environ["KEHOACH_TODAY"] = before


def local(day: str, clock: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=TZ)


UPDATES = [
    # (code, day, status, progress, note, evidence)
    ("1.1", "2025-10-20", "in_progress", 30, "Dự thảo kế hoạch", ""),
    ("1.1", "2025-11-03", "done", 100, "Ban hành Kế hoạch số 12/KH-UBND", "Số 12/KH-UBND"),
    ("2.5", "2025-11-04", "in_progress", 20, "Số hóa hồ sơ năm 2024", ""),
    ("3.4.c", "2025-11-05", "in_progress", 50, "Kiểm tra đầu giờ hằng ngày", ""),
    ("3.4.a", "2025-11-05", "blocked", 0, "Thiếu máy quét", ""),
    ("4.1", "2025-12-02", "done", 100, "Sau kỳ báo cáo", ""),
]

VALUES = [("CT4", "2025-09", 55), ("CT4", "2025-10", 72), ("CT4", "2025-11", 83), ("CT5", "2025-10", 9),
          ("CT1", "2025-12", 100)]

CHECKS = [
    # (day, finished at (late after 08:00), marks)
    ("2025-10-31", "07:50", [("INTERNET", "fail")]),  # before the period
    ("2025-11-03", "07:50", [("INTERNET", "ok"), ("MAY_IN", "fail")]),
    ("2025-11-04", "08:20", [("INTERNET", "ok"), ("MAY_IN", "fail")]),
    ("2025-11-05", "07:45", [("INTERNET", "ok"), ("MAY_IN", "na")]),
]

INCIDENTS = [
    # (opened, title, category, moves [(at, status, note)])
    (("2025-10-30", "08:00"), "Mất mạng cũ", "internet",
     [(("2025-11-01", "08:00"), "resolved", "Nhà mạng khôi phục"), (("2025-11-01", "09:00"), "closed", "")]),
    (("2025-11-03", "10:00"), "Máy in hỏng", "printer_scanner",
     [(("2025-11-03", "12:30"), "resolved", "Thay hộp mực")]),
    (("2025-11-04", "14:00"), "Lỗi phần mềm một cửa [@click=app.quit]x[/]", "one_stop",
     [(("2025-11-04", "15:00"), "in_progress", "Đã báo Sở")]),
    (("2025-10-01", "08:00"), "Đã xong từ tháng trước", "other",
     [(("2025-10-02", "08:00"), "closed", "Đã xử lý")]),
]


def fill(store) -> None:
    from kehoach_tui.domain.incident_models import IncidentDraft
    from kehoach_tui.store import checklist, incidents
    from kehoach_tui.store.targets import record_target_value
    from kehoach_tui.store.tasks import record_update

    for code, day, status, progress, note, evidence in UPDATES:
        with on_day(day):
            record_update(store, code, status=status, progress=progress, note=note, evidence=evidence,
                          officer=OFFICER)
    # A report shows what had been recorded by the end of its period (or of the day it is
    # made): the values up to November are recorded on 05/11, the December one only once
    # December has begun.
    for code, month, value in VALUES:
        with on_day("2025-12-05" if month >= "2025-12" else "2025-11-05"):
            record_target_value(store, code, value, month, note=f"Số liệu tháng {month}", officer=OFFICER)
    checklist.ensure_items(store, OFFICER)
    for day, finished, marks in CHECKS:
        with on_day(day) as date:
            for code, state in marks:
                checklist.mark_item(store, date, code, state, actor=OFFICER, at=local(day, "07:30"))
            checklist.finish_day(store, date, actor=OFFICER, at=local(day, finished))
    for (day, clock), title, category, moves in INCIDENTS:
        opened = incidents.open_incident(
            store, IncidentDraft(title=title, category=category, severity="high", opened_at=local(day, clock),
                                 service_interrupted=True),
            actor=OFFICER, now=local(day, clock))
        for (mday, mclock), status, note in moves:
            incidents.change_status(store, opened.id, status, note=note, actor=OFFICER, at=local(mday, mclock))
    # Plan data, not an area's record: due dates that give "overdue" and "due next period"
    # something to show (no store function edits a plan task's due date).
    conn = store.db.conn
    conn.execute("UPDATE tasks SET due_date = '2025-12-20' WHERE code = '4.2'")
    conn.execute("UPDATE tasks SET due_date = '2025-10-31' WHERE code = '3.4.b'")
