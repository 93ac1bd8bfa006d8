"""The `kehoach` click group. Each command's module is imported only when that command is
run or its own help is shown: `kehoach --help` and `--version` import click and nothing of
the commands (a CLI start pays for the one command it runs, not for twenty).

`kehoach` with no command never comes here: cli.main() opens the TUI without click.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import click

from .. import __version__
from ..i18n import t

# name → ("module:attribute" under kehoach_tui.commands, the first paragraph of its help).
# The help is what `kehoach --help` lists without importing the command;
# tests/test_cli_lazy.py fails when it differs from the command's own docstring.
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("setup:init", "Khởi tạo cơ sở dữ liệu: xã, cán bộ, kế hoạch (chạy lại: chỉ đổi cán bộ nếu có --officer)."),
    "officer": ("officers:officer", "Cán bộ: danh sách người ghi nhận thay đổi, và cán bộ đang làm việc."),
    "tasks": ("tasks:tasks", "Liệt kê nhiệm vụ của kế hoạch (có lọc và tìm kiếm)."),
    "plans": ("plans:plans", "Liệt kê các kế hoạch có sẵn (tên dùng với --plan)."),
    "plan": ("plans:plan", "Kế hoạch: nhập kế hoạch mới hoặc sửa đổi từ tỉnh, chuyển kế hoạch đang dùng."),
    "incident": ("incidents:incident",
                 "Nhật ký sự cố CNTT (nhiệm vụ 4.5.đ): mở, cập nhật trạng thái, in văn bản báo cáo nhanh."),
    "incidents": ("incidents:incidents", "Liệt kê sự cố, mới nhất trước."),
    "keys": ("sync:keys", "Khóa ký của xã và khóa công khai của tỉnh."),
    "export": ("sync:export", "Xuất các thay đổi chưa được tỉnh xác nhận thành một tệp đồng bộ đã ký."),
    "import": ("sync:import_", "Nhập biên nhận của tỉnh (hoặc gói của chính xã, để giữ bản sao dự phòng)."),
    "province": ("province:province",
                 "Cấp tỉnh: nhận tệp của các xã, xem tình hình (không lệnh con: mở giao diện)."),
    "backup": ("safety:backup", "Sao lưu cơ sở dữ liệu ngay (bản sao đầy đủ, kiểm tra được)."),
    "restore": ("safety:restore",
                "Khôi phục từ một bản sao lưu (kiểm tra trước; giữ lại cơ sở dữ liệu hiện tại)."),
    "doctor": ("safety:doctor", "Kiểm tra an toàn dữ liệu: toàn vẹn, lược đồ, sao lưu, khóa, dung lượng trống."),
    "checklist": ("checklist:checklist",
                  "Kiểm tra đầu giờ tại Trung tâm Phục vụ hành chính công (nhiệm vụ 3.4.c)."),
    "task": ("tasks:task", "Một nhiệm vụ: xem, cập nhật, ghi ngày sự kiện, lịch sử."),
    "targets": ("tasks:targets", "Chỉ tiêu: giá trị mới nhất, mục tiêu, thời hạn, đánh giá."),
    "target": ("tasks:target", "Một chỉ tiêu: ghi giá trị theo tháng."),
    "mail": ("mail:mail", "Gửi tệp cho tỉnh qua thư điện tử (không lệnh con: in cấu hình hiện tại)."),
    "outbox": ("mail:outbox", "Hộp thư đi: các tệp chờ gửi, đã gửi, lỗi (không lệnh con: in danh sách)."),
    "report": ("reports:report", "Báo cáo tuần, tháng (Nghị định 30/2020): tạo tệp, nội dung, lịch báo cáo."),
    "serve": ("serve:serve", "Mở ứng dụng trong trình duyệt (cho máy có cửa sổ dòng lệnh hiển thị kém)."),
    "settings": ("settings:settings",
                 "Thiết lập của xã: lịch nộp báo cáo mà kế hoạch không ghi rõ, đơn vị của người dùng."),
    "units": ("units:units", "Các đơn vị kế hoạch nêu tên (chủ trì nhiệm vụ, trách nhiệm ở phần tổ chức thực hiện)."),
    "unit": ("units:unit", "Một đơn vị: nhiệm vụ đơn vị chủ trì và trách nhiệm của đơn vị trong kế hoạch."),
}


def load_command(name: str) -> click.Command:
    """The command itself: its module is imported now."""
    target, _ = COMMANDS[name]
    module, attribute = target.split(":")
    return getattr(importlib.import_module(f"{__package__}.{module}"), attribute)


class LazyGroup(click.Group):
    """A group whose commands are imported on first use; the list in --help comes from COMMANDS."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            from . import help_words

            command = load_command(cmd_name)
            help_words.translate(command, [cmd_name])  # its help in the language already chosen
            self.add_command(command, cmd_name)
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The listing click would print, from stand-ins carrying each command's help (in
        the interface language: help_words)."""
        from . import help_words

        listed = click.Group(self.name)
        for name in self.list_commands(ctx):
            command = self.commands.get(name)
            if command is None:
                key = help_words.help_key([name])
                text = t(key) if key else COMMANDS[name][1]
                command = click.Command(name, help=text, short_help=text)
            listed.add_command(command)
        listed.format_commands(ctx, formatter)


def use_language(chosen: str | None) -> None:
    """The interface language for everything after: messages, click's words, every --help."""
    from ..config import choose_lang
    from ..i18n import set_lang
    from . import click_words, help_words

    set_lang(choose_lang(chosen))
    click_words.install()
    help_words.translate(main_group)


def _lang_chosen(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    # eager: `kehoach --lang en tasks --help` prints the help in English
    use_language(value)
    return value


def _show_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """--version, in the interface language (click's own is worded at import time)."""
    if value and not ctx.resilient_parsing:
        click.echo(t("click.version_line") % {"prog": "kehoach", "version": __version__})
        ctx.exit()


@click.group(cls=LazyGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Tệp cơ sở dữ liệu (mặc định: thư mục dữ liệu người dùng; hoặc biến KEHOACH_DB)")
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None, is_eager=True, callback=_lang_chosen,
              help="Ngôn ngữ giao diện (vi mặc định, en)")
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_show_version,
              help="Hiện phiên bản rồi thoát.")
@click.pass_context
def main_group(ctx: click.Context, db_path: Path | None, lang: str | None) -> None:
    """Kế hoạch chuyển đổi số cấp xã: nhiệm vụ, kiểm tra đầu giờ, sự cố, báo cáo, đồng bộ."""
    from ..config import choose_lang, default_db_path
    from .common import AppContext

    lang = choose_lang(lang)
    ctx.obj = AppContext(db_path=db_path or default_db_path(), lang=lang)
    if ctx.invoked_subcommand is None:
        from ..tui import run_tui

        run_tui(ctx.obj.db_path)
