"""kehoach tasks / task show|update|trigger|history / targets / target set."""

from __future__ import annotations

import click

from .common import (
    AppContext,
    UserError,
    echo,
    emit_json,
    officer_option,
    pass_app,
    resolve_officer,
)


def row_json(row) -> dict:
    """One task list row as JSON (the same fields `kehoach tasks --json` has always given)."""
    return {
        "code": row.code,
        "title": row.title,
        "group": row.group_code,
        "parent": row.parent_code,
        "lead_units": list(row.lead_units),
        "deadline_text": row.deadline_text,
        "deadline_kind": row.deadline_kind,
        "due_date": row.due_date.isoformat() if row.due_date else None,
        "due": row.due_text,
        "status": row.status,
        "progress": row.progress,
        "overdue": row.overdue,
        "due_soon": row.due_soon,
        "recurring": row.recurring,
        "needs_note": row.needs_note,
        "last_update": row.last_update.isoformat() if row.last_update else None,
        "due_assumed": row.due_assumed,
        "milestones": [{"number": m.number, "text": m.text, "due": m.due.isoformat(), "source": m.source,
                        "assumed": m.assumed, "done_on": m.done_on.isoformat() if m.done_on else None}
                       for m in row.milestones],
    }


def _status_or_fail(text: str | None) -> str | None:
    from ..domain.models import STATUSES
    from ..domain.statuses import parse_status
    from ..i18n import t

    if text is None:
        return None
    from ..domain.inheritance import NO_UPDATE
    from ..domain.vntext import fold

    if fold(text).replace("_", " ") in ("chua cap nhat", "no update"):
        return NO_UPDATE  # a filter only: no update can set it
    key = parse_status(text)
    if key is None:
        raise UserError(t("task.bad_status", value=text, choices=", ".join(STATUSES)))
    return key


@click.command()
@click.option("--status", default=None, help="Lọc theo trạng thái (vd. “dang thuc hien”, in_progress)")
@click.option("--group", default=None, help="Lọc theo nhóm (mã nhóm, vd. 3)")
@click.option("--lead", default=None, help="Lọc theo đơn vị chủ trì (tên, không cần dấu)")
@click.option("--overdue", is_flag=True, help="Chỉ nhiệm vụ quá hạn")
@click.option("--due-within", type=click.IntRange(min=0), default=None, help="Chỉ nhiệm vụ đến hạn trong N ngày (kể cả quá hạn)")
@click.option("--search", default="", help="Tìm theo mã, nội dung, mô tả, ghi chú (không cần dấu)")
@click.option("--json", "as_json", is_flag=True, help="In ra JSON")
@officer_option
@pass_app
def tasks(app: AppContext, status, group, lead, overdue, due_within, search, as_json, officer) -> None:  # noqa: ARG001
    """Liệt kê nhiệm vụ của kế hoạch (có lọc và tìm kiếm)."""
    from ..config import today
    from ..domain.task_list import ROW_MARKS, TaskFilter, filter_rows, row_mark
    from ..i18n import t
    from ..store.tasks import task_rows

    flt = TaskFilter(status=_status_or_fail(status), group=group, lead=lead, overdue=overdue,
                     due_within=due_within, query=search)
    store = app.open()
    try:
        rows = filter_rows(task_rows(store), flt, today())
    finally:
        store.close()
    if as_json:
        emit_json([row_json(r) for r in rows])
        return
    for row in rows:
        units = "; ".join(row.lead_units)
        due = row.due_text + (f" ({t('due.assumed_short')})" if row.due_assumed else "")
        echo(f"{row_mark(row)}{row.code:<8} {due:<24} {t('status.' + row.status):<20} {row.progress:>3}%  "
             f"{row.title}  [{units}]")
    shown = {row_mark(row) for row in rows}
    marks = [f"{mark} {t('tasks.mark.' + flag)}" for flag, mark in ROW_MARKS if mark in shown]
    if marks:  # the symbols at the start of the lines, explained once
        echo(t("tasks.legend", marks=" · ".join(marks)))


@click.group()
def task() -> None:
    """Một nhiệm vụ: xem, cập nhật, ghi ngày sự kiện, lịch sử."""


