"""Incident store: synced rows + change log, lifecycle events, filters, search, migration."""

from __future__ import annotations

import datetime as dt

import pytest

from kehoach_tui.domain.incident_models import IncidentDraft, IncidentFilter
from kehoach_tui.domain.incidents import IncidentRuleError
from kehoach_tui.store import open_store
from kehoach_tui.store.changelog import row_after
from kehoach_tui.store.incidents import (
    add_category,
    catalog,
    change_status,
    edit_incident,
    find_incident,
    incident_downtime,
    list_events,
    list_incidents,
    open_incident,
    open_summary,
    summary_text,
)
from kehoach_tui.store.overview import overview_cards
from kehoach_tui.store.rows import query

NOW = dt.datetime(2025, 11, 5, 3, 0, tzinfo=dt.UTC)  # 10:00 in Vietnam


def draft(**changes) -> IncidentDraft:
    return IncidentDraft(**{"title": "Mất mạng Internet tại bộ phận một cửa", "category": "internet",
                            "severity": "high", "opened_at": "05/11/2025 07:30", **changes})


def test_open_writes_row_event_and_change_log(seeded):
    before = seeded.db.conn.execute("SELECT MAX(seq) FROM changes").fetchone()[0]
    incident = open_incident(seeded, draft(reported_via="zalo", checklist_item="3.4.c-01"), actor="Lê B", now=NOW)
    assert incident.number == 1 and incident.status == "new" and incident.reporter == "Lê B"
    assert incident.checklist_item == "3.4.c-01"
    row = query(seeded.db, "SELECT * FROM incidents WHERE id = ?", (incident.id,))[0]
    assert row["commune_code"] == "16969" and row["version"] == 1 and row["deleted"] == 0
    assert "mat mang internet" in row["search_key"]
    events = list_events(seeded, incident.id)
    assert [(e.from_status, e.to_status) for e in events] == [("", "new")]
    assert events[0].at == incident.opened_at
    logged = query(seeded.db, "SELECT seq, entity, entity_id, op, after FROM changes WHERE seq > ?", (before,))
    assert [(c["entity"], c["op"]) for c in logged] == [("incidents", "insert"), ("incident_events", "insert")]
    # an insert logs no image: the row is it (store/changelog.py)
    assert logged[0]["after"] is None
    assert row_after(seeded.db.conn, "incidents", logged[0]["entity_id"], logged[0]["seq"])["title"] == incident.title


def test_numbers_increase(seeded):
    numbers = [open_incident(seeded, draft(), actor="A", now=NOW).number for _ in range(3)]
    assert numbers == [1, 2, 3]


def test_lifecycle_events_and_reopen_keeps_history(seeded):
    incident = open_incident(seeded, draft(), actor="A", now=NOW)
    t0 = incident.opened_at
    change_status(seeded, incident.id, "reported", note="Đã nhắn nhóm Zalo", actor="A", at=t0 + dt.timedelta(minutes=5))
    change_status(seeded, incident.id, "in_progress", actor="B", at=t0 + dt.timedelta(minutes=20))
    resolved = change_status(seeded, incident.id, "resolved", note="Khởi động lại modem", actor="B",
                             at=t0 + dt.timedelta(minutes=50))
    assert resolved.resolution == "Khởi động lại modem" and resolved.resolved_at == t0 + dt.timedelta(minutes=50)
    closed = change_status(seeded, incident.id, "closed", actor="A", at=t0 + dt.timedelta(hours=2))
    assert closed.status == "closed" and closed.resolution == "Khởi động lại modem" and closed.closed_at
    reopened = change_status(seeded, incident.id, "reopened", note="Mất mạng lại", actor="A",
                             at=t0 + dt.timedelta(hours=3))
    assert reopened.status == "reopened" and reopened.closed_at is None and reopened.resolution == ""
    events = list_events(seeded, incident.id)
    assert [e.to_status for e in events] == ["new", "reported", "in_progress", "resolved", "closed", "reopened"]
    assert events[1].note == "Đã nhắn nhóm Zalo" and events[2].officer == "B"
    # 50 minutes before the fix, plus the reopened stretch up to "now"
    now = t0 + dt.timedelta(hours=3, minutes=30)
    assert incident_downtime(reopened, events, now) == dt.timedelta(minutes=80)
    assert reopened.version == 6


