"""kehoach plans; kehoach plan import FILE; kehoach plan use NAME."""

from __future__ import annotations

from pathlib import Path

import click

from ..i18n import t, tn
from .common import (
    AppContext,
    UserError,
    echo,
    emit_json,
    officer_option,
    pass_app,
    resolve_officer,
)


def _summary(name: str) -> dict:
    from ..plan_files import resolve_plan

    plan = resolve_plan(name)
    return {
        "name": name, "title": plan.plan.title, "issuer": plan.plan.issuer, "level": plan.plan.level,
        "commune_code": plan.plan.commune_code, "province_code": plan.plan.province_code,
        "tasks": len(plan.tasks), "targets": len(plan.targets),
    }


@click.command()
@click.option("--json", "as_json", is_flag=True, help="In ra JSON")
def plans(as_json: bool) -> None:
    """Liệt kê các kế hoạch có sẵn (tên dùng với --plan)."""
    from ..domain.plan import PlanError
    from ..plan_files import bundled_plan_names
    from ..safe import one_line

    try:
        rows = [_summary(name) for name in bundled_plan_names()]
    except PlanError as exc:
        raise UserError(str(exc)) from None
    if as_json:
        emit_json(rows)
        return
    for row in rows:
        echo(t("plans.row", name=row["name"], level=t("plan.level." + row["level"]), tasks=row["tasks"],
               targets=row["targets"], issuer=one_line(row["issuer"])))
        echo("    " + one_line(row["title"], 100))
    echo(t("plans.use_hint"))


@click.group()
def plan() -> None:
    """Kế hoạch: nhập kế hoạch mới hoặc sửa đổi từ tỉnh, chuyển kế hoạch đang dùng."""


@plan.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--activate", is_flag=True, help="Dùng luôn kế hoạch này sau khi nhập")
@click.option("--dry-run", is_flag=True, help="Chỉ cho biết sẽ thay đổi gì, không ghi")
@click.option("--json", "as_json", is_flag=True, help="In ra JSON")
@officer_option
@pass_app
def import_(app: AppContext, file: Path, activate: bool, dry_run: bool, as_json: bool, officer: str | None) -> None:
    """Nhập tệp kế hoạch TOML (mới, hoặc bản sửa đổi của kế hoạch cùng mã): giữ tiến độ các
    nhiệm vụ còn trong kế hoạch, in ra những gì thêm, bỏ, sửa lời."""
    from ..domain.plan import PlanError, load_plan_file
    from ..store import StoreError
    from ..store.plan_revision import import_plan

    try:
        plan_file = load_plan_file(file)
    except PlanError as exc:
        raise UserError(str(exc)) from None
    store = app.open()
    try:
        try:
            result = import_plan(store, plan_file, actor=resolve_officer(store, officer),
                                 activate=activate, dry_run=dry_run)
        except (PlanError, StoreError) as exc:
            raise UserError(str(exc)) from None
        if as_json:
            emit_json(result.to_json())
            return
        _print_revision(store, plan_file, result)
    finally:
        store.close()


def _print_revision(store, plan_file, result) -> None:
    from ..safe import one_line
    from ..store.plans import active_plan
    from ..store.settings import get_setting

    titles = result.titles
    code = result.plan_code
    if result.created:
        echo(t("plan.created", code=code, tasks=tn("count.tasks", len(plan_file.tasks)),
                  targets=tn("count.targets", len(plan_file.targets))))
    elif not result.changed:
        echo(t("plan.no_change", code=code))
    else:
        echo(t("plan.revised", code=code, added=len(result.added), removed=len(result.removed),
               reworded=len(result.reworded), unchanged=result.unchanged, kept=len(result.kept_progress)))
        for task_code in result.added:
            echo(t("plan.line_added", code=task_code, title=one_line(titles.get(task_code, ""), 70)))
        for task_code in result.removed:
            echo(t("plan.line_removed", code=task_code, title=one_line(titles.get(task_code, ""), 70)))
        for item in result.reworded:
            echo(t("plan.line_reworded", code=item.code, fields=", ".join(t("field." + f) for f in item.fields)))
        if result.targets_added or result.targets_removed or result.targets_changed:
            echo(t("plan.targets_changed", added=len(result.targets_added), removed=len(result.targets_removed),
                   changed=len(result.targets_changed)))
        if result.groups_added or result.groups_removed or result.groups_changed:
            echo(t("plan.groups_changed", added=len(result.groups_added), removed=len(result.groups_removed),
                   changed=len(result.groups_changed)))
        if result.schedules_changed:
            echo(t("plan.schedules_changed", codes=", ".join(result.schedules_changed)))
    for warning in result.warnings:
        echo(t("plan.unparsed_deadline", **warning))
    meta = plan_file.plan
    here = get_setting(store, "commune_code", "")
    if meta.commune_code and here and meta.commune_code != here:
        echo(t("plan.other_commune", plan_commune=meta.commune_name or meta.commune_code,
               commune=get_setting(store, "commune_name", here)))
    if result.dry_run:
        echo(t("plan.dry_run"))
        return
    current = active_plan(store)
    if current and current.code == code:
        echo(t("plan.activated", code=code))
    elif current:
        echo(t("plan.not_active_hint", current=current.code, code=code))


@plan.command("use")
@click.argument("name")
@officer_option
@pass_app
def use(app: AppContext, name: str, officer: str | None) -> None:
    """Chuyển sang kế hoạch NAME (đã nhập, kế hoạch có sẵn, hoặc tệp TOML); mỗi kế hoạch giữ
    tiến độ riêng."""
    from ..domain.plan import PlanError
    from ..store import StoreError
    from ..store.plan_revision import switch_plan

    store = app.open()
    try:
        try:
            chosen = switch_plan(store, name, actor=resolve_officer(store, officer))
        except (PlanError, StoreError) as exc:
            raise UserError(str(exc)) from None
        echo(t("plan.activated", code=chosen.code))
    finally:
        store.close()
