"""kehoach report: produce the weekly/monthly report, its texts, settings and schedules."""

from __future__ import annotations

import click

from ..domain.report_texts import TEXT_KEYS, TEXT_SECTIONS
from ..errors import os_reason
from .common import (
    AppContext,
    UserError,
    echo,
    emit_json,
    officer_option,
    pass_app,
    resolve_officer,
)

FORMATS = ("docx", "xlsx", "csv", "md", "txt")
# Command name → period kind (domain/periods.py).
KINDS = {"daily": "day", "weekly": "week", "monthly": "month", "quarterly": "quarter", "half-yearly": "half",
         "yearly": "year", "custom": "custom"}


@click.group()
def report() -> None:
    """Báo cáo tuần, tháng (Nghị định 30/2020): tạo tệp, nội dung, lịch báo cáo."""


def _period(kind: str, period: str | None, date_from: str | None, date_to: str | None, mid_month: bool):
    from ..config import today
    from ..domain.periods import PeriodError, custom_period, parse_day, parse_period
    from ..i18n import t

    try:
        if kind == "custom":
            if not date_from or not date_to:
                raise UserError(t("report.custom_needs_range"))
            return custom_period(parse_day(date_from), parse_day(date_to))
        if date_from or date_to:
            raise UserError(t("report.range_only_custom"))
        if mid_month and kind in ("month", "quarter", "half", "year"):
            kind = f"{kind}15"
        return parse_period(kind, period, today())
    except PeriodError as exc:
        raise UserError(str(exc)) from None


def _period_options(func):
    func = click.option("--period", default=None,
                        help="Kỳ: 2025-11-05 (ngày), 2025-W45 (tuần), 2025-11 (tháng), 2025-Q4 (quý), "
                             "2025-H2 (6 tháng), 2025 (năm); mặc định kỳ hiện tại")(func)
    func = click.option("--from", "date_from", default=None, help="Từ ngày (báo cáo tùy chọn)")(func)
    func = click.option("--to", "date_to", default=None, help="Đến ngày (báo cáo tùy chọn)")(func)
    func = click.option("--mid-month", is_flag=True,
                        help="Kỳ tính từ ngày 15 tháng trước đến ngày 14 (Nghị định 09/2019/NĐ-CP; "
                             "với monthly, quarterly, half-yearly, yearly)")(func)
    return func


def _generate(app: AppContext, kind: str, period: str | None, date_from: str | None, date_to: str | None,
              mid_month: bool, fmt: str, out: str | None, number: str | None, as_json: bool,
              officer: str | None, csv_sep: str | None = None) -> None:
    from ..config import today
    from ..i18n import t

    chosen = _period(kind, period, date_from, date_to, mid_month)
    sep = _csv_sep(csv_sep)
    if out == "-" and fmt not in ("md", "txt", "csv"):
        raise UserError(t("report.stdout_formats"))
    store = app.open()
    try:
        from ..reports.export import export_report, render
        from ..reports.model import build_report
        from ..store.setup import commune_code

        model = build_report(store, chosen, today())
        if number is not None:
            from dataclasses import replace

            from ..domain.vntext import clean_line

            model = model._replace(settings=replace(model.settings, doc_number=clean_line(number)))
        if out == "-":
            import sys

            sys.stdout.buffer.write(render(model, fmt, commune_code(store), sep))
            sys.stdout.flush()
            return
        try:
            result = export_report(store, chosen, fmt, today=today(), out=out, actor=resolve_officer(store, officer),
                                   model=model, csv_sep=sep)
        except OSError as exc:
            raise UserError(t("report.write_failed", path=out or "", reason=os_reason(exc))) from None
    finally:
        store.close()
    if as_json:
        _warn_missing_texts(model)
        emit_json({
            "path": str(result.path), "format": result.format, "sha256": result.sha256,
            "size_bytes": result.size_bytes, "run_id": result.run_id,
            "period": {"kind": str(chosen.kind), "code": chosen.code, "start": chosen.start.isoformat(),
                       "end": chosen.end.isoformat(), "label": chosen.label()},
            "totals": model.totals,
        })
        return
    _warn_missing_texts(model)
    echo(t("report.saved", period=chosen.words(),
           path=result.path))
    echo(t("report.sha", sha=result.sha256, size=result.size_bytes))


def _warn_missing_texts(model) -> None:
    """Sections I, III and V are the officer's to write: say so on stderr (the file is made,
    with a visible placeholder) rather than let an empty section go to the chairman."""
    from ..i18n import t

    missing = [section.number for section in TEXT_SECTIONS
               if section.required and not getattr(model.texts, section.key).strip()]
    if missing:
        click.echo(t("report.missing_warning", sections=", ".join(missing)), err=True)


