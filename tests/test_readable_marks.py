"""Marks that read without colour, with a legend; numbers in the reader's style; an
incident raised from a failed check item starts from the item's words."""

from __future__ import annotations

import pytest

from kehoach_tui.app import KehoachApp
from kehoach_tui.cli import main
from kehoach_tui.domain.numbers import fmt_number
from kehoach_tui.i18n import set_lang
from kehoach_tui.screens.incident_form import IncidentFormScreen
from kehoach_tui.widgets.row_list import RowList
from tests.incident_fixtures import pin_now


def run(capsys, *args):
    code = 0
    try:
        main(list(args))
    except SystemExit as exc:
        code = exc.code or 0
    out, err = capsys.readouterr()
    return code, out, err


def test_numbers_in_vietnamese_and_english():
    assert fmt_number(85.5) == "85,5"
    assert fmt_number(1139) == "1.139"
    assert fmt_number(1139.25) == "1.139,25"
    assert fmt_number(100.0) == "100"
    assert fmt_number(1.5, 1) == "1,5"
    assert fmt_number(None, empty="—") == "—"
    set_lang("en")
    assert fmt_number(85.5) == "85.5" and fmt_number(1139) == "1,139"


def test_cli_marks_have_a_legend_and_values_a_decimal_comma(capsys, db_path, monkeypatch):
    db = str(db_path)
    assert run(capsys, "--db", db, "init")[0] == 0
    monkeypatch.setenv("KEHOACH_TODAY", "2027-02-01")  # 2.5 (by 31/12/2026) is overdue
    code, out, _ = run(capsys, "--db", db, "tasks")
    assert code == 0
    lines = out.splitlines()
    assert any(line.startswith("!2.5") for line in lines)
    assert any(line.startswith("?") for line in lines)
    assert lines[-1] == "Ký hiệu: ! quá hạn · ? thường xuyên, chưa ghi tiến độ kỳ này"
    assert run(capsys, "--db", db, "target", "set", "CT4", "85.5", "--period", "2025-10")[1].endswith("85,5\n")
    assert run(capsys, "--db", db, "target", "set", "CT5", "1139", "--period", "2025-10")[0] == 0
    out = run(capsys, "--db", db, "targets")[1]
    assert "85,5 (10/2025)" in out and "1.139 (10/2025)" in out and "85.5" not in out


def test_cli_legend_in_english(capsys, db_path, monkeypatch):
    db = str(db_path)
    assert run(capsys, "--db", db, "init")[0] == 0
    monkeypatch.setenv("KEHOACH_TODAY", "2027-02-01")
    out = run(capsys, "--db", db, "--lang", "en", "tasks")[1]
    assert out.splitlines()[-1] == "Marks: ! overdue · ? recurring, no note this period"


async def test_overdue_row_has_a_mark_not_only_a_colour(seeded, monkeypatch):
    monkeypatch.setenv("KEHOACH_TODAY", "2027-02-01")
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        table = app.screen.query_one("#task-table", RowList)
        assert table.row_text("2.5")[3] == "! 31/12/2026"
        assert table.row_text("1.1")[3].startswith("? ")
        counts = app.screen.query_one("#task-counts").render().plain
        assert "! 1 quá hạn" in counts and "? " in counts


@pytest.mark.parametrize("note", ["rớt mạng từ 7 giờ", ""])
async def test_incident_from_a_failed_item_takes_its_title_and_note(seeded, monkeypatch, note):
    pin_now(monkeypatch)
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("down", "x", "up")
        if note:
            await pilot.press("g", *note, "enter")
        await pilot.press("b")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, IncidentFormScreen)
        assert form.query_one("#f-title").value == "Kết nối Internet"
        assert form.query_one("#f-item").value == "INTERNET"
        assert form.query_one("#f-category").value == "internet"
        assert form.query_one("#f-description").text == note
