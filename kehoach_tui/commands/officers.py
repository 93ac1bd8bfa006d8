"""kehoach officer add/list/use/edit: the named officers recorded as actor."""

from __future__ import annotations

import click

from ..i18n import t
from .common import AppContext, UserError, echo, emit_json, pass_app


def _call(func, *args, **kwargs):
    from ..errors import KehoachError

    try:
        return func(*args, **kwargs)
    except KehoachError as exc:
        raise UserError(str(exc)) from None


@click.group()
def officer() -> None:
    """Cán bộ: danh sách người ghi nhận thay đổi, và cán bộ đang làm việc."""


@officer.command("add")
@click.argument("name")
@click.option("--position", default="", help="Chức vụ")
@click.option("--use", "make_current", is_flag=True, help="Đặt làm cán bộ đang làm việc")
@pass_app
def officer_add(app: AppContext, name: str, position: str, make_current: bool) -> None:
    """Thêm cán bộ NAME (họ tên) vào danh sách."""
    from ..store.officers import add_officer, use_officer
    from ..store.setup import officer as current

    store = app.open()
    try:
        added = _call(add_officer, store, name, position, actor=current(store))
        echo(t("officer.added", name=added.label()))
        if make_current:
            _call(use_officer, store, added.name)
            echo(t("officer.now", name=added.name))
    finally:
        store.close()


@officer.command("list")
@click.option("--json", "as_json", is_flag=True, help="In ra JSON")
@pass_app
def officer_list(app: AppContext, as_json: bool) -> None:
    """Danh sách cán bộ; dấu * là cán bộ đang làm việc."""
    from ..store.officers import current_officer, list_officers
    from ..store.setup import officer as current

    store = app.open()
    try:
        officers = list_officers(store)
        now = current_officer(store)
        recorded = current(store)
    finally:
        store.close()
    if as_json:
        emit_json([{"name": o.name, "position": o.position, "current": now is not None and o.id == now.id}
                   for o in officers])
        return
    for o in officers:
        echo(f"{'*' if now is not None and o.id == now.id else ' '} {o.label()}")
    if not officers:
        echo(t("officer.none", name=recorded))


@officer.command("use")
@click.argument("name")
@pass_app
def officer_use(app: AppContext, name: str) -> None:
    """Đặt NAME làm cán bộ đang làm việc (ghi vào các thay đổi từ nay)."""
    from ..store.officers import use_officer

    store = app.open()
    try:
        chosen = _call(use_officer, store, name)
    finally:
        store.close()
    echo(t("officer.now", name=chosen.name))


@officer.command("edit")
@click.argument("name")
@click.option("--name", "new_name", default=None, help="Họ tên mới")
@click.option("--position", default=None, help="Chức vụ mới")
@pass_app
def officer_edit(app: AppContext, name: str, new_name: str | None, position: str | None) -> None:
    """Sửa họ tên hoặc chức vụ của cán bộ NAME."""
    from ..store.officers import edit_officer, find_officer
    from ..store.setup import officer as current

    store = app.open()
    try:
        found = find_officer(store, name)
        if found is None:
            raise UserError(t("officer.err_unknown", name=name))
        changed = _call(edit_officer, store, found.id, name=found.name if new_name is None else new_name,
                        position=found.position if position is None else position, actor=current(store))
    finally:
        store.close()
    echo(t("officer.edited", name=changed.label()))
