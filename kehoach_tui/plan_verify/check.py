"""Comparing a plan file with what its source document says, field by field.

Every check returns `Difference`s; none raises. What is compared:

- the plan title; groups (code, title, a group whose heading the source lost has a `gap`);
- tasks, in order: code, group, parent, title, description, lead and partner units, deadline
  as written, status (done when the source says "Đã hoàn thành"), a lost row has a `gap`;
- targets: the sentence they quote is an objective of the source (or a task's own words); the
  figure, unit and comparison are that sentence's own, and the date is its phase's end or a
  year it names — unless the target says why not (`assumed`); the label uses only words of
  the sentence; every objective has a target, every headline figure of it one with that
  figure (nothing dropped);
- milestones: each quotes its task (or the section named by `source`) and its date is the
  one those words give; a deadline naming several dates has one milestone per date;
- reporting: the quoted words are the source's; a rule marked `source` is exactly what those
  words say ("trước ngày 24 hằng tháng" → the 23rd); a rule the words do not fix is
  `assumed`; a duty of one named unit carries that `unit`; every duty with a period or a
  date is in the file;
- responsibilities: each quotes a paragraph of its organisation section and names a unit of
  its heading or its text; every paragraph of those sections is one;
- everything else in the body is either in the file or listed in `omitted` with a reason,
  and every `omitted` entry covers something.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from dateutil.rrule import rrulestr

from ..domain.deadlines import DeadlineKind, parse_deadline
from ..domain.plan import PlanFile
from ..domain.vntext import fold
from .figures import figures, headlines
from .layouts import ETask, Expected
from .source import Para, SourceDoc, norm


@dataclass(frozen=True)
class Difference:
    where: str     # "task 2.3", "target CT4", "reporting monthly"
    field: str     # "lead_units", "target_value", … or "" for the item itself
    message: str

    def __str__(self) -> str:
        field = f" {self.field}:" if self.field else ""
        return f"{self.where}:{field} {self.message}"


def _short(value: object, limit: int = 90) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…'"


def compare(plan: PlanFile, expected: Expected) -> list[Difference]:
    out: list[Difference] = []
    for check in CHECKS:
        out.extend(check(plan, expected))
    return out


# --- plan, groups, tasks -----------------------------------------------------------------------

def check_title(plan: PlanFile, exp: Expected) -> list[Difference]:
    if plan.plan.title != exp.doc.title:
        return [Difference("plan", "title", f"file {_short(plan.plan.title)} ≠ source {_short(exp.doc.title)}")]
    return []


def check_groups(plan: PlanFile, exp: Expected) -> list[Difference]:
    out = []
    mine = {g.code: g for g in plan.groups}
    theirs = {g.code: g for g in exp.groups}
    for code, group in theirs.items():
        have = mine.get(code)
        if have is None:
            out.append(Difference(f"group {code}", "", f"missing (source: {_short(group.title)})"))
            continue
        if have.title != group.title:
            out.append(Difference(f"group {code}", "title", f"file {_short(have.title)} ≠ source {_short(group.title)}"))
        if group.gap and not have.gap:
            out.append(Difference(f"group {code}", "gap", "the source lost this heading: say so in gap"))
    out += [Difference(f"group {code}", "", "not in the source") for code in mine if code not in theirs]
    if [g.code for g in plan.groups if g.code in theirs] != [g.code for g in exp.groups]:
        out.append(Difference("groups", "", "not in the source's order"))
    return out


def check_tasks(plan: PlanFile, exp: Expected) -> list[Difference]:
    out = []
    mine = {t.code: t for t in plan.tasks}
    theirs = {t.code: t for t in exp.tasks}
    for code, want in theirs.items():
        have = mine.get(code)
        if have is None:
            out.append(Difference(f"task {code}", "", f"missing (source: {_short(want.title, 70)})"))
            continue
        pairs = [
            ("group", have.group, want.group), ("parent", have.parent, want.parent),
            ("title", have.title, want.title), ("description", have.description, want.text),
            ("lead_units", have.lead_units, want.lead_units),
            ("partner_units", have.partner_units, want.partner_units),
            ("deadline", have.deadline, want.deadline),
            ("status", have.status, "done" if want.done else None),
        ]
        for name, a, b in pairs:
            if a != b:
                out.append(Difference(f"task {code}", name, f"file {_short(a)} ≠ source {_short(b)}"))
        if want.gap and not have.gap:
            out.append(Difference(f"task {code}", "gap", "the source lost part of this row: say so in gap"))
    out += [Difference(f"task {code}", "", "not in the source") for code in mine if code not in theirs]
    if [t.code for t in plan.tasks if t.code in theirs] != [t.code for t in exp.tasks if t.code in mine]:
        out.append(Difference("tasks", "", "not in the source's order"))
    return out


# --- targets -----------------------------------------------------------------------------------

_ABBREVIATIONS = {
    "tthc": "thu tuc hanh chinh", "dvctt": "dich vu cong truc tuyen", "csdl": "co so du lieu",
    "dvc": "dich vu cong", "hcc": "hanh chinh cong", "cntt": "cong nghe thong tin",
}
# Words a label may add to join the sentence's words into a name.
_JOINERS = {"duoc", "va", "cac", "cua", "moi", "nhiem", "vu"}


def _words(text: str) -> list[str]:
    words = re.findall(r"[\w.]+", fold(text))
    out = []
    for word in words:
        word = word.strip(".")
        if word:
            out.extend(_ABBREVIATIONS.get(word, word).split())
    return out


def _task_lines(exp: Expected) -> list[str]:
    return [line for task in exp.tasks for line in (task.raw or task.description)]


def _quoted_by_task(text: str, exp: Expected) -> bool:
    return len(text.split()) >= 5 and any(text in line for line in _task_lines(exp))


def _allowed_dates(source_text: str, phase: dt.date | None) -> set[dt.date]:
    dates = {phase} if phase else set()
    dates |= {dt.date(int(y), 12, 31) for y in re.findall(r"năm (\d{4})", source_text)}
    for d, m, y in re.findall(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})", source_text):
        with contextlib.suppress(ValueError):
            dates.add(dt.date(int(y), int(m), int(d)))
    return dates


def _objectives_of(text: str, exp: Expected) -> list:
    """The objectives a target's sentence is (or is a sentence of: one bullet can hold two)."""
    return [o for o in exp.objectives if text == o.text or (len(text.split()) >= 5 and text in o.text)]