def test_refused_move_changes_nothing(seeded):
    incident = open_incident(seeded, draft(), actor="A", now=NOW)
    change_status(seeded, incident.id, "resolved", actor="A")
    dump = list(seeded.db.conn.iterdump())
    with pytest.raises(IncidentRuleError, match="cách khắc phục"):
        change_status(seeded, incident.id, "closed", note="  ", actor="A")
    with pytest.raises(IncidentRuleError, match="Không thể chuyển"):
        change_status(seeded, incident.id, "reported", actor="A")
    assert list(seeded.db.conn.iterdump()) == dump


def test_hostile_text_is_stored_clean(seeded):
    incident = open_incident(seeded, draft(title="[@click=app.quit]x[/] \x1b]0;pwned\x07 Le [/] Van",
                                           description="a\x1b[31mb\u202ec"), actor="A", now=NOW)
    assert incident.title == "[@click=app.quit]x[/] ]0;pwned Le [/] Van"
    assert "\x1b" not in incident.description and "\u202e" not in incident.description


def test_edit_corrects_facts_and_first_event(seeded):
    incident = open_incident(seeded, draft(), actor="A", now=NOW)
    edited = edit_incident(seeded, incident.id, draft(opened_at="05/11/2025 07:00", title="Mất mạng cáp quang",
                                                       dossiers_delayed=4), actor="B", now=NOW)
    assert edited.title == "Mất mạng cáp quang" and edited.dossiers_delayed == 4 and edited.number == 1
    assert list_events(seeded, incident.id)[0].at == edited.opened_at == dt.datetime(2025, 11, 5, 0, 0, tzinfo=dt.UTC)
    assert edited.status_at == edited.opened_at


def _make_many(store):
    specs = [
        ("Mất điện toàn trụ sở", "power", "high", "01/11/2025 08:00"),
        ("Máy in một cửa kẹt giấy", "printer_scanner", "low", "04/11/2025 08:00"),
        ("Lỗi ký số hồ sơ hộ tịch", "digital_signature", "medium", "05/11/2025 08:00"),
        ("Tin nhắn lừa đảo giả danh Công an", "security", "high", "15/10/2025 08:00"),
    ]
    made = [open_incident(store, draft(title=ti, category=c, severity=s, opened_at=o), actor="A", now=NOW)
            for ti, c, s, o in specs]
    change_status(store, made[1].id, "closed", note="Gỡ giấy kẹt", actor="A")
    return made


@pytest.mark.parametrize(("spec", "titles"), [
    (IncidentFilter(), ["Lỗi ký số hồ sơ hộ tịch", "Máy in một cửa kẹt giấy", "Mất điện toàn trụ sở",
                        "Tin nhắn lừa đảo giả danh Công an"]),
    (IncidentFilter(status="open"), ["Lỗi ký số hồ sơ hộ tịch", "Mất điện toàn trụ sở", "Tin nhắn lừa đảo giả danh Công an"]),
    (IncidentFilter(status="closed"), ["Máy in một cửa kẹt giấy"]),
    (IncidentFilter(severity="high"), ["Mất điện toàn trụ sở", "Tin nhắn lừa đảo giả danh Công an"]),
    (IncidentFilter(category="security"), ["Tin nhắn lừa đảo giả danh Công an"]),
    (IncidentFilter(since=dt.date(2025, 11, 1), until=dt.date(2025, 11, 4)), ["Máy in một cửa kẹt giấy", "Mất điện toàn trụ sở"]),
    (IncidentFilter(search="ho tich"), ["Lỗi ký số hồ sơ hộ tịch"]),
    (IncidentFilter(search="CÔNG AN lua"), ["Tin nhắn lừa đảo giả danh Công an"]),
    (IncidentFilter(search="giay kep"), []),
    (IncidentFilter(search="go giay"), ["Máy in một cửa kẹt giấy"]),  # the resolution is searchable
    (IncidentFilter(search="100%_"), []),
])
def test_filters_and_search(seeded, spec, titles):
    _make_many(seeded)
    rows, total = list_incidents(seeded, spec)
    assert [r.title for r in rows] == titles and total == len(titles)