def _csv_sep(value: str | None) -> str | None:
    if value is None:
        return None
    from ..i18n import t
    from ..store.reports import check_csv_sep

    try:
        return check_csv_sep(value)
    except ValueError:
        raise UserError(t("report.bad_csv_sep", value=value)) from None


def _make_command(kind: str, help_text: str):
    @click.command(name={v: k for k, v in KINDS.items()}[kind], help=help_text)
    @_period_options
    @click.option("--format", "fmt", type=click.Choice(FORMATS), default="docx", show_default=True,
                  help="Định dạng tệp")
    @click.option("--out", default=None, help="Tệp hoặc thư mục lưu (mặc định thư mục dữ liệu/bao-cao; - là in ra)")
    @click.option("--number", default=None, help="Số văn bản (mặc định theo thiết lập; để trống cho văn thư)")
    @click.option("--csv-sep", "csv_sep", default=None,
                  help='Dấu phân cách CSV: "," (mặc định), ";" (Excel cài đặt vùng Việt Nam) hoặc "tab"')
    @click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON")
    @officer_option
    @pass_app
    def command(app, period, date_from, date_to, mid_month, fmt, out, number, csv_sep, as_json, officer):
        _generate(app, kind, period, date_from, date_to, mid_month, fmt, out, number, as_json, officer, csv_sep)

    return command


for _kind, _help in (
    ("day", "Báo cáo ngày."), ("week", "Báo cáo tuần (thứ Hai đến Chủ nhật, tuần ISO)."),
    ("month", "Báo cáo tháng (--mid-month: từ ngày 15 tháng trước đến ngày 14)."),
    ("quarter", "Báo cáo quý (--mid-month: từ ngày 15 tháng trước quý đến ngày 14 tháng cuối quý)."),
    ("half", "Báo cáo 6 tháng (--mid-month: từ ngày 15/12 năm trước đến ngày 14/6)."),
    ("year", "Báo cáo năm (--mid-month: từ ngày 15/12 năm trước đến ngày 14/12)."),
    ("custom", "Báo cáo theo khoảng ngày tùy chọn (--from, --to)."),
):
    report.add_command(_make_command(_kind, _help))


@report.command(name="text")
@click.argument("kind", type=click.Choice(list(KINDS)))
@_period_options
@click.option("--section", type=click.Choice(TEXT_KEYS), required=True,
              help=", ".join(f"{s.key} ({s.number})" for s in TEXT_SECTIONS))
@click.option("--text", "body", default=None, help="Nội dung (bỏ trống để đọc từ --file)")
@click.option("--file", "path", type=click.Path(exists=True, dir_okay=False), default=None, help="Đọc nội dung từ tệp UTF-8")
@officer_option
@pass_app
def report_text(app, kind, period, date_from, date_to, mid_month, section, body, path, officer) -> None:
    """Lưu nội dung do cán bộ soạn cho một mục của báo cáo."""
    from pathlib import Path

    from ..i18n import t
    from ..store.reports import save_texts

    chosen = _period(KINDS[kind], period, date_from, date_to, mid_month)
    if body is None and path is None:
        raise UserError("--text / --file")
    if path is not None:
        try:
            body = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UserError(str(exc)) from None
    store = app.open()
    try:
        save_texts(store, chosen, {section: body}, actor=resolve_officer(store, officer))
    finally:
        store.close()
    echo(t("report.text_saved", section=t(f"reports.section.{section}"), period=chosen.words()))


@report.command(name="figures")
@click.argument("kind", type=click.Choice(list(KINDS)))
@_period_options
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON (các khóa xem README)")
@pass_app
def report_figures(app, kind, period, date_from, date_to, mid_month, as_json) -> None:
    """Số liệu của một kỳ báo cáo, đúng như báo cáo dùng (tính đến hết kỳ)."""
    from ..config import today
    from ..domain.figures import figures_json
    from ..store.figures_source import period_figures

    chosen = _period(KINDS[kind], period, date_from, date_to, mid_month)
    store = app.open()
    try:
        found = period_figures(store, chosen, today=today())
    finally:
        store.close()
    if as_json:
        emit_json(figures_json(found))
        return
    for line in _figures_lines(found, chosen):
        echo(line)


