"""Morning check store: items, marks in the change log, probes never override a person,
lateness, history and the Tổng quan card."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from kehoach_tui.config import TZ
from kehoach_tui.domain.checklist import ChecklistError
from kehoach_tui.store import checklist as cl
from kehoach_tui.store.changelog import row_after
from kehoach_tui.store.overview import overview_cards
from kehoach_tui.store.settings import put_settings

TODAY = dt.date(2025, 11, 5)
SEED_TITLES = [
    "Điện và UPS", "Kết nối Internet", "Mạng truyền số liệu chuyên dùng", "Máy tính các quầy", "Máy in",
    "Máy quét", "Máy lấy số thứ tự và màn hình", "Camera",
    "Hệ thống thông tin giải quyết TTHC của tỉnh (một cửa điện tử)", "Cổng Dịch vụ công quốc gia",
    "Phần mềm hộ tịch", "Quản lý văn bản và điều hành", "Thư điện tử công vụ", "Họp trực tuyến",
    "Chữ ký số, USB token (còn hạn)", "Phần mềm diệt virus",
]


def local(day: dt.date, hh: int, mm: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hh, mm), tzinfo=TZ)


@pytest.fixture
def ck(seeded):
    cl.ensure_items(seeded)
    return seeded


def changes(store, entity):
    return store.db.conn.execute("SELECT op, after FROM changes WHERE entity = ? ORDER BY seq", (entity,)).fetchall()


def test_default_items_installed_once(ck):
    items = cl.list_items(ck)
    assert [i.title for i in items] == SEED_TITLES
    assert len({i.code for i in items}) == 16
    assert {i.code: i.probe for i in items if i.probe} == {"INTERNET": "internet", "MAY_TINH": "disk", "MAY_IN": "printers"}
    assert all(i.category for i in items)
    assert not cl.get_item(ck, "CAMERA").required and cl.get_item(ck, "DIEN_UPS").required
    assert cl.ensure_items(ck) is False
    assert len(changes(ck, "checklist_items")) == 16


def test_mark_writes_day_and_mark_rows_with_change_log(ck):
    assert not cl.get_day(ck, TODAY).exists
    assert cl.check_summary(ck, TODAY) is None
    cl.mark_item(ck, TODAY, "DIEN_UPS", "ok", at=local(TODAY, 7, 30))
    cl.mark_item(ck, TODAY, "MAY_IN", "fail", note="Kẹt giấy", at=local(TODAY, 7, 31))
    day = cl.get_day(ck, TODAY)
    assert day.exists and day.officer == "Nguyễn Văn A" and day.answered == 2 and day.failed == 1
    by_code = {m.item_code: m for m in day.marks}
    assert by_code["MAY_IN"].note == "Kẹt giấy" and by_code["MAY_IN"].source == "manual"
    assert len(changes(ck, "checklist_days")) == 1
    assert [op for op, _ in changes(ck, "checklist_marks")] == ["insert", "insert"]
    cl.mark_item(ck, TODAY, "MAY_IN", "ok")
    assert [op for op, _ in changes(ck, "checklist_marks")] == ["insert", "insert", "update"]
    rows = ck.db.conn.execute("SELECT count(*) FROM checklist_marks WHERE check_date = ?", ("2025-11-05",)).fetchone()
    assert rows[0] == 2  # one mark row per item and date


def test_probe_fills_but_never_overrides_a_person(ck):
    cl.mark_item(ck, TODAY, "INTERNET", "ok", note="Đã thử bằng trình duyệt")
    results = [
        {"name": "internet", "state": "fail", "summary": "không phân giải được tên miền"},
        {"name": "disk", "state": "ok", "summary": "còn trống 50 GB"},
        {"name": "printers", "state": "skip", "summary": "không có lpstat"},
    ]
    filled = cl.record_probes(ck, TODAY, results)
    assert filled == ["MAY_TINH"]
    marks = {m.item_code: m for m in cl.get_day(ck, TODAY).marks}
    assert marks["INTERNET"].state == "ok" and marks["INTERNET"].source == "manual"
    assert marks["INTERNET"].note == "Đã thử bằng trình duyệt"
    assert "tên miền" in marks["INTERNET"].evidence  # the probe's evidence is kept beside it
    assert marks["MAY_TINH"].state == "ok" and marks["MAY_TINH"].source == "probe"
    assert marks["MAY_IN"].state == "unchecked" and "lpstat" in marks["MAY_IN"].evidence
    # a later probe may change its own answer, and a person may override it
    cl.record_probes(ck, TODAY, [{"name": "disk", "state": "fail", "summary": "còn 100 MB"}])
    assert {m.item_code: m.state for m in cl.get_day(ck, TODAY).marks}["MAY_TINH"] == "fail"
    cl.mark_item(ck, TODAY, "MAY_TINH", "ok")
    cl.record_probes(ck, TODAY, [{"name": "disk", "state": "fail", "summary": "còn 100 MB"}])
    mark = {m.item_code: m for m in cl.get_day(ck, TODAY).marks}["MAY_TINH"]
    assert (mark.state, mark.source) == ("ok", "manual")
    assert json.loads(ck.db.conn.execute("SELECT probes FROM checklist_days").fetchone()[0])[0]["name"] == "disk"


def test_finish_on_time_and_late(ck):
    cl.mark_item(ck, TODAY, "DIEN_UPS", "ok", at=local(TODAY, 7, 30))
    day = cl.finish_day(ck, TODAY, at=local(TODAY, 7, 45))
    assert day.finished_at and not day.late
    assert cl.check_summary(ck, TODAY) == "1/16 mục đã kiểm tra, 0 lỗi, hoàn thành 07:45"
    day = cl.finish_day(ck, TODAY, at=local(TODAY, 8, 1))
    assert day.late
    assert cl.check_summary(ck, TODAY).endswith("hoàn thành 08:01 (muộn)")
    assert overview_cards(ck, TODAY).check_text.startswith("1/16 mục đã kiểm tra")


def test_late_time_is_configurable(ck):
    put_settings(ck, {"checklist.late_after": "08:30"}, actor="test")
    assert not cl.finish_day(ck, TODAY, at=local(TODAY, 8, 15)).late
    yesterday = TODAY - dt.timedelta(days=1)
    assert cl.finish_day(ck, yesterday, at=local(TODAY, 7, 0)).late  # finished the day after


def test_bad_input_refused_and_nothing_changed(ck):
    before = ck.db.conn.execute("SELECT count(*) FROM changes").fetchone()[0]
    with pytest.raises(ChecklistError, match="chưa tới"):
        cl.mark_item(ck, TODAY + dt.timedelta(days=1), "DIEN_UPS", "ok")
    with pytest.raises(ChecklistError, match="trạng thái"):
        cl.mark_item(ck, TODAY, "DIEN_UPS", "maybe")
    with pytest.raises(ChecklistError, match="không có mục"):
        cl.mark_item(ck, TODAY, "NOPE", "ok")
    with pytest.raises(ChecklistError):
        cl.add_item(ck, "   ")
    with pytest.raises(ChecklistError, match="tự động"):
        cl.add_item(ck, "Máy chiếu", probe="teleport")
    assert ck.db.conn.execute("SELECT count(*) FROM changes").fetchone()[0] == before


def test_hostile_note_stored_clean(ck):
    cl.mark_item(ck, TODAY, "CAMERA", "fail", note="[@click=app.quit]x[/] \x1b]52;c;ZXZpbA==\x07 hỏng")
    note = {m.item_code: m for m in cl.get_day(ck, TODAY).marks}["CAMERA"].note
    assert "\x1b" not in note and "\x07" not in note and note.startswith("[@click=app.quit]x[/]")


def test_resolve_item_by_code_number_or_words(ck):
    assert cl.resolve_item(ck, "may_in").code == "MAY_IN"
    assert cl.resolve_item(ck, "2").code == "INTERNET"
    assert cl.resolve_item(ck, "chu ky").code == "CHU_KY_SO"
    with pytest.raises(ChecklistError, match="nhiều mục"):
        cl.resolve_item(ck, "phan mem")
    with pytest.raises(ChecklistError):
        cl.resolve_item(ck, "ok")  # not a word start of "token"


def test_items_add_rename_reorder_deactivate_keep_history(ck):
    cl.mark_item(ck, TODAY - dt.timedelta(days=1), "CAMERA", "ok")
    item = cl.add_item(ck, "  Máy  chiếu ", category="Thiết bị", required=False)
    assert item.title == "Máy chiếu" and item.code == "MAY_CHIEU" and item.position == 16
    cl.move_item(ck, "MAY_CHIEU", -20)
    assert cl.list_items(ck)[0].code == "MAY_CHIEU"
    assert [i.position for i in cl.list_items(ck, include_inactive=True)] == list(range(17))
    cl.edit_item(ck, "CAMERA", title="Camera giám sát", active=False)
    assert "CAMERA" not in {m.item_code for m in cl.get_day(ck, TODAY).marks}
    old = cl.get_day(ck, TODAY - dt.timedelta(days=1))
    assert "CAMERA" in {m.item_code for m in old.marks}  # still shown where it was checked
    stored = ck.db.conn.execute("SELECT item_title FROM checklist_marks WHERE item_code = 'CAMERA'").fetchone()[0]
    assert stored == "Camera"  # the title it was checked under
    ops = []  # each update's after-image: the row as the entry left it
    for seq, entity_id, op in ck.db.conn.execute(
            "SELECT seq, entity_id, op FROM changes WHERE entity = 'checklist_items' ORDER BY seq").fetchall():
        image = row_after(ck.db.conn, "checklist_items", entity_id, seq)
        if op == "update" and image["code"] == "CAMERA":
            ops.append(image["title"])
    assert ops[-1] == "Camera giám sát" and "Camera" in ops[:-1]  # the rename is in the audit trail
    with pytest.raises(ChecklistError, match="đã có"):
        cl.add_item(ck, "Khác", code="camera")


def test_history_grid_and_compliance(ck):
    # Monday 27/10 to Wednesday 05/11: 8 working days
    mon = dt.date(2025, 10, 27)
    for offset, (finish, state) in enumerate([((7, 40), "ok"), ((8, 20), "fail"), ((7, 50), "ok")]):
        day = mon + dt.timedelta(days=offset)
        cl.mark_item(ck, day, "INTERNET", state, at=local(day, 7, 30))
        cl.mark_item(ck, day, "CAMERA", "na", at=local(day, 7, 30))
        cl.finish_day(ck, day, at=local(day, *finish))
    data = cl.history(ck, days=10)
    assert data.start == mon and data.end == TODAY
    assert data.working_days == 8 and data.days_checked == 3 and data.days_on_time == 2 and data.days_late == 1
    rows = {r.code: r for r in data.rows}
    assert rows["INTERNET"].cells[:3] == ["ok", "fail", "ok"]
    assert rows["INTERNET"].cells[5:7] == ["", ""]          # the weekend
    assert round(rows["INTERNET"].availability) == 67
    assert rows["CAMERA"].availability is None and rows["CAMERA"].na == 3
    assert rows["DIEN_UPS"].unchecked == 8
    assert data.summary().startswith("Ngày làm việc: 8 · đã kiểm tra: 3 (38%) · đúng giờ: 2 (25%)")
    assert data.as_json()["items"][1]["availability"] == 66.7


def test_history_respects_holidays(ck):
    put_settings(ck, {"checklist.holidays": ["2025-11-04"], "checklist.saturdays": True}, actor="test")
    data = cl.history(ck, days=7)  # 30/10 (Thu) to 05/11 (Wed)
    assert data.working_days == 5  # Thu, Fri, Sat, Mon, Wed
