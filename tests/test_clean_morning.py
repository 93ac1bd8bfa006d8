"""A clean morning check in three keys (3 · a · f), and the same from the command line."""

from __future__ import annotations

from kehoach_tui.app import KehoachApp
from kehoach_tui.cli import main
from kehoach_tui.config import today
from kehoach_tui.store import checklist as cl
from kehoach_tui.store.settings import put_settings


def run(capsys, *args):
    code = 0
    try:
        main(list(args))
    except SystemExit as exc:
        code = exc.code or 0
    out, err = capsys.readouterr()
    return code, out, err


async def test_clean_day_in_three_keys(seeded):
    put_settings(seeded, {"checklist.late_after": "23:59"}, actor="test")
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("3", "a", "f")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ChecklistScreen"  # no question left to answer
    day = cl.get_day(seeded, today())
    assert {m.state for m in day.marks} == {"ok"} and len(day.marks) == 16
    assert day.finished_at and not day.late


async def test_rest_ok_keeps_what_was_answered(seeded):
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("3", "down", "x", "n", "a")
        await pilot.pause()
    states = [m.state for m in cl.get_day(seeded, today()).marks]
    assert states[1] == "fail" and states[2] == "na"
    assert states.count("ok") == 14


def test_cli_mark_rest_ok(capsys, db_path):
    db = str(db_path)
    assert run(capsys, "--db", db, "init")[0] == 0
    assert run(capsys, "--db", db, "checklist", "mark", "INTERNET", "fail")[0] == 0
    code, out, _ = run(capsys, "--db", db, "checklist", "mark", "--rest", "ok")
    assert code == 0 and out.strip() == "05/11/2025 · 15 mục còn lại: OK"
    code, out, _ = run(capsys, "--db", db, "checklist", "finish")
    assert code == 0
    from kehoach_tui.store import open_store

    store = open_store(db_path)
    try:
        day = cl.get_day(store, today())
    finally:
        store.close()
    states = {m.item_code: m.state for m in day.marks}
    assert states.pop("INTERNET") == "fail" and set(states.values()) == {"ok"} and day.finished_at


def test_cli_mark_needs_an_item_or_rest(capsys, db_path):
    db = str(db_path)
    assert run(capsys, "--db", db, "init")[0] == 0
    code, _, err = run(capsys, "--db", db, "checklist", "mark")
    assert code != 0 and "--rest ok" in err
    code, _, err = run(capsys, "--db", db, "checklist", "mark", "INTERNET", "--rest", "ok")
    assert code != 0 and "--rest" in err
