"""What the store hands to screens and the CLI (read side): frozen dataclasses, filled by
the store from typed columns, so reading a plan needs no pydantic (start-up, `tasks --json`).
Validation belongs to what is written: plan files (domain/plan.py) and forms."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

STATUSES = ("not_started", "in_progress", "done", "blocked", "not_applicable")

@dataclass(frozen=True)
class PlanInfo:
    id: str
    code: str
    title: str
    issuer: str
    level: str
    commune_name: str
    province_name: str
    source_document: str


@dataclass(frozen=True)
class Commune:
    code: str
    name: str
    province_code: str
    province_name: str


@dataclass(frozen=True)
class GroupInfo:
    code: str
    title: str
    gap: str = ""


@dataclass(frozen=True)
class TaskView:
    id: str
    code: str
    group_code: str
    parent_code: str
    title: str
    description: str
    lead_units: list[str]
    partner_units: list[str]
    deadline_text: str
    deadline_kind: str
    due_date: dt.date | None
    trigger_date: dt.date | None
    status: str
    progress: int
    gap: str
    position: int
    updated_at: str
    updated_by: str
    version: int


@dataclass(frozen=True)
class TargetView:
    id: str
    code: str
    label: str
    unit: str
    target_value: float | None
    comparison: str
    target_date: dt.date | None
    source_text: str
