"""kehoach units; kehoach unit NAME: what one unit of the plan leads and is responsible for."""

from __future__ import annotations

import click

from ..i18n import t
from .common import AppContext, UserError, echo, emit_json, pass_app


@click.command()
@click.option("--json", "as_json", is_flag=True, help="In ra JSON")
@pass_app
def units(app: AppContext, as_json: bool) -> None:
    """Các đơn vị kế hoạch nêu tên (chủ trì nhiệm vụ, trách nhiệm ở phần tổ chức thực hiện)."""
    from ..store.plans import unit_names

    store = app.open()
    try:
        names = unit_names(store)
    finally:
        store.close()
    if as_json:
        emit_json(names)
        return
    for name in names:
        echo(name)


@click.command()
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="In ra JSON")
@pass_app
def unit(app: AppContext, name: str, as_json: bool) -> None:
    """Một đơn vị: nhiệm vụ đơn vị chủ trì và trách nhiệm của đơn vị trong kế hoạch."""
    from ..store.plans import _unit_matches, responsibilities
    from ..store.tasks import task_rows

    store = app.open()
    try:
        duties = responsibilities(store, name)
        led = [r for r in task_rows(store) if _unit_matches(name, list(r.lead_units))]
    finally:
        store.close()
    if not duties and not led:
        raise UserError(t("unit.none", name=name))
    if as_json:
        emit_json({"unit": name, "duties": duties,
                   "tasks": [{"code": r.code, "title": r.title, "due": r.due_text, "status": r.status} for r in led]})
        return
    echo(t("unit.tasks") + f" ({len(led)})")
    for row in led:
        echo(f"  {row.code:<8} {row.due_text:<24} {t('status.' + row.status):<16} {row.title}")
    echo(t("unit.duties") + f" ({len(duties)})")
    for duty in duties:
        echo(f"  {duty['section']:<6} {duty['text']}")
