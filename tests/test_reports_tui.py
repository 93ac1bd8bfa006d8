"""The Báo cáo screen and the Tổng quan card: a report is made (đã tạo), then sent (đã gửi),
marked by hand through iOffice; exporting again writes "…-lan-2"; the CSV separator is a
report setting."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Input, Select, Static

from kehoach_tui.app import KehoachApp
from kehoach_tui.domain.periods import parse_period
from kehoach_tui.store.reports import list_runs, mark_sent, report_settings
from tests.tui_helpers import settle

TODAY = dt.date(2025, 11, 5)


async def _open_reports(pilot) -> None:
    await pilot.pause()
    await pilot.app.switch_mode("reports")
    await settle(pilot)


def _text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_exporting_the_same_period_again_writes_lan_2(seeded):
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_reports(pilot)
        await pilot.press("f3")
        await settle(pilot)
        first = list_runs(seeded)[0].file_path
        Path(first).write_bytes(b"edited in Word")
        await pilot.press("f3")
        await settle(pilot)
        second = list_runs(seeded)[0].file_path
        assert first.endswith("bao-cao-thang-2025-11-16969.docx")
        assert second == first.removesuffix(".docx") + "-lan-2.docx"
        assert Path(first).read_bytes() == b"edited in Word"
        assert "lan-2.docx" in _text(app, "#report-saved-path")  # the whole path, wrapped


async def test_marking_the_report_sent_by_hand_via_ioffice(seeded):
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_reports(pilot)
        await pilot.press("f7")  # nothing made yet: nothing to mark, no dialog
        await pilot.pause()
        assert app.screen.id != "report-sent" and "Chưa có báo cáo" in _text(app, "#report-info")
        await pilot.press("f3")
        await settle(pilot)
        assert "đã tạo" in _text(app, "#report-runs")
        await pilot.press("f7")
        await pilot.pause()
        assert app.screen.query_one("#report-sent-via", Input).value == "iOffice"
        await pilot.press("enter")
        await settle(pilot)
        (run,) = list_runs(seeded)
        assert (run.state, run.sent_via) == ("sent", "iOffice")
        assert "đã gửi 05/11/2025 qua iOffice" in _text(app, "#report-runs")


async def test_marking_sent_can_name_another_channel_or_be_cancelled(seeded):
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_reports(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("f7", "escape")
        await settle(pilot)
        assert list_runs(seeded)[0].state == "made"
        await pilot.press("f7")
        await pilot.pause()
        app.screen.query_one("#report-sent-via", Input).value = "Văn bản giấy"
        await pilot.press("enter")
        await settle(pilot)
        assert list_runs(seeded)[0].sent_via == "Văn bản giấy"


async def test_the_settings_dialog_sets_the_csv_separator(seeded):
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_reports(pilot)
        await pilot.press("f4")
        await pilot.pause()
        field = app.screen.query_one("#set-csv-sep", Select)
        assert field.value == ","
        field.value = ";"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert report_settings(seeded).csv_sep == ";"
        await pilot.press("f4")
        await pilot.pause()
        assert app.screen.query_one("#set-csv-sep", Select).value == ";"


async def test_the_overview_card_says_made_not_sent_and_drops_a_sent_report(seeded, tmp_path):
    from kehoach_tui.reports.export import export_report

    week = parse_period("week", "2025-W45", TODAY)
    export_report(seeded, week, "docx", today=TODAY, out=tmp_path / "w45.docx", actor="B")
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        card = _text(app, "#card-report")
        assert "07/11/2025" in card and "đã tạo, chưa gửi" in card.replace("\n", " ")
        mark_sent(seeded, actor="B", via="iOffice", period=week)
        app.screen.refresh_data()
        await settle(pilot)
        card = _text(app, "#card-report")
        assert "07/11/2025" not in card and "14/11/2025" in card  # week 46 is the next one due
        assert "chưa gửi" not in card


async def test_the_preview_shows_its_top_then_the_whole_report(seeded, monkeypatch):
    from kehoach_tui.widgets.rendered_view import RenderedView

    shown: list[str] = []
    original = RenderedView.show

    def show(view, lines, width):
        original(view, lines, width)
        shown.append(view.text())

    monkeypatch.setattr(RenderedView, "show", show)
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_reports(pilot)
    top, whole = shown
    assert top.startswith("BÁO CÁO") and "I. CÔNG TÁC CHỈ ĐẠO" in top and "II. KẾT QUẢ" not in top
    assert whole.startswith(top.rstrip()) and "V. ĐỀ XUẤT, KIẾN NGHỊ" in whole
