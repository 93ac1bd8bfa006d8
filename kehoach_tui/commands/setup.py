"""kehoach init."""

from __future__ import annotations

import click

from ..i18n import t, tn
from .common import AppContext, UserError, daily_backup, echo, pass_app


@click.command()
@click.option("--plan", "plan_name", default="nghia-tho", show_default=True, help="Tên kế hoạch có sẵn hoặc đường dẫn tệp TOML")
@click.option("--commune", "commune_code", default=None, help="Mã xã (5 chữ số); mặc định theo kế hoạch (kế hoạch cấp tỉnh: theo dõi cho chính tỉnh)")
@click.option("--officer", default="", help="Họ tên cán bộ")
@click.option("--other-commune-plan", "other_commune_ok", is_flag=True,
              help="Xác nhận dùng kế hoạch riêng của một xã khác")
@pass_app
def init(app: AppContext, plan_name: str, commune_code: str | None, officer: str, other_commune_ok: bool) -> None:
    """Khởi tạo cơ sở dữ liệu: xã, cán bộ, kế hoạch (chạy lại: chỉ đổi cán bộ nếu có --officer)."""
    from ..commune_setup import setup_commune
    from ..domain.plan import PlanError
    from ..plan_files import resolve_plan
    from ..plan_place import OtherCommunePlan
    from ..store.plans import active_plan, list_tasks
    from ..store.settings import get_setting
    from ..store.setup import is_initialised

    store = app.open(require_init=False)
    try:
        if is_initialised(store):
            plan = active_plan(store)
            if officer.strip():  # the one thing a second init changes: who is at the keyboard
                from ..errors import KehoachError
                from ..store.officers import ensure_officer

                try:
                    chosen = ensure_officer(store, officer)
                except KehoachError as exc:
                    raise UserError(str(exc)) from None
                echo(t("officer.now", name=chosen.name))
                return
            echo(t("cli.init_already", db=app.db_path, commune=get_setting(store, "commune_name"),
                   code=get_setting(store, "commune_code"), plan=plan.code if plan else ""))
            return
        try:
            plan_file = resolve_plan(plan_name)
            done = setup_commune(store, plan=plan_file, commune_code=commune_code, officer=officer,
                                 other_commune_ok=other_commune_ok)
        except OtherCommunePlan as exc:
            raise UserError(f"{exc}; {t('plan.other_commune_flag')}") from None
        except PlanError as exc:
            raise UserError(str(exc)) from None
        if done.key_error:
            raise UserError(done.key_error)
        daily_backup(store)
        echo(t("cli.init_done", db=app.db_path, commune=done.commune.name, code=done.commune.code,
               plan=plan_file.plan.code, tasks=tn("count.tasks", len(list_tasks(store)))))
        from ..domain.plan import plan_warnings

        for warning in plan_warnings(plan_file):
            echo(t("plan.unparsed_deadline", **warning))
    finally:
        store.close()