@task.command("show")
@click.argument("code")
@click.option("--json", "as_json", is_flag=True, help="In ra JSON")
@officer_option
@pass_app
def task_show(app: AppContext, code: str, as_json: bool, officer) -> None:  # noqa: ARG001
    """Toàn bộ nội dung nhiệm vụ và các lần cập nhật."""
    from ..config import fmt_date, fmt_datetime
    from ..domain.deadlines import describe, parse_deadline
    from ..i18n import t
    from ..store.tasks import get_record, list_updates, task_rows

    store = app.open()
    try:
        record = get_record(store, code)
        if record is None:
            raise UserError(t("task.not_found", code=code))
        row = next(r for r in task_rows(store) if r.code == record.code)
        updates = list_updates(store, record.code)
        from ..store.plans import describe_schedule, responsibilities, task_schedules

        schedules = task_schedules(store, record)
        duties = [d for u in row.lead_units for d in responsibilities(store, u)]
    finally:
        store.close()
    data = {
        **row_json(row),
        "description": record.description,
        "partner_units": list(row.partner_units),  # the parent's when the sub-item has none
        "deadline_understood": describe(parse_deadline(row.deadline_text)),
        "trigger_date": record.trigger_date.isoformat() if record.trigger_date else None,
        "schedules": [{"code": s.code, "label": s.label, "due": i.due.isoformat() if i else None,
                       "assumed": bool(s.assumed), "source": s.source} for s, i in schedules],
        "duties": duties,
        "updates": [{
            "at": u.at, "officer": u.officer, "kind": u.kind, "status_before": u.status_before,
            "status_after": u.status_after, "progress_before": u.progress_before,
            "progress_after": u.progress_after, "note": u.note, "evidence": u.evidence,
            "trigger_date": u.trigger_date.isoformat() if u.trigger_date else None,
        } for u in updates],
    }
    if as_json:
        emit_json(data)
        return
    echo(f"{record.code}. {record.title}")
    if record.description:
        echo(record.description)
    echo(f"{t('col.lead')}: {'; '.join(row.lead_units) or '—'}")
    echo(f"{t('task.partners')}: {'; '.join(row.partner_units) or '—'}")
    echo(f"{t('col.due')}: {row.deadline_text or '—'} → {row.due_text}"
         + (f" ({t('due.assumed')})" if row.due_assumed else ""))
    for m in row.milestones:
        echo(f"  {t('detail.milestone', number=m.number)}: {m.due:%d/%m/%Y} — {m.text} — "
             f"{_milestone_state(m, row.status)}" + (f" ({t('due.assumed')})" if m.assumed else ""))
    if record.trigger_date:
        echo(f"{t('task.trigger_date')}: {fmt_date(record.trigger_date)}")
    for schedule, item in schedules:
        echo(f"{t('detail.schedule')}: {describe_schedule(schedule, item)}")
    for duty in duties:
        echo(f"{t('detail.duties', section=duty['section'])}: {'; '.join(duty['units'])}: {duty['text']}")
    echo(f"{t('col.status')}: {t('status.' + row.status)}, {row.progress}%")
    for u in updates:
        line = f"  {fmt_datetime(u.at)}  {u.officer}: {t('status.' + u.status_before)} → {t('status.' + u.status_after)}, {u.progress_after}%"
        if u.note:
            line += f"; {u.note}"
        if u.evidence:
            line += f"; {t('task.evidence')}: {u.evidence}"
        echo(line)


def _milestone_state(milestone, status: str) -> str:
    from ..config import fmt_date, today
    from ..domain.milestones import state
    from ..i18n import t

    now = state(milestone, status, today())
    if now == "met":
        return t("milestone.met", date=fmt_date(milestone.done_on)) if milestone.done_on else t("status.done")
    return t("milestone." + now)


@task.command("milestone")
@click.argument("code")
@click.argument("number", type=click.IntRange(min=1))
@click.option("--done", "done_text", default=None, help="Ngày đạt mốc (dd/mm/yyyy; mặc định hôm nay)")
@click.option("--undo", is_flag=True, help="Mốc chưa đạt (xóa ngày đã ghi)")
@officer_option
@pass_app
def task_milestone(app: AppContext, code: str, number: int, done_text: str | None, undo: bool, officer) -> None:
    """Ghi ngày đạt một mốc của nhiệm vụ (mốc NUMBER: 1, 2, … theo thứ tự kế hoạch)."""
    from ..config import fmt_date, parse_user_date, today
    from ..domain.updates import UpdateError
    from ..i18n import t
    from ..store.milestones import mark_milestone

    day = None
    if not undo:
        try:
            day = parse_user_date(done_text) if done_text else today()
        except ValueError:
            raise UserError(t("task.bad_date", value=done_text)) from None
    store = app.open()
    try:
        saved = mark_milestone(store, code, number, day, officer=resolve_officer(store, officer))
    except UpdateError as exc:
        raise UserError(str(exc)) from None
    finally:
        store.close()
    echo(t("milestone.saved" if day else "milestone.undone", task=saved.task_code, number=number,
           date=fmt_date(day) if day else ""))


