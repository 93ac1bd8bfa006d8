"""Incidents with fixed times, for Pilot and snapshot tests (no wall-clock time on screen)."""

from __future__ import annotations

import datetime as dt

from kehoach_tui import config
from kehoach_tui.domain.incident_models import IncidentDraft
from kehoach_tui.store.incidents import change_status, open_incident

# 10:00 in Vietnam on the pinned day
FIXED_NOW = dt.datetime(2025, 11, 5, 3, 0, tzinfo=dt.UTC)


def pin_now(monkeypatch) -> None:
    """config.now_utc, and every module that took it by name (`from ..config import now_utc`)
    before the pin: one of those left unpinned put the real clock on screen in some runs
    ("Bắt đầu 16:09" beside "10:00"), depending on which path started the morning check."""
    import sys

    real = config.now_utc
    fixed = lambda: FIXED_NOW  # noqa: E731 - the pinned clock
    monkeypatch.setattr(config, "now_utc", fixed)
    for name, module in list(sys.modules.items()):
        if name.startswith("kehoach_tui.") and getattr(module, "now_utc", None) is real:
            monkeypatch.setattr(module, "now_utc", fixed)


def add_sample_incidents(store) -> list:
    """Four incidents in different states; #4 is a security incident."""

    def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime(2025, 11, day, hour, minute, tzinfo=dt.UTC)

    made = []
    specs = [
        dict(title="Mất điện toàn trụ sở, UPS chỉ giữ được 10 phút", category="power", severity="high",
             opened_at="03/11/2025 08:15", reported_via="hotline", reported_to="Điện lực Nghĩa Đàn"),
        dict(title="Máy in bộ phận một cửa kẹt giấy", category="printer_scanner", severity="low",
             opened_at="04/11/2025 07:40"),
        dict(title="[@click=app.quit]x[/] Lỗi ký số Le [/] Van", category="digital_signature", severity="medium",
             opened_at="04/11/2025 14:00", checklist_item="3.4.c-05 Chữ ký số"),
        dict(title="Tin nhắn lừa đảo giả danh Công an xã", category="security", severity="high",
             opened_at="05/11/2025 08:30", service_interrupted=True, dossiers_delayed=2, reported_via="zalo",
             reported_to="Tổ hỗ trợ kỹ thuật tỉnh", systems="Máy tính tiếp dân số 2",
             description="Cán bộ nhận tin nhắn kèm đường link lạ, đã bấm vào.", location="Bộ phận một cửa",
             contact="0912 345 678"),
    ]
    for spec in specs:
        made.append(open_incident(store, IncidentDraft(**spec), actor="Nguyễn Văn A", now=FIXED_NOW))
    change_status(store, made[0].id, "reported", note="Gọi đường dây nóng điện lực", actor="Nguyễn Văn A", at=at(3, 1, 20))
    change_status(store, made[0].id, "resolved", note="Có điện lại", actor="Nguyễn Văn A", at=at(3, 3))
    change_status(store, made[1].id, "closed", note="Gỡ giấy kẹt, vệ sinh trục", actor="Nguyễn Văn A", at=at(4, 1))
    change_status(store, made[3].id, "reported", note="Đã nhắn nhóm Zalo của tổ", actor="Nguyễn Văn A", at=at(5, 1, 40))
    change_status(store, made[3].id, "in_progress", note="Đã rút cáp mạng máy số 2", actor="Nguyễn Văn A", at=at(5, 1, 50))
    return made
