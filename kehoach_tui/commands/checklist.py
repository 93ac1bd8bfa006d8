"""kehoach checklist: the morning check of the one-stop centre (plan task 3.4.c)."""

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

STATE_CHOICES = ("ok", "fail", "na", "unchecked")


def _date(text: str | None):
    from ..config import parse_user_date, today
    from ..i18n import t

    if not text:
        return today()
    try:
        return parse_user_date(text)
    except ValueError:
        raise UserError(t("cli.checklist_bad_date", text=text)) from None


def _open(app: AppContext):
    from ..store.checklist import ensure_items

    store = app.open()
    try:
        ensure_items(store)
    except Exception:
        store.close()
        raise
    return store


def day_json(check) -> dict:
    from ..config import fmt_datetime

    return {
        "date": check.check_date.isoformat(),
        "started": check.exists,
        "officer": check.officer,
        "started_at": check.started_at,
        "finished_at": check.finished_at,
        "finished_local": fmt_datetime(check.finished_at) or None,
        "late": check.late,
        "late_after": check.late_after,
        "checked": check.answered,
        "total": len(check.marks),
        "failed": check.failed,
        "items": [{
            "code": m.item_code, "title": m.title, "category": m.category, "required": m.required,
            "probe": m.probe or None, "state": m.state, "note": m.note, "source": m.source or None,
            "evidence": m.evidence,
        } for m in check.marks],
        "probed_at": check.probed_at,
        "probes": check.probes,
    }


def _print_day(check) -> None:
    from ..config import fmt_date, to_local
    from ..i18n import t
    from ..safe import one_line

    head = [t("checklist.title", date=fmt_date(check.check_date))]
    if check.exists:
        head.append(t("checklist.officer", name=check.officer))
        head.append(t("checklist.started", time=to_local(check.started_at).strftime("%H:%M")))
    else:
        head.append(t("checklist.not_started"))
    if check.finished_at:
        head.append(t("checklist.finished", time=to_local(check.finished_at).strftime("%H:%M")))
        if check.late:
            head.append(t("checklist.late", time=check.late_after))
    echo(" · ".join(head))
    echo(t("checklist.progress", done=check.answered, total=len(check.marks), failed=check.failed))
    for number, mark in enumerate(check.marks, start=1):
        extra = " · ".join(one_line(part) for part in (mark.note, mark.evidence) if part)
        line = f"{number:>2} {mark.item_code:<11} {t('cstate.' + mark.state):<14} {one_line(mark.title)}"
        echo(line + (f" — {extra}" if extra else ""))


@click.group(invoke_without_command=True)
@click.option("--date", "date_text", default=None, help="Ngày (dd/mm/yyyy; mặc định hôm nay)")
@click.option("--json", "as_json", is_flag=True, help="In ra JSON")
@click.pass_context
def checklist(ctx: click.Context, date_text: str | None, as_json: bool) -> None:
    """Kiểm tra đầu giờ tại Trung tâm Phục vụ hành chính công (nhiệm vụ 3.4.c)."""
    if ctx.invoked_subcommand is not None:
        return
    from ..store.checklist import get_day

    day = _date(date_text)
    store = _open(ctx.find_object(AppContext))
    try:
        check = get_day(store, day)
    finally:
        store.close()
    if as_json:
        emit_json(day_json(check))
    else:
        _print_day(check)


@checklist.command()
@click.argument("item", required=False)
@click.argument("state", required=False, type=click.Choice(STATE_CHOICES, case_sensitive=False))
@click.option("--rest", type=click.Choice([s for s in STATE_CHOICES if s != "unchecked"], case_sensitive=False),
              default=None, help="Ghi trạng thái này cho mọi mục chưa kiểm tra (vd. --rest ok)")
