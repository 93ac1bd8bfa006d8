"""Task updates, parent progress, trigger dates, recurring flags, targets and history."""

from __future__ import annotations

import datetime as dt

import pytest

from kehoach_tui.domain.updates import NeedsConfirmation, UpdateError
from kehoach_tui.store.changelog import row_after
from kehoach_tui.store.history import history
from kehoach_tui.store.targets import record_target_value, target_standings
from kehoach_tui.store.tasks import (
    get_record,
    list_updates,
    record_update,
    set_trigger_date,
    task_rows,
)

TODAY = dt.date(2025, 11, 5)


def count(store, table):
    return store.db.conn.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0]


def test_update_writes_task_row_update_record_and_log(seeded):
    changes = count(seeded, "changes")
    view = record_update(seeded, "1.1", status="dang thuc hien", progress="40%", note="Đã  họp\x1b[31m triển khai",
                         evidence="Số 123/KH-UBND ngày 05/8/2025", officer="Trần Thị C")
    task = get_record(seeded, "1.1")
    assert (task.status, task.progress) == ("in_progress", 40)
    assert "hop" in task.search_key and "123/kh-ubnd" in task.search_key
    assert view.note == "Đã họp[31m triển khai"  # ESC stripped, spaces collapsed
    assert (view.status_before, view.status_after, view.progress_after) == ("not_started", "in_progress", 40)
    assert view.officer == "Trần Thị C"
    assert count(seeded, "changes") == changes + 2
    entities = [r[0] for r in seeded.db.conn.execute("SELECT entity FROM changes ORDER BY seq DESC LIMIT 2")]
    assert sorted(entities) == ["task_updates", "tasks"]
    assert [u.note for u in list_updates(seeded, "1.1")] == [view.note]


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"status": "xong rồi"}, "không có"),
    ({"progress": "120"}, "0 đến 100"),
    ({"progress": "-1"}, "0 đến 100"),
    ({"progress": "abc"}, "0 đến 100"),
    ({"evidence": "Số 9/QĐ ngày 06/11/2025"}, "tương lai"),
    ({"evidence": "ngày 31/02/2025"}, "không có thật"),
    ({}, "Không có gì"),
])
def test_bad_updates_change_nothing(seeded, kwargs, message):
    changes = count(seeded, "changes")
    with pytest.raises(UpdateError, match=message):
        record_update(seeded, "1.1", **kwargs)
    assert count(seeded, "changes") == changes
    assert count(seeded, "task_updates") == 0


def test_done_sets_100_or_asks(seeded):
    with pytest.raises(NeedsConfirmation):
        record_update(seeded, "1.1", status="Hoàn thành", progress=60)
    assert get_record(seeded, "1.1").status == "not_started"
    record_update(seeded, "1.1", status="hoan thanh")
    assert (get_record(seeded, "1.1").status, get_record(seeded, "1.1").progress) == ("done", 100)
    record_update(seeded, "1.2", status="done", progress=60, confirmed=True)
    assert get_record(seeded, "1.2").progress == 60


def test_parent_takes_status_and_progress_from_sub_items(seeded):
    record_update(seeded, "3.4.a", status="done")
    record_update(seeded, "3.4.b", progress=50)
    parent = get_record(seeded, "3.4")
    assert (parent.status, parent.progress) == ("in_progress", 50)  # (100 + 50 + 0) / 3
    record_update(seeded, "3.4.c", status="not_applicable")
    assert get_record(seeded, "3.4").progress == 75
    with pytest.raises(UpdateError, match="mục con"):
        record_update(seeded, "3.4", status="done")
    record_update(seeded, "3.4", note="Đôn đốc các bộ phận")
    assert get_record(seeded, "3.4").progress == 75
    rows = {r.code: r for r in task_rows(seeded, TODAY)}
    assert rows["3.4"].progress == 75 and rows["3.4"].status == "in_progress"


def test_recurring_flag_follows_weekly_period(seeded):
    rows = {r.code: r for r in task_rows(seeded, TODAY)}
    assert rows["1.1"].recurring and rows["1.1"].needs_note  # never updated
    assert rows["3.4.c"].recurring  # inherits "thường xuyên" from 3.4
    record_update(seeded, "1.1", note="Tuần này đã rà soát")
    rows = {r.code: r for r in task_rows(seeded, TODAY)}
    assert not rows["1.1"].needs_note and rows["1.1"].last_update == TODAY
    # the next week (Monday 10/11) the note is missing again
    rows = {r.code: r for r in task_rows(seeded, dt.date(2025, 11, 10))}
    assert rows["1.1"].needs_note


