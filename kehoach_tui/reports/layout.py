"""The body of a report as neutral blocks (sections, paragraphs, tables).

Every writer renders these same blocks, so the .docx, .xlsx, .csv, .md and the preview
say the same thing. The document is in Vietnamese whatever the interface language: it is
an administrative document addressed to Vietnamese authorities.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..domain.numbers import fmt_number
from .model import ReportModel, TargetLine, TaskLine

NO_DATA = "Chưa có dữ liệu"
NOT_WRITTEN = "(Chưa nhập nội dung)"

STATUS_VI = {
    "not_started": "Chưa bắt đầu", "in_progress": "Đang thực hiện", "done": "Hoàn thành",
    "blocked": "Tạm dừng, vướng mắc", "not_applicable": "Không áp dụng", "no_update": "Chưa cập nhật",
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
    """ "2 ngày 15 giờ 10 phút", "2 giờ 10 phút", "45 phút"; "0 phút" at least."""
    days, rest = divmod(max(0, int(minutes)), 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = [f"{days} ngày"] if days else []
    if hours:
        parts.append(f"{hours} giờ")
    if mins or not parts:
        parts.append(f"{mins} phút")
    return " ".join(parts)


def percent(part: int, whole: int) -> str:
    return f"{number(round(100 * part / whole, 1))}%" if whole else "–"


def _written(text: str) -> list[Block]:
    if not text.strip():
        return [Para(NOT_WRITTEN, italic=True)]
    return [Para(line) for line in text.split("\n") if line.strip()]


def _task_rows(lines: list[TaskLine]) -> list[list[Cell]]:
    return [[line.code, line.title, "; ".join(line.lead_units),
             line.deadline if line.due_assumed else line.due_date or line.deadline,
             status_vi(line.status), line.progress] for line in lines]


def _named(lines: list[TaskLine], *, with_evidence: bool = False, with_due: bool = False) -> str:
    """ "1.1 Kế hoạch hành động (Kế hoạch số 12/KH-UBND); 3.5.b …": tasks by code and title."""
    parts = []
    for line in lines:
        extra = []
        if with_evidence and (line.evidence or line.last_note):
            extra.append(line.evidence or line.last_note)
        if with_due and line.due_date:
            extra.append(f"hạn {line.due_date:%d/%m/%Y}")
        parts.append(f"{line.code} {line.title}" + (f" ({'; '.join(extra)})" if extra else ""))
    return "; ".join(parts)


def as_of_text(model: ReportModel) -> str:
    """ "Số liệu tháng 11 năm 2025, tính đến hết ngày 30/11/2025." """
    day = (model.as_of or min(model.period.end, model.generated_on)).strftime("%d/%m/%Y")
    text = f"Số liệu {model.period.label()}, tính đến hết ngày {day}"
    return text + (" (kỳ báo cáo chưa kết thúc)." if model.running else ".")


TASK_HEADERS = ["Mã", "Nhiệm vụ", "Chủ trì", "Thời hạn", "Trạng thái", "Tiến độ (%)"]
TASK_WIDTHS = [0.9, 4, 2.2, 1.5, 1.5, 0.9]


def sections(model: ReportModel) -> list[Section]:
    return [
        Section("I", "Công tác chỉ đạo, điều hành", "I. Chỉ đạo", _written(model.texts.direction)),
        Section("II", "Kết quả thực hiện", "II. Kết quả", _results(model)),
        Section("III", "Tồn tại, hạn chế và nguyên nhân", "III. Tồn tại", _shortcomings(model)),
        Section("IV", "Nhiệm vụ trọng tâm thời gian tới", "IV. Thời gian tới", _next(model)),
        Section("V", "Đề xuất, kiến nghị", "V. Đề xuất", _written(model.texts.proposals)),
    ]


def appendix(model: ReportModel) -> Section:
    """The full task table, after the signature: the body gives what changed and the figures."""
    rows = [row for group in model.groups for row in _task_rows(group.tasks)]
    return Section("PHỤ LỤC", "Tình hình thực hiện các nhiệm vụ của Kế hoạch",
                   "Phụ lục", [Table("tasks", TASK_HEADERS, rows, TASK_WIDTHS, numeric={5})])


def _changes(model: ReportModel) -> list[Block]:
    changed = model.changed
    done = [line for line in changed if line.status == "done"]
    started = [line for line in changed if line.status == "in_progress"]
    blocked = [line for line in changed if line.status == "blocked"]
    sentences = []
    if done:
        sentences.append(f"Trong kỳ đã hoàn thành {len(done)} nhiệm vụ: {_named(done, with_evidence=True)}.")
    if started:
        sentences.append(f"Đã triển khai thực hiện {len(started)} nhiệm vụ: {_named(started)}.")
    if blocked:
        sentences.append(f"Có {len(blocked)} nhiệm vụ gặp vướng mắc: {_named(blocked, with_evidence=True)}.")
    if not sentences:
        sentences.append("Trong kỳ không có nhiệm vụ nào thay đổi trạng thái thực hiện.")
    return [Para(" ".join(sentences))]


def _results(model: ReportModel) -> list[Block]:
    totals = model.totals
    blocks: list[Block] = [SubHeading("1. Tình hình thực hiện các nhiệm vụ của Kế hoạch"),
                           Para(as_of_text(model), italic=True)]
    blocks += _changes(model)
    headings = sum(1 for g in model.groups for line in g.tasks if line.heading)
    counted = f" (tính theo nội dung chi tiết của {headings} nhiệm vụ có nhiều nội dung)" if headings else ""
    blocks.append(Para(
        f"Kế hoạch có {totals.total} nhiệm vụ{counted}: hoàn thành {totals.done}; đang thực hiện "
        f"{totals.in_progress}; chưa bắt đầu {totals.not_started}; chưa cập nhật {totals.no_update}; "
        f"tạm dừng, vướng mắc {totals.blocked}; không áp dụng {totals.not_applicable}. Tiến độ chung đạt "
        f"{totals.progress}%. Trong kỳ có {totals.updates} lượt cập nhật tiến độ."
    ))
    if model.overdue_tasks:
        blocks.append(Para(f"Nhiệm vụ quá hạn chưa hoàn thành ({len(model.overdue_tasks)}): "
                           f"{_named(model.overdue_tasks, with_due=True)}."))
    blocks.append(Table(
        "groups", ["Nhóm nhiệm vụ", "Số nhiệm vụ", "Hoàn thành", "Đang thực hiện", "Chưa bắt đầu",
                   "Chưa cập nhật", "Vướng mắc", "Quá hạn", "Tiến độ (%)"],
        [[f"{g.code}. {g.title}", g.total, g.done, g.in_progress, g.not_started, g.no_update, g.blocked, g.overdue,
          g.progress] for g in model.groups],
        [3, 1, 1.1, 1.1, 1.1, 1.1, 1.1, 1, 1], numeric={1, 2, 3, 4, 5, 6, 7, 8},
    ))
    blocks.append(Para("Chi tiết từng nhiệm vụ tại Phụ lục kèm theo.", italic=True))

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
    blocks += _targets(model)
    blocks += _checklist(model)
    blocks += _incidents(model)
    return blocks


def goal_text(t: TargetLine) -> str:
    if t.target_value is None:
        return ""
    return f"{COMPARISON_VI.get(t.comparison, t.comparison)} {number(t.target_value)}{_unit(t.unit)}"


def _unit(unit: str) -> str:
    return unit if unit == "%" else f" {unit}" if unit else ""


def target_sentence(t: TargetLine) -> str:
    """ "CT4 Hồ sơ …: 62,5% → 71,3%, chưa đạt mục tiêu 80%"."""
    unit = _unit(t.unit)
    value = f"{number(t.value)}{unit}"
    text = f"{number(t.previous)}{unit} → {value}" if t.previous is not None and t.previous != t.value else value
    if t.met is not None:
        text += f", {'đạt' if t.met else 'chưa đạt'} mục tiêu {number(t.target_value)}{unit}"
    return f"{t.code} {t.label}: {text}"


def _targets(model: ReportModel) -> list[Block]:
    blocks: list[Block] = [SubHeading("3. Kết quả thực hiện các chỉ tiêu")]
    if not model.targets:
        return [*blocks, Para(NO_DATA, italic=True)]
    known = [t for t in model.targets if t.value is not None]
    if not model.target_values_recorded:
        blocks.append(Para(f"Số liệu thực hiện: {NO_DATA.lower()}.", italic=True))
    elif known:
        blocks.append(Para("; ".join(target_sentence(t) for t in known) + "."))
    if model.late_values:
        notes = "; ".join(f"{v.code} tháng {v.month}: {number(v.value)} (ghi nhận ngày {v.recorded_on:%d/%m/%Y})"
                          for v in model.late_values)
        blocks.append(Para(f"Số liệu ghi nhận sau kỳ báo cáo, chưa tính vào báo cáo này: {notes}.", italic=True))
    blocks.append(Table(
        "targets", ["Mã", "Chỉ tiêu", "Mục tiêu", "Kỳ trước", "Kết quả", "Tháng số liệu", "Đánh giá"],
        [[t.code, t.label, goal_text(t), t.previous, t.value, t.value_period,
          {True: "Đạt", False: "Chưa đạt", None: ""}[t.met]] for t in model.targets],
        [0.8, 3.8, 1.3, 1, 1, 1.1, 1.1], numeric={3, 4},
    ))
    return blocks


def _checklist(model: ReportModel) -> list[Block]:
    blocks: list[Block] = [
        SubHeading("4. Kiểm tra hạ tầng, hệ thống đầu giờ tại Trung tâm Phục vụ hành chính công")]
    check = model.checklist
    if check is None:
        return [*blocks, Para(NO_DATA, italic=True)]
    failing = "; ".join(f"{i.label} ({i.failed} lần)" for i in check.failing) or "không có"
    text = (f"Số ngày làm việc trong kỳ: {check.working_days}; đã kiểm tra {check.days_checked} ngày "
            f"({percent(check.days_checked, check.working_days)}), trong đó đúng giờ {check.days_on_time} ngày")
    if check.previous_working_days:
        text += (f"; kỳ trước đã kiểm tra {check.previous_days_checked}/{check.previous_working_days} ngày "
                 f"({percent(check.previous_days_checked or 0, check.previous_working_days)})")
    blocks.append(Para(f"{text}. Số lượt hạng mục không đạt: {check.items_failed}; hạng mục lỗi nhiều nhất: "
                       f"{failing}."))
    if check.items:
        blocks.append(Table(
            "checklist", ["Hạng mục", "Bình thường", "Lỗi", "Không áp dụng", "Sẵn sàng (%)"],
            [[i.label, i.ok, i.failed, i.not_applicable, i.availability] for i in check.items],
            [4, 1.2, 1, 1.2, 1.2], numeric={1, 2, 3, 4},
        ))
    return blocks


def _incidents(model: ReportModel) -> list[Block]:
    blocks: list[Block] = [SubHeading("5. Sự cố công nghệ thông tin")]
    incidents = model.incidents
    if incidents is None:
        return [*blocks, Para(NO_DATA, italic=True)]
    categories = "; ".join(f"{name}: {count}" for name, count in incidents.by_category) or "không có"
    text = f"Trong kỳ ghi nhận {incidents.opened} sự cố (theo loại: {categories})"
    if incidents.interrupting:
        text += f", trong đó {incidents.interrupting} sự cố gây gián đoạn phục vụ"
    text += (f". Tổng thời gian gián đoạn: {duration(incidents.downtime_minutes)}; số hồ sơ bị chậm: "
             f"{number(incidents.dossiers_delayed)}; đã khắc phục {incidents.resolved}; còn "
             f"{incidents.still_open} sự cố chưa khắc phục cuối kỳ.")
    blocks.append(Para(text))
    for i in incidents.lines:
        parts = [f"Sự cố số {i.number} ({i.opened:%d/%m/%Y %H:%M}) {i.title}"]
        if i.resolution:
            parts.append(f"khắc phục: {i.resolution}")
        parts.append(f"gián đoạn {duration(i.downtime_minutes)}" if i.interrupted else "không gián đoạn phục vụ")
        if i.dossiers:
            parts.append(f"{i.dossiers} hồ sơ bị chậm")
        blocks.append(Para("- " + "; ".join(parts) + "."))
    if incidents.lines:
        blocks.append(Table(
            "incidents", ["Thời điểm", "Loại", "Nội dung", "Mức độ", "Khắc phục", "Gián đoạn (phút)",
                          "Hồ sơ chậm"],
            [[i.opened, i.category, i.title, i.severity, i.resolved, i.downtime_minutes if i.interrupted else 0,
              i.dossiers] for i in incidents.lines],
            [1.6, 1.7, 3, 1, 1.6, 1.1, 0.9], numeric={5, 6},
        ))
    return blocks


def _shortcomings(model: ReportModel) -> list[Block]:
    blocks = _written(model.texts.shortcomings)
    if model.overdue_tasks:
        blocks.append(Para(f"Nhiệm vụ quá hạn chưa hoàn thành ({len(model.overdue_tasks)}):", italic=True))
        blocks.append(Table("overdue", TASK_HEADERS, _task_rows(model.overdue_tasks), TASK_WIDTHS, numeric={5}))
    if model.recurring_silent:
        blocks.append(Para(f"Nhiệm vụ thường xuyên chưa có cập nhật trong kỳ ({len(model.recurring_silent)}): "
                           f"{_named(model.recurring_silent)}.", italic=True))
    return blocks


def _next(model: ReportModel) -> list[Block]:
    blocks: list[Block] = [] if not model.texts.next_focus.strip() else _written(model.texts.next_focus)
    label = model.next_period.label()
    if model.due_next or model.due_next_targets:
        if model.due_next:
            blocks.append(Para(f"Nhiệm vụ đến hạn trong kỳ tới ({label}): {_named(model.due_next, with_due=True)}."))
        if model.due_next_targets:
            due = "; ".join(f"{t.code} {t.label} (mục tiêu {goal_text(t)}, hạn {t.target_date:%d/%m/%Y}"
                            + (f", hiện đạt {number(t.value)}{_unit(t.unit)}" if t.value is not None else "") + ")"
                            for t in model.due_next_targets)
            blocks.append(Para(f"Chỉ tiêu đến hạn trong kỳ tới: {due}."))
        if model.due_next:
            blocks.append(Table("due_next", TASK_HEADERS, _task_rows(model.due_next), TASK_WIDTHS, numeric={5}))
    else:
        blocks.append(Para(f"Không có nhiệm vụ, chỉ tiêu đến hạn trong kỳ tới ({label}).", italic=True))
    if model.overdue_tasks:
        blocks.append(Para(f"Tập trung hoàn thành các nhiệm vụ quá hạn: {_named(model.overdue_tasks)}."))
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