@click.option("--note", default=None, help="Ghi chú cho mục")
@click.option("--date", "date_text", default=None, help="Ngày (dd/mm/yyyy; mặc định hôm nay)")
@click.option("--json", "as_json", is_flag=True, help="In ra JSON")
@officer_option
@pass_app
def mark(app: AppContext, item: str | None, state: str | None, rest: str | None, note: str | None,
         date_text: str | None, as_json: bool, officer: str | None) -> None:
    """Ghi kết quả một mục: ok, fail (lỗi), na (không áp dụng); --rest ok: mọi mục còn lại."""
    from ..config import fmt_date
    from ..domain.checklist import ChecklistError
    from ..i18n import t, tn
    from ..store.checklist import get_day, mark_item, mark_rest, resolve_item

    if rest is not None and (item or note is not None):
        raise UserError(t("cli.checklist_rest_alone"))
    if rest is None and not (item and state):
        raise UserError(t("cli.checklist_mark_what"))
    day = _date(date_text)
    store = _open(app)
    try:
        if rest is not None:
            count = mark_rest(store, day, rest.lower(), actor=resolve_officer(store, officer))
        else:
            target = resolve_item(store, item)
            mark_item(store, day, target.code, state.lower(), note=note, actor=resolve_officer(store, officer))
        check = get_day(store, day)
    except ChecklistError as exc:
        raise UserError(str(exc)) from None
    finally:
        store.close()
    if as_json:
        emit_json(day_json(check))
        return
    if rest is not None:
        echo(t("cli.checklist_rest_marked", date=fmt_date(day), state=t("cstate." + rest.lower()),
               items=tn("count.items", count)))
        return
    echo(t("cli.checklist_marked", date=fmt_date(day), item=target.title, state=t("cstate." + state.lower())))


@checklist.command()
@click.option("--json", "as_json", is_flag=True, help="In ra JSON")
@officer_option
@pass_app
def probe(app: AppContext, as_json: bool, officer: str | None) -> None:
    """Chạy kiểm tra tự động và ghi kết quả cho hôm nay (không ghi đè kết quả cán bộ đã nhập)."""
    from ..config import today
    from ..i18n import t
    from ..store.checklist import get_day, run_probes_and_record

    store = _open(app)
    try:
        results, filled = run_probes_and_record(store, today(), actor=resolve_officer(store, officer))
        check = get_day(store, today())
    finally:
        store.close()
    if as_json:
        emit_json({"results": [r.as_dict() for r in results], "filled": filled, "day": day_json(check)})
        return
    marks = {m.probe: m for m in check.marks if m.probe}
    for result in results:
        echo(f"{t('probe.name.' + result.name):<9} {result.state.upper():<5} {result.summary}")
        mark_ = marks.get(result.name)
        if mark_ and mark_.item_code not in filled and mark_.source == "manual":
            echo("          " + t("cli.checklist_probe_kept", item=mark_.title))
    echo(t("checklist.probe_done", filled=len(filled)))


@checklist.command()
@click.option("--date", "date_text", default=None, help="Ngày (dd/mm/yyyy; mặc định hôm nay)")
@click.option("--yes", is_flag=True, help="Hoàn thành dù còn mục chưa kiểm tra")
@click.option("--json", "as_json", is_flag=True, help="In ra JSON")
@officer_option
@pass_app
def finish(app: AppContext, date_text: str | None, yes: bool, as_json: bool, officer: str | None) -> None:
    """Hoàn thành kiểm tra của ngày (ghi giờ hoàn thành; sau giờ quy định là muộn)."""
    from ..config import to_local
    from ..domain.checklist import ChecklistError
    from ..i18n import t, tn
    from ..store.checklist import finish_day, get_day

    day = _date(date_text)
    store = _open(app)
    try:
        left = get_day(store, day).unchecked
        if left and not yes:
            names = ", ".join(m.item_code for m in left)
            raise UserError(tn("cli.checklist_unchecked_left", len(left), names=names))
        check = finish_day(store, day, actor=resolve_officer(store, officer))
    except ChecklistError as exc:
        raise UserError(str(exc)) from None
    finally:
        store.close()
    if as_json:
        emit_json(day_json(check))
        return
    at = to_local(check.finished_at).strftime("%H:%M")
    key = "checklist.finished_late_msg" if check.late else "checklist.finished_msg"
    echo(t(key, time=at, late_after=check.late_after))


