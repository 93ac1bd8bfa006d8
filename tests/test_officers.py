"""Issue 16, item 2: named officers, one chosen at start-up or from the palette, recorded
as actor; never the OS login; `init --officer` on a set-up database changes the officer."""

from __future__ import annotations

import getpass
import json

import pytest

from kehoach_tui.app import KehoachApp
from kehoach_tui.store import open_store
from kehoach_tui.store.officers import (
    OfficerError,
    add_officer,
    current_officer,
    edit_officer,
    list_officers,
    use_officer,
)
from kehoach_tui.store.settings import get_setting
from kehoach_tui.store.setup import officer


def _last_actor(store) -> str:
    return store.conn.execute("SELECT actor FROM changes ORDER BY seq DESC LIMIT 1").fetchone()[0]


def test_cli_officers_add_list_use_and_init_changes_the_officer(capsys, db_path, cli):
    db = str(db_path)
    assert cli("--db", db, "init", "--officer", "Nguyễn Thị Hoa")[0] == 0
    code, out, _ = cli("--db", db, "officer", "add", "Trần Văn Nam", "--position", "Công chức VH-XH")
    assert code == 0 and "Trần Văn Nam — Công chức VH-XH" in out
    code, out, _ = cli("--db", db, "officer", "list", "--json")
    assert json.loads(out) == [
        {"name": "Nguyễn Thị Hoa", "position": "", "current": True},
        {"name": "Trần Văn Nam", "position": "Công chức VH-XH", "current": False}]
    code, out, _ = cli("--db", db, "officer", "use", "tran van nam")  # without diacritics
    assert code == 0 and "Trần Văn Nam" in out
    assert cli("--db", db, "task", "update", "1.1", "--progress", "10")[0] == 0
    code, out, _ = cli("--db", db, "task", "show", "1.1", "--json")
    assert json.loads(out)["updates"][0]["officer"] == "Trần Văn Nam"
    # a second init with --officer now sets the officer instead of "không thay đổi gì"
    code, out, err = cli("--db", db, "init", "--officer", "Lê Văn Tám")
    assert code == 0 and "không thay đổi gì" not in out and "Lê Văn Tám" in out, err
    code, out, _ = cli("--db", db, "officer", "list")
    assert "* Lê Văn Tám" in out
    code, _, err = cli("--db", db, "officer", "use", "Không Ai")
    assert code == 1 and len(err.strip().splitlines()) == 1 and "officer add" in err


def test_no_officer_from_the_os_login(capsys, db_path, monkeypatch, cli):
    monkeypatch.setattr(getpass, "getuser", lambda: "root")
    assert cli("--db", str(db_path), "init")[0] == 0
    store = open_store(db_path)
    try:
        assert officer(store) != "root" and list_officers(store) == []
    finally:
        store.close()


def test_names_are_unique_ignoring_diacritics_and_a_rename_follows(seeded):
    with pytest.raises(OfficerError, match="Đã có"):
        add_officer(seeded, "nguyen van a", actor="X")
    with pytest.raises(OfficerError):
        add_officer(seeded, "   ", actor="X")
    a = list_officers(seeded)[0]
    edit_officer(seeded, a.id, name="Nguyễn Văn An", position="Phó Chủ tịch", actor="X")
    assert get_setting(seeded, "officer") == "Nguyễn Văn An"
    assert current_officer(seeded).position == "Phó Chủ tịch"


def test_two_windows_record_their_own_officer(seeded, db_path):
    add_officer(seeded, "Trần Văn Nam", actor="X")
    other = open_store(db_path)
    try:
        use_officer(seeded, "Nguyễn Văn A")
        use_officer(other, "Trần Văn Nam")
        from kehoach_tui.store.reports import save_report_settings

        save_report_settings(seeded, {"signer_name": "A"}, actor=officer(seeded))
        assert _last_actor(seeded) == "Nguyễn Văn A"
        save_report_settings(other, {"signer_name": "B"}, actor=officer(other))
        assert _last_actor(other) == "Trần Văn Nam"
    finally:
        other.close()


async def test_start_up_asks_who_is_at_work_and_marks_are_theirs(seeded):
    add_officer(seeded, "Trần Văn Nam", "Công chức VH-XH", actor="X")
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.__class__.__name__ == "OfficerPicker"
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "OverviewScreen"
        assert officer(seeded) == "Trần Văn Nam"
        await pilot.press("3")
        await pilot.pause(0.3)
        await pilot.press("o")
        await pilot.pause(0.3)
        assert _last_actor(seeded) == "Trần Văn Nam"
        # switched from the palette
        await pilot.press("ctrl+p", *"doi can bo")
        await pilot.pause(0.4)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "OfficerPicker"
        await pilot.press("up", "enter")
        await pilot.pause()
        assert officer(seeded) == "Nguyễn Văn A"


async def test_start_up_with_no_named_officer_asks_the_name(capsys, db_path, cli):
    assert cli("--db", str(db_path), "init")[0] == 0
    store = open_store(db_path)
    try:
        app = KehoachApp(store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert app.screen.__class__.__name__ == "OfficerForm"
            await pilot.press("escape", "enter", "enter")  # no way round the name
            await pilot.pause()
            assert app.screen.__class__.__name__ == "OfficerForm"
            assert "không được để trống" in str(app.screen.query_one("#officer-error").render())
            await pilot.press(*"Phạm Thị Dung", "enter", *"Văn thư", "enter")
            await pilot.pause()
            assert app.screen.__class__.__name__ == "OverviewScreen"
        assert current_officer(store).label() == "Phạm Thị Dung — Văn thư"
        assert get_setting(store, "officer") == "Phạm Thị Dung"
    finally:
        store.close()


async def test_incident_text_names_the_officer_at_work(seeded):
    """The Zalo text's reporter is the officer chosen, not the first one set up."""
    add_officer(seeded, "Trần Văn Nam", actor="X")
    use_officer(seeded, "Trần Văn Nam")
    app = KehoachApp(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the picker: the current officer is highlighted
        await pilot.pause()
        await pilot.press("4", "n")
        await pilot.pause(0.3)
        assert app.screen.query_one("#f-reporter").value == "Trần Văn Nam"
