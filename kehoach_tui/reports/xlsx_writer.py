"""The report as an .xlsx: a summary sheet, a sheet of text per section, then each table on
its own sheet (header row frozen and repeated on every printed page, an autofilter, A4
landscape fitted to the page width); dates as real dates, numbers and durations (minutes) as
numbers. Text is always text: a title or note starting with = + - @ (or a tab, a carriage
return) is stored as a string with a quote prefix, never as a formula Excel would run."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from ..domain.periods import vn_date_words
from .layout import Para, SubHeading, Table, appendix, sections
from .model import ReportModel

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=13)
HEAD_FILL = PatternFill("solid", fgColor="DDE6F0")
WRAP = Alignment(wrap_text=True, vertical="top")
MAX_WIDTH = 60
# What spreadsheet programs read as the start of a formula (or of an injected cell).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Sheet names of the tables (layout.py keys); at most 31 characters.
TABLE_SHEETS = {
    "groups": "Nhóm nhiệm vụ", "updates": "Cập nhật trong kỳ", "targets": "Chỉ tiêu",
    "checklist": "Kiểm tra đầu giờ", "incidents": "Sự cố", "overdue": "Quá hạn", "due_next": "Đến hạn kỳ tới",
    "tasks": "Phụ lục - Nhiệm vụ",
}


def _sheet_name(text: str) -> str:
    for bad in "[]:*?/\\":
        text = text.replace(bad, " ")
    return text[:31]


def write_value(cell, value) -> None:
    """A value into a cell: dates with a date format, text always as text."""
    if isinstance(value, dt.datetime):
        cell.value = value
        cell.number_format = "dd/mm/yyyy hh:mm"
    elif isinstance(value, dt.date):
        cell.value = value
        cell.number_format = "dd/mm/yyyy"
    elif isinstance(value, str):
        cell.value = value
        if value.startswith(FORMULA_START):
            cell.data_type = "s"      # openpyxl took it for a formula; it is text
            cell.quotePrefix = True   # and stays text when the officer edits the cell
    else:
        cell.value = value


def _fit(sheet, widths: dict[int, int]) -> None:
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(MAX_WIDTH, max(8, width + 2))


def _print_setup(sheet, *, header_rows: str | None = None) -> None:
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0   # as many pages down as it needs
    if header_rows:
        sheet.print_title_rows = header_rows


def _summary(book: Workbook, model: ReportModel) -> None:
    sheet = book.active
    sheet.title = "Tổng hợp"
    settings = model.settings
    totals = model.totals
    rows = [
        ("Đơn vị", settings.commune_name), ("Báo cáo", model.subject),
        ("Kỳ báo cáo", model.period.label()), ("Từ ngày", model.period.start), ("Đến ngày", model.period.end),
        ("Ngày lập", model.generated_on), ("Nơi, ngày", f"{settings.place}, {vn_date_words(model.generated_on)}"),
        ("Số liệu tính đến hết ngày", model.as_of),
        ("Tổng số nhiệm vụ", totals.total), ("Hoàn thành", totals.done),
        ("Đang thực hiện", totals.in_progress), ("Chưa bắt đầu", totals.not_started),
        ("Chưa cập nhật", totals.no_update), ("Tạm dừng, vướng mắc", totals.blocked),
        ("Không áp dụng", totals.not_applicable), ("Quá hạn", totals.overdue),
        ("Tiến độ chung (%)", totals.progress), ("Lượt cập nhật trong kỳ", totals.updates),
    ]
    if model.incidents is not None:
        rows += [("Số sự cố trong kỳ", model.incidents.opened),
                 ("Thời gian gián đoạn (phút)", model.incidents.downtime_minutes),
                 ("Số hồ sơ bị chậm", model.incidents.dossiers_delayed)]
    sheet.append(["Nội dung", "Giá trị"])
    for cell in sheet[1]:
        cell.font, cell.fill = BOLD, HEAD_FILL
    for label, value in rows:
        sheet.append([label, None])
        write_value(sheet.cell(row=sheet.max_row, column=2), value)
    sheet.freeze_panes = "A2"
    _print_setup(sheet, header_rows="1:1")
    _fit(sheet, {1: 26, 2: 50})


def _text_sheet(book: Workbook, section) -> None:
    sheet = book.create_sheet(_sheet_name(section.sheet))
    sheet.append([section.heading])
    sheet["A1"].font = TITLE
    for block in section.blocks:
        if isinstance(block, (Para, SubHeading)):
            sheet.append([None])
            cell = sheet.cell(row=sheet.max_row, column=1)
            write_value(cell, block.text)
            cell.alignment = WRAP
            cell.font = Font(bold=isinstance(block, SubHeading) or block.bold,
                             italic=isinstance(block, Para) and block.italic)
        elif isinstance(block, Table):
            sheet.append([f"(Bảng: xem trang “{_sheet_name(TABLE_SHEETS.get(block.key, block.key))}”)"])
            sheet.cell(row=sheet.max_row, column=1).font = Font(italic=True)
    sheet.column_dimensions["A"].width = 110
    _print_setup(sheet)


def _table_sheet(book: Workbook, block: Table) -> None:
    name = _sheet_name(TABLE_SHEETS.get(block.key, block.key))
    sheet = book.create_sheet(name if name not in book.sheetnames else _sheet_name(f"{name} {len(book.sheetnames)}"))
    sheet.append(block.headers)
    for cell in sheet[1]:
        cell.font, cell.fill, cell.alignment = BOLD, HEAD_FILL, WRAP
    widths = {index: min(len(header), 14) for index, header in enumerate(block.headers, start=1)}
    for values in block.rows:
        sheet.append([None] * len(values))
        for index, value in enumerate(values, start=1):
            cell = sheet.cell(row=sheet.max_row, column=index)
            write_value(cell, value)
            if isinstance(value, str):
                cell.alignment = WRAP
                widths[index] = max(widths[index], min(len(value), MAX_WIDTH))
            elif isinstance(value, dt.datetime):
                widths[index] = max(widths[index], 16)
            elif isinstance(value, dt.date):
                widths[index] = max(widths[index], 11)
    sheet.freeze_panes = "A2"
    last = f"{get_column_letter(len(block.headers))}{max(1, sheet.max_row)}"
    sheet.auto_filter.ref = f"A1:{last}"
    _print_setup(sheet, header_rows="1:1")
    _fit(sheet, widths)


def render_xlsx(model: ReportModel) -> bytes:
    book = Workbook()
    _summary(book, model)
    parts = [*sections(model), appendix(model)]
    for section in parts[:-1]:
        _text_sheet(book, section)
    for section in parts:
        for block in section.blocks:
            if isinstance(block, Table):
                _table_sheet(book, block)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
