"""What the store hands to screens and the CLI (read side): named tuples, filled by the
store from typed columns, so reading a plan needs no pydantic (start-up, `tasks --json`).
Named tuples rather than frozen dataclasses: the first frame waits for these classes, and
one such dataclass takes about a millisecond to define on a slow PC. Validation belongs to
what is written: plan files (domain/plan.py) and forms."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

STATUSES = ("not_started", "in_progress", "done", "blocked", "not_applicable")

class PlanInfo(NamedTuple):
    id: str
    code: str
    title: str
    issuer: str
    level: str
    commune_name: str
    province_name: str
    source_document: str


class Commune(NamedTuple):
    code: str
    name: str
    province_code: str
    province_name: str


class GroupInfo(NamedTuple):
    code: str
    title: str
    gap: str = ""


class TaskView(NamedTuple):
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


class TargetView(NamedTuple):
    id: str
    code: str
    label: str
    unit: str
    target_value: float | None
    comparison: str
    target_date: dt.date | None
    source_text: str
