"""Migration 9: where a plan's words come from, and what no longer gets dropped.

- report_schedules: `source` ("002 §VI.10") or `assumed` (why the commune set it so), and
  `unit` for a duty of one named unit;
- targets: `kind` ("number" or "qualitative": an objective without a figure) and `assumed`;
  target_assessments: a qualitative target's status, note and evidence per month;
- checklist_items: `source_ref`, `source_quote` or `assumed` (the seeded items that come
  from plan task 3.4.c are marked here for databases created before);
- task_milestones: several dated steps of one task, each can be overdue;
- plan_responsibilities: the organisation sections' duties per unit.

Number 8 is taken by another area's migration.
"""

from __future__ import annotations

# The default items that task 3.4.c names ("kết nối Internet, máy tính, máy in, máy quét, hệ
# thống phần mềm…"); the others were added by the app (seeds/checklist-default.toml).
_FROM_PLAN = {
    "INTERNET": "kết nối Internet", "MAY_TINH": "máy tính", "MAY_IN": "máy in", "MAY_QUET": "máy quét",
    "MOT_CUA": "hệ thống phần mềm", "DVCQG": "hệ thống phần mềm", "HO_TICH": "hệ thống phần mềm",
    "VAN_BAN": "hệ thống phần mềm", "EMAIL": "hệ thống phần mềm", "HOP_TT": "hệ thống phần mềm",
}


def plan_sources_sql(synced: str) -> str:
    backfill = "".join(
        f"UPDATE checklist_items SET source_ref = '004 §3.4.c', source_quote = '{quote}' WHERE code = '{code}';\n"
        for code, quote in _FROM_PLAN.items())
    return f"""
ALTER TABLE report_schedules ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE report_schedules ADD COLUMN assumed TEXT NOT NULL DEFAULT '';
ALTER TABLE report_schedules ADD COLUMN unit TEXT NOT NULL DEFAULT '';
ALTER TABLE targets ADD COLUMN kind TEXT NOT NULL DEFAULT 'number';
ALTER TABLE targets ADD COLUMN assumed TEXT NOT NULL DEFAULT '';
UPDATE targets SET kind = 'qualitative' WHERE target_value IS NULL;
ALTER TABLE checklist_items ADD COLUMN source_ref TEXT NOT NULL DEFAULT '';
ALTER TABLE checklist_items ADD COLUMN source_quote TEXT NOT NULL DEFAULT '';
ALTER TABLE checklist_items ADD COLUMN assumed TEXT NOT NULL DEFAULT '';
{backfill}
CREATE TABLE target_assessments (
    {synced},
    plan_id TEXT NOT NULL,
    target_id TEXT NOT NULL,
    target_code TEXT NOT NULL,
    period TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done')),
    note TEXT NOT NULL DEFAULT '',
    evidence TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX target_assessments_period ON target_assessments(target_id, period) WHERE deleted = 0;
CREATE TABLE task_milestones (
    {synced},
    plan_id TEXT NOT NULL REFERENCES plans(id),
    code TEXT NOT NULL,
    task_code TEXT NOT NULL,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    due_date TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    assumed TEXT NOT NULL DEFAULT '',
    done_on TEXT
);
CREATE UNIQUE INDEX task_milestones_code ON task_milestones(plan_id, code) WHERE deleted = 0;
CREATE TABLE plan_responsibilities (
    {synced},
    plan_id TEXT NOT NULL REFERENCES plans(id),
    code TEXT NOT NULL,
    section TEXT NOT NULL,
    units TEXT NOT NULL DEFAULT '[]',
    text TEXT NOT NULL,
    position INTEGER NOT NULL
);
CREATE UNIQUE INDEX plan_responsibilities_code ON plan_responsibilities(plan_id, code) WHERE deleted = 0
"""
