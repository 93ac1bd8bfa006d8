"""The body of a report as neutral blocks (sections, paragraphs, tables).

Every writer renders these same blocks, so the .docx, .xlsx, .csv, .md and the preview
say the same thing. The document is in Vietnamese whatever the interface language: it is
an administrative document addressed to Vietnamese authorities.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..domain.numbers import fmt_number
from .model import ReportModel, TaskLine

NO_DATA = "Chưa có dữ liệu"
NOT_WRITTEN = "(Chưa nhập nội dung)"

STATUS_VI = {
    "not_started": "Chưa bắt đầu", "in_progress": "Đang thực hiện", "done": "Hoàn thành",
    "blocked": "Tạm dừng, vướng mắc", "not_applicable": "Không áp dụng",
}
COMPARISON_VI = {">=": "≥", "<=": "≤", "=": "="}

Cell = str | int | float | dt.date | dt.datetime | None


@dataclass
class Para:
    text: str
    italic: bool = False
    bold: bool = False


@dataclass
class SubHeading:
    text: str


@dataclass
class Table:
    key: str                 # stable id (csv section, sheet part)
    headers: list[str]
    rows: list[list[Cell]]
    widths: list[float]      # relative column widths
    numeric: set[int] = field(default_factory=set)  # right-aligned columns


Block = Para | SubHeading | Table


@dataclass
class Section:
    number: str              # "I", "II", …
    title: str
    sheet: str               # short name for a spreadsheet tab
    blocks: list[Block]

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title.upper()}"


def status_vi(code: str) -> str:
    return STATUS_VI.get(code, code)


def number(value: float | None) -> str:
    """Vietnamese number text: 1.139 thousands dot, 80,5 decimal comma."""
    return fmt_number(value, lang="vi")


def duration(minutes: int) -> str:
    hours, mins = divmod(minutes, 60)
    if hours and mins:
        return f"{hours} giờ {mins} phút"
    return f"{hours} giờ" if hours else f"{mins} phút"


def _written(text: str) -> list[Block]:
    if not text.strip():
        return [Para(NOT_WRITTEN, italic=True)]
    return [Para(line) for line in text.split("\n") if line.strip()]


def _task_rows(lines: list[TaskLine]) -> list[list[Cell]]:
    return [[line.code, line.title, "; ".join(line.lead_units), line.due_date or line.deadline,
             status_vi(line.status), line.progress] for line in lines]


def sections(model: ReportModel) -> list[Section]:
    return [
        Section("I", "Công tác chỉ đạo, điều hành", "I. Chỉ đạo", _written(model.texts.direction)),
        Section("II", "Kết quả thực hiện", "II. Kết quả", _results(model)),
        Section("III", "Tồn tại, hạn chế và nguyên nhân", "III. Tồn tại", _shortcomings(model)),
        Section("IV", "Nhiệm vụ trọng tâm thời gian tới", "IV. Thời gian tới", _next(model)),
        Section("V", "Đề xuất, kiến nghị", "V. Đề xuất", _written(model.texts.proposals)),
    ]


def _results(model: ReportModel) -> list[Block]:
    totals = model.totals
    blocks: list[Block] = [SubHeading("1. Tình hình thực hiện các nhiệm vụ của Kế hoạch")]
    blocks.append(Para(
        f"Kế hoạch có {totals.total} nhiệm vụ (kể cả nội dung chi tiết). Đến ngày "
        f"{min(model.period.end, model.generated_on):%d/%m/%Y}: hoàn thành {totals.done}; đang thực hiện "
        f"{totals.in_progress}; chưa bắt đầu {totals.not_started}; tạm dừng, vướng mắc {totals.blocked}; "
        f"không áp dụng {totals.not_applicable}; quá hạn {totals.overdue}. Tiến độ chung đạt {totals.progress}%. "
        f"Trong kỳ có {totals.updates} lượt cập nhật tiến độ."
    ))
    blocks.append(Table(
        "groups", ["Nhóm nhiệm vụ", "Số nhiệm vụ", "Hoàn thành", "Đang thực hiện", "Chưa bắt đầu",
                   "Vướng mắc", "Quá hạn", "Tiến độ (%)"],
        [[f"{g.code}. {g.title}", g.total, g.done, g.in_progress, g.not_started, g.blocked, g.overdue, g.progress]
         for g in model.groups],
        [3, 1, 1.1, 1.1, 1.1, 1.1, 1, 1], numeric={1, 2, 3, 4, 5, 6, 7},
    ))
    blocks.append(Para("Chi tiết từng nhiệm vụ:", italic=True))
    blocks.append(Table(
        "tasks", ["Mã", "Nhiệm vụ", "Chủ trì", "Thời hạn", "Trạng thái", "Tiến độ (%)"],
        [row for group in model.groups for row in _task_rows(group.tasks)],
        [0.8, 4, 2, 1.5, 1.5, 0.9], numeric={5},
    ))

    blocks.append(SubHeading("2. Cập nhật tiến độ trong kỳ"))
    if model.updates is None:
        blocks.append(Para(NO_DATA, italic=True))
    elif not model.updates:
        blocks.append(Para("Không có cập nhật trong kỳ.", italic=True))
    else:
        blocks.append(Table(
            "updates", ["Ngày", "Mã", "Trạng thái", "Tiến độ (%)", "Nội dung, căn cứ", "Người cập nhật"],
            [[u.at.date(), u.task_code, status_vi(u.status_after), u.progress,
              "; ".join(p for p in (u.note, u.evidence) if p), u.officer] for u in model.updates],
            [1.3, 0.8, 1.6, 0.9, 4, 1.6], numeric={3},
        ))

    blocks.append(SubHeading("3. Kết quả thực hiện các chỉ tiêu"))
    if not model.targets:
        blocks.append(Para(NO_DATA, italic=True))
    else:
        if not model.target_values_recorded:
            blocks.append(Para(f"Số liệu thực hiện: {NO_DATA.lower()}.", italic=True))
        blocks.append(Table(
            "targets", ["Mã", "Chỉ tiêu", "Mục tiêu", "Kết quả", "Tháng số liệu", "Đánh giá"],
            [[t.code, t.label,
              f"{COMPARISON_VI.get(t.comparison, t.comparison)} {number(t.target_value)} {t.unit}".strip()
              if t.target_value is not None else "",
              t.value, t.value_period, {True: "Đạt", False: "Chưa đạt", None: ""}[t.met]] for t in model.targets],
            [0.8, 4.2, 1.4, 1, 1.2, 1.1], numeric={3},
        ))

    blocks.append(SubHeading("4. Kiểm tra hạ tầng, hệ thống đầu giờ tại Trung tâm Phục vụ hành chính công"))
    check = model.checklist
    if check is None:
        blocks.append(Para(NO_DATA, italic=True))
    else:
        rate = f" ({round(100 * check.days_checked / check.working_days)}%)" if check.working_days else ""
        failing = "; ".join(f"{i.label} ({i.failed} lần)" for i in check.failing) or "không có"
        blocks.append(Para(
            f"Số ngày làm việc trong kỳ: {check.working_days}; số ngày đã kiểm tra: {check.days_checked}{rate}, "
            f"trong đó đúng giờ: {check.days_on_time}. Hạng mục lỗi nhiều nhất: {failing}."
        ))
        if check.items:
            blocks.append(Table(
                "checklist", ["Hạng mục", "Bình thường", "Lỗi", "Không áp dụng", "Sẵn sàng (%)"],
                [[i.label, i.ok, i.failed, i.not_applicable, i.availability] for i in check.items],
                [4, 1.2, 1, 1.2, 1.2], numeric={1, 2, 3, 4},
            ))

    blocks.append(SubHeading("5. Sự cố công nghệ thông tin"))
    incidents = model.incidents
    if incidents is None:
        blocks.append(Para(NO_DATA, italic=True))
    else:
        categories = "; ".join(f"{name}: {count}" for name, count in incidents.by_category) or "không có"
        blocks.append(Para(
            f"Phát sinh trong kỳ: {incidents.opened} sự cố; đã khắc phục: {incidents.resolved}; còn tồn đọng "
            f"cuối kỳ: {incidents.still_open}. Tổng thời gian gián đoạn: {duration(incidents.downtime_minutes)}. "
            f"Theo loại: {categories}."
        ))
        if incidents.lines:
            blocks.append(Table(
                "incidents", ["Thời điểm", "Loại", "Nội dung", "Mức độ", "Khắc phục", "Gián đoạn"],
                [[i.opened, i.category, i.title, i.severity, i.resolved, duration(i.downtime_minutes)]
                 for i in incidents.lines],
                [1.6, 1.8, 3.4, 1, 1.6, 1.2],
            ))
    return blocks


def _shortcomings(model: ReportModel) -> list[Block]:
    blocks = _written(model.texts.shortcomings)
    if model.overdue_tasks:
        blocks.append(Para(f"Nhiệm vụ quá hạn chưa hoàn thành ({len(model.overdue_tasks)}):", italic=True))
        blocks.append(Table("overdue", ["Mã", "Nhiệm vụ", "Chủ trì", "Thời hạn", "Trạng thái", "Tiến độ (%)"],
                            _task_rows(model.overdue_tasks), [0.8, 4, 2, 1.5, 1.5, 0.9], numeric={5}))
    if model.recurring_silent:
        codes = ", ".join(line.code for line in model.recurring_silent)
        blocks.append(Para(f"Nhiệm vụ thường xuyên chưa có cập nhật trong kỳ: {codes}.", italic=True))
    return blocks


def _next(model: ReportModel) -> list[Block]:
    blocks: list[Block] = [] if not model.texts.next_focus.strip() else _written(model.texts.next_focus)
    if model.due_next:
        blocks.append(Para(f"Nhiệm vụ đến hạn trong kỳ tới ({model.next_period.label()}):", italic=True))
        blocks.append(Table("due_next", ["Mã", "Nhiệm vụ", "Chủ trì", "Thời hạn", "Trạng thái", "Tiến độ (%)"],
                            _task_rows(model.due_next), [0.8, 4, 2, 1.5, 1.5, 0.9], numeric={5}))
    else:
        blocks.append(Para(f"Không có nhiệm vụ đến hạn trong kỳ tới ({model.next_period.label()}).", italic=True))
    if model.overdue_tasks:
        codes = ", ".join(line.code for line in model.overdue_tasks)
        blocks.append(Para(f"Tập trung hoàn thành các nhiệm vụ quá hạn: {codes}."))
    return blocks


def cell_text(value: Cell) -> str:
    """A cell as text for docx, md, txt and the preview."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float):
        return number(value)
    return str(value)
