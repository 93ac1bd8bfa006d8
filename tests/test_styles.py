"""One app stylesheet: a dialog looks the same whichever screens were visited before it."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

from textual.app import App
from textual.css.stylesheet import Stylesheet
from textual.screen import ModalScreen, Screen

import kehoach_tui
import kehoach_tui.screens
from kehoach_tui.app import KehoachApp
from kehoach_tui.widgets.dialog import Dialog
from tests.tui_helpers import settle, visit_every_mode

PACKAGE = Path(kehoach_tui.__file__).parent


async def _update_dialog_geometry(pilot) -> tuple[int, int, str, str]:
    """Width, height, border and its colour of the task update dialog of task 1.1."""
    await pilot.app.switch_mode("tasks")
    await settle(pilot)
    await pilot.press("enter", "n")
    await pilot.pause()
    dialog = pilot.app.screen.query_one("#update-dialog")
    border, colour = dialog.styles.border_top
    return dialog.outer_size.width, dialog.outer_size.height, border, colour.hex


async def test_update_dialog_same_after_visiting_the_morning_check(seeded):
    async with KehoachApp(seeded).run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        fresh = await _update_dialog_geometry(pilot)
    async with KehoachApp(seeded).run_test(size=(120, 40)) as pilot:
        # the tasks first, then the morning check, then back to the tasks
        await pilot.pause()
        for mode in ("tasks", "checklist"):
            await pilot.app.switch_mode(mode)
            await settle(pilot)
        after = await _update_dialog_geometry(pilot)
    assert after == fresh
    assert fresh[0] == 76 and fresh[2] == "round"


async def test_update_dialog_same_after_visiting_every_mode(seeded):
    async with KehoachApp(seeded).run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        fresh = await _update_dialog_geometry(pilot)
    async with KehoachApp(seeded).run_test(size=(120, 40)) as pilot:
        await visit_every_mode(pilot)
        after = await _update_dialog_geometry(pilot)
    assert after == fresh


async def test_visiting_screens_adds_no_css(seeded):
    """The stylesheet is whole at start: no screen or dialog brings CSS of its own."""
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        before = {key for key, source in app.stylesheet.source.items() if not source.is_defaults}
        await visit_every_mode(pilot, back_to="tasks")
        await pilot.press("enter", "n")
        await pilot.pause()
        after = {key for key, source in app.stylesheet.source.items() if not source.is_defaults}
    assert after == before


def _app_modules():
    for package in ("kehoach_tui.screens", "kehoach_tui.widgets"):
        root = importlib.import_module(package)
        for info in pkgutil.iter_modules(root.__path__):
            yield importlib.import_module(f"{package}.{info.name}")


def _classes(base: type):
    for module in _app_modules():
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, base) and cls.__module__ == module.__name__:
                yield cls


def test_no_screen_has_css_of_its_own():
    owners = [cls.__qualname__ for cls in _classes(Screen) if cls.CSS_PATH or cls.CSS]
    assert owners == []


def test_every_dialog_is_a_dialog():
    others = [cls.__qualname__ for cls in _classes(ModalScreen) if not issubclass(cls, Dialog)]
    assert others == []
    assert len(list(_classes(Dialog))) >= 14


def _stylesheet_files() -> list[Path]:
    return [PACKAGE / name for name in KehoachApp.CSS_PATH]


def test_every_stylesheet_file_is_loaded_at_start():
    """A .tcss beside the screens or in styles/ that the App does not list would be dead
    (or, loaded by a screen, a leak); the province app keeps its own."""
    on_disk = {p for p in PACKAGE.rglob("*.tcss") if "province" not in p.parts}
    assert on_disk == set(_stylesheet_files())


def test_each_selector_is_defined_in_one_place():
    """`.dialog` defined three ways was the leak: a selector's rules are in one file, and
    a file has one rule per selector (grouped selectors may share a few properties)."""
    variables = App().get_css_variables()
    where: dict[str, str] = {}
    doubled = []
    for path in _stylesheet_files():
        sheet = Stylesheet(variables=variables)
        sheet.read(path)
        sheet.parse()
        rules_here: set[str] = set()
        for rule in sheet.rules:
            if rule.selectors in rules_here:
                doubled.append(f"{rule.selectors}: twice in {path.name}")
            rules_here.add(rule.selectors)
            for selector in rule.selectors.split(", "):
                if where.setdefault(selector, path.name) != path.name:
                    doubled.append(f"{selector}: {where[selector]} and {path.name}")
    assert doubled == []


def _every_dialog(store) -> list[Dialog]:
    from kehoach_tui.screens.checklist_dialogs import ConfirmScreen, ItemFormScreen, NoteScreen
    from kehoach_tui.screens.file_picker import FilePicker
    from kehoach_tui.screens.incident_detail import MoveStatusScreen, PasteTextScreen
    from kehoach_tui.screens.incident_form import IncidentFormScreen
    from kehoach_tui.screens.mail_password import MailPasswordDialog
    from kehoach_tui.screens.officers import OfficerForm, OfficerPicker
    from kehoach_tui.screens.plan_switch import PlanSwitchScreen
    from kehoach_tui.screens.report_dialogs import SentDialog, SettingsDialog, TextsDialog
    from kehoach_tui.screens.settings_dialogs import ChoiceDialog, Field, SettingsValueDialog
    from kehoach_tui.screens.sync import PathPicker
    from kehoach_tui.screens.targets import TargetValueDialog
    from kehoach_tui.screens.task_dialogs import TriggerDialog, UpdateDialog
    from kehoach_tui.store.reports import report_settings
    from kehoach_tui.widgets.confirm import ConfirmDialog

    return [
        UpdateDialog("1.1"), TriggerDialog("1.1"), TargetValueDialog("CT4"),
        NoteScreen("Máy in", "hết mực"), ConfirmScreen("Kết thúc?"), ItemFormScreen("Thêm mục"),
        IncidentFormScreen(), MoveStatusScreen("none"), PasteTextScreen("Sự cố #1"),
        TextsDialog("tháng 11 năm 2025", {}), SettingsDialog(report_settings(store)), SentDialog("tuần 45"),
        PlanSwitchScreen(), PathPicker("Chọn thư mục", "Không có ổ USB", list),
        MailPasswordDialog("xa@example.vn", "mail.example.vn"),
        ConfirmDialog("Kế hoạch mới", title="Đổi kế hoạch?", yes="Đổi", no="Không"), FilePicker("Chọn tệp", (".toml",)),
        SettingsValueDialog("Tên xã", [Field("name", "Tên xã", "Sơn Thủy")], lambda values: ""),
        ChoiceDialog("Ngôn ngữ", [("vi", "Tiếng Việt"), ("en", "English")]),
        OfficerForm(), OfficerPicker(),
    ]


async def test_every_dialog_one_centred_box_and_esc_cancels(seeded):
    """Whatever screens came before: one `.dialog` box, the same border, in the middle;
    Esc closes it with its cancel answer."""
    app = KehoachApp(seeded)
    async with app.run_test(size=(100, 30)) as pilot:
        await visit_every_mode(pilot, back_to="overview")
        for dialog in _every_dialog(seeded):
            answers = []
            app.push_screen(dialog, callback=answers.append)
            await settle(pilot)
            name = type(dialog).__name__
            (box,) = dialog.query(".dialog")
            assert box.styles.border_top[0] == "round", name
            left = box.region.x
            right = app.size.width - box.region.right
            assert abs(left - right) <= 1, name
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is not dialog, name
            assert answers == [type(dialog).CANCEL_RESULT], name
