"""The report as an .xlsx: a summary sheet, then one sheet per section; header rows frozen,
widths from the content, dates as real dates, numbers as numbers."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..domain.periods import vn_date_words
from .layout import Para, SubHeading, Table, sections
from .model import ReportModel

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=13)
HEAD_FILL = PatternFill("solid", fgColor="DDE6F0")
WRAP = Alignment(wrap_text=True, vertical="top")
MAX_WIDTH = 60


def _sheet_name(text: str) -> str:
    for bad in "[]:*?/\\":
        text = text.replace(bad, " ")
    return text[:31]


def _write_value(cell, value) -> None:
    if isinstance(value, dt.datetime):
        cell.value = value
        cell.number_format = "dd/mm/yyyy hh:mm"
    elif isinstance(value, dt.date):
        cell.value = value
        cell.number_format = "dd/mm/yyyy"
    else:
        cell.value = value


def _fit(sheet, widths: dict[int, int]) -> None:
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(MAX_WIDTH, max(8, width + 2))


def _summary(book: Workbook, model: ReportModel) -> None:
    sheet = book.active
    sheet.title = "Tổng hợp"
    settings = model.settings
    rows = [
        ("Đơn vị", settings.commune_name), ("Báo cáo", model.subject),
        ("Kỳ báo cáo", model.period.label()), ("Từ ngày", model.period.start), ("Đến ngày", model.period.end),
        ("Ngày lập", model.generated_on), ("Nơi, ngày", f"{settings.place}, {vn_date_words(model.generated_on)}"),
        ("Tổng số nhiệm vụ", model.totals.total), ("Hoàn thành", model.totals.done),
        ("Đang thực hiện", model.totals.in_progress), ("Chưa bắt đầu", model.totals.not_started),
        ("Tạm dừng, vướng mắc", model.totals.blocked), ("Quá hạn", model.totals.overdue),
        ("Tiến độ chung (%)", model.totals.progress), ("Lượt cập nhật trong kỳ", model.totals.updates),
    ]
    sheet.append(["Nội dung", "Giá trị"])
    for cell in sheet[1]:
        cell.font, cell.fill = BOLD, HEAD_FILL
    for label, value in rows:
        sheet.append([label, None])
        _write_value(sheet.cell(row=sheet.max_row, column=2), value)
    sheet.freeze_panes = "A2"
    _fit(sheet, {1: 24, 2: 50})


def render_xlsx(model: ReportModel) -> bytes:
    book = Workbook()
    _summary(book, model)
    for section in sections(model):
        sheet = book.create_sheet(_sheet_name(section.sheet))
        sheet.append([section.heading])
        sheet["A1"].font = TITLE
        widths: dict[int, int] = {1: 12}
        frozen = False
        for block in section.blocks:
            if isinstance(block, (Para, SubHeading)):
                sheet.append([block.text])
                cell = sheet.cell(row=sheet.max_row, column=1)
                cell.font = Font(bold=isinstance(block, SubHeading) or block.bold,
                                 italic=isinstance(block, Para) and block.italic)
            elif isinstance(block, Table):
                sheet.append(block.headers)
                header_row = sheet.max_row
                for cell in sheet[header_row]:
                    cell.font, cell.fill, cell.alignment = BOLD, HEAD_FILL, WRAP
                if not frozen:  # freeze down to the first table's header row
                    sheet.freeze_panes = f"A{header_row + 1}"
                    frozen = True
                for index, header in enumerate(block.headers, start=1):
                    widths[index] = max(widths.get(index, 0), min(len(header), 14))
                for values in block.rows:
                    sheet.append([None] * len(values))
                    for index, value in enumerate(values, start=1):
                        cell = sheet.cell(row=sheet.max_row, column=index)
                        _write_value(cell, value)
                        if isinstance(value, str):
                            cell.alignment = WRAP
                            widths[index] = max(widths.get(index, 0), min(len(value), MAX_WIDTH))
                        elif isinstance(value, dt.datetime):
                            widths[index] = max(widths.get(index, 0), 16)
                        elif isinstance(value, dt.date):
                            widths[index] = max(widths.get(index, 0), 11)
                sheet.append([])
        _fit(sheet, widths)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
