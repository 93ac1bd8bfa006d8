"""kehoach settings: the commune's own settings for its plan (report days, its unit)."""

from __future__ import annotations

from typing import Any

import click

from ..i18n import t
from .common import (
    AppContext,
    UserError,
    echo,
    emit_json,
    officer_option,
    pass_app,
    resolve_officer,
)


def _schedules_json(store) -> list[dict]:
    from ..store.plans import applies_here, effective_schedule, list_schedules, schedule_overrides

    overrides = schedule_overrides(store)
    out = []
    for row in list_schedules(store):
        schedule = effective_schedule(row, overrides)
        out.append({
            "code": schedule.code, "label": schedule.label, "period": schedule.period, "rrule": schedule.rrule,
            "due_time": schedule.due_time, "source": schedule.source, "assumed": schedule.assumed,
            "unit": schedule.unit, "applies": applies_here(store, schedule),
            "changed_by_commune": schedule.code in overrides,
            "plan_rrule": row["rrule"], "plan_due_time": row["due_time"],
        })
    return out


@click.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="In ra JSON")
@click.pass_context
def settings(ctx: click.Context, as_json: bool) -> None:
    """Thiết lập của xã: lịch nộp báo cáo mà kế hoạch không ghi rõ, đơn vị của người dùng."""
    if ctx.invoked_subcommand is not None:
        return
    from ..store.plans import OFFICER_UNIT
    from ..store.settings import get_setting

    app: AppContext = ctx.obj
    store = app.open()
    try:
        data: dict[str, Any] = {"unit": get_setting(store, OFFICER_UNIT, "") or "", "schedules": _schedules_json(store)}
    finally:
        store.close()
    if as_json:
        emit_json(data)
        return
    echo(t("settings.unit", unit=data["unit"] or "—"))
    for item in data["schedules"]:
        rule = f"{item['rrule'] or '—'}" + (f" {item['due_time']}" if item["due_time"] else "")
        origin = t("settings.from_plan", source=item["source"]) if item["source"] else \
            f"{t('due.assumed')}: {item['assumed']}"
        scope = f" [{t('settings.only_unit', unit=item['unit'])}]" if item["unit"] else ""
        if not item["applies"]:
            scope += f" — {t('settings.not_here')}"
        echo(f"{item['code']:<10} {item['label']}{scope}")
        echo(f"           {rule} — {origin}")


@settings.command("schedule")
@click.argument("code")
@click.option("--rrule", default=None, help="Quy tắc RFC 5545, vd. FREQ=WEEKLY;BYDAY=TH")
@click.option("--due-time", default=None, help="Giờ hạn nộp HH:MM (để trống: hết ngày)")
@click.option("--reset", is_flag=True, help="Trở lại quy tắc của kế hoạch")
@officer_option
@pass_app
def schedule(app: AppContext, code: str, rrule: str | None, due_time: str | None, reset: bool, officer) -> None:
    """Đặt ngày, giờ nộp một loại báo cáo (khi kế hoạch không ghi rõ, hoặc xã được phép đổi)."""
    from ..domain.periods import PeriodError
    from ..errors import PlanError
    from ..store.plans import set_schedule_override

    if not reset and rrule is None and due_time is None:
        raise UserError(t("settings.nothing_to_set"))
    store = app.open()
    try:
        set_schedule_override(store, code, rrule=None if reset else rrule, due_time=None if reset else due_time,
                              actor=resolve_officer(store, officer))
    except (PlanError, PeriodError) as exc:
        raise UserError(str(exc)) from None
    finally:
        store.close()
    echo(t("settings.schedule_reset" if reset else "settings.schedule_saved", code=code))


@settings.command("unit")
@click.argument("name", required=False, default="")
@click.option("--clear", is_flag=True, help="Không thuộc đơn vị nào được kế hoạch nêu tên")
@officer_option
@pass_app
def unit(app: AppContext, name: str, clear: bool, officer) -> None:
    """Đơn vị của người dùng (vd. “Văn phòng Tỉnh ủy”): báo cáo kế hoạch giao riêng cho một
    đơn vị chỉ áp dụng cho người dùng của đơn vị đó."""
    from ..store.plans import set_officer_unit

    if not name and not clear:
        raise UserError(t("settings.unit_missing"))
    store = app.open()
    try:
        saved = set_officer_unit(store, "" if clear else name, actor=resolve_officer(store, officer))
    finally:
        store.close()
    echo(t("settings.unit_saved", unit=saved or "—"))