def check_targets(plan: PlanFile, exp: Expected) -> list[Difference]:
    out = []
    for target in plan.targets:
        where = f"target {target.code}"
        objectives = _objectives_of(target.source_text, exp)
        if not objectives and not _quoted_by_task(target.source_text, exp):
            out.append(Difference(where, "source_text", f"not an objective or a task's words: {_short(target.source_text)}"))
            continue
        phases = {o.phase_end for o in objectives if o.phase_end}
        if target.kind == "number":
            # A reading (`assumed`) may supply a figure the sentence lacks, never change one it has.
            same_unit = [f for f in figures(target.source_text) if f.unit == target.unit]
            found = [f for f in same_unit if f.value == target.target_value]
            if not found and (same_unit or not target.assumed):
                out.append(Difference(where, "target_value", f"{target.target_value:g} {target.unit} is not a figure of its "
                                      "sentence (say why in assumed if it is a reading)"))
            elif found and target.comparison not in {f.comparison for f in found}:
                out.append(Difference(where, "comparison", f"{target.comparison} ≠ source {found[0].comparison}"))
        allowed = _allowed_dates(target.source_text, None) | phases
        if not target.assumed:
            if target.target_date and target.target_date not in allowed:
                out.append(Difference(where, "target_date", f"{target.target_date} is neither the phase's end nor a date "
                                      "of the sentence (say why in assumed)"))
            if target.target_date is None and phases:
                out.append(Difference(where, "target_date", f"missing: the phase ends {max(phases):%d/%m/%Y}"))
        extra = [w for w in _words(re.sub(r"^Nhiệm vụ [\w.]+:\s*", "", target.label))
                 if w not in set(_words(target.source_text)) | _JOINERS]
        if extra:
            out.append(Difference(where, "label", f"words not in its sentence: {', '.join(extra)}"))
    return out