@task.command("update")
@click.argument("code")
@click.option("--status", default=None, help="Chưa bắt đầu / Đang thực hiện / Hoàn thành / Tạm dừng, vướng mắc / Không áp dụng")
@click.option("--progress", default=None, help="Tiến độ 0–100")
@click.option("--note", default="", help="Ghi chú")
@click.option("--evidence", default="", help="Căn cứ: số, ngày văn bản và/hoặc đường dẫn tệp")
@click.option("--yes", "confirmed", is_flag=True, help="Giữ tiến độ dưới 100% khi Hoàn thành")
@click.option("--json", "as_json", is_flag=True, help="In ra JSON")
@officer_option
@pass_app
def task_update(app: AppContext, code, status, progress, note, evidence, confirmed, as_json, officer) -> None:
    """Ghi một lần cập nhật: trạng thái, tiến độ, ghi chú, căn cứ."""
    from ..domain.updates import NeedsConfirmation, UpdateError
    from ..i18n import t
    from ..store.tasks import record_update

    store = app.open()
    try:
        view = record_update(store, code, status=status, progress=progress, note=note, evidence=evidence,
                             officer=resolve_officer(store, officer), confirmed=confirmed)
    except NeedsConfirmation:
        number = progress.strip().rstrip("%") if isinstance(progress, str) else progress
        raise UserError(t("task.done_below_100_cli", progress=number)) from None
    except UpdateError as exc:
        raise UserError(str(exc)) from None
    finally:
        store.close()
    if as_json:
        emit_json({"code": view.task_code, "status": view.status_after, "progress": view.progress_after,
                   "status_before": view.status_before, "progress_before": view.progress_before,
                   "note": view.note, "evidence": view.evidence, "officer": view.officer, "at": view.at})
        return
    echo(t("task.saved", code=view.task_code, status=t("status." + view.status_after), progress=view.progress_after))


@task.command("trigger")
@click.argument("code")
@click.argument("date")
@click.option("--note", default="", help="Sự kiện, vd. “Trung ương ban hành Kế hoạch số 12”")
@officer_option
@pass_app
def task_trigger(app: AppContext, code: str, date: str, note: str, officer) -> None:
    """Ghi ngày sự kiện (vd. Trung ương ban hành) của nhiệm vụ chờ sự kiện; hạn tính theo đó."""
    from ..config import fmt_date, parse_user_date
    from ..domain.updates import UpdateError
    from ..i18n import t
    from ..store.tasks import set_trigger_date

    try:
        day = parse_user_date(date)
    except ValueError:
        raise UserError(t("task.bad_date", value=date)) from None
    store = app.open()
    try:
        due, view = set_trigger_date(store, code, day, note=note, officer=resolve_officer(store, officer))
    except UpdateError as exc:
        raise UserError(str(exc)) from None
    finally:
        store.close()
    echo(t("task.trigger_saved", code=view.task_code, date=fmt_date(day), due=fmt_date(due) or "—"))


@task.command("history")
@click.argument("code", required=False)
@click.option("--limit", type=click.IntRange(min=1), default=200, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="In ra JSON")
@officer_option
@pass_app
def task_history(app: AppContext, code: str | None, limit: int, as_json: bool, officer) -> None:  # noqa: ARG001
    """Lịch sử thay đổi (ai, khi nào, thay đổi gì), của một nhiệm vụ hoặc tất cả."""
    from ..i18n import t
    from ..store.history import history
    from ..store.tasks import get_record

    store = app.open()
    try:
        if code and get_record(store, code) is None:
            raise UserError(t("task.not_found", code=code))
        entries = history(store, task_code=code, limit=limit)
    finally:
        store.close()
    if as_json:
        emit_json([{"seq": e.seq, "at": e.at, "actor": e.actor, "entity": e.entity, "subject": e.subject,
                    "op": e.op, "summary": e.summary, "what": e.what, "text": e.line()} for e in entries])
        return
    for e in entries:  # "Nguyễn Thị Hoa · 06/11/2025 10:20 · Sự cố #1: Đang xử lý → Đã khắc phục"
        echo(e.line())


