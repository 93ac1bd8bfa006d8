"""Every word the officer sees in the interface language: Textual's own notices and palette,
click's usage errors and help, the operating system's and pydantic's reasons; `--lang en`
complete, `--help` included."""

from __future__ import annotations

import errno
import re
import socket

import click
import pytest

from kehoach_tui.app import KehoachApp
from kehoach_tui.cli import main
from kehoach_tui.commands.help_words import help_key, walk
from kehoach_tui.commands.root import COMMANDS, main_group
from kehoach_tui.domain.plan import PlanError, parse_plan
from kehoach_tui.errors import os_reason
from kehoach_tui.i18n import set_lang
from kehoach_tui.plan_files import resolve_plan  # noqa: F401 - the bundled plans load

VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.I)
# Vietnamese the English help keeps on purpose: examples of what an officer types, and names.
KEPT = ("4.5.đ", "KT. CHỦ TỊCH\\nPHÓ CHỦ TỊCH", "Trung ương ban hành Kế hoạch số 12", "bao-cao")
ENGLISH_CLICK = ("Show this message and exit.", "Usage:", "Options:", "Commands:", "Error:", "Try '",
                 "No such option", "Missing argument", "Invalid value", "version")


def run(capsys, *args):
    code = 0
    try:
        main(list(args))
    except SystemExit as exc:
        code = exc.code or 0
    out, err = capsys.readouterr()
    return code, out, err


# --- click -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("args", "first"), [
    (("tasks", "--bogus"), "Lỗi: Không có tuỳ chọn '--bogus'."),
    (("task", "update"), "Lỗi: Thiếu giá trị 'CODE'."),
    (("nosuch",), "Lỗi: Không có lệnh 'nosuch'."),
])
def test_usage_error_is_one_vietnamese_line_then_the_hint(capsys, args, first):
    code, out, err = run(capsys, *args)
    lines = err.splitlines()
    assert code == 2 and out == ""
    assert lines[0] == first and len(lines) == 2
    assert lines[1].startswith("Xem cách dùng: kehoach") and lines[1].endswith("--help")
    assert not any(word in err for word in ENGLISH_CLICK)


def _every_command() -> click.Group:
    """The command tree with every command loaded (each is imported on first use)."""
    for name in COMMANDS:
        main_group.get_command(click.Context(main_group), name)
    assert set(COMMANDS) <= set(main_group.commands)
    return main_group


def test_usage_error_in_english(capsys):
    code, _, err = run(capsys, "--lang", "en", "tasks", "--bogus")
    assert err.splitlines() == ["Error: No such option '--bogus'.", "For the usage: kehoach tasks --help"]


def test_every_command_and_option_has_its_help_in_the_catalogue():
    missing = []
    for path, command in walk(_every_command()):
        if help_key(path) is None:
            missing.append(" ".join(path) or "kehoach")
        for param in command.params:
            if getattr(param, "help", None) and help_key(path, param.name) is None:
                missing.append(f"{' '.join(path)} --{param.name}")
    assert missing == []


def _every_help(capsys, *lang) -> dict[str, str]:
    out = {}
    for path, _ in walk(_every_command()):
        code, text, err = run(capsys, *lang, *path, "--help")
        assert code == 0, (path, err)
        out[" ".join(path) or "kehoach"] = text
    return out


def test_help_in_vietnamese_has_no_english_from_click(capsys):
    for name, text in _every_help(capsys).items():
        assert "Show this message" not in text and "Options:" not in text and "Usage:" not in text, name
        assert "[required]" not in text, name  # click's mark of a required option, in words too
        assert "Hiện trợ giúp này rồi thoát." in text and "Cách dùng:" in text, name


def test_help_in_english_is_all_english(capsys):
    bad = []
    for name, text in _every_help(capsys, "--lang", "en").items():
        text = " ".join(text.split())  # an example may be wrapped over two lines
        for kept in KEPT:
            text = text.replace(kept, "")
        found = VIETNAMESE.search(text)
        if found:
            bad.append(f"{name}: …{text[max(0, found.start() - 40):found.end() + 40]}…")
    assert bad == []