def check_objectives(plan: PlanFile, exp: Expected) -> list[Difference]:
    """Nothing dropped: every objective has a target, every headline figure one of its own."""
    out = []
    omitted = _omission_index(plan, exp.doc)
    for objective in exp.objectives:
        para = Para(objective.text, objective.section, bullet="-")
        if any(_covers(entry, para) for entry in omitted):
            continue
        mine = [t for t in plan.targets if objective in _objectives_of(t.source_text, exp)]
        where = f"objective {objective.section}"
        if not mine:
            out.append(Difference(where, "", f"no target quotes it: {_short(objective.text)}"))
            continue
        wanted = Counter((f.value, f.unit) for f in headlines(objective.text))
        have = Counter((t.target_value, t.unit) for t in mine if t.kind == "number")
        for (value, unit), count in wanted.items():
            if have[(value, unit)] < count:  # "100% …; 100% …" is two targets
                out.append(Difference(where, "", f"{count} figure(s) {value:g} {unit}, {have[(value, unit)]} target(s): "
                                      f"{_short(objective.text, 60)}"))
    return out


# --- milestones --------------------------------------------------------------------------------

def _section_words(doc: SourceDoc, ref: str) -> tuple[str | None, str]:
    """(full section name, its heading and text) for a reference "003 §II.1.b"."""
    number, _, section = ref.partition(" §")
    if number != doc.number:
        return None, ""
    name = doc.resolve(section)
    if name is None:
        return None, ""
    return name, " ".join([doc.titles.get(name, ""), doc.section_text(name)])


def check_milestones(plan: PlanFile, exp: Expected) -> list[Difference]:
    out = []
    theirs = {t.code: t for t in exp.tasks}
    for task in plan.tasks:
        want: ETask | None = theirs.get(task.code)
        for milestone in task.milestones:
            where = f"task {task.code} milestone {milestone.text[:30]!r}"
            words = task.description
            if milestone.source:
                name, words = _section_words(exp.doc, milestone.source)
                if name is None:
                    out.append(Difference(where, "source", f"{milestone.source!r} is not a section of {exp.doc.name}"))
                    continue
            if milestone.text not in words:
                out.append(Difference(where, "text", "not the words of its task or of its source section"))
                continue
            read = parse_deadline(milestone.text)
            if read.kind == DeadlineKind.DATE and read.due != milestone.due and not milestone.assumed:
                out.append(Difference(where, "due", f"{milestone.due} ≠ {read.due} named by its words"))
            elif read.kind != DeadlineKind.DATE and not milestone.assumed:
                # Words without a date of their own: dated by the phase of the objective they quote.
                name = exp.doc.resolve(milestone.source.partition(" §")[2]) or ""
                phases = {o.phase_end for o in exp.objectives
                          if (o.section == name or o.section.startswith(name + ".")) and milestone.text in o.text}
                if milestone.due not in phases:
                    out.append(Difference(where, "due", f"{milestone.due} is not the end of the phase of these words "
                                          "(say why in assumed)"))
        if want and want.milestones:
            have = {m.text for m in task.milestones}
            for piece in want.milestones:
                if piece not in have:
                    out.append(Difference(f"task {task.code}", "milestones", f"missing the milestone {_short(piece)}"))
    return out


# --- reporting ---------------------------------------------------------------------------------

_DAYS = {"hai": "MO", "ba": "TU", "tư": "WE", "năm": "TH", "sáu": "FR", "bảy": "SA"}
_PERIODS = (("ngày", "day"), ("tuần", "week"), ("tháng", "month"))


@dataclass(frozen=True)
class Duty:
    """A reporting duty the source states, and the rule its words fix (None: no day given)."""

    period: str               # day, week, month, once, adhoc
    rule: str | None          # an RFC 5545 rule, or None
    due_time: str
    para: Para
    unit: str = ""            # the unit of the section heading, for a one-unit duty


