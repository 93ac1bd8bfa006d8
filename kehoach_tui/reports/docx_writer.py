"""The report as a .docx in the layout of Nghị định 30/2020/NĐ-CP, Phụ lục I.

A4 portrait; margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman; a
borderless two-column header (issuing body and number left; national title, motto and the
place-date line right); BÁO CÁO with its subject; sections I–V; signature block and
"Nơi nhận" side by side; page numbers from page 2, centred at the top.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ..domain.periods import vn_date_words
from .layout import Para, Section, SubHeading, Table, cell_text, sections
from .model import ReportModel

FONT = "Times New Roman"
BODY_PT = 14
TEXT_WIDTH_MM = 210 - 30 - 15
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
CENTER, LEFT, RIGHT, JUSTIFY = (WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT,
                                WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.JUSTIFY)


def _fonts(element, name: str = FONT) -> None:
    """Set every script's font (python-docx sets only ascii/hAnsi; Vietnamese needs all)."""
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _para(container, text: str = "", *, size: float = BODY_PT, bold: bool = False, italic: bool = False,
          align=JUSTIFY, first_indent: float | None = None, before: float = 0, after: float = 0,
          left_mm: float = 0, right_mm: float = 0, keep_next: bool = False):
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = align
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.first_line_indent = Mm(first_indent) if first_indent else Mm(0)
    fmt.left_indent, fmt.right_indent = Mm(left_mm), Mm(right_mm)
    fmt.keep_with_next = keep_next
    if text:
        run = paragraph.add_run(text)
        run.font.size = Pt(size)
        run.bold, run.italic = bold, italic
        _fonts(run._element)
    return paragraph


