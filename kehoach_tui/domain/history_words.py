"""One change-log entry in words, as an officer (or an inspector) reads the audit trail:

    Nguyễn Thị Hoa · 06/11/2025 10:20 · Sự cố #1: Đang xử lý → Đã khắc phục

No table or column names, no catalogue keys, no internal ids or ISO timestamps: each
entity has its own sentence, each field its label, each value its display form (dates
dd/mm/yyyy, times in local time, numbers 85,5, states in the words of their own area).
Columns that change on every write or are internal are left out.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from ..config import fmt_datetime
from ..i18n import known, t
from .numbers import fmt_number
from .periods import Period, PeriodKind
from .report_texts import TEXT_KEYS
from .targets import fmt_period

# Never worth a word: bookkeeping, derived or internal columns.
QUIET = {
    "id", "commune_code", "created_at", "updated_at", "updated_by", "version", "search_key", "position",
    "plan_id", "task_id", "target_id", "day_id", "incident_id", "deadline_kind", "due_date", "status_at",
    "resolved_at", "closed_at", "category_name", "marked_at", "item_title", "probes", "probed_at", "source",
    "evidence_kind",
}

# Field labels: a catalogue key per (entity, column); shared ones under "*".
FIELD_LABELS = {
    "*": {"title": "field.title", "description": "field.description", "note": "col.note", "status": "col.status",
          "progress": "overview.progress"},
    "tasks": {"lead_units": "field.lead_units", "partner_units": "field.partner_units",
              "deadline_text": "field.deadline_text", "gap": "field.gap", "group_code": "field.group_code",
              "parent_code": "field.parent_code", "trigger_date": "task.trigger_date"},
    "targets": {"label": "field.title", "target_value": "history.field.target_value",
                "target_date": "history.field.target_date", "unit": "history.field.unit",
                "comparison": "history.field.comparison"},
    "incidents": {"category": "incident.form.category", "severity": "incident.form.severity",
                  "opened_at": "incident.form.opened_at", "reporter": "incident.form.reporter",
                  "location": "incident.form.location", "systems": "incident.form.systems",
                  "service_interrupted": "incident.form.interrupted", "dossiers_delayed": "incident.form.dossiers",
                  "reported_via": "incident.form.via", "reported_to": "incident.form.to",
                  "contact": "incident.form.contact", "checklist_item": "incident.form.item",
                  "resolution": "incident.detail.resolution"},
    "checklist_items": {"category": "checklist.field_category", "required": "checklist.field_required",
                        "probe": "history.field.probe", "active": "history.field.active"},
    "mail_outbox": {"state": "col.status", "last_error": "col.note"},
}

BOOLEAN = {"service_interrupted", "required", "active", "late", "deleted"}
LISTS = {"lead_units", "partner_units"}
DATES = {"trigger_date", "target_date", "issued_on", "check_date"}
MOMENTS = {"opened_at", "finished_at", "started_at", "sent_at"}

# Settings named in words; a key not listed here is "another setting" (never its raw key).
SETTING_LABELS = {
    "commune_code": "history.setting.commune_code", "commune_name": "history.setting.commune_name",
    "province_code": "history.setting.province_code", "province_name": "history.setting.province_name",
    "officer": "history.setting.officer", "plan_code": "history.setting.plan_code",
    # the morning check's settings are stored as "checklist.<name>" (store/checklist.py)
    **{f"checklist.{name}": f"history.setting.{name}" for name in (
        "late_after", "saturdays", "holidays", "extra_workdays", "internet_hosts", "backup_max_age_days",
        "probe_timeout")},
    "report_place": "reports.place", "report_doc_number": "reports.doc_number",
    "report_doc_suffix": "history.setting.doc_suffix", "report_signer_title": "reports.signer_title",
    "report_signer_name": "reports.signer_name", "report_recipients": "reports.recipients",
    "mail": "history.setting.mail", "incident_extra_categories": "history.setting.extra_categories",
    "incident_hidden_categories": "history.setting.hidden_categories",
}
HIDDEN_SETTINGS = {"plan_id"}  # an internal id: the plan_code entry beside it says it


@dataclass
class Lookups:
    """What a sentence needs from elsewhere in the database (given by store/history.py)."""

    incident_numbers: dict[str, int] = field(default_factory=dict)
    categories: dict[str, str] = field(default_factory=dict)
    severities: dict[str, str] = field(default_factory=dict)
    channels: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Words:
    subject: str   # the short reference: "1.1", "CT4", "Sự cố #1", "Cài đặt"
    what: str      # the same in full: "Nhiệm vụ 1.1", "Chỉ tiêu CT4", "Sự cố #1"
    summary: str   # what happened


def _status(code: object) -> str:
    return t("status." + str(code)) if code and known("status." + str(code)) else "—"


def _incident_status(code: object) -> str:
    key = "incident.status." + str(code)
    return t(key) if code and known(key) else "—"


def _check_state(code: object) -> str:
    key = "cstate." + str(code)
    return t(key) if code and known(key) else "—"


def _mail_state(code: object) -> str:
    key = "mail.state." + str(code)
    return t(key) if code and known(key) else "—"


def _date(text: object) -> str:
    try:
        return dt.date.fromisoformat(str(text)[:10]).strftime("%d/%m/%Y")
    except ValueError:
        return str(text)


def value_text(entity: str, name: str, value: Any, look: Lookups) -> str:
    """One value as shown: "—" for nothing, Có/Không, dates, local times, labels, 85,5."""
    if value is None or value == "" or value == [] or value == "[]":
        return "—"
    if name == "status":
        return {"incidents": _incident_status, "checklist_marks": _check_state,
                "mail_outbox": _mail_state}.get(entity, _status)(value)
    if name == "progress":
        return f"{value}%"
    if name in BOOLEAN:
        return t("history.yes") if value in (1, True, "1") else t("history.no")
    if name in LISTS:
        items = json.loads(value) if isinstance(value, str) and value.startswith("[") else value
        return "; ".join(map(str, items)) if isinstance(items, list) else str(items)
    if name in DATES:
        return _date(value)
    if name in MOMENTS:
        return fmt_datetime(str(value))
    if entity == "incidents":
        table = {"category": look.categories, "severity": look.severities, "reported_via": look.channels}.get(name)
        if table is not None:
            return table.get(str(value), str(value))
    if isinstance(value, bool):
        return t("history.yes") if value else t("history.no")
    if isinstance(value, int | float):
        return fmt_number(value)
    return " ".join(str(value).split())


def _label(entity: str, name: str) -> str | None:
    key = FIELD_LABELS.get(entity, {}).get(name) or FIELD_LABELS["*"].get(name)
    return t(key) if key else None


def field_changes(entity: str, before: dict, after: dict, look: Lookups) -> list[str]:
    """"Trạng thái: Đang xử lý → Đã khắc phục" for each visible changed field, in a stable
    order (status and progress first)."""
    names = [n for n in after if n not in QUIET and before.get(n) != after.get(n)]
    names.sort(key=lambda n: (n not in ("status", "progress"), n != "status", n))
    parts = []
    for name in names:
        label = _label(entity, name)
        if label is None:
            continue  # an internal column: not the officer's business
        old, new = value_text(entity, name, before.get(name), look), value_text(entity, name, after.get(name), look)
        parts.append(f"{label}: {old} → {new}")
    return parts


def _period_words(row: dict) -> str:
    try:
        period = Period(kind=PeriodKind(row.get("period_kind", "custom")),
                        start=dt.date.fromisoformat(row["period_start"]), end=dt.date.fromisoformat(row["period_end"]))
    except (KeyError, ValueError):
        return ""
    return period.words()


def _incident_ref(row: dict, entity_id: str, look: Lookups) -> tuple[str, str]:
    number = row.get("number") or look.incident_numbers.get(row.get("incident_id") or entity_id)
    ref = t("history.subject.incident", number=number if number is not None else "?")
    return ref, ref


def _added_or_removed(op: str, thing: str) -> str | None:
    if op == "insert":
        return t("history.added", thing=thing)
    if op == "delete":
        return t("history.removed", thing=thing)
    return None


def describe(entity: str, op: str, before: dict | None, after: dict | None, entity_id: str,
             look: Lookups | None = None) -> Words:
    """The words of one change-log entry (see the module docstring)."""
    look = look or Lookups()
    row = after or before or {}
    old = before or {}
    maker = _DESCRIBERS.get(entity)
    if maker is not None:
        return maker(op, row, old, entity_id, look)
    # An area this module does not know yet: its name from the catalogue when there is one.
    key = "entity." + entity
    thing = t(key) if known(key) else t("history.subject.other")
    text = _added_or_removed(op, thing) or "; ".join(field_changes(entity, old, row, look)) \
        or t("history.no_visible_change")
    return Words("", thing[:1].upper() + thing[1:], text)


def _changes_or(entity: str, old: dict, row: dict, look: Lookups) -> str:
    return "; ".join(field_changes(entity, old, row, look)) or t("history.no_visible_change")


def _task(op, row, old, entity_id, look) -> Words:
    code = str(row.get("code", ""))
    what = t("history.subject.task", code=code)
    text = _added_or_removed(op, f"“{' '.join(str(row.get('title', '')).split())}”")
    return Words(code, what, text or _changes_or("tasks", old, row, look))


def _task_update(op, row, old, entity_id, look) -> Words:
    code = str(row.get("task_code", ""))
    what = t("history.subject.task", code=code)
    if row.get("kind") == "trigger":
        text = t("history.trigger", date=_date(row.get("trigger_date")) if row.get("trigger_date") else "—")
    elif row.get("status_before") == row.get("status_after"):
        before, after = row.get("progress_before"), row.get("progress_after")
        text = f"{_status(row.get('status_after'))}, " + (
            f"{before}% → {after}%" if before != after else f"{after}%")
    else:
        text = t("history.update", before=_status(row.get("status_before")),
                 after=_status(row.get("status_after")), progress=row.get("progress_after"))
    if row.get("note"):
        text += f"; {' '.join(str(row['note']).split())}"
    if row.get("evidence"):
        text += f"; {t('task.evidence')}: {row['evidence']}"
    return Words(code, what, text)


def _target(op, row, old, entity_id, look) -> Words:
    code = str(row.get("code", ""))
    text = _added_or_removed(op, f"“{row.get('label', '')}”")
    return Words(code, t("history.subject.target", code=code), text or _changes_or("targets", old, row, look))


def _target_value(op, row, old, entity_id, look) -> Words:
    code = str(row.get("target_code", ""))
    period = fmt_period(row["period"]) if row.get("period") else ""
    value = fmt_number(row.get("value"), empty="—")
    if op == "update" and old.get("value") != row.get("value"):
        value = f"{fmt_number(old.get('value'), empty='—')} → {value}"
    text = t("history.target_value", period=period, value=value)
    if row.get("note"):
        text += f"; {row['note']}"
    return Words(code, t("history.subject.target", code=code), text)


def _plan(op, row, old, entity_id, look) -> Words:
    what = t("history.subject.plan")
    text = _added_or_removed(op, f"“{row.get('title', '')}”")
    return Words(what, what, text or _changes_or("plans", old, row, look))


def _plan_group(op, row, old, entity_id, look) -> Words:
    code = str(row.get("code", ""))
    what = t("history.subject.group", code=code)
    text = _added_or_removed(op, f"“{row.get('title', '')}”")
    return Words(what, what, text or _changes_or("plan_groups", old, row, look))


def _schedule(op, row, old, entity_id, look) -> Words:
    what = t("history.subject.schedule")
    text = _added_or_removed(op, f"“{row.get('label') or row.get('text', '')}”")
    return Words(what, what, text or _changes_or("report_schedules", old, row, look))


def _incident(op, row, old, entity_id, look) -> Words:
    subject, what = _incident_ref(row, entity_id, look)
    if op == "insert":
        details = ", ".join(x for x in (value_text("incidents", "category", row.get("category"), look),
                                        value_text("incidents", "severity", row.get("severity"), look)) if x != "—")
        return Words(subject, what, t("history.incident_opened", title=row.get("title", ""), details=details))
    parts = []
    if row.get("status") != old.get("status"):
        parts.append(f"{_incident_status(old.get('status'))} → {_incident_status(row.get('status'))}")
    if row.get("resolution") and not old.get("resolution"):
        parts.append(f"{t('incident.detail.resolution')}: {' '.join(str(row['resolution']).split())}")
    skip = {"status", "resolution"} if parts else set()
    after = {k: v for k, v in row.items() if k not in skip}
    parts += field_changes("incidents", old, after, look)
    return Words(subject, what, "; ".join(parts) or t("history.no_visible_change"))


def _incident_event(op, row, old, entity_id, look) -> Words:
    subject, what = _incident_ref(row, entity_id, look)
    text = (f"{_incident_status(row.get('from_status'))} → {_incident_status(row.get('to_status'))}"
            if row.get("from_status") else _incident_status(row.get("to_status")))
    if row.get("note"):
        text += f"; {' '.join(str(row['note']).split())}"
    return Words(subject, what, text)


def _check_item(op, row, old, entity_id, look) -> Words:
    what = t("history.subject.check_items")
    text = _added_or_removed(op, f"“{row.get('title', '')}”")
    if text is None:
        changes = field_changes("checklist_items", old, row, look)
        text = f"“{row.get('title', '')}”: " + ("; ".join(changes) or t("history.no_visible_change"))
    return Words(what, what, text)


def _check_day(op, row, old, entity_id, look) -> Words:
    day = _date(row.get("check_date", ""))
    what = t("history.subject.check", date=day)
    if op == "insert":
        return Words(what, what, t("history.check_started"))
    parts = []
    if row.get("finished_at") and not old.get("finished_at"):
        parts.append(t("history.check_finished", time=fmt_datetime(row["finished_at"])[-5:]))
        if row.get("late"):
            parts.append(t("history.check_late", time=row.get("late_after", "")))
    if row.get("probed_at") != old.get("probed_at") and row.get("probed_at"):
        parts.append(t("history.check_probed"))
    parts += [p for p in field_changes("checklist_days", old, row, look) if p not in parts]
    return Words(what, what, "; ".join(parts) or t("history.no_visible_change"))


def _check_mark(op, row, old, entity_id, look) -> Words:
    what = t("history.subject.check", date=_date(row.get("check_date", "")))
    title = row.get("item_title") or row.get("item_code", "")
    state = _check_state(row.get("state"))
    if op == "update" and old.get("state") not in (None, row.get("state")):
        state = f"{_check_state(old.get('state'))} → {state}"
    if row.get("source") == "probe":
        state += " " + t("history.by_probe")
    text = f"{title}: {state}"
    if row.get("note") and row.get("note") != old.get("note"):
        text += f"; {' '.join(str(row['note']).split())}"
    return Words(what, what, text)


def _report_run(op, row, old, entity_id, look) -> Words:
    what = t("history.subject.report")
    name = str(row.get("file_path", "")).replace("\\", "/").rsplit("/", 1)[-1]
    return Words(what, what, t("history.report_made", period=_period_words(row), format=row.get("format", ""),
                                file=name))


def _report_text(op, row, old, entity_id, look) -> Words:
    what = t("history.subject.report")
    sections = [t("reports.section." + key) for key in TEXT_KEYS if row.get(key) != old.get(key)]
    return Words(what, what, t("history.report_texts", period=_period_words(row),
                               sections="; ".join(sections) or "—"))


def _export(op, row, old, entity_id, look) -> Words:
    what = t("history.subject.sync")
    return Words(what, what, t("history.exported", records=row.get("records", 0), seq_from=row.get("seq_from", 0),
                               seq_to=row.get("seq_to", 0), file=row.get("file_name", "")))


def _receipt(op, row, old, entity_id, look) -> Words:
    what = t("history.subject.sync")
    return Words(what, what, t("history.receipt", province=row.get("province_code", ""), seq_to=row.get("seq_to", 0)))


def _trust(op, row, old, entity_id, look) -> Words:
    what = t("history.subject.sync")
    role, _, code = entity_id.partition(":")
    key = "history.trust_province" if role == "province" else "history.trust_commune"
    return Words(what, what, t(key, code=code))


def _outbox(op, row, old, entity_id, look) -> Words:
    what = t("history.subject.outbox")
    if op == "insert":
        return Words(what, what, t("history.added", thing=f"“{row.get('label') or row.get('file_name', '')}”"))
    changes = []
    if row.get("state") and row.get("state") != old.get("state"):
        state = _mail_state(row.get("state"))
        if str(row.get("recipients", "")).startswith("receipt:"):
            state = t("mail.state.acknowledged")
        changes.append(f"{_mail_state(old.get('state'))} → {state}")
    if row.get("last_error"):
        changes.append(" ".join(str(row["last_error"]).split()))
    return Words(what, what, "; ".join(changes) or t("history.no_visible_change"))


def _setting(op, row, old, entity_id, look) -> Words:
    what = t("history.subject.setting")
    if entity_id in HIDDEN_SETTINGS:
        return Words(what, what, "")
    key = SETTING_LABELS.get(entity_id)
    if key is None:
        return Words(what, what, t("history.setting_other"))
    value = row.get("value")
    if isinstance(value, dict) or entity_id == "mail":
        return Words(what, what, t("history.setting_changed", name=t(key)))
    if isinstance(value, list):
        shown = "; ".join(_date(v) if "days" in entity_id or "holidays" in entity_id else str(v) for v in value)
    elif isinstance(value, bool):
        shown = t("history.yes") if value else t("history.no")
    elif isinstance(value, int | float):
        shown = fmt_number(value)
    else:
        shown = " ".join(str(value if value is not None else "—").split())
    return Words(what, what, t("history.setting", name=t(key), value=shown or "—"))


_DESCRIBERS = {
    "tasks": _task, "task_updates": _task_update, "targets": _target, "target_values": _target_value,
    "plans": _plan, "plan_groups": _plan_group, "report_schedules": _schedule, "incidents": _incident,
    "incident_events": _incident_event, "checklist_items": _check_item, "checklist_days": _check_day,
    "checklist_marks": _check_mark, "report_runs": _report_run, "report_texts": _report_text,
    "sync_export": _export, "sync_receipt": _receipt, "sync_trust": _trust, "mail_outbox": _outbox,
    "setting": _setting,
}


def entity_counts(counts: dict[str, int]) -> str:
    """"nhiệm vụ 34, sự cố 1, …" for a bundle's record counts (never the table names)."""
    parts = []
    for name, n in counts.items():
        key = "entity." + name
        parts.append(f"{t(key) if known(key) else t('history.subject.other')} {n}")
    return ", ".join(parts) or "0"


def line(actor: str, at: str, what: str, summary: str) -> str:
    """"Nguyễn Thị Hoa · 06/11/2025 10:20 · Sự cố #1: Đang xử lý → Đã khắc phục"."""
    return f"{actor} · {fmt_datetime(at)} · {what}: {summary}"
