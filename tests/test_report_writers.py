"""The written files read back: .docx (Nghị định 30/2020 layout), .xlsx, .csv, .md/.txt,
and the export's atomic write and record."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io

import pytest
from docx import Document
from docx.shared import Mm, Pt
from openpyxl import load_workbook

from kehoach_tui.domain.periods import parse_period
from kehoach_tui.reports.docx_writer import render_docx
from kehoach_tui.reports.export import export_report, render
from kehoach_tui.reports.model import build_report
from tests.report_data import fill

TODAY = dt.date(2025, 11, 5)
MM = Mm(1)


@pytest.fixture
def model(seeded):
    fill(seeded)
    return build_report(seeded, parse_period("month", "2025-11", TODAY), TODAY)


@pytest.fixture
def doc(model):
    return Document(io.BytesIO(render_docx(model)))


def _texts(cell):
    return [p.text for p in cell.paragraphs if p.text.strip()]


def _signature(doc):
    """The borderless signature table (the Phụ lục's task table comes after it)."""
    return next(t for t in doc.tables if t.cell(0, 0).paragraphs and t.cell(0, 0).paragraphs[0].text == "Nơi nhận:")


def test_docx_page_is_a4_portrait_with_decree_margins(doc):
    section = doc.sections[0]
    assert abs(section.page_width - Mm(210)) <= MM and abs(section.page_height - Mm(297)) <= MM
    assert Mm(20) - MM <= section.top_margin <= Mm(25) + MM
    assert Mm(20) - MM <= section.bottom_margin <= Mm(25) + MM
    assert Mm(30) - MM <= section.left_margin <= Mm(35) + MM
    assert Mm(15) - MM <= section.right_margin <= Mm(20) + MM
    assert section.different_first_page_header_footer  # page numbers from page 2
    assert "PAGE" in section.header._element.xml


def _runs(doc):
    for paragraph in doc.paragraphs:
        yield from paragraph.runs
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    yield from paragraph.runs


def test_docx_fonts_are_times_new_roman_11_to_14(doc):
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(14)
    runs = [r for r in _runs(doc) if r.text.strip()]
    assert runs
    for run in runs:
        assert run.font.name in (None, "Times New Roman")
        fonts = run._element.rPr.rFonts
        assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "Times New Roman"
        assert Pt(11) <= run.font.size <= Pt(14), run.text
    # 30 tasks: counted by leaves, the 4 headings with sub-items are not tasks
    body = [p for p in doc.paragraphs if p.text.startswith("Kế hoạch có 30 nhiệm vụ")][0]
    assert body.runs[0].font.size == Pt(14) and body.alignment == 3  # justified


def test_docx_header_table_is_borderless_with_the_decree_texts(doc):
    header = doc.tables[0]
    assert 'w:val="nil"' in header._tbl.tblPr.xml
    assert _texts(header.cell(0, 0)) == ["ỦY BAN NHÂN DÂN", "XÃ NGHĨA THỌ"]
    assert all(r.bold for p in header.cell(0, 0).paragraphs for r in p.runs if r.text)
    nation = header.cell(0, 1)
    assert _texts(nation) == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert nation.paragraphs[0].runs[0].bold and nation.paragraphs[0].runs[0].font.size in (Pt(12), Pt(13))
    motto = nation.paragraphs[1].runs[0]
    assert motto.bold and Pt(13) <= motto.font.size <= Pt(14)
    assert "w:pBdr" in nation._tc.xml  # the rule under the motto
    number = _texts(header.cell(1, 0))[0]
    assert number.startswith("Số:") and number.endswith("/BC-UBND")
    date_line = header.cell(1, 1).paragraphs[0]
    assert date_line.text == "Nghĩa Thọ, ngày 05 tháng 11 năm 2025" and date_line.runs[0].italic


@pytest.mark.parametrize("today,expected", [
    (dt.date(2026, 1, 5), "Nghĩa Thọ, ngày 05 tháng 01 năm 2026"),
    (dt.date(2026, 3, 9), "Nghĩa Thọ, ngày 09 tháng 3 năm 2026"),
    (dt.date(2025, 12, 25), "Nghĩa Thọ, ngày 25 tháng 12 năm 2025"),
])
def test_docx_date_line_leading_zero_rule(seeded, today, expected):
    model = build_report(seeded, parse_period("month", "2025-11", today), today)
    doc = Document(io.BytesIO(render_docx(model)))
    assert doc.tables[0].cell(1, 1).paragraphs[0].text == expected


def test_docx_title_sections_signature_and_recipients(doc):
    texts = [p.text for p in doc.paragraphs]
    title = doc.paragraphs[texts.index("BÁO CÁO")]
    assert title.runs[0].bold and title.alignment == 1  # centred
    assert texts[texts.index("BÁO CÁO") + 1] == "Kết quả thực hiện nhiệm vụ chuyển đổi số tháng 11 năm 2025"
    headings = [t for t in texts if t[:4] in ("I. C", "II. ", "III.", "IV. ", "V. Đ")]
    assert headings == ["I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "II. KẾT QUẢ THỰC HIỆN",
                        "III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", "IV. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI",
                        "V. ĐỀ XUẤT, KIẾN NGHỊ"]
    signature = _signature(doc)
    recipients = signature.cell(0, 0).paragraphs
    assert recipients[0].text == "Nơi nhận:" and recipients[0].runs[0].bold and recipients[0].runs[0].italic
    assert recipients[0].runs[0].font.size == Pt(12)
    assert all(p.runs[0].font.size == Pt(11) and p.text.startswith("- ") for p in recipients[1:])
    assert recipients[-1].text == "- Lưu: VT, VHXH."
    assert _texts(signature.cell(0, 1))[:2] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    # the data tables: group summary with real figures, grid borders
    group_table = doc.tables[1]
    assert group_table.rows[0].cells[0].text == "Nhóm nhiệm vụ"
    assert [c.text for c in group_table.rows[1].cells][:3] == ["1. Về thể chế", "4", "1"]


def test_docx_settings_and_hostile_text_literal(seeded):
    from kehoach_tui.store.reports import save_report_settings, save_texts

    period = parse_period("month", "2025-11", TODAY)
    save_report_settings(seeded, {"signer_name": "Nguyễn Văn C", "doc_number": "125",
                                  "recipients": ["Như trên", "UBND tỉnh Nghệ An (b/c)", "Lưu: VT"]}, actor="B")
    save_texts(seeded, period, {"direction": "Chỉ đạo [@click=app.quit]x[/] \x1b]52;c;aGk=\x07"}, actor="B")
    doc = Document(io.BytesIO(render_docx(build_report(seeded, period, TODAY))))
    assert _texts(doc.tables[0].cell(1, 0)) == ["Số: 125/BC-UBND"]
    assert _texts(_signature(doc).cell(0, 0)) == ["Nơi nhận:", "- Như trên;", "- UBND tỉnh Nghệ An (b/c);", "- Lưu: VT."]
    assert "Nguyễn Văn C" in _texts(_signature(doc).cell(0, 1))
    direction = [p.text for p in doc.paragraphs if p.text.startswith("Chỉ đạo")]
    assert direction == ["Chỉ đạo [@click=app.quit]x[/] ]52;c;aGk="]


def test_xlsx_reads_back_with_sheets_frozen_headers_and_real_dates(model):
    book = load_workbook(io.BytesIO(render(model, "xlsx")))
    # the sections' text, then each table on its own sheet
    assert book.sheetnames[:6] == ["Tổng hợp", "I. Chỉ đạo", "II. Kết quả", "III. Tồn tại", "IV. Thời gian tới",
                                   "V. Đề xuất"]
    assert book.sheetnames[6:] == ["Nhóm nhiệm vụ", "Cập nhật trong kỳ", "Chỉ tiêu", "Kiểm tra đầu giờ", "Sự cố",
                                   "Quá hạn", "Đến hạn kỳ tới", "Phụ lục - Nhiệm vụ"]
    summary = book["Tổng hợp"]
    values = {row[0].value: row[1].value for row in summary.iter_rows(min_row=2)}
    assert values["Tổng số nhiệm vụ"] == 30 and values["Hoàn thành"] == 1
    assert values["Từ ngày"] == dt.datetime(2025, 11, 1) and summary["B5"].number_format == "dd/mm/yyyy"
    results = book["Nhóm nhiệm vụ"]
    assert results.freeze_panes is not None and results.freeze_panes != "A1"
    header_row = int(results.freeze_panes[1:]) - 1
    assert results.cell(row=header_row, column=1).value == "Nhóm nhiệm vụ"
    updates = book["Cập nhật trong kỳ"]
    dates = [c.value for row in updates.iter_rows() for c in row if isinstance(c.value, dt.datetime)]
    assert dt.datetime(2025, 11, 3) in dates  # an update's day, as a date cell
    assert book["Phụ lục - Nhiệm vụ"].column_dimensions["B"].width > 10


def test_csv_has_bom_and_every_figure(model):
    data = render(model, "csv", "16969")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0]["ma_xa"] == "16969" and rows[0]["ky_tu"] == "2025-11-01"
    totals = {r["cot"]: r["gia_tri"] for r in rows if r["bang"] == "totals"}
    assert totals["done"] == "1" and totals["total"] == "30"  # leaves: the 4 headings are not counted
    ct4 = [r for r in rows if r["bang"] == "targets" and r["cot"] == "Kết quả"]
    assert "83" in [r["gia_tri"] for r in ct4]


