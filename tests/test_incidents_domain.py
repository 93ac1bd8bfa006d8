"""Incident lifecycle rules, downtime, choices with or without diacritics, text to paste."""

from __future__ import annotations

import datetime as dt

import pytest

from kehoach_tui.domain.incident_models import IncidentDraft, normalize_draft, period_bounds
from kehoach_tui.domain.incidents import (
    CLOSED,
    IN_PROGRESS,
    NEW,
    REOPENED,
    REPORTED,
    RESOLVED,
    STATUSES,
    IncidentRuleError,
    check_transition,
    choice_options,
    downtime,
    fmt_duration,
    parse_local_datetime,
    resolve_choice,
    status_options,
)
from kehoach_tui.i18n import set_lang
from kehoach_tui.store.incidents import default_catalog

UTC = dt.UTC


def at(hour: int, minute: int = 0, day: int = 5) -> dt.datetime:
    return dt.datetime(2025, 11, day, hour, minute, tzinfo=UTC)


def test_forward_path_is_allowed():
    path = [NEW, REPORTED, IN_PROGRESS, RESOLVED, CLOSED, REOPENED, IN_PROGRESS]
    for current, target in zip(path, path[1:], strict=False):
        check_transition(current, target, note="đã xử lý", resolution="")


@pytest.mark.parametrize(("current", "target"), [
    (IN_PROGRESS, REPORTED), (RESOLVED, IN_PROGRESS), (CLOSED, IN_PROGRESS), (NEW, REOPENED), (CLOSED, RESOLVED),
])
def test_going_back_only_through_reopen(current, target):
    with pytest.raises(IncidentRuleError, match="Không thể chuyển"):
        check_transition(current, target, note="x", resolution="")


def test_same_status_and_unknown_status_refused():
    with pytest.raises(IncidentRuleError, match="đang ở trạng thái"):
        check_transition(NEW, NEW, note="", resolution="")
    with pytest.raises(IncidentRuleError, match="không hợp lệ"):
        check_transition(NEW, "done", note="", resolution="")


def test_closing_needs_a_resolution_note():
    with pytest.raises(IncidentRuleError, match="cách khắc phục"):
        check_transition(RESOLVED, CLOSED, note="  ", resolution="")
    check_transition(RESOLVED, CLOSED, note="", resolution="Thay UPS mới")
    check_transition(IN_PROGRESS, CLOSED, note="Báo nhầm", resolution="")


def test_english_reason():
    set_lang("en")
    with pytest.raises(IncidentRuleError, match="resolution note"):
        check_transition(RESOLVED, CLOSED, note="", resolution="")


def test_downtime_counts_until_resolved_and_reopened_stretches():
    moves = [(at(8, 30), REPORTED), (at(9), RESOLVED), (at(10), CLOSED), (at(11), REOPENED), (at(11, 45), RESOLVED)]
    assert downtime(at(8), moves, now=at(23)) == dt.timedelta(hours=1, minutes=45)


def test_downtime_runs_to_now_while_down():
    assert downtime(at(8), [(at(8, 10), REPORTED)], now=at(10, 5)) == dt.timedelta(hours=2, minutes=5)
    # a close without a resolve step also stops the clock
    assert downtime(at(8), [(at(8, 20), CLOSED)], now=at(12)) == dt.timedelta(minutes=20)


def test_fmt_duration():
    assert fmt_duration(dt.timedelta(days=2, hours=3, minutes=15, seconds=59)) == "2 ngày 3 giờ 15 phút"
    assert fmt_duration(dt.timedelta(seconds=20)) == "0 phút"
    assert fmt_duration(dt.timedelta(hours=1)) == "1 giờ"


@pytest.mark.parametrize(("typed", "code"), [
    ("Mất điện/UPS", "power"), ("mat dien", "power"), ("MẤT MẠNG", "internet"), ("internet", "internet"),
    ("ma doc", "security"), ("khac", "other"), ("may in", "printer_scanner"), ("vneid", "national_portal"),
])
def test_categories_with_or_without_diacritics(typed, code):
    assert resolve_choice(typed, choice_options(default_catalog().categories)) == code


def test_ambiguous_or_unknown_choice_is_none():
    options = choice_options(default_catalog().categories)
    assert resolve_choice("loi", options) is None  # several "Lỗi …"
    assert resolve_choice("xyz", options) is None
    assert resolve_choice("", options) is None


