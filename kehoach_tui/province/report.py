"""The province's consolidated monthly report, as .docx (Nghị định 30/2020 layout, with the
commune report's own helpers: reports/docx_writer.py), .xlsx or Markdown.

Header of the province body (ỦY BAN NHÂN DÂN TỈNH …), BÁO CÁO and its subject, then:
I. the province as a whole; II. one table of all communes; III. a table per commune that
sent data (tasks done and overdue, morning-check compliance, incidents and downtime, report
completeness and timeliness); IV. the communes that owe reports or sent nothing; the
signature block. Figures: province/figures.py. The document is in Vietnamese whatever the
interface language: it is addressed to Vietnamese authorities.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from ..domain.periods import Period, month_period, vn_date_words
from ..reports.layout import Para, Section, SubHeading, Table, cell_text, duration
from ..store.db import Store
from ..store.reports import ReportSettings
from ..sync.safe_write import write_verified
from .figures import CommuneMonth, month_figures, province_totals
from .present import percent
from .registry import province_code, province_name


@dataclass
class ProvinceReport:
    """What the writers need; shaped like the commune's ReportModel where the docx helpers
    read it (settings, subject, generated_on)."""

    settings: ReportSettings
    period: Period
    subject: str
    generated_on: dt.date
    lines: list[CommuneMonth]
    totals: dict[str, int]


def _place(name: str) -> str:
    for prefix in ("Tỉnh ", "Thành phố "):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def build(store: Store, period: Period, today: dt.date, now: dt.datetime | None = None) -> ProvinceReport:
    name = province_name(store)
    settings = ReportSettings(
        commune_name=name, place=_place(name), province_name=name, doc_number="", doc_suffix="BC-UBND",
        signer_title="KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", signer_name="",
        recipients=["Bộ Khoa học và Công nghệ (b/c)", "TT Tỉnh ủy, TT HĐND tỉnh (b/c)", "Chủ tịch, các PCT UBND tỉnh",
                    "Sở Khoa học và Công nghệ", "UBND các xã, phường", "Lưu: VT, KGVX."])
    lines = month_figures(store, period, today, now)
    subject = f"Tình hình thực hiện kế hoạch chuyển đổi số của các xã, phường {period.label()}"
    return ProvinceReport(settings, period, subject, today, lines, province_totals(lines))


def _pair(a: int | None, b: int | None) -> str:
    return "—" if a is None else f"{a}/{b if b is not None else '—'}"


def _check(line: CommuneMonth) -> str:
    if line.check_expected is None:
        return "—"
    return f"{line.check_days}/{line.check_expected} ({percent(line.check_days or 0, line.check_expected)})"


def _reports(line: CommuneMonth) -> str:
    r = line.reports
    if r is None:
        return "—"
    text = f"{r.received}/{r.expected}"
    return text + (f", {r.late} trễ" if r.late else "")


def _incidents(line: CommuneMonth) -> str:
    return "—" if line.incidents is None else f"{line.incidents} ({line.incidents_open} còn mở)"


def _downtime(line: CommuneMonth) -> str:
    return "—" if line.downtime_minutes is None else duration(line.downtime_minutes)


def _general(report: ProvinceReport) -> list:
    t = report.totals
    return [
        Para(f"Số xã, phường: {t['communes']}; đã gửi dữ liệu: {t['sent']}."),
        Para(f"Báo cáo định kỳ của các xã theo lịch báo cáo của từng xã: phải nộp {t['reports_expected']}; "
             f"đã nộp {t['reports_received']} ({percent(t['reports_received'], t['reports_expected'])}); "
             f"đúng hạn {t['reports_on_time']} ({percent(t['reports_on_time'], t['reports_expected'])}); "
             f"trễ hạn {t['reports_late']}; chưa nộp {t['reports_missing']}."),
        Para(f"Nhiệm vụ của các xã đã gửi dữ liệu: {t['tasks_total']} nhiệm vụ; hoàn thành {t['tasks_done']}; "
             f"quá hạn chưa hoàn thành {t['tasks_overdue']} (tại ngày lập báo cáo)."),
        Para(f"Kiểm tra hạ tầng đầu giờ: {t['check_days']}/{t['check_expected']} ngày làm việc có kiểm tra "
             f"({percent(t['check_days'], t['check_expected'])})." if t["check_expected"] else
             "Kiểm tra hạ tầng đầu giờ: chưa xã, phường nào gửi dữ liệu."),
        Para(f"Sự cố công nghệ thông tin trong kỳ: {t['incidents']} (còn mở {t['incidents_open']}); "
             f"tổng thời gian gián đoạn: {duration(t['downtime_minutes'])}."),
    ]


SUMMARY_HEADERS = ["Xã, phường", "Nhiệm vụ xong/quá hạn", "Kiểm tra đầu giờ", "Sự cố (còn mở)", "Gián đoạn",
                   "Báo cáo nộp/phải nộp"]


def _summary_table(report: ProvinceReport) -> Table:
    rows: list[list] = [[line.name, _pair(line.tasks_done, line.tasks_overdue), _check(line), _incidents(line), _downtime(line),
             _reports(line)] for line in report.lines]
    return Table("communes", SUMMARY_HEADERS, rows, [3, 1.6, 1.8, 1.4, 1.4, 1.6])


def _commune_table(line: CommuneMonth) -> Table:
    r = line.reports
    rows: list[list] = [
        ["Nhiệm vụ: tổng số / hoàn thành / quá hạn", "—" if line.tasks_total is None else
         f"{line.tasks_total} / {line.tasks_done} / {line.tasks_overdue}"],
        ["Kiểm tra đầu giờ: ngày có kiểm tra / ngày làm việc", _check(line)],
        ["Kiểm tra hoàn thành muộn (ngày)", "—" if line.check_late is None else str(line.check_late)],
        ["Sự cố trong kỳ (còn mở)", _incidents(line)],
        ["Thời gian gián đoạn dịch vụ", _downtime(line)],
        ["Báo cáo: phải nộp / đã nộp / đúng hạn / trễ / chưa nộp", "—" if r is None else
         f"{r.expected} / {r.received} / {r.on_time} / {r.late} / {r.missing}"],
    ]
    return Table(f"commune-{line.code}", ["Nội dung", "Kết quả"], rows, [4, 2.4])


def sections(report: ProvinceReport) -> list[Section]:
    sent = [line for line in report.lines if line.sent or line.tasks_total is not None]
    detail: list = []
    for number, line in enumerate(sent, start=1):
        detail.append(SubHeading(f"{number}. {line.name} ({line.code})"))
        detail.append(_commune_table(line))
        if line.missing_reports:
            detail.append(Para("Chưa nộp: " + "; ".join(line.missing_reports) + ".", italic=True))
    if not detail:
        detail.append(Para("Chưa xã, phường nào gửi dữ liệu.", italic=True))
    owing = [line for line in report.lines if line.missing_reports]
    silent = [line.name for line in report.lines if not line.sent]
    missing: list = [Para(f"{line.name}: " + "; ".join(line.missing_reports) + ".") for line in owing]
    if not missing:
        missing.append(Para("Không có xã, phường nào chưa nộp báo cáo theo lịch.", italic=True))
    missing.append(Para(f"Chưa gửi dữ liệu ({len(silent)}): " + (", ".join(silent) or "không có") + "."))
    return [
        Section("I", "Kết quả chung", "Chung", _general(report)),
        Section("II", "Tổng hợp theo xã, phường", "Các xã", [_summary_table(report)]),
        Section("III", "Chi tiết từng xã, phường", "Chi tiết", detail),
        Section("IV", "Xã, phường chưa nộp báo cáo, chưa gửi dữ liệu", "Chưa nộp", missing),
    ]


def render_docx(report: ProvinceReport) -> bytes:
    from docx import Document

    from ..reports import docx_writer as w

    document = Document()
    w._page_setup(document)
    first = document.paragraphs[0]._p if document.paragraphs else None
    # a ProvinceReport has what the header, title and signature read of a ReportModel
    w._header(document, report)  # type: ignore[arg-type]
    w._title(document, report)  # type: ignore[arg-type]
    w._sections(document, sections(report))
    w._signature(document, report)  # type: ignore[arg-type]
    if first is not None:
        first.getparent().remove(first)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render_xlsx(report: ProvinceReport) -> bytes:
    from openpyxl import Workbook

    from ..reports.xlsx_writer import BOLD, HEAD_FILL, TITLE, _fit

    book = Workbook()
    sheet = book.active
    sheet.title = "Tổng hợp"
    sheet.append([f"ỦY BAN NHÂN DÂN {report.settings.commune_name.upper()}"])
    sheet.append([report.subject])
    sheet.append([f"{report.settings.place}, {vn_date_words(report.generated_on)}"])
    sheet["A1"].font = sheet["A2"].font = TITLE
    sheet.append([])
    for block in _general(report):
        sheet.append([block.text])
    totals = book.create_sheet("Các xã")
    headers = ["Mã", "Xã, phường", "Gói trong kỳ", "Nhiệm vụ", "Hoàn thành", "Quá hạn", "Ngày có kiểm tra",
               "Ngày làm việc", "Kiểm tra muộn", "Sự cố", "Còn mở", "Gián đoạn (phút)", "Báo cáo phải nộp",
               "Đã nộp", "Đúng hạn", "Trễ", "Chưa nộp", "Báo cáo còn thiếu"]
    totals.append(headers)
    for cell in totals[1]:
        cell.font, cell.fill = BOLD, HEAD_FILL
    for line in report.lines:
        r = line.reports
        totals.append([line.code, line.name, line.sent, line.tasks_total, line.tasks_done, line.tasks_overdue,
                       line.check_days, line.check_expected, line.check_late, line.incidents, line.incidents_open,
                       line.downtime_minutes, *((r.expected, r.received, r.on_time, r.late, r.missing) if r else
                                                (None,) * 5), "; ".join(line.missing_reports)])
    totals.freeze_panes = "C2"
    _fit(totals, {1: 6, 2: 28, **{i: 10 for i in range(3, 18)}, 18: 50})
    _fit(sheet, {1: 100})
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def render_md(report: ProvinceReport) -> bytes:
    out = [f"# BÁO CÁO — {report.subject}", "",
           f"ỦY BAN NHÂN DÂN {report.settings.commune_name.upper()} · "
           f"{report.settings.place}, {vn_date_words(report.generated_on)}", ""]
    for section in sections(report):
        out += [f"## {section.heading}", ""]
        for block in section.blocks:
            if isinstance(block, SubHeading):
                out += [f"### {block.text}", ""]
            elif isinstance(block, Para):
                out += [f"*{block.text}*" if block.italic else block.text, ""]
            elif isinstance(block, Table):
                out.append("| " + " | ".join(block.headers) + " |")
                out.append("|" + "---|" * len(block.headers))
                out += ["| " + " | ".join(_md(cell_text(v)) for v in row) + " |" for row in block.rows]
                out.append("")
    return ("\n".join(out) + "\n").encode("utf-8")


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


WRITERS = {"md": render_md, "xlsx": render_xlsx, "docx": render_docx}


def render(store: Store, fmt: str, today: dt.date, period: Period | None = None) -> bytes:
    return WRITERS[fmt](build(store, period or month_period(today), today))


# (store, today) → bytes, for each format: the report of the month containing today
RENDERERS = {fmt: (lambda store, today, fmt=fmt: render(store, fmt, today)) for fmt in WRITERS}


def default_report_name(store: Store, fmt: str, today: dt.date, period: Period | None = None) -> str:
    period = period or month_period(today)
    return f"bao-cao-thang-{period.code}-tinh-{province_code(store)}.{fmt}"


def write_report(store: Store, path: Path, fmt: str, today: dt.date, period: Period | None = None) -> Path:
    write_verified(Path(path), render(store, fmt, today, period))
    return Path(path)
