"""A fixed dataset for report tests: stand-ins for the tables other modules record (task
updates, target values, morning check, incidents), with the column names the report's
tolerant readers expect. Times are stored UTC, as the store rule says."""

from __future__ import annotations

import datetime as dt

from kehoach_tui.config import TZ, utc_iso


def utc(day: str, clock: str = "09:00") -> str:
    local = dt.datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=TZ)
    return utc_iso(local)


def create_other_tables(conn) -> None:
    conn.executescript("""
        CREATE TABLE task_updates (id TEXT PRIMARY KEY, task_id TEXT, at TEXT, officer TEXT,
            status_before TEXT, status_after TEXT, progress INTEGER, note TEXT, evidence TEXT,
            deleted INTEGER NOT NULL DEFAULT 0, updated_at TEXT);
        CREATE TABLE target_values (id TEXT PRIMARY KEY, target_id TEXT, period TEXT, value REAL, note TEXT,
            deleted INTEGER NOT NULL DEFAULT 0, updated_at TEXT);
        CREATE TABLE checklist_items (id TEXT PRIMARY KEY, code TEXT, label TEXT);
        CREATE TABLE checklist_days (id TEXT PRIMARY KEY, day TEXT, officer TEXT, started_at TEXT,
            finished_at TEXT, late INTEGER, deleted INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE checklist_marks (id TEXT PRIMARY KEY, day_id TEXT, item_code TEXT, state TEXT, note TEXT,
            deleted INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE incidents (id TEXT PRIMARY KEY, opened_at TEXT, title TEXT, category TEXT, severity TEXT,
            status TEXT, updated_at TEXT, deleted INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE incident_events (id TEXT PRIMARY KEY, incident_id TEXT, at TEXT, status_after TEXT,
            deleted INTEGER NOT NULL DEFAULT 0);
    """)


def task_id(conn, code: str) -> str:
    return conn.execute("SELECT id FROM tasks WHERE code = ? AND deleted = 0", (code,)).fetchone()[0]


def target_id(conn, code: str) -> str:
    return conn.execute("SELECT id FROM targets WHERE code = ? AND deleted = 0", (code,)).fetchone()[0]


def fill(store) -> None:
    """November 2025 at Nghĩa Thọ, with a little of October before it."""
    conn = store.db.conn
    create_other_tables(conn)
    updates = [
        # (code, day, before, after, progress, note)
        ("1.1", "2025-10-20", "not_started", "in_progress", 30, "Dự thảo kế hoạch"),
        ("1.1", "2025-11-03", "in_progress", "done", 100, "Ban hành Kế hoạch số 12/KH-UBND"),
        ("2.5", "2025-11-04", "not_started", "in_progress", 20, "Số hóa hồ sơ năm 2024"),
        ("3.4.c", "2025-11-05", "not_started", "in_progress", 50, "Kiểm tra đầu giờ hằng ngày"),
        ("3.4.a", "2025-11-05", "not_started", "blocked", 0, "Thiếu máy quét"),
        ("4.1", "2025-12-02", "not_started", "done", 100, "Sau kỳ báo cáo"),
    ]
    for n, (code, day, before, after, progress, note) in enumerate(updates):
        conn.execute("INSERT INTO task_updates VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
                     (f"u{n}", task_id(conn, code), utc(day), "Lê Thị B", before, after, progress, note,
                      "Số 12/KH-UBND" if code == "1.1" and after == "done" else "", utc(day)))
    values = [("CT4", "2025-09", 55), ("CT4", "2025-10", 72), ("CT4", "2025-11", 83), ("CT5", "2025-10", 9),
              ("CT1", "2025-12", 100)]
    for n, (code, month, value) in enumerate(values):
        conn.execute("INSERT INTO target_values VALUES (?, ?, ?, ?, ?, 0, ?)",
                     (f"v{n}", target_id(conn, code), month, value, f"Số liệu tháng {month}", utc("2025-11-01")))
    conn.execute("INSERT INTO checklist_items VALUES ('i1', 'internet', 'Kết nối Internet')")
    conn.execute("INSERT INTO checklist_items VALUES ('i2', 'printer', 'Máy in')")
    # Nov 3 (on time, printer fails), Nov 4 (late, printer fails), Nov 5 (on time, all OK, printer N/A)
    for day_id, day, late, marks in (
        ("d1", "2025-11-03", 0, [("internet", "ok"), ("printer", "fail")]),
        ("d2", "2025-11-04", 1, [("internet", "ok"), ("printer", "loi")]),
        ("d3", "2025-11-05", 0, [("internet", "ok"), ("printer", "na")]),
        ("d0", "2025-10-31", 0, [("internet", "fail")]),  # before the period
    ):
        conn.execute("INSERT INTO checklist_days VALUES (?, ?, 'Lê Thị B', ?, ?, ?, 0)",
                     (day_id, day, utc(day, "07:30"), utc(day, "07:50"), late))
        for n, (item, state) in enumerate(marks):
            conn.execute("INSERT INTO checklist_marks VALUES (?, ?, ?, ?, '', 0)", (f"{day_id}m{n}", day_id, item, state))
    incidents = [
        # id, opened, title, category, status, events [(at, status)]
        ("n1", ("2025-10-30", "08:00"), "Mất mạng cũ", "Mất mạng Internet", "closed",
         [(("2025-11-01", "08:00"), "resolved"), (("2025-11-01", "09:00"), "closed")]),
        ("n2", ("2025-11-03", "10:00"), "Máy in hỏng", "Hỏng máy in, máy quét", "resolved",
         [(("2025-11-03", "12:30"), "resolved")]),
        ("n3", ("2025-11-04", "14:00"), "Lỗi phần mềm một cửa [@click=app.quit]x[/]", "Lỗi phần mềm một cửa/TTHC",
         "in_progress", []),
        ("n4", ("2025-10-01", "08:00"), "Đã xong từ tháng trước", "Khác", "closed",
         [(("2025-10-02", "08:00"), "closed")]),
    ]
    for incident_id, (day, clock), title, category, status, events in incidents:
        conn.execute("INSERT INTO incidents VALUES (?, ?, ?, ?, 'Cao', ?, ?, 0)",
                     (incident_id, utc(day, clock), title, category, status, utc(day, clock)))
        for n, ((eday, eclock), state) in enumerate(events):
            conn.execute("INSERT INTO incident_events VALUES (?, ?, ?, ?, 0)",
                         (f"{incident_id}e{n}", incident_id, utc(eday, eclock), state))
    # the tasks table holds the latest state, as the task module keeps it
    for code, status, progress in (("1.1", "done", 100), ("2.5", "in_progress", 20), ("3.4.c", "in_progress", 50),
                                   ("3.4.a", "blocked", 0), ("4.1", "done", 100)):
        conn.execute("UPDATE tasks SET status = ?, progress = ? WHERE code = ?", (status, progress, code))
    # a due date inside December, so "due next period" has something for the monthly report
    conn.execute("UPDATE tasks SET due_date = '2025-12-20' WHERE code = '4.2'")
    conn.execute("UPDATE tasks SET due_date = '2025-10-31' WHERE code = '3.4.b'")
