"""kehoach mail … / kehoach outbox …: e-mail hand-off of bundles and reports."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..domain.numbers import fmt_size
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


def _call(func, *args, **kwargs):
    from ..errors import KehoachError

    try:
        return func(*args, **kwargs)
    except KehoachError as exc:
        raise UserError(str(exc)) from None


def _settings(store):
    from ..mail import settings as mail_settings

    found = mail_settings.load(store)
    if found is None:
        raise UserError(t("mail.err_not_configured"))
    return found


def _password_mode(settings) -> str:
    from ..mail import secret

    if not settings.user:
        return t("mail.password_none")
    if secret.get_password(settings.user, settings.host):
        return t("mail.password_keyring", backend=secret.keyring_name())
    return t("mail.password_ask")


def _password(settings) -> str | None:
    """From the keyring, else typed now (hidden); never stored by this path."""
    from ..mail import secret

    if not settings.user:
        return None
    found = secret.get_password(settings.user, settings.host)
    if found:
        return found
    if not sys.stdin.isatty():
        raise UserError(t("mail.err_need_password"))
    return click.prompt(t("mail.ask_password", user=settings.user, server=settings.server), hide_input=True,
                        err=True)


@click.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="In ra JSON")
@click.pass_context
def mail(ctx: click.Context, as_json: bool) -> None:
    """Gửi tệp cho tỉnh qua thư điện tử (không lệnh con: in cấu hình hiện tại)."""
    if ctx.invoked_subcommand is not None:
        return
    app = ctx.find_object(AppContext)
    store = app.open()
    try:
        settings = _settings(store)
        mode = _password_mode(settings)
    finally:
        store.close()
    if as_json:
        emit_json({**settings.to_json(), "password": mode})
        return
    _print_settings(settings, mode)


def _print_settings(settings, mode: str) -> None:
    echo(t("mail.settings_server", server=settings.server, security=settings.security,
           user=settings.user or "—"))
    echo(t("mail.settings_addresses", sender=settings.sender, to=", ".join(settings.recipients)))
    echo(t("mail.settings_options", auto=t("mail.on") if settings.auto_send else t("mail.off"),
           limit=f"{settings.max_mb:g}", minutes=settings.check_minutes))
    echo(t("mail.settings_password", mode=mode))


@mail.command("configure")
@click.option("--host", required=True, help="Máy chủ thư (SMTP)")
@click.option("--port", type=int, default=None, help="Cổng (mặc định: 25 / 587 STARTTLS / 465 SSL)")
@click.option("--security", type=click.Choice(["none", "starttls", "ssl"]), default="starttls", show_default=True)
@click.option("--user", default="", help="Tên đăng nhập (bỏ trống nếu máy chủ không cần)")
@click.option("--from", "sender", required=True, help="Địa chỉ gửi (thư công vụ của xã)")
@click.option("--to", "recipients", multiple=True, required=True, help="Địa chỉ của tỉnh (lặp lại cho nhiều địa chỉ)")
@click.option("--auto-send/--no-auto-send", default=False, show_default=True,
              help="Tự gửi khi có kết nối trở lại (khi tắt: nhấn một phím để gửi)")
@click.option("--max-size-mb", type=float, default=10.0, show_default=True, help="Giới hạn cỡ thư")
@click.option("--check-minutes", type=int, default=3, show_default=True, help="Kiểm tra kết nối mỗi … phút")
@click.option("--save-password", is_flag=True,
              help="Hỏi mật khẩu và lưu vào kho mật khẩu của hệ điều hành (Windows Credential Manager)")
@officer_option
@pass_app
def mail_configure(app: AppContext, host: str, port: int | None, security: str, user: str, sender: str,
                   recipients: tuple[str, ...], auto_send: bool, max_size_mb: float, check_minutes: int,
                   save_password: bool, officer: str | None) -> None:
    """Đặt máy chủ thư, địa chỉ gửi và nhận. Mật khẩu không bao giờ ghi vào cơ sở dữ liệu."""
    from ..mail import secret
    from ..mail import settings as mail_settings

    settings = _call(mail_settings.build, host=host, port=port, security=security, user=user, sender=sender,
                     recipients=list(recipients), auto_send=auto_send, max_mb=max_size_mb,
                     check_minutes=check_minutes)
    if save_password:
        if not settings.user:
            raise UserError(t("mail.err_password_no_user"))
        if not secret.keyring_usable():
            raise UserError(t("mail.err_no_keyring"))
    store = app.open()
    try:
        mail_settings.save(store, settings, actor=resolve_officer(store, officer))
        if save_password:
            password = click.prompt(t("mail.ask_password", user=settings.user, server=settings.server),
                                    hide_input=True, confirmation_prompt=True, err=True)
            if not secret.save_password(settings.user, settings.host, password):
                raise UserError(t("mail.err_no_keyring"))
        mode = _password_mode(settings)
    finally:
        store.close()
    echo(t("mail.configured"))
    _print_settings(settings, mode)


@mail.command("test")
@pass_app
def mail_test(app: AppContext) -> None:
    """Thử kết nối, mã hóa và đăng nhập vào máy chủ thư (không gửi thư nào)."""
    from ..mail.send import ConnectError, check_connection

    store = app.open()
    try:
        settings = _settings(store)
    finally:
        store.close()
    password = _password(settings)
    try:
        check_connection(settings, password)
    except ConnectError as exc:
        raise UserError(exc.reason) from None
    echo(t("mail.test_ok", server=settings.server, security=settings.security,
           login=t("mail.test_login", user=settings.user) if settings.user else ""))


@click.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="In ra JSON")
@click.pass_context
def outbox(ctx: click.Context, as_json: bool) -> None:
    """Hộp thư đi: các tệp chờ gửi, đã gửi, lỗi (không lệnh con: in danh sách)."""
    if ctx.invoked_subcommand is not None:
        return
    from ..mail import outbox as box
    from ..mail import settings as mail_settings

    app = ctx.find_object(AppContext)
    store = app.open()
    try:
        items = box.list_items(store)
        tally = box.counts(store)
        settings = mail_settings.load(store)
    finally:
        store.close()
    if as_json:
        emit_json({"configured": settings is not None, "counts": tally, "items": [i.to_json() for i in items]})
        return
    echo(t("mail.outbox_counts", queued=tally["queued"], sent=tally["sent"], failed=tally["failed"]))
    if settings is None:
        echo(t("mail.outbox_not_configured"))
    for item in items:
        echo(_item_line(item))


def _item_line(item) -> str:
    from ..safe import one_line

    note = item.note()
    attempts = tn("mail.attempts", item.attempts) if item.attempts else ""
    parts = [f"#{item.id}", item.state_label(), t(f"mail.kind.{item.kind}"), item.label, item.file_name,
             f"{fmt_size(item.size)} KiB", attempts, note]
    return one_line(" · ".join(p for p in parts if p), 400)


@outbox.command("send")
@click.option("--retry-failed", is_flag=True, help="Thử lại cả các tệp đang ở trạng thái Lỗi")
@click.option("--json", "as_json", is_flag=True, help="In ra JSON")
@officer_option
@pass_app
def outbox_send(app: AppContext, retry_failed: bool, as_json: bool, officer: str | None) -> None:
    """Gửi ngay các tệp chờ gửi (mỗi tệp chỉ gửi một lần)."""
    from ..mail import outbox as box
    from ..mail.send import send_outbox

    store = app.open()
    try:
        settings = _settings(store)
        states = ("queued", "failed") if retry_failed else ("queued",)
        if not any(box.counts(store)[s] for s in states):
            report = None
        else:
            password = _password(settings)
            report = send_outbox(store, settings, password, include_failed=retry_failed,
                                 actor=resolve_officer(store, officer),
                                 progress=None if as_json else _progress)
    finally:
        store.close()
    if report is None:
        if as_json:
            emit_json({"sent": [], "failed": [], "waiting": [], "connection_error": ""})
        else:
            echo(t("mail.send_nothing"))
        return
    if as_json:
        emit_json({"sent": [{"id": i.id, "file": i.file_name, "message_id": i.message_id} for i in report.sent],
                   "failed": [{"id": i.id, "file": i.file_name, "reason": r} for i, r in report.failed],
                   "waiting": [{"id": i.id, "file": i.file_name, "reason": r} for i, r in report.waiting],
                   "connection_error": report.connection_error})
    else:
        for item in report.sent:
            echo(t("mail.sent_one", file=item.file_name, to=", ".join(settings.recipients)))
        for item, reason in report.failed:
            echo(t("mail.failed_one", file=item.file_name, reason=reason))
        if report.waiting:
            echo(tn("mail.waiting", len(report.waiting), reason=report.connection_error or report.waiting[0][1]))
    if report.failed or report.waiting:
        sys.exit(1)  # something did not go: a script (or a scheduled task) can tell


def _progress(index: int, total: int, item) -> None:
    echo(t("mail.sending_one", index=index, total=total, file=item.file_name))


@outbox.command("add")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--kind", type=click.Choice(["report", "bundle"]), default="report", show_default=True)
@click.option("--label", default="", help="Tên báo cáo in trong tiêu đề thư")
@click.option("--period", default="", help="Kỳ báo cáo (vd. Tháng 10/2025)")
@officer_option
@pass_app
def outbox_add(app: AppContext, file: Path, kind: str, label: str, period: str, officer: str | None) -> None:
    """Đưa một tệp (báo cáo…) vào hộp thư đi."""
    from ..mail.outbox import queue_file

    store = app.open()
    try:
        item = _call(queue_file, store, file, kind, label=label, period=period,
                     actor=resolve_officer(store, officer))
    finally:
        store.close()
    echo(t("mail.queued", id=item.id, file=item.file_name, state=t(f"mail.state.{item.state}")))
