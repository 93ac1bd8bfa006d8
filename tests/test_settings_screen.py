"""Issue 16, items 6–8: the Cài đặt screen (everything the CLI sets), the file picker, and
report files in a folder the officer finds, with the full path and "Mở thư mục"."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from kehoach_tui.app import KehoachApp
from kehoach_tui.config import seeds_dir
from kehoach_tui.screens.file_picker import Listing
from kehoach_tui.screens.settings import CLI_SETTERS, ROWS
from kehoach_tui.store.checklist import checklist_settings
from kehoach_tui.store.officers import current_officer
from kehoach_tui.store.plans import active_plan
from kehoach_tui.store.settings import get_setting
from kehoach_tui.store.sync_state import trusted_keys
from tests.tui_helpers import paste


@pytest.fixture
def usb(tmp_path, monkeypatch):
    stick = tmp_path / "usb"
    stick.mkdir()
    monkeypatch.setenv("KEHOACH_REMOVABLE", str(stick))
    return stick


async def _open_row(app, pilot, key: str) -> None:
    await pilot.pause()
    await pilot.press("c")
    await pilot.pause()
    assert app.screen.__class__.__name__ == "SettingsScreen"
    await pilot.press(*["down"] * ROWS.index(key), "enter")
    await pilot.pause(0.3)


def test_every_cli_setter_has_a_row():
    """`kehoach --help` and its subcommands: each command that changes a setting has its
    place in Cài đặt (a new setter must be added to CLI_SETTERS and get a row)."""
    from kehoach_tui.commands.root import load_command

    setters = {"init --officer", "officer add", "officer use", "officer edit", "report settings",
               "report schedule", "checklist settings", "mail configure", "keys show", "keys trust-province",
               "plan use", "plan import", "incident categories --add"}
    assert set(CLI_SETTERS) == setters
    assert set(CLI_SETTERS.values()) <= set(ROWS)
    for command in setters:
        group, _, sub = command.partition(" ")
        found = load_command(group)  # the lazy table's command, imported as `kehoach GROUP` would
        if sub and not sub.startswith("--"):
            assert sub.split()[0] in found.commands, command


async def test_tong_quan_footer_offers_cai_dat(seeded):
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        keys = {b.key: b.description for b in app.screen.active_bindings.values() for b in [b.binding]}
        assert keys.get("c") == "Cài đặt"
        await pilot.press("ctrl+p", *"cai dat")
        await pilot.pause(0.4)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "SettingsScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "OverviewScreen"


async def test_install_the_province_key_from_the_stick(seeded, usb, capsys, tmp_path, cli):
    province = str(tmp_path / "p.db")
    assert cli("--db", province, "province", "init", "--province", "40")[0] == 0
    assert cli("--db", province, "province", "key", "--out", str(usb / "tinh.json"))[0] == 0
    (usb / "ghi-chu.txt").write_text("không phải khóa", encoding="utf-8")
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_row(app, pilot, "province_key")
        assert app.screen.__class__.__name__ == "FilePicker"
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")  # tinh.json, the one key file, is highlighted
        await pilot.pause()
        assert app.screen.__class__.__name__ == "SettingsScreen"
        message = str(app.screen.query_one("#settings-message").render())
        assert "tỉnh 40" in message or "40" in message
    assert [k["code"] for k in trusted_keys(seeded, "province")] == ["40"]


def _text(renderable) -> str:
    import io

    from rich.console import Console

    console = Console(file=io.StringIO(), width=120, color_system=None)
    console.print(renderable)
    return console.file.getvalue()


@pytest.mark.parametrize("name", ["tinh-nghe-an.pub", "tinh.json"])
async def test_the_province_key_is_offered_under_the_name_the_province_gave(seeded, usb, tmp_path, cli, name):
    """`province key --out` writes JSON under any name; a .pub file was hidden by the picker's
    type filter, and its listing showed ISO times and bare byte counts."""
    province = str(tmp_path / "p.db")
    assert cli("--db", province, "province", "init", "--province", "40")[0] == 0
    assert cli("--db", province, "province", "key", "--out", str(usb / name))[0] == 0
    os.utime(usb / name, (1764554400, 1764554400))  # 01/12/2025 09:00 in Hà Nội
    app = KehoachApp(seeded)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_row(app, pilot, "province_key")
        await app.workers.wait_for_complete()
        await pilot.pause()
        listing = app.screen.query_one(Listing)
        shown = [_text(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        (entry,) = [line for line in shown if name in line]
        assert "01/12/2025 09:00" in entry and "2025-12-01" not in entry
        await pilot.press("enter")
        await pilot.pause()
    assert [k["code"] for k in trusted_keys(seeded, "province")] == ["40"]


async def test_own_key_row_shows_the_key_and_its_fingerprint(seeded):
    """The placeholder was once `{key}`, which t()'s own first argument shadowed: Enter on
    the row raised TypeError instead of showing the key."""
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_row(app, pilot, "own_key")
        assert app.screen.__class__.__name__ == "SettingsScreen"
        message = str(app.screen.query_one("#settings-message").render())
        assert "Khóa công khai của xã" in message and "Dấu vân tay" in message


async def test_import_a_plan_file_and_switch_to_it(seeded, usb):
    shutil.copy(seeds_dir() / "son-thuy.toml", usb / "ke-hoach-moi.toml")
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_row(app, pilot, "plan_import")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ConfirmDialog"
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert active_plan(seeded).code == "son-thuy"
        assert "son-thuy" in str(app.screen.query_one("#settings-message").render())
        assert app.plan_mark  # Sơn Thủy's own plan in Nghĩa Thọ: marked at the top


async def test_check_late_time_is_checked_and_saved(seeded):
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_row(app, pilot, "checklist")
        field = app.screen.query_one("#field-late_after")
        field.value = "25:99"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "SettingsValueDialog"
        assert str(app.screen.query_one("#setting-error").render())
        field.value = "07:45"
        app.screen.query_one("#field-holidays").text = "20/11/2025\n2/9/2025"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "SettingsScreen"
    saved = checklist_settings(seeded)
    assert saved.late_after == "07:45" and saved.holidays == ["2025-09-02", "2025-11-20"]


async def test_add_and_choose_an_officer_in_cai_dat(seeded):
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_row(app, pilot, "officer")
        assert app.screen.__class__.__name__ == "OfficerPicker"
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Nguyễn Thị Hoa", "enter", *"Công chức VH-XH", "enter")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "OfficerPicker"
        await pilot.press("enter")  # the officer just added is highlighted
        await pilot.pause()
        assert app.screen.__class__.__name__ == "SettingsScreen"
        assert "Nguyễn Thị Hoa — Công chức VH-XH" in str(app.screen.query_one("#settings-list").render()) or \
            current_officer(seeded).name == "Nguyễn Thị Hoa"
    assert current_officer(seeded).label() == "Nguyễn Thị Hoa — Công chức VH-XH"


async def test_mail_settings_from_cai_dat(seeded):
    from kehoach_tui.mail import settings as mail_settings

    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_row(app, pilot, "mail")
        values = {"host": "mail.nghean.gov.vn", "sender": "xanghiatho@nghean.gov.vn",
                  "to": "sokhcn@nghean.gov.vn"}
        for key, value in values.items():
            app.screen.query_one(f"#field-{key}").value = value
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "SettingsScreen"
    saved = mail_settings.load(seeded)
    assert saved.server == "mail.nghean.gov.vn:587" and saved.recipients == ("sokhcn@nghean.gov.vn",)


# --- the picker ---------------------------------------------------------------------------


async def test_picker_folder_path_lists_its_files_and_filters_by_type(seeded, usb, tmp_path):
    folder = tmp_path / "giay-to"
    (folder / "con").mkdir(parents=True)
    (folder / "bien-nhan.khreceipt").write_bytes(b"x")
    (folder / "anh.png").write_bytes(b"x")
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("6", "i")
        await pilot.pause()
        picker = app.screen
        assert picker.__class__.__name__ == "FilePicker"
        picker.query_one("#picker-path").focus()
        await paste(pilot, str(folder))
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        names = [picker.navigation.get_option_at_index(i).location.name
                 for i in range(picker.navigation.option_count)]
        assert names == ["..", "con", "bien-nhan.khreceipt"]  # the .png is not listed
        picker.query_one("#picker-path").focus()
        await paste(pilot, str(folder / "anh.png"))
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is picker and "anh.png" in str(picker.query_one("#picker-error").render())
        await pilot.press("f4")
        await pilot.pause()
        names = [picker.navigation.get_option_at_index(i).location.name
                 for i in range(picker.navigation.option_count)]
        assert "anh.png" in names


async def test_picker_offers_the_stick_just_exported_to_and_imports_a_bundle(seeded, tmp_path, monkeypatch):
    stick = tmp_path / "usb-vua-xuat"
    stick.mkdir()
    monkeypatch.setenv("KEHOACH_REMOVABLE", "")  # the stick is not seen as removable
    from kehoach_tui.sync.export import export_bundle

    export_bundle(seeded, stick, full=True)
    app = KehoachApp(seeded)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("6", "i")
        await pilot.pause()
        picker = app.screen
        assert picker.places[0] == (f"Vừa xuất tới  {stick}", stick)
        assert picker.navigation.location == stick
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")  # the .khsync there, highlighted
        await app.workers.wait_for_complete()
        await pilot.pause()
        message = str(app.screen.query_one("#sync-message").render())
        assert ".khsync" in message and "không nhận" not in message, message


# --- reports ---------------------------------------------------------------------------------


def test_reports_go_to_documents_by_default(capsys, db_path, tmp_path, cli):
    assert cli("--db", str(db_path), "init")[0] == 0
    code, out, err = cli("--db", str(db_path), "report", "monthly", "--period", "2025-11", "--json")
    assert code == 0, err
    path = json.loads(out)["path"]
    assert path.startswith(str(tmp_path / "data" / "Documents" / "Báo cáo kế hoạch")), path


async def test_report_saved_path_in_full_and_open_folder(seeded, tmp_path, monkeypatch):
    from kehoach_tui import open_folder
    from kehoach_tui.reports.export import REPORT_FOLDER_SETTING
    from kehoach_tui.store.settings import put_settings

    folder = tmp_path / "một thư mục có tên khá dài" / "Báo cáo của xã Nghĩa Thọ năm 2025"
    folder.mkdir(parents=True)
    put_settings(seeded, {REPORT_FOLDER_SETTING: str(folder)}, actor="T")
    opened = []
    monkeypatch.setattr(open_folder, "open_folder", opened.append)
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        await pilot.pause(0.5)
        app.screen.action_export()
        await app.workers.wait_for_complete()
        await pilot.pause()
        saved = app.screen.saved_path
        assert saved.parent == folder and saved.exists()
        shown = "".join(str(app.screen.query_one("#report-saved-path").render()).split())
        assert "".join(str(saved).split()) in shown  # the whole path, wrapped, not cut
        await pilot.press("f6")
        await pilot.pause()
        assert opened == [folder]
    assert get_setting(seeded, REPORT_FOLDER_SETTING) == str(folder)


async def test_report_folder_chosen_in_cai_dat(seeded, usb):
    from kehoach_tui.reports.export import REPORT_FOLDER_SETTING

    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_row(app, pilot, "report_folder")
        assert app.screen.__class__.__name__ == "FilePicker"
        await pilot.press("ctrl+s")  # the folder shown: the stick
        await pilot.pause()
        assert app.screen.__class__.__name__ == "SettingsScreen"
    assert get_setting(seeded, REPORT_FOLDER_SETTING) == str(usb)
