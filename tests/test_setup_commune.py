"""First-run setup and `kehoach init` are one action: the same checks, the same result."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from kehoach_tui.app import KehoachApp
from kehoach_tui.communes import commune_by_code
from kehoach_tui.errors import PlanError
from kehoach_tui.plan_files import resolve_plan
from kehoach_tui.store.plans import active_plan
from kehoach_tui.store.settings import get_setting, is_initialised
from kehoach_tui.sync.keys import load_key


async def _first_run(app, pilot, *fields: str) -> None:
    """Type each field of the first-run form (empty = keep the default) and press Enter.
    The officer's name (third) has no default: it is required."""
    await pilot.pause()
    assert app.screen.__class__.__name__ == "FirstRunScreen"
    for text in fields:
        await pilot.press(*text, "enter")
        await pilot.pause()


async def test_first_run_refuses_commune_outside_the_province_plan(store, capsys, tmp_path, cli):
    # `kehoach init` refuses Nghĩa Thọ (Nghệ An) for the Thanh Hóa province plan ...
    code, _, err = cli("--db", str(tmp_path / "cli.db"), "init", "--plan", "thanh-hoa",
                       "--commune", "16969")
    assert code == 1 and "không thuộc Tỉnh Thanh Hóa" in err
    # ... and so does the first run, with the same reason, leaving the database empty.
    app = KehoachApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _first_run(app, pilot, "", "", "Lê Văn Tám", "thanh-hoa")
        assert app.screen.__class__.__name__ == "FirstRunScreen"
        error = str(app.screen.query_one("#first-error").render())
        assert "không thuộc Tỉnh Thanh Hóa" in error and "thanh-hoa" in error
        assert isinstance(app.focused, Input) and app.focused.id == "commune"
    assert not is_initialised(store)
    assert load_key("commune", "16969") is None


async def test_first_run_province_plan_for_one_of_its_communes(store):
    app = KehoachApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _first_run(app, pilot, "Thanh Hóa", "Xã Sơn Thủy", "Lê Văn Tám", "thanh-hoa")
        assert app.current_mode == "overview"
    assert get_setting(store, "commune_code") == "15010"
    assert active_plan(store).code == "thanh-hoa"
    assert load_key("commune", "15010") is not None


def test_setup_commune_installs_once_and_makes_the_key(store):
    from kehoach_tui.commune_setup import setup_commune

    plan = resolve_plan("nghia-tho")
    done = setup_commune(store, plan=plan, commune_code=None, officer="  Lê  Văn Tám ")
    assert done.installed and done.commune.code == "16969" and done.key_error is None
    assert get_setting(store, "officer") == "Lê Văn Tám"
    assert load_key("commune", "16969") is not None
    again = setup_commune(store, plan=resolve_plan("son-thuy"), commune_code=None, officer="B")
    assert not again.installed and active_plan(store).code == "nghia-tho"


def test_setup_commune_checks_the_place_before_writing(store):
    from kehoach_tui.commune_setup import setup_commune

    with pytest.raises(PlanError, match="không thuộc"):
        setup_commune(store, plan=resolve_plan("thanh-hoa"), commune_code=commune_by_code("16969").code,
                      officer="")
    assert not is_initialised(store)