def duties(doc: SourceDoc, paras: list[Para], unit_of: dict[str, str]) -> list[Duty]:
    """Duties in paragraphs: "hàng ngày (trước 10h)", "hàng tuần (trước 8h00 ngày thứ năm)",
    "hằng tháng (trước ngày 24 hằng tháng)", "định kỳ (tuần, tháng)", "tổng kết … trước ngày
    15/12/2025", "đột xuất"."""
    out = []
    for para in paras:
        text = para.text
        if not re.search(r"báo cáo|tổng kết", text, re.I):
            continue
        unit = unit_of.get(para.section, "")
        for word, period in _PERIODS:
            m = re.search(rf"h[àằ]ng {word}(?: \((?P<inner>[^)]*)\))?", text)
            listed = re.search(r"định kỳ \((?P<inner>[^)]*)\)", text)
            if m:
                inner = m["inner"] or ""
            elif listed and word in listed["inner"].split(", "):
                inner = ""
            else:
                continue
            out.append(Duty(period, *_rule(period, inner), para, unit))
        if "đột xuất" in text:
            out.append(Duty("adhoc", None, "", para, unit))
        m = re.search(r"trước ngày (\d{1,2})/(\d{1,2})/(\d{4})", text)
        if m and re.search(r"tổng kết", text, re.I):
            day = dt.date(int(m[3]), int(m[2]), int(m[1])) - dt.timedelta(days=1)
            rule = f"FREQ=YEARLY;BYMONTH={day.month};BYMONTHDAY={day.day};UNTIL={day:%Y%m%d}"
            out.append(Duty("once", rule, "", para, unit))
    return out


def _rule(period: str, inner: str) -> tuple[str | None, str]:
    """The rule and time "(trước 8h00 ngày thứ năm)" fixes; "before" a day is the day before,
    before an hour is that hour (a report due at 10:00 is late from 10:00)."""
    hour = re.search(r"trước (\d{1,2})h(\d{2})?", inner)
    due_time = f"{int(hour[1]):02d}:{hour[2] or '00'}" if hour else ""
    if period == "day":
        return "FREQ=DAILY", due_time
    if period == "week":
        day = re.search(r"ngày thứ (hai|ba|tư|năm|sáu|bảy)", inner)
        return (f"FREQ=WEEKLY;BYDAY={_DAYS[day[1]]}" if day else None), due_time
    day = re.search(r"trước ngày (\d{1,2}) h[àằ]ng tháng", inner)
    return (f"FREQ=MONTHLY;BYMONTHDAY={int(day[1]) - 1}" if day else None), due_time


def _dates(rule: str) -> list[dt.date]:
    start = dt.datetime(2025, 1, 1)
    return [d.date() for d in rrulestr(rule, dtstart=start).between(start, dt.datetime(2026, 12, 31), inc=True)]


def _unit_headings(doc: SourceDoc) -> dict[str, str]:
    return {name: re.sub(r"^Trách nhiệm của\s+", "", title) for name, title in doc.titles.items()}


def _responsibility_unit(doc: SourceDoc, section: str) -> str:
    """The unit a section of an organisation part is about (its heading without brackets)."""
    heading = _unit_headings(doc).get(section, "")
    return re.sub(r"\s*\(.*\)$", "", heading).strip()


def check_reporting(plan: PlanFile, exp: Expected) -> list[Difference]:
    out = []
    doc = exp.doc
    units = {p.section: _responsibility_unit(doc, p.section) for p in exp.responsibilities}
    found = duties(doc, exp.reporting + exp.responsibilities + [
        Para(line, t.section) for t in exp.tasks for line in (t.raw or t.description)], units)
    omitted = _omission_index(plan, doc)
    matched: set[int] = set()
    for schedule in plan.reporting:
        where = f"reporting {schedule.code}"
        text = norm(schedule.text)
        candidates = [i for i, d in enumerate(found) if text and text in d.para.text and d.period == schedule.period]
        if not candidates:
            out.append(Difference(where, "text", f"no {schedule.period} duty of the source says {_short(schedule.text, 70)}"))
            continue
        duty = found[candidates[0]]
        matched.update(candidates[:1])
        if schedule.source:
            number, _, section = schedule.source.partition(" §")
            if number != doc.number or doc.resolve(section) is None:
                out.append(Difference(where, "source", f"{schedule.source!r} is not a section of {doc.name}"))
            if duty.rule is None:
                out.append(Difference(where, "source", "the source gives no day for it: mark the rule assumed"))
            elif not schedule.rrule or _dates(schedule.rrule) != _dates(duty.rule):
                out.append(Difference(where, "rrule", f"{schedule.rrule!r} ≠ {duty.rule!r} said by the source"))
            if duty.rule is not None and schedule.due_time != duty.due_time:
                out.append(Difference(where, "due_time", f"{schedule.due_time!r} ≠ {duty.due_time!r} said by the source"))
        if duty.unit and schedule.unit != duty.unit:
            out.append(Difference(where, "unit", f"a duty of {duty.unit!r} only: unit {schedule.unit!r}"))
        if not duty.unit and schedule.unit:
            out.append(Difference(where, "unit", "the source gives this duty to everyone"))
    for i, duty in enumerate(found):
        if i in matched or any(_covers(e, duty.para, duty.period) for e in omitted):
            continue
        if any(j in matched for j, d in enumerate(found) if d.para is duty.para and d.period == duty.period):
            continue
        out.append(Difference(f"duty {duty.para.section}", "", f"{duty.period} report not in the file: {_short(duty.para.text, 70)}"))
    return out


