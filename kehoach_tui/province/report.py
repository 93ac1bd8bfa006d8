"""The province's summary report: one table of communes, as Markdown, Excel or Word.

Word follows the administrative layout the communes use (A4 portrait, Times New Roman 13,
margins 20/20/30/15 mm); Excel is the same table with a header row frozen.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from ..config import fmt_date
from ..i18n import t
from ..store.db import Store
from ..sync.safe_write import write_verified
from .present import cells, counts_line, headers
from .registry import province_code, province_name
from .status import commune_statuses


def default_report_name(store: Store, fmt: str, today: dt.date) -> str:
    return f"tong-hop-tinh-{province_code(store)}-{today.isoformat()}.{fmt}"


def _table(store: Store, today: dt.date) -> tuple[str, str, list[list[str]]]:
    statuses = commune_statuses(store, today)
    title = f"{t('province.report_title')} — {province_name(store)}"
    summary = f"{fmt_date(today)} · {counts_line(statuses, today)}"
    return title, summary, [cells(s, today) for s in statuses]


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_md(store: Store, today: dt.date) -> bytes:
    title, summary, rows = _table(store, today)
    lines = [f"# {title}", "", summary, "", "| " + " | ".join(headers()) + " |",
             "|" + "---|" * len(headers())]
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def render_xlsx(store: Store, today: dt.date) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    title, summary, rows = _table(store, today)
    book = Workbook()
    sheet = book.active
    sheet.title = "Tong hop"
    sheet.append([title])
    sheet.append([summary])
    sheet.append(headers())
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "B4"
    for column, width in zip("ABCDEFG", (34, 18, 12, 16, 18, 10, 16), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def render_docx(store: Store, today: dt.date) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    title, summary, rows = _table(store, today)
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(title.upper())
    run.bold = True
    document.add_paragraph(summary).alignment = WD_ALIGN_PARAGRAPH.CENTER
    table = document.add_table(rows=1, cols=len(headers()))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers(), strict=True):
        cell.text = text
        for paragraph in cell.paragraphs:
            for r in paragraph.runs:
                r.bold = True
                r.font.size = Pt(11)
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
            for paragraph in cell.paragraphs:
                for r in paragraph.runs:
                    r.font.size = Pt(11)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


RENDERERS = {"md": render_md, "xlsx": render_xlsx, "docx": render_docx}


def write_report(store: Store, path: Path, fmt: str, today: dt.date) -> Path:
    write_verified(Path(path), RENDERERS[fmt](store, today))
    return Path(path)
