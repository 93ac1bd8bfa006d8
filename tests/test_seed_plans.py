"""The bundled plans other than Nghĩa Thọ: counts, numbering, gaps, units, deadlines."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from kehoach_tui.domain.deadlines import DeadlineKind, parse_deadline
from kehoach_tui.plan_files import bundled_plan_names, resolve_plan

ALL_PLANS = ["dong-nai", "nghia-tho", "son-thuy", "thanh-hoa", "tinh-uy-365"]


def test_bundled_plan_names():
    assert bundled_plan_names() == ALL_PLANS


def test_bundled_names_skip_checklist_and_incident_files(tmp_path, monkeypatch):
    for name in ("nghia-tho", "checklist-default", "incidents", "schedules-x"):
        (tmp_path / f"{name}.toml").write_text("", encoding="utf-8")
    monkeypatch.setattr("kehoach_tui.plan_files.seeds_dir", lambda: tmp_path)
    assert bundled_plan_names() == ["nghia-tho"]


@pytest.mark.parametrize("name", ALL_PLANS)
def test_plan_loads_and_code_matches_file(name):
    plan = resolve_plan(name)
    assert plan.plan.code == name
    assert plan.tasks or plan.targets


def test_thanh_hoa_61_tasks_in_8_groups():
    plan = resolve_plan("thanh-hoa")
    assert [t.code for t in plan.tasks] == [str(n) for n in range(1, 62)]
    assert [g.code for g in plan.groups] == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
    # The appendix headings give the count of each group: 13, 11, 06, 15, 04, 01, 04, 07.
    counts = Counter(t.group for t in plan.tasks)
    assert [counts[g.code] for g in plan.groups] == [13, 11, 6, 15, 4, 1, 4, 7]
    assert plan.plan.level == "province" and plan.plan.province_code == "38" and not plan.plan.commune_code


def test_thanh_hoa_gaps_recorded_not_filled():
    plan = resolve_plan("thanh-hoa")
    tasks = {t.code: t for t in plan.tasks}
    lost = tasks["42"]
    assert lost.gap and lost.group == "IV"
    assert lost.description == "và tăng tương tác 2 chiều giữa người dân, doanh nghiệp với cơ quan nhà nước."
    assert lost.lead_units == [] and lost.partner_units == [] and lost.deadline == ""
    groups = {g.code: g for g in plan.groups}
    assert groups["VI"].gap and "50" in groups["VI"].gap
    assert tasks["50"].group == "VI"
    assert [t.code for t in plan.tasks if t.gap] == ["38", "42"]  # 38: partner cell cut off in the source


def test_thanh_hoa_done_tasks_keep_their_text():
    plan = resolve_plan("thanh-hoa")
    done = [t for t in plan.tasks if t.status == "done"]
    assert {t.deadline for t in done} == {"Đã hoàn thành", "Đã hoàn thành và thực hiện thường xuyên"}
    assert len(done) == 15  # 13 "Đã hoàn thành", 2 "Đã hoàn thành và thực hiện thường xuyên"
    assert all(t.status == "done" for t in plan.tasks if t.deadline.startswith("Đã hoàn thành"))


def test_thanh_hoa_lead_units_are_the_documents_words():
    tasks = {t.code: t for t in resolve_plan("thanh-hoa").tasks}
    assert tasks["1"].lead_units == ["Văn phòng Tỉnh ủy"]
    assert tasks["1"].partner_units == ["Công an tỉnh, Sở Khoa học và Công nghệ và các đơn vị liên quan"]
    assert tasks["8"].lead_units == ["Văn phòng UBND"]  # as written, no "tỉnh"
    assert tasks["9"].lead_units == ["Sở Khoa học và công nghệ"]  # lower-case "công nghệ" as written
    assert tasks["22"].lead_units == ["Điện lực Thanh Hóa"]
    assert tasks["32"].lead_units == ["Văn phòng UBND tỉnh", "Trung tâm phục vụ hành chính công tỉnh"]
    assert tasks["34"].lead_units == [
        "Khối các cơ quan Đảng, Đoàn thể: Văn phòng Tỉnh uỷ",
        "Khối chính quyền, đoàn thể: Văn phòng UBND tỉnh, Sở Khoa học và Công nghệ",
    ]
    assert len(tasks["29"].lead_units) == 4
    assert "chính trị - xã hội" in tasks["29"].lead_units[1]
    # Task 52 continues across a page break: lead unit and content are joined.
    assert tasks["52"].lead_units[-1] == "Mặt trận Tổ quốc tỉnh và các tổ chức chính trị - xã hội"
    assert "quản lý văn bản điện tử liên thông" in tasks["52"].description
    assert tasks["61"].partner_units == ["Công an tỉnh hướng dẫn, đôn đốc, kiểm tra"]


def test_thanh_hoa_reporting_regime():
    reporting = {r.code: r for r in resolve_plan("thanh-hoa").reporting}
    assert (reporting["daily"].period, reporting["daily"].due_time) == ("day", "10:00")
    assert (reporting["weekly"].rrule, reporting["weekly"].due_time) == ("FREQ=WEEKLY;BYDAY=TH", "08:00")
    # "trước ngày 25 hàng tháng": due by the end of the 24th (issue 19; the preset agrees).
    assert reporting["monthly"].rrule == "FREQ=MONTHLY;BYMONTHDAY=24"


def test_son_thuy_numbering_as_written():
    plan = resolve_plan("son-thuy")
    assert [t.code for t in plan.tasks] == [
        "2.1", "2.2.a", "2.2.b", "2.3.a", "2.3.b", "2.3.c", "2.4.a", "2.4.b", "2.2.5", "2.2.6.a", "2.2.6.b",
    ]
    assert [g.code for g in plan.groups] == ["2.1", "2.2", "2.3", "2.4", "2.2.5", "2.2.6"]
    assert plan.plan.commune_code == "21319" and plan.plan.province_code == "51"
    deadlines = {t.code: t.deadline for t in plan.tasks}
    assert deadlines["2.2.b"] == "Trước ngày 20/12/2025"
    assert deadlines["2.2.6.a"] == deadlines["2.2.6.b"] == "Trước ngày 31/12/2025"
    assert deadlines["2.1"] == "Nhiệm vụ thường xuyên"
    assert deadlines["2.2.5"] == "Thường xuyên trong 6 tháng cuối năm 2025"
    tasks = {t.code: t for t in plan.tasks}
    assert tasks["2.4.a"].lead_units == ["Ủy ban nhân dân xã"]
    assert tasks["2.2.5"].partner_units == ["Sở Khoa học và Công nghệ, các doanh nghiệp công nghệ"]


def test_son_thuy_targets_and_reports():
    plan = resolve_plan("son-thuy")
    values = {t.target_value for t in plan.targets}
    assert {25, 982, 82, 1139, 80, 30} <= values
    reporting = {r.code: r for r in plan.reporting}
    # "trước ngày 24 hằng tháng": due by the end of the 23rd (issue 19; the preset agrees).
    assert reporting["monthly"].rrule == "FREQ=MONTHLY;BYMONTHDAY=23"
    assert "15/12/2025" in reporting["final"].text


def _due_dates(rrule: str, start: str) -> list:
    import datetime as dt

    from dateutil.rrule import rrulestr

    return [d.date() for d in rrulestr(rrule, dtstart=dt.datetime.fromisoformat(start))[:3]]


def test_one_off_reports_fall_on_one_day():
    import datetime as dt

    son_thuy = {r.code: r for r in resolve_plan("son-thuy").reporting}
    # "trước ngày 15/12/2025" / "trước ngày 20/12/2025": the day before (issue 19).
    assert _due_dates(son_thuy["final"].rrule, "2025-08-01") == [dt.date(2025, 12, 14)]
    thanh_hoa = {r.code: r for r in resolve_plan("thanh-hoa").reporting}
    assert _due_dates(thanh_hoa["final"].rrule, "2025-06-27") == [dt.date(2025, 12, 19)]


def test_dong_nai_targets_and_unit_duties():
    plan = resolve_plan("dong-nai")
    values = [t.target_value for t in plan.targets]
    for figure in (25, 982, 82, 1139, 80, 12, 30):
        assert figure in values
    assert any(t.comparison == ">=" and t.target_value == 80 and t.unit == "%" for t in plan.targets)
    assert [g.title for g in plan.groups] == [
        "Văn phòng UBND tỉnh", "Sở Khoa học và Công nghệ", "Sở Nội vụ", "UBND cấp xã/phường", "Các sở, ngành",
    ]
    groups = {g.code: g.title for g in plan.groups}
    assert all(t.lead_units == [groups[t.group]] for t in plan.tasks)
    dues = {parse_deadline(t.deadline).due for t in plan.tasks if t.deadline}
    assert {d.strftime("%d/%m") for d in dues} >= {"30/09", "31/12", "30/11"}
    tasks = {t.code: t for t in plan.tasks}
    assert tasks["4.1"].deadline == "Hạn hoàn thành nâng cấp quy trình & hệ thống: 31/8/2025; Hoàn thành kiểm thử & hiệu chỉnh: 30/9/2025"
    assert tasks["4.2"].deadline == "Hoàn thành bố trí: 25/6/2025"


def test_tinh_uy_365_targets_only_and_says_so():
    plan = resolve_plan("tinh-uy-365")
    assert plan.tasks == [] and plan.groups == []
    assert len(plan.targets) == 12
    assert {t.target_date.isoformat() for t in plan.targets} == {"2025-06-30", "2025-12-31"}
    assert any("Phụ lục I, II" in note for note in plan.plan.notes)


@pytest.mark.parametrize("name", ALL_PLANS)
def test_every_deadline_parses_or_is_flagged(name):
    """Each deadline has a kind; none is silently unreadable (UNPARSED would need a note)."""
    for task in resolve_plan(name).tasks:
        deadline = parse_deadline(task.deadline)
        assert deadline.kind != DeadlineKind.UNPARSED, (name, task.code, task.deadline, deadline.note)
        if deadline.kind == DeadlineKind.DATE:
            assert deadline.due is not None
        if not task.deadline:
            assert deadline.kind == DeadlineKind.NONE


@pytest.mark.parametrize("name", ALL_PLANS)
def test_no_markup_or_export_debris_in_texts(name):
    plan = resolve_plan(name)
    texts = [plan.plan.title] + [g.title for g in plan.groups]
    for task in plan.tasks:
        texts += [task.title, task.description, task.deadline, *task.lead_units, *task.partner_units]
    texts += [t.source_text for t in plan.targets]
    for text in texts:
        assert not re.search(r"<[a-z/]|\*\*|\[bookmark", text), text
        assert text == text.strip() and "  " not in text
    for task in plan.tasks:
        assert not task.deadline.endswith("."), task.code
        assert all(unit and not unit.endswith((".", ";")) for unit in task.lead_units + task.partner_units)
