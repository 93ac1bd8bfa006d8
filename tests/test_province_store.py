"""The province database: what version 1 held is carried into the columns of version 2;
marks are folded into their days; the summary follows every import."""

from __future__ import annotations

import datetime as dt
import json

from kehoach_tui.province.store.schema import PROVINCE_MIGRATIONS
from kehoach_tui.store.db import PROVINCE_APPLICATION_ID, Store, _connect
from kehoach_tui.store.migrate import migrate
from tests.sync_helpers import NGHIA_THO


def _v1(path) -> None:
    conn = _connect(path)
    conn.execute(f"PRAGMA application_id={PROVINCE_APPLICATION_ID}")
    store = Store(conn, path)
    migrate(store, PROVINCE_MIGRATIONS, upto=1)
    rows = [
        ("tasks", "t1", {"code": "1.1", "title": "Số hóa", "status": "done", "due_date": "2025-10-01", "position": 1}),
        ("tasks", "t2", {"code": "1.2", "title": "Kết nối", "status": "in_progress", "due_date": "2025-10-01",
                         "position": 2}),
        ("incidents", "i1", {"title": "Mất mạng", "status": "new", "opened_at": "2025-11-01T01:00:00Z"}),
        ("checklist_days", "d1", {"check_date": "2025-11-04", "finished_at": "2025-11-04T01:00:00Z", "late": 0}),
        ("checklist_marks", "m1", {"check_date": "2025-11-04", "item_code": "INTERNET", "state": "ok"}),
        ("checklist_marks", "m2", {"check_date": "2025-11-04", "item_code": "DIEN_UPS", "state": "fail"}),
        ("report_schedules", "s1", {"code": "monthly", "label": "Báo cáo tháng", "period": "month",
                                    "rrule": "FREQ=MONTHLY;BYMONTHDAY=23", "due_time": "",
                                    "created_at": "2025-09-01T00:00:00Z"}),
        ("report_runs", "r1", {"period_kind": "month", "period_start": "2025-10-01", "period_end": "2025-10-31",
                               "created_at": "2025-10-20T00:00:00Z", "sent_at": "2025-10-20T01:00:00Z"}),
        ("tasks", "bad", None),
    ]
    with store.writing() as db:
        db.conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)",
                            [("province_code", "40"), ("province_name", "Tỉnh Nghệ An")])
        db.conn.execute("INSERT INTO communes (commune_code, name, public_key) VALUES (?, 'Xã Nghĩa Thọ', ?)",
                        (NGHIA_THO, "ab" * 32))
        db.conn.execute("INSERT INTO bundles (commune_code, seq_from, seq_to, kind, created_at, imported_at, source,"
                        " data_sha256, manifest_sha256, records, schema_version, app_version) VALUES"
                        " (?, 0, 50, 'full', '2025-11-04T03:00:00Z', '2025-11-04T04:00:00Z', 'a', 'x', 'y', 9, 7, '')",
                        (NGHIA_THO,))
        for entity, rid, row in rows:
            data = "not json" if row is None else json.dumps({"id": rid, **row})
            db.conn.execute("INSERT INTO records (commune_code, entity, id, version, deleted, updated_at, bundle_id,"
                            " data) VALUES (?, ?, ?, 1, 0, '2025-11-04T02:00:00Z', 1, ?)", (NGHIA_THO, entity, rid, data))
    store.close()


def test_version_1_rows_are_carried_into_the_columns(tmp_path):
    from kehoach_tui.province.status import commune_statuses
    from kehoach_tui.province.store.db import open_province
    from kehoach_tui.province.store.status import recent_check_days

    path = tmp_path / "tinh.db"
    _v1(path)
    store = open_province(path)
    try:
        [mine] = commune_statuses(store, dt.date(2025, 11, 5), only=NGHIA_THO,
                                  now=dt.datetime(2025, 11, 5, 2, 0, tzinfo=dt.UTC))
        assert (mine.bundles, mine.tasks_total, mine.tasks_done, mine.tasks_overdue) == (1, 2, 1, 1)  # the row that was not JSON is not a task
        assert mine.open_incidents == 1 and mine.check_days == 1
        assert (mine.reports_expected, mine.reports_on_time) == (1, 1)
        assert mine.data_up_to == "2025-11-04T02:00:00Z" and mine.gaps == []
        [(day, _, _, answered, failed)] = recent_check_days(store, NGHIA_THO)
        assert day == "2025-11-04" and bin(answered).count("1") == 2 and bin(failed).count("1") == 1
    finally:
        store.close()


def test_task_figures_are_the_commune_reports_leaves_with_inherited_deadlines():
    """The province counts tasks as domain/figures.py does: a heading is not a task, and a
    sub-item with no deadline of its own is late when its parent's deadline has passed."""
    from kehoach_tui.province.store.tasks import overdue, task_figures

    rows = [
        {"code": "1", "parent_code": "", "status": "in_progress", "due_date": "2025-10-01", "deadline_text": "10/2025"},
        {"code": "1.a", "parent_code": "1", "status": "done", "due_date": None, "deadline_text": ""},
        {"code": "1.b", "parent_code": "1", "status": "in_progress", "due_date": None, "deadline_text": ""},
        {"code": "2", "parent_code": "", "status": "not_started", "due_date": "2025-12-31", "deadline_text": ""},
        {"code": "3", "parent_code": "", "status": "not_applicable", "due_date": "2025-09-01", "deadline_text": ""},
        {"code": "4", "parent_code": "", "status": "blocked", "due_date": "2025-13-45", "deadline_text": ""},
    ]
    total, done, due = task_figures(rows)
    assert (total, done) == (5, 1)  # 1.a, 1.b, 2, 3, 4: heading 1 is not counted
    assert due == "2025-10-01 2025-12-31"  # 1.b with its parent's day; no date that is not one
    assert overdue(due, dt.date(2025, 11, 5)) == 1 and overdue(due, dt.date(2026, 1, 1)) == 2
    assert overdue(None, dt.date(2025, 11, 5)) == 0