@checklist.command()
@click.option("--days", type=click.IntRange(1, 3660), default=30, show_default=True, help="Số ngày gần nhất")
@click.option("--json", "as_json", is_flag=True, help="In ra JSON")
@pass_app
def history(app: AppContext, days: int, as_json: bool) -> None:
    """Lịch sử kiểm tra: mỗi mục theo ngày, tỉ lệ sẵn sàng, số ngày kiểm tra đúng giờ."""
    from ..config import fmt_date
    from ..i18n import t
    from ..safe import one_line
    from ..store.checklist import history as load_history

    store = _open(app)
    try:
        data = load_history(store, days=days)
    finally:
        store.close()
    if as_json:
        emit_json(data.as_json())
        return
    echo(t("checklist.history_title", days=days, start=fmt_date(data.start), end=fmt_date(data.end)))
    echo(data.summary())
    for row in data.rows:
        avail = f"{'–':>6}" if row.availability is None else f"{row.availability:5.1f}%"
        echo(f"{row.code:<11} {avail} {cells_text(row.cells[-min(days, 60):])}  {one_line(row.title)}")
    echo(t("checklist.legend"))


CELL = {"ok": "●", "fail": "✗", "na": "–", "unchecked": "·", "": " "}


def cells_text(cells: list[str]) -> str:
    return "".join(CELL.get(c, "?") for c in cells)


@checklist.command()
@click.option("--late-after", default=None, help="Giờ muộn nhất hoàn thành kiểm tra (HH:MM, mặc định 08:00)")
@click.option("--saturdays/--no-saturdays", default=None, help="Thứ Bảy có là ngày làm việc không")
@click.option("--holiday", "holidays", multiple=True, help="Thêm ngày nghỉ của xã (dd/mm/yyyy), lặp lại được")
@click.option("--workday", "workdays", multiple=True, help="Thêm ngày làm bù (dd/mm/yyyy), lặp lại được")
@click.option("--clear-days", is_flag=True, help="Xóa các ngày nghỉ và ngày làm bù đã thêm")
@click.option("--host", "hosts", multiple=True, help="Máy chủ kiểm tra Internet (host:port hoặc http(s)://…), thay danh sách")
@click.option("--json", "as_json", is_flag=True, help="In ra JSON")
@officer_option
@pass_app
def settings(app: AppContext, late_after: str | None, saturdays: bool | None, holidays: tuple[str, ...],
             workdays: tuple[str, ...], clear_days: bool, hosts: tuple[str, ...], as_json: bool,
             officer: str | None) -> None:
    """Xem hoặc đổi cài đặt kiểm tra đầu giờ: giờ muộn, thứ Bảy, ngày nghỉ, máy chủ Internet."""
    from dataclasses import asdict

    from ..domain.checklist import ChecklistError, parse_hhmm
    from ..domain.vntext import clean_line
    from ..store.checklist import SETTING_KEYS, checklist_settings
    from ..store.settings import put_settings

    store = _open(app)
    try:
        current = checklist_settings(store)
        changes: dict = {}
        if late_after is not None:
            try:
                changes["late_after"] = parse_hhmm(late_after).strftime("%H:%M")
            except ChecklistError as exc:
                raise UserError(str(exc)) from None
        if saturdays is not None:
            changes["saturdays"] = saturdays
        if clear_days or holidays:
            base = [] if clear_days else current.holidays
            changes["holidays"] = sorted({*base, *(_date(d).isoformat() for d in holidays)})
        if clear_days or workdays:
            base = [] if clear_days else current.extra_workdays
            changes["extra_workdays"] = sorted({*base, *(_date(d).isoformat() for d in workdays)})
        if hosts:
            from ..probes.network import parse_target

            cleaned = [clean_line(h) for h in hosts if clean_line(h)]
            for host in cleaned:
                try:
                    parse_target(host)
                except ValueError:
                    from ..i18n import t

                    raise UserError(t("probe.bad_host", host=host)) from None
            changes["internet_hosts"] = cleaned
        if changes:
            put_settings(store, {SETTING_KEYS[k]: v for k, v in changes.items()},
                         actor=resolve_officer(store, officer))
            current = checklist_settings(store)
    finally:
        store.close()
    data = asdict(current)
    if as_json:
        emit_json(data)
        return
    for key, value in data.items():
        shown = ", ".join(value) if isinstance(value, list) else value
        echo(f"{key:<20} {shown}")