def test_limit_reports_total(seeded):
    _make_many(seeded)
    rows, total = list_incidents(seeded, IncidentFilter(limit=2))
    assert len(rows) == 2 and total == 4


def test_find_by_number_id_or_prefix(seeded):
    made = _make_many(seeded)
    assert find_incident(seeded, "2").id == made[1].id
    assert find_incident(seeded, "#3").id == made[2].id
    assert find_incident(seeded, made[0].id).number == 1
    assert find_incident(seeded, made[3].id[:8]).number == 4
    with pytest.raises(IncidentRuleError, match="Không tìm thấy"):
        find_incident(seeded, "99")


def test_summary_text(seeded):
    incident = open_incident(seeded, draft(reported_via="zalo", reported_to="Tổ hỗ trợ kỹ thuật tỉnh",
                                           service_interrupted=True, dossiers_delayed=5, contact="0912 345 678",
                                           location="Bộ phận một cửa"), actor="Lê B", now=NOW)
    text = summary_text(seeded, incident, now=NOW)
    assert text.splitlines() == [
        "[SỰ CỐ CNTT] #1: Mất mạng Internet tại bộ phận một cửa",
        "- Thời gian: 05/11/2025 07:30",
        "- Địa điểm: Bộ phận một cửa, Xã Nghĩa Thọ, Tỉnh Nghệ An",
        "- Loại: Mất mạng Internet; mức độ: Cao",
        "- Ảnh hưởng người dân: gián đoạn phục vụ; 5 hồ sơ bị chậm",
        "- Tình trạng: Mới (từ 05/11/2025 07:30)",
        "- Thời gian gián đoạn: 2 giờ 30 phút",
        "- Đã báo qua: Nhóm Zalo – Tổ hỗ trợ kỹ thuật tỉnh",
        "- Liên hệ: Lê B, 0912 345 678",
    ]


def test_overview_card(seeded):
    assert open_summary(seeded) is None
    assert overview_cards(seeded, dt.date(2025, 11, 5)).incidents_text is None
    made = _make_many(seeded)
    text = overview_cards(seeded, dt.date(2025, 11, 5)).incidents_text
    assert text.splitlines() == ["3 sự cố chưa đóng", "2 mức Cao", "3 đang gián đoạn",
                                 "Mới nhất: #3 Lỗi ký số hồ sơ hộ tịch"]
    for incident in made:
        if incident.number != 2:
            change_status(seeded, incident.id, "closed", note="xong", actor="A")
    assert open_summary(seeded) == "Không có sự cố chưa đóng"


def test_custom_category(seeded):
    added = add_category(seeded, "Lỗi máy chủ xã", actor="A")
    names = [c.name for c in catalog(seeded).categories]
    assert names[-2:] == ["Lỗi máy chủ xã", "Khác"]
    incident = open_incident(seeded, draft(category="loi may chu"), actor="A", now=NOW)
    assert incident.category == added.code and incident.category_name == "Lỗi máy chủ xã"
    with pytest.raises(IncidentRuleError, match="Đã có"):
        add_category(seeded, "Khác", actor="A")


def test_migration_from_version_1(db_path):
    old = open_store(db_path, migrate_to=1)
    assert old.db.conn.execute("SELECT name FROM sqlite_master WHERE name = 'incidents'").fetchone() is None
    old.close()
    new = open_store(db_path)
    try:
        tables = {r[0] for r in new.db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"incidents", "incident_events"} <= tables
        assert new.db.conn.execute("PRAGMA user_version").fetchone()[0] >= 4
    finally:
        new.close()
