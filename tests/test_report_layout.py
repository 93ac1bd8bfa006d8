"""The .docx layout beyond the margins: columns sized so no date or abbreviation breaks, the
last body paragraph kept with the signature, the Phụ lục after it, the subject's rule, the
weekly subject, and the report's own "as at" line."""

from __future__ import annotations

import datetime as dt
import io

from docx import Document
from docx.shared import Mm

from kehoach_tui.domain.periods import parse_period
from kehoach_tui.reports.docx_writer import (
    CHAR_MM_PER_PT,
    column_widths,
    render_docx,
    subject_rule_mm,
)
from kehoach_tui.reports.layout import Table
from kehoach_tui.reports.model import build_report, subject_for
from tests.report_data import fill

TODAY = dt.date(2025, 11, 5)


def test_no_column_is_narrower_than_its_longest_word():
    block = Table("t", ["Mã", "Nhiệm vụ", "Chủ trì", "Thời hạn"],
                  [["CT10", "Một nhiệm vụ rất dài " * 8, "Văn phòng HĐND&UBND xã", dt.date(2025, 11, 4)]],
                  [0.5, 6, 1, 0.5])
    widths = column_widths(block, 163)
    assert abs(sum(widths) - 163) < 0.01
    for word, width in (("CT10", widths[0]), ("HĐND&UBND", widths[2]), ("04/11/2025", widths[3])):
        assert width >= len(word) * 12 * CHAR_MM_PER_PT, word


def test_subject_rule_and_weekly_subject():
    week = parse_period("week", "2025-W47", TODAY)
    subject = subject_for(week)
    assert subject.endswith("tuần từ ngày 17/11/2025 đến ngày 23/11/2025")
    line_mm = min(163, len(subject) * 14 * 0.42 * 25.4 / 72)
    assert line_mm / 3 <= subject_rule_mm(subject) <= line_mm / 2


def test_signature_keeps_the_last_paragraph_and_the_appendix_follows(seeded):
    from kehoach_tui.store.reports import save_texts

    fill(seeded)
    period = parse_period("month", "2025-11", TODAY)
    save_texts(seeded, period, {"proposals": "Đề nghị cấp máy quét."}, actor="B")
    doc = Document(io.BytesIO(render_docx(build_report(seeded, period, TODAY))))
    section = doc.sections[0]
    assert Mm(15) < section.right_margin < Mm(20)
    texts = [p.text for p in doc.paragraphs]
    last = doc.paragraphs[texts.index("Đề nghị cấp máy quét.")]
    assert last.paragraph_format.keep_with_next
    body = doc.element.body
    order = [child.tag.rsplit("}", 1)[1] for child in body]
    signature = next(i for i, t in enumerate(doc.tables) if t.cell(0, 0).text.startswith("Nơi nhận:"))
    assert signature == len(doc.tables) - 2  # then the Phụ lục's task table
    assert "PHỤ LỤC" in texts and texts.index("PHỤ LỤC") > texts.index("Đề nghị cấp máy quét.")
    assert order.count("tbl") == len(doc.tables)
    assert "Số liệu tháng 11 năm 2025, tính đến hết ngày 05/11/2025 (kỳ báo cáo chưa kết thúc)." in texts


def test_the_docx_writers_escape_is_the_standard_one():
    """Its own three replacements, not xml.sax.saxutils (which loads urllib, http, email)."""
    from xml.sax.saxutils import escape as standard

    from kehoach_tui.reports.docx_writer import escape

    for text in ("HĐND&UBND", "<w:t>x</w:t>", "a &amp; b > c", "&lt;", "\"'", "", "Số 12/KH-UBND"):
        assert escape(text) == standard(text)
