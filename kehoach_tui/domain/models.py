"""Pydantic models the store hands to screens and the CLI (read side)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict

STATUSES = ("not_started", "in_progress", "done", "blocked", "not_applicable")


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class PlanInfo(_Out):
    id: str
    code: str
    title: str
    issuer: str
    level: str
    commune_name: str
    province_name: str
    source_document: str


class Commune(_Out):
    code: str
    name: str
    province_code: str
    province_name: str


class GroupInfo(_Out):
    code: str
    title: str
    gap: str = ""


class TaskView(_Out):
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


class TargetView(_Out):
    id: str
    code: str
    label: str
    unit: str
    target_value: float | None
    comparison: str
    target_date: dt.date | None
    source_text: str
