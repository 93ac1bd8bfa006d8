"""Reports seen by the province: a report the commune marks sent travels in its bundle, and
the province judges it against the commune's own schedule — expected, received, on time,
late, missing — per commune and for the province, DHIS2 style."""

from __future__ import annotations

import datetime as dt
import json

from kehoach_tui.domain.periods import PRESETS, month_period, week_period
from kehoach_tui.province.rates import RunRow, ScheduleRow, owed, rates, schedules_of


def _schedules(preset: str, since: str = "2025-10-01T01:00:00Z"):
    return schedules_of(ScheduleRow(s.code, s.label, s.period, s.rrule, s.due_time, since) for s in PRESETS[preset])


def _sent(period, when: str) -> RunRow:
    return RunRow(period.start.isoformat(), period.end.isoformat(), when)


NOW = dt.datetime(2025, 11, 5, 9, 0)  # local


def test_rates_of_a_weekly_and_monthly_regime():
    runs = [_sent(week_period(dt.date(2025, 10, 31)), "2025-10-31T02:00:00Z"),   # 09:00 local, due 23:59: on time
            _sent(month_period(dt.date(2025, 10, 1)), "2025-11-03T01:00:00Z"),   # after 31/10: late
            _sent(week_period(dt.date(2025, 10, 17)), "2025-10-17T17:30:00Z")]   # 00:30 on the 18th: late
    items = owed(_schedules("nghia-tho"), runs, dt.date(2025, 10, 7), dt.date(2025, 11, 5), NOW)
    assert [(o.schedule, o.due.date().isoformat(), o.state) for o in items] == [
        ("weekly", "2025-10-10", "missing"), ("weekly", "2025-10-17", "late"), ("weekly", "2025-10-24", "missing"),
        ("monthly", "2025-10-31", "late"), ("weekly", "2025-10-31", "on_time")]
    tally = rates(items)
    assert (tally.expected, tally.received, tally.on_time, tally.late, tally.missing) == (5, 3, 1, 2, 2)
    assert tally.by_period["2025-10"] == {"expected": 1, "received": 1, "on_time": 0, "late": 1, "missing": 0}
    assert tally.completeness == 0.6 and tally.timeliness == 0.2


def test_a_due_time_in_the_morning_and_what_is_not_due_yet():
    """Thanh Hóa's daily report is due before 10:00: sent at 09:59 is on time, 10:01 late;
    today's is not owed before 10:00."""
    days = [dt.date(2025, 11, 3), dt.date(2025, 11, 4)]
    runs = [RunRow(days[0].isoformat(), days[0].isoformat(), "2025-11-03T02:59:00Z"),
            RunRow(days[1].isoformat(), days[1].isoformat(), "2025-11-04T03:01:00Z")]
    daily = [s for s in _schedules("thanh-hoa") if s[0].code == "daily"]
    items = owed(daily, runs, dt.date(2025, 11, 3), dt.date(2025, 11, 5), NOW)
    assert [o.state for o in items] == ["on_time", "late"]  # 05/11 due 10:00, now 09:00: not yet owed


def test_nothing_is_owed_before_the_schedule_was_set_up():
    items = owed(_schedules("nghia-tho", since="2025-11-01T00:00:00Z"), [], dt.date(2025, 10, 7),
                 dt.date(2025, 11, 5), NOW)
    assert items == []


def test_unreadable_schedules_and_runs_owe_nothing_and_break_nothing():
    rows = [ScheduleRow("m", "x", "month", "FREQ=GARBAGE", "", "2025-01-01T00:00:00Z"),
            ScheduleRow("w", "y", "week", "FREQ=WEEKLY;BYDAY=FR", "99:99", "garbage"),
            ScheduleRow("d", "z", "day", "FREQ=DAILY", "25:61", "2025-10-01T00:00:00Z")]
    items = owed(schedules_of(rows), [RunRow("garbage", None, 5)], dt.date(2025, 10, 30), dt.date(2025, 11, 1), NOW)
    assert {o.schedule for o in items} == {"d"} and all(o.state == "missing" for o in items)


