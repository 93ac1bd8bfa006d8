"""The plan-file model (seeds/README.md documents the TOML format)."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..errors import PlanError
from .vntext import clean_text


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


class Group(_CleanModel):
    code: str = Field(min_length=1)
    title: str = ""
    gap: str = ""


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


class Target(_CleanModel):
    code: str = Field(min_length=1)
    label: str = Field(min_length=1)
    unit: str = ""
    target_value: float | None = None
    comparison: Literal[">=", "<=", "="] = ">="
    target_date: dt.date | None = None
    source_text: str = ""


class Reporting(_CleanModel):
    code: str = Field(min_length=1)
    label: str = Field(min_length=1)
    period: Literal["day", "week", "month", "month15", "once"]
    rrule: str = ""
    due_time: str = Field(default="", pattern=r"^(\d{2}:\d{2})?$")
    text: str = ""


class PlanFile(_Model):
    format: Literal[1] = 1
    plan: PlanMeta
    groups: list[Group] = []
    tasks: list[Task] = []
    targets: list[Target] = []
    reporting: list[Reporting] = []

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
        return self


def _describe(error: dict, data: dict) -> str:
    """One readable location for a pydantic error: task code and field."""
    from ..i18n import t
    from .validation_words import location, reason

    loc = list(error.get("loc", ()))
    where = location(error)
    if len(loc) >= 2 and loc[0] in ("tasks", "targets", "groups", "reporting") and isinstance(loc[1], int):
        items = data.get(loc[0]) or []
        code = items[loc[1]].get("code", "?") if loc[1] < len(items) and isinstance(items[loc[1]], dict) else "?"
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


def load_plan_file(path: Path) -> PlanFile:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        from ..errors import os_reason
        from ..i18n import t

        reason = os_reason(exc) if isinstance(exc, OSError) else t("plan.err_not_utf8")
        raise PlanError(t("plan.err_read", path=path, reason=reason)) from None
    return parse_plan(text, str(path))
