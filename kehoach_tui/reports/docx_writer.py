"""The report as a .docx in the layout of Nghị định 30/2020/NĐ-CP, Phụ lục I.

A4 portrait; margins top/bottom 20 mm, left 30 mm, right 17 mm (inside 15–20 mm however a
viewer rounds); Times New Roman; a borderless two-column header (issuing body and number
left; national title, motto and the place-date line right); BÁO CÁO with its subject and a
rule under it of 1/3–1/2 of the subject line; sections I–V, the last paragraph kept with
the signature block and "Nơi nhận" side by side; page numbers from page 2, centred at the
top; then the Phụ lục (the full task table) on a page of its own.

Table columns are sized from their content: no column is narrower than its longest word
or date, so "04/11/2025" and "HĐND&UBND" never break inside; what is left is shared by the
layout's relative widths.
"""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from ..domain.periods import vn_date_words
from .layout import Para, Section, SubHeading, Table, appendix, cell_text, sections
from .model import ReportModel

FONT = "Times New Roman"
BODY_PT = 14
TEXT_WIDTH_MM = 210 - 30 - 17
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 17}
# Average advance of Times New Roman, mm per character at 1 pt (digits and capitals are
# wider than the average letter: 0.6 em is a safe bound for a word that must not break).
CHAR_MM_PER_PT = 0.6 * 25.4 / 72
CELL_PADDING_MM = 4.4  # the grid style's cell margins, 2 mm a side, and a little air
CENTER, LEFT, RIGHT, JUSTIFY = (WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT,
                                WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.JUSTIFY)


def escape(text: str) -> str:
    """&, < and > as XML entities (xml.sax.saxutils.escape, whose module loads urllib,
    http and email: a tenth of a second of every report made in a new process)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _fonts(element, name: str = FONT) -> None:
    """Set every script's font (python-docx sets only ascii/hAnsi; Vietnamese needs all)."""
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _twips_mm(mm: float) -> int:
    return round(mm * 1440 / 25.4)


_JC = {CENTER: "center", LEFT: "left", RIGHT: "right", JUSTIFY: "both"}


def _p_xml(text: str = "", *, size: float = BODY_PT, bold: bool = False, italic: bool = False, align=JUSTIFY,
           first_indent: float | None = None, before: float = 0, after: float = 0, left_mm: float = 0,
           right_mm: float = 0, keep_next: bool = False, rule: bool = False) -> str:
    """One paragraph as WordprocessingML. Built as text and parsed once: python-docx's
    property setters cost ~1 ms per paragraph, too slow for long task tables."""
    ppr = ["<w:keepNext/>" if keep_next else ""]
    if rule:
        ppr.append('<w:pBdr><w:top w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>')
    line = ' w:line="20" w:lineRule="exact"' if rule else ""
    ppr.append(f'<w:spacing w:before="{round(before * 20)}" w:after="{round(after * 20)}"{line}/>')
    ppr.append(f'<w:ind w:left="{_twips_mm(left_mm)}" w:right="{_twips_mm(right_mm)}" '
               f'w:firstLine="{_twips_mm(first_indent or 0)}"/>')
    ppr.append(f'<w:jc w:val="{_JC[align]}"/>')
    half_points = round((1 if rule else size) * 2)
    rpr = (f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
           f'{"<w:b/><w:bCs/>" if bold else ""}{"<w:i/><w:iCs/>" if italic else ""}'
           f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>')
    run = f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text or rule else ""
    return f"<w:p><w:pPr>{''.join(ppr)}{rpr}</w:pPr>{run}</w:p>"


def _append(container, xml: str):
    """Add parsed paragraphs to a document body (before its section properties) or a cell."""
    elements = list(parse_xml(f"<w:body {nsdecls('w')}>{xml}</w:body>"))
    if isinstance(container, DocumentObject):
        anchor = container.element.body.sectPr
        for element in elements:
            anchor.addprevious(element)
    else:
        for element in elements:
            container._tc.append(element)
    return elements


def _para(container, text: str = "", **options) -> None:
    _append(container, _p_xml(text, **options))


def _rule(container, width_mm: float, box_mm: float) -> None:
    """A horizontal rule of width_mm, centred in a box_mm wide column: the top border of an
    empty one-point paragraph (how the line under the motto and the body's name is drawn)."""
    side = max(0.0, (box_mm - width_mm) / 2)
    _para(container, "", align=CENTER, left_mm=side, right_mm=side, before=3, rule=True)


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
    default_fonts = document.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:rFonts"))
    if default_fonts is not None:  # the template's theme fonts would beat Times New Roman
        for attr in list(default_fonts.attrib):
            del default_fonts.attrib[attr]
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            default_fonts.set(qn(attr), FONT)
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
    _rule(document, subject_rule_mm(model.subject), TEXT_WIDTH_MM)
    _para(document, "", after=6)


def subject_rule_mm(subject: str) -> float:
    """The rule under the subject: 40% of its (longest) line, so within 1/3–1/2 of it."""
    line_mm = min(TEXT_WIDTH_MM, len(subject) * 14 * 0.42 * 25.4 / 72)
    return round(0.4 * line_mm, 1)


def column_widths(block: Table, total_mm: float = TEXT_WIDTH_MM) -> list[float]:
    """Widths in mm: each column at least its longest word (header at 11 pt, cells at 12 pt),
    the rest shared by the block's relative widths."""
    columns = len(block.headers)
    floor = []
    for index in range(columns):
        longest = max((len(word) * 11 for word in block.headers[index].split()), default=0)
        for row in block.rows:
            longest = max(longest, *(len(word) * 12 for word in cell_text(row[index]).split()), 0)
        floor.append(longest * CHAR_MM_PER_PT + CELL_PADDING_MM)
    weights = block.widths
    share = [total_mm * w / sum(weights) for w in weights]
    widths = [max(f, s) for f, s in zip(floor, share, strict=True)]
    excess = sum(widths) - total_mm
    if excess > 0:  # take it back from the columns wider than their floor, in proportion
        slack = [w - f for w, f in zip(widths, floor, strict=True)]
        room = sum(slack)
        if room > 0:
            widths = [w - excess * s / room for w, s in zip(widths, slack, strict=True)]
    return widths


def _body_para(document, text: str, *, bold=False, italic=False, keep_next=False):
    return _para(document, text, bold=bold, italic=italic, first_indent=12.7, before=6,
                 keep_next=keep_next)


def _row_xml(values: list[str], widths_mm: list[float], *, header: bool, numeric: set[int]) -> str:
    props = "<w:tblHeader/>" if header else "<w:cantSplit/>"  # header repeats; rows never split
    cells = []
    for index, (text, width) in enumerate(zip(values, widths_mm, strict=True)):
        align = CENTER if header else (RIGHT if index in numeric else LEFT)
        paragraph = _p_xml(text, size=11 if header else 12, bold=header, align=align, before=2, after=2)
        cells.append(f'<w:tc><w:tcPr><w:tcW w:w="{_twips_mm(width)}" w:type="dxa"/></w:tcPr>{paragraph}</w:tc>')
    return f"<w:tr><w:trPr>{props}</w:trPr>{''.join(cells)}</w:tr>"


def _table(document, block: Table) -> None:
    widths = column_widths(block)
    table = document.add_table(rows=0, cols=len(block.headers))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(_twips_mm(width)))
    rows = [_row_xml(block.headers, widths, header=True, numeric=block.numeric)]
    rows += [_row_xml([cell_text(v) for v in values], widths, header=False, numeric=block.numeric)
             for values in block.rows]
    for row in parse_xml(f"<w:tbl {nsdecls('w')}>{''.join(rows)}</w:tbl>"):
        table._tbl.append(row)
    _para(document, "", after=4)