def test_markdown_and_text_carry_the_same_sections(model):
    md = render(model, "md").decode("utf-8")
    txt = render(model, "txt").decode("utf-8")
    for heading in ("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "V. ĐỀ XUẤT, KIẾN NGHỊ"):
        assert heading in md and heading in txt
    assert "Nghĩa Thọ, ngày 05 tháng 11 năm 2025" in txt
    assert "Lỗi phần mềm một cửa [@click=app.quit]x[/]" in txt
    assert "| 1. Về thể chế | 4 | 1 |" in md


def test_export_is_atomic_hashed_and_recorded(seeded, tmp_path):
    from kehoach_tui.store.reports import done_periods, list_runs

    period = parse_period("month", "2025-11", TODAY)
    steps = []
    out = tmp_path / "out"
    result = export_report(seeded, period, "docx", today=TODAY, out=str(out) + "/", actor="B",
                           progress=lambda n, total, label: steps.append(n))
    assert result.path == out / "bao-cao-thang-2025-11-16969.docx"
    assert hashlib.sha256(result.path.read_bytes()).hexdigest() == result.sha256
    assert steps == [0, 1, 2, 3, 4]
    assert [p.name for p in out.iterdir()] == [result.path.name]  # no temp file left
    runs = list_runs(seeded)
    assert (runs[0].sha256, runs[0].file_path, runs[0].period_start) == (result.sha256, str(result.path), period.start)
    assert (period.start, period.end) in done_periods(seeded)
    change = seeded.db.conn.execute("SELECT op FROM changes WHERE entity = 'report_runs'").fetchone()
    assert change[0] == "insert"


def test_failed_export_leaves_nothing(seeded, tmp_path):
    from kehoach_tui.store.reports import list_runs

    out = tmp_path / "out"
    out.mkdir()
    blocker = out / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(OSError):
        export_report(seeded, parse_period("week", "", TODAY), "md", today=TODAY, out=blocker / "r.md", actor="B")
    assert list_runs(seeded) == [] and sorted(p.name for p in out.iterdir()) == ["not-a-folder"]
