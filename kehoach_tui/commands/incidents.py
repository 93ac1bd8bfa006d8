"""kehoach incident open/update/text/show/categories, kehoach incidents: the incident log."""

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


def incident_json(store, incident, *, with_events: bool = False) -> dict:
    from ..domain.incidents import status_name
    from ..store.incidents import (
        catalog,
        category_label,
        incident_downtime,
        list_events,
        severity_label,
    )

    cat = catalog(store)
    events = list_events(store, incident.id)
    data = {
        "id": incident.id,
        "number": incident.number,
        "title": incident.title,
        "opened_at": incident.opened_at.isoformat(),
        "reporter": incident.reporter,
        "category": incident.category,
        "category_name": category_label(cat, incident),
        "severity": incident.severity,
        "severity_name": severity_label(cat, incident.severity),
        "status": incident.status,
        "status_name": status_name(incident.status),
        "status_at": incident.status_at.isoformat(),
        "location": incident.location,
        "systems": incident.systems,
        "description": incident.description,
        "service_interrupted": incident.service_interrupted,
        "dossiers_delayed": incident.dossiers_delayed,
        "reported_via": incident.reported_via,
        "reported_to": incident.reported_to,
        "contact": incident.contact,
        "checklist_item": incident.checklist_item,
        "resolution": incident.resolution,
        "resolved_at": incident.resolved_at.isoformat() if incident.resolved_at else None,
        "closed_at": incident.closed_at.isoformat() if incident.closed_at else None,
        "downtime_minutes": int(incident_downtime(incident, events).total_seconds() // 60),
        "version": incident.version,
    }
    if with_events:
        data["events"] = [
            {"at": e.at.isoformat(), "officer": e.officer, "from": e.from_status or None,
             "to": e.to_status, "note": e.note}
            for e in events
        ]
    return data


def _line(store, incident) -> str:
    from ..config import fmt_datetime
    from ..domain.incidents import status_name
    from ..store.incidents import catalog, category_label, severity_label

    cat = catalog(store)
    return (f"#{incident.number:<4} {fmt_datetime(incident.opened_at):<17} {status_name(incident.status):<13} "
            f"{severity_label(cat, incident.severity):<11} {category_label(cat, incident)}: {incident.title}")


def _rule_errors(func):
    """Turn lifecycle/validation errors into the one-line CLI error."""
    import functools

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        from ..domain.incidents import IncidentRuleError

        try:
            return func(*args, **kwargs)
        except IncidentRuleError as exc:
            raise UserError(str(exc)) from None

    return wrapper


@click.group()
def incident() -> None:
    """Nhật ký sự cố CNTT (nhiệm vụ 4.5.đ): mở, cập nhật trạng thái, in văn bản báo cáo nhanh."""


@incident.command("open")
@click.option("--category", "-c", required=True, help="Loại sự cố (tên hoặc mã, có dấu hay không dấu)")
@click.option("--title", "-t", required=True, help="Tiêu đề ngắn")
@click.option("--severity", "-s", default="medium", show_default=True, help="Mức độ: Cao / Trung bình / Thấp")
@click.option("--via", default="", help="Báo qua: nhóm Zalo, đường dây nóng, ứng dụng, điện thoại, trực tiếp, văn bản")
@click.option("--to", "reported_to", default="", help="Báo cho (tổ hoặc người)")
@click.option("--item", default="", help="Hạng mục kiểm tra đầu giờ không đạt (mã hoặc tên)")
@click.option("--at", "opened_at", default="", help="Thời điểm xảy ra, dd/mm/yyyy HH:MM (mặc định: bây giờ)")
@click.option("--systems", default="", help="Hệ thống bị ảnh hưởng")
@click.option("--description", "-d", default="", help="Mô tả")
@click.option("--interrupted/--not-interrupted", default=False, help="Có gián đoạn phục vụ người dân không")
@click.option("--dossiers", default="0", help="Số hồ sơ bị chậm")
@click.option("--location", default="", help="Nơi xảy ra (bộ phận, phòng)")
@click.option("--contact", default="", help="Số điện thoại liên hệ")
@click.option("--reporter", default="", help="Người phát hiện (mặc định: cán bộ)")
@click.option("--json", "as_json", is_flag=True, help="In ra JSON")
@officer_option
@pass_app
@_rule_errors
def open_cmd(app: AppContext, category, title, severity, via, reported_to, item, opened_at, systems,
             description, interrupted, dossiers, location, contact, reporter, as_json, officer) -> None:
    """Mở (ghi nhận) một sự cố mới; in ra sự cố kèm mã."""
    from ..domain.incident_models import IncidentDraft
    from ..store.incidents import open_incident

    store = app.open()
    try:
        actor = resolve_officer(store, officer)
        draft = IncidentDraft(
            title=title, category=category, severity=severity, reported_via=via, reported_to=reported_to,
            checklist_item=item, opened_at=opened_at or None, systems=systems, description=description,
            service_interrupted=interrupted, dossiers_delayed=dossiers, location=location, contact=contact,
            reporter=reporter,
        )
        created = open_incident(store, draft, actor=actor)
        if as_json:
            emit_json(incident_json(store, created, with_events=True))
        else:
            echo(_line(store, created))
            echo(f"id: {created.id}")
    finally:
        store.close()


@incident.command("update")
@click.argument("ref")
@click.option("--status", required=True, help="Trạng thái mới: Đã báo cáo, Đang xử lý, Đã khắc phục, Đóng, Mở lại")
@click.option("--note", "-n", default="", help="Ghi chú (bắt buộc khi Đóng: cách khắc phục)")
@click.option("--at", "at", default="",
              help="Thời điểm diễn ra, dd/mm/yyyy HH:MM (mặc định: bây giờ; không ở tương lai, "
                   "không sớm hơn diễn biến trước)")
@click.option("--json", "as_json", is_flag=True, help="In ra JSON")
@officer_option
@pass_app
@_rule_errors
def update_cmd(app: AppContext, ref, status, note, at, as_json, officer) -> None:
    """Chuyển trạng thái sự cố REF (số thứ tự như 12 hoặc mã id)."""
    from ..domain.incidents import STATUSES, resolve_choice, status_name, status_options
    from ..i18n import t
    from ..store.incidents import change_status, find_incident

    target = resolve_choice(status, status_options())
    if target is None:
        raise UserError(t("incident.err.bad_status_name", value=status,
                          choices=", ".join(status_name(s) for s in STATUSES)))
    store = app.open()
    try:
        found = find_incident(store, ref)
        updated = change_status(store, found.id, target, note=note, actor=resolve_officer(store, officer),
                                at=at or None)
        if as_json:
            emit_json(incident_json(store, updated, with_events=True))
        else:
            echo(_line(store, updated))
    finally:
        store.close()


@incident.command("text")
@click.argument("ref")
@pass_app
@_rule_errors
def text_cmd(app: AppContext, ref) -> None:
    """In văn bản tóm tắt sự cố REF để dán vào Zalo hoặc thư điện tử."""
    from ..store.incidents import find_incident, summary_text

    store = app.open()
    try:
        echo(summary_text(store, find_incident(store, ref)))
    finally:
        store.close()


@incident.command("show")
@click.argument("ref")
@click.option("--json", "as_json", is_flag=True, help="In ra JSON")
@pass_app
@_rule_errors
def show_cmd(app: AppContext, ref, as_json) -> None:
    """Xem một sự cố và diễn biến xử lý."""
    from ..config import fmt_datetime
    from ..domain.incidents import status_name
    from ..store.incidents import find_incident, list_events

    store = app.open()
    try:
        found = find_incident(store, ref)
        if as_json:
            emit_json(incident_json(store, found, with_events=True))
            return
        echo(_line(store, found))
        echo(f"id: {found.id}")
        for event in list_events(store, found.id):
            echo(f"  {fmt_datetime(event.at)}  {status_name(event.to_status):<13} {event.officer}: {event.note}")
    finally:
        store.close()


@incident.command("categories")
@click.option("--add", "add_name", default="", help="Thêm một loại sự cố của xã")
@click.option("--json", "as_json", is_flag=True, help="In ra JSON")
@officer_option
@pass_app
@_rule_errors
def categories_cmd(app: AppContext, add_name, as_json, officer) -> None:
    """Danh sách loại sự cố (và thêm loại riêng của xã)."""
    from ..store.incidents import add_category, catalog

    store = app.open()
    try:
        if add_name:
            add_category(store, add_name, actor=resolve_officer(store, officer))
        items = catalog(store).categories
        if as_json:
            emit_json([{"code": c.code, "name": c.name, "security": c.security, "source": c.source,
                        "quote": c.quote, "assumed": c.assumed} for c in items])
        else:
            from ..i18n import t

            for c in items:
                mark = f"  ({c.source})" if c.source else f"  ({t('origin.assumed_item')})"
                echo(f"{c.code:<20} {c.label()}{mark}")
    finally:
        store.close()


@click.command()
@click.option("--open", "open_only", is_flag=True, help="Chỉ sự cố chưa đóng")
@click.option("--category", "-c", default="", help="Lọc theo loại")
@click.option("--severity", "-s", default="", help="Lọc theo mức độ")
@click.option("--search", "-q", default="", help="Tìm (không cần dấu)")
@click.option("--json", "as_json", is_flag=True, help="In ra JSON")
@pass_app
@_rule_errors
def incidents(app: AppContext, open_only, category, severity, search, as_json) -> None:
    """Liệt kê sự cố, mới nhất trước."""
    from ..domain.incident_models import IncidentFilter
    from ..domain.incidents import IncidentRuleError, choice_options, resolve_choice
    from ..i18n import t
    from ..store.incidents import catalog, list_incidents

    store = app.open()
    try:
        cat = catalog(store)
        spec = IncidentFilter(status="open" if open_only else None, search=search)
        if category:
            spec.category = resolve_choice(category, choice_options(cat.categories))
            if spec.category is None:
                raise IncidentRuleError(t("incident.err.bad_category", value=category,
                                          choices="; ".join(c.name for c in cat.categories)))
        if severity:
            spec.severity = resolve_choice(severity, choice_options(cat.severities))
            if spec.severity is None:
                raise IncidentRuleError(t("incident.err.bad_severity", value=severity,
                                          choices="; ".join(c.name for c in cat.severities)))
        rows, _ = list_incidents(store, spec)
        if as_json:
            emit_json([incident_json(store, row) for row in rows])
        else:
            for row in rows:
                echo(_line(store, row))
    finally:
        store.close()