def test_version_in_both_languages(capsys):
    assert run(capsys, "--version")[1].strip() == "kehoach, phiên bản 0.1.0"
    assert run(capsys, "--lang", "en", "--version")[1].strip() == "kehoach, version 0.1.0"


# --- the operating system, the network, pydantic ----------------------------------------------


def test_os_errors_in_words_by_errno():
    missing = FileNotFoundError(errno.ENOENT, "No such file or directory", "/media/usb/x.khreceipt")
    assert os_reason(missing) == "Không tìm thấy tệp hoặc thư mục"
    assert os_reason(missing, with_file=True) == "Không tìm thấy tệp hoặc thư mục: /media/usb/x.khreceipt"
    assert os_reason(PermissionError(errno.EACCES, "Permission denied")) == "Không có quyền truy cập"
    assert os_reason(OSError(errno.ENOSPC, "No space left on device")) == "Ổ đĩa đã đầy"
    assert os_reason(socket.gaierror(socket.EAI_NONAME, "Name or service not known")).startswith(
        "Không tìm thấy tên máy chủ")
    set_lang("en")
    assert os_reason(missing) == "No such file or folder"


def test_cli_os_error_is_worded(capsys, db_path):
    assert run(capsys, "--db", str(db_path), "init")[0] == 0
    code, out, err = run(capsys, "--db", str(db_path), "import", "/nonexistent/x.khreceipt")
    said = out + err
    assert code != 0 and "No such file" not in said and "Errno" not in said
    assert "Không tìm thấy tệp hoặc thư mục" in said


def test_plan_file_errors_name_the_field_in_words():
    text = 'code = "x"\ntitle = "X"\nlevel = "commune"\nbogus_field = 1\n'
    with pytest.raises(PlanError) as caught:
        parse_plan(text, "x.toml")
    assert "Extra inputs" not in str(caught.value) and "Field required" not in str(caught.value)
    assert "trường không được phép" in str(caught.value) or "thiếu trường bắt buộc" in str(caught.value)
    set_lang("en")
    with pytest.raises(PlanError) as caught:
        parse_plan(text, "x.toml")
    assert VIETNAMESE.search(str(caught.value)) is None


# --- Textual's own words ---------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "title", "body"), [
    ("vi", "Muốn thoát?", "Nhấn Ctrl+Q để thoát ứng dụng"),
    ("en", "Do you want to quit?", "Press Ctrl+Q to quit the app"),
])
async def test_ctrl_c_says_how_to_quit_in_the_catalogue_words(seeded, lang, title, body):
    set_lang(lang)
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+c")
        await pilot.pause()
        notes = list(app._notifications)
        assert [(n.title, n.message) for n in notes][-1] == (title, body)


async def test_palette_says_no_match_and_themes_in_vietnamese(seeded):
    from textual.command import CommandInput, CommandList

    app = KehoachApp(seeded)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"zzzqqq")
        await pilot.pause(1.0)
        found = app.screen.query_one(CommandList)
        texts = [str(found.get_option_at_index(i).prompt.renderable) for i in range(found.option_count)]
        assert any("Không có lệnh nào khớp" in text for text in texts)
        assert not any("No matches" in text for text in texts)
        await pilot.press("escape")
        await pilot.pause()
        app.search_themes()
        await pilot.pause()
        assert app.screen.query_one(CommandInput).placeholder == "Tìm bảng màu…"


async def test_overview_report_card_in_english(seeded):
    set_lang("en")
    app = KehoachApp(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        card = app.screen.query_one("#card-report").render().plain
        assert "Due " in card and "Hạn" not in card and "ngày" not in card


def test_click_words_cover_what_a_user_can_meet():
    """A sample of click's runtime words through the patched gettext."""
    from kehoach_tui.commands import click_words

    click_words.install()
    assert click.core._("Show this message and exit.") == "Hiện trợ giúp này rồi thoát."
    set_lang("en")
    assert click.core._("Show this message and exit.") == "Show this message and exit."