TRIGGER_PLAN = '''format = 1
[plan]
code = "thu"
title = "Kế hoạch thử"
level = "commune"
[[groups]]
code = "1"
title = "Thể chế"
[[tasks]]
code = "1.1"
group = "1"
title = "Ban hành quy chế"
deadline = "Trong vòng 30 ngày kể từ khi Trung ương ban hành"
[[tasks]]
code = "1.2"
group = "1"
title = "Rà soát"
deadline = "Trước ngày 10/11/2025"
[[tasks]]
code = "1.3"
group = "1"
title = "Quá hạn"
deadline = "31/10/2025"
'''


@pytest.fixture
def trigger_store(store):
    from kehoach_tui.communes import commune_by_code
    from kehoach_tui.domain.plan import parse_plan
    from kehoach_tui.store.setup import initialise

    initialise(store, plan=parse_plan(TRIGGER_PLAN), commune=commune_by_code("16969"), officer="A")
    return store


def test_trigger_date_sets_due(trigger_store):
    rows = {r.code: r for r in task_rows(trigger_store, TODAY)}
    assert rows["1.1"].due_date is None and rows["1.1"].due_text.startswith("chờ")
    assert rows["1.2"].due_soon and not rows["1.2"].overdue
    assert rows["1.3"].overdue
    due, view = set_trigger_date(trigger_store, "1.1", dt.date(2025, 9, 10), officer="B", today=TODAY)
    assert due == dt.date(2025, 10, 10)
    assert view.kind == "trigger" and "10/09/2025" in view.note
    rows = {r.code: r for r in task_rows(trigger_store, TODAY)}
    assert rows["1.1"].due_text == "10/10/2025" and rows["1.1"].overdue
    with pytest.raises(UpdateError, match="không có thời hạn chờ"):
        set_trigger_date(trigger_store, "1.2", dt.date(2025, 9, 10), today=TODAY)
    with pytest.raises(UpdateError, match="tương lai"):
        set_trigger_date(trigger_store, "1.1", dt.date(2025, 12, 1), today=TODAY)


def test_target_values_and_states(seeded):
    record_target_value(seeded, "CT4", "40", "2025-08", note="Báo cáo TTPVHCC", today=TODAY)
    record_target_value(seeded, "CT4", "60,5", "09/2025", today=TODAY)
    record_target_value(seeded, "CT4", 75, "2025-10", today=TODAY)
    record_target_value(seeded, "CT5", 12, "2025-10", today=TODAY)
    record_target_value(seeded, "CT4", 70, "2025-10", note="sửa số liệu", officer="D", today=TODAY)  # correction
    by_code = {s.code: s for s in target_standings(seeded, TODAY)}
    ct4 = by_code["CT4"]
    assert [v.value for v in ct4.values] == [40, 60.5, 70]
    assert ct4.latest.officer == "D" and ct4.state == "on_track" and len(ct4.trend) == 3
    assert by_code["CT5"].state == "met"
    assert by_code["CT1"].state == "no_data"
    for bad, message in ((("CT4", "x", "2025-10"), "không phải số"), (("CT4", 1, "2025-13"), "Kỳ"),
                         (("CT4", 1, "2026-01"), "chưa đến"), (("CT99", 1, "2025-10"), "CT99")):
        with pytest.raises(UpdateError, match=message):
            record_target_value(seeded, *bad, today=TODAY)


def test_history_by_task(seeded):
    record_update(seeded, "1.1", status="in_progress", progress=30, note="[bold]x[/] [@click=app.quit]", officer="E")
    record_update(seeded, "1.2", note="khác")
    entries = history(seeded, task_code="1.1")
    assert {e.subject for e in entries} == {"1.1"}
    assert any("Đang thực hiện" in e.summary and "[@click=app.quit]" in e.summary for e in entries)
    assert any("Chưa bắt đầu → Đang thực hiện" in e.summary for e in entries if e.entity == "tasks")
    assert entries[0].actor == "E"  # the update is one entry (issue 16: each task update once)
    assert history(seeded, task_code="9.9") == []
    everything = history(seeded)
    assert everything[0].seq > everything[-1].seq and len(everything) > len(entries)


def test_change_log_carries_update_record(seeded):
    record_update(seeded, "2.1", status="blocked", note="Thiếu máy")
    seq, entity_id = seeded.db.conn.execute(
        "SELECT seq, entity_id FROM changes WHERE entity = 'task_updates' ORDER BY seq DESC").fetchone()
    after = row_after(seeded.db.conn, "task_updates", entity_id, seq)  # the entry's row as it left it
    assert after["status_after"] == "blocked" and after["note"] == "Thiếu máy" and after["version"] == 1
