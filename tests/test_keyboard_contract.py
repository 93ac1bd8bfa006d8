"""The keyboard contract (README, "Phím"), held on every screen and every dialog by one test:

- Esc leaves a text field (clearing a search first) and never types; then digits switch
  screens again — they type only while a field has the focus;
- Enter in the last field of a dialog saves; Ctrl+S saves;
- Esc on a dialog with typed text asks before discarding it;
- pickers (option lists, drop-downs) do not wrap round;
- F1 lists every key of the current screen;
- the footer shows what fits in 80 columns, always with Thoát, Lệnh and F1.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input, OptionList, Select, TextArea
from textual.widgets._select import SelectOverlay

from kehoach_tui.app import KehoachApp
from kehoach_tui.i18n import t
from kehoach_tui.modes import MODES
from kehoach_tui.widgets.bindings import CatalogueBindings
from kehoach_tui.widgets.confirm import ConfirmDialog
from kehoach_tui.widgets.dialog import Dialog
from kehoach_tui.widgets.key_footer import KeyFooter
from kehoach_tui.widgets.keys_help import KeysDialog
from kehoach_tui.widgets.pickers import ChoiceList, Picker
from tests.incident_fixtures import add_sample_incidents, pin_now
from tests.test_styles import _every_dialog
from tests.tui_helpers import settle

WIDTH = 80


def _pushed_screens(incident_id: str):
    from kehoach_tui.screens.checklist_history import ChecklistHistoryScreen
    from kehoach_tui.screens.checklist_items import ChecklistItemsScreen
    from kehoach_tui.screens.history import HistoryScreen
    from kehoach_tui.screens.incident_detail import IncidentDetailScreen
    from kehoach_tui.screens.settings import SettingsScreen
    from kehoach_tui.screens.targets import TargetsScreen
    from kehoach_tui.screens.task_detail import TaskDetailScreen

    return [TaskDetailScreen("1.1"), HistoryScreen(), TargetsScreen(), IncidentDetailScreen(incident_id),
            ChecklistHistoryScreen(), ChecklistItemsScreen(), SettingsScreen()]


def _declared_keys(screen) -> list[str]:
    """The descriptions of the keys the screen (and the app, outside a dialog) declares."""
    nodes = [screen] if isinstance(screen, Dialog) else [screen, screen.app]
    out = []
    for node in nodes:
        for bindings in node._bindings.key_to_bindings.values():
            for b in bindings:
                if b.description and b.description not in out and isinstance(node, CatalogueBindings) \
                        and screen.app._check_action_state(b.action, node) is not False \
                        and b.description not in ("Focus Next", "Focus Previous", "Copy selected text"):
                    out.append(b.description)
    return out


async def _footer(name, screen, bad) -> None:
    footers = list(screen.query(KeyFooter))
    if not footers:
        if not isinstance(screen, Dialog):
            bad.append(f"{name}: no footer with the keys")
        return
    line = footers[0].render().plain
    if len(line) > WIDTH - 1 or "▏" in line:
        bad.append(f"{name}: footer too wide or cut: {line!r}")
    for word in (t("key.quit"), t("key.palette"), t("key.help")):
        if word not in line:
            bad.append(f"{name}: footer without {word}: {line!r}")
    for label in footers[0].labels():
        if label not in line:
            bad.append(f"{name}: footer label cut: {label!r}")


async def _f1(pilot, name, screen, bad) -> None:
    app = pilot.app
    await pilot.press("f1")
    await settle(pilot)
    if not isinstance(app.screen, KeysDialog):
        bad.append(f"{name}: F1 did not list the keys")
        return
    listed = app.screen.query_one("#keys-text").render().plain
    for description in _declared_keys(screen):
        if description not in listed:
            bad.append(f"{name}: F1 does not list {description!r}")
    await pilot.press("f1")
    await settle(pilot)
    if app.screen is not screen:
        bad.append(f"{name}: F1 again did not close the list")


async def _pickers(pilot, name, screen, bad) -> None:
    for options in screen.query(OptionList):
        if isinstance(options, SelectOverlay):
            continue
        if not isinstance(options, ChoiceList):
            bad.append(f"{name}: {options.id} is an OptionList that wraps")
            continue
        enabled = [i for i in range(options.option_count) if not options.get_option_at_index(i).disabled]
        if len(enabled) < 2:
            continue
        options.focus()
        options.highlighted = enabled[0]
        await pilot.press("up")
        if options.highlighted != enabled[0]:
            bad.append(f"{name}: Up on the first option of {options.id} went to {options.highlighted}")
        options.highlighted = enabled[-1]
        await pilot.press("down")
        if options.highlighted != enabled[-1]:
            bad.append(f"{name}: Down on the last option of {options.id} wrapped")
    for select in screen.query(Select):
        if not isinstance(select, Picker):
            bad.append(f"{name}: {select.id} is a Select that wraps")
            continue
        if not select.display or select.disabled:
            continue
        overlay = select.query_one(SelectOverlay)
        select.focus()
        select.expanded = True
        await pilot.pause()
        overlay.highlighted = 0
        await pilot.press("up")
        if overlay.highlighted != 0:
            bad.append(f"{name}: Up on the first choice of {select.id} went to {overlay.highlighted}")
        select.expanded = False
        await pilot.pause()


async def _fields_of_a_screen(pilot, name, screen, mode, bad) -> None:
    """Esc leaves each text field (a search is emptied), and a digit then switches."""
    app = pilot.app
    for field in [f for f in screen.query(Input) if f.display and not f.disabled]:
        field.focus()
        await pilot.press("a", "b")
        await pilot.pause()
        if "ab" not in field.value:
            bad.append(f"{name}: could not type in {field.id}")
        await pilot.press("escape")
        await settle(pilot)
        if app.screen is not screen:
            bad.append(f"{name}: Esc in {field.id} left the screen instead of the field")
            return
        if isinstance(app.focused, Input | TextArea):
            bad.append(f"{name}: Esc did not leave {field.id}")
        if field.has_class("search") and field.value:
            bad.append(f"{name}: Esc did not clear the search {field.id}")
        before = field.value
        other = next(m for m in MODES if m != mode)
        await pilot.press(str(MODES.index(other) + 1))
        await settle(pilot)
        if field.value != before:
            bad.append(f"{name}: a digit was typed into {field.id} after Esc")
        if app.current_mode != other:
            bad.append(f"{name}: a digit after Esc in {field.id} did not switch screens")
        await app.switch_mode(mode)
        await settle(pilot)
        if app.screen is not screen:
            return


async def _dialog(pilot, name, dialog, bad) -> None:
    """Enter in the last field and Ctrl+S save; Esc with typed text asks first."""
    app = pilot.app
    fields = [f for f in dialog.query(Input) if f.display and not f.disabled]
    if callable(getattr(dialog, "action_save", None)):
        saved = []
        dialog.action_save = lambda: saved.append(True)
        await pilot.press("ctrl+s")
        await pilot.pause()
        if not saved:
            bad.append(f"{name}: Ctrl+S did not save")
        last = [f for f in dialog.query("Input, TextArea") if f.display and not f.disabled
                and not getattr(f, "read_only", False)][-1:]
        if last and isinstance(last[0], Input):  # a multi-line last field takes Enter as a line
            saved.clear()
            last[0].focus()
            await pilot.press("enter")
            await pilot.pause()
            if not saved:
                bad.append(f"{name}: Enter in the last field did not save")
        del dialog.action_save
    typable = [f for f in fields if f.restrict is None] + [
        a for a in dialog.query(TextArea) if not a.read_only and a.display]
    if not typable:
        return
    typable[0].focus()
    await pilot.press("x")
    await pilot.pause()
    await pilot.press("escape")
    await settle(pilot)
    if not isinstance(app.screen, ConfirmDialog):
        bad.append(f"{name}: Esc threw typed text away without asking")
        if app.screen is not dialog:
            return
    else:
        await pilot.press("n")
        await settle(pilot)
        if app.screen is not dialog:
            bad.append(f"{name}: “n” (keep typing) did not go back to the dialog")
            return
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        if app.screen is dialog:
            bad.append(f"{name}: “y” (discard) did not close the dialog")


async def _every_mode_by_key_then_overview(pilot) -> None:
    """Each mode shown once by its digit (its styles and code loaded), then back to Tổng quan."""
    await settle(pilot)
    for number, _mode in enumerate(MODES, start=1):
        await pilot.press(str(number))
        await settle(pilot)
    await pilot.app.switch_mode("overview")
    await settle(pilot)


# Three tests, one contract: the modes, the screens opened from them, the dialogs (each a
# test of its own so that the parallel suite can run them side by side).


async def test_keyboard_contract_on_every_mode(seeded, monkeypatch):
    pin_now(monkeypatch)
    add_sample_incidents(seeded)
    bad: list[str] = []
    app = KehoachApp(seeded)
    async with app.run_test(size=(WIDTH, 24)) as pilot:
        await settle(pilot)
        # the six screens: a digit reaches each, none starts in a text field
        for number, mode in enumerate(MODES, start=1):
            await pilot.press(str(number))
            await settle(pilot)
            screen = app.screen
            name = type(screen).__name__
            if app.current_mode != mode:
                bad.append(f"{mode}: digit {number} did not switch")
                continue
            if isinstance(app.focused, Input | TextArea):
                bad.append(f"{name}: starts with the focus in a text field ({app.focused.id})")
            await _footer(name, screen, bad)
            await _f1(pilot, name, screen, bad)
            await _pickers(pilot, name, screen, bad)
            await _fields_of_a_screen(pilot, name, screen, mode, bad)
    assert bad == [], "\n".join(bad)


async def test_keyboard_contract_on_every_screen_opened_from_a_mode(seeded, monkeypatch):
    pin_now(monkeypatch)
    made = add_sample_incidents(seeded)
    bad: list[str] = []
    app = KehoachApp(seeded)
    async with app.run_test(size=(WIDTH, 24)) as pilot:
        await _every_mode_by_key_then_overview(pilot)
        for screen in _pushed_screens(made[0].id):
            name = type(screen).__name__
            app.push_screen(screen)
            await settle(pilot)
            await _footer(name, screen, bad)
            await _f1(pilot, name, screen, bad)
            await _pickers(pilot, name, screen, bad)
            for field in [f for f in screen.query(Input) if f.display and not f.disabled]:
                field.focus()
                await pilot.press("a", "escape")
                await settle(pilot)
                if app.screen is not screen or isinstance(app.focused, Input):
                    bad.append(f"{name}: Esc in {field.id} did not just leave the field")
            if app.screen is screen:
                app.pop_screen()
            await settle(pilot)
    assert bad == [], "\n".join(bad)


DIALOG_PARTS = 3  # the dialogs in three tests of their own, side by side in the parallel suite


@pytest.mark.parametrize("part", range(DIALOG_PARTS))
async def test_keyboard_contract_on_every_dialog(seeded, monkeypatch, part):
    pin_now(monkeypatch)
    add_sample_incidents(seeded)
    bad: list[str] = []
    app = KehoachApp(seeded)
    async with app.run_test(size=(WIDTH, 24)) as pilot:
        await _every_mode_by_key_then_overview(pilot)
        dialogs = [*_every_dialog(seeded), KeysDialog(app.screen)]
        assert len(dialogs) >= 2 * DIALOG_PARTS
        for dialog in dialogs[part::DIALOG_PARTS]:
            name = type(dialog).__name__
            app.push_screen(dialog)
            await settle(pilot)
            await _footer(name, dialog, bad)
            await _pickers(pilot, name, dialog, bad)
            if not isinstance(dialog, KeysDialog):
                await _f1(pilot, name, dialog, bad)
            await _dialog(pilot, name, dialog, bad)
            if app.screen is dialog:
                dialog.dismiss(type(dialog).CANCEL_RESULT)
                await settle(pilot)
    assert bad == [], "\n".join(bad)
