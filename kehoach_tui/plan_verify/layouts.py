"""Reading each source document into the items a plan file must hold.

The five documents lay their tasks out in four ways, so there is one reader per layout; the
rest (objectives, organisation sections, reporting duties, everything else) is found the same
way in every document. A reader never looks at a plan file: what it returns is what the
source says, and `check.py` compares the two.

Layouts
  numbered   004 Nghĩa Thọ: "1. group", "1.1. Title", "- text", "- Chủ trì thực hiện: …",
             lettered sub-items "a. Label: text"; the "Chủ trì / Phối hợp / Thời gian" lines
             written once after the last sub-item belong to the parent.
  lettered   001 Sơn Thủy: "2.1. group", lettered items "a) sentence" with "- " bullets and
             "- Thời gian hoàn thành: …"; a heading without lettered items is one task.
  table      002 Thanh Hóa: the appendix table (TT, content, lead, partners, deadline).
  units      003 Đồng Nai: "1. unit", one task per paragraph under it, dates in a final
             bracket or in the clauses that name them.
  none       000: the task appendices are not in the text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .source import Para, SourceDoc, table_rows

_META = re.compile(r"^(Chủ trì thực hiện|Phối hợp thực hiện|Thời gian hoàn thành):\s*(?P<v>.*)$")
_DEADLINE = re.compile(r"^Thời gian hoàn thành:\s*(?P<v>.*)$")
_LABEL = re.compile(r"^(?P<label>[^:.;]{3,80}?):\s+(?P<rest>\S.*)$")
_SUBJECT = re.compile(r"^(?P<lead>[^,;:]+?) chủ (?:trì|động),? phối hợp với (?P<partners>.+?) tổ chức ")
_GROUP_ROW = re.compile(r"^(?P<n>[IVX]+)$")
_COUNT = re.compile(r"^(?P<t>.+?) \((?P<c>\d+) nhiệm vụ\)$")
_TASK_ROW = re.compile(r"^(?P<n>\d+)\.$")
_LIST_ITEM = re.compile(r"^(?P<t>Về .+?): (?P<c>\d+) nhiệm vụ[;.]?$")
_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")
_YEAR = re.compile(r"\bnăm (\d{4})\b")
_BEFORE = re.compile(r"trước ngày (\d{1,2})/(\d{1,2})/(\d{4})")
_UNTIL = re.compile(r"đến(?: ngày)? (\d{1,2})/(\d{1,2})/(\d{4})")


@dataclass
class ETask:
    code: str
    group: str
    section: str
    parent: str = ""
    title: str = ""
    description: list[str] = field(default_factory=list)
    lead_units: list[str] = field(default_factory=list)
    partner_units: list[str] = field(default_factory=list)
    deadline: str = ""
    done: bool = False
    gap: bool = False
    milestones: list[str] = field(default_factory=list)  # the pieces of text naming a date
    has_meta: bool = False
    raw: list[str] = field(default_factory=list)  # the task's lines as written (for quotes)

    @property
    def text(self) -> str:
        return "\n".join(self.description)


@dataclass
class EGroup:
    code: str
    title: str
    gap: bool = False
    count: int | None = None


@dataclass
class EObjective:
    text: str
    section: str
    phase_end: dt.date | None


@dataclass
class Expected:
    doc: SourceDoc
    layout: str
    groups: list[EGroup] = field(default_factory=list)
    tasks: list[ETask] = field(default_factory=list)
    objectives: list[EObjective] = field(default_factory=list)
    responsibilities: list[Para] = field(default_factory=list)  # paragraphs of organisation sections
    reporting: list[Para] = field(default_factory=list)         # paragraphs of reporting sections
    others: list[Para] = field(default_factory=list)            # everything else in the body


@dataclass(frozen=True)
class Layout:
    tasks: str                      # numbered, lettered, table, units, none
    task_section: str = ""
    targets: tuple[str, ...] = ()
    responsibilities: tuple[str, ...] = ()
    reporting: tuple[str, ...] = ()


# What each document's sections are (by the three-digit number of its file name).
LAYOUTS: dict[str, Layout] = {
    "004": Layout("numbered", "III", targets=("II.2",), responsibilities=("V",)),
    "001": Layout("lettered", "IV.2", targets=("II.2",),
                  responsibilities=("V.1", "V.2", "V.3", "V.4", "V.5"), reporting=("V.6",)),
    "002": Layout("table", "PL", targets=("II.2",),
                  responsibilities=tuple(f"VI.{n}" for n in range(1, 10)), reporting=("VI.10",)),
    "003": Layout("units", "III", targets=("II.1.b",)),
    "000": Layout("none", targets=("II.2",), responsibilities=("IV",)),
}


def split_units(cell: str) -> list[str]:
    """Units as the plan file lists them: split at ";" (and at "- " bullets when the cell is a
    list), a final "." or ";" dropped, empty items dropped."""
    cell = cell.strip()
    parts = re.split(r";", cell)
    if cell.startswith("- "):
        parts = [piece for part in parts for piece in re.split(r"(?:^|(?<=[.\s]))- (?=[A-ZÀ-ỸĐ])", part)]
    out = []
    for part in parts:
        part = part.strip().removeprefix("- ").strip().rstrip(".;").strip()
        if part:
            out.append(part)
    return out


def _sentence(text: str) -> str:
    """A title from a sentence: without its final "."."""
    return text.strip().removesuffix(".").rstrip()


def _in(section: str, roots: tuple[str, ...]) -> bool:
    return any(section == root or section.startswith(root + ".") for root in roots)


def read(doc: SourceDoc) -> Expected:
    layout = LAYOUTS[doc.number]
    found = Expected(doc=doc, layout=layout.tasks)
    readers = {"numbered": _numbered, "lettered": _lettered, "table": _table, "units": _units}
    if layout.tasks in readers:
        readers[layout.tasks](doc, found, layout.task_section)
    task_roots = (layout.task_section,) if layout.task_section else ()
    for root in layout.targets:
        found.objectives.extend(_objectives(doc.within(root)))
    for para in doc.paras:
        if _in(para.section, task_roots) or _in(para.section, layout.targets):
            continue
        # A heading is content when it is a sentence of its own ("7. Các cấp ủy … triển khai
        # …") or the whole section ("III- NHIỆM VỤ: (Có Phụ lục I, II kèm theo).").
        content = not para.heading or para.text.endswith(".") or not _has_body(doc, para.section)
        if not content or (found.layout == "table" and _LIST_ITEM.match(para.text)):
            continue  # the list of groups with their counts is checked against the appendix
        if _in(para.section, layout.reporting):
            found.reporting.append(para)
        elif _in(para.section, layout.responsibilities):
            found.responsibilities.append(para)
        else:
            found.others.append(para)
    return found


def _has_body(doc: SourceDoc, section: str) -> bool:
    return any(not p.heading for p in doc.within(section))


# --- objectives (chỉ tiêu) ---------------------------------------------------------------------

def phase_end(text: str) -> dt.date | None:
    """The last day of a phase heading: "đến (ngày) X" is X; "trước ngày X" the day before."""
    m = _BEFORE.search(text)
    if m:
        return dt.date(int(m[3]), int(m[2]), int(m[1])) - dt.timedelta(days=1)
    m = _UNTIL.search(text)
    if m:
        return dt.date(int(m[3]), int(m[2]), int(m[1]))
    return None


def _objectives(paras: list[Para]) -> list[EObjective]:
    out, phase = [], None
    for para in paras:
        if not para.bullet:
            end = phase_end(para.text)
            phase = end or phase
            continue
        out.append(EObjective(para.text, para.section, phase))
    return out


# --- numbered: 004 -----------------------------------------------------------------------------

def _numbered(doc: SourceDoc, found: Expected, root: str) -> None:
    current: ETask | None = None
    task: ETask | None = None
    for para in doc.within(root):
        if para.heading and para.section == root:
            continue
        if para.heading and "." not in para.number and not para.number.isalpha():
            found.groups.append(EGroup(para.number, para.text))
            continue
        if para.heading and para.number.count(".") == 1:
            task = current = ETask(para.number, para.number.split(".")[0], para.section, title=para.text)
            found.tasks.append(task)
            continue
        if para.heading and task is not None:  # lettered sub-item
            m = _LABEL.match(para.text)
            title, text = (m["label"], m["rest"]) if m else (_sentence(para.text), para.text)
            current = ETask(f"{task.code}.{para.number}", task.group, para.section, parent=task.code,
                            title=title, description=[text], raw=[para.text])
            found.tasks.append(current)
            continue
        if current is None:
            continue
        current.raw.append(para.text)
        m = _META.match(para.text)
        if not m:
            current.description.append(para.text)
            continue
        current.has_meta = True
        value = m["v"].strip()
        if m[1].startswith("Chủ trì"):
            current.lead_units = split_units(value)
        elif m[1].startswith("Phối hợp"):
            current.partner_units = split_units(value)
        else:
            current.deadline = value.removesuffix(".").rstrip()
    _lift_shared_meta(found.tasks)


def _lift_shared_meta(tasks: list[ETask]) -> None:
    """Lines written once after the last sub-item close the whole heading: when only the last
    sub-item carries them, they belong to the parent (3.4, 3.5, 4.5 of the Nghĩa Thọ plan)."""
    kids: dict[str, list[ETask]] = {}
    for task in tasks:
        if task.parent:
            kids.setdefault(task.parent, []).append(task)
    by_code = {t.code: t for t in tasks}
    for parent, children in kids.items():
        last = children[-1]
        if last.has_meta and not any(c.has_meta for c in children[:-1]) and len(children) > 1:
            head = by_code[parent]
            head.lead_units, head.partner_units, head.deadline = last.lead_units, last.partner_units, last.deadline
            last.lead_units, last.partner_units, last.deadline = [], [], ""


# --- lettered: 001 -----------------------------------------------------------------------------

def _lettered(doc: SourceDoc, found: Expected, root: str) -> None:
    group: EGroup | None = None
    current: ETask | None = None
    for para in doc.within(root):
        if para.section == root:
            continue
        if para.heading and not para.number.isalpha():
            group = EGroup(para.number, para.text)
            found.groups.append(group)
            current = None
            continue
        if group is None:
            continue
        if para.heading:
            current = ETask(f"{group.code}.{para.number}", group.code, para.section,
                            title=_sentence(para.text), description=[para.text])
            found.tasks.append(current)
            continue
        if current is None:  # a heading without lettered items is one task
            current = ETask(group.code, group.code, para.section, title=group.title)
            found.tasks.append(current)
        m = _DEADLINE.match(para.text)
        if m:
            current.deadline = m["v"].strip().removesuffix(".").rstrip()
        else:
            current.description.append(para.text)
    for task in found.tasks:
        m = _SUBJECT.match(task.description[0] if task.description else "")
        if m:
            task.lead_units, task.partner_units = [m["lead"]], [m["partners"]]


# --- table: 002 --------------------------------------------------------------------------------

def _table(doc: SourceDoc, found: Expected, root: str) -> None:
    listed = [m for p in doc.paras if (m := _LIST_ITEM.match(p.text))]
    rows = table_rows(doc)
    numbers = [int(m["n"]) for row in rows if (m := _TASK_ROW.match(row[0]))]
    group: EGroup | None = None
    in_group = 0
    pending: list[str] | None = None
    for row in rows:
        cells = (row + ["", "", "", "", ""])[:5]
        m = _GROUP_ROW.match(cells[0])
        if m:
            c = _COUNT.match(cells[1])
            group = EGroup(m["n"], c["t"] if c else cells[1], count=int(c["c"]) if c else None)
            found.groups.append(group)
            in_group = 0
            continue
        m = _TASK_ROW.match(cells[0])
        if m:
            number = int(m["n"])
            if group is not None and group.count is not None and in_group >= group.count:
                group = _unnamed_group(found, group, listed)
                in_group = 0
            in_group += 1
            found.tasks.append(_row_task(str(number), group.code if group else "", cells))
            pending = None
            continue
        if not cells[0] and found.tasks:
            last = found.tasks[-1]
            following = [n for n in numbers if n > int(last.code)]
            if following and following[0] > int(last.code) + 1 and pending is None:
                # The row after this one skips a number: this is what is left of the lost row.
                lost = _row_task(str(int(last.code) + 1), last.group, cells)
                lost.gap = True
                found.tasks.append(lost)
                in_group += 1
                pending = cells
                continue
            _join_row(last, cells)


def _unnamed_group(found: Expected, before: EGroup, listed: list) -> EGroup:
    """The group after `before` whose heading row is missing: numbered by the next Roman
    numeral, named by the list of groups in the body (section IV.2)."""
    numerals = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
    code = numerals[numerals.index(before.code) + 1]
    position = numerals.index(code)
    title = listed[position]["t"] if position < len(listed) else ""
    group = EGroup(code, title, gap=True, count=int(listed[position]["c"]) if position < len(listed) else None)
    found.groups.append(group)
    return group


def _row_task(code: str, group: str, cells: list[str]) -> ETask:
    task = ETask(code, group, f"PL.{code}")
    task.description = [cells[1]]
    task._cells = list(cells)  # type: ignore[attr-defined]
    _fill_row(task)
    return task


def _join_row(task: ETask, cells: list[str]) -> None:
    """A row continued after a page header: each cell joins its own with one space."""
    old = task._cells  # type: ignore[attr-defined]
    task._cells = [" ".join(x for x in (a, b) if x) for a, b in zip(old, cells, strict=True)]  # type: ignore[attr-defined]
    task.description = [task._cells[1]]  # type: ignore[attr-defined]
    _fill_row(task)


def _fill_row(task: ETask) -> None:
    cells = task._cells  # type: ignore[attr-defined]
    task.title = _sentence(cells[1])
    task.lead_units = split_units(cells[2])
    task.partner_units = split_units(cells[3])
    task.deadline = cells[4].strip().removesuffix(".").rstrip()
    task.done = task.deadline.startswith("Đã hoàn thành")


# --- units: 003 --------------------------------------------------------------------------------

def _units(doc: SourceDoc, found: Expected, root: str) -> None:
    group: EGroup | None = None
    count = 0
    for para in doc.within(root):
        if para.section == root:
            continue
        if para.heading:
            group = EGroup(para.number, para.text)
            found.groups.append(group)
            count = 0
            continue
        if group is None:
            continue
        count += 1
        task = ETask(f"{group.code}.{count}", group.code, para.section, lead_units=[group.title])
        task.description = [para.text]
        task.title, task.deadline = _dated_title(para.text)
        task.milestones = _pieces(task.deadline)
        found.tasks.append(task)


def _dated(text: str) -> bool:
    """Names a due date: a day (not a document's own date "ngày …") or a year."""
    return any(not text[: m.start()].rstrip().endswith("ngày") for m in _DATE.finditer(text)) \
        or bool(_YEAR.search(text))


def _dated_title(text: str) -> tuple[str, str]:
    """Title and deadline of a duty paragraph: a final bracket holding dates is the deadline;
    else the clauses (split at , ; :) that name a date are."""
    body = text.strip().removesuffix(".").rstrip()
    if body.endswith(")"):
        start = body.rfind("(")
        inner = body[start + 1 : -1]
        if start >= 0 and _dated(inner):
            return _sentence(body[:start]), inner.strip()
    spans = [m.span() for m in re.finditer(r"[^,;:]+", body)]
    dated = [(a, b) for a, b in spans if _dated(body[a:b])]
    deadline = body[dated[0][0] : dated[-1][1]].strip() if dated else ""
    return _sentence(body), deadline


def _pieces(deadline: str) -> list[str]:
    """The milestones of a deadline naming two dates or more: its ";" (else ",") pieces."""
    for sep in (";", ","):
        parts = [p.strip() for p in deadline.split(sep) if p.strip()]
        if len(parts) > 1 and all(_dated(p) for p in parts):
            return parts
    return []
