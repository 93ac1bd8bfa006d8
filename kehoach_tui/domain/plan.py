"""The plan-file model (seeds/README.md documents the TOML format)."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..errors import PlanError
from .deadlines import DeadlineKind, parse_deadline
from .vntext import clean_text

# Where a plan's word comes from: "004 §4.5.f" is section (or task) 4.5.f of the source
# document whose file name starts with 004 (seeds/sources/).
SOURCE_REF = r"^(\d{3} §\S+)?$"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _clean(value: object) -> object:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_text(v) if isinstance(v, str) else v for v in value]
    return value


class _CleanModel(_Model):
    @field_validator("*", mode="before")
    @classmethod
    def _clean_strings(cls, value: object) -> object:
        return _clean(value)


def _one_origin(item: BaseModel, what: str) -> None:
    """Every date rule and every item a commune did not get from the plan says so: exactly one
    of `source` (the section it quotes) and `assumed` (why it was added)."""
    source, assumed = getattr(item, "source", ""), getattr(item, "assumed", "")
    if bool(source) == bool(assumed):
        raise ValueError(f"{what}: cần đúng một trong hai trường source hoặc assumed")


class PlanMeta(_CleanModel):
    code: str = Field(min_length=1, pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str = Field(min_length=1)
    issuer: str = ""
    level: Literal["commune", "province"]
    commune_code: str = Field(default="", pattern=r"^(\d{5})?$")
    commune_name: str = ""
    province_code: str = Field(default="", pattern=r"^(\d{2})?$")
    province_name: str = ""
    source_document: str = ""
    issued_on: dt.date | None = None
    notes: list[str] = []
    source_file: str = Field(default="", pattern=r"^(\d{3}_[0-9a-f]{16}\.txt)?$")  # in seeds/sources/


class Group(_CleanModel):
    code: str = Field(min_length=1)
    title: str = ""
    gap: str = ""


class Milestone(_CleanModel):
    """One dated step of a task ("giai đoạn 1 hoàn thành 30/9/2025"); each can be overdue."""

    text: str = Field(min_length=1)      # the words naming it, as written
    due: dt.date | None = None           # read from text when not given
    source: str = Field(default="", pattern=SOURCE_REF)
    assumed: str = ""

    @model_validator(mode="after")
    def _dated(self) -> Milestone:
        _one_origin(self, f"mốc “{self.text}”")
        if self.due is None:
            found = parse_deadline(self.text)
            if found.kind != DeadlineKind.DATE or found.due is None:
                raise ValueError(f"mốc “{self.text}”: không đọc được ngày, ghi due = YYYY-MM-DD")
            object.__setattr__(self, "due", found.due)
        return self


class Task(_CleanModel):
    code: str = Field(min_length=1)
    group: str = Field(min_length=1)
    parent: str = ""
    title: str = ""
    description: str = ""
    lead_units: list[str] = []
    partner_units: list[str] = []
    deadline: str = ""
    status: Literal["done"] | None = None
    gap: str = ""
    milestones: list[Milestone] = []


class Target(_CleanModel):
    code: str = Field(min_length=1)
    label: str = Field(min_length=1)
    # "number": a figure to reach; "qualitative": an objective without a number, followed by
    # status, note and evidence. A target without target_value is qualitative unless it says.
    kind: Literal["number", "qualitative"] = "number"
    unit: str = ""
    target_value: float | None = None
    comparison: Literal[">=", "<=", "="] = ">="
    target_date: dt.date | None = None
    source_text: str = ""
    assumed: str = ""  # why a figure or date is not the source's own words ("toàn bộ" read as 100%)

    @model_validator(mode="before")
    @classmethod
    def _default_kind(cls, data: object) -> object:
        if isinstance(data, dict) and "kind" not in data and data.get("target_value") is None:
            return {**data, "kind": "qualitative"}
        return data

    @model_validator(mode="after")
    def _kind_fits(self) -> Target:
        if self.kind == "qualitative" and (self.target_value is not None or self.unit):
            raise ValueError(f"chỉ tiêu {self.code}: chỉ tiêu định tính không có target_value, unit")
        if self.kind == "number" and self.target_value is None:
            raise ValueError(f"chỉ tiêu {self.code}: thiếu target_value")
        return self


class Reporting(_CleanModel):
    code: str = Field(min_length=1)
    label: str = Field(min_length=1)
    period: Literal["day", "week", "month", "month15", "once"]
    rrule: str = ""
    due_time: str = Field(default="", pattern=r"^(\d{2}:\d{2})?$")
    text: str = ""                                     # the document's words
    source: str = Field(default="", pattern=SOURCE_REF)  # the rule is what `text` says…
    assumed: str = ""                                  # …or it adds to it, and why
    unit: str = ""  # a duty of one named unit: only that unit's users are held to it

    @model_validator(mode="after")
    def _origin(self) -> Reporting:
        _one_origin(self, f"báo cáo {self.code}")
        return self


class Responsibility(_CleanModel):
    """One duty of an organisation section ("V. Tổ chức thực hiện"), as written."""

    section: str = Field(min_length=1)     # "V.1"
    units: list[str] = Field(min_length=1)  # who it falls on
    text: str = Field(min_length=1)


class Omitted(_CleanModel):
    """A passage of the source the file leaves out, and why."""

    section: str = Field(min_length=1)  # "I", "IV.1": that section and what is under it
    text: str = ""                      # only the paragraphs containing these words
    reason: str = Field(min_length=1)


class PlanFile(_Model):
    format: Literal[1] = 1
    omitted: list[Omitted] = []
    plan: PlanMeta
    groups: list[Group] = []
    tasks: list[Task] = []
    targets: list[Target] = []
    reporting: list[Reporting] = []
    responsibilities: list[Responsibility] = []

    @model_validator(mode="after")
    def _check_references(self) -> PlanFile:
        groups = {g.code for g in self.groups}
        codes: set[str] = set()
        for task in self.tasks:
            if task.code in codes:
                raise ValueError(f"nhiệm vụ {task.code}: mã trùng lặp (code)")
            codes.add(task.code)
            if task.group not in groups:
                raise ValueError(f"nhiệm vụ {task.code}: nhóm '{task.group}' không có (group)")
        for task in self.tasks:
            if task.parent and task.parent not in codes:
                raise ValueError(f"nhiệm vụ {task.code}: nhiệm vụ cha '{task.parent}' không có (parent)")
        target_codes = [t.code for t in self.targets]
        if len(set(target_codes)) != len(target_codes):
            raise ValueError("chỉ tiêu: mã trùng lặp (code)")
        schedule_codes = [r.code for r in self.reporting]
        if len(set(schedule_codes)) != len(schedule_codes):
            raise ValueError("báo cáo: mã trùng lặp (code)")
        return self


# The lists whose items an error names by code (their words: plan.err_kind.*).
_KINDS = ("tasks", "targets", "groups", "reporting", "responsibilities", "omitted")


def _describe(error: Mapping[str, Any], data: dict) -> str:
    """One readable location for a pydantic error: task code and field."""
    from ..i18n import t
    from .validation_words import location, reason

    loc = list(error.get("loc", ()))
    where = location(error)
    if len(loc) >= 2 and loc[0] in _KINDS and isinstance(loc[1], int):
        items = data.get(loc[0]) or []
        item = items[loc[1]] if loc[1] < len(items) and isinstance(items[loc[1]], dict) else {}
        code = item.get("code") or item.get("section") or "?"
        field = ".".join(str(p) for p in loc[2:]) or t("plan.err_record")
        where = t("plan.err_where", kind=t(f"plan.err_kind.{loc[0]}"), code=code, field=field)
    return f"{where}: {reason(error)}"


def parse_plan(text: str, source: str = "<plan>") -> PlanFile:
    """Parse and validate plan TOML text; raise PlanError naming file, task and field."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        from ..i18n import t

        raise PlanError(t("plan.err_toml", source=source, reason=exc)) from None
    try:
        return PlanFile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise PlanError(f"{source}: {_describe(first, data)}") from None


def plan_warnings(plan: PlanFile) -> list[dict[str, str]]:
    """What an import must say rather than swallow: deadlines the parser does not understand
    (kept as written; the task then has no due date and is never overdue). Each: task code,
    the deadline as written, and why it was not understood."""
    out = []
    for task in plan.tasks:
        found = parse_deadline(task.deadline)
        if found.kind == DeadlineKind.UNPARSED:
            out.append({"code": task.code, "deadline": task.deadline, "why": found.note})
    return out


def load_plan_file(path: Path) -> PlanFile:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        from ..errors import os_reason
        from ..i18n import t

        reason = os_reason(exc) if isinstance(exc, OSError) else t("plan.err_not_utf8")
        raise PlanError(t("plan.err_read", path=path, reason=reason)) from None
    return parse_plan(text, str(path))