def _figures_lines(found, chosen) -> list[str]:
    from ..config import fmt_date
    from ..domain.incidents import fmt_duration
    from ..i18n import t
    from ..reports.layout import number

    counts, check, inc = found.counts, found.checklist, found.incidents
    lines = [t("figures.head", period=chosen.words(), day=fmt_date(found.window.reference_day)),
             t("figures.tasks", **{k: getattr(counts, k) for k in (
                 "total", "done", "in_progress", "not_started", "no_update", "blocked", "not_applicable",
                 "overdue")})]
    if check is not None:
        lines.append(t("figures.checklist", work=check.working_days, checked=check.days_checked,
                       on_time=check.days_on_time, failed=check.items_failed))
    if inc is not None:
        import datetime as dt

        lines.append(t("figures.incidents", count=inc.count, interrupting=inc.interrupting,
                       downtime=fmt_duration(dt.timedelta(minutes=inc.downtime_minutes)),
                       dossiers=inc.dossiers_delayed, open=inc.open_at_end))
    for target in found.targets:
        if target.value is not None:
            unit = target.target.unit if target.target.unit == "%" else f" {target.target.unit}".rstrip()
            value = f"{number(target.value)}{unit}"
            if target.previous is not None and target.previous != target.value:
                value = f"{number(target.previous)}{unit} → {value}"
            goal = f"{number(target.target.goal)}{unit}" if target.target.goal is not None else "—"
            met = {True: "✓", False: "✗", None: ""}[target.met]
            lines.append(f"  {target.code}: {value} / {goal} {met}".rstrip())
    if found.not_updated:
        lines.append(t("figures.not_updated", codes=", ".join(f.code for f in found.not_updated)))
    due = [f.code for f in found.due_tasks_next] + [x.code for x in found.due_targets_next]
    if due:
        lines.append(t("figures.due_next", codes=", ".join(due)))
    return lines


@report.command(name="settings")
@click.option("--signer-title", default=None, help="Chức danh ký; dùng \\n để xuống dòng (KT. CHỦ TỊCH\\nPHÓ CHỦ TỊCH)")
@click.option("--signer-name", default=None, help="Họ tên người ký")
@click.option("--doc-number", default=None, help="Số văn bản mặc định")
@click.option("--place", default=None, help="Địa danh ở dòng ngày tháng")
@click.option("--recipient", "recipients", multiple=True, help="Nơi nhận (lặp lại cho từng nơi)")
@click.option("--csv-sep", "csv_sep", default=None, help='Dấu phân cách CSV mặc định: ",", ";" hoặc "tab"')
@click.option("--json", "as_json", is_flag=True)
@officer_option
@pass_app
def report_settings_cmd(app, signer_title, signer_name, doc_number, place, recipients, csv_sep, as_json,
                        officer) -> None:
    """Xem hoặc đổi người ký, nơi nhận, số văn bản."""
    from ..i18n import t
    from ..store.reports import report_settings, save_report_settings

    values = {k: v for k, v in {"signer_title": signer_title.replace("\\n", "\n") if signer_title else None,
                                "signer_name": signer_name, "doc_number": doc_number, "place": place,
                                "recipients": list(recipients) or None,
                                "csv_sep": _csv_sep(csv_sep)}.items() if v is not None}
    store = app.open()
    try:
        settings = save_report_settings(store, values, actor=resolve_officer(store, officer)) if values \
            else report_settings(store)
    finally:
        store.close()
    if as_json:
        emit_json(settings)
        return
    if values:
        echo(t("report.settings_saved"))
    from dataclasses import asdict

    for key, value in asdict(settings).items():
        shown = "; ".join(value) if isinstance(value, list) else str(value).replace("\n", " / ")
        echo(f"{key:<14} {shown}")


@report.command(name="sent")
@click.argument("kind", type=click.Choice(list(KINDS)))
@_period_options
@click.option("--via", default="iOffice", show_default=True, help="Gửi qua (iOffice, thư điện tử, văn bản giấy…)")
@officer_option
@pass_app
def report_sent(app, kind, period, date_from, date_to, mid_month, via, officer) -> None:
    """Ghi nhận báo cáo của kỳ đã gửi (gửi qua iOffice hoặc cách khác): không còn báo đến hạn."""
    from ..i18n import t
    from ..store.reports import mark_sent

    chosen = _period(KINDS[kind], period, date_from, date_to, mid_month)
    store = app.open()
    try:
        changed = mark_sent(store, actor=resolve_officer(store, officer), via=via, period=chosen)
    finally:
        store.close()
    if not changed:
        raise UserError(t("report.sent_none", period=chosen.words()))
    echo(t("report.sent_done", period=chosen.words(), via=via, n=changed))