@pytest.mark.parametrize(("typed", "code"), [
    ("Đã báo cáo", REPORTED), ("da bao cao", REPORTED), ("dang xu ly", IN_PROGRESS), ("Đóng", CLOSED),
    ("dong", CLOSED), ("mo lai", REOPENED), ("resolved", RESOLVED), ("da khac phuc", RESOLVED),
])
def test_status_names(typed, code):
    assert resolve_choice(typed, status_options()) == code


def test_severity_names():
    options = choice_options(default_catalog().severities)
    assert [resolve_choice(x, options) for x in ("cao", "Trung bình", "trung binh", "thap")] == [
        "high", "medium", "medium", "low"]


def test_catalog_defaults_match_the_issue():
    cat = default_catalog()
    assert len(cat.categories) == 12 and cat.categories[-1].name == "Khác"
    assert [c.name for c in cat.severities] == ["Cao", "Trung bình", "Thấp"]
    assert [c.code for c in cat.channels] == ["zalo", "hotline", "app", "phone", "in_person", "document"]
    assert cat.is_security("security") and not cat.is_security("power")
    assert any("Công an xã" in step for step in cat.security_checklist.steps)


@pytest.mark.parametrize(("item", "code"), [
    ("3.4.c-01 Kết nối Internet", "internet"), ("Kiểm tra UPS, nguồn điện", "power"),
    ("Máy in, máy quét tại bộ phận một cửa", "printer_scanner"), ("Chữ ký số (USB token)", "digital_signature"),
    ("Mạng truyền số liệu chuyên dùng", "data_network"), ("Vệ sinh bàn ghế", None),
])
def test_guess_category_from_check_item(item, code):
    assert default_catalog().guess_category(item) == code


def test_parse_local_datetime_is_vietnam_time():
    assert parse_local_datetime("05/11/2025 07:30", dt.date(2025, 1, 1)) == at(0, 30)
    assert parse_local_datetime("7h30", dt.date(2025, 11, 5)) == at(0, 30)
    with pytest.raises(ValueError):
        parse_local_datetime("hôm qua", dt.date(2025, 11, 5))


def test_normalize_draft_cleans_and_validates():
    now = at(5)
    values = normalize_draft(IncidentDraft(
        title="  Mất\x1b]52;c;aGk=\x07 mạng  ", category="mat mang", severity="cao", reported_via="zalo",
        dossiers_delayed=" 3 ", description="dòng 1\r\ndòng 2",
    ), default_catalog(), now)
    assert values["title"] == "Mất]52;c;aGk= mạng"  # ESC and BEL gone: the sequence is inert
    assert values["category"] == "internet" and values["severity"] == "high" and values["reported_via"] == "zalo"
    assert values["dossiers_delayed"] == 3 and values["description"] == "dòng 1\ndòng 2"
    assert values["opened_at"] == "2025-11-05T05:00:00.000000Z"


@pytest.mark.parametrize(("changes", "reason"), [
    ({"title": "  "}, "tiêu đề"), ({"category": "xyz"}, "loại sự cố"), ({"severity": "rất cao"}, "mức độ"),
    ({"reported_via": "bồ câu"}, "kênh báo cáo"), ({"opened_at": "32/13/2025"}, "không hợp lệ"),
    ({"opened_at": "06/11/2025 08:00"}, "tương lai"), ({"dossiers_delayed": "-1"}, "số nguyên"),
])
def test_bad_drafts_say_why(changes, reason):
    draft = IncidentDraft(**{"title": "Mất điện", "category": "power", **changes})
    with pytest.raises(IncidentRuleError, match=reason):
        normalize_draft(draft, default_catalog(), at(5))


def test_period_bounds():
    today = dt.date(2025, 11, 5)
    assert period_bounds("today", today) == (today, today)
    assert period_bounds("7d", today) == (dt.date(2025, 10, 30), today)
    assert period_bounds("last_month", today) == (dt.date(2025, 10, 1), dt.date(2025, 10, 31))
    assert period_bounds("all", today) == (None, None)


def test_every_status_has_names():
    assert all(len(names) == 2 and all(names) for _, names in status_options())
    assert len(status_options()) == len(STATUSES)