def _rule(container, width_mm: float, box_mm: float) -> None:
    """A horizontal rule of width_mm, centred in a box_mm wide column: the top border of an
    empty, one-point paragraph (how the line under the motto and the body's name is drawn)."""
    side = max(0.0, (box_mm - width_mm) / 2)
    paragraph = _para(container, align=CENTER, left_mm=side, right_mm=side, before=3)
    paragraph.paragraph_format.line_spacing = Pt(1)
    run = paragraph.add_run("")
    run.font.size = Pt(1)
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    ppr.append(borders)


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def _widths(table, widths_mm: list[float]) -> None:
    table.autofit = False
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_mm, strict=False):
        col.set(qn("w:w"), str(int(Mm(width).twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=False):
            cell.width = Mm(width)


def _clear(cell) -> None:
    """A new cell has one empty paragraph; remove it so content starts at the top."""
    for paragraph in list(cell.paragraphs):
        paragraph._p.getparent().remove(paragraph._p)


def _page_setup(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(BODY_PT)
    _fonts(normal.element)
    normal.paragraph_format.space_after = Pt(0)
    # Page number from page 2, centred in the header (Nghị định 30/2020).
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.alignment = CENTER
    run = header.add_run()
    _fonts(run._element)
    run.font.size = Pt(BODY_PT)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
        else:
            field = OxmlElement("w:instrText")
            field.set(qn("xml:space"), "preserve")
            field.text = text
        run._r.append(field)


def _header(document, model: ReportModel) -> None:
    settings = model.settings
    left_mm, right_mm = 62, TEXT_WIDTH_MM - 62
    table = document.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    _widths(table, [left_mm, right_mm])
    body, nation = table.cell(0, 0), table.cell(0, 1)
    number_cell, date_cell = table.cell(1, 0), table.cell(1, 1)
    for cell in (body, nation, number_cell, date_cell):
        _clear(cell)
    _para(body, "ỦY BAN NHÂN DÂN", size=13, bold=True, align=CENTER)
    _para(body, settings.commune_name.upper(), size=13, bold=True, align=CENTER)
    _rule(body, 20, left_mm)
    _para(nation, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True, align=CENTER)
    _para(nation, "Độc lập - Tự do - Hạnh phúc", size=13, bold=True, align=CENTER)
    _rule(nation, 62, right_mm)
    number = settings.doc_number or "\u00a0" * 6
    _para(number_cell, f"Số: {number}/{settings.doc_suffix}", size=13, align=CENTER, before=4)
    _para(date_cell, f"{settings.place}, {vn_date_words(model.generated_on)}", size=14, italic=True,
          align=CENTER, before=4)


def _title(document, model: ReportModel) -> None:
    _para(document, "BÁO CÁO", size=14, bold=True, align=CENTER, before=18, keep_next=True)
    _para(document, model.subject, size=14, bold=True, align=CENTER, keep_next=True)
    _rule(document, 40, TEXT_WIDTH_MM)
    _para(document, "", after=6)


def _body_para(document, text: str, *, bold=False, italic=False, keep_next=False):
    return _para(document, text, bold=bold, italic=italic, first_indent=12.7, before=6,
                 keep_next=keep_next)


def _table(document, block: Table) -> None:
    total = sum(block.widths)
    widths = [TEXT_WIDTH_MM * w / total for w in block.widths]
    table = document.add_table(rows=1, cols=len(block.headers))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, block.headers, strict=True):
        _clear(cell)
        _para(cell, text, size=11, bold=True, align=CENTER, before=2, after=2)
    header_pr = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # the header row repeats on each page
    repeat.set(qn("w:val"), "true")
    header_pr.append(repeat)
    for values in block.rows:
        row = table.add_row()
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # a row never breaks across pages
        cells = row.cells
        for index, (cell, value) in enumerate(zip(cells, values, strict=True)):
            _clear(cell)
            align = RIGHT if index in block.numeric else LEFT
            _para(cell, cell_text(value), size=12, align=align, before=2, after=2)
    _widths(table, widths)
    _para(document, "", after=4)


def _sections(document, parts: list[Section]) -> None:
    for section in parts:
        _body_para(document, section.heading, bold=True, keep_next=True)
        for block in section.blocks:
            if isinstance(block, SubHeading):
                _body_para(document, block.text, bold=True, keep_next=True)
            elif isinstance(block, Para):
                _body_para(document, block.text, bold=block.bold, italic=block.italic,
                           keep_next=block.text.endswith(":"))
            elif isinstance(block, Table):
                _table(document, block)


def _recipient_lines(recipients: list[str]) -> list[str]:
    cleaned = [r.strip().rstrip(";.").strip() for r in recipients if r.strip().rstrip(";.").strip()]
    return [f"- {r}{'.' if i == len(cleaned) - 1 else ';'}" for i, r in enumerate(cleaned)]


def _signature(document, model: ReportModel) -> None:
    settings = model.settings
    left_mm, right_mm = 80, TEXT_WIDTH_MM - 80
    _para(document, "", after=6)
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, [left_mm, right_mm])
    recipients, signer = table.cell(0, 0), table.cell(0, 1)
    _clear(recipients)
    _clear(signer)
    _para(recipients, "Nơi nhận:", size=12, bold=True, italic=True, align=LEFT)
    for line in _recipient_lines(settings.recipients):
        _para(recipients, line, size=11, align=LEFT)
    for line in settings.signer_title.split("\n"):
        if line.strip():
            _para(signer, line.strip().upper(), size=14, bold=True, align=CENTER)
    for _ in range(4):  # room for the signature and the seal
        _para(signer, "", size=14)
    _para(signer, settings.signer_name or "\u00a0", size=14, bold=True, align=CENTER)


def render_docx(model: ReportModel) -> bytes:
    document = Document()
    _page_setup(document)
    # The template starts with an empty paragraph; the header table goes before it.
    first = document.paragraphs[0]._p if document.paragraphs else None
    _header(document, model)
    _title(document, model)
    _sections(document, sections(model))
    _signature(document, model)
    if first is not None:
        first.getparent().remove(first)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
