"""Hostile text through every input (CLI and TUI), shown on every screen: no crash, shown
literally, no escape sequence or control character reaches the terminal.

INPUT_PATHS lists how text gets in; each puts the corpus into a database. Every screen is
then visited and its full terminal output checked (tests/hostile.py). A new input (incident
note, checklist remark, imported bundle…) is one entry in INPUT_PATHS; a new screen is
checked automatically (every mode is visited).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from textual import events

from kehoach_tui.app import KehoachApp
from kehoach_tui.domain.vntext import clean_text
from kehoach_tui.modes import MODES
from kehoach_tui.store import open_store
from kehoach_tui.store.settings import get_setting, put_settings

from .hostile import HOSTILE, cli_unsafe, expected_on_screen, terminal_output, unsafe_bytes

NAMES = list(HOSTILE)


def toml_string(text: str) -> str:
    """A TOML basic string carrying text exactly (control characters as \\u escapes)."""
    out = []
    for ch in text:
        if ch in '"\\' or ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def hostile_plan(folder: Path) -> Path:
    """A plan file whose plan, group and task titles are the corpus, one string each."""
    lines = ["format = 1", "[plan]", 'code = "doc-hai"', f"title = {toml_string(HOSTILE['markup_click'])}",
             'level = "commune"', 'commune_code = "16969"']
    groups = ["markup_close", "osc0_title", "nfd", "emoji"]
    for n, name in enumerate(groups, start=1):
        lines += ["[[groups]]", f'code = "{n}"', f"title = {toml_string(HOSTILE[name])}"]
    for n, name in enumerate(NAMES, start=1):
        lines += ["[[tasks]]", f'code = "1.{n}"', 'group = "1"', f"title = {toml_string(HOSTILE[name])}",
                  f"description = {toml_string(HOSTILE[name])}", f"lead_units = [{toml_string(HOSTILE[name])}]",
                  'deadline = "Trước ngày 15/7/2025"']
    lines += ["[[targets]]", 'code = "CT1"', f"label = {toml_string(HOSTILE['markup_link'])}", "target_value = 100"]
    path = folder / "doc-hai.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --- input paths: (name, put the corpus in) -------------------------------------------------


def via_cli_plan_file(db: Path, tmp: Path, cli) -> list[str]:
    """`kehoach init --plan FILE --officer NAME`: plan, group and task titles."""
    code, out, err = cli("--db", str(db), "init", "--plan", str(hostile_plan(tmp)),
                         "--officer", HOSTILE["osc52_clipboard"])
    assert code == 0, err
    assert not cli_unsafe(out + err)
    return [HOSTILE[n] for n in NAMES if n != "long_10000"] + [HOSTILE["long_10000"]]


def via_settings_unclean(db: Path, tmp: Path, cli) -> list[str]:
    """A commune name written without cleaning (an older version, a future import): the
    screens must still strip it when showing it."""
    via_cli_plan_file(db, tmp, cli)
    store = open_store(db)
    put_settings(store, {"commune_name": HOSTILE["csi_colour_clear"]}, actor="T")
    store.close()
    return [HOSTILE["csi_colour_clear"]]


def via_raw_row(db: Path, tmp: Path, cli) -> list[str]:
    """A task title with raw control characters straight in the table (defence in depth)."""
    via_cli_plan_file(db, tmp, cli)
    store = open_store(db)
    store.db.conn.execute("UPDATE tasks SET title = ? WHERE code = '1.1'", (HOSTILE["osc52_clipboard"] + HOSTILE["c1_controls"],))
    store.close()
    return []


# What each command of the areas built on the store is given: (arguments, hostile texts).
def area_commands(item: str) -> list[tuple[list[str], list[str]]]:
    """Each hostile text starts with a word naming its field, so a screen showing it is told
    apart from one showing the same corpus string as a task title."""
    h = HOSTILE
    task_note, task_evidence = f"TN {h['markup_click']}", f"TE {h['csi_colour_clear']}"
    task_note2, target_note = f"TN2 {h['osc0_title']}", f"TV {h['osc52_clipboard']}"
    mark_note, incident_title = f"CM {h['csi_colour_clear']}", f"IT {h['markup_close']}"
    description, location = f"ID {h['rtl_marks']}", f"IL {h['nfd']}"
    move_note, title2, reporter = f"IN {h['c1_controls']}", f"IT2 {h['osc0_title']}", f"IR {h['markup_bold']}"
    return [
        (["task", "update", "1.1", "--progress", "40", "--note", task_note, "--officer", h["c1_controls"]],
         [task_note]),
        (["task", "update", "1.2", "--status", "Đang thực hiện", "--note", task_note2, "--evidence", task_evidence],
         [task_note2, task_evidence]),
        (["target", "set", "CT1", "40", "--period", "2025-10", "--note", target_note], [target_note]),
        (["checklist", "mark", item, "fail", "--note", mark_note], [mark_note]),
        (["incident", "open", "--title", incident_title, "--category", "power", "--description", description,
          "--location", location], [incident_title, description, location]),
        (["incident", "update", "1", "--status", "Đang xử lý", "--note", move_note], [move_note]),
        (["incident", "open", "--title", title2, "--category", "khac", "--reporter", reporter], [title2, reporter]),
    ]


def first_checklist_item(db: Path) -> str:
    from kehoach_tui.store.checklist import ensure_items, list_items

    store = open_store(db)
    try:
        ensure_items(store)
        return list_items(store)[0].code
    finally:
        store.close()


def via_cli_area_commands(db: Path, tmp: Path, cli) -> list[str]:
    """Task update, target value, checklist mark, incident open and update, all with
    hostile text: every command succeeds and prints nothing unsafe."""
    via_cli_plan_file(db, tmp, cli)
    for args, _ in area_commands(first_checklist_item(db)):
        code, out, err = cli("--db", str(db), *args)
        assert code == 0, (args[:2], err)
        assert not cli_unsafe(out + err), args[:2]
    # What the mode screens show as they open: the checklist's note, the incidents' titles
    # (notes of updates, target sources and incident details are on detail views).
    return [f"CM {HOSTILE['csi_colour_clear']}", f"IT {HOSTILE['markup_close']}", f"IT2 {HOSTILE['osc0_title']}"]


INPUT_PATHS: dict[str, Callable] = {
    "cli_plan_file": via_cli_plan_file,
    "settings_unclean": via_settings_unclean,
    "raw_row": via_raw_row,
    "cli_area_commands": via_cli_area_commands,
}


# --- stored clean -----------------------------------------------------------------------------


def test_cli_input_is_stored_clean(tmp_path, cli):
    db = tmp_path / "k.db"
    via_cli_plan_file(db, tmp_path, cli)
    store = open_store(db)
    try:
        titles = {r[0]: r[1] for r in store.db.conn.execute("SELECT code, title FROM tasks")}
        for n, name in enumerate(NAMES, start=1):
            assert titles[f"1.{n}"] == clean_text(HOSTILE[name]), name
            assert "\x1b" not in titles[f"1.{n}"]
        assert get_setting(store, "officer") == "]52;c;ZXZpbA==Bảng tạm"
        assert len(titles[f"1.{NAMES.index('long_10000') + 1}"]) == 10_004
    finally:
        store.close()


def stored_texts(store) -> list[str]:
    """Every text the area commands store from what was typed."""
    sql = [
        "SELECT note FROM task_updates", "SELECT evidence FROM task_updates", "SELECT updated_by FROM task_updates",
        "SELECT note FROM target_values", "SELECT note FROM checklist_marks",
        "SELECT title FROM incidents", "SELECT description FROM incidents", "SELECT location FROM incidents",
        "SELECT reporter FROM incidents", "SELECT note FROM incident_events",
    ]
    return [r[0] for q in sql for r in store.db.conn.execute(q)]


def test_area_commands_store_hostile_text_clean(tmp_path, cli):
    db = tmp_path / "k.db"
    via_cli_area_commands(db, tmp_path, cli)
    store = open_store(db)
    try:
        stored = stored_texts(store)
        for text in stored:
            assert "\x1b" not in text and "\x07" not in text and not any("\x80" <= ch <= "\x9f" for ch in text)
        for args, texts in area_commands("x"):
            for text in texts:
                assert clean_text(text) in stored, (args[:2], text[:20])
        assert "TN [@click=app.quit]bấm thoát[/]" in stored  # markup kept literally, as text
        officer = store.db.conn.execute("SELECT updated_by FROM task_updates WHERE note LIKE 'TN %'").fetchone()[0]
        assert officer == clean_text(HOSTILE["c1_controls"]).strip()
    finally:
        store.close()


def test_cli_output_never_carries_escapes(tmp_path, cli):
    db = tmp_path / "k.db"
    via_raw_row(db, tmp_path, cli)
    code, out, err = cli("--db", str(db), "tasks")
    assert code == 0 and not cli_unsafe(out + err)
    assert "[@click=app.quit]bấm thoát[/]" in out or "[bold]đậm[/bold] chữ" in out
    code, out, _ = cli("--db", str(db), "tasks", "--json")
    rows = json.loads(out)
    assert code == 0 and not cli_unsafe(out)
    assert rows[1]["title"] == clean_text(HOSTILE["markup_close"])


def test_hostile_database_path_in_messages(tmp_path, cli):
    folder = tmp_path / "th\x1b]0;x\x07ư mục"
    folder.mkdir()
    code, out, err = cli("--db", str(folder / "k.db"), "init")
    assert code == 0 and not cli_unsafe(out + err)
    code, out, err = cli("--db", str(folder / "k.db"), "restore", str(folder / "\x1b[2Jkhông-có.db"))
    assert code == 1 and not cli_unsafe(out + err)


# --- shown on every screen --------------------------------------------------------------------


async def visit_every_screen(app, pilot, check: Callable[[str, str, str], None]) -> None:
    await pilot.pause()
    for number, mode in enumerate(MODES, start=1):
        await pilot.press(str(number))
        await pilot.pause()
        assert app.current_mode == mode
        check(mode, *terminal_output(app))
    await pilot.press("ctrl+p")  # the command palette lists screens' own commands too
    await pilot.pause()
    check("palette", *terminal_output(app))


SCREEN_RUNS = [(name, (200, 60)) for name in INPUT_PATHS] + [("cli_plan_file", (80, 24))]


@pytest.mark.parametrize(("path_name", "size"), SCREEN_RUNS, ids=[f"{n}-{w}x{h}" for n, (w, h) in SCREEN_RUNS])
async def test_every_screen_shows_hostile_text_safely(tmp_path, cli, path_name, size):
    db = tmp_path / "k.db"
    must_show = INPUT_PATHS[path_name](db, tmp_path, cli)
    store = open_store(db)
    shown: dict[str, str] = {}

    def check(mode: str, terminal: str, text: str) -> None:
        assert unsafe_bytes(terminal, text) == [], f"{path_name} on {mode}"
        shown[mode] = text

    try:
        app = KehoachApp(store)
        async with app.run_test(size=size) as pilot:
            await visit_every_screen(app, pilot, check)
            assert app.is_running  # [@click=app.quit] did not become an action
    finally:
        store.close()
    if size[0] >= 200:
        everything = "\n".join(shown.values())
        for text in must_show:
            assert expected_on_screen(text) in everything, (path_name, text[:30])


async def test_click_on_hostile_title_does_not_quit(tmp_path, cli):
    db = tmp_path / "k.db"
    via_cli_plan_file(db, tmp_path, cli)
    store = open_store(db)
    try:
        app = KehoachApp(store)
        async with app.run_test(size=(200, 60)) as pilot:
            await pilot.pause()
            _, text = terminal_output(app)
            row = next(i for i, line in enumerate(text.splitlines()) if "[@click=app.quit]" in line)
            column = text.splitlines()[row].index("[@click=app.quit]")
            await pilot.click(offset=(column + 2, row))
            await pilot.pause()
            assert app.is_running
    finally:
        store.close()


# --- TUI inputs ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
async def test_first_run_inputs_take_hostile_paste(store, name):
    """Pasted into the province field: the error names it literally, safely; pasted as the
    officer's name: stored clean."""
    app = KehoachApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.focused.post_message(events.Paste(HOSTILE[name]))
        await pilot.pause()
        await pilot.press("enter", "enter", "enter", "enter")
        await pilot.pause()
        terminal, text = terminal_output(app)
        assert unsafe_bytes(terminal, text) == []
        assert app.screen.__class__.__name__ == "FirstRunScreen"
        error = str(app.screen.query_one("#first-error").render())
        assert "\x1b" not in error
        province = app.screen.query_one("#province")
        province.value = ""
        officer = app.screen.query_one("#officer")
        officer.focus()
        await pilot.pause()
        officer.post_message(events.Paste(HOSTILE[name]))
        await pilot.pause()
        app.screen.query_one("#start").press()
        await pilot.pause()
        terminal, text = terminal_output(app)
        assert unsafe_bytes(terminal, text) == []
    officer_name = get_setting(store, "officer")
    assert officer_name is not None and "\x1b" not in officer_name
    # An Input takes the first line of a paste (str.splitlines: NEL U+0085 ends a line too).
    first_line = HOSTILE[name].splitlines()[0]
    assert officer_name == (" ".join(clean_text(first_line).split()) or officer_name)


async def paste_into_every_input(app, pilot) -> int:
    from textual.widgets import Input

    count = 0
    for field in app.screen.query(Input):
        field.focus()
        await pilot.pause()
        for name in ("osc52_clipboard", "c1_controls"):
            field.value = ""
            field.post_message(events.Paste(HOSTILE[name]))
            await pilot.pause()
            terminal, text = terminal_output(app)
            assert unsafe_bytes(terminal, text) == [], (app.screen, field.id, name)
        field.value = ""
        count += 1
    return count


async def test_every_text_field_on_every_screen_takes_hostile_paste(store):
    """Each Input anywhere (first run now; every screen's fields as they are added)."""
    app = KehoachApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        fields = await paste_into_every_input(app, pilot)
        assert fields >= 4  # the first-run form
        for name in ("province", "commune", "officer", "plan"):
            app.screen.query_one(f"#{name}").value = ""
        app.screen.query_one("#officer").value = "Lê Văn Tám"  # required: no default name
        app.screen.query_one("#start").press()
        await pilot.pause()
        for number, _ in enumerate(MODES, start=1):
            await pilot.press(str(number))
            await pilot.pause()
            await paste_into_every_input(app, pilot)