@click.command()
@click.option("--json", "as_json", is_flag=True, help="In ra JSON")
@officer_option
@pass_app
def targets(app: AppContext, as_json: bool, officer) -> None:  # noqa: ARG001
    """Chỉ tiêu: giá trị mới nhất, mục tiêu, thời hạn, đánh giá."""
    from ..config import fmt_date
    from ..domain.targets import fmt_period
    from ..i18n import t
    from ..store.targets import target_standings

    store = app.open()
    try:
        items = target_standings(store)
    finally:
        store.close()
    if as_json:
        emit_json([{
            "code": s.code, "label": s.label, "unit": s.unit, "comparison": s.comparison,
            "target_value": s.target_value, "target_date": s.target_date.isoformat() if s.target_date else None,
            "latest": None if s.latest is None else {"period": s.latest.period, "value": s.latest.value,
                                                     "note": s.latest.note, "officer": s.latest.officer},
            "values": [{"period": v.period, "value": v.value, "note": v.note} for v in s.values],
            "state": s.state, "kind": s.kind, "assumed": s.assumed,
            "assessments": [{"period": a.period, "status": a.status, "note": a.note, "evidence": a.evidence}
                            for a in s.assessments],
        } for s in items])
        return
    for s in items:
        latest = f"{_num(s.latest.value)} ({fmt_period(s.latest.period)})" if s.latest else "—"
        goal = f"{s.comparison} {_num(s.target_value)} {s.unit}" if s.target_value is not None else "—"
        if s.kind == "qualitative":
            latest = f"{t('status.' + s.assessment.status)} ({fmt_period(s.assessment.period)})" if s.assessment else "—"
            goal = t("target.qualitative")
        due = (fmt_date(s.target_date) or "—") + ("*" if s.assumed else "")
        echo(f"{s.code:<5} {latest:<16} {goal:<16} {due:<10} "
             f"{t('target.state.' + s.state):<16} {s.trend:<8} {s.label}")


def _num(value: float | None) -> str:
    from ..domain.numbers import fmt_number

    return fmt_number(value, empty="—")


@click.group()
def target() -> None:
    """Một chỉ tiêu: ghi giá trị theo tháng."""


@target.command("set")
@click.argument("code")
@click.argument("value")
@click.option("--period", required=True, help="Tháng, dạng YYYY-MM (vd. 2025-10)")
@click.option("--note", default="", help="Nguồn số liệu")
@officer_option
@pass_app
def target_set(app: AppContext, code: str, value: str, period: str, note: str, officer) -> None:
    """Ghi giá trị của chỉ tiêu cho một tháng (ghi lại tháng đã có là sửa)."""
    from ..domain.targets import fmt_period
    from ..domain.updates import UpdateError
    from ..i18n import t
    from ..store.targets import record_target_value

    store = app.open()
    try:
        saved = record_target_value(store, code, value, period, note=note, officer=resolve_officer(store, officer))
    except UpdateError as exc:
        raise UserError(str(exc)) from None
    finally:
        store.close()
    echo(t("target.saved", code=code.strip(), period=fmt_period(saved.period), value=_num(saved.value)))


@target.command("assess")
@click.argument("code")
@click.option("--status", required=True, type=click.Choice(["not_started", "in_progress", "done"]),
              help="Trạng thái của chỉ tiêu định tính")
@click.option("--period", default=None, help="Tháng, dạng YYYY-MM (mặc định tháng này)")
@click.option("--note", default="", help="Ghi chú")
@click.option("--evidence", default="", help="Căn cứ: số, ngày văn bản và/hoặc đường dẫn tệp")
@officer_option
@pass_app
def target_assess(app: AppContext, code: str, status: str, period: str | None, note: str, evidence: str, officer) -> None:
    """Ghi trạng thái một chỉ tiêu định tính (không có con số), kèm ghi chú và căn cứ."""
    from ..domain.targets import fmt_period
    from ..domain.updates import UpdateError
    from ..i18n import t
    from ..store.targets import record_target_assessment

    store = app.open()
    try:
        saved = record_target_assessment(store, code, status, period=period, note=note, evidence=evidence,
                                         officer=resolve_officer(store, officer))
    except UpdateError as exc:
        raise UserError(str(exc)) from None
    finally:
        store.close()
    echo(t("target.assessed", code=code.strip(), period=fmt_period(saved.period), status=t("status." + saved.status)))