def test_the_loop_report_marked_sent_reaches_the_province_on_time_or_late(cli, tmp_path, monkeypatch):
    commune, province = str(tmp_path / "c.db"), str(tmp_path / "p.db")
    usb, out = tmp_path / "usb", tmp_path / "bao-cao"
    monkeypatch.setenv("KEHOACH_TODAY", "2025-10-01")
    assert cli("--db", commune, "init")[0] == 0
    assert cli("--db", commune, "report", "schedule", "--preset", "nghia-tho")[0] == 0
    monkeypatch.setenv("KEHOACH_TODAY", "2025-10-31")
    code, text, err = cli("--db", commune, "report", "weekly", "--format", "md", "--out", str(out) + "/")
    assert code == 0, err
    code, text, err = cli("--db", commune, "report", "sent-run", "--at", "31/10/2025 09:00")
    assert code == 0 and "31/10/2025 09:00" in text, err
    code, text, _ = cli("--db", commune, "report", "monthly", "--period", "2025-10", "--format", "md",
                        "--out", str(out) + "/", "--json")
    monthly = json.loads(text)["run_id"]
    monkeypatch.setenv("KEHOACH_TODAY", "2025-11-05")
    code, text, err = cli("--db", commune, "report", "sent-run", monthly[:8], "--at", "03/11/2025 08:00")
    assert code == 0, err
    code, text, _ = cli("--db", commune, "report", "history")
    assert text.count("đã gửi") == 2

    code, text, _ = cli("--db", commune, "keys", "show", "--json")
    public = json.loads(text)["public_key"]
    assert cli("--db", commune, "export", "--out", str(usb))[0] == 0
    assert cli("--db", province, "province", "init", "--province", "40")[0] == 0
    assert cli("--db", province, "province", "register", "--commune", "16969", "--key", public)[0] == 0
    code, text, err = cli("--db", province, "province", "import", str(usb), "--receipts", str(tmp_path / "r"))
    assert code == 0, text + err

    code, text, _ = cli("--db", province, "province", "status", "--json")
    mine = next(s for s in json.loads(text) if s["code"] == "16969")
    # window 07/10–05/11: Fridays 10, 17, 24, 31 and the last weekday of October are owed
    assert (mine["reports_expected"], mine["reports_received"], mine["reports_on_time"], mine["reports_late"],
            mine["reports_missing"]) == (5, 2, 1, 1, 3)
    assert mine["report_completeness"] == 0.4 and mine["report_timeliness"] == 0.2
    assert mine["reports_by_period"]["2025-10"]["late"] == 1
    assert len(mine["missing_reports"]) == 3 and "tuần 41" in mine["missing_reports"][0]

    code, text, _ = cli("--db", province, "province", "status", "--json", "--totals")
    totals = json.loads(text)
    assert (totals["expected"], totals["received"], totals["on_time"], totals["late"], totals["missing"]) == (5, 2, 1, 1, 3)
    assert list(totals["missing_reports"]) == ["16969"] and len(totals["not_sent_data"]) == 129

    code, text, _ = cli("--db", province, "province", "status", "--filter", "missing-reports")
    assert "Xã Nghĩa Thọ" in text and "2/5 · 1 trễ" in text and "phải nộp 5 · đã nộp 2 (40%)" in text
    assert "Chưa nộp — Xã Nghĩa Thọ: Báo cáo tuần (tuần 41" in text


def test_status_never_said_reports_before(seeded, tmp_path):
    """The defect: status read an entity `reports` communes never send, so it showed "—"
    for every commune that did send its report runs."""
    from kehoach_tui.domain.periods import month_period
    from kehoach_tui.province.importer import import_bundles
    from kehoach_tui.province.present import cells
    from kehoach_tui.province.status import commune_statuses
    from kehoach_tui.store.reports import apply_preset, mark_run_sent, record_run
    from kehoach_tui.sync.export import export_bundle
    from kehoach_tui.sync.keys import ensure_key
    from tests.sync_helpers import NGHIA_THO, province_store

    with seeded.writing() as db:  # schedules set up a month ago
        apply_preset(seeded, PRESETS["son-thuy"], actor="A")
        db.conn.execute("UPDATE report_schedules SET created_at = '2025-09-01T00:00:00.000000Z'")
    october = month_period(dt.date(2025, 10, 1))
    run_ = record_run(seeded, october, fmt="docx", file_path="/x", sha256="ab" * 32, size_bytes=1, actor="A")
    mark_run_sent(seeded, run_.id, actor="A", at=dt.datetime(2025, 10, 22, 8, 0, tzinfo=dt.UTC))
    bundle = export_bundle(seeded, tmp_path / "usb")
    province = province_store(tmp_path, ensure_key("commune", NGHIA_THO).public_hex)
    import_bundles(province, [(bundle.path.name, bundle.path.read_bytes())], receipts_dir=tmp_path / "r")
    [mine] = commune_statuses(province, dt.date(2025, 11, 5), only=NGHIA_THO)
    assert cells(mine, dt.date(2025, 11, 5))[-1] == "1/1"
    assert (mine.reports_on_time, mine.reports_missing) == (1, 0)
    province.close()