# --- responsibilities and the rest -------------------------------------------------------------

def check_responsibilities(plan: PlanFile, exp: Expected) -> list[Difference]:
    out = []
    doc = exp.doc
    headings = _unit_headings(doc)
    covered: set[int] = set()
    for item in plan.responsibilities:
        where = f"responsibility {item.section}"
        name = doc.resolve(item.section)
        if name is None:
            out.append(Difference(where, "section", f"not a section of {doc.name}"))
            continue
        hits = [i for i, p in enumerate(exp.responsibilities) if p.section == name and p.text == item.text]
        if not hits:
            out.append(Difference(where, "text", f"not a paragraph of the section: {_short(item.text, 70)}"))
            continue
        covered.update(hits)
        place = fold(headings.get(name, "") + " " + item.text)
        for unit in item.units:
            if fold(unit) not in place:
                out.append(Difference(where, "units", f"{unit!r} is named neither by the heading nor by the text"))
    omitted = _omission_index(plan, doc)
    for i, para in enumerate(exp.responsibilities):
        if i not in covered and not any(_covers(e, para) for e in omitted):
            out.append(Difference(f"responsibility {para.section}", "", f"missing: {_short(para.text, 70)}"))
    return out


@dataclass(frozen=True)
class _Omission:
    section: str     # full section name
    text: str
    index: int


def _omission_index(plan: PlanFile, doc: SourceDoc) -> list[_Omission]:
    out = []
    for i, entry in enumerate(plan.omitted):
        name = doc.resolve(entry.section)
        if name is not None:
            out.append(_Omission(name, entry.text, i))
    return out


def _covers(entry: _Omission, para: Para, period: str = "") -> bool:
    inside = para.section == entry.section or para.section.startswith(entry.section + ".")
    return inside and (not entry.text or entry.text in para.text) and (
        period != "adhoc" or "đột xuất" in entry.text or not entry.text)


def check_rest(plan: PlanFile, exp: Expected) -> list[Difference]:
    """Every other paragraph of the body is in the file or omitted with a reason."""
    out = []
    omitted = _omission_index(plan, exp.doc)
    used: set[int] = set()
    candidates = exp.others + exp.responsibilities + exp.reporting + [
        Para(o.text, o.section, bullet="-") for o in exp.objectives]
    for para in candidates:
        for entry in omitted:
            if _covers(entry, para):
                used.add(entry.index)
    for para in exp.others:
        if not any(_covers(e, para) for e in omitted):
            out.append(Difference(f"section {para.section}", "", f"neither in the file nor omitted: {_short(para.text, 70)}"))
    for i, omission in enumerate(plan.omitted):
        if exp.doc.resolve(omission.section) is None:
            out.append(Difference(f"omitted {omission.section}", "section", f"not a section of {exp.doc.name}"))
        elif i not in used:
            out.append(Difference(f"omitted {omission.section}", "", "covers nothing"))
    return out


CHECKS = [
    check_title, check_groups, check_tasks, check_targets, check_objectives, check_reporting,
    check_responsibilities, check_rest, check_milestones,
]