@report.command(name="due")
@click.option("--json", "as_json", is_flag=True)
@pass_app
def report_due(app, as_json) -> None:
    """Báo cáo sắp đến hạn và báo cáo quá hạn theo lịch (đến khi đã gửi)."""
    import datetime as dt

    from ..i18n import t
    from ..store.reports import done_periods, due_overview

    store = app.open()
    try:
        statuses = due_overview(store)
        made = done_periods(store)
    finally:
        store.close()
    items = [("next", s.next_due) for s in statuses if s.next_due] + [("overdue", o) for s in statuses for o in s.overdue]
    if as_json:
        emit_json([{"state": state, "schedule": i.schedule_code, "label": i.label, "due": i.due.isoformat(),
                    "made": (i.period.start, i.period.end) in made,
                    "assumed": i.assumed,
                    "period": {"kind": str(i.period.kind), "start": i.period.start.isoformat(),
                               "end": i.period.end.isoformat()}} for state, i in items])
        return
    if not statuses:
        echo(t("report.no_schedules"))
    for state, item in items:
        due = item.due.strftime("%d/%m/%Y" if item.due.time() == dt.time(23, 59, 59) else "%d/%m/%Y %H:%M")
        if item.assumed:
            due += f" ({t('due.assumed')})"
        line = t(f"report.{'next_due' if state == 'next' else 'overdue'}", label=item.label, due=due,
                 period=item.period.words())
        echo(line + (t("report.made_not_sent") if (item.period.start, item.period.end) in made else ""))


@report.command(name="schedule")
@click.option("--preset", required=True, help="nghia-tho, son-thuy hoặc thanh-hoa")
@officer_option
@pass_app
def report_schedule(app, preset, officer) -> None:
    """Đặt lịch báo cáo theo chế độ của địa phương."""
    from ..domain.periods import PRESETS
    from ..domain.vntext import fold
    from ..i18n import t
    from ..store.reports import apply_preset

    name = fold(preset).replace(" ", "-")
    if name not in PRESETS:
        raise UserError(t("report.unknown_preset", name=preset, names=", ".join(PRESETS)))
    store = app.open()
    try:
        apply_preset(store, PRESETS[name], actor=resolve_officer(store, officer))
    finally:
        store.close()
    echo(t("report.preset_applied", name=name, labels="; ".join(s.label for s in PRESETS[name])))


@report.command(name="history")
@click.option("--json", "as_json", is_flag=True)
@pass_app
def report_history(app, as_json) -> None:
    """Các báo cáo đã tạo: kỳ, thời điểm, tệp, SHA-256."""
    from ..config import fmt_datetime
    from ..i18n import t
    from ..store.reports import list_runs, runs_json

    store = app.open()
    try:
        runs = list_runs(store)
    finally:
        store.close()
    if as_json:
        emit_json(runs_json(runs))
        return
    if not runs:
        echo(t("report.none_generated"))
    for run in runs:
        state = t("report.state.sent", via=run.sent_via) if run.sent_at else t("report.state.made")
        # The id's first characters are what `report sent-run` takes.
        echo(f"{run.id[:8]}  {fmt_datetime(run.created_at)}  {run.period_start:%d/%m/%Y}-{run.period_end:%d/%m/%Y}  "
             f"{run.format:<4} {run.sha256[:12]}  {state:<16} {run.file_path}")


@report.command(name="sent-run")
@click.argument("run_id", default="latest")
@click.option("--at", "when", default=None, help="Thời điểm đã gửi, dd/mm/yyyy HH:MM (mặc định: bây giờ)")
@click.option("--via", default="iOffice", show_default=True, help="Gửi qua (iOffice, thư điện tử, văn bản giấy…)")
@click.option("--json", "as_json", is_flag=True)
@officer_option
@pass_app
def report_sent_run(app, run_id, when, via, as_json, officer) -> None:
    """Ghi nhận một báo cáo đã gửi lên cấp trên (mã trong `report history`, mặc định báo cáo mới nhất);
    tỉnh nhận được qua tệp đồng bộ và biết báo cáo đúng hạn hay trễ."""
    import datetime as dt

    from ..config import TZ, fmt_datetime, now_utc
    from ..i18n import t
    from ..store.reports import RunNotFound, find_run, mark_run_sent

    moment = None
    if when:
        try:
            moment = dt.datetime.strptime(when.strip(), "%d/%m/%Y %H:%M").replace(tzinfo=TZ)
        except ValueError:
            raise UserError(t("report.bad_sent_time", text=when)) from None
        if moment > now_utc():
            raise UserError(t("report.sent_in_future", text=when))
    store = app.open()
    try:
        try:
            run = find_run(store, run_id)
        except RunNotFound as exc:
            raise UserError(str(exc)) from None
        run = mark_run_sent(store, run.id, actor=resolve_officer(store, officer), via=via, at=moment)
    finally:
        store.close()
    if as_json:
        emit_json({"id": run.id, "sent_at": run.sent_at, "sent_via": run.sent_via,
                   "period_start": run.period_start.isoformat(), "period_end": run.period_end.isoformat()})
        return
    echo(t("report.marked_sent", period=f"{run.period_start:%d/%m/%Y}-{run.period_end:%d/%m/%Y}",
           when=fmt_datetime(run.sent_at)))