def _sections(document, parts: list[Section]) -> None:
    for index, section in enumerate(parts):
        _body_para(document, section.heading, bold=True, keep_next=True)
        # the last paragraph of the body goes to the signature's page, never leaving it alone
        _blocks(document, section, keep_last=index == len(parts) - 1)


def _blocks(document, section: Section, *, keep_last: bool = False) -> None:
    last = len(section.blocks) - 1
    for position, block in enumerate(section.blocks):
        if isinstance(block, SubHeading):
            _body_para(document, block.text, bold=True, keep_next=True)
        elif isinstance(block, Para):
            _body_para(document, block.text, bold=block.bold, italic=block.italic,
                       keep_next=block.text.endswith(":") or (keep_last and position == last))
        elif isinstance(block, Table):
            _table(document, block)


def _recipient_lines(recipients: list[str]) -> list[str]:
    cleaned = [r.strip().rstrip(";.").strip() for r in recipients if r.strip().rstrip(";.").strip()]
    return [f"- {r}{'.' if i == len(cleaned) - 1 else ';'}" for i, r in enumerate(cleaned)]


def _signature(document, model: ReportModel) -> None:
    settings = model.settings
    left_mm, right_mm = 80, TEXT_WIDTH_MM - 80
    _para(document, "", after=6, keep_next=True)
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, [left_mm, right_mm])
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # one block, one page
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


def _appendix(document, model: ReportModel) -> None:
    """The full task table on its own pages after the signature (Phụ lục)."""
    part = appendix(model)
    _append(document, '<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
    _para(document, part.number, size=14, bold=True, align=CENTER, keep_next=True)
    _para(document, part.title, size=14, bold=True, align=CENTER, keep_next=True)
    _para(document, f"(Kèm theo Báo cáo {model.subject[0].lower() + model.subject[1:]})", size=14, italic=True,
          align=CENTER, after=6, keep_next=True)
    _blocks(document, part)


def render_docx(model: ReportModel) -> bytes:
    document = Document()
    _page_setup(document)
    # The template starts with an empty paragraph; the header table goes before it.
    first = document.paragraphs[0]._p if document.paragraphs else None
    _header(document, model)
    _title(document, model)
    _sections(document, sections(model))
    _signature(document, model)
    _appendix(document, model)
    if first is not None:
        first.getparent().remove(first)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