def test_the_consolidated_monthly_report(cli, tmp_path, monkeypatch):
    """ND30 layout with the province body's header, a table of all communes and a table
    per commune that sent data, in .docx, .xlsx and .md."""
    import io

    from docx import Document
    from openpyxl import load_workbook

    province = _loop_with_reports(cli, tmp_path, monkeypatch)
    made = {}
    for fmt in ("docx", "xlsx", "md"):
        target = tmp_path / f"thang-10.{fmt}"
        code, out, err = cli("--db", province, "province", "report", "--format", fmt, "--period", "2025-10",
                             "--out", str(target))
        assert code == 0, err
        made[fmt] = target.read_bytes()
    text = made["md"].decode("utf-8")
    assert "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN" in text and "tháng 10 năm 2025" in text
    assert "| Xã Nghĩa Thọ | 0/0 |" in text  # tasks done/overdue, then checks, incidents, downtime, reports
    assert "### 1. Xã Nghĩa Thọ (16969)" in text
    # October: Fridays 3, 10, 17, 24, 31 and the month, owed since the schedule was set on 01/10
    assert "| Báo cáo: phải nộp / đã nộp / đúng hạn / trễ / chưa nộp | 6 / 2 / 1 / 1 / 4 |" in text
    assert "Chưa nộp: Báo cáo tuần (tuần 40" in text and "đã gửi dữ liệu: 1." in text

    document = Document(io.BytesIO(made["docx"]))
    header = document.tables[0]
    assert header.cell(0, 0).paragraphs[0].text == "ỦY BAN NHÂN DÂN"
    assert header.cell(0, 0).paragraphs[1].text == "TỈNH NGHỆ AN"
    assert "Nghệ An, ngày" in header.cell(1, 1).paragraphs[0].text
    grids = [t for t in document.tables[1:] if t.style.name == "Table Grid"]
    assert len(grids) == 2  # all communes; Nghĩa Thọ's own
    assert len(grids[0].rows) == 131 and grids[1].cell(6, 1).text == "6 / 2 / 1 / 1 / 4"  # row 0: the headers
    section = document.sections[0]
    assert round(section.left_margin.mm) == 30 and 15 <= round(section.right_margin.mm) <= 20  # ND30: 15–20 mm

    book = load_workbook(io.BytesIO(made["xlsx"]))
    sheet = book["Các xã"]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    mine = rows["16969"]
    assert mine[1] == "Xã Nghĩa Thọ" and mine[12:17] == (6, 2, 1, 1, 4)
    assert rows["16732"][3] is None  # a commune that sent nothing: empty, not zero


def _loop_with_reports(cli, tmp_path, monkeypatch) -> str:
    """The commune of the loop test, its October reports sent (one on time, one late)."""
    commune, province = str(tmp_path / "c.db"), str(tmp_path / "p.db")
    usb, out = tmp_path / "usb", tmp_path / "bao-cao"
    monkeypatch.setenv("KEHOACH_TODAY", "2025-10-01")
    cli("--db", commune, "init")
    cli("--db", commune, "report", "schedule", "--preset", "nghia-tho")
    monkeypatch.setenv("KEHOACH_TODAY", "2025-10-31")
    cli("--db", commune, "report", "weekly", "--format", "md", "--out", str(out) + "/")
    cli("--db", commune, "report", "sent-run", "--at", "31/10/2025 09:00")
    code, text, _ = cli("--db", commune, "report", "monthly", "--period", "2025-10", "--format", "md",
                        "--out", str(out) + "/", "--json")
    monthly = json.loads(text)["run_id"]
    monkeypatch.setenv("KEHOACH_TODAY", "2025-11-05")
    cli("--db", commune, "report", "sent-run", monthly[:8], "--at", "03/11/2025 08:00")
    public = json.loads(cli("--db", commune, "keys", "show", "--json")[1])["public_key"]
    cli("--db", commune, "export", "--out", str(usb))
    cli("--db", province, "province", "init", "--province", "40")
    cli("--db", province, "province", "register", "--commune", "16969", "--key", public)
    code, text, err = cli("--db", province, "province", "import", str(usb), "--receipts", str(tmp_path / "r"))
    assert code == 0, text + err
    return province
